"""HTML input end to end: saved pages render to the lines the text extractors read.

The ClinicalTrials.gov Archive pages of the shared corpus come with the XML the
Archive served for the same version: each HTML page must agree with its twin.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest

import trialparse
from conftest import SAMPLES, needs_corpus
from trialparse import _registry
from trialparse._text import Page, html_to_lines

ARCHIVE = "ctgov-archive-html"


def archive_pages() -> list[Path]:
    return sorted(needs_corpus(ARCHIVE).glob("*.html"))


# --- the Archive's 31 pages -----------------------------------------------------------------
def test_every_archive_page_parses_as_classic() -> None:
    pages = archive_pages()
    assert len(pages) == 31
    for page in pages:
        trial = trialparse.parse_file(page)
        assert trial.format == "ctgov-classic", page.name
        assert trial.nct_id == "NCT00077454", page.name
        assert trial.overall_status in ("RECRUITING", "ACTIVE_NOT_RECRUITING", "COMPLETED")
        assert trial.phases == ["PHASE1"], page.name
        assert trial.sponsor is not None and trial.conditions, page.name
        assert trial.issues == [], (page.name, trial.issues)


def _twin_fields(trial: trialparse.Trial) -> dict[str, Any]:
    d = trial.model_dump(mode="json")
    return {
        "nct_id": d["nct_id"],
        "brief_title": d["brief_title"],
        "official_title": d["official_title"],
        "overall_status": d["overall_status"],
        "phases": d["phases"],
        "start_date": d["start_date"],
        "primary_completion_date": d["primary_completion_date"],
        "completion_date": d["completion_date"],
        "first_posted_date": d["first_posted_date"],
        "last_update_date": d["last_update_date"],
        "sponsor": d["sponsor"]["name"] if d["sponsor"] else None,
        "conditions": d["conditions"],
        "enrollment": d["enrollment"],
        "secondary_ids": sorted(s["id"] for s in d["secondary_ids"]) or None,
    }


def test_archive_pages_agree_with_their_xml_twins() -> None:
    if "ctgov-xml" not in _registry.format_ids():
        pytest.skip("the ctgov-xml extractor is not registered")
    compared: dict[str, int] = {}
    for page in archive_pages():
        html = _twin_fields(trialparse.parse_file(page))
        xml_trial = trialparse.parse_file(page.with_suffix(".xml"))
        assert xml_trial.format == "ctgov-xml"
        xml = _twin_fields(xml_trial)
        for field, value in html.items():
            if value in (None, []) or xml[field] in (None, []):
                continue  # one side does not carry it (the HTML shows no enrollment)
            assert value == xml[field], (page.name, field)
            compared[field] = compared.get(field, 0) + 1
    # every field was really compared on most pages (start dates appear in 2007)
    for field in ("nct_id", "brief_title", "official_title", "overall_status", "phases"):
        assert compared[field] == 31, field
    for field in ("sponsor", "conditions", "secondary_ids"):
        assert compared[field] == 31, field
    assert compared["start_date"] >= 15 and compared["primary_completion_date"] >= 3


# --- parse_text / parse_bytes with HTML -------------------------------------------------------
RECORD_VIEW_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Mesenchymal Stem Cells - Full Text View - ClinicalTrials.gov</title>
<style>.ct-header { color: #336; }</style>
<script>var hidden = "<td>Phase 9</td>";</script>
</head><body>
<nav><ul><li><a href="/ct2/home">Home</a></li><li>Find Studies</li></ul></nav>
<h1 class="tr-h1">Mesenchymal Stem Cells for the Treatment of Various Chronic &amp; Acute
 Conditions</h1>
<div class="tr-indent1">ClinicalTrials.gov Identifier: <span>NCT04684602</span></div>
<div>Recruitment Status <a href="#glossary">?</a>: Recruiting</div>
<!-- a comment that is no text -->
<table class="ct-data_table tr-data_table">
<caption>Layout table for study information</caption>
<tr><th>Tracking Information</th></tr>
<tr><td>First Posted Date&nbsp;&nbsp;<sup>ICMJE</sup></td><td>December 24, 2020</td></tr>
<tr><td>Actual Study Start Date&nbsp;&nbsp;<sup>ICMJE</sup></td><td>July 9, 2020</td></tr>
<tr><td>Study Phase&nbsp;&nbsp;<sup>ICMJE</sup></td><td>Phase 1<br>Phase 2</td></tr>
<tr><td>Condition&nbsp;&nbsp;<sup>ICMJE</sup></td>
    <td><ul><li>Autoimmune Diseases</li><li>Sexual Dysfunction</li></ul></td></tr>
<tr><td>Estimated Enrollment&nbsp;&nbsp;<sup>ICMJE</sup></td><td>5000</td></tr>
<tr><td>Sex/Gender&nbsp;&nbsp;<sup>ICMJE</sup></td>
    <td><table><tr><td>Sexes Eligible for Study:</td><td>All</td></tr></table></td></tr>
<tr><td>Ages&nbsp;&nbsp;<sup>ICMJE</sup></td>
    <td>18 Years and older &nbsp; (Adult, Older Adult)</td></tr>
<tr><td>Study Sponsor&nbsp;&nbsp;<sup>ICMJE</sup></td><td>Thomas Advanced Medical LLC</td></tr>
</table>
</body></html>
"""


def test_parse_text_reads_a_saved_classic_page() -> None:
    trial = trialparse.parse_text(RECORD_VIEW_HTML)
    assert trial.format == "ctgov-classic"
    assert trial.nct_id == "NCT04684602"
    assert trial.overall_status == "RECRUITING"  # "Recruitment Status ?: Recruiting"
    assert trial.issues == [] and trial.unparsed == []
    assert trial.brief_title == (
        "Mesenchymal Stem Cells for the Treatment of Various Chronic & Acute Conditions"
    )
    assert trial.phases == ["PHASE1", "PHASE2"]  # not the "Phase 9" inside the script
    assert str(trial.first_posted_date) == "2020-12-24" and str(trial.start_date) == "2020-07-09"
    assert trial.conditions == ["Autoimmune Diseases", "Sexual Dysfunction"]
    assert trial.enrollment is not None and trial.enrollment.count == 5000
    assert trial.eligibility is not None and trial.eligibility.sex == "ALL"
    assert trial.eligibility.std_ages == ["ADULT", "OLDER_ADULT"]
    assert trial.sponsor is not None and trial.sponsor.name == "Thomas Advanced Medical LLC"


@pytest.mark.parametrize(
    "data",
    [
        RECORD_VIEW_HTML.encode("utf-8"),
        codecs.BOM_UTF8 + RECORD_VIEW_HTML.encode("utf-8"),
        RECORD_VIEW_HTML.encode("utf-16"),
        RECORD_VIEW_HTML.replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "cp1252-crlf"],
)
def test_parse_bytes_and_files_of_html(data: bytes, tmp_path: Path) -> None:
    for trial in (trialparse.parse_bytes(data), _via_file(tmp_path, data)):
        assert trial.format == "ctgov-classic" and trial.nct_id == "NCT04684602"
        assert trial.phases == ["PHASE1", "PHASE2"]


def _via_file(tmp_path: Path, data: bytes) -> trialparse.Trial:
    path = tmp_path / "saved.html"
    path.write_bytes(data)
    return trialparse.parse_file(path)


def test_html_and_its_text_dump_read_the_same() -> None:
    """The classic page as HTML and as the text a browser copies give the same record."""
    rows = [
        ("ClinicalTrials.gov Identifier:", "NCT01810575"),
        ("Recruitment Status :", "Completed"),
        ("First Posted :", "March 13, 2013"),
        ("Study Type :", "Interventional  (Clinical Trial)"),
        ("Actual Enrollment :", "16 participants"),
        ("Masking:", "Double (Participant, Investigator)"),
    ]
    text = "Layout table for study information\n" + "".join(f"{a}\t{b}\n" for a, b in rows)
    html = (
        "<!DOCTYPE html><html><body><table><caption>Layout table for study information"
        "</caption>"
        + "".join(f"<tr><th>{a}</th><td>{b}</td></tr>" for a, b in rows)
        + "</table></body></html>"
    )
    from_text = trialparse.parse_text(text).model_dump(mode="json")
    from_html = trialparse.parse_text(html).model_dump(mode="json")
    assert from_html == from_text
    assert from_html["enrollment"] == {"count": 16, "type": "ACTUAL"}


def test_saved_study_page_reads_like_its_text_dump() -> None:
    """The 2020 study page saved as HTML and as text give the same record."""
    as_html = trialparse.parse_file(SAMPLES / "ctgov-classic" / "study-page-saved-2020.html")
    as_text = trialparse.parse_file(SAMPLES / "ctgov-classic" / "covid-banner-tab-table.txt")
    skip = {"unparsed", "eligibility"}  # line numbers; <ol> numbers are not text
    a, b = as_html.model_dump(mode="json"), as_text.model_dump(mode="json")
    assert {k: v for k, v in a.items() if k not in skip} == {
        k: v for k, v in b.items() if k not in skip
    }
    assert as_html.eligibility is not None and as_text.eligibility is not None
    assert as_html.eligibility.inclusion == as_text.eligibility.inclusion
    assert as_html.eligibility.exclusion == as_text.eligibility.exclusion
    assert as_html.issues == []


# --- another site's page saved as HTML ------------------------------------------------------
def test_hra_page_saved_as_html_reads_like_its_text() -> None:
    if "hra" not in _registry.format_ids():
        pytest.skip("the hra extractor is not registered")
    html = SAMPLES / "hra" / "seed_000_rt-immune_saved_page.html"
    text = SAMPLES / "hra" / "seed_000_rt-immune.txt"
    from_html = trialparse.parse_file(html)
    assert from_html.format == "hra"
    assert from_html == trialparse.parse_file(text)


# --- the renderer -----------------------------------------------------------------------------
def test_blocks_cells_scripts_entities() -> None:
    lines = html_to_lines(
        "<!DOCTYPE html><html><head><title>T</title><style>td{}</style></head><body>"
        "<div>a<span> b</span>&nbsp;c &amp; d &#8592; &larr;</div>"
        "<table><tr><th>L</th><td>1</td><td></td><td>3</td></tr>"
        "<tr><td><p>block</p></td><td>after</td></tr></table>"
        "<p>x<br/>y<br>z</p><pre>  keep\n  lines</pre>"
        "<script>document.write('<p>no</p>')</script><noscript>no</noscript>"
        "<svg><text>no</text></svg><iframe>no</iframe>"
        "<dl><dt>Label</dt><dd>Value</dd></dl><ul><li>one</li><li>two</li></ul>"
        "</body></html>"
    )
    assert lines == [
        "a b\xa0c & d ← ←",
        "L\t1\t\t3",  # an empty cell keeps its place
        "block",
        "after",
        "x",
        "y",
        "z",
        "keep",
        "lines",
        "Label",
        "Value",
        "one",
        "two",
    ]


def test_a_line_break_inside_a_cell_keeps_the_next_cell_apart() -> None:
    html = "<html><body><table><tr><td>A<br>B</td><td>C</td></tr><tr><td>D</td></tr></table>"
    assert html_to_lines(html) == ["A", "B\tC", "D"]


def test_title_and_nav_are_chrome_unless_never_closed() -> None:
    assert html_to_lines("<html><head><title>T</title></head><body><p>x</p></body></html>") == ["x"]
    assert html_to_lines("<html><body><nav><a>Home</a></nav><main>x</main></body></html>") == ["x"]
    # broken markup loses nothing: an element that never closes was not chrome after all
    assert html_to_lines("<html><head><title>T<body><p>x</p>") == ["T", "x"]
    assert html_to_lines("<html><body><nav><p>menu</p><p>content</p>") == ["menu", "content"]


def test_broken_markup_is_rendered_not_refused() -> None:
    for html in (
        "<html><body><p>unclosed <b>bold <i>both</p>rest",
        "<html><body></div></span><td>stray</td></tr></table>end",
        "<html><body><p a='1\" b=2>odd attributes</p>",
        "<html><body><![CDATA[x]]><!-- unterminated comment",
        "<html><body>&bogus; &#xZZ; &#99999999;",
    ):
        lines = html_to_lines(html)
        assert isinstance(lines, list)
        assert all(isinstance(line, str) for line in lines)


def test_wide_and_deep_html_is_rendered() -> None:
    n = 50_000
    wide = "<html><body><table><tr>" + "<td>cell</td>" * n + "</tr></table>"
    deep = "<div>" * (n // 10) + "x" + "</div>" * (n // 10)
    lines = html_to_lines(wide + deep + "</body></html>")
    assert lines[0] == "\t".join(["cell"] * n)
    assert lines[-1] == "x"


def test_head_of_an_html_page_is_its_rendered_text() -> None:
    page = Page(RECORD_VIEW_HTML)
    assert page.is_html
    assert "clinicaltrials.gov identifier: nct04684602" in page.head
    assert "<script" not in page.head and "ct-header" not in page.head
    assert len(page.head) <= 4096
