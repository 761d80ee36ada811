"""ClinicalTrials.Veeva (ctv.veeva.com) study pages, saved as text.

ClinicalTrials.Veeva mirrors ClinicalTrials.gov with its own wording. Each label
sits on its own line; its value is the following line(s), up to the next label::

    ClinicalTrials.Veeva
    Menu
    Efficacy of Intracavernosal as add-on Therapy to Sildenafil ...
    Assistance Publique - Hôpitaux de Paris logo
    Assistance Publique - Hôpitaux de Paris
    Status and phase
    Active, not enrolling
    Phase 2
    Conditions
    Erectile Dysfunction
    Treatments
    Drug: Placebo administration
    ...
    Identifiers
    NCT05196308
    APHP211042
    2021-005496-39 (EudraCT Number)
    ...
    Enrollment
    98 estimated patients
    Ages
    18 to 70 years old
    ...
    Masking
    Quadruple Blind
    226 participants in 2 patient groups, including a placebo group
    Trial contacts and locations
    Central trial contact
    ...
    Data sourced from clinicaltrials.gov
    Clinical trials
    Research sites
    Resources
    Legal

How the page is read:

- Labels are matched as whole lines (``LABELS``), case and spacing tolerant.
  Values are one per line: status then phases (highest first on the site, stored
  ascending), one condition / treatment (``Drug: X``) / identifier / criterion a
  line. Long texts (About, Full description) keep their paragraphs, joined by
  newlines.
- Lines before the first label are the title, then ``<Sponsor> logo`` and the
  sponsor's name (the logo line alone gives the name, with an ``inferred_value``
  issue).
- ``N participants in N patient groups[, including a placebo group]`` is its own
  line, not a label's value: N participants -> ``enrollment.count`` and N groups ->
  ``design.number_of_arms``. When ``Enrollment`` is empty or absent, the count comes
  from this line with enrollment type null; when both are there and disagree,
  ``Enrollment`` wins and the other is a ``conflicting_value`` issue.
- Enrollment: ``98 estimated patients`` -> 98, ESTIMATED. ``1,736 patients`` (no
  "estimated") -> 1736 with type **null**: the site prints "estimated" for
  estimated counts, but a count without it can be actual or untyped on
  ClinicalTrials.gov, so ACTUAL is not claimed.
- Funder types (``Industry``, ``Other``, ...) list every funder's class, not only
  the lead sponsor's: a single one becomes the sponsor's class (all funders,
  the lead included, share it); several, or no sponsor name, are kept in
  ``unparsed``.
- Identifiers: NCT and registry ids fill their fields; ``X (EudraCT Number)`` is
  the EudraCT number; other unlabelled codes are sponsor codes
  (``secondary_ids`` typed ``SPONSOR``); another ``(...)`` tag gives type ``OTHER``.
- Central trial contact: a name line, then optional phone and e-mail lines; each
  further name line starts another contact (role ``CENTRAL_CONTACT``).
- Sites (``Trial sites`` block, layout taken from constructed pages, see the
  samples' README): a facility line, an address line ``City, State, Country[, zip]``
  (split from the right; ``Korea, Republic of`` stays whole), an optional site
  status (``Enrolling``).

Variants and quirks:

- **Stripped pages** (like the seed): labels stay, short values are gone, even
  the NCT id; long texts, the participant-count line and the contact's name
  survive. Every label without a value is an ``empty_value`` issue; a value is
  never taken from the next label. No title/header: the page starts at
  ``Status and phase``; detection relies on the label sequence and the footer.
- Nested criteria bullets vanish in stripped pages, leaving items that end in
  ``including:``; they are kept as written.
- **Observational pages** use ``Status`` instead of ``Status and phase`` and have
  no phases and no design labels. Blocks can be absent altogether (no issue then).
- ``Loading...`` (left by scripts), the site header and the footer navigation are
  noise (``NOISE``). Lines after the footer that are not navigation are kept.
- A label glued to the end of a long text (``...tumor growth.Full description``)
  is split off with a ``glued_text`` issue. Literal ``\\n`` in long texts become
  newlines.
- A page that stops before the footer with an unterminated last line gets a
  ``truncated`` issue.
- A single-valued label (Sex, Ages, Masking ...) followed by more than one line:
  the first is the value; a short extra line is taken as an unknown label
  (``unknown_label``) and what follows is kept under it.

Speed (detection runs on every page of every format, extraction once per line):

- ``analyse_text`` rejects a page with four ``in`` on short slices (brand or first
  labels near the top, footer credit near the end); on a page of the site, the
  site's own spellings found with ``in`` make it certain. Anything else is read
  line by line (any case and spacing) in the first 4 kB and the last kB.
- A line is ruled out as a label by its first character (``_STARTS``) before any
  lower-casing. A block keeps its values as two lists (line numbers, texts), not a
  tuple per line.
- Handlers write a field's first value straight into the record (``_put``: no
  conflict is possible yet; a second value goes through ``TrialBuilder.set``) and
  issues / unparsed fragments as dicts. Every non-blank line ends up used, kept or
  noise, so the lines are accounted for in one set update at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import StrEnum
from itertools import chain, compress, count
from operator import ne
from typing import Any

from .. import _memo
from .. import _vocab as vocab
from .._builder import TrialBuilder
from .._model import IssueCode, Phase, Trial
from .._text import Page

ID = "ctv-veeva"
TITLE = "ClinicalTrials.Veeva study page"
URL = "https://ctv.veeva.com/"

# Source label -> schema field (dotted path) or handler key (no dot, see _HANDLERS).
LABELS: dict[str, str] = {
    "Status and phase": "status_phase",
    "Status": "status_phase",
    "Conditions": "conditions",
    "Treatments": "interventions",
    "Study type": "study_type",
    "Funder types": "funder_types",
    "Identifiers": "identifiers",
    "Details and patient eligibility": "heading",
    "About": "brief_summary",
    "Full description": "detailed_description",
    "Enrollment": "enrollment",
    "Sex": "eligibility.sex",
    "Ages": "ages",
    "Volunteers": "eligibility.healthy_volunteers",
    "Inclusion criteria": "eligibility.inclusion",
    "Exclusion criteria": "eligibility.exclusion",
    "Trial design": "heading",
    "Primary purpose": "design.primary_purpose",
    "Allocation": "design.allocation",
    "Interventional model": "design.intervention_model",
    "Masking": "design.masking",
    "Trial contacts and locations": "heading",
    "Central trial contact": "contacts",
    "Trial sites": "locations",
    "Trial locations": "locations",
    "Locations": "locations",
}

_FOOTER = "Data sourced from clinicaltrials.gov"
_HEADER = ("ClinicalTrials.Veeva", "Menu")
_FOOTER_NAV = ("Clinical trials", "Research sites", "Resources", "Legal")
_LOADING = "Loading..."
NOISE: tuple[str | re.Pattern[str], ...] = (_LOADING, *_HEADER, _FOOTER, *_FOOTER_NAV)

# "70 participants in 1 patient group", "226 participants in 2 patient groups, including a
# placebo group"
_GROUPS_RE = re.compile(
    r"(?P<n>\d[\d,]*) participants? in (?P<arms>\d[\d,]*) patient groups?(?P<rest>,.*)?",
    re.I,
)
# "98 estimated patients", "1,736 patients", "40 participants"
_ENROLLMENT_RE = re.compile(
    r"(?P<n>\d[\d,]*)\s+(?:(?P<type>[a-z]+)\s+)?(?:patients?|participants?)", re.I
)
# "18+ years old" style is parse_age_range's; this is the upper bound only: "Up to 17 years old"
_AGE_MAX_RE = re.compile(r"(?:up to|under|younger than)\s+(?P<age>\d.*)", re.I)
# "2021-005496-39 (EudraCT Number)": an identifier with the site's tag in brackets
_TAGGED_ID_RE = re.compile(r"(?P<id>[^()]*?)\s*\((?P<tag>[^()]+)\)")
# "82-2-3496-0134", "+33 1 49 95 81 69", "(555) 555-5555"
_PHONE_RE = re.compile(r"\+?\(?\d[\d ().\-/]{5,}\d(?:\s*(?:ext\.?|x)\s*\d{1,6})?", re.I)

_SINGLE_VALUED = frozenset(
    {
        "study_type",
        "enrollment",
        "eligibility.sex",
        "ages",
        "eligibility.healthy_volunteers",
        "design.primary_purpose",
        "design.allocation",
        "design.intervention_model",
        "design.masking",
    }
)
_LONG_TEXT = frozenset(
    {"brief_summary", "detailed_description", "eligibility.inclusion", "eligibility.exclusion"}
)
_ENUM_FIELDS: dict[str, Mapping[str, StrEnum]] = {
    "study_type": vocab.STUDY_TYPE,
    "eligibility.sex": vocab.SEX,
    "design.primary_purpose": vocab.PRIMARY_PURPOSE,
    "design.allocation": vocab.ALLOCATION,
    "design.intervention_model": vocab.INTERVENTION_MODEL,
    "design.masking": vocab.MASKING,
}
# Schema field an empty label leaves unset (for the empty_value issue).
_EMPTY_FIELD: dict[str, str] = {
    "status_phase": "overall_status",
    "interventions": "interventions",
    "funder_types": "sponsor.class",
    "identifiers": "nct_id",
    "ages": "eligibility.minimum_age",
    "contacts": "contacts",
    "locations": "locations",
}
# Country names that carry a comma on ClinicalTrials.gov ("Korea, Republic of").
_COUNTRY_TAILS = ("republic of", "of the", "states of", "state of", "province of china", "u.s.")


def _key(text: str) -> str:
    return " ".join(text.split()).rstrip(":").strip().lower()


_LABEL_KEYS: dict[str, str] = {_key(k): k for k in LABELS}
_LABEL_KINDS: dict[str, str] = {k: LABELS[label] for k, label in _LABEL_KEYS.items()}
# Longest first, so "Exclusion criteria" is found before a shorter label it ends with.
_GLUE_LABELS: tuple[str, ...] = tuple(sorted((k for k in LABELS if len(k) >= 5), key=len)[::-1])
# The last characters of every glue label: a text line ending in none of them has none.
_GLUE_TAIL = 5
_GLUE_ENDS = frozenset(k[-_GLUE_TAIL:] for k in _GLUE_LABELS)
_HEADER_KEYS = frozenset(_key(s) for s in _HEADER)
_NAV_KEYS = frozenset(_key(s) for s in _FOOTER_NAV)
# What a whole line is, by its key: a label, the footer credit, "Loading..." or the header.
_IS_LABEL, _IS_FOOTER, _IS_LOADING, _IS_HEADER = "label", "footer", "loading", "header"
_LINE_KINDS: dict[str, str] = {
    **{k: _IS_HEADER for k in _HEADER_KEYS},
    _key(_LOADING): _IS_LOADING,
    _key(_FOOTER): _IS_FOOTER,
    **{k: _IS_LABEL for k in _LABEL_KEYS},
}
_MAX_KEY = max(map(len, [*_LINE_KINDS, *_NAV_KEYS]))


def _first_words() -> dict[str, tuple[str, ...]]:
    """First character of a line (either case) -> the first words of the keys it may start."""
    out: dict[str, tuple[str, ...]] = {}
    for word in sorted({k.split()[0] for k in [*_LINE_KINDS, *_NAV_KEYS]}):
        for c in {word[0], word[0].upper()}:
            out[c] = (*out.get(c, ()), word)
    return out


_FIRST_WORDS = _first_words()
_PREFIX = max(map(len, [w for ws in _FIRST_WORDS.values() for w in ws]))  # longest first word
# A line's first character -> what it may start: a key (the keys' first words), or the
# participants line (a digit; _DIGIT). Other non-ASCII digits are tested as such.
_DIGIT: tuple[str, ...] = ()
_STARTS: dict[str, tuple[str, ...]] = {**dict.fromkeys("0123456789", _DIGIT), **_FIRST_WORDS}
_TERMINAL = (".", "!", "?", ";", ")", "]", '"', "'", "”", "’")


Values = list[tuple[int, str]]


# --- detection ---------------------------------------------------------------------------
# Labels no other known site prints as whole lines.
_STRONG_LABELS = (
    "Status and phase",
    "Treatments",
    "Funder types",
    "Details and patient eligibility",
    "Trial contacts and locations",
    "Central trial contact",
)
_STRONG = frozenset(_key(s) for s in _STRONG_LABELS)
# Labels other sites print too: they only add a little.
_WEAK = frozenset(_key(k) for k in LABELS) - _STRONG
_BRAND = "clinicaltrials.veeva"
_CREDIT = _key(_FOOTER)
# The detector reads the first 4 kB (page.head) and the last kB: brand, labels and footer
# live there. A page is only looked at closely when its first lines hold the brand or
# the first labels, or its last lines the footer credit: any other page costs four
# ``in`` on short slices.
_NEAR_BRAND, _NEAR_LABEL, _NEAR_FOOTER = 256, 768, 512
_HEAD, _TAIL = 4096, 1024
_SP = r"[^\S\n]"  # a space inside a line: any kind but the newline


def _line_re(alternatives: list[str], *, first: bool) -> re.Pattern[str]:
    """A whole line (lower-case) holding one of ``alternatives``, spacing tolerant.

    The line must begin after a newline (``first``: at the start instead, for
    ``match``); the leading newline is a literal the regex engine skips to quickly.
    """
    start = "" if first else r"\n"
    body = "|".join(alternatives)
    return re.compile(start + _SP + "*+(" + body + ")" + _SP + "*+:?" + _SP + r"*+(?=\n|\Z)")


def _spaced(label: str) -> str:
    return re.escape(_key(label)).replace(r"\ ", _SP + "++")


# One of the strong labels, the brand, the footer credit and its "Research sites" link,
# or the participants line: "status and phase", "central trial  contact", "clinicaltrials.veeva",
# "70 participants in 1 patient group", "226 participants in 2 patient groups, including a
# placebo group".
_MARK_ALTS = [
    *(_spaced(s) for s in (*_STRONG_LABELS, _BRAND, _FOOTER, "Research sites")),
    rf"\d[\d,]*+{_SP}++participants?{_SP}++in{_SP}++\d[\d,]*+{_SP}++patient{_SP}++groups?"
    r"(?:,[^\n]*+)?",
]
_MARK_RE = _line_re(_MARK_ALTS, first=False)
_MARK_FIRST_RE = _line_re(_MARK_ALTS, first=True)
# One of the weak labels: "conditions", "inclusion criteria", "about:"
_WEAK_ALTS = [_spaced(s) for s in sorted(_WEAK, key=len, reverse=True)]
_WEAK_RE = _line_re(_WEAK_ALTS, first=False)
_WEAK_FIRST_RE = _line_re(_WEAK_ALTS, first=True)
# After the footer credit: "Research sites" among the next five non-blank lines.
_BLANKS = r"(?:\n" + _SP + r"*+(?=\n))*+"
_NAV_AFTER_RE = re.compile(
    r"(?:"
    + _BLANKS
    + r"\n"
    + _SP
    + r"*+\S[^\n]*+){0,4}?"
    + _BLANKS
    + r"\n"
    + _SP
    + r"*+"
    + _spaced("Research sites")
    + _SP
    + r"*+:?"
    + _SP
    + r"*+(?=\n|\Z)"
)


def analyse_text(page: Page) -> float:
    """Veeva's brand, its own labels (whole lines) and its footer navigation."""
    head = page.head
    # ``in`` on short slices: cheaper than bounded ``str.find`` (no argument parsing);
    # the cost is the scan, so each window is as short as its marker allows
    if (
        "veeva" not in head[:_NEAR_BRAND]
        and "status and phase" not in (top := head[:_NEAR_LABEL])
        and "\ntreatments" not in top
        # the footer credit in the last lines (inline: a call costs as much as a scan)
        and "sourced from clinicaltrials.gov"
        not in ("\n".join(page.lines[-12:]) if page.is_html else page.text[-_NEAR_FOOTER:])
    ):
        return 0.0
    if not page.is_html and _plain_score(head, page.text) >= 1.0:
        return 1.0
    return min(1.0, _score(_window(page)))


# Lines as the site prints them, found with str.find: the brand at the top, the labels
# of a full page's first blocks (those every page has first: Observational pages print
# "Status"), the contact labels, the participants line and the footer near the end, the
# labels of a stripped page's first blocks.
_PLAIN_BRAND = _BRAND + "\n"
# in the order a full page prints them: the scans stop early
_PLAIN_STRONG_HEAD = tuple(
    f"\n{_key(s)}\n"
    for s in ("Status and phase", "Treatments", "Funder types", "Details and patient eligibility")
)
_PLAIN_STRONG_END = ("\nCentral trial contact\n", "\nTrial contacts and locations\n")
_PLAIN_FOOTER = f"\n{_FOOTER}\n{_FOOTER_NAV[0]}\n{_FOOTER_NAV[1]}\n"
_PLAIN_WEAK_HEAD = tuple(f"\n{_key(s)}\n" for s in ("Conditions", "About", "Study type", "Sex"))
# "70 participants in 1 patient group", as printed, on a line of its own
_PLAIN_GROUPS_RE = re.compile(
    r"\n\d[\d,]* participants? in \d[\d,]* patient groups?(?:,[^\n]*+)?\n"
)
_PLAIN_SPAN = 1024  # a full page's first blocks


def _plain_score(head: str, text: str) -> float:
    """A lower bound of ``_score`` (exact spellings are among the tolerant ones), cheap
    and enough for a whole page of the site; stops as soon as it is certain.

    ``text``: the page's text (or its end); only its last kB is read.
    """
    score = 0.6 if head.startswith(_PLAIN_BRAND) else 0.0
    span = head[:_PLAIN_SPAN]  # ``in`` on a slice: cheaper than bounded ``find`` calls
    for needle in _PLAIN_STRONG_HEAD:
        if needle in span or span.startswith(needle[1:]):
            score += 0.15
            if score >= 1.0:
                return score
    end = text[-_TAIL - 1 :]
    strong = sum(needle in end for needle in _PLAIN_STRONG_END)
    strong += _PLAIN_GROUPS_RE.search(end) is not None
    score += 0.15 * strong + (0.35 if _PLAIN_FOOTER in end else 0.0)
    for needle in _PLAIN_WEAK_HEAD:
        if score >= 1.0:
            break
        if needle in span or span.startswith(needle[1:]):
            score += 0.03
    return score


def _window(page: Page) -> str:
    """The page's whole lines in its first 4 kB and its last kB, lower-cased, in order.

    A line is never cut: the head stops at its last newline and the tail starts at
    one, so every whole line ``_plain_score`` finds in the head or the last kB is here.
    """
    text = "\n".join(page.lines) if page.is_html else page.text
    if len(text) <= _HEAD:
        return text.lower()
    cut = max(0, text.rfind("\n", 0, _HEAD))
    start = text.find("\n", max(cut, len(text) - _TAIL - 1))
    return (text[:cut] + text[start:] if start >= 0 else text[:cut]).lower()


def _score(window: str) -> float:
    """Every whole line of the site's own in ``window``."""
    brand = "ctv.veeva.com" in window
    strong: set[str] = set()
    footer = False
    for m in _whole_lines(_MARK_RE, _MARK_FIRST_RE, window):
        k = " ".join(m.group(1).split())
        if k == _BRAND:
            brand = True
        elif k == _CREDIT:
            footer = footer or _NAV_AFTER_RE.match(window, m.end()) is not None
        elif k[0].isdigit():
            strong.add("patient groups")
        elif k in _STRONG:
            strong.add(k)
    weak = {" ".join(m.group(1).split()) for m in _whole_lines(_WEAK_RE, _WEAK_FIRST_RE, window)}
    return (
        (0.6 if brand else 0.0)
        + min(0.6, 0.15 * len(strong))
        + min(0.15, 0.03 * len(weak))
        + (0.35 if footer else 0.0)
    )


def _whole_lines(
    pattern: re.Pattern[str], first: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """Matches of a line pattern in ``text``, its first line included."""
    m = first.match(text)
    return chain((m,), pattern.finditer(text)) if m else pattern.finditer(text)


# --- extraction --------------------------------------------------------------------------
_EMPTY = str(IssueCode.EMPTY_VALUE)
_UNMAPPED = str(IssueCode.UNMAPPED_VALUE)
_UNKNOWN = str(IssueCode.UNKNOWN_LABEL)
_GLUED = str(IssueCode.GLUED_TEXT)
_TRUNCATED = str(IssueCode.TRUNCATED)


# A label and its value lines: (kind, label as printed, its line, the values' 1-based
# line numbers, the values as printed, stripped). A tuple: a page makes ~30 of them.
_Block = tuple[str, str, int, list[int], list[str]]


def _block(kind: str, label: str, line: int) -> _Block:
    return (kind, label, line, [], [])


def extract(page: Page) -> Trial:
    b = TrialBuilder(ID)
    stripped = list(map(str.strip, page.norm))
    prelude, blocks, footer_at, noise = _split(page, b, stripped)
    if prelude[3]:
        _prelude(b, prelude)
    issues = b.issues
    for kind, label, line, nums, texts in blocks:
        if nums or kind == "groups":  # the participants line is its own value
            if len(nums) > 1 and kind in _SINGLE_VALUED:
                _extra_lines(b, label, line, nums[1:], texts[1:])
                nums, texts = nums[:1], texts[:1]
            _HANDLERS[kind](b, label, line, nums, texts)
        elif kind != "heading":
            field = _EMPTY_FIELD.get(kind, kind)
            issues.append(
                {"code": _EMPTY, "field": field, "message": f"'{label}' has no value", "line": line}
            )
    if footer_at is None:
        last = len(stripped)
        while last and not stripped[last - 1]:
            last -= 1
        if last and not page.lines[last - 1].rstrip().endswith(_TERMINAL):
            issues.append(
                {
                    "code": _TRUNCATED,
                    "field": None,
                    "message": f"the page stops before the site footer ('{_FOOTER}') and its "
                    "last line looks cut off",
                    "line": last,
                }
            )
    # every non-blank line fed a field, was kept or is noise: accounted in one go
    b.accounted.update(compress(count(1), stripped))
    b.noise_lines.update(noise)
    return b.build()


def _split(
    page: Page, b: TrialBuilder, stripped: list[str]
) -> tuple[_Block, list[_Block], int | None, list[int]]:
    """Cut the page into the lines before the first label and one block per label.

    Returns the prelude (a block without label), the blocks, the footer's line and the
    noise lines. This loop runs once per line of every page, so it keeps to a few
    C-level operations per line.
    """
    lines, norm = page.lines, page.norm
    # values come from the real lines; most lines are their own normalised form, and
    # on a page without odd spaces all are (Page then shares one list)
    fix = (
        {}
        if norm is lines
        else {n: lines[n - 1].strip() for n in compress(count(1), map(ne, lines, norm))}
    )
    prelude = _block("", "", 0)
    blocks: list[_Block] = []
    nums, texts = prelude[3], prelude[4]  # where the current line's value goes
    kind = ""  # the current block's kind
    long_text = False  # the current block is a long text (labels may be glued to it)
    footer_at: int | None = None
    noise: list[int] = []
    get = _LINE_KINDS.get
    starts = _STARTS.get
    for i, s in enumerate(stripped, 1):
        if not s:
            continue
        c = s[0]
        firsts = starts(c)
        if firsts is _DIGIT or (firsts is None and c > "\x7f" and c.isdigit()):
            # the participants line starts with its count
            line = " ".join(s.split())
            if _GROUPS_RE.fullmatch(line):
                kind = "groups"
                long_text = False
                blk: _Block = (kind, line, i, [], [])
                blocks.append(blk)
                nums, texts = blk[3], blk[4]
                continue
        elif firsts is not None:
            # a key starts with the line's first word, lower-cased: most lines stop here
            if len(s) <= _MAX_KEY:
                k = s.lower()
                what = get(k)
                if what is None and k.startswith(firsts):
                    k = _key(s)
                    what = get(k)
            elif s[:_PREFIX].lower().startswith(firsts):
                k = _key(s)
                what = get(k)
            else:
                what = None
            if what is not None:
                if what is _IS_LABEL:
                    kind = _LABEL_KINDS[k]
                    long_text = kind in _LONG_TEXT
                    blk = (kind, fix.get(i, s), i, [], [])
                    blocks.append(blk)
                    nums, texts = blk[3], blk[4]
                    continue
                if what is _IS_FOOTER:
                    footer_at = i
                    noise.append(i)
                    break
                if what is _IS_LOADING or not blocks:  # the header only before a label
                    noise.append(i)
                    continue
        text = fix.get(i, s) if fix else s
        # a label run into the end of a long text: "...tumor growth.Full description"
        if long_text and text[-_GLUE_TAIL:] in _GLUE_ENDS:
            glued = _glued_label(text)
            if glued is not None:
                before, label = glued
                nums.append(i)
                texts.append(before)
                b.issues.append(
                    {
                        "code": _GLUED,
                        "field": kind,
                        "message": f"label '{label}' is glued to the end of the text before it",
                        "line": i,
                    }
                )
                kind = LABELS[label]
                long_text = kind in _LONG_TEXT
                blk = (kind, label, i, [], [])
                blocks.append(blk)
                nums, texts = blk[3], blk[4]
                continue
        nums.append(i)
        texts.append(text)
    if footer_at is not None:  # after the footer: its navigation, or kept
        for i in range(footer_at + 1, len(stripped) + 1):
            s = stripped[i - 1]
            if not s:
                continue
            if _key(s) in _NAV_KEYS:
                noise.append(i)
            else:
                b.keep(lines[i - 1].strip(), i)
    return prelude, blocks, footer_at, noise


def _glued_label(text: str) -> tuple[str, str] | None:
    """The label a text ends with, when what comes before it ends a sentence or a word."""
    for label in _GLUE_LABELS:
        if len(text) > len(label) and text.endswith(label):
            prev = text[-len(label) - 1]
            if prev in ".;:)]" or prev.islower() or prev.isdigit():
                return text[: -len(label)].rstrip(), label
    return None


def _extend(b: TrialBuilder, path: str, items: list[Any]) -> None:
    """Append items to a list field (``b.add`` of each)."""
    node, leaf = b.node_of(path)
    found = node.get(leaf)
    if found is None:
        node[leaf] = items
    else:
        found.extend(items)


def _keep(b: TrialBuilder, nums: Iterable[int], texts: Iterable[str], label: str | None) -> None:
    b.unparsed.extend(
        {"label": label, "text": text, "line": n} for n, text in zip(nums, texts, strict=True)
    )


def _unmapped(b: TrialBuilder, path: str, raw: str, n: int, label: str, message: str) -> None:
    b.issues.append({"code": _UNMAPPED, "field": path, "message": message, "line": n})
    b.unparsed.append({"label": label, "text": raw, "line": n})


def _prelude(b: TrialBuilder, block: _Block) -> str | None:
    """Title, then "<Sponsor> logo" and the sponsor's name. Returns the sponsor name."""
    nums, texts = block[3], block[4]
    logo = next(
        (j for j, t in enumerate(texts) if t.lower().endswith(" logo") and len(t) > 5), None
    )
    end = len(texts) if logo is None else logo
    if end:
        b.data["brief_title"] = texts[0]
        _keep(b, nums[1:end], texts[1:end], None)
    if logo is None:
        return None
    n_logo, logo_text = nums[logo], texts[logo]
    from_logo = logo_text[: -len(" logo")].strip()
    if logo + 1 < len(texts):
        name = texts[logo + 1]
        b.data["sponsor"] = {"name": name}
        if _key(name) != _key(from_logo):
            b.unparsed.append({"label": None, "text": logo_text, "line": n_logo})
        _keep(b, nums[logo + 2 :], texts[logo + 2 :], None)
        return name
    b.data["sponsor"] = {"name": from_logo}
    b.issue(
        IssueCode.INFERRED_VALUE,
        "sponsor name taken from its logo's caption (the name line is missing)",
        field="sponsor",
        line=n_logo,
    )
    return from_logo


def _extra_lines(b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]) -> None:
    """Lines after a single value: a short first one is probably an unknown label."""
    first = texts[0]
    if len(first.split()) <= 5 and not first.endswith(_TERMINAL):
        b.issues.append(
            {
                "code": _UNKNOWN,
                "field": None,
                "message": f"unknown label '{first}' (after the value of '{label}')",
                "line": nums[0],
            }
        )
        b.unparsed.append({"label": first, "text": "", "line": nums[0]})
        _keep(b, nums[1:], texts[1:], first)
        return
    _keep(b, nums, texts, label)


# --- handlers ----------------------------------------------------------------------------
# The bound of the memo table of age readings (_AGES, after _age_span: a site prints a
# handful of spellings; the shared reader builds a model per call).
_MEMO_LIMIT = 512


def _enum(
    b: TrialBuilder, path: str, table: Mapping[str, StrEnum], raw: str, n: int, label: str
) -> None:
    value = vocab.lookup(table, raw)
    if value is None:
        _unmapped(b, path, raw, n, label, f"'{raw.strip()}' does not map to a known value")
    else:
        b.put(path, value, n, label, raw)


def _enum_field(path: str) -> Callable[[TrialBuilder, str, int, list[int], list[str]], None]:
    table = _ENUM_FIELDS[path]

    def handle(b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]) -> None:
        _enum(b, path, table, texts[0], nums[0], label)

    return handle


def _heading(b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]) -> None:
    """A section heading: lines under it before the next label are kept."""
    _keep(b, nums, texts, label)


def _status_phase(
    b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]
) -> None:
    """Status word first, then phases one per line."""
    n, first = nums[0], texts[0]
    skip = 1
    if vocab.lookup(vocab.STATUS, first) is None and vocab.parse_phases(first) is not None:
        b.issues.append(
            {
                "code": _EMPTY,
                "field": "overall_status",
                "message": f"'{label}' has phases but no status",
                "line": n,
            }
        )
        skip = 0
    else:
        _enum(b, "overall_status", vocab.STATUS, first, n, label)
    if len(nums) <= skip:
        return
    if b.data.get("phases") is not None:  # a second block: merge as map_phases does
        for m, text in zip(nums[skip:], texts[skip:], strict=True):
            b.map_phases(text, line=m, label=label)
        return
    found: list[Phase] = []
    for m, text in zip(nums[skip:], texts[skip:], strict=True):
        read = vocab.parse_phases(text)
        if read is None:
            _unmapped(
                b, "phases", text, m, label, f"'{text.strip()}' does not map to a known value"
            )
            continue
        found.extend(p for p in read if p not in found)
    if found:
        b.data["phases"] = found


def _conditions(b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]) -> None:
    _extend(b, "conditions", texts)


def _interventions(
    b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]
) -> None:
    """ "Drug: Anlotinib" -> DRUG, "Anlotinib"."""
    items: list[dict[str, Any]] = []
    for n, text in zip(nums, texts, strict=True):
        kind, colon, name = text.partition(":")
        name = name.strip()
        itype = vocab.lookup(vocab.INTERVENTION_TYPE, kind) if colon and name else None
        if itype is not None:
            items.append({"type": itype, "name": name})
            continue
        items.append({"type": None, "name": text})
        if colon and name:
            b.issues.append(
                {
                    "code": _UNMAPPED,
                    "field": "interventions.type",
                    "message": f"'{kind.strip()}' does not map to a known intervention type",
                    "line": n,
                }
            )
    _extend(b, "interventions", items)


def _identifiers(b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]) -> None:
    for n, text in zip(nums, texts, strict=True):
        m = _TAGGED_ID_RE.fullmatch(text) if text.endswith(")") else None
        if m and m.group("id"):
            ident, tag = m.group("id"), _key(m.group("tag"))
            if "eudract" in tag:
                b.set_id(ident, expect="EUDRACT", line=n, label=label)
            else:
                b.set_id(ident, line=n, label=label, secondary_type="OTHER")
            continue
        b.set_id(text, line=n, label=label, secondary_type="SPONSOR")


def _long_text(path: str) -> Callable[[TrialBuilder, str, int, list[int], list[str]], None]:
    def handle(b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]) -> None:
        text = "\n".join(texts)  # the values are stripped lines
        if "\\n" in text:  # literal "\n" in a dump: paragraphs, stripped in turn
            text = text.replace("\\n", "\n")
            text = "\n".join([part.strip() for part in text.split("\n")]).strip("\n")
        if text:
            b.put(path, text, nums[0], label)

    return handle


def _list_items(path: str) -> Callable[[TrialBuilder, str, int, list[int], list[str]], None]:
    def handle(b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]) -> None:
        _extend(b, path, texts)

    return handle


def _count(raw: str) -> int | None:
    digits = raw.replace(",", "")
    return int(digits) if digits.isdigit() and len(digits) <= 9 else None


def _enrollment(b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]) -> None:
    n, text = nums[0], texts[0]
    m = _ENROLLMENT_RE.fullmatch(" ".join(text.split()))
    count = _count(m.group("n")) if m else None
    etype = vocab.lookup(vocab.ENROLLMENT_TYPE, m.group("type")) if m and m.group("type") else None
    if m is None or count is None or (m.group("type") and etype is None):
        _unmapped(b, "enrollment", text, n, label, f"'{text}' is not an enrollment count")
        return
    b.put("enrollment.count", count, n, label)
    if etype is not None:
        b.put("enrollment.type", etype, n, label)


def _ages(b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]) -> None:
    """ "18+ years old", "18 to 70 years old", "Up to 17 years old"."""
    n, text = nums[0], texts[0]
    span = _AGES[text]
    if span is None:
        _unmapped(
            b, "eligibility.minimum_age", text, n, label, f"'{text}' does not map to an age range"
        )
        return
    lo, hi = span
    if lo is not None:
        b.put("eligibility.minimum_age", dict(lo), n, label)
    if hi is not None:
        b.put("eligibility.maximum_age", dict(hi), n, label)


def _age_span(text: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None] | None:
    """The ages' bounds as JSON (memoised in _AGES: the shared readers build models)."""
    span = vocab.parse_age_range(text)
    if span is None:
        m = _AGE_MAX_RE.fullmatch(" ".join(text.split()))
        hi = vocab.parse_age(m.group("age")) if m else None
        span = (None, hi) if hi is not None else None
    found: tuple[dict[str, Any] | None, dict[str, Any] | None] | None = None
    if span is not None:
        lo, hi = span
        found = (
            None if lo is None else lo.model_dump(mode="json"),
            None if hi is None else hi.model_dump(mode="json"),
        )
    return found


_AGES = _memo.memo("ctv-veeva ages", _MEMO_LIMIT, _age_span)


def _volunteers(b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]) -> None:
    n, text = nums[0], texts[0]
    value = vocab.parse_yes_no(text)
    if value is None:
        _unmapped(
            b,
            "eligibility.healthy_volunteers",
            text,
            n,
            label,
            f"'{text.strip()}' does not map to a known value",
        )
        return
    b.put("eligibility.healthy_volunteers", value, n, label)


def _funder_types(
    b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]
) -> None:
    """One funder class: the sponsor's (the prelude gave a sponsor name); else kept."""
    classes = [vocab.lookup(vocab.AGENCY_CLASS, text) for text in texts]
    for n, text, cls in zip(nums, texts, classes, strict=True):
        if cls is None:
            b.issues.append(
                {
                    "code": _UNMAPPED,
                    "field": "sponsor.class",
                    "message": f"'{text}' does not map to a known funder type",
                    "line": n,
                }
            )
    if len(nums) == 1 and classes[0] is not None and "sponsor" in b.data:
        b.put("sponsor.class", classes[0], nums[0], label)
        return
    _keep(b, nums, texts, label)


def _contacts(b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]) -> None:
    """A name line, then optional phone / e-mail lines; the next name is the next contact."""
    role = vocab.lookup(vocab.ROLE, label)
    contacts: list[dict[str, Any]] = []
    for text in texts:
        if _is_email(text):
            slot = "email"
        elif _PHONE_RE.fullmatch(text):
            slot = "phone"
        else:
            contacts.append({"name": text, "role": role})
            continue
        if not contacts or contacts[-1].get(slot) is not None:
            contacts.append({"role": role})
        contacts[-1][slot] = text
    _extend(b, "contacts", contacts)


def _is_email(text: str) -> bool:
    local, at, domain = text.partition("@")
    return bool(at and local and "." in domain.strip(".") and " " not in text and "@" not in domain)


def _locations(b: TrialBuilder, label: str, line: int, nums: list[int], texts: list[str]) -> None:
    """Facility line, address line (with commas), optional site status; site after site."""
    sites: list[dict[str, Any]] = []
    countries: list[str] = []
    for text in texts:
        cur = sites[-1] if sites else None
        status = vocab.lookup(vocab.SITE_STATUS, text)
        if cur is not None and status is not None and cur.get("status") is None:
            cur["status"] = status
        elif cur is not None and "country" not in cur and "," in text:
            cur.update(_address(text))
            country = cur.get("country")
            if country:
                countries.append(country)
        else:
            sites.append({"facility": text})
    if countries:
        _extend(b, "countries", countries)
    _extend(b, "locations", sites)


def _address(text: str) -> dict[str, str]:
    """ "Paris, Ile-de-France, France, 75010" -> city, state, country, zip (from the right)."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    out: dict[str, str] = {}
    if len(parts) > 1 and any(c.isdigit() for c in parts[-1]):
        out["zip"] = parts.pop()
    if len(parts) > 1 and parts[-1].lower().endswith(_COUNTRY_TAILS):
        parts[-2:] = [f"{parts[-2]}, {parts[-1]}"]
    if parts:
        out["country"] = parts.pop()
    if parts:
        out["city"] = parts[0]
    if len(parts) > 1:
        out["state"] = ", ".join(parts[1:])
    return out


def _groups(b: TrialBuilder, label: str, n: int, nums: list[int], texts: list[str]) -> None:
    """ "70 participants in 1 patient group" -> enrollment count 70, one arm."""
    m = _GROUPS_RE.fullmatch(label)
    if m is None:  # pragma: no cover - the line was taken as a groups line for matching
        return
    count, arms = _count(m.group("n")), _count(m.group("arms"))
    if count is not None:
        b.put("enrollment.count", count, n, "participants")
    if arms is not None:
        b.put("design.number_of_arms", arms, n, "patient groups")
    rest = (m.group("rest") or "").strip(" ,")
    if rest and "placebo" not in rest.lower():
        b.unparsed.append({"label": "patient groups", "text": rest, "line": n})
    _keep(b, nums, texts, "patient groups")


_HANDLERS: dict[str, Callable[[TrialBuilder, str, int, list[int], list[str]], None]] = {
    "status_phase": _status_phase,
    "conditions": _conditions,
    "interventions": _interventions,
    "identifiers": _identifiers,
    "brief_summary": _long_text("brief_summary"),
    "detailed_description": _long_text("detailed_description"),
    "enrollment": _enrollment,
    "ages": _ages,
    "eligibility.healthy_volunteers": _volunteers,
    "eligibility.inclusion": _list_items("eligibility.inclusion"),
    "eligibility.exclusion": _list_items("eligibility.exclusion"),
    "contacts": _contacts,
    "locations": _locations,
    "funder_types": _funder_types,
    "heading": _heading,
    "groups": _groups,
    **{path: _enum_field(path) for path in _ENUM_FIELDS},
}
