"""Bounded memo tables of short spellings, all made (and so all known) here.

Extractors keep what a short spelling reads as ("June 2024" -> a PartialDate,
"18 Years" -> an age, "Recruiting" -> a status) in a plain dict, looked up
inline: get-or-compute on a dict is the cheapest lookup Python has. Each table
stops growing at its limit (no eviction: a long batch keeps the first spellings
it met), holds spellings, never whole pages, and never hands two Trials the same
mutable object.

Made through ``table()``, every one is listed by ``tables()``: the tests check
that each stays within its limit, and the benchmark empties them all
(``clear_all()``) to also time pages whose spellings were never seen.
"""

from __future__ import annotations

from typing import Any

__all__ = ["clear_all", "table", "tables"]

_TABLES: dict[str, tuple[dict[Any, Any], int]] = {}


def table(name: str, limit: int) -> dict[Any, Any]:
    """A new memo table; its user adds an entry only while ``len(table) < limit``."""
    made: dict[Any, Any] = {}
    _TABLES[name] = (made, limit)
    return made


def tables() -> dict[str, tuple[dict[Any, Any], int]]:
    """Every memo table by name, with its limit."""
    return dict(_TABLES)


def clear_all() -> None:
    """Empty every memo table (for measuring; parsing never needs it)."""
    for made, _ in _TABLES.values():
        made.clear()
