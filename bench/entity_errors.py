"""List the entities extraction gets wrong on the dev folds used for tuning (0-3 by default).

Runs ``ringscope.extract.extract`` on each report of those folds, matches its entities with the
gold ones the way ``../shared/eval/score.py`` does (type and normalised name, token overlap of at
least half) and prints per report the gold entities not found (FN) and the entities that match no
gold one (FP), each FP with the rule that made it; then the counts by type. Reports of other folds
are never read beyond their fold number, and the held-out fold (4) is refused: it is the check that
rules were not fitted to examples, scored only.

Usage: python bench/entity_errors.py [--folds 0,1,2,3] [--type Organization] [--gold PATH]
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from claim_errors import error_arguments, scorer, tuning_folds  # a script beside this one
from ringscope.extract import extract


def main(argv: list[str]) -> int:
    parser = error_arguments(__doc__.splitlines()[0])
    parser.add_argument("--type", default=None, help="only this entity type (Person, Organization, ...)")
    args = parser.parse_args(argv)
    folds = tuning_folds(args.folds, "entity_errors")
    if folds is None:
        return 2
    shared = scorer()
    fn: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    with open(args.gold, encoding="utf-8") as fh:
        for line in fh:
            report = json.loads(line)
            if report.get("fold") not in folds:
                continue
            found = extract(report["text"], report.get("published")).entities
            pred = [{"name": e.name, "type": e.type} for e in found]
            gold = report.get("entities") or []
            pairs = shared.greedy_match(gold, pred, shared.entity_ok)
            hit_gold, hit_pred = {g for g, _ in pairs}, {p for _, p in pairs}
            lines = []
            for i, g in enumerate(gold):
                if i not in hit_gold and args.type in (None, g["type"]):
                    fn[g["type"]] += 1
                    lines.append(f"  FN {g['type']:12} {g['name']}")
            for i, e in enumerate(found):
                if i not in hit_pred and args.type in (None, e.type):
                    fp[e.type] += 1
                    lines.append(f"  FP {e.type:12} {e.name}  [{e.rule}]")
            if lines:
                print(f"{report['id']} (fold {report['fold']})", *lines, sep="\n")
    for kind in sorted(set(fn) | set(fp)):
        print(f"{kind}: {fn[kind]} false negatives, {fp[kind]} false positives")
    print(f"folds {args.folds}: {sum(fn.values())} false negatives, {sum(fp.values())} false positives")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
