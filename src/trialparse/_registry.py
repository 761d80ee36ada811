"""The format registry: one plain tuple naming one extractor module per format.

Each module in ``trialparse._formats`` provides:

- ``ID``: the fixed format id (``"hra"``), ``TITLE`` and ``URL`` (the site);
- ``analyse_text(page) -> float``: how surely the page is this format, in [0, 1];
- ``extract(page) -> Trial``: a pure text-to-model function;
- optionally ``extract_many(page) -> Iterator[Trial]`` for inputs that hold many
  records (JSON arrays, JSON Lines), and ``GENERIC = True`` for a fallback format,
  which detection consults only when no dedicated detector is confident.

To add a format: write the module, add its name below, add samples and goldens
under ``samples/<id>/`` (see README, "Adding a format").
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterator
from functools import cache
from types import ModuleType
from typing import NamedTuple

from ._errors import UnknownFormatError
from ._text import Page

# Module names under trialparse._formats, in detection tie-break order (and the
# order of `formats()`). The package is private: the public `trialparse.formats`
# is the function listing them.
# The structured formats come first: their detectors look at a few bytes and are
# certain (1.0) or out (0.0), so JSON and XML inputs never pay for the text detectors.
FORMAT_MODULES: tuple[str, ...] = (
    "ctgov_json",
    "ctgov_xml",
    "hra",
    "inclinicaltrials",
    "ctv_veeva",
    "ctgov_api_text",
    "ctgov_classic",
    "generic",
)


class FormatInfo(NamedTuple):
    id: str
    title: str
    url: str


@cache
def _modules() -> dict[str, ModuleType]:
    mods: dict[str, ModuleType] = {}
    for name in FORMAT_MODULES:
        mod = importlib.import_module(f"trialparse._formats.{name}")
        mods[mod.ID] = mod
    return mods


def format_ids() -> tuple[str, ...]:
    return tuple(_modules())


def get_module(format_id: str) -> ModuleType:
    mods = _modules()
    try:
        return mods[format_id]
    except KeyError:
        raise UnknownFormatError(f"unknown format {format_id!r}", known=mods) from None


def infos() -> list[FormatInfo]:
    return [FormatInfo(m.ID, m.TITLE, m.URL) for m in _modules().values()]


def score(module: ModuleType, page: Page) -> float:
    """A detector's score, clamped to [0, 1]; a detector that crashes scores 0."""
    try:
        value = module.analyse_text(page)
        if type(value) is float and 0.0 <= value <= 1.0:
            return value  # the usual answer, as it is (NaN fails the comparison)
        value = float(value)
    except Exception:  # a detector must never break detection of other formats
        return 0.0
    if math.isnan(value):
        return 0.0
    return min(1.0, max(0.0, value))


#: Fallback formats (``GENERIC = True``) are consulted only when no dedicated
#: detector reaches this score, so they can never take a dedicated format's page.
FALLBACK_BELOW = 0.5


def scores(page: Page, *, stop_when_certain: bool = False) -> Iterator[tuple[str, float]]:
    """Each consulted format's score: every dedicated one, then the fallbacks if needed.

    With ``stop_when_certain``, a detector scoring 1.0 ends the round: certainty
    cannot be beaten, and parsing need not pay for the detectors after it.
    """
    best = 0.0
    dedicated, fallbacks = _split()
    for fid, mod in dedicated:
        s = score(mod, page)
        if s > best:
            best = s
        yield fid, s
        if stop_when_certain and s >= 1.0:
            return
    if best < FALLBACK_BELOW:
        for fid, mod in fallbacks:
            yield fid, score(mod, page)


def best(page: Page) -> tuple[ModuleType | None, float]:
    """The module that ranks first in ``scores(page, stop_when_certain=True)`` (a tie
    goes to the earlier format) and its score; None when no format is consulted.

    What parsing asks: the same round as ``scores``, without the generator and the
    (id, score) pairs that only ``detect()`` reports.
    """
    best_module: ModuleType | None = None
    best_score = -1.0
    dedicated, fallbacks = _split()
    for _, mod in dedicated:
        s = score(mod, page)
        if s > best_score:
            best_module, best_score = mod, s
            if s >= 1.0:
                return mod, s
    if best_score < FALLBACK_BELOW:
        for _, mod in fallbacks:
            s = score(mod, page)
            if s > best_score:
                best_module, best_score = mod, s
    return best_module, best_score


@cache
def _split() -> tuple[tuple[tuple[str, ModuleType], ...], tuple[tuple[str, ModuleType], ...]]:
    """(dedicated formats, fallback formats), each as (id, module) in registry order."""
    items = tuple(_modules().items())
    return (
        tuple(i for i in items if not getattr(i[1], "GENERIC", False)),
        tuple(i for i in items if getattr(i[1], "GENERIC", False)),
    )
