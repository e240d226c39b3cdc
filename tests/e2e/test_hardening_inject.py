"""`inject` on a hostile or unusual site folder: each test is named after the attack it repels.

The site folder is another generator's output, so anything can be in it: links out of it, FIFOs,
folders named like pages, pages in UTF-16 or windows-1252, copies of our marker comments, a
robots.txt in Latin-1, a sitemap we cannot read. `inject` reads only regular files inside the
folder, writes back each page in its own encoding with only our tags changed, and changes nothing
when anything it needs is wrong.
"""

from __future__ import annotations

import json
import os
import threading
import tracemalloc
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from nmt_content.cli import main
from nmt_content.integrations.inject_folder import InjectJob
from nmt_content.limits import MAX_INJECT_PAGE_BYTES
from nmt_content.pipeline.loading import load_site

from ..conftest import MINIMAL_PRACTICE

SM = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PAGE = (
    '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>Theirs</title>\n'
    "</head>\n<body>\n<p>Body text.</p>\n</body>\n</html>\n"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "about").mkdir(parents=True)
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    (folder / "about" / "index.html").write_text(PAGE, encoding="utf-8")
    return folder


def inject(
    site: Path, root: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str, str]:
    code = main(["inject", str(site), "--root", str(root), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def titles(html: str | bytes) -> list[str]:
    return [t.get_text() for t in BeautifulSoup(html, "html.parser").find_all("title")]


def body_of(html: str) -> str:
    return html[html.index("<body>") :]


# -- 1. only regular files inside the folder ------------------------------------------------------


def test_a_symlink_to_a_file_outside_is_neither_followed_nor_copied_in(
    site: Path, content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "secret.html"
    outside.write_text("<html><head></head><body>SECRET</body></html>", encoding="utf-8")
    link = site / "about" / "index.html"
    link.unlink()
    link.symlink_to(outside)
    code, _, err = inject(site, content_root, capsys)
    assert code == 0
    assert link.is_symlink(), "the link is still a link"
    assert outside.read_text(encoding="utf-8") == "<html><head></head><body>SECRET</body></html>"
    assert "about/index.html: left alone: a symbolic link" in err
    assert all(b"SECRET" not in data for data in snapshot(site).values())


def test_a_symlinked_sitemap_is_refused_before_any_page_is_rewritten(
    site: Path, content_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "theirs.xml"
    outside.write_text(f'<urlset xmlns="{SM["s"]}"/>', encoding="utf-8")
    (site / "sitemap.xml").symlink_to(outside)
    before = snapshot(site)
    code, _, err = inject(site, content_root, capsys)
    assert code == 2
    assert "sitemap.xml: it is a symbolic link" in err
    assert snapshot(site) == before
    assert outside.read_text(encoding="utf-8") == f'<urlset xmlns="{SM["s"]}"/>'


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_a_fifo_named_index_html_does_not_block(
    site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "index.html").unlink()
    os.mkfifo(site / "index.html")
    result: list[int] = []
    worker = threading.Thread(
        target=lambda: result.append(main(["inject", str(site), "--root", str(content_root)])),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "inject blocked on a FIFO"
    assert result == [0]
    assert "index.html: left alone: not a regular file" in capsys.readouterr().err


def test_a_folder_named_like_a_page_is_left_alone_without_a_traceback(
    site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "x.html").mkdir()
    code, _, err = inject(site, content_root, capsys)
    assert code == 0
    assert "x.html: left alone: a folder, not a page" in err
    assert "Traceback" not in err


def test_a_binary_page_is_refused_with_its_name_and_nothing_changes(
    site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "about" / "index.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    before = snapshot(site)
    code, _, err = inject(site, content_root, capsys)
    assert code == 2
    assert "about/index.html: cannot inject: it holds NUL bytes" in err
    assert snapshot(site) == before


def test_a_page_over_the_size_limit_is_refused_before_it_is_read(
    site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "about" / "index.html").write_bytes(
        PAGE.encode().replace(b"Body text.", b"x" * (MAX_INJECT_PAGE_BYTES + 1))
    )
    before = snapshot(site)
    code, _, err = inject(site, content_root, capsys)
    assert code == 2
    assert "about/index.html: cannot inject: it is 8.0 MiB, more than the 8 MiB" in err
    assert snapshot(site) == before


def test_a_large_page_costs_memory_in_proportion(site: Path, content_root: Path) -> None:
    """A 30 MB page once took 1.7 GB; a page at the limit must take a small multiple of itself."""
    paragraph = "<p>Some <b>body</b> text, <a href='/x'>a link</a> and more.</p>\n"
    body = paragraph * ((MAX_INJECT_PAGE_BYTES - 1000) // len(paragraph))
    (site / "about" / "index.html").write_text(PAGE.replace("<p>Body text.</p>", body))
    site_model = load_site(content_root)
    tracemalloc.start()
    try:
        InjectJob(site, site_model).apply()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * MAX_INJECT_PAGE_BYTES, f"peak {peak / 2**20:.0f} MiB"
    assert body in (site / "about" / "index.html").read_text(encoding="utf-8")


# -- 3. as careful as build -----------------------------------------------------------------------


def test_copies_of_our_markers_in_the_body_keep_the_body_and_the_head_gets_the_title(
    site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = PAGE.replace(
        "<p>Body text.</p>",
        "<p>before</p>\n<!-- nmt-content:head -->\n<p>kept text</p>\n"
        "<!-- /nmt-content:head -->\n<p>after</p>",
    )
    (site / "about" / "index.html").write_text(page, encoding="utf-8")
    assert inject(site, content_root, capsys)[0] == 0
    result = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert body_of(result) == body_of(page)
    head = BeautifulSoup(result, "html.parser").head
    assert head is not None
    assert [t.get_text() for t in head.find_all("title")] == ["About Alex Example | Test Practice"]


def test_a_comment_that_mentions_head_never_receives_our_tags(
    site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (
        "<!DOCTYPE html>\n<!-- our <head> is below -->\n<html>\n<head>\n</head>\n"
        "<body>\n<p>Body text.</p>\n</body>\n</html>\n"
    )
    (site / "about" / "index.html").write_text(page, encoding="utf-8")
    assert inject(site, content_root, capsys)[0] == 0
    result = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert result.startswith("<!DOCTYPE html>\n<!-- our <head> is below -->\n<html>\n<head>\n")
    head = BeautifulSoup(result, "html.parser").head
    assert head is not None
    assert head.find("link", rel="canonical") is not None


def test_a_page_without_head_ends_with_one_title(
    site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = "<!DOCTYPE html>\n<html>\n<title>Theirs</title>\n<p>Body text.</p>\n</html>\n"
    (site / "about" / "index.html").write_text(page, encoding="utf-8")
    assert inject(site, content_root, capsys)[0] == 0
    result = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert titles(result) == ["About Alex Example | Test Practice"]
    assert result.endswith("<p>Body text.</p>\n</html>\n")
    assert inject(site, content_root, capsys)[0] == 0
    assert (site / "about" / "index.html").read_text(encoding="utf-8") == result


def test_a_utf16_page_stays_utf16(
    site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = PAGE.replace('<meta charset="utf-8">', "").replace("Body text.", "Körpertext ✓")
    (site / "about" / "index.html").write_bytes(b"\xff\xfe" + page.encode("utf-16-le"))
    assert inject(site, content_root, capsys)[0] == 0
    data = (site / "about" / "index.html").read_bytes()
    assert data.startswith(b"\xff\xfe")
    text = data[2:].decode("utf-16-le")
    assert body_of(text) == body_of(page)
    assert titles(text) == ["About Alex Example | Test Practice"]


def test_a_windows_1252_page_keeps_its_bytes_and_reads_our_text_right(
    site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    practice = MINIMAL_PRACTICE.replace("name: Test Practice", "name: Café → Massage")
    (content_root / "practice.yaml").write_text(practice, encoding="utf-8")
    page = PAGE.replace("utf-8", "windows-1252").replace("Body text.", "Café “naïve” – 30 €")
    (site / "index.html").write_bytes(page.encode("cp1252"))
    assert inject(site, content_root, capsys)[0] == 0
    data = (site / "index.html").read_bytes()
    text = data.decode("cp1252")
    assert body_of(text) == body_of(page)
    soup = BeautifulSoup(text, "html.parser")
    assert soup.title is not None
    assert "Café → Massage" in soup.title.get_text()
    script = soup.find("script", type="application/ld+json")
    assert script is not None
    names = {node.get("name") for node in json.loads(script.get_text())["@graph"]}
    assert "Café → Massage" in names


def test_foreign_sitemap_fields_are_kept(
    site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SM["s"]}" '
        'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">'
        "<url><loc>https://practice.example/blog/</loc><lastmod>2024-02-01</lastmod>"
        "<changefreq>weekly</changefreq><priority>0.8</priority><image:image>"
        "<image:loc>https://practice.example/a.jpg</image:loc></image:image></url></urlset>\n",
        encoding="utf-8",
    )
    assert inject(site, content_root, capsys)[0] == 0
    tree = etree.fromstring((site / "sitemap.xml").read_bytes())
    (blog,) = tree.xpath("//s:url[s:loc='https://practice.example/blog/']", namespaces=SM)
    assert blog.xpath("string(s:lastmod)", namespaces=SM) == "2024-02-01"
    assert blog.xpath("string(s:changefreq)", namespaces=SM) == "weekly"
    assert blog.xpath("string(s:priority)", namespaces=SM) == "0.8"
    image = "http://www.google.com/schemas/sitemap-image/1.1"
    assert blog.xpath("string(i:image/i:loc)", namespaces={"i": image}) == (
        "https://practice.example/a.jpg"
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [("sitemap.xml", b"<urlset><unclosed>"), ("sitemap.xml", None), ("robots.txt", None)],
    ids=["sitemap-not-xml", "sitemap-a-folder", "robots-a-folder"],
)
def test_an_unreadable_sitemap_or_robots_leaves_every_page_as_it_was(
    site: Path,
    content_root: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
) -> None:
    if content is None:
        (site / name).mkdir()
    else:
        (site / name).write_bytes(content)
    before = snapshot(site)
    code, _, err = inject(site, content_root, capsys)
    assert code == 2
    assert f"{name}:" in err
    assert "Traceback" not in err
    assert snapshot(site) == before


def test_a_latin1_robots_txt_is_kept_byte_for_byte(
    site: Path, content_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = "# Café de la Gare\nUser-agent: *\nDisallow: /privé/\n".encode("latin-1")
    (site / "robots.txt").write_bytes(original)
    assert inject(site, content_root, capsys)[0] == 0
    assert (site / "robots.txt").read_bytes() == (
        original + b"Sitemap: https://practice.example/sitemap.xml\n"
    )
