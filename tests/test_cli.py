"""The command line: subcommands, outputs, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import trialparse
from conftest import SAMPLES, sample_pages
from trialparse._cli import main

PAGES = sample_pages()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_formats_lists_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["formats"], capsys)
    assert code == 0
    listed = [line.split("\t")[0] for line in out.splitlines()]
    assert listed == [f.id for f in trialparse.formats()]


def test_schema_is_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    assert code == 0
    assert json.loads(out) == trialparse.json_schema()


@pytest.mark.skipif(not PAGES, reason="no samples yet")
def test_parse_folder_json_array(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["parse", str(SAMPLES)], capsys)
    assert code == 0, err
    trials = json.loads(out)
    assert len(trials) >= len(PAGES)
    assert all(trialparse.Trial.model_validate(t) for t in trials)
    assert err.startswith(f"parsed {len(trials)}, failed 0")


@pytest.mark.skipif(not PAGES, reason="no samples yet")
def test_parse_jsonl_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = PAGES[0][1]
    target = tmp_path / "out.jsonl"
    code, out, _ = run(["parse", str(page), "--jsonl", "-o", str(target), "-q"], capsys)
    assert code == 0 and out == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert trialparse.Trial.model_validate_json(lines[0]) == trialparse.parse_file(page)


@pytest.mark.skipif(not PAGES, reason="no samples yet")
def test_parse_csv(capsys: pytest.CaptureFixture[str]) -> None:
    page = PAGES[0][1]
    code, out, _ = run(["parse", str(page), "--csv", "-q"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    trial = trialparse.parse_file(page)
    assert rows[0]["format"] == trial.format
    assert rows[0]["path"] == str(page)
    assert rows[0]["phases"] == "|".join(trial.phases)


def test_failed_inputs_exit_1_with_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.txt"
    junk.write_text("nothing to see here\n", encoding="utf-8")
    code, out, err = run(["parse", str(empty), str(junk)], capsys)
    assert code == 1
    assert json.loads(out) == []
    lines = err.splitlines()
    assert lines[0].startswith(f"{empty}: ") and "empty" in lines[0]
    assert lines[1].startswith(f"{junk}: ")
    assert lines[-1].startswith("parsed 0, failed 2")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["parse"], ["nonsense"], ["parse", "x", "--format", "nope"], []):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
    assert "known formats" in capsys.readouterr().err


def test_detect_prints_format_and_score(capsys: pytest.CaptureFixture[str]) -> None:
    if not PAGES:
        pytest.skip("no samples yet")
    fmt, page = PAGES[0]
    code, out, _ = run(["detect", str(page)], capsys)
    assert code == 0
    path, detected, score, _ = out.rstrip("\n").split("\t")
    assert (path, detected) == (str(page), fmt) and 0.5 <= float(score) <= 1


def test_python_dash_m(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "trialparse", "formats"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout.count("\n") == len(trialparse.formats())
