"""Image sizes in the content cache: an unchanged `static/` image is not opened again, and a
record is trusted only for the bytes (the digest) it was read from."""

from __future__ import annotations

import os
import time
from pathlib import Path

import orjson
import pytest

from nmt_content.content import static as static_module
from nmt_content.content.cache import ARTICLES_FILE, CACHE_DIR, ContentCache, FileStat
from nmt_content.content.loader import read_site
from nmt_content.content.static_files import static_digests

from ..images import write_png

TOOL = "tool-a"


def _age(root: Path, seconds: int = 3600) -> None:
    past = time.time_ns() - seconds * 1_000_000_000
    for folder, _dirs, files in os.walk(root):
        for name in files:
            os.utime(Path(folder) / name, ns=(past, past))


def _build(root: Path) -> dict[str, tuple[int | None, int | None]]:
    """What a rebuild does: the static digests (through the cache), then the site, then save."""
    cache = ContentCache.open(root, TOOL)
    static_digests(root, cache=cache)
    site = read_site(root, cache=cache, keep_bodies=False)
    cache.save()
    return {file.path: (file.width, file.height) for file in site.static}


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the `static/` files that loading opens (to size and hash them)."""
    read: list[str] = []
    original = static_module.read_head

    def counting(file: str) -> tuple[FileStat, bytes, bool]:
        read.append(Path(file).name)
        return original(file)

    monkeypatch.setattr(static_module, "read_head", counting)
    return read


def _size_records(root: Path) -> dict[str, object]:
    entries = orjson.loads((root / CACHE_DIR / ARTICLES_FILE).read_bytes())["entries"]
    return {key: value for key, value in entries.items() if key.startswith("size:")}


def test_an_unchanged_image_is_sized_from_the_cache(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_png(content_root / "static" / "images" / "a.png", 7, 3)
    (content_root / "static" / "images" / "broken.png").write_bytes(b"not an image")
    _age(content_root)
    cold = _build(content_root)  # records the stats
    _build(content_root)  # records the sizes, by the digests the stats vouch for
    read = _count_reads(monkeypatch)
    warm = _build(content_root)
    assert read == []
    assert warm == cold
    assert warm["images/a.png"] == (7, 3)
    assert warm["images/broken.png"] == (None, None)
    assert sorted(_size_records(content_root).values(), key=str) == [[7, 3], [None, None]]


def test_a_replaced_image_is_read_again(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    image = write_png(content_root / "static" / "a.png", 7, 3)
    _age(content_root)
    _build(content_root)
    _build(content_root)
    write_png(image, 9, 4)
    _age(content_root, 60)
    read = _count_reads(monkeypatch)
    assert _build(content_root)["a.png"] == (9, 4)
    assert read == ["a.png"]
    assert _build(content_root)["a.png"] == (9, 4)
    assert list(_size_records(content_root).values()) == [[9, 4]]  # the old size is dropped


def test_a_recent_image_is_read_every_time(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stat too recent to vouch for the bytes (racy) never spares a read: the size is kept
    only under the digest of the bytes it was read from."""
    write_png(content_root / "static" / "a.png", 7, 3)
    _build(content_root)
    read = _count_reads(monkeypatch)
    assert _build(content_root)["a.png"] == (7, 3)
    assert _build(content_root)["a.png"] == (7, 3)
    assert read == ["a.png", "a.png"]
    assert list(_size_records(content_root).values()) == [[7, 3]]


@pytest.mark.parametrize(
    "damage", [[-1, 3], [0, 0], ["7", 3], [7], {"width": 7}, [True, 3], None, [None, 3]]
)
def test_a_size_record_of_the_wrong_shape_is_ignored(
    content_root: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    write_png(content_root / "static" / "a.png", 7, 3)
    _age(content_root)
    _build(content_root)
    _build(content_root)
    file = content_root / CACHE_DIR / ARTICLES_FILE
    data = orjson.loads(file.read_bytes())
    (key,) = _size_records(content_root)
    data["entries"][key] = damage
    file.write_bytes(orjson.dumps(data))
    read = _count_reads(monkeypatch)
    assert _build(content_root)["a.png"] == (7, 3)
    assert read == ["a.png"]
    assert list(_size_records(content_root).values()) == [[7, 3]]  # replaced


def test_loading_alone_records_what_spares_the_next_load_opening_an_image(
    content_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`load_site(cache=True)` runs no `static_digests`: the stats that vouch for the images'
    digests are recorded as they are read, and their sizes kept when the cache is saved."""
    write_png(content_root / "static" / "a.png", 7, 3)
    _age(content_root)

    def load() -> dict[str, tuple[int | None, int | None]]:
        cache = ContentCache.open(content_root, TOOL)
        site = read_site(content_root, cache=cache)
        cache.save()
        return {file.path: (file.width, file.height) for file in site.static}

    cold = load()
    read = _count_reads(monkeypatch)
    assert load() == cold
    assert cold["a.png"] == (7, 3)
    assert read == []
    assert list(_size_records(content_root).values()) == [[7, 3]]
