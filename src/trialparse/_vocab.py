"""One vocabulary for every site: source wording -> ClinicalTrials.gov API v2 enums.

Each table maps a *normalised* spelling (``key()``: lower case, single spaces, no
trailing punctuation, ``_``/``-`` as spaces) to an enum member. A spelling is
typed once, here, and every extractor shares it. A spelling that is not in a
table maps to ``None``: callers keep the raw text and record ``unmapped_value``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from . import _memo
from ._model import (
    Age,
    AgencyClass,
    AgeUnit,
    Allocation,
    ContactRole,
    EnrollmentType,
    InterventionModel,
    InterventionType,
    Masking,
    OverallStatus,
    Phase,
    PrimaryPurpose,
    RecOpinion,
    RecruitmentStatus,
    Sex,
    StdAge,
    StudyType,
    WhoMasked,
)

E = TypeVar("E", bound=StrEnum)

# "_" and "-" as spaces, runs of space collapsed: "ACTIVE_NOT_RECRUITING" ~ "Active, not recruiting"
_KEY_SEP_RE = re.compile(r"[\s_\-\u2010-\u2015]+")
_KEY_STRIP = " \t.:;,*"


# source spelling -> its key: a site prints the same few spellings on every page
_KEYS_LIMIT = 4096


def _read_key(text: str) -> str:
    return _KEY_SEP_RE.sub(" ", text.replace(",", " ")).strip(_KEY_STRIP).lower()


_KEYS = _memo.memo("vocabulary keys", _KEYS_LIMIT, _read_key)


def key(text: str) -> str:
    """The lookup key of a source spelling."""
    return _KEYS[text]


def _table(enum: type[E], extra: Mapping[str, E]) -> dict[str, E]:
    """Every enum value in its own spelling, plus the sites' wordings."""
    table = {key(m.value): m for m in enum}
    for spelling, member in extra.items():
        table[key(spelling)] = member
    return table


STATUS: dict[str, OverallStatus] = _table(
    OverallStatus,
    {
        "Recruiting": OverallStatus.RECRUITING,
        "Enrolling": OverallStatus.RECRUITING,
        "Open": OverallStatus.RECRUITING,
        "Open to recruitment": OverallStatus.RECRUITING,
        "Recruiting participants": OverallStatus.RECRUITING,
        "Currently recruiting": OverallStatus.RECRUITING,
        "Not yet recruiting": OverallStatus.NOT_YET_RECRUITING,
        "Not yet enrolling": OverallStatus.NOT_YET_RECRUITING,
        "Pending": OverallStatus.NOT_YET_RECRUITING,
        "Pending (not yet recruiting)": OverallStatus.NOT_YET_RECRUITING,
        "Active, not recruiting": OverallStatus.ACTIVE_NOT_RECRUITING,
        "Active not recruiting": OverallStatus.ACTIVE_NOT_RECRUITING,
        "Active, not enrolling": OverallStatus.ACTIVE_NOT_RECRUITING,
        "No longer recruiting": OverallStatus.ACTIVE_NOT_RECRUITING,  # CT.gov Archive, 2006
        "Closed to recruitment": OverallStatus.ACTIVE_NOT_RECRUITING,
        "Closed: follow-up continuing": OverallStatus.ACTIVE_NOT_RECRUITING,
        "Ongoing": OverallStatus.ACTIVE_NOT_RECRUITING,
        "Enrolling by invitation": OverallStatus.ENROLLING_BY_INVITATION,
        "Enrolling by invitation only": OverallStatus.ENROLLING_BY_INVITATION,
        "Completed": OverallStatus.COMPLETED,
        "Complete": OverallStatus.COMPLETED,
        "Closed: follow-up complete": OverallStatus.COMPLETED,
        "Suspended": OverallStatus.SUSPENDED,
        "Temporarily halted": OverallStatus.SUSPENDED,
        "Terminated": OverallStatus.TERMINATED,
        "Stopped early": OverallStatus.TERMINATED,
        "Withdrawn": OverallStatus.WITHDRAWN,
        "Available": OverallStatus.AVAILABLE,
        "Available for expanded access": OverallStatus.AVAILABLE,
        "No longer available": OverallStatus.NO_LONGER_AVAILABLE,
        "Temporarily not available": OverallStatus.TEMPORARILY_NOT_AVAILABLE,
        "Approved for marketing": OverallStatus.APPROVED_FOR_MARKETING,
        "Withheld": OverallStatus.WITHHELD,
        "Unknown": OverallStatus.UNKNOWN,
        "Unknown status": OverallStatus.UNKNOWN,
        "Status unknown": OverallStatus.UNKNOWN,
    },
)

# A site's status differs from the API's only in the set it allows.
SITE_STATUS: dict[str, RecruitmentStatus] = {
    k: RecruitmentStatus(v.value)
    for k, v in STATUS.items()
    if v.value in RecruitmentStatus.__members__
}

STUDY_TYPE: dict[str, StudyType] = _table(
    StudyType,
    {
        "Interventional": StudyType.INTERVENTIONAL,
        "Interventional study": StudyType.INTERVENTIONAL,
        "Interventional (Clinical Trial)": StudyType.INTERVENTIONAL,
        "Clinical trial": StudyType.INTERVENTIONAL,
        "Observational": StudyType.OBSERVATIONAL,
        "Observational study": StudyType.OBSERVATIONAL,
        "Observational [Patient Registry]": StudyType.OBSERVATIONAL,
        "Observational (Patient Registry)": StudyType.OBSERVATIONAL,
        "Patient registry": StudyType.OBSERVATIONAL,
        "Observational patient registry": StudyType.OBSERVATIONAL,
        "Expanded access": StudyType.EXPANDED_ACCESS,
        "Expanded access program": StudyType.EXPANDED_ACCESS,
    },
)

SEX: dict[str, Sex] = _table(
    Sex,
    {
        "All": Sex.ALL,
        "Both": Sex.ALL,
        "Both, male and female": Sex.ALL,
        "Both males and females": Sex.ALL,
        "Male and female": Sex.ALL,
        "Female and male": Sex.ALL,
        "Male or female": Sex.ALL,
        "Any": Sex.ALL,
        "Female": Sex.FEMALE,
        "Females": Sex.FEMALE,
        "Women": Sex.FEMALE,
        "Female only": Sex.FEMALE,
        "Male": Sex.MALE,
        "Males": Sex.MALE,
        "Men": Sex.MALE,
        "Male only": Sex.MALE,
    },
)

STD_AGE: dict[str, StdAge] = _table(
    StdAge,
    {
        "Child": StdAge.CHILD,
        "Children": StdAge.CHILD,
        "Adult": StdAge.ADULT,
        "Adults": StdAge.ADULT,
        "Older adult": StdAge.OLDER_ADULT,
        "Older adults": StdAge.OLDER_ADULT,
        "Senior": StdAge.OLDER_ADULT,
    },
)

ALLOCATION: dict[str, Allocation] = _table(
    Allocation,
    {
        "Randomized": Allocation.RANDOMIZED,
        "Randomised": Allocation.RANDOMIZED,
        "Randomized controlled": Allocation.RANDOMIZED,
        "Non-randomized": Allocation.NON_RANDOMIZED,
        "Non-randomised": Allocation.NON_RANDOMIZED,
        "Randomised controlled trial": Allocation.RANDOMIZED,
        "Non-randomised trial": Allocation.NON_RANDOMIZED,
        "Nonrandomized": Allocation.NON_RANDOMIZED,
        "N/A": Allocation.NA,
        "Not applicable": Allocation.NA,
    },
)

INTERVENTION_MODEL: dict[str, InterventionModel] = _table(
    InterventionModel,
    {
        "Single group": InterventionModel.SINGLE_GROUP,
        "Single group assignment": InterventionModel.SINGLE_GROUP,
        "Single arm": InterventionModel.SINGLE_GROUP,
        "Parallel": InterventionModel.PARALLEL,
        "Parallel assignment": InterventionModel.PARALLEL,
        "Crossover": InterventionModel.CROSSOVER,
        "Crossover assignment": InterventionModel.CROSSOVER,
        "Cross-over": InterventionModel.CROSSOVER,
        "Factorial": InterventionModel.FACTORIAL,
        "Factorial assignment": InterventionModel.FACTORIAL,
        "Sequential": InterventionModel.SEQUENTIAL,
        "Sequential assignment": InterventionModel.SEQUENTIAL,
    },
)

PRIMARY_PURPOSE: dict[str, PrimaryPurpose] = _table(
    PrimaryPurpose,
    {
        "Treatment": PrimaryPurpose.TREATMENT,
        "Prevention": PrimaryPurpose.PREVENTION,
        "Diagnostic": PrimaryPurpose.DIAGNOSTIC,
        "Diagnosis": PrimaryPurpose.DIAGNOSTIC,
        "Educational/Counseling/Training": PrimaryPurpose.ECT,
        "Educational / Counseling / Training": PrimaryPurpose.ECT,
        "Supportive care": PrimaryPurpose.SUPPORTIVE_CARE,
        "Supportive": PrimaryPurpose.SUPPORTIVE_CARE,
        "Screening": PrimaryPurpose.SCREENING,
        "Health services research": PrimaryPurpose.HEALTH_SERVICES_RESEARCH,
        "Basic science": PrimaryPurpose.BASIC_SCIENCE,
        "Device feasibility": PrimaryPurpose.DEVICE_FEASIBILITY,
        "Other": PrimaryPurpose.OTHER,
    },
)

MASKING: dict[str, Masking] = _table(
    Masking,
    {
        "None": Masking.NONE,
        "None (Open label)": Masking.NONE,
        "None (Open Label)": Masking.NONE,
        "Open label": Masking.NONE,
        "Open-label": Masking.NONE,
        "Open (masking not used)": Masking.NONE,
        "No masking": Masking.NONE,
        "Single": Masking.SINGLE,
        "Single blind": Masking.SINGLE,
        "Single-blind": Masking.SINGLE,
        "Double": Masking.DOUBLE,
        "Double blind": Masking.DOUBLE,
        "Double-blind": Masking.DOUBLE,
        "Triple": Masking.TRIPLE,
        "Triple blind": Masking.TRIPLE,
        "Quadruple": Masking.QUADRUPLE,
        "Quadruple blind": Masking.QUADRUPLE,
    },
)

WHO_MASKED: dict[str, WhoMasked] = _table(
    WhoMasked,
    {
        "Participant": WhoMasked.PARTICIPANT,
        "Subject": WhoMasked.PARTICIPANT,
        "Care provider": WhoMasked.CARE_PROVIDER,
        "Caregiver": WhoMasked.CARE_PROVIDER,
        "Investigator": WhoMasked.INVESTIGATOR,
        "Outcomes assessor": WhoMasked.OUTCOMES_ASSESSOR,
    },
)

INTERVENTION_TYPE: dict[str, InterventionType] = _table(
    InterventionType,
    {
        "Drug": InterventionType.DRUG,
        "Device": InterventionType.DEVICE,
        "Biological": InterventionType.BIOLOGICAL,
        "Biological/Vaccine": InterventionType.BIOLOGICAL,
        "Vaccine": InterventionType.BIOLOGICAL,
        "Procedure": InterventionType.PROCEDURE,
        "Procedure/Surgery": InterventionType.PROCEDURE,
        "Surgery": InterventionType.PROCEDURE,
        "Radiation": InterventionType.RADIATION,
        "Behavioral": InterventionType.BEHAVIORAL,
        "Behavioural": InterventionType.BEHAVIORAL,
        "Genetic": InterventionType.GENETIC,
        "Dietary supplement": InterventionType.DIETARY_SUPPLEMENT,
        "Combination product": InterventionType.COMBINATION_PRODUCT,
        "Diagnostic test": InterventionType.DIAGNOSTIC_TEST,
        "Other": InterventionType.OTHER,
    },
)

AGENCY_CLASS: dict[str, AgencyClass] = _table(
    AgencyClass,
    {
        "Industry": AgencyClass.INDUSTRY,
        "NIH": AgencyClass.NIH,
        "U.S. Fed": AgencyClass.FED,
        "Other U.S. Federal agency": AgencyClass.FED,
        "Other": AgencyClass.OTHER,
        "Other Government": AgencyClass.OTHER_GOV,
        "Individual": AgencyClass.INDIV,
        "Network": AgencyClass.NETWORK,
    },
)

ROLE: dict[str, ContactRole] = _table(
    ContactRole,
    {
        "Principal investigator": ContactRole.PRINCIPAL_INVESTIGATOR,
        "PI": ContactRole.PRINCIPAL_INVESTIGATOR,
        "Study director": ContactRole.STUDY_DIRECTOR,
        "Study chair": ContactRole.STUDY_CHAIR,
        "Sub-investigator": ContactRole.SUB_INVESTIGATOR,
        "Sub investigator": ContactRole.SUB_INVESTIGATOR,
        "Contact": ContactRole.CONTACT,
        "Central contact": ContactRole.CENTRAL_CONTACT,
        "Central trial contact": ContactRole.CENTRAL_CONTACT,
        "Sponsor-investigator": ContactRole.SPONSOR_INVESTIGATOR,
    },
)

ENROLLMENT_TYPE: dict[str, EnrollmentType] = _table(
    EnrollmentType,
    {
        "Actual": EnrollmentType.ACTUAL,
        "Estimated": EnrollmentType.ESTIMATED,
        "Anticipated": EnrollmentType.ESTIMATED,
        "Expected": EnrollmentType.ESTIMATED,
        "Target": EnrollmentType.ESTIMATED,
    },
)

REC_OPINION: dict[str, RecOpinion] = _table(
    RecOpinion,
    {
        "Favourable Opinion": RecOpinion.FAVOURABLE,
        "Favorable Opinion": RecOpinion.FAVOURABLE,
        "Favourable": RecOpinion.FAVOURABLE,
        "Further Information Favourable Opinion": RecOpinion.FURTHER_INFORMATION_FAVOURABLE,
        "Further Information Favorable Opinion": RecOpinion.FURTHER_INFORMATION_FAVOURABLE,
        "Unfavourable Opinion": RecOpinion.UNFAVOURABLE,
        "Unfavorable Opinion": RecOpinion.UNFAVOURABLE,
        "Further Information Unfavourable Opinion": RecOpinion.FURTHER_INFORMATION_UNFAVOURABLE,
        "Favourable Opinion with Additional Conditions": RecOpinion.FAVOURABLE_WITH_CONDITIONS,
        "Favourable Opinion with Conditions": RecOpinion.FAVOURABLE_WITH_CONDITIONS,
        "Provisional Opinion": RecOpinion.PROVISIONAL,
        "Withdrawn": RecOpinion.WITHDRAWN,
        "Not Required": RecOpinion.NOT_REQUIRED,
    },
)


def lookup(table: Mapping[str, E], raw: str | None) -> E | None:
    """Map one source spelling through a table; None when it is not there."""
    if raw is None:
        return None
    return table.get(key(raw))


# --- phases ----------------------------------------------------------------------------
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "Ⅰ": "1", "Ⅱ": "2", "Ⅲ": "3", "Ⅳ": "4"}
_ROMAN_CHARS_RE = re.compile(r"[ⅠⅡⅢⅣ]")
# One phase item: "early phase 1", "phase 1", "phase1", "phase i", "1", "ii", "phase 0"
_PHASE_ITEM_RE = re.compile(
    r"(?:(?P<early>early)\s*)?(?:phase\s*)?(?P<n>[0-4]|iv|iii|ii|i)(?:[ab])?", re.I
)
_PHASE_NA = {"na", "n a", "n/a", "not applicable", "none", "no phase", "not provided"}
# Separators between items: "/", "|", ",", "and", "-", "+"
_PHASE_SPLIT_RE = re.compile(r"\s*(?:/|\||,|\band\b|\+|-|–)\s*", re.I)


def parse_phases(raw: str | None) -> list[Phase] | None:
    """Read a phase field: "Phase 1/Phase 2", "Phase Ⅰ/Ⅱ", "PHASE2, PHASE3", "N/A" ...

    Returns the phases ascending, or None when the text is not a phase (callers
    record ``unmapped_value``). "Phase 0" is an early phase 1 in API v2 terms.

    >>> parse_phases("Phase 1/Phase 2"), parse_phases("N/A")
    ([<Phase.PHASE1: 'PHASE1'>, <Phase.PHASE2: 'PHASE2'>], [<Phase.NA: 'NA'>])
    """
    if raw is None:
        return None
    known = _PHASES_SEEN[raw]  # a site prints the same few phase spellings on every page
    return list(known) if known else None


def _phases_tuple(raw: str) -> tuple[Phase, ...]:
    phases = _read_phases(raw)
    return () if phases is None else tuple(phases)  # () for "not a phase"


_PHASES_SEEN = _memo.memo("phase spellings", _KEYS_LIMIT, _phases_tuple)
_PHASE_ORDER = {p: i for i, p in enumerate(Phase)}


def _read_phases(raw: str) -> list[Phase] | None:
    text = _ROMAN_CHARS_RE.sub(lambda m: _ROMAN[m.group()], raw).strip(" .;:\t")
    if not text or len(text) > 80:
        return None
    low = " ".join(text.lower().split())
    if low in _PHASE_NA or low.replace(".", "") in {"na", "n/a"}:
        return [Phase.NA]
    exact = lookup(_PHASE_ENUM, text)
    if exact is not None:
        return [exact]
    phases: list[Phase] = []
    saw_phase_word = "phase" in low
    for part in _PHASE_SPLIT_RE.split(low):
        if not part:
            continue
        m = _PHASE_ITEM_RE.fullmatch(part.strip())
        if not m:
            enum = lookup(_PHASE_ENUM, part)
            if enum is None:
                return None
            phases.append(enum)
            continue
        n = _ROMAN.get(m.group("n"), m.group("n"))
        if not saw_phase_word and not m.group("early"):
            return None  # a bare "2" or "ii" is not a phase without the word
        if m.group("early") or n == "0":
            phases.append(Phase.EARLY_PHASE1)
        else:
            phases.append(Phase(f"PHASE{n}"))
    if not phases:
        return None
    return sorted(set(phases), key=_PHASE_ORDER.__getitem__)


_PHASE_ENUM: dict[str, Phase] = _table(
    Phase,
    {
        "Early Phase 1": Phase.EARLY_PHASE1,
        "Early phase I": Phase.EARLY_PHASE1,
        "Phase 0": Phase.EARLY_PHASE1,
    },
)


# --- ages ------------------------------------------------------------------------------
AGE_UNIT: dict[str, AgeUnit] = {
    **{u: AgeUnit.YEARS for u in ("year", "years", "yr", "yrs", "y", "year old", "years old")},
    **{u: AgeUnit.MONTHS for u in ("month", "months", "mo", "mos", "m")},
    **{u: AgeUnit.WEEKS for u in ("week", "weeks", "wk", "wks", "w")},
    **{u: AgeUnit.DAYS for u in ("day", "days", "d")},
    **{u: AgeUnit.HOURS for u in ("hour", "hours", "hr", "hrs", "h")},
    **{u: AgeUnit.MINUTES for u in ("minute", "minutes", "min", "mins")},
}
AGE_NONE = {
    "n/a",
    "na",
    "no limit",
    "none",
    "not applicable",
    "no maximum",
    "no minimum",
    "no max",
    "no min",
}
# "18 Years", "6 months", "18+ years old", "18 years and older"
_AGE_RE = re.compile(
    r"(\d{1,3}(?:\.\d{1,2})?)\s*\+?\s*([A-Za-z]+(?: old)?)?(?: and (?:older|over|above))?", re.I
)


def parse_age(raw: str) -> Age | None:
    """One age bound: "18 Years", "6 Months", "18+ years old". None for "N/A", "No limit"."""
    text = " ".join(raw.split()).strip(" .;").lower()
    if text in AGE_NONE:
        return None
    m = _AGE_RE.fullmatch(text)
    if not m:
        return None
    unit = AGE_UNIT.get(m.group(2) or "years")
    if unit is None:
        return None
    # the validator itself: Age(...) adds a Python __init__ around the same call
    age: Age = Age.__pydantic_validator__.validate_python(
        {"value": float(m.group(1)), "unit": unit}
    )
    return age


def is_no_age_limit(raw: str) -> bool:
    return " ".join(raw.split()).strip(" .;").lower() in AGE_NONE


# "18 to 70 years old", "18-70 years", "18 years to 70 years"
_AGE_RANGE_RE = re.compile(
    r"(\d{1,3})\s*([a-z]+)?\s*(?:to|-|–)\s*(\d{1,3})\s*([a-z]+(?: old)?)?", re.I
)


def parse_age_range(raw: str) -> tuple[Age | None, Age | None] | None:
    """An age span: "18 to 70 years old" -> (18 y, 70 y); "18+ years old" -> (18 y, None)."""
    text = " ".join(raw.split()).strip(" .;").lower()
    m = _AGE_RANGE_RE.fullmatch(text)
    if m:
        unit_hi = AGE_UNIT.get(m.group(4) or "years")
        unit_lo = AGE_UNIT.get(m.group(2)) if m.group(2) else unit_hi
        if unit_hi is None or unit_lo is None:
            return None
        return Age(value=float(m.group(1)), unit=unit_lo), Age(
            value=float(m.group(3)), unit=unit_hi
        )
    if "+" in text or "older" in text or "over" in text or "above" in text:
        lo = parse_age(text)
        return (lo, None) if lo else None
    return None


def parse_yes_no(raw: str) -> bool | None:
    """Healthy volunteers: "Yes"/"No"/"Accepts Healthy Volunteers"/"No Healthy Volunteers"."""
    k = key(raw)
    if k in {
        "yes",
        "true",
        "y",
        "accepts healthy volunteers",
        "accepts",
        "healthy volunteers accepted",
    }:
        return True
    if k in {"no", "false", "n", "no healthy volunteers", "does not accept healthy volunteers"}:
        return False
    return None
