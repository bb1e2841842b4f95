"""Reports whose texts stay in the store: the same reports, read at each use."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ringscope.model import Extraction, Report
from ringscope.report import snapshot
from ringscope.store import Store
from ringscope.store.texts import StoredReport, lengths, stored_reports

TEXTS = [
    "Officers in Dravel freed 31 workers from a compound near the Ostvik road on Tuesday.",
    "Die Behörden in Kälbrunn befreiten 12 Menschen – so der Sprecher Øyvind Marçal.",
    "A report with a stray\x00NUL inside it, and 7 people named after it.",
]


def _store(path: Path) -> list[Report]:
    reports = [Report(text=t, source=f"Outlet {n}", title=f"Title {n}", published="2026-02-0" + str(n + 1))
               for n, t in enumerate(TEXTS)]
    with Store(path) as store:
        for report in reports:
            store.add(report, Extraction(), "test")
        return list(store.iter_reports())


def test_stored_reports_read_their_texts_from_the_store_and_equal_the_reports(tmp_path: Path) -> None:
    path = tmp_path / "texts.db"
    full = _store(path)
    with Store(path, create=False) as store:
        found = stored_reports(store.report_heads(), path)
    assert list(found) == [r.id for r in full]
    for report in full:
        lazy = found[report.id]
        assert isinstance(lazy, StoredReport) and lazy.text == report.text
        assert lazy == report and report == lazy and lazy != dataclasses.replace(report, title="Other")
        assert Report.__dict__["text"].__get__(lazy) != report.text  # the text itself is not held
        copy = dataclasses.replace(lazy, text="shown")
        assert copy.text == "shown" and copy.title == report.title and lazy.text == report.text
    assert lengths(found) == {r.id: len(r.text) for r in full}  # NUL and accented letters counted as len does
    copies = {rid: dataclasses.replace(r, text="shown") for rid, r in found.items()}
    assert lengths(copies) == dict.fromkeys(found, 5)  # a copy's length is that of the text it holds


def test_a_report_the_store_no_longer_holds_reads_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "gone.db"
    first = _store(path)[0]
    with Store(path, create=False) as store:
        found = stored_reports(store.report_heads(), path)
        assert found[first.id].text == first.text
        assert store.remove(first.id)
    assert found[first.id].text == ""


def test_the_snapshot_holds_stored_reports(tmp_path: Path) -> None:
    path = tmp_path / "snap.db"
    full = _store(path)
    snap = snapshot.load(path)
    assert all(isinstance(r, StoredReport) for r in snap.picture.reports.values())
    assert {r.id: r.text for r in snap.picture.reports.values()} == {r.id: r.text for r in full}
