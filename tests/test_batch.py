"""Batch parsing: order, failures as values, workers, streaming."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import trialparse
from conftest import SAMPLES, sample_pages
from trialparse._api import walk
from trialparse._batch import ordered_map

PAGES = sample_pages()
needs_samples = pytest.mark.skipif(not PAGES, reason="no samples yet")


def _square(x: int) -> int:
    return x * x


def test_ordered_map_keeps_order_and_bounds_in_flight() -> None:
    pulled: list[int] = []

    def jobs() -> Iterator[int]:
        for i in range(1000):
            pulled.append(i)
            yield i

    results = ordered_map(_square, jobs(), workers=2, depth=2)
    first = next(results)
    # only a bounded window of jobs was taken before the first result came back
    assert len(pulled) <= 2 * 2
    assert [first, *results] == [i * i for i in range(1000)]


@needs_samples
def test_failures_are_values_in_input_order(tmp_path: Path) -> None:
    good = [p for _, p in PAGES[:3]]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    inputs = [str(good[0]), str(bad), *map(str, good[1:])]
    results = list(trialparse.iter_results(inputs))
    assert [r.path for r in results] == inputs
    assert [r.ok for r in results] == [True, False, *([True] * (len(inputs) - 2))]
    assert isinstance(results[1].error, trialparse.InputError)


@needs_samples
def test_workers_give_the_same_results_in_the_same_order(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    shutil.copytree(SAMPLES, folder)
    (folder / "broken.txt").write_text("not a trial at all\n", encoding="utf-8")
    one = list(trialparse.iter_results([folder]))
    two = list(trialparse.iter_results([folder], workers=2))
    assert [(r.path, r.index, r.trial) for r in one] == [(r.path, r.index, r.trial) for r in two]
    assert [type(r.error) for r in one] == [type(r.error) for r in two]
    assert sum(not r.ok for r in two) >= 1


@needs_samples
def test_iter_trials_raise_or_skip(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("nothing\n", encoding="utf-8")
    good = PAGES[0][1]
    with pytest.raises(trialparse.UnknownFormatError):
        list(trialparse.iter_trials([good, bad]))
    assert len(list(trialparse.iter_trials([good, bad], errors="skip"))) >= 1


def test_walk_skips_goldens_hidden_and_readmes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.txt.golden.json").write_text("{}")
    (tmp_path / "README.md").write_text("# x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.xml").write_text("<x/>")
    assert [Path(p).relative_to(tmp_path).as_posix() for p in walk([tmp_path])] == [
        "a.txt",
        "sub/b.xml",
    ]


def test_unknown_format_for_a_batch_is_raised_at_once(tmp_path: Path) -> None:
    with pytest.raises(trialparse.UnknownFormatError):
        next(trialparse.iter_results([tmp_path], format="nope"))


def test_walk_does_not_follow_directory_links(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert list(walk([tmp_path])) == [str(tmp_path / "a.txt")]


@needs_samples
def test_shipped_json_result_is_the_same_trial() -> None:
    page = PAGES[0][1]
    trial = trialparse.parse_file(page)
    shipped = trialparse.ParseResult(str(page), 0, json=trial.model_dump_json())
    assert shipped.ok and shipped.error is None
    assert shipped.trial == trial
    assert shipped.json() == trial.model_dump_json()
    failed = trialparse.ParseResult(str(page), 0, error=trialparse.InputError("x"))
    assert not failed.ok and failed.trial is None and failed.json() is None
