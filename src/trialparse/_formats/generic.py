"""``generic``: trial pages of registries and mirrors that have no dedicated extractor.

The fallback for the many sites users save trial pages from (ISRCTN, EU CTR,
ANZCTR, CTRI, PACTR, ichgcp, meddatax, clincosm, centerwatch, ...). It reads
only what can be read without knowing the site: registry identifiers, and
label / value pairs whose label is in one lexicon of label synonyms seen across
sites (``LABELS``). Every Trial it returns carries a ``generic_extractor``
issue, so users can filter these records. Detection is deliberately modest
(see ``analyse_text``): it never competes with a dedicated extractor.

Layouts it reads (one lexicon for all)::

    Recruitment status: Recruiting          Label: value
    Recruitment status : Recruiting         Label : value (ANZCTR)
    Trial Status:Ongoing                    Label:value (EU CTR)
    Recruitment status                      label line, then value line (ISRCTN)
    Recruiting
    | Recruitment status | Completed |      pipe table rows (PACTR)
    Phase of Trial<TAB>N/A                  tab-separated cells (CTRI, saved HTML tables)
    - **Recruitment Status:** Recruiting    markdown bullets (ichgcp-like mirrors)
    ## Summary                              a heading that is a known label, value below
    ISRCTN ISRCTN15375287                   id label and id on one line, no colon
    IRAS number 250004

Identifiers: every registry id in the page is found (``_ids.find_ids``: NCT,
EudraCT, ISRCTN, IRAS (only with its label), CTIS, ACTRN, CTRI, PACTR, ChiCTR,
DRKS, jRCT / JPRN, KCT, NTR / NL, ...). Ids given as a value of an id label
("Trial ID", "Registration number", "ClinicalTrials.gov number", "Secondary
IDs", ...) or in a short table row naming a registry are this trial's: NCT,
ISRCTN, EudraCT, CTIS and IRAS fill their fields (the first one of a kind; later
ones become ``secondary_ids``), other registries' ids become ``secondary_ids``
typed with their kind (``"ACTRN"``, ``"CTRI"``...). When no id is labelled,
the id in the first lines (the page title) is the trial's, else the one
repeated most (and strictly more than any other). Any other id is only
*mentioned* (a mirror's summary, a "see also" line, the site's help text): it is
never filed as this trial's id; it gets a ``foreign_id`` issue, and an NCT id
is also listed in ``related_studies``.

Quirks handled: outline numbers before labels (``A.3.2 Name of ...``), ``[1]``
indexes (``Secondary ID [1]``), parentheses in labels (``Primary Completion
(Estimated)``, ``Date of First Enrollment (India)``), ``Year(s)`` in ages,
CTRI's ``Total Sample Size="140"``, placeholders (``N/A``, ``Nil known``,
``No Date Specified``: kept, no issue), ``Target enrollment: 0`` (mapped as
written, with an ``invalid_value`` issue: mirrors print 0 as a placeholder),
a final paragraph cut off mid-sentence (``truncated``).

What it does not do: it does not know a site's noise (a site's header text ends
up in ``unparsed``), contacts, locations, arms or multi-column tables (kept in
``unparsed`` as rows), nor labels outside the lexicon (kept in ``unparsed``
with their label; one ``unknown_label`` issue lists them). Slash dates are read
day first (``01/06/2021`` is 1 June), as registries outside the US print them.

Speed: every line is classified once (``_rows``): detection needs the rows to
score a page, and the extraction that follows on the same ``Page`` takes them
(``Page.derived``) rather than classifying again. Label handlers are kept by
label as printed in a bounded memo table; ``find_ids`` searches a line only for
the registries whose words it holds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from .. import _memo
from .. import _vocab as vocab
from .._builder import ID_FIELDS, TrialBuilder
from .._criteria import split_criteria
from .._dates import parse_partial_date
from .._ids import FoundId, find_ids
from .._model import EnrollmentType, IssueCode, Trial
from .._text import Page

__all__ = ["GENERIC", "ID", "LABELS", "NOISE", "TITLE", "URL", "analyse_text", "extract"]

ID = "generic"
TITLE = "Any other registry or mirror trial page (generic label reading)"
URL = "https://www.who.int/clinical-trials-registry-platform/network/primary-registries"
#: The fallback format: detection gives it a page only when no dedicated extractor claims it.
GENERIC = True

# --- the lexicon ------------------------------------------------------------------------
# Source label (as sites print it) -> handler: a schema field, "id:<kind>" for identifiers,
# or "keep" for labels recognised as labels but feeding no field (their value goes to
# `unparsed` with the label; knowing them keeps a label-line page from shifting values).
LABELS: dict[str, str] = {
    # status
    "Status": "overall_status",
    "Recruitment Status": "overall_status",
    "Overall Status": "overall_status",
    "Overall Recruitment Status": "overall_status",
    "Trial status": "overall_status",
    "Study status": "overall_status",
    "Status of trial": "overall_status",
    "Current status": "overall_status",
    "Recruitment Status of Trial (India)": "overall_status",
    # phase
    "Phase": "phases",
    "Phases": "phases",
    "Clinical Phase": "phases",
    "Study Phase": "phases",
    "Trial phase": "phases",
    "Phase of Trial": "phases",
    "Clinical trial phase": "phases",
    # study type
    "Study type": "study_type",
    "Type of study": "study_type",
    "Type of trial": "study_type",
    "Trial type": "study_type",
    "Primary study design": "study_type",
    # dates
    "Start date": "start_date",
    "Study start": "start_date",
    "Study start date": "start_date",
    "Actual study start date": "start_date",
    "Overall study start date": "start_date",
    "Overall trial start date": "start_date",
    "Anticipated start date": "start_date",
    "Anticipated trial start date": "start_date",
    "Actual trial start date": "start_date",
    "Date of first enrolment": "start_date",
    "Date of first enrollment": "start_date",
    "Date of first participant enrolment": "start_date",
    "Primary completion date": "primary_completion_date",
    "Primary completion": "primary_completion_date",
    "Completion date": "completion_date",
    "Study completion": "completion_date",
    "Study completion date": "completion_date",
    "End date": "completion_date",
    "Overall study end date": "completion_date",
    "Overall trial end date": "completion_date",
    "Anticipated end date": "completion_date",
    "Date of study completion": "completion_date",
    "Anticipated date of last follow up": "completion_date",
    "Actual last follow-up date": "completion_date",
    "First posted": "first_posted_date",
    "First received": "first_posted_date",
    "Date registered": "first_posted_date",
    "Registration date": "first_posted_date",
    "Date of registration": "first_posted_date",
    "First registered": "first_posted_date",
    "Date on which this record was first entered in the EudraCT database": "first_posted_date",
    "Last update posted": "last_update_date",
    "Last updated": "last_update_date",
    "Last update": "last_update_date",
    "Last edited": "last_update_date",
    "Last modified": "last_update_date",
    "Last modified on": "last_update_date",
    "Date last updated": "last_update_date",
    "Record last updated": "last_update_date",
    "Last refreshed on": "last_update_date",
    # enrollment (the label's own words say actual / estimated)
    "Enrollment": "enrollment",
    "Enrolment": "enrollment",
    "Estimated enrollment": "enrollment",
    "Actual enrollment": "enrollment",
    "Target enrollment": "enrollment",
    "Target enrolment": "enrollment",
    "Target sample size": "enrollment",
    "Target number of participants": "enrollment",
    "Sample size": "enrollment",
    "Total sample size": "enrollment",
    "Total final enrolment": "enrollment",
    "Anticipated target sample size (number of participants)": "enrollment",
    "Actual target sample size (number of participants)": "enrollment",
    "Number of participants": "enrollment",
    # sponsor
    "Sponsor": "sponsor",
    "Lead sponsor": "sponsor",
    "Primary sponsor": "sponsor",
    "Sponsor name": "sponsor",
    "Name of sponsor": "sponsor",
    "Sponsor organisation": "sponsor",
    "Sponsor organization": "sponsor",
    "Study sponsor": "sponsor",
    "Trial sponsor": "sponsor",
    "Collaborators": "collaborators",
    "Collaborator": "collaborators",
    "Secondary sponsor": "collaborators",
    # eligibility
    "Sex": "sex",
    "Gender": "sex",
    "Sex/Gender": "sex",
    "Sexes eligible": "sex",
    "Sexes eligible for study": "sex",
    "Eligible sex": "sex",
    "Minimum age": "minimum_age",
    "Min age": "minimum_age",
    "Lower age limit": "minimum_age",
    "Age from": "minimum_age",
    "Maximum age": "maximum_age",
    "Max age": "maximum_age",
    "Upper age limit": "maximum_age",
    "Age to": "maximum_age",
    "Age": "age_range",
    "Ages": "age_range",
    "Age range": "age_range",
    "Ages eligible": "age_range",
    "Ages eligible for study": "age_range",
    "Eligible ages": "age_range",
    "Age group": "std_ages",
    "Age groups": "std_ages",
    "Healthy volunteers": "healthy_volunteers",
    "Accepts healthy volunteers": "healthy_volunteers",
    "Healthy volunteers accepted": "healthy_volunteers",
    "Can healthy volunteers participate?": "healthy_volunteers",
    "Eligibility criteria": "criteria",
    "Criteria": "criteria",
    "Inclusion criteria": "inclusion",
    "Key inclusion criteria": "inclusion",
    "Participant inclusion criteria": "inclusion",
    "Participants - inclusion criteria": "inclusion",
    "List inclusion criteria": "inclusion",
    "Exclusion criteria": "exclusion",
    "Key exclusion criteria": "exclusion",
    "Participant exclusion criteria": "exclusion",
    "Participants - exclusion criteria": "exclusion",
    "List exclusion criteria": "exclusion",
    # what is studied
    "Condition": "conditions",
    "Conditions": "conditions",
    "Condition(s)": "conditions",
    "Condition studied": "conditions",
    "Health condition(s) or problem(s) studied": "conditions",
    "Health Condition / Problems Studied": "conditions",
    "Disease(s) or condition(s) being studied": "conditions",
    "Disease/condition/study domain": "conditions",
    "Medical condition(s) being investigated": "conditions",
    "Medical condition": "conditions",
    "Disease": "conditions",
    "Diseases": "conditions",
    "Intervention": "interventions",
    "Interventions": "interventions",
    "Intervention(s)": "interventions",
    "Intervention name": "interventions",
    "Treatment": "interventions",
    "Treatments": "interventions",
    "Keywords": "keywords",
    "Keyword(s)": "keywords",
    "Primary outcome": "primary_outcomes",
    "Primary outcomes": "primary_outcomes",
    "Primary outcome measure": "primary_outcomes",
    "Primary outcome measure(s)": "primary_outcomes",
    "Secondary outcome": "secondary_outcomes",
    "Secondary outcomes": "secondary_outcomes",
    "Secondary outcome measure": "secondary_outcomes",
    "Secondary outcome measures": "secondary_outcomes",
    "Countries": "countries",
    "Countries of recruitment": "countries",
    "Country of recruitment": "countries",
    "Recruitment countries": "countries",
    "Location countries": "countries",
    # titles and texts
    "Title": "brief_title",
    "Brief title": "brief_title",
    "Public title": "brief_title",
    "Study title": "brief_title",
    "Trial title": "brief_title",
    "Short title": "brief_title",
    "Public Title of Study": "brief_title",
    "Title of the trial for lay people, in easily understood, i.e. non-technical, language": (
        "brief_title"
    ),
    "Official title": "official_title",
    "Scientific title": "official_title",
    "Full title": "official_title",
    "Full title of the trial": "official_title",
    "Official scientific title": "official_title",
    "Scientific Title of Study": "official_title",
    "Acronym": "acronym",
    "Study acronym": "acronym",
    "Trial acronym": "acronym",
    "Acronym (If the trial has an acronym then please provide)": "acronym",
    "Name or abbreviated title of the trial where available": "acronym",
    "Summary": "brief_summary",
    "Brief summary": "brief_summary",
    "Study summary": "brief_summary",
    "Trial summary": "brief_summary",
    "Lay summary": "brief_summary",
    "Plain language summary": "brief_summary",
    "Plain English summary": "brief_summary",
    "Brief summary describing the background and objectives of the trial": "brief_summary",
    "Detailed description": "detailed_description",
    "Description": "detailed_description",
    "Full description": "detailed_description",
    "Study description": "detailed_description",
    # design
    "Allocation": "allocation",
    "Allocation to intervention": "allocation",
    "Masking": "masking",
    "Blinding": "masking",
    "Masking / blinding": "masking",
    "Blinding/Masking": "masking",
    "Primary purpose": "primary_purpose",
    "Purpose of the study": "primary_purpose",
    "Intervention model": "intervention_model",
    "Interventional model": "intervention_model",
    "Intervention assignment": "intervention_model",
    # this trial's identifiers
    "Trial ID": "id:",
    "Trial identifier": "id:",
    "Study ID": "id:",
    "Study identifier": "id:",
    "Identifier": "id:",
    "Unique ID": "id:",
    "Main ID": "id:",
    "Registration number": "id:",
    "Registration no": "id:",
    "Registry number": "id:",
    "Trial registration number": "id:",
    "Trial number": "id:",
    "Trial no.": "id:",
    "NCT number": "id:NCT",
    "NCT ID": "id:NCT",
    "ClinicalTrials.gov": "id:NCT",
    "ClinicalTrials.gov ID": "id:NCT",
    "ClinicalTrials.gov identifier": "id:NCT",
    "ClinicalTrials.gov number": "id:NCT",
    "US NCT (ClinicalTrials.gov registry) number": "id:NCT",
    "ISRCTN": "id:ISRCTN",
    "ISRCTN number": "id:ISRCTN",
    "EudraCT number": "id:EUDRACT",
    "EudraCT": "id:EUDRACT",
    "EU CT number": "id:CTIS",
    "CTIS number": "id:CTIS",
    "IRAS": "id:IRAS",
    "IRAS ID": "id:IRAS",
    "IRAS number": "id:IRAS",
    "IRAS project ID": "id:IRAS",
    "CTRI number": "id:CTRI",
    "PACTR number": "id:PACTR",
    "ANZCTR number": "id:ACTRN",
    "Secondary ID": "id:other",
    "Secondary IDs": "id:other",
    "Secondary identifiers": "id:other",
    "Secondary identifying numbers": "id:other",
    "Other study ID numbers": "id:other",
    "Other IDs": "id:other",
    "Protocol number": "id:sponsor",
    "Protocol/serial number": "id:sponsor",
    "Serial number at source": "id:sponsor",
    "Sponsor's protocol code number": "id:sponsor",
    "Org study ID": "id:sponsor",
    # section headings: never given a value, kept as they are
    "Contact information": "head",
    "Study information": "head",
    "Sponsor information": "head",
    "Eligibility": "head",
    "Locations": "head",
    "Results and Publications": "head",
    "Plain English summary of protocol": "head",
    "Titles & IDs": "head",
    "Health condition": "head",
    "Intervention/exposure": "head",
    "Outcomes": "head",
    "Recruitment": "head",
    "Funding & Sponsors": "head",
    # recognised labels no field takes: their values stay in `unparsed`, labelled
    "Submission date": "keep",
    "Date submitted": "keep",
    "First submitted": "keep",
    "Overall study status": "keep",
    "Condition category": "keep",
    "Study design": "keep",
    "Secondary study design": "keep",
    "Study setting(s)": "keep",
    "Study hypothesis": "keep",
    "Study objectives": "keep",
    "Ethics approval": "keep",
    "Ethics approval(s)": "keep",
    "Intervention type": "keep",
    "Drug names": "keep",
    "Participant type(s)": "keep",
    "Recruitment start date": "keep",
    "Recruitment end date": "keep",
    "Sources of funding": "keep",
    "Funder type": "keep",
    "Funder name": "keep",
    "Trial website": "keep",
    "Publications": "keep",
    "Contact name": "keep",
    "Contact details": "keep",
    "Sponsor type": "keep",
    "Organisation": "keep",
    "Study participating centre": "keep",
    "Background and study aims": "keep",
    "Who can participate?": "keep",
    "What does the study involve?": "keep",
    "Type": "keep",
    "DOI": "keep",
}

# The site's own lines every page template shares (chrome left in a text dump).
NOISE: tuple[str | re.Pattern[str], ...] = (
    "Skip to main content",
    "Skip to content",
    "Back to top",
    "Loading...",
    "Share this trial",
    "Share this page",
    "Print this page",
    # ----, ====, ***, ___ (rules between blocks)
    re.compile(r"[-=*_]{3,}"),
)

# --- label keys ---------------------------------------------------------------------------
_MAX_LABEL = 150
# "Condition(s)" -> "Conditions"
_PLURAL_RE = re.compile(r"\((s|es)\)", re.I)
# "Secondary ID [1]", "Primary outcome [12]"
_INDEX_RE = re.compile(r"\s*\[\d{1,3}\]")
# "(number of participants)", "(India)", "(Estimated)"
_PAREN_RE = re.compile(r"\s*\([^()]{0,80}\)")
# outline numbers: "A.3.2 ", "E.7.1 ", "P. ", "1.2 " (a lone "1. " is a list item)
_OUTLINE_RE = re.compile(
    r"(?:[A-Z]\.(?:\d{1,2}(?:\.\d{1,2}){0,4})?|\d{1,2}(?:\.\d{1,2}){1,4})\.?\s+"
)
# runs of separators inside a label: "Masking / blinding", "Sex/Gender", "Titles & IDs"
_KEY_SEP_RE = re.compile(r"[\s_\-\u2010-\u2015,/&*#]+")


def _label_key(text: str) -> str:
    """The lookup key of a label: no outline number, index, parenthesis, case or punctuation."""
    if len(text) > _MAX_LABEL:
        return ""  # no label is this long; and the patterns below stay cheap
    t = _PLURAL_RE.sub(lambda m: m.group(1), text)
    t = _INDEX_RE.sub("", t)
    t = _PAREN_RE.sub("", t).strip().strip("*_").strip()
    m = _OUTLINE_RE.match(t)
    if m:
        t = t[m.end() :]
    t = t.replace("\u2019", "'")
    return _KEY_SEP_RE.sub(" ", t).strip(" .:;?'\"").lower()


_LEXICON: dict[str, str] = {_label_key(label): handler for label, handler in LABELS.items()}


def _read_handler(text: str) -> str | None:
    """The lexicon handler of a label as printed ("Condition(s):" -> "conditions"), or None."""
    return _LEXICON.get(_label_key(text))


# Labels as printed -> their handler: a site prints the same labels on every page, and
# _label_key's four substitutions cost more than the rest of a line's reading. Only
# texts that stand as labels (before a colon, a heading, a table's first cell) go in,
# not every line tried as one, so the table holds labels rather than a page's text.
_HANDLERS: _memo.Memo[str, str | None] = _memo.memo("generic label handlers", 4096, _read_handler)


def _handler(text: str) -> str | None:
    return _HANDLERS[text] if len(text) <= _MAX_LABEL else None


# handler -> (field, vocabulary table) of the fields that are one enum value
_ENUM_FIELDS: dict[str, tuple[str, Mapping[str, StrEnum]]] = {
    "overall_status": ("overall_status", vocab.STATUS),
    "study_type": ("study_type", vocab.STUDY_TYPE),
    "sex": ("eligibility.sex", vocab.SEX),
    "allocation": ("design.allocation", vocab.ALLOCATION),
    "primary_purpose": ("design.primary_purpose", vocab.PRIMARY_PURPOSE),
    "intervention_model": ("design.intervention_model", vocab.INTERVENTION_MODEL),
}
_MULTILINE = frozenset(
    {"brief_summary", "detailed_description", "criteria", "inclusion", "exclusion"}
)
_LISTS = frozenset(
    {
        "conditions",
        "interventions",
        "keywords",
        "countries",
        "collaborators",
        "primary_outcomes",
        "secondary_outcomes",
    }
)
# handler -> Trial path, for empty_value / conflict messages
_PATHS: dict[str, str] = {
    "sex": "eligibility.sex",
    "minimum_age": "eligibility.minimum_age",
    "maximum_age": "eligibility.maximum_age",
    "age_range": "eligibility",
    "std_ages": "eligibility.std_ages",
    "healthy_volunteers": "eligibility.healthy_volunteers",
    "criteria": "eligibility.criteria",
    "inclusion": "eligibility.inclusion",
    "exclusion": "eligibility.exclusion",
    "allocation": "design.allocation",
    "masking": "design.masking",
    "primary_purpose": "design.primary_purpose",
    "intervention_model": "design.intervention_model",
    "primary_outcomes": "outcomes",
    "secondary_outcomes": "outcomes",
}


def _path(handler: str) -> str | None:
    if handler in ("keep", "head"):
        return None
    if handler.startswith("id:"):
        kind = handler[3:]
        return ID_FIELDS.get(kind, "secondary_ids")
    return _PATHS.get(handler, handler)


# --- line shapes --------------------------------------------------------------------------
_BLANK, _NOISE, _PAIR, _LABEL, _HEAD, _CELLS, _TEXT = range(7)

# an ASCII digit: "250004", "ISRCTN15375287"
_ASCII_DIGIT_RE = re.compile(r"[0-9]")
# a list marker opening a line: "- ", "* ", "• ", "1. ", "2) ", "(3) ", "a) "
_BULLET_RE = re.compile(r"\s*(?:[-*•·▪◦+]\s+|\d{1,3}[.)]\s+|\(\d{1,3}\)\s*|[a-z]\)\s+)")
# the markers a "- **Label:** value" bullet may open with
_PAIR_BULLET_RE = re.compile(r"\s*[-*•+]\s+")
# a sentence break inside a would-be label: "P. End of trial", "e.g. this"
_SENTENCE_RE = re.compile(r"[.!?]\s")
_NOISE_TEXT = frozenset(n.lower() for n in NOISE if isinstance(n, str))
_NOISE_RES = tuple(n for n in NOISE if isinstance(n, re.Pattern))


@dataclass(slots=True)
class _Row:
    kind: int
    text: str = ""  # the whole line as printed, stripped
    label: str = ""  # the label as printed (PAIR, LABEL, HEAD)
    handler: str | None = None  # lexicon handler of a known label
    value: str = ""  # PAIR: the value as printed
    colon: bool = False  # LABEL: written with a colon ("Summary:")
    table: bool = False  # PAIR: a table cell pair (no value can follow on the next line)
    bullet: bool = False  # TEXT: opens with a list marker
    only_id: FoundId | None = None  # TEXT: the line is one identifier ("**NCT05100654**")
    marked: bool = False  # LABEL: a markdown heading or a bold line ("## Summary")


def _heading(s: str) -> str | None:
    """The text of a markdown heading ("## Summary" -> "Summary"), or None."""
    level = len(s) - len(s.lstrip("#"))
    if not 1 <= level <= 6 or not s[level:].startswith(" "):
        return None
    return s[level:].strip().rstrip("#").strip() or None


def _bold_line(s: str) -> str | None:
    """The text of a line that is all bold ("**Eligibility**", "__Sponsor__:"), or None."""
    for mark in ("**", "__"):
        if s.startswith(mark):
            j = s.find(mark, 2)
            inner = s[2:j] if j > 2 else ""
            if (
                inner.strip()
                and "*" not in inner
                and "_" not in inner
                and not s[j + 2 :].strip(" :")
            ):
                return inner.strip()
    return None


def _is_table_rule(norm: str) -> bool:
    """A markdown table rule: "|---|:---:|", "| --- | --- |"."""
    t = norm.strip()
    return "|" in t and "---" in t and not t.strip("|-: ")


def _is_noise(norm: str) -> bool:
    s = norm.strip()
    return s.lower() in _NOISE_TEXT or any(p.fullmatch(s) for p in _NOISE_RES)


def _label_like(label: str) -> bool:
    """Could this text before a colon be a label (a short name), not a sentence?"""
    m = _OUTLINE_RE.match(label)
    if m:
        label = label[m.end() :]
    words = label.split()
    return (
        1 <= len(words) <= 6
        and len(label) <= 60
        and label[0].isalpha()
        and _SENTENCE_RE.search(label) is None
    )


def _colon_split(s: str) -> tuple[int, int, int, bool] | None:
    """Label span and value start of a colon pair in ``s`` (a ``norm`` line), or None.

    Returns (label start, label end, value start, bold). Handles ``Label: v``,
    ``Label : v``, ``Label:v``, ``**Label:** v``, ``**Label**: v``, ``- **Label:** v``.
    """
    i = len(s) - len(s.lstrip())
    m = _PAIR_BULLET_RE.match(s)
    if m:
        i = m.end()
    for mark in ("**", "__"):
        if s.startswith(mark, i):
            j = s.find(mark, i + 2)
            if j < 0:
                return None
            inner = s[i + 2 : j].rstrip()
            if inner.endswith(":"):
                return i + 2, i + 2 + len(inner) - 1, j + 2, True
            k = j + 2
            while k < len(s) and s[k] == " ":
                k += 1
            if s.startswith(":", k):
                return i + 2, j, k + 1, True
            return None
    c = s.find(":", i)
    if c <= i or s.startswith("//", c + 1):
        return None
    return i, c, c + 1, False


def _cells(norm: str, raw: str, sep: str) -> list[str]:
    """The cells of a table row as printed (``raw``), split where ``norm`` has ``sep``."""
    out: list[str] = []
    start = 0
    for k, ch in enumerate(norm):
        if ch == sep:
            out.append(raw[start:k].strip())
            start = k + 1
    out.append(raw[start:].strip())
    return out


def _id_space_pair(stripped: str) -> tuple[str, str, str] | None:
    """``ISRCTN ISRCTN15375287`` / ``IRAS number 250004``: (label, handler, value) or None."""
    if stripped.isascii() and not (_ASCII_DIGIT_RE.search(stripped) or "rbr-" in stripped.lower()):
        # either value needs a digit (an IRAS number; every registry's id but ReBEC's
        # "RBR-7b4n2k"): most lines have none, and are spared four label keys
        return None
    return _id_space_pair_words(stripped)


def _id_space_pair_words(stripped: str) -> tuple[str, str, str] | None:
    """``_id_space_pair`` for any line: its first words looked up as an id label."""
    words = stripped.split()
    for k in range(min(len(words) - 1, 4), 0, -1):
        handler = _read_handler(" ".join(words[:k]))
        if handler is None or not handler.startswith("id:") or handler == "id:":
            continue
        rest = " ".join(words[k:])
        if handler == "id:IRAS":
            if rest.isdigit() and 4 <= len(rest) <= 7:
                return " ".join(words[:k]), handler, rest
        elif len(words) - k == 1 and find_ids(rest):
            return " ".join(words[:k]), handler, rest
    return None


def _classify(raw: str, norm: str) -> _Row:
    s = norm.strip()
    if not s:
        return _Row(_BLANK)
    text = raw.strip()
    if _is_noise(norm) or _is_table_rule(norm):
        return _Row(_NOISE, text)
    if s.startswith("|") or (s.endswith("|") and s.count("|") >= 2):
        # "| Label | value |" or "Label | value |": the row between its outer pipes, cut at
        # the same columns in both spellings
        lead = len(norm) - len(norm.lstrip(" |"))
        end = len(norm.rstrip(" |"))
        return _table_row(_cells(norm[lead:end], raw[lead:end], "|"), text)
    if "\t" in raw:
        cells = _cells(raw, raw, "\t")
        if len([c for c in cells if c]) >= 2:
            return _table_row(cells, text, tab=True)
    split = _colon_split(norm)
    if split is not None:
        ls, le, vs, bold = split
        label = raw[ls:le].strip().strip("*_").strip()
        value = raw[vs:].strip()
        handler = _handler(label) if label else None
        bulleted = _PAIR_BULLET_RE.match(norm) is not None
        # "- Drug: Doxycycline" is a list item, not a label; "Drug:" opens no pair either
        is_item = vocab.lookup(vocab.INTERVENTION_TYPE, label) is not None
        if handler is not None and not is_item:
            if value:
                return _Row(_PAIR, text, label, handler, value)
            return _Row(_LABEL, text, label, handler, colon=True, marked=bold)
        if label and _label_like(label) and not is_item and (bold or not bulleted):
            if value:
                return _Row(_PAIR, text, label, None, value)
            return _Row(_HEAD, text, label, colon=True)
    if len(s) <= 120:
        pair = _id_space_pair(s)
        if pair is not None:
            return _Row(_PAIR, text, pair[0], pair[1], pair[2])
    bare = s.strip("*_#[]() ")
    if len(bare) <= 40:
        found = find_ids(bare)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(bare):
            return _Row(_TEXT, text, only_id=found[0])
    inner = _heading(s) or _bold_line(s)
    if inner:
        handler = _handler(inner)
        if handler is not None:
            return _Row(_LABEL, text, inner, handler, colon=s.endswith(":"), marked=True)
        # a level-1 heading is the page's title: no label for the lines below it
        return _Row(_HEAD, text, "" if s.startswith("# ") else inner)
    if len(s) <= 120:
        handler = _read_handler(s)  # any short line: not kept in _HANDLERS
        if handler is not None:
            return _Row(_LABEL, text, text.rstrip(":").strip(), handler, colon=s.endswith(":"))
    return _Row(_TEXT, text, bullet=_BULLET_RE.match(norm) is not None)


def _table_row(cells: list[str], text: str, *, tab: bool = False) -> _Row:
    filled = [c for c in cells if c]
    if not filled:
        return _Row(_NOISE, text)
    # a continuation row (first cell empty) or a row of three or more cells is tabular data
    if (tab and not cells[0]) or (len(cells) > 2 and len(filled) > 2):
        return _Row(_CELLS, text)
    label = cells[0]
    value = cells[1] if len(cells) > 1 else ""
    handler = _handler(label)
    if handler is not None:
        return _Row(_PAIR, text, label, handler, value, table=True)
    if not value:
        return _Row(_HEAD, text, label, colon=True)
    return _Row(_PAIR, text, label, None, value, table=True)


# where _evidence() leaves the rows it made in Page.derived
_ROWS_KEY = "generic rows"


def _rows(page: Page, limit: int | None = None) -> list[_Row]:
    lines = page.lines if limit is None else page.lines[:limit]
    rows = [_classify(raw, norm) for raw, norm in zip(lines, page.norm, strict=False)]
    for k in range(len(rows) - 1):
        row = rows[k]
        # the row above a markdown table rule is the table's header, not a label / value pair
        if "|" in row.text and row.kind in (_PAIR, _HEAD) and _is_table_rule(page.norm[k + 1]):
            rows[k] = _Row(_HEAD, row.text, row.label)
    return rows


# --- values -------------------------------------------------------------------------------
_PLACEHOLDERS = frozenset(
    {
        "n/a",
        "na",
        "n.a",
        "nil",
        "nil known",
        "none",
        "not applicable",
        "not available",
        "not specified",
        "not provided",
        "no date specified",
        "tbd",
        "tba",
        "-",
        "--",
        "—",
    }
)


def _is_placeholder(raw: str) -> bool:
    return " ".join(raw.split()).strip(" .;").lower() in _PLACEHOLDERS


# "(Actual)", "[Estimated]" after a date; "Actual:" / "Anticipated" before it
_DATE_NOTE_RE = re.compile(
    r"[\[(](?:actual|anticipated|estimated|expected)[\])]\s*$"
    r"|^(?:actual|anticipated|estimated|expected)\b\s*:?\s*",
    re.I,
)
# "100", "1,736 participants", "approximately 60", "n = 60"
_COUNT_RE = re.compile(
    r"(?:approximately|approx\.?|about|around|~|n\s*=)?\s*(\d{1,3}(?:,\d{3})+|\d{1,7})\b", re.I
)
# CTRI: Total Sample Size="140"
_QUOTED_COUNT_RE = re.compile(r'=\s*"(\d{1,7})"')
_ACTUAL_WORDS = ("actual", "final", "achieved")
_ESTIMATED_WORDS = ("estimated", "anticipated", "target", "planned", "expected")
# "Drug: Doxycycline"
_TYPED_ITEM_RE = re.compile(r"([A-Za-z][A-Za-z /-]{1,30}):\s+(\S.*)")
# The tail of a country name printed "Korea, Republic of"
_COUNTRY_TAIL_RE = re.compile(
    r"(?:republic of|islamic republic|democratic republic|the democratic|province of|"
    r"plurinational|bolivarian|united republic|federated states|the former)\b",
    re.I,
)
# words around an id that name it ("EudraCT No.:"), not part of another value
_ID_WORDS = frozenset(
    [
        "eudract",
        "nct",
        "isrctn",
        "iras",
        "ctis",
        "eu",
        "ct",
        "ctri",
        "pactr",
        "actrn",
        "anzctr",
        "drks",
        "chictr",
        "jrct",
        "umin",
        "kct",
        "ntr",
        "no",
        "nr",
        "num",
        "number",
        "id",
        "ids",
        "identifier",
        "registration",
        "registry",
        "reg",
        "trial",
        "study",
        "ref",
        "clinicaltrials",
        "gov",
        "the",
        # the link an id sits in
        "http",
        "https",
        "www",
        "org",
        "com",
        "int",
        "doi",
        "show",
        "ct2",
    ]
)
# the words of a value: "EudraCT No.:" -> eudract, no
_WORD_RE = re.compile(r"[^\W_]+")
# a sponsor code or other id: one token with a digit ("APHP211042", "IRB19-1757")
_CODE_RE = re.compile(r"(?=[^\s]*\d)[^\s]{2,40}")
# words that say a short line names a registry, so an id on it is this trial's
_REGISTRY_WORDS_RE = re.compile(
    r"clinicaltrials\.gov|\beudract\b|\bisrctn\b|\banzctr\b|\bctri\b|\bpactr\b|\bregistry\b|"
    r"\bregister\b|\bregistration\b|\bidentifiers?\b|\bsecondary ids?\b|\btrial id\b|"
    r"\bstudy id\b|\bnct number\b|\biras\b",
    re.I,
)
_FIRST_LINES = 5  # an id here is the page's own (the title block)
_TITLE_WORDS = 20
_SHORT_ROW_WORDS = 12


@dataclass(slots=True)
class _Enrollment:
    count: int
    type: EnrollmentType | None
    line: int
    label: str
    raw: str


class _Reader:
    """One extraction: walks the rows and files every line."""

    def __init__(self, page: Page) -> None:
        self.page = page
        # the rows this parse's detection made, if it read the whole page (taken, not
        # shared: a page's next extraction makes its own)
        rows = page.derived.pop(_ROWS_KEY, None)
        self.rows: list[_Row] = rows if rows is not None else _rows(page)
        self.b = TrialBuilder(ID)
        self.unknown: list[tuple[str, int]] = []
        self.labelled_ids: set[str] = set()
        self.id_lines: set[int] = set()
        self.enrollments: list[_Enrollment] = []
        self.standalone: list[tuple[int, _Row]] = []
        self.last_text_line = 0  # last line of a paragraph: multiline value or kept text

    # --- the walk ---------------------------------------------------------------------
    def run(self) -> Trial:
        b = self.b
        b.issue(
            IssueCode.GENERIC_EXTRACTOR,
            "read by the generic extractor (no dedicated extractor for this site): values "
            "come from label matching only; check them against the registry record",
        )
        rows = self.rows
        n = len(rows)
        inline = self._inline_page()
        context: str | None = None
        sticky = False  # a heading's context survives blank lines; a pair's does not
        i = 0
        while i < n:
            row = rows[i]
            ln = i + 1
            if row.kind == _BLANK:
                if not sticky:
                    context = None
                i += 1
                continue
            if row.kind == _NOISE:
                b.noise(ln)
                i += 1
                continue
            if row.kind == _CELLS:
                b.keep(row.text, ln, context if sticky else None)
                i += 1
                continue
            if row.kind == _TEXT:
                if row.only_id is not None:
                    # filed (or kept) once the page's own id is known
                    b.use(ln)
                    self.standalone.append((ln, row))
                else:
                    b.keep(row.text, ln, context if sticky or _continues(row) else None)
                    self.last_text_line = ln
                i += 1
                continue
            if row.kind == _HEAD:
                if row.colon and inline:
                    # "Accrual to date :" where values sit on their label's line: an empty
                    # unknown label rather than a heading over the lines below
                    self.unknown.append((row.label, ln))
                    b.keep("", ln, row.label)
                    context = None
                else:
                    b.keep(row.text, ln)
                    context, sticky = (row.label or None), True
                i += 1
                continue
            if row.kind == _PAIR and row.handler is None:
                self.unknown.append((row.label, ln))
                b.keep(row.value, ln, row.label)
                # lines below a pair continue its value only where values sit beside labels
                context, sticky = (row.label if inline else None), False
                i += 1
                continue
            handler = row.handler or "keep"  # always set here: unknown labels went above
            if handler == "head":
                if row.kind == _PAIR and row.value:
                    b.keep(row.value, ln, row.label)
                    context, sticky = row.label, False
                else:
                    b.keep(row.text, ln)
                    context, sticky = row.label, True
                i += 1
                continue
            if row.kind == _PAIR and (row.value or row.table):
                if not row.value:
                    b.empty(row.label, line=ln, field=_path(handler))
                    i += 1
                    continue
                i = self._value(handler, row.label, [(ln, row.value)], i + 1, None)
                context, sticky = (row.label if inline else None), False
                continue
            # a label alone on its line: the value is on the next non-blank line
            j = i + 1
            while j < n and rows[j].kind == _BLANK:
                j += 1
            nxt = rows[j] if j < n else None
            if nxt is not None and nxt.kind == _TEXT and self._takes(row, nxt, inline):
                i = self._value(handler, row.label, [(j + 1, nxt.text)], j + 1, ln)
                context = None
                continue
            if nxt is not None and not row.colon and (inline or nxt.kind in (_PAIR, _CELLS)):
                # a section heading that happens to be a label ("Inclusion Criteria" above
                # "Age From<TAB>21"): its content is in the rows below
                b.keep(row.text, ln)
                context, sticky = row.label, True
            else:
                b.empty(row.label, line=ln, field=_path(handler))
                context = None
            i += 1
        self._finish_enrollment()
        self._resolve_ids()
        if self.unknown:
            names = list(dict.fromkeys(label for label, _ in self.unknown))
            listed = ", ".join(f"'{x}'" for x in names[:12])
            more = f" and {len(names) - 12} more" if len(names) > 12 else ""
            b.issue(
                IssueCode.UNKNOWN_LABEL,
                f"{len(names)} label(s) outside the generic lexicon kept in unparsed: "
                f"{listed}{more}",
                line=self.unknown[0][1],
            )
        self._check_truncated()
        b.unparsed.sort(key=lambda f: f["line"])
        return b.build()

    def _inline_page(self) -> bool:
        """Does the page print values on their label's line (pairs) rather than below it?"""
        pairs = sum(1 for r in self.rows if r.kind == _PAIR and r.handler is not None)
        labels = sum(1 for r in self.rows if r.kind == _LABEL)
        return pairs >= 2 * labels + 2

    @staticmethod
    def _takes(label: _Row, nxt: _Row, inline: bool) -> bool:
        """Is the text line below a label its value? On a page of inline pairs only a marked
        heading ("## Sponsor") takes any line; a bare label takes a paragraph or a list."""
        if not inline or label.marked:
            return True
        if label.handler in _MULTILINE:
            return nxt.bullet or _paragraph_like(nxt.text)
        return label.handler in _LISTS and nxt.bullet

    def _value(
        self,
        handler: str,
        label: str,
        parts: list[tuple[int, str]],
        k: int,
        label_line: int | None,
    ) -> int:
        """Take the continuation lines a field absorbs, apply the value; the next row index."""
        rows = self.rows
        if handler in _MULTILINE or handler in _LISTS:
            multiline = handler in _MULTILINE
            while k < len(rows):
                j = k
                while j < len(rows) and rows[j].kind == _BLANK:
                    j += 1
                if j >= len(rows) or rows[j].kind != _TEXT:
                    break
                row = rows[j]
                if not (row.bullet or (multiline and _paragraph_like(row.text))):
                    break
                parts.append((j + 1, row.text))
                k = j + 1
            if multiline:
                self.last_text_line = parts[-1][0]
        self.b.use(label_line)
        self._apply(handler, label, parts)
        return k

    # --- one value --------------------------------------------------------------------
    def _apply(self, handler: str, label: str, parts: list[tuple[int, str]]) -> None:
        b = self.b
        ln = parts[0][0]
        b.use(*(n for n, _ in parts))
        raw = parts[0][1].strip()
        if handler in ("keep", "head"):
            for n, text in parts:
                b.keep(text, n, label)
            return
        if handler.startswith("id:"):
            self._id_value(handler[3:], label, raw, ln)
            return
        if handler in _MULTILINE:
            self._text_block(handler, label, parts)
            return
        if handler in _LISTS:
            self._list(handler, label, parts)
            return
        enum = _ENUM_FIELDS.get(handler)
        if enum is not None:
            self._enum(enum[0], enum[1], raw, ln, label)
            return
        match handler:
            case "masking":
                self._masking(raw, ln, label)
            case "phases":
                if vocab.parse_phases(raw) is None and _is_placeholder(raw):
                    b.keep(raw, ln, label)
                else:
                    b.map_phases(raw, line=ln, label=label)
            case "enrollment":
                self._enrollment(raw, ln, label)
            case "sponsor":
                if _is_placeholder(raw):
                    b.keep(raw, ln, label)
                else:
                    b.set("sponsor", {"name": raw}, line=ln, label=label)
            case "minimum_age" | "maximum_age":
                self._age(f"eligibility.{handler}", raw, ln, label)
            case "age_range":
                self._age_range(raw, ln, label)
            case "std_ages":
                self._std_ages(raw, ln, label)
            case "healthy_volunteers":
                flag = vocab.parse_yes_no(raw)
                if flag is not None:
                    b.set("eligibility.healthy_volunteers", flag, line=ln, label=label)
                else:
                    self._unmapped("eligibility.healthy_volunteers", raw, ln, label)
            case "brief_title" | "official_title" | "acronym":
                if _is_placeholder(raw):
                    b.keep(raw, ln, label)
                else:
                    b.set(handler, raw, line=ln, label=label)
            case _:
                if handler.endswith("_date"):
                    self._date(handler, raw, ln, label)
                else:  # a handler this module forgot: keep rather than lose
                    b.keep(raw, ln, label)

    def _unmapped(self, path: str, raw: str, ln: int, label: str) -> None:
        """A value no table knows: a placeholder is kept quietly, anything else with an issue."""
        if _is_placeholder(raw):
            self.b.keep(raw, ln, label)
            return
        self.b.unmapped(path, raw, line=ln, label=label)

    def _enum(self, path: str, table: Mapping[str, StrEnum], raw: str, ln: int, label: str) -> None:
        if vocab.lookup(table, raw) is None:
            self._unmapped(path, raw, ln, label)
        else:
            self.b.map_enum(path, table, raw, line=ln, label=label)

    def _masking(self, raw: str, ln: int, label: str) -> None:
        b = self.b
        if vocab.lookup(vocab.MASKING, raw) is not None:
            b.map_enum("design.masking", vocab.MASKING, raw, line=ln, label=label)
            return
        tail = _paren_tail(raw)
        if tail:
            base = vocab.lookup(vocab.MASKING, tail[0])
            who = [w.strip() for w in tail[1].split(",") if w.strip()]
            if base is not None and all(vocab.lookup(vocab.WHO_MASKED, w) for w in who):
                b.set("design.masking", base, line=ln, label=label)
                for w in who:
                    b.map_enum_item("design.who_masked", vocab.WHO_MASKED, w, line=ln)
                return
        self._unmapped("design.masking", raw, ln, label)

    def _date(self, path: str, raw: str, ln: int, label: str) -> None:
        cleaned = _DATE_NOTE_RE.sub("", raw).strip()
        date = parse_partial_date(cleaned)
        if date is not None:
            self.b.set(path, date, line=ln, label=label)
        elif _is_placeholder(raw):
            self.b.keep(raw, ln, label)
        else:
            self.b.map_date(path, raw, line=ln, label=label)

    def _enrollment(self, raw: str, ln: int, label: str) -> None:
        m = _COUNT_RE.match(raw)
        q = _QUOTED_COUNT_RE.search(raw) if m is None else None
        digits = m.group(1) if m else q.group(1) if q else None
        if digits is None:
            self._unmapped("enrollment", raw, ln, label)
            return
        low_label = label.lower()
        kind: EnrollmentType | None = None
        if any(w in low_label for w in _ACTUAL_WORDS):
            kind = EnrollmentType.ACTUAL
        elif any(w in low_label for w in _ESTIMATED_WORDS):
            kind = EnrollmentType.ESTIMATED
        else:
            for word in _WORD_RE.findall(raw.lower()):
                kind = vocab.lookup(vocab.ENROLLMENT_TYPE, word)
                if kind is not None:
                    break
        self.enrollments.append(_Enrollment(int(digits.replace(",", "")), kind, ln, label, raw))

    def _finish_enrollment(self) -> None:
        """Several enrollment labels (target and final): the actual one wins, others are kept."""
        if not self.enrollments:
            return
        chosen = next(
            (e for e in self.enrollments if e.type is EnrollmentType.ACTUAL), self.enrollments[0]
        )
        b = self.b
        b.set(
            "enrollment",
            {"count": chosen.count, "type": chosen.type},
            line=chosen.line,
            label=chosen.label,
        )
        if chosen.count == 0:
            b.issue(
                IssueCode.INVALID_VALUE,
                f"'{chosen.label}' is 0, which mirrors print as a placeholder; "
                "check the registry record",
                field="enrollment",
                line=chosen.line,
            )
        for e in self.enrollments:
            if e is chosen or e.count == chosen.count:
                continue
            if e.type == chosen.type:
                b.issue(
                    IssueCode.CONFLICTING_VALUE,
                    f"{e.label} given again with a different value; the first is kept",
                    field="enrollment",
                    line=e.line,
                )
            b.keep(e.raw, e.line, e.label)

    def _age(self, path: str, raw: str, ln: int, label: str) -> None:
        text = _PLURAL_RE.sub(lambda m: m.group(1), raw)
        age = vocab.parse_age(text)
        if age is not None:
            self.b.set(path, age.model_dump(mode="json"), line=ln, label=label)
        elif vocab.is_no_age_limit(text) or _is_placeholder(raw):
            self.b.keep(raw, ln, label)
        else:
            self._unmapped(path, raw, ln, label)

    def _age_range(self, raw: str, ln: int, label: str) -> None:
        b = self.b
        text = _PLURAL_RE.sub(lambda m: m.group(1), raw)
        groups: list[str] = []
        tail = _paren_tail(text)
        if tail:
            text, groups = tail[0], [g.strip() for g in tail[1].split(",") if g.strip()]
        if groups and not all(vocab.lookup(vocab.STD_AGE, g) for g in groups):
            self._unmapped("eligibility", raw, ln, label)
            return
        span = vocab.parse_age_range(text)
        if span is None:
            if not groups and all(vocab.lookup(vocab.STD_AGE, g) for g in _split_items(text)):
                self._std_ages(text, ln, label)
            else:
                self._unmapped("eligibility", raw, ln, label)
            return
        low, high = span
        if low is not None:
            b.set("eligibility.minimum_age", low.model_dump(mode="json"), line=ln, label=label)
        if high is not None:
            b.set("eligibility.maximum_age", high.model_dump(mode="json"), line=ln, label=label)
        for g in groups:
            b.map_enum_item("eligibility.std_ages", vocab.STD_AGE, g, line=ln)

    def _std_ages(self, raw: str, ln: int, label: str) -> None:
        items = _split_items(raw)
        if not items or not all(vocab.lookup(vocab.STD_AGE, g) for g in items):
            self._unmapped("eligibility.std_ages", raw, ln, label)
            return
        for g in items:
            self.b.map_enum_item("eligibility.std_ages", vocab.STD_AGE, g, line=ln)

    def _text_block(self, handler: str, label: str, parts: list[tuple[int, str]]) -> None:
        b = self.b
        text = "\n".join(t.strip() for _, t in parts).strip()
        ln = parts[0][0]
        if _is_placeholder(text):
            b.keep(text, ln, label)
            return
        if handler in ("brief_summary", "detailed_description"):
            b.set(handler, text, line=ln, label=label)
            return
        if handler == "criteria":
            b.set("eligibility.criteria", text, line=ln, label=label)
            inclusion, exclusion = split_criteria(text)
            b.extend("eligibility.inclusion", inclusion)
            b.extend("eligibility.exclusion", exclusion)
            return
        inclusion, exclusion = split_criteria(text)
        b.extend(f"eligibility.{handler}", inclusion + exclusion)

    def _list(self, handler: str, label: str, parts: list[tuple[int, str]]) -> None:
        b = self.b
        items: list[tuple[int, str]] = []
        for n, text in parts:
            m = _BULLET_RE.match(text)
            item = text[m.end() :].strip() if m else text.strip()
            if handler in ("primary_outcomes", "secondary_outcomes"):
                pieces = [item]
            elif handler == "countries":
                pieces = _split_countries(item)
            elif handler == "keywords":
                pieces = _split_items(item)
            else:
                pieces = [p.strip() for p in item.split(";")]
            items.extend((n, p) for p in pieces if p)
        if not items:
            b.empty(label, line=parts[0][0], field=_path(handler))
            return
        for n, item in items:
            if _is_placeholder(item):
                b.keep(item, n, label)
            elif handler == "conditions":
                b.add("conditions", item, line=n)
            elif handler == "keywords":
                b.add("keywords", item, line=n)
            elif handler == "countries":
                b.add("countries", item, line=n)
            elif handler == "collaborators":
                b.add("collaborators", {"name": item}, line=n)
            elif handler == "interventions":
                b.add("interventions", _intervention(item), line=n)
            else:
                kind = "PRIMARY" if handler == "primary_outcomes" else "SECONDARY"
                b.add("outcomes", {"kind": kind, "measure": item}, line=n)

    # --- identifiers --------------------------------------------------------------------
    def _id_value(self, kind: str, label: str, raw: str, ln: int) -> None:
        """A value of an id label: this trial's ids, sponsor codes, or a malformed id."""
        b = self.b
        self.id_lines.add(ln)
        if _is_placeholder(raw):
            b.keep(raw, ln, label)
            return
        if kind == "IRAS" and raw.strip().isdigit():
            b.set_id(raw, expect="IRAS", line=ln, label=label)
            self.labelled_ids.add(raw.strip())
            return
        found = find_ids(raw)
        if not found:
            if kind in ("", "other", "sponsor"):
                for token in re.split(r"[,;]", raw):
                    token = token.strip()
                    if token:
                        b.add_secondary(token, "SPONSOR" if kind == "sponsor" else None, line=ln)
            else:
                b.set_id(raw, expect=kind, line=ln, label=label)
            return
        for f in found:
            self._file(f, ln, label)
        # what is left around the ids: sponsor codes, or words worth keeping (each piece as
        # printed; a link around an id, "[NCT..](https://...NCT..)", is only its wrapping)
        rest, pos = [], 0
        for f in found:
            rest.append(raw[pos : f.start])
            pos = f.end
        rest.append(raw[pos:])
        tokens = (t for piece in rest for t in re.split(r"[,;]", piece))
        for token in tokens:
            token = token.strip(" .:-|/")
            words = {w.lower() for w in _WORD_RE.findall(token)}
            if not words - _ID_WORDS:
                continue
            if kind in ("", "other", "sponsor") and _CODE_RE.fullmatch(token):
                b.add_secondary(token, "SPONSOR" if kind == "sponsor" else None, line=ln)
            else:
                b.keep(token, ln, label)

    def _file(self, f: FoundId, ln: int, label: str | None) -> None:
        self.b.set_id(f.id, expect="IRAS" if f.kind == "IRAS" else None, line=ln, label=label)
        self.labelled_ids.add(f.id)

    def _resolve_ids(self) -> None:
        """The page's own id when no label gave one; every other id is only mentioned."""
        b = self.b
        lines = self.page.lines
        seen: list[tuple[int, FoundId]] = []
        for n, line in enumerate(lines, start=1):
            if n in self.id_lines or n in b.noise_lines:
                continue
            seen.extend((n, f) for f in find_ids(line))
        standalone = {n for n, _ in self.standalone}
        # a short row naming a registry ("<TAB>NCT03566914<TAB>ClinicalTrials.gov")
        for n, f in seen:
            line = lines[n - 1]
            around = line[: f.start] + " " + line[f.end :]
            if (
                len(line.split()) <= _SHORT_ROW_WORDS
                and _REGISTRY_WORDS_RE.search(around)
                and f.id not in self.labelled_ids
            ):
                self._file(f, n, None)
        head = self._first_lines()
        if not self.labelled_ids:
            # nothing labelled: the id of the title block, else the one repeated most
            first = next(((n, f) for n, f in seen if n in head), None)
            if first is not None:
                self._file(first[1], first[0], None)
            else:
                counts = Counter(f.id for _, f in seen).most_common(2)
                if (
                    counts
                    and counts[0][1] >= 2
                    and (len(counts) == 1 or counts[1][1] < counts[0][1])
                ):
                    n, f = next((n, f) for n, f in seen if f.id == counts[0][0])
                    self._file(f, n, None)
        # an id standing alone in the title block, or of a kind no label gave, is the page's own
        for n, f in seen:
            if n in head and (
                n in standalone or (f.kind in ID_FIELDS and b.data.get(ID_FIELDS[f.kind]) is None)
            ):
                self._file(f, n, None)
        filed = set(self.labelled_ids)
        filed.update(str(b.data.get(field)) for field in ID_FIELDS.values() if b.data.get(field))
        filed.update(str(s["id"]) for s in b.data.get("secondary_ids", []))
        for n, row in self.standalone:
            if row.only_id is not None and row.only_id.id not in filed:
                b.keep(row.text, n)
        reported: set[str] = set()
        for n, f in seen:
            if f.id in filed or f.id in reported:
                continue
            reported.add(f.id)
            if f.kind == "NCT":
                b.add("related_studies", {"nct_id": f.id})
            b.issue(
                IssueCode.FOREIGN_ID,
                f"{f.id} is mentioned on the page but not given as this trial's identifier; "
                "not filed as its id" + (" (listed in related_studies)" if f.kind == "NCT" else ""),
                field="related_studies" if f.kind == "NCT" else None,
                line=n,
            )

    def _first_lines(self) -> set[int]:
        """The title block: the first lines that are titles or headings, not label values."""
        out: set[int] = set()
        count = 0
        for n, row in enumerate(self.rows, start=1):
            if row.kind in (_BLANK, _NOISE):
                continue
            count += 1
            if count > _FIRST_LINES:
                break
            if row.kind in (_TEXT, _HEAD) and len(row.text.split()) <= _TITLE_WORDS:
                out.add(n)
        return out

    def _check_truncated(self) -> None:
        """A dump that stops mid-paragraph: no final newline, last paragraph unfinished."""
        text = self.page.text
        if not text or text[-1] in "\n\r" or self.last_text_line == 0:
            return
        last = next((n for n in range(len(self.rows), 0, -1) if self.rows[n - 1].kind != _BLANK), 0)
        if last != self.last_text_line:
            return
        line = self.page.lines[last - 1].rstrip()
        if len(line.split()) >= 8 and (line[-1].isalnum() or line[-1] == ","):
            self.b.issue(
                IssueCode.TRUNCATED,
                "the page stops in the middle of a paragraph; the rest of the page is missing",
                line=last,
            )


def _paren_tail(text: str) -> tuple[str, str] | None:
    """ "Double (Participant, Investigator)" -> ("Double", "Participant, Investigator")."""
    t = text.strip()
    i = t.rfind("(")
    if i <= 0 or not t.endswith(")"):
        return None
    head, inner = t[:i].strip(), t[i + 1 : -1]
    if not head or "(" in head or ")" in head or ")" in inner:
        return None
    return head, inner


def _continues(row: _Row) -> bool:
    """Does a text line below a pair continue its value (a list item, a wrapped sentence)?"""
    t = row.text.rstrip()
    return row.bullet or t[-1:] in ".;:!?" or t[:1].islower()


def _paragraph_like(text: str) -> bool:
    """A continuation line: a sentence or a long line, not a short label-like line."""
    t = text.rstrip()
    return len(t.split()) >= 6 or t[-1:] in ".;:!?)\"'”"


def _split_items(text: str) -> list[str]:
    sep = ";" if ";" in text else ","
    return [p.strip() for p in text.split(sep) if p.strip()]


def _split_countries(text: str) -> list[str]:
    if ";" in text:
        return [p.strip() for p in text.split(";") if p.strip()]
    out: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if out and _COUNTRY_TAIL_RE.match(part):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


def _intervention(item: str) -> dict[str, str | None]:
    m = _TYPED_ITEM_RE.fullmatch(item)
    if m:
        kind = vocab.lookup(vocab.INTERVENTION_TYPE, m.group(1))
        if kind is not None:
            return {"type": kind.value, "name": m.group(2).strip()}
    return {"type": None, "name": item}


# --- detection --------------------------------------------------------------------------
_SCAN_LINES = 600
_SCAN_CHARS = 200_000
# above the core's MIN_EXPLICIT_SCORE (0.05), below its MIN_SCORE (0.2)
_EXPLICIT_ONLY = 0.05
_STRICT = frozenset(
    {
        "overall_status",
        "phases",
        "study_type",
        "start_date",
        "primary_completion_date",
        "completion_date",
        "first_posted_date",
        "last_update_date",
        "enrollment",
        "sex",
        "minimum_age",
        "maximum_age",
        "age_range",
        "healthy_volunteers",
        "allocation",
        "masking",
        "primary_purpose",
    }
)
_PER_RESULT = ("overall_status", "phases", "brief_title", "id:", "id:NCT")


def _valid(handler: str, raw: str) -> bool:
    """Does the value read as its field (a status, a date, a count...)? Text fields never do."""
    match handler:
        case "overall_status":
            return vocab.lookup(vocab.STATUS, raw) is not None
        case "phases":
            return vocab.parse_phases(raw) is not None
        case "study_type":
            return vocab.lookup(vocab.STUDY_TYPE, raw) is not None
        case "enrollment":
            return _COUNT_RE.match(raw) is not None or _QUOTED_COUNT_RE.search(raw) is not None
        case "sex":
            return vocab.lookup(vocab.SEX, raw) is not None
        case "minimum_age" | "maximum_age":
            return vocab.parse_age(_PLURAL_RE.sub(lambda m: m.group(1), raw)) is not None
        case "age_range":
            text = _PLURAL_RE.sub(lambda m: m.group(1), raw)
            return vocab.parse_age_range((_paren_tail(text) or (text, ""))[0]) is not None
        case "healthy_volunteers":
            return vocab.parse_yes_no(raw) is not None
        case "allocation":
            return vocab.lookup(vocab.ALLOCATION, raw) is not None
        case "masking":
            return vocab.lookup(vocab.MASKING, (_paren_tail(raw) or (raw, ""))[0]) is not None
        case "primary_purpose":
            return vocab.lookup(vocab.PRIMARY_PURPOSE, raw) is not None
        case _:
            if handler.endswith("_date"):
                return parse_partial_date(_DATE_NOTE_RE.sub("", raw).strip()) is not None
            return False


def _looks_structured(page: Page) -> bool:
    """JSON or XML input: those formats have their own extractors; generic never reads them."""
    head = page.text[:200].lstrip()
    if head.startswith("{"):
        return True
    if head.startswith("["):
        return head[1:].lstrip()[:1] in ("{", "[", '"', "]", "") or head[1:].lstrip()[:1].isdigit()
    return head.startswith("<") and not page.is_html


def _evidence(page: Page) -> float:
    """How surely the page is one trial record, from its own content alone."""
    if _looks_structured(page):
        return 0.0
    rows = _rows(page, _SCAN_LINES)
    if len(rows) == len(page.lines):
        # every row of the page: the extraction that follows a detection takes them
        page.derived[_ROWS_KEY] = rows
    fields: Counter[str] = Counter()
    strict: set[str] = set()
    for i, row in enumerate(rows):
        if row.handler is None or row.handler == "keep":
            continue
        value = row.value
        if row.kind == _LABEL:
            j = i + 1
            while j < len(rows) and rows[j].kind == _BLANK:
                j += 1
            value = rows[j].text if j < len(rows) and rows[j].kind == _TEXT else ""
        if not value:
            continue
        fields[row.handler] += 1
        if row.handler in _STRICT and _valid(row.handler, value):
            strict.add(row.handler)
    text = "\n".join(page.lines[:_SCAN_LINES])[:_SCAN_CHARS]
    ids = find_ids(text)
    # something generic can read (an explicit format="generic" is not refused), not a claim
    readable = _EXPLICIT_ONLY if ids or fields else 0.0
    if not strict or not ids:
        return readable
    per_kind = Counter(kind for kind, _ in {(f.kind, f.id) for f in ids})
    if per_kind.most_common(1)[0][1] >= 3 and max(fields[h] for h in _PER_RESULT) >= 3:
        return 0.1  # a list of trials (search results), not one record
    known = len(fields)
    if len(strict) >= 2 and known >= 4:
        return min(0.6, 0.5 + 0.02 * (known - 4))
    if len(strict) >= 2 and known >= 3:
        return 0.3
    return 0.1


def analyse_text(page: Page) -> float:
    """Up to 0.6 for a page that is recognisably one trial record.

    Detection consults this fallback only when no dedicated detector reaches 0.5
    (``_registry.FALLBACK_BELOW``), so it never takes a dedicated format's page.

    Recognisably one record: a registry id, at least two labels whose values read as
    their field (a status, a phase, a date, a count...), four lexicon fields in all,
    and not the same labels repeated for several trials (a search results page).
    A news article or a glossary page has no such label / value structure.
    """
    return _evidence(page)


def extract(page: Page) -> Trial:
    return _Reader(page).run()
