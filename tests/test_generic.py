"""The generic extractor: layouts, identifiers, placeholders, and what it must not claim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trialparse
from conftest import SAMPLES
from trialparse import _registry
from trialparse._formats import generic
from trialparse._text import Page, decode_bytes

HERE = SAMPLES / "generic"
PAGES = sorted(p for p in HERE.iterdir() if p.suffix in (".txt", ".html"))


def parse(name: str) -> trialparse.Trial:
    return trialparse.parse_file(HERE / name)


def codes(trial: trialparse.Trial) -> list[str]:
    return [i.code for i in trial.issues]


def page(text: str) -> Page:
    return Page(text)


# --- every sample -------------------------------------------------------------------------
def test_at_least_six_layouts() -> None:
    assert len(PAGES) >= 6


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_sample_detected_as_generic_and_marked(path: Path) -> None:
    assert trialparse.detect(path.read_bytes()).format == "generic"
    trial = trialparse.parse_file(path)
    assert trial.format == "generic"
    assert codes(trial).count("generic_extractor") == 1
    assert codes(trial).count("unknown_label") <= 1  # one summary, never a flood


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_generic_score_is_modest(path: Path) -> None:
    score = generic.analyse_text(Page(decode_bytes(path.read_bytes())))
    assert 0.5 <= score <= 0.6


# --- one sample per layout ------------------------------------------------------------------
def test_isrctn_label_then_value_lines() -> None:
    t = parse("isrctn_label_lines.txt")
    assert t.isrctn == "ISRCTN15375287"  # "ISRCTN ISRCTN15375287" on one line
    assert t.iras_id == "250004"  # "IRAS number 250004" on one line
    assert t.nct_id == "NCT03862599"
    assert [s.model_dump() for s in t.secondary_ids] == [{"id": "CPMS 40123", "type": "SPONSOR"}]
    assert t.overall_status == "RECRUITING"
    assert t.study_type == "INTERVENTIONAL"
    assert t.phases == ["NA"]
    assert str(t.first_posted_date) == "2019-03-05"
    assert str(t.last_update_date) == "2023-03-07"
    assert str(t.start_date) == "2021-06-01"
    assert t.enrollment is not None and (t.enrollment.count, t.enrollment.type) == (
        100,
        "ESTIMATED",
    )
    assert t.eligibility is not None
    assert t.eligibility.sex == "MALE"
    assert t.eligibility.minimum_age is not None and t.eligibility.minimum_age.value == 40
    assert t.eligibility.std_ages == ["ADULT"]
    assert t.eligibility.inclusion[0] == "Aged 40 - 65 years"
    assert len(t.eligibility.exclusion) == 2
    # "Study type" on ISRCTN is not asked; "Overall study status: Ongoing" is kept, not mapped
    kept = {(f.label, f.text) for f in t.unparsed}
    assert ("Overall study status", "Ongoing") in kept
    assert ("Organisation", "Guy's and St Thomas' NHS Foundation Trust") in kept
    assert codes(t) == ["generic_extractor"]


def test_isrctn_old_layout_empty_labels_are_not_filled_from_the_next_label() -> None:
    t = parse("isrctn_old_layout_truncated.txt")
    assert t.isrctn == "ISRCTN48391567"  # the id alone on the first line
    assert t.nct_id == "NCT02495467"
    assert t.acronym is None
    empties = {i.message for i in t.issues if i.code == "empty_value"}
    assert empties == {
        "'Acronym' has no value",
        "'Secondary outcome measures' has no value",
        "'Trial website' has no value",
        "'Publications' has no value",
    }
    assert [o.kind for o in t.outcomes] == ["PRIMARY"]
    assert t.sponsor is not None and t.sponsor.name == "Futura Medical Developments Ltd."
    assert str(t.start_date) == "2015-05-15" and str(t.completion_date) == "2016-07-30"
    assert t.overall_status == "COMPLETED"
    truncated = t.issues_with("truncated")
    assert len(truncated) == 1 and truncated[0].line == 46
    assert t.eligibility is not None and t.eligibility.exclusion[-1].endswith("affect the subj")


def test_euctr_label_value_without_space_after_site_text() -> None:
    t = parse("euctr_no_space_colon.txt")
    assert t.eudract_number == "2021-005496-39"
    assert t.nct_id == "NCT05196308"
    assert t.ctis_number is None  # the site's help text shows an example EU CT number
    foreign = t.issues_with("foreign_id")
    assert len(foreign) == 1 and "2023-500001-12-00" in foreign[0].message
    assert t.acronym == "MENOX"  # "A.3.2 Name or abbreviated title of the trial where available"
    assert t.official_title is not None and t.official_title.startswith(
        "Efficacy of Intracavernosal"
    )
    assert t.overall_status == "ACTIVE_NOT_RECRUITING"  # "Trial Status:Ongoing"
    assert str(t.first_posted_date) == "2022-01-12"
    assert t.sponsor is not None and t.sponsor.name == "Assistance Publique - Hôpitaux de Paris"
    assert {"id": "APHP211042", "type": "SPONSOR"} in [s.model_dump() for s in t.secondary_ids]
    # the site's text is not noise to a generic reader: kept
    assert any(f.text == "EU Clinical Trials Register" for f in t.unparsed)


def test_anzctr_spaced_colon() -> None:
    t = parse("anzctr_spaced_colon.txt")
    assert t.nct_id == "NCT00151463"  # "Secondary ID [2] : NCT00151463"
    assert [s.model_dump() for s in t.secondary_ids] == [
        {"id": "ACTRN12605000456789", "type": "ACTRN"},
        {"id": "A1481195", "type": None},
    ]
    assert t.brief_title == "QEQ Treatment Responsiveness Evaluation Study"
    assert t.phases == ["PHASE4"]
    assert t.design is not None
    assert (t.design.allocation, t.design.masking) == ("NON_RANDOMIZED", "NONE")
    assert t.design.intervention_model == "SINGLE_GROUP"
    assert t.eligibility is not None
    assert t.eligibility.sex == "MALE"
    assert t.eligibility.maximum_age is None  # "No limit": kept, no issue
    assert ("Maximum age", "No limit") in {(f.label, f.text) for f in t.unparsed}
    assert t.eligibility.healthy_volunteers is False
    assert str(t.start_date) == "2005-01-01"
    assert [i.field for i in t.issues_with("empty_value")] == ["acronym"]  # "Trial acronym :"
    assert not t.issues_with("unmapped_value")


def test_pactr_pipe_tables() -> None:
    t = parse("pactr_pipe_tables.txt")
    assert t.nct_id == "NCT03102762"  # "| ClinicalTrials.gov | NCT03102762 |"
    assert [s.model_dump() for s in t.secondary_ids] == [
        {"id": "PACTR201704002163418", "type": "PACTR"}
    ]
    assert t.brief_title == "Botulinum Toxin for Erectile Dysfunction"
    assert t.overall_status == "COMPLETED"
    assert str(t.start_date) == "2017-01-03"
    # anticipated and actual sample sizes: the actual one wins
    assert t.enrollment is not None and (t.enrollment.count, t.enrollment.type) == (70, "ACTUAL")
    assert t.sponsor is not None and t.sponsor.name == "Cairo University"
    # table headers ("| SECONDARY IDENTIFIERS | |" above |---|) are not empty labels
    assert [i.field for i in t.issues_with("empty_value")] == ["acronym"]
    rows = [f for f in t.unparsed if f.text.startswith("| Experimental Group")]
    assert rows and rows[0].label == "INTERVENTIONS"


def test_ctri_tab_rows() -> None:
    t = parse("ctri_tab_rows.txt")
    assert t.nct_id == "NCT03566914"  # a table row naming ClinicalTrials.gov
    assert [s.model_dump() for s in t.secondary_ids] == [
        {"id": "CTRI/2018/06/014512", "type": "CTRI"}
    ]
    assert t.eligibility is not None
    assert t.eligibility.minimum_age is not None
    assert (t.eligibility.minimum_age.value, t.eligibility.minimum_age.unit) == (21, "YEARS")
    assert t.enrollment is not None and t.enrollment.count == 140  # Total Sample Size="140"
    assert t.phases == ["NA"]
    assert t.overall_status == "COMPLETED"  # (India); "(Global): Not Applicable" is a placeholder
    assert str(t.start_date) == "2018-06-30" and str(t.completion_date) == "2019-12-28"
    assert t.design is not None and t.design.masking == "NONE"
    # "Type of Study: Drug" on CTRI is not a study type: unmapped, kept, flagged
    assert [i.field for i in t.issues_with("unmapped_value")] == ["study_type"]
    assert not t.issues_with("invalid_date")  # "No Date Specified" is a placeholder
    assert t.countries == ["India"]


def test_markdown_bold_mirror() -> None:
    t = parse("mirror_markdown_bold.txt")
    assert t.nct_id == "NCT05100654"  # "**NCT05100654**" under the title
    assert t.overall_status == "ACTIVE_NOT_RECRUITING"
    assert t.phases == ["EARLY_PHASE1"]
    assert t.acronym == "CUPID"
    assert str(t.primary_completion_date) == "2024-12-31"
    assert t.enrollment is not None and (t.enrollment.count, t.enrollment.type) == (
        800,
        "ESTIMATED",
    )
    assert t.conditions == ["Erectile Dysfunction", "Penile Prosthesis Infection"]
    assert [(i.type, i.name) for i in t.interventions][:2] == [
        ("DRUG", "Doxycycline"),
        ("DRUG", "Ciprofloxacin"),
    ]
    assert [c.name for c in t.collaborators] == ["Loyola University"]
    assert t.eligibility is not None
    assert t.eligibility.maximum_age is not None and t.eligibility.maximum_age.value == 90
    assert t.eligibility.std_ages == ["ADULT", "OLDER_ADULT"]
    assert len(t.eligibility.inclusion) == 2 and len(t.eligibility.exclusion) == 3
    assert t.design is not None and t.design.primary_purpose == "PREVENTION"
    # "see also NCT05196308": another trial, never this one's id
    assert [r.nct_id for r in t.related_studies] == ["NCT05196308"]
    assert len(t.issues_with("foreign_id")) == 1


def test_label_colon_mirror_placeholders_and_foreign_id() -> None:
    t = parse("mirror_label_colon.txt")
    assert t.nct_id == "NCT06076850"
    assert [r.nct_id for r in t.related_studies] == ["NCT03862599"]
    assert t.phases == ["NA"]  # "Phase: Not Applicable" mapped as written
    assert t.enrollment is not None and t.enrollment.count == 0
    (bad,) = t.issues_with("invalid_value")
    assert bad.field == "enrollment" and bad.line == 9
    assert str(t.start_date) == "2023-07-01" and str(t.completion_date) == "2025-06-30"
    assert [(i.type, i.name.endswith("Sham")) for i in t.interventions] == [
        ("DEVICE", False),
        ("DEVICE", True),
    ]
    assert t.brief_summary is not None and t.brief_summary.count("\n") == 1  # two paragraphs
    assert t.countries == ["Malaysia"]


def test_saved_html_page() -> None:
    t = parse("mirror_saved_page.html")
    assert (t.nct_id, t.eudract_number) == ("NCT06433596", "2022-002985-34")
    assert t.overall_status == "RECRUITING"
    assert str(t.primary_completion_date) == "2026-06"  # month precision kept
    assert t.enrollment is not None and (t.enrollment.count, t.enrollment.type) == (
        116,
        "ESTIMATED",
    )
    assert t.eligibility is not None and len(t.eligibility.inclusion) == 3


# --- small pages for each layout --------------------------------------------------------------
_FIELDS = [
    ("Trial ID", "NCT01234567"),
    ("Recruitment status", "Not yet recruiting"),
    ("Study phase", "Phase 2/Phase 3"),
    ("Start date", "March 2024"),
    ("Target sample size", "1,200"),
    ("Gender", "Female"),
]
_LAYOUTS = {
    "colon": "{}: {}",
    "spaced colon": "{} : {}",
    "no space": "{}:{}",
    "label line": "{}\n{}",
    "pipe row": "| {} | {} |",
    "pipe row, no leading pipe": "{} | {} |",
    "bold bullet": "- **{}:** {}",
    "tab cells": "{}\t{}",
}


@pytest.mark.parametrize("layout", list(_LAYOUTS), ids=list(_LAYOUTS))
def test_every_layout_reads_the_same_record(layout: str) -> None:
    text = "\n".join(_LAYOUTS[layout].format(k, v) for k, v in _FIELDS) + "\n"
    assert trialparse.detect(text).format == "generic"
    t = trialparse.parse_text(text)
    assert t.nct_id == "NCT01234567"
    assert t.overall_status == "NOT_YET_RECRUITING"
    assert t.phases == ["PHASE2", "PHASE3"]
    assert str(t.start_date) == "2024-03"
    assert t.enrollment is not None and (t.enrollment.count, t.enrollment.type) == (
        1200,
        "ESTIMATED",
    )
    assert t.eligibility is not None and t.eligibility.sex == "FEMALE"
    assert codes(t) == ["generic_extractor"]
    assert not t.unparsed


def test_unknown_labels_are_kept_with_one_summary_issue() -> None:
    text = (
        "Trial ID: NCT01234567\nStatus: Recruiting\nPhase: Phase 1\nSex: All\n"
        "Funding body: Wellcome Trust\nEthics committee: Leeds East\n"
    )
    t = trialparse.parse_text(text, "generic")
    assert {(f.label, f.text) for f in t.unparsed} == {
        ("Funding body", "Wellcome Trust"),
        ("Ethics committee", "Leeds East"),
    }
    (issue,) = t.issues_with("unknown_label")
    assert "'Funding body'" in issue.message and issue.line == 5


def test_unmapped_value_is_kept_with_an_issue() -> None:
    t = trialparse.parse_text("NCT Number: NCT01234567\nStatus: Paused-ish\n", "generic")
    assert t.overall_status is None
    assert [(i.code, i.field) for i in t.issues[1:]] == [("unmapped_value", "overall_status")]
    assert [(f.label, f.text) for f in t.unparsed] == [("Status", "Paused-ish")]


def test_malformed_id_under_a_kind_label() -> None:
    t = trialparse.parse_text("NCT Number: NCT123\nStatus: Recruiting\n", "generic")
    assert t.nct_id is None
    assert [i.code for i in t.issues_with("malformed_id")] == ["malformed_id"]
    assert [s.id for s in t.secondary_ids] == ["NCT123"]


def test_mentioned_id_in_running_text_is_not_the_page_id() -> None:
    text = (
        "Status: Recruiting\nPhase: Phase 3\nSex: Male\n"
        "Summary: This extends the earlier NCT00000001 trial to older men.\n"
    )
    t = trialparse.parse_text(text, "generic")
    assert t.nct_id is None
    assert [r.nct_id for r in t.related_studies] == ["NCT00000001"]


def test_most_repeated_unlabelled_id_is_the_page_id() -> None:
    text = (
        "A study of X\n\nSome intro text\nmore intro\nyet more\nstill more\n"
        "Status: Recruiting\nPhase: Phase 3\n"
        "Read NCT00000002 on the registry; NCT00000002 is updated weekly.\n"
        "Related to NCT00000003.\n"
    )
    t = trialparse.parse_text(text, "generic")
    assert t.nct_id == "NCT00000002"
    assert [r.nct_id for r in t.related_studies] == ["NCT00000003"]


def test_iras_needs_its_label() -> None:
    t = trialparse.parse_text(
        "IRAS ID: 276314\nStatus: Recruiting\nPhase: Phase 2\nNCT Number: NCT01234567\n"
        "Sample size: 276315\n",
        "generic",
    )
    assert t.iras_id == "276314"
    assert t.enrollment is not None and t.enrollment.count == 276315


def test_empty_inline_label_is_empty_not_the_next_line() -> None:
    text = (
        "Trial ID : NCT01234567\nAcronym :\nSponsor : Acme\nStatus : Recruiting\nPhase : Phase 2\n"
    )
    t = trialparse.parse_text(text, "generic")
    assert t.acronym is None
    assert t.sponsor is not None and t.sponsor.name == "Acme"
    assert [(i.code, i.field, i.line) for i in t.issues[1:]] == [("empty_value", "acronym", 2)]


def test_no_truncated_issue_on_a_complete_page() -> None:
    for name in ("isrctn_label_lines.txt", "mirror_label_colon.txt", "anzctr_spaced_colon.txt"):
        assert not parse(name).issues_with("truncated")


# --- what generic must not claim ----------------------------------------------------------------
NEWS = """Health news | 3 March 2024
New drug slows kidney decline in phase 3 trial
By our science reporter
A phase 3 trial of finerenone (NCT02540993) found that patients with chronic kidney disease
and type 2 diabetes had fewer kidney events than those on placebo. The study, which recruited
5,734 adults in 48 countries, was sponsored by Bayer. Recruitment finished in 2018.
"This is good news for patients," said one of the investigators. Status: the drug is now
approved in the EU and the US. Results were published in the New England Journal of Medicine.
Read more: Our coverage of kidney research
"""

GLOSSARY = """Glossary of common site terms
Phase: The stage of a clinical trial studying a drug or biological product, based on
definitions developed by the U.S. Food and Drug Administration (FDA).
Recruitment status: Indicates the current stage of a clinical study and whether it is or
will be open for enrollment.
Sponsor: The organization or person who initiates the study and who has authority and
control over the study.
Enrollment: The number of participants in a clinical study.
Study type: Describes the nature of a clinical study. Study types include interventional
studies, observational studies and expanded access.
Start date: The actual date on which the first participant was enrolled in a clinical study.
NCT Number: A unique identification code given to each clinical study record registered on
ClinicalTrials.gov. The format is "NCT" followed by an 8-digit number (for example,
NCT00000419).
Sex: A type of eligibility criteria that indicates the sex of people who may participate.
"""

SEARCH_RESULTS = """Search results: 3 studies found for sarcoma
1. Anlotinib Plus Toripalimab in Advanced Soft Tissue Sarcoma
NCT Number: NCT04172805
Status: Recruiting
Phase: Phase 2
Conditions: Soft Tissue Sarcoma
2. Atezolizumab and Radiotherapy in Localised Soft Tissue Sarcoma
NCT Number: NCT03474094
Status: Active, not recruiting
Phase: Phase 2
Conditions: Soft Tissue Sarcoma
3. SBRT and ATRA in Oligometastatic Sarcoma
NCT Number: NCT05874401
Status: Not yet recruiting
Phase: Phase 1/Phase 2
Conditions: Sarcoma
"""


@pytest.mark.parametrize(
    "text", [NEWS, GLOSSARY, SEARCH_RESULTS], ids=["news", "glossary", "search-results"]
)
def test_pages_that_are_not_one_trial_record_stay_unknown(text: str) -> None:
    assert generic.analyse_text(Page(text)) < 0.2
    with pytest.raises(trialparse.UnknownFormatError):
        trialparse.parse_text(text)


@pytest.mark.parametrize(
    "text",
    [
        json.dumps({"protocolSection": {"statusModule": {"overallStatus": "RECRUITING"}}}),
        '[{"nct_id": "NCT01234567", "status": "Recruiting", "phase": "Phase 2"}]',
        '<?xml version="1.0"?>\n<clinical_study><id_info><nct_id>NCT01234567</nct_id>'
        "</id_info><overall_status>Recruiting</overall_status><phase>Phase 2</phase>"
        "</clinical_study>",
    ],
    ids=["json", "json-array", "xml"],
)
def test_structured_input_scores_zero(text: str) -> None:
    assert generic.analyse_text(Page(text)) == 0.0


def test_a_page_of_labels_without_any_id_is_not_claimed() -> None:
    text = "Status: Recruiting\nPhase: Phase 2\nSex: All\nStart date: 2020-01-01\n"
    assert generic.analyse_text(Page(text)) < 0.2
    with pytest.raises(trialparse.UnknownFormatError):
        trialparse.parse_text(text)


def test_generic_is_consulted_only_when_no_dedicated_detector_is_sure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (HERE / "mirror_label_colon.txt").read_text(encoding="utf-8")
    hra = _registry.get_module("hra")
    for dedicated, expected in ((0.95, "hra"), (0.5, "hra"), (0.45, "generic")):
        monkeypatch.setattr(hra, "analyse_text", lambda _p, d=dedicated: d)
        scores = dict(_registry.scores(Page(text)))
        assert ("generic" in scores) == (dedicated < _registry.FALLBACK_BELOW)
        assert trialparse.detect(text).format == expected


def test_never_beats_a_dedicated_format_on_its_samples() -> None:
    others = [
        p
        for folder in sorted(SAMPLES.iterdir())
        if folder.is_dir() and folder.name != "generic"
        for p in sorted(folder.iterdir())
        if p.suffix in (".txt", ".html", ".htm", ".json", ".xml", ".jsonl")
        and not p.name.endswith(".golden.json")
    ]
    for path in others:
        scores = dict(_registry.scores(Page(decode_bytes(path.read_bytes()))))
        own = scores.get(path.parent.name, 0.0)
        assert scores.get("generic", 0.0) <= max(0.0, own - 0.3) + 1e-9, (path, scores)


def test_lexicon_handlers_are_known() -> None:
    fields = set(generic._PATHS) | {
        "overall_status",
        "phases",
        "study_type",
        "start_date",
        "primary_completion_date",
        "completion_date",
        "first_posted_date",
        "last_update_date",
        "enrollment",
        "sponsor",
        "collaborators",
        "conditions",
        "interventions",
        "keywords",
        "countries",
        "brief_title",
        "official_title",
        "acronym",
        "brief_summary",
        "detailed_description",
        "keep",
        "head",
    }
    for label, handler in generic.LABELS.items():
        assert handler in fields or handler.startswith("id:"), (label, handler)
    # one table: no two spellings collapse to one key with different meanings
    seen: dict[str, str] = {}
    for label, handler in generic.LABELS.items():
        key = generic._label_key(label)
        assert seen.setdefault(key, handler) == handler, (label, seen[key], handler)


# --- shortcuts: the same answers as the long way ---------------------------------------------
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_the_extraction_takes_the_rows_its_detection_made(path: Path) -> None:
    text = decode_bytes(path.read_bytes())
    page = Page(text)
    assert generic.analyse_text(page) > 0
    rows = page.derived[generic._ROWS_KEY]
    reader = generic._Reader(page)
    assert reader.rows is rows  # taken, not made again
    assert generic._ROWS_KEY not in page.derived  # and not left for another extraction
    # the same Trial as an extraction that makes its own rows, and as a parse
    alone = generic.extract(Page(text))
    assert reader.run() == alone == trialparse.parse_text(text)


def test_a_long_page_leaves_no_partial_rows() -> None:
    # detection reads the first _SCAN_LINES lines only: those rows are not the page's
    text = (SAMPLES / "generic" / "anzctr_spaced_colon.txt").read_text(encoding="utf-8")
    page = Page(text + "\nmore text\n" * generic._SCAN_LINES)
    generic.analyse_text(page)
    assert generic._ROWS_KEY not in page.derived
    assert len(generic._Reader(page).rows) == len(page.lines)


def _id_space_pair_every_line(stripped: str) -> tuple[str, str, str] | None:
    """_id_space_pair as it was: every line's first words looked up as labels."""
    return generic._id_space_pair_words(stripped)


# label words, ids with and without digits, and digits that are not ASCII
_ID_WORDS = st.sampled_from(
    [
        "ISRCTN",
        "IRAS",
        "number",
        "IRAS ID",
        "ReBEC",
        "Trial ID",
        "NCT",
        "Secondary ID",
        "ID",
        "RBR-7b4n2k",
        "rbr-abcdef",
        "ISRCTN15375287",
        "NCT04980508",
        "2016-005019-42",
        "250004",
        "٢٥٠٠٠٤",
        "EudraCT",
        "Protocol",
        "of",
        "the",
        "x",
        "é",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ID_WORDS, min_size=1, max_size=6), st.booleans())
def test_id_space_pairs_are_found_as_every_line_would(words: list[str], upper: bool) -> None:
    line = " ".join(words)
    if upper:
        line = line.upper()
    assert generic._id_space_pair(line) == _id_space_pair_every_line(line)


def test_id_space_pairs_on_every_sample_line() -> None:
    lines = {
        line.strip()
        for page in SAMPLES.rglob("*.txt")
        for line in page.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.strip() and len(line.strip()) <= 120
    }
    # and the lines whose id has no digit (ReBEC's) or is not ASCII
    lines |= {"Trial ID RBR-7b4n2k", "Secondary ID rbr-abcdef", "IRAS ID ٢٥٠٠٠٤", "Trial ID RBR"}
    found = 0
    for line in lines:
        pair = generic._id_space_pair(line)
        assert pair == _id_space_pair_every_line(line), line
        found += pair is not None
    assert found >= 3  # the samples do have such lines ("ISRCTN ISRCTN15375287")


def test_label_handlers_from_the_memo_are_the_lexicon_s() -> None:
    for label in ["Condition(s):", "Secondary ID [1]", "A.3.2 Title", "Sex/Gender", "Nope"]:
        assert generic._handler(label) == generic._read_handler(label)
        assert generic._handler(label) == generic._HANDLERS[label]  # now from the table
    assert generic._handler("x" * (generic._MAX_LABEL + 1)) is None
