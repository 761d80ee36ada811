"""Nothing is lost: every non-blank line of a text sample fed a field, is noise, or is
in ``unparsed``; and every line said to feed a field really left a trace in the Trial."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import pytest
import regex

import trialparse
from conftest import sample_id, sample_pages
from trialparse import _builder, _registry, _vocab
from trialparse._text import Page, decode_bytes

# Structured formats (JSON, XML) are checked field by field in their own tests.
TEXT_PAGES = [
    item
    for item in sample_pages()
    if item[0] in _registry.format_ids()
    if not getattr(_registry.get_module(item[0]), "STRUCTURED", False)
]
_WORD_RE = regex.compile(r"[\p{L}\p{N}]{2,}")
_MONTHS = {
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}


# "2,760" and "2 760" are the 2760 of the JSON
_THOUSANDS_RE = regex.compile(r"(?<=\d)[, \u00a0\u202f](?=\d{3}\b)")
# Source spellings the shared vocabulary maps to enum values ("Enrolling" -> RECRUITING):
# a line holding one fed a field even though none of its words is in the JSON.
_VOCAB_TABLES = [
    t
    for t in vars(_vocab).values()
    if isinstance(t, dict) and t and all(isinstance(v, StrEnum) for v in t.values())
]


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD_RE.findall(_THOUSANDS_RE.sub("", text))}


def is_vocab_spelling(text: str) -> bool:
    # "No" under "Volunteers" becomes `false`: a JSON boolean shows no word of the line
    if _vocab.parse_yes_no(text) is not None:
        return True
    return any(_vocab.lookup(t, text) is not None for t in _VOCAB_TABLES)


_DURATION_KEYS = {"years", "months", "days"}


def value_words(value: object) -> set[str]:
    """Words of every string and number in a dumped Trial (not of its JSON escapes)."""
    if isinstance(value, dict):
        out: set[str] = set().union(*(value_words(v) for v in value.values())) if value else set()
        if set(value) == _DURATION_KEYS:
            # "0 years, 8 months, 1 days": one-digit numbers and units, maybe singular
            out |= _DURATION_KEYS | {k[:-1] for k in _DURATION_KEYS}
        return out
    if isinstance(value, list):
        return set().union(*(value_words(v) for v in value)) if value else set()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return words(str(value))
    return set()


def label_words(fid: str) -> set[str]:
    mod = _registry.get_module(fid)
    out: set[str] = set()
    for name in ("LABELS", "NOISE"):
        table = getattr(mod, name, None) or ()
        for entry in table:
            out |= words(entry if isinstance(entry, str) else getattr(entry, "pattern", str(entry)))
    return out


def check_nothing_lost(fid: str, text: str) -> None:
    page = Page(text)
    trial = trialparse.parse_text(text, fid)
    accounted, noise = _builder.LAST_ACCOUNTING.get()
    known = value_words(trial.model_dump(mode="json")) | label_words(fid) | _MONTHS
    for f in trial.unparsed:
        assert f.text.strip() in page.lines[f.line - 1] or f.text in "\n".join(page.lines), f
    for n, line in enumerate(page.norm, start=1):
        if not line.strip():
            continue
        assert n in accounted, f"line {n} is neither a field, noise nor unparsed: {line[:80]!r}"
        if n in noise:
            continue
        line_words = words(page.lines[n - 1])
        if line_words and not is_vocab_spelling(page.lines[n - 1]):
            assert line_words & known, f"line {n} fed no visible value: {line[:80]!r}"


@pytest.mark.parametrize("item", TEXT_PAGES, ids=[sample_id(i) for i in TEXT_PAGES])
def test_nothing_lost(item: tuple[str, Path]) -> None:
    fid, path = item
    check_nothing_lost(fid, decode_bytes(path.read_bytes()))
