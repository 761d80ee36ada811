"""ctgov-api-text: pages printing ClinicalTrials.gov API v2 fields as ``Label: value``."""

from __future__ import annotations

from pathlib import Path

import pytest

import trialparse
from conftest import SAMPLES
from trialparse import Trial
from trialparse._formats import ctgov_api_text as fmt
from trialparse._text import Page

HERE = SAMPLES / "ctgov-api-text"
DISCLAIMER = (
    'The following info and data is provided "as is" to help patients around the globe.\n'
    "We do not endorse or review these studies in any way.\n"
)


def parse(name: str) -> Trial:
    return trialparse.parse_file(HERE / name)


def parse_text(text: str) -> Trial:
    return trialparse.parse_text(text, fmt.ID)


def codes(trial: Trial) -> list[str]:
    return [i.code for i in trial.issues]


# --- the seed -------------------------------------------------------------------------------
def test_seed_values() -> None:
    t = parse("seed_003_b847f473d4e4de62.txt")
    assert t.format == "ctgov-api-text"
    assert t.nct_id == "NCT06114225"
    assert t.brief_title is not None and t.brief_title.endswith(
        "(PROMIS): a Prospective Clinical Trial"
    )
    assert t.official_title is not None and t.official_title.startswith("A Prospective Phase II")
    assert t.detailed_description is not None
    assert t.detailed_description.endswith("bone sarcoma in the future.")
    e = t.eligibility
    assert e is not None
    assert e.minimum_age is not None and (e.minimum_age.value, e.minimum_age.unit) == (10, "YEARS")
    assert e.maximum_age is None
    assert e.std_ages == ["CHILD", "ADULT", "OLDER_ADULT"]
    assert e.sex == "ALL"
    assert e.healthy_volunteers is False
    [loc] = t.locations
    assert loc.facility == "Ruijin Hospital, Shanghai Jiao Tong University, School of Medicine"
    assert (loc.city, loc.state, loc.country) == ("Shanghai", "Shanghai", "China")
    assert t.countries == ["China"]
    assert [c.name for c in t.contacts] == [
        "Weibin Zhang, PhD, MD",
        "Yuhui Shen, PhD, MD",
        "Qiyuan Bao, PhD, MD",
        "Junxiang Wen, PhD, MD",
    ]
    assert {c.role for c in t.contacts} == {"PRINCIPAL_INVESTIGATOR"}
    assert {c.affiliation for c in t.contacts} == {"Ruijin Hospital"}
    assert t.issues == [] and t.unparsed == []


def test_seed_disclaimer_lines_are_noise() -> None:
    for text in fmt._DISCLAIMERS:
        assert text in fmt.NOISE
    t = parse("seed_003_b847f473d4e4de62.txt")
    assert not any("endorse" in f.text for f in t.unparsed)


# --- constructed variants -----------------------------------------------------------------
def test_markdown_bullets_page() -> None:
    t = parse("markdown_bullets_NCT06489431.txt")
    assert t.nct_id == "NCT06489431"  # from the markdown link text
    assert [(s.id, s.type) for s in t.secondary_ids] == [("21120903", "SPONSOR")]
    assert t.overall_status == "RECRUITING"
    assert t.study_type == "INTERVENTIONAL"
    assert t.phases == ["PHASE3"]
    assert t.start_date is not None and str(t.start_date) == "2023-12-04"
    assert t.start_date.precision == "DAY"
    assert str(t.primary_completion_date) == "2024-12-31"  # "(ESTIMATED)" dropped
    assert str(t.completion_date) == "2025-12-31"
    assert t.enrollment is not None and (t.enrollment.count, t.enrollment.type) == (
        100,
        "ESTIMATED",
    )
    assert t.sponsor is not None and t.sponsor.name == "Rush University Medical Center"
    assert t.design is not None
    assert (t.design.allocation, t.design.intervention_model) == ("RANDOMIZED", "SINGLE_GROUP")
    assert (t.design.primary_purpose, t.design.masking) == ("PREVENTION", "SINGLE")
    # a bullet per condition: the comma inside the second one stays
    assert t.conditions == [
        "Erectile Dysfunction",
        "Penile Prosthesis; Complications, Infection or Inflammation",
    ]
    assert t.keywords == ["Inflatable Penile Prosthesis", "Irrisept"]
    e = t.eligibility
    assert e is not None and e.criteria is not None
    assert e.criteria.startswith("Inclusion Criteria:\n\n* Inclusion criteria include all men")
    assert len(e.inclusion) == 1 and len(e.exclusion) == 1
    assert e.exclusion[0].endswith("and transgender males")
    assert (e.sex, e.healthy_volunteers, e.minimum_age) == ("MALE", True, None)
    assert [loc.city for loc in t.locations] == ["Chicago", "Des Plaines"]
    assert t.countries == ["United States"]  # de-duplicated
    assert [(c.name, c.role) for c in t.contacts] == [
        ("Edward Cherullo, MD", "PRINCIPAL_INVESTIGATOR"),
        ("Laurence Levine, MD", "PRINCIPAL_INVESTIGATOR"),
    ]
    assert t.issues == [] and t.unparsed == []  # headings: title or section noise


def test_plain_wider_page_multiline_description() -> None:
    t = parse("plain_wider_NCT04357353.txt")
    assert t.overall_status == "TERMINATED"
    assert t.phases == ["PHASE3"]
    assert str(t.start_date) == "2021-04-01" and str(t.completion_date) == "2022-11-02"
    assert t.enrollment is not None and (t.enrollment.count, t.enrollment.type) == (13, "ACTUAL")
    assert t.conditions == ["Erectile Dysfunction"]
    assert t.brief_summary is not None and t.brief_summary.startswith("Purpose of Study: This")
    d = t.detailed_description
    assert d is not None
    # Title Case "Label:" paragraphs inside the text stay in the text
    assert d.startswith("Eligibility: Men with erectile dysfunction.")
    assert "\n\nIntervention and Evaluation:Men who consent" in d
    assert d.endswith("by phone or by electronic means")
    e = t.eligibility
    assert e is not None and e.maximum_age is not None
    assert (e.maximum_age.value, e.maximum_age.unit) == (80, "YEARS")
    assert e.minimum_age is not None and e.minimum_age.value == 50
    assert t.locations[0].state == "Nebraska"
    assert t.issues == [] and t.unparsed == []


def test_unknown_label_and_unmapped_value() -> None:
    t = parse("unknown_label_unmapped_NCT00607282.txt")
    assert codes(t) == ["unknown_label", "unmapped_value"]
    unknown = t.issues_with("unknown_label")[0]
    assert unknown.line == 6 and "Status Verified Date" in unknown.message
    assert [(f.label, f.text) for f in t.unparsed] == [
        ("Status Verified Date", "2012-09"),
        ("Role", "INVESTIGATOR"),
    ]
    assert t.issues_with("unmapped_value")[0].field == "contacts.role"
    [contact] = t.contacts
    assert contact.name == "Sung-Bum Kang, M.D., Ph.D" and contact.role is None
    # a colon inside the title's value does not split it
    assert t.official_title is not None and t.official_title.endswith(
        "Rectal Cancer : a Randomized Controlled Trial"
    )
    [loc] = t.locations
    assert loc.facility == "Department of Surgery, Seoul National University Bundang Hospital"
    assert (loc.city, loc.state, loc.country) == ("Seongnam", None, "Korea, Republic of")


def test_crlf_page_parses_like_lf() -> None:
    path = HERE / "crlf_NCT02226237.txt"
    data = path.read_bytes()
    assert b"\r\n" in data
    t = trialparse.parse_bytes(data)
    lf = trialparse.parse_bytes(data.replace(b"\r\n", b"\n"))
    assert t == lf
    assert t.nct_id == "NCT02226237"
    assert [c.role for c in t.contacts] == [
        "PRINCIPAL_INVESTIGATOR",
        "STUDY_DIRECTOR",
        "PRINCIPAL_INVESTIGATOR",
        "PRINCIPAL_INVESTIGATOR",
    ]
    assert t.contacts[1].name == "João L Amaro, PhDh"
    assert t.locations[0].state == "São Paulo State"
    assert t.detailed_description is not None
    assert "\r" not in t.detailed_description
    assert t.detailed_description.count("\n\n") == 2
    assert t.issues == []


def test_truncated_page_and_empty_label() -> None:
    t = parse("truncated_empty_NCT00906269.txt")
    assert t.nct_id is None
    empty = t.issues_with("empty_value")
    assert [(i.field, i.line) for i in empty] == [("nct_id", 5)]
    [cut] = t.issues_with("truncated")
    assert cut.field == "detailed_description"
    assert t.detailed_description is not None
    assert t.detailed_description.endswith("able to provide oxygen deliv")
    # the empty Study ID did not take the next line's value
    assert t.brief_summary is not None and t.brief_summary.startswith("The purpose of this study")


# --- behaviour on inline pages ------------------------------------------------------------
def test_empty_single_line_label_never_takes_the_next_line() -> None:
    t = parse_text(DISCLAIMER + "Study ID: NCT06114225\nSex:\nHealthy Volunteers: No\n")
    assert t.eligibility is not None
    assert t.eligibility.sex is None and t.eligibility.healthy_volunteers is False
    assert [(i.code, i.field) for i in t.issues] == [("empty_value", "eligibility.sex")]


def test_location_lines_three_four_and_zip() -> None:
    page = (
        DISCLAIMER
        + "Study ID: NCT06114225\nHealthy Volunteers: No\n"
        + "SocraTec R&D GmbH, Erfurt, Germany\n"
        + "Hartford Hospital, Hartford, Connecticut, 06106, United States\n"
        + "Research Site, Lincoln, Nebraska, United States\n"
        + "not a location, too few\n"
        + "Name: James Graydon, MD\n"
        + "Late Hospital, Boston, Massachusetts, United States\n"
    )
    t = parse_text(page)
    got = [(x.facility, x.city, x.state, x.zip, x.country) for x in t.locations]
    assert got == [
        ("SocraTec R&D GmbH", "Erfurt", None, None, "Germany"),
        ("Hartford Hospital", "Hartford", "Connecticut", "06106", "United States"),
        ("Research Site", "Lincoln", "Nebraska", None, "United States"),
    ]
    assert t.countries == ["Germany", "United States"]
    # a line with one comma in the zone, and comma lines after the first Name:, stay unparsed
    assert [f.text for f in t.unparsed] == [
        "not a location, too few",
        "Late Hospital, Boston, Massachusetts, United States",
    ]


def test_location_lines_from_corpus_shapes() -> None:
    page = (
        DISCLAIMER
        + "Study ID: NCT02526173\nHealthy Volunteers: No\n"
        # a facility holding a colon is no label (NCT02526173)
        + "Florida Hospital: Global Robotics Institute, Celebration, Florida, United States\n"
        # city and country only (NCT00657644); a US line of three parts has no facility
        + "Moscow, Russian Federation\n"
        + "Ann Arbor, Michigan, United States\n"
        + "Name: Vipul Patel, MD\n"
    )
    t = parse_text(page)
    got = [(x.facility, x.city, x.state, x.country) for x in t.locations]
    assert got == [
        ("Florida Hospital: Global Robotics Institute", "Celebration", "Florida", "United States"),
        (None, "Moscow", None, "Russian Federation"),
        (None, "Ann Arbor", "Michigan", "United States"),
    ]
    assert t.issues == [] and t.unparsed == []


def test_prose_that_looks_like_a_known_label_stays_in_the_text() -> None:
    page = (
        DISCLAIMER
        + "Study ID: NCT03033537\n"
        + "Brief Summary: Study Design : multi-center, double-blind\n"
        + "Phase : Phase III\n"  # NCT01774864: space before the colon
        + "Detailed Description: Objective: Evaluating the effect.\n"
        + "Eligibility criteria: see 'Eligibility' section.\n"  # NCT03630471: sentence case
        + "Keywords: Erectile dysfunction - Penile duplex - Verapamil.\n"  # NCT03033537: prose
        + "Conditions: Erectile Dysfunction\n"
        + "Minimum Age: 18 Years\n"
    )
    t = parse_text(page)
    assert t.brief_summary == "Study Design : multi-center, double-blind\nPhase : Phase III"
    assert t.phases == []
    assert t.detailed_description is not None
    assert t.detailed_description.endswith("Penile duplex - Verapamil.")
    assert t.keywords == [] and t.conditions == ["Erectile Dysfunction"]
    assert t.eligibility is not None and t.eligibility.criteria is None
    assert t.issues == []


def test_location_lines_only_in_their_zone() -> None:
    # before any eligibility label a comma line is not a location
    t = parse_text(DISCLAIMER + "Study ID: NCT06114225\nSex: ALL\n")
    assert t.locations == []
    t = parse_text(DISCLAIMER + "Study ID: NCT06114225\nA, B, C, D\nSex: ALL\n")
    assert t.locations == [] and [f.text for f in t.unparsed] == ["A, B, C, D"]


def test_study_id_that_is_not_nct() -> None:
    t = parse_text(DISCLAIMER + "Study ID: IRB00048594\nSex: ALL\nEligible Ages: ADULT\n")
    assert t.nct_id is None
    assert [(s.id, s.type) for s in t.secondary_ids] == [("IRB00048594", "OTHER")]
    assert codes(t) == ["malformed_id"]


def test_dates_keep_precision_and_bad_dates_are_kept() -> None:
    t = parse_text(
        DISCLAIMER
        + "Study ID: NCT06114225\nStart Date: 2023-11\nCompletion Date: 2025\n"
        + "Primary Completion Date: soon\n"
    )
    assert t.start_date is not None and t.start_date.precision == "MONTH"
    assert str(t.start_date) == "2023-11"
    assert t.completion_date is not None and t.completion_date.precision == "YEAR"
    assert t.primary_completion_date is None
    assert codes(t) == ["invalid_date"]
    assert [(f.label, f.text) for f in t.unparsed] == [("Primary Completion Date", "soon")]


@pytest.mark.parametrize(
    ("raw", "count", "type_"),
    [("40", 40, None), ("40 (ESTIMATED)", 40, "ESTIMATED"), ("1,736 ACTUAL", 1736, "ACTUAL")],
)
def test_enrollment_forms(raw: str, count: int, type_: str | None) -> None:
    t = parse_text(DISCLAIMER + f"Study ID: NCT06114225\nEnrollment: {raw}\n")
    assert t.enrollment is not None
    assert (t.enrollment.count, t.enrollment.type) == (count, type_)


def test_unmapped_values_are_kept_with_an_issue() -> None:
    t = parse_text(
        DISCLAIMER
        + "Study ID: NCT06114225\nOverall Status: HALTED\nPhase: PHASE9\n"
        + "Eligible Ages: ADULT, TODDLER\nEnrollment: 40 (GUESSED)\nSex: ALL\n"
    )
    assert t.overall_status is None and t.phases == []
    assert t.eligibility is not None and t.eligibility.std_ages == ["ADULT"]
    assert t.enrollment is not None and t.enrollment.count == 40 and t.enrollment.type is None
    assert codes(t) == ["unmapped_value"] * 4
    assert [f.text for f in t.unparsed] == ["HALTED", "PHASE9", "TODDLER", "GUESSED"]


def test_site_wording_is_tolerated_in_extraction() -> None:
    t = parse_text(
        DISCLAIMER
        + "Study ID: NCT06114225\nOverall Status: Active, not recruiting\n"
        + "Phase: Phase 1/Phase 2\nSex: Female\nHealthy Volunteers: true\nMaximum Age: N/A\n"
    )
    assert t.overall_status == "ACTIVE_NOT_RECRUITING"
    assert t.phases == ["PHASE1", "PHASE2"]
    assert t.eligibility is not None
    assert (t.eligibility.sex, t.eligibility.healthy_volunteers) == ("FEMALE", True)
    assert t.eligibility.maximum_age is None
    assert t.issues == []


def test_unknown_label_outside_texts_but_not_inside() -> None:
    page = (
        DISCLAIMER
        + "Study ID: NCT06114225\n"
        + "Detailed Description: First paragraph.\n"
        + "Objective: to assess safety.\n"
        + "RATIONALE: cells need oxygen.\n"
        + "Minimum Age: 18 Years\n"
        + "Why Stopped: low enrollment\n"
        + "It continued here.\n"
        + "the start: not a label\n"
    )
    t = parse_text(page)
    assert t.detailed_description == (
        "First paragraph.\nObjective: to assess safety.\nRATIONALE: cells need oxygen."
    )
    assert [(i.code, i.line) for i in t.issues] == [("unknown_label", 8)]
    assert [(f.label, f.text) for f in t.unparsed] == [
        ("Why Stopped", "low enrollment"),
        ("Why Stopped", "It continued here."),
        ("Why Stopped", "the start: not a label"),  # lower case: no label, the value runs on
    ]


def test_markdown_page_ends_texts_with_markdown_labels_only() -> None:
    page = (
        "- **Study ID:** NCT06114225\n"
        "- **Overall Status:** RECRUITING\n"
        "- **Detailed Description:** First.\n"
        "  Phase: the second part.\n"
        "  **Note:** inline bold.\n"
        "- **Why Stopped:** funding\n"
        "- **Sex:** ALL\n"
    )
    t = parse_text(page)
    assert t.detailed_description == "First.\nPhase: the second part.\n**Note:** inline bold."
    assert t.phases == []
    assert codes(t) == ["unknown_label"]
    assert [(f.label, f.text) for f in t.unparsed] == [("Why Stopped", "funding")]


def test_list_label_with_bullets_and_empty_list_label() -> None:
    page = (
        "- **Study ID:** NCT06114225\n- **Sex:** ALL\n"
        "- **Keywords:**\n  - erectile dysfunction\n  * Physiotherapy\n"
        "- **Conditions:**\n- **Phase:** NA\n"
    )
    t = parse_text(page)
    assert t.keywords == ["erectile dysfunction", "Physiotherapy"]
    assert t.conditions == []
    assert t.phases == ["NA"]
    assert [(i.code, i.field) for i in t.issues] == [("empty_value", "conditions")]


def test_glued_label_is_split() -> None:
    t = parse_text(
        DISCLAIMER
        + "Study ID: NCT06114225\n"
        + "Brief Summary: It ends here.Minimum Age: 18 Years\nSex: ALL\n"
    )
    assert t.brief_summary == "It ends here."
    assert t.eligibility is not None and t.eligibility.minimum_age is not None
    assert t.eligibility.minimum_age.value == 18
    assert codes(t) == ["glued_text"]


def test_label_words_without_a_colon_are_not_glued() -> None:
    t = parse_text(
        DISCLAIMER
        + "Study ID: NCT06114225\n"
        + "Brief Summary: Delayed as planned.Primary Completion Date moved to 2025.\nSex: ALL\n"
    )
    assert t.brief_summary == "Delayed as planned.Primary Completion Date moved to 2025."
    assert t.primary_completion_date is None
    assert codes(t) == []


def test_literal_backslash_n_in_texts() -> None:
    t = parse_text(DISCLAIMER + "Study ID: NCT06114225\nBrief Summary: One.\\n\\nTwo.\n")
    assert t.brief_summary == "One.\n\nTwo."


def test_truncated_inside_enum_and_contact() -> None:
    t = parse_text(DISCLAIMER + "Study ID: NCT06114225\nSex: ALL\nName: A\nRole: PRINCIPAL_INVES")
    assert codes(t) == ["unmapped_value", "truncated"]
    t = parse_text(
        DISCLAIMER
        + "Study ID: NCT06114225\nSex: ALL\nName: A\nRole: PRINCIPAL_INVESTIGATOR\n"
        + "Name: B\nAffiliation: Ruijin Hosp"
    )
    assert [(i.code, i.field) for i in t.issues] == [("truncated", "contacts")]
    assert [c.name for c in t.contacts] == ["A", "B"]


def test_contacts_with_email_and_phone() -> None:
    t = parse_text(
        DISCLAIMER
        + "Study ID: NCT06489431\nSex: MALE\n"
        + "Name: Edward Cherullo, MD\nRole: CONTACT\nPhone: (312) 563-3447\n"
        + "Email: edward_cherullo@rush.edu\nAffiliation: Rush University\n"
        + "Affiliation: Second Affiliation Without Name\n"
    )
    first, second = t.contacts
    assert first.phone == "(312) 563-3447" and first.email == "edward_cherullo@rush.edu"
    assert first.role == "CONTACT" and first.affiliation == "Rush University"
    assert (second.name, second.affiliation) == (None, "Second Affiliation Without Name")


# --- detection ------------------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(HERE.glob("*.txt")), ids=lambda p: p.name)
def test_own_samples_score_high(path: Path) -> None:
    page = Page(path.read_bytes().decode("utf-8"))
    assert fmt.analyse_text(page) >= 0.6


def test_mirror_page_in_site_wording_is_not_claimed() -> None:
    mirror = (
        "Brief Title: Irrisept vs Traditional Antibiotic Irrigation\n"
        "Official Title: Irrisept vs Traditional Antibiotic Irrigation: A Trial\n"
        "Study ID: NCT06489431\n"
        "Status: Recruiting\n"
        "Phase: Phase 2\n"
        "Study Type: Interventional\n"
        "Sex: All\n"
        "Eligible Ages: Child, Adult, Older Adult\n"
        "Brief Summary: The purpose of this study is to assess ...\n"
        "Healthy Volunteers: No\n"
        "Name: Edward Cherullo, MD\n"
        "Role: Principal Investigator\n"
    )
    assert fmt.analyse_text(Page(mirror)) < 0.2
    # the same page in API v2 spelling is claimed
    api = mirror.replace("Phase: Phase 2", "Phase: PHASE2").replace("Sex: All", "Sex: ALL")
    assert fmt.analyse_text(Page(api)) >= 0.5


def test_classic_ctgov_labels_are_not_claimed() -> None:
    classic = (
        "Official Title: A Prospective Trial\n"
        "Brief Summary: The aim of this study ...\n"
        "Detailed Description: Osteosarcoma is ...\n"
        "Study Type : Interventional\n"
        "Sexes Eligible for Study: All\n"
    )
    assert fmt.analyse_text(Page(classic)) < 0.2


def test_disclaimer_alone_with_labels_is_claimed() -> None:
    assert fmt.analyse_text(Page(DISCLAIMER + "Brief Title: X\nStudy ID: NCT06114225\n")) >= 0.5


def test_labels_table_is_the_single_source() -> None:
    assert fmt.LABELS["Study ID"] == "nct_id"
    assert fmt.LABELS["Healthy Volunteers"] == "eligibility.healthy_volunteers"
    for label in fmt.LABELS:
        assert fmt._label_key(label) in fmt._LABEL_KEYS


# --- robustness -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "junk",
    [
        "# " + "a #" * 20_000 + "b",
        "## Status" + " " * 50_000 + "x",
        "Start Date: 2023" + " " * 50_000 + "x",
        "Enrollment: " + "1" * 50_000,
        "Brief Summary: " + "a." * 30_000 + "Minimum Age: 1 Years",
        "x" * 60 + ":" + "Sex: " * 20_000,
        "- **" + "a" * 70 + ":** x",
        "[" * 20_000 + "](" * 20_000,
    ],
)
def test_hostile_lines_do_not_hide_the_fields(junk: str) -> None:
    trial = parse_text(DISCLAIMER + "Study ID: NCT06114225\nSex: ALL\n" + junk + "\n")
    assert trial.nct_id == "NCT06114225"
    assert trial.eligibility is not None and trial.eligibility.sex == "ALL"


def test_label_given_twice_keeps_the_first_and_the_raw_second() -> None:
    t = parse_text(
        DISCLAIMER
        + "Study ID: NCT06114225\nOverall Status: Active, not recruiting\nMinimum Age: 50 Years\n"
        + "Brief Summary: One.\nEnrollment: 40\nMinimum Age: 80 Years\nBrief Summary: Two.\n"
        + "Overall Status: COMPLETED\nEnrollment: 41 (ACTUAL)\nSex: ALL\n"
    )
    assert t.overall_status == "ACTIVE_NOT_RECRUITING" and t.brief_summary == "One."
    assert t.eligibility is not None and t.eligibility.minimum_age is not None
    assert t.eligibility.minimum_age.value == 50
    assert t.enrollment is not None and (t.enrollment.count, t.enrollment.type) == (40, None)
    assert codes(t) == ["conflicting_value"] * 4
    assert [(f.label, f.text) for f in t.unparsed] == [
        ("Minimum Age", "80 Years"),
        ("Brief Summary", "Two."),
        ("Overall Status", "COMPLETED"),
        ("Enrollment", "41 (ACTUAL)"),
    ]


def test_hash_and_rule_lines_inside_a_plain_text_are_text() -> None:
    t = parse_text(
        DISCLAIMER
        + "Study ID: NCT06114225\nDetailed Description: Methods.\n# of patients: 40\n---\n"
        + "End.\nSex: ALL\n"
    )
    assert t.detailed_description == "Methods.\n# of patients: 40\n---\nEnd."
    assert t.issues == [] and t.unparsed == []


def test_memoised_spellings_give_each_trial_its_own_values() -> None:
    # ages, dates and structural lines are memoised by spelling: no Trial may share a
    # mutable object with another, and a second parse reads the same
    first, second = parse("seed_003_b847f473d4e4de62.txt"), parse("seed_003_b847f473d4e4de62.txt")
    assert first == second
    assert first.eligibility is not None and second.eligibility is not None
    assert first.eligibility.minimum_age is not second.eligibility.minimum_age
    first.eligibility.minimum_age.value = 99  # type: ignore[union-attr]
    assert parse("seed_003_b847f473d4e4de62.txt").eligibility.minimum_age.value == 10  # type: ignore[union-attr]
    md = parse("markdown_bullets_NCT06489431.txt")
    assert md == parse("markdown_bullets_NCT06489431.txt")
    assert md.contacts[0] is not parse("markdown_bullets_NCT06489431.txt").contacts[0]


def test_lines_are_accounted_for_in_one_step() -> None:
    # every line but the blank ones outside a text: blank lines inside a text feed it
    from trialparse import _builder

    fmt.extract(
        Page(DISCLAIMER + "Brief Title: T\n\nDetailed Description: A.\n\nB.\n\n\nSex: ALL\n")
    )
    accounted, noise = _builder.LAST_ACCOUNTING.get()
    assert sorted(accounted) == [1, 2, 3, 5, 6, 7, 10]
    assert sorted(noise) == [1, 2]
