"""trialparse: clinical-trial registry pages into validated, typed ``Trial`` models.

>>> import trialparse
>>> trial = trialparse.parse_file("page.txt")          # doctest: +SKIP
>>> trial.nct_id, trial.overall_status, trial.phases    # doctest: +SKIP
"""

from __future__ import annotations

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
