"""Build hook: an optional compiled build of the line-by-line modules.

``pip install .`` builds the pure-Python package (everything else lives in
pyproject.toml). With ``TRIALPARSE_COMPILE=1``, and mypy installed where the
build runs (``pip install --no-build-isolation``), the modules below are also
compiled to C extensions by mypyc: the same source, type-checked with
``mypy --strict``, run as native code. Python imports an extension before the
``.py`` beside it, so the compiled build behaves the same and only runs faster;
CI runs the whole test suite on both builds.

Only modules whose classes stay plain Python-compatible are listed: ``_text``
(``Page`` fills its own ``__dict__``) and the pydantic models are not compiled.
"""

from __future__ import annotations

import os

from setuptools import setup

COMPILED = [
    "src/trialparse/_builder.py",
    "src/trialparse/_criteria.py",
    "src/trialparse/_ids.py",
    "src/trialparse/_vocab.py",
    "src/trialparse/_formats/hra.py",
    "src/trialparse/_formats/inclinicaltrials.py",
    "src/trialparse/_formats/ctv_veeva.py",
    "src/trialparse/_formats/ctgov_api_text.py",
]


def _ext_modules() -> list[object]:
    if os.environ.get("TRIALPARSE_COMPILE") != "1":
        return []
    from mypyc.build import mypycify  # only the compiled build needs mypy

    return list(mypycify(COMPILED, opt_level="3"))


setup(ext_modules=_ext_modules())
