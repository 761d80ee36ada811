"""inclinicaltrials.com: concrete values of the seeds and of each page variant."""

from __future__ import annotations

from pathlib import Path

import pytest

import trialparse
from conftest import SAMPLES
from trialparse import _model, _registry, _vocab
from trialparse._dates import DatePrecision
from trialparse._formats import inclinicaltrials as icl
from trialparse._text import Page, decode_bytes

DIR = SAMPLES / "inclinicaltrials"
NBSP = "\u00a0"


def parse(name: str) -> trialparse.Trial:
    return trialparse.parse_file(DIR / name)


def text_trial(text: str) -> trialparse.Trial:
    return trialparse.parse_text(text, "inclinicaltrials")


def codes(trial: trialparse.Trial) -> list[tuple[str, str | None]]:
    return [(i.code, i.field) for i in trial.issues]


MAIN_PAGE = f"""Clinical Trials Logo

Clinical Trial Summary

Short summary.

Clinical Trial Description

Longer description. ;

Study Design

Related Conditions & MeSH terms

NCT number NCT03548428
Study type Interventional
Source Centre Antoine Lacassagne
Contact Colin DEBAIGT, PhD
Phone 0033 4 92 03 17 78
Email DRCI-Promotion@nice.unicancer.fr
Status Recruiting
Phase Phase 2
Start date June 4, 2020
Completion date December 1, 2027

See also
{NBSP} Status Clinical Trial Phase
{{rows}}
"""


def main_page(rows: str = "", replace: dict[str, str] | None = None) -> str:
    text = MAIN_PAGE.replace("{rows}", rows)
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    return text


# --- the seeds ----------------------------------------------------------------------------
def test_seed_001_main_fields() -> None:
    t = parse("seed_001_24463de15fcb5f38.txt")
    assert t.format == "inclinicaltrials"
    assert t.nct_id == "NCT03548428"
    assert t.study_type == "INTERVENTIONAL"
    assert t.overall_status == "RECRUITING"
    assert t.phases == ["PHASE2"]
    assert t.sponsor is not None and t.sponsor.name == "Centre Antoine Lacassagne"
    assert str(t.start_date) == "2020-06-04"
    assert t.start_date is not None and t.start_date.precision == DatePrecision.DAY
    assert str(t.completion_date) == "2027-12-01"
    (contact,) = t.contacts
    assert contact.name == "Colin DEBAIGT, PhD"
    assert contact.phone == "0033 4 92 03 17 78"
    assert contact.email == "DRCI-Promotion@nice.unicancer.fr"
    assert contact.role == "CONTACT"
    assert t.brief_summary is not None and t.brief_summary.startswith("Up to 50% of soft tissue")
    # the site's trailing " ;" is dropped from the description
    assert t.detailed_description is not None
    assert t.detailed_description.endswith("should not exceed 3 weeks.")
    assert t.unparsed == []


def test_seed_001_empty_blocks_are_issues() -> None:
    t = parse("seed_001_24463de15fcb5f38.txt")
    assert ("empty_value", "design") in codes(t)
    assert ("empty_value", "conditions") in codes(t)
    assert t.design is None and t.conditions == []


def test_seed_001_see_also_rows() -> None:
    rows = parse("seed_001_24463de15fcb5f38.txt").related_studies
    assert len(rows) == 20
    first = rows[0]
    assert (first.nct_id, first.overall_status, first.phases) == (
        "NCT04457258",
        "RECRUITING",
        ["EARLY_PHASE1"],
    )
    assert first.title == "68Ga-FAPi-46 PET/CT Scan in Imaging Patients With Sarcoma"
    by_id = {r.nct_id: r for r in rows}
    # a status with a comma
    assert by_id["NCT04383210"].overall_status == "ACTIVE_NOT_RECRUITING"
    # no phase at all
    assert by_id["NCT04986748"].phases == []
    # " - " inside the title, and N/A
    logbook = by_id["NCT04474678"]
    assert logbook.title is not None and logbook.title.startswith("Quality Improvement Project - ")
    assert logbook.phases == ["NA"]
    assert by_id["NCT02496520"].phases == ["PHASE1", "PHASE2"]
    # a glued title keeps its text; only the trailing phase is the row's
    glued = by_id["NCT04906876"]
    assert glued.title == (
        "A Phase 2 Study of 9-ING-41Combined With Chemotherapy in Adolescents and Adults "
        "With Advanced Sarcomas"
    )
    assert (glued.overall_status, glued.phases) == ("WITHDRAWN", ["PHASE2"])


def test_seed_002_month_dates_and_roman_title() -> None:
    t = parse("seed_002_aa0cbde46e5d5f38.txt")
    assert t.nct_id == "NCT06439888"
    assert t.phases == ["PHASE1", "PHASE2"]
    assert str(t.start_date) == "2024-06"
    assert t.start_date is not None and t.start_date.precision == DatePrecision.MONTH
    assert str(t.completion_date) == "2026-12"
    assert t.contacts[0].phone == "+33 (0)1 42 11 42 11"
    assert t.sponsor is not None and t.sponsor.name == "Gustave Roussy, Cancer Campus, Grand Paris"
    roman = next(r for r in t.related_studies if r.nct_id == "NCT06088004")
    assert (
        roman.title
        == "Phase Ⅰ/Ⅱ Clinical Study to Evaluate ABO2011 Monotherapy in Advanced Solid Tumors"
    )
    assert roman.phases == ["PHASE1", "PHASE2"]
    nyr = next(r for r in t.related_studies if r.nct_id == "NCT06398418")
    assert nyr.overall_status == "NOT_YET_RECRUITING"


# --- constructed variants ------------------------------------------------------------------
def test_main_page_with_design_and_mesh_terms() -> None:
    t = parse("main_design_mesh.txt")
    assert t.design is not None
    assert t.design.allocation == "NON_RANDOMIZED"
    assert t.design.intervention_model == "PARALLEL"
    assert t.design.masking == "NONE"
    assert t.design.primary_purpose == "TREATMENT"
    assert t.conditions[0] == "Musculoskeletal Diseases" and len(t.conditions) == 9
    assert t.keywords == t.conditions
    # a design line with no schema field is kept, labelled
    assert [f.label for f in t.unparsed] == ["Study Design"]
    assert t.unparsed[0].text.startswith("Intervention Model Description:")
    statuses = {r.nct_id: (r.overall_status, r.phases) for r in t.related_studies}
    assert statuses["NCT05100654"] == ("ACTIVE_NOT_RECRUITING", ["EARLY_PHASE1"])
    assert statuses["NCT05756803"] == ("ENROLLING_BY_INVITATION", ["NA"])
    assert statuses["NCT00569413"] == ("SUSPENDED", [])
    assert statuses["NCT05366504"] == ("UNKNOWN", ["PHASE2", "PHASE3"])
    roman = next(r for r in t.related_studies if r.nct_id == "NCT00351065")
    assert roman.title == "Phase II Trial of SK3530 in Erectile Dysfunction"
    assert t.issues == []


def test_details_page() -> None:
    t = parse("details.txt")
    assert t.nct_id == "NCT05615454"
    assert t.overall_status == "RECRUITING"
    assert t.phases == ["NA"]
    assert [(s.id, s.type) for s in t.secondary_ids] == [("BEMER", "SPONSOR")]
    assert str(t.first_posted_date) == "2022-11-06"
    assert str(t.last_update_date) == "2023-03-07"
    assert t.official_title is not None and t.official_title.startswith(
        "Effect of Bio-electromagnetic"
    )
    assert t.design is not None and t.design.masking == "TRIPLE"
    assert t.design.who_masked == ["PARTICIPANT", "INVESTIGATOR", "OUTCOMES_ASSESSOR"]
    assert t.conditions == [
        "Erectile Dysfunction Due to Diseases Classified Elsewhere",
        "Multiple Sclerosis, Relapsing-Remitting",
    ]
    assert [(i.type, i.name) for i in t.interventions] == [("DEVICE", "placebo BEMER")]
    assert t.enrollment is not None and t.enrollment.count == 50
    assert t.detailed_description is not None and t.detailed_description.startswith(
        "The study aims"
    )
    # "Contact n/a": no contact, an empty_value issue
    assert t.contacts == []
    assert ("empty_value", "contacts.name") in codes(t)
    assert ("empty_value", "secondary_ids") in codes(t)
    assert any(i.code == "empty_value" and "Health authority" in i.message for i in t.issues)
    assert [(f.label, f.text) for f in t.unparsed] == [("Verified date", "March 2023")]


def test_details_eligibility_flattened() -> None:
    e = parse("details.txt").eligibility
    assert e is not None
    assert e.criteria is not None and e.criteria.startswith("Inclusion Criteria: - Diagnosis")
    assert len(e.inclusion) == 4 and len(e.exclusion) == 4
    assert e.inclusion[1] == (
        "Score 6-25 on the International Index of Erectile Function 15 (IIEF-15) will be recruited."
    )
    assert e.exclusion[-1].startswith("Previous therapy with a pulsed electromagnetic field")
    assert e.sex == "MALE"
    assert e.minimum_age is not None and (e.minimum_age.value, e.minimum_age.unit) == (18, "YEARS")
    assert e.maximum_age is not None and e.maximum_age.value == 40
    assert e.healthy_volunteers is False


def test_details_pipe_table() -> None:
    t = parse("details_pipe.txt")
    assert t.nct_id == "NCT06489431"
    assert t.conditions == ["Erectile Dysfunction"]  # from "<Condition> Clinical Trial"
    assert t.official_title is not None and t.official_title.endswith("Non-inferiority Trial")
    assert t.phases == ["PHASE3"]
    assert t.overall_status == "RECRUITING"
    assert str(t.start_date) == "2023-12-04"
    assert t.contacts[0].name == "Edward Cherullo, MD"
    assert t.contacts[0].phone == "(312) 563-3447"
    assert t.design is not None
    assert (t.design.intervention_model, t.design.masking) == ("SINGLE_GROUP", "SINGLE")
    assert t.design.primary_purpose == "PREVENTION"  # no "|" left in the last design value
    e = t.eligibility
    assert e is not None and e.healthy_volunteers is True
    assert e.minimum_age is None and e.maximum_age is None  # "N/A - N/A"
    # an item that itself says "Inclusion criteria" does not move the split
    assert e.inclusion[0].startswith("Inclusion criteria include all men")
    assert e.exclusion[0].startswith("Exclusion criteria include men")
    assert ("empty_value", "secondary_ids") in codes(t)


def test_older_layout() -> None:
    t = parse("older_layout.txt")
    assert t.nct_id == "NCT05960149"
    assert t.conditions == ["Prostate Cancer Adenocarcinoma"]
    assert t.official_title is not None and t.official_title.startswith("Evaluation of the Effect")
    assert t.brief_summary is not None
    assert "Indocyanine GreenComparison of erectile function" in t.brief_summary
    assert t.detailed_description is None
    assert codes(t) == [("glued_text", "brief_summary")]
    assert t.overall_status == "NOT_YET_RECRUITING"
    assert len(t.related_studies) == 5


def test_truncated_messy_page() -> None:
    t = parse("main_truncated_messy.txt")
    assert t.nct_id == "NCT00173134"
    assert t.study_type == "OBSERVATIONAL"  # label with an NBSP, value with a trailing space
    assert t.overall_status == "UNKNOWN"
    assert str(t.start_date) == "2005-05"
    assert t.phases == []
    assert t.contacts[0].name == "Shih-Ping Liu, M.D." and t.contacts[0].phone is None
    assert ("empty_value", "contacts.phone") in codes(t)
    assert ("empty_value", "contacts.email") in codes(t)
    assert ("empty_value", "phases") in codes(t)
    assert ("truncated", "related_studies") in codes(t)
    assert len(t.related_studies) == 3
    assert ("See also", "Completed NCT0070") in [(f.label, f.text) for f in t.unparsed]


# --- behaviour on hand-made pages ----------------------------------------------------------
def test_empty_label_is_not_filled_from_the_next_one() -> None:
    t = text_trial(main_page(replace={"Source Centre Antoine Lacassagne": "Source"}))
    assert t.sponsor is None
    assert ("empty_value", "sponsor") in codes(t)
    assert t.contacts[0].name == "Colin DEBAIGT, PhD"


def test_unknown_status_spelling_is_kept() -> None:
    t = text_trial(
        main_page(
            "Paused NCT04457258 - A Title Phase 1", replace={"Status Recruiting": "Status Paused"}
        )
    )
    assert t.overall_status is None
    unmapped = [i for i in t.issues if i.code == "unmapped_value"]
    assert [i.field for i in unmapped] == ["overall_status", "related_studies.overall_status"]
    assert [f.text for f in t.unparsed] == ["Paused", "Paused"]
    (row,) = t.related_studies
    assert (row.nct_id, row.overall_status, row.phases) == ("NCT04457258", None, ["PHASE1"])


def test_unknown_label_line_is_kept() -> None:
    t = text_trial(
        main_page(replace={"Status Recruiting": "Status Recruiting\nSponsor type Industry"})
    )
    assert ("unknown_label", None) in codes(t)
    assert "Sponsor type Industry" in [f.text for f in t.unparsed]


def test_malformed_nct_number() -> None:
    t = text_trial(main_page(replace={"NCT number NCT03548428": "NCT number NCT0354842"}))
    assert t.nct_id is None
    assert ("malformed_id", "nct_id") in codes(t)
    assert [s.id for s in t.secondary_ids] == ["NCT0354842"]


def test_page_cut_inside_the_description_is_truncated() -> None:
    text = main_page().split("Longer description.")[0] + "Longer descr"
    t = text_trial(text)
    assert t.detailed_description == "Longer descr"
    assert ("truncated", "detailed_description") in codes(t)
    assert t.nct_id is None


def test_text_blocks_are_not_split_by_label_words() -> None:
    page = main_page(
        replace={
            "Longer description. ;": "Phase 1 enrols ten patients.\nStatus reports follow ;",
            "Related Conditions & MeSH terms\n": (
                "Related Conditions & MeSH terms\nContact Dermatitis\nStatus Epilepticus\n"
            ),
        }
    )
    t = text_trial(page)
    assert t.detailed_description == "Phase 1 enrols ten patients. Status reports follow"
    assert t.phases == ["PHASE2"]
    assert t.conditions == ["Contact Dermatitis", "Status Epilepticus"]
    assert t.keywords == ["Contact Dermatitis", "Status Epilepticus"]
    assert t.contacts[0].name == "Colin DEBAIGT, PhD"


def test_eligibility_label_with_criteria_on_next_line() -> None:
    base = "Clinical Trial Details — Status: Completed\nRecruitment information / eligibility\n"
    t = text_trial(base + "Eligibility\nInclusion Criteria: - A - B Exclusion Criteria: - C\n")
    assert t.eligibility is not None
    assert (t.eligibility.inclusion, t.eligibility.exclusion) == (["A", "B"], ["C"])
    assert t.overall_status == "COMPLETED"
    assert "empty_value" not in [c for c, _ in codes(t)]
    empty = text_trial(base + "Eligibility\nGender Female\n")
    assert ("empty_value", "eligibility.criteria") in codes(empty)
    assert empty.eligibility is not None and empty.eligibility.sex == "FEMALE"


def test_html_rendering_of_the_main_page() -> None:
    body = "".join(f"<p>{line}</p>" for line in main_page().splitlines() if line.strip())
    t = trialparse.parse_text(f"<html><body>{body}</body></html>")
    assert t.format == "inclinicaltrials"
    assert (t.nct_id, t.overall_status, str(t.start_date)) == (
        "NCT03548428",
        "RECRUITING",
        "2020-06-04",
    )


def test_pathological_lines_stay_linear() -> None:
    long_lines = [
        "-" * 200_000 + "x",
        "See also\n" + "Recruiting NCT04457258 - " + "Phase " * 40_000,
        "Study Design\n" + "Masking: (" * 20_000,
        "NCT number " + "|" * 100_000,
    ]
    for body in long_lines:
        trial = text_trial("Clinical Trials Logo\nClinical Trial Summary\nx\n" + body)
        assert trial.format == "inclinicaltrials", body[:30]


# --- detection ----------------------------------------------------------------------------
GENERIC_MIRROR = """Clinical trial NCT03548428 at a ClinicalTrials.gov mirror

Brief Summary
Up to 50% of soft tissue sarcoma patients will develop metastases.

NCT number NCT03548428
Study type Interventional
Status Recruiting
Phase Phase 2
Start date June 4, 2020
Completion date December 1, 2027

Related studies
Recruiting NCT04457258 - 68Ga-FAPi-46 PET/CT Scan in Imaging Patients With Sarcoma Early Phase 1
"""


def score(text: str) -> float:
    return _registry.score(icl, Page(text))


def test_generic_ctgov_mirror_page_is_not_claimed() -> None:
    assert score(GENERIC_MIRROR) < 0.2
    # one heading this site shares with plain English is not enough either
    assert score(GENERIC_MIRROR.replace("Brief Summary", "Clinical Trial Summary")) < 0.2
    try:
        found = trialparse.detect(GENERIC_MIRROR).format
    except trialparse.UnknownFormatError:
        found = None
    assert found != "inclinicaltrials"


@pytest.mark.parametrize("page", sorted(DIR.glob("*.txt")), ids=lambda p: p.name)
def test_own_pages_score_high(page: Path) -> None:
    assert score(decode_bytes(page.read_bytes())) >= 0.8


# --- the fast paths keep the rules ----------------------------------------------------------
def test_no_label_is_the_first_words_of_another() -> None:
    # the label matcher stops at the first label typed as in LABELS: only right if no
    # label's words begin another label
    keys = [label.casefold().split() for label in icl.LABELS]
    for a in keys:
        for b in keys:
            assert a == b or b[: len(a)] != a, (a, b)


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("Status Recruiting", "Status", "Recruiting"),
        ("STATUS  Recruiting", "Status", "Recruiting"),
        ("Official title : A title", "Official title", "A title"),
        ("Official  title:: A title", "Official title", "A title"),
        ("Description:", "Description", ""),
        ("Start\u00a0date June 2024", "Start date", "June 2024"),
        ("Statuses Recruiting", None, None),
        ("Status:Recruiting", None, None),
    ],
)
def test_label_spellings(line: str, label: str | None, value: str | None) -> None:
    page = Page(line)
    norm = page.norm[0]
    found = icl._Parser(page)._match_label(1, norm, norm.strip())
    assert (found and found.label, found and found.value) == (label, value)


@pytest.mark.parametrize(
    ("row", "title", "phases"),
    [
        ("Recruiting NCT04457258 - A Study Phase 1/Phase 2", "A Study", ["PHASE1", "PHASE2"]),
        ("Recruiting NCT04457258 - A Study Early Phase 1", "A Study", ["EARLY_PHASE1"]),
        ("Recruiting NCT04457258 - A  Study  N/A", "A  Study", ["NA"]),
        ("Recruiting NCT04457258 - Phase 2", "Phase 2", []),  # a title, not a phase
        ("Recruiting NCT04457258 - A Study Phase 5", "A Study Phase 5", []),
        ("Recruiting NCT04457258", None, []),
    ],
)
def test_see_also_row_tail(row: str, title: str | None, phases: list[str]) -> None:
    (found,) = text_trial(main_page(row)).related_studies
    assert (found.title, found.phases) == (title, phases)


def test_spelling_memos_are_capped_and_not_shared() -> None:
    """The rows' spellings go through the vocabulary's memo tables: capped, and a phase
    list handed out is the caller's own."""
    rows = "\n".join(f"Paused{i} NCT0445725{i % 10} - T{i} Phase {i}" for i in range(5000))
    t = text_trial(main_page(rows))
    assert len(t.related_studies) == 5000
    assert len(_vocab._KEYS) <= _vocab._KEYS_LIMIT
    assert len(_vocab._PHASES_SEEN) <= _vocab._KEYS_LIMIT
    first = _vocab.parse_phases("Phase 2")
    assert first is not None
    first.clear()  # the caller's own list
    assert _vocab.parse_phases("Phase 2") == ["PHASE2"]


def test_module_memos_are_capped_and_hand_out_fresh_values() -> None:
    """Dates, age groups and row statuses go through bounded memos; the age bounds a
    Trial gets are its own (Age is mutable)."""
    rows = "\n".join(f"Paused{i} NCT0445725{i % 10} - T{i}" for i in range(3000))
    text_trial(main_page(rows))
    assert len(icl._ROW_STATUS) <= icl._MEMO_LIMIT
    for i in range(3000):
        text_trial(main_page(replace={"June 4, 2020": f"June {i % 28 + 1}, {1000 + i}"}))
    assert len(icl._DATES) <= icl._MEMO_LIMIT
    a, b = parse("details.txt").eligibility, parse("details.txt").eligibility
    assert a is not None and b is not None
    assert a.minimum_age is not b.minimum_age
    assert a.minimum_age == b.minimum_age


def test_a_second_age_group_conflicts_as_the_age_prints() -> None:
    page = (DIR / "details.txt").read_text(encoding="utf-8")
    page = page.replace(
        "Age group 18 Years - 40 Years",
        "Age group 18 Years - 40 Years\nAge group 20 Years - 40 Years",
    )
    t = trialparse.parse_text(page)
    assert t.eligibility is not None and t.eligibility.minimum_age is not None
    assert t.eligibility.minimum_age.value == 18
    assert ("conflicting_value", "eligibility.minimum_age") in codes(t)
    kept = [u.text for u in t.unparsed if u.label == "Age group"]
    assert kept == [str(_model.Age(value=20, unit=_model.AgeUnit.YEARS))]


def test_official_title_with_colon_in_the_main_loop() -> None:
    t = text_trial(main_page(replace={"Study type": "Official title: A: B\nStudy type"}))
    assert t.official_title == "A: B"
    t = text_trial(main_page(replace={"Study type": "Official title: : A\nStudy type"}))
    assert t.official_title == "A"


# --- detection reads the top of the page ---------------------------------------------------
@pytest.mark.parametrize(
    "top",
    [
        "Clinical Trials Logo\n\nClinical Trial Summary\n",
        "\n Clinical Trials Logo \nClinical Trial Details — Status: Completed\n",
        "Clinical Trials Logo\nProstate Cancer Clinical Trial\nOfficial title: X\n",
        "Prostate Cancer Clinical Trial\n\nOfficial title: X\nClinical Trial Details - Status: X\n",
    ],
)
def test_site_openings_are_certain(top: str) -> None:
    assert score(top + "Some text.\n") == 1.0


def test_a_page_below_another_first_line_is_still_the_site() -> None:
    """A line added on top (or the logo lost) keeps the page the site's: the section
    headings below are read once "Clinical Trial Description/Details" is in the head."""
    assert score("A recipe for bread\n" + main_page()) == 1.0
    # another site's first line and none of these headings: rejected on that line
    assert score("A recipe for bread\nClinical Trial Summary\nMeSH terms\n") == 0.0
    # the headings are looked for near the top only (a foreign page is refused in one
    # short scan): below 512 characters of something else, the page is not the site's
    assert score("A recipe for bread\n" + "flour " * 100 + "\n" + main_page()) == 0.0


@pytest.mark.parametrize("lost", [1, 2])
def test_a_seed_without_its_logo_lines_is_still_the_site(lost: int) -> None:
    """The seed's summary is long: its other markers lie beyond the 4 kB head."""
    lines = (DIR / "seed_001_24463de15fcb5f38.txt").read_text(encoding="utf-8").split("\n")
    trial = trialparse.parse_text("\n".join(lines[lost:]))
    assert trial.format == "inclinicaltrials"
    assert trial.nct_id == trialparse.parse_file(DIR / "seed_001_24463de15fcb5f38.txt").nct_id


def test_opening_with_an_odd_sequel_counts_markers() -> None:
    # the logo, then not a heading: the head's markers decide (the logo alone is not enough)
    assert score("Clinical Trials Logo\nWelcome\n") < 0.2
    page = main_page().replace("Clinical Trial Summary\n", "Welcome\n")
    assert score(page) == 1.0
    # the details page without its logo, its status line moved down
    assert 0.5 <= score("Clinical Trial Summary\nx\nClinical Trial Details — Status: X\n") < 1.0
