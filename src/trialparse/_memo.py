"""Bounded memo tables of short spellings, all made (and so all known) here.

Extractors keep what a short spelling reads as ("June 2024" -> a PartialDate,
"18 Years" -> an age, "Recruiting" -> a status). ``memo(name, limit, read)``
gives a dict that reads a spelling it lacks with ``read`` and keeps the answer
while it holds fewer than ``limit`` entries: ``table[spelling]`` is the whole
lookup, and a spelling seen before costs one dict lookup in C. ``table(name,
limit)`` gives a plain dict for the few tables whose entries are chosen by
hand (only some answers kept). Either stops growing at its limit (no eviction:
a long batch keeps the first spellings it met), holds spellings, never whole
pages, and never hands two Trials the same mutable object.

Every table is listed by ``tables()``: the tests check that each stays within
its limit, and the benchmark empties them all (``clear_all()``) to also time
pages whose spellings were never seen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["Memo", "clear_all", "memo", "table", "tables"]

K = TypeVar("K")
V = TypeVar("V")

_TABLES: dict[str, tuple[dict[Any, Any], int]] = {}


class Memo(dict[K, V], Generic[K, V]):
    """A dict that reads a missing key with ``read`` and keeps it while below ``limit``."""

    __slots__ = ("limit", "read")

    def __init__(self, read: Callable[[K], V], limit: int) -> None:
        super().__init__()
        self.read = read
        self.limit = limit

    def __missing__(self, key: K) -> V:
        value = self.read(key)
        if len(self) < self.limit:
            self[key] = value
        return value


def memo(name: str, limit: int, read: Callable[[K], V]) -> Memo[K, V]:
    """A new self-filling memo table (see the module docstring)."""
    made: Memo[K, V] = Memo(read, limit)
    _TABLES[name] = (made, limit)
    return made


def table(name: str, limit: int) -> dict[Any, Any]:
    """A new plain memo table; its user adds an entry only while ``len(table) < limit``."""
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
