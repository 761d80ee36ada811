"""``TrialBuilder``: what every extractor uses to fill a Trial without losing anything.

An extractor reads its page and tells the builder, line by line, what each line
became: a field (``set``/``add``/``map_*``), noise (``noise``) or an unparsed
fragment (``keep``). The builder validates every value on the way in: a value
that does not fit its field never crashes the parse; it is kept as raw text in
``unparsed`` with an issue. ``accounted`` tells which lines were used, which is
what the "nothing lost" tests check.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from contextvars import ContextVar
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import ValidationError

from ._dates import parse_partial_date
from ._errors import TrialparseError
from ._ids import classify_id
from ._model import IssueCode, Phase, Trial
from ._vocab import lookup, parse_phases

__all__ = ["ExtractionError", "TrialBuilder"]

E = TypeVar("E", bound=StrEnum)

# identifier kind -> top-level Trial field holding it
ID_FIELDS: dict[str, str] = {
    "NCT": "nct_id",
    "EUDRACT": "eudract_number",
    "ISRCTN": "isrctn",
    "CTIS": "ctis_number",
    "IRAS": "iras_id",
}


# (accounted lines, noise lines) of the last Trial built in this context: read by the
# "nothing lost" tests, never by the library itself.
LAST_ACCOUNTING: ContextVar[tuple[AbstractSet[int], AbstractSet[int]]] = ContextVar(
    "LAST_ACCOUNTING", default=(frozenset(), frozenset())
)


class ExtractionError(TrialparseError):
    """An extractor produced a record the model refuses (a bug: please report it)."""


class TrialBuilder:
    def __init__(self, format_id: str) -> None:
        self.format_id = format_id
        self.data: dict[str, Any] = {}
        # Plain dicts, validated once with the whole Trial in ``build``: building a
        # pydantic object per issue would double the cost of a record's validation.
        self.issues: list[dict[str, Any]] = []
        self.unparsed: list[dict[str, Any]] = []
        self.accounted: set[int] = set()
        self.noise_lines: set[int] = set()

    # --- line accounting ----------------------------------------------------------------
    def use(self, *lines: int | None) -> None:
        """Mark 1-based lines as having fed a field."""
        accounted = self.accounted
        for n in lines:
            if n is not None:
                accounted.add(n)

    def noise(self, *lines: int) -> None:
        """Mark 1-based lines as the site's own text (navigation, footers, disclaimers)."""
        self.noise_lines.update(lines)
        self.accounted.update(lines)

    # --- issues and fragments -----------------------------------------------------------
    def issue(
        self, code: str, message: str, *, field: str | None = None, line: int | None = None
    ) -> None:
        self.issues.append({"code": str(code), "field": field, "message": message, "line": line})

    def keep(self, text: str, line: int, label: str | None = None) -> None:
        """Keep a piece of the page that no field took."""
        if text.strip() or label:
            self.unparsed.append({"label": label, "text": text, "line": max(1, line)})
        self.use(line)

    # --- plain values --------------------------------------------------------------------
    def node_of(self, path: str) -> tuple[dict[str, Any], str]:
        """The dict that holds ``path``'s last part (made if missing), and that part."""
        if "." not in path:  # most fields are top-level
            return self.data, path
        *parents, leaf = path.split(".")
        node = self.data
        for p in parents:
            child = node.get(p)
            if child is None:
                child = node[p] = {}
            node = child
        return node, leaf

    def get(self, path: str) -> Any:
        node: Any = self.data
        for p in path.split("."):
            if not isinstance(node, dict) or p not in node:
                return None
            node = node[p]
        return node

    def set(
        self,
        path: str,
        value: Any,
        *,
        line: int | None = None,
        label: str | None = None,
        raw: str | None = None,
    ) -> bool:
        """Set a field once. A second, different value is kept in ``unparsed`` with an issue.

        ``raw``: the value as the page printed it, kept instead of ``str(value)`` on a
        conflict (an enum, a date or an object does not print as the page did).
        """
        if line is not None:
            self.accounted.add(line)
        if value is None or (isinstance(value, str) and (not value or value.isspace())):
            return False
        node, leaf = self.node_of(path)
        old = node.get(leaf)
        if old is not None and old != value:
            self.issue(
                IssueCode.CONFLICTING_VALUE,
                f"{label or path} given again with a different value; the first is kept",
                field=path,
                line=line,
            )
            self.keep(raw if raw is not None else str(value), line or 1, label)
            return False
        node[leaf] = value
        return True

    def put(
        self, path: str, value: Any, line: int, label: str | None = None, raw: str | None = None
    ) -> None:
        """``set`` for an extractor that accounts its lines in bulk: a field's first value
        goes straight in (no conflict is possible, and the line is not marked here);
        another goes through ``set``, which keeps a conflicting one with an issue."""
        node, leaf = self.node_of(path)
        if node.get(leaf) is None:
            node[leaf] = value
        else:
            self.set(path, value, line=line, label=label, raw=raw)

    def add(self, path: str, value: Any, *, line: int | None = None) -> None:
        """Append to a list field."""
        if line is not None:
            self.accounted.add(line)
        if value is None:
            return
        node, leaf = self.node_of(path)
        node.setdefault(leaf, []).append(value)

    def extend(self, path: str, values: Iterable[Any], *, line: int | None = None) -> None:
        for v in values:
            self.add(path, v, line=line)

    def empty(self, label: str, *, line: int, field: str | None = None) -> None:
        """A label whose value is missing on the page."""
        self.use(line)
        self.issue(IssueCode.EMPTY_VALUE, f"'{label}' has no value", field=field, line=line)

    # --- mapped values -------------------------------------------------------------------
    def map_enum(
        self,
        path: str,
        table: Mapping[str, E],
        raw: str,
        *,
        line: int | None = None,
        label: str | None = None,
    ) -> E | None:
        """Map a source spelling to an enum and set it; unmapped text is kept with an issue."""
        value = self._lookup(path, table, raw, line, label)
        if value is not None:
            self.set(path, value, line=line, label=label, raw=raw)
        return value

    def map_enum_item(
        self,
        path: str,
        table: Mapping[str, E],
        raw: str,
        *,
        line: int | None = None,
        label: str | None = None,
    ) -> E | None:
        """Like ``map_enum`` but appends to a list field."""
        value = self._lookup(path, table, raw, line, label)
        if value is None:
            return None
        node, leaf = self.node_of(path)
        items = node.setdefault(leaf, [])
        if value not in items:
            items.append(value)
        self.use(line)
        return value

    def _lookup(
        self, path: str, table: Mapping[str, E], raw: str, line: int | None, label: str | None
    ) -> E | None:
        """The table's value for ``raw``; an unknown spelling is kept as ``unmapped``."""
        value = lookup(table, raw)
        if value is None:
            self.unmapped(path, raw, line=line, label=label)
        return value

    def map_phases(
        self, raw: str, *, path: str = "phases", line: int | None = None, label: str | None = None
    ) -> list[Phase] | None:
        phases = parse_phases(raw)
        if phases is None:
            self.unmapped(path, raw, line=line, label=label)
            return None
        node, leaf = self.node_of(path)
        items: list[Phase] = node.setdefault(leaf, [])
        items.extend(p for p in phases if p not in items)
        self.use(line)
        return phases

    def map_date(
        self, path: str, raw: str, *, line: int | None = None, label: str | None = None
    ) -> bool:
        date = parse_partial_date(raw)
        if date is None:
            self.issue(
                IssueCode.INVALID_DATE, f"'{raw.strip()}' is not a date", field=path, line=line
            )
            self.keep(raw, line or 1, label)
            return False
        return self.set(path, date, line=line, label=label, raw=raw)

    def unmapped(
        self,
        path: str,
        raw: str,
        *,
        line: int | None,
        label: str | None = None,
        message: str | None = None,
    ) -> None:
        """A value no table or reader knows: kept in ``unparsed`` with an ``unmapped_value``."""
        self.issue(
            IssueCode.UNMAPPED_VALUE,
            message or f"'{raw.strip()}' does not map to a known value",
            field=path,
            line=line,
        )
        self.keep(raw, line or 1, label)

    def invalid(
        self,
        raw: str,
        message: str,
        *,
        field: str | None,
        line: int,
        label: str | None = None,
        code: str = IssueCode.INVALID_VALUE,
    ) -> None:
        """A value of the wrong form ("soon" as a date): kept in ``unparsed`` with an issue."""
        self.issue(code, message, field=field, line=line)
        self.keep(raw, line, label)

    # --- identifiers ---------------------------------------------------------------------
    def set_id(
        self,
        raw: str,
        *,
        expect: str | None = None,
        line: int | None = None,
        label: str | None = None,
        secondary_type: str | None = None,
    ) -> str | None:
        """File an identifier where it belongs.

        A recognised NCT / EudraCT / ISRCTN / CTIS / IRAS id fills its own field
        (the first one seen; later different ones become secondary ids). When
        ``expect`` names a kind and the text is not one, the text is kept as a
        secondary id with a ``malformed_id`` issue. Other ids become secondary
        ids typed ``secondary_type``.
        """
        text = raw.strip()
        self.use(line)
        if not text:
            return None
        if expect == "IRAS":
            if text.isdigit() and 4 <= len(text) <= 7:
                self._file_id("IRAS", text, line, label)
                return "iras_id"
            found = None
        else:
            found = classify_id(text)
        if (
            found is not None
            and found.kind in ID_FIELDS
            and (expect is None or found.kind == expect)
        ):
            return self._file_id(found.kind, found.id, line, label)
        if expect is not None and (found is None or found.kind != expect):
            self.issue(
                IssueCode.MALFORMED_ID,
                f"'{text}' is not a valid {expect} identifier",
                field=ID_FIELDS.get(expect),
                line=line,
            )
        kind = found.kind if found is not None else secondary_type
        self.add_secondary(found.id if found else text, kind, line=line)
        return None

    def _file_id(
        self, kind: str, canonical: str, line: int | None, label: str | None
    ) -> str | None:
        field = ID_FIELDS[kind]
        current = self.data.get(field)
        if current is None:
            self.data[field] = canonical
            return field
        if current != canonical:
            self.add_secondary(canonical, kind, line=line)
        return None

    def add_secondary(self, id_: str, type_: str | None, *, line: int | None = None) -> None:
        self.use(line)
        ids = self.data.setdefault("secondary_ids", [])
        entry = {"id": id_, "type": type_}
        if entry not in ids:
            ids.append(entry)

    # --- result --------------------------------------------------------------------------
    def build(self) -> Trial:
        data = dict(self.data)
        data["format"] = self.format_id
        data["issues"] = self.issues
        data["unparsed"] = self.unparsed
        # the builder's own sets, not copies: a builder is done once it has built
        LAST_ACCOUNTING.set((self.accounted, self.noise_lines))
        try:
            # the validator itself: model_validate() only passes it its default options
            return Trial.__pydantic_validator__.validate_python(data)  # type: ignore[no-any-return]
        except ValidationError as exc:
            raise ExtractionError(
                f"{self.format_id} extractor produced an invalid record: {exc}"
            ) from None
