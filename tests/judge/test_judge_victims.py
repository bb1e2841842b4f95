"""Victims first: an analyst's note that names a withheld person shows the placeholder to every
reader without names, in lists, on pages, in the CLI and in the export tables."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from ringscope import judging
from ringscope.ingest import ingest_paths
from ringscope.report import snapshot as snapshots
from ringscope.store import Store
from serve.storefixture import INVENTED, VICTIM

from .reports import REPORTS, build
from .test_judge_cli import run


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("judge-victims")
    path = build(folder)
    extra = folder / "victim.jsonl"
    extra.write_text("".join(json.dumps(r) + "\n" for r in INVENTED), encoding="utf-8")
    with Store(path) as db:
        assert ingest_paths(db, [extra]).ok
        assert len(REPORTS) + len(INVENTED) == sum(1 for _ in db.iter_reports())
    note = f"told apart after {VICTIM} described the gang"
    judging.make(path, judging.Judge("anna", "analyst"), "merge", ["Halvard Syndicate", "Halvard Group"],
                 note)
    return path


def test_the_victim_is_withheld_so_the_test_means_something(store: Path) -> None:
    withheld = snapshots.load(store).policy.withheld.values()
    assert any(VICTIM in name for person in withheld for name in person.names)


def test_lists_pages_cli_and_exports_show_the_placeholder(store: Path, tmp_path: Path) -> None:
    rows = judging.listing(store)
    assert VICTIM not in rows[0]["note"] and "[victim" in rows[0]["note"]
    assert judging.listing(store, names=True)[0]["note"].endswith(f"{VICTIM} described the gang")
    snap = snapshots.load(store)
    shown = snap.redacted.entity("Halvard Group")[0]
    assert shown.notes and all(VICTIM not in n and "[victim" in n for n in shown.notes)
    listed = run("judge", "list", "-f", "json", "-s", str(store))
    assert listed.returncode == 0 and VICTIM not in listed.stdout and "[victim" in listed.stdout
    entity = run("entity", "Halvard Group", "-f", "json", "-s", str(store))
    assert VICTIM not in entity.stdout and "[victim" in entity.stdout
    listed_entities = run("entities", "-n", "500", "-f", "json", "-s", str(store))
    judged = [json.loads(line)["judged"] for line in listed_entities.stdout.splitlines()]
    assert [j for j in judged if j] and all(VICTIM not in j and "[victim" in j for j in judged if j)
    assert run("export", "-f", "csv", "-o", str(tmp_path / "t"), "-s", str(store)).returncode == 0
    with (tmp_path / "t" / "judgements.csv").open(encoding="utf-8") as fh:
        exported = list(csv.DictReader(fh))
    assert VICTIM not in exported[0]["note"] and "[victim" in exported[0]["note"]
