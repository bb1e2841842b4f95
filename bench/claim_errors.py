"""List the claims extraction gets wrong on the dev folds used for tuning (0-3 by default).

Runs ``ringscope.extract.explain`` on each report of those folds, matches its claims with the gold
ones the way ``../shared/eval/score.py`` does (measure, bounds within 1%, currency) and prints per
report the gold claims not found (FN) and the claims that match no gold one (FP), each FP with the
rule and trigger that made it. Reports of other folds are never read beyond their fold number, and
the held-out fold (4) is refused: it is the check that rules were not fitted to examples, scored only.

Usage: python bench/claim_errors.py [--folds 0,1,2,3] [--gold PATH]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from ringscope.extract.pipeline import explain

HELD_OUT = 4
"""The fold kept apart: its errors are never listed."""
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def scorer() -> ModuleType:
    """The shared scorer (``../shared/eval/score.py``) as a module."""
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bounds(claim: dict[str, Any]) -> str:
    if claim.get("qualifier") == "range":
        return f"{claim['low']:,.12g}-{claim['high']:,.12g}"
    return f"{claim['low']:,.12g}" if claim.get("low") is not None else "?"


def error_arguments(description: str) -> argparse.ArgumentParser:
    """The options of the error listings: the folds to list (tuning folds only) and the gold file."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--folds", default="0,1,2,3")
    parser.add_argument("--gold", default=str(SHARED / "corpus/dev/reports.jsonl"))
    return parser


def tuning_folds(folds: str, tool: str) -> set[int] | None:
    """The folds asked for, or None (after one line to the user) when they hold the held-out one."""
    chosen = {int(f) for f in folds.split(",")}
    if HELD_OUT in chosen:
        print(f"{tool}: fold {HELD_OUT} is held out; score it with bench/extract_quality.py", file=sys.stderr)
        return None
    return chosen


def main(argv: list[str]) -> int:
    args = error_arguments(__doc__.splitlines()[0]).parse_args(argv)
    folds = tuning_folds(args.folds, "claim_errors")
    if folds is None:
        return 2
    shared = scorer()
    n_fn = n_fp = 0
    with open(args.gold, encoding="utf-8") as fh:
        for line in fh:
            report = json.loads(line)
            if report.get("fold") not in folds:
                continue
            decisions = explain(report["text"], report.get("published"))
            made = [c for d in decisions for c in (d.claim, d.second) if c]
            pred = [{"measure": c.measure, "value": c.value, "low": c.low, "high": c.high,
                     "currency": c.currency, "qualifier": c.qualifier} for c in made]
            gold = report.get("claims") or []
            pairs = shared.greedy_match(gold, pred, shared.claim_ok)
            hit_gold, hit_pred = {g for g, _ in pairs}, {p for _, p in pairs}
            lines = [f"  FN {g['measure']:18} {_bounds(g):>14} {g.get('currency') or '':4} | "
                     f"{g['quote'][:100]!r}" for i, g in enumerate(gold) if i not in hit_gold]
            lines += [f"  FP {c.measure:18} {_bounds(pred[i]):>14} {c.currency or '':4} | {c.quote[:100]!r}"
                      f" [{c.rule} / {c.trigger}]" for i, c in enumerate(made) if i not in hit_pred]
            n_fn += len(gold) - len(hit_gold)
            n_fp += len(made) - len(hit_pred)
            if lines:
                print(f"{report['id']} (fold {report['fold']})", *lines, sep="\n")
    print(f"folds {args.folds}: {n_fn} false negatives, {n_fp} false positives")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
