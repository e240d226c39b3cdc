"""Serialise JSON-LD for a `<script>` element so that no text inside it can end the element.

Keys are sorted (deterministic output), and `<`, `>`, `&`, U+2028 and U+2029 are written as JSON
escapes: `</script>`, `<!--` and `-->` in any title or description stay inert, and the JSON still
parses to exactly the original text (the approach of Django's `json_script` and Jinja's `tojson`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["dumps_for_script", "jsonld_script", "script_element"]

_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def dumps_for_script(data: Mapping[str, Any]) -> str:
    """Compact, key-sorted JSON that is safe inside a script element."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_ESCAPES)


def jsonld_script(data: Mapping[str, Any]) -> str:
    """A complete `<script type="application/ld+json">` element for ``data``."""
    return script_element(dumps_for_script(data))


def script_element(script_json: str) -> str:
    """Wrap JSON already escaped by :func:`dumps_for_script` in its script element."""
    return f'<script type="application/ld+json">{script_json}</script>'
