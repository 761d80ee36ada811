"""The HRA seed page cut at any byte: it still parses (or is refused with a library
error), says it is truncated, and keeps every value it had already read in full.

"Read in full" is defined on the page's bytes. The seed is one label per line with
its value on the following line(s). A label's value is complete in a prefix when
the prefix reaches the start of the NEXT label line (the value's last newline is
in, so nothing more of it can follow); the last label's value is complete only in
the whole page. The heading is complete once its newline is in. For each such
complete section, the value it gave in the full parse must be equal in the
truncated parse (a cut label such as ``REC na`` must not leak into the value
before it; a character cut in two must not garble the text before it).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

import trialparse
from conftest import SAMPLES
from trialparse import InternalError, Trial, TrialparseError
from trialparse._formats import hra
from trialparse._model import EthicsReview
from trialparse._text import Page, decode_bytes

SEED = SAMPLES / "hra" / "seed_000_rt-immune.txt"  # a copy of shared/seeds/000_*.txt
DATA = SEED.read_bytes()
END = len(DATA.rstrip())


def _section_ends() -> dict[str, int]:
    """Byte offset at which each section of the seed is complete ("Label#occurrence")."""
    starts: list[tuple[str, int]] = []
    seen: dict[str, int] = {}
    offset = 0
    heading_end = None
    for raw in DATA.split(b"\n"):
        line = raw.decode("utf-8").strip()
        if heading_end is None and line:
            heading_end = offset + len(raw) + 1
        if line in hra.LABELS:
            seen[line] = seen.get(line, 0) + 1
            starts.append((f"{line}#{seen[line]}", offset))
        offset += len(raw) + 1
    ends = {"heading": heading_end or len(DATA)}
    for (name, _), (_, nxt) in itertools.pairwise(starts):
        ends[name] = nxt
    ends[starts[-1][0]] = len(DATA)
    return ends


# 1-based line of the first (empty) Clinicaltrials.gov Identifier label
CT1_LINE = DATA.decode("utf-8").split("\n").index("Clinicaltrials.gov Identifier") + 1


def _review(t: Trial) -> EthicsReview:
    return t.ethics_reviews[0] if t.ethics_reviews else EthicsReview()


# Each section of the seed -> what it gave in the Trial.
GIVES: dict[str, Callable[[Trial], Any]] = {
    "heading": lambda t: (t.brief_title, t.acronym, t.keywords),
    "Research type#1": lambda t: t.research_type,
    "Full title#1": lambda t: t.official_title,
    "IRAS ID#1": lambda t: t.iras_id,
    "Contact name#1": lambda t: [c.name for c in t.contacts],
    # empty on the page: what it gives is its empty_value issue
    "Contact email#1": lambda t: [
        (i.code, i.line) for i in t.issues if i.field == "contacts.email"
    ],
    "Sponsor organisation#1": lambda t: t.sponsor,
    "Eudract number#1": lambda t: t.eudract_number,
    "Clinicaltrials.gov Identifier#1": lambda t: [
        i.code for i in t.issues_with("empty_value") if i.field == "nct_id" and i.line == CT1_LINE
    ],
    "Clinicaltrials.gov Identifier#2": lambda t: (
        [s for s in t.secondary_ids if s.type != "REC"],
        [f for f in t.unparsed if f.label == "Clinicaltrials.gov Identifier"],
    ),
    "Duration of Study in the UK#1": lambda t: t.planned_duration,
    "Research summary#1": lambda t: (t.brief_summary, t.enrollment),
    "REC name#1": lambda t: _review(t).committee,
    "REC reference#1": lambda t: (
        _review(t).reference,
        [s for s in t.secondary_ids if s.type == "REC"],
    ),
    "Date of REC Opinion#1": lambda t: _review(t).opinion_date,
    "REC opinion#1": lambda t: (_review(t).opinion, _review(t).opinion_raw),
}
ENDS = _section_ends()
FULL = hra.extract(Page(decode_bytes(DATA)))


def test_the_property_is_not_vacuous() -> None:
    """Every section of the seed is mapped, and each gave a value in the full parse."""
    assert set(ENDS) == set(GIVES)
    for name, gives in GIVES.items():
        value = gives(FULL)
        assert value not in (None, [], ([], [])), name
        if name.startswith("Contact name"):
            assert value == ["Shane Zaidi"]
    assert not FULL.issues_with("truncated")


def _extract_prefix(k: int) -> Trial | None:
    try:
        text = decode_bytes(DATA[:k])
    except TrialparseError:
        return None  # empty or blank prefix: refused cleanly
    return hra.extract(Page(text))  # anything raised here fails the test


def check_cut(k: int) -> None:
    prefix = DATA[:k]
    for fmt in (None, "hra"):
        try:
            trialparse.parse_bytes(prefix, fmt)
        except InternalError:
            raise
        except TrialparseError:
            pass
    trial = _extract_prefix(k)
    if trial is None:
        return
    assert trialparse.Trial.model_validate_json(trial.model_dump_json()) == trial
    if k < END:
        assert trial.issues_with("truncated"), f"cut at {k}: no truncated issue"
    for name, end in ENDS.items():
        if k >= end:
            assert GIVES[name](trial) == GIVES[name](FULL), f"cut at {k} changed {name}"


@given(st.integers(min_value=0, max_value=len(DATA)))
@example(ENDS["REC name#1"] + len("REC na"))  # a label cut after a complete summary
@example(DATA.index("Bérard".encode()) + 2)  # inside the two bytes of "é"
@example(ENDS["Research summary#1"] - 1)  # the summary without its last newline
def test_truncated_seed_keeps_what_it_had_read(k: int) -> None:
    check_cut(k)


def test_every_cut() -> None:
    """Deterministic companion: every byte position of the seed (about 2 s)."""
    for k in range(len(DATA) + 1):
        check_cut(k)
