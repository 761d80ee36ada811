"""The ``trialparse`` command: parse, detect, formats, schema.

Exit status: 0 when every input parsed, 1 when some failed, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from typing import Any

from . import _api, _registry
from ._errors import TrialparseError, UnknownFormatError
from ._model import Trial

CSV_COLUMNS = (
    "path",
    "format",
    "nct_id",
    "iras_id",
    "eudract_number",
    "isrctn",
    "ctis_number",
    "acronym",
    "brief_title",
    "official_title",
    "study_type",
    "overall_status",
    "phases",
    "start_date",
    "primary_completion_date",
    "completion_date",
    "sponsor",
    "enrollment",
    "enrollment_type",
    "conditions",
    "issues",
)


def csv_row(path: str, trial: Trial) -> dict[str, Any]:
    """One flat spreadsheet row of a Trial."""
    d = trial.model_dump(mode="json")
    enrollment = d["enrollment"] or {}
    return {
        **{k: d.get(k) for k in CSV_COLUMNS if k in d and not isinstance(d.get(k), list | dict)},
        "path": path,
        "phases": "|".join(d["phases"]),
        "sponsor": (d["sponsor"] or {}).get("name"),
        "enrollment": enrollment.get("count"),
        "enrollment_type": enrollment.get("type"),
        "conditions": "; ".join(d["conditions"]),
        "issues": len(d["issues"]),
    }


def _format_of(trial_json: str) -> str:
    """The ``format`` of a Trial's JSON: its first key, so no parse is needed."""
    head = trial_json[:64]
    if head.startswith('{"format":"'):
        return head[11:].split('"', 1)[0]
    return str(json.loads(trial_json).get("format"))


def _progress(results: Iterator[_api.ParseResult], enabled: bool) -> Iterator[_api.ParseResult]:
    if not enabled:
        yield from results
        return
    from tqdm import tqdm  # lazy: only a terminal run pays for it

    with tqdm(unit=" records", file=sys.stderr, mininterval=0.5, leave=False) as bar:
        for r in results:
            bar.update(1)
            yield r


def _cmd_parse(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    out_cm: Any = (
        open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
        if args.output
        else nullcontext(sys.stdout)
    )
    parsed: Counter[str] = Counter()
    failed = 0
    mode = "csv" if args.csv else "jsonl" if args.jsonl else "json"
    with out_cm as out:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS) if mode == "csv" else None
        if writer is not None:
            writer.writeheader()
        elif mode == "json":
            out.write("[")
        first = True
        results = _api.iter_results(
            args.paths, args.format, strict=args.strict, workers=args.workers
        )
        show = args.progress if args.progress is not None else sys.stderr.isatty()
        for r in _progress(results, show):
            if r.error is not None or not r.ok:
                failed += 1
                message = str(r.error)
                if not message.startswith(r.path):
                    message = f"{r.path}: {message}"
                print(message, file=sys.stderr)
                continue
            if mode == "jsonl":
                # the JSON as the worker wrote it: a batch run never rebuilds the model
                line = r.json() or ""
                out.write(line + "\n")
                parsed[_format_of(line)] += 1
            else:
                trial = r.trial
                assert trial is not None  # r.ok
                parsed[trial.format] += 1
                if writer is not None:
                    writer.writerow(csv_row(r.path, trial))
                else:
                    body = trial.model_dump_json(indent=2)
                    out.write(("\n" if first else ",\n") + body)
            first = False
            out.flush()
        if mode == "json":
            out.write("\n]\n" if not first else "]\n")
    elapsed = time.perf_counter() - started
    per_format = ", ".join(f"{f}: {n}" for f, n in sorted(parsed.items()))
    if not args.quiet:
        print(
            f"parsed {sum(parsed.values())}, failed {failed}"
            + (f" ({per_format})" if per_format else "")
            + f" in {elapsed:.2f} s",
            file=sys.stderr,
        )
    return 1 if failed else 0


def _cmd_detect(args: argparse.Namespace) -> int:
    failed = 0
    for path in _api.walk(args.paths):
        try:
            data = _api.read_bytes(path)
            d = _api.detect(data)
        except TrialparseError as exc:
            failed += 1
            print(f"{path}: {exc}", file=sys.stderr)
            continue
        others = ", ".join(f"{f}={s:.2f}" for f, s in d.runners_up[:3])
        print(f"{path}\t{d.format}\t{d.score:.2f}\t{others}")
    return 1 if failed else 0


def _cmd_formats(args: argparse.Namespace) -> int:
    for info in _registry.infos():
        print(f"{info.id}\t{info.title}\t{info.url}")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from ._schema import json_schema_text

    print(json_schema_text())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trialparse",
        description="Turn saved clinical-trial registry pages into validated Trial JSON.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse pages (files or folders) into Trial JSON")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", "-f", help="format id (see `trialparse formats`); default: detect")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--jsonl", action="store_true", help="one JSON object per line")
    out.add_argument("--csv", action="store_true", help="one flat CSV row per trial")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--workers", "-j", type=int, default=1, help="parse in N processes (default 1)")
    p.add_argument("--strict", action="store_true", help="treat recorded issues as failures")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line on stderr")
    p.set_defaults(func=_cmd_parse)

    d = sub.add_parser("detect", help="print the detected format of each page and its score")
    d.add_argument("paths", nargs="+", metavar="PATH")
    d.set_defaults(func=_cmd_detect)

    f = sub.add_parser("formats", help="list the supported formats")
    f.set_defaults(func=_cmd_formats)

    s = sub.add_parser("schema", help="print the JSON Schema of Trial")
    s.set_defaults(func=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "workers", 1) < 1:
        parser.error("--workers must be at least 1")
    if getattr(args, "format", None) is not None:
        try:
            _registry.get_module(args.format)
        except UnknownFormatError as exc:
            parser.error(str(exc))
    try:
        return int(args.func(args))
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130
    except TrialparseError as exc:  # e.g. an unreadable output file
        print(f"trialparse: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"trialparse: {exc}", file=sys.stderr)
        return 1
