"""The hra extractor: concrete values of the seed and of each constructed variant page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trialparse
from conftest import SAMPLES
from trialparse import Trial
from trialparse._dates import DatePrecision, parse_partial_date
from trialparse._formats import hra
from trialparse._text import Page, decode_bytes

HRA = SAMPLES / "hra"
SEED = HRA / "seed_000_rt-immune.txt"


def parse(name: str | Path) -> Trial:
    path = name if isinstance(name, Path) else HRA / name
    return trialparse.parse_file(path)


def text_trial(text: str) -> Trial:
    return trialparse.parse_text(text, "hra")


def codes(trial: Trial) -> list[str]:
    return [i.code for i in trial.issues]


# A complete minimal page to vary in the inline tests below.
MINIMAL = """ABC-TRIAL
Research type
Research Study
IRAS ID
123456
Research summary
A short summary.
REC name
London - Chelsea Research Ethics Committee
REC reference
20/LO/0001
Date of REC Opinion
2 Jan 2020
REC opinion
Favourable Opinion
"""


# --- the real seed --------------------------------------------------------------------------
def test_seed_identifiers() -> None:
    t = parse(SEED)
    assert t.format == "hra"
    assert t.iras_id == "276314"
    assert t.eudract_number == "2016-005019-42"
    assert t.nct_id is None
    assert t.isrctn is None
    ids = {(s.id, s.type) for s in t.secondary_ids}
    assert ids == {
        ("MEDAECPP-2017-12-0009", "REGULATOR"),
        ("CPP 17/92", "ETHICS"),
        ("21/NW/0063", "REC"),
    }


def test_seed_titles_people_and_duration() -> None:
    t = parse(SEED)
    assert t.brief_title == "RT-IMMUNE"
    assert t.acronym == "RT-IMMUNE"
    assert t.official_title is not None
    assert t.official_title.startswith("A European, multicenter, randomized, open-label, Phase II")
    assert t.official_title.endswith("to be treated with radiotherapy")
    assert t.research_type == "Research Study"
    assert t.sponsor is not None and t.sponsor.name == "Centre Léon Bérard"
    assert len(t.contacts) == 1
    assert t.contacts[0].name == "Shane Zaidi"
    assert t.contacts[0].email is None
    assert t.contacts[0].role is not None and t.contacts[0].role.value == "CONTACT"
    assert t.planned_duration is not None
    assert (t.planned_duration.years, t.planned_duration.months, t.planned_duration.days) == (
        2,
        4,
        31,
    )
    # the page gives no status, phase or trial dates
    assert t.overall_status is None and t.phases == [] and t.start_date is None


def test_seed_summary_keeps_glued_sentence_and_infers_enrollment() -> None:
    t = parse(SEED)
    assert t.brief_summary is not None
    assert t.brief_summary.startswith("Soft tissue sarcoma (STS) is a rare cancer")
    assert "localised and operable STSAbout 69 patients will participate" in t.brief_summary
    assert t.brief_summary.count("\n") == 2  # three paragraphs
    assert t.enrollment is not None
    assert t.enrollment.count == 69
    assert t.enrollment.type is not None and t.enrollment.type.value == "ESTIMATED"
    inferred = t.issues_with("inferred_value")
    assert len(inferred) == 1 and inferred[0].field == "enrollment"
    assert "69 patients will participate" in inferred[0].message
    assert "glued_text" not in codes(t)  # sentence glued to sentence: no label involved


def test_seed_ethics_review() -> None:
    t = parse(SEED)
    assert len(t.ethics_reviews) == 1
    rec = t.ethics_reviews[0]
    assert rec.committee == "North West - Liverpool Central Research Ethics Committee"
    assert rec.reference == "21/NW/0063"
    assert rec.opinion is not None and rec.opinion.value == "FURTHER_INFORMATION_FAVOURABLE"
    assert rec.opinion_raw == "Further Information Favourable Opinion"
    assert rec.opinion_date is not None
    assert str(rec.opinion_date) == "2021-04-16"
    assert rec.opinion_date.precision is DatePrecision.DAY


def test_seed_issues_and_unparsed() -> None:
    t = parse(SEED)
    assert codes(t) == [
        "empty_value",  # Contact email
        "empty_value",  # first Clinicaltrials.gov Identifier
        "duplicate_label",  # second Clinicaltrials.gov Identifier
        "foreign_id",
        "foreign_id",
        "inferred_value",
    ]
    assert [i.line for i in t.issues_with("empty_value")] == [10, 15]
    assert t.issues_with("empty_value")[0].field == "contacts.email"
    assert {i.field for i in t.issues_with("foreign_id")} == {"nct_id"}
    assert [(f.label, f.text, f.line) for f in t.unparsed] == [
        ("Clinicaltrials.gov Identifier", "French Competent Authority", 17),
        ("Clinicaltrials.gov Identifier", "French Ethic Committee : CPP Nord-Ouest IV", 17),
    ]


def test_seed_is_detected_as_hra() -> None:
    data = SEED.read_bytes()
    detection = trialparse.detect(data)
    assert detection.format == "hra"
    assert detection.score >= 0.8


# --- constructed variants ---------------------------------------------------------------------
def test_bulleted_rendering_tags_and_results() -> None:
    t = parse("bulleted_covid_results.txt")
    assert t.keywords == ["COVID-19", "UPH"]
    assert t.brief_title == "COVID-ED"
    assert t.acronym == "COVID-ED"
    assert t.official_title == (
        "Erectile function after COVID-19: a prospective observational study of men "
        "treated in hospital or at home for COVID-19"
    )
    assert t.nct_id == "NCT04980508"
    assert t.iras_id == "288913"
    assert t.contacts[0].email == "covid-ed.study@mft.nhs.uk"
    assert t.planned_duration is not None
    assert t.planned_duration.model_dump() == {"years": 0, "months": 8, "days": 1}
    assert t.results_summary is not None
    assert t.results_summary.startswith("29 men took part.")
    assert t.results_summary.endswith("shared with the participants.")
    assert t.brief_summary is not None and "Summary of Results" not in t.brief_summary
    assert not t.brief_summary.startswith(" ")  # the four-space indent is gone
    assert t.ethics_reviews[0].opinion is not None
    assert t.ethics_reviews[0].opinion.value == "FAVOURABLE"
    assert t.enrollment is not None and t.enrollment.count == 30
    assert codes(t) == ["inferred_value"]


def test_allcaps_title_crlf_bom_nbsp() -> None:
    raw = (HRA / "allcaps_crlf_bom_nbsp.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and "\u00a0".encode() in raw
    t = parse("allcaps_crlf_bom_nbsp.txt")
    assert t.official_title is not None
    assert t.official_title.startswith("A SINGLE CENTRE, OPEN-LABEL, RANDOMISED")
    assert "DERMASYS®" in t.official_title
    assert "\u2018NITROSTAT\u2019" in t.official_title
    assert "\u201cMALE\u201d" in t.official_title
    assert t.brief_title == "FM58"
    assert t.acronym is None  # a protocol code, not an acronym
    assert t.iras_id == "234567"  # "IRAS\u00a0ID " label, "\u00a0234567" value
    assert t.research_type == "Research Study"
    assert t.eudract_number == "2017-002995-28"
    assert t.isrctn == "ISRCTN15277389"
    assert t.nct_id == "NCT04008732"
    assert t.sponsor is not None
    assert t.sponsor.name == "Futura Medical Developments\u00a0Ltd"  # real characters kept
    assert t.contacts[0].email is None
    assert codes(t) == ["empty_value"]  # the tab-only Contact email
    assert str(t.ethics_reviews[0].opinion_date) == "2017-11-01"


def test_tissue_bank_sections() -> None:
    t = parse("tissue_bank.txt")
    assert t.research_type == "Research Tissue Bank"
    assert t.official_title == "King's Health Partners Urology Tissue Bank"  # RTB title
    assert t.contacts == [] and t.sponsor is None
    assert t.issues == []
    kept = {f.label: f.text for f in t.unparsed}
    assert set(kept) == {
        "Data collection arrangements",
        "Research programme",
        "Storage license",
        "Establishment organisation",
        "Establishment organisation address",
    }
    assert kept["Storage license"] == "12121"
    assert kept["Establishment organisation address"] == "Great Maze Pond, London, SE1 9RT"
    assert t.ethics_reviews[0].reference == "19/LO/0321"


def test_research_database_sections() -> None:
    t = parse("research_database.txt")
    assert t.research_type == "Research Database"
    assert t.brief_title == "UK PPI Registry"
    assert t.acronym is None  # more than one word
    assert t.official_title == "UK Penile Prosthesis Implant Registry"
    assert t.issues == []
    assert [f.label for f in t.unparsed] == [
        "Data collection arrangements",
        "Research programme",
        "Establishment organisation",
        "Establishment organisation address",
    ]
    # "up to five years" states no planned participant count
    assert t.enrollment is None


def test_missing_email_and_junk_identifiers() -> None:
    t = parse("missing_email_junk_ids.txt")
    assert t.contacts[0].name == "Delroy Campbell"
    assert t.contacts[0].email is None
    assert not [i for i in t.issues if i.field == "contacts.email"]  # absent, not empty
    assert t.nct_id is None
    assert [(s.id, s.type) for s in t.secondary_ids] == [
        ("CPMS 45551", "CPMS"),
        ("22/LO/0318", "REC"),
    ]
    empty = t.issues_with("empty_value")
    assert len(empty) == 1 and empty[0].field == "nct_id" and "n/a, n/a" in empty[0].message
    assert len(t.issues_with("duplicate_label")) == 1
    assert len(t.issues_with("foreign_id")) == 1
    assert t.planned_duration is not None
    assert t.planned_duration.model_dump() == {"years": 2, "months": 0, "days": 0}
    assert t.enrollment is not None and t.enrollment.count == 68


def test_glued_label_literal_newline_repeated_heading() -> None:
    t = parse("glued_label_literal_newline.txt")
    s = t.brief_summary
    assert s is not None
    assert s.startswith("This is a Phase IIa")  # the repeated heading is gone
    assert "Research Summary" not in s
    assert "\\n" not in s and "\n\nIt is planned to enrol 24 patients." in s
    assert s.endswith("the study will also assess safety.")
    assert "REC name" not in s
    rec = t.ethics_reviews[0]
    assert rec.committee == "North West - Greater Manchester Central Research Ethics Committee"
    glued = t.issues_with("glued_text")
    assert len(glued) == 1 and glued[0].line == 21 and "REC name" in glued[0].message
    # the repeated heading line is neither an empty summary nor a duplicate label
    assert codes(t) == ["empty_value", "glued_text", "inferred_value"]
    assert t.issues_with("empty_value")[0].field == "contacts.email"
    assert t.enrollment is not None and t.enrollment.count == 24
    assert t.eudract_number == "2020-001846-39" and t.nct_id == "NCT04686916"
    assert t.acronym is None  # "IP2018-201": more digits than the rule allows


def test_truncated_page() -> None:
    t = parse("truncated.txt")
    assert t.brief_summary is not None and t.brief_summary.endswith("will be radiolab")
    assert t.ethics_reviews == []
    assert t.secondary_ids == []
    truncated = t.issues_with("truncated")
    assert len(truncated) == 1 and truncated[0].line == 22
    assert t.nct_id == "NCT03510338"  # what was there is still read
    assert t.enrollment is None  # "up to 12 healthy male volunteers" is not a planned count


# --- behaviour on inline pages ------------------------------------------------------------------
def test_minimal_page_has_no_issues() -> None:
    t = text_trial(MINIMAL)
    assert t.issues == []
    assert t.acronym == "ABC-TRIAL"
    assert t.ethics_reviews[0].opinion is not None


def test_empty_label_is_not_filled_from_the_next() -> None:
    page = MINIMAL.replace(
        "IRAS ID\n123456\n", "IRAS ID\nContact email\nSponsor organisation\nX Ltd\n"
    )
    t = text_trial(page)
    assert t.iras_id is None
    assert t.sponsor is not None and t.sponsor.name == "X Ltd"
    assert t.contacts == []
    empty = t.issues_with("empty_value")
    assert [(i.field, i.line) for i in empty] == [("iras_id", 4), ("contacts.email", 5)]


def test_unknown_bullet_label_is_kept() -> None:
    page = (
        "ABC-TRIAL\n  • Research type\n    Research Study\n  • Public involvement\n"
        "    Patients helped design the study.\n  • REC name\n    Wales REC 3\n"
        "  • REC opinion\n    Favourable Opinion\n"
    )
    t = text_trial(page)
    unknown = t.issues_with("unknown_label")
    assert len(unknown) == 1 and unknown[0].line == 4 and "Public involvement" in unknown[0].message
    assert [(f.label, f.text) for f in t.unparsed] == [
        ("Public involvement", "Patients helped design the study.")
    ]
    assert t.ethics_reviews[0].committee == "Wales REC 3"


def test_plain_dash_lines_in_a_summary_are_not_labels() -> None:
    page = MINIMAL.replace("A short summary.\n", "Arms:\n- drug A\n• drug B\n")
    t = text_trial(page)
    assert t.brief_summary == "Arms:\n- drug A\n• drug B"
    assert "unknown_label" not in codes(t)


def test_glued_repeated_research_summary_heading() -> None:
    page = MINIMAL.replace("A short summary.", "Research SummaryThis study tests X.")
    t = text_trial(page)
    assert t.brief_summary == "This study tests X."
    assert [i.field for i in t.issues_with("glued_text")] == ["brief_summary"]


def test_label_glued_with_space_after_punctuation() -> None:
    page = MINIMAL.replace("A short summary.\nREC name\n", "A short summary. REC name\n")
    t = text_trial(page)
    assert t.brief_summary == "A short summary."
    assert t.ethics_reviews[0].committee == "London - Chelsea Research Ethics Committee"


def test_label_words_inside_a_sentence_are_not_split() -> None:
    page = MINIMAL.replace("A short summary.", "We will write to the REC name")
    t = text_trial(page)
    assert t.brief_summary == "We will write to the REC name"
    assert "glued_text" not in codes(t)


def test_literal_newline_in_results() -> None:
    page = MINIMAL.replace(
        "REC name\n", "Summary of Results\nAll 40 took part.\\n\\nNo safety concerns.\nREC name\n"
    )
    t = text_trial(page)
    assert t.results_summary == "All 40 took part.\n\nNo safety concerns."


def test_page_cut_inside_a_label() -> None:
    page = MINIMAL.split("REC name")[0] + "REC na"
    t = text_trial(page)
    assert t.brief_summary == "A short summary."  # the cut label is not part of the summary
    assert t.issues_with("truncated")
    assert ("REC na", None) in [(f.text, f.label) for f in t.unparsed]


def test_page_cut_inside_the_opinion() -> None:
    page = MINIMAL.replace("Favourable Opinion\n", "Further Information Fav")
    t = text_trial(page)
    assert t.ethics_reviews[0].opinion is None
    assert t.ethics_reviews[0].opinion_raw == "Further Information Fav"
    assert t.issues_with("truncated") and t.issues_with("unmapped_value")


def test_page_ending_at_a_label() -> None:
    page = MINIMAL.replace("Favourable Opinion\n", "")
    t = text_trial(page)
    assert "truncated" in codes(t) and "empty_value" in codes(t)
    assert t.ethics_reviews[0].opinion_raw is None


@pytest.mark.parametrize("opinion", ["Favourable Opinion", "Unfavourable Opinion", "Withdrawn"])
def test_complete_opinions_are_not_truncation(opinion: str) -> None:
    t = text_trial(MINIMAL.replace("Favourable Opinion", opinion))
    assert "truncated" not in codes(t)
    assert t.ethics_reviews[0].opinion is not None


def test_unmapped_opinion_is_kept_raw() -> None:
    t = text_trial(MINIMAL.replace("Favourable Opinion", "Opinion deferred"))
    assert t.ethics_reviews[0].opinion is None
    assert t.ethics_reviews[0].opinion_raw == "Opinion deferred"
    assert [i.field for i in t.issues_with("unmapped_value")] == ["ethics_reviews.opinion"]


def test_bad_date_duration_iras_and_reference() -> None:
    page = (
        MINIMAL.replace("2 Jan 2020", "pending")
        .replace("123456", "12A456")
        .replace("20/LO/0001", "LO-0001")
        .replace(
            "Research summary", "Duration of Study in the UK\nabout two years\nResearch summary"
        )
    )
    t = text_trial(page)
    assert t.ethics_reviews[0].opinion_date is None
    assert "invalid_date" in codes(t)
    assert t.planned_duration is None
    assert [i.field for i in t.issues_with("invalid_value")] == ["planned_duration"]
    assert t.iras_id is None
    assert ("12A456", "IRAS") in {(s.id, s.type) for s in t.secondary_ids}
    assert {i.field for i in t.issues_with("malformed_id")} == {
        "iras_id",
        "ethics_reviews.reference",
    }
    kept = {f.text for f in t.unparsed}
    assert {"pending", "about two years"} <= kept


def test_several_nct_ids_and_a_foreign_registry_id() -> None:
    page = MINIMAL.replace(
        "Research summary",
        "Clinicaltrials.gov Identifier\nNCT01234567, NCT07654321; ISRCTN12345678\nResearch summary",
    )
    t = text_trial(page)
    assert t.nct_id == "NCT01234567"
    assert t.isrctn == "ISRCTN12345678"
    assert ("NCT07654321", "NCT") in {(s.id, s.type) for s in t.secondary_ids}
    assert len(t.issues_with("foreign_id")) == 1  # the ISRCTN under the NCT label


def test_non_identifier_text_under_the_nct_label() -> None:
    page = MINIMAL.replace(
        "Research summary", "Clinicaltrials.gov Identifier\nto be registered\nResearch summary"
    )
    t = text_trial(page)
    assert t.nct_id is None
    assert ("Clinicaltrials.gov Identifier", "to be registered") in [
        (f.label, f.text) for f in t.unparsed
    ]
    assert [i.field for i in t.issues_with("invalid_value")] == ["nct_id"]


def test_two_rec_blocks_are_two_reviews() -> None:
    second = "REC name\nWales REC 1\nREC reference\n21/WA/0002\nREC opinion\nFavourable Opinion\n"
    t = text_trial(MINIMAL + second)
    assert [r.reference for r in t.ethics_reviews] == ["20/LO/0001", "21/WA/0002"]
    assert "duplicate_label" not in codes(t)


@pytest.mark.parametrize(
    ("heading", "tags", "title", "acronym"),
    [
        ("RT-IMMUNE", [], "RT-IMMUNE", "RT-IMMUNE"),
        ("REMAP-CAP", [], "REMAP-CAP", "REMAP-CAP"),
        ("[COVID-19] [UPH] RECOVERY", ["COVID-19", "UPH"], "RECOVERY", "RECOVERY"),
        ("PRINCIPLE [COVID-19]", ["COVID-19"], "PRINCIPLE", "PRINCIPLE"),
        ("D5180C00007", [], "D5180C00007", None),
        ("FM58", [], "FM58", None),
        ("ProMIS", [], "ProMIS", None),
        ("Mindfulness for men", [], "Mindfulness for men", None),
        ("[COVID-19]", ["COVID-19"], None, None),
    ],
)
def test_heading_tags_and_acronym_rule(
    heading: str, tags: list[str], title: str | None, acronym: str | None
) -> None:
    t = text_trial(MINIMAL.replace("ABC-TRIAL", heading))
    assert (t.keywords, t.brief_title, t.acronym) == (tags, title, acronym)


@pytest.mark.parametrize(
    ("summary", "count"),
    [
        ("We will recruit 120 participants from GP practices.", 120),
        ("A total of 1,200 women will be invited to take part.", 1200),
        ("The study aims to recruit approximately 300 adult patients over two years.", 300),
        ("Up to 50 people will take part.", 50),
        ("We will recruit at least 100 participants.", None),  # a lower bound: not a plan
        ("40 patients will be recruited; 60 patients will be recruited later.", None),
        ("In 2019, 300 patients were treated.", None),
        ("The cohort of 2.5 patients will participate.", None),
    ],
)
def test_enrollment_inference(summary: str, count: int | None) -> None:
    t = text_trial(MINIMAL.replace("A short summary.", summary))
    assert (t.enrollment.count if t.enrollment else None) == count
    assert bool(t.issues_with("inferred_value")) == (count is not None)


def test_noise_lines() -> None:
    page = "Skip to main content\nHome > Planning and improving research > Research summaries\n"
    t = text_trial(page + MINIMAL)
    assert t.brief_title == "ABC-TRIAL"
    assert t.unparsed == [] and t.issues == []


def test_detector() -> None:
    assert hra.analyse_text(Page(MINIMAL)) >= 0.8
    assert hra.analyse_text(Page("hello world")) == 0.0
    isrctn_like = (
        "ISRCTN48391567\nScientific title\nX\nClinicalTrials.gov identifier\nNCT02495467\n"
        "Research summary\nY\nFull title\nZ\n"
    )
    assert hra.analyse_text(Page(isrctn_like)) <= 0.1
    bulleted = decode_bytes((HRA / "bulleted_covid_results.txt").read_bytes())
    assert hra.analyse_text(Page(bulleted)) == 1.0


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "•", "  •\n", "[", "[]", "Research type", "REC opinion\n", "R", "\\n", "]" * 50],
)
def test_odd_inputs_never_crash(text: str) -> None:
    trial = hra.extract(Page(text))
    assert trial.format == "hra"


def test_cut_inside_a_character_keeps_earlier_text() -> None:
    page = MINIMAL.replace(
        "A short summary.", "Run by Centre Léon Bérard.\nSponsor organisation\nCentre Léon Bérard"
    )
    data = page.encode("utf-8")
    cut = data.rindex("é".encode()) + 1  # inside the last "é": one byte of two
    t = trialparse.parse_bytes(data[:cut], "hra")
    assert t.brief_summary == "Run by Centre Léon Bérard."  # no cp1252 mojibake
    assert t.sponsor is not None and t.sponsor.name == "Centre Léon B"
    assert t.issues_with("truncated")


def test_decoding_a_cut_character() -> None:
    """The _text rule the truncation property relies on, and where it stops."""
    utf8 = "Léon Bérard".encode()
    assert decode_bytes(utf8[:-5]) == "Léon B"  # cut inside the second "é": dropped
    assert decode_bytes(b"caf\xe9") == "café"  # ASCII + one high byte: cp1252, kept whole
    assert decode_bytes(b"\xef\xbb\xbf" + utf8[:2]) == "L"  # BOM-marked UTF-8 cut in "é"


def test_a_second_different_value_keeps_its_page_lines() -> None:
    page = MINIMAL.replace(
        "REC name\n",
        "Research summary\nAnother text.\\nSecond line.\nDuration of Study in the UK\n"
        "1 years, 0 months, 0 days\nDuration of Study in the UK\n2 years, 0 months, 0 days\n"
        "REC name\n",
    )
    t = text_trial(page)
    assert t.brief_summary == "A short summary."
    assert t.planned_duration is not None and t.planned_duration.years == 1
    assert [i.field for i in t.issues_with("conflicting_value")] == [
        "brief_summary",
        "planned_duration",
    ]
    kept = [(f.label, f.text) for f in t.unparsed]
    assert ("Research summary", "Another text.\\nSecond line.") in kept  # as printed
    assert ("Duration of Study in the UK", "2 years, 0 months, 0 days") in kept


# --- the fast paths agree with what they replace ------------------------------------------
def _finditer_counts(text: str) -> list[tuple[int, int, str]]:
    """What the enrolment patterns find scanning the whole line (the reference)."""
    found: list[tuple[int, int, str]] = []
    low = text.lower()
    if "will" in low:
        for m in hra._COUNT_FIRST_RE.finditer(text):
            if m.start() == 0 or text[m.start() - 1] not in "0123456789.,":
                hra._planned(found, m, 1, text)
    if any(stem in low for stem in hra._VERB_STEMS):
        for m in hra._VERB_FIRST_RE.finditer(text):
            hra._planned(found, m, 1, text)
    return found


_SEP = st.sampled_from([" ", " ", "  ", "\t", "\xa0", ", ", ""])
_WILL = st.sampled_from(["will", "Will", "WILL", "wıll", "WİLL", "wiLL"])
_COUNT = st.sampled_from(["12", "1,200", "69", "2.5", "x69", "1234567890", "٣", "0", "12,"])
_PEOPLE = st.sampled_from(["patients", "people", "men", "women", "ſubjects", "adults", "mice"])
_WORD = st.sampled_from(["healthy", "adult", "x", "12", "the", "STSAbout", "K", "-", "in"])
_VERB = st.sampled_from(
    ["recruit", "enrol", "enroll", "include", "randomise", "randomize", "ınclude"]
)
_LEAD = st.sampled_from(
    ["will", "aim to", "aims to", "plan to", "planned to", "intends to", "expect to", "hope to",
     "wıll", "hopes to", "is to"]
)  # fmt: skip
_ABOUT = st.sampled_from(["", "about ", "up to ", "a total of ", "approx. ", "around  "])
_AFTER = st.sampled_from(
    ["participate", "take part", "be recruited", "be  enrolled", "be invited", "join", "go"]
)


def _joined(parts: list[str], seps: list[str]) -> str:
    return "".join(p + s for p, s in zip(parts, seps, strict=False))


# sentences shaped like both patterns (and near misses), with filler around them
_COUNT_FIRST = st.builds(
    lambda about, count, words, people, total, will, after, seps: _joined(
        [about + count, *words, people, *total, will, after], seps
    ),
    _ABOUT, _COUNT, st.lists(_WORD, max_size=3), _PEOPLE,
    st.sampled_from([[], ["in total"]]), _WILL, _AFTER, st.lists(_SEP, min_size=9, max_size=9),
)  # fmt: skip
_VERB_FIRST = st.builds(
    lambda lead, verb, about, count, words, people, seps: _joined(
        [lead, verb, about + count, *words, people], seps
    ),
    _LEAD, _VERB, _ABOUT, _COUNT, st.lists(_WORD, max_size=3), _PEOPLE,
    st.lists(_SEP, min_size=8, max_size=8),
)  # fmt: skip
_FILLER = st.sampled_from(["We", "the study", ".", "’", "will", "recruit", "12", "people"])


@given(st.lists(st.one_of(_COUNT_FIRST, _VERB_FIRST, _FILLER), max_size=6), _SEP)
@settings(max_examples=500, deadline=None)
def test_enrolment_candidates_find_what_finditer_finds(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    found: list[tuple[int, int, str]] = []
    hra._planned_counts(found, text, 1)
    assert found == _finditer_counts(text)


@pytest.mark.parametrize(
    "text",
    [
        "About 69 patients will participate to this study",
        "We will recruit 120 participants; 120 participants will be recruited.",
        "x69 patients will participate, 1234567890 x 5 people will participate",
        "It is planned to  enrol 24 patients and we hope to\trandomise about 24 adults",
        "30 men will be recruited from the outpatient clinics",
    ],
)
def test_enrolment_candidates_examples(text: str) -> None:
    found: list[tuple[int, int, str]] = []
    hra._planned_counts(found, text, 1)
    assert found == _finditer_counts(text)
    assert found  # each example states a count


@pytest.mark.parametrize(
    "text",
    ["16 Apr 2021", "3 Nov 2020", "01 Nov 2017", "31 Feb 2021", "29 Feb 2020", "16 April 2021",
     "16 apr 2021", "1 Sep 2020", "16 Apr 21", "pending", "2021-04-16", "٣ Apr 2021"],
)  # fmt: skip
def test_opinion_date_reads_as_parse_partial_date(text: str) -> None:
    assert hra._opinion_date(text) == parse_partial_date(text)


def test_noise_pattern_first_characters() -> None:
    assert hra._first_chars(re.compile(r"Home\s*>", re.I)) == frozenset("Hh")
    assert hra._first_chars(re.compile(r"Skip")) == frozenset("S")
    assert hra._first_chars(re.compile(r"ink", re.I)) == frozenset("iIİı")
    for pattern in (r"H?ome", r"Home|Back", r"\d+ results", r"(?i)home", r"[Hh]ome"):
        assert hra._first_chars(re.compile(pattern)) is None
    # NOISE's own pattern: lines starting otherwise never pay for it
    assert frozenset("Hh") == hra._NOISE_RE_FIRST


def test_detector_needs_iras_id_or_the_rec_block() -> None:
    """Two substring searches decide whether a page is looked at at all."""
    rec_block = (
        "REC name\nWales REC 1\nREC reference\n21/WA/0002\nREC opinion\nFavourable Opinion\n"
    )
    assert hra.analyse_text(Page(rec_block)) == pytest.approx(0.7)  # no IRAS ID: still HRA's
    assert text_trial(rec_block).ethics_reviews[0].reference == "21/WA/0002"
    assert hra.analyse_text(Page("X\nResearch type\nResearch Study\nFull title\nY\n")) == 0.0
    # the usual page is certain from its label lines, whatever the rendering
    for name in ("seed_000_rt-immune.txt", "bulleted_covid_results.txt", "tissue_bank.txt"):
        assert hra.analyse_text(Page(decode_bytes((HRA / name).read_bytes()))) == 1.0
    # odd spaces in the labels: scored line by line, still certain
    nbsp = decode_bytes((HRA / "allcaps_crlf_bom_nbsp.txt").read_bytes())
    assert hra.analyse_text(Page(nbsp)) == 1.0


def test_values_in_other_forms_read_as_the_sites_own() -> None:
    """The site's own spellings are read on a shortcut; other spellings of the same
    values go the general way and give the same fields."""
    extra = (
        "Eudract number\n{eu}\nClinicaltrials.gov Identifier\n{nct}\n"
        "Duration of Study in the UK\n{dur}\nResearch summary"
    )
    own = MINIMAL.replace(
        "Research summary",
        extra.format(eu="2016-005019-42", nct="NCT04980508", dur="2 years, 0 months, 3 days"),
    )
    other = (
        MINIMAL.replace("2 Jan 2020", "2020-01-02")
        .replace("123456", " 123456 ")
        .replace(
            "Research summary",
            extra.format(eu="EUCTR2016-005019-42", nct="nct 04980508", dur="3 days, 2 years"),
        )
    )
    a, b = text_trial(own), text_trial(other)
    for t in (a, b):
        assert t.eudract_number == "2016-005019-42"
        assert t.nct_id == "NCT04980508"
        assert t.iras_id == "123456"
        assert t.planned_duration is not None
        assert (t.planned_duration.years, t.planned_duration.days) == (2, 3)
        assert t.ethics_reviews[0].opinion_date == parse_partial_date("2 Jan 2020")
        assert not t.issues
    # the remembered spellings never tie two Trials together
    c = text_trial(own)
    assert c == a and c.planned_duration is not a.planned_duration
