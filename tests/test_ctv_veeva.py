"""ClinicalTrials.Veeva (``ctv-veeva``): the seed, the constructed variants, and edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trialparse
from conftest import SAMPLES
from trialparse import _builder, _registry
from trialparse._formats import ctv_veeva
from trialparse._model import Trial
from trialparse._text import Page

HERE = SAMPLES / "ctv-veeva"
FOOTER = "Data sourced from clinicaltrials.gov\nClinical trials\nResearch sites\nResources\nLegal\n"


def parse(name: str) -> Trial:
    return trialparse.parse_file(HERE / name)


def parse_text(text: str) -> Trial:
    return ctv_veeva.extract(Page(text))


def codes(trial: Trial) -> list[str]:
    return [i.code for i in trial.issues]


def empty_labels(trial: Trial) -> set[str]:
    return {i.message.split("'")[1] for i in trial.issues_with("empty_value")}


# --- the seed: a stripped page ------------------------------------------------------------
def test_seed_stripped_labels_are_empty_values_never_shifted() -> None:
    t = parse("seed_004_stripped.txt")
    assert t.nct_id is None and t.brief_title is None and t.sponsor is None
    assert t.overall_status is None and t.phases == [] and t.conditions == []
    assert t.interventions == []
    assert empty_labels(t) == {
        "Status and phase",
        "Conditions",
        "Treatments",
        "Enrollment",
        "Sex",
        "Ages",
        "Volunteers",
        "Primary purpose",
        "Allocation",
        "Interventional model",
        "Masking",
    }
    assert set(codes(t)) == {"empty_value"}
    # "Conditions" (line 2) is not read as the status, nor "About" as a condition
    status_issue = next(i for i in t.issues if i.field == "overall_status")
    assert status_issue.line == 1


def test_seed_long_texts_and_criteria_survive() -> None:
    t = parse("seed_004_stripped.txt")
    assert t.brief_summary is not None
    assert t.brief_summary.startswith("Soft tissue sarcoma (STS) is a relatively rare")
    assert t.brief_summary.count("\n") == 2  # three paragraphs
    assert t.detailed_description is not None
    assert t.detailed_description.endswith(
        "which would provide patients with STS better treatment options."
    )
    assert t.eligibility is not None
    assert len(t.eligibility.inclusion) == 6
    assert len(t.eligibility.exclusion) == 17
    # the nested items under "including:" vanished; the parent is kept as written
    assert "Patients with any severe and/or uncontrolled diseases, including:" in (
        t.eligibility.exclusion
    )
    assert t.eligibility.sex is None and t.eligibility.minimum_age is None


def test_seed_participants_line_gives_count_and_arms_with_no_type() -> None:
    t = parse("seed_004_stripped.txt")
    assert t.enrollment is not None
    assert (t.enrollment.count, t.enrollment.type) == (70, None)
    assert t.design is not None and t.design.number_of_arms == 1
    assert t.design.masking is None and t.design.allocation is None


def test_seed_contact_and_noise() -> None:
    t = parse("seed_004_stripped.txt")
    assert [(c.name, c.role) for c in t.contacts] == [("Xing Zhang", "CENTRAL_CONTACT")]
    page = Page((HERE / "seed_004_stripped.txt").read_text(encoding="utf-8"))
    ctv_veeva.extract(page)
    _, noise = _builder.LAST_ACCOUNTING.get()
    noise_text = {page.lines[n - 1] for n in noise}
    assert noise_text == {
        "Loading...",
        "Data sourced from clinicaltrials.gov",
        "Clinical trials",
        "Research sites",
        "Resources",
        "Legal",
    }
    assert t.unparsed == []


# --- full interventional pages ------------------------------------------------------------
def test_full_page_with_eudract_and_site() -> None:
    t = parse("full_eudract.txt")
    assert t.nct_id == "NCT05196308"
    assert t.eudract_number == "2021-005496-39"
    assert [(s.id, s.type) for s in t.secondary_ids] == [("APHP211042", "SPONSOR")]
    assert t.brief_title is not None and t.brief_title.startswith("Efficacy of Intracavernosal")
    assert t.sponsor is not None
    assert (t.sponsor.name, t.sponsor.class_) == (
        "Assistance Publique - Hôpitaux de Paris",
        "OTHER",
    )
    assert t.overall_status == "ACTIVE_NOT_RECRUITING"
    assert t.phases == ["PHASE2"]
    assert t.study_type == "INTERVENTIONAL"
    assert [(i.type, i.name) for i in t.interventions] == [
        ("DRUG", "Investigational product administration Xeomin® (MERZ PHARMACEUTICALS GMBH)"),
        ("DRUG", "Placebo administration"),
    ]
    assert t.design is not None
    assert (
        t.design.primary_purpose,
        t.design.allocation,
        t.design.intervention_model,
        t.design.masking,
        t.design.number_of_arms,
    ) == ("TREATMENT", "RANDOMIZED", "PARALLEL", "QUADRUPLE", 2)
    # "226 patients" has no "estimated": the count, with no type claimed
    assert t.enrollment is not None
    assert (t.enrollment.count, t.enrollment.type) == (226, None)
    e = t.eligibility
    assert e is not None
    assert e.sex == "MALE" and e.healthy_volunteers is False
    assert e.minimum_age is not None and e.maximum_age is not None
    assert (e.minimum_age.value, e.maximum_age.value, e.maximum_age.unit) == (18, 80, "YEARS")
    assert e.exclusion[1] == "BW <50 kg"
    assert len(t.locations) == 1
    loc = t.locations[0]
    assert loc.facility is not None and loc.facility.endswith("Raymond Poincaré Hospital, APHP")
    assert (loc.city, loc.state, loc.zip, loc.country) == ("Garches", None, "92380", "France")
    assert t.countries == ["France"]
    assert t.issues == [] and t.unparsed == []


def test_full_page_enrolling_phases_and_central_contacts() -> None:
    t = parse("full_enrolling_contacts.txt")
    assert t.overall_status == "RECRUITING"
    assert t.phases == ["PHASE2", "PHASE3"]  # printed highest first, stored ascending
    assert t.enrollment is not None
    assert (t.enrollment.count, t.enrollment.type) == (32, "ESTIMATED")
    assert t.eligibility is not None and t.eligibility.minimum_age is not None
    assert t.eligibility.minimum_age.value == 21 and t.eligibility.maximum_age is None
    assert t.design is not None
    assert (t.design.allocation, t.design.intervention_model, t.design.masking) == (
        "NA",
        "SINGLE_GROUP",
        "NONE",
    )
    assert [(c.name, c.phone, c.email, c.role) for c in t.contacts] == [
        (
            "Hossam-Eldin Hosny Ahmed Awad, Professor",
            "002 01001666093",
            "sombok@yahoo.com",
            "CENTRAL_CONTACT",
        ),
        (
            "Moustafa Adam Ali, Professor",
            "002 01092991101",
            "moustafa.eltaib@aswu.edu.eg",
            "CENTRAL_CONTACT",
        ),
    ]
    loc = t.locations[0]
    assert (loc.city, loc.state, loc.zip, loc.country, loc.status) == (
        "New-Aswan City",
        "Aswan Governorate",
        "81528",
        "Egypt",
        "RECRUITING",
    )
    assert [(s.id, s.type) for s in t.secondary_ids] == [("943/7/24", "SPONSOR")]


# --- observational and absent blocks ------------------------------------------------------
def test_observational_page() -> None:
    t = parse("observational.txt")
    assert t.study_type == "OBSERVATIONAL"
    assert t.overall_status == "NOT_YET_RECRUITING"
    assert t.phases == []
    assert [(i.type, i.name) for i in t.interventions] == [
        ("DIAGNOSTIC_TEST", "Feeling Hot sensor")
    ]
    assert t.design is not None
    assert t.design.masking is None and t.design.allocation is None
    assert t.design.number_of_arms == 3
    assert t.enrollment is not None
    assert (t.enrollment.count, t.enrollment.type) == (15, "ESTIMATED")
    assert t.eligibility is not None
    assert t.eligibility.healthy_volunteers is None  # no Volunteers block at all
    assert t.eligibility.inclusion[0] == "Preoperative measurement:"
    assert t.locations[0].zip == "3435CM" and t.locations[0].state == "Utrecht"
    assert t.issues == []  # absent blocks are not empty values


def test_absent_blocks_raise_no_issues() -> None:
    t = parse("absent_blocks.txt")
    assert t.issues == [] and t.unparsed == []
    assert t.detailed_description is None
    assert t.design is not None and t.design.allocation is None
    assert t.design.intervention_model == "CROSSOVER"
    assert t.contacts == [] and t.locations == []
    assert t.enrollment is not None
    assert (t.enrollment.count, t.enrollment.type) == (2760, None)  # "2,760 patients"
    assert t.sponsor is not None and t.sponsor.class_ == "INDUSTRY"
    assert t.overall_status == "COMPLETED" and t.phases == ["PHASE3"]
    assert [s.id for s in t.secondary_ids] == ["7925", "H6D-VI-LVFH"]
    assert t.eligibility is not None and t.eligibility.maximum_age is None


# --- a messy dump: BOM, CRLF, NBSP, glued label, literal \n, truncated ------------------
def test_messy_truncated_page() -> None:
    raw = (HERE / "messy_truncated.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\xc2\xa0" in raw
    t = parse("messy_truncated.txt")
    assert t.overall_status == "RECRUITING" and t.phases == ["PHASE2"]
    assert t.brief_summary is not None
    assert t.brief_summary.endswith("intracavernously.")  # label split off
    assert "\n\n" in t.brief_summary and "\\n" not in t.brief_summary
    assert t.detailed_description is not None
    assert t.detailed_description.startswith("To evaluate the efficacy")
    assert t.enrollment is not None and t.enrollment.count == 54
    assert t.interventions[0].type == "BIOLOGICAL"
    assert t.design is not None and t.design.masking == "SINGLE"
    assert t.eligibility is not None
    assert t.eligibility.exclusion[-1].endswith("companion diseases including:")
    assert [loc.country for loc in t.locations[:2]] == ["Korea, Republic of"] * 2
    assert t.countries == ["Korea, Republic of"]
    assert codes(t) == ["glued_text", "truncated"]
    assert t.issues[1].line == len(Page(raw.decode("utf-8-sig")).lines)


# --- detection ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(p.name for p in HERE.glob("*.txt")))
def test_own_samples_score_high(name: str) -> None:
    page = Page((HERE / name).read_text(encoding="utf-8-sig"))
    assert ctv_veeva.analyse_text(page) >= 0.8


def test_ctgov_derived_page_of_unknown_site_is_not_claimed() -> None:
    # Another mirror of ClinicalTrials.gov: the same fields, generic labels, the same
    # "data sourced" credit, but none of Veeva's own labels, brand or navigation.
    text = (
        "TrialFinder\n"
        "Efficacy of Botulinum Toxin A in Diabetic Men\n"
        "Status\nRecruiting\nPhase\nPhase 2\nConditions\nErectile Dysfunction\n"
        "Interventions\nDrug: Botulinum toxin A\nStudy type\nInterventional\n"
        "About\nStudy is aiming to evaluate safety.\nEnrollment\n32 participants\n"
        "Sex\nMale\nAges\n21 Years and older\nInclusion criteria\nAdult men\n"
        "Exclusion criteria\nCardiovascular disease\nAllocation\nN/A\nMasking\nNone\n"
        "Locations\nAswan University\nData sourced from clinicaltrials.gov\n"
        "Home\nAbout us\nContact\n"
    )
    page = Page(text)
    assert ctv_veeva.analyse_text(page) < 0.2
    scores = dict(_registry.scores(page))
    assert scores["ctv-veeva"] < 0.2


def test_stripped_page_without_header_is_recognised_by_labels_and_footer() -> None:
    text = "Status and phase\nConditions\nTreatments\nAbout\nSome text.\nSex\nAges\n" + FOOTER
    assert ctv_veeva.analyse_text(Page(text)) >= 0.7


def test_unrelated_text_scores_zero() -> None:
    for text in ("hello", "Status\nfine", "About\nus\nContact"):
        assert ctv_veeva.analyse_text(Page(text)) < 0.2


def test_detector_reads_odd_spellings_the_slow_way() -> None:
    # No exact spelling of the site: the str.find fast path is not certain, the whole-line
    # reading (any case, any spacing, a colon) still is.
    text = (
        "  CLINICALTRIALS.VEEVA  \nMenu\nSome title\nSTATUS  AND\u00a0PHASE:\nEnrolling\n"
        "treatments :\nDrug: X\nFunder   Types\nOther\n" + FOOTER.upper()
    )
    page = Page(text)
    assert ctv_veeva._plain_score(page.head, page.text[-1025:]) < 1.0
    assert ctv_veeva.analyse_text(page) == 1.0


def test_detector_tail_of_a_long_page() -> None:
    # The footer and the contact labels are read in the last kB of a page longer than the
    # head; a label cut by the head's end is not taken for a whole line.
    body = "About\n" + "A long sentence about the study and its aims. " * 120 + "\n"
    text = (
        "Status and phase\nConditions\nTreatments\n"
        + body
        + ("70 participants in 1 patient group\nCentral trial contact\nX Y\n" + FOOTER)
    )
    page = Page(text)
    assert len(text) > 4096
    assert ctv_veeva.analyse_text(page) == 1.0
    cut = "x" * 4089 + "\ntreatments and more text on the same line\n"
    assert "treatments" not in ctv_veeva._window(Page(cut)).split("\n")


# Lines of the site in its own spelling, in other cases and with colons, and filler.
_CASED_SOUP = st.lists(
    st.sampled_from(
        [
            *ctv_veeva.LABELS,
            *(k.upper() for k in ctv_veeva.LABELS),
            *(k + " :" for k in ctv_veeva.LABELS),
            "ClinicalTrials.Veeva",
            "Data sourced from clinicaltrials.gov",
            "Clinical trials",
            "Research sites",
            "70 participants in 1 patient group",
            "Enrolling",
            "x" * 300,
        ]
    ),
    max_size=60,
)


@given(_CASED_SOUP)
@settings(max_examples=200)
def test_detector_fast_paths_agree_with_the_whole_line_reading(lines: list[str]) -> None:
    page = Page("\n".join(lines))
    got = ctv_veeva.analyse_text(page)
    # the gate may reject outright; otherwise the score is the whole-line reading's
    assert got == 0.0 or got == min(1.0, ctv_veeva._score(ctv_veeva._window(page)))
    if not page.is_html and ctv_veeva._plain_score(page.head, page.text[-1025:]) >= 1.0:
        assert ctv_veeva._score(ctv_veeva._window(page)) >= 1.0


def test_labels_in_any_case_and_spacing_long_or_short() -> None:
    padded = "Status" + " " * 30 + "and" + "\u00a0" * 10 + "phase  :"  # longer than any key
    t = parse_text(
        f"{padded}\nEnrolling\nPhase 2\nCONDITIONS\nAsthma\ntreatments:\nDrug: X\n"
        "Sex :\nMale\n" + FOOTER
    )
    assert t.overall_status == "RECRUITING" and t.phases == ["PHASE2"]
    assert t.conditions == ["Asthma"]
    assert [(i.type, i.name) for i in t.interventions] == [("DRUG", "X")]
    assert t.eligibility is not None and t.eligibility.sex == "MALE"
    assert t.issues == []


def test_participants_line_in_other_digits_and_long_lines_starting_like_labels() -> None:
    t = parse_text(
        "Status and phase\nEnrolling\nAbout\n"
        "Status of the art: a long first line that starts like a label but is not one.\n"
        "٧٠ participants in ١ patient group\n" + FOOTER
    )
    assert t.brief_summary is not None and t.brief_summary.startswith("Status of the art")
    assert t.enrollment is not None and t.enrollment.count == 70
    assert t.design is not None and t.design.number_of_arms == 1


# --- behaviour on constructed snippets ----------------------------------------------------
def test_unknown_spellings_are_unmapped_and_kept() -> None:
    t = parse_text(
        "Status and phase\nHalted for review\nPhase 2\nTreatments\nSorcery: Moon dance\n"
        "Enrollment\nabout a hundred\nAges\nadults only\nVolunteers\nPerhaps\nMasking\nTriple-ish\n"
        + FOOTER
    )
    assert t.overall_status is None and t.phases == ["PHASE2"]
    assert [(i.type, i.name) for i in t.interventions] == [(None, "Sorcery: Moon dance")]
    unmapped = {i.field for i in t.issues_with("unmapped_value")}
    assert unmapped == {
        "overall_status",
        "interventions.type",
        "enrollment",
        "eligibility.minimum_age",
        "eligibility.healthy_volunteers",
        "design.masking",
    }
    kept = {(f.label, f.text) for f in t.unparsed}
    assert ("Status and phase", "Halted for review") in kept
    assert ("Masking", "Triple-ish") in kept
    assert ("Enrollment", "about a hundred") in kept
    assert t.enrollment is None


def test_phases_without_status_in_a_stripped_status_block() -> None:
    t = parse_text("Status and phase\nPhase 3\nPhase 2\nConditions\nAsthma\n" + FOOTER)
    assert t.overall_status is None and t.phases == ["PHASE2", "PHASE3"]
    assert [i.field for i in t.issues_with("empty_value")] == ["overall_status"]


def test_status_label_of_observational_pages() -> None:
    t = parse_text("Status\nActive, not enrolling\nStudy type\nObservational\n" + FOOTER)
    assert t.overall_status == "ACTIVE_NOT_RECRUITING" and t.study_type == "OBSERVATIONAL"


def test_site_wordings() -> None:
    for raw, status in (
        ("Enrolling", "RECRUITING"),
        ("Not yet enrolling", "NOT_YET_RECRUITING"),
        ("Active, not enrolling", "ACTIVE_NOT_RECRUITING"),
        ("Completed", "COMPLETED"),
        ("Terminated", "TERMINATED"),
        ("Unknown", "UNKNOWN"),
    ):
        assert parse_text(f"Status and phase\n{raw}\n" + FOOTER).overall_status == status
    t = parse_text(
        "Ages\nUp to 17 years old\nVolunteers\nAccepts Healthy Volunteers\nMasking\nDouble Blind\n"
        + FOOTER
    )
    assert t.eligibility is not None and t.eligibility.minimum_age is None
    assert t.eligibility.maximum_age is not None and t.eligibility.maximum_age.value == 17
    assert t.eligibility.healthy_volunteers is True
    assert t.design is not None and t.design.masking == "DOUBLE"


def test_participants_line_conflicting_with_enrollment() -> None:
    t = parse_text(
        "Enrollment\n98 estimated patients\nMasking\nDouble Blind\n"
        "90 participants in 2 patient groups, including a placebo group\n" + FOOTER
    )
    assert t.enrollment is not None
    assert (t.enrollment.count, t.enrollment.type) == (98, "ESTIMATED")
    assert t.design is not None and t.design.number_of_arms == 2
    assert codes(t) == ["conflicting_value"]
    # the participant line is not read as the masking value
    assert t.design.masking == "DOUBLE"


def test_extra_line_after_a_single_value_is_an_unknown_label() -> None:
    t = parse_text("Sex\nAll\nObservational model\nCohort\nAges\n18+ years old\n" + FOOTER)
    assert t.eligibility is not None and t.eligibility.sex == "ALL"
    assert [i.message for i in t.issues_with("unknown_label")] == [
        "unknown label 'Observational model' (after the value of 'Sex')"
    ]
    assert [(f.label, f.text) for f in t.unparsed] == [
        ("Observational model", ""),
        ("Observational model", "Cohort"),
    ]
    assert t.eligibility.minimum_age is not None and t.eligibility.minimum_age.value == 18


def test_several_funder_types_are_kept_not_guessed() -> None:
    t = parse_text(
        "ClinicalTrials.Veeva\nMenu\nA trial\nAcme logo\nAcme\nFunder types\nIndustry\nOther\n"
        + FOOTER
    )
    assert t.sponsor is not None and t.sponsor.name == "Acme" and t.sponsor.class_ is None
    assert [(f.label, f.text) for f in t.unparsed] == [
        ("Funder types", "Industry"),
        ("Funder types", "Other"),
    ]


def test_sponsor_from_logo_caption_alone() -> None:
    t = parse_text("A trial title\nAcme Pharma logo\nStatus and phase\nCompleted\n" + FOOTER)
    assert t.brief_title == "A trial title"
    assert t.sponsor is not None and t.sponsor.name == "Acme Pharma"
    assert codes(t) == ["inferred_value"]


def test_identifiers_tagged_and_registry() -> None:
    t = parse_text(
        "Identifiers\nnct 01234567\nABC-123\nChiCTR2000029308\n2016-005019-42 (EudraCT Number)\n"
        "R01 CA12345 (Grant)\nnot-an-eudract (EudraCT Number)\n" + FOOTER
    )
    assert t.nct_id == "NCT01234567" and t.eudract_number == "2016-005019-42"
    assert [(s.id, s.type) for s in t.secondary_ids] == [
        ("ABC-123", "SPONSOR"),
        ("ChiCTR2000029308", "CHICTR"),
        ("R01 CA12345", "OTHER"),
        ("not-an-eudract", None),
    ]
    assert [i.field for i in t.issues_with("malformed_id")] == ["eudract_number"]


def test_lines_after_the_footer_are_kept_and_nav_is_noise() -> None:
    t = parse_text("Status and phase\nCompleted\n" + FOOTER + "Cookie settings\n")
    assert [(f.label, f.text) for f in t.unparsed] == [(None, "Cookie settings")]
    assert t.issues == []


def test_page_ending_in_a_full_sentence_without_footer_is_not_truncated() -> None:
    t = parse_text("Status and phase\nCompleted\nAbout\nA finished sentence.\n")
    assert t.issues_with("truncated") == []
    t = parse_text("Status and phase\nCompleted\nAbout\nA sentence that stops mid-wo")
    assert [i.line for i in t.issues_with("truncated")] == [4]


def test_duplicate_value_labels_conflict_not_overwrite() -> None:
    t = parse_text("Sex\nMale\nSex\nFemale\n" + FOOTER)
    assert t.eligibility is not None and t.eligibility.sex == "MALE"
    assert codes(t) == ["conflicting_value"]


@pytest.mark.parametrize(
    "text",
    [
        "Status and phase",
        "Status and phase\n\n\n",
        "Treatments\n:\nDrug:\n",
        "Trial sites\nEnrolling\n, , ,\nX\n",
        "Central trial contact\na@b.c\n+1 555 555 5555\n+1 555 555 5556\n",
        "1 participants in 0 patient groups\nArm A\n",
        "99999999999 participants in 1 patient group\n",
        "Enrollment\n99999999999 patients\n",
        "Identifiers\n()\n(EudraCT Number)\n",
        "Ages\n200 to 1 years old\n",
        "x logo\n",
    ],
)
def test_odd_snippets_never_crash(text: str) -> None:
    t = parse_text(text)
    assert t.format == "ctv-veeva"
    assert Trial.model_validate_json(t.model_dump_json()) == t


def test_detect_picks_ctv_veeva_for_the_seed() -> None:
    data = Path(HERE / "seed_004_stripped.txt").read_bytes()
    assert trialparse.detect(data).format == "ctv-veeva"


# --- properties: label soup never crashes, and cost stays linear ---------------------------
_SOUP = st.lists(
    st.one_of(
        st.sampled_from([*ctv_veeva.LABELS, "Loading...", "Data sourced from clinicaltrials.gov"]),
        st.sampled_from(
            [
                "Enrolling",
                "Phase 2",
                "Drug: X",
                "x logo",
                "98 estimated patients",
                "18+ years old",
                "3 participants in 2 patient groups",
                "a@b.co",
                "+1 555 0100",
                "Paris, Korea, Republic of, 75010",
                "(EudraCT Number)",
                "Research sites",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=40,
)


@given(_SOUP)
@settings(max_examples=200)
def test_label_soup_never_crashes(lines: list[str]) -> None:
    t = parse_text("\n".join(lines))
    assert Trial.model_validate_json(t.model_dump_json()) == t
    assert 0.0 <= ctv_veeva.analyse_text(Page("\n".join(lines))) <= 1.0


def test_a_large_page_is_read_whole() -> None:
    """Its cost per byte is the benchmark's business (scaling section), not a test's."""
    one = (HERE / "full_enrolling_contacts.txt").read_text(encoding="utf-8")
    body = one.split("Inclusion criteria\n", 1)[1].split("Exclusion criteria\n", 1)[0]
    small, big = parse_text(one), parse_text(one.replace(body, body * 2000))
    assert small.eligibility is not None and big.eligibility is not None
    assert len(big.eligibility.inclusion) == 2000 * len(small.eligibility.inclusion)
    assert big.nct_id == small.nct_id and big.overall_status == small.overall_status
