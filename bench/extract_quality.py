"""Score extraction on a gold corpus: writes predictions, then runs the shared scorer.

Usage: python bench/extract_quality.py [GOLD.jsonl ...]
Defaults to ../shared/corpus/dev/reports.jsonl and ../shared/corpus/seeds.jsonl.
Prints the scorer's table for each file; predictions go next to /tmp.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ringscope.extract import extract

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def predict(gold: Path, out: Path) -> None:
    with gold.open(encoding="utf-8") as fh, out.open("w", encoding="utf-8") as sink:
        for line in fh:
            if not line.strip():
                continue
            doc = json.loads(line)
            result = extract(doc["text"], doc.get("published"))
            sink.write(json.dumps(result.to_contract(str(doc["id"])), ensure_ascii=False) + "\n")


def main(argv: list[str]) -> int:
    golds = [Path(a) for a in argv] or [SHARED / "corpus/dev/reports.jsonl", SHARED / "corpus/seeds.jsonl"]
    scorer = SHARED / "eval/score.py"
    if not scorer.exists():
        print(f"scorer not found at {scorer}", file=sys.stderr)
        return 2
    for gold in golds:
        out = Path(tempfile.gettempdir()) / f"ringscope-pred-{gold.stem}.jsonl"
        predict(gold, out)
        print(f"== {gold} (predictions in {out})")
        subprocess.run([sys.executable, str(scorer), str(gold), str(out)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
