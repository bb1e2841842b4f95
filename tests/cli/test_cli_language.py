"""Languages through the command line, and the one reader under ``ringscope extract`` (invented texts)."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli import error_lines, run

ENGLISH = (
    "Police freed 43 workers from a building near the border on Tuesday. The workers said they had been"
    " forced to defraud people online for months."
)
THAI = (
    "ตำรวจช่วยเหลือคนงานสี่สิบสามคนจากอาคารแห่งหนึ่งใกล้ชายแดนเมื่อวันอังคาร"
    " เจ้าหน้าที่กล่าวว่าพวกเขาถูกบังคับให้ทำงานหลอกลวงทางออนไลน์เป็นเวลาหลายเดือน"
)
SPANISH = (
    "La policía liberó el martes a cuarenta y tres trabajadores de un edificio cerca de la frontera."
    " Los trabajadores dijeron que fueron obligados a estafar a personas por internet durante meses."
)


def jsonl(*records: dict[str, str]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def test_extract_gives_each_record_its_language_and_names_unsupported_ones(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(
        jsonl({"id": "en", "text": ENGLISH}, {"id": "th", "text": THAI}, {"id": "es", "text": SPANISH}),
        encoding="utf-8",
    )
    result = run("extract", "in.jsonl", "-o", "out.jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = {r["id"]: r for r in map(json.loads, (tmp_path / "out.jsonl").read_text().splitlines())}
    assert [records[k]["language"] for k in ("en", "th", "es")] == ["en", "th", "es"]
    assert records["en"]["claims"] and "unsupported_language" not in records["en"]
    for code in ("th", "es"):
        assert records[code]["unsupported_language"] is True
        assert records[code]["claims"] == records[code]["entities"] == []
        assert f"language {code} not supported" in records[code]["note"]
    assert error_lines(result) == ["2 report(s) in unsupported languages: es (1), th (1)"]


def test_ingest_and_reextract_summaries_count_unsupported_languages(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(jsonl({"text": ENGLISH}, {"text": THAI}), encoding="utf-8")
    ingested = run("ingest", "in.jsonl", "--store", "s.db", cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    summary = "2 ingested, 0 unchanged, 0 failed; 1 report(s) in unsupported languages: th (1)"
    assert summary in ingested.stdout
    again = run("reextract", "--force", "--store", "s.db", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "re-extracted 2 report(s); 1 report(s) in unsupported languages: th (1)" in again.stdout
    stats = run("stats", "--store", "s.db", "--format", "json", cwd=tmp_path)
    languages = json.loads(stats.stdout.splitlines()[0])["languages"]
    assert languages == {"en": 1, "th (not supported: nothing extracted)": 1}


def test_extract_reads_lines_like_ingest_does(tmp_path: Path) -> None:
    """A leading byte-order mark and blank lines are read past; a line that is not UTF-8 fails alone."""
    good = json.dumps({"id": "a", "text": ENGLISH}).encode()
    latin1 = json.dumps({"id": "b", "text": "caf\u00e9 " + ENGLISH}).encode().replace(b"\\u00e9", b"\xe9")
    (tmp_path / "in.jsonl").write_bytes(b"\xef\xbb\xbf" + good + b"\n" + latin1 + b"\n\n" + good + b"\n")
    bad_at = latin1.index(b"\xe9")
    result = run("extract", "in.jsonl", "-o", "out.jsonl", cwd=tmp_path)
    assert result.returncode == 1
    assert error_lines(result) == [
        f"in.jsonl:2: not UTF-8 (invalid continuation byte at byte {bad_at})",
        "1 line(s) failed",
    ]
    ids = [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert ids == ["a", "a"]


def test_extract_refuses_binary_input_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_bytes(b"\x00\x01\x02{}\n")
    result = run("extract", "in.jsonl", cwd=tmp_path)
    assert result.returncode == 1
    assert error_lines(result) == ["error: in.jsonl: binary data (NUL bytes), not JSON lines"]


def test_extract_of_empty_input_writes_nothing(tmp_path: Path) -> None:
    result = run("extract", "-", cwd=tmp_path, stdin="")
    assert (result.returncode, result.stdout, error_lines(result)) == (0, "", [])


def test_extract_through_the_engine_path_says_the_same(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(
        jsonl({"id": "en", "text": ENGLISH}, {"id": "th", "text": THAI}), encoding="utf-8"
    )
    direct = run("extract", "in.jsonl", "-o", "direct.jsonl", cwd=tmp_path)
    engine = run("extract", "in.jsonl", "-o", "engine.jsonl", "--parquet", "results", cwd=tmp_path)
    assert direct.returncode == engine.returncode == 0, engine.stderr
    assert error_lines(engine) == error_lines(direct) == ["1 report(s) in unsupported languages: th (1)"]
    read = [[json.loads(line) for line in (tmp_path / name).read_text().splitlines()]
            for name in ("direct.jsonl", "engine.jsonl")]
    assert read[0] == read[1]
    assert [r["language"] for r in read[1]] == ["en", "th"]
