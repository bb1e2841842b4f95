"""Ingest and re-extraction name the reports in languages the extractor does not read (invented texts)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ringscope.engines.rows import error_row, process_line
from ringscope.ingest import ingest_paths
from ringscope.ingest.readers.jsonl import read_jsonl_lines
from ringscope.ingest.run import Extracted, Failed, LanguageTally, Runner, Unchanged
from ringscope.ingest.runner import reextract_store
from ringscope.model import Extraction, Report
from ringscope.store import Store

ENGLISH = (
    "Police freed 43 workers from a building near the border on Tuesday. The workers said they had been"
    " forced to defraud people online for months."
)
THAI = (
    "ตำรวจช่วยเหลือคนงานสี่สิบสามคนจากอาคารแห่งหนึ่งใกล้ชายแดนเมื่อวันอังคาร"
    " เจ้าหน้าที่กล่าวว่าพวกเขาถูกบังคับให้ทำงานหลอกลวงทางออนไลน์เป็นเวลาหลายเดือน"
)
CHINESE = (
    "警方周二在边境附近的一栋大楼里解救了四十三名工人。"
    "官员说，他们被迫在网上从事诈骗活动长达数月。获救人员将于下周被送回家乡。"
)
INDONESIAN = (
    "Polisi membebaskan empat puluh tiga pekerja dari sebuah gedung di dekat perbatasan pada hari Selasa."
    " Para pekerja itu mengatakan mereka dipaksa menipu orang melalui internet selama berbulan-bulan."
    " Pemerintah akan memulangkan mereka minggu depan."
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "s.db") as db:
        yield db


def write_jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
                    encoding="utf-8")
    return path


def test_summary_counts_unsupported_languages_and_stores_them(store: Store, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "mixed.jsonl", [ENGLISH, THAI, CHINESE, INDONESIAN, THAI + " " + THAI])
    summary = ingest_paths(store, [source])
    assert (summary.ingested, summary.failed) == (5, 0)
    assert dict(summary.unsupported.counts) == {"th": 2, "zh": 1, "id": 1}
    assert str(summary).endswith("; 4 report(s) in unsupported languages: th (2), id (1), zh (1)")
    languages = {}
    for report in store.iter_reports():
        extraction = store.get_extraction(report.id)
        languages[report.text[:10]] = (extraction.language, extraction.unsupported_language)
        if extraction.unsupported_language:
            assert (extraction.entities, extraction.claims, extraction.routes) == ([], [], [])
    assert languages[ENGLISH[:10]] == ("en", False)
    assert languages[CHINESE[:10]] == ("zh", True)
    assert languages[INDONESIAN[:10]] == ("id", True)


def test_english_only_summary_has_no_language_line(store: Store, tmp_path: Path) -> None:
    summary = ingest_paths(store, [write_jsonl(tmp_path / "en.jsonl", [ENGLISH])])
    assert summary.unsupported.total == 0
    assert "unsupported" not in str(summary)


def test_reextract_records_languages_of_reports_stored_before_detection(store: Store) -> None:
    for text in (ENGLISH, THAI):
        store.add(Report(text=text), Extraction(), "0.0.1-before-languages")
    assert [store.get_extraction(r.id).language for r in store.iter_reports()] == [None, None]
    summary = reextract_store(store)
    assert summary.ingested == 2
    assert str(summary.unsupported) == "1 report(s) in unsupported languages: th (1)"
    assert [store.get_extraction(r.id).language for r in store.iter_reports()] == ["en", "th"]
    assert reextract_store(store).ingested == 0


def test_reextract_names_a_report_the_extractor_fails_on(store: Store) -> None:
    store.add(Report(text=ENGLISH), Extraction(), "old")

    def broken(text: str, published: str | None) -> Extraction:
        raise ValueError("boom")

    summary = reextract_store(store, extractor=broken, version="new")
    assert summary.ingested == 0
    assert [p.message for p in summary.problems] == ["extraction failed (ValueError: boom)"]
    assert store.extractor_version(next(store.iter_reports()).id) == "old"


def test_one_runner_gives_every_outcome_in_order() -> None:
    lines = [
        json.dumps({"text": ENGLISH}).encode(),
        b"{not json",
        json.dumps({"text": THAI}).encode(),
        json.dumps({"text": "x" * 50}).encode(),
        json.dumps({"text": CHINESE * 4}).encode(),
    ]
    runner = Runner(max_chars=200)
    skip_thai = runner.run(read_jsonl_lines(lines, "in.jsonl"), skip=lambda r: r.text == THAI)
    outcomes = list(skip_thai)
    assert [type(o) for o in outcomes] == [Extracted, Failed, Unchanged, Extracted, Failed]
    assert [o.line for o in outcomes] == [1, 2, 3, 4, 5]
    assert isinstance(outcomes[4], Failed) and outcomes[4].message.startswith("report text too long")
    assert len(CHINESE * 4) > 200
    assert runner.unsupported.total == 0  # the Thai report was skipped, the Chinese one refused


def test_engine_rows_and_the_reader_word_problems_alike() -> None:
    runner = Runner()
    for raw in ('{"text": ', '["a list"]', '{"text": ""}', '{"text": "ok", "published": "soon"}'):
        [(line, item)] = list(read_jsonl_lines([raw.encode()], "f.jsonl"))
        assert isinstance(item, Exception)
        row = process_line(1, raw, "f.jsonl", 10_000, runner.extractor, runner.version)
        assert row == error_row(1, str(item))


def test_engine_row_carries_language_in_contract_and_extraction() -> None:
    runner = Runner()
    raw = json.dumps({"id": "t", "text": THAI})
    row = process_line(1, raw, None, 10_000, runner.extractor, runner.version)
    assert row is not None
    contract, extraction = json.loads(row[11]), json.loads(row[12])
    assert (contract["language"], contract["unsupported_language"]) == ("th", True)
    assert "th" in contract["note"]
    assert (extraction["language"], extraction["unsupported_language"]) == ("th", True)


def test_tally_orders_by_count_then_code() -> None:
    tally = LanguageTally()
    for code in ("zh", "th", "th", "es"):
        tally.add(Extraction(language=code, unsupported_language=True))
    tally.add(Extraction(language="en"))
    assert str(tally) == "4 report(s) in unsupported languages: th (2), es (1), zh (1)"
    assert str(LanguageTally()) == ""


def test_a_store_from_before_language_detection_is_migrated(tmp_path: Path) -> None:
    import sqlite3

    from ringscope.store.migrations import MIGRATIONS, migrate

    path = tmp_path / "old.db"
    conn = sqlite3.connect(str(path), isolation_level=None)
    migrate(conn, MIGRATIONS[:3])
    conn.execute(
        "INSERT INTO reports (id, content_hash, text, ingested_at, extractor_version)"
        " VALUES ('old1', 'hash1', ?, '2026-01-01T00:00:00', '0.1.0')",
        (THAI,),
    )
    conn.close()
    with Store(path) as db:
        assert db.version == len(MIGRATIONS)
        assert (db.get_extraction("old1").language, db.stats().languages) == (None, {"": 1})
        summary = reextract_store(db)
        assert summary.ingested == 1
        assert str(summary.unsupported) == "1 report(s) in unsupported languages: th (1)"
        extraction = db.get_extraction("old1")
        assert (extraction.language, extraction.unsupported_language) == ("th", True)
        assert db.stats().unsupported_languages == frozenset({"th"})
