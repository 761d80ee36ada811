"""Detection: every sample against every detector (the matrix), and detector hygiene."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

import trialparse
from conftest import sample_id, sample_pages
from trialparse import _registry
from trialparse._text import Page

PAGES = sample_pages()
MARGIN = 0.3  # a page's own format must beat every other detector by this much


def _page(path: Path) -> Page:
    from trialparse._text import decode_bytes

    return Page(decode_bytes(path.read_bytes()), str(path))


@pytest.mark.parametrize("item", PAGES, ids=[sample_id(i) for i in PAGES])
def test_matrix_row(item: tuple[str, Path]) -> None:
    fmt, path = item
    page = _page(path)
    scores = dict(_registry.scores(page))
    assert trialparse.detect(path.read_bytes()).format == fmt, scores
    own = scores[fmt]
    assert own >= 0.5, f"{fmt} scores its own page {path.name} only {own:.2f}"
    for other, s in scores.items():
        if other == fmt:
            continue
        assert s <= own - MARGIN, f"{other} scores {s:.2f} on {fmt}'s {path.name} (own {own:.2f})"


def test_every_format_has_samples() -> None:
    with_samples = {fmt for fmt, _ in PAGES}
    assert set(_registry.format_ids()) <= with_samples


@pytest.mark.parametrize("fid", _registry.format_ids())
def test_detector_scores_unrelated_text_low(fid: str) -> None:
    mod = _registry.get_module(fid)
    for text in (
        "hello world",
        "Status: fine\nPhase: moon",
        "{}",
        "<html><body>news</body></html>",
    ):
        assert _registry.score(mod, Page(text)) < 0.2, (fid, text)


def test_crashing_detector_scores_zero() -> None:
    boom = ModuleType("boom")

    def analyse_text(page: Page) -> float:
        raise RuntimeError("detector bug")

    boom.analyse_text = analyse_text  # type: ignore[attr-defined]
    assert _registry.score(boom, Page("anything")) == 0.0


def test_out_of_range_scores_are_clamped() -> None:
    mod = ModuleType("wild")
    for value, expected in ((7.0, 1.0), (-3.0, 0.0), (float("nan"), 0.0)):
        mod.analyse_text = lambda page, v=value: v  # type: ignore[attr-defined]
        assert _registry.score(mod, Page("x")) == expected


def test_unknown_page_is_unknown_format() -> None:
    with pytest.raises(trialparse.UnknownFormatError) as info:
        trialparse.parse_text("A recipe for bread.\nFlour, water, salt.\n")
    for fid in _registry.format_ids():
        assert fid in str(info.value)


def test_parsing_stops_at_a_certain_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _registry.format_ids()
    calls: list[str] = []
    for fid in ids:

        def analyse_text(page: Page, f: str = fid) -> float:
            calls.append(f)
            return 1.0 if f == ids[0] else 0.0

        monkeypatch.setattr(_registry.get_module(fid), "analyse_text", analyse_text)
    assert [f for f, _ in _registry.scores(Page("x"), stop_when_certain=True)] == [ids[0]]
    assert calls == [ids[0]]
    calls.clear()
    assert trialparse.detect("x").runners_up  # detect() still reports every dedicated score
    assert ids[1] in calls
