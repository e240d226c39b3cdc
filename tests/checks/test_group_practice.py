"""`check` on a practice of several therapists and offices (examples/group-practice), and the
rules that keep credentials honest: expiry warnings, expired and out-of-state licences, entry
suppressions in practice.yaml and the YAML comment trap."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from nmt_content.checks import CheckResult
from nmt_content.checks.rules.yaml_comments import comment_traps
from nmt_content.pipeline.build import BuildOptions

from ..check_helpers import TODAY, check, fired
from ..conftest import GROUP_ROOT, MINIMAL_PRACTICE

REAL_LOOKING = "https://www.harbor-pine-massage.com/"


def copy_group(root: Path) -> Path:
    shutil.copy(GROUP_ROOT / "practice.yaml", root / "practice.yaml")
    shutil.copytree(GROUP_ROOT / "articles", root / "articles")
    return root


def check_with_base(root: Path, today: date = TODAY) -> CheckResult:
    from nmt_content.content.loader import read_sources
    from nmt_content.pipeline.check_pass import check_site
    from nmt_content.pipeline.loading import load_site

    options = BuildOptions(base_url=REAL_LOOKING)
    return check_site(load_site(root), options, today=today, sources=read_sources(root))[0]


@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CheckResult]:
    root = copy_group(tmp_path_factory.mktemp("group"))
    return root, check_with_base(root)


def edit_yaml(root: Path, old: str, new: str) -> None:
    path = root / "practice.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_group_example_has_no_errors_with_a_real_base_url(
    group: tuple[Path, CheckResult],
) -> None:
    _root, result = group
    errors = [
        f"{f.path}:{f.line} {f.rule} {f.message}" for f in result.findings if f.severity == "error"
    ]
    assert errors == []


def test_a_camtc_certificate_expiring_within_30_days_gets_a_warning(
    group: tuple[Path, CheckResult],
) -> None:
    root, result = group
    (finding,) = [f for f in result.findings if f.rule == "EEAT-006"]
    assert finding.severity == "warning"
    assert "Jordan Lee" in finding.message
    assert "2026-12-20" in finding.message
    assert "in 26 days" in finding.message
    data = yaml.safe_load((root / "practice.yaml").read_text(encoding="utf-8"))
    jordan = data["therapists"][1]
    assert jordan["credentials"][0]["expires"] == date(2026, 12, 20)
    lines = (root / "practice.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[finding.line - 1].strip() == "- name: Certified Massage Therapist"


def test_the_warning_starts_exactly_at_the_configured_days(tmp_path: Path) -> None:
    root = copy_group(tmp_path)
    expires = date(2026, 12, 20)
    edit_yaml(root, "credential_warning_days: 45", "credential_warning_days: 30")
    assert fired(check(root, today=expires - timedelta(days=30)), "EEAT-006")
    assert not fired(check(root, today=expires - timedelta(days=31)), "EEAT-006")


def test_an_oregon_licence_is_shown_with_its_state_and_is_no_camtc003(
    group: tuple[Path, CheckResult],
) -> None:
    _root, result = group
    assert fired(result, "CAMTC-003") == []


def test_the_same_licence_without_a_state_is_camtc003(tmp_path: Path) -> None:
    root = copy_group(tmp_path)
    edit_yaml(
        root,
        "          name: Oregon Board of Massage Therapists\n        jurisdiction: OR\n",
        "          name: Board of Massage Therapists\n",
    )
    assert any("Licensed Massage Therapist" in hit for hit in fired(check(root), "CAMTC-003"))


def test_an_expired_out_of_state_licence_is_an_error(tmp_path: Path) -> None:
    root = copy_group(tmp_path)
    edit_yaml(root, "        expires: 2027-06-30", "        expires: 2026-10-31")
    (hit,) = fired(check(root), "EEAT-007")
    assert "Licensed Massage Therapist" in hit
    assert "(Oregon)" in hit
    assert "2026-10-31" in hit


def test_an_entry_suppression_is_reported_as_info_with_its_reason(tmp_path: Path) -> None:
    root = copy_group(tmp_path)
    edit_yaml(
        root,
        "        jurisdiction: OR\n",
        "        jurisdiction: OR\n        expires_note: x\n",
    )
    # An unknown key is refused with its line, as everywhere in practice.yaml.
    from nmt_content.errors import ContentError
    from nmt_content.pipeline.loading import load_site

    with pytest.raises(ContentError) as raised:
        load_site(root)
    assert "expires_note" in str(raised.value)

    edit_yaml(root, "        expires_note: x\n", "        expires: 2026-10-31\n")
    edit_yaml(root, "        expires: 2027-06-30\n", "")
    edit_yaml(
        root,
        '        identifier: "555-0042"\n',
        '        identifier: "555-0042"\n'
        "        check:\n          ignore: [EEAT-007]\n          reason: Renewal filed in October\n",
    )
    result = check(root)
    (finding,) = [f for f in result.findings if f.rule == "EEAT-007"]
    assert finding.severity == "info"
    assert finding.message.startswith("suppressed (Renewal filed in October): ")
    # Only that credential: Jordan's CAMTC certificate still gets its warning.
    assert [f.severity for f in result.findings if f.rule == "EEAT-006"] == ["warning"]


def test_a_therapist_suppression_covers_their_profile_page(tmp_path: Path) -> None:
    root = copy_group(tmp_path)
    result = check(
        root, edit=lambda files: files.update({"team/priya/index.html": b"<html></html>"})
    )
    assert any(f.path == "/team/priya/" and f.severity == "error" for f in result.findings)
    edit_yaml(
        root,
        "    offices: [capitola]\n",
        "    offices: [capitola]\n    check: {ignore: [CAMTC-001, SEO-006], reason: Page being rewritten}\n",
    )
    result = check(
        root, edit=lambda files: files.update({"team/priya/index.html": b"<html></html>"})
    )
    on_page = [
        f
        for f in result.findings
        if f.path == "/team/priya/" and f.rule in {"CAMTC-001", "SEO-006"}
    ]
    assert on_page
    assert {f.severity for f in on_page} == {"info"}


def test_camtc001_asks_each_page_for_the_therapists_it_advertises(tmp_path: Path) -> None:
    root = copy_group(tmp_path)

    def drop_footer_lines(files: dict[str, bytes]) -> None:
        for path, data in files.items():
            if path.endswith(".html"):
                text = data.decode()
                start = text.find('<ul class="certified-lines">')
                if start != -1:
                    end = text.index("</ul>", start) + len("</ul>")
                    files[path] = (text[:start] + text[end:]).encode()

    hits = fired(check(root, edit=drop_footer_lines), "CAMTC-001")
    # A service page still shows who gives it; the article index shows no one.
    assert not any("/services/craniosacral-therapy/" in hit for hit in hits)
    assert sum("/articles/:" in hit for hit in hits) == 3
    # Jordan's own profile and articles show Jordan's line; Priya is not asked for there.
    assert not any("/team/jordan/" in hit for hit in hits)


def test_the_yaml_comment_trap_is_a_warning_on_its_line(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    practice = MINIMAL_PRACTICE.replace("short_name: CAMTC", "short_name: CAMTC #93004", 1)
    assert practice != MINIMAL_PRACTICE
    (tmp_path / "practice.yaml").write_text(practice, encoding="utf-8")
    (hit,) = fired(check(tmp_path), "YAML-001")
    line = next(
        number
        for number, text in enumerate(practice.splitlines(), start=1)
        if "CAMTC #93004" in text
    )
    assert hit.startswith(f"practice.yaml:{line}: ")
    assert "“CAMTC”" in hit
    assert "quotes" in hit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: CAMTC #93004\n", [(1, "CAMTC", "#93004")]),
        ("street: 1 Main St #4\n", [(1, "1 Main St", "#4")]),
        ("- y #z\n", [(1, "y", "#z")]),
        ("region: CA                     # the state, two letters\n", []),
        ("name: 'CAMTC #93004'\n", []),
        ('name: "CAMTC #93004"\n', []),
        ("# a whole-line comment\nname: x\n", []),
        ("name: a#b\n", []),
    ],
)
def test_comment_traps(text: str, expected: list[tuple[int, str, str]]) -> None:
    assert list(comment_traps(text)) == expected


def test_the_scaffold_template_has_no_comment_trap() -> None:
    from nmt_content.cli.scaffold import PRACTICE_TEMPLATE

    assert list(comment_traps(PRACTICE_TEMPLATE)) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    offices: [capitola]\n", "    offices: [capitol]\n", "unknown office id `capitol`"),
        (
            "price: {amount: 100}, locations: [capitola]}",
            "price: {amount: 100}, locations: [capitolla]}",
            "unknown office id `capitolla`",
        ),
        (
            "      - {duration_minutes: 60, price: {amount: 100}}\n      - {duration_minutes: 90, price: {amount: 140}}",
            "      - {duration_minutes: 60, price: {amount: 100}, locations: [santa-cruz]}\n      - {duration_minutes: 90, price: {amount: 140}}",
            "office `santa-cruz` does not offer this service",
        ),
        (
            "      - {date: 2026-12-25, name: Christmas Day, closed: true}",
            "      - {date: 2026-12-25, name: Christmas Day, closed: true, opens: '09:00'}",
            "`closed: true` takes no `opens` or `closes`",
        ),
        ("        jurisdiction: OR\n", "        jurisdiction: Oregano\n", "is not a US state"),
    ],
)
def test_new_fields_are_refused_with_their_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    from nmt_content.errors import ContentError
    from nmt_content.pipeline.loading import load_site

    root = copy_group(tmp_path)
    edit_yaml(root, old, new)
    with pytest.raises(ContentError) as raised:
        load_site(root)
    (issue,) = raised.value.issues
    lines = (root / "practice.yaml").read_text(encoding="utf-8").splitlines()
    assert message in issue.message
    assert issue.line is not None
    shown = lines[issue.line - 1].strip()
    assert shown in new or new.strip().splitlines()[0].strip() in shown
