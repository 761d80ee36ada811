"""Page.norm finds odd spaces by kind and by line width; it must equal the plain
definition: every line with every odd space made a plain space."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trialparse._text import _ODD_SPACES, _SPACE_TABLE, Page, _one_byte

_CHARS = st.sampled_from(
    [*_ODD_SPACES, "a", "Z", " ", "\n", "é", "\xff", "≥", "“", "–", "語", "😀", ":", "1"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_CHARS, max_size=60).map("".join))
def test_norm_is_every_line_with_plain_spaces(text: str) -> None:
    page = Page(text)
    assert page.norm == [line.translate(_SPACE_TABLE) for line in page.text.split("\n")]
    assert [len(n) for n in page.norm] == [len(line) for line in page.lines]


@settings(max_examples=200, deadline=None)
@given(
    ascii_part=st.text(alphabet="abc \n:", max_size=40),
    odd=st.sampled_from(_ODD_SPACES),
    wide=st.sampled_from(["", "≥", "“", "語", "😀"]),
    where=st.integers(min_value=0, max_value=40),
)
def test_one_odd_space_anywhere_is_found(ascii_part: str, odd: str, wide: str, where: int) -> None:
    # a wide character on another line than the odd space: the per-line search must
    # still find it
    at = min(where, len(ascii_part))
    text = ascii_part[:at] + odd + ascii_part[at:] + "\n" + wide
    page = Page(text)
    assert odd not in "".join(page.norm)
    assert page.norm == [line.translate(_SPACE_TABLE) for line in page.text.split("\n")]


_OPENINGS = st.sampled_from(
    ["", " ", "\u3000", "\n", "<", "<html><body><p>a</p>", "{", "[", "a", "\ufeff", "\r\n", "é"]
)


@settings(max_examples=300, deadline=None)
@given(opening=_OPENINGS, body=st.lists(_CHARS, max_size=40).map("".join))
def test_properties_made_at_once_equal_the_lazy_ones(opening: str, body: str) -> None:
    # Page() makes a text page's properties at once; a Page whose __init__ never ran
    # makes them only when read, by the lazy definitions: both must agree
    page = Page(opening + body)
    lazy = object.__new__(Page)
    lazy.text, lazy.source = page.text, None
    assert (lazy.is_html, lazy.lines, lazy.norm, lazy.head) == (
        page.is_html,
        page.lines,
        page.norm,
        page.head,
    )


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=2))
def test_one_byte_tells_latin1_text_by_its_size(text: str) -> None:
    # _one_byte reads a string's width off its size; a fresh string (no cached UTF-8
    # copy) must get the plain answer, and a wider string must never pass as one-byte
    fresh = "".join(list(text))
    latin1 = all(c <= "\xff" for c in text)
    assert _one_byte(fresh) == latin1
    assert not _one_byte(text) or latin1
