"""Bad content, through every command: one located message, exit code 2, nothing written.

Each case in ``BAD_CASES`` breaks a valid content root in one way. For each of `validate`, `build`
and `check`, the command must print exactly one `path:line:col: error: field: message` line that
says what to do, end with the count line, exit 2, and leave no output behind: `build --out`
creates nothing (not even a temporary folder), and a previous build's output stays byte for byte.

Unicode in titles and slugs must work instead: those pages are built at the expected URL, with an
NFC-normalised slug. Slugs can never reach a file the build writes itself (the reserved names are
taken from a real build and from :data:`nmt_content.urls.RESERVED_PATHS`, not copied here).
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest

from nmt_content.cli import main
from nmt_content.content.yaml_source import YamlSource
from nmt_content.limits import MAX_CONTENT_FILE_BYTES, MAX_SLUG_CHARS, MAX_TITLE_CHARS
from nmt_content.pipeline.build import build_site
from nmt_content.pipeline.loading import load_site
from nmt_content.urls import RESERVED_PATHS

from ..conftest import MINIMAL_ARTICLE, MINIMAL_PRACTICE

COMMANDS = ("validate", "build", "check")
ARTICLE = "articles/test-article.md"
BAD = "articles/bad.md"


def article(**fields: str | None) -> str:
    """The minimal article with some front-matter lines replaced (``None`` removes the field)."""
    lines = MINIMAL_ARTICLE.split("\n")
    end = lines.index("---", 1)
    front = dict(line.split(": ", 1) for line in lines[1:end])
    for key, value in fields.items():
        if value is None:
            front.pop(key, None)
        else:
            front[key] = value
    head = [f"{key}: {value}" for key, value in front.items()]
    return "\n".join(["---", *head, *lines[end:]])


def practice(old: str, new: str) -> str:
    assert old in MINIMAL_PRACTICE, old
    return MINIMAL_PRACTICE.replace(old, new, 1)


@dataclass(frozen=True)
class Bad:
    """One way to break the content, and the one error line it must give."""

    id: str
    files: dict[str, str | bytes]
    """Files to write (relative to the content root), over the valid minimal content."""
    where: str
    """The start of the error line: `path`, `path:line` or `path:line:col`."""
    field: str
    """The field the message names ("" for the whole file)."""
    message: str
    """A regular expression the message must match (what is wrong and what to do)."""
    count: int = 1
    extra: Callable[[str], None] | None = field(default=None, compare=False)


_SERVICE = "    name: Massage therapy\n"
_UTF8_ARTICLE = MINIMAL_ARTICLE.encode()
_LATIN1_OFFSET = _UTF8_ARTICLE.index(b"More text.") + len(b"More caf")
_HUGE_TITLE = "Massage " * 1250  # 10,000 characters


def _no_title_echo(err: str) -> None:
    assert len(err) < 2_000, "the message must not repeat a 10,000-character title"
    assert str(MAX_TITLE_CHARS) in err


BAD_CASES = [
    # -- the shape of the file ---------------------------------------------------------------
    Bad(
        "no-front-matter",
        {BAD: "# Just a heading\n\nText.\n"},
        f"{BAD}:1",
        "",
        r"no front matter: the first line must be `---`",
    ),
    Bad(
        "unclosed-front-matter",
        {BAD: "---\ntitle: Open\ndescription: x\n\nBody text\n"},
        f"{BAD}:1",
        "",
        r"never closed: add a line with only `---`",
    ),
    Bad(
        "empty-front-matter",
        {BAD: "---\n---\nBody\n"},
        f"{BAD}:1",
        "",
        r"front matter is empty; it needs at least `title`",
    ),
    Bad(
        "invalid-yaml",
        {BAD: "---\ntitle: A: B\ndate_published: 2024-01-01\n---\nBody\n"},
        f"{BAD}:2:",
        "",
        r"invalid YAML: .*put text that contains `: ` in quotes",
    ),
    Bad(
        "yaml-list-at-top",
        {BAD: "---\n- a\n- b\n---\nBody\n"},
        f"{BAD}:2",
        "",
        r"expected `key: value` lines at the top level, found a list",
    ),
    Bad(
        "tab-in-front-matter",
        {BAD: "---\ntitle: Tabs\nimage:\n\tsrc: /a.jpg\n---\nBody\n"},
        f"{BAD}:4:",
        "",
        r"a tab is used for indentation; YAML allows only spaces: replace the tab",
    ),
    Bad(
        "tab-in-practice",
        {"practice.yaml": practice("  name: Test Practice", "\tname: Test Practice")},
        "practice.yaml:2:",
        "",
        r"a tab is used for indentation; YAML allows only spaces: replace the tab",
    ),
    Bad(
        "utf16-le-bom",
        {BAD: b"\xff\xfe" + MINIMAL_ARTICLE.encode("utf-16-le")},
        f"{BAD}:1:1",
        "",
        r"the file is UTF-16 .*; re-save it as UTF-8",
    ),
    Bad(
        "utf16-be-bom",
        {BAD: b"\xfe\xff" + MINIMAL_ARTICLE.encode("utf-16-be")},
        f"{BAD}:1:1",
        "",
        r"the file is UTF-16 .*; re-save it as UTF-8",
    ),
    Bad(
        "utf32-bom",
        {BAD: MINIMAL_ARTICLE.encode("utf-32")},
        f"{BAD}:1:1",
        "",
        r"the file is UTF-32 .*; re-save it as UTF-8",
    ),
    Bad(
        "utf16-practice-without-bom",
        {"practice.yaml": MINIMAL_PRACTICE.encode("utf-16-le")},
        "practice.yaml:1:",
        "",
        r"the file is UTF-16 .*; re-save it as UTF-8",
    ),
    Bad(
        "latin1-byte",
        {BAD: _UTF8_ARTICLE.replace(b"More text.", b"More caf\xe9 text.")},
        f"{BAD}:{MINIMAL_ARTICLE.splitlines().index('More text.') + 1}:9",
        "",
        rf"not UTF-8: byte 0xe9 at offset {_LATIN1_OFFSET} .*; re-save it as UTF-8",
    ),
    Bad(
        "nul-bytes-binary",
        {BAD: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        f"{BAD}:1:1",
        "",
        r"not UTF-8: byte 0x89 at offset 0 .*; re-save it as UTF-8",
    ),
    Bad("empty-article", {BAD: ""}, f"{BAD}:1", "", r"the file is empty; an article starts with"),
    Bad(
        "blank-article",
        {BAD: "\n  \n\t\n"},
        f"{BAD}:1",
        "",
        r"the file is empty; an article starts with",
    ),
    Bad(
        "bom-only-article",
        {BAD: b"\xef\xbb\xbf"},
        f"{BAD}:1",
        "",
        r"the file is empty; an article starts with",
    ),
    Bad(
        "empty-practice",
        {"practice.yaml": ""},
        "practice.yaml:1",
        "",
        r"the file is empty; it needs `practice`, `locations`",
    ),
    Bad(
        "oversized-article",
        {BAD: MINIMAL_ARTICLE + "Massage helps muscles relax.\n" * 362_000},  # 10 MB
        f"{BAD}: error: ",
        "",
        r"the file is 10\.\d MB; a content file may be at most 1 MiB .*: split it",
    ),
    Bad(
        "oversized-practice",
        {"practice.yaml": MINIMAL_PRACTICE + "# padding\n" * (MAX_CONTENT_FILE_BYTES // 10 + 1)},
        "practice.yaml: error: ",
        "",
        r"a content file may be at most 1 MiB",
    ),
    # -- fields ------------------------------------------------------------------------------
    Bad(
        "title-10000-characters",
        {ARTICLE: article(title=_HUGE_TITLE.strip())},
        f"{ARTICLE}:2:8",
        "title",
        rf"the title is 9,999 characters long; the limit is {MAX_TITLE_CHARS}.*shorten it",
        extra=_no_title_echo,
    ),
    Bad(
        "impossible-date",
        {ARTICLE: article(date_published="2026-02-30")},
        f"{ARTICLE}:4:17",
        "date_published",
        r"day value is outside expected range \(got '2026-02-30'\)",
    ),
    Bad(
        "impossible-date-modified",
        {ARTICLE: article(date_modified="2026-13-01")},
        f"{ARTICLE}:",
        "date_modified",
        r"month value is outside expected range of 1-12 \(got '2026-13-01'\)",
    ),
    Bad(
        "modified-before-published",
        {ARTICLE: article(date_modified="2024-01-01")},
        f"{ARTICLE}:",
        "date_modified",
        r"date_modified \(2024-01-01\) is before date_published \(2024-03-01\); fix one of them",
    ),
    Bad(
        "unknown-author",
        {ARTICLE: article(author="nobody")},
        f"{ARTICLE}:5:9",
        "author",
        r"unknown therapist id `nobody`; known therapist ids: `alex`",
    ),
    Bad(
        "unknown-service",
        {ARTICLE: article(services="[massage, reiki]")},
        f"{ARTICLE}:6:",
        "services.1",
        r"unknown service id `reiki`; known service ids: `massage`",
    ),
    Bad(
        "unknown-reviewer",
        {ARTICLE: article(reviewed_by="sam", last_reviewed="2024-03-02")},
        f"{ARTICLE}:",
        "reviewed_by",
        r"unknown therapist id `sam`; known therapist ids: `alex`",
    ),
    Bad(
        "unknown-service-location",
        {"practice.yaml": practice(_SERVICE, _SERVICE + "    locations: [main, nowhere]\n")},
        "practice.yaml:",
        "services.0.locations.1",
        r"unknown office id `nowhere`; known office ids: `main`",
    ),
    Bad(
        "unknown-service-therapist",
        {"practice.yaml": practice(_SERVICE, _SERVICE + "    therapists: [sam]\n")},
        "practice.yaml:",
        "services.0.therapists.0",
        r"unknown therapist id `sam`; known therapist ids: `alex`",
    ),
    Bad(
        "no-offices",
        {
            "practice.yaml": MINIMAL_PRACTICE.split("locations:")[0]
            + "locations: []\ntherapists:"
            + MINIMAL_PRACTICE.split("therapists:")[1]
        },
        "practice.yaml:5:",
        "locations",
        r"`locations` needs at least 1 item; add one",
    ),
    Bad(
        "no-therapists",
        {
            "practice.yaml": MINIMAL_PRACTICE.split("therapists:")[0]
            + "therapists: []\nservices:"
            + MINIMAL_PRACTICE.split("services:")[1]
        },
        "practice.yaml:",
        "therapists",
        r"`therapists` needs at least 1 item; add one",
    ),
    Bad(
        "no-locations-key",
        {
            "practice.yaml": MINIMAL_PRACTICE.split("locations:")[0]
            + "therapists:"
            + MINIMAL_PRACTICE.split("therapists:")[1]
        },
        "practice.yaml:1",
        "locations",
        r"required field `locations` is missing; add it",
    ),
    # -- slugs -------------------------------------------------------------------------------
    Bad(
        "duplicate-slug",
        {BAD: MINIMAL_ARTICLE},
        f"{ARTICLE}:",
        "slug",
        r"slug `a-test-article-about-massage` is already used by articles/bad\.md; .*give one a "
        r"different `slug`",
    ),
    Bad(
        "duplicate-slug-after-slugify",
        {BAD: article(slug="a-test-article-about-massage", title="Another title")},
        f"{ARTICLE}:",
        "slug",
        r"is already used by articles/bad\.md",
    ),
    Bad(
        "duplicate-slug-after-case-folding-title",
        {BAD: article(title="A TEST Article About MASSAGE!")},
        f"{ARTICLE}:",
        "slug",
        r"is already used by articles/bad\.md",
    ),
    Bad(
        "duplicate-slug-after-case-folding-sharp-s",
        {
            "articles/a.md": article(slug="straße"),
            "articles/b.md": article(slug="strasse"),
            ARTICLE: article(slug="other"),
        },
        "articles/b.md:",
        "slug",
        r"slug `strasse` is already used by articles/a\.md",
    ),
    Bad(
        "duplicate-slug-after-nfc",
        {
            "articles/a.md": article(slug="caf\u00e9"),
            "articles/b.md": article(slug="cafe\u0301"),
            ARTICLE: article(slug="other"),
        },
        "articles/b.md:",
        "slug",
        "slug `caf\u00e9` is already used by articles/a\\.md",
    ),
    *(
        Bad(
            f"escaping-slug-{name}",
            {ARTICLE: article(slug=value)},
            f"{ARTICLE}:",
            "slug",
            r"is not a valid slug: use lower-case letters, digits and single hyphens",
        )
        for name, value in [
            ("dotdot-slash", "../x"),
            ("dotdot", "'..'"),
            ("dot", "'.'"),
            ("absolute", "/etc/passwd"),
            ("percent-dotdot", "'%2e%2e'"),
            ("percent-slash", "'a%2fb'"),
            ("backslash", "'..\\x'"),
            ("windows-drive", "'c:\\x'"),
            ("nested", "a/b"),
            ("space", "'a b'"),
            ("upper-case", "Back-Pain"),
            ("file-name", "index.html"),
        ]
    ),
    Bad(
        "escaping-service-slug",
        {"practice.yaml": practice(_SERVICE, _SERVICE + "    slug: ../../etc\n")},
        "practice.yaml:",
        "services.0.slug",
        r"is not a valid slug",
    ),
    Bad(
        "escaping-location-slug",
        {
            "practice.yaml": practice(
                "    name: Main office\n", "    name: Main office\n    slug: '/x'\n"
            )
        },
        "practice.yaml:",
        "locations.0.slug",
        r"is not a valid slug",
    ),
    Bad(
        "windows-device-slug",
        {ARTICLE: article(slug="con")},
        f"{ARTICLE}:",
        "slug",
        r"`con` is a device name on Windows.*choose another slug",
    ),
    Bad(
        "overlong-slug",
        {ARTICLE: article(slug="-".join(["massage"] * 20))},
        f"{ARTICLE}:",
        "slug",
        rf"the slug is 159 characters long \(159 bytes in UTF-8\); the limit is {MAX_SLUG_CHARS} "
        r"characters and \d+ bytes: shorten it",
    ),
]


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for relative, text in files.items():
        path = root / relative
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _run(
    command: str, root: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    argv = [command, str(root)]
    if command == "build":
        argv += ["--out", str(out), "-q"]
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _assert_one_clear_error(case: Bad, code: int, out: str, err: str) -> None:
    assert code == 2, err
    lines = err.splitlines()
    errors = [line for line in lines if ": error: " in line]
    assert len(errors) == case.count, err
    assert (
        lines[-1]
        == f"{case.count} problem{'s' if case.count > 1 else ''} found; nothing was written."
    )
    line = next((line for line in errors if line.startswith(case.where)), None)
    assert line is not None, f"no error at {case.where!r}:\n{err}"
    head, _, message = line.partition(": error: ")
    if case.field:
        assert message.startswith(f"{case.field}: "), line
        message = message.removeprefix(f"{case.field}: ")
    else:
        assert re.fullmatch(r"[^:]+(?::\d+(?::\d+)?)?", head), line
    assert re.search(case.message, message), line
    assert "Traceback" not in err
    assert "error" not in out.lower()
    if case.extra is not None:
        case.extra(err)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", BAD_CASES, ids=lambda case: case.id)
def test_bad_content_gives_one_located_error_and_writes_nothing(
    case: Bad,
    command: str,
    content_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _write(content_root, case.files)
    before = sorted(p.name for p in tmp_path.iterdir())
    out = tmp_path / "out"
    code, stdout, err = _run(command, content_root, out, capsys)
    _assert_one_clear_error(case, code, stdout, err)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary folder either
    assert not (content_root / "_site").exists()


@pytest.mark.parametrize("case", BAD_CASES, ids=lambda case: case.id)
def test_bad_content_leaves_the_previous_build_byte_identical(
    case: Bad, content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", str(content_root), "--out", str(out), "-q"]) == 0
    previous = _snapshot(out)
    names = sorted(p.name for p in tmp_path.iterdir())
    _write(content_root, case.files)
    code, stdout, err = _run("build", content_root, out, capsys)
    _assert_one_clear_error(case, code, stdout, err)
    assert _snapshot(out) == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == names


# -- what is accepted ------------------------------------------------------------------------


def test_a_utf8_bom_is_accepted_and_stripped(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content_root / ARTICLE).write_bytes(b"\xef\xbb\xbf" + _UTF8_ARTICLE)
    (content_root / "practice.yaml").write_bytes(b"\xef\xbb\xbf" + MINIMAL_PRACTICE.encode())
    (page,) = load_site(content_root).articles
    assert page.meta.title == "A test article about massage"
    out = tmp_path / "out"
    assert _run("validate", content_root, out, capsys)[0] == 0
    assert _run("build", content_root, out, capsys)[0] == 0
    assert _run("check", content_root, out, capsys)[0] != 2
    assert (out / "articles" / "a-test-article-about-massage" / "index.html").is_file()


def test_an_article_just_under_the_size_limit_builds(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filler = "Massage helps muscles relax.\n"
    count = (MAX_CONTENT_FILE_BYTES - len(_UTF8_ARTICLE)) // len(filler)
    text = MINIMAL_ARTICLE + filler * count
    assert len(text.encode()) <= MAX_CONTENT_FILE_BYTES
    (content_root / ARTICLE).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert _run("build", content_root, out, capsys)[0] == 0
    assert (out / "articles" / "a-test-article-about-massage" / "index.html").is_file()


def test_a_title_at_the_limit_is_accepted(content_root: Path) -> None:
    title = ("Massage " * MAX_TITLE_CHARS)[:MAX_TITLE_CHARS].strip() + "s"
    title = title[:MAX_TITLE_CHARS]
    assert len(title) == MAX_TITLE_CHARS
    (content_root / ARTICLE).write_text(article(title=title), encoding="utf-8")
    (page,) = load_site(content_root).articles
    assert page.meta.title == title
    assert len(page.meta.slug) <= MAX_SLUG_CHARS  # the default slug is cut at a word boundary
    assert not page.meta.slug.endswith("-")


UNICODE_CASES = [
    # (id, title, explicit slug or None, the slug it must get)
    ("emoji-title", "Massage 💆 for back pain", None, "massage-for-back-pain"),
    ("emoji-only-title", "💆💆", None, "article"),
    ("arabic-title", "تدليك للظهر", None, "tdlyk-llzhr"),
    ("hebrew-title", "עיסוי לגב", None, "ysvy-lgb"),
    ("combining-title", "Cafe\u0301 massage", None, "cafe-massage"),
    ("arabic-slug", "تدليك للظهر", "تدليك-للظهر", "تدليك-للظهر"),
    ("hebrew-slug", "עיסוי לגב", "עיסוי-לגב", "עיסוי-לגב"),
    ("combining-slug-nfd", "Café", "cafe\u0301", "caf\u00e9"),
    ("devanagari-slug", "मालिश", "मालिश", "मालिश"),
    ("emoji-slug", "Massage 💆", "massage-💆", "massage-💆"),
    ("emoji-zwj-slug", "Family 👨‍👩‍👧", "family-👨‍👩‍👧", "family-👨‍👩‍👧"),
    ("cjk-slug", "按摩", "按摩", "按摩"),
]


@pytest.mark.parametrize(
    ("title", "slug", "expected"),
    [case[1:] for case in UNICODE_CASES],
    ids=[case[0] for case in UNICODE_CASES],
)
def test_unicode_titles_and_slugs_build_at_the_expected_url(
    title: str,
    slug: str | None,
    expected: str,
    content_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (content_root / ARTICLE).write_text(
        article(title=f'"{title}"', slug=f'"{slug}"' if slug else None), encoding="utf-8"
    )
    out = tmp_path / "out"
    for command in COMMANDS:
        code, _, err = _run(command, content_root, out, capsys)
        assert code != 2, err
        assert "Traceback" not in err
    (page,) = load_site(content_root).articles
    assert page.meta.slug == expected
    assert unicodedata.is_normalized("NFC", page.meta.slug)
    html = (out / "articles" / expected / "index.html").read_text(encoding="utf-8")
    assert title in html  # the title is kept as written
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"https://practice.example/articles/{quote(expected)}/" in sitemap


# -- reserved outputs ------------------------------------------------------------------------


def _reserved_names(root: Path) -> list[str]:
    """Every top-level name a build writes, and each as a slug would spell it."""
    files, _ = build_site(load_site(root))
    tops = {path.split("/")[0] for path in files} | set(RESERVED_PATHS)
    names = set()
    for top in tops:
        names |= {top, top.rsplit(".", 1)[0], top.replace(".", "-")}
    # and every folder the build writes, anywhere
    names |= {part for path in files for part in path.split("/")[:-1]}
    return sorted(names)


def _reserved_cases() -> list[tuple[str, str]]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "articles").mkdir()
        (root / "practice.yaml").write_text(MINIMAL_PRACTICE, encoding="utf-8")
        (root / ARTICLE).write_text(MINIMAL_ARTICLE, encoding="utf-8")
        names = _reserved_names(root)
    return [(kind, name) for name in names for kind in ("article", "service", "location")]


RESERVED_CASES = _reserved_cases()


def test_the_reserved_names_come_from_the_build() -> None:
    names = {name for _, name in RESERVED_CASES}
    expected = {"sitemap.xml", "feed.xml", "robots.txt", "404", "about", "articles"}
    assert expected | {"assets", "seo.json", "services", "locations"} <= names


@pytest.mark.parametrize(("kind", "name"), RESERVED_CASES, ids=lambda value: str(value))
def test_a_slug_never_reaches_a_reserved_output(
    kind: str, name: str, content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline, _ = build_site(load_site(content_root))
    if kind == "article":
        (content_root / ARTICLE).write_text(article(slug=f"'{name}'"), encoding="utf-8")
        old, new = "articles/a-test-article-about-massage/index.html", f"articles/{name}/index.html"
    elif kind == "service":
        text = practice(_SERVICE, f"{_SERVICE}    slug: '{name}'\n")
        (content_root / "practice.yaml").write_text(text, encoding="utf-8")
        old, new = "services/massage-therapy/index.html", f"services/{name}/index.html"
    else:
        text = practice("    name: Main office\n", f"    name: Main office\n    slug: '{name}'\n")
        (content_root / "practice.yaml").write_text(text, encoding="utf-8")
        old, new = "locations/main/index.html", f"locations/{name}/index.html"
    out = tmp_path / "out"
    code, _, err = _run("build", content_root, out, capsys)
    if "." in name:  # not a slug at all
        assert code == 2
        assert "is not a valid slug" in err
        assert not out.exists()
        return
    assert code == 0, err
    written = set(_snapshot(out)) - {".nmt-content"}
    assert written == set(baseline) - {old} | {new}
    assert re.search(r"<h1[^>]*>About Alex Example</h1>", (out / "about/index.html").read_text())
    assert (out / "sitemap.xml").read_bytes().startswith(b"<?xml")
    assert (out / "robots.txt").read_text().startswith("User-agent")


def _alias_bomb() -> str:
    """Front matter whose `keywords` expand (by YAML aliases) to 9**10 strings."""
    lines = ['x0: &x0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 9)}]" for i in range(1, 10)]
    return article(author="alex\n" + "\n".join(lines), keywords="*x9")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_yaml_alias_bomb_is_reported_in_bounded_time_and_size(
    command: str, content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content_root / ARTICLE).write_text(_alias_bomb(), encoding="utf-8")
    started = time.perf_counter()
    code, _, err = _run(command, content_root, tmp_path / "out", capsys)
    assert time.perf_counter() - started < 10
    assert code == 2
    assert len(err) < 20_000  # each value is shortened, never expanded
    assert f"{ARTICLE}:" in err
    assert "keywords.0: input should be a valid string (got [[" in err
    assert not (tmp_path / "out").exists()


DEFAULT_SLUG_CASES = [
    # (id, what to change, the folder of the page it must give)
    (
        "long-service-name",
        ("    name: Massage therapy\n", f"    name: {'Deep tissue ' * 12}\n"),
        "services",
    ),
    ("emoji-service-name", ("    name: Massage therapy\n", '    name: "💆💆"\n'), "services"),
    ("long-office-id", ("  - id: main\n", f"  - id: {'-'.join(['office'] * 20)}\n"), "locations"),
]


@pytest.mark.parametrize(
    ("change", "folder"),
    [case[1:] for case in DEFAULT_SLUG_CASES],
    ids=[case[0] for case in DEFAULT_SLUG_CASES],
)
def test_default_slugs_of_services_and_offices_are_sane(
    change: tuple[str, str],
    folder: str,
    content_root: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (content_root / "practice.yaml").write_text(practice(*change), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = _run("build", content_root, out, capsys)
    assert code == 0, err
    (page,) = [p for p in (out / folder).iterdir() if p.is_dir()]
    assert 0 < len(page.name) <= MAX_SLUG_CHARS
    assert not page.name.endswith("-")
    assert (page / "index.html").is_file()


def test_a_huge_article_is_never_read(
    content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 4 GB (sparse) article next to a previous build: refused by its size, in bounded time."""
    out = tmp_path / "out"
    assert _run("build", content_root, out, capsys)[0] == 0
    previous = _snapshot(out)
    with (content_root / BAD).open("wb") as handle:
        handle.truncate(4 * 1024**3)
    for command in COMMANDS:
        started = time.perf_counter()
        code, _, err = _run(command, content_root, out, capsys)
        assert time.perf_counter() - started < 10, command
        assert code == 2
        assert f"{BAD}: error: the file is 4295.0 MB; a content file may be at most 1 MiB" in err
    assert _snapshot(out) == previous


# -- strict YAML: what PyYAML would accept silently or with a traceback ----------------------

_PRACTICE_LINES = MINIMAL_PRACTICE.count("\n")
_SECOND_PRACTICE = (
    "practice:\n  name: Someone Else\n  url: https://evil.example/\n  description: x\n"
)
_TWO_TITLES = MINIMAL_ARTICLE.replace("description:", "title: Another title\ndescription:", 1)
_HUGE_INT = "9" * 5000

STRICT_YAML_CASES = [
    Bad(
        "duplicate-top-level-practice",
        {"practice.yaml": MINIMAL_PRACTICE + _SECOND_PRACTICE},
        f"practice.yaml:{_PRACTICE_LINES + 1}:1",
        "practice",
        r"^duplicate key `practice` \(first at line 1\); YAML allows a key once",
    ),
    Bad(
        "duplicate-nested-key",
        {"practice.yaml": practice("  name: Test Practice\n", "  name: A\n  name: B\n")},
        "practice.yaml:3:3",
        "practice.name",
        r"^duplicate key `name` \(first at line 2\)",
    ),
    Bad(
        "duplicate-key-in-a-list-item",
        {"practice.yaml": practice("    name: Main office\n", "    name: A\n    name: B\n")},
        "practice.yaml:8:5",
        "locations.0.name",
        r"^duplicate key `name` \(first at line 7\)",
    ),
    Bad(
        "duplicate-front-matter-key",
        {BAD: _TWO_TITLES},
        f"{BAD}:3:1",
        "title",
        r"^duplicate key `title` \(first at line 2\)",
    ),
    Bad(
        "five-thousand-digit-integer",
        {"practice.yaml": practice("  name: Test Practice\n", f"  name: {_HUGE_INT}\n")},
        "practice.yaml:2:9",
        "practice.name",
        r"^the integer 9{20}… \(5000 characters\) is out of range \(-9223372036854775808 to "
        r"9223372036854775807\); put it in quotes if it is text",
        extra=lambda err: _no_echo(err, _HUGE_INT),
    ),
    Bad(
        "integer-just-beyond-int64",
        {BAD: article(title="-9223372036854775809")},
        f"{BAD}:2:8",
        "title",
        r"^the integer -9223372036854775809 is out of range",
    ),
    Bad(
        "hex-integer-beyond-int64",
        {BAD: article(title="0x" + "f" * 16)},
        f"{BAD}:2:8",
        "title",
        r"^the integer 0xffffffffffffffff is out of range",
    ),
    Bad(
        "nan",
        {BAD: article(title=".nan")},
        f"{BAD}:2:8",
        "title",
        r"^the number \.nan is not a number",
    ),
    Bad(
        "nan-in-a-list",
        {BAD: article(services="[massage, .NaN]")},
        f"{BAD}:6:21",
        "services.1",
        r"is not a number",
    ),
    Bad(
        "infinity",
        {BAD: article(title="-.inf")},
        f"{BAD}:2:8",
        "title",
        r"^the number -\.inf is infinite",
    ),
    Bad(
        "float-overflow-to-infinity",
        {BAD: article(title="1e999")},
        f"{BAD}:2:8",
        "title",
        r"^the number 1e999 is infinite",
    ),
]


def _no_echo(err: str, value: str) -> None:
    assert len(err) < 2_000, "the message must not repeat a 5,000-digit number"
    assert value not in err


@pytest.mark.parametrize("case", STRICT_YAML_CASES, ids=lambda case: case.id)
def test_yaml_duplicate_keys_and_out_of_range_numbers_are_located_errors(
    case: Bad, content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(content_root, case.files)
    code, stdout, err = _run("validate", content_root, tmp_path / "out", capsys)
    _assert_one_clear_error(case, code, stdout, err)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_second_top_level_practice_cannot_replace_the_practice(
    command: str, content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (content_root / "practice.yaml").write_text(MINIMAL_PRACTICE + _SECOND_PRACTICE, "utf-8")
    out = tmp_path / "out"
    code, stdout, err = _run(command, content_root, out, capsys)
    _assert_one_clear_error(STRICT_YAML_CASES[0], code, stdout, err)
    assert not out.exists()
    assert "evil.example" not in stdout


def test_a_yaml_integer_at_the_int64_limits_is_accepted() -> None:
    source = YamlSource.parse(
        "a: 9223372036854775807\nb: -9223372036854775808\nc: 0x7fffffffffffffff\nd: 1.5e300\n"
    )
    assert source.data == {"a": 2**63 - 1, "b": -(2**63), "c": 2**63 - 1, "d": 1.5e300}
