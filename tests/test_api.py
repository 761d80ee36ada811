"""The public API: decoding, errors, the exception hierarchy, __all__ against the README."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

import trialparse
from conftest import ROOT, sample_pages
from trialparse import _registry
from trialparse._text import Page, decode_bytes, html_to_lines


def test_all_is_sorted_and_matches_readme() -> None:
    names = list(trialparse.__all__)
    assert names == sorted(names)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Public API", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^- `([A-Za-z_]+)`", section, flags=re.M))
    assert documented == set(names)
    for name in names:
        assert hasattr(trialparse, name)


def test_errors_are_one_hierarchy_of_value_error() -> None:
    for name in trialparse.__all__:
        obj = getattr(trialparse, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, trialparse.TrialparseError)
    assert issubclass(trialparse.TrialparseError, ValueError)


@pytest.mark.parametrize(
    "data,expected",
    [
        ("café ®".encode(), "café ®"),
        (codecs.BOM_UTF8 + "café".encode(), "café"),
        (codecs.BOM_UTF16_LE + "café".encode("utf-16-le"), "café"),
        (codecs.BOM_UTF16_BE + "café".encode("utf-16-be"), "café"),
        ("café “quoted”".encode("cp1252"), "café “quoted”"),
    ],
)
def test_decoding(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


@pytest.mark.parametrize(
    "data,why",
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 50, "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "byte order mark"),
    ],
)
def test_bad_bytes_are_input_errors(data: bytes, why: str) -> None:
    with pytest.raises(trialparse.InputError, match=why):
        trialparse.parse_bytes(data)


def test_size_limit() -> None:
    with pytest.raises(trialparse.InputError, match="over the limit"):
        trialparse.parse_bytes(b"x" * 101, max_bytes=100)
    with pytest.raises(trialparse.InputError, match="over the limit"):
        trialparse.parse_text("x" * 101, max_bytes=100)


def test_line_ends_and_odd_spaces() -> None:
    page = Page("a\r\nb\rc\u00a0d\n")
    assert page.lines == ["a", "b", "c\u00a0d", ""]
    assert page.norm[2] == "c d"
    assert all(len(a) == len(b) for a, b in zip(page.lines, page.norm, strict=True))


def test_html_rendering() -> None:
    html = (
        "<!DOCTYPE html><html><head><title>T</title><style>p{}</style>"
        "<script>var x = '<p>no</p>';</script></head><body><h1>Title &amp; more</h1>"
        "<p>one<br>two</p><table><tr><th>Status :</th><td>Recruiting</td></tr></table>"
        "<ul><li>a</li><li>b &lt;c&gt;</li></ul></body></html>"
    )
    # the <title> is page chrome, not a line of the page's text (see _TextRenderer)
    assert html_to_lines(html) == [
        "Title & more",
        "one",
        "two",
        "Status :\tRecruiting",
        "a",
        "b <c>",
    ]
    assert Page(html).is_html
    assert not Page("Text mentioning <html> later").is_html


def test_unknown_format_lists_known() -> None:
    with pytest.raises(trialparse.UnknownFormatError) as info:
        trialparse.parse_text("whatever", format="no-such-format")
    for f in trialparse.formats():
        assert f.id in str(info.value)


def test_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(trialparse.InputError, match="cannot read"):
        trialparse.parse_file(tmp_path / "nope.txt")
    with pytest.raises(trialparse.InputError, match="folder"):
        trialparse.parse_file(tmp_path)


def test_parse_text_rejects_non_text() -> None:
    with pytest.raises(trialparse.InputError):
        trialparse.parse_text(123)  # type: ignore[arg-type]


def test_formats_have_id_title_url() -> None:
    for info in trialparse.formats():
        assert info.id and info.title and info.url.startswith("http")


def test_json_schema_names_schema_fields() -> None:
    schema = trialparse.json_schema()
    props = schema["properties"]
    for field in ("nct_id", "overall_status", "phases", "start_date", "unparsed", "issues"):
        assert field in props
    assert "class" in schema["$defs"]["Organization"]["properties"]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = readme.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert commands[1] in ci


def test_formats_stays_the_function_after_extractors_load() -> None:
    # The extractor package once shadowed `trialparse.formats` on first import.
    from trialparse import _registry

    _registry.get_module("hra")
    assert callable(trialparse.formats)
    assert [f.id for f in trialparse.formats()] == list(_registry.format_ids())


def test_strict_turns_issues_into_an_error() -> None:
    seed = ROOT / "samples" / "hra" / "seed_000_rt-immune.txt"
    trial = trialparse.parse_file(seed)
    assert trial.issues  # the seed has an empty contact email, junk ids...
    with pytest.raises(trialparse.StrictModeError) as info:
        trialparse.parse_file(seed, strict=True)
    assert info.value.issues == trial.issues
    assert "empty_value" in str(info.value)


def test_explicit_format_that_does_not_fit() -> None:
    seed = (ROOT / "samples" / "hra" / "seed_000_rt-immune.txt").read_text(encoding="utf-8")
    with pytest.raises(trialparse.FormatMismatchError, match="looks like 'hra'"):
        trialparse.parse_text(seed, "ctgov-json")


def test_many_records_need_iter_trials() -> None:
    bulk = ROOT / "samples" / "ctgov-json" / "v2-bulk.jsonl"
    with pytest.raises(trialparse.MultipleRecordsError, match="iter_trials"):
        trialparse.parse_file(bulk)
    assert len(list(trialparse.iter_trials([bulk]))) == 3


@pytest.mark.parametrize("fid,entry", [("hra", "extract"), ("ctgov-json", "extract_many")])
@pytest.mark.parametrize(
    "raised,expected",
    [
        (KeyError("boom"), trialparse.InternalError),
        (RecursionError(), trialparse.InputError),
        (MemoryError(), trialparse.InputError),
    ],
)
def test_an_extractor_crash_becomes_a_library_error(
    monkeypatch: pytest.MonkeyPatch,
    fid: str,
    entry: str,
    raised: Exception,
    expected: type[Exception],
) -> None:
    module = _registry.get_module(fid)
    sample = next(p for f, p in sample_pages() if f == fid and p.suffix in (".txt", ".json"))

    def crash(page: object) -> object:
        raise raised

    monkeypatch.setattr(module, entry, crash)
    with pytest.raises(expected) as info:
        trialparse.parse_file(sample)
    assert type(info.value) is expected
    if expected is trialparse.InternalError:
        assert info.value.__cause__ is raised
        assert fid in str(info.value) and "KeyError" in str(info.value)
