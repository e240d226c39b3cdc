"""Garbage collection is paused and the heap frozen only for the duration of a parallel step."""

from __future__ import annotations

import gc

import pytest

from nmt_content.heap import quiet_heap


def test_quiet_heap_restores_collection() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with quiet_heap():
        assert not gc.isenabled()
        assert gc.get_freeze_count() > before
    assert gc.isenabled()
    assert gc.get_freeze_count() == before


def test_quiet_heap_restores_collection_after_an_error_and_keeps_it_off_if_it_was() -> None:
    with pytest.raises(RuntimeError), quiet_heap():
        raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with quiet_heap():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
