"""Fuzzing: every sample, mutated, gives a Trial or one of the library's own errors.

Never another exception (``InternalError`` means an extractor crashed: a bug) and
never a hang (each example has a deadline). CI runs the fixed, derandomised
profile of tests/conftest.py; `HYPOTHESIS_PROFILE=long` runs many more locally.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trialparse
from conftest import sample_id, sample_pages
from test_lossless import TEXT_PAGES, check_nothing_lost
from trialparse import InternalError, Trial, TrialparseError

PAGES = sample_pages()
RAW = {sample_id(item): item[1].read_bytes() for item in PAGES}
IDS = sorted(RAW)
TEXT_IDS = sorted(sample_id(item) for item in TEXT_PAGES)
# Generous: a hang shows up as a deadline failure instead of a stuck CI run.
fuzz = settings(deadline=dt.timedelta(seconds=10))


def outcome(data: bytes | str, fmt: str | None = None) -> Trial | TrialparseError:
    try:
        if isinstance(data, bytes):
            return trialparse.parse_bytes(data, fmt)
        return trialparse.parse_text(data, fmt)
    except InternalError:
        raise
    except trialparse.MultipleRecordsError as exc:
        return exc
    except TrialparseError as exc:
        return exc


def _lines(sample: str) -> list[str]:
    return RAW[sample].decode("utf-8-sig", errors="replace").splitlines()


@pytest.mark.skipif(not IDS, reason="no samples")
@fuzz
@given(st.sampled_from(IDS or ["-"]), st.integers(min_value=0))
def test_truncated_at_any_byte(sample: str, cut: int) -> None:
    data = RAW[sample]
    outcome(data[: cut % (len(data) + 1)])


@pytest.mark.skipif(not IDS, reason="no samples")
@fuzz
@given(
    st.sampled_from(IDS or ["-"]),
    st.randoms(use_true_random=False),
    st.sampled_from(["drop", "duplicate", "shuffle", "blank", "swap"]),
)
def test_line_mutations(sample: str, rnd: random.Random, how: str) -> None:
    lines = _lines(sample)
    if not lines:
        return
    outcome("\n".join(_mutate(lines, rnd, how)))


def _mutate(lines: list[str], rnd: random.Random, how: str) -> list[str]:
    """The lines with one line-level change: how scrapes and copy-paste damage pages."""
    i = rnd.randrange(len(lines))
    if how == "drop":
        del lines[i]
    elif how == "duplicate":
        lines.insert(i, lines[i])
    elif how == "shuffle":
        rnd.shuffle(lines)
    elif how == "blank":
        lines[i] = ""
    elif how == "swap":
        j = rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:  # truncate: cut inside line i, drop what follows
        lines = lines[: i + 1]
        lines[-1] = lines[-1][: rnd.randrange(len(lines[-1]) + 1)]
    return lines


@pytest.mark.skipif(not IDS, reason="no samples")
@fuzz
@given(
    st.sampled_from(IDS or ["-"]),
    st.integers(min_value=0),
    st.sampled_from(
        [
            b"\x00\x01\x02\xff\xfe",
            b"\xff" * 64,
            "\u00a0\u2007\u202f\t".encode(),
            b"x" * 100_000,
            b"Status: " + b" " * 50_000 + b"x",
            b"NCT number " * 10_000,
            b"\r\r\n\n\r",
            b"[" * 20_000,
            b"<a>" * 20_000,
            b'{"a":' * 20_000,
        ]
    ),
)
def test_injected_junk(sample: str, at: int, junk: bytes) -> None:
    data = RAW[sample]
    k = at % (len(data) + 1)
    outcome(data[:k] + junk + data[k:])


@pytest.mark.skipif(not IDS, reason="no samples")
@fuzz
@given(
    st.sampled_from(IDS or ["-"]),
    st.sampled_from(["cp1252", "latin-1", "utf-16", "utf-16-le", "utf-32"]),
)
def test_wrong_encodings(sample: str, encoding: str) -> None:
    text = RAW[sample].decode("utf-8-sig", errors="replace")
    outcome(text.encode(encoding, errors="replace"))


@pytest.mark.skipif(not IDS, reason="no samples")
@fuzz
@given(st.sampled_from(IDS or ["-"]), st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1))
def test_mixed_line_ends(sample: str, ends: list[str]) -> None:
    lines = _lines(sample)
    text = "".join(line + ends[i % len(ends)] for i, line in enumerate(lines))
    outcome(text)


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"studies": [' + b"1," * 1_000_000 + b"1]}",
        b"[" + b"{}," * 300_000 + b"{}]",
        b"<clinical_study>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</clinical_study>",
        b'<?xml version="1.0"?>\n<clinical_study>'
        + b"<keyword>k</keyword>" * 200_000
        + b"</clinical_study>",
        b"Status: Recruiting\n" * 100_000,
        b" " * 1_000_000,
    ],
    ids=[
        "deep-json",
        "million-item-list",
        "many-empty-studies",
        "deep-xml",
        "wide-xml",
        "repeated-label",
        "only-spaces",
    ],
)
def test_hostile_structures(data: bytes) -> None:
    outcome(data)


@pytest.mark.skipif(not TEXT_IDS, reason="no text samples")
@fuzz
@given(
    st.sampled_from(TEXT_IDS or ["-"]),
    st.randoms(use_true_random=False),
    st.sampled_from(["drop", "duplicate", "shuffle", "truncate"]),
)
def test_nothing_lost_after_mutation(sample: str, rnd: random.Random, how: str) -> None:
    fmt = sample.split("/", 1)[0]
    lines = _lines(sample)
    if len(lines) < 2:
        return
    text = "\n".join(_mutate(lines, rnd, how))
    try:
        check_nothing_lost(fmt, text)
    except TrialparseError as exc:
        if isinstance(exc, InternalError):
            raise
        # the mutation can make the page stop looking like its format; that is a clean refusal
        assert isinstance(exc, trialparse.FormatMismatchError | trialparse.InputError), exc
