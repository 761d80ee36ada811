"""The JSON Schema of ``Trial`` (``trialparse schema``)."""

from __future__ import annotations

import json
from typing import Any

from ._model import Trial


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the serialised ``Trial`` (what ``model_dump_json`` produces)."""
    return Trial.model_json_schema(mode="serialization", by_alias=True)


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False)
