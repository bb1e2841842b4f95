"""Fusion end to end: real extraction, then grouping, resolution and reconciliation.

Runs on the bundled sample corpus (always present) and on the two seed reports
(skipped when ../shared is absent).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from ringscope.extract import extract
from ringscope.fuse import Picture, fuse
from ringscope.fuse.events import same_event_pairs
from ringscope.model import Report

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def load(lines: list[str]) -> tuple[list[dict[str, object]], Picture]:
    docs = [json.loads(line) for line in lines if line.strip()]
    items = [
        (Report(text=str(d["text"]), id=str(d["id"]), url=d.get("url"), published=d.get("published"),  # type: ignore[arg-type]
                source=d.get("source")),  # type: ignore[arg-type]
         extract(str(d["text"]), d.get("published")))  # type: ignore[arg-type]
        for d in docs
    ]
    return docs, fuse(items)


@pytest.fixture(scope="module")
def sample() -> tuple[list[dict[str, object]], Picture]:
    root = resources.files("ringscope").joinpath("data/sample")
    reports = root.joinpath("reports.jsonl").read_text(encoding="utf-8").splitlines()
    return load(reports)


@pytest.fixture(scope="module")
def seeds() -> tuple[list[dict[str, object]], Picture]:
    path = SHARED / "corpus" / "seeds.jsonl"
    if not path.exists():
        pytest.skip(f"seed reports not found at {path}")
    return load(path.read_text(encoding="utf-8").splitlines())


def test_seeds_are_one_event(seeds: tuple[list[dict[str, object]], Picture]) -> None:
    _, picture = seeds
    assert len(set(picture.event_of.values())) == 1 and None not in picture.event_of.values()


def test_seed_headline_reconciles_to_three_trillion_dollars_a_year(
    seeds: tuple[list[dict[str, object]], Picture],
) -> None:
    _, picture = seeds
    headline = [f for f in picture.figures
                if f.measure == "criminal_proceeds" and f.value and f.value >= 1e12]
    assert len(headline) == 1
    figure = headline[0]
    assert (figure.value, figure.currency, figure.period) == (3e12, "USD", "year")
    flags = {(fl.code, ref.claim.value, ref.claim.currency)
             for fl in figure.flags for ref in figure.claims if ref.claim.id == fl.claim_id}
    assert ("magnitude_outlier", 3e6, "USD") in flags
    assert ("currency_conflict", 3e12, "SGD") in flags


def test_seed_spellings_resolve(seeds: tuple[list[dict[str, object]], Picture]) -> None:
    _, picture = seeds
    (stock,) = picture.entity("Jurgen Stock")
    assert {"Jürgen Stock", "Jurgen Stock"} <= set(stock.aliases)
    assert stock.reports == ["s000", "s001"]
    (interpol,) = picture.entity("Interpol")
    assert {"INTERPOL", "Interpol"} <= set(interpol.aliases)


def test_sample_events_match_the_team_annotation(sample: tuple[list[dict[str, object]], Picture]) -> None:
    _, picture = sample
    gold_lines = resources.files("ringscope").joinpath("data/sample/gold.jsonl").read_text(encoding="utf-8")
    gold = {str(d["id"]): d.get("event_cluster") for d in map(json.loads, gold_lines.splitlines())}

    gp, pp = same_event_pairs(gold), same_event_pairs(picture.event_of)
    tp = len(gp & pp)
    precision, recall = tp / max(len(pp), 1), tp / max(len(gp), 1)
    assert 2 * precision * recall / (precision + recall) >= 0.9


def test_sample_currency_mislabel_is_a_currency_conflict(
    sample: tuple[list[dict[str, object]], Picture],
) -> None:
    _, picture = sample
    laundered = [f for f in picture.figures if f.measure == "laundered" and f.value and f.value >= 1e9]
    assert any(f.currency == "USD" and "currency_conflict" in {fl.code for fl in f.flags} for f in laundered)


def test_sample_magnitude_error_is_flagged(sample: tuple[list[dict[str, object]], Picture]) -> None:
    _, picture = sample
    proceeds = [f for f in picture.figures if f.measure == "criminal_proceeds" and f.value and f.value >= 1e9]
    assert any("magnitude_outlier" in {fl.code for fl in f.flags} for f in proceeds)


def test_sample_running_count_is_superseded(sample: tuple[list[dict[str, object]], Picture]) -> None:
    _, picture = sample
    superseded = [f for f in picture.figures if "superseded" in {n.code for n in f.notes}]
    assert superseded
    # A running count that a later total takes in is a note, not a conflict.
    assert not any(f.conflicted for f in superseded)


def test_sample_diacritic_spellings_resolve(sample: tuple[list[dict[str, object]], Picture]) -> None:
    _, picture = sample
    multi = [e for e in picture.entities if len(e.reports) > 1 and any(a != e.name for a in e.aliases)]
    folded_pairs = [e for e in multi
                    if any(not a.isascii() for a in e.aliases) and any(a.isascii() for a in e.aliases)]
    assert folded_pairs, "no entity joins a spelling with diacritics to its plain spelling"
