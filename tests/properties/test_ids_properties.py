"""classify_id tries only the patterns a token's first character allows, and find_ids only
the kinds whose words a text holds: the same answers as trying every pattern, for ids of
every kind and for look-alikes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trialparse._ids import (
    _ALL_KINDS,
    _PRINTED,
    FoundId,
    _canonical,
    _search,
    classify_id,
    find_ids,
)

# one printed example of every kind, as pages write them
EXAMPLES = {
    "NCT": ["NCT03548428", "nct 03548428"],
    "CTIS": ["2023-503456-12-00"],
    "EUDRACT": ["2016-005019-42", "EUCTR2016-005019-42", "1999-000123-45"],
    "ISRCTN": ["ISRCTN12345678", "isrctn 12345678"],
    "ACTRN": ["ACTRN12619000123456"],
    "CTRI": ["CTRI/2020/05/025114"],
    "PACTR": ["PACTR202001123456789"],
    "CHICTR": ["ChiCTR2000029308", "ChiCTR-IOR-17013560"],
    "DRKS": ["DRKS00012345"],
    "JRCT": ["jRCT2031200001", "jRCTs0311800012"],
    "JPRN": ["JPRN-UMIN000012345"],
    "UMIN": ["UMIN000012345"],
    "KCT": ["KCT0001234"],
    "NTR": ["NTR1234", "NL-OMON12345", "NL12345"],
    "IRCT": ["IRCT20190101012345N1"],
    "REBEC": ["RBR-7b4n2k"],
    "SLCTR": ["SLCTR/2019/012"],
    "TCTR": ["TCTR20190101001"],
    "IRAS": ["IRAS 276314", "iras id: 276314"],
}


def every_pattern(text: str) -> FoundId | None:
    """classify_id as it was: every pattern in turn."""
    s = text.strip().strip(".,;")
    for kind, pat in _PRINTED.items():
        m = pat.fullmatch(s)
        if m:
            return FoundId(kind, _canonical(kind, m), 0, len(s))
    return None


def test_examples_cover_every_kind() -> None:
    assert set(EXAMPLES) == set(_PRINTED)


@pytest.mark.parametrize("kind,text", [(k, t) for k, ts in EXAMPLES.items() for t in ts])
def test_each_kind_is_recognised(kind: str, text: str) -> None:
    found = classify_id(f" {text}. ")
    assert found is not None and found.kind == kind
    assert found == every_pattern(f" {text}. ")


_PIECES = st.sampled_from(
    [t for ts in EXAMPLES.values() for t in ts]
    + ["CPP 17/92", "MEDAECPP-2017-12-0009", "21/NW/0063", "n/a", "", " ", "EU", "NCT0"]
    + ["RBR-abcdef", "rbr-bcdefgh"]  # a ReBEC id with no digit
)


@settings(max_examples=400, deadline=None)
@given(
    piece=_PIECES,
    cut=st.integers(min_value=0, max_value=30),
    lead=st.sampled_from(["", " ", ".", ";", "x", "1", "é"]),
    tail=st.text(max_size=4),
    swap=st.booleans(),
)
def test_same_answer_as_every_pattern(
    piece: str, cut: int, lead: str, tail: str, swap: bool
) -> None:
    text = lead + piece[: len(piece) - cut % (len(piece) + 1)] + tail
    if swap:
        text = text.swapcase()
    assert classify_id(text) == every_pattern(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_same_answer_on_any_text(text: str) -> None:
    assert classify_id(text) == every_pattern(text)


def every_kind(text: str) -> list[FoundId]:
    """find_ids as it was: every kind's pattern searched for, in _PRINTED order."""
    return _search(text, _ALL_KINDS)


# the characters re.I matches to an ASCII letter other than its two cases, and others
# around them (accents, a dotted i that lower-cases to two characters)
_ODD = st.sampled_from(["\u0130", "\u0131", "\u017f", "\u212a", "é", "İ", "ß", "\u00a0"])


@settings(max_examples=400, deadline=None)
@given(
    pieces=st.lists(
        st.one_of(_PIECES, _ODD, st.sampled_from([" ", ", ", "; ", "-", "/", "\n"])),
        max_size=8,
    ),
    swap=st.booleans(),
    odd=st.lists(st.tuples(st.integers(min_value=0, max_value=200), _ODD), max_size=2),
)
def test_find_ids_same_as_every_kind(
    pieces: list[str], swap: bool, odd: list[tuple[int, str]]
) -> None:
    text = "".join(pieces)
    if swap:
        text = text.swapcase()
    for at, c in odd:  # an odd character inside an id ("nCT", "iſrctn" in re.I's eyes)
        at %= len(text) + 1
        text = text[:at] + c + text[at + 1 :]
    assert find_ids(text) == every_kind(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_find_ids_same_on_any_text(text: str) -> None:
    assert find_ids(text) == every_kind(text)


@pytest.mark.parametrize("kind,text", [(k, t) for k, ts in EXAMPLES.items() for t in ts])
def test_find_ids_finds_each_kind_with_odd_cases(kind: str, text: str) -> None:
    # re.I reads the Kelvin sign as k, "ſ" as s and "ı" / "İ" as i: an id spelt with one
    # is found by every kind's search, and so by find_ids
    odd = text.replace("k", "\u212a").replace("K", "\u212a").replace("s", "\u017f")
    odd = odd.replace("i", "\u0131").replace("I", "\u0130")
    for variant in (text, odd, text.swapcase()):
        assert find_ids(f"see {variant}.") == every_kind(f"see {variant}.")
    assert [f.kind for f in find_ids(f"see {text}.")][:1] == [kind]
