"""What a rebuild that knows something changed trusts of the previous output without reading
the whole folder: a file of the standby kept only while it is as recorded there, a file of the
live output linked or read only while it is as recorded, and notes recorded once per text."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from nmt_content.pipeline.output_state import (
    RecordedOutput,
    recorded_output,
    standby_dir,
    state_file,
)
from nmt_content.pipeline.reusable import ReusableFiles

from .test_standby import (
    PAGE,
    TAMPERING,
    build,
    clean,
    edit,
    secret,
    site,
    snapshot,
    with_standby,
)

__all__ = ["secret", "site"]  # the fixtures, used by name


@pytest.mark.parametrize("how", list(TAMPERING))
def test_a_tampered_live_output_is_never_carried_into_a_later_site(
    site: Path, tmp_path: Path, secret: Path, how: str
) -> None:
    out = tmp_path / "site"
    with_standby(site, out)
    TAMPERING[how](out, secret)
    for round_ in range(3):  # the tampered folder becomes the standby, then live again
        edit(site, round_ % 2, f"Edit {round_}.")
        build(site, out)
        assert snapshot(out) == clean(site, tmp_path), round_
    assert secret.read_bytes() == b"SECRET"


@pytest.mark.parametrize("how", ["edited", "edited-same-size", "symlink", "deleted"])
def test_without_a_standby_a_tampered_live_file_is_not_linked(
    site: Path, tmp_path: Path, secret: Path, how: str
) -> None:
    out = tmp_path / "site"
    with_standby(site, out)
    shutil.rmtree(standby_dir(out))
    TAMPERING[how](out, secret)
    edit(site, 1, "Another edit.")
    done = build(site, out)
    assert snapshot(out) == clean(site, tmp_path)
    assert done.rendered >= 2  # the edited article and the tampered page


def test_a_tampered_seo_manifest_is_not_copied_from(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    with_standby(site, out)
    manifest = out / "seo.json"
    manifest.write_bytes(b"x" * manifest.stat().st_size)
    edit(site, 1, "Another edit.")
    build(site, out)
    assert snapshot(out) == clean(site, tmp_path)
    json.loads((out / "seo.json").read_bytes())


def test_a_file_the_standby_holds_as_recorded_is_reusable_whatever_the_live_copy(
    site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    with_standby(site, out)
    edit(site, 1, "Another edit.")
    build(site, out)  # the standby and the output now both hold PAGE as recorded
    recorded = recorded_output(out)
    assert isinstance(recorded, RecordedOutput)
    digest = recorded.state["files"][PAGE][0]
    (out / PAGE).write_bytes(b"defaced")
    files = ReusableFiles(recorded)
    assert files.get(PAGE) is None  # the live copy no longer matches its record
    files.use_standby({PAGE: (digest, 1, 1)})
    assert files.get(PAGE) == digest  # the writer keeps the standby's copy
    files.use_standby({PAGE: ("another digest", 1, 1)})
    assert files.get(PAGE) is None
    assert PAGE not in files


def test_notes_are_recorded_once_and_come_back_per_page(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(site, out)
    state = json.loads(state_file(out).read_bytes())
    texts = state["note_texts"]
    assert len(texts) == len(set(texts))
    assert all(
        isinstance(place, int) for places in state["page_notes"].values() for place in places
    )
    edit(site, 0, "An edit.")
    again = build(site, out)
    assert again.rendered < again.pages  # the other pages' notes came from the state
    assert again.notes == first.notes
    after = json.loads(state_file(out).read_bytes())
    assert (after["note_texts"], after["page_notes"]) == (texts, state["page_notes"])


@pytest.mark.parametrize("places", [[99], [-1], ["0"], "0", 3])
def test_a_state_naming_notes_that_it_does_not_hold_makes_a_full_build(
    site: Path, tmp_path: Path, places: object
) -> None:
    out = tmp_path / "site"
    with_standby(site, out)
    state = json.loads(state_file(out).read_bytes())
    state["page_notes"]["/"] = places
    state_file(out).write_text(json.dumps(state, ensure_ascii=False, separators=(",", ":")))
    edit(site, 1, "An edit.")
    done = build(site, out)
    assert done.rendered == done.pages
    assert snapshot(out) == clean(site, tmp_path)


def test_the_live_output_is_read_whole_only_when_nothing_changed(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    with_standby(site, out)
    scans: list[Path] = []
    original = RecordedOutput.scanned

    def counting(self: RecordedOutput) -> object:
        scans.append(self.out)
        return original(self)

    monkeypatch.setattr(RecordedOutput, "scanned", counting)
    assert build(site, out).up_to_date
    assert scans == [out]
    edit(site, 1, "An edit.")
    assert not build(site, out).up_to_date
    assert scans == [out]
    os.utime(out / PAGE, ns=(1, 1))  # nothing else changed: the folder is read, the page redone
    done = build(site, out)
    assert not done.up_to_date
    assert done.rendered == 1
    assert snapshot(out) == clean(site, tmp_path)
