"""The library's exceptions: one hierarchy, rooted in ``ValueError``.

Nothing else escapes the public API, whatever the input.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "FormatMismatchError",
    "InputError",
    "MultipleRecordsError",
    "StrictModeError",
    "TrialparseError",
    "UnknownFormatError",
    "UnsafeXMLError",
]


class TrialparseError(ValueError):
    """Base of every error trialparse raises."""


class InputError(TrialparseError):
    """The input cannot be read as text: empty, binary, undecodable, too large, unreadable."""


class UnknownFormatError(TrialparseError):
    """No extractor recognises the page, or a format id is not known."""

    def __init__(self, message: str, known: Iterable[str] = ()) -> None:
        self.known = tuple(known)
        message = f"{message} (known formats: {', '.join(self.known) or 'none'})"
        super().__init__(message)


class FormatMismatchError(TrialparseError):
    """An explicitly requested format does not fit the page."""


class MultipleRecordsError(TrialparseError):
    """A single Trial was asked for, but the input holds several; use ``iter_trials``."""


class UnsafeXMLError(InputError):
    """XML with a DTD, entity declarations or external references was refused."""


class StrictModeError(TrialparseError):
    """``strict=True`` was asked and the parse recorded issues."""

    def __init__(self, message: str, issues: Iterable[object] = ()) -> None:
        self.issues = list(issues)
        super().__init__(message)
