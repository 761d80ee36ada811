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

Not done: the page states no status, phase, dates (other than the REC date),
ages or sites, so those fields stay empty; ``Research type`` does not set
``study_type`` (a "Research Study" may be either kind).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .._builder import TrialBuilder
from .._dates import parse_partial_date
from .._ids import classify_id
from .._model import IssueCode, Trial
from .._text import Page, norm_spaces
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
_LABEL_EXACT: dict[str, str] = {label: label for label in LABELS}  # the usual case, no _key()
_MAX_LABEL_LEN = max(len(label) for label in LABELS) + 8
# "rec na" (a label cut by the end of the page) -> True
_LABEL_PREFIXES: frozenset[str] = frozenset(k[:i] for k in _LABEL_BY_KEY for i in range(1, len(k)))
# longest first: "Date of REC Opinion" before "REC opinion" would matter if they shared a tail
_GLUE_LABELS: tuple[str, ...] = tuple(sorted(LABELS, key=len, reverse=True))
_REC_FIELDS = {
    "ethics_reviews.committee": "committee",
    "ethics_reviews.reference": "reference",
    "ethics_reviews.opinion_date": "opinion_date",
    "ethics_reviews.opinion": "opinion_raw",
}
_TEXT_FIELDS = frozenset(
    {"research_type", "official_title", "contacts.name", "sponsor", "ethics_reviews.committee"}
)
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
_DIGIT_RE = re.compile(r"\d")
# the start of an NCT, ISRCTN, EudraCT or CTIS id: "NCT0", "isrctn 1", "2016-0"
_REGISTRY_SHAPE_RE = re.compile(r"(?:NCT|ISRCTN|(?:19|20)\d\d-\d)", re.I)
# a REC reference: "21/NW/0063", older "10/H0711/56"
_REC_REF_RE = re.compile(r"\d{2}/[A-Z]{1,3}\d{0,4}/\d{1,4}")
# a heading that is an acronym: "RT-IMMUNE", "REMAP-CAP", "STAMPEDE2"
_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9]*(?:[-/][A-Z0-9]+)*")
_PEOPLE = (
    r"(?:patients|participants|people|persons|subjects|volunteers|individuals"
    r"|women|men|children|adults|babies|infants|families|mothers|carers)"
)
# a count as printed: "69", "1,200" (its shape is checked by _COUNT_SHAPE_RE)
_COUNT = r"(\d[\d,]{0,8})"
_COUNT_SHAPE_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,7}")  # 1,200 or 1200
_ABOUT = r"(?:(?:about|approximately|approx\.?|around|roughly|up to|a total of)\s+)?"
# the count first: "69 patients will participate", "200 healthy volunteers will be recruited"
_COUNT_FIRST_RE = re.compile(
    rf"{_COUNT}\s+(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\s+(?:in total\s+)?will\s+"
    r"(?:be\s+)?(?:participate|take part|recruited|enrolled|enroled|invited|randomi[sz]ed"
    r"|included|join)\b",
    re.I,
)
# the verb first: "we will recruit 120 participants", "It is planned to enrol 24 patients"
_VERB_FIRST_RE = re.compile(
    r"\b(?:will|aims? to|plans? to|planned to|intends? to|expects? to|hope to)\s+"
    rf"(?:recruit|enrol|enroll|include|randomi[sz]e)\s+{_ABOUT}{_COUNT}\s+"
    rf"(?:[\w-]+\s+){{0,2}}?{_PEOPLE}\b",
    re.I,
)
_VERB_STEMS = ("recruit", "enrol", "include", "randomi")
_MAX_ENROLMENT = 10_000_000


def analyse_text(page: Page) -> float:
    """Score distinctive HRA label lines in the first 4 kB ("IRAS ID", "REC reference"...)."""
    seen: set[str] = set()
    for line in page.head.split("\n"):
        if len(line) > _MAX_LABEL_LEN or not line.strip():
            continue
        k = _key(line)
        if k in _DETECT_WEIGHTS:
            seen.add(k)
    total = sum(_DETECT_WEIGHTS[k] for k in seen)
    return min(1.0 if seen & _DETECT_STRONG else 0.1, total)


# --- sections ------------------------------------------------------------------------------
@dataclass(slots=True)
class _Section:
    label: str  # as in LABELS, or as printed for an unknown bullet label
    target: str | None  # LABELS value; None for an unknown label
    line: int
    values: list[tuple[int, str]] = field(default_factory=list)  # (line, text) non-blank


@dataclass(slots=True)
class _Layout:
    heading: tuple[int, str] | None = None
    before: list[tuple[int, str]] = field(default_factory=list)  # lines before the 1st label
    sections: list[_Section] = field(default_factory=list)
    cut_label: tuple[int, str] | None = None  # last line: a label cut short
    last_line: int = 0


def _is_noise(stripped: str) -> bool:
    if len(stripped) <= _NOISE_MAX and stripped.lower() in _NOISE_STRINGS:
        return True
    return _NOISE_RE is not None and _NOISE_RE.match(stripped) is not None


def _glued_label(text: str) -> tuple[str, str] | None:
    """``("...assess safety.", "REC name")`` for a text line ending in a glued label."""
    t = text.rstrip()
    if not t.endswith(_GLUE_LABELS):  # one C call: most lines end in no label
        return None
    for label in _GLUE_LABELS:
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
    out = _Layout()
    last = len(norm)
    while last > 0 and not norm[last - 1].strip():
        last -= 1
    out.last_line = last
    used = b.accounted  # lines are marked as they are placed: every one lands somewhere
    cur: _Section | None = None
    bulleted = False
    for n in range(1, last + 1):
        nl = norm[n - 1]
        stripped = nl.strip()
        if not stripped:
            continue
        label = _LABEL_EXACT.get(stripped)
        k = ""
        if label is None:
            if _is_noise(stripped):
                b.noise(n)
                continue
            if len(stripped) <= _MAX_LABEL_LEN:
                k = _key(stripped)
                label = _LABEL_BY_KEY.get(k)
        bullet = stripped[0] == "•" and len(nl) - len(nl.lstrip()) <= 3
        if label is not None:
            used.add(n)
            target = LABELS[label]
            if cur is None:
                bulleted = bullet
            elif target == "brief_summary" and cur.target == target and not cur.values:
                continue  # the summary's own repeated "Research Summary" heading
            cur = _Section(label, target, n)
            out.sections.append(cur)
            continue
        if n == last and k in _LABEL_PREFIXES and (cur is not None or out.heading is not None):
            out.cut_label = (n, lines[n - 1].strip())
            continue
        if bullet and bulleted:
            used.add(n)
            name = lines[n - 1].strip()[1:].strip()
            if not name:
                continue  # a bullet with nothing after it: no content to keep
            b.issue(
                IssueCode.UNKNOWN_LABEL,
                f"unknown label '{name}'; its value is kept in unparsed",
                line=n,
            )
            cur = _Section(name, None, n)
            out.sections.append(cur)
            continue
        text = lines[n - 1].strip()
        used.add(n)
        if cur is None:
            if out.heading is None:
                out.heading = (n, text)
            else:
                out.before.append((n, text))
            continue
        glued = _glued_label(text)
        if glued is not None:
            head, label = glued
            b.issue(
                IssueCode.GLUED_TEXT,
                f"label '{label}' was glued to the text before it; split there",
                field=_schema_field(cur.target or ""),
                line=n,
            )
            if head.strip():
                cur.values.append((n, head.strip()))
            cur = _Section(label, LABELS[label], n)
            out.sections.append(cur)
            continue
        cur.values.append((n, text))
    return out


# --- the extraction ---------------------------------------------------------------------------
class _Extraction:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.b = TrialBuilder(ID)
        self.contacts: list[dict[str, str]] = []
        self.reviews: list[dict[str, object]] = []
        self.seen: dict[str, int] = {}

    def run(self) -> Trial:
        b = self.b
        lay = _layout(self.page, b)
        if lay.heading is not None:
            self.heading(*lay.heading)
        for n, text in lay.before:
            b.keep(text, n)
        for sec in lay.sections:
            self.section(sec)
        for contact in self.contacts:
            b.add("contacts", {"role": "CONTACT", **contact})
        for review in self.reviews:
            b.add("ethics_reviews", review)
        self.truncation(lay)
        # page order: layout issues (glued labels) were recorded before the sections'
        b.issues.sort(key=lambda issue: issue["line"] or 0)
        return b.build()

    # heading ------------------------------------------------------------------------------
    def heading(self, n: int, text: str) -> None:
        tags, title = _split_tags(text)
        for tag in tags:
            self.b.add("keywords", tag, line=n)
        self.b.use(n)
        if title:
            self.b.set("brief_title", title, line=n)
            if _looks_like_acronym(title):
                self.b.set("acronym", title, line=n)

    # sections -----------------------------------------------------------------------------
    def section(self, sec: _Section) -> None:
        b = self.b  # _layout() has marked the section's lines as used
        if sec.target is None:
            for n, text in sec.values:
                b.keep(text, n, sec.label)
            return
        count = self.seen.get(sec.label, 0) + 1
        self.seen[sec.label] = count
        if count > 1 and not sec.target.startswith(("ethics_reviews.", "contacts.")):
            note = (
                " (the site reuses it for additional reference numbers)"
                if sec.target == "nct_id"
                else ""
            )
            b.issue(
                IssueCode.DUPLICATE_LABEL,
                f"'{sec.label}' appears {count} times{note}",
                field=_schema_field(sec.target),
                line=sec.line,
            )
        if sec.target == "nct_id":
            self.trial_ids(sec)
            return
        if not sec.values:
            b.empty(sec.label, line=sec.line, field=_schema_field(sec.target))
            return
        if sec.target == UNPARSED:
            for n, text in sec.values:
                b.keep(text, n, sec.label)
            return
        if sec.target in ("brief_summary", "results_summary"):
            self.summary(sec)
            return
        if sec.target in _TEXT_FIELDS or sec.target == "ethics_reviews.opinion":
            n = sec.values[0][0]
            value = " ".join(text for _, text in sec.values)
            self.text_value(sec, n, value)
            return
        # one-line values: what follows the first line is kept as it is
        n, value = sec.values[0]
        for extra_n, extra in sec.values[1:]:
            b.keep(extra, extra_n, sec.label)
        self.atomic_value(sec, n, value)

    def text_value(self, sec: _Section, n: int, value: str) -> None:
        b = self.b
        f = sec.target
        if f == "sponsor":
            self.put("sponsor", {"name": value}, sec)
        elif f == "contacts.name":
            self.contact("name", value)
        elif f == "ethics_reviews.committee":
            self.review("committee", value)
        elif f == "ethics_reviews.opinion":
            self.review("opinion_raw", value)
            opinion = lookup(REC_OPINION, value)
            if opinion is not None:
                self.reviews[-1]["opinion"] = opinion.value
            else:
                b.issue(
                    IssueCode.UNMAPPED_VALUE,
                    f"'{value}' does not map to a known REC opinion; kept in opinion_raw",
                    field="ethics_reviews.opinion",
                    line=n,
                )
        elif f is not None:
            self.put(f, value, sec)

    def atomic_value(self, sec: _Section, n: int, value: str) -> None:
        b = self.b
        f = sec.target
        plain = norm_spaces(value).strip()
        if plain.lower() in _PLACEHOLDERS:
            b.empty(sec.label, line=sec.line, field=_schema_field(f or ""))
            return
        if f == "iras_id":
            b.set_id(plain, expect="IRAS", line=n, label=sec.label, secondary_type="IRAS")
        elif f == "eudract_number":
            b.set_id(plain, expect="EUDRACT", line=n, label=sec.label, secondary_type="EUDRACT")
        elif f == "isrctn":
            if plain.isdigit() and len(plain) == 8:
                plain = "ISRCTN" + plain
            b.set_id(plain, expect="ISRCTN", line=n, label=sec.label, secondary_type="ISRCTN")
        elif f == "contacts.email":
            if "@" in plain and " " not in plain:
                self.contact("email", plain)
            else:
                b.issue(
                    IssueCode.INVALID_VALUE,
                    f"'{plain}' is not an e-mail address",
                    field="contacts.email",
                    line=n,
                )
                b.keep(value, n, sec.label)
        elif f == "planned_duration":
            duration = _parse_duration(plain)
            if duration is None:
                b.issue(
                    IssueCode.INVALID_VALUE,
                    f"'{plain}' is not a duration",
                    field="planned_duration",
                    line=n,
                )
                b.keep(value, n, sec.label)
            else:
                self.put("planned_duration", duration, sec)
        elif f == "ethics_reviews.reference":
            self.review("reference", plain)
            b.add_secondary(plain, "REC", line=n)
            if not _REC_REF_RE.fullmatch(plain):
                b.issue(
                    IssueCode.MALFORMED_ID,
                    f"'{plain}' does not look like a REC reference (e.g. 21/NW/0063)",
                    field="ethics_reviews.reference",
                    line=n,
                )
        elif f == "ethics_reviews.opinion_date":
            date = parse_partial_date(plain)
            if date is None:
                b.issue(
                    IssueCode.INVALID_DATE,
                    f"'{plain}' is not a date",
                    field="ethics_reviews.opinion_date",
                    line=n,
                )
                b.keep(value, n, sec.label)
            else:
                self.review("opinion_date", date)

    def put(self, path: str, value: object, sec: _Section) -> bool:
        """Set a field once; a second, different value keeps its page lines in unparsed.

        (The builder's own conflict path would keep the converted value, which
        for joined lines or a duration is not text of the page.)
        """
        old = self.b.get(path)
        if old is None or old == value:
            return self.b.set(path, value, line=sec.values[0][0] if sec.values else sec.line)
        self.b.issue(
            IssueCode.CONFLICTING_VALUE,
            f"'{sec.label}' given again with a different value; the first is kept",
            field=path,
            line=sec.line,
        )
        for n, text in sec.values:
            self.b.keep(text, n, sec.label)
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
        b = self.b
        parts: list[str] = []
        for i, (n, text) in enumerate(sec.values):
            if i == 0 and sec.target == "brief_summary":
                rest = _strip_repeated_heading(text)
                if rest is not None:
                    b.issue(
                        IssueCode.GLUED_TEXT,
                        "a repeated 'Research Summary' heading was glued to the text; removed",
                        field=sec.target,
                        line=n,
                    )
                    text = rest
            if text:
                parts.append(text)
        value = "\n".join(parts).replace("\\r\\n", "\n").replace("\\n", "\n").strip()
        target = sec.target or "brief_summary"
        if self.put(target, value, sec) and target == "brief_summary":
            self.enrollment(sec)

    def enrollment(self, sec: _Section) -> None:
        found: list[tuple[int, int, str]] = []
        for n, text in sec.values:
            low = text.lower()
            # cheap word checks first: the patterns are costly to try at every position
            if "will" in low:
                for m in _COUNT_FIRST_RE.finditer(text):
                    if m.start() == 0 or text[m.start() - 1] not in "0123456789.,":
                        self._planned(found, m, n)
            if any(stem in low for stem in _VERB_STEMS):
                for m in _VERB_FIRST_RE.finditer(text):
                    self._planned(found, m, n)
        counts = {c for c, _, _ in found}
        if len(counts) != 1:
            return
        count, n, said = found[0]
        if not 0 < count <= _MAX_ENROLMENT:
            return
        if self.b.set("enrollment", {"count": count, "type": "ESTIMATED"}, line=n):
            self.b.issue(
                IssueCode.INFERRED_VALUE,
                f"enrollment {count} (ESTIMATED) read from the summary: '{said}'",
                field="enrollment",
                line=n,
            )

    @staticmethod
    def _planned(found: list[tuple[int, int, str]], m: re.Match[str], n: int) -> None:
        printed = m.group(1).rstrip(",")
        if _COUNT_SHAPE_RE.fullmatch(printed):
            found.append((int(printed.replace(",", "")), n, m.group(0)))

    # Clinicaltrials.gov Identifier ---------------------------------------------------------
    def trial_ids(self, sec: _Section) -> None:
        b = self.b
        anything = False
        for n, text in sec.values:
            for entry in text.split(";"):
                ids: list[str] = []
                kind: str | None = None
                described: list[str] = []
                filed = False
                for part in entry.split(","):
                    p = part.strip()
                    if not p or norm_spaces(p).strip().lower() in _PLACEHOLDERS:
                        continue
                    anything = True
                    if _DIGIT_RE.search(p) is not None and len(p.split()) <= 3:
                        if self.registry_id(p, n, sec.label):
                            filed = True
                        else:
                            ids.append(p)
                    else:
                        b.keep(p, n, sec.label)
                        described.append(p)
                        kind = kind or _describes(p)
                if described and not ids and not filed:
                    b.issue(
                        IssueCode.INVALID_VALUE,
                        f"'{described[0]}' under '{sec.label}' is no identifier; kept in unparsed",
                        field="nct_id",
                        line=n,
                    )
                for id_ in ids:
                    type_ = kind or _id_prefix_type(id_)
                    b.add_secondary(id_, type_, line=n)
                    b.issue(
                        IssueCode.FOREIGN_ID,
                        f"'{id_}' under '{sec.label}' is not an NCT id; kept as a secondary id",
                        field="nct_id",
                        line=n,
                    )
        if not anything:
            shown = " ".join(text for _, text in sec.values)
            note = f" (only placeholders: '{shown}')" if shown else ""
            b.issue(
                IssueCode.EMPTY_VALUE,
                f"'{sec.label}' has no value{note}",
                field="nct_id",
                line=sec.line,
            )

    def registry_id(self, text: str, n: int, label: str) -> bool:
        """File an NCT (or another registry's) id; False when it is no registry id."""
        b = self.b
        # only these kinds count here; the shape check spares classify_id's long pattern list
        found = classify_id(text) if _REGISTRY_SHAPE_RE.match(text) else None
        if found is not None and found.kind == "NCT":
            b.set_id(text, expect="NCT", line=n, label=label)
            return True
        if found is not None and found.kind in ("EUDRACT", "ISRCTN", "CTIS"):
            b.set_id(text, line=n, label=label)
            b.issue(
                IssueCode.FOREIGN_ID,
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
        elif last is not None and not last.values and last.line == lay.last_line:
            reason = f"the page ends at the label '{last.label}' with no value"
        elif (
            last is not None
            and last.target == "ethics_reviews.opinion"
            and last.values
            and last.values[-1][0] == lay.last_line
            and _cut_opinion(" ".join(t for _, t in last.values))
        ):
            reason = "the page ends in the middle of the REC opinion"
        elif "REC opinion" not in self.seen:
            reason = "the page ends before the REC opinion (REC block missing or cut)"
        if reason is not None:
            self.b.issue(IssueCode.TRUNCATED, reason, line=lay.last_line or None)


def extract(page: Page) -> Trial:
    """Read one HRA research summary page into a Trial (see the module docstring)."""
    return _Extraction(page).run()


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
    letters = sum(c.isalpha() for c in title)
    digits = sum(c.isdigit() for c in title)
    return letters >= 3 and letters >= 2 * digits


def _parse_duration(text: str) -> dict[str, int] | None:
    """``"2 years, 4 months, 31 days"`` -> ``{"years": 2, "months": 4, "days": 31}``."""
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
    head = text.split()[0].upper() if text.split() else ""
    return {"CPMS": "CPMS", "CPP": "ETHICS", "IRAS": "IRAS", "REC": "REC"}.get(head)
