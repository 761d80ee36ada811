"""Pages that print ClinicalTrials.gov API v2 fields as ``Label: value`` lines.

Sites "for patients around the globe" render a study straight from the API v2
record: one ``Label: value`` line per field, values in the API's own enum
spelling (the seed)::

    The following info and data is provided "as is" to help patients around the globe.
    We do not endorse or review these studies in any way.
    Brief Title: Pulmonary Resectable Osteosarcoma Treated by Metastasectomy ...
    Official Title: A Prospective Phase II Clinical Trial on Pre-operative ...
    Study ID: NCT06114225
    Brief Summary: The aim of this study is to evaluate ...
    Detailed Description: Osteosarcoma is a primary bone malignant tumor ...
    Minimum Age: 10 Years
    Eligible Ages: CHILD, ADULT, OLDER_ADULT
    Sex: ALL
    Healthy Volunteers: No
    Ruijin Hospital, Shanghai Jiao Tong University, School of Medicine, Shanghai, Shanghai, China
    Name: Weibin Zhang, PhD, MD
    Affiliation: Ruijin Hospital
    Role: PRINCIPAL_INVESTIGATOR

and the markdown form of the same idea, with more fields::

    # Irrisept vs Traditional Antibiotic Irrigation for ...
    - **Study ID:** [NCT06489431](https://clinicaltrials.gov/study/NCT06489431)
    - **Overall Status:** RECRUITING
    - **Phase:** PHASE3
    - **Enrollment:** 100 (ESTIMATED)
    - **Conditions:**
      - Erectile Dysfunction
    ## Locations
    - Rush University Medical Center, Chicago, Illinois, United States

Variants and quirks handled:

- plain ``Label: value`` lines (the seed's site prints the two disclaimer lines,
  which are noise) and ``- **Label:** value`` / ``**Label**: value`` markdown
  bullets, with ``#`` headings (section names are noise; a heading naming a
  block label such as ``## Locations`` or ``## Detailed Description`` opens it;
  a heading repeating the title is the title) and markdown links as values;
- the wider label set: ``Overall Status``, ``Phase``, ``Study Type``, dates
  (``2023-11-01`` or ``2023-11``, precision kept, a trailing ``(ACTUAL)`` /
  ``(ESTIMATED)`` dropped), ``Enrollment`` (``40``, ``40 (ESTIMATED)``),
  ``Conditions`` / ``Keywords`` (comma-separated, or bullet lines under an
  empty label), design fields, ``Lead Sponsor``, ``Eligibility Criteria``;
- multi-line values: ``Brief Summary``, ``Detailed Description`` and
  ``Eligibility Criteria`` run on until the next *known* label printed exactly
  as the API label (a markdown ``**Label:**`` on markdown pages). API texts are
  full of ``Objective:``, ``Follow Up:``, ``Eligibility criteria: see below``,
  ``Phase : Phase III`` and ``Keywords: a - b.`` lines (about one record in
  three of the shared corpus), so inside a text: unknown labels are text, a
  known label must match the API spelling and case with no space before the
  colon, and a one-word label that is also a prose word (``Phase``,
  ``Keywords``, ``Sex``...) needs a value that fits its field. Elsewhere an
  unknown Title Case label of at most five words is kept in ``unparsed`` with
  an ``unknown_label`` issue;
- locations: unlabelled lines after an eligibility label and before the first
  ``Name:`` (or under a ``Locations`` label / heading) holding at least two
  commas, or one comma before a country-like name (``Moscow, Russian
  Federation``), split from the right: country, state, city, and the rest is
  the facility (which may hold commas, and even a colon). Three parts are
  facility, city, country, except in the United States, whose sites always
  carry a state (city, state, country). Country names with a comma (``Korea,
  Republic of``) stay whole; a would-be city that names an institution ("...
  University Hospital") means the line has no state; a part with a digit before
  the country is the zip;
- repeated ``Name:`` / ``Affiliation:`` / ``Role:`` (and ``Email:`` /
  ``Phone:``) groups become ``contacts``;
- ``Study ID`` that is not an NCT id: a secondary id with ``malformed_id``;
- empty labels (``empty_value``, the next line is never taken as the value),
  a label glued to the end of a sentence (``...surgery.Minimum Age: 18 Years``,
  ``glued_text``), literal ``\\n`` in texts, and a page cut off inside a text,
  inside a contact group or inside an enum value (``truncated``).

Not done: a location line that directly follows a multi-line text (no
eligibility label and no ``Locations`` heading between them) is read as part of
that text; a condition or keyword holding a comma is split there unless it is
printed as its own bullet line. Where a page drops missing location parts, a
line is ambiguous and read by the rules above: outside the United States
``City, State, Country`` reads as facility, city, country, and a facility with
commas but no state reads as having a state (unless its city part names an
institution).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from .. import _memo
from .. import _vocab as vocab
from .._builder import TrialBuilder
from .._criteria import split_criteria
from .._dates import PartialDate, parse_partial_date
from .._model import (
    AgeUnit,
    Allocation,
    ContactRole,
    InterventionModel,
    IssueCode,
    Masking,
    OverallStatus,
    Phase,
    PrimaryPurpose,
    Sex,
    StdAge,
    StudyType,
    Trial,
)
from .._text import Page

__all__ = ["ID", "LABELS", "NOISE", "TITLE", "URL", "analyse_text", "extract"]

ID = "ctgov-api-text"
TITLE = "Pages printing ClinicalTrials.gov API v2 fields as 'Label: value'"
URL = "https://clinicaltrials.gov/data-api/api"

# Source label (API v2 field name in words, case-insensitive) -> schema field or handler key.
LABELS: dict[str, str] = {
    "Brief Title": "brief_title",
    "Official Title": "official_title",
    "Acronym": "acronym",
    "Study ID": "nct_id",
    "NCT ID": "nct_id",
    "NCT Number": "nct_id",
    "Org Study ID": "org_study_id",
    "Overall Status": "overall_status",
    "Study Type": "study_type",
    "Phase": "phases",
    "Phases": "phases",
    "Start Date": "start_date",
    "Primary Completion Date": "primary_completion_date",
    "Completion Date": "completion_date",
    "Study First Post Date": "first_posted_date",
    "First Posted": "first_posted_date",
    "Last Update Post Date": "last_update_date",
    "Lead Sponsor": "sponsor",
    "Enrollment": "enrollment",
    "Allocation": "design.allocation",
    "Intervention Model": "design.intervention_model",
    "Primary Purpose": "design.primary_purpose",
    "Masking": "design.masking",
    "Conditions": "conditions",
    "Keywords": "keywords",
    "Brief Summary": "brief_summary",
    "Detailed Description": "detailed_description",
    "Eligibility Criteria": "eligibility.criteria",
    "Minimum Age": "eligibility.minimum_age",
    "Maximum Age": "eligibility.maximum_age",
    "Eligible Ages": "eligibility.std_ages",
    "Std Ages": "eligibility.std_ages",
    "Sex": "eligibility.sex",
    "Healthy Volunteers": "eligibility.healthy_volunteers",
    "Locations": "locations",
    "Name": "contact.name",
    "Affiliation": "contact.affiliation",
    "Role": "contact.role",
    "Email": "contact.email",
    "Phone": "contact.phone",
}

_DISCLAIMERS = (
    'The following info and data is provided "as is" to help patients around the globe.',
    "We do not endorse or review these studies in any way.",
)
# "---", "***", "___": markdown horizontal rules
_HRULE_RE = re.compile(r"[ ]{0,3}(?:-[ ]*){3,}|[ ]{0,3}(?:\*[ ]*){3,}|[ ]{0,3}(?:_[ ]*){3,}")
# "## Eligibility", "# Study Details": the markdown sites' own section headings
_SECTION_HEADING_RE = re.compile(
    r"#{1,6}[ ]+(?:Identification|Study Details|Overview|Status|Dates|Sponsor|Description"
    r"|Conditions and Keywords|Design|Study Design|Eligibility|Contacts|Investigators"
    r"|Overall Officials|Contacts and Locations)[ ]*(?::[ ]*)?",
    re.I,
)
NOISE: tuple[str | re.Pattern[str], ...] = (*_DISCLAIMERS, _HRULE_RE, _SECTION_HEADING_RE)

# --- how each field is read --------------------------------------------------------------
# values that may run on over the following lines
_TEXT_FIELDS = frozenset({"brief_summary", "detailed_description", "eligibility.criteria"})
# comma lists; under an empty label, one bullet line per item
_LIST_FIELDS = frozenset({"conditions", "keywords", "eligibility.std_ages"})
# labels after which unlabelled comma lines are locations (the seed: after the eligibility block)
_ELIGIBILITY_FIELDS = frozenset(
    {
        "eligibility.minimum_age",
        "eligibility.maximum_age",
        "eligibility.std_ages",
        "eligibility.sex",
        "eligibility.healthy_volunteers",
        "eligibility.criteria",
    }
)
_DATE_FIELDS = frozenset(
    {
        "start_date",
        "primary_completion_date",
        "completion_date",
        "first_posted_date",
        "last_update_date",
    }
)
_ENUM_FIELDS: dict[str, Mapping[str, StrEnum]] = {
    "overall_status": vocab.STATUS,
    "study_type": vocab.STUDY_TYPE,
    "design.allocation": vocab.ALLOCATION,
    "design.intervention_model": vocab.INTERVENTION_MODEL,
    "design.primary_purpose": vocab.PRIMARY_PURPOSE,
    "design.masking": vocab.MASKING,
    "eligibility.sex": vocab.SEX,
}
# The API's own enum spellings, upper case, per field: what tells these pages from a
# mirror printing "Status: Recruiting" in its own words (detection only).
_API_SPELLINGS: dict[str, frozenset[str]] = {
    "overall_status": frozenset(m.value for m in OverallStatus),
    "study_type": frozenset(m.value for m in StudyType),
    "phases": frozenset(m.value for m in Phase),
    "design.allocation": frozenset(m.value for m in Allocation),
    "design.intervention_model": frozenset(m.value for m in InterventionModel),
    "design.primary_purpose": frozenset(m.value for m in PrimaryPurpose),
    "design.masking": frozenset(m.value for m in Masking),
    "eligibility.sex": frozenset(m.value for m in Sex),
    "eligibility.std_ages": frozenset(m.value for m in StdAge),
    "contact.role": frozenset(m.value for m in ContactRole),
}

_LABEL_KEYS: dict[str, tuple[str, str]] = {k.lower(): (k, v) for k, v in LABELS.items()}

# --- line shapes ---------------------------------------------------------------------------
# "- **Overall Status:** RECRUITING", "**Sex**: ALL", "  * **Role:** PRINCIPAL_INVESTIGATOR"
_MD_LABEL_RE = re.compile(r"[ ]{0,8}(?:[-*+][ ]+)?\*\*(?P<label>[^*:]{1,60})(?::\*\*|\*\*[ ]?:)")
# "## Locations": a markdown heading's marker (its text follows)
_HEADING_RE = re.compile(r"[ ]{0,3}#{1,6}[ ]+(?=\S)")
# "- Rush University Medical Center, Chicago, ...": a bullet marker and its spaces
_BULLET_RE = re.compile(r"[ ]*(?:[-*+•][ ]+|\d{1,3}[.)][ ]+)")
# "Study Verified Date", "IPD Sharing", "Why Stopped": what an unknown label may hold
_LABEL_CHARS_RE = re.compile(r"[A-Za-z][A-Za-z0-9'()/&.\- ]*")
# "[NCT06489431](https://clinicaltrials.gov/study/NCT06489431)" -> the link text
_MD_LINK_RE = re.compile(r"\[([^\[\]]{1,300})\]\([^()\s]{1,500}\)")
# "2023-12-04 (ESTIMATED)", "2024-06 [Actual]": the API's date type after a date
# (matched on single-spaced text)
_DATE_TYPE_RE = re.compile(r" ?[(\[] ?(?:actual|estimated|anticipated) ?[)\]]$", re.I)
# "40", "1,736", "100 (ESTIMATED)", "40 participants ACTUAL"
_ENROLLMENT_RE = re.compile(
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d{1,9})(?: (?:participants?|patients?|subjects?))?"
    r"(?: ?[(\[]?(?P<type>[A-Za-z_]+)[)\]]?)?"
)
_MINOR_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "per", "the", "to", "with"}
)
_END_PUNCT = tuple(".!?)]\"”’'»:;")
# "Korea, Republic of", "Congo, The Democratic Republic of the", "Virgin Islands, U.S."
_COUNTRY_TAILS = (" of", " of the")
_COUNTRY_TAIL_WORDS = frozenset({"u.s.", "british", "republic of", "the"})
# words that name an institution, never a city: "Seoul National University Bundang Hospital"
_INSTITUTION_RE = re.compile(
    r"\b(?:hospitals?|universit(?:y|ies|ät|é|à|ario|aria)|clinics?|institutes?|department"
    r"|faculty|hôpital|klinikum|ospedale)\b",
    re.I,
)

# countries whose sites always carry a state in API v2 records (all 1697 US sites of the
# shared corpus): a three-part line there is city, state, country
_STATE_ALWAYS = frozenset({"United States"})
# one-word labels that are also common words in prose ("Keywords: ...", "Phase: ..."):
# inside a text they end it only with a value that fits the field
_PROSE_LABELS = frozenset(
    {
        "acronym",
        "conditions",
        "keywords",
        "locations",
        "phases",
        "enrollment",
        "design.allocation",
        "design.masking",
        "eligibility.sex",
    }
)
_MAX_LIST_LEN = 300
_MAX_COUNTRY_WORDS = 5

_SNIFF_LINES = 150
# labels looked up first (see _certain): two fields with API spellings, then usual labels
_PROBES = ("Overall Status:", "Study Type:", "Brief Title:", "Study ID:", "Sex:")
_PROBE_PATHS = {probe: LABELS[probe[:-1]] for probe in _PROBES}
# detection: lines looked at for the disclaimer or a first label, of which lines of text
_FIRST_LINES = 8
_FIRST_TEXTS = 3
# fields with an API spelling, and labels, that make a page certainly this format
_CERTAIN_HITS = 2
_CERTAIN_LABELS = 3
_SNIFF_COLS = 300
_MAX_LABEL_LEN = 60
_MAX_LABEL_WORDS = 5


# --- detection -----------------------------------------------------------------------------
def analyse_text(page: Page) -> float:
    """The disclaimer, or known API v2 labels whose values are API v2 enum spellings.

    Labels alone are not enough: mirrors of ClinicalTrials.gov print ``Brief
    Summary:`` too, but in their own words (``Status: Recruiting``). These pages
    start with the disclaimer, a markdown title or a label: a page whose first
    few lines hold none of them is rejected after those lines (this detector runs
    on every ClinicalTrials.gov classic page, so rejecting costs ~1 µs).
    """
    disclaimer = False
    texts = 0
    for line in page.norm[:_FIRST_LINES]:
        text = line[:_SNIFF_COLS].strip()  # never copy a whole paragraph
        if not text or text[0] == "#":  # a markdown title
            continue
        # the length first: hashing a line to look it up costs more than the rest
        if len(text) in _DISCLAIMER_LENS and text in _DISCLAIMER_SET:
            disclaimer = True
            continue
        idx = text.find(":", 1, _MAX_LABEL_LEN + 8)
        # "Brief Title: ...", "- **Study ID:** ...", "**Sex**: ALL", spelled as the API does
        # (mirrors print "Official title:" in their own words)
        if idx > 0 and text[:idx].strip(" -*+") in _EXACT:
            # the disclaimer and a label: the site of the seed, certain
            return 1.0 if disclaimer else _sniff(page, 0)
        texts += 1
        if texts == _FIRST_TEXTS:
            break
    return _sniff(page, 1) if disclaimer else 0.0


def _sniff(page: Page, disclaimers: int) -> float:
    """Score known labels, their API spellings and the disclaimer over the page's start."""
    if _certain(page):
        return 1.0
    if disclaimers:
        disclaimers = sum(1 for d in _DISCLAIMERS if d.lower() in page.head)
    labels: set[str] = set()
    enum_hits: set[str] = set()
    for line in page.norm[:_SNIFF_LINES]:
        line = line[:_SNIFF_COLS]
        # _sniff_label's steps for the usual lines, "- **Sex:** ALL" and "Sex: ALL": a
        # label as the API spells it holds neither "*" nor ":", so the first ":**" ends it
        # exactly where _MD_LABEL_RE would
        if "*" in line and "**" in line:  # "*" first: a memchr
            j = line.find(":**", 4) if line.startswith("- **") else -1
            entry = _EXACT.get(line[4:j]) if j > 4 else None
            if entry is None:
                found = _sniff_label(line)
                if found is None:
                    continue
                path, value = found
            else:
                path, value = entry[1], line[j + 3 :]
        else:
            idx = line.find(":", 0, _MAX_LABEL_LEN + 1)
            if idx <= 0:
                continue
            label = line[:idx]
            entry = _EXACT.get(label) or _LABEL_KEYS.get(_label_key(label))
            if entry is None:
                continue
            path, value = entry[1], line[idx + 1 :]
        labels.add(path)
        spellings = _API_SPELLINGS.get(path)
        if spellings and _all_api_spellings(value, spellings):
            enum_hits.add(path)
            if len(enum_hits) >= _CERTAIN_HITS and len(labels) >= _CERTAIN_LABELS:
                return 1.0  # API spellings of several fields: no mirror prints these
    score = 0.0
    if disclaimers:
        score += 0.3 + 0.15 * (disclaimers - 1)
    if enum_hits and len(labels) >= 3:
        score += 0.35 + 0.1 * min(len(enum_hits) - 1, 2)
    score += 0.03 * min(len(labels), 5)
    if not disclaimers and not enum_hits:
        score = min(score, 0.15)
    return min(score, 1.0)


def _certain(page: Page) -> bool:
    """A shortcut to _sniff's certainty: the lines of a few usual labels, found by a search
    of the whole text (C speed) instead of a walk over the lines before them.

    Those lines are some of the lines _sniff reads, read the same way: when they alone
    make the page certain, so do all of them. Otherwise _sniff walks the lines.
    """
    if page.is_html:  # its lines are rendered, not the text's own
        return False
    text = page.text
    labels: set[str] = set()
    enum_hits: set[str] = set()
    for probe in _PROBES:
        pos = text.find(probe)
        if pos < 0:
            continue
        k = text.count("\n", 0, pos)  # the line holding it: lines are the text's, split at \n
        if k >= _SNIFF_LINES:
            continue
        line = page.norm[k][:_SNIFF_COLS]
        # what _sniff_label makes of the usual lines, "Sex: ALL" and "- **Sex:** ALL", read
        # off the text around the probe (a label holds no colon: its own ends it)
        if pos == 0 or text[pos - 1] == "\n":
            path, value = _PROBE_PATHS[probe], line[len(probe) :]
        elif (
            text.startswith("- **", pos - 4)
            and (pos == 4 or text[pos - 5] == "\n")
            and text.startswith("**", pos + len(probe))
        ):
            path, value = _PROBE_PATHS[probe], line[len(probe) + 6 :]
        else:
            found = _sniff_label(line)
            if found is None:
                continue
            path, value = found
        labels.add(path)
        spellings = _API_SPELLINGS.get(path)
        if spellings and _all_api_spellings(value, spellings):
            enum_hits.add(path)
        if len(enum_hits) >= _CERTAIN_HITS and len(labels) >= _CERTAIN_LABELS:
            return True
    return False


def _sniff_label(line: str) -> tuple[str, str] | None:
    if "*" in line and "**" in line:
        # the usual "- **Sex:** ALL" first, as _sniff reads it (no regex)
        j = line.find(":**", 4) if line.startswith("- **") else -1
        exact = _EXACT.get(line[4:j]) if j > 4 else None
        if exact is not None:
            return exact[1], line[j + 3 :]
        m = _MD_LABEL_RE.match(line)
        if m:
            label = m.group("label")
            entry = _EXACT.get(label) or _LABEL_KEYS.get(_label_key(label))
            return (entry[1], line[m.end() :]) if entry else None
    idx = line.find(":", 0, _MAX_LABEL_LEN + 1)  # the first colon, if within the label width
    if idx <= 0:
        return None
    label = line[:idx]
    entry = _EXACT.get(label) or _LABEL_KEYS.get(_label_key(label))
    return (entry[1], line[idx + 1 :]) if entry else None


def _all_api_spellings(value: str, spellings: frozenset[str]) -> bool:
    if "," not in value:  # the usual single value ("RECRUITING"): no list to build
        return value.strip(" `*") in spellings
    return all(v.strip(" `*") in spellings for v in value.split(","))


def _label_key(label: str) -> str:
    return " ".join(label.split()).lower()


# --- extraction ----------------------------------------------------------------------------
# how a known label's value is read, per schema field / handler key
_KIND: dict[str, str] = {
    path: (
        "contact"
        if path.startswith("contact.")
        else "text"
        if path in _TEXT_FIELDS
        else "list"
        if path in _LIST_FIELDS
        else "locations"
        if path == "locations"
        else "enum"
        if path in _ENUM_FIELDS
        else "date"
        if path in _DATE_FIELDS
        else "age"
        if path in ("eligibility.minimum_age", "eligibility.maximum_age")
        else path
        if path
        in (
            "nct_id",
            "org_study_id",
            "phases",
            "eligibility.healthy_volunteers",
            "enrollment",
            "sponsor",
        )
        else "plain"  # the text as printed: titles, acronym
    )
    for path in LABELS.values()
}
# labels as the API prints them: one dict lookup for the usual line, no re-spacing/lower-casing
_EXACT: dict[str, tuple[str, str]] = {k: (k, v) for k, v in LABELS.items()}
# "...surgery.Minimum Age: 18 Years": labels that may be glued to the end of a sentence,
# multi-word only (one-word labels, "Sex", "Role", are too common inside words), and the
# characters a glued label follows (see _glued_cuts)
_GLUED_BY_LAST_WORD: dict[str, tuple[str, ...]] = {}
for _k in sorted(LABELS, key=len, reverse=True):  # longest first, like "Primary Completion Date"
    if len(_k.split()) >= 2:
        _GLUED_BY_LAST_WORD[_k.split()[-1]] = (*_GLUED_BY_LAST_WORD.get(_k.split()[-1], ()), _k)
_GLUED_AFTER = frozenset('abcdefghijklmnopqrstuvwxyz0123456789.!?)]"”’')
_DISCLAIMER_SET = frozenset(_DISCLAIMERS)
# what a markdown rule ("---", "* * *") is made of, by its first character
_RULE_CHARS = {"-": "- ", "*": "* ", "_": "_ "}
_DISCLAIMER_LENS = frozenset(len(d) for d in _DISCLAIMERS)
# first characters of a line that may be a disclaimer, a heading or a markdown rule
_SPECIAL_FIRST = frozenset({*(d[0] for d in _DISCLAIMERS), "#", *_RULE_CHARS})
_MAX_EXACT_LEN = max(map(len, LABELS))
# "- **Sex:** ALL", "  **Role:** ...": how the usual markdown label line starts
_MD_STARTS = frozenset({"- **", "  **"})
# schema path -> (parent object or "", field): "eligibility.sex" -> ("eligibility", "sex")
_PATHS: dict[str, tuple[str, str]] = {
    path: (path.rpartition(".")[0], path.rpartition(".")[2])
    for path in (*LABELS.values(), "enrollment.count", "enrollment.type")
}
# Bounded memos of the few date and age spellings a site prints on every page (an age is
# memoised as its value and unit: each Trial gets its own Age)
_MEMO_LIMIT = 1024


def _read_date(value: str) -> PartialDate | None:
    """``"June 2024 (Actual)"`` -> 2024-06: the date without its type suffix."""
    return parse_partial_date(_DATE_TYPE_RE.sub("", " ".join(value.split())))


def _read_age(value: str) -> tuple[int | float, AgeUnit] | None:
    parsed = vocab.parse_age(value)
    return None if parsed is None else (parsed.value, parsed.unit)


_DATES = _memo.memo("ctgov-api-text dates", _MEMO_LIMIT, _read_date)
_AGES = _memo.memo("ctgov-api-text ages", _MEMO_LIMIT, _read_age)
# "## Status", "---", "## Locations": what the site's own structural lines are (see
# _structure; a page's own title heading is never memoised)
_SHAPES: dict[str, tuple[str, int, int, tuple[str, str] | None]] = _memo.table(
    "ctgov-api-text line shapes", _MEMO_LIMIT
)


class _Block:
    """A label whose value continues over the following lines."""

    __slots__ = ("filled", "kind", "label", "line", "lines", "path")

    def __init__(self, kind: str, path: str, label: str, line: int, filled: bool = False):
        self.kind = kind  # "text", "list", "locations", "unknown"
        self.path = path
        self.label = label
        self.line = line
        self.lines: list[tuple[int, str]] = []  # (line number, raw text)
        self.filled = filled


class _Reader:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.b = TrialBuilder(ID)
        self.data = self.b.data
        self.block: _Block | None = None
        self.text: list[tuple[int, str]] | None = None  # the lines of the open text block
        self.markdown = False
        # no "**" in the whole text: no markdown label either (an HTML page's entities
        # may render as "**", so only its rendered lines tell)
        # (a one-character search is a memchr, ~10x cheaper than the two-character one)
        if page.is_html or ("*" in page.text and "**" in page.text):
            for line in page.norm[:_SNIFF_LINES]:
                if "*" in line and "**" in line and _is_known_md_label(line):
                    self.markdown = True
                    break
        self.location_zone = False  # after an eligibility label, before the first contact
        self.contacts: list[dict[str, Any]] = []  # one group's values by key ("name"...)
        self.contact_line = 0  # the last contact line
        self.headings: list[tuple[int, str]] = []
        # blank lines that feed nothing: every other line is accounted for in one step at
        # the end (each line either feeds a field, is noise or is kept in `unparsed`)
        self.blanks: list[int] = []
        self.last_line = 0  # last line with content
        self.last_unmapped: tuple[int, Mapping[str, StrEnum], str] | None = None
        self.last_text: tuple[int, str, str] | None = None  # (line, field, text) of a text's end

    # --- the walk ---------------------------------------------------------------------
    def run(self) -> Trial:
        # A handful of C-level string operations per line: the costly checks (regexes,
        # label re-spacing) run only on lines whose first character or content allows them.
        b = self.b
        markdown = self.markdown
        blanks = self.blanks
        exact = _EXACT
        exact_read = _EXACT_READ
        last = 0
        # norm is lines with odd spaces made plain, one for one: same length
        for n, (raw, norm) in enumerate(zip(self.page.lines, self.page.norm, strict=True), 1):
            if not norm:  # the usual blank line (one of spaces takes the longer way)
                text = self.text
                if text is not None:
                    text.append((n, ""))
                else:
                    blanks.append(n)
                continue
            if markdown:
                # the usual line first, "- **Sex:** ALL" or "  **Role:** ...": no blank,
                # noise or structural line, and a markdown label ends a text. A label as
                # the API spells it holds neither "*" nor ":", so the first ":**" ends it
                # exactly where _MD_LABEL_RE would
                if norm[:4] in _MD_STARTS:
                    head, sep, _ = norm.partition(":**")  # none before column 4
                    if sep:
                        found = exact_read.get(head[4:])
                        if found is not None:
                            last = n
                            if self.block is not None:
                                self._close()
                            value = raw[len(head) + 3 :].strip()
                            if "](" in value:
                                value = _MD_LINK_RE.sub(r"\1", value)
                            value = value.strip(" `")
                            label, path, read = found
                            if value:
                                read(self, n, label, path, value)  # what _known does with it
                            else:
                                self._known(n, label, path, value)
                            continue
            else:
                # the usual line first, "Brief Title: ...": a label as the API spells it
                # (a letter at column 0: no blank, noise or structural line), with no other
                # ": " (no glued label), and, inside a text, one that ends it. A label holds
                # no colon, so its ": " is the line's first colon. (`partition` and `in`:
                # `find` with a start column costs ~3x more in argument parsing alone)
                head, _, tail = norm.partition(": ")
                if len(head) <= _MAX_EXACT_LEN:
                    found = exact_read.get(head)
                    if found is not None and (":" not in tail or ": " not in tail):
                        label, path, read = found
                        idx = len(head)
                        if self.text is None or _ends_text(
                            label, label, (label, path), norm[idx + 1 :]
                        ):
                            last = n
                            if self.block is not None:
                                self._close()
                            value = raw[idx + 1 :].strip()
                            if value:
                                read(self, n, label, path, value)  # what _known does with it
                            else:
                                self._known(n, label, path, value)
                            continue
            stripped = norm.strip()
            text = self.text  # the open text's lines, or None
            if not stripped:
                if text is not None:
                    text.append((n, ""))
                else:
                    blanks.append(n)
                continue
            last = n
            c = stripped[0]
            if c in _SPECIAL_FIRST:
                # the length first: hashing a whole paragraph to look it up costs ~1 µs
                if len(stripped) in _DISCLAIMER_LENS and stripped in _DISCLAIMER_SET:
                    b.noise(n)
                    continue
                # a heading starts with "#", a rule holds nothing but "-", "*" or "_" and
                # spaces; inside a text they are its own ("# of patients", "---"), unless a
                # markdown page's top-level line
                if (
                    (c == "#" or (c in _RULE_CHARS and not stripped.strip(_RULE_CHARS[c])))
                    and not (text is not None and (not markdown or norm[0] == " "))
                    and self._structural(n, norm, raw)
                ):
                    continue
            if text is not None and ":" not in norm:
                # a text's next line: no label (every label shape holds a colon) can end it
                text.append((n, raw.rstrip()))
                continue
            if markdown:
                if "**" not in norm:
                    if text is not None:
                        # a markdown page ends its texts with markdown labels only
                        text.append((n, raw.rstrip()))
                    else:
                        self._segment(n, norm, raw)
                    continue
                # other markdown label shapes ("**Sex**: ALL", "* **Sex:** ALL")
                entry = None
                end = 0
                m = _MD_LABEL_RE.match(norm)
                if m is not None:
                    entry = exact.get(m.group("label"))
                    end = m.end()
                if entry is None:
                    self._segment(n, norm, raw)  # markdown labels are never glued
                    continue
                if self.block is not None:
                    self._close()
                value = raw[end:].strip()
                if "](" in value:
                    value = _MD_LINK_RE.sub(r"\1", value)
                value = value.strip(" `")
                path = entry[1]
                if value and path not in _ELIGIBILITY_FIELDS:
                    _READ[path](self, n, entry[0], path, value)  # _known's usual step
                else:
                    self._known(n, entry[0], path, value)
                continue
            # a glued label ends at a ": "; a line whose only ": " follows an exact label
            # ("Brief Title: ...") holds none
            p = norm.find(": ")
            if p < 0 or (p <= _MAX_EXACT_LEN and norm.find(": ", p + 1) < 0 and norm[:p] in exact):
                self._segment(n, norm, raw)
                continue
            cuts = _glued_cuts(norm)
            if not cuts:
                self._segment(n, norm, raw)
                continue
            b.issue(
                IssueCode.GLUED_TEXT,
                "a label is glued to the end of the previous text; split there",
                line=n,
            )
            bounds = [0, *cuts, len(norm)]
            for a, z in itertools.pairwise(bounds):
                if z > a:
                    self._segment(n, norm[a:z], raw[a:z])
        self.last_line = last
        self._close()
        self._finish()
        # every line but the blank ones outside texts fed a field, is noise or was kept
        accounted = b.accounted
        accounted.update(range(1, len(self.page.norm) + 1))
        accounted.difference_update(blanks)
        return b.build()

    def _structural(self, n: int, norm: str, raw: str) -> bool:
        """Markdown rules and headings: lines that are no label and no value."""
        shape = _SHAPES.get(norm)
        if shape is None:
            shape = _structure(norm)
            # the site's own rules and section headings, not a page's title
            if shape[0] != "heading" and len(_SHAPES) < _MEMO_LIMIT and len(norm) <= 80:
                _SHAPES[norm] = shape
        what, start, end, entry = shape
        if what == "text":
            return False
        if self.block is not None:  # the usual rule or section heading follows no block
            self._close()
        if what == "noise":
            self.b.noise(n)
        elif what == "open":
            self._open(n, entry[0], entry[1], "")  # type: ignore[index]
        else:
            self.headings.append((n, raw[start:end]))
        return True

    def _segment(self, n: int, norm: str, raw: str) -> None:
        block = self.block
        found = self._label(norm, block is not None and block.kind == "text")
        if found is None:
            self._unlabelled(n, norm, raw)
            return
        label, path, col, md = found
        if block is not None:
            self._close()
        value = raw[col:].strip()
        if md:
            if "](" in value:
                value = _MD_LINK_RE.sub(r"\1", value)
            value = value.strip(" `")
        if path is None:
            self.b.issue(IssueCode.UNKNOWN_LABEL, f"unknown label '{label}'", line=n)
            self.b.keep(value, n, label)
            self.block = _Block("unknown", "", label, n, filled=True)
        else:
            self._known(n, label, path, value)

    def _label(self, norm: str, in_text: bool) -> tuple[str, str | None, int, bool] | None:
        """(label as printed, field or None when unknown, value column, markdown)."""
        if "*" in norm and "**" in norm:
            m = _MD_LABEL_RE.match(norm)
            if m:
                label = " ".join(m.group("label").split())
                entry = _LABEL_KEYS.get(label.lower())
                if entry is None and not _title_case(label):
                    return None
                if entry is None and in_text and norm[:1] not in ("-", "*", "+"):
                    return None  # "**Note:**" inside a text; a new field is a top-level bullet
                return label, entry[1] if entry else None, m.end(), True
        if in_text and self.markdown:
            return None  # a markdown page ends its texts with markdown labels only
        idx = norm.find(":")
        if idx <= 0 or idx > _MAX_LABEL_LEN + 4:
            return None
        c = norm[0]
        start = 0
        printed = norm[:idx]
        entry = _EXACT.get(printed)  # a label as the API spells it starts with a letter
        if entry is not None:
            label = printed  # nothing to re-space, no bullet
        else:
            bullet = _BULLET_RE.match(norm) if c in " -*+•" or c.isdecimal() else None
            if bullet and bullet.end() < idx:
                start = bullet.end()
                printed = norm[start:idx]
            label = " ".join(printed.split())
            entry = _LABEL_KEYS.get(label.lower())
        if entry is not None:
            if in_text and not _ends_text(label, printed, entry, norm[idx + 1 :]):
                return None
            return label, entry[1], idx + 1, False
        # an unknown label: at column 0, short, Title Case, never inside a text, and not a
        # location whose facility holds a colon ("Florida Hospital: Global Robotics ...")
        if in_text or start or c == " " or not _title_case(label):
            return None
        if self.location_zone and norm.count(",") >= 2:
            return None
        return label, None, idx + 1, False

    # --- known labels -------------------------------------------------------------------
    def _known(self, n: int, label: str, path: str, value: str) -> None:
        if path in _ELIGIBILITY_FIELDS:
            self.location_zone = True  # unlabelled comma lines from here on are locations
        if value:
            _READ[path](self, n, label, path, value)
        elif path in _READS_EMPTY:
            _READ_KIND[_KIND[path]](self, n, label, path, value)
        elif path in _LIST_FIELDS:
            self._open(n, label, path, value)  # its items follow as bullet lines
        else:
            self.b.empty(label, line=n, field=path)

    def _contact(self, n: int, label: str, path: str, value: str) -> None:
        """Name / Affiliation / Role groups: the most frequent lines."""
        self.location_zone = False
        key = path[8:]  # "contact.name" -> "name"
        self.contact_line = n
        contacts = self.contacts
        if key == "name" or not contacts or key in contacts[-1]:
            contacts.append({})
        values = contacts[-1]
        if not value:
            self.b.empty(label, line=n, field=f"contacts.{key}")
            values.setdefault(key, None)
        elif key == "role":
            role = vocab.lookup(vocab.ROLE, value)
            if role is None:
                self.b.unmapped("contacts.role", value, line=n, label=label)
                self.last_unmapped = (n, vocab.ROLE, value)
            values["role"] = role
        else:
            values[key] = value

    def _contact_name(self, n: int, label: str, path: str, value: str) -> None:
        """A non-empty Name: always a new contact group."""
        self.location_zone = False
        self.contact_line = n
        self.contacts.append({"name": value})

    def _contact_detail(self, n: int, label: str, path: str, value: str) -> None:
        """A non-empty Affiliation / Email / Phone: joins the group unless it has one."""
        self.location_zone = False
        self.contact_line = n
        key = path[8:]  # "contact.email" -> "email"
        contacts = self.contacts
        if not contacts or key in contacts[-1]:
            contacts.append({key: value})
        else:
            contacts[-1][key] = value

    def _contact_role(self, n: int, label: str, path: str, value: str) -> None:
        """A non-empty Role: joins the group unless it has one."""
        self.location_zone = False
        self.contact_line = n
        contacts = self.contacts
        if not contacts or "role" in contacts[-1]:
            contacts.append({})
        role = vocab.ROLE.get(vocab.key(value))  # vocab.lookup's step
        if role is None:
            self.b.unmapped("contacts.role", value, line=n, label=label)
            self.last_unmapped = (n, vocab.ROLE, value)
        contacts[-1]["role"] = role

    def _text(self, n: int, label: str, path: str, value: str) -> None:
        if path in _ELIGIBILITY_FIELDS:
            self.location_zone = True  # unlabelled comma lines from here on are locations
        self._open(n, label, path, value)

    def _locations(self, n: int, label: str, path: str, value: str) -> None:
        self._open(n, label, path, value)
        if value:
            self._location(n, value, label)

    def _put(self, n: int, label: str, path: str, value: Any, raw: str) -> None:
        """Set a field once; a label given again with another value keeps its raw text."""
        parent, leaf = _PATHS[path]
        node = self.data
        if parent:
            child = node.get(parent)
            if child is None:
                if isinstance(value, str) and (not value or value.isspace()):
                    return  # nothing to set: no parent created for it
                child = node[parent] = {}
            node = child
        old = node.get(leaf)
        if old is None:
            if not (isinstance(value, str) and (not value or value.isspace())):
                node[leaf] = value  # a blank value sets nothing
        elif old != value:
            self._conflict(n, label, path)
            self.b.keep(raw, n, label)

    def _conflict(self, n: int, label: str, path: str) -> None:
        self.b.issue(
            IssueCode.CONFLICTING_VALUE,
            f"{label} given again with a different value; the first is kept",
            field=path,
            line=n,
        )

    def _plain(self, n: int, label: str, path: str, value: str) -> None:
        self._put(n, label, path, value, value)

    def _enum(self, n: int, label: str, path: str, value: str) -> None:
        if path in _ELIGIBILITY_FIELDS:
            self.location_zone = True  # unlabelled comma lines from here on are locations
        table = _ENUM_FIELDS[path]
        member = table.get(vocab.key(value))  # vocab.lookup's step
        if member is None:
            self.b.unmapped(path, value, line=n, label=label)
            self.last_unmapped = (n, table, value)
        else:
            self._put(n, label, path, member, value)

    def _date(self, n: int, label: str, path: str, value: str) -> None:
        date = _DATES[value]
        if date is None:
            self.b.invalid(
                value,
                f"'{value}' is not a date",
                field=path,
                line=n,
                label=label,
                code=IssueCode.INVALID_DATE,
            )
        else:
            self._put(n, label, path, date, value)

    def _list(self, n: int, label: str, path: str, value: str) -> None:
        if path in _ELIGIBILITY_FIELDS:
            self.location_zone = True  # unlabelled comma lines from here on are locations
        for item in value.split(","):
            self._list_item(n, label, path, item)

    def _nct_id(self, n: int, label: str, path: str, value: str) -> None:
        digits = value[3:]
        if (
            len(value) == 11
            and value.startswith("NCT")
            and digits.isascii()
            and digits.isdigit()
            and "nct_id" not in self.data
        ):
            self.data["nct_id"] = value  # "NCT06114225", the usual first Study ID
            return
        self.b.set_id(value, expect="NCT", line=n, label=label, secondary_type="OTHER")

    def _org_study_id(self, n: int, label: str, path: str, value: str) -> None:
        self.b.set_id(value, line=n, label=label, secondary_type="SPONSOR")

    def _phases(self, n: int, label: str, path: str, value: str) -> None:
        self.b.map_phases(value, line=n, label=label)

    def _age(self, n: int, label: str, path: str, value: str) -> None:
        self.location_zone = True
        age = _AGES[value]  # the value and unit, not the model: each Trial gets its own Age
        if age is not None:
            self._put(n, label, path, {"value": age[0], "unit": age[1]}, value)
        elif not vocab.is_no_age_limit(value):  # "N/A": no limit, the field stays null
            self.b.invalid(value, f"'{value}' is not an age", field=path, line=n, label=label)

    def _healthy_volunteers(self, n: int, label: str, path: str, value: str) -> None:
        self.location_zone = True
        yes_no = vocab.parse_yes_no(value)
        if yes_no is None:
            self.b.unmapped(path, value, line=n, label=label)
        else:
            self._put(n, label, path, yes_no, value)

    def _sponsor(self, n: int, label: str, path: str, value: str) -> None:
        self._put(n, label, "sponsor", {"name": value}, value)

    def _enrollment(self, n: int, label: str, path: str, value: str) -> None:
        m = _ENROLLMENT_RE.fullmatch(" ".join(value.split()))
        if m is None:
            self.b.invalid(
                value,
                f"'{value}' is not an enrollment count",
                field="enrollment",
                line=n,
                label=label,
            )
            return
        count = int(m.group("n").replace(",", ""))
        enrollment = self.data.get("enrollment")
        if enrollment is not None and enrollment.get("count") not in (None, count):
            self._conflict(n, label, "enrollment")
            self.b.keep(value, n, label)
            return
        self._put(n, label, "enrollment.count", count, value)
        kind = m.group("type")
        if kind:
            member = vocab.lookup(vocab.ENROLLMENT_TYPE, kind)
            if member is None:
                self.b.unmapped("enrollment.type", kind, line=n)
            else:
                self._put(n, label, "enrollment.type", member, kind)

    def _list_item(self, n: int, label: str, path: str, item: str) -> None:
        item = item.strip()
        if not item:
            return
        if path == "eligibility.std_ages":
            member = vocab.lookup(vocab.STD_AGE, item)
            if member is None:
                self.b.unmapped(path, item, line=n, label=label)
                self.last_unmapped = (n, vocab.STD_AGE, item)
                return
            eligibility = self.data.get("eligibility")
            if eligibility is None:
                eligibility = self.data["eligibility"] = {}
            items = eligibility.get("std_ages")
            if items is None:
                eligibility["std_ages"] = [member]
            elif member not in items:
                items.append(member)
        else:
            items = self.data.get(path)
            if items is None:
                self.data[path] = [item]
            else:
                items.append(item)

    # --- blocks -------------------------------------------------------------------------
    def _open(self, n: int, label: str, path: str, value: str) -> None:
        kind = _block_kind(path) or "text"
        self.block = _Block(kind, path, label, n)
        if kind == "text":
            self.text = self.block.lines
        if value:
            if kind == "text":
                self.block.lines.append((n, value))
            self.block.filled = True

    def _close(self) -> None:
        block, self.block, self.text = self.block, None, None
        if block is None or block.kind == "unknown":
            return
        if block.kind != "text":
            if not block.filled:
                self.b.empty(block.label, line=block.line, field=block.path)
            return
        lines = block.lines
        while lines and not lines[-1][1]:  # the blank lines after a text feed nothing
            self.blanks.append(lines.pop()[0])
        if not lines:
            self.b.empty(block.label, line=block.line, field=block.path)
            return
        if len(lines) == 1:  # the usual one-line text: what _join_text makes of it
            text = lines[0][1].strip()
            if "\\" in text:
                text = text.replace("\\n", "\n")
        else:
            text = _join_text([t for _, t in lines])
        self.last_text = (lines[-1][0], block.path, lines[-1][1])
        path = block.path
        parent, leaf = _PATHS[path]
        node = self.data.get(parent, {}) if parent else self.data
        old = node.get(leaf)
        if old is not None and old != text:
            self._conflict(block.line, block.label, path)
            for k, t in lines:  # the page's own lines, not the joined text
                if t.strip():
                    self.b.keep(t.strip(), k, block.label)
            return
        self._put(block.line, block.label, path, text, text)
        if path == "eligibility.criteria":
            inclusion, exclusion = split_criteria(text)
            if inclusion:
                self.b.set("eligibility.inclusion", inclusion)
            if exclusion:
                self.b.set("eligibility.exclusion", exclusion)

    def _unlabelled(self, n: int, norm: str, raw: str) -> None:
        block = self.block
        if block is not None and block.kind == "text":
            block.lines.append((n, raw.rstrip()))
            block.filled = True
            return
        bullet = _BULLET_RE.match(norm)
        item = raw[bullet.end() :].strip() if bullet else raw.strip()
        if block is not None and block.kind == "list":
            if bullet is not None:
                block.filled = True
                self._list_item(n, block.label, block.path, item)
                return
            self._close()
            block = None
        if block is not None and block.kind == "locations":
            block.filled = True
            if item.count(",") >= 1:
                self._location(n, item, block.label)
            else:
                self.b.keep(item, n, block.label)
            return
        if self.location_zone and _location_like(item):
            self._location(n, item, None)
            return
        self.b.keep(raw.strip(), n, block.label if block is not None else None)

    # --- locations and contacts ---------------------------------------------------------
    def _location(self, n: int, text: str, label: str | None) -> None:
        loc = _split_location(text)
        if loc is None:
            self.b.keep(text, n, label)
            return
        data = self.data
        locations = data.get("locations")
        if locations is None:
            data["locations"] = [loc]
        else:
            locations.append(loc)
        if loc["country"]:
            countries = data.get("countries")
            if countries is None:
                data["countries"] = [loc["country"]]
            else:
                countries.append(loc["country"])

    # --- the end ------------------------------------------------------------------------
    def _finish(self) -> None:
        b = self.b
        if self.contacts:
            found = self.data.setdefault("contacts", [])
            for contact in self.contacts:
                if None in contact.values():  # an empty "Name:" kept no value
                    contact = {k: v for k, v in contact.items() if v is not None}
                if contact:
                    found.append(contact)
            if not found:
                del self.data["contacts"]
        if self.headings:
            # a heading repeating a title is the title (compared re-spaced, case-blind;
            # the usual heading is the title as printed, which needs no re-spacing)
            printed = (b.get("brief_title"), b.get("official_title"), b.get("acronym"))
            titles: set[str] | None = None
            for n, text in self.headings:
                if text in printed:
                    continue
                if titles is None:
                    titles = {_label_key(str(t)) for t in printed if t}
                if _label_key(text) not in titles:
                    b.keep(text, n)
        self._truncation()

    def _truncation(self) -> None:
        """A page cut off inside a text, a contact group or an enum value."""
        last = self.last_line
        if not last:
            return
        b = self.b
        if self.last_unmapped is not None and self.last_unmapped[0] == last:
            _, table, raw = self.last_unmapped
            k = vocab.key(raw)
            if k and any(t.startswith(k) and t != k for t in table):
                b.issue(IssueCode.TRUNCATED, "the page stops inside a value", line=last)
                return
        if self.last_text is not None and self.last_text[0] == last:
            n, path, text = self.last_text
            if not text.rstrip().endswith(_END_PUNCT):
                b.issue(IssueCode.TRUNCATED, "the page stops inside a text", field=path, line=n)
                return
        contacts = self.contacts
        # the usual last contact has its role: the others are looked at only when it has none
        if (
            contacts
            and self.contact_line == last
            and "role" not in contacts[-1]
            and any("role" in c for c in contacts[:-1])
        ):
            b.issue(
                IssueCode.TRUNCATED,
                "the page stops inside a contact",
                field="contacts",
                line=last,
            )


# how each kind of known value is read
_READ_KIND = {
    "contact": _Reader._contact,
    "text": _Reader._text,
    "locations": _Reader._locations,
    "plain": _Reader._plain,
    "enum": _Reader._enum,
    "date": _Reader._date,
    "list": _Reader._list,
    "nct_id": _Reader._nct_id,
    "org_study_id": _Reader._org_study_id,
    "phases": _Reader._phases,
    "age": _Reader._age,
    "eligibility.healthy_volunteers": _Reader._healthy_volunteers,
    "enrollment": _Reader._enrollment,
    "sponsor": _Reader._sponsor,
}
# schema field / handler key -> its reader of a non-empty value: one lookup per known label
_READ = {path: _READ_KIND[kind] for path, kind in _KIND.items()}
_READ.update(
    {
        "contact.name": _Reader._contact_name,
        "contact.affiliation": _Reader._contact_detail,
        "contact.email": _Reader._contact_detail,
        "contact.phone": _Reader._contact_detail,
        "contact.role": _Reader._contact_role,
    }
)
# labels as the API prints them, with their field and its reader (the usual line's lookup)
_EXACT_READ = {k: (k, path, _READ[path]) for k, path in LABELS.items()}
# fields whose reader takes an empty value itself (a contact, a text or a block to come)
_READS_EMPTY = frozenset(p for p, k in _KIND.items() if k in ("contact", "text", "locations"))


def _is_known_md_label(line: str) -> bool:
    m = _MD_LABEL_RE.match(line[:_SNIFF_COLS])
    return m is not None and _label_key(m.group("label")) in _LABEL_KEYS


def _structure(norm: str) -> tuple[str, int, int, tuple[str, str] | None]:
    """What a line starting like a rule or heading is: ("noise" | "open" | "heading" |
    "text", heading text start, end, label entry of a block it opens)."""
    if _HRULE_RE.fullmatch(norm):
        return "noise", 0, 0, None
    m = _HEADING_RE.match(norm)
    if m is None:
        return "text", 0, 0, None
    end = len(norm.rstrip(" "))
    if norm[:end].endswith("#"):  # "## Locations ##": optional closing hashes
        end = len(norm[:end].rstrip("#").rstrip(" "))
    start, end = m.end(), max(end, m.end())
    entry = _LABEL_KEYS.get(_label_key(norm[start:end].rstrip(":")))
    if entry is not None and _block_kind(entry[1]) is not None:
        return "open", start, end, entry
    if _SECTION_HEADING_RE.fullmatch(norm):
        return "noise", start, end, None
    return "heading", start, end, None


def _glued_cuts(norm: str) -> list[int]:
    """Columns where a multi-word label glued to a sentence starts ("...surgery.Minimum Age: 18").

    Only a ": " can end a label: the word before each one picks the few labels to try
    (a regex tried at every column cost ~100 µs a page).
    """
    cuts = []
    p = norm.find(": ")
    while p > 0:
        for k in _GLUED_BY_LAST_WORD.get(norm[norm.rfind(" ", 0, p) + 1 : p], ()):
            s = p - len(k)
            if s > 0 and norm.startswith(k, s):
                # the label must follow a word's end; a longer label matching here leaves
                # a space before any shorter one it ends with, so none other can match
                if norm[s - 1] in _GLUED_AFTER:
                    cuts.append(s)
                break
        p = norm.find(": ", p + 1)
    return cuts


def _ends_text(label: str, printed: str, entry: tuple[str, str], value: str) -> bool:
    """Whether a known label inside a multi-line text is a new field rather than prose.

    API v2 pages print labels exactly ("Eligibility Criteria:"), prose does not
    ("Eligibility criteria: see below", "Phase : Phase III", "Keywords: a - b.").
    """
    if label != entry[0] or printed.endswith(" "):
        return False
    path = entry[1]
    if path not in _PROSE_LABELS:
        return True
    v = value.strip()
    if not v:
        return False
    if path == "phases":
        return vocab.parse_phases(v) is not None
    if path in _ENUM_FIELDS:
        return vocab.lookup(_ENUM_FIELDS[path], v) is not None
    if path == "enrollment":
        return _ENROLLMENT_RE.fullmatch(" ".join(v.split())) is not None
    return len(v) <= _MAX_LIST_LEN and not v.endswith(".")


def _location_like(text: str) -> bool:
    """ "Facility, City, State, Country", or "City, Country" whose end names a country."""
    commas = text.count(",")
    if commas >= 2:
        return True
    if commas == 0 or text.rstrip().endswith("."):
        return False
    words = text.rsplit(",", 1)[1].split()
    return (
        1 <= len(words) <= _MAX_COUNTRY_WORDS
        and all(w[0].isupper() or w in _MINOR_WORDS for w in words)
        and not any(map(str.isdigit, text.rsplit(",", 1)[1]))
    )


def _block_kind(path: str) -> str | None:
    if path in _TEXT_FIELDS:
        return "text"
    if path in _LIST_FIELDS:
        return "list"
    if path == "locations":
        return "locations"
    return None


def _title_case(label: str) -> bool:
    """ "Status Verified Date", "IPD Sharing", "Why Stopped": a label-like text."""
    if len(label) > _MAX_LABEL_LEN or not _LABEL_CHARS_RE.fullmatch(label):
        return False
    words = label.split()
    if not 1 <= len(words) <= _MAX_LABEL_WORDS or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w[0].isdigit() or w in _MINOR_WORDS for w in words)


def _join_text(lines: list[str]) -> str:
    """Continuation lines as one text: common indentation removed, literal "\\n" as newlines."""
    first, rest = lines[0].strip(), lines[1:]
    indents = [len(t) - len(t.lstrip()) for t in rest if t.strip()]
    cut = min(indents) if indents else 0
    body = [first, *(t[cut:] if t.strip() else "" for t in rest)]
    text = "\n".join(body).strip()
    return text.replace("\\n", "\n") if "\\" in text else text


def _split_location(text: str) -> dict[str, str | None] | None:
    """ "Facility, City, State, Country" split from the right (the facility may hold commas)."""
    parts = list(map(str.strip, text.split(",")))
    if len(parts) < 2 or not parts[-1]:
        return None
    country = parts.pop()
    low = country.lower()
    if parts and (low.endswith(_COUNTRY_TAILS) or low in _COUNTRY_TAIL_WORDS):
        country = f"{parts.pop()}, {country}"  # "Korea, Republic of"
    zip_code = None
    if parts and len(parts[-1]) <= 10 and any(map(str.isdigit, parts[-1])):
        zip_code = parts.pop()
    facility = city = state = None
    if len(parts) >= 3 and not _INSTITUTION_RE.search(parts[-2]):
        state = parts.pop()
    elif len(parts) == 2 and country in _STATE_ALWAYS:
        state = parts.pop()  # "Ann Arbor, Michigan, United States": no facility
    if parts:
        city = parts.pop()
    if parts:
        facility = ", ".join(parts)
    return {
        "facility": facility or None,
        "city": city or None,
        "state": state or None,
        "zip": zip_code,
        "country": country,
    }


def extract(page: Page) -> Trial:
    return _Reader(page).run()
