"""The fusion commands run as real subprocesses over a store built from the sample corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ringscope.cli", *args], capture_output=True, text=True,
                          timeout=300, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})


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
