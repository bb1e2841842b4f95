"""The committed artefact re-evaluated: the fixed test split of real postings, and real lures."""

import json
import os
from importlib import resources
from pathlib import Path

import pytest

from ringscope.screen.classifier import load_classifier
from ringscope.screen.evaluate import (
    LureFileError,
    dedupe,
    evaluate_lures,
    evaluate_postings,
    load_lures,
    load_rows,
    main,
)
from ringscope.screen.evaluate import test_split as split_of
from ringscope.screen.text import in_test_split

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
JOBADS = SHARED / "data" / "jobads" / "jobads_eval_combined.csv.gz"
LURES = Path(__file__).resolve().parents[2] / ".." / "lures_eval.jsonl"


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


def _lure_file() -> Path:
    """Real lures restated from news reports live outside the repository (never committed)."""
    path = Path(os.environ["RINGSCOPE_SCREEN_LURES"]) if os.environ.get("RINGSCOPE_SCREEN_LURES") else LURES
    if not path.is_file():
        pytest.skip(f"real lure set not available at {path} (kept outside the repository; "
                    "set RINGSCOPE_SCREEN_LURES)")
    return path


def test_real_lures_come_out_medium_or_high() -> None:
    lures = load_lures(_lure_file())
    assert len(lures) >= 30 and all(x["source_url"].startswith("http") for x in lures)
    assert evaluate_lures(lures)["share"] >= 0.90


def test_lure_file_is_optional_and_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    invented = [
        {"id": "a", "text": "Easy office work in Laos, free air tickets, no experience needed. "
                            "Interview on Telegram @example_desk, travel on a tourist visa."},
        {"id": "b", "text": "The borough library seeks a part-time archivist; apply with a CV by post."},
    ]
    good = tmp_path / "lures.jsonl"
    good.write_text("\n".join(json.dumps(x) for x in invented) + "\n", encoding="utf-8")
    assert main(["--data", str(tmp_path / "absent.csv.gz"), "--lures", str(good)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["lures"]["lures"] == 2 and out["lures"]["levels"]["a"] in ("medium", "high")

    assert main(["--data", str(tmp_path / "absent.csv.gz")]) == 0
    captured = capsys.readouterr()
    assert "lures not scored" in captured.err and "lures" not in json.loads(captured.out)

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "ok"}\n{not json\n', encoding="utf-8")
    assert main(["--data", str(tmp_path / "absent.csv.gz"), "--lures", str(bad)]) == 1
    assert "bad.jsonl, line 2: not JSON" in capsys.readouterr().err
    with pytest.raises(LureFileError, match="cannot read"):
        load_lures(tmp_path / "missing.jsonl")


def test_artefact_is_small_and_standalone() -> None:
    path = resources.files("ringscope").joinpath("data", "screen", "classifier.json")
    raw = path.read_text(encoding="utf-8")
    assert len(raw) < 400_000
    data = json.loads(raw)
    assert {"intercept", "terms", "levels", "combination"} <= set(data)
    assert 0 < data["levels"]["medium"] < data["levels"]["high"] < 1
