"""Golden files: every sample page parses to exactly its reviewed expectation.

Goldens are written on purpose only (``python tests/regen_goldens.py PAGE...``)
and reviewed by diff, never regenerated blindly. A page holding one record has
a golden holding that Trial; a page holding several (a JSON array, JSON Lines, a
search page) has a golden holding the list of its Trials, read by ``iter_trials``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import trialparse
from conftest import golden_path, sample_id, sample_pages

PAGES = sample_pages()


def test_every_sample_has_a_golden() -> None:
    missing = [str(p) for _, p in PAGES if not golden_path(p).is_file()]
    assert not missing, f"samples without a golden: {missing}"


@pytest.mark.parametrize("item", PAGES, ids=[sample_id(i) for i in PAGES])
def test_sample_matches_golden(item: tuple[str, Path]) -> None:
    fmt, page = item
    golden = golden_path(page)
    if not golden.is_file():
        pytest.fail(f"no golden for {page}")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    if isinstance(expected, list):  # a page of several records
        with pytest.raises(trialparse.MultipleRecordsError):
            trialparse.parse_file(page)
        trials = list(trialparse.iter_trials(page))
        assert [t.format for t in trials] == [fmt] * len(trials)
        assert [t.model_dump(mode="json") for t in trials] == expected
        return
    trial = trialparse.parse_file(page)
    assert trial.format == fmt
    assert trial.model_dump(mode="json") == expected


def _trials(page: Path) -> list[trialparse.Trial]:
    try:
        return [trialparse.parse_file(page)]
    except trialparse.MultipleRecordsError:
        return list(trialparse.iter_trials(page))


@pytest.mark.parametrize("item", PAGES, ids=[sample_id(i) for i in PAGES])
def test_sample_round_trips(item: tuple[str, Path]) -> None:
    for trial in _trials(item[1]):
        assert trialparse.Trial.model_validate_json(trial.model_dump_json()) == trial
