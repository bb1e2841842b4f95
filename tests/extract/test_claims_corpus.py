"""Claims F1 on the shared dev corpus and seeds stays above a floor (skips without ../shared).

Floors are ratchets: just under what main measures, raised when extraction improves.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from ringscope.extract import extract

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def _scorer() -> ModuleType:
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip(f"shared scorer not found at {path}")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "floor"), [("corpus/dev/reports.jsonl", 0.887), ("corpus/seeds.jsonl", 0.9)]
)
def test_claims_f1_floor(name: str, floor: float) -> None:
    scorer = _scorer()
    gold_path = SHARED / name
    if not gold_path.exists():
        pytest.skip(f"gold corpus not found at {gold_path}")
    gold = scorer.load(str(gold_path))
    pred = {}
    for doc_id, doc in gold.items():
        record = extract(doc["text"], doc.get("published")).to_contract(doc_id)
        pred[doc_id] = json.loads(json.dumps(record))
    result = scorer.score(gold, pred)
    assert result["claims"]["f1"] >= floor, result["claims"]
