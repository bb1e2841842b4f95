"""Finding a report by id, by the start of its id, or by its external id."""

from __future__ import annotations

from pathlib import Path

from ringscope.model import Extraction, Report
from ringscope.store import Store


def test_find_reports_by_id_prefix_or_external_id(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as db:
        reports = [
            Report(text=f"An invented report, number {n}.", external_id=f"ext-{n}", id=f"{prefix}{n}")
            for n, prefix in enumerate(("abc1", "abc2", "ab_x", "zzz9"))
        ]
        for report in reports:
            db.add(report, Extraction(), "test")
        assert db.find_reports("abc10") == ["abc10"]  # a whole id is that report alone
        assert db.find_reports("abc") == ["abc10", "abc21"]
        assert db.find_reports("ab_") == ["ab_x2"]  # _ and % are not wildcards
        assert db.find_reports("a%") == []
        assert db.find_reports("ext-3") == ["zzz93"]
        assert db.find_reports("ab", limit=2) == ["ab_x2", "abc10"]
        assert db.find_reports("nothing") == []


def test_report_heads_are_the_reports_without_their_texts(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as db:
        reports = [
            Report(text=f"An invented report about harbour {n}.", source=f"Outlet {n}", url=f"https://x{n}.example/a",
                   published=f"2026-02-0{n + 1}", title=f"Title {n}", external_id=f"ext-{n}")
            for n in range(3)
        ]
        for report in reports:
            db.add(report, Extraction(), "test")
        heads = list(db.report_heads())
        assert [h.id for h in heads] == [r.id for r in db.iter_reports()]
        for head, report in zip(heads, reports, strict=True):
            assert head.text == ""
            assert (head.id, head.content_hash, head.source, head.url, head.published, head.title,
                    head.external_id) == (report.id, report.content_hash, report.source, report.url,
                                          report.published, report.title, report.external_id)
