"""Same-event grouping quality: pairwise precision, recall and F1 against gold clusters.

Usage: python bench/cluster_quality.py [GOLD.jsonl] [--gold-extraction]
Defaults to ../shared/corpus/dev/reports.jsonl. With --gold-extraction the
gold entities and claims stand in for extraction, to separate grouping errors
from extraction errors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ringscope.extract import extract
from ringscope.fuse.events import group_events, same_event_pairs
from ringscope.model import Extraction, Report

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main(argv: list[str]) -> int:
    use_gold = "--gold-extraction" in argv
    args = [a for a in argv if not a.startswith("--")]
    gold_path = Path(args[0]) if args else SHARED / "corpus/dev/reports.jsonl"
    docs = [json.loads(line) for line in gold_path.open(encoding="utf-8") if line.strip()]
    items = []
    for d in docs:
        report = Report(text=d["text"], published=d.get("published"), id=str(d["id"]))
        ex = Extraction.from_contract(d, d["text"]) if use_gold else extract(d["text"], d.get("published"))
        items.append((report, ex))
    pred = group_events(items)
    gold = {str(d["id"]): d.get("event_cluster") for d in docs}
    gp, pp = same_event_pairs(gold), same_event_pairs(pred)
    tp = len(gp & pp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    source = "gold extraction" if use_gold else "ringscope extraction"
    print(f"{gold_path} ({source}): pairs P {p:.3f} R {r:.3f} F1 {f:.3f} "
          f"(tp {tp}, pred {len(pp)}, gold {len(gp)})")
    for a, b in sorted(pp - gp):
        print(f"  false pair: {a} {b}")
    for a, b in sorted(gp - pp):
        print(f"  missed pair: {a} {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
