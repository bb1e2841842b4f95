"""How the victim policy decides over a corpus: persons shown, persons withheld and why.

Usage: python bench/victim_policy.py [REPORTS.jsonl]
Defaults to ../shared/corpus/dev/reports.jsonl, folds 0-3 only (fold 4 is never looked at).
Prints counts only: no name from the corpus is printed.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from ringscope.extract import extract
from ringscope.fuse import fuse
from ringscope.model import Extraction, Report
from ringscope.privacy import decide
from ringscope.privacy.cues import load as load_cues

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "dev" / "reports.jsonl"
SCAN_PASSES = 5
"""Times the cue scan runs over the texts (one pass is too short to time well)."""


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    if not path.is_file():
        print(f"{path}: no such corpus", file=sys.stderr)
        return 2
    items: list[tuple[Report, Extraction]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record.get("fold") == 4:
                continue
            report = Report(
                record["text"], record.get("source"), record.get("url"), record.get("published"),
                record.get("title"), record.get("id"),
            )
            items.append((report, extract(report.text, report.published)))
    picture = fuse(items)
    started = time.perf_counter()
    policy = decide(picture)
    seconds = time.perf_counter() - started
    persons = [e for e in picture.entities if e.type == "Person"]
    withheld = [e for e in persons if e.id in policy.withheld]
    reasons: Counter[str] = Counter()
    for person in policy.withheld.values():
        if any(r.startswith("V") or r.startswith("role:") for r in person.reasons):
            reasons["victim cue or role"] += 1
        elif "no_public_role" in person.reasons:
            reasons["no public role (fail closed)"] += 1
        else:
            reasons["private-person cue"] += 1
    text_only = sum(1 for key in policy.withheld if key.startswith("text:"))
    print(f"{path} (folds 0-3): {len(items)} reports, {len(persons)} resolved persons")
    print(f"  shown (a public role): {len(persons) - len(withheld)}")
    print(f"  withheld persons the extractor found: {len(withheld)}")
    print(f"  withheld names only a cue found: {text_only}")
    for reason, count in sorted(reasons.items()):
        print(f"  withheld because of {reason}: {count}")
    print(f"  decision time: {seconds:.2f} s")
    table = load_cues()
    texts = [report.text for report, _ in items]
    words = sum(len(text.split()) for text in texts) * SCAN_PASSES
    started = time.process_time()
    for _ in range(SCAN_PASSES):
        for text in texts:
            table.scan(text)  # not the cached find: every pass scans
    scan_seconds = time.process_time() - started
    rate = words / scan_seconds
    print(f"  cue scan: {words:,} words in {scan_seconds:.2f} CPU s, {rate:,.0f} words per CPU second")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
