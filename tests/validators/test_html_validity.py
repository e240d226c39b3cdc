"""Every built page is valid HTML5 by the W3C Nu HTML Checker (the validator behind validator.w3.org).

The checker is installed by scripts/install-web-tools.sh (npm vnu-jar, run with Java); the test is
skipped, naming what is missing, only when that script could not install it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nmt_content.pipeline.build import BuildOptions, build_site
from nmt_content.pipeline.loading import load_site

from ..webtools import VNU_JAR, java, nu_problems, requires


@pytest.fixture(scope="module", params=["demo", "group"])
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each content root of the repository (the demo, the group practice), built."""
    from ..conftest import CONTENT_ROOTS

    out = tmp_path_factory.mktemp("site")
    files, _report = build_site(load_site(CONTENT_ROOTS[request.param]), BuildOptions())
    for path, data in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return out


@requires(java=java() is not None, vnu_jar=VNU_JAR.is_file())
def test_every_page_passes_the_nu_checker(built_site: Path) -> None:
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    assert len(pages) >= 10
    assert nu_problems(pages, also_css=True) == []
