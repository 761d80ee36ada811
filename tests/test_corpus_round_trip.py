"""Every record of the shared corpus survives the JSON round trip (skipped without it)."""

from __future__ import annotations

import pytest

import trialparse
from conftest import CORPUS, needs_corpus

FOLDERS = ["ctgov-v2", "ctgov-v1", "ctgov-xml", "ctgov-archive-html"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_corpus_round_trip(folder: str) -> None:
    needs_corpus(folder)
    count = 0
    for result in trialparse.iter_results([CORPUS / folder]):
        assert result.error is None, (result.path, result.error)
        trial = result.trial
        assert trial is not None
        assert trialparse.Trial.model_validate_json(trial.model_dump_json()) == trial, result.path
        count += 1
    assert count > 0
