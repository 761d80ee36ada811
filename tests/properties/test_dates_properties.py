"""parse_partial_date reads each pattern's groups by number: the same answers as reading
them through ``groupdict()``, as it did before, on dates and near-dates of every form."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trialparse._dates import (
    _MAX_DATE_LEN,
    _MONTHS,
    _PATTERNS,
    PartialDate,
    _dateutil_fallback,
    parse_partial_date,
)


def by_groupdict(text: str) -> PartialDate | None:
    """The reference: every pattern in turn, its groups read from ``groupdict()``."""
    s = " ".join(text.split()).strip(" .;")
    if not s or len(s) > _MAX_DATE_LEN:
        return None
    for pat in _PATTERNS:
        m = pat.fullmatch(s)
        if not m:
            continue
        groups = m.groupdict()
        try:
            year = int(groups["y"])
            month: int | None
            if groups.get("mon"):
                month = _MONTHS.get(groups["mon"].lower())
                if month is None:
                    return None
            elif groups.get("m"):
                month = int(groups["m"])
            else:
                month = None
            day = int(groups["d"]) if groups.get("d") else None
            return PartialDate(year, month, day)
        except ValueError:
            return None
    return _dateutil_fallback(s)


_PARTS = st.sampled_from(
    ["2020", "1999", "06", "6", "31", "29", "02", "13", "00", "4th", "1st", "June", "jun",
     "Sept", "Sept.", "Febr", "Foo", ",", ", ", " ", "-", "/", ".", "  "]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(_PARTS, min_size=1, max_size=5))
def test_same_answer_as_groupdict(parts: list[str]) -> None:
    for sep in ("", " ", "-", "/"):
        text = sep.join(parts)
        assert parse_partial_date(text) == by_groupdict(text)


def test_each_form() -> None:
    for text, iso in [
        ("2020-06-04", "2020-06-04"),
        ("2024-06", "2024-06"),
        ("2024", "2024"),
        ("June 4, 2020", "2020-06-04"),
        ("16 Apr 2021", "2021-04-16"),
        ("16-Apr-2021", "2021-04-16"),
        ("June 2024", "2024-06"),
        ("16/04/2021", "2021-04-16"),
        ("16.04.2021", "2021-04-16"),
        ("2021/04/16", "2021-04-16"),
    ]:
        found = parse_partial_date(text)
        assert found is not None and found.isoformat() == iso
        assert found == by_groupdict(text)
    for text in ("Foo 2020", "2023-02-30", "31/13/2020", "soon"):
        assert parse_partial_date(text) is None
