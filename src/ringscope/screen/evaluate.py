"""Measure the screener: the fixed test split of labelled postings, and real lures kept apart.

    python -m ringscope.screen.evaluate [--data PATH] [--lures PATH]

prints fraud-class F1 (an ad counts as flagged at level medium or high), precision, recall and
the false-positive rate at level high on the deduplicated test split, and, when a lure file is
given (``--lures`` or ``RINGSCOPE_SCREEN_LURES``), the share of its real scam-centre lures that
come out medium or high. The lure file is JSON lines with ``id`` and ``text``; it is kept outside
the repository, because its offers are restated from news reports.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ringscope import settings
from ringscope.screen.classifier import Classifier
from ringscope.screen.screener import Ad, screen_or_error
from ringscope.screen.text import fold, in_test_split, tokens

DEFAULT_DATA = Path("..") / "shared" / "data" / "jobads" / "jobads_eval_combined.csv.gz"


def load_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a gzip CSV of labelled postings (EMSCAD columns)."""
    csv.field_size_limit(1 << 30)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def dedupe(rows: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """One posting per normalised (title, description[:300]); words only, so encoding debris is ignored."""
    seen: set[str] = set()
    out = []
    for row in rows:
        key = " ".join(tokens(fold(row["title"] + "\n" + row["description"][:300])))
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def test_split(rows: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """The deduplicated postings of the fixed test split."""
    return [r for r in dedupe(rows) if in_test_split(r["title"], r["description"])]


def rates(flagged: Sequence[bool], labels: Sequence[int]) -> dict[str, float]:
    """F1, precision, recall and false-positive rate of the fraud class."""
    tp = sum(1 for f, y in zip(flagged, labels, strict=True) if f and y)
    fp = sum(1 for f, y in zip(flagged, labels, strict=True) if f and not y)
    fn = sum(1 for f, y in zip(flagged, labels, strict=True) if not f and y)
    tn = sum(1 for f, y in zip(flagged, labels, strict=True) if not f and not y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4),
            "fpr": round(fp / (fp + tn) if fp + tn else 0.0, 4), "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def evaluate_postings(rows: Sequence[dict[str, str]], classifier: Classifier | None = None) -> dict[str, Any]:
    """Scores of the screener on labelled postings (refused ads count as not flagged)."""
    results = [screen_or_error(Ad(id=str(i), fields=row), classifier) for i, row in enumerate(rows)]
    labels = [int(r["fraudulent"]) for r in rows]
    levels = [r.get("level", "error") for r in results]
    return {
        "postings": len(rows),
        "refused": levels.count("error"),
        "medium_or_high": rates([lv in ("medium", "high") for lv in levels], labels),
        "high": rates([lv == "high" for lv in levels], labels),
    }


class LureFileError(ValueError):
    """A lure file that cannot be read; the message names the file and the problem."""


def load_lures(path: Path) -> list[dict[str, Any]]:
    """The lures of a JSON-lines file (``id`` and ``text`` on each line; evaluation only)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LureFileError(f"{path}: cannot read lure file ({exc})") from exc
    lures: list[dict[str, Any]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LureFileError(f"{path}, line {n}: not JSON ({exc.msg})") from exc
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or "id" not in item:
            raise LureFileError(f"{path}, line {n}: expected an object with 'id' and 'text'")
        lures.append(item)
    return lures


def evaluate_lures(lures: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """How many lures come out medium or high, and the level of each."""
    results = [screen_or_error(Ad(id=str(x["id"]), text=str(x["text"]))) for x in lures]
    flagged = sum(1 for r in results if r.get("level") in ("medium", "high"))
    return {
        "lures": len(lures),
        "medium_or_high": flagged,
        "share": round(flagged / len(lures), 4) if lures else 0.0,
        "levels": {str(r["id"]): r.get("level", r.get("error")) for r in results},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Measure the job-ad screener.")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled postings (gzip CSV)")
    default_lures = Path(settings.SCREEN_LURES) if settings.SCREEN_LURES else None
    ap.add_argument("--lures", type=Path, default=default_lures,
                    help="real lures kept outside the repository (JSON lines: id, text); "
                    "default RINGSCOPE_SCREEN_LURES, else not scored")
    args = ap.parse_args(argv)
    out: dict[str, Any] = {}
    if args.data.is_file():
        out["test_split"] = evaluate_postings(test_split(load_rows(args.data)))
    else:
        print(f"note: {args.data} not found; test split not measured", file=sys.stderr)
    if args.lures is None:
        print("note: no lure file given (--lures or RINGSCOPE_SCREEN_LURES); lures not scored",
              file=sys.stderr)
    else:
        try:
            out["lures"] = evaluate_lures(load_lures(args.lures))
        except LureFileError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    print(json.dumps(out, indent=2))
    return 0

if __name__ == "__main__":
    sys.exit(main())
