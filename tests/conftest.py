"""Shared test helpers: where the samples and the shared corpus are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = Path(os.environ.get("TRIALPARSE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"
GOLDEN_SUFFIX = ".golden.json"
PAGE_SUFFIXES = {".txt", ".html", ".htm", ".xml", ".json", ".jsonl"}

# CI runs a fixed, derandomised profile; `HYPOTHESIS_PROFILE=long` explores more locally.
settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def sample_pages() -> list[tuple[str, Path]]:
    """(format id, page path) of every sample page under samples/<format>/."""
    out: list[tuple[str, Path]] = []
    if not SAMPLES.is_dir():
        return out
    for folder in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
        for page in sorted(folder.iterdir()):
            if page.name.endswith(GOLDEN_SUFFIX) or page.suffix not in PAGE_SUFFIXES:
                continue
            out.append((folder.name, page))
    return out


def golden_path(page: Path) -> Path:
    return page.with_name(page.name + GOLDEN_SUFFIX)


def sample_id(item: tuple[str, Path]) -> str:
    return f"{item[0]}/{item[1].name}"


def needs_corpus(sub: str = "") -> Path:
    """The shared corpus folder, or skip the test where it is absent."""
    path = CORPUS / sub
    if not path.is_dir():
        pytest.skip(f"shared corpus not found at {path}")
    return path
