#!/usr/bin/env python3
"""Write a deterministic content root for benchmarks: a practice.yaml and N articles.

    python benchmarks/corpus.py --n 10000 --out benchmarks/work/n10000 [--seed 42]

Each article has our front matter (title, description, slug, dates, author, services, keywords,
sometimes conditions, an image with alt text) and 800–1,200 words of Markdown with `##` headings,
lists, links and an image. The same (n, seed) always gives byte-identical files. Hugo can read the
same `articles/` folder (its front matter is YAML too; the harness maps `date_published`).
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

PRACTICE = """\
practice:
  name: Benchmark Massage Practice
  url: https://bench-practice.example/
  description: Massage therapy, neuromuscular therapy and craniosacral therapy in two towns.
locations:
  - id: north
    name: North office
    address: {street: 1 Main St, locality: Mount Shasta, region: CA, postal_code: "96067"}
    telephone: "+1-530-555-0100"
    area_served: [{name: Mount Shasta, county: Siskiyou County}]
  - id: south
    name: South office
    address: {street: 2 Oak Ave, locality: Redding, region: CA, postal_code: "96001"}
    telephone: "+1-530-555-0101"
    area_served: [{name: Redding, county: Shasta County}]
therapists:
  - id: pat
    name: Pat Example
    job_title: Massage therapist
    credentials:
      - name: Certified Massage Therapist
        category: certificate
        identifier: "10001"
        issuer: {name: California Massage Therapy Council, short_name: CAMTC, url: "https://www.camtc.org"}
services:
  - id: massage
    name: Massage therapy
    description: Therapeutic massage sessions for muscle tension, stress and recovery in Mount Shasta and Redding.
  - id: nmt
    name: Neuromuscular therapy
    description: Focused neuromuscular therapy on trigger points and muscle tension, in both of our offices.
  - id: craniosacral
    name: Craniosacral therapy
    description: Gentle craniosacral therapy sessions with a certified massage therapist in two offices.
"""

TOPICS = (
    "lower back pain", "neck tension", "shoulder stiffness", "headaches", "sciatica",
    "hip tightness", "desk posture", "runner's knee", "stress", "sleep", "plantar fascia",
    "jaw tension", "upper back pain", "recovery after hiking", "tension in the forearms",
)  # fmt: skip
ANGLES = (
    "What to Expect", "A Practical Guide", "Questions and Answers", "How Massage Can Help",
    "Simple Habits", "When to See a Doctor", "Myths and Facts", "A First Session",
)  # fmt: skip
_WORD_POOL = (
    "muscle tension pressure session therapist client breathing posture movement comfort "
    "gentle steady slow careful focused relaxed tissue fascia stretch rest recovery daily "
    "habit walk sit stand shoulder neck back hip leg arm hand foot warm cool water sleep "
    "stress calm communication feedback range motion strength balance routine week month "
    "appointment schedule office practice hands technique approach response body mind"
)
WORDS = tuple(_WORD_POOL.split())


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def article(index: int, rng: random.Random, start: date) -> tuple[str, str]:
    topic = TOPICS[index % len(TOPICS)]
    title = f"{topic.capitalize()}: {ANGLES[(index // len(TOPICS)) % len(ANGLES)]} {index:05d}"
    slug = f"article-{index:05d}"
    published = start + timedelta(days=index % 2000)
    description = (
        f"How massage and neuromuscular therapy relate to {topic}, what a session feels like, "
        "and simple habits that help between visits."
    )[:156]
    lines = [
        "---",
        f'title: "{title}"',
        f'description: "{description}"',
        f"slug: {slug}",
        f"date_published: {published.isoformat()}",
    ]
    if index % 3 == 0:
        lines.append(f"date_modified: {(published + timedelta(days=30)).isoformat()}")
    lines += [
        "author: pat",
        f"services: [{rng.choice(['massage', 'nmt', 'craniosacral'])}]",
        f'keywords: ["{topic}", "massage therapy"]',
        f"image: {{src: /images/{slug}.jpg, alt: An illustration for {topic}}}",
    ]
    if index % 2 == 0:
        lines.append(f'about: [{{name: "{topic.capitalize()}"}}]')
    lines += ["---", ""]
    body = [paragraph(rng, 5), ""]
    words = len(body[0].split())
    section = 0
    target = rng.randint(820, 1150)
    while words < target:
        section += 1
        body += [f"## Section {section} on {topic}", "", paragraph(rng, 4), ""]
        if section % 2 == 1:
            items = [f"- {sentence(rng)}" for _ in range(4)]
            body += [*items, ""]
        else:
            body += [f"1. {sentence(rng)}", f"2. {sentence(rng)}", f"3. {sentence(rng)}", ""]
        body += [
            f"Read more in [our notes on {topic}](/articles/article-{(index + 1) % 10000:05d}/) "
            f"and see ![A diagram for {topic}](/images/{slug}-{section}.png).",
            "",
        ]
        words = sum(len(line.split()) for line in body)
    return slug, "\n".join(lines + body)


def write_corpus(n: int, out: Path, seed: int = 42) -> None:
    """Write practice.yaml and n articles into ``out`` (streaming: one article in memory)."""
    articles = out / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    (out / "practice.yaml").write_text(PRACTICE, encoding="utf-8")
    start = date(2019, 1, 1)
    for index in range(n):
        rng = random.Random(seed * 1_000_003 + index)
        slug, text = article(index, rng, start)
        (articles / f"{slug}.md").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    write_corpus(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()
