"""Registry identifiers: recognise, normalise and classify them.

Each kind has one pattern for its canonical form (``_model``) and one for how
pages print it (case, inner spaces). ``classify_id`` says what a token is;
``find_ids`` lists every identifier mentioned in a text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

__all__ = ["FoundId", "classify_id", "find_ids", "normalise_id"]


class FoundId(NamedTuple):
    kind: str  # "NCT", "EUDRACT", "ISRCTN", "CTIS", ...
    id: str  # canonical spelling
    start: int
    end: int


# kind -> (pattern as printed, canonicaliser). Patterns carry no nested quantifiers.
_PRINTED: dict[str, re.Pattern[str]] = {
    # NCT03548428, nct 03548428
    "NCT": re.compile(r"\bNCT\s?(\d{8})\b", re.I),
    # 2023-503456-12-00 (EU CTIS; checked before EudraCT, which is its prefix)
    "CTIS": re.compile(r"\b(20\d{2})-(5\d{5})-(\d{2})-(\d{2})\b"),
    # 2016-005019-42, EUCTR2016-005019-42-GB (WHO ICTRP's form; the country suffix stays outside)
    "EUDRACT": re.compile(r"\b(?:EUCTR)?((?:19|20)\d{2})-(\d{6})-(\d{2})\b(?!-\d)"),
    # ISRCTN12345678, ISRCTN 12345678
    "ISRCTN": re.compile(r"\bISRCTN\s?(\d{8})\b", re.I),
    # ACTRN12619000123456 (ANZCTR)
    "ACTRN": re.compile(r"\bACTRN\s?(\d{14})\b", re.I),
    # CTRI/2020/05/025114
    "CTRI": re.compile(r"\bCTRI/(\d{4})/(\d{2,3})/(\d{6})\b", re.I),
    # PACTR202001123456789
    "PACTR": re.compile(r"\bPACTR\s?(\d{15})\b", re.I),
    # ChiCTR2000029308, ChiCTR-IOR-17013560
    "CHICTR": re.compile(r"\bChiCTR(-[A-Z]{2,4}-)?(\d{8,10})\b", re.I),
    # DRKS00012345
    "DRKS": re.compile(r"\bDRKS\s?(\d{8})\b", re.I),
    # jRCT2031200001, jRCTs031180001
    "JRCT": re.compile(r"\bjRCT([a-z]?\d{10})\b", re.I),
    # JPRN-UMIN000012345, JPRN-jRCT...
    "JPRN": re.compile(r"\bJPRN-([A-Za-z]+\d{6,12})\b", re.I),
    # UMIN000012345
    "UMIN": re.compile(r"\bUMIN(\d{9})\b", re.I),
    # KCT0001234
    "KCT": re.compile(r"\bKCT(\d{7})\b", re.I),
    # NTR1234, NL1234 (Netherlands), NL-OMON12345
    "NTR": re.compile(r"\b(NTR\d{3,5}|NL-OMON\d{4,6}|NL\d{4,5})\b"),
    # IRCT20190101012345N1
    "IRCT": re.compile(r"\bIRCT(\d{8,14}N\d{1,3})\b", re.I),
    # RBR-7b4n2k (Brazil)
    "REBEC": re.compile(r"\bRBR-([0-9a-z]{6,8})\b", re.I),
    # SLCTR/2019/012
    "SLCTR": re.compile(r"\bSLCTR/(\d{4})/(\d{3})\b", re.I),
    # TCTR20190101001
    "TCTR": re.compile(r"\bTCTR(\d{11})\b", re.I),
    # IRAS 276314, IRAS ID: 276314, IRAS number 239896: only with its label (bare digits
    # are anything)
    "IRAS": re.compile(
        r"\bIRAS(?:[ \t]{1,3}(?:project[ \t]{1,3})?(?:ID|number|no\.?|ref))?"
        r"[ \t]{0,3}[:#]?[ \t]{0,3}(\d{4,7})\b",
        re.I,
    ),
}


def _canonical(kind: str, m: re.Match[str]) -> str:
    g = m.groups()
    match kind:
        case "NCT":
            return f"NCT{g[0]}"
        case "CTIS":
            return "-".join(g)
        case "EUDRACT":
            return "-".join(g)
        case "ISRCTN":
            return f"ISRCTN{g[0]}"
        case "ACTRN":
            return f"ACTRN{g[0]}"
        case "CTRI":
            return f"CTRI/{g[0]}/{g[1]}/{g[2]}"
        case "PACTR":
            return f"PACTR{g[0]}"
        case "CHICTR":
            return f"ChiCTR{(g[0] or '').upper()}{g[1]}"
        case "DRKS":
            return f"DRKS{g[0]}"
        case "JRCT":
            return f"jRCT{g[0]}"
        case "JPRN":
            return f"JPRN-{g[0]}"
        case "UMIN":
            return f"UMIN{g[0]}"
        case "KCT":
            return f"KCT{g[0]}"
        case "IRCT":
            return f"IRCT{g[0].upper()}"
        case "REBEC":
            return f"RBR-{g[0].lower()}"
        case "SLCTR":
            return f"SLCTR/{g[0]}/{g[1]}"
        case "TCTR":
            return f"TCTR{g[0]}"
        case "IRAS":
            return g[0]
        case _:
            return m.group(0)


# What each kind's printed pattern cannot match without, in lower case: a kind whose
# words are all missing from the lower-cased text is not searched for. One pattern's
# scan of a 70-character line costs about 1.2 µs, as much as the 19 substring tests
# together, and the generic extractor asks about every line of a page (such a line:
# 25 µs with every pattern, 2 µs with the tests). re.I matches an ASCII letter of a pattern
# to its two cases and to four other characters: the Kelvin sign lower-cases to "k"
# itself, but "ı" and "ſ" stay as they are and "İ" becomes two characters, so a text
# holding one of those three is searched for every kind. NTR's pattern is
# case-sensitive: its words are looked for as printed ("nl" is in "only").
# tests/properties/test_ids_properties.py checks the answer against searching for every
# kind.
_NEEDLES: dict[str, tuple[str, ...]] = {
    "NCT": ("nct",),
    "CTIS": ("-5",),
    "EUDRACT": ("-",),
    "ISRCTN": ("isrctn",),
    "ACTRN": ("actrn",),
    "CTRI": ("ctri/",),
    "PACTR": ("pactr",),
    "CHICTR": ("chictr",),
    "DRKS": ("drks",),
    "JRCT": ("jrct",),
    "JPRN": ("jprn-",),
    "UMIN": ("umin",),
    "KCT": ("kct",),
    "NTR": ("NTR", "NL"),
    "IRCT": ("irct",),
    "REBEC": ("rbr-",),
    "SLCTR": ("slctr/",),
    "TCTR": ("tctr",),
    "IRAS": ("iras",),
}
_GATED: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (kind, pat, _NEEDLES[kind]) for kind, pat in _PRINTED.items()
)
_CASE_ODD = ("\u0130", "\u0131", "\u017f")  # İ ı ſ: see _NEEDLES


# Every pattern but ReBEC's wants a digit (its \d: any decimal digit, as here)
_DIGIT_RE = re.compile(r"\d")
_ALL_KINDS = tuple(_PRINTED.items())
_REBEC = (("REBEC", _PRINTED["REBEC"]),)


def _kinds_in(text: str) -> Sequence[tuple[str, re.Pattern[str]]]:
    """The kinds (in ``_PRINTED`` order) whose words the text holds (see ``_NEEDLES``)."""
    if _DIGIT_RE.search(text) is None:
        # most lines of a page: only ReBEC's "RBR-7b4n2k" can be there ("R" and "B" have no
        # other case to re.I, so the lower-cased test is exact for any text)
        return _REBEC if "rbr-" in text.lower() else ()
    if not text.isascii() and any(c in text for c in _CASE_ODD):
        return _ALL_KINDS
    low = text.lower()
    kinds = []
    for kind, pat, needles in _GATED:
        there = text if kind == "NTR" else low
        for needle in needles:
            if needle in there:
                kinds.append((kind, pat))
                break
    return kinds


def find_ids(text: str) -> list[FoundId]:
    """Every registry identifier in the text, in order of appearance, without overlaps.

    Where two kinds' matches overlap, the kind earlier in ``_PRINTED`` keeps its match.
    """
    return _search(text, _kinds_in(text))


def _search(text: str, kinds: Sequence[tuple[str, re.Pattern[str]]]) -> list[FoundId]:
    """``find_ids`` over these kinds only (all of them: ``_ALL_KINDS``)."""
    found: list[FoundId] = []
    # spans taken so far, disjoint and sorted: an overlap test is two neighbours, not a scan
    # (a page listing thousands of ids stays linear)
    starts: list[int] = []
    ends: list[int] = []
    for kind, pat in kinds:
        for m in pat.finditer(text):
            s, e = m.span()
            k = bisect.bisect_right(starts, s)
            if (k > 0 and ends[k - 1] > s) or (k < len(starts) and starts[k] < e):
                continue
            starts.insert(k, s)
            ends.insert(k, e)
            found.append(FoundId(kind, _canonical(kind, m), s, e))
    found.sort(key=lambda f: f.start)
    return found


# The first character (upper-cased) a token of each kind can start with: classify_id
# tries only the patterns its token's first character allows (a page's non-ids, "CPP
# 17/92", otherwise cost every one of the 19 patterns). In _PRINTED order: CTIS before
# EudraCT. tests/properties/test_ids_properties.py checks it against the patterns.
_FIRST_CHARS: dict[str, str] = {
    "NCT": "N",
    "CTIS": "2",
    "EUDRACT": "12E",
    "ISRCTN": "I",
    "ACTRN": "A",
    "CTRI": "C",
    "PACTR": "P",
    "CHICTR": "C",
    "DRKS": "D",
    "JRCT": "J",
    "JPRN": "J",
    "UMIN": "U",
    "KCT": "K",
    "NTR": "N",
    "IRCT": "I",
    "REBEC": "R",
    "SLCTR": "S",
    "TCTR": "T",
    "IRAS": "I",
}
_BY_FIRST: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    c: tuple((kind, pat) for kind, pat in _PRINTED.items() if c in _FIRST_CHARS[kind])
    for c in set("".join(_FIRST_CHARS.values()))
}


def classify_id(text: str) -> FoundId | None:
    """What identifier this whole token is (``"nct 03548428"`` -> NCT), or None."""
    s = text.strip().strip(".,;")
    for kind, pat in _BY_FIRST.get(s[:1].upper(), ()):
        m = pat.fullmatch(s)
        if m:
            return FoundId(kind, _canonical(kind, m), 0, len(s))
    return None


def normalise_id(kind: str, text: str) -> str | None:
    """The canonical form of ``text`` as an identifier of ``kind``, or None if it is not one."""
    if kind == "IRAS":
        s = text.strip()
        return s if re.fullmatch(r"\d{4,7}", s) else None
    found = classify_id(text)
    return found.id if found and found.kind == kind else None
