"""Only its owner may read the store (and SQLite's -wal and -shm files) or an export."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ringscope.ingest import ingest_paths
from ringscope.store import Store, StoreError

SRC = Path(__file__).resolve().parents[2] / "src"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The common umask, under which files are world-readable unless made otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _fill(path: Path, folder: Path) -> None:
    report = folder / "r.txt"
    report.write_text(
        "Police rescued 40 people from a scam compound in Cambodia on Friday.", encoding="utf-8"
    )
    with Store(path) as db:
        assert ingest_paths(db, [report]).ok
        # while the store is open, its write-ahead log and shared memory exist
        for suffix in ("", "-wal", "-shm"):
            assert _mode(Path(f"{path}{suffix}")) == 0o600, suffix


def test_a_new_store_and_its_wal_and_shm_are_0600(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    _fill(path, tmp_path)
    assert _mode(path) == 0o600


def test_an_existing_readable_store_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _fill(path, tmp_path)
    os.chmod(path, 0o644)
    with Store(path, create=False) as db:
        assert db.stats().reports == 1
    assert _mode(path) == 0o600


def test_a_store_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open store"):
        Store(tmp_path / "missing" / "x.db")


def test_exports_are_0600(tmp_path: Path) -> None:
    path = tmp_path / "export.db"
    _fill(path, tmp_path)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(SRC)}
    for args, written in (
        (["--format", "csv", "--output", str(tmp_path / "csv")], [tmp_path / "csv" / "claims.csv"]),
        (["--format", "parquet", "--output", str(tmp_path / "pq")], [tmp_path / "pq" / "reports.parquet"]),
        (["--format", "ftm", "--output", str(tmp_path / "ftm.jsonl")], [tmp_path / "ftm.jsonl"]),
    ):
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import os, sys; os.umask(0o022); from ringscope.cli import main;"
                " sys.argv = ['ringscope', *sys.argv[1:]]; main()",
                "export",
                *args,
                "--store",
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
        )
        assert result.returncode == 0, result.stderr
        for file in written:
            assert _mode(file) == 0o600, file
