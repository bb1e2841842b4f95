"""The library facade, and the progress bar that shows only on a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from ringscope.api import ingest, open_store


def test_api_ingests_and_queries(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Police rescued 40 people from a scam compound.")
    summary = ingest([tmp_path / "a.txt"], store=tmp_path / "api.db")
    assert summary.ok and summary.ingested == 1
    with open_store(tmp_path / "api.db", create=False) as store:
        assert ingest([tmp_path / "a.txt"], store=store).unchanged == 1
        [hit] = store.search("compound")
        assert hit.report_id == next(store.iter_reports()).id


def run_with_stderr_on(tmp_path: Path, stderr: int) -> subprocess.CompletedProcess[bytes]:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for i in range(5):
        (folder / f"r{i}.txt").write_text(f"Report number {i} about a scam compound.")
    return subprocess.run(
        [sys.executable, "-m", "ringscope.cli", "ingest", str(folder), "--store", str(tmp_path / "tty.db")],
        stdout=subprocess.PIPE,
        stderr=stderr,
        timeout=120,
    )


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    piped = run_with_stderr_on(tmp_path, subprocess.PIPE)
    assert piped.returncode == 0 and piped.stderr == b""

    (tmp_path / "tty.db").unlink()
    primary, secondary = pty.openpty()
    try:
        result = run_with_stderr_on(tmp_path, secondary)
        os.close(secondary)
        output = b""
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(primary)
    assert result.returncode == 0
    assert b"ingesting" in output
