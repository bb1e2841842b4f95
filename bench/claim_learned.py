"""Would a learned measure chooser beat the claim rules? A check, not a shipped component.

Every number ``explain`` sees becomes a candidate with features (the rules' decision: measure, rule,
trigger, veto, noun, qualifier; the words around it; its magnitude). A candidate of folds 0-3 is
labelled with the measure of the gold claim whose quote holds it and whose bounds and currency
match, else "none". A logistic regression (scikit-learn, a dev dependency) then overrides the rules'
measure only when its best class beats the rules' class by more than a margin.

Printed: per margin, claims TP / predicted / gold and F1 on folds 0-3 by leave-one-fold-out (each
fold predicted by a model trained on the three others), against the rules; then fold 4 once, with a
model trained on folds 0-3 and the margin given by --margin. Fold 4 is scored only, never listed.

Usage: python bench/claim_learned.py [--margin 0.5] [--c 1.0]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from claim_errors import HELD_OUT, SHARED, scorer  # a script beside this one
from ringscope.extract.claim_trace import Decision
from ringscope.extract.pipeline import explain

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d[\d,.]*|[%$€£¥]")
_STOP = re.compile(r"\.\s|\n")
Candidate = dict[str, Any]


def _features(text: str, d: Decision) -> dict[str, float]:
    f: dict[str, float] = {"bias": 1.0}
    for key, value in (("rule", d.rule), ("meas", d.measure), ("trig", d.trigger), ("veto", d.veto),
                       ("noun", d.noun), ("qual", d.qualifier)):
        f[f"{key}={value or '-'}"] = 1.0
    f[f"cur={'y' if d.currency else 'n'}"] = 1.0
    f[f"claim={d.claim is not None}"] = 1.0
    f[f"mag={min(int(math.log10(d.low)), 12) if d.low else 'none'}"] = 1.0
    s0 = max(text.rfind(". ", 0, d.start), text.rfind("\n", 0, d.start)) + 1
    stop = _STOP.search(text, d.end)
    s1 = stop.start() + 1 if stop else len(text)
    left = _WORD.findall(text[max(s0, d.start - 80) : d.start].lower())[-6:]
    right = _WORD.findall(text[d.end : min(s1, d.end + 80)].lower())[:6]
    for side, words in (("L", list(reversed(left))), ("R", right)):
        for i, w in enumerate(words):
            f[f"{side}:{w}"] = f.get(f"{side}:{w}", 0.0) + 1.0 / (1 + i * 0.3)
            if i < 2:
                f[f"{side}{i}:{w}"] = 1.0
    for w in set(_WORD.findall(text[s0:s1].lower())):
        f[f"S:{w}"] = 0.3
    return f


def _candidates(report: dict[str, Any], close: Any) -> list[Candidate]:
    text = report["text"]
    decisions = explain(text, report.get("published"))
    cands: list[Candidate] = [{"d": d, "f": _features(text, d), "label": "none"} for d in decisions]
    if report["fold"] == HELD_OUT:
        return cands
    for g in report["claims"]:
        start = text.find(g.get("quote") or "\0")
        lo, hi = g.get("low", g.get("value")), g.get("high", g.get("value"))
        if start < 0 or lo is None or hi is None:
            continue
        end = start + len(g["quote"])
        best: Candidate | None = None
        for c in cands:
            d: Decision = c["d"]
            if c["label"] != "none" or d.low is None or d.high is None or not start <= d.start < end:
                continue
            if not (close(d.low, float(lo)) and close(d.high, float(hi))):
                continue
            if g.get("currency") and (d.currency or "").upper() != g["currency"].upper():
                continue
            if best is None or (d.claim is not None and best["d"].claim is None):
                best = c
        if best is not None:
            best["label"] = g["measure"]
    return cands


def _claims(cands: list[Candidate], measures: list[str]) -> list[dict[str, Any]]:
    out = []
    for c, m in zip(cands, measures, strict=True):
        d: Decision = c["d"]
        row = {"low": d.low, "high": d.high, "value": d.low, "currency": d.currency}
        if m != "none":
            out.append({"measure": m, **row})
        if d.second is not None and d.claim is not None and m == d.measure:
            out.append({"measure": d.second.measure, **row})
    return out


def _rules(cands: list[Candidate]) -> list[str]:
    return [c["d"].measure if c["d"].claim is not None else "none" for c in cands]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--margin", type=float, default=0.5)
    parser.add_argument("--c", type=float, default=1.0)
    args = parser.parse_args(argv)
    shared = scorer()
    with open(SHARED / "corpus/dev/reports.jsonl", encoding="utf-8") as fh:
        reports = [json.loads(line) for line in fh if line.strip()]
    data = [(r, _candidates(r, shared.close)) for r in reports]

    def fit(train: list[tuple[dict[str, Any], list[Candidate]]]) -> tuple[DictVectorizer, LogisticRegression]:
        vec = DictVectorizer()
        x = vec.fit_transform([c["f"] for _, cs in train for c in cs])
        y = [c["label"] for _, cs in train for c in cs]
        return vec, LogisticRegression(C=args.c, max_iter=3000).fit(x, y)

    def learned(model: tuple[DictVectorizer, LogisticRegression], cands: list[Candidate],
                margin: float) -> list[str]:
        if not cands:
            return []
        vec, clf = model
        classes = list(clf.classes_)
        out = []
        for rule, p in zip(_rules(cands), clf.predict_proba(vec.transform([c["f"] for c in cands])),
                           strict=True):
            own = p[classes.index(rule)] if rule in classes else 0.0
            out.append(classes[int(np.argmax(p))] if p.max() - own > margin else rule)
        return out

    def tally(pairs: list[tuple[dict[str, Any], list[str], list[Candidate]]]) -> str:
        tp = n_pred = n_gold = 0
        for report, measures, cands in pairs:
            pred = _claims(cands, measures)
            tp += len(shared.greedy_match(report["claims"], pred, shared.claim_ok))
            n_pred, n_gold = n_pred + len(pred), n_gold + len(report["claims"])
        return f"{tp} / {n_pred} / {n_gold}, F1 {2 * tp / max(1, n_pred + n_gold):.4f}"

    tune = [(r, cs) for r, cs in data if r["fold"] != HELD_OUT]
    print(f"rules, folds 0-3: {tally([(r, _rules(cs), cs) for r, cs in tune])}")
    folds = sorted({r["fold"] for r, _ in tune})
    models = {f: fit([(r, cs) for r, cs in tune if r["fold"] != f]) for f in folds}
    for margin in (0.0, 0.2, 0.4, 0.5, 0.6, 0.8):
        pairs = [(r, learned(models[r["fold"]], cs, margin), cs) for r, cs in tune]
        print(f"learned (margin {margin}), folds 0-3 leave-one-fold-out: {tally(pairs)}")
    check = [(r, cs) for r, cs in data if r["fold"] == HELD_OUT]
    model = fit(tune)
    print(f"rules, fold 4: {tally([(r, _rules(cs), cs) for r, cs in check])}")
    pairs = [(r, learned(model, cs, args.margin), cs) for r, cs in check]
    print(f"learned (margin {args.margin}), fold 4: {tally(pairs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
