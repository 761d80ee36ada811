"""Reduced-precision dates (``2024``, ``2024-06``, ``2020-06-04``) and their parser.

Registry pages print dates at the precision the sponsor gave: a year, a month or
a day. ``PartialDate`` keeps exactly that precision; nothing is invented.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from enum import StrEnum
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

__all__ = ["DatePrecision", "PartialDate", "parse_partial_date"]


class DatePrecision(StrEnum):
    YEAR = "YEAR"
    MONTH = "MONTH"
    DAY = "DAY"


# "2024", "2024-06", "2020-06-04" (ISO-8601 reduced precision)
_ISO_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class PartialDate:
    """A calendar date known to year, month or day precision.

    >>> d = PartialDate(2024, 6)
    >>> str(d), d.precision.value
    ('2024-06', 'MONTH')
    >>> d.earliest(), d.latest()
    (datetime.date(2024, 6, 1), datetime.date(2024, 6, 30))
    """

    __slots__ = ("_day", "_month", "_year")

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        if day is not None and month is None:
            raise ValueError("a day needs a month")
        if not 1 <= year <= 9999:
            raise ValueError(f"year out of range: {year}")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month out of range: {month}")
        if day is not None and month is not None:
            _dt.date(year, month, day)  # raises ValueError for 2023-02-30
        self._year = year
        self._month = month
        self._day = day

    @property
    def year(self) -> int:
        return self._year

    @property
    def month(self) -> int | None:
        return self._month

    @property
    def day(self) -> int | None:
        return self._day

    @property
    def precision(self) -> DatePrecision:
        if self._day is not None:
            return DatePrecision.DAY
        if self._month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    def earliest(self) -> _dt.date:
        """First calendar day this date can stand for."""
        return _dt.date(self._year, self._month or 1, self._day or 1)

    def latest(self) -> _dt.date:
        """Last calendar day this date can stand for."""
        month = self._month or 12
        day = self._day or calendar.monthrange(self._year, month)[1]
        return _dt.date(self._year, month, day)

    @classmethod
    def fromisoformat(cls, text: str) -> PartialDate:
        m = _ISO_RE.fullmatch(text.strip())
        if not m:
            raise ValueError(f"not an ISO-8601 reduced-precision date: {text!r}")
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)

    @classmethod
    def from_date(cls, value: _dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    def isoformat(self) -> str:
        out = f"{self._year:04d}"
        if self._month is not None:
            out += f"-{self._month:02d}"
        if self._day is not None:
            out += f"-{self._day:02d}"
        return out

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self._year, self._month, self._day) == (other._year, other._month, other._day)

    def __hash__(self) -> int:
        return hash((self._year, self._month, self._day))

    # --- pydantic integration: validated from str/date/PartialDate, serialised to ISO str
    @classmethod
    def _validate(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, _dt.datetime):
            return cls.from_date(value.date())
        if isinstance(value, _dt.date):
            return cls.from_date(value)
        if isinstance(value, str):
            return cls.fromisoformat(value)
        raise ValueError(f"expected an ISO date string, got {type(value).__name__}")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda v: v.isoformat(), when_used="always"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": "ISO-8601 date at its real precision: YYYY, YYYY-MM or YYYY-MM-DD",
            "examples": ["2024", "2024-06", "2020-06-04"],
        }


_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        _MONTHS[_name.lower()] = _i
        _MONTHS[_name[:3].lower()] = _i
_MONTHS["sept"] = 9

_MON = r"(?P<mon>[A-Za-z]{3,9})\.?"
# Each pattern is anchored by fullmatch, so none can backtrack beyond one short line.
_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2020-06-04, 2024-06, 2024: one pattern, since API dates are most dates read
    re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?"),
    re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"),  # June 4, 2020
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(?P<y>\d{4})"),  # 16 Apr 2021
    re.compile(r"(?P<d>\d{1,2})-" + _MON + r"-(?P<y>\d{4})"),  # 16-Apr-2021
    re.compile(_MON + r",?\s+(?P<y>\d{4})"),  # June 2024
    re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"),  # 16/04/2021 (day first)
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"),  # 16.04.2021
    re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})"),  # 2021/04/16
)
_MAX_DATE_LEN = 40
# Each pattern with the group numbers of its year, month name, month number and day
# (0: the pattern has none): a match is read by `group(i)`, without building its dict.
_READS: tuple[tuple[re.Pattern[str], int, int, int, int], ...] = tuple(
    (
        p,
        p.groupindex["y"],
        p.groupindex.get("mon", 0),
        p.groupindex.get("m", 0),
        p.groupindex.get("d", 0),
    )
    for p in _PATTERNS
)


def parse_partial_date(text: str) -> PartialDate | None:
    """Read a date as printed on a registry page, keeping its precision.

    Returns None when the text is not a date we can read without guessing
    (callers keep the raw text and record an issue).

    >>> parse_partial_date("June 2024"), parse_partial_date("16 Apr 2021")
    (PartialDate('2024-06'), PartialDate('2021-04-16'))
    """
    s = " ".join(text.split()).strip(" .;")
    if not s or len(s) > _MAX_DATE_LEN:
        return None
    for pat, y, mon, mo, d in _READS:
        m = pat.fullmatch(s)
        if m is None:
            continue
        mon_text = m.group(mon) if mon else None
        mo_text = m.group(mo) if mo else None
        d_text = m.group(d) if d else None
        month: int | None
        if mon_text:
            month = _MONTHS.get(mon_text.lower())
            if month is None:
                return None
        elif mo_text:
            month = int(mo_text)
        else:
            month = None
        try:
            return PartialDate(int(m.group(y)), month, int(d_text) if d_text else None)
        except ValueError:
            return None
    return _dateutil_fallback(s)


_HAS_YEAR_RE = re.compile(r"\b\d{4}\b")
_DEFAULT_A = _dt.datetime(1, 1, 1)
_DEFAULT_B = _dt.datetime(2, 2, 2)


def _dateutil_fallback(s: str) -> PartialDate | None:
    """Forms the table above misses ("Tuesday, 4 June 2020", "4th of June 2020").

    dateutil fills missing parts from a default; parsing against two different
    defaults shows which parts the text really had, so precision stays honest.
    """
    if not _HAS_YEAR_RE.search(s):
        return None
    from dateutil import parser as du  # lazy: keeps `import trialparse` light

    try:
        a = du.parse(s, default=_DEFAULT_A, fuzzy=False)
        b = du.parse(s, default=_DEFAULT_B, fuzzy=False)
    except (ValueError, OverflowError):
        return None
    if a.year != b.year:
        return None
    if a.month != b.month:
        return None if a.day == b.day else PartialDate(a.year)
    return PartialDate(a.year, a.month, a.day if a.day == b.day else None)
