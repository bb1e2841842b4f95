"""The fusion commands run as real subprocesses over a store built from the sample corpus."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def env(columns: int) -> dict[str, str]:
    """A bare environment (the sources under test stay importable)."""
    path = {"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}
    return {"COLUMNS": str(columns), "PATH": "/usr/bin:/bin", **path}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ringscope.cli", *args], capture_output=True, text=True,
                          timeout=300, env=env(200))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fusion") / "demo.db"
    brief = path.with_name("brief.html")
    result = run("demo", "--store", str(path), "--brief", str(brief))
    assert result.returncode == 0, result.stderr
    assert "figures in conflict" in result.stdout and "magnitude_outlier" in result.stdout
    assert brief.exists() and "<svg" in brief.read_text(encoding="utf-8")
    return path


def test_events_lists_multi_report_events_with_conflicts(store: Path) -> None:
    result = run("events", "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("ev-") >= 6
    assert "magnitude_outlier" in result.stdout


def test_claims_conflicts_shows_reasons(store: Path) -> None:
    result = run("claims", "--conflicts", "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert "currency_conflict" in result.stdout
    assert "times off" in result.stdout
    only = run("claims", "--conflicts", "--measure", "laundered", "--store", str(store))
    assert "magnitude_outlier" not in only.stdout and "currency_conflict" in only.stdout


def test_entity_joins_spellings_and_shows_sources(store: Path) -> None:
    result = run("entity", "nguyen van thanh", "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert "Nguyễn Văn Thành" in result.stdout and "Nguyen Van Thanh" in result.stdout


def test_unknown_entity_is_a_clear_error(store: Path) -> None:
    result = run("entity", "Nobody Of That Name", "--store", str(store))
    assert result.returncode == 1
    assert "no entity named" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["events"], ["claims", "--conflicts"], ["entity", "nguyen van thanh"]])
def test_fused_views_in_every_format(store: Path, command: list[str]) -> None:
    as_json = run(*command, "--format", "json", "--store", str(store))
    rows = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert rows and as_json.returncode == 0
    as_csv = run(*command, "--format", "csv", "--store", str(store))
    assert len(list(csv.DictReader(io.StringIO(as_csv.stdout)))) == len(rows)
    figures = [r for r in rows if "claims" in r] + [f for r in rows for f in r.get("conflicts", [])]
    for figure in figures:
        for claim in figure["claims"]:
            assert claim["claim_id"] and claim["report_id"] and isinstance(claim["start"], int)


@pytest.mark.parametrize("command", [["events"], ["claims", "--conflicts"]])
def test_tables_at_80_columns_do_not_split_words(store: Path, command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ringscope.cli", *command, "-f", "table", "--store", str(store)],
        capture_output=True, text=True, timeout=300, env=env(80),
    )
    assert result.returncode == 0, result.stderr
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert "magnitude_outlier" in result.stdout
    assert "magnitude_outli" not in result.stdout.replace("magnitude_outlier", "")  # never split or cut


def test_every_sample_claim_fits_an_80_column_table(store: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ringscope.cli", "claims", "-n", "1000", "-f", "table", "--store", str(store)],
        capture_output=True, text=True, timeout=300, env=env(80),
    )
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    header = next(line for line in lines if line.startswith("measure"))
    assert header.split() == ["measure", "figure", "where", "quote", "source"]  # a table, not records
    assert header.index("source") - header.index("quote") >= 20 + 2
