"""Entity and route quality on the annotated dev corpus stays above a floor (skipped without ../shared)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ringscope.extract import extract

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
GOLD = SHARED / "corpus" / "dev" / "reports.jsonl"
SCORER = SHARED / "eval" / "score.py"

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "ringscope" / "data" / "sample" / "gold.jsonl"

ENTITY_F1_FLOOR = 0.902
ROUTE_F1_FLOOR = 0.873
SAMPLE_ENTITY_F1_FLOOR = 0.9
SAMPLE_ROUTE_F1_FLOOR = 0.7


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ringscope_shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(gold_path: Path) -> dict[str, Any]:
    if not gold_path.exists() or not SCORER.exists():
        pytest.skip(f"{gold_path} or the scorer {SCORER} not found (shared folder not beside the repo)")
    scorer = _scorer()
    gold = scorer.load(str(gold_path))
    pred = {}
    for doc_id, doc in gold.items():
        pred[doc_id] = extract(doc["text"], doc.get("published")).to_contract(doc_id)
    scored: dict[str, Any] = scorer.score(gold, json.loads(json.dumps(pred)))
    return scored


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    return _score(GOLD)


@pytest.fixture(scope="module")
def sample_result() -> dict[str, Any]:
    return _score(SAMPLE)


def test_entity_f1_floor(result: dict[str, Any]) -> None:
    assert result["entities"]["f1"] >= ENTITY_F1_FLOOR, result["entities"]


def test_route_f1_floor(result: dict[str, Any]) -> None:
    assert result["routes"]["f1"] >= ROUTE_F1_FLOOR, result["routes"]


def test_location_entities_precise(result: dict[str, Any]) -> None:
    assert result["entities_by_type"]["Location"]["precision"] >= 0.9, result["entities_by_type"]["Location"]


def test_bundled_sample_floors(sample_result: dict[str, Any]) -> None:
    assert sample_result["entities"]["f1"] >= SAMPLE_ENTITY_F1_FLOOR, sample_result["entities"]
    assert sample_result["routes"]["f1"] >= SAMPLE_ROUTE_F1_FLOOR, sample_result["routes"]
