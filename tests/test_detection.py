"""Detection: every sample against every detector (the matrix), and detector hygiene."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import trialparse
from conftest import sample_id, sample_pages
from trialparse import _registry
from trialparse._text import HEAD_CHARS, Page

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


_ODD_PAGES = [
    "",
    "hello world",
    "Status: fine\nPhase: moon",
    "{}",
    "<html><body>news</body></html>",
]


@pytest.mark.parametrize(
    "text",
    [*(p.read_bytes() for _, p in PAGES), *_ODD_PAGES],
    ids=[*(sample_id(i) for i in PAGES), *(f"odd{i}" for i in range(len(_ODD_PAGES)))],
)
def test_parsing_picks_the_format_detection_ranks_first(text: bytes | str) -> None:
    # parsing asks _registry.best(); detect() ranks _registry.scores(): the same round
    from trialparse._text import decode_bytes

    page = Page(decode_bytes(text) if isinstance(text, bytes) else text)
    ranked = sorted(_registry.scores(page, stop_when_certain=True), key=lambda fs: -fs[1])
    module, score = _registry.best(page)
    if not ranked:
        assert module is None
        return
    assert module is not None
    assert (module.ID, score) == ranked[0]


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


# --- shortcuts that must not change a score ------------------------------------------------
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_HRA_TEXTS = [p for fmt, p in PAGES if fmt == "hra" and p.suffix == ".txt"]


def _hra_variants(text: str) -> Iterator[str]:
    """The page cut at points through its head, without its heading line (a label line
    first), pushed past the head's end by a long line after the heading (so that the
    head's end cuts through its label lines), and without each of its lines in turn."""
    for cut in range(40, min(len(text), HEAD_CHARS + 200), 61):
        yield text[:cut]
    yield text
    heading, rest = text.split("\n", 1)
    yield rest
    for size in range(max(0, HEAD_CHARS - len(text)), HEAD_CHARS, 37):
        yield f"{heading}\n{'word ' * (size // 5)}\n{rest}"
    lines = text.split("\n")
    for n in range(len(lines)):  # each line missing in turn
        yield "\n".join(lines[:n] + lines[n + 1 :])
    # no IRAS ID and no REC opinion: the head's first test refuses the page
    yield "\n".join(line for line in lines if "IRAS" not in line and "pinion" not in line)


@pytest.mark.parametrize("path", _HRA_TEXTS, ids=[p.name for p in _HRA_TEXTS])
def test_hra_printed_label_shortcut_agrees_with_the_head(path: Path) -> None:
    # hra.analyse_text() settles a page with label lines as the site prints them
    # ("Research type") from its lines; the same page with its ASCII letters lower-cased
    # has the same head but never takes that shortcut, so the two scores are the
    # shortcut's and the head's.
    from trialparse._formats import hra
    from trialparse._text import decode_bytes

    taken = 0
    for text in _hra_variants(decode_bytes(path.read_bytes())):
        page, lowered = Page(text), Page(text.translate(_ASCII_LOWER))
        assert page.head == lowered.head
        score = hra.analyse_text(page)
        assert score == hra.analyse_text(lowered), (path.name, len(text), text[:80])
        taken += score == 1.0 and "\nResearch type\n" in text[:HEAD_CHARS]
    assert taken or "\nResearch type\n" not in decode_bytes(path.read_bytes())


class _NoHead(Page):
    """A page whose lower-cased head must not be read."""

    @property
    def head(self) -> str:
        raise AssertionError("the head was read")


def test_hra_pages_as_printed_are_certain_without_the_head() -> None:
    # the shortcut must stay in use: the usual page (label lines as the site prints
    # them, "Research type" after the heading) is settled from its lines alone
    from trialparse._formats import hra
    from trialparse._text import decode_bytes

    printed = [
        p
        for p in _HRA_TEXTS
        if decode_bytes(p.read_bytes()).split("\n")[1:3].count("Research type")
    ]
    assert len(printed) >= 5, [p.name for p in printed]
    for path in printed:
        assert hra.analyse_text(_NoHead(decode_bytes(path.read_bytes()))) == 1.0, path.name


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("IRAS ID\n123", True),
        ("Study Overview\n", True),
        ("\ufeff{", False),  # Page() drops a BOM: the page opens with "{"
        ("{}", False),
        ("[]", False),
        ("<html>", False),
        (" {}", False),
        ("\n<x/>", False),
        ("", False),
    ],
)
def test_plain_text_pages_are_refused_by_the_structured_detectors(text: str, plain: bool) -> None:
    page = Page(text)
    assert page.plain_text is plain
    if plain:
        for fid in ("ctgov-json", "ctgov-xml"):
            assert _registry.score(_registry.get_module(fid), page) == 0.0
