"""ClinicalTrials.gov study records as JSON: API v2, and the retired classic API v1.

API v2 (https://clinicaltrials.gov/api/v2/studies/NCT...), one study per file::

    {"protocolSection": {
       "identificationModule": {"nctId": "NCT05468931", "orgStudyIdInfo": {"id": "65918"},
                                "briefTitle": "Prostate Stimulation for Sexual Dysfunction"},
       "statusModule": {"overallStatus": "RECRUITING",
                        "startDateStruct": {"date": "2024-04-18", "type": "ACTUAL"},
                        "completionDateStruct": {"date": "2025-06-01", "type": "ESTIMATED"}},
       "designModule": {"studyType": "INTERVENTIONAL", "phases": ["NA"],
                        "enrollmentInfo": {"count": 15, "type": "ESTIMATED"}},
       "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\\n\\n* Males \\\\>18 ...",
                             "minimumAge": "18 Years", "stdAges": ["ADULT", "OLDER_ADULT"]},
       ...},
     "derivedSection": {"conditionBrowseModule": {"meshes": [{"id": "D000007172",
                                                              "term": "Erectile Dysfunction"}]}},
     "hasResults": false}          (a record with results adds "resultsSection": {...})

Retired API v1 (``/api/query/full_studies``), PascalCase keys and ``...List`` wrappers::

    {"FullStudiesResponse": {"APIVrs": "1.01.05", "NStudiesReturned": 1,
      "FullStudies": [{"Rank": 1, "Study": {"ProtocolSection": {
          "IdentificationModule": {"NCTId": "NCT04780763", "Acronym": "Tara", ...},
          "StatusModule": {"OverallStatus": "Not yet recruiting",
                           "StartDateStruct": {"StartDate": "March 4, 2021",
                                               "StartDateType": "Anticipated"}},
          "ConditionsModule": {"ConditionList": {"Condition": ["Anxious Healthy Subjects"]}},
          ...}}}]}}

Containers, all read by ``extract_many`` (``extract`` wants exactly one study):
a single study; a JSON array of studies (the site's "Download as JSON"); a v2
search page ``{"studies": [...], "nextPageToken": ...}``; a v1
``FullStudiesResponse`` of up to 100 studies; JSON Lines, one study (or page)
per line. Big JSON Lines files (and single-line records) are streamed line by
line (``can_stream`` / ``extract_stream``); arrays and pretty-printed documents
are read whole (the size limit ``max_bytes`` applies to them).

Reading: a document (or line) opening with ``{"protocolSection"`` is read by a
pydantic-core schema compiled from ``LABELS`` straight into the table's targets
(results, MeSH trees and the like never become Python objects); anything it
refuses (another container, v1, a module or list of the wrong shape, invalid
JSON) is read by pydantic-core's ``from_json`` and walked along the same table,
and what that reader refuses is read by ``json``, whose values and error
messages are the reference. Every path gives the same Trial. A record the
schema reads goes straight to the fill, and since it refuses lone surrogate
escapes (``"\\ud800"``, replaced by U+FFFD), only refused texts are searched for
them. Eligibility criteria of the common v2 shape (headings over "* " or "1. "
items) are split by a short loop; any other shape by ``split_criteria``.

Errors: invalid or truncated JSON is an ``InputError`` naming line and column
(records before the bad spot are still yielded). In JSON Lines a bad line, or a
value that is no study (also an array element that is no study), does not stop
the file: the following records are read and one ``InputError`` listing the bad
ones is raised after the last good record. Deep nesting and oversized numbers
are ``InputError`` too. Issues and ``unparsed`` fragments carry the line where
their record starts, and the record's key path as label
("statusModule.overallStatus").

Quirks and choices:

- v2 ``markup`` texts (summaries, criteria, descriptions) escape markdown
  punctuation (``\\>=18``, ``\\[QOL\\]``): the escapes are removed. v1 text is plain.
- v1 spells enums in words ("Phase 2", "Not Applicable", "Anticipated", "Unknown
  status", "Accepts Healthy Volunteers"); the shared ``_vocab`` tables map them.
- Date types (ACTUAL / ESTIMATED) have no place in ``PartialDate``; the dates keep
  their printed precision ("2024-06" stays a month; v1 "March 2021" too).
- ``orgStudyIdInfo`` is a ``SPONSOR`` secondary id; secondary id types map to
  short names (``EUDRACT_NUMBER`` -> ``EUDRACT``, "Registry Identifier" -> ``REGISTRY``);
  an id that is recognisably a registry id (EudraCT, ISRCTN, DRKS...) is filed by
  the builder under its own field or kind; a bare 8-digit id whose domain is
  "ISRCTN" is the ISRCTN number. ``nctIdAliases`` become ``NCT`` secondary ids.
- Contacts: central contacts get role ``CENTRAL_CONTACT`` (the record says
  ``CONTACT``); overall officials keep theirs; a responsible party who is an
  investigator is a contact too; site contacts follow, their affiliation being
  the site's facility. Phone extensions are appended as "<phone> ext. <ext>".
- Keywords are the record's keywords, then its condition and intervention MeSH
  terms (``derivedSection``), without repeats.
- ``design.number_of_arms`` counts ``armGroups`` (cohorts, for observational studies).
- An expanded-access record named in ``expandedAccessInfo`` is a related study.
- Results, references, IPD sharing, oversight: not in the schema, not read.
  The non-API key ``locations_nested`` (one tool's duplicate of ``locations``) is ignored.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple, TextIO, TypeVar

from pydantic_core import SchemaValidator, core_schema, from_json

from .. import _memo
from .. import _vocab as vocab
from .._builder import TrialBuilder
from .._criteria import _glued_heading, _split_heading_memo, split_criteria
from .._dates import PartialDate
from .._errors import InputError, MultipleRecordsError
from .._ids import _FIRST_CHARS as _ID_FIRST_CHARS
from .._ids import _PRINTED as _PRINTED_IDS
from .._ids import classify_id
from .._model import ContactRole, IssueCode, Trial
from .._text import DEFAULT_MAX_BYTES, Page

ID = "ctgov-json"
TITLE = "ClinicalTrials.gov study record, API v2 / classic API v1 JSON"
URL = "https://clinicaltrials.gov/data-api/api"
STRUCTURED = True
NOISE: tuple[str, ...] = ()

E = TypeVar("E", bound=StrEnum)

# Source key paths, relative to a section (protocolSection / derivedSection, or
# v1 ProtocolSection / DerivedSection) -> target. "x[]" walks the list under key
# x. A target naming a list ("locations") collects one item per element; the
# entries below it ("locations.city") fill that item's field "city".
LABELS: dict[str, str] = {
    # --- API v2 -------------------------------------------------------------------
    "identificationModule.nctId": "nct_id",
    "identificationModule.nctIdAliases[]": "nct_aliases",
    "identificationModule.orgStudyIdInfo.id": "org_study_id",
    "identificationModule.secondaryIdInfos[]": "secondary_ids",
    "identificationModule.secondaryIdInfos[].id": "secondary_ids.id",
    "identificationModule.secondaryIdInfos[].type": "secondary_ids.type",
    "identificationModule.secondaryIdInfos[].domain": "secondary_ids.domain",
    "identificationModule.acronym": "acronym",
    "identificationModule.briefTitle": "brief_title",
    "identificationModule.officialTitle": "official_title",
    "statusModule.overallStatus": "overall_status",
    "statusModule.startDateStruct.date": "start_date",
    "statusModule.primaryCompletionDateStruct.date": "primary_completion_date",
    "statusModule.completionDateStruct.date": "completion_date",
    "statusModule.studyFirstPostDateStruct.date": "first_posted_date",
    "statusModule.lastUpdatePostDateStruct.date": "last_update_date",
    "statusModule.expandedAccessInfo.nctId": "expanded_access.nct_id",
    "statusModule.expandedAccessInfo.statusForNctId": "expanded_access.status",
    "sponsorCollaboratorsModule.leadSponsor.name": "sponsor.name",
    "sponsorCollaboratorsModule.leadSponsor.class": "sponsor.class",
    "sponsorCollaboratorsModule.collaborators[]": "collaborators",
    "sponsorCollaboratorsModule.collaborators[].name": "collaborators.name",
    "sponsorCollaboratorsModule.collaborators[].class": "collaborators.class",
    "sponsorCollaboratorsModule.responsibleParty.type": "responsible_party.type",
    "sponsorCollaboratorsModule.responsibleParty.investigatorFullName": "responsible_party.name",
    "sponsorCollaboratorsModule.responsibleParty.investigatorAffiliation": (
        "responsible_party.affiliation"
    ),
    "descriptionModule.briefSummary": "brief_summary",
    "descriptionModule.detailedDescription": "detailed_description",
    "conditionsModule.conditions[]": "conditions",
    "conditionsModule.keywords[]": "keywords",
    "designModule.studyType": "study_type",
    "designModule.phases[]": "phases",
    "designModule.designInfo.allocation": "design.allocation",
    "designModule.designInfo.interventionModel": "design.intervention_model",
    "designModule.designInfo.primaryPurpose": "design.primary_purpose",
    "designModule.designInfo.maskingInfo.masking": "design.masking",
    "designModule.designInfo.maskingInfo.whoMasked[]": "design.who_masked",
    "designModule.enrollmentInfo.count": "enrollment.count",
    "designModule.enrollmentInfo.type": "enrollment.type",
    "armsInterventionsModule.armGroups[]": "arms",
    "armsInterventionsModule.interventions[]": "interventions",
    "armsInterventionsModule.interventions[].type": "interventions.type",
    "armsInterventionsModule.interventions[].name": "interventions.name",
    "armsInterventionsModule.interventions[].description": "interventions.description",
    "outcomesModule.primaryOutcomes[]": "primary_outcomes",
    "outcomesModule.primaryOutcomes[].measure": "primary_outcomes.measure",
    "outcomesModule.primaryOutcomes[].timeFrame": "primary_outcomes.time_frame",
    "outcomesModule.primaryOutcomes[].description": "primary_outcomes.description",
    "outcomesModule.secondaryOutcomes[]": "secondary_outcomes",
    "outcomesModule.secondaryOutcomes[].measure": "secondary_outcomes.measure",
    "outcomesModule.secondaryOutcomes[].timeFrame": "secondary_outcomes.time_frame",
    "outcomesModule.secondaryOutcomes[].description": "secondary_outcomes.description",
    "outcomesModule.otherOutcomes[]": "other_outcomes",
    "outcomesModule.otherOutcomes[].measure": "other_outcomes.measure",
    "outcomesModule.otherOutcomes[].timeFrame": "other_outcomes.time_frame",
    "outcomesModule.otherOutcomes[].description": "other_outcomes.description",
    "eligibilityModule.eligibilityCriteria": "eligibility.criteria",
    "eligibilityModule.healthyVolunteers": "eligibility.healthy_volunteers",
    "eligibilityModule.sex": "eligibility.sex",
    "eligibilityModule.minimumAge": "eligibility.minimum_age",
    "eligibilityModule.maximumAge": "eligibility.maximum_age",
    "eligibilityModule.stdAges[]": "eligibility.std_ages",
    "contactsLocationsModule.centralContacts[]": "central_contacts",
    "contactsLocationsModule.centralContacts[].name": "central_contacts.name",
    "contactsLocationsModule.centralContacts[].role": "central_contacts.role",
    "contactsLocationsModule.centralContacts[].phone": "central_contacts.phone",
    "contactsLocationsModule.centralContacts[].phoneExt": "central_contacts.phone_ext",
    "contactsLocationsModule.centralContacts[].email": "central_contacts.email",
    "contactsLocationsModule.overallOfficials[]": "officials",
    "contactsLocationsModule.overallOfficials[].name": "officials.name",
    "contactsLocationsModule.overallOfficials[].affiliation": "officials.affiliation",
    "contactsLocationsModule.overallOfficials[].role": "officials.role",
    "contactsLocationsModule.locations[]": "locations",
    "contactsLocationsModule.locations[].facility": "locations.facility",
    "contactsLocationsModule.locations[].city": "locations.city",
    "contactsLocationsModule.locations[].state": "locations.state",
    "contactsLocationsModule.locations[].zip": "locations.zip",
    "contactsLocationsModule.locations[].country": "locations.country",
    "contactsLocationsModule.locations[].status": "locations.status",
    "contactsLocationsModule.locations[].contacts[]": "locations.contacts",
    "contactsLocationsModule.locations[].contacts[].name": "locations.contacts.name",
    "contactsLocationsModule.locations[].contacts[].role": "locations.contacts.role",
    "contactsLocationsModule.locations[].contacts[].phone": "locations.contacts.phone",
    "contactsLocationsModule.locations[].contacts[].phoneExt": "locations.contacts.phone_ext",
    "contactsLocationsModule.locations[].contacts[].email": "locations.contacts.email",
    "conditionBrowseModule.meshes[]": "condition_meshes",
    "conditionBrowseModule.meshes[].term": "condition_meshes.term",
    "interventionBrowseModule.meshes[]": "intervention_meshes",
    "interventionBrowseModule.meshes[].term": "intervention_meshes.term",
    # --- classic API v1 -----------------------------------------------------------
    "IdentificationModule.NCTId": "nct_id",
    "IdentificationModule.NCTIdAliasList.NCTIdAlias[]": "nct_aliases",
    "IdentificationModule.OrgStudyIdInfo.OrgStudyId": "org_study_id",
    "IdentificationModule.SecondaryIdInfoList.SecondaryIdInfo[]": "secondary_ids",
    "IdentificationModule.SecondaryIdInfoList.SecondaryIdInfo[].SecondaryId": "secondary_ids.id",
    "IdentificationModule.SecondaryIdInfoList.SecondaryIdInfo[].SecondaryIdType": (
        "secondary_ids.type"
    ),
    "IdentificationModule.SecondaryIdInfoList.SecondaryIdInfo[].SecondaryIdDomain": (
        "secondary_ids.domain"
    ),
    "IdentificationModule.Acronym": "acronym",
    "IdentificationModule.BriefTitle": "brief_title",
    "IdentificationModule.OfficialTitle": "official_title",
    "StatusModule.OverallStatus": "overall_status",
    "StatusModule.StartDateStruct.StartDate": "start_date",
    "StatusModule.PrimaryCompletionDateStruct.PrimaryCompletionDate": "primary_completion_date",
    "StatusModule.CompletionDateStruct.CompletionDate": "completion_date",
    "StatusModule.StudyFirstPostDateStruct.StudyFirstPostDate": "first_posted_date",
    "StatusModule.LastUpdatePostDateStruct.LastUpdatePostDate": "last_update_date",
    "StatusModule.ExpandedAccessInfo.ExpandedAccessNCTId": "expanded_access.nct_id",
    "StatusModule.ExpandedAccessInfo.ExpandedAccessStatusForNCTId": "expanded_access.status",
    "SponsorCollaboratorsModule.LeadSponsor.LeadSponsorName": "sponsor.name",
    "SponsorCollaboratorsModule.LeadSponsor.LeadSponsorClass": "sponsor.class",
    "SponsorCollaboratorsModule.CollaboratorList.Collaborator[]": "collaborators",
    "SponsorCollaboratorsModule.CollaboratorList.Collaborator[].CollaboratorName": (
        "collaborators.name"
    ),
    "SponsorCollaboratorsModule.CollaboratorList.Collaborator[].CollaboratorClass": (
        "collaborators.class"
    ),
    "SponsorCollaboratorsModule.ResponsibleParty.ResponsiblePartyType": "responsible_party.type",
    "SponsorCollaboratorsModule.ResponsibleParty.ResponsiblePartyInvestigatorFullName": (
        "responsible_party.name"
    ),
    "SponsorCollaboratorsModule.ResponsibleParty.ResponsiblePartyInvestigatorAffiliation": (
        "responsible_party.affiliation"
    ),
    "DescriptionModule.BriefSummary": "brief_summary",
    "DescriptionModule.DetailedDescription": "detailed_description",
    "ConditionsModule.ConditionList.Condition[]": "conditions",
    "ConditionsModule.KeywordList.Keyword[]": "keywords",
    "DesignModule.StudyType": "study_type",
    "DesignModule.PhaseList.Phase[]": "phases",
    "DesignModule.DesignInfo.DesignAllocation": "design.allocation",
    "DesignModule.DesignInfo.DesignInterventionModel": "design.intervention_model",
    "DesignModule.DesignInfo.DesignPrimaryPurpose": "design.primary_purpose",
    "DesignModule.DesignInfo.DesignMaskingInfo.DesignMasking": "design.masking",
    "DesignModule.DesignInfo.DesignMaskingInfo.DesignWhoMaskedList.DesignWhoMasked[]": (
        "design.who_masked"
    ),
    "DesignModule.EnrollmentInfo.EnrollmentCount": "enrollment.count",
    "DesignModule.EnrollmentInfo.EnrollmentType": "enrollment.type",
    "ArmsInterventionsModule.ArmGroupList.ArmGroup[]": "arms",
    "ArmsInterventionsModule.InterventionList.Intervention[]": "interventions",
    "ArmsInterventionsModule.InterventionList.Intervention[].InterventionType": (
        "interventions.type"
    ),
    "ArmsInterventionsModule.InterventionList.Intervention[].InterventionName": (
        "interventions.name"
    ),
    "ArmsInterventionsModule.InterventionList.Intervention[].InterventionDescription": (
        "interventions.description"
    ),
    "OutcomesModule.PrimaryOutcomeList.PrimaryOutcome[]": "primary_outcomes",
    "OutcomesModule.PrimaryOutcomeList.PrimaryOutcome[].PrimaryOutcomeMeasure": (
        "primary_outcomes.measure"
    ),
    "OutcomesModule.PrimaryOutcomeList.PrimaryOutcome[].PrimaryOutcomeTimeFrame": (
        "primary_outcomes.time_frame"
    ),
    "OutcomesModule.PrimaryOutcomeList.PrimaryOutcome[].PrimaryOutcomeDescription": (
        "primary_outcomes.description"
    ),
    "OutcomesModule.SecondaryOutcomeList.SecondaryOutcome[]": "secondary_outcomes",
    "OutcomesModule.SecondaryOutcomeList.SecondaryOutcome[].SecondaryOutcomeMeasure": (
        "secondary_outcomes.measure"
    ),
    "OutcomesModule.SecondaryOutcomeList.SecondaryOutcome[].SecondaryOutcomeTimeFrame": (
        "secondary_outcomes.time_frame"
    ),
    "OutcomesModule.SecondaryOutcomeList.SecondaryOutcome[].SecondaryOutcomeDescription": (
        "secondary_outcomes.description"
    ),
    "OutcomesModule.OtherOutcomeList.OtherOutcome[]": "other_outcomes",
    "OutcomesModule.OtherOutcomeList.OtherOutcome[].OtherOutcomeMeasure": (
        "other_outcomes.measure"
    ),
    "OutcomesModule.OtherOutcomeList.OtherOutcome[].OtherOutcomeTimeFrame": (
        "other_outcomes.time_frame"
    ),
    "OutcomesModule.OtherOutcomeList.OtherOutcome[].OtherOutcomeDescription": (
        "other_outcomes.description"
    ),
    "EligibilityModule.EligibilityCriteria": "eligibility.criteria",
    "EligibilityModule.HealthyVolunteers": "eligibility.healthy_volunteers",
    "EligibilityModule.Gender": "eligibility.sex",
    "EligibilityModule.MinimumAge": "eligibility.minimum_age",
    "EligibilityModule.MaximumAge": "eligibility.maximum_age",
    "EligibilityModule.StdAgeList.StdAge[]": "eligibility.std_ages",
    "ContactsLocationsModule.CentralContactList.CentralContact[]": "central_contacts",
    "ContactsLocationsModule.CentralContactList.CentralContact[].CentralContactName": (
        "central_contacts.name"
    ),
    "ContactsLocationsModule.CentralContactList.CentralContact[].CentralContactRole": (
        "central_contacts.role"
    ),
    "ContactsLocationsModule.CentralContactList.CentralContact[].CentralContactPhone": (
        "central_contacts.phone"
    ),
    "ContactsLocationsModule.CentralContactList.CentralContact[].CentralContactPhoneExt": (
        "central_contacts.phone_ext"
    ),
    "ContactsLocationsModule.CentralContactList.CentralContact[].CentralContactEMail": (
        "central_contacts.email"
    ),
    "ContactsLocationsModule.OverallOfficialList.OverallOfficial[]": "officials",
    "ContactsLocationsModule.OverallOfficialList.OverallOfficial[].OverallOfficialName": (
        "officials.name"
    ),
    "ContactsLocationsModule.OverallOfficialList.OverallOfficial[].OverallOfficialAffiliation": (
        "officials.affiliation"
    ),
    "ContactsLocationsModule.OverallOfficialList.OverallOfficial[].OverallOfficialRole": (
        "officials.role"
    ),
    "ContactsLocationsModule.LocationList.Location[]": "locations",
    "ContactsLocationsModule.LocationList.Location[].LocationFacility": "locations.facility",
    "ContactsLocationsModule.LocationList.Location[].LocationCity": "locations.city",
    "ContactsLocationsModule.LocationList.Location[].LocationState": "locations.state",
    "ContactsLocationsModule.LocationList.Location[].LocationZip": "locations.zip",
    "ContactsLocationsModule.LocationList.Location[].LocationCountry": "locations.country",
    "ContactsLocationsModule.LocationList.Location[].LocationStatus": "locations.status",
    "ContactsLocationsModule.LocationList.Location[].LocationContactList.LocationContact[]": (
        "locations.contacts"
    ),
    "ContactsLocationsModule.LocationList.Location[].LocationContactList.LocationContact[]"
    ".LocationContactName": "locations.contacts.name",
    "ContactsLocationsModule.LocationList.Location[].LocationContactList.LocationContact[]"
    ".LocationContactRole": "locations.contacts.role",
    "ContactsLocationsModule.LocationList.Location[].LocationContactList.LocationContact[]"
    ".LocationContactPhone": "locations.contacts.phone",
    "ContactsLocationsModule.LocationList.Location[].LocationContactList.LocationContact[]"
    ".LocationContactPhoneExt": "locations.contacts.phone_ext",
    "ContactsLocationsModule.LocationList.Location[].LocationContactList.LocationContact[]"
    ".LocationContactEMail": "locations.contacts.email",
    "ConditionBrowseModule.ConditionMeshList.ConditionMesh[]": "condition_meshes",
    "ConditionBrowseModule.ConditionMeshList.ConditionMesh[].ConditionMeshTerm": (
        "condition_meshes.term"
    ),
    "InterventionBrowseModule.InterventionMeshList.InterventionMesh[]": "intervention_meshes",
    "InterventionBrowseModule.InterventionMeshList.InterventionMesh[].InterventionMeshTerm": (
        "intervention_meshes.term"
    ),
}

# Secondary id types (v2 enum and v1 wording) -> the short type kept in `secondary_ids`.
SECONDARY_ID_TYPE: dict[str, str] = {
    "NIH": "NIH",
    "U.S. NIH Grant/Contract": "NIH",
    "FDA": "FDA",
    "U.S. FDA Grant/Contract": "FDA",
    "VA": "VA",
    "CDC": "CDC",
    "AHRQ": "AHRQ",
    "SAMHSA": "SAMHSA",
    "OTHER_GRANT": "OTHER_GRANT",
    "Other Grant/Funding Number": "OTHER_GRANT",
    "EUDRACT_NUMBER": "EUDRACT",
    "EudraCT Number": "EUDRACT",
    "CTIS": "CTIS",
    "REGISTRY": "REGISTRY",
    "Registry Identifier": "REGISTRY",
    "OTHER": "OTHER",
    "Other Identifier": "OTHER",
}
_SECONDARY_ID_TYPE = {vocab.key(k): v for k, v in SECONDARY_ID_TYPE.items()}
# secondary id types whose ids must be of that registry's form
_EXPECT_KIND = {"EUDRACT": "EUDRACT", "CTIS": "CTIS"}

OUTCOME_KINDS = (
    ("primary_outcomes", "PRIMARY"),
    ("secondary_outcomes", "SECONDARY"),
    ("other_outcomes", "OTHER"),
)
# v2 fields of API type `markup` (markdown): their backslash escapes are removed.
MARKDOWN_TARGETS = frozenset(
    {
        "brief_summary",
        "detailed_description",
        "eligibility.criteria",
        "interventions.description",
        "primary_outcomes.description",
        "secondary_outcomes.description",
        "other_outcomes.description",
    }
)

# A markdown backslash escape of ASCII punctuation: "\>" "\[" "\*" "\&"
_MD_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
# its replacement, the escaped character: a C callable, where the template r"\1" costs a
# Python call per match (criteria texts hold dozens of "\>")
_UNESCAPE = operator.itemgetter(1)
# Detection: a study key in the head of a JSON text: "protocolSection": / "NCTId" :
_HEAD_KEY_RE = re.compile(r'"(protocolsection|fullstudiesresponse|nctid)"\s*:')
# An NCT id in its canonical form: "NCT05468931"
_NCT_RE = re.compile(r"NCT\d{8}")
# API v2 dates: "2024", "2024-06", "2024-06-18"
_ISO_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# JSON whitespace
_WS_RE = re.compile(r"[ \t\n\r]*")
# any whitespace, as str.strip() sees it: "  \u00a0 "
_SPACES_RE = re.compile(r"\s*")

#: A record (one JSON Lines line) longer than this is refused rather than read.
MAX_RECORD_CHARS = DEFAULT_MAX_BYTES
#: At most this many bad records are listed in the error raised at the end of a file.
MAX_LISTED_ERRORS = 10

_DECODER = json.JSONDecoder()

# table id -> {spelling: value}: API enums repeat in every record; their lookups are memoised
_MEMO_LIMIT = 4096
# (one table a vocabulary table, each bounded by the limit)
_LOOKUPS: dict[int, dict[str, Any]] = _memo.table("ctgov-json enum lookups", _MEMO_LIMIT)


# --- the path table, compiled to a tree walked once per record -----------------------
@dataclass(slots=True)
class _Node:
    path: str  # the source path, as in LABELS: the label of kept values
    key: str = ""  # where the value goes: the target, or inside a list item its last part
    is_list: bool = False
    kids: dict[str, _Node] = field(default_factory=dict)


def _compile(labels: Mapping[str, str]) -> dict[str, _Node]:
    root: dict[str, _Node] = {}
    for path, target in labels.items():
        level = root
        node: _Node | None = None
        in_item = False
        walked: list[str] = []
        for seg in path.split("."):
            if node is not None and node.is_list:
                in_item = True
            walked.append(seg)
            is_list = seg.endswith("[]")
            name = seg[:-2] if is_list else seg
            node = level.get(name)
            if node is None:
                node = level[name] = _Node(".".join(walked), is_list=is_list)
            level = node.kids
        if node is not None:
            node.key = target.rsplit(".", 1)[-1] if in_item else target
    return root


# One level of the compiled table, a tuple walked in order (attribute and dict
# lookups per node would cost more than the walk itself): per JSON key, its shape,
# the target (or inside a list item the sub-field), the level below, the source path,
# and for an object or a list of objects the (JSON key, target) pairs of its plain
# values, read in a loop rather than a call per level (the level below then holds
# only the containers): most objects hold plain values only ("startDateStruct").
_Step = tuple[str, int, str, tuple[Any, ...], str, tuple[tuple[str, str], ...]]
_VALUE, _OBJECT, _LIST = 0, 1, 2


def _is_plain(node: _Node) -> bool:
    return not node.is_list and not node.kids


def _steps(level: Mapping[str, _Node], containers_only: bool = False) -> tuple[_Step, ...]:
    return tuple(
        (
            name,
            _LIST if node.is_list else _OBJECT if node.kids else _VALUE,
            node.key,
            _steps(node.kids, containers_only=True),
            node.path,
            tuple((kid_name, kid.key) for kid_name, kid in node.kids.items() if _is_plain(kid)),
        )
        for name, node in level.items()
        if not (containers_only and _is_plain(node))
    )


# one table per API (True: v2, whose keys start in lower case), so each walk tests only its own
_TREES: dict[bool, tuple[_Step, ...]] = {
    v2: _steps(_compile({p: t for p, t in LABELS.items() if p[0].islower() == v2}))
    for v2 in (True, False)
}
# target -> its source path in each API (True: v2): the label of kept values and issues
_PATHS: dict[bool, dict[str, str]] = {True: {}, False: {}}
for _path, _target in LABELS.items():
    _PATHS[_path[0].islower()].setdefault(_target, _path)

_Bad = list[tuple[str, Any]]
_MISSING = object()


def _walk(steps: tuple[_Step, ...], obj: Mapping[str, Any], out: dict[str, Any], bad: _Bad) -> None:
    """Collect the values of the table's paths in ``obj``; cost follows the table only.

    A value of the wrong shape (a text where an object belongs) goes to ``bad``.
    """
    get = obj.get
    for name, shape, key, kids, path, plain in steps:
        value = get(name, _MISSING)
        if value is _MISSING:
            continue
        if shape == _VALUE:
            if key:
                out.setdefault(key, value)
        elif shape == _OBJECT:
            if isinstance(value, dict):
                for json_key, target in plain:
                    found = value.get(json_key, _MISSING)
                    if found is not _MISSING:
                        out.setdefault(target, found)
                if kids:
                    _walk(kids, value, out, bad)
            elif value is not None:
                bad.append((path, value))
        else:
            if not isinstance(value, list):
                value = [] if value is None else [value]  # a lone value where a list belongs
            items = out.setdefault(key, [])
            if kids or plain:
                for el in value:
                    if isinstance(el, dict):
                        item = {sub: el[json_key] for json_key, sub in plain if json_key in el}
                        # most items hold no nested list: a lookup, not a call, tells
                        if kids and (len(kids) > 1 or kids[0][0] in el):
                            _walk(kids, el, item, bad)
                        items.append(item)
                    elif el is not None:
                        bad.append((path, el))
            else:
                items.extend(value)


# --- values ----------------------------------------------------------------------------
class _Record:
    """One study being built: the builder, the collected values, where the study starts.

    Plain fields are written straight into the builder's ``data``: each is written
    once, so ``b.set``'s conflict test (and its path split) would only cost time.
    Issues, unparsed fragments and identifiers still go through the builder.
    """

    __slots__ = ("b", "contacts", "data", "line", "seen_contacts", "v2", "values")

    def __init__(self, values: dict[str, Any], line: int, v2: bool) -> None:
        self.b = TrialBuilder(ID)
        self.b.use(line)  # every value of the record is accounted to its first line
        self.data = self.b.data
        self.values = values
        self.line = line
        self.v2 = v2  # API v2: markup texts escape markdown; labels are v2 paths
        self.contacts: list[dict[str, Any]] = []
        self.seen_contacts: set[tuple[Any, ...]] = set()

    def text(self, value: Any, target: str) -> str | None:
        """A text value, stripped; other JSON types are kept with an issue."""
        if isinstance(value, str):
            text = value.strip()
            if "\\" in text and self.v2 and target in MARKDOWN_TARGETS:
                text = _MD_ESCAPE_RE.sub(_UNESCAPE, text)
            return text or None
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value) or None
        self.invalid(value, target, "is not a text")
        return None

    def texts(self, values: Any, target: str) -> list[str]:
        """The distinct texts of a list, in order."""
        out: list[str] = []
        # list targets hold no markup: their texts are stripped inline, without a call
        for value in values if isinstance(values, list) else [values]:
            text = (value.strip() or None) if value.__class__ is str else self.text(value, target)
            if text is not None and text not in out:
                out.append(text)
        return out

    def invalid(self, value: Any, target: str, why: str, *, field: str | None = "") -> None:
        """A value of the wrong type or form: kept in ``unparsed`` with ``invalid_value``."""
        raw = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        label = self.path(target)
        self.b.invalid(
            raw,
            f"{label} {why}: {raw[:80]!r}",
            field=target if field == "" else field,
            line=self.line,
            label=label,
        )

    def enum(self, table: Mapping[str, E], value: Any, target: str, field: str) -> E | None:
        """Map an enum spelling; an unknown one is kept with ``unmapped_value``."""
        memo = _LOOKUPS.get(id(table))
        if memo is None:
            memo = _LOOKUPS[id(table)] = {}
        if value.__class__ is str:
            mapped = memo.get(value)
            if mapped is not None:
                return mapped  # type: ignore[no-any-return]
        raw = self.text(value, target)
        if raw is None:
            return None
        mapped = vocab.lookup(table, raw)
        if mapped is not None:
            if value.__class__ is str and len(memo) < _MEMO_LIMIT:
                memo[value] = mapped  # the spelling as records print it, unstripped
            return mapped
        self.b.unmapped(field, raw, line=self.line, label=self.path(target))
        return None

    def path(self, target: str) -> str:
        """The source path of a target in this record's API version."""
        return _PATHS[self.v2].get(target, target)

    def items(self, target: str) -> list[dict[str, Any]]:
        found = self.values.get(target)
        return found if isinstance(found, list) else []


def _contact(rec: _Record, item: Mapping[str, Any], target: str) -> tuple[Any, Any, Any]:
    """Name, email and phone of a contact item (role and affiliation are the caller's)."""
    # texts are stripped here (what rec.text does to them, without a call per value: sites
    # list hundreds of contacts); other types go through rec.text, which reports them
    text = rec.text
    subs = _CONTACT_TARGETS[target]
    get = item.get
    v: Any
    v = get("phone")
    phone = (v.strip() or None) if v.__class__ is str else text(v, subs[0])
    v = get("phone_ext")
    ext = (v.strip() or None) if v.__class__ is str else text(v, subs[1])
    if ext:
        phone = f"{phone} ext. {ext}" if phone else f"ext. {ext}"
    v = get("name")
    name = (v.strip() or None) if v.__class__ is str else text(v, subs[2])
    v = get("email")
    return name, (v.strip() or None) if v.__class__ is str else text(v, subs[3]), phone


# list target -> its contact sub-targets (phone, phone_ext, name, email), typed once
_CONTACT_TARGETS: dict[str, tuple[str, str, str, str]] = {
    t: (f"{t}.phone", f"{t}.phone_ext", f"{t}.name", f"{t}.email")
    for t in ("central_contacts", "officials", "locations.contacts")
}


def _person(name: str | None) -> str:
    """A name without degrees and case, to see one person listed twice."""
    return " ".join((name or "").split(",", 1)[0].replace(".", " ").lower().split())


def _add_contact(
    rec: _Record, name: Any, email: Any, phone: Any, role: Any, affiliation: Any
) -> None:
    """Collect a contact once (the same person can be listed at several sites)."""
    if not name and not email and not phone:
        return
    seen = (name, role, affiliation, email, phone)
    if seen in rec.seen_contacts:
        return
    rec.seen_contacts.add(seen)
    contact: dict[str, Any] = {}
    if name is not None:
        contact["name"] = name
    if email is not None:
        contact["email"] = email
    if phone is not None:
        contact["phone"] = phone
    if role is not None:
        contact["role"] = role
    if affiliation is not None:
        contact["affiliation"] = affiliation
    rec.contacts.append(contact)


# --- the record, field by field --------------------------------------------------------
def _fill_ids(rec: _Record) -> None:
    b, line = rec.b, rec.line
    nct = rec.text(rec.values.get("nct_id"), "nct_id")
    if nct is None:
        b.issue(IssueCode.EMPTY_VALUE, "the record has no nctId", field="nct_id", line=line)
    elif _NCT_RE.fullmatch(nct):
        rec.data["nct_id"] = nct  # already canonical: what set_id would file, without its search
    else:
        b.set_id(nct, expect="NCT", line=line, label=rec.path("nct_id"))
    for alias in rec.texts(rec.values.get("nct_aliases", []), "nct_aliases"):
        b.set_id(alias, expect="NCT", line=line, secondary_type="NCT")
    org = rec.text(rec.values.get("org_study_id"), "org_study_id")
    if org is not None:
        _set_id(b, org, line, "SPONSOR")
    for item in rec.items("secondary_ids"):
        raw = rec.text(item.get("id"), "secondary_ids.id")
        if raw is None:
            continue
        type_raw = rec.text(item.get("type"), "secondary_ids.type")
        kind = _SECONDARY_ID_TYPE.get(vocab.key(type_raw)) if type_raw else None
        if type_raw and kind is None:
            kind = type_raw  # a type this table lacks: kept as the record spells it
        if kind is None and any(s["id"] == raw for s in b.get("secondary_ids") or []):
            continue  # the org study id listed again without a type
        domain = rec.text(item.get("domain"), "secondary_ids.domain") or ""
        if domain.upper() == "ISRCTN" and raw.isdigit() and len(raw) == 8:
            raw = f"ISRCTN{raw}"  # v1 records put the registry's prefix in the domain
        expect = _EXPECT_KIND.get(kind or "")
        if expect is None:
            _set_id(b, raw, line, kind)
        else:
            b.set_id(raw, expect=expect, line=line, secondary_type=kind)


# Every registry's id pattern in one alternation, to tell first whether a text could be
# any registry's id: ``classify_id`` tries them one by one (~2 µs), and sponsors' own
# ids, most of the ids in a record, are none. Matches "NCT05468931", "2016-005019-42".
_ANY_REGISTRY_ID_RE = re.compile(
    "|".join(f"(?{'i' if p.flags & re.I else ''}:{p.pattern})" for p in _PRINTED_IDS.values())
)


# The characters (upper-cased) a registry's id can start with: an ASCII first character
# outside them ("9108", "H6D-MC-LVFY") rules out every pattern without the regex (~0.4 µs)
_ID_FIRST = frozenset("".join(_ID_FIRST_CHARS.values()))


def _set_id(b: TrialBuilder, raw: str, line: int, kind: str | None) -> None:
    """``b.set_id(raw, line=line, secondary_type=kind)``, without its search for a text
    no registry pattern takes (an other id, filed as set_id would)."""
    text = raw.strip()
    if text:
        core = text.strip(".,;")
        first = core[:1]
        # a non-ASCII first character may match a pattern's letter ("ſ" is "s" to re.I)
        if (first.isascii() and first.upper() not in _ID_FIRST) or (
            _ANY_REGISTRY_ID_RE.fullmatch(core) is None
        ):
            b.add_secondary(text, kind, line=line)
            return
    b.set_id(raw, line=line, secondary_type=kind)


def _fill_texts(rec: _Record) -> None:
    data, v, text = rec.data, rec.values, rec.text
    for target in (
        "acronym",
        "brief_title",
        "official_title",
        "brief_summary",
        "detailed_description",
    ):
        value = text(v.get(target), target)
        if value is not None:
            data[target] = value
    if "brief_title" not in data:
        rec.b.issue(
            IssueCode.EMPTY_VALUE,
            "the record has no brief title",
            field="brief_title",
            line=rec.line,
        )


_DATE_TARGETS = (
    "start_date",
    "primary_completion_date",
    "completion_date",
    "first_posted_date",
    "last_update_date",
)


# v2 date spelling -> its PartialDate (immutable, so Trials may share one): records
# repeat a few thousand days, and reading one costs a regex and a calendar check
_ISO_DATES: dict[str, PartialDate] = _memo.table("ctgov-json dates", _MEMO_LIMIT)


def _fill_status(rec: _Record) -> None:
    b, v, data, line = rec.b, rec.values, rec.data, rec.line
    status = rec.enum(vocab.STATUS, v.get("overall_status"), "overall_status", "overall_status")
    if status is not None:
        data["overall_status"] = status
    for target in _DATE_TARGETS:
        raw = v.get(target)
        if raw.__class__ is str:
            known = _ISO_DATES.get(raw)
            if known is not None:
                data[target] = known
                continue
            raw = raw.strip() or None
        else:
            raw = rec.text(raw, target)
        if raw is None:
            continue
        iso = _ISO_DATE_RE.fullmatch(raw)  # the v2 form, read without the general parser
        if iso is not None:
            year, month, day = iso.groups()
            try:
                date = PartialDate(
                    int(year), int(month) if month else None, int(day) if day else None
                )
            except ValueError:
                pass  # 2023-02-30: the general parser records it as invalid
            else:
                data[target] = date
                if len(_ISO_DATES) < _MEMO_LIMIT:
                    _ISO_DATES[raw] = date
                continue
        b.map_date(target, raw, line=line, label=rec.path(target))
    related = rec.text(v.get("expanded_access.nct_id"), "expanded_access.nct_id")
    if related is None:
        return
    found = classify_id(related)
    if found is None or found.kind != "NCT":
        b.invalid(
            related,
            f"'{related}' is not a valid NCT identifier",
            field="related_studies",
            line=line,
            label=rec.path("expanded_access.nct_id"),
            code=IssueCode.MALFORMED_ID,
        )
        return
    ea_status = rec.enum(
        vocab.STATUS,
        v.get("expanded_access.status"),
        "expanded_access.status",
        "related_studies",
    )
    b.add("related_studies", {"nct_id": found.id, "overall_status": ea_status}, line=line)


def _organization(rec: _Record, name: Any, class_: Any, target: str) -> dict[str, Any] | None:
    text = rec.text(name, f"{target}.name")
    agency = rec.enum(vocab.AGENCY_CLASS, class_, f"{target}.class", f"{target}.class")
    if text is None:
        if agency is not None:
            rec.b.issue(
                IssueCode.EMPTY_VALUE,
                f"{rec.path(f'{target}.class')} is given without a name",
                field=target,
                line=rec.line,
            )
        return None
    return {"name": text, "class": agency}


def _fill_sponsors(rec: _Record) -> None:
    v = rec.values
    sponsor = _organization(rec, v.get("sponsor.name"), v.get("sponsor.class"), "sponsor")
    if sponsor is not None:
        rec.data["sponsor"] = sponsor
    collaborators = []
    for item in rec.items("collaborators"):
        org = _organization(rec, item.get("name"), item.get("class"), "collaborators")
        if org is not None:
            collaborators.append(org)
    if collaborators:
        rec.data["collaborators"] = collaborators


def _fill_conditions(rec: _Record) -> None:
    conditions = rec.texts(rec.values.get("conditions", []), "conditions")
    if conditions:
        rec.data["conditions"] = conditions
    keywords = rec.texts(rec.values.get("keywords", []), "keywords")
    for target in ("condition_meshes", "intervention_meshes"):
        sub = f"{target}.term"
        for item in rec.items(target):
            v = item.get("term")
            term = (v.strip() or None) if v.__class__ is str else rec.text(v, sub)
            if term is not None and term not in keywords:
                keywords.append(term)
    if keywords:
        rec.data["keywords"] = keywords


def _count(rec: _Record, value: Any, target: str) -> int | None:
    if value is None:
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    if number is None or not 0 <= number < 2**31:
        rec.invalid(value, target, "is not a count")
        return None
    return number


def _add_phases(rec: _Record, raw: str) -> None:
    """``b.map_phases``, written to the data directly."""
    phases = vocab.parse_phases(raw)
    if phases is None:
        rec.b.unmapped("phases", raw, line=rec.line, label=rec.path("phases"))
        return
    items = rec.data.setdefault("phases", [])
    items.extend(p for p in phases if p not in items)


_DESIGN_ENUMS = (
    ("design.allocation", "allocation", vocab.ALLOCATION),
    ("design.intervention_model", "intervention_model", vocab.INTERVENTION_MODEL),
    ("design.primary_purpose", "primary_purpose", vocab.PRIMARY_PURPOSE),
    ("design.masking", "masking", vocab.MASKING),
)


def _fill_design(rec: _Record) -> None:
    v, data = rec.values, rec.data
    study_type = rec.enum(vocab.STUDY_TYPE, v.get("study_type"), "study_type", "study_type")
    if study_type is not None:
        data["study_type"] = study_type
    for raw in rec.texts(v.get("phases", []), "phases"):
        _add_phases(rec, raw)
    design: dict[str, Any] = {}
    for target, key, table in _DESIGN_ENUMS:
        value = rec.enum(table, v.get(target), target, target)
        if value is not None:
            design[key] = value
    who_masked: list[Any] = []
    for raw in rec.texts(v.get("design.who_masked", []), "design.who_masked"):
        who = rec.enum(vocab.WHO_MASKED, raw, "design.who_masked", "design.who_masked")
        if who is not None and who not in who_masked:
            who_masked.append(who)
    if who_masked:
        design["who_masked"] = who_masked
    arms = v.get("arms")
    if isinstance(arms, list) and arms:
        design["number_of_arms"] = len(arms)
    if design:
        data["design"] = design
    count = _count(rec, v.get("enrollment.count"), "enrollment.count")
    if count is not None:
        kind = rec.enum(
            vocab.ENROLLMENT_TYPE, v.get("enrollment.type"), "enrollment.type", "enrollment.type"
        )
        data["enrollment"] = {"count": count, "type": kind}


def _fill_interventions(rec: _Record) -> None:
    interventions: list[dict[str, Any]] = []
    text = rec.text
    for item in rec.items("interventions"):
        name = text(item.get("name"), "interventions.name")
        kind = rec.enum(
            vocab.INTERVENTION_TYPE, item.get("type"), "interventions.type", "interventions"
        )
        description = text(item.get("description"), "interventions.description")
        if name is None:
            if kind is not None or description is not None:
                rec.b.issue(
                    IssueCode.EMPTY_VALUE,
                    "an intervention has no name",
                    field="interventions",
                    line=rec.line,
                )
                if description is not None:
                    rec.b.keep(description, rec.line, rec.path("interventions.description"))
            continue
        interventions.append({"type": kind, "name": name, "description": description})
    if interventions:
        rec.data["interventions"] = interventions


# list target, outcome kind, and its sub-targets (measure, time_frame, description)
_OUTCOMES = tuple(
    (target, kind, (f"{target}.measure", f"{target}.time_frame", f"{target}.description"))
    for target, kind in OUTCOME_KINDS
)


def _fill_outcomes(rec: _Record) -> None:
    outcomes: list[dict[str, Any]] = []
    text = rec.text
    for target, kind, (t_measure, t_time_frame, t_description) in _OUTCOMES:
        for item in rec.items(target):
            # measure and time frame are plain texts, stripped inline; descriptions are markup
            v = item.get("measure")
            measure = (v.strip() or None) if v.__class__ is str else text(v, t_measure)
            v = item.get("time_frame")
            time_frame = (v.strip() or None) if v.__class__ is str else text(v, t_time_frame)
            description = text(item.get("description"), t_description)
            if measure is None:
                if time_frame is not None or description is not None:
                    rec.b.issue(
                        IssueCode.EMPTY_VALUE,
                        f"a {kind.lower()} outcome has no measure",
                        field="outcomes",
                        line=rec.line,
                    )
                    for value, sub in ((time_frame, t_time_frame), (description, t_description)):
                        if value is not None:
                            rec.b.keep(value, rec.line, rec.path(sub))
                continue
            outcomes.append(
                {
                    "kind": kind,
                    "measure": measure,
                    "time_frame": time_frame,
                    "description": description,
                }
            )
    if outcomes:
        rec.data["outcomes"] = outcomes


# age spelling -> (value, unit), () for no limit, None for no age: records repeat a few
# spellings ("18 Years", "N/A")
def _read_age(raw: str) -> tuple[Any, ...] | None:
    if vocab.is_no_age_limit(raw):
        return ()
    age = vocab.parse_age(raw)
    return None if age is None else (age.value, age.unit)


_AGES = _memo.memo("ctgov-json ages", _MEMO_LIMIT, _read_age)


def _age(rec: _Record, target: str) -> dict[str, Any] | None:
    raw = rec.text(rec.values.get(target), target)
    if raw is None:
        return None
    known = _AGES[raw]
    if known is None:
        rec.invalid(raw, target, "is not an age")
        return None
    if not known:
        return None
    return {"value": known[0], "unit": known[1]}


# a criteria heading line, lower-cased -> True for inclusion, False for exclusion
_HEADING_LINES = {
    "inclusion criteria": True,
    "inclusion criteria:": True,
    "exclusion criteria": False,
    "exclusion criteria:": False,
}
# what split_criteria drops as an item with no words: "-", " ." "*;"
_ITEM_JUNK = " .;,:-*"
_ASCII_DIGITS = frozenset("0123456789")
# split_criteria's list marker for a line opening with a digit: "1. ", "12) "
_NUMBER_MARKER_RE = re.compile(r"\d{1,3}[.)]\s+")


def _split_bullets(text: str) -> tuple[list[str], list[str]] | None:
    """``split_criteria(text)`` for a stripped text of the shape most v2 records use,
    "Inclusion Criteria:" and "Exclusion Criteria:" lines over "* " or "1. " items;
    None for any other shape (another bullet, a paragraph, a wrapped or glued line, an
    item split_criteria takes for a heading), which split_criteria reads. Nine records
    in ten have this shape, and split_criteria's general rules cost about as much again
    as the rest of the record."""
    if "\n" not in text or "\r" in text or "\t" in text:
        return None  # one-line texts are unflattened; CR and tabs are normalised first
    inc: list[str] = []
    exc: list[str] = []
    current = inc
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[0] == "*":
            item = stripped[1:].strip()
            if not item:
                return None  # a bare bullet: split_criteria's wrapping rules decide
        elif stripped[0] in _ASCII_DIGITS:
            number = _NUMBER_MARKER_RE.match(stripped)
            if number is None:
                return None  # "2 weeks after...": a paragraph
            item = stripped[number.end() :].strip()
        else:
            inclusion = _HEADING_LINES.get(stripped.lower())
            if inclusion is None:
                return None
            current = inc if inclusion else exc
            continue
        low = item.lower()
        # split_criteria's own tests of an item that may be a heading, or end in one
        # ("* Stable relationship Exclusion Criteria:"): such items are its to read
        if "clusion" in low or "eligib" in low or low.startswith("criteria"):
            if _split_heading_memo(item)[0] is not None:
                return None
            if "clusion" in low and _glued_heading(item) is not None:
                return None
        if item.strip(_ITEM_JUNK):
            current.append(item)
    return inc, exc


def _fill_eligibility(rec: _Record) -> None:
    b, v, line = rec.b, rec.values, rec.line
    eligibility: dict[str, Any] = {}
    criteria = rec.text(v.get("eligibility.criteria"), "eligibility.criteria")
    if criteria is not None:
        eligibility["criteria"] = criteria
        eligibility["inclusion"], eligibility["exclusion"] = _split_bullets(
            criteria
        ) or split_criteria(criteria)
    healthy = v.get("eligibility.healthy_volunteers")
    if isinstance(healthy, bool):
        eligibility["healthy_volunteers"] = healthy
    elif healthy is not None:
        raw = rec.text(healthy, "eligibility.healthy_volunteers")
        answer = vocab.parse_yes_no(raw) if raw is not None else None
        if answer is not None:
            eligibility["healthy_volunteers"] = answer
        elif raw is not None:
            b.unmapped(
                "eligibility.healthy_volunteers",
                raw,
                line=line,
                label=rec.path("eligibility.healthy_volunteers"),
            )
    eligibility["sex"] = rec.enum(
        vocab.SEX, v.get("eligibility.sex"), "eligibility.sex", "eligibility.sex"
    )
    eligibility["minimum_age"] = _age(rec, "eligibility.minimum_age")
    eligibility["maximum_age"] = _age(rec, "eligibility.maximum_age")
    std_ages: list[Any] = []
    for raw in rec.texts(v.get("eligibility.std_ages", []), "eligibility.std_ages"):
        std = rec.enum(vocab.STD_AGE, raw, "eligibility.std_ages", "eligibility.std_ages")
        if std is not None and std not in std_ages:
            std_ages.append(std)
    eligibility["std_ages"] = std_ages
    # any value given: its values are None, lists, or never-empty texts, dicts and enums,
    # and the one falsy value that counts, healthy_volunteers False
    if any(eligibility.values()) or eligibility.get("healthy_volunteers") is False:
        rec.data["eligibility"] = eligibility


def _fill_contacts(rec: _Record) -> None:
    """Central contacts, officials, the responsible investigator, then site contacts."""
    text, enum = rec.text, rec.enum
    v: Any  # one raw JSON value after the other
    for item in rec.items("central_contacts"):
        name, email, phone = _contact(rec, item, "central_contacts")
        role = enum(vocab.ROLE, item.get("role"), "central_contacts.role", "contacts")
        # the API calls every central contact a CONTACT; the schema can say which kind
        role = ContactRole.CENTRAL_CONTACT if role in (None, "CONTACT") else role
        _add_contact(rec, name, email, phone, role, None)
    for item in rec.items("officials"):
        name, email, phone = _contact(rec, item, "officials")
        role = enum(vocab.ROLE, item.get("role"), "officials.role", "contacts")
        affiliation = text(item.get("affiliation"), "officials.affiliation")
        _add_contact(rec, name, email, phone, role, affiliation)
    values = rec.values
    name = text(values.get("responsible_party.name"), "responsible_party.name")
    if name is not None:
        role = enum(
            vocab.ROLE, values.get("responsible_party.type"), "responsible_party.type", "contacts"
        )
        # usually an official already listed, with degrees: "Michael Eisenberg, M.D."
        person = _person(name)
        if not any(_person(c.get("name")) == person for c in rec.contacts):
            affiliation = text(
                values.get("responsible_party.affiliation"), "responsible_party.affiliation"
            )
            _add_contact(rec, name, None, None, role, affiliation)
    locations: list[dict[str, Any]] = []
    countries: list[str] = []
    for item in rec.items("locations"):
        # texts stripped inline as in _contact: records list up to thousands of sites
        get = item.get
        v = get("facility")
        facility = (v.strip() or None) if v.__class__ is str else text(v, "locations.facility")
        v = get("city")
        city = (v.strip() or None) if v.__class__ is str else text(v, "locations.city")
        v = get("state")
        state = (v.strip() or None) if v.__class__ is str else text(v, "locations.state")
        v = get("zip")
        zip_ = (v.strip() or None) if v.__class__ is str else text(v, "locations.zip")
        v = get("country")
        country = (v.strip() or None) if v.__class__ is str else text(v, "locations.country")
        v = get("status")
        status = (
            None
            if v is None
            else enum(vocab.SITE_STATUS, v, "locations.status", "locations.status")
        )
        if (
            facility is not None
            or city is not None
            or state is not None
            or zip_ is not None
            or country is not None
            or status is not None
        ):
            locations.append(
                {
                    "facility": facility,
                    "city": city,
                    "state": state,
                    "zip": zip_,
                    "country": country,
                    "status": status,
                }
            )
        if country is not None and country not in countries:
            countries.append(country)
        people = get("contacts")
        for person_item in people if isinstance(people, list) else []:
            name, email, phone = _contact(rec, person_item, "locations.contacts")
            role = enum(vocab.ROLE, person_item.get("role"), "locations.contacts.role", "contacts")
            _add_contact(rec, name, email, phone, role, facility)
    data = rec.data
    if rec.contacts:
        data["contacts"] = rec.contacts
    if locations:
        data["locations"] = locations
        data["countries"] = countries


_FILLERS: tuple[Callable[[_Record], None], ...] = (
    _fill_ids,
    _fill_texts,
    _fill_status,
    _fill_sponsors,
    _fill_conditions,
    _fill_design,
    _fill_interventions,
    _fill_outcomes,
    _fill_eligibility,
    _fill_contacts,
)


def _trial(study: Mapping[str, Any], sections: tuple[str, str], line: int, v2: bool) -> Trial:
    values: dict[str, Any] = {}
    bad: _Bad = []
    for name in sections:
        section = study.get(name)
        if isinstance(section, dict):
            _walk(_TREES[v2], section, values, bad)
    rec = _Record(values, line, v2)
    for path, value in bad:
        rec.invalid(value, path, "is not a JSON object", field=None)
    for fill in _FILLERS:
        fill(rec)
    return rec.b.build()


def _trial_of(study: Mapping[str, Any], v2: bool, line: int) -> Trial:
    if v2:
        return _trial(study, ("protocolSection", "derivedSection"), line, v2=True)
    return _trial(study, ("ProtocolSection", "DerivedSection"), line, v2=False)


class _Collected(NamedTuple):
    """A v2 study the fast reader already collected into the table's targets."""

    values: dict[str, Any]


def _collected_trial(values: dict[str, Any], line: int) -> Trial:
    """The trial of a v2 study the fast reader collected."""
    rec = _Record(values, line, True)
    for fill in _FILLERS:
        fill(rec)
    return rec.b.build()


def _trials(value: Any, line: int, where: str, failures: _Failures) -> Iterator[Trial]:
    """The trials of one JSON value read from the input (or of one study's collected values)."""
    if value.__class__ is _Collected:
        yield _collected_trial(value.values, line)
        return
    for study, v2 in _unwrap(value, where, failures):
        yield _trial_of(study, v2, line)


# --- the fast reader: API v2 records read straight into the table's targets -------------
# pydantic-core parses the JSON in Rust and builds Python objects only for the table's
# paths, into the dict `_walk` would fill: most of a record (results, MeSH trees,
# geo points) never becomes Python objects. Anything it cannot take as the walk would
# (an object or list of the wrong shape, a module in the other section, invalid JSON,
# another container) makes it refuse the text, which then takes the general path
# (`_fast_loads` or `json`, `_unwrap`, `_walk`): what a record becomes never depends on
# the path it took.

# v2 modules of the derivedSection; every other module of the table is a protocolSection's
_V2_DERIVED_MODULES = frozenset({"conditionBrowseModule", "interventionBrowseModule"})
_ANY = core_schema.any_schema()
# an object (or null) whose content the table does not need: {} / None; else refused
_SOME_OBJECT = core_schema.nullable_schema(
    core_schema.typed_dict_schema({}, extra_behavior="ignore")
)


def _field(schema: core_schema.CoreSchema, path: list[str | int]) -> core_schema.TypedDictField:
    return core_schema.typed_dict_field(schema, required=False, validation_alias=[path])


def _items_schema(steps: tuple[_Step, ...], plain: tuple[tuple[str, str], ...]) -> Any:
    """A list item: its plain values and nested lists under their targets, as `_walk`."""
    fields = {
        sub: core_schema.typed_dict_field(_ANY, required=False, validation_alias=json_key)
        for json_key, sub in plain
    }
    for name, shape, key, kids, _path, kid_plain in steps:
        if shape != _LIST:
            raise TypeError(f"the fast reader reads no object inside list items: {_path}")
        fields[key] = core_schema.typed_dict_field(
            _list_schema(kids, kid_plain), required=False, validation_alias=name
        )
    return core_schema.typed_dict_schema(fields, extra_behavior="ignore")


def _list_schema(steps: tuple[_Step, ...], plain: tuple[tuple[str, str], ...]) -> Any:
    items = _items_schema(steps, plain) if steps or plain else _ANY
    return core_schema.nullable_schema(core_schema.list_schema(items))


def _reader_fields(
    steps: tuple[_Step, ...], at: list[str | int], fields: dict[str, core_schema.TypedDictField]
) -> None:
    for name, shape, key, kids, _path, plain in steps:
        here: list[str | int] = [*at, name]
        if shape == _VALUE:
            _add(fields, key, _field(_ANY, here))
        elif shape == _OBJECT:
            # its shape, checked: {} or None (a text there is the general path's to report)
            _add(fields, "@" + ".".join(map(str, here)), _field(_SOME_OBJECT, here))
            for json_key, target in plain:
                _add(fields, target, _field(_ANY, [*here, json_key]))
            _reader_fields(kids, here, fields)
        else:
            _add(fields, key, _field(_list_schema(kids, plain), here))


def _add(
    fields: dict[str, core_schema.TypedDictField], name: str, field: core_schema.TypedDictField
) -> None:
    if name in fields:  # two paths to one target: the walk's first-wins would be lost
        raise ValueError(f"the fast reader has two paths to {name!r}")
    fields[name] = field


def _v2_reader() -> SchemaValidator:
    fields: dict[str, core_schema.TypedDictField] = {}
    for section in ("protocolSection", "derivedSection"):
        _add(fields, "@" + section, _field(_SOME_OBJECT, [section]))
        for step in _TREES[True]:
            if (step[0] in _V2_DERIVED_MODULES) == (section == "derivedSection"):
                _reader_fields((step,), [section], fields)
            else:  # a module in the other section: only null is taken as the walk takes it
                none = core_schema.none_schema()
                _add(fields, f"!{section}.{step[0]}", _field(none, [section, step[0]]))
    return SchemaValidator(core_schema.typed_dict_schema(fields, extra_behavior="ignore"))


_V2_READER = _v2_reader()
# how an API v2 study record opens, the fast reader's cue: {"protocolSection"
_V2_OPENING_RE = re.compile(r'\{\s*"protocolSection"')


def _read_v2_study(text: str) -> dict[str, Any] | None:
    """The table's values of a text holding one API v2 study; None when the reader refuses."""
    try:
        values: dict[str, Any] = _V2_READER.validate_json(text)
    except (ValueError, TypeError):
        return None
    return values if "@protocolSection" in values else None


# --- containers ------------------------------------------------------------------------
class _Failures:
    """Records that could not be read; reported together once the good ones are out."""

    def __init__(self) -> None:
        self.count = 0
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < MAX_LISTED_ERRORS:
            self.messages.append(message)

    def raise_if_any(self) -> None:
        if not self.count:
            return
        if self.count == 1:
            raise InputError(self.messages[0])
        more = self.count - len(self.messages)
        listed = "; ".join(self.messages) + (f"; and {more} more" if more > 0 else "")
        raise InputError(f"{self.count} records could not be read: {listed}")


def _unwrap(
    value: Any, where: str, failures: _Failures, depth: int = 0
) -> Iterator[tuple[Mapping[str, Any], bool]]:
    """The studies in one decoded JSON value, each with "is API v2"."""
    if isinstance(value, dict):
        if "protocolSection" in value:
            yield value, True
        elif "ProtocolSection" in value:
            yield value, False
        elif isinstance(value.get("Study"), dict) and depth < 3:
            yield from _unwrap(value["Study"], where, failures, depth + 1)  # a v1 FullStudies item
        elif "FullStudiesResponse" in value and depth < 3:
            response = value["FullStudiesResponse"]
            studies = response.get("FullStudies") if isinstance(response, dict) else None
            if isinstance(studies, list):
                for i, item in enumerate(studies, start=1):
                    yield from _unwrap(item, f"{where}, FullStudies item {i}", failures, depth + 1)
            elif studies is not None or not isinstance(response, dict):
                failures.add(f"{where}: FullStudiesResponse holds no FullStudies list")
        elif isinstance(value.get("studies"), list) and depth < 3:
            for i, item in enumerate(value["studies"], start=1):
                yield from _unwrap(item, f"{where}, studies item {i}", failures, depth + 1)
        else:
            failures.add(f"{where}: not a ClinicalTrials.gov study (no protocolSection)")
    elif isinstance(value, list) and depth == 0:
        for i, item in enumerate(value, start=1):
            yield from _unwrap(item, f"{where}, item {i}", failures, depth + 1)
    else:
        failures.add(f"{where}: a JSON {type(value).__name__} is not a study record")


def _line_col(text: str, pos: int) -> tuple[int, int]:
    return text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)


def _ends_early(text: str, exc: json.JSONDecodeError) -> bool:
    """The text stops before the value is complete (rather than going wrong inside it)."""
    if exc.pos >= len(text.rstrip()):
        return True
    # the decoder names where the unterminated string starts; nothing closes it
    return exc.msg.startswith("Unterminated string") and text.find('"', exc.pos + 1) < 0


def _decode_error(text: str, exc: json.JSONDecodeError, where: str = "") -> InputError:
    prefix = f"{where}: " if where else ""
    if _ends_early(text, exc):
        return InputError(
            f"{prefix}the JSON is truncated: it ends at line {exc.lineno} before the record is"
            " complete"
        )
    return InputError(f"{prefix}invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")


def _decode_at(text: str, idx: int, where: str = "") -> tuple[Any, int]:
    """One JSON value starting at ``idx``; every failure is an ``InputError``."""
    try:
        return _DECODER.raw_decode(text, idx)
    except json.JSONDecodeError as exc:
        raise _decode_error(text, exc, where) from None
    except RecursionError:
        line, col = _line_col(text, idx)
        raise InputError(f"JSON nested too deeply to read (value at line {line})") from None
    except ValueError as exc:  # e.g. an integer longer than Python's digit limit
        line, col = _line_col(text, idx)
        raise InputError(f"unreadable JSON value at line {line} column {col}: {exc}") from None


# what `_line_value` returns for a blank or unreadable line (JSON's null is a value)
_SKIP = object()
# what `_fast_loads` returns for a text its reader refuses
_UNREAD = object()


def _fast_loads(text: str) -> Any:
    """The value of a text holding exactly one JSON value, read by pydantic-core's reader.

    It reads about 1.5x faster than ``json`` and gives the same values (NaN and
    Infinity, big integers, the last of duplicate keys). Whatever it refuses
    (invalid JSON, several values, nesting deeper than 200, lone surrogates) is
    ``_UNREAD``: the caller reads it again with ``json``, whose results and error
    messages stay the reference. Only keys go through its string cache: caching
    every short value too costs more than it saves on study records.
    """
    try:
        return from_json(text, cache_strings="keys")
    except (ValueError, TypeError):
        return _UNREAD


def _line_value(line: str, lineno: int, failures: _Failures) -> Any:
    """One JSON Lines line's value; ``_SKIP`` for a blank line or one recorded as failed."""
    stripped = line.strip()
    if not stripped:
        return _SKIP
    try:
        return _loads_line(stripped, lineno)
    except InputError as exc:
        failures.add(str(exc))
        return _SKIP


def _loads_line(text: str, lineno: int) -> Any:
    """One JSON Lines line; errors name the file line."""
    if _V2_OPENING_RE.match(text):
        values = _read_v2_study(text)
        if values is not None:
            return _Collected(values)
    text = _lone_surrogates_replaced(text)  # the fast reader refuses lone surrogates
    value = _fast_loads(text)
    if value is not _UNREAD:
        return value
    try:
        value, end = _DECODER.raw_decode(text, 0)
    except json.JSONDecodeError as exc:
        if _ends_early(text, exc):
            raise InputError(f"line {lineno}: truncated JSON") from None
        raise InputError(f"line {lineno}: invalid JSON at column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise InputError(f"line {lineno}: JSON nested too deeply to read") from None
    except ValueError as exc:
        raise InputError(f"line {lineno}: unreadable JSON value: {exc}") from None
    if end != len(text):
        raise InputError(f"line {lineno}: extra text after the JSON value at column {end + 1}")
    return value


def _skip_ws(text: str, idx: int) -> int:
    m = _WS_RE.match(text, idx)
    return m.end() if m else idx


def _looks_like_jsonl(text: str, start: int) -> bool:
    """Two or more non-blank lines, the first three each opening an object."""
    seen = 0
    pos = start
    while pos < len(text) and seen < 3:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        # the line's first visible character, without copying the line (a one-line
        # record is the whole text)
        spaces = _SPACES_RE.match(text, pos, end)
        first = spaces.end() if spaces else pos
        if first < end:
            if text[first] != "{":
                return False
            seen += 1
        pos = end + 1
    return seen >= 2


def _array_values(text: str, start: int) -> Iterator[tuple[Any, int, str]]:
    """The elements of a top-level array, each with the line it starts on."""
    idx = _skip_ws(text, start + 1)
    line, counted = 1 + text.count("\n", 0, idx), idx
    if text.startswith("]", idx):
        idx += 1
    else:
        n = 0
        while True:
            if idx >= len(text):
                raise InputError(f"the JSON is truncated: the array ends after {n} element(s)")
            line, counted = line + text.count("\n", counted, idx), idx
            n += 1
            value, end = _decode_at(text, idx)
            yield value, line, f"element {n} (line {line})"
            idx = _skip_ws(text, end)
            if idx >= len(text):
                raise InputError(f"the JSON is truncated: the array ends after {n} element(s)")
            if text[idx] == "]":
                idx += 1
                break
            if text[idx] != ",":
                at, col = _line_col(text, idx)
                raise InputError(
                    f"invalid JSON at line {at} column {col}: ',' or ']' expected after element {n}"
                )
            idx = _skip_ws(text, idx + 1)
    idx = _skip_ws(text, idx)
    if idx < len(text):
        at, col = _line_col(text, idx)
        raise InputError(f"invalid JSON at line {at} column {col}: extra data after the array")


def _jsonl_values(text: str, failures: _Failures) -> Iterator[tuple[Any, int, str]]:
    for lineno, line in enumerate(text.split("\n"), start=1):
        value = _line_value(line, lineno, failures)
        if value is not _SKIP:
            yield value, lineno, f"line {lineno}"


def _document_values(text: str, start: int) -> Iterator[tuple[Any, int, str]]:
    """One JSON document, or several written one after the other (``extract_many`` has
    tried the fast reader on it)."""
    text = _lone_surrogates_replaced(text)  # the fast reader refuses lone surrogates
    value = _fast_loads(text)
    if value is not _UNREAD:
        line = 1 + text.count("\n", 0, start)
        yield value, line, f"line {line}"
        return
    idx, line, counted = start, 1, 0
    while idx < len(text):
        line, counted = line + text.count("\n", counted, idx), idx
        value, end = _decode_at(text, idx)
        yield value, line, f"line {line}"
        idx = _skip_ws(text, end)


# A surrogate escape ("\ud83d\ude00" is one emoji), not one whose backslash is escaped
# ("\\ud800" is text). Groups: 1 backslash pairs, 2 high half, 3 its low half, 4 pairs,
# 5 a low half alone.
_SURROGATE_ESCAPE_RE = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})(\\ud[c-f][0-9a-f]{2})?"
    r"|(?<!\\)((?:\\\\)*)\\u(d[c-f][0-9a-f]{2})",
    re.I,
)


def _lone_surrogates_replaced(text: str) -> str:
    """JSON can escape half a surrogate pair (``"\\ud800"``), which is no character: no UTF-8
    output (``model_dump_json`` included) could write it, so it becomes U+FFFD."""
    if "\\ud" not in text and "\\uD" not in text:
        return text

    def fix(m: re.Match[str]) -> str:
        if m[2] is not None and m[3] is not None:
            return m[0]  # a whole pair
        return (m[1] if m[2] is not None else m[4]) + "\\ufffd"

    return _SURROGATE_ESCAPE_RE.sub(fix, text)


def _values(text: str, start: int, failures: _Failures) -> Iterator[tuple[Any, int, str]]:
    # Lone surrogates are replaced only where the fast reader refused the text: it
    # refuses any, so a text it reads has none, and the search costs a quarter of a
    # json.loads (documents and JSON Lines lines replace them themselves).
    if text.startswith("[", start):
        return _array_values(_lone_surrogates_replaced(text), start)
    if _looks_like_jsonl(text, start):
        return _jsonl_values(text, failures)
    return _document_values(text, start)


# --- the extractor API -----------------------------------------------------------------
# a study record's own key in a lower-cased head: "protocolsection": / "fullstudiesresponse" :
_STUDY_KEY_RE = re.compile(r'"(?:protocolsection|fullstudiesresponse)"\s*:')
# how any JSON object or array opens (this detector runs first, on every page): " {" / "["
_JSON_OPENING_RE = re.compile(r"[ \t\n\r]*[\[{]")
# an API v2 record's opening, as the site writes it: {"protocolSection": {...
_V2_KEY_OPENING_RE = re.compile(r'[ \t\n\r]*\{\s*"protocolSection"\s*:')
# an empty v2 search page or bulk array: {"studies": []} / []
_EMPTY_PAGE_RE = re.compile(r'\s*(?:\[\s*\]|\{\s*"studies"\s*:\s*\[\s*\])')


def analyse_text(page: Page) -> float:
    """JSON whose head names a study key: ``"protocolSection":``, ``"FullStudiesResponse":``."""
    if page.plain_text:
        return 0.0  # JSON opens with a space, "{" or "["
    # the usual input, one API v2 record, is certain by its opening, without the
    # lower-cased head (a JSON page's head is made for this detector alone)
    opening = _V2_KEY_OPENING_RE.match(page.text)
    if opening is not None and opening.end() <= 4096:
        return 1.0
    head = page.head
    if _JSON_OPENING_RE.match(head) is None:
        return 0.0
    # one scan for any key (this detector runs first, on every page of every format)
    found = _HEAD_KEY_RE.search(head)
    if found is not None:
        if found[1] != "nctid" or _STUDY_KEY_RE.search(head, found.end()):
            return 1.0  # a study record's own key: certain, detection stops here
        return 0.8
    if _EMPTY_PAGE_RE.match(head):
        return 0.1  # an empty search page: too generic to detect, fine when asked for
    return 0.0


def extract_many(page: Page) -> Iterator[Trial]:
    """Every study of the page: one, an array, a search page, a v1 response, JSON Lines."""
    text = page.text
    start = _skip_ws(text, 0)
    # most inputs are one API v2 record: the fast reader's, without the containers' walk
    if _V2_OPENING_RE.match(text, start) and not _looks_like_jsonl(text, start):
        values = _read_v2_study(text)
        if values is not None:
            yield _collected_trial(values, 1 + text.count("\n", 0, start))
            return
    failures = _Failures()
    try:
        for value, line, where in _values(text, start, failures):
            yield from _trials(value, line, where, failures)
    except InputError as exc:
        failures.add(str(exc))
    failures.raise_if_any()


def extract(page: Page) -> Trial:
    """The one study of the page; ``MultipleRecordsError`` when it holds several."""
    records = extract_many(page)
    first = next(records, None)
    if first is None:
        raise InputError("the input holds no ClinicalTrials.gov study")
    if next(records, None) is not None:
        raise MultipleRecordsError(
            "the input holds several studies; use trialparse.iter_trials() to read them all"
        )
    return first


def can_stream(page_head: Page) -> bool:
    """JSON Lines (or one record on one long line): read line by line, memory stays flat."""
    text = page_head.text
    start = _skip_ws(text, 0)
    if not text.startswith("{", start):
        return False
    newline = text.find("\n", start)
    if newline < 0:  # a first line longer than the head: one record per line, or one record
        return _STUDY_KEY_RE.search(page_head.head) is not None
    try:
        return isinstance(json.loads(text[start:newline]), dict)
    except (ValueError, RecursionError):
        return False


def extract_stream(fh: TextIO) -> Iterator[Trial]:
    """The studies of a JSON Lines file, read one line at a time."""
    failures = _Failures()
    lineno = 0
    while True:
        line = fh.readline(MAX_RECORD_CHARS)
        if not line:
            break
        lineno += 1
        if not line.endswith("\n") and len(line) >= MAX_RECORD_CHARS:
            while line and not line.endswith("\n"):  # skip the rest of the overlong line
                line = fh.readline(MAX_RECORD_CHARS)
            failures.add(f"line {lineno}: a record over {MAX_RECORD_CHARS} characters")
            continue
        value = _line_value(line, lineno, failures)
        if value is _SKIP:
            continue
        yield from _trials(value, lineno, f"line {lineno}", failures)
    failures.raise_if_any()
