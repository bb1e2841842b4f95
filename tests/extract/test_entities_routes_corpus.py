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

ENTITY_F1_FLOOR = 0.87
ROUTE_F1_FLOOR = 0.78


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ringscope_shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    if not GOLD.exists() or not SCORER.exists():
        pytest.skip(f"dev corpus or scorer not found under {SHARED} (shared folder not beside the repo)")
    scorer = _scorer()
    gold = scorer.load(str(GOLD))
    pred = {}
    for doc_id, doc in gold.items():
        pred[doc_id] = extract(doc["text"], doc.get("published")).to_contract(doc_id)
    scored: dict[str, Any] = scorer.score(gold, json.loads(json.dumps(pred)))
    return scored


def test_entity_f1_floor(result: dict[str, Any]) -> None:
    assert result["entities"]["f1"] >= ENTITY_F1_FLOOR, result["entities"]


def test_route_f1_floor(result: dict[str, Any]) -> None:
    assert result["routes"]["f1"] >= ROUTE_F1_FLOOR, result["routes"]


def test_location_entities_precise(result: dict[str, Any]) -> None:
    assert result["entities_by_type"]["Location"]["precision"] >= 0.9, result["entities_by_type"]["Location"]
