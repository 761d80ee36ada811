"""ctgov-xml: the legacy <clinical_study> XML (modern, 2014 and Archive dialects),
the hardened XML reader, and proof on the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

import trialparse
from conftest import SAMPLES, needs_corpus
from trialparse import _registry
from trialparse._dates import DatePrecision
from trialparse._errors import InputError, UnsafeXMLError
from trialparse._formats import ctgov_xml
from trialparse._formats.ctgov_xml import _unwrap
from trialparse._model import Trial
from trialparse._text import Page
from trialparse._xml import parse_xml, parse_xml_lines

HERE = SAMPLES / "ctgov-xml"


def parse(name: str) -> Trial:
    return trialparse.parse_file(HERE / name)


def record(body: str, *, head: str = '<?xml version="1.0" encoding="UTF-8"?>\n') -> str:
    """A small modern record around the given elements."""
    return (
        f"{head}<clinical_study>\n"
        "  <id_info><org_study_id>X-1</org_study_id><nct_id>NCT01234567</nct_id></id_info>\n"
        "  <brief_title>A title</brief_title>\n"
        f"{body}\n"
        "</clinical_study>\n"
    )


def codes(trial: Trial, code: str) -> list[tuple[str | None, int | None]]:
    return [(i.field, i.line) for i in trial.issues_with(code)]


# --- the samples, value by value ----------------------------------------------------------
def test_modern_record() -> None:
    t = parse("modern-NCT03494712-trimmed.xml")
    assert t.format == "ctgov-xml"
    assert t.nct_id == "NCT03494712"
    assert t.eudract_number == "2017-004180-12"
    assert [(s.id, s.type) for s in t.secondary_ids] == [("CL1-95010-001", "SPONSOR")]
    assert t.overall_status == "RECRUITING"
    assert t.study_type == "INTERVENTIONAL"
    assert t.phases == ["PHASE1"]
    assert str(t.start_date) == "2018-02-21"
    assert t.start_date is not None and t.start_date.precision == DatePrecision.DAY
    assert str(t.first_posted_date) == "2018-04-11"  # study_first_posted, not _submitted
    assert t.design is not None
    assert t.design.masking == "DOUBLE"
    assert t.design.who_masked == ["PARTICIPANT", "INVESTIGATOR"]
    assert t.design.intervention_model == "SEQUENTIAL"
    assert t.design.number_of_arms == 2
    assert t.enrollment is not None
    assert (t.enrollment.count, t.enrollment.type) == (49, "ESTIMATED")  # "Anticipated"
    assert t.eligibility is not None
    assert t.eligibility.sex == "MALE"
    assert t.eligibility.healthy_volunteers is True  # "Accepts Healthy Volunteers"
    assert t.eligibility.minimum_age is not None and t.eligibility.minimum_age.value == 18
    assert len(t.eligibility.exclusion) == 4
    # own keywords first, then the MeSH term the site assigned
    assert t.keywords == [
        "healthy volunteer",
        "antimiR",
        "single ascending dose",
        "Cardiovascular Diseases",
    ]
    assert t.contacts[0].role == "CENTRAL_CONTACT"
    assert t.contacts[0].phone == "+33 1 55 72 43 66"
    assert t.locations[0].status == "RECRUITING"
    assert [o.kind for o in t.outcomes] == ["PRIMARY", "SECONDARY", "SECONDARY", "SECONDARY"]
    # protocol content without a schema field is kept, labelled by element path
    assert ("arm_group/arm_group_label", "Placebo") in [(f.label, f.text) for f in t.unparsed]
    assert t.issues == []


def test_modern_observational_record() -> None:
    t = parse("modern-observational-NCT02830269.xml")
    assert t.study_type == "OBSERVATIONAL"
    assert t.phases == []
    assert t.design is None
    assert [c.role for c in t.contacts] == [
        "CENTRAL_CONTACT",
        "CENTRAL_CONTACT",  # the backup contact
        "STUDY_DIRECTOR",
        "STUDY_CHAIR",
        "PRINCIPAL_INVESTIGATOR",
        "CONTACT",  # the site's contact, its facility as affiliation
    ]
    assert t.contacts[-1].affiliation == "UHMontpellier"
    kept = {f.label: f.text for f in t.unparsed}
    assert kept["study_design_info/observational_model"] == "Other"
    assert kept["eligibility/study_pop"] == "All patients admitted to the neurointensive care"
    # the 2016-A00749-42 French registry number is not an EudraCT number
    assert t.eudract_number is None
    assert ("2016-A00749-42", None) in [(s.id, s.type) for s in t.secondary_ids]


def test_results_are_ignored_cleanly() -> None:
    t = parse("results-NCT01065844-trimmed.xml")
    assert t.issues == []
    assert not any(f.label and "result" in f.label for f in t.unparsed)
    # only the protocol's outcome measures, none from <clinical_results>
    assert [(o.kind, o.measure) for o in t.outcomes] == [
        ("PRIMARY", "Tumor Progression"),
        ("SECONDARY", "Quality of Life"),
    ]
    assert t.results_summary is None
    assert str(t.last_update_date) == "2017-12-11"
    assert t.eligibility is not None
    inclusion = t.eligibility.inclusion
    # nested items are items; wrapped lines are joined
    assert "leukocytes ≥ 3,000/mm3" in inclusion
    assert inclusion[1] == (
        "Cancer should be staged recurrent or end-stage with/without metastases who have"
        " failed all other therapy."
    )
    # the responsible investigator, named differently from the official, is listed too
    assert [(c.name, c.role) for c in t.contacts] == [
        ("John M. Buatti, M.D.", "PRINCIPAL_INVESTIGATOR"),
        ("John M. Buatti", "PRINCIPAL_INVESTIGATOR"),
    ]


def test_2014_dialect() -> None:
    t = parse("dialect2014-NCT01809002.xml")
    assert t.design is not None
    assert t.design.allocation == "RANDOMIZED"
    assert t.design.intervention_model == "PARALLEL"
    assert t.design.primary_purpose == "TREATMENT"
    assert t.design.masking == "DOUBLE"  # "Double Blind (Subject, Outcomes Assessor)"
    assert t.design.who_masked == ["PARTICIPANT", "OUTCOMES_ASSESSOR"]
    # <firstreceived_date> / <lastchanged_date> stand in for the posted dates
    assert str(t.first_posted_date) == "2013-03-04"
    assert str(t.last_update_date) == "2013-03-08"
    assert str(t.start_date) == "2013-05"  # "May 2013": the month, not a day
    assert t.start_date is not None and t.start_date.precision == DatePrecision.MONTH
    assert t.completion_date is None
    assert t.eligibility is not None and t.eligibility.sex == "ALL"  # "Both"
    assert t.issues == []


def test_withheld_record() -> None:
    t = parse("withheld-NCT03182660.xml")
    assert t.overall_status == "WITHHELD"
    assert t.study_type is None  # "N/A": no value, and no issue
    assert t.sponsor is not None and t.sponsor.name == "[Redacted]"
    assert t.sponsor.class_ is None
    assert t.issues == []


def test_archive_dialect_2013() -> None:
    t = parse("archive-NCT00077454_20130604.xml")
    assert t.nct_id == "NCT00077454"
    assert ("U01CA097452", "NIH") in [(s.id, s.type) for s in t.secondary_ids]
    assert t.secondary_ids[0].id == "NCI-2012-01808"
    assert t.secondary_ids[0].type == "SPONSOR"
    assert t.brief_title == (
        "Erlotinib and Temozolomide in Treating Young Patients With Recurrent or Refractory"
        " Solid Tumors"
    )
    assert t.official_title is not None and "  " not in t.official_title
    assert t.detailed_description is not None
    assert t.detailed_description.startswith("PRIMARY OBJECTIVES:\nI. Determine")
    assert t.overall_status == "COMPLETED"
    assert t.phases == ["PHASE1"]
    assert str(t.start_date) == "2004-02"
    assert str(t.primary_completion_date) == "2007-09"
    assert str(t.first_posted_date) == "2004-02-10"  # initial_release_date
    assert str(t.last_update_date) == "2013-06-04"  # last_release_date
    assert t.design is not None
    # <design> terms: "Treatment", "Open Label", "Single Group Assignment"
    assert t.design.primary_purpose == "TREATMENT"
    assert t.design.masking == "NONE"
    assert t.design.intervention_model == "SINGLE_GROUP"
    assert ("design", "Safety Study") in [(f.label, f.text) for f in t.unparsed]
    assert t.enrollment is not None and (t.enrollment.count, t.enrollment.type) == (95, "ACTUAL")
    assert [i.type for i in t.interventions] == ["DRUG", "DRUG", "OTHER", "OTHER"]
    assert t.interventions[0].description == "Given orally (PO)"
    assert t.locations[0].status == "COMPLETED"
    assert codes(t, "empty_value") == [("eligibility.minimum_age", 398)]
    assert len(t.issues) == 1


def test_archive_dialect_2006() -> None:
    t = parse("archive-NCT00077454_20060216-trimmed.xml")
    assert t.overall_status == "ACTIVE_NOT_RECRUITING"  # "No longer recruiting"
    assert t.sponsor is not None and t.sponsor.name == "Children's Oncology Group"
    assert [c.name for c in t.collaborators] == ["National Cancer Institute (NCI)"]
    assert t.eligibility is not None
    assert t.eligibility.minimum_age is None  # "N/A"
    assert t.eligibility.maximum_age is not None and t.eligibility.maximum_age.value == 21
    assert t.eligibility.inclusion[0] == "DISEASE CHARACTERISTICS:"
    assert "Brain tumors" in t.eligibility.inclusion
    assert t.contacts[0].role == "STUDY_CHAIR"
    assert t.contacts[1].role is None  # <role></role>
    # the archive's template elements left empty: issues, never filled from elsewhere
    assert codes(t, "empty_value") == [
        ("start_date", 87),
        ("completion_date", 91),
        ("enrollment.count", 299),
    ]
    assert t.start_date is None and t.enrollment is None


# --- hostile and broken XML ------------------------------------------------------------------
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE clinical_study [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<clinical_study>
  <id_info><nct_id>NCT01234567</nct_id></id_info>
  <brief_title>&lol9;</brief_title>
</clinical_study>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE clinical_study [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<clinical_study><id_info><nct_id>NCT01234567</nct_id></id_info>
<brief_title>&xxe;</brief_title></clinical_study>
"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE clinical_study SYSTEM "http://clinicaltrials.gov/ct2/html/images/info/public.dtd">
<clinical_study><id_info><nct_id>NCT01234567</nct_id></id_info></clinical_study>
"""

PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE clinical_study [<!ENTITY % ext SYSTEM "http://example.org/evil.dtd"> %ext;]>
<clinical_study/>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD, PARAMETER_ENTITY])
def test_unsafe_xml_is_refused_with_a_clear_error(text: str) -> None:
    with pytest.raises(UnsafeXMLError, match="refused unsafe XML") as info:
        trialparse.parse_text(text)  # detected as ctgov-xml, then refused before any expansion
    assert isinstance(info.value, InputError)
    assert "DTD" in str(info.value) or "entity" in str(info.value)
    with pytest.raises(UnsafeXMLError):
        parse_xml(text)


def test_entity_declaration_is_refused_even_without_a_doctype_name_match() -> None:
    with pytest.raises(UnsafeXMLError, match="DTD"):
        parse_xml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')


def test_undeclared_entity_is_malformed_xml() -> None:
    with pytest.raises(InputError, match=r"line 1, column \d+"):
        parse_xml("<a>&x;</a>")


def test_malformed_xml_says_where() -> None:
    broken = record("  <overall_status>Recruiting</overall_stat>")
    with pytest.raises(InputError, match=r"malformed XML at line 5, column \d+: mismatched tag"):
        trialparse.parse_text(broken)


def test_truncated_record_is_an_input_error() -> None:
    text = (HERE / "dialect2014-NCT01809002.xml").read_text(encoding="utf-8")
    with pytest.raises(InputError, match="malformed XML"):
        trialparse.parse_text(text[: len(text) // 2])


def test_deeply_nested_xml_is_handled() -> None:
    depth = 100_000
    text = record("<deep>" * depth + "x" + "</deep>" * depth)
    t = trialparse.parse_text(text)
    assert codes(t, "unknown_label") == [(None, 5)]
    assert [(f.label, f.text) for f in t.unparsed] == [("/".join(["deep"] * depth), "x")]


def test_huge_text_is_handled() -> None:
    big = "word " * 2_000_000
    t = trialparse.parse_text(
        record(f"<brief_summary><textblock>{big}</textblock></brief_summary>")
    )
    assert t.brief_summary is not None and len(t.brief_summary) > 9_000_000


def test_lone_surrogate_is_an_input_error() -> None:
    with pytest.raises(InputError):
        parse_xml("<a>\ud800</a>")


# --- edge cases of the mapping ------------------------------------------------------------
def test_unknown_element_is_kept_with_an_issue() -> None:
    t = trialparse.parse_text(record("  <new_field><part>hello</part></new_field>"))
    assert t.issues_with("unknown_label")[0].message.startswith("unknown element <new_field>")
    assert [(f.label, f.text, f.line) for f in t.unparsed] == [("new_field/part", "hello", 5)]


def test_unmapped_value_is_kept_with_an_issue() -> None:
    t = trialparse.parse_text(
        record("  <overall_status>Sleeping</overall_status>\n  <phase>Phase 9</phase>")
    )
    assert t.overall_status is None and t.phases == []
    assert codes(t, "unmapped_value") == [("overall_status", 5), ("phases", 6)]
    assert {f.text for f in t.unparsed} == {"Sleeping", "Phase 9"}


def test_empty_elements_are_issues() -> None:
    t = trialparse.parse_text(
        record(
            "  <phase></phase>\n  <start_date/>\n  <eligibility><gender> </gender></eligibility>"
        )
    )
    assert codes(t, "empty_value") == [
        ("phases", 5),
        ("start_date", 6),
        ("eligibility.sex", 7),
    ]


def test_invalid_values_are_kept() -> None:
    t = trialparse.parse_text(
        record(
            "  <start_date>Spring-ish</start_date>\n"
            "  <enrollment type='Actual'>about 50</enrollment>\n"
            "  <eligibility><minimum_age>young</minimum_age></eligibility>"
        )
    )
    assert codes(t, "invalid_date") == [("start_date", 5)]
    assert codes(t, "invalid_value") == [("enrollment.count", 6), ("eligibility.minimum_age", 7)]
    assert {f.text for f in t.unparsed} == {"Spring-ish", "about 50", "young"}


def test_modern_date_wins_over_the_old_name() -> None:
    t = trialparse.parse_text(
        record(
            "  <firstreceived_date>June 1, 2017</firstreceived_date>\n"
            '  <study_first_posted type="Actual">June 9, 2017</study_first_posted>\n'
            "  <lastchanged_date>July 2, 2017</lastchanged_date>"
        )
    )
    assert str(t.first_posted_date) == "2017-06-09"
    assert str(t.last_update_date) == "2017-07-02"  # no last_update_posted: the old one serves
    assert t.issues == []


def test_study_design_text_with_unknown_key() -> None:
    t = trialparse.parse_text(
        record(
            "  <study_design>Allocation: Non-Randomized, Endpoint Classification: Safety/Efficacy"
            " Study, Masking: Double Blind (Subject, Caregiver, Investigator), Flavour: Mint"
            "</study_design>"
        )
    )
    assert t.design is not None
    assert t.design.allocation == "NON_RANDOMIZED"
    assert t.design.who_masked == ["PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR"]
    kept = [(f.label, f.text) for f in t.unparsed]
    assert kept == [
        ("study_design/Endpoint Classification", "Safety/Efficacy Study"),
        ("study_design/Flavour", "Mint"),
    ]
    assert len(t.issues_with("unknown_label")) == 1


def test_nct_id_is_read_first_and_checked() -> None:
    t = trialparse.parse_text(
        "<clinical_study><id_info><org_study_id>NCT11111111</org_study_id>"
        "<nct_id>NCT02222222</nct_id></id_info><brief_title>T</brief_title></clinical_study>"
    )
    assert t.nct_id == "NCT02222222"
    assert ("NCT11111111", "NCT") in [(s.id, s.type) for s in t.secondary_ids]
    bad = trialparse.parse_text(
        "<clinical_study><id_info><nct_id>NCT123</nct_id></id_info></clinical_study>"
    )
    assert bad.nct_id is None
    assert codes(bad, "malformed_id") == [("nct_id", 1)]


def test_whitespace_before_the_declaration_keeps_lines() -> None:
    text = "\n\n" + record("  <overall_status>Sleeping</overall_status>")
    t = trialparse.parse_text(text)
    assert codes(t, "unmapped_value") == [("overall_status", 7)]
    doc = parse_xml_lines(text)
    assert doc.line(doc.root) == 4


def test_wrapper_with_several_records() -> None:
    one = record("").split("\n", 1)[1]
    text = f"<search_results>\n{one}{one.replace('NCT01234567', 'NCT07654321')}</search_results>"
    trials = list(ctgov_xml.extract_many(Page(text)))
    assert [t.nct_id for t in trials] == ["NCT01234567", "NCT07654321"]
    with pytest.raises(trialparse.MultipleRecordsError):
        trialparse.parse_text(text, "ctgov-xml")


def test_other_xml_is_not_claimed() -> None:
    other = "<?xml version='1.0'?><rss><channel><title>news</title></channel></rss>"
    assert ctgov_xml.analyse_text(Page(other)) == 0.0
    with pytest.raises(trialparse.UnknownFormatError):
        trialparse.parse_text(other)
    with pytest.raises(trialparse.FormatMismatchError):
        trialparse.parse_text(other, "ctgov-xml")
    # a clinical_study root only named in passing, in a text page, is not XML
    assert ctgov_xml.analyse_text(Page("About the <clinical_study> element\n")) == 0.0
    assert ctgov_xml.analyse_text(Page("<html><body><clinical_study/></body></html>")) == 0.0


def test_unwrap_joins_the_sites_wraps_only() -> None:
    wrapped = (
        "      This is a prospective, two arm, international, multicenter, randomized, open-label"
        " Phase III\n"
        "      study evaluating the addition.\n"
        "\n"
        "      Short line\n"
        "      kept apart.\n"
        "          -  An item filled to the margin with words words words words words words"
        " words words\n"
        "             continued here\n"
        "          -  next item\n"
    )
    assert _unwrap(wrapped).split("\n") == [
        "      This is a prospective, two arm, international, multicenter, randomized, open-label"
        " Phase III study evaluating the addition.",
        "",
        "      Short line",
        "      kept apart.",
        "          -  An item filled to the margin with words words words words words words"
        " words words continued here",
        "          -  next item",
        "",
    ]


# --- proof on the corpus ----------------------------------------------------------------------
def _corpus_files() -> list[Path]:
    xml = needs_corpus("ctgov-xml")
    files = sorted(xml.glob("*.xml"))
    archive = needs_corpus("ctgov-archive-html")
    twins = sorted(archive.glob("*.xml"))
    assert len(twins) == 31
    return files + twins


def test_every_corpus_record_parses() -> None:
    files = _corpus_files()
    assert len(files) >= 100
    for path in files:
        trials = list(trialparse.iter_trials(path))
        assert len(trials) == 1, path
        t = trials[0]
        assert t.format == "ctgov-xml", path
        assert t.nct_id and t.brief_title, path
        assert not t.issues_with("unmapped_value"), (path, t.issues_with("unmapped_value"))
        # every element of a real record is known to LABELS
        assert not t.issues_with("unknown_label"), (path, t.issues_with("unknown_label"))
        assert Trial.model_validate_json(t.model_dump_json()) == t


def test_archive_html_pages_are_not_claimed() -> None:
    archive = needs_corpus("ctgov-archive-html")
    for path in sorted(archive.glob("*.html"))[:5]:
        page = Page(path.read_text(encoding="utf-8", errors="replace"))
        assert ctgov_xml.analyse_text(page) == 0.0


# --- the same trial from the API v2 JSON --------------------------------------------------------
# NCT02513394 as the XML of August 2020 and the API v2 JSON of October 2023: the record
# was updated in between, so these fields legitimately differ (checked to differ, so the
# list stays honest): the primary completion became actual, collaborators were re-classed,
# outcomes rewritten, other officials named, sites added, and results posted.
CHANGED_BETWEEN_VERSIONS = {
    "primary_completion_date",
    "last_update_date",
    "collaborators",
    "outcomes",
    "locations",
    "countries",
    "contacts",
}
SHARED_FIELDS = (
    "nct_id",
    "eudract_number",
    "acronym",
    "brief_title",
    "official_title",
    "brief_summary",
    "detailed_description",
    "study_type",
    "overall_status",
    "phases",
    "start_date",
    "completion_date",
    "first_posted_date",
    "sponsor",
    "conditions",
    "keywords",
    "interventions",
    "design",
    "enrollment",
)


def test_same_trial_as_ctgov_json() -> None:
    if "ctgov_json" not in _registry.FORMAT_MODULES:
        pytest.skip("the ctgov-json format is not registered")
    xml_trial = trialparse.parse_file(needs_corpus("ctgov-xml") / "NCT02513394.xml")
    json_trial = trialparse.parse_file(needs_corpus("ctgov-v2") / "NCT02513394.json")
    assert xml_trial.format == "ctgov-xml" and json_trial.format == "ctgov-json"
    x = xml_trial.model_dump(mode="json")
    j = json_trial.model_dump(mode="json")
    for field in SHARED_FIELDS:
        assert x[field] == j[field], field
    # the XML gives no secondary id types, the JSON does: the ids agree
    assert [s["id"] for s in x["secondary_ids"]] == [s["id"] for s in j["secondary_ids"]]
    # the criteria text is rendered differently ("  -  item" vs markdown "* item"); its items agree
    for part in ("inclusion", "exclusion", "sex", "minimum_age", "maximum_age"):
        assert x["eligibility"][part] == j["eligibility"][part], part
    assert x["eligibility"]["healthy_volunteers"] == j["eligibility"]["healthy_volunteers"]
    for field in CHANGED_BETWEEN_VERSIONS:
        assert x[field] != j[field], f"{field} no longer differs: move it to SHARED_FIELDS"
    # what did not change in those fields still agrees
    assert [c["name"] for c in x["collaborators"]] == [c["name"] for c in j["collaborators"]]
    assert sum(c["role"] == "PRINCIPAL_INVESTIGATOR" for c in x["contacts"]) == 4
    assert len(x["locations"]) < len(j["locations"])
    assert set(x["countries"]) <= set(j["countries"])
