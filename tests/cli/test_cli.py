"""The ``ringscope`` command line, run as a real subprocess."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from ringscope.extract import extract
from ringscope.model import Claim, Entity, Extraction, Mention, Report
from ringscope.store import Store

GOOD = "Police in Myawaddy rescued 240 Vietnamese workers from a scam compound on Tuesday."


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RINGSCOPE_")}
    env["COLUMNS"] = "200"
    result = subprocess.run(
        [sys.executable, "-m", "ringscope.cli", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_ingest_names_each_problem_stores_the_rest_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 truncated")
    (folder / "big.txt").write_text("word " * 500)
    (folder / "reports.jsonl").write_text(
        json.dumps({"id": "a", "text": GOOD + " Again."}) + "\n{broken\n" + json.dumps({"id": "b"}) + "\n"
    )
    result = run("ingest", "in", "missing.txt", "--store", "s.db", "--max-bytes", "1000", cwd=tmp_path)
    assert result.returncode == 1
    lines = error_lines(result)
    assert "missing.txt: no such file or folder" in lines
    assert "in/empty.txt: empty input" in lines
    assert "in/binary.txt: binary data (NUL bytes), not text" in lines
    assert "in/big.txt: too large (2500 bytes; the limit is 1000 bytes, see --max-bytes)" in lines
    assert any(line.startswith("in/broken.pdf: broken or unreadable PDF") for line in lines)
    assert any(line.startswith("in/reports.jsonl:2: malformed JSON") for line in lines)
    assert "in/reports.jsonl:3: missing 'text'" in lines
    assert len(lines) == 7
    assert "2 ingested, 0 unchanged, 7 failed" in result.stdout
    with Store(tmp_path / "s.db", create=False) as store:
        assert sorted(r.text for r in store.iter_reports()) == [GOOD, GOOD + " Again."]

    again = run(
        "ingest", "in/good.txt", "-", "--store", "s.db", cwd=tmp_path, stdin="A new report from stdin."
    )
    assert again.returncode == 0, again.stderr
    assert "1 ingested, 1 unchanged, 0 failed" in again.stdout


def test_extract_writes_the_contract_in_input_order(tmp_path: Path) -> None:
    records = [
        {
            "id": "r2",
            "text": GOOD,
            "published": "2024-03-02",
            "url": "https://example.org",
            "gold": "ignored",
        },
        {"id": 7, "text": "About 1,200 people were held in Shwe Kokko, officials said."},
        {"text": "No id on this one; 12 suspects were arrested."},
    ]
    lines = [json.dumps(r) for r in records]
    (tmp_path / "in.jsonl").write_text("\n".join([lines[0], "{bad", lines[1], "", lines[2]]) + "\n")
    result = run("extract", "in.jsonl", "-o", "out.jsonl", cwd=tmp_path)
    assert result.returncode == 1
    assert error_lines(result)[0].startswith("in.jsonl:2: malformed JSON")
    got = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    expected_ids = ["r2", "7", Report(text=str(records[2]["text"])).id]
    assert [g["id"] for g in got] == expected_ids
    for record, output, report_id in zip(records, got, expected_ids, strict=True):
        published = record.get("published")
        contract = extract(str(record["text"]), str(published) if published else None).to_contract(report_id)
        # Every claim carries its figure id and part-of link (reconciliation keys of the contract).
        assert output["claims"] and all(c.pop("figure") and "part_of" in c for c in output["claims"])
        for claim in output["claims"]:
            del claim["part_of"]
        assert output == json.loads(json.dumps(contract))
        assert output["event_cluster"] is None
        assert set(output) == {"id", "language", "entities", "claims", "routes", "event_cluster"}
        assert output["language"] == "en"


def test_extract_stdin_to_stdout(tmp_path: Path) -> None:
    result = run("extract", "-", cwd=tmp_path, stdin=json.dumps({"id": "x", "text": GOOD}) + "\n")
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert json.loads(line)["id"] == "x"


def test_extract_missing_input_is_one_line(tmp_path: Path) -> None:
    result = run("extract", "nope.jsonl", cwd=tmp_path)
    assert result.returncode == 1
    assert error_lines(result) == ["error: nope.jsonl: No such file or directory"]


def make_store(path: Path) -> None:
    text = "Police in Myawaddy rescued 240 Vietnamese workers. USD 3 million was seized at Shwe Kokko."
    quote = "rescued 240 Vietnamese workers"
    start = text.index(quote)
    money = "USD 3 million was seized"
    m_start = text.index(money)
    extraction = Extraction(
        entities=[
            Entity("Location", "Myawaddy", "MM", mentions=[Mention(10, 18, "Myawaddy")]),
            Entity(
                "Compound",
                "Shwe Kokko",
                "MM",
                mentions=[Mention(text.index("Shwe"), len(text) - 1, "Shwe Kokko")],
            ),
        ],
        claims=[
            Claim(
                "victims_rescued",
                240,
                240,
                240,
                "exact",
                "people",
                quote,
                start,
                start + len(quote),
                location="MM",
            ),
            Claim(
                "seized",
                3e6,
                3e6,
                3e6,
                "exact",
                "currency",
                money,
                m_start,
                m_start + len(money),
                currency="USD",
            ),
        ],
    )
    with Store(path) as store:
        store.add(Report(text=text, title="Raid in Myawaddy", published="2024-03-02"), extraction, "test")


def test_search_claims_entities_and_stats(tmp_path: Path) -> None:
    make_store(tmp_path / "s.db")

    def table(*args: str) -> subprocess.CompletedProcess[str]:
        return run(*args, "--format", "table", "--store", "s.db", cwd=tmp_path)

    found = table("search", "vietnamese")
    assert found.returncode == 0, found.stderr
    assert "Raid in Myawaddy" in found.stdout and "Vietnamese" in found.stdout
    assert "no reports match" in table("search", "elephant").stdout

    claims = table("claims", "--measure", "victims_rescued", "--country", "mm")
    assert claims.returncode == 0, claims.stderr
    assert "rescued 240 Vietnamese workers" in claims.stdout and "240 people" in claims.stdout
    assert "USD 3,000,000" in table("claims").stdout
    assert "no claims found" in table("claims", "-m", "arrests").stdout

    entities = table("entities", "--type", "compound")
    assert entities.returncode == 0, entities.stderr
    assert "Shwe Kokko" in entities.stdout and "Myawaddy" not in entities.stdout

    stats = table("stats")
    assert stats.returncode == 0 and "claims" in stats.stdout

    reextracted = run("reextract", "--store", "s.db", cwd=tmp_path)
    assert reextracted.returncode == 0 and "re-extracted 1 report(s)" in reextracted.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "word"], "error: no store at missing.db (create one with `ringscope ingest`)"),
        (["claims", "--measure", "bogus"], "error: unknown measure 'bogus'; choose one of: "),
        (["claims", "--country", "XX"], "error: unknown country 'XX'; give an ISO 3166-1 alpha-2 code"),
        (["claims", "--country", "Myanmar"], "error: unknown country 'Myanmar'"),
        (["entities", "--type", "Ship"], "error: unknown entity type 'Ship'; choose one of: Person"),
        (["export", "--format", "xml", "-o", "x"], "error: Invalid value for '--format'"),
        (["ingest", "x", "--max-bytes", "0"], "error: Invalid value for '--max-bytes'"),
        (["search", "--no-such-option", "x"], "error: No such option: --no-such-option"),
        (["frobnicate"], "error: No such command 'frobnicate'."),
    ],
)
def test_user_mistakes_give_one_line_and_no_traceback(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(*args, "--store", "missing.db", cwd=tmp_path)
    assert result.returncode in (1, 2)
    [line] = error_lines(result)
    assert line.startswith(message)


def test_bad_search_query_and_bad_store_file(tmp_path: Path) -> None:
    make_store(tmp_path / "s.db")
    assert error_lines(run("search", '"', "--store", "s.db", cwd=tmp_path)) == [
        "error: nothing to search for in '\"': give at least one word"
    ]
    (tmp_path / "junk.db").write_text("not sqlite " * 200)
    [line] = error_lines(run("stats", "--store", "junk.db", cwd=tmp_path))
    assert line.startswith("error: junk.db is not a ringscope store")


def test_no_arguments_shows_help(tmp_path: Path) -> None:
    result = run(cwd=tmp_path)
    assert "ingest" in result.stdout and "demo" in result.stdout


def test_demo_builds_a_fresh_store_from_the_sample(tmp_path: Path) -> None:
    sample = resources.files("ringscope").joinpath("data/sample/reports.jsonl").read_text(encoding="utf-8")
    reports = sum(1 for line in sample.splitlines() if line.strip())
    for _ in range(2):  # a second run recreates the store rather than adding to it
        result = run("demo", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "ringscope demo" in result.stdout
        assert f"{reports} ingested, 0 unchanged, 0 failed" in result.stdout
        for heading in ("entities by type", "claims by measure", "top 12 entities", "routes"):
            assert heading in result.stdout
        with Store(tmp_path / "ringscope-demo.db", create=False) as store:
            assert store.stats().reports == reports
    other = run("demo", "--store", "elsewhere.db", cwd=tmp_path)
    assert other.returncode == 0 and (tmp_path / "elsewhere.db").exists()


@pytest.mark.skipif(importlib.util.find_spec("ringscope.export") is None, reason="export not installed")
def test_export_formats(tmp_path: Path) -> None:
    make_store(tmp_path / "s.db")
    ftm = run("export", "--format", "ftm", "-o", "out.ftm.json", "--store", "s.db", cwd=tmp_path)
    assert ftm.returncode == 0, ftm.stderr
    lines = (tmp_path / "out.ftm.json").read_text().splitlines()
    assert lines and all(json.loads(line)["schema"] for line in lines)
    for fmt in ("csv", "parquet"):
        result = run("export", "--format", fmt, "-o", f"tables-{fmt}", "--store", "s.db", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert any((tmp_path / f"tables-{fmt}").iterdir())
    (tmp_path / "afile").write_text("x")
    clash = run("export", "--format", "csv", "-o", "afile", "--store", "s.db", cwd=tmp_path)
    assert clash.returncode == 1 and error_lines(clash)[0].startswith("error: ")
