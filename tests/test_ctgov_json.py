"""ctgov-json: ClinicalTrials.gov API v2 and classic API v1 JSON, every container,
errors, streaming, and proof on the shared corpus."""

from __future__ import annotations

import gc
import json
import re
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trialparse
from conftest import SAMPLES, needs_corpus
from trialparse import _api, _registry
from trialparse._dates import DatePrecision
from trialparse._errors import FormatMismatchError, InputError, MultipleRecordsError
from trialparse._formats import ctgov_json
from trialparse._ids import _PRINTED
from trialparse._model import Trial
from trialparse._text import Page

HERE = SAMPLES / "ctgov-json"


def parse(name: str) -> Trial:
    return trialparse.parse_file(HERE / name)


def study(**modules: Any) -> dict[str, Any]:
    """A small v2 study; keyword arguments replace or add protocolSection modules."""
    ps: dict[str, Any] = {
        "identificationModule": {"nctId": "NCT01234567", "briefTitle": "A title"},
        "statusModule": {"overallStatus": "RECRUITING"},
    }
    ps.update(modules)
    return {"protocolSection": ps}


def one(doc: Any) -> Trial:
    return trialparse.parse_text(json.dumps(doc), "ctgov-json")


def codes(trial: Trial, code: str) -> list[str | None]:
    return [i.field for i in trial.issues_with(code)]


# --- the samples, value by value ----------------------------------------------------------
def test_v2_single_study() -> None:
    t = parse("v2-NCT05468931.json")
    assert t.format == "ctgov-json"
    assert t.nct_id == "NCT05468931"
    assert [(s.id, s.type) for s in t.secondary_ids] == [("65918", "SPONSOR")]
    assert t.brief_title == "Prostate Stimulation for Sexual Dysfunction"
    assert t.overall_status == "RECRUITING"
    assert t.study_type == "INTERVENTIONAL"
    assert t.phases == ["NA"]
    assert str(t.start_date) == "2024-04-18"
    assert str(t.primary_completion_date) == "2025-06-01"  # ESTIMATED: the type is not kept
    assert str(t.first_posted_date) == "2022-07-21"
    assert str(t.last_update_date) == "2024-05-21"
    assert t.sponsor is not None
    assert (t.sponsor.name, t.sponsor.class_) == ("Stanford University", "OTHER")
    assert t.keywords == ["Erectile Dysfunction", "Ejaculatory Dysfunction"]  # condition MeSH
    assert t.design is not None
    assert (t.design.allocation, t.design.intervention_model, t.design.masking) == (
        "NA",
        "SINGLE_GROUP",
        "NONE",
    )
    assert t.design.number_of_arms == 1
    assert t.enrollment is not None and (t.enrollment.count, t.enrollment.type) == (
        15,
        "ESTIMATED",
    )
    assert [(i.type, i.name) for i in t.interventions] == [("DEVICE", "Prostate stimulator")]
    e = t.eligibility
    assert e is not None
    assert e.inclusion == ["Males >18 years of age suffering from sexual dysfunction"]
    assert e.exclusion[-1] == "Males <18 years of age"  # markdown escapes "\<" removed
    assert e.criteria is not None and "\\" not in e.criteria
    assert e.minimum_age is not None and (e.minimum_age.value, e.minimum_age.unit) == (18, "YEARS")
    assert e.maximum_age is None
    assert (e.sex, e.std_ages, e.healthy_volunteers) == ("MALE", ["ADULT", "OLDER_ADULT"], False)
    assert [(c.name, c.role, c.affiliation) for c in t.contacts] == [
        ("Satvir Basran", "CENTRAL_CONTACT", None),
        ("Michael Eisenberg, M.D.", "PRINCIPAL_INVESTIGATOR", "Stanford University"),
        ("Satvir Basran", "CONTACT", "Stanford Healthcare, Stanford Hospital"),
    ]  # the responsible party "Michael Eisenberg" is the official already listed
    assert t.contacts[0].phone == "650-723-0948"
    assert t.contacts[0].email == "sbasran@stanford.edu"
    assert [(loc.city, loc.state, loc.zip, loc.status) for loc in t.locations] == [
        ("Stanford", "California", "94304", "RECRUITING")
    ]
    assert t.countries == ["United States"]
    assert [(o.kind, o.time_frame) for o in t.outcomes] == [
        ("PRIMARY", "baseline and up to 1 month post-baseline")
    ]
    assert t.issues == [] and t.unparsed == []


def test_v2_pretty_observational() -> None:
    t = parse("v2-pretty-NCT00282477.json")
    assert t.nct_id == "NCT00282477"
    assert (t.study_type, t.overall_status, t.phases) == ("OBSERVATIONAL", "UNKNOWN", [])
    assert t.start_date is not None and t.start_date.precision == DatePrecision.MONTH
    assert str(t.start_date) == "2006-02"
    assert t.design is None  # observational model and time perspective have no field
    assert t.keywords == ["cyclist", "Erectile Dysfunction", "Azoospermia"]
    assert [(c.role, c.affiliation) for c in t.contacts] == [
        ("CENTRAL_CONTACT", None),
        ("PRINCIPAL_INVESTIGATOR", "Chaim Sheba Medical Center"),
        ("SUB_INVESTIGATOR", "Chaim Sheba Medical Center"),
    ]
    assert t.eligibility is not None and t.eligibility.maximum_age is not None
    assert t.eligibility.maximum_age.value == 35
    assert t.eligibility.exclusion == [
        "History of prostatic surgery, testicular surgery, or single testis,",
        "Patients after chemotherapy,",
        "Patients receiving hormonal therapy,",
        "Patients receiving alpha blockers for any indication.",
    ]


def test_v2_with_results_section() -> None:
    t = parse("v2-results-NCT00867815.json")
    assert t.nct_id == "NCT00867815"
    assert t.eudract_number == "2010-023586-22"  # from secondaryIdInfos type EUDRACT_NUMBER
    assert [s.id for s in t.secondary_ids] == ["12912"]
    assert (t.overall_status, t.phases) == ("TERMINATED", ["PHASE4"])
    assert t.enrollment is not None and t.enrollment.type == "ACTUAL"
    assert len(t.locations) == 13
    assert t.countries == ["United States", "Australia", "Canada"]
    assert [o.kind for o in t.outcomes] == ["PRIMARY", "SECONDARY", "SECONDARY"]
    assert t.contacts[0].name == "Bayer Study Director"
    assert "Optic Neuropathy, Ischemic" in t.keywords  # condition MeSH after the keywords
    assert t.keywords.index("NAION") < t.keywords.index("Optic Neuropathy, Ischemic")
    assert t.results_summary is None
    assert t.issues == []


def test_v1_single_study() -> None:
    t = parse("v1-NCT04780763.json")
    assert t.nct_id == "NCT04780763"
    assert t.acronym == "Tara"
    assert t.overall_status == "NOT_YET_RECRUITING"  # "Not yet recruiting"
    assert t.phases == ["NA"]  # "Not Applicable"
    assert str(t.start_date) == "2021-03-04"  # "March 4, 2021"
    assert t.enrollment is not None and (t.enrollment.count, t.enrollment.type) == (
        168,
        "ESTIMATED",  # "Anticipated", count given as the text "168"
    )
    assert t.design is not None
    assert t.design.primary_purpose == "SUPPORTIVE_CARE"
    assert t.design.who_masked == [
        "PARTICIPANT",
        "CARE_PROVIDER",
        "INVESTIGATOR",
        "OUTCOMES_ASSESSOR",
    ]
    assert t.eligibility is not None
    assert t.eligibility.healthy_volunteers is True  # "Accepts Healthy Volunteers"
    assert t.eligibility.sex == "FEMALE"  # v1 "Gender"
    assert len(t.eligibility.inclusion) == 8 and len(t.eligibility.exclusion) == 8
    assert [(s.id, s.type) for s in t.secondary_ids] == [("NU391", "SPONSOR"), ("S64737", "OTHER")]
    assert [c.role for c in t.contacts] == [
        "CENTRAL_CONTACT",
        "CENTRAL_CONTACT",
        "STUDY_CHAIR",
        "CONTACT",
        "PRINCIPAL_INVESTIGATOR",
    ]
    assert t.keywords[-1] == "Anxiety Disorders"  # ConditionMeshTerm
    assert t.issues == []


def test_multi_record_pages() -> None:
    expected = {
        "v2-bulk-array.json": ["NCT03323645", "NCT00443625", "NCT03651024"],
        "v2-search-page.json": ["NCT00874185", "NCT03038659"],
        "v2-bulk.jsonl": ["NCT00159848", "NCT00573209", "NCT06402097"],
        "v1-search-page.json": ["NCT05373459", "NCT04602884"],
    }
    for name, ids in expected.items():
        with pytest.raises(MultipleRecordsError, match="iter_trials"):
            parse(name)
        with pytest.raises(MultipleRecordsError, match="iter_trials"):
            ctgov_json.extract(Page((HERE / name).read_text(encoding="utf-8")))
        assert [t.nct_id for t in trialparse.iter_trials(HERE / name)] == ids, name


def test_record_lines_in_json_lines_and_arrays() -> None:
    # an issue names the line where its record starts
    text = (HERE / "v2-bulk.jsonl").read_text(encoding="utf-8")
    broken = text.replace('"overallStatus":"UNKNOWN"', '"overallStatus":"PAUSED"')
    trials = list(ctgov_json.extract_many(Page(broken)))
    assert [(i.code, i.line) for t in trials for i in t.issues] == [("unmapped_value", 2)]
    assert [(f.text, f.line) for t in trials for f in t.unparsed] == [("PAUSED", 2)]
    records = [
        json.dumps(study(statusModule={"overallStatus": s})) for s in ("COMPLETED", "PAUSED")
    ]
    array = "[\n" + ",\n".join(records) + "\n]"
    assert [i.line for t in ctgov_json.extract_many(Page(array)) for i in t.issues] == [3]


# --- mapping details -------------------------------------------------------------------
def test_unknown_enum_values_are_kept_with_unmapped_value() -> None:
    t = one(
        study(
            statusModule={"overallStatus": "PAUSED"},
            designModule={
                "studyType": "REGISTRY",
                "phases": ["PHASE5"],
                "designInfo": {"allocation": "SORT_OF", "maskingInfo": {"whoMasked": ["DOG"]}},
                "enrollmentInfo": {"count": 5, "type": "GUESSED"},
            },
            eligibilityModule={"sex": "BOTH_AND_NEITHER", "stdAges": ["TEEN"]},
            contactsLocationsModule={
                "overallOfficials": [{"name": "A B", "role": "JANITOR"}],
                "locations": [{"city": "Oslo", "status": "OPENISH"}],
            },
        )
    )
    assert sorted(str(f) for f in codes(t, "unmapped_value")) == sorted(
        [
            "overall_status",
            "study_type",
            "phases",
            "design.allocation",
            "design.who_masked",
            "enrollment.type",
            "eligibility.sex",
            "eligibility.std_ages",
            "contacts",
            "locations.status",
        ]
    )
    kept = {f.text: f.label for f in t.unparsed}
    assert kept["PAUSED"] == "statusModule.overallStatus"
    assert kept["PHASE5"] == "designModule.phases[]"
    assert kept["OPENISH"] == "contactsLocationsModule.locations[].status"
    assert t.overall_status is None and t.phases == []
    assert t.enrollment is not None and (t.enrollment.count, t.enrollment.type) == (5, None)
    assert t.locations[0].city == "Oslo" and t.locations[0].status is None


def test_wrong_json_types_never_crash() -> None:
    t = one(
        study(
            identificationModule={
                "nctId": ["NCT01234567"],
                "briefTitle": {"text": "x"},
                "orgStudyIdInfo": {"id": 12345},
                "secondaryIdInfos": "nope",
            },
            statusModule={"overallStatus": 7, "startDateStruct": {"date": "sometime"}},
            designModule={"enrollmentInfo": {"count": "about 40"}, "phases": "PHASE2"},
            eligibilityModule={"minimumAge": "eighteen", "maximumAge": "N/A", "stdAges": None},
            contactsLocationsModule={"locations": [None, 3, {"city": "Lyon"}]},
            conditionsModule=[],
        )
    )
    assert t.nct_id is None
    assert [s.id for s in t.secondary_ids] == ["12345"]  # a number is taken as its text
    assert t.phases == ["PHASE2"]  # a lone value where a list belongs
    assert [loc.city for loc in t.locations] == ["Lyon"]
    assert sorted(str(f) for f in codes(t, "invalid_value")) == [
        "None",  # secondaryIdInfos, the location 3 and conditionsModule are no objects
        "None",
        "None",
        "brief_title",
        "eligibility.minimum_age",
        "enrollment.count",
        "nct_id",
    ]
    labels = {f.label for f in t.unparsed}
    assert "identificationModule.secondaryIdInfos[]" in labels
    assert "conditionsModule" in labels
    assert codes(t, "invalid_date") == ["start_date"]
    assert codes(t, "unmapped_value") == ["overall_status"]  # 7
    assert set(codes(t, "empty_value")) == {"nct_id", "brief_title"}
    assert t.eligibility is None or t.eligibility.maximum_age is None  # "N/A": no limit


def test_identifiers() -> None:
    t = one(
        study(
            identificationModule={
                "nctId": "NCT01234567",
                "nctIdAliases": ["NCT07654321"],
                "orgStudyIdInfo": {"id": "ABC-1"},
                "secondaryIdInfos": [
                    {"id": "ABC-1"},
                    {"id": "2019-001234-56", "type": "EUDRACT_NUMBER"},
                    {"id": "EudraCT no. 99", "type": "EUDRACT_NUMBER"},
                    {"id": "R01 CA123456", "type": "NIH", "link": "https://reporter.nih.gov"},
                    {"id": "DRKS00022277", "type": "REGISTRY", "domain": "DRKS"},
                    {"id": "X9", "type": "NEW_KIND"},
                ],
                "briefTitle": "t",
            }
        )
    )
    assert t.nct_id == "NCT01234567"
    assert t.eudract_number == "2019-001234-56"
    assert [(s.id, s.type) for s in t.secondary_ids] == [
        ("NCT07654321", "NCT"),
        ("ABC-1", "SPONSOR"),
        ("EudraCT no. 99", "EUDRACT"),
        ("R01 CA123456", "NIH"),
        ("DRKS00022277", "DRKS"),
        ("X9", "NEW_KIND"),
    ]
    assert codes(t, "malformed_id") == ["eudract_number"]


def test_v1_isrctn_in_the_domain() -> None:
    v1 = {
        "FullStudiesResponse": {
            "FullStudies": [
                {
                    "Rank": 1,
                    "Study": {
                        "ProtocolSection": {
                            "IdentificationModule": {
                                "NCTId": "NCT02028676",
                                "BriefTitle": "t",
                                "SecondaryIdInfoList": {
                                    "SecondaryIdInfo": [
                                        {
                                            "SecondaryId": "24791884",
                                            "SecondaryIdType": "Registry Identifier",
                                            "SecondaryIdDomain": "ISRCTN",
                                        }
                                    ]
                                },
                            }
                        }
                    },
                }
            ]
        }
    }
    assert one(v1).isrctn == "ISRCTN24791884"


def test_expanded_access_record_is_a_related_study() -> None:
    t = one(
        study(
            statusModule={
                "overallStatus": "COMPLETED",
                "expandedAccessInfo": {
                    "hasExpandedAccess": True,
                    "nctId": "NCT03559686",
                    "statusForNctId": "AVAILABLE",
                },
            }
        )
    )
    assert [(r.nct_id, r.overall_status) for r in t.related_studies] == [
        ("NCT03559686", "AVAILABLE")
    ]


def test_contacts_phone_extension_and_dedup() -> None:
    t = one(
        study(
            sponsorCollaboratorsModule={
                "leadSponsor": {"name": "Acme", "class": "INDUSTRY"},
                "collaborators": [{"name": "NCI", "class": "NIH"}, {"class": "OTHER"}],
                "responsibleParty": {
                    "type": "SPONSOR_INVESTIGATOR",
                    "investigatorFullName": "Jane Roe",
                    "investigatorAffiliation": "Acme",
                },
            },
            contactsLocationsModule={
                "centralContacts": [
                    {"name": "Ann Lee", "role": "CONTACT", "phone": "555-1234", "phoneExt": "12"}
                ],
                "locations": [
                    {"facility": "Site A", "contacts": [{"name": "Bo Yu", "role": "CONTACT"}]},
                    {"facility": "Site A", "contacts": [{"name": "Bo Yu", "role": "CONTACT"}]},
                ],
            },
        )
    )
    assert [(c.name, c.role, c.phone) for c in t.contacts] == [
        ("Ann Lee", "CENTRAL_CONTACT", "555-1234 ext. 12"),
        ("Jane Roe", "SPONSOR_INVESTIGATOR", None),
        ("Bo Yu", "CONTACT", None),
    ]
    assert [(o.name, o.class_) for o in t.collaborators] == [("NCI", "NIH")]
    assert codes(t, "empty_value") == ["collaborators"]  # a class without a name
    assert len(t.locations) == 2


def test_criteria_split_and_markdown_unescaped() -> None:
    t = one(
        study(
            eligibilityModule={
                "eligibilityCriteria": "Inclusion Criteria:\n\n* Age \\>= 18\n* PSA \\< 10"
                "\n\nExclusion Criteria:\n\n1. Prior \\[radical\\] prostatectomy",
                "healthyVolunteers": True,
            },
            descriptionModule={"briefSummary": "A \\& B"},
            identificationModule={"nctId": "NCT01234567", "briefTitle": "Keep \\> as is"},
        )
    )
    e = t.eligibility
    assert e is not None
    assert e.inclusion == ["Age >= 18", "PSA < 10"]
    assert e.exclusion == ["Prior [radical] prostatectomy"]
    assert e.healthy_volunteers is True
    assert t.brief_summary == "A & B"
    assert t.brief_title == "Keep \\> as is"  # titles are plain text, not markup


def test_v1_text_keeps_backslashes() -> None:
    v1 = {
        "FullStudiesResponse": {
            "FullStudies": [
                {
                    "Study": {
                        "ProtocolSection": {
                            "IdentificationModule": {"NCTId": "NCT01234567", "BriefTitle": "t"},
                            "DescriptionModule": {"BriefSummary": "dose \\> 2"},
                        }
                    }
                }
            ]
        }
    }
    assert one(v1).brief_summary == "dose \\> 2"


def test_arms_count_and_no_arms() -> None:
    t = one(study(armsInterventionsModule={"armGroups": [{"label": "A"}, {"label": "B"}, {}]}))
    assert t.design is not None and t.design.number_of_arms == 3
    assert one(study(armsInterventionsModule={"armGroups": []})).design is None


# --- containers and errors -------------------------------------------------------------
def test_empty_containers() -> None:
    docs: list[Any] = [{"studies": []}, [], {"FullStudiesResponse": {"NStudiesReturned": 0}}]
    for doc in docs:
        with pytest.raises(InputError, match="no trial record"):
            trialparse.parse_text(json.dumps(doc), "ctgov-json")


def test_documents_one_after_another() -> None:
    one_study = json.dumps(study(), indent=2)
    other = json.dumps(study(identificationModule={"nctId": "NCT07654321", "briefTitle": "b"}))
    trials = list(ctgov_json.extract_many(Page(one_study + "\n" + other + "\n")))
    assert [t.nct_id for t in trials] == ["NCT01234567", "NCT07654321"]


def test_v1_study_fields_response_is_not_a_study() -> None:
    fields = {"StudyFieldsResponse": {"StudyFields": [{"Rank": 1, "NCTId": ["NCT01234567"]}]}}
    with pytest.raises(InputError, match=r"not a ClinicalTrials\.gov study"):
        trialparse.parse_text(json.dumps(fields))


def test_invalid_and_truncated_json() -> None:
    good = json.dumps(study())
    with pytest.raises(InputError, match="truncated"):
        trialparse.parse_text(good[:-40])
    with pytest.raises(InputError, match=r"line 1 column \d+"):
        trialparse.parse_text(good.replace('"briefTitle"', "briefTitle"))
    pretty = json.dumps(study(), indent=2).replace('"A title"', '"A title",,')
    with pytest.raises(InputError, match="invalid JSON at line 5 column"):
        trialparse.parse_text(pretty)
    with pytest.raises(InputError, match="truncated"):
        trialparse.parse_text("[" + good + ",\n" + good[:100])


def test_bad_array_keeps_earlier_records() -> None:
    text = "[" + json.dumps(study()) + ", 42, " + json.dumps(study()) + "]"
    got: list[Trial] = []
    with pytest.raises(InputError, match=r"element 2 .*int is not a study"):
        got.extend(ctgov_json.extract_many(Page(text)))
    assert len(got) == 2


def test_bad_json_line_names_the_line_and_the_rest_is_read(tmp_path: Path) -> None:
    good = json.dumps(study())
    path = tmp_path / "studies.jsonl"
    path.write_text(f"{good}\n{good[:50]}\n\n{good}\n[1]\n{good}\n", encoding="utf-8")
    results = list(trialparse.iter_results([path]))
    assert [r.ok for r in results] == [True, True, True, False]
    error = str(results[-1].error)
    assert "2 records could not be read" in error
    assert "line 2: truncated JSON" in error and "line 5" in error
    assert len(list(trialparse.iter_trials(path, errors="skip"))) == 3
    with pytest.raises(InputError, match="line 2"):
        list(trialparse.iter_trials(path))


def test_explicit_format_on_other_pages_is_a_mismatch() -> None:
    with pytest.raises(FormatMismatchError):
        trialparse.parse_text("Brief Title: x\nStatus: Recruiting\n", "ctgov-json")
    with pytest.raises(FormatMismatchError):
        trialparse.parse_text('{"name": "not a study"}', "ctgov-json")


def test_hostile_json_gives_library_errors() -> None:
    for text in (
        "[" * 100_000,
        '{"protocolSection": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001,
        '[{"protocolSection": {"designModule": {"enrollmentInfo": {"count": 1'
        + "0" * 5000
        + "}}}}]",
        '{"protocolSection": {"x": "\\ud800"}} garbage',
    ):
        with pytest.raises(trialparse.TrialparseError) as info:
            trialparse.parse_text(text, "ctgov-json")
        assert not isinstance(info.value, _api.InternalError), info.value


def test_fast_readers_and_json_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """pydantic-core reads the JSON (a v2 study straight into the table's targets); what
    it reads must equal what ``json`` and the table walk read, shapes gone wrong included."""
    deep = "[" * 300 + "]" * 300  # deeper than pydantic-core reads: json's turn
    site = {"facility": " Site ", "city": "Ghent", "country": "Belgium", "status": "RECRUITING"}
    person = {"name": "Ann Lee", "role": "CONTACT", "phone": "1", "phoneExt": "2"}
    docs: list[Any] = [
        # NaN and a float where a count belongs
        study(designModule={"enrollmentInfo": {"count": float("nan")}}),
        study(designModule={"enrollmentInfo": {"count": 12.0}, "phases": None}),
        # lists: null, a lone value, null and odd elements, nested contacts null or lone
        study(conditionsModule={"conditions": None, "keywords": "one"}),
        study(conditionsModule={"conditions": ["a", None, 3, " b "]}),
        study(contactsLocationsModule={"locations": [site, None]}),
        study(contactsLocationsModule={"locations": [site, "Ghent"]}),
        study(contactsLocationsModule={"locations": [{**site, "contacts": None}]}),
        study(contactsLocationsModule={"locations": [{**site, "contacts": person}]}),
        study(contactsLocationsModule={"locations": [{**site, "contacts": [person, 5]}]}),
        study(contactsLocationsModule={"locations": site}),
        # objects: null, a text, a list where an object belongs
        study(statusModule=None),
        study(statusModule={"overallStatus": "RECRUITING", "startDateStruct": "2020"}),
        study(designModule={"designInfo": ["RANDOMIZED"]}),
        # modules in the other section, and both sections giving a value
        {**study(), "derivedSection": {"statusModule": {"overallStatus": "COMPLETED"}}},
        {**study(), "derivedSection": {"conditionsModule": None}},
        {
            "protocolSection": {"conditionBrowseModule": {"meshes": [{"term": "Cancer"}]}},
            "derivedSection": {"conditionBrowseModule": {"meshes": [{"term": "Tumour"}]}},
        },
        {"derivedSection": {}, "protocolSection": None},
        {"protocolSection": study()["protocolSection"], "hasResults": True},
    ]
    texts = [json.dumps(doc) for doc in docs] + [
        # a huge number; duplicate keys, the last of which wins in every reader
        '{"protocolSection": {"identificationModule": {"nctId": "NCT01234567", "briefTitle":'
        ' "T"}, "designModule": {"enrollmentInfo": {"count": 1' + "0" * 40 + "}}}}",
        '{"protocolSection": {"identificationModule": {"nctId": "NCT01234567",'
        ' "briefTitle": "first", "briefTitle": "second"}}}',
        # a lone surrogate escape, and nesting under an ignored key
        '{"protocolSection": {"identificationModule": {"nctId": "NCT01234567",'
        ' "briefTitle": "a \\ud800 b"}, "x": ' + deep + "}}",
        # several documents, and JSON Lines
        json.dumps(study()) + "\n" + json.dumps(study()),
        json.dumps(study()) + " " + json.dumps(study()),
    ]

    def read_all() -> list[Any]:
        out: list[Any] = []
        for text in texts:
            try:
                out.append([t.model_dump() for t in ctgov_json.extract_many(Page(text))])
            except InputError as exc:
                out.append(str(exc))
        return out

    fast = read_all()
    monkeypatch.setattr(ctgov_json, "_read_v2_study", lambda text: None)
    monkeypatch.setattr(ctgov_json, "_fast_loads", lambda text: ctgov_json._UNREAD)
    assert read_all() == fast
    assert fast[-4][0]["brief_title"] == "second"
    assert fast[-3][0]["brief_title"] == "a \ufffd b"
    assert [len(trials) for trials in fast[-2:]] == [2, 2]


@pytest.mark.parametrize(
    ("escaped", "title"),
    [
        ("a \\ud800 b", "a \ufffd b"),  # half a pair: no character
        ("a \\uDC00 b", "a \ufffd b"),
        ("\\ud83d\\ude00 \\ud800\\ud83d\\ude00", "\U0001f600 \ufffd\U0001f600"),  # pairs kept
        ("a \\\\ud800 b", "a \\ud800 b"),  # an escaped backslash: plain text
    ],
)
def test_lone_surrogate_escapes_become_replacement_characters(
    escaped: str, title: str, tmp_path: Path
) -> None:
    doc = (
        '{"protocolSection": {"identificationModule": {"nctId": "NCT01234567", '
        f'"briefTitle": "{escaped}"}}}}}}'
    )
    trial = trialparse.parse_text(doc)
    assert trial.brief_title == title
    assert Trial.model_validate_json(trial.model_dump_json()) == trial
    lines = tmp_path / "studies.jsonl"
    lines.write_text(doc + "\n" + doc + "\n", encoding="utf-8")
    assert [t.brief_title for t in trialparse.iter_trials([lines])] == [title, title]


def test_many_records_are_all_read_or_all_counted() -> None:
    many = "[" + ",".join([json.dumps(study())] * 2000) + "]"
    assert sum(1 for _ in ctgov_json.extract_many(Page(many))) == 2000
    lines = "\n".join(["{}"] * 100_000)
    with pytest.raises(InputError, match="100000 records could not be read"):
        list(ctgov_json.extract_many(Page(lines)))


# --- streaming -------------------------------------------------------------------------
def _jsonl(path: Path, count: int) -> Path:
    record = (HERE / "v2-bulk.jsonl").read_text(encoding="utf-8").splitlines()[1]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            fh.write(record.replace("NCT00573209", f"NCT{i:08d}") + "\n")
    return path


def test_big_json_lines_files_stream(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _jsonl(tmp_path / "big.jsonl", 300)
    assert path.stat().st_size >= _api.STREAM_THRESHOLD
    assert _api._streamer_for(str(path), None) is not None
    streamed: list[int] = []
    real = ctgov_json.extract_stream

    def spy(fh: Any) -> Any:
        streamed.append(1)
        return real(fh)

    monkeypatch.setattr(ctgov_json, "extract_stream", spy)
    ids = [t.nct_id for t in trialparse.iter_trials(path)]
    assert streamed == [1]
    assert ids == [f"NCT{i:08d}" for i in range(300)]


def _peak(path: Path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        for _ in trialparse.iter_trials(path):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_streaming_memory_does_not_grow_with_studies(tmp_path: Path) -> None:
    small = _peak(_jsonl(tmp_path / "small.jsonl", 250))
    big = _peak(_jsonl(tmp_path / "big.jsonl", 1000))  # four times the studies
    assert big < small * 1.5 + 256 * 1024, (small, big)


def test_can_stream_only_json_lines() -> None:
    record = json.dumps(study())
    assert ctgov_json.can_stream(Page(record + "\n" + record + "\n"))
    assert ctgov_json.can_stream(Page('{"protocolSection": {"a": "' + "x" * 70_000))
    assert not ctgov_json.can_stream(Page(json.dumps(study(), indent=2)))
    assert not ctgov_json.can_stream(Page("[" + record + "]"))
    assert not ctgov_json.can_stream(Page("Brief Title: x"))


def test_one_long_line_record_streams_like_it_reads(tmp_path: Path) -> None:
    doc = study()
    doc["resultsSection"] = {"moreInfoModule": {"pad": "x" * (_api.STREAM_THRESHOLD + 10)}}
    path = tmp_path / "one.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert _api._streamer_for(str(path), None) is not None
    streamed = list(trialparse.iter_trials(path))
    assert streamed == [trialparse.parse_file(path)]


# --- detection -------------------------------------------------------------------------
def test_detector() -> None:
    mod = _registry.get_module("ctgov-json")
    for name in sorted(p.name for p in HERE.iterdir() if not p.name.endswith(".golden.json")):
        if name.endswith((".json", ".jsonl")):
            assert mod.analyse_text(Page((HERE / name).read_text(encoding="utf-8"))) >= 0.9
    assert mod.analyse_text(Page('{"NCTId": "NCT01234567"}')) == 0.8
    for text in ('{"nctId" is a key}', "nctId: NCT01234567", '{"studies": [1]}', "[1, 2]"):
        assert mod.analyse_text(Page(text)) == 0.0
    for text in ('{"studies": []}', " [ ] "):  # empty pages: read when asked for, not detected
        assert 0.05 <= mod.analyse_text(Page(text)) < 0.2


@pytest.mark.parametrize(
    "text",
    [
        '{"protocolSection": {"identificationModule": {}}}',
        ' \n{ "protocolSection" :{}}',
        '{"protocolSection" {}}',  # no colon: not the opening, nor a key
        '{"ProtocolSection": {}}',  # another case: the lower-cased head decides
        '[{"protocolSection": {}}]',
        '{"nctId": "NCT01234567", "protocolSection": {}}',
        " " * 4090 + '{"protocolSection": {}}',  # past the first 4 kB
    ],
)
def test_detector_opening_shortcut_agrees_with_the_head(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = ctgov_json.analyse_text(Page(text))
    monkeypatch.setattr(ctgov_json, "_V2_KEY_OPENING_RE", re.compile(r"(?!)"))
    assert ctgov_json.analyse_text(Page(text)) == quick


# --- proof on the shared corpus -----------------------------------------------------------
ENUM_FIELDS = ("overall_status", "study_type", "phases", "design", "enrollment", "eligibility")


def _check_corpus_trial(t: Trial, where: str) -> None:
    assert t.format == "ctgov-json"
    assert t.nct_id, where
    assert t.brief_title, where
    assert not t.issues_with("unmapped_value"), (where, t.issues_with("unmapped_value"))
    assert not t.issues_with("invalid_value"), (where, t.issues)
    assert not t.issues_with("invalid_date"), (where, t.issues)


def test_corpus_v2() -> None:
    folder = needs_corpus("ctgov-v2")
    results = list(trialparse.iter_results([folder]))
    assert len(results) >= 600
    for r in results:
        assert r.trial is not None, (r.path, r.error)
        _check_corpus_trial(r.trial, r.path)
        assert Path(r.path).stem == r.trial.nct_id


def test_corpus_v1() -> None:
    folder = needs_corpus("ctgov-v1")
    count = 0
    for path in sorted(folder.glob("*.json")):
        expected = [
            fs["Study"]["ProtocolSection"]["IdentificationModule"]["NCTId"]
            for fs in json.loads(path.read_text(encoding="utf-8"))["FullStudiesResponse"][
                "FullStudies"
            ]
        ]
        trials = list(trialparse.iter_trials(path))
        assert [t.nct_id for t in trials] == expected
        for t in trials:
            _check_corpus_trial(t, f"{path.name} {t.nct_id}")
        count += len(trials)
    assert count >= 200


def test_corpus_record_with_results_and_many_sites() -> None:
    path = needs_corpus("ctgov-v2") / "NCT02513394.json"
    t = trialparse.parse_file(path)
    assert t.nct_id == "NCT02513394"
    assert len(t.locations) == 437  # "locations_nested", a tool's copy, is not read twice
    assert t.eudract_number is not None


def test_v2_and_v1_agree_on_shared_fields() -> None:
    """The same study through both APIs: v1 wording maps to the v2 values."""
    path = needs_corpus("ctgov-v1") / "NCT04780763.json"
    v1 = trialparse.parse_file(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    ps = doc["FullStudiesResponse"]["FullStudies"][0]["Study"]["ProtocolSection"]
    v2 = one(
        study(
            identificationModule={
                "nctId": ps["IdentificationModule"]["NCTId"],
                "briefTitle": ps["IdentificationModule"]["BriefTitle"],
            },
            statusModule={"overallStatus": "NOT_YET_RECRUITING"},
            designModule={
                "studyType": "INTERVENTIONAL",
                "phases": ["NA"],
                "enrollmentInfo": {"count": 168, "type": "ESTIMATED"},
                "designInfo": {
                    "allocation": "RANDOMIZED",
                    "interventionModel": "PARALLEL",
                    "primaryPurpose": "SUPPORTIVE_CARE",
                    "maskingInfo": {
                        "masking": "QUADRUPLE",
                        "whoMasked": [
                            "PARTICIPANT",
                            "CARE_PROVIDER",
                            "INVESTIGATOR",
                            "OUTCOMES_ASSESSOR",
                        ],
                    },
                },
            },
        )
    )
    for name in ("nct_id", "brief_title", "overall_status", "study_type", "phases", "enrollment"):
        assert getattr(v1, name) == getattr(v2, name), name
    assert v1.design is not None and v2.design is not None
    assert v1.design.model_copy(update={"number_of_arms": None}) == v2.design


def test_module_contract() -> None:
    assert ctgov_json.ID == "ctgov-json"
    assert ctgov_json.URL.startswith("https://")
    assert ctgov_json.STRUCTURED is True
    # v2 and v1 paths lead to the same targets: one table, both APIs
    v2 = {t for p, t in ctgov_json.LABELS.items() if p[0].islower()}
    v1 = {t for p, t in ctgov_json.LABELS.items() if p[0].isupper()}
    assert v2 == v1


@settings(max_examples=300, deadline=None)
@given(
    st.from_regex(
        "|".join(f"(?:{p.pattern})" for p in _PRINTED.values() if not p.flags & re.I)
        + "|(?i:"
        + "|".join(f"(?:{p.pattern})" for p in _PRINTED.values() if p.flags & re.I)
        + ")",
        fullmatch=True,
    )
    | st.text(st.characters(max_codepoint=0x17F), max_size=20)
)
def test_ids_ruled_out_by_their_first_character_match_no_registry(text: str) -> None:
    """_set_id files an id opening with an ASCII character no registry's id opens with
    without trying the patterns: no pattern may take such an id."""
    core = text.strip().strip(".,;")
    if core[:1].isascii() and core[:1].upper() not in ctgov_json._ID_FIRST:
        assert ctgov_json._ANY_REGISTRY_ID_RE.fullmatch(core) is None
