"""The public surface is explicit: this test pins ``nmt_content.__all__`` and the exception tree."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys

import pytest

import nmt_content
from nmt_content import errors

EXPECTED = {
    "BuildError",
    "BuildOptions",
    "BuildReport",
    "CheckResult",
    "ContentError",
    "ContentIssue",
    "Finding",
    "FolderBuild",
    "NmtContentError",
    "OutputError",
    "Page",
    "PageNotFoundError",
    "Site",
    "__version__",
    "build_site",
    "build_to",
    "check_site",
    "head_tags",
    "inject",
    "jsonld",
    "jsonld_script",
    "load_site",
    "page_for",
    "pages_of",
    "read_sources",
    "robots_txt",
    "sitemap_xml",
}

INTERNAL_SIGNALS = {
    "nmt_content.content.front_matter.FrontMatterError",
    "nmt_content.content.yaml_source.YamlSyntaxError",
    "nmt_content.content.yaml_source._StrictError",
    "nmt_content.content.plain_yaml._Fallback",
    "nmt_content.cli.serve._Stopped",
    "nmt_content.integrations.inject_scan._Stop",
    "nmt_content.integrations.inject_files.SiteFileError",
    "nmt_content.integrations.inject_encoding.PageEncodingError",
    "nmt_content.pipeline.build_edited._Touched",
}
"""Raised and caught inside one module, never reaching a caller: the loader's (they become
ContentIssues; the errors module says so), `serve`'s stop signal, `inject`'s reasons a file
cannot be read or decoded (they become the report's problems or an OutputError), and the edit
build's sign that the output was touched (the whole site is then built)."""


def test_all_is_pinned() -> None:
    assert set(nmt_content.__all__) == EXPECTED


def test_every_exported_name_exists() -> None:
    for name in nmt_content.__all__:
        assert getattr(nmt_content, name) is not None


def test_star_import_gives_every_name() -> None:
    namespace: dict[str, object] = {}
    exec("from nmt_content import *", namespace)
    assert namespace.keys() >= EXPECTED


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = nmt_content.no_such_name  # type: ignore[attr-defined]


def test_importing_the_package_leaves_the_checks_unloaded() -> None:
    """The check rules load on first use of a check name, not with every `import nmt_content`."""
    code = (
        "import sys, nmt_content; before = 'nmt_content.checks' in sys.modules; "
        "nmt_content.check_site; print(before, 'nmt_content.checks' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True"]


def _exception_classes() -> dict[str, type[BaseException]]:
    """Every exception class defined in a module of the package, by qualified name."""
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(nmt_content.__path__, "nmt_content."):
        if info.name == "nmt_content.__main__":
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == info.name
            ):
                found[f"{info.name}.{value.__qualname__}"] = value
    return found


def test_every_exception_class_lives_in_errors_under_one_base() -> None:
    classes = _exception_classes()
    assert set(classes) - INTERNAL_SIGNALS == {
        f"nmt_content.errors.{name}"
        for name in errors.__all__
        if isinstance(getattr(errors, name), type) and name != "ContentIssue"
    }
    for name in errors.__all__:
        value = getattr(errors, name)
        if isinstance(value, type) and issubclass(value, BaseException):
            assert issubclass(value, errors.NmtContentError), name
            entry = f"    {name} " if value is errors.NmtContentError else f"── {name} "
            assert entry in (errors.__doc__ or ""), f"{name} is missing from the drawn tree"


def test_moved_errors_are_still_importable_from_their_old_modules() -> None:
    from nmt_content.cli.scaffold import ScaffoldError
    from nmt_content.preview.server import PortInUseError

    assert ScaffoldError is errors.ScaffoldError
    assert PortInUseError is errors.PortInUseError


def test_page_not_found_is_also_a_key_error() -> None:
    assert issubclass(nmt_content.PageNotFoundError, KeyError)
    assert issubclass(nmt_content.PageNotFoundError, nmt_content.NmtContentError)


@pytest.mark.parametrize(
    ("function", "raised"),
    [
        ("page_for", ["PageNotFoundError", "ValueError"]),
        ("build_to", ["ContentError", "OutputError", "BuildError", "ValueError", "TemplateError"]),
        ("check_site", ["BuildError", "ValueError", "TemplateError"]),
    ],
)
def test_public_functions_document_what_they_raise(function: str, raised: list[str]) -> None:
    doc = inspect.getdoc(getattr(nmt_content, function)) or ""
    section = doc.split("Raises:", 1)[1]
    listed = [line.split(":", 1)[0].strip().rsplit(".", 1)[-1] for line in section.splitlines()]
    assert [name for name in listed if name and name[0].isupper()] == raised
