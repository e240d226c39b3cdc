"""Field descriptions come from the docstrings under the fields, collected only when shown."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

_RUN = """
import json, sys
from nmt_content.models import Credential, FrontMatter, KnowledgeBase, Reviewer
before = FrontMatter.model_fields["title"].description
from nmt_content.models.field_docs import document_fields
document_fields()
document_fields()  # once is enough; again changes nothing
schema = KnowledgeBase.model_json_schema()
print(json.dumps({
    "before": before,
    "title": FrontMatter.model_fields["title"].description,
    "job_title": Reviewer.model_fields["job_title"].description,
    "credential_in_schema": schema["$defs"]["Credential"]["properties"],
    "credential": {n: f.description for n, f in Credential.model_fields.items()},
}))
"""


@pytest.fixture(scope="module")
def seen() -> dict[str, object]:
    """What a fresh process sees before and after :func:`document_fields`."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN], capture_output=True, text=True, check=True, timeout=120
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_importing_the_models_describes_no_field_and_document_fields_describes_them(
    seen: dict[str, object],
) -> None:
    assert seen["before"] is None  # no source was parsed at import
    assert seen["job_title"] == "Their qualification, e.g. `Physical therapist, DPT`."
    assert isinstance(seen["title"], str)
    assert seen["title"]


def test_the_schema_of_a_held_model_shows_its_descriptions(seen: dict[str, object]) -> None:
    properties = seen["credential_in_schema"]
    described = seen["credential"]
    assert isinstance(properties, dict)
    assert isinstance(described, dict)
    assert described  # Credential documents its fields
    for name, description in described.items():
        if description is not None:
            assert properties[name]["description"] == description
