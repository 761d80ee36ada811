"""Eligibility criteria text -> inclusion and exclusion lists, for every format.

ClinicalTrials.gov keeps eligibility criteria as one free text. Its shapes:

- API v2 (markdown)::

      Inclusion Criteria:

      * Age 18 or older
        * nested item
      * Signed consent

      Exclusion Criteria:

      1. Pregnancy

- the legacy XML ``<textblock>`` (re-wrapped at about 100 columns, hanging indents)::

              Inclusion Criteria:

                -  Pre- and postmenopausal women or men with Stage II (Stage IIA limited
                   to max. 1000 patients)

- the classic API v1 (plain lines, no bullets, one criterion a line), older NCI
  records with ``DISEASE CHARACTERISTICS:`` / ``PATIENT CHARACTERISTICS:`` groups
  and no inclusion heading at all, and mirrors that flatten everything on one line
  (``Inclusion Criteria: - Age > 18 - Consent Exclusion Criteria: - Pregnancy``).

Rules (what the lists hold):

- A heading is a short line naming inclusion or exclusion ("Inclusion Criteria:",
  "EXCLUSION CRITERIA", "Key Exclusion Criteria:", "* Exclusion Criteria:",
  "1. Inclusion Criteria", "Non-inclusion criteria:" (exclusion), "Other Exclusions").
  Headings switch the current list and are not items themselves. Text after a
  heading's colon on the same line is an item. Neutral headings ("Eligibility
  criteria:", "Inclusion and exclusion criteria:") switch nothing.
- Text before any heading belongs to the inclusion list: criteria are conditions
  for entry unless marked as exclusions (old records list requirements only).
- Each bullet (``*``, ``-``, ``•``, ``o``, ``1.``, ``1)``, ``(a)``, ``a)``), at any
  nesting depth, is one item with its marker removed; nested items are items of
  their own (a parent ending in ":" stays an item too). A non-bullet paragraph is
  one item. Wrapped lines (hanging indent, or a re-wrapped textblock) are joined
  with single spaces. Nothing else is rewritten.
"""

from __future__ import annotations

import re

from . import _memo

__all__ = ["split_criteria"]

# A list marker at the start of a (left-stripped) line, with its trailing spaces:
# "* ", "- ", "• ", "o ", "1. ", "12) ", "(3) ", "a) ", "B. ", "(iv) "
_MARKER_RE = re.compile(
    r"(?:[*•·▪◦‣]\s*|[-–+o]\s+|\d{1,3}[.)]\s+|\(\d{1,3}\)\s*|[A-Za-z][.)]\s+|\([A-Za-z]{1,4}\)\s*)"
)
# One-line criteria: where a flattened page hides its line breaks: before a heading
# ("... consent Exclusion Criteria: ...") and before " - " bullets that open a
# capitalised item ("Age > 18 - Signed consent"; "18 - 65" is not split).
_INLINE_HEADING_RE = re.compile(
    r"\s(?=(?:key |main |general )?(?:inclusion|exclusion|non-inclusion) criteria\b)", re.I
)
_INLINE_BULLET_RE = re.compile(r"\s[-•*]\s+(?=[A-Z(])")

_WORD_LIMIT = 8  # headings are short; a longer line naming "exclusion" is a criterion
_PREFIX_LIMIT = 2  # words before it: "Key", "Partner", "D) Other", "Intra-operative"


def _heading_kind(text: str) -> str | None:
    """ "inc", "exc" or "neutral" when the line is a criteria heading, else None."""
    core = text.strip().strip("*_").strip()  # "**Inclusion Criteria:**" (markdown bold)
    had_colon = core.endswith(":")
    core = " ".join(core.rstrip(" :").split()).lower()
    if not core or core.endswith(".") or len(core.split()) > _WORD_LIMIT:
        return None
    if core in ("eligibility criteria", "eligibility", "key eligibility criteria", "criteria"):
        return "neutral"
    non_inclusion = any(w in core for w in ("non-inclusion", "non inclusion", "noninclusion"))
    has_inc = "inclusion" in core and not non_inclusion
    has_exc = "exclusion" in core or non_inclusion
    if not (has_inc or has_exc):
        return None
    words = core.split()
    first = next(i for i, w in enumerate(words) if "clusion" in w)
    if first > _PREFIX_LIMIT:
        return None  # "Stable heterosexual relationship Exclusion Criteria:" is glued text
    headingish = (
        had_colon
        or "criter" in core  # "criteria", "criterion", and typos like "criteras"
        or "requirement" in core
        or core.endswith(("inclusion", "exclusion", "inclusions", "exclusions"))
    )
    if not headingish:
        return None
    if has_inc and has_exc:
        return "neutral"
    return "inc" if has_inc else "exc"


def _split_heading(text: str) -> tuple[str | None, str]:
    """A heading at the start of the line, and what follows its colon on that line."""
    head, colon, rest = text.partition(":")
    if colon and rest.strip(" *_"):
        kind = _heading_kind(head + ":")
        return (kind, rest.strip(" *_")) if kind is not None else (None, text)
    return _heading_kind(text), ""


# content -> _split_heading(content) for short lines: heading spellings ("Inclusion
# Criteria:", "Key Exclusion Criteria") repeat across records like vocabulary
_HEADING_MEMO_LIMIT = 2048
_HEADING_MEMO = _memo.memo("criteria headings", _HEADING_MEMO_LIMIT, _split_heading)
_HEADING_MEMO_MAX_LEN = 64


def _split_heading_memo(text: str) -> tuple[str | None, str]:
    # only short lines can be headings worth remembering; a long item is read each time
    if len(text) <= _HEADING_MEMO_MAX_LEN:
        return _HEADING_MEMO[text]
    return _split_heading(text)


def _glued_heading(text: str) -> tuple[str, str] | None:
    """An item that ends in a heading ("* Stable relationship Exclusion Criteria:")."""
    low = text.lower().rstrip(" :")
    for word, kind in (("inclusion criteria", "inc"), ("exclusion criteria", "exc")):
        if low.endswith(word) and len(low) > len(word):
            before = text[: len(low) - len(word)].rstrip()
            if before and _heading_kind(before) is None:
                return before, kind
    return None


def _unflatten(text: str) -> str:
    if "\n" in text.strip():
        return text
    if text.isascii() and not any(map(text.__contains__, _NOT_PLAIN)):
        return _unflatten_plain(text)
    text = _INLINE_HEADING_RE.sub("\n", text)
    return _INLINE_BULLET_RE.sub("\n- ", text)


# Criteria flattened on one line ("Inclusion Criteria: - A - B Exclusion Criteria: - C",
# as inclinicaltrials prints them): the two regex substitutions above try a case-blind
# lookahead at every space, 20-30 µs for one such line. For the usual text (ASCII, no
# whitespace but " ") _unflatten_plain gives the same text at a third of the cost with
# `find` scans (checked equal on 200 000 texts when it was written).
# Whitespace other than " " that `\s` matches in ASCII text: such text takes the regexes.
_NOT_PLAIN = ("\n", "\t", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f")
_HEADING_TAIL = "clusion criteria"  # "(in|ex|non-in)clusion criteria"
_HEADING_PREFIXES = ("key ", "main ", "general ")
# a " - " bullet before a capital or "(" (where only " " is whitespace, and after the
# headings' line breaks): "date. - Score 6-25", "prior -  (a)", " -\nExclusion"
_BULLET_RE = re.compile(r" [-*][ \n]+(?=[A-Z(])")


def _unflatten_plain(text: str) -> str:
    r"""``_unflatten``'s regexes for an ASCII text with no whitespace but " ".

    First a line break replaces the space before each criteria heading
    (``\s(?=(?:key |main |general )?(?:inclusion|exclusion|non-inclusion) criteria\b)``,
    case-blind), then ``"\n- "`` replaces each bullet (``\s[-•*]\s+(?=[A-Z(])``).
    """
    low = text.lower()
    cuts: list[int] = []  # the spaces that become line breaks, in order
    at = low.find(_HEADING_TAIL)
    while at >= 0:
        end = at + len(_HEADING_TAIL)
        if end == len(low) or not (low[end].isalnum() or low[end] == "_"):  # "criteria\b"
            for word in ("in", "ex", "non-in"):
                start = at - len(word)
                if start < 1 or low[start:at] != word:
                    continue
                for prefix in _HEADING_PREFIXES:  # the space before "key " is cut too
                    p = start - len(prefix)
                    if p >= 1 and low[p:start] == prefix and low[p - 1] == " ":
                        cuts.append(p - 1)
                if low[start - 1] == " ":
                    cuts.append(start - 1)
        at = low.find(_HEADING_TAIL, end)
    if cuts:
        cuts.sort()
        parts: list[str] = []
        pos = 0
        for cut in cuts:
            if cut >= pos:  # (one space can precede two headings' prefixes: cut once)
                parts.append(text[pos:cut])
                pos = cut + 1
        parts.append(text[pos:])
        text = "\n".join(parts)
    return _BULLET_RE.sub("\n- ", text)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


# A non-blank line indented by fewer than 4 characters (whitespace as ``str.isspace``
# counts it): "  * Age", "Inclusion Criteria:". None in a raw textblock.
_SHALLOW_LINE_RE = re.compile(r"^[^\S\n]{0,3}\S", re.M)
# the first branch of _MARKER_RE: bullets that need no space after them
_BULLETS = "*•·▪◦‣"
# what trails an item that holds no words: "-", " ." "*;"
_ITEM_JUNK = " .;,:-*"


def split_criteria(text: str | None, *, wrapped: bool | None = None) -> tuple[list[str], list[str]]:
    """Split eligibility criteria text into (inclusion, exclusion) item lists.

    ``wrapped``: the text is a re-wrapped block (legacy XML ``<textblock>``) whose
    consecutive lines at one indentation are one paragraph. ``None`` guesses it:
    every non-blank line indented by at least 4 spaces (a raw textblock).

    >>> split_criteria("Inclusion Criteria:\\n* Adults\\nExclusion Criteria:\\n* Pregnancy")
    (['Adults'], ['Pregnancy'])
    """
    if not text or not text.strip():
        return [], []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _unflatten(text)
    # tabs count as 4 columns; the text is expanded line by line only when it has any
    tabs = "\t" in text
    lines = text.split("\n")
    if wrapped is None:
        if tabs:
            body = [ln for ln in lines if ln.strip()]
            wrapped = bool(body) and min(_indent(ln.expandtabs(4)) for ln in body) >= 4
        else:
            wrapped = _SHALLOW_LINE_RE.search(text) is None
    inc: list[str] = []
    exc: list[str] = []
    current = inc
    # the item being built: its parts, whether it is a bullet, its marker's indent
    parts: list[str] = []
    item_indent = 0
    item_is_bullet = False
    blank_before = True
    marker_match = _MARKER_RE.match
    # the loop is the cost of every criteria text of every format: the item is
    # closed inline (no helper per line) and each line is stripped once
    for raw in lines:
        if not raw:  # the empty line between markdown paragraphs
            blank_before = True
            continue
        line = raw.expandtabs(4).rstrip() if tabs else raw.rstrip()
        stripped = line.lstrip()
        if not stripped:
            blank_before = True
            continue
        indent = len(line) - len(stripped)
        if stripped[0] in _BULLETS:
            # what _MARKER_RE's first branch takes (the bullet and the spaces after
            # it), without the regex: most criteria are "* " items
            marker = True
            content = stripped[1:].strip()
        else:
            found = marker_match(stripped)
            marker = found is not None
            content = stripped[found.end() :].strip() if found else stripped
        low = content.lower()
        # most lines name neither: the heading tests run only where one could be
        if "clusion" in low or "eligib" in low or low.startswith("criteria"):
            kind, rest = _split_heading_memo(content)
            if kind is not None:
                if parts:
                    item = " ".join(filter(None, parts))
                    if item.strip(_ITEM_JUNK):
                        current.append(item)
                    parts = []
                if kind != "neutral":
                    current = inc if kind == "inc" else exc
                blank_before = False
                if rest:
                    parts.append(rest)
                    item_indent, item_is_bullet = indent, False
                continue
        if marker and content:
            new_item = True
            bullet = True
        elif (
            parts
            and not blank_before
            and (indent > item_indent if (item_is_bullet or not wrapped) else indent >= item_indent)
        ):
            new_item = False  # a wrapped line of the item being built
            bullet = item_is_bullet
        else:
            new_item = True
            bullet = False
        if new_item:
            if parts:
                item = parts[0] if len(parts) == 1 else " ".join(filter(None, parts))
                if item.strip(_ITEM_JUNK):
                    current.append(item)
                parts = [content]
            else:
                parts.append(content)
            item_indent, item_is_bullet = indent, bullet
        else:
            parts.append(content)
        blank_before = False
        if "clusion" in low:
            glued = _glued_heading(parts[-1])
            if glued is not None:
                parts[-1] = glued[0]
                item = " ".join(filter(None, parts))
                if item.strip(_ITEM_JUNK):
                    current.append(item)
                parts = []
                current = inc if glued[1] == "inc" else exc
    if parts:
        item = parts[0] if len(parts) == 1 else " ".join(filter(None, parts))
        if item.strip(_ITEM_JUNK):
            current.append(item)
    return inc, exc
