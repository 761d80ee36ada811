"""Write the golden JSON of the given sample pages, for review by ``git diff``.

    python tests/regen_goldens.py samples/hra/plain.txt [more pages...]

Never run it over everything to make a failing test pass: read the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

import trialparse


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    for arg in argv:
        page = Path(arg)
        trial = trialparse.parse_file(page)
        golden = page.with_name(page.name + ".golden.json")
        golden.write_text(trial.model_dump_json(indent=2) + "\n", encoding="utf-8")
        print(f"wrote {golden} ({trial.format}, {len(trial.issues)} issues)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
