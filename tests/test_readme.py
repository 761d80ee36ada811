"""The README's Python example runs, and prints what its comments say it prints."""

from __future__ import annotations

import contextlib
import io
import os
import re

import pytest

from conftest import ROOT


def _squash(text: str) -> str:
    return re.sub(r"[\s#]+", "", text)


def test_readme_python_example_prints_what_it_says(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```python\n", 1)[1].split("```", 1)[0]
    comments = _squash("".join(re.findall(r"#[^\n]*", block)))
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), {})
    printed = [line for line in out.getvalue().splitlines() if line.strip()]
    assert len(printed) >= 5
    for line in printed:
        assert _squash(line) in comments, f"README example printed {line!r}, not in its comments"
    assert os.getcwd() == str(ROOT)
