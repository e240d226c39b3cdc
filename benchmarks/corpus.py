#!/usr/bin/env python3
"""Write a deterministic benchmark content root: a practice.yaml and N articles.

    python benchmarks/corpus.py --n 10000 --out benchmarks/work/n10000 [--seed 42]

The practice has a placeholder URL under a reserved domain, two offices, one therapist with
credentials and three services. Each article uses our front matter (title, a 120–156-character
description, slug, date_published, sometimes date_modified, author, services, keywords, sometimes
`about` conditions, an image with alt text) and has 800–1,200 words of Markdown: `##` headings,
bulleted and numbered lists, emphasis, a quotation, links (to another article, a service page and
an external reference) and images.

The same (n, seed) always gives byte-identical files, whatever the platform: each article has its
own random generator seeded from (seed, index), and files are written with ``\\n`` line endings.
Articles are generated and written one at a time, so 100,000 articles need no more memory than one.

Every image the articles name is written into ``static/images/``, so a build or a check finds it:
each article's own lead image (``<slug>.jpg``, 1200 × 800 as its front matter says) and, shared by
the articles of one topic, a diagram (``diagrams/<topic>.png``) and a stretch
(``stretches/<topic>.jpg``). They are small valid files of one grey (a baseline JPEG of 3.7 KB,
a 1-bit PNG of a few hundred bytes); every lead image has the same bytes.

Hugo reads the same ``articles/`` and ``static/`` folders (its front matter is YAML too and it
ignores unknown keys); the benchmark's Hugo config maps ``date_published`` to Hugo's date.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from corpus_data import (
    ANGLES,
    AUDIENCES,
    HEADINGS,
    KEYWORDS,
    PRACTICE_YAML,
    SERVICES,
    THERAPIST,
    TOPICS,
    WORD_POOL,
)
from corpus_images import gray_jpeg, gray_png

__all__ = [
    "MAX_WORDS",
    "MIN_WORDS",
    "PRACTICE_YAML",
    "CorpusStats",
    "article_slug",
    "article_text",
    "article_title",
    "gray_jpeg",
    "gray_png",
    "write_corpus",
]

MIN_WORDS = 800
MAX_WORDS = 1200
"""Every article body has between MIN_WORDS and MAX_WORDS whitespace-separated words."""
MIN_DESCRIPTION = 120
MAX_DESCRIPTION = 156

WORDS = tuple(WORD_POOL.split())
_SHORT = tuple(word for word in WORDS if len(word) <= 6)
EPOCH = date(2016, 1, 1)
LEAD_IMAGE_SIZE = (1200, 800)
"""The lead image's width and height, as every article's front matter states them."""
BODY_IMAGE_SIZE = (800, 600)


@dataclass(frozen=True, slots=True)
class CorpusStats:
    """What :func:`write_corpus` wrote."""

    articles: int
    words: int
    bytes: int
    seconds: float
    static_files: int = 0
    static_bytes: int = 0


def topic_slug(topic: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", topic.lower().replace("'", "")).strip("-")


def _combination(index: int) -> tuple[int, int, int, int]:
    """(topic, angle, audience, part): a different title for every index."""
    topic, rest = index % len(TOPICS), index // len(TOPICS)
    angle, rest = rest % len(ANGLES), rest // len(ANGLES)
    audience, part = rest % len(AUDIENCES), rest // len(AUDIENCES)
    return topic, angle, audience, part + 1


def article_title(index: int) -> str:
    """The title of article ``index`` (unique within a corpus)."""
    topic, angle, audience, part = _combination(index)
    name = TOPICS[topic][0]
    title = f"{name[0].upper()}{name[1:]} for {AUDIENCES[audience].lower()}: {ANGLES[angle]}"
    return title if part == 1 else f"{title}, Part {part}"


def article_slug(index: int) -> str:
    """The slug of article ``index``, derived from its title (so links can name any article)."""
    return re.sub(r"[^a-z0-9]+", "-", article_title(index).lower().replace("'", "")).strip("-")


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choices(WORDS, k=count))


def _sentence(rng: random.Random, count: int) -> str:
    text = _words(rng, count)
    return f"{text[0].upper()}{text[1:]}."


def _paragraph(rng: random.Random, count: int, topic: str) -> str:
    """A paragraph of exactly ``count`` words (count ≥ 4), with a little emphasis."""
    sentences = []
    left = count
    while left:
        size = min(left, rng.randint(9, 19))
        if 0 < left - size < 4:  # never leave a fragment shorter than four words
            size = left
        sentences.append(_sentence(rng, size))
        left -= size
    text = " ".join(sentences)
    roll = rng.random()
    if roll < 0.25:
        words = text.split(" ")
        spot = rng.randrange(1, len(words) - 1)
        words[spot] = f"**{words[spot]}**"
        text = " ".join(words)
    elif roll < 0.4:
        words = text.split(" ")
        spot = rng.randrange(1, len(words) - 1)
        words[spot] = f"*{words[spot]}*"
        text = " ".join(words)
    elif roll < 0.55 and count > 12:
        # Replace the first words of the last sentence with the topic, keeping the count.
        words = text.split(" ")
        topic_words = topic.split(" ")
        if len(topic_words) + 2 <= len(words):
            words[-len(topic_words) - 1 : -1] = topic_words
            text = " ".join(words)
    return text


def _list(rng: random.Random, ordered: bool) -> str:
    items = []
    for number in range(1, rng.randint(4, 6) + 1):
        marker = f"{number}." if ordered else "-"
        items.append(f"{marker} {_sentence(rng, rng.randint(5, 12))}")
    return "\n".join(items)


def _description(rng: random.Random, topic: str, audience: str) -> str:
    text = f"How massage and neuromuscular therapy can help {audience.lower()} with {topic}:"
    length = rng.randint(MIN_DESCRIPTION, MAX_DESCRIPTION - 8)
    while len(text) < length:
        text += " " + rng.choice(_SHORT)  # at most 7 more characters: never past the maximum
    return text + "."


def _front_matter(index: int, rng: random.Random) -> list[str]:
    topic_at, _angle, audience_at, _part = _combination(index)
    topic, condition, code = TOPICS[topic_at]
    slug = article_slug(index)
    published = EPOCH + timedelta(days=(index * 37) % 2900)
    lines = [
        "---",
        f"title: {json.dumps(article_title(index))}",
        f"description: {json.dumps(_description(rng, topic, AUDIENCES[audience_at]))}",
        f"slug: {slug}",
        f"date_published: {published.isoformat()}",
    ]
    if rng.random() < 0.4:
        modified = published + timedelta(days=rng.randint(1, 400))
        lines.append(f"date_modified: {modified.isoformat()}")
    lines.append(f"author: {THERAPIST}")
    services = sorted(rng.sample(SERVICES, rng.randint(1, 2)), key=SERVICES.index)
    lines.append(f"services: [{', '.join(services)}]")
    keywords = [topic, *rng.sample(KEYWORDS, rng.randint(1, 3))]
    lines.append(f"keywords: [{', '.join(json.dumps(keyword) for keyword in keywords)}]")
    if condition and rng.random() < 0.6:
        lines.append("about:")
        lines.append(f"  - name: {json.dumps(condition)}")
        if code:
            lines.append(f'    code: "{code}"')
            lines.append("    code_system: ICD-10-CM")
    lines += [
        "image:",
        f"  src: /images/{slug}.jpg",
        f"  alt: {json.dumps(f'A massage therapist working on {topic} with a client')}",
        "  width: 1200",
        "  height: 800",
        "---",
        "",
    ]
    return lines


def _body(index: int, n: int, rng: random.Random) -> str:
    topic_at, _angle, _audience, _part = _combination(index)
    topic = TOPICS[topic_at][0]
    target = rng.randint(MIN_WORDS + 40, MAX_WORDS - 60)
    headings = rng.sample(HEADINGS, rng.randint(5, 7))
    sections = len(headings)
    other = (index * 7919 + 1) % n if n > 1 else index
    service = rng.choice(SERVICES)
    # The fixed blocks: headings, lists, links, images and a quotation, spread over the sections.
    extras: list[list[str]] = [[] for _ in range(sections)]
    extras[0].append(_list(rng, ordered=False))
    extras[min(2, sections - 1)].append(_list(rng, ordered=True))
    shared = topic_slug(topic)
    extras[rng.randrange(sections)].append(
        f"![A diagram for {topic}](/images/diagrams/{shared}.png)"
    )
    extras[rng.randrange(sections)].append(
        f"> {_sentence(rng, rng.randint(10, 16))} Clients say this more than anything else."
    )
    extras[rng.randrange(sections)].append(
        f"Read [{article_title(other)}](/articles/{article_slug(other)}/) next, "
        f"or see how [{service.replace('-', ' ')}](/services/{service}/) sessions work."
    )
    extras[rng.randrange(sections)].append(
        f"For background, see [this overview of {topic}](https://www.example.org/topics/"
        f"{topic_at}) and ![A stretch for {topic}](/images/stretches/{shared}.jpg)"
    )
    blocks = [_paragraph(rng, rng.randint(40, 70), topic)]
    section_blocks: list[list[str]] = []
    count = len(blocks[0].split())
    for heading, fixed in zip(headings, extras, strict=True):
        block = [f"## {heading.format(topic=topic)}", *fixed]
        count += sum(len(part.split()) for part in block)
        section_blocks.append(block)
    # Fill the sections with paragraphs up to exactly `target` words.
    at = 0
    while count < target:
        size = rng.randint(45, 95)
        if target - count - size < 30:  # no short paragraph at the end: absorb the rest
            size = max(target - count, 4)
        section_blocks[at % sections].append(_paragraph(rng, size, topic))
        count += size
        at += 1
    for block in section_blocks:
        blocks += block
    return "\n\n".join(blocks) + "\n"


def article_text(index: int, n: int, seed: int = 42) -> str:
    """The whole file of article ``index`` in a corpus of ``n``: front matter and body."""
    rng = random.Random(f"{seed}:{index}")  # str seeds hash with SHA-512: stable everywhere
    return "\n".join(_front_matter(index, rng)) + "\n" + _body(index, n, rng)


def write_corpus(n: int, out: Path, seed: int = 42) -> CorpusStats:
    """Write ``out/practice.yaml`` and ``out/articles/<slug>.md`` for n articles.

    Refuses (FileExistsError) when ``out/articles`` already holds files, so a corpus is never
    mixed with another one.
    """
    started = time.perf_counter()
    articles = out / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    with os.scandir(articles) as entries:
        if next(entries, None) is not None:
            raise FileExistsError(f"{articles} is not empty; choose an empty or new folder")
    with (out / "practice.yaml").open("w", encoding="utf-8", newline="\n") as file:
        file.write(PRACTICE_YAML)
    words = size = 0
    for index in range(n):
        text = article_text(index, n, seed)
        words += len(text.split("\n---\n", 1)[1].split())
        data = text.encode("utf-8")
        size += len(data)
        (articles / f"{article_slug(index)}.md").write_bytes(data)
    static_files, static_bytes = _write_images(n, out / "static" / "images")
    return CorpusStats(n, words, size, time.perf_counter() - started, static_files, static_bytes)


def _write_images(n: int, images: Path) -> tuple[int, int]:
    """Every image the articles name; (files, bytes)."""
    lead, body_jpeg = gray_jpeg(*LEAD_IMAGE_SIZE), gray_jpeg(*BODY_IMAGE_SIZE)
    body_png = gray_png(*BODY_IMAGE_SIZE)
    files = [(images / f"{article_slug(index)}.jpg", lead) for index in range(n)]
    for topic, _condition, _code in TOPICS[: min(n, len(TOPICS))]:
        files.append((images / "diagrams" / f"{topic_slug(topic)}.png", body_png))
        files.append((images / "stretches" / f"{topic_slug(topic)}.jpg", body_jpeg))
    for folder in (images, images / "diagrams", images / "stretches"):
        folder.mkdir(parents=True, exist_ok=True)
    for path, data in files:
        path.write_bytes(data)
    return len(files), sum(len(data) for _path, data in files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a deterministic benchmark content root.")
    parser.add_argument("--n", type=int, required=True, help="how many articles")
    parser.add_argument("--out", type=Path, required=True, help="the content root to create")
    parser.add_argument("--seed", type=int, default=42, help="the random seed (default: 42)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("--n must be 0 or more")
    try:
        stats = write_corpus(args.n, args.out, args.seed)
    except FileExistsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    mean = stats.words / stats.articles if stats.articles else 0
    print(
        f"wrote {stats.articles:,} articles ({stats.bytes / 2**20:.1f} MiB, mean {mean:.0f} "
        f"words) and {stats.static_files:,} images ({stats.static_bytes / 2**20:.1f} MiB) "
        f"to {args.out} in {stats.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
