"""Score the whole `ringscope extract` command on gold corpora with the shared scorer.

Usage: python bench/extract_quality.py [GOLD.jsonl ...]
Defaults to ../shared/corpus/dev/reports.jsonl and ../shared/corpus/seeds.jsonl.
A corpus whose reports carry `fold` is scored three times: all reports, folds 0-3
(where failure classes are looked for) and fold 4 (the check, never tuned on).
Predictions are written next to the system's temporary folder.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TUNE_FOLDS = "0,1,2,3"
CHECK_FOLDS = "4"


def _ringscope() -> list[str]:
    exe = shutil.which("ringscope", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "ringscope.cli"]


def _folds(gold: Path) -> set[int]:
    with gold.open(encoding="utf-8") as fh:
        return {json.loads(line).get("fold") for line in fh if line.strip()} - {None}


def main(argv: list[str]) -> int:
    golds = [Path(a) for a in argv] or [SHARED / "corpus/dev/reports.jsonl", SHARED / "corpus/seeds.jsonl"]
    scorer = SHARED / "eval/score.py"
    if not scorer.exists():
        print(f"scorer not found at {scorer}", file=sys.stderr)
        return 2
    for gold in golds:
        out = Path(tempfile.gettempdir()) / f"ringscope-pred-{gold.stem}.jsonl"
        subprocess.run([*_ringscope(), "extract", str(gold), "-o", str(out)], check=True)
        runs: list[tuple[str, list[str]]] = [("all reports", [])]
        if _folds(gold):
            runs += [(f"folds {TUNE_FOLDS}", ["--folds", TUNE_FOLDS]),
                     (f"fold {CHECK_FOLDS}", ["--folds", CHECK_FOLDS])]
        for label, extra in runs:
            print(f"== {gold} [{label}] (predictions in {out})", flush=True)
            subprocess.run([sys.executable, str(scorer), str(gold), str(out), *extra], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
