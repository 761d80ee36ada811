"""Arbitrary input reaches the API: only the library's own errors come out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import trialparse
from trialparse import InternalError, Trial, TrialparseError, _registry
from trialparse._text import Page


def _only_own_errors(call: object) -> None:
    """Only the library's errors escape, and a Trial that comes out survives its JSON."""
    try:
        trial = call()  # type: ignore[operator]
    except InternalError:  # an extractor crashed: a bug, not a clean refusal
        raise
    except TrialparseError:
        return
    assert Trial.model_validate_json(trial.model_dump_json()) == trial


@given(st.text(max_size=2000))
def test_parse_text_arbitrary(text: str) -> None:
    _only_own_errors(lambda: trialparse.parse_text(text))


@given(st.binary(max_size=2000))
def test_parse_bytes_arbitrary(data: bytes) -> None:
    _only_own_errors(lambda: trialparse.parse_bytes(data))


@given(st.text(max_size=2000))
def test_detector_scores_in_unit_interval(text: str) -> None:
    page = Page(text)
    for fid in _registry.format_ids():
        s = _registry.score(_registry.get_module(fid), page)
        assert 0.0 <= s <= 1.0


@given(st.text(max_size=500), st.sampled_from(list(_registry.format_ids()) or ["hra"]))
def test_explicit_format_arbitrary(text: str, fid: str) -> None:
    _only_own_errors(lambda: trialparse.parse_text(text, fid))


# every code point, lone surrogates included (hypothesis leaves them out by default)
_ANY_CHAR = st.characters(codec=None, categories=None)


@given(st.lists(st.one_of(st.sampled_from(["\ud800", "\udfff", "Title", "\n"]), _ANY_CHAR)))
def test_lone_surrogates_in_text_input(parts: list[str]) -> None:
    text = "IRAS ID\n123456\nResearch summary\n" + "".join(parts)
    _only_own_errors(lambda: trialparse.parse_text(text, "hra"))


def test_a_lone_surrogate_in_text_input_becomes_a_replacement_character() -> None:
    trial = trialparse.parse_text("IRAS ID\n123456\nResearch summary\nx \ud800 y\n", "hra")
    assert trial.brief_summary == "x \ufffd y"
