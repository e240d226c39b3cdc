"""`serve` publishes `static/` and shows a file dropped into it without a restart."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from nmt_content.preview.server import PreviewServer

from ..images import png, write_png
from .test_serve import fetch, until


@pytest.fixture
def server(content_root: Path) -> Iterator[PreviewServer]:
    write_png(content_root / "static" / "images" / "first.png", 3, 2)
    with PreviewServer(content_root, port=0) as preview:
        yield preview


def _get_bytes(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_static_files_are_served_at_their_path(server: PreviewServer) -> None:
    assert _get_bytes(server.url + "images/first.png") == (200, png(3, 2))


def test_a_new_image_in_static_is_served_without_a_restart(
    server: PreviewServer, content_root: Path
) -> None:
    url = server.url + "images/new.png"
    assert _get_bytes(url)[0] == 404
    write_png(content_root / "static" / "images" / "new.png", 5, 4)
    until(lambda: _get_bytes(url) == (200, png(5, 4)))


def test_static_appearing_after_start_is_watched(content_root: Path) -> None:
    with PreviewServer(content_root, port=0) as preview:
        url = preview.url + "logo.png"
        assert fetch(url)[0] == 404
        write_png(content_root / "static" / "logo.png", 2, 2)
        until(lambda: _get_bytes(url) == (200, png(2, 2)))
