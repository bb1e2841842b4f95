"""A SIGKILL in the middle of ``ringscope ingest`` loses at most the report in flight."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from ringscope.extract import extract
from ringscope.store import Store

REPORTS = 3000
KILL_AFTER = 40
PLACES = ["Myawaddy", "Sihanoukville", "Bavet", "Shwe Kokko", "Poipet", "Mae Sot", "Manila", "Laukkaing"]
NATIONALITIES = ["Vietnamese", "Indonesian", "Chinese", "Thai", "Filipino", "Kenyan", "Indian", "Malaysian"]


def synthetic_report(i: int) -> str:
    place = PLACES[i % len(PLACES)]
    people = NATIONALITIES[(i // 3) % len(NATIONALITIES)]
    return (
        f"Report {i}. Police in {place} rescued {100 + i} {people} workers from a scam compound "
        f"on {1 + i % 28} March 2024, officials said. About {1000 + 7 * i:,} people remain held "
        f"and USD {1 + i % 9} million was seized. {i % 5 + 2} suspects were arrested."
    )


def write_corpus(folder: Path) -> list[str]:
    folder.mkdir()
    texts = [synthetic_report(i) for i in range(REPORTS)]
    for i, text in enumerate(texts):
        (folder / f"report-{i:05d}.txt").write_text(text, encoding="utf-8")
    return texts


def committed_reports(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # not created or not migrated yet
        return 0


def ingest_command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "ringscope.cli", "ingest", str(folder), "--store", str(db)]


def test_sigkill_during_ingest_loses_nothing_committed(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    texts = write_corpus(folder)
    db = tmp_path / "crash.db"
    proc = subprocess.Popen(ingest_command(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while committed_reports(db) < KILL_AFTER:
            assert proc.poll() is None, f"ingest ended early: {proc.stderr.read() if proc.stderr else ''!r}"
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    stored = conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    assert KILL_AFTER <= stored < REPORTS, "the kill should land mid-run"
    # Per report, the rows stored match the count written with the report in the same transaction.
    mismatched = conn.execute(
        "SELECT r.id FROM reports r WHERE r.item_count != "
        "(SELECT COUNT(*) FROM entities WHERE report_id = r.id)"
        " + (SELECT COUNT(*) FROM mentions WHERE report_id = r.id)"
        " + (SELECT COUNT(*) FROM claims WHERE report_id = r.id)"
        " + (SELECT COUNT(*) FROM routes WHERE report_id = r.id)"
        " + (SELECT COUNT(*) FROM dates WHERE report_id = r.id)"
    ).fetchall()
    assert mismatched == []
    for table in ("entities", "mentions", "claims", "routes", "dates"):
        orphans = conn.execute(
            f"SELECT COUNT(*) FROM {table} WHERE report_id NOT IN (SELECT id FROM reports)"
        )
        assert orphans.fetchone()[0] == 0, table
    conn.close()

    # Every committed report holds exactly what a fresh extraction of its text gives.
    with Store(db, create=False) as store:
        for report, extraction in store.iter_extractions():
            assert report.text in texts
            fresh = extract(report.text, report.published)
            assert extraction == fresh, report.source

    # Running ingest again completes the rest, with no duplicates.
    done = subprocess.run(ingest_command(folder, db), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"{REPORTS - stored} ingested, {stored} unchanged, 0 failed" in done.stdout
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM reports").fetchone() == (
        REPORTS,
        REPORTS,
    )
    assert sorted(r[0] for r in conn.execute("SELECT text FROM reports")) == sorted(texts)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
