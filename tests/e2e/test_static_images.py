"""A practice with its logo, portrait, office photos, article images and a file in `static/`
builds to a folder in which no local link or image is missing, and every image states the size
of its file (checked here as an independent link checker would: from the built files alone)."""

from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from nmt_content.cli import main
from nmt_content.pipeline.build_to import build_to
from nmt_content.pipeline.plan import BuildOptions

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = REPO_ROOT / "examples" / "images_practice"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("images") / "content"
    shutil.copytree(EXAMPLE, root)
    out = root.parent / "site"
    build_to(root, out, BuildOptions(), require_assets=True)
    return out


def png_size(file: Path) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk (read here, not with the build's library)."""
    data = file.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", file
    assert data[12:16] == b"IHDR", file
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def local_target(out: Path, page: Path, url: str) -> Path | None:
    """The file a local URL of ``page`` names, or None for an external URL."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "mailto:", "tel:")):
        return None
    path = unquote(parts.path)
    target = out / path.lstrip("/") if path.startswith("/") else page.parent / path
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_every_local_link_and_image_resolves_to_a_built_file(built: Path) -> None:
    checked = 0
    for page in pages(built):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in doc.find_all(["a", "link", "img", "script", "source"]):
            assert isinstance(tag, Tag)
            for attribute in ("href", "src"):
                url = tag.get(attribute)
                if not isinstance(url, str):
                    continue
                target = local_target(built, page, url)
                if target is not None:
                    assert target.is_file(), f"{page.relative_to(built)}: {url} is missing"
                    checked += 1
    assert checked > 50


def test_every_img_states_the_size_of_its_file(built: Path) -> None:
    images = 0
    for page in pages(built):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for img in doc.find_all("img"):
            assert isinstance(img, Tag)
            target = local_target(built, page, str(img["src"]))
            assert target is not None
            width, height = png_size(target)
            assert (img.get("width"), img.get("height")) == (str(width), str(height)), (
                page.relative_to(built),
                img,
            )
            images += 1
    assert images >= 3  # the lead figure, a body figure, the service's and the bio's photos


def test_static_files_are_published_byte_for_byte(built: Path) -> None:
    for file in (EXAMPLE / "static").rglob("*"):
        if file.is_file():
            relative = file.relative_to(EXAMPLE / "static")
            assert (built / relative).read_bytes() == file.read_bytes(), relative


def test_the_article_shows_its_lead_image_and_captioned_figure(built: Path) -> None:
    html = (built / "articles" / "stretching-at-a-desk" / "index.html").read_text()
    doc = BeautifulSoup(html, "html.parser")
    lead = doc.select_one("figure.lead-image")
    assert lead is not None
    img = lead.find("img")
    assert isinstance(img, Tag)
    assert img["src"] == "/images/desk-stretch.png"
    assert img["alt"] == "A person stretching their arms above a desk"
    assert lead.figcaption is not None
    assert lead.figcaption.get_text() == "A stretch you can do without leaving your chair."
    body_figure = doc.select_one(".prose figure")
    assert body_figure is not None
    assert body_figure.figcaption is not None
    assert body_figure.figcaption.get_text() == "Roll the shoulders back, slowly"
    assert doc.find("meta", property="og:image:width")["content"] == "1200"  # type: ignore[index]
    assert doc.find("meta", property="og:image:height")["content"] == "675"  # type: ignore[index]


def test_the_logo_image_object_has_the_file_size(built: Path) -> None:
    doc = BeautifulSoup((built / "index.html").read_text(), "html.parser")
    script = doc.find("script", type="application/ld+json")
    assert isinstance(script, Tag)
    nodes = json.loads(script.get_text())["@graph"]
    organization = next(n for n in nodes if n["@type"] == "Organization")
    logo = organization["logo"]
    assert logo["@type"] == "ImageObject"
    assert (logo["width"], logo["height"]) == (112, 112)


def test_cli_refuses_a_missing_logo_unless_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "content"
    shutil.copytree(EXAMPLE, root)
    (root / "static" / "images" / "logo.png").unlink()
    out = tmp_path / "site"
    assert main(["build", str(root), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert "practice.yaml:8" in err
    assert "practice.logo" in err
    assert "/images/logo.png" in err
    assert not out.exists()
    assert main(["build", str(root), "--out", str(out), "-q", "--allow-missing-assets"]) == 0
    assert (out / "index.html").is_file()
