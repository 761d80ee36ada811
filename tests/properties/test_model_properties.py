"""Properties of the model: JSON round trip, PartialDate, vocabulary."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trialparse import PartialDate, Trial
from trialparse._dates import parse_partial_date

from .strategies import partial_dates, trials


@given(trials)
def test_trial_json_round_trip(trial: Trial) -> None:
    assert Trial.model_validate_json(trial.model_dump_json()) == trial


@given(trials)
def test_trial_python_round_trip(trial: Trial) -> None:
    assert Trial.model_validate(trial.model_dump(mode="json")) == trial


@given(partial_dates())
def test_partial_date_iso_round_trip(d: PartialDate) -> None:
    assert PartialDate.fromisoformat(d.isoformat()) == d
    assert parse_partial_date(d.isoformat()) == d
    assert d.earliest() <= d.latest()
    assert d.earliest().year == d.year == d.latest().year


@given(st.text(max_size=60))
def test_date_parser_never_raises(s: str) -> None:
    parse_partial_date(s)
