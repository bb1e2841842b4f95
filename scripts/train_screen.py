#!/usr/bin/env python3
"""Train the general employment-fraud classifier used by ``ringscope screen`` and set its levels.

Reads the labelled EMSCAD postings in ``../shared/data/jobads/jobads_eval_combined.csv.gz`` (path
configurable with --data), removes duplicate postings, splits by the fixed rule (a posting is in
the test split when the last hex digit of sha1 of its normalised ``title + "\\n" +
description[:300]`` is 0, 1 or 2), chooses hyper-parameters and level thresholds by 5-fold
cross-validation on the training split only, fits on the whole training split, evaluates once on
the test split, and writes a small JSON artefact (vocabulary, idf, coefficients, thresholds,
scores) that run-time scoring reads with the standard library alone.

Needs scikit-learn (a dev dependency). Usage:
    .venv/bin/python scripts/train_screen.py [--data PATH] [--out src/ringscope/data/screen/classifier.json]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from ringscope.screen.classifier import Classifier
from ringscope.screen.indicators import load_table
from ringscope.screen.screener import Ad, screen_or_error
from ringscope.screen.text import features, fold, in_test_split, join_fields, tokens

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "data" / "jobads" / "jobads_eval_combined.csv.gz"
DEFAULT_OUT = REPO / "src" / "ringscope" / "data" / "screen" / "classifier.json"
GRID_C = (4.0, 16.0, 64.0)
GRID_TERMS = (3000, 6000)
MAX_TRAIN_FPR_HIGH = 0.03
SEED = 0


def load_rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def dedupe(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One posting per normalised (title, description[:300]); words only, so encoding debris is ignored."""
    seen: set[str] = set()
    out = []
    for row in rows:
        key = " ".join(tokens(fold(row["title"] + "\n" + row["description"][:300])))
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def fit(texts: list[str], y: np.ndarray, c: float, n_terms: int) -> dict[str, Any]:
    """TF-IDF + logistic regression, pruned to the n_terms strongest features and refitted."""
    vec = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=2)
    x = vec.fit_transform(texts)
    lr = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    lr.fit(x, y)
    names = vec.get_feature_names_out()
    keep = sorted(names[np.argsort(-np.abs(lr.coef_[0]))[:n_terms]].tolist())
    vec = TfidfVectorizer(analyzer=features, sublinear_tf=True, vocabulary=keep)
    x = vec.fit_transform(texts)
    lr = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    lr.fit(x, y)
    terms = {t: [round(float(vec.idf_[i]), 5), round(float(lr.coef_[0][i]), 5)]
             for t, i in vec.vocabulary_.items()}
    return {"intercept": round(float(lr.intercept_[0]), 5), "terms": terms,
            "params": {"C": c, "terms": n_terms, "min_df": 2, "sublinear_tf": True,
                       "class_weight": "balanced"}}


def rates(pred: np.ndarray, y: np.ndarray) -> dict[str, float]:
    tp = int(((pred == 1) & (y == 1)).sum())
    fp = int(((pred == 1) & (y == 0)).sum())
    fn = int(((pred == 0) & (y == 1)).sum())
    tn = int(((pred == 0) & (y == 0)).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": round(f1, 4), "precision": round(precision, 4), "recall": round(recall, 4),
            "fpr": round(fp / (fp + tn) if fp + tn else 0.0, 4), "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def screen_scores(rows: list[dict[str, str]], artefact: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Combined scores (NaN for ads the screener refuses) and the classifier probabilities."""
    clf = Classifier.from_dict(artefact)
    table = load_table()
    scores, probs = [], []
    for i, row in enumerate(rows):
        res = screen_or_error(Ad(id=str(i), fields=row), clf, table)
        scores.append(res.get("score", float("nan")))
        probs.append(res.get("classifier_probability", float("nan")))
    return np.array(scores, dtype=float), np.array(probs, dtype=float)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"error: labelled data not found: {args.data}", file=sys.stderr)
        return 2
    rows = load_rows(args.data)
    unique = dedupe(rows)
    train = [r for r in unique if not in_test_split(r["title"], r["description"])]
    test = [r for r in unique if in_test_split(r["title"], r["description"])]
    y_train = np.array([int(r["fraudulent"]) for r in train])
    y_test = np.array([int(r["fraudulent"]) for r in test])
    texts = [join_fields(r) for r in train]
    counts = {"rows": len(rows), "fraud_rows": sum(r["fraudulent"] == "1" for r in rows),
              "unique": len(unique), "unique_fraud": sum(r["fraudulent"] == "1" for r in unique),
              "train": len(train), "train_fraud": int(y_train.sum()),
              "test": len(test), "test_fraud": int(y_test.sum())}
    print("data:", json.dumps(counts))

    folds = list(StratifiedKFold(5, shuffle=True, random_state=SEED).split(texts, y_train))
    best: tuple[float, float, int] | None = None
    for c in GRID_C:
        for n_terms in GRID_TERMS:
            oof = np.zeros(len(train))
            for tr, va in folds:
                art = fit([texts[i] for i in tr], y_train[tr], c, n_terms)
                clf = Classifier.from_dict(art)
                oof[va] = [clf.probability(texts[i]) for i in va]
            f1 = rates((oof >= 0.5).astype(int), y_train)["f1"]
            print(f"cv C={c} terms={n_terms}: classifier F1 {f1}")
            if best is None or f1 > best[0]:
                best = (f1, c, n_terms)
    assert best is not None
    _, c, n_terms = best

    # Out-of-fold combined scores on the training split choose the level thresholds.
    oof_scores = np.full(len(train), np.nan)
    for tr, va in folds:
        art = fit([texts[i] for i in tr], y_train[tr], c, n_terms)
        s, _ = screen_scores([train[i] for i in va], art)
        oof_scores[va] = s
    ok = ~np.isnan(oof_scores)
    grid = np.round(np.arange(0.05, 0.99, 0.01), 2)
    medium = max(grid, key=lambda t: rates((oof_scores[ok] >= t).astype(int), y_train[ok])["f1"])
    high = next(float(t) for t in grid if t >= medium
                and rates((oof_scores[ok] >= t).astype(int), y_train[ok])["fpr"] <= MAX_TRAIN_FPR_HIGH)
    cv = {"medium_or_high": rates((oof_scores[ok] >= medium).astype(int), y_train[ok]),
          "high": rates((oof_scores[ok] >= high).astype(int), y_train[ok])}
    print(f"levels from cv: medium >= {medium}, high >= {high}; cv: {json.dumps(cv)}")

    artefact = fit(texts, y_train, c, n_terms)
    artefact["levels"] = {"medium": float(medium), "high": high}
    scores, probs = screen_scores(test, artefact)
    refused = int(np.isnan(scores).sum())
    flagged_medium = np.nan_to_num(scores, nan=0.0) >= medium
    flagged_high = np.nan_to_num(scores, nan=0.0) >= high
    test_scores = {
        "refused": refused,
        "classifier_only_p_ge_0.5": rates((np.nan_to_num(probs, nan=0.0) >= 0.5).astype(int), y_test),
        "medium_or_high": rates(flagged_medium.astype(int), y_test),
        "high": rates(flagged_high.astype(int), y_test),
    }
    print("test:", json.dumps(test_scores))
    artefact["format"] = "ringscope.screen.classifier/1"
    artefact["analyzer"] = "ringscope.screen.text.features (unigrams + bigrams, digits as <num>)"
    artefact["source"] = "EMSCAD postings, ../shared/data/jobads/jobads_eval_combined.csv.gz"
    artefact["split_rule"] = "test when sha1(collapse(title + '\\n' + description[:300]))[-1] in '012'"
    artefact["data"] = counts
    artefact["cv"] = {"C": c, "terms": n_terms, "classifier_f1": best[0], **cv}
    artefact["test"] = test_scores
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(artefact, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
