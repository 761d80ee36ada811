"""Hypothesis strategies for generated Trials."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from hypothesis import strategies as st

from trialparse import _model as m
from trialparse._dates import PartialDate

text = st.text(max_size=40)
opt_text = st.none() | text


def enum(e: type[StrEnum]) -> st.SearchStrategy[Any]:
    return st.sampled_from(list(e))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    d = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
    precision = draw(st.sampled_from(["Y", "M", "D"]))
    if precision == "Y":
        return PartialDate(d.year)
    if precision == "M":
        return PartialDate(d.year, d.month)
    return PartialDate(d.year, d.month, d.day)


opt_date = st.none() | partial_dates()
ages = st.builds(
    m.Age,
    value=st.integers(0, 120).map(float)
    | st.floats(0, 120, allow_nan=False).map(lambda x: round(x, 2)),
    unit=enum(m.AgeUnit),
)
orgs = st.builds(m.Organization, name=text, class_=st.none() | enum(m.AgencyClass))
nct = st.from_regex(r"NCT\d{8}", fullmatch=True)

trials = st.builds(
    m.Trial,
    format=st.sampled_from(["hra", "ctgov-json", "generic"]),
    nct_id=st.none() | nct,
    iras_id=st.none() | st.from_regex(r"\d{4,7}", fullmatch=True),
    eudract_number=st.none() | st.from_regex(r"20\d{2}-\d{6}-\d{2}", fullmatch=True),
    isrctn=st.none() | st.from_regex(r"ISRCTN\d{8}", fullmatch=True),
    ctis_number=st.none() | st.from_regex(r"20\d{2}-5\d{5}-\d{2}-\d{2}", fullmatch=True),
    secondary_ids=st.lists(st.builds(m.SecondaryId, id=text, type=opt_text), max_size=3),
    acronym=opt_text,
    brief_title=opt_text,
    official_title=opt_text,
    brief_summary=opt_text,
    study_type=st.none() | enum(m.StudyType),
    overall_status=st.none() | enum(m.OverallStatus),
    phases=st.lists(enum(m.Phase), max_size=3),
    start_date=opt_date,
    completion_date=opt_date,
    last_update_date=opt_date,
    sponsor=st.none() | orgs,
    collaborators=st.lists(orgs, max_size=2),
    conditions=st.lists(text, max_size=3),
    interventions=st.lists(
        st.builds(
            m.Intervention,
            type=st.none() | enum(m.InterventionType),
            name=text,
            description=opt_text,
        ),
        max_size=2,
    ),
    design=st.none()
    | st.builds(
        m.Design,
        allocation=st.none() | enum(m.Allocation),
        masking=st.none() | enum(m.Masking),
        who_masked=st.lists(enum(m.WhoMasked), max_size=2),
        number_of_arms=st.none() | st.integers(0, 20),
    ),
    enrollment=st.none()
    | st.builds(m.Enrollment, count=st.integers(0, 10**6), type=st.none() | enum(m.EnrollmentType)),
    eligibility=st.none()
    | st.builds(
        m.Eligibility,
        criteria=opt_text,
        inclusion=st.lists(text, max_size=2),
        sex=st.none() | enum(m.Sex),
        minimum_age=st.none() | ages,
        maximum_age=st.none() | ages,
        std_ages=st.lists(enum(m.StdAge), max_size=3),
        healthy_volunteers=st.none() | st.booleans(),
    ),
    contacts=st.lists(
        st.builds(m.Contact, name=opt_text, role=st.none() | enum(m.ContactRole), email=opt_text),
        max_size=2,
    ),
    locations=st.lists(
        st.builds(
            m.Location,
            facility=opt_text,
            country=opt_text,
            status=st.none() | enum(m.RecruitmentStatus),
        ),
        max_size=2,
    ),
    countries=st.lists(text, max_size=3),
    ethics_reviews=st.lists(
        st.builds(
            m.EthicsReview,
            committee=opt_text,
            opinion=st.none() | enum(m.RecOpinion),
            opinion_date=opt_date,
        ),
        max_size=1,
    ),
    planned_duration=st.none()
    | st.builds(
        m.Duration, years=st.integers(0, 50), months=st.integers(0, 11), days=st.integers(0, 31)
    ),
    outcomes=st.lists(
        st.builds(m.Outcome, kind=enum(m.OutcomeKind), measure=text, time_frame=opt_text),
        max_size=2,
    ),
    related_studies=st.lists(
        st.builds(
            m.RelatedStudy,
            nct_id=st.none() | nct,
            title=opt_text,
            phases=st.lists(enum(m.Phase), max_size=2),
        ),
        max_size=2,
    ),
    unparsed=st.lists(
        st.builds(m.Fragment, label=opt_text, text=text, line=st.integers(1, 10**5)), max_size=3
    ),
    issues=st.lists(
        st.builds(
            m.Issue,
            code=st.sampled_from(list(m.IssueCode)).map(str),
            field=opt_text,
            message=text,
            line=st.none() | st.integers(1, 10**5),
        ),
        max_size=3,
    ),
)
