"""HRA research summaries (hra.nhs.uk): the UK Health Research Authority's page for
each study a Research Ethics Committee (REC) reviewed, saved as text.

Plain rendering (the seed): each label on its own line, its value on the next
line(s); the first line is the short title / acronym / protocol code, unlabelled::

    RT-IMMUNE
    Research type
    Research Study
    Full title
    A European, multicenter, randomized, open-label, Phase II trial ...
    IRAS ID
    276314
    Contact name
    Shane Zaidi
    Contact email
    Sponsor organisation
    Centre Léon Bérard
    Eudract number
    2016-005019-42
    Clinicaltrials.gov Identifier
    Clinicaltrials.gov Identifier
    MEDAECPP-2017-12-0009, French Competent Authority; CPP 17/92, French Ethic ...
    Duration of Study in the UK
    2 years, 4 months, 31 days
    Research summary
    Soft tissue sarcoma (STS) is a rare cancer ...
    REC name
    North West - Liverpool Central Research Ethics Committee
    REC reference
    21/NW/0063
    Date of REC Opinion
    16 Apr 2021
    REC opinion
    Further Information Favourable Opinion

Bulleted rendering: ``  • Label`` lines, values indented by four spaces
(continuation lines too). Both renderings are read by the same code: a line is a
label when, without its indentation, bullet and a trailing colon, it is one of
``LABELS`` (case-insensitive).

Mapping: heading -> ``brief_title`` (plus ``acronym``, see below); ``Full title``
(``RTB title`` / ``Research database title`` on tissue bank / database pages) ->
``official_title``; ``IRAS ID`` -> ``iras_id``; contact -> one ``contacts`` entry
(role ``CONTACT``); ``Sponsor organisation`` -> ``sponsor``; ``Eudract number``,
``ISRCTN Number`` -> their id fields; ``Duration of Study in the UK`` ->
``planned_duration``; ``Research summary`` -> ``brief_summary``; ``Summary of
Results`` -> ``results_summary``; the REC block -> one ``ethics_reviews`` entry
(``opinion`` mapped through ``REC_OPINION``, ``opinion_raw`` as printed,
``opinion_date`` a PartialDate). The REC reference is also a secondary id typed
``"REC"`` (SCHEMA.md lists REC refs among secondary ids), always both.

Quirks and variants handled:

- Tags on the heading (``[COVID-19] [UPH] TITLE`` or after it) go to ``keywords``
  without brackets; the rest is the title. The title also fills ``acronym`` only
  when it is one upper-case token of 2-20 characters (letters, digits, ``-``,
  ``/``) with at least 3 letters and at least twice as many letters as digits:
  ``RT-IMMUNE``, ``REMAP-CAP`` yes; protocol codes ``D5180C00007``, ``CA209-76K``
  and mixed-case names no.
- ``Contact email`` empty (``empty_value``) or absent (nothing to report).
- ``Clinicaltrials.gov Identifier`` empty, twice (the site's template reuses the
  label for "additional reference numbers": ``duplicate_label``), or holding other
  things. Values are split on ``;`` into entries and entries on ``,`` into parts.
  Placeholders (``n/a``, ``none``, ...) and empty parts are dropped; a value with
  nothing else is ``empty_value``. A part with a digit and at most three words is
  an identifier: NCT ids fill ``nct_id``; other registries' ids their own field;
  anything else becomes a secondary id with a ``foreign_id`` issue. A part with no
  digit describes the ids of its entry: it sets their type (``REGULATOR`` for a
  competent authority, ``ETHICS`` for an ethics committee / CPP, ``SPONSOR``;
  ``CPMS`` from a ``CPMS 45551`` prefix) and is kept in ``unparsed`` with the label.
- Duration ``2 years, 4 months, 31 days``, ``0 years, 8 months, 1 days``,
  ``2 years, 0 months, 00 days`` (any subset of the three parts).
- Research summary: a repeated ``Research Summary`` heading (own line: dropped
  silently; glued to the text: dropped with ``glued_text``); the two characters
  ``\\n`` become real newlines in ``brief_summary`` / ``results_summary``
  (``\\r\\n`` too); lines are joined with newlines.
- A label glued to the end of a text line (``...assess safety.REC name``) is split
  off (``glued_text``) when it is printed exactly as the site prints it and what
  precedes it is not a space (or is sentence punctuation and a space). Sentences
  glued to sentences (``...operable STSAbout 69 patients...``) stay as written.
- A planned participant count written in the summary ("About 69 patients will
  participate", "We will recruit 120 participants", "It is planned to enrol 24
  patients") fills ``enrollment`` as ``ESTIMATED`` with an ``inferred_value``
  issue, only when every such statement gives the same number.
- Tissue bank / database pages: ``Data collection arrangements``, ``Research
  programme``, ``Storage license``, ``Establishment organisation`` (and its
  address) are kept in ``unparsed`` with their labels; the schema has no field
  for them.
- Truncated pages (``truncated`` issue): no ``REC opinion`` label on the page,
  the page ending at a label with no value, the last line being a cut label
  (``REC na``: kept in ``unparsed``, never added to the value before it), or the
  last line being a cut REC opinion (``Further Information Fav``).
- Unknown bullet labels (bulleted rendering only, ``  • Something``):
  ``unknown_label``, values kept with that label. In the plain rendering an
  unknown label cannot be told from a value line: it stays in the text it follows.
- CRLF, BOM, NBSP and tabs (labels matched on ``Page.norm``, values keep their
  characters), all-capital titles, ``®`` and curly quotes (kept as printed).

Detection: a page is looked at only when its first 4 kB hold "IRAS ID" or "REC
opinion" (every HRA page type has both; two substring searches refuse other
pages); the usual page is then certain from its label lines as printed.

Speed: a page is read in two steps. ``_layout`` goes once over its lines with a
few dict lookups a line (labels as printed, by first character what may need a
closer look, glued labels by last character) and cuts it into sections (label +
value lines). ``_Extraction.run`` then reads each section: the usual one (the
first of its label, its value as the site prints it: "276314", "16 Apr 2021",
"2 years, 4 months, 31 days", an NCT id...) inline, straight into the builder's
data; anything else (a repeated label, an empty or placeholder value, several
lines where one is expected, a conflict, a value in another form) in
``section()``, whose readers handle every case. The enrolment patterns are tried
only where a match can start.

Not done: the page states no status, phase, dates (other than the REC date),
ages or sites, so those fields stay empty; ``Research type`` does not set
``study_type`` (a "Research Study" may be either kind).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from .. import _memo
from .._builder import TrialBuilder
from .._dates import PartialDate, parse_partial_date
from .._ids import classify_id
from .._model import IssueCode, Trial
from .._text import HEAD_CHARS, Page, norm_spaces
from .._vocab import REC_OPINION, key, lookup

__all__ = ["ID", "LABELS", "NOISE", "TITLE", "URL", "analyse_text", "extract"]

ID = "hra"
TITLE = "HRA research summaries (UK Health Research Authority)"
URL = (
    "https://www.hra.nhs.uk/planning-and-improving-research/"
    "application-summaries/research-summaries/"
)

# Handler keys that are not plain Trial paths.
UNPARSED = "unparsed"  # a known section the schema has no field for: kept with its label

#: Each source label as the site prints it -> the Trial field (or handler key) it feeds.
LABELS: dict[str, str] = {
    "Research type": "research_type",
    "Full title": "official_title",
    "RTB title": "official_title",
    "Research database title": "official_title",
    "IRAS ID": "iras_id",
    "Contact name": "contacts.name",
    "Contact email": "contacts.email",
    "Sponsor organisation": "sponsor",
    "Eudract number": "eudract_number",
    "ISRCTN Number": "isrctn",
    "Clinicaltrials.gov Identifier": "nct_id",
    "Duration of Study in the UK": "planned_duration",
    "Research summary": "brief_summary",
    "Summary of Results": "results_summary",
    "REC name": "ethics_reviews.committee",
    "REC reference": "ethics_reviews.reference",
    "Date of REC Opinion": "ethics_reviews.opinion_date",
    "REC opinion": "ethics_reviews.opinion",
    "Data collection arrangements": UNPARSED,
    "Research programme": UNPARSED,
    "Storage license": UNPARSED,
    "Storage licence": UNPARSED,
    "Establishment organisation": UNPARSED,
    "Establishment organisation address": UNPARSED,
}

#: The site's own lines around a summary in a browser's "save as text".
NOISE: tuple[str | re.Pattern[str], ...] = (
    "Skip to main content",
    "Research summaries",
    "Back to research summaries",
    "Print this page",
    "Back to top",
    # "Home > Planning and improving research > Application summaries > Research summaries"
    re.compile(r"Home\s*[>›»]", re.I),
)


# --- label tables derived once -----------------------------------------------------------
def _key(text: str) -> str:
    """The lookup key of a label line: no bullet, no trailing colon, lower case."""
    t = text.strip()
    if t[:1] in _BULLETS:
        t = t[1:]
    return " ".join(t.rstrip(" :").lower().split())


_BULLETS = frozenset("•*·▪-–")
_LABEL_BY_KEY: dict[str, str] = {_key(label): label for label in LABELS}
# the usual cases, no _key(): the label as printed, in either rendering ("• Full title")
_LABEL_EXACT: dict[str, str] = {form: label for label in LABELS for form in (label, "• " + label)}
_MAX_LABEL_LEN = max(len(label) for label in LABELS) + 8
# "rec na" (a label cut by the end of the page) -> True
_LABEL_PREFIXES: frozenset[str] = frozenset(k[:i] for k in _LABEL_BY_KEY for i in range(1, len(k)))
# longest first: "Date of REC Opinion" before "REC opinion" would matter if they shared a tail
_GLUE_LABELS: tuple[str, ...] = tuple(sorted(LABELS, key=len, reverse=True))
# the same by last character: "...safety.REC name" can only end in a label ending in "e"
_GLUE_BY_LAST: dict[str, tuple[str, ...]] = {
    c: tuple(label for label in _GLUE_LABELS if label[-1] == c) for c in {x[-1] for x in LABELS}
}
_NOISE_STRINGS = frozenset(n.lower() for n in NOISE if isinstance(n, str))
_NOISE_MAX = max(len(n) for n in _NOISE_STRINGS)
# NOISE's patterns as one, each keeping its own case flag: one match call a line
_NOISE_RE: re.Pattern[str] | None = (
    re.compile(
        "|".join(
            f"(?{'i' if p.flags & re.I else ''}:{p.pattern})"
            for p in NOISE
            if isinstance(p, re.Pattern)
        )
    )
    if any(isinstance(p, re.Pattern) for p in NOISE)
    else None
)
# Characters re.I matches to an ASCII letter although they are not its two cases.
_ODD_CASES = {"i": "İı", "s": "ſ", "k": "K"}


def _first_chars(p: re.Pattern[str]) -> frozenset[str] | None:
    """What a line must start with for ``p`` to match it, when its pattern says so
    plainly (a letter that is not quantified, no alternation); None otherwise."""
    s = p.pattern
    c = s[:1]
    if not (c.isascii() and c.isalpha()) or s[1:2] in ("", "?", "*", "{") or "|" in s:
        return None
    if not p.flags & re.I:
        return frozenset(c)
    return frozenset(c.lower() + c.upper() + _ODD_CASES.get(c.lower(), ""))


_NOISE_FIRSTS = [_first_chars(p) for p in NOISE if isinstance(p, re.Pattern)]
# The first characters of lines _NOISE_RE can match ("Home >...": H, h); None: any
_NOISE_RE_FIRST: frozenset[str] | None = (
    None
    if any(f is None for f in _NOISE_FIRSTS)
    else frozenset(c for f in _NOISE_FIRSTS if f is not None for c in f)
)
_OPINION_PREFIXES: frozenset[str] = frozenset(k[:i] for k in REC_OPINION for i in range(1, len(k)))

# Values that mean "nothing here".
_PLACEHOLDERS = frozenset(
    {"n/a", "na", "n.a.", "n.a", "none", "nil", "not applicable", "not available", "-", "--"}
)

# Detection: label lines and how much each says "this is an HRA summary".
_DETECT_WEIGHTS: dict[str, float] = {
    "iras id": 0.3,
    "rec reference": 0.3,
    "date of rec opinion": 0.3,
    "duration of study in the uk": 0.3,
    "research type": 0.25,
    "rec name": 0.2,
    "rec opinion": 0.2,
    "sponsor organisation": 0.2,
    "clinicaltrials.gov identifier": 0.1,  # ISRCTN pages print it too
    "full title": 0.1,
    "research summary": 0.1,
}
# Labels no other site prints alone on a line: without one of them a page is not HRA's.
_DETECT_STRONG = frozenset(
    {"iras id", "rec reference", "date of rec opinion", "duration of study in the uk"}
)

# --- value patterns (each linear: no nested unbounded quantifiers) ------------------------
# one duration part: "2 years", "00 days", "1 month"
_DURATION_PART_RE = re.compile(r"(\d{1,4})\s*(years?|months?|days?)", re.I)
# the whole duration as the site prints it: "2 years, 4 months, 31 days"
_DURATION_RE = re.compile(r"(\d{1,4}) years?, (\d{1,4}) months?, (\d{1,4}) days?")
_DIGIT_RE = re.compile(r"\d")
# the start of an NCT, ISRCTN, EudraCT or CTIS id: "NCT0", "isrctn 1", "2016-0"
_REGISTRY_SHAPE_RE = re.compile(r"(?:NCT|ISRCTN|(?:19|20)\d\d-\d)", re.I)
# ... and what such an id starts with, as re.I sees it ("İ" and "ı" are an "i" to it)
_REGISTRY_FIRSTS = frozenset("NnIiİı12")
# an NCT id as printed in full: "NCT04980508" (classify_id says NCT to all of these)
_NCT_RE = re.compile(r"NCT\d{8}")
# a REC opinion date as the site prints it: "16 Apr 2021", "3 Nov 2020"
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}
_REC_DATE_RE = re.compile(r"(\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})")
# a EudraCT number as the site prints it: "2016-005019-42" (classify_id files it unchanged)
_EUDRACT_RE = re.compile(r"(?:19|20)\d\d-\d{6}-\d\d")
# a REC reference: "21/NW/0063", older "10/H0711/56"
_REC_REF_RE = re.compile(r"\d{2}/[A-Z]{1,3}\d{0,4}/\d{1,4}")
# a heading that is an acronym: "RT-IMMUNE", "REMAP-CAP", "STAMPEDE2"
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9]*(?:[-/][A-Z0-9]+)*")
_PEOPLE_WORDS = (
    "patients|participants|people|persons|subjects|volunteers|individuals"
    "|women|men|children|adults|babies|infants|families|mothers|carers"
)
_PEOPLE = f"(?:{_PEOPLE_WORDS})"
# a count as printed: "69", "1,200" (its shape is checked by _COUNT_SHAPE_RE)
_COUNT = r"(\d[\d,]{0,8})"
_COUNT_SHAPE_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,7}")  # 1,200 or 1200
_ABOUT = r"(?:(?:about|approximately|approx\.?|around|roughly|up to|a total of)\s+)?"
# the count first: "69 patients will participate", "200 healthy volunteers will be recruited"
_WILL_TAIL = (
    r"will\s+(?:be\s+)?(?:participate|take part|recruited|enrolled|enroled|invited"
    r"|randomi[sz]ed|included|join)\b"
)
_COUNT_FIRST_RE = re.compile(
    rf"{_COUNT}\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\s+(?:in total\s+)?{_WILL_TAIL}", re.I
)
# its tail alone, tried where a "will" is: "will be recruited", "will take part"
_WILL_TAIL_RE = re.compile(_WILL_TAIL, re.I)
# the verb first: "we will recruit 120 participants", "It is planned to enrol 24 patients"
_VERB_FIRST_RE = re.compile(
    r"\b(?:will|aims? to|plans? to|planned to|intends? to|expects? to|hope to)\s+"
    rf"(?:recruit|enrol|enroll|include|randomi[sz]e)\s+{_ABOUT}{_COUNT}\s+"
    rf"(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\b",
    re.I,
)
# (_planned_counts tests for each of them by name: keep the two in step)
_VERB_STEMS = ("recruit", "enrol", "include", "randomi")
# The same three patterns (all written in lower case) without re.I, for an ASCII line
# matched in its lower-cased copy: the same matches at the same places, 3-5x cheaper,
# as re.I looks each character up in the Unicode case tables. (Unicode \s and \w
# still: re.ASCII would change \s on the controls \x1c-\x1f.)
_COUNT_FIRST_LOW_RE = re.compile(_COUNT_FIRST_RE.pattern)
_WILL_TAIL_LOW_RE = re.compile(_WILL_TAIL)
_VERB_FIRST_LOW_RE = re.compile(_VERB_FIRST_RE.pattern)
_MAX_ENROLMENT = 10_000_000


# Issue codes as the builder stores them (issues appended directly, or passed to
# b.issue(): an enum member costs a class attribute lookup and a str() a use)
_EMPTY_VALUE = IssueCode.EMPTY_VALUE.value
_FOREIGN_ID = IssueCode.FOREIGN_ID.value
_INVALID_VALUE = IssueCode.INVALID_VALUE.value
_INFERRED_VALUE = IssueCode.INFERRED_VALUE.value
_CONFLICTING_VALUE = IssueCode.CONFLICTING_VALUE.value
_DUPLICATE_LABEL = IssueCode.DUPLICATE_LABEL.value
_GLUED_TEXT = IssueCode.GLUED_TEXT.value
_INVALID_DATE = IssueCode.INVALID_DATE.value
_MALFORMED_ID = IssueCode.MALFORMED_ID.value
_TRUNCATED = IssueCode.TRUNCATED.value
_UNKNOWN_LABEL = IssueCode.UNKNOWN_LABEL.value
_UNMAPPED_VALUE = IssueCode.UNMAPPED_VALUE.value

# Targets whose value is the section's lines joined with spaces.
_JOINED = frozenset(
    {
        "research_type",
        "official_title",
        "sponsor",
        "contacts.name",
        "ethics_reviews.committee",
        "ethics_reviews.opinion",
    }
)

# --- derived tables for the fast paths -------------------------------------------------------
# Detection: each rendering's label lines as the site prints them (lower case, whole lines),
# "Research type" first (it tells the rendering), then in page order: a few `in` checks
# make the usual page certain. (needle, weight, strong)
_CERTAIN: tuple[tuple[tuple[str, float, bool], ...], ...] = tuple(
    tuple(
        (f"\n{indent}{k}\n", _DETECT_WEIGHTS[k], k in _DETECT_STRONG)
        for k in (
            "research type",
            "iras id",
            "sponsor organisation",
            "duration of study in the uk",
            "rec name",
            "rec reference",
            "date of rec opinion",
            "rec opinion",
            "full title",
            "research summary",
            "clinicaltrials.gov identifier",
        )
    )
    for indent in ("", "  • ")
)
# ... the plain rendering's, as the site prints them ("Research type"), looked for among
# the whole lines of the page's first HEAD_CHARS characters (Page.head's extent)
_PRINTED = {_key(label): label for label in LABELS}
_CERTAIN_PRINTED: tuple[tuple[str, float, bool], ...] = tuple(
    (_PRINTED[needle[1:-1]], weight, strong) for needle, weight, strong in _CERTAIN[0]
)
_PRINTED_LINES = frozenset(line for line, _, _ in _CERTAIN_PRINTED)
_RESEARCH_TYPE, _IRAS_ID = _PRINTED["research type"], _PRINTED["iras id"]
# The first character (lower-cased) of every line that may be noise, a label written
# otherwise than in LABELS (case, bullet, colon, spacing) or a cut label: other lines
# skip those checks.
# In both cases: lower() makes no other character one of these (the Kelvin sign
# becomes "k", which no label starts with), so `c in _SLOW_FIRST` is `c.lower() in ...`.
_FIRSTS = {k[0] for k in _LABEL_BY_KEY} | {s[0] for s in _NOISE_STRINGS}
_SLOW_FIRST: frozenset[str] = frozenset(_FIRSTS | {c.upper() for c in _FIRSTS} | _BULLETS)
# ... as flags by first character: _SHORT: may be a label, noise or a cut label when
# short; _ALWAYS: "•", a bullet label however long; _NOISY: _NOISE_RE may match it
# (every line when its patterns do not say what they start with: _NOISE_ANY)
_SHORT, _ALWAYS, _NOISY = 1, 2, 4
_NOISE_ANY = _NOISY if _NOISE_RE is not None and _NOISE_RE_FIRST is None else 0
_FIRST_KIND: dict[str, int] = {c: _SHORT | _NOISE_ANY for c in _SLOW_FIRST}  # default _NOISE_ANY
_FIRST_KIND["•"] = _SHORT | _ALWAYS | _NOISE_ANY
for _c in _NOISE_RE_FIRST or ():
    _FIRST_KIND[_c] = _FIRST_KIND.get(_c, 0) | _NOISY
# label keys and noise lines, lower case: what a plain short line can be
_NOISE_HIT = "\x00noise"
_KEY_OR_NOISE: dict[str, str] = {**dict.fromkeys(_NOISE_STRINGS, _NOISE_HIT), **_LABEL_BY_KEY}
# Their first three characters: no key has a space among them, so a line whose _key()
# is one of them starts with the same three, lower-cased, in any spelling (spaces
# collapsed, colon or case changed); "Delroy Campbell" ("del") is no label or noise.
_KEY_STARTS = frozenset(k[:3] for k in _KEY_OR_NOISE)
_PLACEHOLDER_MAX = max(len(p) for p in _PLACEHOLDERS)
# Characters re.I matches to an ASCII letter although lower() does not make them one:
# folded so that `find` sees every word the enrolment patterns could match.
# (_planned_counts tests for each of them by name: keep the two in step)
_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
# The lead-ins _VERB_FIRST_RE accepts before its verb, each spelled out.
_LEAD_INS = (
    "will",
    "aim to",
    "aims to",
    "plan to",
    "plans to",
    "planned to",
    "intend to",
    "intends to",
    "expect to",
    "expects to",
    "hope to",
)
# How far before "will" to look for the six tokens a count-first match can span
# (the whole line when they do not fit).
_BACK_CHARS = 160
# What ends the text before a count-first match's "will" (and its space).
_BEFORE_WILL = (*_PEOPLE_WORDS.split("|"), "in total")


def _issue_line(issue: dict[str, Any]) -> int:
    line: int | None = issue["line"]
    return line or 0


def analyse_text(page: Page) -> float:
    """Score distinctive HRA label lines in the first 4 kB ("IRAS ID", "REC reference"...).

    The usual page, its label lines as the site prints them, is made certain by
    looking its first lines up in a set, without the lower-cased head. Otherwise:
    every HRA summary names its IRAS ID near the top and ends with the REC block
    (all its page types have both), so a head with neither "iras id" nor "rec
    opinion" is refused by two substring searches, without looking at its lines;
    a few searches of the head for label lines (either rendering) make a page
    certain; anything else is scored line by line.
    """
    if page.plain_text and _RESEARCH_TYPE in page.lines[1:3]:
        # The usual page, in the plain rendering with its label lines as the site prints
        # them, is certain without the lower-cased head: its lines are looked up as they
        # are. Only whole lines count, as for the head's "\nresearch type\n": neither
        # the first line nor one cut by the head's end (or the page's) has both ends.
        # It is tried only where the site prints "Research type", right after the
        # heading (or a line later): every other site's page is let go by that
        # look at two lines, not a set of its first lines.
        lines = page.lines
        ends = (
            len(lines) - 1 if len(page.text) <= HEAD_CHARS else page.text.count("\n", 0, HEAD_CHARS)
        )
        found = _PRINTED_LINES.intersection(lines[1:ends])
        if _RESEARCH_TYPE in found and _IRAS_ID in found and _certain(_CERTAIN_PRINTED, found):
            # Research type (the rendering) and IRAS ID (the head's first test) are
            # there: the head's test below would take the plain rendering and sum the
            # same weights, in the same order.
            return 1.0
    head = page.head
    if "iras id" not in head and "rec opinion" not in head:
        return 0.0
    # Label lines spaced with NBSPs (a browser's save of the page) are labels to
    # _score_lines() too (its _key() splits on them): the fast path sees them as spaces.
    plain = head.replace("\xa0", " ") if "\xa0" in head else head
    for needles in _CERTAIN:
        if needles[0][0] not in plain:  # "Research type": which rendering, if any
            continue
        if _certain(needles, plain):
            return 1.0
        break
    return _score_lines(head)


def _certain(needles: tuple[tuple[str, float, bool], ...], there: str | frozenset[str]) -> bool:
    """Whether the ``needles`` found in ``there`` (weights summed in their order) reach
    certainty: a total of 1.0 with a strong label among them."""
    total = 0.0
    strong = False
    for needle, weight, is_strong in needles:
        if needle in there:
            total += weight
            strong = strong or is_strong
            if strong and total >= 1.0:
                return True
    return False


def _score_lines(head: str) -> float:
    """The score from every label line of ``head`` (any spacing, bullets, colons)."""
    seen: set[str] = set()
    total = 0.0
    strong = False
    for line in head.split("\n"):
        if len(line) > _MAX_LABEL_LEN:
            continue
        t = line.strip()
        if not t:
            continue
        # `head` is lower case already: a plain line (single spaces, no bullet, no
        # colon) is its own key
        odd = t[0] in _BULLETS or t[-1] == ":" or "  " in t or not t.isprintable()
        k = _key(t) if odd else t
        if k in _DETECT_WEIGHTS and k not in seen:
            seen.add(k)
            total += _DETECT_WEIGHTS[k]
            strong = strong or k in _DETECT_STRONG
            if strong and total >= 1.0:
                return 1.0  # certain: the lines after cannot change it
    return min(1.0 if strong else 0.1, total)


# --- sections ------------------------------------------------------------------------------
# A section: (label as in LABELS or as printed for an unknown bullet label, its LABELS
# target or None for an unknown label, its line, its non-blank value lines as (line, text)).
# Plain tuples: a page has a dozen or two of them, built and read once.
_Section = tuple[str, str | None, int, list[tuple[int, str]]]


class _Layout(NamedTuple):
    heading: tuple[int, str] | None
    before: list[tuple[int, str]]  # lines before the first label, after the heading
    sections: list[_Section]
    cut_label: tuple[int, str] | None  # last line: a label cut short
    last_line: int


def _is_noise(stripped: str) -> bool:
    if len(stripped) <= _NOISE_MAX and stripped.lower() in _NOISE_STRINGS:
        return True
    return _NOISE_RE is not None and _NOISE_RE.match(stripped) is not None


def _glued_label(text: str, labels: tuple[str, ...] = _GLUE_LABELS) -> tuple[str, str] | None:
    """``("...assess safety.", "REC name")`` for a text line ending in a glued label
    (one of ``labels``, longest first: those ending in the line's last character)."""
    t = text.rstrip()
    if not t.endswith(labels):  # one C call: most lines end in no label
        return None
    for label in labels:
        if len(t) > len(label) and t.endswith(label):
            head = t[: -len(label)]
            if not head[-1].isspace():
                return head, label
            if head.rstrip()[-1:] in (".", "!", "?", ")"):
                return head, label
            return None
    return None


def _layout(page: Page, b: TrialBuilder) -> _Layout:
    """Split the page into heading, sections (label + value lines) and leftovers."""
    lines, norm = page.lines, page.norm
    same = norm is lines  # no odd space on the page: a norm line is its line
    last = len(norm)
    while last > 0 and not norm[last - 1].strip():
        last -= 1
    blank: list[int] = []
    exact = _LABEL_EXACT.get
    glue_get = _GLUE_BY_LAST.get
    first_kind = _FIRST_KIND.get
    noise_re = _NOISE_RE
    noise_any = _NOISE_ANY
    sections: list[_Section] = []
    heading: tuple[int, str] | None = None
    before: list[tuple[int, str]] = []
    cut_label: tuple[int, str] | None = None
    cur: _Section | None = None
    values: list[tuple[int, str]] = []  # cur's value lines
    bulleted = False
    for n, nl in enumerate(norm[:last], 1):
        stripped = nl.strip()
        label = exact(stripped)
        if label is None:
            if not stripped:
                blank.append(n)
                continue
            # Only a line that could be noise, a label written otherwise, a bullet or a
            # cut label pays for those checks: its first character tells (one lookup).
            c = stripped[0]
            kind = first_kind(c, noise_any)
            if (
                kind
                and (
                    kind & _ALWAYS
                    or (
                        kind & _SHORT
                        and len(stripped) <= _MAX_LABEL_LEN
                        # a short plain line ("Shane Zaidi") is a value unless it starts as a
                        # label or noise line starts (see _KEY_STARTS) or may be a cut label
                        and (
                            kind != _SHORT
                            or n == last
                            or c in _BULLETS
                            or stripped[:3].lower() in _KEY_STARTS
                        )
                    )
                    or (kind & _NOISY and noise_re is not None and noise_re.match(stripped))
                )
            ):
                if (
                    kind == _SHORT
                    and stripped[-1] != ":"
                    and c not in _BULLETS
                    and "  " not in stripped
                    and stripped.isprintable()
                ):
                    # the usual case ("Research Study", "Shane Zaidi"): single spaces, no
                    # bullet, colon or noise pattern: its key is its lower case, looked
                    # up with the noise lines in one dict
                    low = stripped.lower()
                    hit = _KEY_OR_NOISE.get(low)
                    if hit is _NOISE_HIT:
                        b.noise(n)
                        continue
                    if (
                        hit is None
                        and n == last
                        and low in _LABEL_PREFIXES
                        and (cur is not None or heading is not None)
                    ):
                        cut_label = (n, lines[n - 1].strip())
                        continue
                    label = hit
                else:
                    if _is_noise(stripped):
                        b.noise(n)
                        continue
                    k = _key(stripped) if len(stripped) <= _MAX_LABEL_LEN else ""
                    label = _LABEL_BY_KEY.get(k)
                    bullet = c == "•" and len(nl) - len(nl.lstrip()) <= 3
                    if label is None:
                        if (
                            n == last
                            and k in _LABEL_PREFIXES
                            and (cur is not None or heading is not None)
                        ):
                            cut_label = (n, lines[n - 1].strip())
                            continue
                        if bullet and bulleted:
                            name = lines[n - 1].strip()[1:].strip()
                            if not name:
                                continue  # a bullet with nothing after it: no content to keep
                            b.issue(
                                _UNKNOWN_LABEL,
                                f"unknown label '{name}'; its value is kept in unparsed",
                                line=n,
                            )
                            values = []
                            cur = (name, None, n, values)
                            sections.append(cur)
                            continue
        if label is not None:
            target = LABELS[label]
            if not values:
                if cur is None:  # the first label tells the rendering
                    bulleted = stripped[0] == "•" and len(nl) - len(nl.lstrip()) <= 3
                elif target == "brief_summary" == cur[1]:
                    continue  # the summary's own repeated "Research Summary" heading
            values = []
            cur = (label, target, n, values)
            sections.append(cur)
            continue
        text = stripped if same else lines[n - 1].strip()
        if cur is None:
            if heading is None:
                heading = (n, text)
            else:
                before.append((n, text))
            continue
        tails = glue_get(text[-1])  # a dict lookup spares most lines 24 endswith
        if tails is not None and text.endswith(tails):
            glued = _glued_label(text, tails)
            if glued is not None:
                head, label = glued
                b.issue(
                    _GLUED_TEXT,
                    f"label '{label}' was glued to the text before it; split there",
                    field=_schema_field(cur[1] or ""),
                    line=n,
                )
                if head.strip():
                    values.append((n, head.strip()))
                values = []
                cur = (label, LABELS[label], n, values)
                sections.append(cur)
                continue
        values.append((n, text))
    # Every non-blank line up to the last lands somewhere (a label, a value, the heading,
    # a kept line, noise; a cut label is kept by truncation()), so they are marked used
    # at once rather than one by one.
    b.accounted.update(range(1, last + 1))
    if blank:
        b.accounted.difference_update(blank)
    return _Layout(heading, before, sections, cut_label, last)


# --- the extraction ---------------------------------------------------------------------------
class _Extraction:
    __slots__ = ("b", "contacts", "page", "reviews", "same", "seen")

    def __init__(self, page: Page) -> None:
        self.page = page
        self.b = TrialBuilder(ID)
        self.contacts: list[dict[str, str]] = []
        self.reviews: list[dict[str, object]] = []
        self.seen: dict[str, int] = {}
        # no odd space on the page: values need no norm_spaces() of their own
        self.same = page.norm is page.lines

    def run(self) -> Trial:
        b = self.b
        data = b.data
        lay = _layout(self.page, b)
        if lay.heading is not None:
            self.heading(*lay.heading)
        unparsed = b.unparsed
        # _layout() has marked every line used and keeps no blank one: keep() would only
        # repeat both checks
        for n, text in lay.before:
            unparsed.append({"label": None, "text": text, "line": n})
        seen = self.seen
        same = self.same
        issues = b.issues
        for sec in lay.sections:
            label, target, line, values = sec
            if target is None:  # an unknown bullet label: its lines kept with it
                for n, text in values:
                    unparsed.append({"label": label, "text": text, "line": n})
                continue
            if label in seen:  # a repeated label: section() says so
                count = seen[label] + 1
                seen[label] = count
                self.section(sec, target, count)
                continue
            seen[label] = count = 1
            if not values:
                if target != "nct_id":  # what b.empty() records (the line is used)
                    issues.append(
                        {
                            "code": _EMPTY_VALUE,
                            "field": _schema_field(target),
                            "message": f"'{label}' has no value",
                            "line": line,
                        }
                    )
                    continue
            # The usual section (a first label, its value as the site prints it) is read
            # here, straight into the builder's data. Each check is the condition under
            # which section()'s reader would do exactly this and nothing more (no issue,
            # no unparsed line, no conflict); a section failing it falls through to
            # section(), which reads anything.
            elif target in _JOINED:  # multi-line text: the lines joined with spaces
                value = values[0][1] if len(values) == 1 else " ".join([t for _, t in values])
                if target == "contacts.name":
                    self.contact("name", value)
                    continue
                if target == "ethics_reviews.committee":
                    self.review("committee", value)
                    continue
                if target == "ethics_reviews.opinion":
                    opinion = REC_OPINION.get(key(value))
                    if opinion is not None:
                        self.review("opinion_raw", value)
                        self.reviews[-1]["opinion"] = opinion.value
                        continue
                # a value line is stripped and not blank: the text is never empty
                elif data.get(target) is None:
                    data[target] = {"name": value} if target == "sponsor" else value
                    continue
            elif target == "brief_summary" or target == "results_summary":
                self.summary(sec)
                continue
            elif target == UNPARSED:  # kept with its label; the lines are used already
                for n, text in values:
                    unparsed.append({"label": label, "text": text, "line": n})
                continue
            elif len(values) == 1:  # one-line values; anything more is section()'s
                value = values[0][1]
                plain = value if same else norm_spaces(value).strip()
                if target == "iras_id":
                    # what set_id(expect="IRAS") files without a word
                    if plain.isdigit() and 4 <= len(plain) <= 7 and data.get(target) is None:
                        data[target] = plain
                        continue
                elif target == "contacts.email":
                    if "@" in plain and " " not in plain:
                        self.contact("email", plain)
                        continue
                elif target == "eudract_number":
                    # the only form classify_id reads as EudraCT and gives back unchanged
                    if _EUDRACT_RE.fullmatch(plain) and data.get(target) is None:
                        data[target] = plain
                        continue
                elif target == "nct_id":
                    if _NCT_RE.fullmatch(plain) and plain == value:
                        old = data.get(target)
                        if old is None:
                            data[target] = plain
                            continue
                        if old == plain:
                            continue
                elif target == "planned_duration":
                    duration = _duration(plain)
                    if duration is not None and data.get(target) is None:
                        data[target] = duration
                        continue
                elif target == "ethics_reviews.reference":
                    if _REC_REF_RE.fullmatch(plain):
                        self.review("reference", plain)
                        ids = data.setdefault("secondary_ids", [])
                        entry = {"id": plain, "type": "REC"}
                        if entry not in ids:
                            ids.append(entry)
                        continue
                elif target == "ethics_reviews.opinion_date":
                    date = _REC_DATES[plain]
                    if date is not None:
                        self.review("opinion_date", date)
                        continue
            self.section(sec, target, count)
        # lists of new objects (what b.add would do; their lines are used already)
        if self.contacts:
            data["contacts"] = [{"role": "CONTACT", **contact} for contact in self.contacts]
        if self.reviews:
            data["ethics_reviews"] = self.reviews
        self.truncation(lay)
        # page order: layout issues (glued labels) were recorded before the sections', a
        # conflict after its section's value issues; most pages need no sort
        last_at = 0
        for issue in issues:  # (a loop: a comprehension and sorted() cost more here)
            at = issue["line"] or 0
            if at < last_at:
                issues.sort(key=_issue_line)
                break
            last_at = at
        return b.build()

    # heading ------------------------------------------------------------------------------
    def heading(self, n: int, text: str) -> None:
        # the first values of the page: nothing to conflict with, and _layout() has
        # marked the line used, so they go straight into the builder's data
        # the heading is stripped: without a bracket at either end it holds no tag
        if text[0] == "[" or text[-1] == "]":
            tags, title = _split_tags(text)
        else:
            tags, title = [], text
        data = self.b.data
        if tags:
            data["keywords"] = tags
        if title:
            data["brief_title"] = title
            if _looks_like_acronym(title):
                data["acronym"] = title

    # sections -----------------------------------------------------------------------------
    def section(self, sec: _Section, target: str, count: int) -> None:
        """Read any section of a known label (its target; ``count``: its occurrence on
        the page)."""
        label, _, line, values = sec
        if count > 1 and not target.startswith(("ethics_reviews.", "contacts.")):
            note = (
                " (the site reuses it for additional reference numbers)"
                if target == "nct_id"
                else ""
            )
            self.b.issue(
                _DUPLICATE_LABEL,
                f"'{label}' appears {count} times{note}",
                field=_schema_field(target),
                line=line,
            )
        # one reader a target (a dict lookup, not a chain of comparisons a section);
        # _layout() has marked the section's lines as used
        read = _READERS[target]
        if values or read is _Extraction.trial_ids:
            read(self, sec)
        else:
            self.b.empty(label, line=line, field=_schema_field(target))

    # multi-line text values: the lines joined with spaces
    def read_text(self, sec: _Section) -> None:  # research_type, official_title
        values = sec[3]
        value = values[0][1] if len(values) == 1 else " ".join(t for _, t in values)
        self.put(sec[1] or "", value, sec)

    def read_sponsor(self, sec: _Section) -> None:
        values = sec[3]
        value = values[0][1] if len(values) == 1 else " ".join(t for _, t in values)
        self.put("sponsor", {"name": value}, sec)

    def read_contact_name(self, sec: _Section) -> None:
        values = sec[3]
        self.contact("name", values[0][1] if len(values) == 1 else " ".join(t for _, t in values))

    def read_committee(self, sec: _Section) -> None:
        values = sec[3]
        self.review(
            "committee", values[0][1] if len(values) == 1 else " ".join(t for _, t in values)
        )

    def read_opinion(self, sec: _Section) -> None:
        values = sec[3]
        value = values[0][1] if len(values) == 1 else " ".join(t for _, t in values)
        self.review("opinion_raw", value)
        opinion = lookup(REC_OPINION, value)
        if opinion is not None:
            self.reviews[-1]["opinion"] = opinion.value
        else:
            self.b.issue(
                _UNMAPPED_VALUE,
                f"'{value}' does not map to a known REC opinion; kept in opinion_raw",
                field="ethics_reviews.opinion",
                line=values[0][0],
            )

    def read_unparsed(self, sec: _Section) -> None:
        label = sec[0]
        for n, text in sec[3]:
            self.b.keep(text, n, label)

    # one-line values: what follows the first line is kept as it is
    def atomic(self, sec: _Section) -> tuple[int, str, str] | None:
        """The first value line: (line, as printed, odd spaces made plain); None for a
        placeholder (``n/a``: an ``empty_value``)."""
        label, f, line, values = sec
        b = self.b
        n, value = values[0]
        if len(values) > 1:
            for extra_n, extra in values[1:]:
                b.keep(extra, extra_n, label)
        plain = value if self.same else norm_spaces(value).strip()
        if len(plain) <= _PLACEHOLDER_MAX and plain.lower() in _PLACEHOLDERS:
            b.empty(label, line=line, field=_schema_field(f or ""))
            return None
        return n, value, plain

    def read_iras(self, sec: _Section) -> None:
        got = self.atomic(sec)
        if got is not None:
            self.b.set_id(got[2], expect="IRAS", line=got[0], label=sec[0], secondary_type="IRAS")

    def read_eudract(self, sec: _Section) -> None:
        got = self.atomic(sec)
        if got is not None:
            self.b.set_id(
                got[2], expect="EUDRACT", line=got[0], label=sec[0], secondary_type="EUDRACT"
            )

    def read_isrctn(self, sec: _Section) -> None:
        got = self.atomic(sec)
        if got is not None:
            plain = got[2]
            if plain.isdigit() and len(plain) == 8:
                plain = "ISRCTN" + plain
            self.b.set_id(
                plain, expect="ISRCTN", line=got[0], label=sec[0], secondary_type="ISRCTN"
            )

    def read_email(self, sec: _Section) -> None:
        got = self.atomic(sec)
        if got is None:
            return
        n, value, plain = got
        if "@" in plain and " " not in plain:
            self.contact("email", plain)
        else:
            self.b.invalid(
                value,
                f"'{plain}' is not an e-mail address",
                field="contacts.email",
                line=n,
                label=sec[0],
            )

    def read_duration(self, sec: _Section) -> None:
        got = self.atomic(sec)
        if got is None:
            return
        n, value, plain = got
        duration = _parse_duration(plain)
        if duration is None:
            self.b.invalid(
                value,
                f"'{plain}' is not a duration",
                field="planned_duration",
                line=n,
                label=sec[0],
            )
        else:
            self.put("planned_duration", duration, sec)

    def read_rec_reference(self, sec: _Section) -> None:
        got = self.atomic(sec)
        if got is None:
            return
        n, _, plain = got
        self.review("reference", plain)
        self.b.add_secondary(plain, "REC", line=n)
        if not _REC_REF_RE.fullmatch(plain):
            self.b.issue(
                _MALFORMED_ID,
                f"'{plain}' does not look like a REC reference (e.g. 21/NW/0063)",
                field="ethics_reviews.reference",
                line=n,
            )

    def read_rec_date(self, sec: _Section) -> None:
        got = self.atomic(sec)
        if got is None:
            return
        n, value, plain = got
        date = _opinion_date(plain)
        if date is None:
            self.b.invalid(
                value,
                f"'{plain}' is not a date",
                field="ethics_reviews.opinion_date",
                line=n,
                label=sec[0],
                code=_INVALID_DATE,
            )
        else:
            self.review("opinion_date", date)

    def put(self, path: str, value: object, sec: _Section) -> bool:
        """Set a top-level field once; a second, different value keeps its page lines in
        unparsed.

        (The builder's own conflict path would keep the converted value, which
        for joined lines or a duration is not text of the page.) Written to the
        builder's data directly: the lines are already marked used, and ``set``
        would only repeat that and split the path.
        """
        data = self.b.data
        old = data.get(path)
        if old is None or old == value:
            if value is None or (isinstance(value, str) and not value.strip()):
                return False
            data[path] = value
            return True
        self.b.issue(
            _CONFLICTING_VALUE,
            f"'{sec[0]}' given again with a different value; the first is kept",
            field=path,
            line=sec[2],
        )
        for n, text in sec[3]:
            self.b.keep(text, n, sec[0])
        return False

    def contact(self, key_: str, value: str) -> None:
        if not self.contacts or key_ in self.contacts[-1]:
            self.contacts.append({})
        self.contacts[-1][key_] = value

    def review(self, key_: str, value: object) -> None:
        if not self.reviews or key_ in self.reviews[-1]:
            self.reviews.append({})
        self.reviews[-1][key_] = value

    # summaries ---------------------------------------------------------------------------
    def summary(self, sec: _Section) -> None:
        _, target, _, values = sec
        texts = [text for _, text in values]
        first = texts[0]
        if target == "brief_summary" and first[:16].lower() == "research summary":
            rest = _strip_repeated_heading(first)
            if rest is not None:
                self.b.issue(
                    _GLUED_TEXT,
                    "a repeated 'Research Summary' heading was glued to the text; removed",
                    field=target,
                    line=values[0][0],
                )
                texts[0] = rest
                if not rest:
                    del texts[0]
        # value lines are stripped and never blank: the joined text needs no strip()
        # unless a printed \n became a real one at either end
        value = "\n".join(texts)
        if "\\" in value:  # the two characters \n (or \r\n) the site prints for a newline
            value = value.replace("\\r\\n", "\n").replace("\\n", "\n").strip()
        target = target or "brief_summary"
        if self.put(target, value, sec) and target == "brief_summary":
            self.enrollment(values)

    def enrollment(self, values: list[tuple[int, str]]) -> None:
        found: list[tuple[int, int, str]] = []
        for n, text in values:
            _planned_counts(found, text, n)
        if not found:
            return
        count, n, said = found[0]
        if any(c != count for c, _, _ in found) or not 0 < count <= _MAX_ENROLMENT:
            return
        b = self.b
        enrollment = {"count": count, "type": "ESTIMATED"}
        # first set: straight into the data (the line is used); again: b.set() compares
        if b.data.setdefault("enrollment", enrollment) is enrollment or b.set(
            "enrollment", enrollment, line=n
        ):
            b.issues.append(
                {
                    "code": _INFERRED_VALUE,
                    "field": "enrollment",
                    "message": f"enrollment {count} (ESTIMATED) read from the summary: '{said}'",
                    "line": n,
                }
            )

    # Clinicaltrials.gov Identifier ---------------------------------------------------------
    def trial_ids(self, sec: _Section) -> None:
        label, _, line, values = sec
        b = self.b
        same = self.same
        # issues, kept parts and secondary ids appended as the builder would (its lines
        # are used already): a value of this label often makes half a dozen of them
        issue = b.issues.append
        keep = b.unparsed.append
        anything = False
        for n, text in values:
            for entry in text.split(";"):
                ids: list[str] = []
                kind: str | None = None
                described: list[str] = []
                filed = False
                for part in entry.split(","):
                    p = part.strip()
                    if not p:
                        continue
                    q = p if same else norm_spaces(p).strip()
                    if len(q) <= _PLACEHOLDER_MAX and q.lower() in _PLACEHOLDERS:
                        continue
                    anything = True
                    if _DIGIT_RE.search(p) is not None and len(p.split()) <= 3:
                        # registry_id() refuses at once what starts like no registry id
                        # ("CPP 17/92"): the common case, spared its call
                        if (
                            p[0] in _REGISTRY_FIRSTS
                            and (_REGISTRY_SHAPE_RE.match(p) is not None or p[:3].upper() == "NCT")
                            and self.registry_id(p, n, label)
                        ):
                            filed = True
                        else:
                            ids.append(p)
                    else:
                        keep({"label": label, "text": p, "line": n})
                        described.append(p)
                        kind = kind or _describes(p)
                if described and not ids and not filed:
                    issue(
                        {
                            "code": _INVALID_VALUE,
                            "field": "nct_id",
                            "message": f"'{described[0]}' under '{label}' is no identifier;"
                            " kept in unparsed",
                            "line": n,
                        }
                    )
                if ids:
                    secondary = b.data.setdefault("secondary_ids", [])
                    for id_ in ids:
                        entry_ = {"id": id_, "type": kind or _id_prefix_type(id_)}
                        if entry_ not in secondary:
                            secondary.append(entry_)
                        issue(
                            {
                                "code": _FOREIGN_ID,
                                "field": "nct_id",
                                "message": f"'{id_}' under '{label}' is not an NCT id;"
                                " kept as a secondary id",
                                "line": n,
                            }
                        )
        if not anything:
            shown = " ".join([text for _, text in values])
            note = f" (only placeholders: '{shown}')" if shown else ""
            issue(
                {
                    "code": _EMPTY_VALUE,
                    "field": "nct_id",
                    "message": f"'{label}' has no value{note}",
                    "line": line,
                }
            )

    def registry_id(self, text: str, n: int, label: str) -> bool:
        """File an NCT (or another registry's) id; False when it is no registry id."""
        b = self.b
        if _NCT_RE.fullmatch(text):  # the usual value: set_id classifies it, once
            b.set_id(text, expect="NCT", line=n, label=label)
            return True
        # only these kinds count here; the shape check spares classify_id's long pattern list
        found = classify_id(text) if _REGISTRY_SHAPE_RE.match(text) else None
        if found is not None and found.kind == "NCT":
            b.set_id(text, expect="NCT", line=n, label=label)
            return True
        if found is not None and found.kind in ("EUDRACT", "ISRCTN", "CTIS"):
            b.set_id(text, line=n, label=label)
            b.issue(
                _FOREIGN_ID,
                f"{found.kind} id '{found.id}' given under '{label}'",
                field="nct_id",
                line=n,
            )
            return True
        if found is None and text[:3].upper() == "NCT":
            b.set_id(text, expect="NCT", line=n, label=label)  # malformed_id + secondary
            return True
        return False

    # truncation ---------------------------------------------------------------------------
    def truncation(self, lay: _Layout) -> None:
        reason: str | None = None
        last = lay.sections[-1] if lay.sections else None
        if lay.cut_label is not None:
            reason = f"the page ends in the middle of a label ('{lay.cut_label[1]}')"
            self.b.keep(lay.cut_label[1], lay.cut_label[0])
        elif last is not None and not last[3] and last[2] == lay.last_line:
            reason = f"the page ends at the label '{last[0]}' with no value"
        elif (
            last is not None
            and last[1] == "ethics_reviews.opinion"
            and last[3]
            and last[3][-1][0] == lay.last_line
            and _cut_opinion(
                last[3][0][1] if len(last[3]) == 1 else " ".join([t for _, t in last[3]])
            )
        ):
            reason = "the page ends in the middle of the REC opinion"
        elif "REC opinion" not in self.seen:
            reason = "the page ends before the REC opinion (REC block missing or cut)"
        if reason is not None:
            self.b.issue(_TRUNCATED, reason, line=lay.last_line or None)


# Each LABELS target -> how its section is read.
_READERS: dict[str, Callable[[_Extraction, _Section], None]] = {
    "research_type": _Extraction.read_text,
    "official_title": _Extraction.read_text,
    "iras_id": _Extraction.read_iras,
    "contacts.name": _Extraction.read_contact_name,
    "contacts.email": _Extraction.read_email,
    "sponsor": _Extraction.read_sponsor,
    "eudract_number": _Extraction.read_eudract,
    "isrctn": _Extraction.read_isrctn,
    "nct_id": _Extraction.trial_ids,
    "planned_duration": _Extraction.read_duration,
    "brief_summary": _Extraction.summary,
    "results_summary": _Extraction.summary,
    "ethics_reviews.committee": _Extraction.read_committee,
    "ethics_reviews.reference": _Extraction.read_rec_reference,
    "ethics_reviews.opinion_date": _Extraction.read_rec_date,
    "ethics_reviews.opinion": _Extraction.read_opinion,
    UNPARSED: _Extraction.read_unparsed,
}


def extract(page: Page) -> Trial:
    """Read one HRA research summary page into a Trial (see the module docstring)."""
    return _Extraction(page).run()


# --- planned participant counts ---------------------------------------------------------------
def _planned_counts(found: list[tuple[int, int, str]], text: str, n: int) -> None:
    """Append what ``_COUNT_FIRST_RE`` / ``_VERB_FIRST_RE`` ``finditer`` would find in ``text``.

    A regex scan costs ~7 ns a character here and a summary line has a kilobyte or
    more; ``str.find`` is ~20 times cheaper. So the words every match must contain
    ("will"; a verb stem) are found with ``find``, and each pattern is only tried
    (``match``) where a match using that word can start: for the count first, a
    digit among the six tokens before "will"; for the verb first, where one of the
    lead-in phrases ends before the verb. Candidates are tried in page order and a
    match resumes the search after its end, as ``finditer`` does.
    """
    plain = text.isascii()
    # Tests below are chains of `in`, not any(map(text.__contains__, ...)): a method
    # call per test costs more than the memchr-speed search it makes (2-4x on a line).
    if plain and not (
        "0" in text
        or "1" in text
        or "2" in text
        or "3" in text
        or "4" in text
        or "5" in text
        or "6" in text
        or "7" in text
        or "8" in text
        or "9" in text
    ):
        return  # every match holds a count (\d is 0-9 in ASCII)
    low = text.lower()
    # The words as the patterns see them (re.I): four characters match an ASCII letter
    # although lower() keeps them (İ even grows to two), so text holding one is folded
    # first (rarely: a dict translate costs ~20 ns a character). Other text is its own
    # fold, and then a `find` is also the word check that decides whether a line is
    # looked at; otherwise that check is made on `low` as it always was.
    fold = low
    if plain:
        src, count_first, will_tail, verb_first = (
            low,
            _COUNT_FIRST_LOW_RE,
            _WILL_TAIL_LOW_RE,
            _VERB_FIRST_LOW_RE,
        )
    else:
        src, count_first, will_tail, verb_first = (
            text,
            _COUNT_FIRST_RE,
            _WILL_TAIL_RE,
            _VERB_FIRST_RE,
        )
        if "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text:
            fold = text.translate(_FOLD).lower()  # (_FOLD's characters)
    # Each search below finds its word in `fold`, which is `low` unless folded: the
    # word check on `low` is then the same test, and skips a line without the word.
    if "will" in low:
        # windows of successive "will"s start in page order; one may overlap the one
        # before: its digits up to `tried` have been tried already
        resume = tried = 0
        w = fold.find("will")
        while w >= 0:
            j = w
            while j > 0 and text[j - 1].isspace():
                j -= 1
            # a count-first match has a people word (or "in total") and space before "will"
            # ... and after it what the pattern's tail wants ("will be recruited"):
            # most "will"s of a summary ("will assess") fail one of the two checks
            if j == w or not fold.endswith(_BEFORE_WILL, 0, j) or will_tail.match(src, w) is None:
                w = fold.find("will", w + 1)
                continue
            lo = max(0, w - _BACK_CHARS)
            window = text[lo:w]
            parts = window.rsplit(None, 6)
            # six tokens found inside the window: a match starts no earlier than them
            first = lo + len(parts[0]) if len(parts) == 7 else 0
            for dm in _DIGIT_RE.finditer(src, max(first, tried), w):
                d = tried = dm.start()
                tried += 1
                if d < resume:
                    continue
                m = count_first.match(src, d)
                if m is None:
                    continue
                resume = m.end()
                if d == 0 or text[d - 1] not in "0123456789.,":
                    _planned(found, m, n, text)
            w = fold.find("will", w + 1)
    if "recruit" in low or "enrol" in low or "include" in low or "randomi" in low:  # _VERB_STEMS
        vstarts: list[int] = []
        for stem in _VERB_STEMS:
            v = fold.find(stem)
            while v >= 0:
                j = v
                while j > 0 and text[j - 1].isspace():
                    j -= 1
                # the patterns want whitespace between lead-in and verb; one endswith
                # of them all first, as most verbs follow none
                if j < v and fold.endswith(_LEAD_INS, 0, j):
                    for phrase in _LEAD_INS:
                        if fold.endswith(phrase, 0, j):
                            vstarts.append(j - len(phrase))
                v = fold.find(stem, v + 1)
        resume = 0
        for d in sorted(set(vstarts)) if vstarts else ():
            if d < resume:
                continue
            m = verb_first.match(src, d)
            if m is None:
                continue
            resume = m.end()
            _planned(found, m, n, text)


def _planned(found: list[tuple[int, int, str]], m: re.Match[str], n: int, text: str) -> None:
    """Record match ``m`` (found in ``text`` or in its lower-cased copy) if its count is one."""
    printed = m.group(1).rstrip(",")
    if _COUNT_SHAPE_RE.fullmatch(printed):
        found.append((int(printed.replace(",", "")), n, text[m.start() : m.end()]))


# --- small helpers -----------------------------------------------------------------------------
def _cut_opinion(text: str) -> bool:
    """``"Further Information Fav"``: the start of a known opinion, not a whole one.

    The site always ends an opinion with "Opinion", so "Further Information
    Favourable" (a table spelling, but a prefix of a longer one) counts as cut.
    """
    k = key(text)
    if k not in _OPINION_PREFIXES:
        return False
    return not (k in REC_OPINION and k.endswith("opinion"))


def _opinion_date(text: str) -> PartialDate | None:
    """``"16 Apr 2021"`` -> ``PartialDate(2021, 4, 16)``; as ``parse_partial_date``.

    The site's own form is read with one match (parse_partial_date tries its
    patterns in turn, ~4x the cost); any other text goes to parse_partial_date.
    """
    m = _REC_DATE_RE.fullmatch(text)
    if m is None:
        return parse_partial_date(text)
    try:
        return PartialDate(int(m[3]), _MONTHS[m[2]], int(m[1]))
    except ValueError:  # "31 Feb 2021": what parse_partial_date answers too
        return None


# bounded memo tables of the site's short spellings (dates, durations)
_MEMO_MAX = 4096


def _read_rec_date(text: str) -> PartialDate | None:
    m = _REC_DATE_RE.fullmatch(text)
    if m is None:
        return None
    try:
        return PartialDate(int(m[3]), _MONTHS[m[2]], int(m[1]))
    except ValueError:
        return None


# ``_opinion_date`` for the site's own form ("16 Apr 2021"), None for any other text;
# remembered by spelling (a PartialDate is immutable: one may serve several Trials)
_REC_DATES = _memo.memo("hra REC dates", _MEMO_MAX, _read_rec_date)


def _read_duration(text: str) -> tuple[int, int, int] | None:
    m = _DURATION_RE.fullmatch(text)
    if m is None:
        return None
    years, months, days = map(int, m.groups())
    return years, months, days


_DURATIONS = _memo.memo("hra durations", _MEMO_MAX, _read_duration)


def _duration(text: str) -> dict[str, int] | None:
    """``_parse_duration`` for the site's own form ("2 years, 4 months, 31 days"), None
    for any other text. The numbers are remembered by spelling (bounded); each call
    gives a new dict."""
    got = _DURATIONS[text]
    if got is None:
        return None
    return {"years": got[0], "months": got[1], "days": got[2]}


def _schema_field(handler: str) -> str | None:
    if handler == UNPARSED or not handler:
        return None
    return handler


def _split_tags(text: str) -> tuple[list[str], str]:
    """``"[COVID-19] [UPH] RECOVERY"`` -> ``(["COVID-19", "UPH"], "RECOVERY")``."""
    s = text.strip()
    front: list[str] = []
    back: list[str] = []
    while s.startswith("["):
        end = s.find("]")
        inner = s[1:end] if end > 0 else ""
        if end < 0 or end > 41 or "[" in inner:
            break
        if inner.strip():
            front.append(inner.strip())
        s = s[end + 1 :].lstrip()
    while s.endswith("]"):
        start = s.rfind("[")
        inner = s[start + 1 : -1] if start >= 0 else ""
        if start < 0 or len(s) - start > 42:
            break
        if inner.strip():
            back.insert(0, inner.strip())
        s = s[:start].rstrip()
    return front + back, s


def _looks_like_acronym(title: str) -> bool:
    if not 2 <= len(title) <= 20 or not _ACRONYM_RE.fullmatch(title):
        return False
    # _ACRONYM_RE allows only A-Z, 0-9, "-" and "/"; most acronyms have no digit
    plain = title.replace("-", "").replace("/", "")
    digits = 0 if plain.isalpha() else sum(map(str.isdigit, plain))
    letters = len(plain) - digits
    return letters >= 3 and letters >= 2 * digits


def _parse_duration(text: str) -> dict[str, int] | None:
    """``"2 years, 4 months, 31 days"`` -> ``{"years": 2, "months": 4, "days": 31}``."""
    m = _DURATION_RE.fullmatch(text)
    if m is not None:  # the site's own form: one match instead of three
        years, months, days = map(int, m.groups())
        return {"years": years, "months": months, "days": days}
    out: dict[str, int] = {}
    for part in text.split(","):
        p = part.strip()
        if not p:
            continue
        m = _DURATION_PART_RE.fullmatch(p)
        if m is None:
            return None
        unit = m.group(2).lower().rstrip("s") + "s"
        if unit in out:
            return None
        out[unit] = int(m.group(1))
    return out or None


def _strip_repeated_heading(text: str) -> str | None:
    """The text after a glued ``Research Summary`` heading, or None when there is none."""
    if text[:16].lower() != "research summary":
        return None
    rest = text[16:].lstrip(" :-–\t")
    if not rest or rest[0].isupper() or rest[0].isdigit():
        return rest
    return None


def _describes(text: str) -> str | None:
    """The id type a description such as "French Competent Authority" gives."""
    low = text.lower()
    if "competent authority" in low or "regulat" in low or "mhra" in low or "ansm" in low:
        return "REGULATOR"
    if "ethic" in low or "cpp" in low or "committee" in low or "irb" in low:
        return "ETHICS"
    if "sponsor" in low:
        return "SPONSOR"
    return None


def _id_prefix_type(text: str) -> str | None:
    """The id type its own prefix gives: ``CPMS 45551`` -> ``CPMS``, ``CPP 17/92`` -> ETHICS."""
    words = text.split()
    return _PREFIX_TYPES.get(words[0].upper()) if words else None


_PREFIX_TYPES = {"CPMS": "CPMS", "CPP": "ETHICS", "IRAS": "IRAS", "REC": "REC"}
