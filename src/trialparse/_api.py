"""The public parse API, and the one place where files are read."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Literal, NamedTuple, NoReturn

from . import _registry
from ._errors import (
    FormatMismatchError,
    InputError,
    MultipleRecordsError,
    StrictModeError,
    TrialparseError,
    UnknownFormatError,
)
from ._model import Trial
from ._registry import FormatInfo
from ._text import DEFAULT_MAX_BYTES, Page, check_text, decode_bytes

__all__ = [
    "Detection",
    "InternalError",
    "ParseResult",
    "detect",
    "formats",
    "iter_results",
    "iter_trials",
    "parse_bytes",
    "parse_file",
    "parse_text",
]

#: Below this best score a page is not recognised as any format.
MIN_SCORE = 0.2
#: An explicit ``format=`` is refused when its detector scores the page below this.
MIN_EXPLICIT_SCORE = 0.05
#: Files at least this large are streamed when their format can stream (JSON Lines).
STREAM_THRESHOLD = 1024 * 1024
#: Suffixes picked up when a folder is walked (explicit files are read whatever their name).
INPUT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xml", ".json", ".jsonl", ".ndjson"})
#: Files skipped when a folder is walked: golden expectations beside the samples.
SKIP_SUFFIX = ".golden.json"


class InternalError(TrialparseError):
    """An extractor crashed on this input: a trialparse bug (please report it with the page)."""


class Detection(NamedTuple):
    """The best format for a page, its score, and the other formats' scores, best first."""

    format: str
    score: float
    runners_up: tuple[tuple[str, float], ...]


class ParseResult:
    """One record (or one failure) of a batch run: the input path and its outcome.

    ``trial`` is the Trial (None on failure), ``error`` the library error (None on
    success). A record parsed in a worker process arrives as its JSON and is
    validated into a Trial on first access of ``trial``; ``json()`` hands that
    JSON over as it came, so a run that only writes JSON never builds it twice.
    """

    __slots__ = ("_json", "_trial", "error", "index", "path")

    def __init__(
        self,
        path: str,
        index: int,
        trial: Trial | None = None,
        error: TrialparseError | None = None,
        *,
        json: str | None = None,
    ) -> None:
        self.path = path
        self.index = index
        self.error = error
        self._trial = trial
        self._json = json

    @property
    def trial(self) -> Trial | None:
        if self._trial is None and self._json is not None:
            self._trial = Trial.model_validate_json(self._json)
        return self._trial

    @property
    def ok(self) -> bool:
        return self._trial is not None or self._json is not None

    def json(self) -> str | None:
        """The Trial as compact JSON (``model_dump_json()``), None on failure."""
        if self._json is None and self._trial is not None:
            self._json = self._trial.model_dump_json()
        return self._json

    def __repr__(self) -> str:
        outcome = f"error={self.error!r}" if self.error is not None else "ok"
        return f"ParseResult(path={self.path!r}, index={self.index}, {outcome})"


def formats() -> list[FormatInfo]:
    """The supported formats: id, title and site url of each."""
    return _registry.infos()


def _as_page(data: str | bytes, source: str | None, max_bytes: int | None) -> Page:
    if isinstance(data, (bytes, bytearray, memoryview)):  # a tuple: checked 3x faster than a union
        return Page(decode_bytes(bytes(data), max_bytes=max_bytes), source)
    if not isinstance(data, str):
        raise InputError(f"expected text or bytes, got {type(data).__name__}")
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"input is {len(data)} characters, over the limit of {max_bytes}")
    return Page(check_text(data), source)


def _ranked(page: Page, exhaustive: bool = True) -> list[tuple[str, float]]:
    scores = _registry.scores(page, stop_when_certain=not exhaustive)
    return sorted(scores, key=lambda fs: -fs[1])


def detect(text: str | bytes, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Detection:
    """Score the page against every format; raise ``UnknownFormatError`` if none fits."""
    page = _as_page(text, None, max_bytes)
    return _detect_page(page)


def _detect_page(page: Page, exhaustive: bool = True) -> Detection:
    ranked = _ranked(page, exhaustive)
    best, best_score = ranked[0] if ranked else ("", 0.0)
    if best_score < MIN_SCORE:
        raise UnknownFormatError(
            "no extractor recognises this page"
            + (f" ({page.source})" if page.source else "")
            + "; best guess "
            + ", ".join(f"{f}={s:.2f}" for f, s in ranked[:3]),
            known=_registry.format_ids(),
        )
    return Detection(best, best_score, tuple(ranked[1:]))


def _module_for(page: Page, format: str | None) -> ModuleType:
    if format is None:
        # the best score as _detect_page ranks it (a tie goes to the earlier format),
        # without the ranking and Detection it builds for callers of detect()
        best, best_score = _registry.best(page)
        if best is not None and best_score >= MIN_SCORE:
            return best
        # raises UnknownFormatError, with the guesses
        return _registry.get_module(_detect_page(page, exhaustive=False).format)
    module = _registry.get_module(format)
    if _registry.score(module, page) < MIN_EXPLICIT_SCORE:
        try:
            guess = f"; it looks like {_detect_page(page).format!r}"
        except UnknownFormatError:
            guess = ""
        raise FormatMismatchError(f"the page does not look like format {format!r}{guess}")
    return module


def _records(page: Page, module: ModuleType) -> Iterator[Trial]:
    """Run an extractor; anything but the library's own errors becomes ``InternalError``."""
    try:
        # a module's own dict: a failed getattr on a module builds an AttributeError
        many = module.__dict__.get("extract_many")
        if many is not None:
            yield from many(page)
        else:
            yield module.extract(page)
    except TrialparseError:
        raise
    except Exception as exc:
        _raise_library_error(module, exc)


def _raise_library_error(module: ModuleType, exc: Exception) -> NoReturn:
    """Raise the library's error for an exception an extractor let out."""
    if isinstance(exc, RecursionError):
        raise InputError("input is nested too deeply to read") from None
    if isinstance(exc, MemoryError):
        raise InputError("input is too large to read in memory") from None
    raise InternalError(
        f"the {module.ID} extractor failed on this page: {type(exc).__name__}: {exc}"
    ) from exc


def _check_strict(trial: Trial, strict: bool) -> Trial:
    if strict and trial.issues:
        listed = "; ".join(f"{i.code}: {i.message}" for i in trial.issues[:5])
        more = f" (and {len(trial.issues) - 5} more)" if len(trial.issues) > 5 else ""
        raise StrictModeError(f"{len(trial.issues)} issue(s): {listed}{more}", trial.issues)
    return trial


def _one(page: Page, format: str | None, strict: bool) -> Trial:
    module = _module_for(page, format)
    if "extract_many" not in module.__dict__:
        # one record a page: called directly, without _records' generator
        try:
            return _check_strict(module.extract(page), strict)
        except TrialparseError:
            raise
        except Exception as exc:
            _raise_library_error(module, exc)
    records = _records(page, module)
    first = next(records, None)
    if first is None:
        raise InputError("the input holds no trial record")
    if next(records, None) is not None:
        raise MultipleRecordsError(
            "the input holds several trial records; use trialparse.iter_trials() to read them all"
        )
    return _check_strict(first, strict)


def parse_text(
    text: str,
    format: str | None = None,
    *,
    strict: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Trial:
    """Parse one page given as text. ``format`` (an id from ``formats()``) skips detection."""
    return _one(_as_page(text, None, max_bytes), format, strict)


def parse_bytes(
    data: bytes,
    format: str | None = None,
    *,
    strict: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Trial:
    """Parse one page given as bytes (decoded as ``parse_file`` does)."""
    return _one(_as_page(data, None, max_bytes), format, strict)


def read_bytes(path: str | os.PathLike[str], max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file, refusing one over ``max_bytes`` before reading it."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(f"{p}: {size} bytes, over the limit of {max_bytes} bytes")
        return p.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{p}: is a folder; use iter_trials() for folders") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from None


def _page_of_file(path: str | os.PathLike[str], max_bytes: int | None) -> Page:
    data = read_bytes(path, max_bytes)
    try:
        return Page(decode_bytes(data, max_bytes=max_bytes), os.fspath(path))
    except InputError as exc:
        raise InputError(f"{os.fspath(path)}: {exc}") from None


def parse_file(
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    strict: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Trial:
    """Parse one saved page (text, HTML, JSON or XML); the format is detected unless given."""
    return _one(_page_of_file(path, max_bytes), format, strict)


# --- batches ----------------------------------------------------------------------------
def walk(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Expand folders into the input files below them, sorted; files pass as given.

    A folder is read one directory at a time, so memory holds one directory's
    names, not the whole tree's.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for path in paths:
        if os.path.isdir(path):
            yield from _walk_dir(os.fspath(path))
        else:
            yield os.fspath(path)


def _walk_dir(folder: str) -> Iterator[str]:
    try:
        with os.scandir(folder) as it:
            entries = sorted((e.name, e.is_dir(follow_symlinks=False), e.is_file()) for e in it)
    except OSError:
        return
    for name, is_dir, is_file in entries:
        if name.startswith("."):
            continue
        full = os.path.join(folder, name)
        if is_dir:
            yield from _walk_dir(full)
        elif is_file:
            low = name.lower()
            if os.path.splitext(low)[1] in INPUT_SUFFIXES and not low.endswith(SKIP_SUFFIX):
                yield full


def results_of_path(
    path: str,
    format: str | None = None,
    strict: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Iterator[ParseResult]:
    """Every record of one input file as ``ParseResult`` values; failures are values too."""
    index = 0
    try:
        for trial in _stream_or_read(path, format, max_bytes):
            try:
                yield ParseResult(path, index, trial=_check_strict(trial, strict))
            except StrictModeError as exc:
                yield ParseResult(path, index, error=exc)
            index += 1
        if index == 0:
            raise InputError(f"{path}: the input holds no trial record")
    except TrialparseError as exc:
        yield ParseResult(path, index, error=exc)


def _stream_or_read(path: str, format: str | None, max_bytes: int | None) -> Iterator[Trial]:
    streamer = _streamer_for(path, format)
    if streamer is not None:
        yield from streamer
        return
    page = _page_of_file(path, max_bytes)
    yield from _records(page, _module_for(page, format))


def _streamer_for(path: str, format: str | None) -> Iterator[Trial] | None:
    """Big files in a streaming format (JSON Lines) are read record by record."""
    try:
        size = os.path.getsize(path)
    except OSError:
        return None
    if size < STREAM_THRESHOLD:
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(64 * 1024)
        page = Page(decode_bytes(head, max_bytes=None), path)
    except (OSError, InputError):
        return None
    for fid in _registry.format_ids():
        module = _registry.get_module(fid)
        stream = getattr(module, "extract_stream", None)
        if stream is None or (format is not None and format != fid):
            continue
        if getattr(module, "can_stream", lambda _p: False)(page):
            return _guarded_stream(path, module)
    return None


def _guarded_stream(path: str, module: ModuleType) -> Iterator[Trial]:
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline=None) as fh:
            yield from module.extract_stream(fh)
    except TrialparseError:
        raise
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except Exception as exc:
        raise InternalError(
            f"the {module.ID} extractor failed: {type(exc).__name__}: {exc}"
        ) from exc


#: Paths sent to a worker process at once: fewer, larger messages between processes.
CHUNK = 32

# What a worker sends back for one record: (path, index, Trial JSON, error). JSON
# crosses the process boundary at a third of the cost of pickling the model, and
# the parent's `model_validate_json` is cheaper than unpickling it.
_Shipped = tuple[str, int, str | None, TrialparseError | None]


def _results_chunk(
    args: tuple[list[str], str | None, bool, int | None],
) -> list[_Shipped]:
    paths, format, strict, max_bytes = args
    return [
        (r.path, r.index, r.trial.model_dump_json() if r.trial is not None else None, r.error)
        for path in paths
        for r in results_of_path(path, format, strict, max_bytes)
    ]


def _chunks(items: Iterator[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def iter_results(
    paths: Iterable[str | os.PathLike[str]],
    format: str | None = None,
    *,
    strict: bool = False,
    workers: int = 1,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Iterator[ParseResult]:
    """Parse many inputs (files, folders) into ``ParseResult`` values, in input order.

    ``workers > 1`` parses in that many processes; results still come in input
    order and at most a few inputs per worker are in flight, so memory stays flat
    however many inputs there are. A failing input is a result with ``error`` set.
    """
    if format is not None:
        _registry.get_module(format)  # an unknown id is a usage error, raised at once
    files = walk(paths)
    if workers <= 1:
        for path in files:
            yield from results_of_path(path, format, strict, max_bytes)
        return
    from ._batch import ordered_map

    jobs = ((chunk, format, strict, max_bytes) for chunk in _chunks(files, CHUNK))
    for batch in ordered_map(_results_chunk, jobs, workers=workers, depth=2):
        for path, index, js, error in batch:
            yield ParseResult(path, index, error=error, json=js)


def iter_trials(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    format: str | None = None,
    *,
    strict: bool = False,
    workers: int = 1,
    errors: Literal["raise", "skip"] = "raise",
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Iterator[Trial]:
    """Every Trial in the given files and folders, streamed in input order.

    ``errors="raise"`` (default) stops at the first input that fails;
    ``errors="skip"`` passes over it. Use ``iter_results`` to see failures as values.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for result in iter_results(paths, format, strict=strict, workers=workers, max_bytes=max_bytes):
        if result.trial is not None:
            yield result.trial
        elif errors == "raise" and result.error is not None:
            raise result.error
