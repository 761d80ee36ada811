"""The common ``Trial`` model: the contract of ``SCHEMA.md`` as pydantic v2 models.

Field names here are the JSON paths users read; rename none without a
"Breaking" CHANGELOG entry. Enumerations are ClinicalTrials.gov API v2 values.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from ._dates import PartialDate

SCHEMA_VERSION = "1.0"

# --- identifiers: each pattern is the canonical printed form ------------------------
NCT_PATTERN = r"^NCT\d{8}$"  # NCT03548428
EUDRACT_PATTERN = r"^(19|20)\d{2}-\d{6}-\d{2}$"  # 2016-005019-42
ISRCTN_PATTERN = r"^ISRCTN\d{8}$"  # ISRCTN12345678
IRAS_PATTERN = r"^\d{4,7}$"  # 276314
CTIS_PATTERN = r"^20\d{2}-5\d{5}-\d{2}-\d{2}$"  # 2023-503456-12-00

NctId = Annotated[str, StringConstraints(pattern=NCT_PATTERN)]
EudractNumber = Annotated[str, StringConstraints(pattern=EUDRACT_PATTERN)]
Isrctn = Annotated[str, StringConstraints(pattern=ISRCTN_PATTERN)]
IrasId = Annotated[str, StringConstraints(pattern=IRAS_PATTERN)]
CtisNumber = Annotated[str, StringConstraints(pattern=CTIS_PATTERN)]


# --- enumerations (API v2 spellings) -------------------------------------------------
class StudyType(StrEnum):
    INTERVENTIONAL = "INTERVENTIONAL"
    OBSERVATIONAL = "OBSERVATIONAL"
    EXPANDED_ACCESS = "EXPANDED_ACCESS"


class OverallStatus(StrEnum):
    RECRUITING = "RECRUITING"
    NOT_YET_RECRUITING = "NOT_YET_RECRUITING"
    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING"
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION"
    COMPLETED = "COMPLETED"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"
    WITHDRAWN = "WITHDRAWN"
    AVAILABLE = "AVAILABLE"
    NO_LONGER_AVAILABLE = "NO_LONGER_AVAILABLE"
    TEMPORARILY_NOT_AVAILABLE = "TEMPORARILY_NOT_AVAILABLE"
    APPROVED_FOR_MARKETING = "APPROVED_FOR_MARKETING"
    WITHHELD = "WITHHELD"
    UNKNOWN = "UNKNOWN"


class Phase(StrEnum):
    EARLY_PHASE1 = "EARLY_PHASE1"
    PHASE1 = "PHASE1"
    PHASE2 = "PHASE2"
    PHASE3 = "PHASE3"
    PHASE4 = "PHASE4"
    NA = "NA"


PHASE_ORDER: dict[Phase, int] = {p: i for i, p in enumerate(Phase)}


class AgeUnit(StrEnum):
    YEARS = "YEARS"
    MONTHS = "MONTHS"
    WEEKS = "WEEKS"
    DAYS = "DAYS"
    HOURS = "HOURS"
    MINUTES = "MINUTES"


class Sex(StrEnum):
    ALL = "ALL"
    FEMALE = "FEMALE"
    MALE = "MALE"


class StdAge(StrEnum):
    CHILD = "CHILD"
    ADULT = "ADULT"
    OLDER_ADULT = "OLDER_ADULT"


class AgencyClass(StrEnum):
    NIH = "NIH"
    FED = "FED"
    OTHER_GOV = "OTHER_GOV"
    INDIV = "INDIV"
    INDUSTRY = "INDUSTRY"
    NETWORK = "NETWORK"
    AMBIG = "AMBIG"
    OTHER = "OTHER"
    UNKNOWN = "UNKNOWN"


class InterventionType(StrEnum):
    BEHAVIORAL = "BEHAVIORAL"
    BIOLOGICAL = "BIOLOGICAL"
    COMBINATION_PRODUCT = "COMBINATION_PRODUCT"
    DEVICE = "DEVICE"
    DIAGNOSTIC_TEST = "DIAGNOSTIC_TEST"
    DIETARY_SUPPLEMENT = "DIETARY_SUPPLEMENT"
    DRUG = "DRUG"
    GENETIC = "GENETIC"
    PROCEDURE = "PROCEDURE"
    RADIATION = "RADIATION"
    OTHER = "OTHER"


class Allocation(StrEnum):
    RANDOMIZED = "RANDOMIZED"
    NON_RANDOMIZED = "NON_RANDOMIZED"
    NA = "NA"


class InterventionModel(StrEnum):
    SINGLE_GROUP = "SINGLE_GROUP"
    PARALLEL = "PARALLEL"
    CROSSOVER = "CROSSOVER"
    FACTORIAL = "FACTORIAL"
    SEQUENTIAL = "SEQUENTIAL"


class PrimaryPurpose(StrEnum):
    TREATMENT = "TREATMENT"
    PREVENTION = "PREVENTION"
    DIAGNOSTIC = "DIAGNOSTIC"
    ECT = "ECT"
    SUPPORTIVE_CARE = "SUPPORTIVE_CARE"
    SCREENING = "SCREENING"
    HEALTH_SERVICES_RESEARCH = "HEALTH_SERVICES_RESEARCH"
    BASIC_SCIENCE = "BASIC_SCIENCE"
    DEVICE_FEASIBILITY = "DEVICE_FEASIBILITY"
    OTHER = "OTHER"


class Masking(StrEnum):
    NONE = "NONE"
    SINGLE = "SINGLE"
    DOUBLE = "DOUBLE"
    TRIPLE = "TRIPLE"
    QUADRUPLE = "QUADRUPLE"


class WhoMasked(StrEnum):
    PARTICIPANT = "PARTICIPANT"
    CARE_PROVIDER = "CARE_PROVIDER"
    INVESTIGATOR = "INVESTIGATOR"
    OUTCOMES_ASSESSOR = "OUTCOMES_ASSESSOR"


class EnrollmentType(StrEnum):
    ACTUAL = "ACTUAL"
    ESTIMATED = "ESTIMATED"


class ContactRole(StrEnum):
    PRINCIPAL_INVESTIGATOR = "PRINCIPAL_INVESTIGATOR"
    STUDY_DIRECTOR = "STUDY_DIRECTOR"
    STUDY_CHAIR = "STUDY_CHAIR"
    SUB_INVESTIGATOR = "SUB_INVESTIGATOR"
    CONTACT = "CONTACT"
    CENTRAL_CONTACT = "CENTRAL_CONTACT"
    SPONSOR_INVESTIGATOR = "SPONSOR_INVESTIGATOR"


class RecruitmentStatus(StrEnum):
    """Status of one site (API v2 ``RecruitmentStatus``)."""

    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING"
    COMPLETED = "COMPLETED"
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION"
    NOT_YET_RECRUITING = "NOT_YET_RECRUITING"
    RECRUITING = "RECRUITING"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"
    WITHDRAWN = "WITHDRAWN"
    AVAILABLE = "AVAILABLE"
    UNKNOWN = "UNKNOWN"


class RecOpinion(StrEnum):
    FAVOURABLE = "FAVOURABLE"
    FURTHER_INFORMATION_FAVOURABLE = "FURTHER_INFORMATION_FAVOURABLE"
    UNFAVOURABLE = "UNFAVOURABLE"
    FURTHER_INFORMATION_UNFAVOURABLE = "FURTHER_INFORMATION_UNFAVOURABLE"
    FAVOURABLE_WITH_CONDITIONS = "FAVOURABLE_WITH_CONDITIONS"
    PROVISIONAL = "PROVISIONAL"
    WITHDRAWN = "WITHDRAWN"
    NOT_REQUIRED = "NOT_REQUIRED"


class OutcomeKind(StrEnum):
    PRIMARY = "PRIMARY"
    SECONDARY = "SECONDARY"
    OTHER = "OTHER"


class IssueCode(StrEnum):
    """Stable issue codes; users filter on these strings."""

    UNKNOWN_LABEL = "unknown_label"
    UNMAPPED_VALUE = "unmapped_value"
    MALFORMED_ID = "malformed_id"
    DUPLICATE_LABEL = "duplicate_label"
    EMPTY_VALUE = "empty_value"
    TRUNCATED = "truncated"
    INVALID_DATE = "invalid_date"
    INVALID_VALUE = "invalid_value"
    INFERRED_VALUE = "inferred_value"
    CONFLICTING_VALUE = "conflicting_value"
    GLUED_TEXT = "glued_text"
    GENERIC_EXTRACTOR = "generic_extractor"
    FOREIGN_ID = "foreign_id"


# --- value types ---------------------------------------------------------------------
class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        validate_assignment=False,
    )


class Age(_Model):
    value: int | float = Field(ge=0)
    unit: AgeUnit

    @field_validator("value")
    @classmethod
    def _whole_numbers_stay_ints(cls, v: int | float) -> int | float:
        return int(v) if float(v).is_integer() else v


class Duration(_Model):
    years: int = Field(default=0, ge=0)
    months: int = Field(default=0, ge=0)
    days: int = Field(default=0, ge=0)


class SecondaryId(_Model):
    id: str
    type: str | None = None


class Organization(_Model):
    name: str
    class_: AgencyClass | None = Field(default=None, alias="class")


class Intervention(_Model):
    type: InterventionType | None = None
    name: str
    description: str | None = None


class Design(_Model):
    allocation: Allocation | None = None
    intervention_model: InterventionModel | None = None
    primary_purpose: PrimaryPurpose | None = None
    masking: Masking | None = None
    who_masked: list[WhoMasked] = Field(default_factory=list)
    number_of_arms: int | None = Field(default=None, ge=0)


class Enrollment(_Model):
    count: int = Field(ge=0)
    type: EnrollmentType | None = None


class Eligibility(_Model):
    criteria: str | None = None
    inclusion: list[str] = Field(default_factory=list)
    exclusion: list[str] = Field(default_factory=list)
    sex: Sex | None = None
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    std_ages: list[StdAge] = Field(default_factory=list)
    healthy_volunteers: bool | None = None


class Contact(_Model):
    name: str | None = None
    role: ContactRole | None = None
    affiliation: str | None = None
    email: str | None = None
    phone: str | None = None


class Location(_Model):
    facility: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None
    status: RecruitmentStatus | None = None


class EthicsReview(_Model):
    committee: str | None = None
    reference: str | None = None
    opinion: RecOpinion | None = None
    opinion_raw: str | None = None
    opinion_date: PartialDate | None = None


class Outcome(_Model):
    kind: OutcomeKind
    measure: str
    time_frame: str | None = None
    description: str | None = None


class RelatedStudy(_Model):
    nct_id: NctId | None = None
    title: str | None = None
    overall_status: OverallStatus | None = None
    phases: list[Phase] = Field(default_factory=list)

    @field_validator("phases")
    @classmethod
    def _phases_ascending(cls, v: list[Phase]) -> list[Phase]:
        return sorted(set(v), key=PHASE_ORDER.__getitem__)


class Fragment(_Model):
    """A piece of the page no field took: kept, never dropped."""

    label: str | None = None
    text: str
    line: int = Field(ge=1)


class Issue(_Model):
    code: str
    field: str | None = None
    message: str
    line: int | None = Field(default=None, ge=1)

    @field_validator("code", mode="before")
    @classmethod
    def _plain_code(cls, v: Any) -> Any:
        return str(v) if isinstance(v, IssueCode) else v


class Trial(_Model):
    """One trial record in the common schema (see SCHEMA.md)."""

    format: str
    schema_version: str = SCHEMA_VERSION

    nct_id: NctId | None = None
    iras_id: IrasId | None = None
    eudract_number: EudractNumber | None = None
    isrctn: Isrctn | None = None
    ctis_number: CtisNumber | None = None
    secondary_ids: list[SecondaryId] = Field(default_factory=list)

    acronym: str | None = None
    brief_title: str | None = None
    official_title: str | None = None
    brief_summary: str | None = None
    detailed_description: str | None = None
    research_type: str | None = None

    study_type: StudyType | None = None
    overall_status: OverallStatus | None = None
    phases: list[Phase] = Field(default_factory=list)

    start_date: PartialDate | None = None
    primary_completion_date: PartialDate | None = None
    completion_date: PartialDate | None = None
    first_posted_date: PartialDate | None = None
    last_update_date: PartialDate | None = None

    sponsor: Organization | None = None
    collaborators: list[Organization] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    interventions: list[Intervention] = Field(default_factory=list)
    design: Design | None = None
    enrollment: Enrollment | None = None
    eligibility: Eligibility | None = None
    contacts: list[Contact] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    ethics_reviews: list[EthicsReview] = Field(default_factory=list)
    planned_duration: Duration | None = None
    outcomes: list[Outcome] = Field(default_factory=list)
    results_summary: str | None = None
    related_studies: list[RelatedStudy] = Field(default_factory=list)

    unparsed: list[Fragment] = Field(default_factory=list)
    issues: list[Issue] = Field(default_factory=list)

    @field_validator("phases")
    @classmethod
    def _phases_ascending(cls, v: list[Phase]) -> list[Phase]:
        return sorted(set(v), key=PHASE_ORDER.__getitem__)

    @field_validator("countries")
    @classmethod
    def _countries_unique(cls, v: list[str]) -> list[str]:
        return list(dict.fromkeys(v))

    def issues_with(self, code: str) -> list[Issue]:
        """The recorded issues with this code (e.g. ``"unmapped_value"``)."""
        return [i for i in self.issues if i.code == code]
