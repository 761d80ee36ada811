"""ClinicalTrials.gov legacy public XML: one ``<clinical_study>`` record per file.

The site served this XML from 2007 until 2023 (``/ct2/show/NCT...?displayxml=true``
and the bulk ``AllPublicXML`` download); archives and AACT-era datasets still hold
it. Three dialects are read, all with the root ``<clinical_study>``:

Modern (2016-2023)::

    <clinical_study rank="1">
      <required_header>...ClinicalTrials.gov processed this data on August 18, 2020...
      <id_info>
        <org_study_id>AFT-05</org_study_id>
        <secondary_id>2014-005181-30</secondary_id>
        <nct_id>NCT02513394</nct_id>
      </id_info>
      <brief_title>PALbociclib CoLlaborative Adjuvant Study</brief_title>
      <brief_summary>
        <textblock>
          This is a prospective, two arm, international, multicenter, randomized ...
      <overall_status>Active, not recruiting</overall_status>
      <start_date>August 2015</start_date>
      <completion_date type="Anticipated">September 2025</completion_date>
      <phase>Phase 3</phase>
      <study_design_info>
        <masking>Double (Participant, Investigator)</masking>
      ...
      <study_first_posted type="Estimate">July 31, 2015</study_first_posted>

2014 dialect: the same, but the design is one text
(``<study_design>Allocation: Randomized, Endpoint Classification: Efficacy Study,
Intervention Model: Parallel Assignment, Masking: Double Blind (Subject,
Investigator), Primary Purpose: Treatment</study_design>``), and the dates are
``<firstreceived_date>`` / ``<lastchanged_date>``.

Archive dialect (ClinicalTrials.gov Archive snapshots, 2005-2014), different
element names and every text in a ``<textblock>``::

    <clinical_study>
    <study_id>
    <org_study_id>
      CDR0000350336
    </org_study_id>
    <secondary_id>
    <id>  U01CA097452 </id>
    <id_type> US NIH Grant Number </id_type>
    </secondary_id>
    <nct_id>  NCT00077454  </nct_id>
    </study_id>
    <brief_title>
    <textblock>  Erlotinib and Temozolomide in Treating ...  </textblock>
    </brief_title>
    <study_sponsor><lead_sponsor><agency> ... </agency></lead_sponsor> ...
    <detailed_descr> <status_block><status> Recruiting ... <phase_block><phase> ...
    <design> Treatment </design> <design> Open Label </design>
    <intervention><intervent_type> Drug </intervent_type><primary_name> ...
    <investigator><role> Study Chair </role><name> ... </name> ...
    <initial_release_date> 2004-02-10 </initial_release_date>

Quirks and decisions:

- The reader is hardened (``trialparse._xml``): a DTD, an entity declaration or
  an external reference is refused with ``UnsafeXMLError``; real records carry
  none (the 2014 files only name their DTD inside a comment).
- Results (``<clinical_results>``, ``<pending_results>``, results dates and
  references) are ignored, as is record administration (``required_header``,
  ``oversight_info``, ``responsible_party``, verification and submission dates,
  links, references, document lists). Protocol content the schema has no field
  for (arm groups, other intervention names, why stopped, observational model,
  study population...) is kept in ``unparsed`` under its element path. An
  element not in ``LABELS`` is kept too, with an ``unknown_label`` issue.
- Dates keep their printed precision ("August 2015" -> 2015-08); their
  ``type`` (Actual / Anticipated) has no schema field and is dropped.
  ``firstreceived_date`` / ``lastchanged_date`` (strictly the submission dates)
  stand in for the posted dates only where the record lacks
  ``study_first_posted`` / ``last_update_posted`` (some records carry both).
  The archive's ``initial_release_date`` / ``last_release_date`` are the posted dates.
- Text blocks (modern and 2014) were re-wrapped by the site at 100 columns,
  with a common indent and a blank line for each line break of the original.
  The wrap is undone (a break after a line filled to the margin, before a line
  that is not a list item, was the wrapper's) and the indent removed, which
  gives back the sponsor's text (NCT02513394's summary equals its API v2 text).
  Archive text blocks were not re-wrapped: only their indent is removed.
  Criteria are split with the shared ``split_criteria``.
- Keywords: the record's own ``<keyword>`` list, then the MeSH terms the site
  assigned (``condition_browse`` and ``intervention_browse``) not already there.
- ``number_of_groups`` (observational studies) fills ``design.number_of_arms``.
- ``study_type`` ``N/A`` (withheld records) and ages ``N/A`` are null, no issue.
- Contacts: central contacts (and backups), overall officials, the responsible
  investigator (unless already listed as an official with that role), then each
  site's contacts and investigators with the facility as affiliation; exact
  repeats are listed once (the order and rules of ``ctgov-json``). ``phone_ext``
  is appended to the phone (``"... ext. 12"``).
- A document whose root wraps several ``<clinical_study>`` records yields each
  (``iter_trials``); ``parse_*`` then raise ``MultipleRecordsError``.
- An empty element that maps to a trial-level field (archive records often hold
  ``<start_date><date></date></start_date>``) is an ``empty_value`` issue; empty
  parts of sites and contacts are simply absent.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from .. import _vocab as vocab
from .._builder import TrialBuilder
from .._criteria import split_criteria
from .._errors import InputError
from .._model import IssueCode, Trial
from .._text import Page
from .._xml import XmlDocument, parse_xml_lines

ID = "ctgov-xml"
TITLE = "ClinicalTrials.gov legacy XML (<clinical_study>, incl. 2014 and Archive dialects)"
URL = "https://clinicaltrials.gov/"
STRUCTURED = True

E = TypeVar("E", bound=StrEnum)

ROOT = "clinical_study"

# Element path (below <clinical_study>) -> what it feeds. Keys:
#   "text:<field>"  one-line text (spaces collapsed)   "block:<field>"  text block
#   "date:<field>"  a date       "olddate:<field>"  a date used only when the modern
#   element is absent          "enum:<field>"  a value mapped through ENUMS
#   "age:<field>"   an age bound   "list:<field>"  one item of a list field
#   "descend"       a wrapper: read its children by their own paths
#   "part"          read by its parent's handler        "keep"  kept in `unparsed`
#   "skip"          outside the schema (results, record administration): ignored
#   "noise"         the site's own boilerplate
#   any other value names a handler of `_Reader`.
LABELS: dict[str, str] = {
    # --- identification
    "id_info": "descend",
    "id_info/org_study_id": "org_study_id",
    "id_info/secondary_id": "secondary_id",
    "id_info/nct_id": "nct_id",
    "id_info/nct_alias": "nct_alias",
    "study_id": "descend",  # archive
    "study_id/org_name": "skip",
    "study_id/org_full_name": "skip",
    "study_id/org_study_id": "org_study_id",
    "study_id/secondary_id": "secondary_id",
    "study_id/secondary_id/id": "part",
    "study_id/secondary_id/id_type": "part",
    "study_id/secondary_id/id_domain": "part",
    "study_id/nct_id": "nct_id",
    "acronym": "text:acronym",
    "brief_title": "text:brief_title",
    "official_title": "text:official_title",
    # --- sponsors
    "sponsors": "descend",
    "sponsors/lead_sponsor": "lead_sponsor",
    "sponsors/lead_sponsor/agency": "part",
    "sponsors/lead_sponsor/agency_class": "part",
    "sponsors/collaborator": "collaborator",
    "sponsors/collaborator/agency": "part",
    "sponsors/collaborator/agency_class": "part",
    "study_sponsor": "descend",  # archive
    "study_sponsor/lead_sponsor": "lead_sponsor",
    "study_sponsor/lead_sponsor/agency": "part",
    "study_sponsor/sponsor": "collaborator",
    "study_sponsor/sponsor/agency": "part",
    "source": "skip",
    # --- descriptions
    "brief_summary": "block:brief_summary",
    "detailed_description": "block:detailed_description",
    "detailed_descr": "block:detailed_description",  # archive
    # --- status and dates
    "overall_status": "enum:overall_status",
    "status_block": "descend",  # archive
    "status_block/status": "enum:overall_status",
    "status_block/date": "skip",  # the status verification date
    "last_known_status": "keep",
    "why_stopped": "keep",
    "start_date": "date:start_date",
    "start_date/date": "part",
    "completion_date": "date:completion_date",
    "end_date": "date:completion_date",  # archive
    "end_date/date": "part",
    "primary_completion_date": "date:primary_completion_date",
    "primary_compl_date": "date:primary_completion_date",  # archive
    "primary_compl_date/date": "part",
    "study_first_posted": "date:first_posted_date",
    "firstreceived_date": "olddate:first_posted_date",  # 2014
    "initial_release_date": "date:first_posted_date",  # archive
    "last_update_posted": "date:last_update_date",
    "lastchanged_date": "olddate:last_update_date",  # 2014
    "last_release_date": "date:last_update_date",  # archive
    # --- design
    "phase": "phases",
    "phase_block": "descend",  # archive
    "phase_block/phase": "phases",
    "study_type": "enum:study_type",
    "has_expanded_access": "skip",
    "expanded_access_info": "keep",
    "study_design_info": "descend",
    "study_design_info/allocation": "enum:design.allocation",
    "study_design_info/intervention_model": "enum:design.intervention_model",
    "study_design_info/primary_purpose": "enum:design.primary_purpose",
    "study_design_info/masking": "masking",
    "study_design_info/intervention_model_description": "keep",
    "study_design_info/masking_description": "keep",
    "study_design_info/observational_model": "keep",
    "study_design_info/time_perspective": "keep",
    "study_design": "study_design",  # 2014: "Allocation: Randomized, ..."
    "design": "archive_design",  # archive: one <design> per term
    "number_of_arms": "number_of_arms",
    "number_of_groups": "number_of_arms",
    "target_duration": "keep",
    "biospec_retention": "keep",
    "biospec_descr": "keep",
    "arm_group": "keep",
    "enrollment": "enrollment",
    # --- outcomes
    "primary_outcome": "outcome",
    "secondary_outcome": "outcome",
    "other_outcome": "outcome",
    **{
        f"{kind}_outcome/{part}": "part"
        for kind in ("primary", "secondary", "other")
        for part in ("measure", "time_frame", "description", "safety_issue")
    },
    # --- conditions, keywords, interventions
    "condition": "list:conditions",
    "keyword": "list:keywords",
    "condition_browse": "descend",
    "condition_browse/mesh_term": "mesh",
    "intervention_browse": "descend",
    "intervention_browse/mesh_term": "mesh",
    "intervention": "intervention",
    "intervention/intervention_type": "part",
    "intervention/intervent_type": "part",  # archive
    "intervention/intervention_name": "part",
    "intervention/primary_name": "part",  # archive
    "intervention/description": "part",
    "intervention/arm_group_label": "skip",  # a cross-reference to an arm group
    "intervention/other_name": "keep",
    # --- eligibility
    "eligibility": "descend",
    "eligibility/criteria": "criteria",
    "eligibility/gender": "enum:eligibility.sex",
    "eligibility/minimum_age": "age:eligibility.minimum_age",
    "eligibility/maximum_age": "age:eligibility.maximum_age",
    "eligibility/healthy_volunteers": "healthy_volunteers",
    "eligibility/study_pop": "keep",
    "eligibility/sampling_method": "keep",
    "eligibility/gender_based": "keep",
    "eligibility/gender_description": "keep",
    "eligibility/patients": "keep",  # archive, always empty in the corpus
    "eligibility/expected_enrollment": "expected_enrollment",  # archive
    # --- people and places
    "overall_official": "official",
    "investigator": "official",  # archive
    "overall_contact": "central_contact",
    "overall_contact_backup": "central_contact",
    **{
        f"{person}/{part}": "part"
        for person in (
            "overall_official",
            "investigator",
            "overall_contact",
            "overall_contact_backup",
            "location/contact",
            "location/contact_backup",
            "location/investigator",
        )
        for part in (
            "first_name",
            "middle_name",
            "last_name",
            "name",
            "degrees",
            "role",
            "affiliation",
            "phone",
            "phone_ext",
            "email",
        )
    },
    "investigator/affiliation/agency": "part",
    "location": "location",
    "location/facility": "part",
    "location/facility/name": "part",
    "location/facility/address": "part",
    "location/facility/address/city": "part",
    "location/facility/address/state": "part",
    "location/facility/address/zip": "part",
    "location/facility/address/country": "part",
    "location/status": "part",
    "location/contact": "part",
    "location/contact_backup": "part",
    "location/investigator": "part",
    "location_countries": "descend",
    "location_countries/country": "list:countries",
    "removed_countries": "skip",
    # --- outside the schema: record administration, results, references
    "verification_date": "skip",
    "study_first_submitted": "skip",
    "study_first_submitted_qc": "skip",
    "last_update_submitted": "skip",
    "last_update_submitted_qc": "skip",
    "results_first_submitted": "skip",
    "results_first_submitted_qc": "skip",
    "results_first_posted": "skip",
    "disposition_first_submitted": "skip",
    "disposition_first_submitted_qc": "skip",
    "disposition_first_posted": "skip",
    "firstreceived_results_date": "skip",
    "firstreceived_results_disposition_date": "skip",
    "init_disposition_release_date": "skip",
    "init_results_release_date": "skip",
    "last_follow_up_date": "skip",
    "last_data_entry_date": "skip",
    "oversight_info": "skip",
    "is_fda_regulated": "skip",
    "is_section_801": "skip",
    "responsible_party": "responsible_party",
    "responsible_party/responsible_party_type": "part",
    "responsible_party/investigator_full_name": "part",
    "responsible_party/investigator_affiliation": "part",
    "responsible_party/investigator_title": "part",
    "responsible_party/name_title": "keep",  # 2014: the party's name and title, as one text
    "responsible_party/organization": "keep",
    "resp_party": "skip",
    "patient_data": "skip",
    "study_docs": "skip",
    "provided_document_section": "skip",
    "link": "skip",
    "see_also": "skip",
    "reference": "skip",
    "results_reference": "skip",
    "results": "skip",  # archive: published references
    "clinical_results": "skip",
    "pending_results": "skip",
    "required_header": "noise",
}

# The site's own boilerplate, inside <required_header> (the parser drops comments).
NOISE: tuple[str, ...] = (
    "ClinicalTrials.gov processed this data on",
    "Link to the current ClinicalTrials.gov record.",
)

ENUMS: dict[str, Mapping[str, StrEnum]] = {
    "overall_status": vocab.STATUS,
    "study_type": vocab.STUDY_TYPE,
    "design.allocation": vocab.ALLOCATION,
    "design.intervention_model": vocab.INTERVENTION_MODEL,
    "design.primary_purpose": vocab.PRIMARY_PURPOSE,
    "eligibility.sex": vocab.SEX,
}

# The modern element that, where present, wins over an older name for the same date.
_MODERN_DATE: dict[str, str] = {
    "first_posted_date": "study_first_posted",
    "last_update_date": "last_update_posted",
}

# 2014 <study_design> keys -> LABELS-style targets ("keep": no schema field).
STUDY_DESIGN_KEYS: dict[str, str] = {
    "allocation": "enum:design.allocation",
    "intervention model": "enum:design.intervention_model",
    "primary purpose": "enum:design.primary_purpose",
    "masking": "masking",
    "endpoint classification": "keep",
    "observational model": "keep",
    "time perspective": "keep",
}

# A key of the 2014 <study_design> text: "Intervention Model", "Endpoint Classification"
_DESIGN_KEY_RE = re.compile(r"[A-Za-z][A-Za-z /-]{0,40}")

# Archive <design> terms that are endpoint classifications (no schema field).
_ENDPOINT_SUFFIX = "study"  # "Safety Study", "Efficacy Study", "Bio-availability Study"

# Archive <id_type> -> SecondaryId.type (the short types ctgov-json uses too); others as printed.
SECONDARY_ID_TYPES: dict[str, str] = {
    "us nih grant number": "NIH",
    "registry identifier": "REGISTRY",
    "eudract number": "EUDRACT",
    "other grant/funding number": "OTHER_GRANT",
    "other identifier": "OTHER",
}

# Study types that mean "none given" (withheld records print N/A).
_NO_VALUE = {"n/a", "na"}


def analyse_text(page: Page) -> float:
    """XML whose head opens a ``<clinical_study>`` record (or names it in a DOCTYPE)."""
    if page.plain_text or page.is_html:  # XML opens with a space or "<"
        return 0.0
    head = page.head
    if head.lstrip()[:1] != "<":
        return 0.0
    if "<clinical_study" not in head and "<!doctype clinical_study" not in head:
        return 0.0
    if "<id_info>" in head or "<study_id>" in head or "<required_header>" in head:
        return 1.0
    return 0.9


def extract(page: Page) -> Trial:
    """The one record of the page (the first, when a wrapper holds several)."""
    for trial in extract_many(page):
        return trial
    raise InputError("the XML holds no <clinical_study> record")


def extract_many(page: Page) -> Iterator[Trial]:
    """Every ``<clinical_study>`` record: the root itself, or each one under a wrapper."""
    doc = parse_xml_lines(page.text)
    root = doc.root
    records = [root] if root.tag == ROOT else root.findall(f".//{ROOT}")
    if not records:
        raise InputError(
            f"not a ClinicalTrials.gov record: the XML root is <{root.tag}>, "
            f"and it holds no <{ROOT}>"
        )
    for record in records:
        yield _Reader(doc, record).read()


# --- reading -----------------------------------------------------------------------------
def _raw(el: ET.Element) -> str:
    """An element's text; the text of its <textblock> or <date> wrapper where it has one."""
    for wrapper in ("textblock", "date"):
        inner = el.find(wrapper)
        if inner is not None:
            return inner.text or ""
    return el.text or ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


# The site wrapped text blocks at 100 columns, so its lines are at most 99 characters.
# A line filled this far (counting the next line's first word) ended at the margin.
WRAP_FILL = 98
# A line that opens a list item is never a wrapped continuation: "-  ", "* ", "• ", "2. ", "b) "
_ITEM_START_RE = re.compile(r"(?:[-*•o]|\d{1,3}[.)]|[a-z][.)])\s")


def _unwrap(text: str) -> str:
    """Undo the site's re-wrapping of a text block (see the module notes)."""
    out: list[str] = []
    for raw_line in text.split("\n"):
        line = raw_line.rstrip()  # 2021 files also end their lines with a CR
        if out and line and out[-1]:
            prev = out[-1]
            body = line.lstrip(" ")
            first_word = body.split(None, 1)[0]
            if (
                len(prev) + 1 + len(first_word) >= WRAP_FILL
                and len(line) - len(body) >= len(prev) - len(prev.lstrip(" "))
                and not _ITEM_START_RE.match(body)
            ):
                out[-1] = f"{prev} {body}"
                continue
        out.append(line)
    return "\n".join(out)


def _block(text: str) -> str:
    """A text block without the site's common indent and blank edges; line breaks kept."""
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return ""
    indent = min(len(line) - len(line.lstrip(" ")) for line in lines if line)
    return "\n".join(line[indent:] for line in lines)


_CENTRAL, _OFFICIAL, _RESPONSIBLE, _SITE = range(4)  # contact groups, in listing order


class _Reader:
    """Reads one <clinical_study> element into a Trial through a TrialBuilder."""

    def __init__(self, doc: XmlDocument, record: ET.Element) -> None:
        self.doc = doc
        self.record = record
        self.b = TrialBuilder(ID)
        self.archive = record.find("study_id") is not None
        self.mesh: list[tuple[str, int]] = []
        # contacts by group, listed in this order: central contacts, officials, the
        # responsible investigator, site contacts (the order ctgov-json gives too)
        self.contacts: tuple[list[dict[str, Any]], ...] = ([], [], [], [])
        self.lead_sponsor: str | None = None
        self.nct_el: ET.Element | None = None

    def line(self, el: ET.Element) -> int:
        return self.doc.line(el)

    def block(self, el: ET.Element) -> str:
        """An element's text as a block: unwrapped where the site wrapped it, no indent."""
        raw = _raw(el)
        if not self.archive and el.find("textblock") is not None:
            raw = _unwrap(raw)
        return _block(raw)

    # --- driver ----------------------------------------------------------------------
    def read(self) -> Trial:
        b = self.b
        # The NCT id first, so that an NCT-shaped sponsor id or secondary id listed
        # before it cannot take its place.
        for path in ("id_info/nct_id", "study_id/nct_id"):
            el = self.record.find(path)
            if el is not None and _one_line(_raw(el)):
                b.set_id(_one_line(_raw(el)), expect="NCT", line=self.line(el))
                self.nct_el = el
                break
        self.walk(self.record, "")
        own = {k.casefold() for k in b.get("keywords") or []}
        for term, line in self.mesh:
            if term.casefold() not in own:
                own.add(term.casefold())
                b.add("keywords", term, line=line)
        listed = self.contacts[_OFFICIAL]
        self.contacts[_RESPONSIBLE][:] = [
            c
            for c in self.contacts[_RESPONSIBLE]
            if not any(o["name"] == c["name"] and o["role"] == c["role"] for o in listed)
        ]
        seen: set[tuple[Any, ...]] = set()  # a set: sites can list thousands of contacts
        for group in self.contacts:
            for contact in group:
                key = tuple(contact.values())
                if key not in seen:
                    seen.add(key)
                    b.add("contacts", contact)
        return b.build()

    def walk(self, parent: ET.Element, prefix: str) -> None:
        for child in parent:
            path = f"{prefix}{child.tag}"
            key = LABELS.get(path)
            if key is None:
                self.unknown(child, path)
            else:
                self.dispatch(child, path, key)

    def dispatch(self, el: ET.Element, path: str, key: str) -> None:
        kind, _, field = key.partition(":")
        if kind == "descend":
            self.walk(el, f"{path}/")
        elif kind in ("skip", "part"):
            return
        elif kind == "noise":
            self.b.noise(self.line(el))
        elif kind == "keep":
            self.keep(el, path)
        elif field:
            self.scalar(el, path, kind, field)
        else:
            handler = getattr(self, f"h_{kind}", None)
            if handler is None:  # a LABELS entry without its handler: keep, never crash
                self.keep(el, path)
            else:
                handler(el, path)

    def parts(self, el: ET.Element, path: str) -> dict[str, ET.Element]:
        """The children of a compound element by tag (the first of each); others reported."""
        out: dict[str, ET.Element] = {}
        for child in el:
            cpath = f"{path}/{child.tag}"
            key = LABELS.get(cpath)
            if key is None:
                self.unknown(child, cpath)
            elif key == "keep":
                self.keep(child, cpath)
            elif key == "part":
                out.setdefault(child.tag, child)
        return out

    def text(self, parts: Mapping[str, ET.Element], *tags: str) -> str | None:
        """The first non-empty one-line text among these children."""
        for tag in tags:
            el = parts.get(tag)
            if el is not None:
                value = _one_line(_raw(el))
                if value:
                    return value
        return None

    # --- unparsed content ----------------------------------------------------------------
    def keep(self, el: ET.Element, path: str) -> None:
        """Keep an element's text in `unparsed`: one fragment per leaf, labelled by path."""
        stack: list[tuple[ET.Element, str]] = [(el, path)]
        while stack:
            node, npath = stack.pop()
            kids = [k for k in node if k.tag not in ("textblock", "date")]
            if kids:
                stack.extend((k, f"{npath}/{k.tag}") for k in reversed(kids))
                continue
            text = self.block(node)
            if text:
                self.b.keep(text, self.line(node), npath)

    def unknown(self, el: ET.Element, path: str) -> None:
        self.b.issue(
            IssueCode.UNKNOWN_LABEL,
            f"unknown element <{path}>; its text is kept in unparsed",
            line=self.line(el),
        )
        self.keep(el, path)
        self.b.use(self.line(el))

    def enum(self, table: Mapping[str, E], raw: str, field: str, line: int, label: str) -> E | None:
        """Map a value of a nested item (site status, role...); unmapped text is kept."""
        if not raw:
            return None
        value = vocab.lookup(table, raw)
        if value is None:
            self.b.unmapped(field, raw, line=line, label=label)
        return value

    # --- trial-level values ----------------------------------------------------------------
    def scalar(self, el: ET.Element, path: str, kind: str, field: str) -> None:
        b = self.b
        line = self.line(el)
        raw = _raw(el)
        value = _one_line(raw)
        if kind == "olddate" and self.record.find(_MODERN_DATE[field]) is not None:
            return  # the modern posted date is there: the old (submitted) date is not used
        if not value:
            if kind != "list":
                b.empty(path, line=line, field=field)
            return
        if kind == "text":
            b.set(field, value, line=line, label=path)
        elif kind == "block":
            b.set(field, self.block(el), line=line, label=path)
        elif kind in ("date", "olddate"):
            b.map_date(field, value, line=line, label=path)
        elif kind == "list":
            b.add(field, value, line=line)
        elif kind == "enum":
            if field == "study_type" and value.lower() in _NO_VALUE:
                b.use(line)
                return
            b.map_enum(field, ENUMS[field], value, line=line, label=path)
        elif kind == "age":
            age = vocab.parse_age(value)
            if age is not None:
                b.set(field, age, line=line, label=path)
            elif not vocab.is_no_age_limit(value):
                b.issue(IssueCode.INVALID_VALUE, f"'{value}' is not an age", field=field, line=line)
                b.keep(value, line, path)
            else:
                b.use(line)

    def h_nct_id(self, el: ET.Element, path: str) -> None:
        if el is self.nct_el:
            return  # read first, before everything else
        value = _one_line(_raw(el))
        if not value:
            self.b.empty(path, line=self.line(el), field="nct_id")
            return
        self.b.set_id(value, expect="NCT", line=self.line(el), label=path)

    def h_org_study_id(self, el: ET.Element, path: str) -> None:
        value = _one_line(_raw(el))
        if value:
            self.b.set_id(value, line=self.line(el), label=path, secondary_type="SPONSOR")

    def h_secondary_id(self, el: ET.Element, path: str) -> None:
        line = self.line(el)
        if len(el) == 0:  # modern and early archive: the id is the element's text
            text = _one_line(_raw(el))
            if text:
                self.b.set_id(text, line=line, label=path)
            return
        parts = self.parts(el, path)
        value = self.text(parts, "id")
        id_type = self.text(parts, "id_type")
        domain = parts.get("id_domain")
        if domain is not None and _one_line(_raw(domain)):
            self.b.keep(_one_line(_raw(domain)), self.line(domain), f"{path}/id_domain")
        if value:
            typed = SECONDARY_ID_TYPES.get(id_type.lower(), id_type) if id_type else None
            self.b.set_id(value, line=line, label=path, secondary_type=typed)

    def h_nct_alias(self, el: ET.Element, path: str) -> None:
        value = _one_line(_raw(el))
        if value:
            self.b.add_secondary(value.upper(), "NCT", line=self.line(el))

    def organization(self, el: ET.Element, path: str) -> dict[str, Any] | None:
        parts = self.parts(el, path)
        name = self.text(parts, "agency")
        if not name:
            return None
        org: dict[str, Any] = {"name": name}
        cls_el = parts.get("agency_class")
        if cls_el is not None:
            org["class"] = self.enum(
                vocab.AGENCY_CLASS,
                _one_line(_raw(cls_el)),
                "sponsor.class",
                self.line(cls_el),
                f"{path}/agency_class",
            )
        return org

    def h_lead_sponsor(self, el: ET.Element, path: str) -> None:
        org = self.organization(el, path)
        if org is None:
            self.b.empty(path, line=self.line(el), field="sponsor")
            return
        self.lead_sponsor = org["name"]
        self.b.set("sponsor", org, line=self.line(el), label=path)

    def h_collaborator(self, el: ET.Element, path: str) -> None:
        org = self.organization(el, path)
        # the archive's <sponsor> list repeats the lead sponsor among the others
        if org is not None and org["name"] != self.lead_sponsor:
            self.b.add("collaborators", org, line=self.line(el))

    def h_phases(self, el: ET.Element, path: str) -> None:
        value = _one_line(_raw(el))
        if not value:
            self.b.empty(path, line=self.line(el), field="phases")
            return
        self.b.map_phases(value, line=self.line(el), label=path)

    def h_masking(self, el: ET.Element, path: str) -> None:
        self.masking(_one_line(_raw(el)), self.line(el), path)

    def masking(self, value: str, line: int, label: str) -> None:
        """ "Double (Participant, Investigator)" -> DOUBLE + who masked; "None (Open Label)"."""
        b = self.b
        if not value:
            b.empty(label, line=line, field="design.masking")
            return
        if vocab.lookup(vocab.MASKING, value) is not None:
            b.map_enum("design.masking", vocab.MASKING, value, line=line, label=label)
            return
        head, paren, rest = value.partition("(")
        if not paren:
            b.map_enum("design.masking", vocab.MASKING, value, line=line, label=label)
            return
        b.map_enum("design.masking", vocab.MASKING, head, line=line, label=label)
        for who in rest.rstrip(") ").split(","):
            if who.strip():
                b.map_enum_item(
                    "design.who_masked", vocab.WHO_MASKED, who.strip(), line=line, label=label
                )

    def h_study_design(self, el: ET.Element, path: str) -> None:
        """2014: "Allocation: Randomized, Intervention Model: Parallel Assignment, ..."."""
        line = self.line(el)
        value = _one_line(_raw(el))
        if not value:
            self.b.empty(path, line=line, field="design")
            return
        pairs: list[list[str]] = []
        for piece in value.split(", "):
            name, colon, rest = piece.partition(":")
            in_parens = bool(pairs) and pairs[-1][1].count("(") > pairs[-1][1].count(")")
            if colon and not in_parens and _DESIGN_KEY_RE.fullmatch(name.strip()):
                pairs.append([name.strip(), rest.strip()])
            elif pairs:  # a comma inside a value: "Double Blind (Subject, Investigator)"
                pairs[-1][1] += ", " + piece
            else:
                pairs.append(["", piece])
        for name, raw in pairs:
            label = f"{path}/{name}" if name else path
            target = STUDY_DESIGN_KEYS.get(vocab.key(name))
            if target is None:
                self.b.issue(
                    IssueCode.UNKNOWN_LABEL, f"unknown study design item '{name}'", line=line
                )
                self.b.keep(raw, line, label)
            elif target == "keep":
                self.b.keep(raw, line, label)
            elif target == "masking":
                self.masking(raw, line, label)
            else:
                field = target.partition(":")[2]
                self.b.map_enum(field, ENUMS[field], raw, line=line, label=label)

    def h_archive_design(self, el: ET.Element, path: str) -> None:
        """Archive: one design term per element ("Treatment", "Open Label", ...)."""
        b = self.b
        line = self.line(el)
        value = _one_line(_raw(el))
        if not value:
            b.empty(path, line=line, field="design")
            return
        for field, table in (
            ("design.primary_purpose", vocab.PRIMARY_PURPOSE),
            ("design.masking", vocab.MASKING),
            ("design.intervention_model", vocab.INTERVENTION_MODEL),
            ("design.allocation", vocab.ALLOCATION),
        ):
            if vocab.lookup(table, value) is not None:
                b.map_enum(field, table, value, line=line, label=path)
                return
        if vocab.key(value).endswith(_ENDPOINT_SUFFIX):  # endpoint classification
            b.keep(value, line, path)
            return
        self.b.unmapped("design", value, line=line, label=path)

    def h_number_of_arms(self, el: ET.Element, path: str) -> None:
        self.count(el, path, "design.number_of_arms")

    def count(self, el: ET.Element, path: str, field: str) -> int | None:
        line = self.line(el)
        value = _one_line(_raw(el)).replace(",", "")
        if not value:
            self.b.empty(path, line=line, field=field)
            return None
        if not value.isdigit() or len(value) > 12:
            self.b.invalid(value, f"'{value}' is not a count", field=field, line=line, label=path)
            return None
        self.b.set(field, int(value), line=line, label=path)
        return int(value)

    def h_enrollment(self, el: ET.Element, path: str) -> None:
        if self.count(el, path, "enrollment.count") is None:
            return
        raw_type = el.get("type")
        if raw_type:
            self.b.map_enum(
                "enrollment.type",
                vocab.ENROLLMENT_TYPE,
                raw_type,
                line=self.line(el),
                label=f"{path}@type",
            )

    def h_expected_enrollment(self, el: ET.Element, path: str) -> None:
        """Archive: the target size before <enrollment> existed; used when that is absent."""
        if self.record.find("enrollment") is not None:
            self.keep(el, path)  # superseded by <enrollment>: kept if it says anything
            return
        if self.count(el, path, "enrollment.count") is not None:
            self.b.set("enrollment.type", vocab.ENROLLMENT_TYPE["estimated"], line=self.line(el))

    def h_outcome(self, el: ET.Element, path: str) -> None:
        parts = self.parts(el, path)
        measure = self.text(parts, "measure")
        kind = path.partition("_")[0].upper()
        if not measure:
            self.b.empty(path, line=self.line(el), field="outcomes")
            for tag in ("time_frame", "description"):
                if tag in parts:
                    self.keep(parts[tag], f"{path}/{tag}")
            return
        description = parts.get("description")
        self.b.add(
            "outcomes",
            {
                "kind": kind,
                "measure": measure,
                "time_frame": self.text(parts, "time_frame"),
                "description": (self.block(description) if description is not None else "") or None,
            },
            line=self.line(el),
        )

    def h_mesh(self, el: ET.Element, path: str) -> None:
        value = _one_line(_raw(el))
        if value:
            self.mesh.append((value, self.line(el)))

    def h_intervention(self, el: ET.Element, path: str) -> None:
        parts = self.parts(el, path)
        line = self.line(el)
        name = self.text(parts, "intervention_name", "primary_name")
        raw_type = self.text(parts, "intervention_type", "intervent_type")
        description = parts.get("description")
        desc_text = self.block(description) if description is not None else ""
        if not name:
            self.b.empty(path, line=line, field="interventions")
            if raw_type:
                self.b.keep(raw_type, line, f"{path}/intervention_type")
            if desc_text and description is not None:
                self.b.keep(desc_text, self.line(description), f"{path}/description")
            return
        itype = (
            self.enum(vocab.INTERVENTION_TYPE, raw_type, "interventions.type", line, path)
            if raw_type
            else None
        )
        self.b.add(
            "interventions",
            {"type": itype, "name": name, "description": desc_text or None},
            line=line,
        )

    def h_criteria(self, el: ET.Element, path: str) -> None:
        line = self.line(el)
        text = self.block(el)
        if not text:
            self.b.empty(path, line=line, field="eligibility.criteria")
            return
        self.b.set("eligibility.criteria", text, line=line, label=path)
        inclusion, exclusion = split_criteria(text, wrapped=False)  # unwrapped already
        self.b.set("eligibility.inclusion", inclusion, line=line)
        self.b.set("eligibility.exclusion", exclusion, line=line)

    def h_healthy_volunteers(self, el: ET.Element, path: str) -> None:
        line = self.line(el)
        value = _one_line(_raw(el))
        if not value:
            self.b.empty(path, line=line, field="eligibility.healthy_volunteers")
            return
        answer = vocab.parse_yes_no(value)
        if answer is None:
            self.b.unmapped("eligibility.healthy_volunteers", value, line=line, label=path)
        else:
            self.b.set("eligibility.healthy_volunteers", answer, line=line, label=path)

    # --- people and places ---------------------------------------------------------------
    def person(
        self,
        el: ET.Element,
        path: str,
        role: Any = None,
        affiliation: str | None = None,
    ) -> dict[str, Any] | None:
        parts = self.parts(el, path)
        names = [self.text(parts, t) for t in ("first_name", "middle_name", "last_name", "name")]
        name = " ".join(n for n in names if n) or None
        degrees = self.text(parts, "degrees")
        if name and degrees:
            name = f"{name}, {degrees}"
        raw_role = self.text(parts, "role")
        if raw_role:
            role = self.enum(vocab.ROLE, raw_role, "contacts.role", self.line(el), f"{path}/role")
        aff_el = parts.get("affiliation")
        if aff_el is not None:
            agency = aff_el.find("agency")  # archive: <affiliation><agency>...
            affiliation = _one_line(_raw(agency if agency is not None else aff_el)) or affiliation
        phone = self.text(parts, "phone")
        ext = self.text(parts, "phone_ext")
        if phone and ext:
            phone = f"{phone} ext. {ext}"
        contact = {
            "name": name,
            "role": role,
            "affiliation": affiliation,
            "email": self.text(parts, "email"),
            "phone": phone or (f"ext. {ext}" if ext else None),
        }
        if not (name or contact["email"] or contact["phone"]):
            return None
        return contact

    def add_contact(self, contact: dict[str, Any] | None, line: int, group: int) -> None:
        self.b.use(line)
        if contact is not None:
            self.contacts[group].append(contact)

    def h_official(self, el: ET.Element, path: str) -> None:
        self.add_contact(self.person(el, path), self.line(el), _OFFICIAL)

    def h_responsible_party(self, el: ET.Element, path: str) -> None:
        """An investigator who is the responsible party is a contact; a sponsor is not."""
        parts = self.parts(el, path)
        name = self.text(parts, "investigator_full_name")
        if not name:
            return
        line = self.line(el)
        raw_type = self.text(parts, "responsible_party_type")
        role = (
            self.enum(vocab.ROLE, raw_type, "contacts.role", line, f"{path}/responsible_party_type")
            if raw_type
            else None
        )
        title = parts.get("investigator_title")
        if title is not None and _one_line(_raw(title)):
            self.b.keep(_one_line(_raw(title)), self.line(title), f"{path}/investigator_title")
        self.add_contact(
            {
                "name": name,
                "role": role,
                "affiliation": self.text(parts, "investigator_affiliation"),
                "email": None,
                "phone": None,
            },
            line,
            _RESPONSIBLE,
        )

    def h_central_contact(self, el: ET.Element, path: str) -> None:
        self.add_contact(
            self.person(el, path, role=vocab.ROLE["central contact"]), self.line(el), _CENTRAL
        )

    def h_location(self, el: ET.Element, path: str) -> None:
        line = self.line(el)
        parts = self.parts(el, path)
        place: dict[str, Any] = {}
        facility = parts.get("facility")
        if facility is not None:
            fparts = self.parts(facility, f"{path}/facility")
            place["facility"] = self.text(fparts, "name")
            address = fparts.get("address")
            if address is not None:
                aparts = self.parts(address, f"{path}/facility/address")
                for tag in ("city", "state", "zip", "country"):
                    place[tag] = self.text(aparts, tag)
        raw_status = self.text(parts, "status")
        if raw_status:
            place["status"] = self.enum(
                vocab.SITE_STATUS, raw_status, "locations.status", line, f"{path}/status"
            )
        if any(v is not None for v in place.values()):
            self.b.add("locations", place, line=line)
        if place.get("country"):
            self.b.add("countries", place["country"], line=line)
        # every contact and investigator of the site, not only the first of each tag
        for child in el:
            tag = child.tag
            if tag in ("contact", "contact_backup"):
                default_role = vocab.ROLE["contact"]
            elif tag == "investigator":
                default_role = None
            else:
                continue
            self.add_contact(
                self.person(child, f"{path}/{tag}", default_role, place.get("facility")),
                self.line(child),
                _SITE,
            )
