"""A real store exported through the CLI: the DuckDB query of docs/exports.md counts each figure once,
and the FtM export carries ringscope's resolved entities, events and figures with stable ids."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

duckdb = pytest.importorskip("duckdb", reason="duckdb (a dev dependency) is not installed")

DOCS = Path(__file__).resolve().parents[2] / "docs" / "exports.md"

# Invented reports: one rescue told by three outlets, another rescue elsewhere, and a plain-text
# input (whose only "source" is its file name).
_BASE = (
    "Police in the coastal province said on Tuesday that they freed 312 people from a scam compound "
    "called the Copperleaf Garden near the border town of Velmor in Cambodia. Officers of the Harbour "
    "Police Agency arrested 41 suspects during Operation Glass Heron, spokesperson Dara Quill said."
)
REPORTS = [
    {"id": "r1", "url": "https://www.northwire-daily.com/news/copperleaf", "published": "2026-03-03",
     "text": _BASE},
    {"id": "r2", "url": "https://eastpost-asia.org/raid", "published": "2026-03-04",
     "text": _BASE.replace("said on Tuesday", "announced on Tuesday")},
    {"id": "r3", "url": "https://ledger-weekly.net/copperleaf-raid", "published": "2026-03-04",
     "text": "Operation Glass Heron: " + _BASE},
    {"id": "r4", "url": "https://northwire-daily.com/news/other", "published": "2026-04-20",
     "text": "Authorities in Thailand said they rescued 57 people from an online fraud centre in Mae Lintra "
             "and deported 12 suspects, according to the Border Watch Office."},
]
NOTE = "Investigators said 25 victims were freed from a compound in Laos on Friday.\n"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "ringscope.cli", *args], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("duckdb")
    (root / "reports.jsonl").write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n", encoding="utf-8")
    (root / "note.txt").write_text(NOTE, encoding="utf-8")
    store = str(root / "s.db")
    _run("ingest", str(root / "reports.jsonl"), str(root / "note.txt"), "--store", store)
    _run("export", "-f", "parquet", "-o", str(root / "tables"), "--store", store)
    for name in ("a", "b"):
        _run("export", "-f", "ftm", "-o", str(root / f"{name}.ftm.jsonl"), "--store", store)
    _run("export", "-f", "ftm", "--include-text", "-o", str(root / "text.ftm.jsonl"), "--store", store)
    return root


def documented_query(marker: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    found = re.search(rf"<!-- query: {marker} -->\s*```sql\n(.*?)```", text, re.S)
    assert found is not None, f"no query {marker} in {DOCS}"
    return found.group(1)


def _ftm(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_documented_query_counts_each_figure_once(exported: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(exported / "tables")
    result = duckdb.sql(documented_query("figures-once")).fetchall()
    figures = pq.read_table("figures.parquet").to_pylist()
    claims = pq.read_table("claims.parquet").to_pylist()
    once: dict[tuple[str | None, str | None], float] = defaultdict(float)
    for f in figures:
        if f["measure"] == "victims_rescued" and f["part_of"] is None and f["value"] is not None:
            month = f["first_published"].strftime("%Y-%m") if f["first_published"] else None
            once[(f["location"], month)] += f["value"]
    assert {(country, month): total for country, month, _, total in result} == dict(once)
    # the event told by three outlets: three claims, one figure, counted once by the query
    told = [f for f in figures if f["measure"] == "victims_rescued" and f["claims"] > 1]
    assert told, "the three reports of one rescue should give one figure"
    naive = sum(c["value"] for c in claims if c["figure_id"] == told[0]["figure_id"])
    assert naive == told[0]["claims"] * told[0]["value"]
    row = next(r for r in result if r[0] == told[0]["location"])
    by_claims = sum(c["value"] for c in claims if c["measure"] == "victims_rescued"
                    and c["location"] == told[0]["location"] and c["value"] is not None)
    assert row[3] < by_claims  # summing claims counts the retold rescue three times
    assert row[2] == sum(1 for f in figures if f["measure"] == "victims_rescued"
                         and f["location"] == told[0]["location"] and f["part_of"] is None)


def test_ftm_has_one_entity_per_resolved_entity(exported: Path) -> None:
    entities = pq.read_table(exported / "tables" / "entities.parquet").to_pylist()
    ftm = _ftm(exported / "a.ftm.jsonl")
    by_id = {e["id"]: e for e in ftm}
    assert len(by_id) == len(ftm)
    for resolved in entities:
        proxy = by_id[resolved["entity_id"]]
        names = set(proxy["properties"]["name"]) | set(proxy["properties"].get("alias", []))
        assert set(resolved["aliases"]) <= names
    named = [e for e in ftm if e["schema"] in ("Person", "Organization", "Address")
             and e["properties"].get("name") and not e["id"].startswith("ftm")]
    resolved_ids = {r["entity_id"] for r in entities}
    country_ids = {e["properties"]["startLocation"][0] for e in ftm if e["schema"] == "Trip"} | {
        e["properties"]["endLocation"][0] for e in ftm if e["schema"] == "Trip"}
    assert {e["id"] for e in named} - country_ids <= resolved_ids


def test_ftm_carries_outlets_figures_and_events(exported: Path) -> None:
    ftm = _ftm(exported / "a.ftm.jsonl")
    articles = [e for e in ftm if e["schema"] == "Article"]
    assert len(articles) == len(REPORTS) + 1
    for article in articles:
        for prop in ("title", "publisher"):
            for value in article["properties"].get(prop, []):
                assert str(exported) not in value and not value.endswith((".txt", ".jsonl")), value
    assert {p for a in articles for p in a["properties"].get("publisher", [])} >= {"northwire-daily.com"}
    figures = pq.read_table(exported / "tables" / "figures.parquet").to_pylist()
    ftm_figures = [e for e in ftm
                   if e["schema"] == "Event" and "figure" in e["properties"].get("keywords", [])]
    assert sorted(json.loads(e["properties"]["description"][0])["figure_id"] for e in ftm_figures) == sorted(
        f["figure_id"] for f in figures)
    links = [e for e in ftm if e["schema"] == "UnknownLink"
             and e["properties"]["role"] == ["claim of figure"]]
    assert len(links) == sum(f["claims"] for f in figures)
    events = [e for e in ftm if e["schema"] == "Event" and "event" in e["properties"].get("keywords", [])]
    reports = pq.read_table(exported / "tables" / "reports.parquet").to_pylist()
    assert all(r["language"] for r in reports)  # kept through the redacted view
    grouped = {r["ftm_id"] for r in reports if r["event_id"]}
    assert {p for e in events for p in e["properties"]["proof"]} == grouped and grouped
    docs = [e for e in ftm if e["schema"] == "Documentation"]
    spans = json.loads(docs[0]["properties"]["description"][0])["spans"]
    assert all(isinstance(s["start"], int) and isinstance(s["end"], int) for s in spans)


def test_ftm_ids_are_stable_and_text_only_on_request(exported: Path) -> None:
    first, second = _ftm(exported / "a.ftm.jsonl"), _ftm(exported / "b.ftm.jsonl")
    assert sorted(e["id"] for e in first) == sorted(e["id"] for e in second)
    assert not any("bodyText" in e["properties"] for e in first)
    texts = [e["properties"]["bodyText"][0] for e in _ftm(exported / "text.ftm.jsonl")
             if e["schema"] == "Article"]
    assert NOTE.strip() in [t.strip() for t in texts]


def test_ftm_validate_keeps_every_entity(exported: Path) -> None:
    ftm = Path(sys.executable).with_name("ftm")
    if not ftm.exists():
        pytest.skip("the followthemoney command-line tool is not installed next to this Python")
    source = exported / "text.ftm.jsonl"
    result = subprocess.run([str(ftm), "validate", "-i", str(source)], capture_output=True, text=True,
                            check=True, timeout=120)
    assert len(result.stdout.splitlines()) == len(source.read_text(encoding="utf-8").splitlines())
