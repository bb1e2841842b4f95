#!/usr/bin/env python3
"""Train the general employment-fraud classifier used by ``ringscope screen`` and set its levels.

Reads the labelled EMSCAD postings in ``../shared/data/jobads/jobads_eval_combined.csv.gz`` (path
configurable with --data), removes duplicate postings, and splits by the fixed rule (a posting is
in the test split when the last hex digit of sha1 of its normalised ``title + "\\n" +
description[:300]`` is 0, 1 or 2). On the training split only, with 5-fold cross-validation, it

1. chooses the classifier's hyper-parameters (TF-IDF over unigrams and bigrams + logistic
   regression, trained on two views of each posting: all fields, and title plus description, so
   that plain-text ads without a company profile are not mistaken for fraud for being short);
2. chooses the combination parameters (the classifier's neutral prior and the ad length at which
   it gets full weight) and the level thresholds: the medium threshold for the best F1 on full
   held-out postings, the high threshold as the lowest that keeps the false-positive rate at or
   under 3% in each of three views of the held-out postings (all fields; title and description;
   title and the first 25 words, like a short message).

It then fits on the whole training split, evaluates once on the test split and writes a small JSON
artefact (vocabulary, idf, coefficients, combination parameters, thresholds, scores) that run-time
scoring reads with the standard library alone. Needs scikit-learn (a dev dependency). Usage:

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
from ringscope.screen.combine import classifier_weight, combine
from ringscope.screen.evaluate import dedupe, evaluate_postings, load_rows, rates
from ringscope.screen.indicators import load_table
from ringscope.screen.screener import Ad, screen_or_error
from ringscope.screen.text import features, fold, in_test_split, join_fields, tokens

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "data" / "jobads" / "jobads_eval_combined.csv.gz"
DEFAULT_OUT = REPO / "src" / "ringscope" / "data" / "screen" / "classifier.json"
GRID_C = (4.0, 16.0)
GRID_TERMS = (3000, 6000)
GRID_PRIOR = (0.1, 0.2, 0.3, 0.5)
GRID_FULL_WEIGHT_WORDS = (0, 25, 50, 100, 200)
MAX_TRAIN_FPR_HIGH = 0.03
SNIPPET_WORDS = 25
SEED = 0
VIEW_NAMES = ("all_fields", "title_description", "snippet")


def views(row: dict[str, str]) -> list[str]:
    """The texts a posting is trained on: all fields; title and description only."""
    return [join_fields(row), join_fields({"title": row["title"], "description": row["description"]})]


def snippet(row: dict[str, str]) -> str:
    """Title and the first words of the description, like a short message."""
    head = " ".join(row["description"].split()[:SNIPPET_WORDS])
    return join_fields({"title": row["title"], "description": head})


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


def choose_model(train: list[dict[str, str]], y: np.ndarray, folds: list[Any]) -> tuple[float, float, int]:
    """C and vocabulary size by cross-validated F1 (p >= 0.5) over both training views."""
    y_views = np.concatenate([y, y])
    best: tuple[float, float, int] | None = None
    for c in GRID_C:
        for n_terms in GRID_TERMS:
            oof = np.zeros((2, len(train)))
            for tr, va in folds:
                clf = Classifier.from_dict(fit_views([train[i] for i in tr], c, n_terms))
                for i in va:
                    oof[:, i] = [clf.probability(t) for t in views(train[i])]
            f1 = rates(list(oof.ravel() >= 0.5), list(y_views))["f1"]
            print(f"cv C={c} terms={n_terms}: classifier F1 (both views) {f1}")
            if best is None or f1 > best[0]:
                best = (f1, c, n_terms)
    assert best is not None
    return best


def parts(train: list[dict[str, str]], folds: list[Any], c: float, n_terms: int) -> np.ndarray:
    """Out-of-fold (probability, evidence, words) per view and posting; NaN where refused."""
    out = np.full((len(VIEW_NAMES), len(train), 3), np.nan)
    table = load_table()
    for tr, va in folds:
        clf = Classifier.from_dict(fit_views([train[i] for i in tr], c, n_terms))
        for i in va:
            for k, text in enumerate([*views(train[i]), snippet(train[i])]):
                res = screen_or_error(Ad(id=str(i), text=text), clf, table)
                if "error" not in res:
                    out[k, i] = (res["classifier_probability"], res["evidence"], len(tokens(fold(text))))
    return out


def scores_for(p: np.ndarray, prior: float, full_weight_words: int) -> np.ndarray:
    flat = p.reshape(-1, 3)
    return np.array([
        np.nan if np.isnan(prob) else combine(prob, ev, classifier_weight(int(n), full_weight_words), prior)
        for prob, ev, n in flat
    ]).reshape(p.shape[:2])


def choose_combination(p: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """Prior, full-weight length and thresholds: best F1 at medium on full postings (the setting
    the bar is measured in), subject to a false-positive rate at high of at most
    MAX_TRAIN_FPR_HIGH in every view, short ones included."""
    grid = np.round(np.arange(0.05, 0.99, 0.01), 2)
    best: dict[str, Any] | None = None
    for prior in GRID_PRIOR:
        for n0 in GRID_FULL_WEIGHT_WORDS:
            s = scores_for(p, prior, n0)
            ok = ~np.isnan(s)
            full_s, full_y = s[0][ok[0]], y[ok[0]]
            medium = max(grid, key=lambda t: rates(list(full_s >= t), list(full_y))["f1"])
            high = next((float(t) for t in grid if t >= medium and all(
                rates(list(s[k][ok[k]] >= t), list(y[ok[k]]))["fpr"] <= MAX_TRAIN_FPR_HIGH
                for k in range(len(VIEW_NAMES)))), None)
            if high is None:
                continue
            f1 = rates(list(full_s >= medium), list(full_y))["f1"]
            print(f"cv prior={prior} full_weight_words={n0}: F1 {f1} (medium >= {medium}, high >= {high})")
            if best is None or f1 > best["f1"]:
                per_view = {
                    VIEW_NAMES[k]: {
                        "medium_or_high": rates(list(s[k][ok[k]] >= medium), list(y[ok[k]])),
                        "high": rates(list(s[k][ok[k]] >= high), list(y[ok[k]])),
                    } for k in range(len(VIEW_NAMES))
                }
                best = {"f1": f1, "prior": prior, "full_weight_words": n0, "medium": float(medium),
                        "high": high, "per_view": per_view}
    assert best is not None
    return best


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
    counts = {"rows": len(rows), "fraud_rows": sum(r["fraudulent"] == "1" for r in rows),
              "unique": len(unique), "unique_fraud": sum(r["fraudulent"] == "1" for r in unique),
              "train": len(train), "train_fraud": int(y_train.sum()),
              "test": len(test), "test_fraud": sum(r["fraudulent"] == "1" for r in test)}
    print("data:", json.dumps(counts))

    folds = list(StratifiedKFold(5, shuffle=True, random_state=SEED).split(train, y_train))
    cv_f1, c, n_terms = choose_model(train, y_train, folds)
    combo = choose_combination(parts(train, folds, c, n_terms), y_train)
    print("chosen:", json.dumps({k: v for k, v in combo.items() if k != "per_view"}))

    artefact = fit_views(train, c, n_terms)
    artefact["combination"] = {"prior": combo["prior"], "full_weight_words": combo["full_weight_words"]}
    artefact["levels"] = {"medium": combo["medium"], "high": combo["high"]}
    artefact["format"] = "ringscope.screen.classifier/1"
    artefact["analyzer"] = "ringscope.screen.text.features (unigrams + bigrams, digits as <num>)"
    artefact["source"] = "EMSCAD postings, ../shared/data/jobads/jobads_eval_combined.csv.gz"
    artefact["split_rule"] = "test when sha1(collapse(title + '\\n' + description[:300]))[-1] in '012'"
    artefact["data"] = counts
    artefact["cv"] = {"C": c, "terms": n_terms, "classifier_f1_both_views": cv_f1, **combo["per_view"]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(artefact, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    # The test split is scored once, by the same code path the command uses.
    test_scores = evaluate_postings(test, Classifier.from_dict(artefact))
    print("test:", json.dumps(test_scores))
    artefact["test"] = test_scores
    args.out.write_text(json.dumps(artefact, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
