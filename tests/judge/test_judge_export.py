"""Judgements in the exports: a judgements table, and FtM ids that change only for what an analyst
merged or split."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ringscope import judging
from ringscope.api import picture

from .reports import build, report_ids
from .test_judge_cli import run

ANNA = judging.Judge("anna", "analyst")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("judge-export"))


@pytest.fixture
def store(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "judged.db"
    shutil.copy(pristine, copy)
    return copy


def ftm(store: Path) -> dict[str, dict[str, object]]:
    result = run("export", "-f", "ftm", "-o", "-", "-s", str(store))
    assert result.returncode == 0, result.stderr
    return {e["id"]: e for e in map(json.loads, result.stdout.splitlines())}


def test_the_tables_carry_every_judgement_with_the_items_it_names(store: Path, tmp_path: Path) -> None:
    ids = report_ids(store)
    judging.make(store, ANNA, "merge", ["Halvard Syndicate", "Halvard Group"], "one gang")
    ref = next(r for f in picture(store).figures for r in f.claims if r.claim.value == 220.0)
    judging.make(store, ANNA, "reject-claim", [f"{ref.report_id}:{ref.claim.id}"])
    undone = judging.make(store, ANNA, "different-event", [ids["b1"], ids["b2"]])
    judging.undo(store, ANNA, undone.id)
    merged = picture(store).entity("Halvard Group")[0].id
    assert run("export", "-f", "csv", "-o", str(tmp_path / "csv"), "-s", str(store)).returncode == 0
    with (tmp_path / "csv" / "judgements.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["judgement_id"], r["kind"], r["user"], r["applies"]) for r in rows] == [
        ("1", "merge", "anna", "true"), ("2", "reject-claim", "anna", "true"),
        ("3", "different-event", "anna", "false"),
    ]
    assert json.loads(rows[0]["entity_ids"]) == [merged, merged] and rows[0]["note"] == "one gang"
    with (tmp_path / "csv" / "claims.csv").open(encoding="utf-8") as fh:
        claims = {c["claim_id"]: c for c in csv.DictReader(fh)}
    rejected = json.loads(rows[1]["claim_ids"])
    assert len(rejected) == 1 and claims[rejected[0]]["figure_id"] == ""  # counted in no figure
    assert rows[2]["undone_by"] == "anna" and json.loads(rows[2]["report_ids"]) == [ids["b1"], ids["b2"]]
    assert run("export", "-f", "parquet", "-o", str(tmp_path / "pq"), "-s", str(store)).returncode == 0
    table = pq.read_table(tmp_path / "pq" / "judgements.parquet").to_pylist()
    assert [t["kind"] for t in table] == ["merge", "reject-claim", "different-event"]
    assert table[0]["entity_ids"] == [merged, merged] and table[2]["applies"] is False


def test_ftm_ids_change_only_for_the_merged_entity(store: Path) -> None:
    before = ftm(store)
    syndicate = picture(store).entity("Halvard Syndicate")[0].id
    group = picture(store).entity("Halvard Group")[0].id
    judging.make(store, ANNA, "merge", ["Halvard Syndicate", "Halvard Group"])
    after = ftm(store)
    kept = picture(store).entity("Halvard Group")[0].id
    gone = ({syndicate, group} - {kept}).pop()
    assert kept in after and gone in before and gone not in after
    changed = set(before) ^ set(after)
    # What changed is the merged-away entity and the links of the two merged ones, nothing else.
    touched = {gone, kept}
    for entity_id in changed:
        entity = before.get(entity_id) or after[entity_id]
        props = entity["properties"]
        named = {v for values in props.values() for v in values}  # type: ignore[union-attr]
        assert entity_id == gone or named & touched, entity
    assert set(after[kept]["properties"]["alias"]) >= {"Halvard Syndicate"} or set(  # type: ignore[index]
        after[kept]["properties"]["name"]) >= {"Halvard Syndicate"}  # type: ignore[index]
