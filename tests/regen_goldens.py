"""Write the golden JSON of the given sample pages, for review by ``git diff``.

    python tests/regen_goldens.py samples/hra/plain.txt [more pages...]

A page holding several records (JSON array, JSON Lines, search page) gets a
golden holding the list of its Trials.

Never run it over everything to make a failing test pass: read the diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import trialparse


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    for arg in argv:
        page = Path(arg)
        golden = page.with_name(page.name + ".golden.json")
        try:
            trial = trialparse.parse_file(page)
        except trialparse.MultipleRecordsError:
            trials = list(trialparse.iter_trials(page))
            dumped = json.dumps([t.model_dump(mode="json") for t in trials], indent=2)
            golden.write_text(dumped + "\n", encoding="utf-8")
            issues = sum(len(t.issues) for t in trials)
            print(f"wrote {golden} ({len(trials)} records, {trials[0].format}, {issues} issues)")
            continue
        golden.write_text(trial.model_dump_json(indent=2) + "\n", encoding="utf-8")
        print(f"wrote {golden} ({trial.format}, {len(trial.issues)} issues)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
