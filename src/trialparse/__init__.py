"""trialparse: clinical-trial registry pages into validated, typed ``Trial`` models.

>>> import trialparse
>>> trial = trialparse.parse_file("page.txt")          # doctest: +SKIP
>>> trial.nct_id, trial.overall_status, trial.phases    # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._api import (
        Detection,
        InternalError,
        ParseResult,
        detect,
        formats,
        iter_results,
        iter_trials,
        parse_bytes,
        parse_file,
        parse_text,
    )
    from ._dates import PartialDate
    from ._errors import (
        FormatMismatchError,
        InputError,
        MultipleRecordsError,
        StrictModeError,
        TrialparseError,
        UnknownFormatError,
        UnsafeXMLError,
    )
    from ._model import (
        Age,
        Contact,
        Design,
        Duration,
        Eligibility,
        Enrollment,
        EthicsReview,
        Fragment,
        Intervention,
        Issue,
        IssueCode,
        Location,
        Organization,
        Outcome,
        RelatedStudy,
        SecondaryId,
        Trial,
    )
    from ._registry import FormatInfo
    from ._schema import json_schema

__version__ = "0.1.0"

# Names are loaded on first use (PEP 562): `import trialparse` stays as cheap as
# importing a plain module, and pydantic's model building is paid when a parse
# or the model is first touched, not by scripts that only import.
_LAZY: dict[str, str] = {
    "Age": "._model",
    "Contact": "._model",
    "Design": "._model",
    "Detection": "._api",
    "Duration": "._model",
    "Eligibility": "._model",
    "Enrollment": "._model",
    "EthicsReview": "._model",
    "FormatInfo": "._registry",
    "FormatMismatchError": "._errors",
    "Fragment": "._model",
    "InputError": "._errors",
    "InternalError": "._api",
    "Intervention": "._model",
    "Issue": "._model",
    "IssueCode": "._model",
    "Location": "._model",
    "MultipleRecordsError": "._errors",
    "Organization": "._model",
    "Outcome": "._model",
    "ParseResult": "._api",
    "PartialDate": "._dates",
    "RelatedStudy": "._model",
    "SecondaryId": "._model",
    "StrictModeError": "._errors",
    "Trial": "._model",
    "TrialparseError": "._errors",
    "UnknownFormatError": "._errors",
    "UnsafeXMLError": "._errors",
    "detect": "._api",
    "formats": "._api",
    "iter_results": "._api",
    "iter_trials": "._api",
    "json_schema": "._schema",
    "parse_bytes": "._api",
    "parse_file": "._api",
    "parse_text": "._api",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'trialparse' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "Age",
    "Contact",
    "Design",
    "Detection",
    "Duration",
    "Eligibility",
    "Enrollment",
    "EthicsReview",
    "FormatInfo",
    "FormatMismatchError",
    "Fragment",
    "InputError",
    "InternalError",
    "Intervention",
    "Issue",
    "IssueCode",
    "Location",
    "MultipleRecordsError",
    "Organization",
    "Outcome",
    "ParseResult",
    "PartialDate",
    "RelatedStudy",
    "SecondaryId",
    "StrictModeError",
    "Trial",
    "TrialparseError",
    "UnknownFormatError",
    "UnsafeXMLError",
    "__version__",
    "detect",
    "formats",
    "iter_results",
    "iter_trials",
    "json_schema",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
