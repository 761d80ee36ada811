"""ClinicalTrials.gov's classic study page (clinicaltrials.gov/ct2/show/NCT...), as text.

The classic site (2000-2024) printed one study in several layouts over the years;
users save all of them, as text or as HTML (which the core renders to the same
lines). This extractor reads every one of them with one label table.

The 2017-2024 layout (``Label : value`` with a space before the colon; the tables
become tab-separated lines in a browser's text copy)::

    COVID-19 is an emerging, rapidly evolving situation.
    Erectile Dysfunction Study
    ClinicalTrials.gov Identifier: NCT04424394
    Recruitment Status : Not yet recruiting
    First Posted : June 11, 2020
    Sponsor:
    BioIntegrate
    Brief Summary:
    The purpose of this study is ...
    Condition or disease \tIntervention/treatment \tPhase
    Erectile Dysfunction\tDevice: DualStim Therapy
    Other: Saline\tPhase 1
    Phase 2
    Layout table for study information
    Study Type : \tInterventional  (Clinical Trial)
    Estimated Enrollment : \t60 participants
    Masking: \tSingle (Participant)
    Estimated Study Start Date : \tJanuary 1, 2023

The 2008-2016 layout (old labels, status as a sentence)::

    This study has been terminated.
    (Re-assessment of study)
    Sponsor:
    Warner Chilcott
    ClinicalTrials.gov Identifier:
    NCT01810575
    First received: February 27, 2013
    Last updated: July 14, 2014
    Last verified: July 2014
      Purpose
    Condition\tIntervention\tPhase
    Study Design:\tAllocation: Randomized
    Endpoint Classification: Efficacy Study
    Enrollment:\t16

The tabular "record" view (/ct2/show/record/NCT...)::

    Official Title  ICMJE\tA Phase 1/2 ...
    Actual Study Start Date  ICMJE\tJuly 9, 2020
    Sex/Gender  ICMJE
    Sexes Eligible for Study:\tAll

The ClinicalTrials.gov Archive's dated views (2005-2014, saved as HTML; rendered
by the core as ``th\\ttd`` lines)::

    ClinicalTrials Identifier:\tNCT00077454
    Updated:\t2005_06_23
    Brief title\t
    Erlotinib and Temozolomide in Treating Young Patients ...
    Phase\tPhase 1
    Study design\tTreatment
    Primary completion date\t2007-09 (Actual)

Known quirks and variants (all handled):

- a banner line first that changed with the years ("Now Available for Public
  Comment", "We're building a better ClinicalTrials.gov", "COVID-19 is an
  emerging, rapidly evolving situation", "The classic website ... retired"): noise;
- old labels (``First received:``, ``Last updated:``, ``Last verified:``) and new
  ones (``First Posted :``, ``Recruitment Status :``, ``Estimated Enrollment :``,
  ``Actual Study Start Date :``), with or without the space before the colon,
  value on the same line (after a tab or spaces) or on the next line;
- labels left without their value (a stripped dump): ``empty_value``, never
  filled from the next label;
- the status as a sentence ("This study has been completed.") or as a label,
  with a stop reason in parentheses and the unknown-status wording
  ("Unknown ... Verified July 2015 by X. Recruitment status was: Recruiting");
- the Condition / Intervention / Phase table as tab-separated rows whose cells
  hold several lines, as one cell per line ("flattened") or as markdown ``|`` rows
  with ``<br>`` between the items of a cell;
- accessibility captions ``Layout table for ...``, "Go to sections", tab names,
  NLM boilerplate and resource links: noise;
- the record view's ``ICMJE`` suffix and doubled spaces, its "Current" and
  "Original" outcome measures (the original ones are kept in ``unparsed``);
- ``Sponsor:`` with its value on the next line or empty, then ``Collaborator:``;
- the results tab (/ct2/show/results/NCT...): its outcome measures' Title,
  Description and Time Frame map to ``outcomes``; the result tables themselves
  (Participant Flow, Baseline Characteristics, outcome data, Adverse Events,
  Limitations and Caveats, Certain Agreements, Results Point of Contact) have
  no place in the schema and are kept line by line in ``unparsed`` under their
  section's name;
- More Information (publications, IPD sharing, FDA flags, responsible party,
  last verified date, health authority, URLs): kept in ``unparsed`` with labels;
  its study ids, keywords and MeSH terms (``keywords``) are parsed;
- a page cut short inside a text block or right after a label: ``truncated``.

Arms (arm groups) have no field of their own: their lines are kept in
``unparsed`` (label ``Arm``); the interventions listed under them are parsed.
Central contacts are ``CENTRAL_CONTACT``; site contacts and site investigators
are listed in ``contacts`` with the facility as their affiliation (as the
ctgov-json extractor does).

Choices that match the ctgov-xml reading of the same records:

- ``First received:`` / ``Last updated:`` (old pages) fill ``first_posted_date`` /
  ``last_update_date``, as the XML's ``firstreceived_date`` / ``lastchanged_date`` do;
  the record view's ``First Submitted Date`` is kept in ``unparsed``;
- the Archive's ``Updated:`` is the day the Archive took the version, not a posted
  date: kept in ``unparsed``; its ``Collaborator`` row that repeats the lead sponsor
  adds no collaborator; ``Organization study ID`` is a ``SPONSOR`` secondary id and
  printed id kinds map to ``NIH`` / ``REGISTRY`` / ``EUDRACT`` / ``OTHER_GRANT`` /
  ``OTHER`` (others kept as printed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import _vocab as vocab
from .._builder import TrialBuilder
from .._criteria import split_criteria
from .._dates import parse_partial_date
from .._ids import find_ids
from .._model import IssueCode, Trial
from .._text import Page, norm_spaces_keep_tabs

ID = "ctgov-classic"
TITLE = "ClinicalTrials.gov classic study page (study, record and results views, Archive)"
URL = "https://classic.clinicaltrials.gov/"

# Each source label (as printed, before its colon; "ICMJE" suffixes dropped) -> the
# schema field it fills, or a handler key ("@...") for lines that need more work.
LABELS: dict[str, str] = {
    # --- identification
    "ClinicalTrials.gov Identifier": "nct_id",
    "ClinicalTrials Identifier": "nct_id",  # Archive
    "NCT Number": "nct_id",
    "Other Study ID Numbers": "secondary_ids",
    "Study ID Numbers": "secondary_ids",
    "Secondary ID": "secondary_ids",  # Archive
    "Secondary IDs": "secondary_ids",
    "Organization study ID": "@org_study_id",  # Archive
    "This study has duplicate": "related_studies",  # Archive
    "Brief Title": "brief_title",
    "Official Title": "official_title",
    "Acronym": "acronym",
    # --- descriptions
    "Brief Summary": "brief_summary",
    "Purpose": "brief_summary",  # 2008-2016 section heading over the summary
    "Detailed Description": "detailed_description",
    # --- status and dates
    "Recruitment Status": "overall_status",
    "Overall Status": "overall_status",
    "Status": "overall_status",  # Archive
    "Recruitment status was": "@keep",  # last known status of an "Unknown" study
    "Why Stopped": "@keep",
    "First Posted": "first_posted_date",
    "First Posted Date": "first_posted_date",
    "First received": "first_posted_date",
    "Study First Received": "first_posted_date",
    "Record first received": "first_posted_date",
    "First Submitted Date": "@keep",
    "Last Update Posted": "last_update_date",
    "Last Update Posted Date": "last_update_date",
    "Last updated": "last_update_date",
    "Updated": "@keep",  # Archive: the day the Archive took this version (not a posted date)
    "Last verified": "@keep",
    "Verification Date": "@keep",
    "Results First Posted": "@keep",
    "Results First Received": "@keep",
    "Results First Submitted Date": "@keep",
    "Results First Posted Date": "@keep",
    "Last Update Submitted Date": "@keep",
    "Study Start": "start_date",
    "Study Start Date": "start_date",
    "Actual Study Start Date": "start_date",
    "Estimated Study Start Date": "start_date",
    "Start date": "start_date",  # Archive
    "Primary Completion Date": "primary_completion_date",
    "Actual Primary Completion Date": "primary_completion_date",
    "Estimated Primary Completion Date": "primary_completion_date",
    "Study Completion Date": "completion_date",
    "Actual Study Completion Date": "completion_date",
    "Estimated Study Completion Date": "completion_date",
    "Completion date": "completion_date",  # Archive
    "Study completion": "completion_date",
    # --- design
    "Study Type": "study_type",
    "Phase": "phases",
    "Study Phase": "phases",
    "Study Design": "design",
    "Allocation": "design.allocation",
    "Intervention Model": "design.intervention_model",
    "Primary Purpose": "design.primary_purpose",
    "Masking": "design.masking",
    "Endpoint Classification": "@keep",
    "Intervention Model Description": "@keep",
    "Masking Description": "@keep",
    "Observational Model": "@keep",
    "Time Perspective": "@keep",
    "Biospecimen Retention": "@keep",
    "Biospecimen Description": "@keep",
    "Number of Arms": "@keep",
    "Number of Groups/Cohorts": "@keep",
    "Enrollment": "enrollment",
    "Actual Enrollment": "enrollment",
    "Estimated Enrollment": "enrollment",
    "Anticipated Enrollment": "enrollment",
    "Expected Total Enrollment": "enrollment",  # 2005-2007
    "Original Estimated Enrollment": "@keep",
    "Original Actual Enrollment": "@keep",
    # --- conditions, interventions, arms, outcomes
    "Condition": "conditions",
    "Conditions": "conditions",
    "Intervention": "interventions",
    "Interventions": "interventions",
    "Arms and Interventions": "@arms",
    "Groups and Cohorts": "@arms",
    "Study Arms": "@arms",
    "Arm/Group": "@keep_block",  # Archive
    "Other Name": "@keep",
    "Other Names": "@keep",
    "Outcome Measures": "@outcome_heading",
    "Primary Outcome Measures": "outcomes.PRIMARY",
    "Secondary Outcome Measures": "outcomes.SECONDARY",
    "Other Outcome Measures": "outcomes.OTHER",
    "Other Pre-specified Outcome Measures": "outcomes.OTHER",
    "Current Primary Outcome Measures": "outcomes.PRIMARY",
    "Current Secondary Outcome Measures": "outcomes.SECONDARY",
    "Current Other Pre-specified Outcome Measures": "outcomes.OTHER",
    "Original Primary Outcome Measures": "@keep_block",
    "Original Secondary Outcome Measures": "@keep_block",
    "Original Other Pre-specified Outcome Measures": "@keep_block",
    "Primary outcome": "outcomes.PRIMARY",  # Archive
    "Secondary outcome": "outcomes.SECONDARY",  # Archive
    "Keywords": "keywords",
    "Keywords provided by": "keywords",  # "Keywords provided by <sponsor>:"
    "Additional relevant MeSH terms": "keywords",
    # --- eligibility
    "Eligibility Criteria": "eligibility.criteria",
    "Criteria": "eligibility.criteria",
    "Ages Eligible for Study": "@ages",
    "Ages": "@ages",
    "Minimum age": "eligibility.minimum_age",  # Archive
    "Maximum age": "eligibility.maximum_age",  # Archive
    "Sexes Eligible for Study": "eligibility.sex",
    "Genders Eligible for Study": "eligibility.sex",
    "Gender": "eligibility.sex",  # Archive
    "Sex": "eligibility.sex",
    "Accepts Healthy Volunteers": "eligibility.healthy_volunteers",
    "Healthy volunteers": "eligibility.healthy_volunteers",  # Archive
    "Gender Based Eligibility": "@keep",
    "Gender Eligibility Description": "@keep",
    "Sex Based Eligibility": "@keep",
    "Sampling Method": "@keep",
    "Study Population": "@keep_text",
    # --- sponsor, contacts, sites
    "Sponsor": "sponsor",
    "Sponsored by": "sponsor",
    "Lead Sponsor": "sponsor",
    "Study Sponsor": "sponsor",
    "Collaborator": "collaborators",
    "Collaborators": "collaborators",
    "Sponsors and Collaborators": "@sponsors",
    "Information provided by": "@keep",  # "... (Responsible Party):" on newer pages
    "Responsible Party": "@keep",
    "Organization name": "@keep",  # Archive: the registering organization
    "Contact": "@contact",
    "Contacts": "@contacts_heading",
    "Contacts and Locations": "@locations",
    "Locations": "@locations",
    "Location and Contact Information": "@locations",
    "Listed Location Countries": "countries",
    "Removed Location Countries": "@keep",
    "Investigators": "@heading",
    "Principal Investigator": "@investigator",
    "Study Chair": "@investigator",
    "Study Director": "@investigator",
    "Sub-Investigator": "@investigator",
    # --- sections and More Information
    "Study Description": "@heading",
    "Eligibility": "@heading",
    "Sex/Gender": "@heading",
    "Tracking Information": "@heading",
    "Descriptive Information": "@heading",
    "Recruitment Information": "@heading",
    "Administrative Information": "@heading",
    "Administrative Data": "@heading",  # Archive
    "More Information": "@keep_block",
    "Additional Information": "@keep_block",
    "Publications": "@keep_block",
    "Publications of Results": "@keep_block",
    "Publications automatically indexed to this study": "@keep_block",
    "Additional publications automatically indexed to this study": "@keep_block",
    "Reference": "@keep_block",  # Archive
    "Citations": "@keep_block",
    "Links": "@keep_block",
    "URL": "@keep",
    "See also": "@keep_block",  # Archive
    "Health Authority": "@keep",
    "Has Data Monitoring Committee": "@keep",
    "U.S. FDA-regulated Product": "@heading",
    "Studies a U.S. FDA-regulated Drug Product": "@keep",
    "Studies a U.S. FDA-regulated Device Product": "@keep",
    "Product Manufactured in and Exported from the U.S.": "@keep",
    "Device Product Not Approved or Cleared by U.S. FDA": "@keep",
    "Pediatric Postmarket Surveillance of a Device Product": "@keep",
    "Individual Participant Data (IPD) Sharing Statement": "@heading",
    "IPD Sharing Statement": "@heading",
    "Plan to Share IPD": "@keep",
    "Plan Description": "@keep_text",
    "Supporting Materials": "@keep",
    "Time Frame": "@keep",
    "Access Criteria": "@keep_text",
    "PRS Account": "@keep",
    "Verified": "@keep",  # "Verified July 2015 by <sponsor>" (unknown status)
    # --- results tab: tables kept line by line under their section's name
    "Study Results": "@heading",
    "Participant Flow": "@results",
    "Baseline Characteristics": "@results",
    "Adverse Events": "@results",
    "Limitations and Caveats": "@results",
    "Certain Agreements": "@results",
    "Results Point of Contact": "@results",
}

# The site's own text: navigation, tab names, captions, boilerplate, banners.
NOISE: tuple[str | re.Pattern[str], ...] = (
    "Study Details",
    "Tabular View",
    "No Results Posted",
    "No Study Results Posted",
    "Study Results",
    "Full Text View",
    "Disclaimer",
    "How to Read a Study Record",
    "Go to sections",
    "Go to",
    "sections",
    "History of Changes",
    "Key Record Dates",
    "See Contacts and Locations",
    "Information from the National Library of Medicine",
    "Resource links provided by the National Library of Medicine",
    "Resource links provided by NLM",
    "U.S. FDA Resources",
    "Hide glossary",
    "Glossary",
    "Search for terms",
    "Not Provided",
    "Same as current",
    "Hide Outcome Measure Data",
    "Outcome Measure Data Table",
    "Show Outcome Measure Data",
    "Menu",
    "U.S. National Library of Medicine",
    "U.S. National Institutes of Health",
    "U.S. Department of Health and Human Services",
    "Contact information is only displayed when the study is recruiting subjects",
    # Layout table for study information
    re.compile(r"^Layout table for\b", re.I),
    # The safety and scientific validity of this study is the responsibility of ...
    re.compile(r"^The safety and scientific validity of this study\b"),
    # Listing a study does not mean it has been evaluated by the U.S. Federal Government.
    re.compile(r"^Listing a study does not mean it has been evaluated\b"),
    # Read our disclaimer for details.
    re.compile(r"^Read our disclaimer\b"),
    # Know the risks and potential benefits of clinical studies and talk to your ...
    re.compile(r"^Know the risks and potential benefits of clinical studies\b"),
    # Choosing to participate in a study is an important personal decision. ...
    re.compile(r"^Choosing to participate in a study is an important personal decision\b"),
    # To learn more about this study, you or your doctor may contact the study research staff ...
    re.compile(r"^To learn more about this study, you or your doctor\b"),
    # Please refer to this study by its ClinicalTrials.gov identifier (NCT number): NCT04424394
    re.compile(r"^Please refer to this study by its ClinicalTrials\.gov identifier\b"),
    # Trial record 1 of 1 for:    NCT04424394
    re.compile(r"^Trial record \d+ of \d+ for:"),
    # Previous Study | Return to List | Next Study
    re.compile(r"^Previous Study\b"),
    # MedlinePlus related topics: Erectile Dysfunction
    re.compile(r"^MedlinePlus related topics:"),
    # Drug Information available for: Temozolomide
    re.compile(r"^Drug Information available for:"),
    # Genetic and Rare Diseases Information Center resources: Neuroblastoma
    re.compile(r"^Genetic and Rare Diseases Information Center resources:"),
    # Further study details as provided by Warner Chilcott:
    re.compile(r"^Further study details as provided by\b"),
    # Study record managers: refer to the Data Element Definitions if submitting ...
    re.compile(r"^Study record managers: refer to the Data Element Definitions\b"),
    # ClinicalTrials.gov processed this record on February 26, 2015
    re.compile(r"^ClinicalTrials\.gov processed this record on\b"),
    # No publications provided by National Cancer Institute (NCI)
    re.compile(r"^No publications provided\b"),
    # ICMJE     Data element required by the International Committee of Medical Journal Editors ...
    re.compile(r"^ICMJE\s+Data element required by\b"),
    # * Includes publications given by the data provider as well as publications identified ...
    re.compile(r"^\* Includes publications given by the data provider\b"),
    # Change History    Complete list of historical versions of study NCT04684602 on ...
    re.compile(r"^Change History\b"),
    # COVID-19 is an emerging, rapidly evolving situation.
    re.compile(r"^COVID-19 is an emerging, rapidly evolving situation\b"),
    # Get the latest public health information from CDC: https://www.coronavirus.gov
    re.compile(r"^Get the latest (?:public health|research) information from\b"),
    # Now Available for Public Comment: Notice of Proposed Rulemaking (NPRM) for FDAAA 801 ...
    re.compile(r"^Now Available for Public Comment\b"),
    # We're building a better ClinicalTrials.gov. Check it out and tell us what you think!
    re.compile(r"^We(?:'|’)re building a better ClinicalTrials\.gov\b"),
    # The classic website will be retired on June 25, 2024. Try the modernized ClinicalTrials.gov.
    re.compile(r"^(?:The )?classic\b.{0,80}\bretire", re.I),
    # NCT00077454 on 2005_06_23: ClinicalTrials.gov Archive
    re.compile(r"^NCT\d{8} on \d{4}_\d{2}_\d{2}: ClinicalTrials\.gov Archive$"),
    # View of NCT00077454 on 2005_06_23
    re.compile(r"^View of NCT\d{8} on \d{4}_\d{2}_\d{2}$"),
    # ← History of this study↑ Current version of this study
    re.compile(r"^\W*History of this study\b"),
)

# The old layouts print the status as a sentence; each maps to a vocabulary spelling.
STATUS_SENTENCES: dict[str, str] = {
    "This study is currently recruiting participants": "Recruiting",
    "This study is currently recruiting patients": "Recruiting",
    "This study is not yet open for participant recruitment": "Not yet recruiting",
    "This study is not yet open for patient recruitment": "Not yet recruiting",
    "This study is ongoing, but not recruiting participants": "Active, not recruiting",
    "This study is ongoing, but not recruiting patients": "Active, not recruiting",
    "This study is enrolling participants by invitation only": "Enrolling by invitation",
    "This study has been completed": "Completed",
    "This study has been terminated": "Terminated",
    "This study has been suspended": "Suspended",
    "This study has been withdrawn prior to enrollment": "Withdrawn",
    "This study is no longer available": "No longer available",
    "Expanded access is currently available for this treatment": "Available",
    "The recruitment status of this study is unknown": "Unknown",
}

# --- label matching -------------------------------------------------------------------
_ICMJE = "icmje"
# What may trail a label: spaces, colons, "*", "?", "ⓘ" ("Recruitment Status ⓘ :"). Once
# its whitespace runs are single spaces, a text loses them with one rstrip (a regex
# anchored at the end tried a match at every space of a line: 3x the cost).
_LABEL_TAIL = " :*?\u24d8\u2139"


def _label_key(text: str) -> str:
    """Lookup key of a printed label: "Official Title  ICMJE" -> "official title"."""
    # marks after a label go too: "Publications *", glossary links "Recruitment Status ⓘ :"
    key = " ".join(text.split()).rstrip(_LABEL_TAIL).lower()
    if key.endswith(_ICMJE):
        key = key[: -len(_ICMJE)].rstrip(_LABEL_TAIL)
    return key


_LABEL_KEYS: dict[str, str] = {_label_key(k): v for k, v in LABELS.items()}
_SENTENCE_KEYS: dict[str, str] = {
    " ".join(k.lower().split()): v for k, v in STATUS_SENTENCES.items()
}
# Labels that carry text of their own after a fixed start ("Keywords provided by Pfizer:").
_PREFIX_LABELS: tuple[tuple[str, str], ...] = (
    ("keywords provided by ", "Keywords provided by"),
    ("information provided by", "Information provided by"),
    (
        "additional publications automatically indexed",
        "Additional publications automatically indexed to this study",
    ),
    ("publications automatically indexed", "Publications automatically indexed to this study"),
    ("recruitment status was", "Recruitment status was"),
    ("verified by ", "Verified"),  # 2005-2007: "Verified by <sponsor> June 2005"
    ("the recruitment status of this study is unknown", "Recruitment Status"),
)
# "Verified July 2015 by National Taiwan University Hospital"
_VERIFIED_RE = re.compile(r"^Verified [A-Z][a-z]+ \d{4}\b")
_NOISE_STRINGS = frozenset(_label_key(n) for n in NOISE if isinstance(n, str))
# NOISE's patterns as one alternation: one search a line instead of thirty.
_NOISE_RE = re.compile(
    "|".join(
        f"(?{'i' if n.flags & re.I else ''}:{n.pattern})" if n.flags & re.I else f"(?:{n.pattern})"
        for n in NOISE
        if isinstance(n, re.Pattern)
    )
)

# A cell boundary in a line: a tab (browser text copy of a table) or a run of 2+ spaces.
# "Study Type : \tInterventional", "Study Chair:   Regina Jakacki   Children's Oncology Group"
_CELL_SEP_RE = re.compile(r" *\t[ \t]*| {2,}")
# A markdown table's separator row: "|---|:---:|"
_PIPE_RULE_RE = re.compile(r"^:?-{3,}:?$")
# Cell separators left where pipes were: "\t \t"
_TAB_RUN_RE = re.compile(r"[ ]*\t[ \t]*")
# "<br>", "<br/>", "<br />" inside markdown table cells
_BR_RE = re.compile(r"<br\s*/?>", re.I)

# An intervention item: "Drug: Temozolomide", "Procedure/Surgery: chemotherapy"
_INTERVENTION_RE = re.compile(r"^([A-Za-z][A-Za-z /]{1,30}?)\s*:\s*(\S.*)$")
# Arm group types that open an arm in the arms table: "Experimental: mRNA-1273"
_ARM_TYPES = frozenset(
    {
        "experimental",
        "active comparator",
        "placebo comparator",
        "sham comparator",
        "no intervention",
        "other",
        "cohort",
        "group",
    }
)
# Headers of the arms table: "Arm\tIntervention/treatment", "Arms\tAssigned Interventions"
_ARM_HEADER_CELLS = frozenset({"arm", "arms", "group/cohort", "groups/cohorts"})
_ARM_HEADER_SECOND = frozenset({"intervention/treatment", "assigned interventions"})
_COND_HEADER_FIRST = frozenset({"condition or disease", "condition", "conditions"})
_COND_HEADER_SECOND = frozenset({"intervention/treatment", "intervention", "interventions"})
_HEADER_FIRST = _COND_HEADER_FIRST | _ARM_HEADER_CELLS

# "1. Overall survival" (numbered outcome)
_OUTCOME_NUM_RE = re.compile(r"^\d{1,3}\.\s+")
# "... [ Time Frame: 56 days ]" and "[ Designated as safety issue: Yes ]"
_BRACKET_RE = re.compile(r"\[\s*([^\[\]:]{1,60}):\s*([^\[\]]*?)\s*\]")
# "1. Primary Outcome" (results tab)
_RESULT_OUTCOME_RE = re.compile(
    r"^(?:\d{1,3}\.\s*)?(Primary|Secondary|Other Pre-specified|Post-Hoc) Outcome$", re.I
)
# "(submitted: June 30, 2020)" under the record view's outcome labels
_SUBMITTED_RE = re.compile(r"^\(submitted:\s*([^)]{1,40})\)$")

# "95", "60 participants", "16 (Actual)", "1,200 patients"
_ENROLLMENT_RE = re.compile(
    r"^(\d{1,3}(?:,\d{3})+|\d+)\s*(?:participants?|patients?|subjects?)?"
    r"\s*(?:\[?\(?(Actual|Anticipated|Estimated|Estimate)\)?\]?)?$",
    re.I,
)
# "18 Years to 65 Years", "18 Years and older", "up to 21 Years", "6 Months to 17 Years"
_AGE_SPAN_RE = re.compile(
    r"^(?:(?P<lo>\d{1,3}(?:\.\d{1,2})? [A-Za-z]+) (?:to|-) (?P<hi>\d{1,3}(?:\.\d{1,2})? [A-Za-z]+)"
    r"|(?P<lo2>\d{1,3}(?:\.\d{1,2})? [A-Za-z]+) and (?:older|over)"
    r"|up to (?P<hi2>\d{1,3}(?:\.\d{1,2})? [A-Za-z]+))$",
    re.I,
)
# A trailing parenthesised remark: "(Actual)", "(Final data collection date ...)", "[Estimate]"
_TRAILING_REMARK_RE = re.compile(r"\s*[(\[][^()\[\]]{0,120}[)\]]$")
# Archive dates: "2005_06_23"
_UNDERSCORE_DATE_RE = re.compile(r"^(\d{4})_(\d{2})_(\d{2})$")
# A phone number: "+1-877-777-7187", "866 864 7789", "+55(21)2523-9089", "555-1234 ext 12"
_PHONE_RE = re.compile(r"^\+?[\d()][\d ()./-]{4,24}\d(?:\s*(?:ext\.?|x)\s*\d{1,6})?$", re.I)
# A label-shaped line nobody knows: "Some Label: value", "Some Label :\tvalue"
_UNKNOWN_LABEL_RE = re.compile(r"^([A-Z][A-Za-z0-9/()'&,. -]{1,50}?)\s?:(?:\s+(\S.*))?$")

# A site status shown beside a facility ("Hospital Urológica\tRecruiting")
_SITE_STATUS_WORDS = vocab.SITE_STATUS

# Results tab: the sections that end one another.
_RESULT_ENDERS = frozenset(
    {
        "participant flow",
        "baseline characteristics",
        "outcome measures",
        "adverse events",
        "limitations and caveats",
        "more information",
        "certain agreements",
        "results point of contact",
        "responsible party",
        "clinicaltrials.gov identifier",
        "other study id numbers",
    }
)
# Single-word labels that end a free-text block when they stand alone on their line.
_STRONG_BARE = frozenset(
    {"criteria", "purpose", "eligibility", "locations", "investigators", "sponsor", "collaborators"}
)
# Handler keys whose lines are free text (only a strong label ends them).
_TEXT_KEYS = frozenset(
    {"brief_summary", "detailed_description", "eligibility.criteria", "@keep_text"}
)
# Handler keys whose value runs over the following lines (lists, blocks).
_BLOCK_KEYS = _TEXT_KEYS | frozenset(
    {
        "secondary_ids",
        "conditions",
        "interventions",
        "keywords",
        "collaborators",
        "countries",
        "phases",
        "design",
        "outcomes.PRIMARY",
        "outcomes.SECONDARY",
        "outcomes.OTHER",
        "@outcome_heading",
        "@arms",
        "@keep_block",
        "@sponsors",
        "@locations",
        "@results",
        "@contacts_heading",
    }
)
# Labels a block handler reads itself instead of ending the block there.
_OUTCOME_INNER = frozenset({"time frame"})
_INNER: dict[str, frozenset[str]] = {
    "outcomes.PRIMARY": _OUTCOME_INNER,
    "outcomes.SECONDARY": _OUTCOME_INNER,
    "outcomes.OTHER": _OUTCOME_INNER,
    "@arms": frozenset({"other name", "other names", "intervention", "interventions"}),
    "interventions": frozenset({"other name", "other names"}),
    "@locations": frozenset(
        {
            "contact",
            "principal investigator",
            "sub-investigator",
            "study chair",
            "study director",
            "locations",
        }
    ),
}
# Labels that may stand bare as a section heading with nothing under them.
_HEADINGS = frozenset(
    {
        "study design",
        "eligibility criteria",
        "outcome measures",
        "arms and interventions",
        "groups and cohorts",
        "contacts and locations",
        "locations",
        "more information",
        "purpose",
        "sponsors and collaborators",
        "contacts",
        "additional information",
    }
)


@dataclass
class _Label:
    key: str  # handler key (LABELS value)
    label: str  # the label as printed (for issues and unparsed fragments)
    value: str  # the value on the label's own line (real characters)
    sep: str  # "tab", "spacecolon", "icmje", "colon", "bare"
    norm_key: str  # normalised label

    @property
    def strong(self) -> bool:
        """Would end a free-text block: an unmistakable label, not a word in prose."""
        if self.sep in ("tab", "spacecolon", "icmje"):
            return True
        if len(self.norm_key.split()) >= 2:
            return True
        return self.norm_key in _STRONG_BARE and not self.value


@dataclass
class _Block:
    lab: _Label
    line: int  # 0-based index of the label line
    value_line: int | None  # 0-based line holding the first value ("" when none)
    cont: list[int] = field(default_factory=list)  # 0-based continuation lines


@dataclass
class _Loc:
    data: dict[str, Any]
    line: int


class _Parser:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.b = TrialBuilder(ID)
        self.raw = page.lines
        self.n = len(self.raw)
        self.mark: list[str] = []
        self.noise_rows: set[int] = set()
        self.pipe_rows: set[int] = set()
        for i, (raw, norm) in enumerate(zip(self.raw, page.norm, strict=False)):
            self.mark.append(self._mark_line(i, raw, norm))
        self.results_mode = False
        self.seen_label = False
        self.intervention_names: dict[tuple[str | None, str], int] = {}
        self.intervention_entries: dict[tuple[str | None, str], dict[str, Any]] = {}
        self.described: dict[tuple[str | None, str], set[str]] = {}
        self.seen: dict[str, set[Any]] = {}
        self.last_block: _Block | None = None
        self._label_cache: dict[int, _Label | None] = {}
        self._noise_cache: dict[int, bool] = {}
        self._header_cache: dict[int, tuple[str, int] | None] = {}

    # --- line preparation ---------------------------------------------------------------
    def _mark_line(self, i: int, raw: str, norm: str) -> str:
        """``norm`` with tabs kept and markdown table pipes turned into tabs (same length)."""
        mark = norm_spaces_keep_tabs(raw)  # `norm` with its tabs back, in one C call
        stripped = mark.strip()
        if stripped.startswith("|") and stripped.count("|") >= 2:
            self.pipe_rows.add(i)
            mark = _BR_RE.sub(lambda m: "\t" * len(m.group()), mark).replace("|", "\t")
            cells = [c.strip() for c in mark.split("\t") if c.strip()]
            if cells and all(_PIPE_RULE_RE.match(c) for c in cells):
                self.noise_rows.add(i)
        return mark

    def text(self, i: int) -> str:
        return self.slice(i, 0)

    def slice(self, i: int, start: int) -> str:
        """The line's real text from column ``start``; markdown table pipes become tabs."""
        raw, mark = self.raw[i], self.mark[i]
        if i not in self.pipe_rows:
            return raw[start:].strip()
        chars = ("\t" if m == "\t" else r for r, m in zip(raw[start:], mark[start:], strict=False))
        return _TAB_RUN_RE.sub("\t", "".join(chars)).strip(" \t")

    def blank(self, i: int) -> bool:
        return not self.mark[i].strip()

    def cells(self, i: int) -> list[str]:
        """The line's cells (tab / 2+ space / pipe separated), real characters, stripped."""
        mark, raw = self.mark[i], self.raw[i]
        out: list[str] = []
        pos = 0
        for m in _CELL_SEP_RE.finditer(mark):
            out.append(raw[pos : m.start()].strip())
            pos = m.end()
        out.append(raw[pos:].strip())
        return [c for c in out if c]

    def is_noise(self, i: int) -> bool:
        cached = self._noise_cache.get(i)
        if cached is None:
            cached = self._noise_cache[i] = self._is_noise(i)
        return cached

    def _is_noise(self, i: int) -> bool:
        if i in self.noise_rows:
            return True
        s = self.mark[i].strip()
        if not s:
            return False
        if _label_key(s) in _NOISE_STRINGS:
            return True
        if _NOISE_RE.match(s):  # every NOISE pattern is anchored: only column 0 can match
            return True
        # a row of tab names: "Study Details\tTabular View\tNo Results Posted\tDisclaimer"
        parts = [p for p in _CELL_SEP_RE.split(s) if p.strip()]
        return len(parts) > 1 and all(_label_key(p) in _NOISE_STRINGS for p in parts)

    # --- labels ---------------------------------------------------------------------------
    def label_at(self, i: int) -> _Label | None:
        if i not in self._label_cache:
            self._label_cache[i] = self._find_label(i)
        return self._label_cache[i]

    def _find_label(self, i: int) -> _Label | None:
        mark = self.mark[i]
        s = mark.strip()
        if not s:
            return None
        start = len(mark) - len(mark.lstrip())
        low = " ".join(s.lower().split())
        sentence = _SENTENCE_KEYS.get(low.rstrip(" ."))
        if sentence is not None:
            return _Label("@status_sentence", s.rstrip(" ."), sentence, "bare", low)
        candidates: list[tuple[int, int, str]] = []  # (head end, value start, sep)
        m = _CELL_SEP_RE.search(mark, start)
        if m is not None and m.start() > start:
            candidates.append((m.start(), m.end(), "tab"))
        sc = mark.find(" :", start)
        if sc > start:
            candidates.append((sc, sc + 2, "spacecolon"))
        c = mark.find(":", start)
        if c > start:
            candidates.append((c, c + 1, "colon"))
        candidates.append((len(mark), len(mark), "bare"))
        for head_end, value_start, sep in candidates:
            head = mark[start:head_end]
            key = _label_key(head)
            handler = _LABEL_KEYS.get(key)
            if handler is None:
                continue
            value = self.slice(i, value_start)
            if head.rstrip(" :").lower().endswith(_ICMJE):
                sep = "icmje"
            elif value[:5].lower() == _ICMJE and (len(value) == 5 or not value[5].isalnum()):
                value = value[5:].strip()
                sep = "icmje"
            if sep == "bare" and head.rstrip().endswith(":"):
                sep = "colon"
            return _Label(handler, self.raw[i][start:head_end].strip(" :\t"), value, sep, key)
        for prefix, printed in _PREFIX_LABELS:
            if low.startswith(prefix):
                head, colon, _ = s.partition(":")
                handler = _LABEL_KEYS[_label_key(printed)]
                if colon:
                    value = self.raw[i][start + len(head) + 1 :].strip()
                elif printed == "Recruitment Status":  # the unknown-status sentence
                    value = "Unknown"
                else:  # "Verified by <sponsor> June 2005": the rest of the line
                    cut = len(prefix) if s.lower().startswith(prefix) else len(s)
                    head, value = s[:cut], self.raw[i][start + cut :].strip()
                return _Label(handler, head.strip(), value, "colon", _label_key(printed))
        if _VERIFIED_RE.match(s):
            value = self.raw[i][start + len("Verified") :].strip()
            return _Label("@keep", "Verified", value, "colon", "verified")
        return None

    def table_header(self, i: int) -> tuple[str, int] | None:
        """A Condition/Intervention/Phase or Arm/Intervention table header: (kind, last line)."""
        if i not in self._header_cache:
            self._header_cache[i] = self._table_header(i)
        return self._header_cache[i]

    def _table_header(self, i: int) -> tuple[str, int] | None:
        m = _CELL_SEP_RE.search(self.mark[i].strip())
        first = self.mark[i].strip()[: m.start() if m else None]
        if _label_key(first) not in _HEADER_FIRST:
            return None  # the common case, decided without splitting the line
        cells = [_label_key(c) for c in self.cells(i)]
        if not cells:
            return None
        if len(cells) >= 2:
            if cells[0] in _COND_HEADER_FIRST and cells[1] in _COND_HEADER_SECOND:
                return "conditions", i
            if cells[0] in _ARM_HEADER_CELLS and cells[1] in _ARM_HEADER_SECOND:
                return "arms", i
            return None
        nxt = self.next_content(i + 1)
        if nxt is None:
            return None
        second = _label_key(self.text(nxt))
        if cells[0] in _COND_HEADER_FIRST and second in _COND_HEADER_SECOND:
            after = self.next_content(nxt + 1)
            if after is not None and _label_key(self.text(after)) == "phase":
                return "conditions", after
            return "conditions", nxt
        if cells[0] in _ARM_HEADER_CELLS and second in _ARM_HEADER_SECOND:
            return "arms", nxt
        return None

    def next_content(self, i: int) -> int | None:
        while i < self.n:
            if not self.blank(i):
                return i
            i += 1
        return None

    def ends_block(self, j: int, key: str) -> bool:
        """Does line ``j`` end the block of handler ``key``?"""
        if self.table_header(j) is not None:
            return not (key == "@arms" and self.table_header(j) == ("arms", j))
        lab = self.label_at(j)
        if lab is None:
            return False
        if key == "@results" or (key == "@outcome_heading" and self.results_mode):
            return lab.norm_key in _RESULT_ENDERS
        if key in _TEXT_KEYS:
            return lab.strong
        return lab.norm_key not in _INNER.get(key, frozenset())

    # --- main loop ------------------------------------------------------------------------
    def skip_filler(self, i: int) -> int:
        """The first line from ``i`` on that is neither blank nor noise (noise marked)."""
        while i < self.n:
            if not self.blank(i):
                if not self.is_noise(i):
                    break
                self.b.noise(i + 1)
            i += 1
        return i

    def run(self) -> Trial:
        i = 0
        while (i := self.skip_filler(i)) < self.n:
            header = self.table_header(i)
            if header is not None:
                kind, last = header
                self.b.noise(*range(i + 1, last + 2))
                if kind == "conditions":
                    i = self.condition_table(last + 1)
                else:
                    blk = self.collect(_Label("@arms", "Arms", "", "bare", "arms"), last)
                    self.arms(blk)
                    i = self.after(blk)
                continue
            lab = self.label_at(i)
            if lab is None:
                self.orphan(i)
                i += 1
                continue
            self.seen_label = True
            if lab.key == "@outcome_heading" and not self.results_mode:
                # the results tab's "Outcome Measures" opens with "1. Primary Outcome"
                nxt = self.next_content(i + 1)
                while nxt is not None and self.is_noise(nxt):
                    nxt = self.next_content(nxt + 1)
                if nxt is not None and _RESULT_OUTCOME_RE.match(" ".join(self.text(nxt).split())):
                    self.results_mode = True
            blk = self.collect(lab, i)
            self.dispatch(blk)
            self.last_block = blk
            i = self.after(blk)
        self.check_truncated()
        return self.b.build()

    def after(self, blk: _Block) -> int:
        last = max([blk.line, blk.value_line or 0, *blk.cont])
        return last + 1

    def collect(self, lab: _Label, i: int) -> _Block:
        """The label's value lines: the next line for an empty single value, all lines
        up to the next label for a block."""
        blk = _Block(lab, i, i if lab.value else None)
        if lab.key in _BLOCK_KEYS:
            j = self.skip_filler(i + 1)
            while j < self.n and not self.ends_block(j, lab.key):
                blk.cont.append(j)
                j = self.skip_filler(j + 1)
            return blk
        if not lab.value and lab.key != "@status_sentence":
            nxt = self.next_content(i + 1)
            if (
                nxt is not None
                and not self.is_noise(nxt)
                and self.label_at(nxt) is None
                and self.table_header(nxt) is None
                and lab.sep != "bare"
            ):
                blk.value_line = nxt
        return blk

    def value_of(self, blk: _Block) -> str:
        if blk.value_line is None:
            return ""
        if blk.value_line == blk.line:
            return blk.lab.value
        return self.text(blk.value_line)

    def lines_of(self, blk: _Block) -> list[tuple[int, str]]:
        """(0-based line, text) of every value line of a block, the label's own first."""
        out: list[tuple[int, str]] = []
        if blk.lab.value:
            out.append((blk.line, blk.lab.value))
        elif blk.value_line is not None and blk.value_line != blk.line:
            out.append((blk.value_line, self.text(blk.value_line)))
        out.extend((j, self.text(j)) for j in blk.cont)
        return out

    # --- dispatch -------------------------------------------------------------------------
    def dispatch(self, blk: _Block) -> None:
        key = blk.lab.key
        if not blk.cont and _label_key(self.value_of(blk)) in _NOISE_STRINGS:
            # "Detailed Description  Not Provided", "Original ... Same as current"
            self.use(blk.line, blk.value_line)
            return
        handler = self._handlers().get(key)
        if handler is not None:
            handler(blk)
            return
        if key.startswith("outcomes."):
            self.outcomes(blk, key.split(".", 1)[1])
        elif key in ("brief_summary", "detailed_description", "eligibility.criteria"):
            self.text_field(blk, key)
        elif key.endswith("_date"):
            self.date(blk, key)
        elif key.startswith("design."):
            self.design_item(blk.lab.label, self.value_of(blk), blk.value_line, blk)
        else:  # pragma: no cover - every LABELS value has a handler
            self.keep_block(blk)

    def _handlers(self) -> dict[str, Callable[[_Block], None]]:
        return {
            "nct_id": self.nct_id,
            "secondary_ids": self.secondary_ids,
            "@org_study_id": self.secondary_ids,
            "related_studies": self.related,
            "brief_title": self.title,
            "official_title": self.title,
            "acronym": self.title,
            "overall_status": self.status,
            "@status_sentence": self.status_sentence,
            "study_type": self.study_type,
            "phases": self.phases,
            "design": self.design,
            "enrollment": self.enrollment,
            "conditions": self.conditions,
            "interventions": self.interventions,
            "@arms": self.arms,
            "@outcome_heading": self.outcome_heading,
            "keywords": self.keywords,
            "@ages": self.ages,
            "eligibility.minimum_age": self.one_age,
            "eligibility.maximum_age": self.one_age,
            "eligibility.sex": self.sex,
            "eligibility.healthy_volunteers": self.healthy,
            "sponsor": self.sponsor,
            "collaborators": self.collaborators,
            "@sponsors": self.sponsors_block,
            "@contact": self.contact_line,
            "@investigator": self.investigator_line,
            "@contacts_heading": self.contacts_heading,
            "@locations": self.locations,
            "countries": self.countries,
            "@keep": self.keep_single,
            "@keep_block": self.keep_block,
            "@keep_text": self.keep_block,
            "@heading": self.heading,
            "@results": self.results,
        }

    # --- helpers --------------------------------------------------------------------------
    def empty(self, blk: _Block, field_: str | None) -> None:
        """A label with nothing under it: an issue, unless it is a bare section heading."""
        if blk.lab.sep == "bare" and blk.lab.norm_key in _HEADINGS:
            self.b.use(blk.line + 1)
            return
        self.b.empty(blk.lab.label, line=blk.line + 1, field=field_)

    def keep(self, i: int, text: str, label: str | None) -> None:
        """Keep ``text`` of line ``i`` (0-based) in unparsed; the page's own text if reworked."""
        if text.strip() and text.strip() not in self.raw[i]:
            text = self.raw[i]
        self.b.keep(text.strip(), i + 1, label)

    def use(self, *lines: int | None) -> None:
        self.b.use(*(n + 1 for n in lines if n is not None))

    def unmapped(self, i: int, text: str, label: str | None, path: str, message: str) -> None:
        """Line ``i`` (0-based) holds a value no reader knows: kept, with an issue."""
        self.b.issue(IssueCode.UNMAPPED_VALUE, message, field=path, line=i + 1)
        self.keep(i, text, label)

    def orphan(self, i: int) -> None:
        """A line outside any label's reach."""
        text = self.text(i)
        if not self.seen_label and self.b.get("brief_title") is None:
            self.b.set("brief_title", " ".join(text.split()), line=i + 1)
            return
        m = _UNKNOWN_LABEL_RE.match(" ".join(self.mark[i].split()))
        if m and self.seen_label and i not in self.pipe_rows and len(m.group(1).split()) <= 6:
            label = m.group(1).strip()
            self.b.issue(IssueCode.UNKNOWN_LABEL, f"unknown label '{label}'", line=i + 1)
            self.keep(i, text, label)
            return
        self.keep(i, text, None)

    # --- identification -------------------------------------------------------------------
    def nct_id(self, blk: _Block) -> None:
        value = self.value_of(blk)
        if not value:
            self.empty(blk, "nct_id")
            return
        self.use(blk.line)
        at = (blk.value_line if blk.value_line is not None else blk.line) + 1
        ncts = [f for f in find_ids(value) if f.kind == "NCT"]
        if not ncts:
            self.b.set_id(value, expect="NCT", line=at)
            return
        for f in ncts:
            self.b.set_id(f.id, expect="NCT", line=at)

    def secondary_ids(self, blk: _Block) -> None:
        lines = self.lines_of(blk)
        if not lines:
            self.empty(blk, "secondary_ids")
            return
        self.use(blk.line)
        default_type = "SPONSOR" if blk.lab.key == "@org_study_id" else None
        for j, text in lines:
            parts = [text] if "(" in text else [p for p in text.split(",") if p.strip()]
            for part in parts:
                self.one_secondary_id(j, part.strip(), default_type)

    def one_secondary_id(self, j: int, text: str, default_type: str | None) -> None:
        id_text, id_type = text, default_type
        split = _trailing_paren(text)
        if split is not None and split[0]:
            id_text, id_type = split[0], _id_type(split[1])
        self.b.set_id(id_text, line=j + 1, secondary_type=id_type)

    def related(self, blk: _Block) -> None:
        value = self.value_of(blk)
        ncts = [f.id for f in find_ids(value) if f.kind == "NCT"]
        at = blk.value_line if blk.value_line is not None else blk.line
        if not ncts:
            self.keep(at, value, blk.lab.label) if value else self.empty(blk, None)
            return
        self.use(blk.line)
        for nct in ncts:
            self.b.add("related_studies", {"nct_id": nct}, line=at + 1)

    def title(self, blk: _Block) -> None:
        parts = self.lines_of(blk)
        if not parts:
            self.empty(blk, blk.lab.key)
            return
        self.use(blk.line)
        text = " ".join(" ".join(t.split()) for _, t in parts)
        self.set_lines(blk.lab.key, text, parts, blk.lab.label)

    def text_field(self, blk: _Block, key: str) -> None:
        parts = self.lines_of(blk)
        if not parts:
            self.empty(blk, key)
            return
        self.use(blk.line, *(j for j, _ in parts))
        text = "\n".join(t for _, t in parts)
        if not self.set_lines(key, text, parts, blk.lab.label):
            return
        if key == "eligibility.criteria":
            inclusion, exclusion = split_criteria(text)
            self.b.set("eligibility.inclusion", inclusion)
            self.b.set("eligibility.exclusion", exclusion)

    def set_lines(self, key: str, text: str, parts: list[tuple[int, str]], label: str) -> bool:
        """Set a value read from several lines; a different repeat is kept line by line."""
        current = self.b.get(key)
        if current is None or current == text:
            self.b.set(key, text, line=parts[0][0] + 1, label=label)
            return current is None
        self.b.issue(
            IssueCode.CONFLICTING_VALUE,
            f"{label} given again with a different value; the first is kept",
            field=key,
            line=parts[0][0] + 1,
        )
        for j, line_text in parts:
            self.keep(j, line_text, label)
        return False

    # --- status and dates -----------------------------------------------------------------
    def status(self, blk: _Block) -> None:
        value = self.value_of(blk)
        line = blk.value_line if blk.value_line is not None else blk.line
        if not value:
            self.empty(blk, "overall_status")
            return
        self.use(blk.line)
        if vocab.lookup(vocab.STATUS, value) is not None:
            self.b.map_enum("overall_status", vocab.STATUS, value, line=line + 1)
            return
        # "Unknown  Verified July 2015 by X. Recruitment status was: Recruiting"
        # "Terminated (Slow accrual)"
        head, rest, rest_label = value, "", blk.lab.label
        verified = re.search(r"\s+Verified\s", value)
        if verified:
            head, rest, rest_label = value[: verified.start()], value[verified.end() :], "Verified"
        elif value.endswith(")") and "(" in value:
            head, _, reason = value[:-1].partition("(")
            rest, rest_label = reason, "Why Stopped"
        self.b.map_enum("overall_status", vocab.STATUS, head.strip(), line=line + 1)
        if rest.strip():
            self.keep(line, rest.strip(), rest_label)

    def status_sentence(self, blk: _Block) -> None:
        self.b.map_enum("overall_status", vocab.STATUS, blk.lab.value, line=blk.line + 1)
        # the stop reason on the next line: "(Re-assessment of study)"
        j = self.next_content(blk.line + 1)
        if j is not None:
            text = self.text(j)
            if text.startswith("(") and text.endswith(")") and self.label_at(j) is None:
                self.keep(j, text[1:-1].strip(), "Why Stopped")
                blk.cont.append(j)

    def date(self, blk: _Block, path: str) -> None:
        value = self.value_of(blk)
        line = blk.value_line if blk.value_line is not None else blk.line
        if not value:
            self.empty(blk, path)
            return
        self.use(blk.line)
        raw = _clean_date(value)
        if parse_partial_date(raw) is None:
            raw = value
        self.b.map_date(path, raw, line=line + 1, label=blk.lab.label)

    # --- design ---------------------------------------------------------------------------
    def study_type(self, blk: _Block) -> None:
        value = self.value_of(blk)
        if not value:
            self.empty(blk, "study_type")
            return
        self.use(blk.line)
        line = (blk.value_line if blk.value_line is not None else blk.line) + 1
        self.b.map_enum("study_type", vocab.STUDY_TYPE, value, line=line, label=blk.lab.label)

    def phases(self, blk: _Block) -> None:
        parts = self.lines_of(blk)
        if not parts:
            self.empty(blk, "phases")
            return
        self.use(blk.line)
        for j, text in parts:
            self.b.map_phases(text, line=j + 1, label=blk.lab.label)

    def design(self, blk: _Block) -> None:
        parts = self.lines_of(blk)
        if not parts:
            self.empty(blk, "design")
            return
        self.use(blk.line)
        pending: str | None = None  # "Intervention Model Description:" waiting for its text
        for j, text in parts:
            # "Allocation: Randomized; Intervention Model: Crossover Assignment; ..." or
            # the 2005-2007 "Treatment, Randomized, Double Blind, Placebo Control"
            for item in _split_design(text):
                label, colon, value = item.partition(":")
                key = _LABEL_KEYS.get(_label_key(label)) if colon else None
                if key is not None and key.startswith("design."):
                    self.design_item(label.strip(), value.strip(), j, None)
                    pending = None
                elif key == "@keep":
                    pending = None if value.strip() else label.strip()
                    if value.strip():
                        self.keep(j, value.strip(), label.strip())
                    else:
                        self.use(j)
                elif pending is not None:
                    self.keep(j, text, pending)
                    break
                else:
                    self.design_word(item.strip(), j)

    def design_item(self, label: str, value: str, line: int | None, blk: _Block | None) -> None:
        key = _LABEL_KEYS.get(_label_key(label), "")
        if not value:
            if blk is not None:
                self.empty(blk, key)
            return
        at = (line if line is not None else 0) + 1
        if blk is not None:
            self.use(blk.line)
        if key == "design.allocation":
            self.b.map_enum(key, vocab.ALLOCATION, value, line=at, label=label)
        elif key == "design.intervention_model":
            self.b.map_enum(key, vocab.INTERVENTION_MODEL, value, line=at, label=label)
        elif key == "design.primary_purpose":
            self.b.map_enum(key, vocab.PRIMARY_PURPOSE, value, line=at, label=label)
        elif key == "design.masking":
            self.masking(value, at, label)

    def masking(self, value: str, at: int, label: str) -> None:
        if vocab.lookup(vocab.MASKING, value) is not None or "(" not in value:
            self.b.map_enum("design.masking", vocab.MASKING, value, line=at, label=label)
            return
        # "Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)"
        head, _, who = value.rstrip(")").partition("(")
        self.b.map_enum("design.masking", vocab.MASKING, head.strip(), line=at, label=label)
        for w in who.split(","):
            if w.strip():
                self.b.map_enum_item(
                    "design.who_masked", vocab.WHO_MASKED, w.strip(), line=at, label=label
                )

    def design_word(self, word: str, j: int) -> None:
        """One word of the old comma-separated design, or of the Archive's design rows."""
        if not word:
            return
        for path, table in (
            ("design.primary_purpose", vocab.PRIMARY_PURPOSE),
            ("design.allocation", vocab.ALLOCATION),
            ("design.intervention_model", vocab.INTERVENTION_MODEL),
        ):
            if vocab.lookup(table, word) is not None:
                self.b.map_enum(path, table, word, line=j + 1, label="Study Design")
                return
        head = word.split("(")[0].strip()
        if vocab.lookup(vocab.MASKING, head) is not None:
            self.masking(word, j + 1, "Study Design")
            return
        kind = _OTHER_DESIGN_WORDS.get(vocab.key(word))
        if kind is not None:
            self.keep(j, word, kind)
            return
        self.unmapped(
            j, word, "Study Design", "design", f"'{word}' does not map to a known design value"
        )

    def enrollment(self, blk: _Block) -> None:
        value = self.value_of(blk)
        line = blk.value_line if blk.value_line is not None else blk.line
        if not value:
            self.empty(blk, "enrollment")
            return
        self.use(blk.line)
        m = _ENROLLMENT_RE.match(" ".join(value.split()))
        if m is None:
            self.b.issue(
                IssueCode.INVALID_VALUE,
                f"'{value}' is not an enrollment count",
                field="enrollment",
                line=line + 1,
            )
            self.keep(line, value, blk.lab.label)
            return
        count = int(m.group(1).replace(",", ""))
        word = m.group(2) or blk.lab.norm_key.split()[0]
        etype = vocab.lookup(vocab.ENROLLMENT_TYPE, word)
        if not self.b.set("enrollment.count", count, line=line + 1, label=blk.lab.label, raw=value):
            return  # a second, different count: kept as printed, its type goes with it
        if etype is not None:
            self.b.set("enrollment.type", etype, line=line + 1, raw=value)

    # --- conditions, interventions, arms --------------------------------------------------
    def condition_table(self, i: int) -> int:
        """Rows of the Condition / Intervention / Phase table from line ``i``; next line."""
        j = i
        while j < self.n:
            if self.blank(j):
                j += 1
                continue
            if self.is_noise(j):
                self.b.noise(j + 1)
                j += 1
                continue
            if self.label_at(j) is not None or self.table_header(j) is not None:
                break
            for item in self.cells(j):
                self.table_item(j, item)
            j += 1
        return j

    def table_item(self, j: int, item: str) -> None:
        if self.intervention(j, item, None):
            return
        if _is_phase(item):
            self.b.map_phases(item, line=j + 1, label="Phase")
            return
        self.add_condition(j, item)

    def add_unique(self, path: str, item: Any, key: Any, j: int) -> None:
        """Append to a list field once; a repeat only accounts for its line (sets: linear)."""
        seen = self.seen.setdefault(path, set())
        if key in seen:
            self.use(j)
            return
        seen.add(key)
        self.b.add(path, item, line=j + 1)

    def add_condition(self, j: int, item: str) -> None:
        self.add_unique("conditions", item, item, j)

    def intervention(self, j: int, item: str, description: str | None) -> bool:
        """Add "Drug: X" as an intervention (once); False when it is not one."""
        m = _INTERVENTION_RE.match(item)
        if m is None:
            return False
        itype = vocab.lookup(vocab.INTERVENTION_TYPE, m.group(1))
        if itype is None:
            return False
        name = m.group(2).strip()
        ident = (str(itype), name.lower())
        if ident in self.intervention_names:
            self.use(j)
            return True
        self.intervention_names[ident] = len(self.intervention_names)
        entry: dict[str, Any] = {"type": itype, "name": name}
        self.intervention_entries[ident] = entry
        if description:
            entry["description"] = description
        self.b.add("interventions", entry, line=j + 1)
        return True

    def describe_intervention(self, itype_name: str, text: str, j: int) -> None:
        """Attach description text to an intervention already added."""
        m = _INTERVENTION_RE.match(itype_name)
        itype = vocab.lookup(vocab.INTERVENTION_TYPE, m.group(1)) if m else None
        if m is None or itype is None:
            self.keep(j, text, "Intervention")
            return
        ident = (str(itype), m.group(2).strip().lower())
        entry = self.intervention_entries.get(ident)
        if entry is None:
            self.keep(j, text, "Intervention")
            return
        # the arms table repeats an intervention (and its text) under every arm
        said = self.described.setdefault(ident, set())
        if text not in said:
            said.add(text)
            old = entry.get("description")
            entry["description"] = f"{old}\n{text}" if old else text
        self.use(j)

    def conditions(self, blk: _Block) -> None:
        parts = self.lines_of(blk)
        if not parts:
            self.empty(blk, "conditions")
            return
        self.use(blk.line)
        for j, text in parts:
            for item in self.cells(j) if j != blk.line else [text]:
                if item:
                    self.add_condition(j, item)

    def interventions(self, blk: _Block) -> None:
        parts = self.lines_of(blk)
        if not parts:
            self.empty(blk, "interventions")
            return
        self.use(blk.line)
        current: str | None = None
        for j, text in parts:
            # results overview: "Drug: Desmopressin; Drug: Placebo"
            items = [t.strip() for t in text.split(";")] if ";" in text else [text]
            # Archive: "Drug: erlotinib hydrochloride     Arm Label: Treatment (...)"
            first = _strip_arm_label(items[0])
            if self.intervention(j, first, None):
                current = first
                if first != items[0]:
                    arm = items[0][len(first) :].strip()
                    self.keep(j, arm.split(":", 1)[1].strip(), "Arm Label")
                for extra in items[1:]:
                    if not self.intervention(j, extra, None):
                        self.keep(j, extra, blk.lab.label)
                continue
            lab = self.label_at(j) if j != blk.line else None
            if lab is not None and lab.norm_key in ("other name", "other names"):
                self.other_names(self.collect(lab, j))
            elif current is not None:
                self.describe_intervention(current, text, j)
            else:
                self.unmapped(
                    j,
                    text,
                    blk.lab.label,
                    "interventions",
                    f"'{text}' is not an intervention ('Type: name')",
                )

    def arms(self, blk: _Block) -> None:
        """The arms table: arm lines are kept; the interventions under them are parsed.

        A browser's copy puts the first intervention of an arm after a tab (second
        column); "Other: X" opens an arm unless it is there, or names an intervention
        already listed in the Condition / Intervention table.
        """
        self.keep_own_value(blk)
        self.use(blk.line)
        current: str | None = None  # "Type: name" of the intervention being described
        names_open = False  # under "Other Names:", one name a line
        for j in blk.cont:
            if self.table_header(j) is not None:
                self.b.noise(j + 1)
                continue
            lab = self.label_at(j)
            if lab is not None and lab.norm_key in ("other name", "other names"):
                names_open = not lab.value
                if lab.value:
                    self.keep(j, lab.value, lab.label)
                else:
                    self.use(j)
                continue
            if lab is not None and lab.key == "interventions":
                # "Intervention: Drug: X" (older arms tables)
                names_open = False
                if self.intervention(j, lab.value, None):
                    current = lab.value
                else:
                    self.keep(j, self.text(j), "Arm")
                continue
            second_column = self.raw[j][:1] == "\t"
            for k, cell in enumerate(self.cells(j)):
                if self.opens_arm(cell, second_column or k > 0):
                    self.keep(j, cell, "Arm")
                    current, names_open = None, False
                elif self.intervention(j, cell, None):
                    current, names_open = cell, False
                elif names_open:
                    self.keep(j, cell, "Other Names")
                elif current is not None:
                    self.describe_intervention(current, cell, j)
                else:
                    self.keep(j, cell, "Arm")

    def opens_arm(self, cell: str, second_column: bool) -> bool:
        m = _INTERVENTION_RE.match(cell)
        if m is None or second_column or m.group(1).strip().lower() not in _ARM_TYPES:
            return False
        itype = vocab.lookup(vocab.INTERVENTION_TYPE, m.group(1))
        known = itype is not None and (str(itype), m.group(2).strip().lower()) in (
            self.intervention_names
        )
        return not known

    def other_names(self, blk: _Block) -> None:
        """ "Other Name: Xeljanz" (no field for an intervention's other names: kept)."""
        if not blk.lab.value:
            self.b.empty(blk.lab.label, line=blk.line + 1, field="interventions")
            return
        self.keep(blk.line, blk.lab.value, blk.lab.label)

    # --- outcomes -------------------------------------------------------------------------
    def outcome_heading(self, blk: _Block) -> None:
        if self.results_mode:
            self.results(blk)
            return
        self.keep_own_value(blk)
        for j in blk.cont:
            self.keep(j, self.text(j), "Outcome Measures")

    def outcomes(self, blk: _Block, kind: str) -> None:
        parts = self.lines_of(blk)
        if not parts:
            self.empty(blk, "outcomes")
            return
        self.use(blk.line)
        current: dict[str, Any] | None = None
        desc: list[str] = []
        start = 0

        def flush() -> None:
            nonlocal current
            if current is not None:
                if desc:
                    current["description"] = "\n".join(desc)
                self.b.add("outcomes", current, line=start + 1)
            current = None
            desc.clear()

        for j, text in parts:
            sub = _SUBMITTED_RE.match(text)
            if sub:
                self.keep(j, sub.group(1), "Submitted")
                continue
            lab_text, colon, rest = text.partition(":")
            lab_key = lab_text.strip().lower()
            if colon and lab_key == "measure":  # Archive: "Measure: ..."
                flush()
                current, start = {"kind": kind, "measure": rest.strip()}, j
                continue
            if colon and lab_key == "time frame" and current is not None:
                current["time_frame"] = rest.strip()
                self.use(j)
                continue
            if text.lower().startswith("safety issue"):  # Archive: "Safety Issue? Yes"
                self.keep(j, text, "Safety Issue")
                continue
            numbered = _OUTCOME_NUM_RE.match(text)
            body = text[numbered.end() :] if numbered else text
            brackets = list(_BRACKET_RE.finditer(body))
            if numbered or brackets or current is None:
                flush()
                measure = body[: brackets[0].start()] if brackets else body
                current, start = {"kind": kind, "measure": measure.strip()}, j
                for bm in brackets:
                    name = bm.group(1).strip().lower()
                    if name == "time frame":
                        current["time_frame"] = bm.group(2).strip()
                    else:
                        self.keep(j, bm.group(2).strip(), bm.group(1).strip())
                if not current["measure"]:
                    current["measure"] = body.strip()
                continue
            desc.append(text)
            self.use(j)
        flush()

    def keywords(self, blk: _Block) -> None:
        """Keywords and MeSH terms: one a line, tab-separated columns, or "; " lists."""
        parts = self.lines_of(blk)
        if not parts:
            self.empty(blk, "keywords")
            return
        self.use(blk.line)
        for j, text in parts:
            items = text.split(";") if ";" in text else self.cells(j) if j != blk.line else [text]
            for item in (it.strip() for it in items):
                if not item:
                    continue
                self.add_unique("keywords", item, item, j)

    # --- eligibility ----------------------------------------------------------------------
    def ages(self, blk: _Block) -> None:
        value = self.value_of(blk)
        line = blk.value_line if blk.value_line is not None else blk.line
        if not value:
            self.empty(blk, "eligibility.minimum_age")
            return
        self.use(blk.line)
        text = " ".join(value.split())
        cats = ""
        if text.endswith(")") and "(" in text:
            text, _, cats = text[:-1].partition("(")
            text = text.strip()
        elif not any(ch.isdigit() for ch in text):
            text, cats = "", text
        for cat in (c.strip() for c in cats.split(",")):
            if cat:
                self.b.map_enum_item(
                    "eligibility.std_ages", vocab.STD_AGE, cat, line=line + 1, label=blk.lab.label
                )
        if not text:
            return
        m = _AGE_SPAN_RE.match(text)
        if m is None:
            path, message = "eligibility.minimum_age", f"'{text}' is not an age range"
            self.unmapped(line, text, blk.lab.label, path, message)
            return
        lo = m.group("lo") or m.group("lo2")
        hi = m.group("hi") or m.group("hi2")
        for path, bound in (("eligibility.minimum_age", lo), ("eligibility.maximum_age", hi)):
            if bound:
                self.age_value(path, bound, line, blk.lab.label)

    def one_age(self, blk: _Block) -> None:
        value = self.value_of(blk)
        line = blk.value_line if blk.value_line is not None else blk.line
        if not value:
            self.empty(blk, blk.lab.key)
            return
        self.use(blk.line)
        self.age_value(blk.lab.key, value, line, blk.lab.label)

    def age_value(self, path: str, raw: str, line: int, label: str) -> None:
        if vocab.is_no_age_limit(raw):
            self.use(line)
            return
        age = vocab.parse_age(raw)
        if age is None:
            self.unmapped(line, raw, label, path, f"'{raw}' is not an age")
            return
        self.b.set(path, age, line=line + 1, label=label, raw=raw)

    def sex(self, blk: _Block) -> None:
        value = self.value_of(blk)
        if not value:
            if blk.lab.norm_key == "sex/gender":
                self.use(blk.line)
                return
            self.empty(blk, "eligibility.sex")
            return
        self.use(blk.line)
        line = (blk.value_line if blk.value_line is not None else blk.line) + 1
        self.b.map_enum("eligibility.sex", vocab.SEX, value, line=line, label=blk.lab.label)

    def healthy(self, blk: _Block) -> None:
        value = self.value_of(blk)
        line = blk.value_line if blk.value_line is not None else blk.line
        if not value:
            self.empty(blk, "eligibility.healthy_volunteers")
            return
        self.use(blk.line)
        flag = vocab.parse_yes_no(value)
        if flag is None:
            path, message = "eligibility.healthy_volunteers", f"'{value}' is not yes or no"
            self.unmapped(line, value, blk.lab.label, path, message)
            return
        self.b.set("eligibility.healthy_volunteers", flag, line=line + 1, raw=value)

    # --- sponsor, contacts, locations -----------------------------------------------------
    def sponsor(self, blk: _Block) -> None:
        value = self.value_of(blk)
        line = blk.value_line if blk.value_line is not None else blk.line
        if not value:
            self.empty(blk, "sponsor")
            return
        self.use(blk.line)
        self.b.set("sponsor", {"name": value}, line=line + 1, label=blk.lab.label, raw=value)

    def collaborators(self, blk: _Block) -> None:
        parts = self.lines_of(blk)
        if not parts:
            self.empty(blk, "collaborators")
            return
        self.use(blk.line)
        for j, text in parts:
            self.add_org("collaborators", text, j)

    def add_org(self, path: str, name: str, j: int) -> None:
        if not name:
            return
        if path == "sponsor":
            current = self.b.get("sponsor")
            if current is None:
                self.b.set("sponsor", {"name": name}, line=j + 1)
                return
            if current.get("name") == name:
                self.use(j)
                return
            path = "collaborators"
        lead = self.b.get("sponsor")
        if lead is not None and lead.get("name") == name:
            self.use(j)  # the Archive lists the lead sponsor among the collaborators too
            return
        self.add_unique("collaborators", {"name": name}, name, j)

    def sponsors_block(self, blk: _Block) -> None:
        """ "Sponsors and Collaborators": the lead sponsor first, then collaborators."""
        self.keep_own_value(blk)
        self.use(blk.line)
        for k, j in enumerate(blk.cont):
            self.add_org("sponsor" if k == 0 else "collaborators", self.text(j), j)

    def contact_line(
        self, blk: _Block, affiliation: str | None = None, role: str = "Central contact"
    ) -> None:
        value = self.value_of(blk)
        line = blk.value_line if blk.value_line is not None else blk.line
        if not value:
            self.empty(blk, "contacts")
            return
        self.use(blk.line)
        contact = _contact_fields(self.cells_of_value(line, value))
        contact["role"] = vocab.lookup(vocab.ROLE, role)
        if affiliation and not contact.get("affiliation"):
            contact["affiliation"] = affiliation
        self.add_contact(contact, line)

    def investigator_line(self, blk: _Block, affiliation: str | None = None) -> None:
        value = self.value_of(blk)
        line = blk.value_line if blk.value_line is not None else blk.line
        if not value:
            self.empty(blk, "contacts")
            return
        self.use(blk.line)
        cells = self.cells_of_value(line, value)
        contact: dict[str, Any] = {"name": cells[0]}
        if len(cells) > 1:
            contact["affiliation"] = " ".join(cells[1:])
        elif affiliation:
            contact["affiliation"] = affiliation
        role = vocab.lookup(vocab.ROLE, blk.lab.label)
        contact["role"] = role
        self.add_contact(contact, line)

    def cells_of_value(self, line: int, value: str) -> list[str]:
        """ "Jane Doe, MD\t+1 555 0100\tjane@x.org" -> its cells (tabs or 2+ spaces apart)."""
        cells = [c.strip() for c in _CELL_SEP_RE.split(value.replace("\u00a0", " "))]
        return [c for c in cells if c] or [value]

    def add_contact(self, contact: dict[str, Any], line: int) -> None:
        contact = {k: v for k, v in contact.items() if v}
        self.add_unique("contacts", contact, tuple(sorted(contact.items())), line)

    def contacts_heading(self, blk: _Block) -> None:
        value = self.value_of(blk)
        self.use(blk.line)
        if value and _label_key(value) not in _NOISE_STRINGS:
            self.keep(blk.line, value, blk.lab.label)
        for j in blk.cont:
            self.keep(j, self.text(j), blk.lab.label)

    def countries(self, blk: _Block) -> None:
        parts = self.lines_of(blk)
        if not parts:
            self.empty(blk, "countries")
            return
        self.use(blk.line)
        for j, text in parts:
            for country in text.split(","):
                if country.strip():
                    self.b.add("countries", country.strip(), line=j + 1)

    def locations(self, blk: _Block) -> None:
        """Central contacts, then sites: "Country[, State]" groups, facility, address lines."""
        self.keep_own_value(blk)
        self.use(blk.line)
        country: str | None = None
        state: str | None = None
        loc: _Loc | None = None
        lines = blk.cont
        for idx, j in enumerate(lines):
            text = self.text(j)
            lab = self.label_at(j)
            if lab is not None and lab.norm_key == "locations":
                self.use(j)
                continue
            if lab is not None and lab.key == "@contact":
                sub = self.collect(lab, j)
                if loc is None:  # before the first site: the study's central contacts
                    self.contact_line(sub)
                else:
                    self.contact_line(sub, loc.data.get("facility"), "Contact")
                continue
            if lab is not None and lab.key == "@investigator":
                sub = self.collect(lab, j)
                self.investigator_line(sub, loc.data.get("facility") if loc else None)
                continue
            if loc is not None and "city" not in loc.data and country is not None:
                address = _address(text, country, state)
                if address is not None:
                    loc.data.update(address)
                    self.use(j)
                    continue
            group = self.location_group(lines, idx)
            if group is not None:
                country, state = group
                self.use(j)
                loc = None
                continue
            if loc is not None and "city" not in loc.data and country is None:
                address = _address_guess(text)
                if address is not None:
                    loc.data.update(address)
                    self.use(j)
                    continue
            status = vocab.lookup(_SITE_STATUS_WORDS, text)
            if status is not None and loc is not None and "status" not in loc.data:
                loc.data["status"] = status
                self.use(j)
                continue
            cells = self.cells(j)
            facility = cells[0] if cells else text
            loc = _Loc({"facility": facility}, j)
            if len(cells) > 1:
                st = vocab.lookup(_SITE_STATUS_WORDS, cells[-1])
                if st is not None:
                    loc.data["status"] = st
                else:
                    loc.data["facility"] = text
            self.b.add("locations", loc.data, line=j + 1)
        for entry in self.b.get("locations") or []:
            if entry.get("country"):
                self.b.add("countries", entry["country"])

    def location_group(self, lines: list[int], idx: int) -> tuple[str, str | None] | None:
        """Is lines[idx] a "Country[, State]" group heading? Its first site's address says."""
        text = self.text(lines[idx])
        parts = [p.strip() for p in text.split(",")]
        if not 1 <= len(parts) <= 2 or not all(parts):
            return None
        country, state = parts[0], (parts[1] if len(parts) == 2 else None)
        for j in lines[idx + 2 : idx + 5]:
            if _address(self.text(j), country, state) is not None:
                return country, state
        return None

    # --- kept lines and headings ----------------------------------------------------------
    def keep_single(self, blk: _Block) -> None:
        value = self.value_of(blk)
        if not value:
            self.empty(blk, None)
            return
        self.use(blk.line)
        self.keep(blk.value_line if blk.value_line is not None else blk.line, value, blk.lab.label)

    def keep_block(self, blk: _Block) -> None:
        parts = self.lines_of(blk)
        self.use(blk.line)
        if not parts:
            self.empty(blk, None)
            return
        for j, text in parts:
            self.keep(j, text, blk.lab.label)

    def heading(self, blk: _Block) -> None:
        self.use(blk.line)
        value = self.value_of(blk)
        if value and blk.value_line is not None:
            self.keep(blk.value_line, value, blk.lab.label)

    def keep_own_value(self, blk: _Block) -> None:
        """A block heading with text after it on its own line ("Locations: 3 sites")."""
        self.use(blk.line)
        if blk.lab.value:
            self.keep(blk.line, blk.lab.value, blk.lab.label)

    def results(self, blk: _Block) -> None:
        """A results-tab section: outcome measures map to ``outcomes``; tables are kept."""
        self.keep_own_value(blk)
        self.results_mode = True
        self.use(blk.line)
        section = blk.lab.label
        is_outcomes = blk.lab.norm_key == "outcome measures"
        current: dict[str, Any] | None = None
        start = 0

        def flush() -> None:
            nonlocal current
            if current is not None and current.get("measure"):
                self.b.add("outcomes", current, line=start + 1)
            current = None

        for j in blk.cont:
            text = self.text(j)
            if is_outcomes:
                m = _RESULT_OUTCOME_RE.match(" ".join(text.split()))
                if m:
                    flush()
                    kind = {"primary": "PRIMARY", "secondary": "SECONDARY"}.get(
                        m.group(1).lower(), "OTHER"
                    )
                    current, start = {"kind": kind}, j
                    self.use(j)
                    continue
                cells = self.cells(j)
                field_ = {
                    "title": "measure",
                    "description": "description",
                    "time frame": "time_frame",
                }.get(_label_key(cells[0]) if cells else "")
                if current is not None and field_ and field_ not in current and len(cells) > 1:
                    current[field_] = " ".join(cells[1:])
                    self.use(j)
                    continue
            self.keep(j, text, section)
        flush()

    # --- end ------------------------------------------------------------------------------
    def check_truncated(self) -> None:
        last = None
        for i in range(self.n - 1, -1, -1):
            if not self.blank(i):
                last = i
                break
        if last is None or self.is_noise(last):
            return
        blk = self.last_block
        if blk is None:
            return
        text = self.text(last)
        in_text = blk.lab.key in _TEXT_KEYS and (blk.cont and blk.cont[-1] == last)
        at_label = blk.line == last and not blk.lab.value and blk.lab.sep != "bare"
        if (in_text and not text.endswith((".", "!", "?", ")", "]", ":", ";", '"'))) or at_label:
            self.b.issue(
                IssueCode.TRUNCATED,
                "the page stops here, part of it is missing",
                line=last + 1,
            )


# Design words that are not fields of the schema (kept with what they are).
_OTHER_DESIGN_WORDS: dict[str, str] = {
    vocab.key(w): kind
    for kind, words in (
        (
            "Endpoint Classification",
            (
                "Safety Study",
                "Efficacy Study",
                "Safety/Efficacy Study",
                "Bio-equivalence Study",
                "Bio-availability Study",
                "Pharmacokinetics Study",
                "Pharmacodynamics Study",
                "Pharmacokinetics/dynamics Study",
            ),
        ),
        (
            "Control",
            (
                "Placebo Control",
                "Active Control",
                "Uncontrolled",
                "Historical Control",
                "Dose Comparison",
            ),
        ),
        (
            "Observational Design",
            (
                "Natural History",
                "Screening",
                "Cohort",
                "Case Control",
                "Case-Only",
                "Case-Crossover",
                "Ecologic or Community",
                "Family-Based",
                "Longitudinal",
                "Cross-Sectional",
                "Prospective",
                "Retrospective",
                "Defined Population",
                "Convenience Sample",
                "Random Sample",
            ),
        ),
    )
    for w in words
}


# --- small pure helpers -----------------------------------------------------------------
def _clean_date(value: str) -> str:
    """ "July 7, 2020    Key Record Dates", "2007-09 (Actual)", "2005_06_23" -> a date."""
    text = " ".join(value.split())
    for suffix in ("Key Record Dates", "History of Changes"):
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
    text = _TRAILING_REMARK_RE.sub("", text)
    m = _UNDERSCORE_DATE_RE.match(text)
    if m:
        text = "-".join(m.groups())
    return text


def _is_phase(item: str) -> bool:
    low = item.lower()
    if "phase" not in low and vocab.key(item) not in ("n/a", "na", "not applicable"):
        return False
    return vocab.parse_phases(item) is not None


def _strip_arm_label(text: str) -> str:
    """Archive: "Drug: erlotinib   Arm Label: Treatment (...)" -> "Drug: erlotinib"."""
    norm = text.replace("\t", " ").replace("\u00a0", " ")
    at = norm.find("Arm Label:")
    return text[:at].strip() if at > 0 else text.strip()


def _split_design(text: str) -> list[str]:
    """Design items separated by ";" or, outside parentheses, ","."""
    if ";" in text:
        return [p for p in (t.strip() for t in text.split(";")) if p]
    if ":" in text and text.index(":") < 40 and "," not in text.split(":", 1)[0]:
        return [text]
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch == "," and depth == 0:
            out.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur).strip())
    return [p for p in out if p]


def _trailing_paren(text: str) -> tuple[str, str] | None:
    """ "CDR0000350336 (PDQ (Physician Data Query))" -> ("CDR0000350336", "PDQ (...)")."""
    text = text.strip()
    if not text.endswith(")"):
        return None
    depth = 0
    for k in range(len(text) - 1, -1, -1):
        if text[k] == ")":
            depth += 1
        elif text[k] == "(":
            depth -= 1
            if depth == 0:
                return text[:k].strip(), text[k + 1 : -1].strip()
    return None


# Printed kinds of secondary ids -> the short names the other ClinicalTrials.gov
# extractors use; a kind not listed is kept as printed.
_ID_TYPES: tuple[tuple[str, str], ...] = (
    ("nih grant", "NIH"),
    ("u.s. nih", "NIH"),
    ("registry identifier", "REGISTRY"),
    ("eudract", "EUDRACT"),
    ("other grant", "OTHER_GRANT"),
    ("other identifier", "OTHER"),
)


def _id_type(remark: str) -> str | None:
    """What a secondary id is, from its printed remark ("US NIH Grant Number")."""
    low = " ".join(remark.lower().split())
    for words, kind in _ID_TYPES:
        if words in low:
            return kind
    return " ".join(remark.split()) or None


def _contact_fields(cells: Iterable[str]) -> dict[str, Any]:
    """ "Jane Doe, MD", "+1 555 0100 ext 12", "jane@x.org" -> name / phone / email."""
    out: dict[str, Any] = {}
    rest: list[str] = []
    for cell in cells:
        c = cell.strip()
        if not c:
            continue
        if "@" in c and " " not in c and "email" not in out:
            out["email"] = c
        elif _PHONE_RE.match(c) and "phone" not in out:
            out["phone"] = c
        elif "name" not in out:
            out["name"] = c
        else:
            rest.append(c)
    if rest:
        out["affiliation"] = " ".join(rest)
    return out


def _address(text: str, country: str, state: str | None) -> dict[str, Any] | None:
    """ "Birmingham, Alabama, United States, 35205" under "United States, Alabama"."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) < 2:
        return None
    zip_code: str | None = None
    if (
        parts[-1] != country
        and len(parts) >= 3
        and parts[-2] == country
        and any(ch.isdigit() for ch in parts[-1])
    ):
        zip_code = parts[-1]
        parts = parts[:-1]
    if parts[-1] != country:
        return None
    rest = parts[:-1]
    out: dict[str, Any] = {"country": country}
    if state is not None and len(rest) >= 2 and rest[-1] == state:
        out["state"] = state
        rest = rest[:-1]
    if not rest or not all(rest):
        return None
    out["city"] = ", ".join(rest)
    if zip_code:
        out["zip"] = zip_code
    return out


def _address_guess(text: str) -> dict[str, Any] | None:
    """An address with no group heading above it: "Purchase, New York, United States, 10755"."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) < 2 or not all(parts):
        return None
    zip_code = parts.pop() if any(ch.isdigit() for ch in parts[-1]) and len(parts) >= 3 else None
    out: dict[str, Any] = {"country": parts[-1], "city": parts[0]}
    if len(parts) == 3:
        out["state"] = parts[1]
    elif len(parts) > 3:
        return None
    if zip_code:
        out["zip"] = zip_code
    return out


# --- detection --------------------------------------------------------------------------
# Case-sensitive markers: other sites print some of the same words in other cases
# (HRA's "Clinicaltrials.gov Identifier").
_STRONG_MARKERS = (
    "Layout table for ",
    "Recruitment Status :",
    "First Posted :",
    "Last Update Posted :",
    "ClinicalTrials.gov Archive",
    "ClinicalTrials Identifier:",
    "ClinicalTrials.gov processed this record on",
    "We're building a better ClinicalTrials.gov",
    "Now Available for Public Comment",
    "The safety and scientific validity of this study is the responsibility",
)
# The record view's label suffix: "Official Title  ICMJE<tab>..." (not "WHO and ICMJE standards")
_ICMJE_RE = re.compile(r"[A-Za-z)] {1,3}ICMJE(?:\t| {2,}|$)", re.M)
_MEDIUM_MARKERS = (
    "First received:",
    "Last verified:",
    "Study First Received:",
    "Ages Eligible for Study:",
    "Sexes Eligible for Study:",
    "Genders Eligible for Study:",
    "Accepts Healthy Volunteers:",
    "Information provided by (Responsible Party):",
    "Other Study ID Numbers:",
    "How to Read a Study Record",
)


def analyse_text(page: Page) -> float:
    """ClinicalTrials.gov's own captions, banners and label spellings score high.

    Mirror sites copy the field labels ("Ages Eligible for Study:") but not the
    site's furniture; labels alone never claim a page.
    """
    head = "\n".join(page.norm[:400]) if page.is_html else page.text[:20000]
    head = head.replace("\u00a0", " ")
    flat = head.replace("\t", " ")
    score = 0.0
    # the substring test first: the pattern would otherwise be tried at every letter
    icmje = "ICMJE" in flat and len(_ICMJE_RE.findall(head)) >= 2
    if icmje or any(m in flat for m in _STRONG_MARKERS):
        score = 0.9
    elif "ClinicalTrials.gov Identifier:" in flat or "ClinicalTrials.gov Identifier :" in flat:
        score = 0.55
    if score:
        score += 0.02 * sum(1 for m in _MEDIUM_MARKERS if m in flat)
    return min(1.0, score)


def extract(page: Page) -> Trial:
    """Read one classic ClinicalTrials.gov page (any layout) into a Trial."""
    return _Parser(page).run()
