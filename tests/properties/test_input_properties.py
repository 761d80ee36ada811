"""Arbitrary input reaches the API: only the library's own errors come out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import trialparse
from trialparse import InternalError, TrialparseError, _registry
from trialparse._text import Page


def _only_own_errors(call: object) -> None:
    try:
        call()  # type: ignore[operator]
    except InternalError:  # an extractor crashed: a bug, not a clean refusal
        raise
    except TrialparseError:
        pass


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
