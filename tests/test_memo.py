"""The memo tables of short spellings: bounded, and invisible in what a parse returns."""

from __future__ import annotations

from pathlib import Path

import pytest

import trialparse
from conftest import sample_id, sample_pages
from trialparse import _memo, _registry

PAGES = sample_pages()


def _trials(path: Path) -> list[str]:
    return [t.model_dump_json() for t in trialparse.iter_trials([path])]


def test_every_table_is_registered_and_bounded() -> None:
    _registry._modules()  # every extractor imported: their tables made
    for path in (p for _, p in PAGES):
        _trials(path)
    tables = _memo.tables()
    # the shared readers' tables and at least one of each extractor that keeps any
    names = " ".join(tables)
    for expected in (
        "vocabulary keys",
        "phase spellings",
        "criteria headings",
        "hra",
        "ctgov-json",
    ):
        assert expected in names
    for name, (table, limit) in tables.items():
        assert 0 < limit <= 4096, name
        assert len(table) <= limit, name


@pytest.mark.parametrize("item", PAGES, ids=[sample_id(i) for i in PAGES])
def test_a_parse_is_the_same_with_empty_and_with_full_tables(item: tuple[str, Path]) -> None:
    _, path = item
    _memo.clear_all()
    assert all(not table for table, _ in _memo.tables().values())
    cold = _trials(path)
    warm = _trials(path)  # every spelling of the page now read from the tables
    assert warm == cold
    # and what a table handed out is not shared: changing one Trial leaves the next alone
    first, second = list(trialparse.iter_trials([path])), list(trialparse.iter_trials([path]))
    for a, b in zip(first, second, strict=True):
        if a.eligibility is not None and a.eligibility.minimum_age is not None:
            a.eligibility.minimum_age.value = 999
            assert b.eligibility is not None and b.eligibility.minimum_age is not None
            assert b.eligibility.minimum_age.value != 999


def test_a_memo_reads_what_it_lacks_and_stops_growing_at_its_limit() -> None:
    reads: list[str] = []

    def read(spelling: str) -> str:
        reads.append(spelling)
        return spelling.lower()

    table = _memo.Memo(read, 2)
    assert [table[s] for s in ("A", "B", "A", "C", "C")] == ["a", "b", "a", "c", "c"]
    assert dict(table) == {"A": "a", "B": "b"}  # full at two: "C" is read each time
    assert reads == ["A", "B", "C", "C"]
