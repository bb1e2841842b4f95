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


def _command(tmp_path: Path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for i in range(5):
        (folder / f"r{i}.txt").write_text(f"Report number {i} about a scam compound.")
    return [sys.executable, "-m", "ringscope.cli", "ingest", str(folder), "--store", str(tmp_path / "tty.db")]


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    piped = subprocess.run(_command(tmp_path), capture_output=True, timeout=120)
    assert piped.returncode == 0 and piped.stderr == b""

    (tmp_path / "tty.db").unlink()
    primary, secondary = pty.openpty()
    output = b""
    try:
        # read while the command runs: a terminal holds only a few kilobytes nobody has read, and a
        # progress bar redrawn for long on a busy machine writes more than that
        child = subprocess.Popen(_command(tmp_path), stdout=subprocess.PIPE, stderr=secondary)
        os.close(secondary)
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break  # the command closed the terminal
            if not chunk:
                break
            output += chunk
        assert child.stdout is not None
        child.stdout.read()
        returncode = child.wait(timeout=120)
    finally:
        os.close(primary)
    assert returncode == 0
    assert b"ingesting" in output
