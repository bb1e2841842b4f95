"""The committed artefact re-evaluated: the fixed test split of real postings, and real lures."""

import json
from importlib import resources
from pathlib import Path

import pytest

from ringscope.screen.classifier import load_classifier
from ringscope.screen.evaluate import dedupe, evaluate_lures, evaluate_postings, load_lures, load_rows
from ringscope.screen.evaluate import test_split as split_of
from ringscope.screen.text import in_test_split

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
JOBADS = SHARED / "data" / "jobads" / "jobads_eval_combined.csv.gz"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    if not JOBADS.is_file():
        pytest.skip(f"labelled job ads not available at {JOBADS} (../shared absent)")
    return load_rows(JOBADS)


def test_split_sizes_match_the_artefact(rows: list[dict[str, str]]) -> None:
    unique = dedupe(rows)
    test = split_of(rows)
    data = load_classifier().meta["data"]
    assert (len(unique), len(test)) == (data["unique"], data["test"])
    assert all(in_test_split(r["title"], r["description"]) for r in test)
    assert len(unique) < len(rows)  # duplicates were removed


def test_bar_on_test_split(rows: list[dict[str, str]]) -> None:
    scores = evaluate_postings(split_of(rows))
    assert scores["medium_or_high"]["f1"] >= 0.85
    assert scores["high"]["fpr"] <= 0.05
    assert scores == load_classifier().meta["test"]  # the data card's figures are reproducible


def test_real_lures_come_out_medium_or_high() -> None:
    lures = load_lures()
    assert len(lures) >= 30 and all(x["source_url"].startswith("http") for x in lures)
    assert evaluate_lures(lures)["share"] >= 0.90


def test_artefact_is_small_and_standalone() -> None:
    path = resources.files("ringscope").joinpath("data", "screen", "classifier.json")
    raw = path.read_text(encoding="utf-8")
    assert len(raw) < 400_000
    data = json.loads(raw)
    assert {"intercept", "terms", "levels", "combination"} <= set(data)
    assert 0 < data["levels"]["medium"] < data["levels"]["high"] < 1
