#!/usr/bin/env python3
"""Train the general employment-fraud classifier used by ``ringscope screen`` and set its levels.

Reads the labelled EMSCAD postings in ``../shared/data/jobads/jobads_eval_combined.csv.gz`` (path
configurable with --data), removes duplicate postings, splits by the fixed rule (a posting is in
the test split when the last hex digit of sha1 of its normalised ``title + "\\n" +
description[:300]`` is 0, 1 or 2), trains on two views of each posting (all fields, and title
plus description only, so that plain-text ads without a company profile are not mistaken for
fraud just for being short), chooses hyper-parameters and level thresholds by 5-fold
cross-validation on the training split only, fits on the whole training split, evaluates once on
the test split, and writes a small JSON artefact (vocabulary, idf, coefficients, thresholds,
scores) that run-time scoring reads with the standard library alone.

Needs scikit-learn (a dev dependency). Usage:
    .venv/bin/python scripts/train_screen.py [--data PATH] [--out src/ringscope/data/screen/classifier.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from ringscope.screen.classifier import Classifier
from ringscope.screen.evaluate import dedupe, load_rows, rates
from ringscope.screen.indicators import load_table
from ringscope.screen.screener import Ad, screen_or_error
from ringscope.screen.text import features, in_test_split, join_fields

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "data" / "jobads" / "jobads_eval_combined.csv.gz"
DEFAULT_OUT = REPO / "src" / "ringscope" / "data" / "screen" / "classifier.json"
GRID_C = (4.0, 16.0)
GRID_TERMS = (3000, 6000)
MAX_TRAIN_FPR_HIGH = 0.03
SEED = 0


def views(row: dict[str, str]) -> list[str]:
    """The texts a posting is trained and tuned on: all fields; title and description only."""
    return [join_fields(row), join_fields({"title": row["title"], "description": row["description"]})]


def fit_views(rows: list[dict[str, str]], c: float, n_terms: int) -> dict[str, Any]:
    texts, labels = [], []
    for row in rows:
        for text in views(row):
            texts.append(text)
            labels.append(int(row["fraudulent"]))
    return fit(texts, np.array(labels), c, n_terms)


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


def screen_scores(ads: list[Ad], artefact: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Combined scores (NaN for ads the screener refuses) and the classifier probabilities."""
    clf = Classifier.from_dict(artefact)
    table = load_table()
    scores, probs = [], []
    for ad in ads:
        res = screen_or_error(ad, clf, table)
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
    counts = {"rows": len(rows), "fraud_rows": sum(r["fraudulent"] == "1" for r in rows),
              "unique": len(unique), "unique_fraud": sum(r["fraudulent"] == "1" for r in unique),
              "train": len(train), "train_fraud": int(y_train.sum()),
              "test": len(test), "test_fraud": int(y_test.sum())}
    print("data:", json.dumps(counts))

    # Cross-validation on the training split, both views scored, chooses C and the vocabulary size.
    folds = list(StratifiedKFold(5, shuffle=True, random_state=SEED).split(train, y_train))
    y_views = np.concatenate([y_train, y_train])
    best: tuple[float, float, int] | None = None
    for c in GRID_C:
        for n_terms in GRID_TERMS:
            oof = np.zeros((2, len(train)))
            for tr, va in folds:
                clf = Classifier.from_dict(fit_views([train[i] for i in tr], c, n_terms))
                for i in va:
                    oof[:, i] = [clf.probability(t) for t in views(train[i])]
            f1 = rates((oof.ravel() >= 0.5).astype(int), y_views)["f1"]
            print(f"cv C={c} terms={n_terms}: classifier F1 (both views) {f1}")
            if best is None or f1 > best[0]:
                best = (f1, c, n_terms)
    assert best is not None
    _, c, n_terms = best

    # Out-of-fold combined scores on the training split (both views) choose the level thresholds.
    oof_scores = np.full((2, len(train)), np.nan)
    for tr, va in folds:
        art = fit_views([train[i] for i in tr], c, n_terms)
        for k in (0, 1):
            ads = [Ad(id=str(i), text=views(train[i])[k]) for i in va]
            oof_scores[k, va] = screen_scores(ads, art)[0]
    pooled = oof_scores.ravel()
    ok = ~np.isnan(pooled)
    grid = np.round(np.arange(0.05, 0.99, 0.01), 2)
    medium = max(grid, key=lambda t: rates((pooled[ok] >= t).astype(int), y_views[ok])["f1"])
    high = next(float(t) for t in grid if t >= medium
                and rates((pooled[ok] >= t).astype(int), y_views[ok])["fpr"] <= MAX_TRAIN_FPR_HIGH)
    cv = {"medium_or_high": rates((pooled[ok] >= medium).astype(int), y_views[ok]),
          "high": rates((pooled[ok] >= high).astype(int), y_views[ok])}
    print(f"levels from cv: medium >= {medium}, high >= {high}; cv: {json.dumps(cv)}")

    artefact = fit_views(train, c, n_terms)
    artefact["levels"] = {"medium": float(medium), "high": high}
    scores, probs = screen_scores([Ad(id=str(i), fields=r) for i, r in enumerate(test)], artefact)
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
