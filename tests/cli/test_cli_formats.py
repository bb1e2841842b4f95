"""The command line composes: --format table|json|csv, `-` for stdout, quiet closed pipes, `report ID`.

Everything runs as a real subprocess over a real store of invented reports.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from ringscope.api import ingest

TOWNS = ("Riverbend", "Stonehaven", "Lakeport", "Hillcrest", "Maplewood")
VICTIM_REPORT = (
    "Police Colonel Arun Vale said officers rescued 40 workers from the Copper Bay compound in Myawaddy"
    " on Monday. One survivor, Mira Holt, said she was lured by a fake job advert and held for six months."
)
REPORTS = 240  # enough that every stream below is larger than a pipe's buffer


def invented(number: int) -> dict[str, str]:
    town = TOWNS[number % len(TOWNS)]
    return {
        "id": f"inv-{number}",
        "published": f"2026-04-0{1 + number % 9}",
        "title": f"Invented raid number {number} near {town}",
        "source": "Invented Wire",
        "url": f"https://example.org/invented/{number}",
        "text": f"Police in Myawaddy rescued {100 + number} Vietnamese workers from a scam compound"
        f" near {town} on Tuesday. Officers arrested {5 + number % 7} suspects"
        f" and seized {20 + number} phones.",
    }


def env(columns: int = 200) -> dict[str, str]:
    """The caller's environment with buffered output (as in a shell) and a known terminal width."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith("RINGSCOPE_") and k != "PYTHONUNBUFFERED"}
    return {**keep, "COLUMNS": str(columns)}


def run(*args: str, cwd: Path, columns: int = 200) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "ringscope.cli", *args],
        cwd=cwd, capture_output=True, text=True, env=env(columns), timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("formats")
    records = [invented(n) for n in range(REPORTS)]
    records.append({"id": "victim-1", "title": "Copper Bay raid", "source": "Invented Herald",
                    "published": "2026-04-02", "url": "https://example.org/herald/1", "text": VICTIM_REPORT})
    lines = "".join(json.dumps(r) + "\n" for r in records)
    (path / "reports.jsonl").write_text(lines, encoding="utf-8")
    summary = ingest([path / "reports.jsonl"], store=path / "s.db")
    assert summary.ok and summary.ingested == REPORTS + 1
    return path


READ_COMMANDS = [
    ["search", "rescued"],
    ["claims"],
    ["claims", "--conflicts"],
    ["entities"],
    ["events"],
    ["entity", "Myawaddy"],
    ["stats"],
    ["report", "inv-7"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c))
def test_piped_output_is_json_lines_by_default(folder: Path, command: list[str]) -> None:
    result = run(*command, "--store", "s.db", cwd=folder)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(isinstance(row, dict) for row in rows)
    if command[0] not in ("events",) and command != ["claims", "--conflicts"]:
        assert rows, f"{command} printed nothing"


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c))
def test_csv_has_one_header_and_the_json_rows(folder: Path, command: list[str]) -> None:
    as_json = run(*command, "--format", "json", "--store", "s.db", cwd=folder)
    as_csv = run(*command, "--format", "csv", "--store", "s.db", cwd=folder)
    assert as_csv.returncode == 0, as_csv.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    expected = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert len(rows) == len(expected)
    for row, data in zip(rows, expected, strict=True):
        for key, value in data.items():
            if isinstance(value, str):
                assert row[key] == value


def test_json_rows_carry_ids_quotes_spans_and_sources(folder: Path) -> None:
    result = run("claims", "-m", "arrests", "-n", "5", "--format", "json", "--store", "s.db", cwd=folder)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 5
    text = {r["id"]: r["text"] for r in map(json.loads, (folder / "reports.jsonl").read_text().splitlines())}
    for row in rows:
        assert len(row["claim_id"]) == 40 and row["report_id"] and row["source"] == "Invented Wire"
        assert row["url"].startswith("https://example.org/invented/")
        assert row["measure"] == "arrests" and isinstance(row["value"], float)
        number = row["url"].rsplit("/", 1)[1]
        assert text[f"inv-{number}"][row["start"]:row["end"]] == row["quote"]


def test_table_at_80_columns_keeps_every_column_and_room_for_the_quote(folder: Path) -> None:
    result = run("claims", "-n", "200", "--format", "table", "--store", "s.db", cwd=folder, columns=80)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    header = next(line for line in lines if line.startswith("measure"))
    for column in ("measure", "figure", "where", "quote", "source"):
        assert column in header
    assert header.index("source") - header.index("quote") >= 20 + 2
    assert "rescued" in result.stdout and "Invented" in result.stdout


def test_a_narrow_terminal_shows_each_row_as_a_record(folder: Path) -> None:
    result = run("claims", "-n", "2", "--format", "table", "--store", "s.db", cwd=folder, columns=36)
    lines = result.stdout.splitlines()
    assert all(len(line) <= 36 for line in lines)
    for column in ("measure", "figure", "where", "quote", "source"):
        assert sum(line.startswith(column) for line in lines) == 2


def read_first_line_then_close(args: list[str], cwd: Path) -> tuple[bytes, int, bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "ringscope.cli", *args],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(),
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    code = process.wait(timeout=300)
    errors = process.stderr.read()
    process.stderr.close()
    return first, code, errors


@pytest.mark.parametrize(
    "args",
    [
        ["claims", "-n", "100000", "--format", "json"],
        ["claims", "-n", "100000", "--format", "table"],
        ["export", "-f", "ftm", "-o", "-"],
        ["extract", "reports.jsonl", "-o", "-"],
    ],
    ids=lambda a: " ".join(a[:3]),
)
def test_a_closed_pipe_ends_quietly(folder: Path, args: list[str]) -> None:
    if args[0] != "extract":
        args = [*args, "--store", "s.db"]
    whole = subprocess.run([sys.executable, "-m", "ringscope.cli", *args], cwd=folder, capture_output=True,
                           env=env(), timeout=300)
    assert len(whole.stdout) > 128 * 1024, "the output must outgrow the pipe for this test to mean anything"
    first, code, errors = read_first_line_then_close(args, folder)
    if "table" not in args:
        assert isinstance(json.loads(first), dict)
    assert errors == b""
    assert code == 1  # the reader went away before the end: not a success, but no noise


def test_export_to_stdout_is_ftm_only(folder: Path) -> None:
    ftm = run("export", "-f", "ftm", "-o", "-", "--store", "s.db", cwd=folder)
    assert ftm.returncode == 0 and ftm.stderr == ""
    assert all(json.loads(line)["schema"] for line in ftm.stdout.splitlines())
    for fmt in ("csv", "parquet"):
        result = run("export", "-f", fmt, "-o", "-", "--store", "s.db", cwd=folder)
        assert result.returncode == 1 and result.stdout == ""
        [line] = result.stderr.splitlines()
        assert line.startswith(f"error: --format {fmt} writes a folder") and "-o" in line
        assert not (folder / "-").exists()


def test_store_cannot_be_a_stream(folder: Path) -> None:
    result = run("ingest", "reports.jsonl", "--store", "-", cwd=folder)
    assert result.returncode == 1 and result.stderr.startswith("error: --store names a SQLite file")
    assert not (folder / "-").exists()


def test_version_comes_from_the_package_metadata(folder: Path) -> None:
    result = run("--version", cwd=folder)
    assert result.returncode == 0 and result.stdout.strip() == f"ringscope {version('ringscope')}"


def report_rows(folder: Path, wanted: str) -> list[dict[str, object]]:
    result = run("report", wanted, "--format", "json", "--store", "s.db", cwd=folder)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_report_by_id_prefix_or_external_id(folder: Path) -> None:
    by_external = report_rows(folder, "inv-3")
    head = by_external[0]
    assert head["kind"] == "report" and head["title"] == "Invented raid number 3 near Hillcrest"
    assert head["source"] == "Invented Wire" and head["url"] == "https://example.org/invented/3"
    assert head["published"] == "2026-04-04" and head["text_length"] == len(invented(3)["text"])
    report_id = str(head["report_id"])
    assert report_rows(folder, report_id[:10]) == by_external
    kinds = {row["kind"] for row in by_external}
    assert {"report", "entity", "claim"} <= kinds
    text = invented(3)["text"]
    for row in by_external:
        if row["kind"] in ("claim", "route"):
            assert text[int(row["start"]):int(row["end"])] == row["quote"]  # type: ignore[call-overload]

    table = run("report", report_id[:10], "--format", "table", "--store", "s.db", cwd=folder)
    for shown in ("Invented raid number 3", "Invented Wire", "https://example.org/invented/3", "2026-04-04",
                  f"{len(text)} characters", "rescued 103 Vietnamese workers"):
        assert shown in table.stdout


def test_report_errors_are_one_line(folder: Path) -> None:
    missing = run("report", "no-such-report", "--store", "s.db", cwd=folder)
    assert missing.returncode == 1 and missing.stderr == "error: no report 'no-such-report' in s.db\n"
    found = run("search", "rescued", "-n", "300", "--format", "json", "--store", "s.db", cwd=folder)
    ids = [json.loads(line)["report_id"] for line in found.stdout.splitlines()]
    prefix = next(a[0] for a in ids if sum(b.startswith(a[0]) for b in ids) > 1)
    ambiguous = run("report", prefix, "--store", "s.db", cwd=folder)
    [line] = ambiguous.stderr.splitlines()
    assert ambiguous.returncode == 1 and line.startswith(f"error: '{prefix}' starts more than one report id")


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_report_withholds_the_victim(folder: Path, fmt: str) -> None:
    result = run("report", "victim-1", "--format", fmt, "--store", "s.db", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "Arun Vale" in result.stdout and "Copper Bay" in result.stdout
    assert "Mira Holt" not in result.stdout and "Holt" not in result.stdout


def test_screen_sends_the_recruiter_network_to_stdout(tmp_path: Path) -> None:
    ads = tmp_path / "ads.jsonl"
    ads.write_text(
        json.dumps({"id": "a1", "text": "Customer service in Bangkok, Thailand. USD 2,000 per month, free"
                    " flights. Telegram @invented_jobs"}) + "\n"
        + json.dumps({"id": "a2", "text": "Typists wanted, Telegram @invented_jobs"}) + "\n",
        encoding="utf-8",
    )
    result = run("screen", "ads.jsonl", "-o", "scored.jsonl", "--ftm", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    schemas = {json.loads(line)["schema"] for line in result.stdout.splitlines()}
    assert "UserAccount" in schemas
    both = run("screen", "ads.jsonl", "--ftm", "-", cwd=tmp_path)
    assert both.returncode == 1 and both.stderr.startswith("error: only one of -o, --ftm and --networks")


def test_brief_as_html_on_stdout(folder: Path) -> None:
    result = run("brief", "-o", "-", "--store", "s.db", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.lower().startswith("<!doctype html") and result.stdout.rstrip().endswith("</html>")
    assert not (folder / "-").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "reports.jsonl", "--parquet", "-"], "error: --parquet writes a folder"),
        (["ingest", "reports.jsonl", "--engine", "spark", "--results", "-", "--store", "x.db"],
         "error: --results keeps a Parquet folder"),
    ],
)
def test_folders_are_not_streams(folder: Path, args: list[str], message: str) -> None:
    result = run(*args, cwd=folder)
    assert result.returncode == 1 and result.stderr.startswith(message)
    assert not (folder / "-").exists()


def test_events_blank_victims_in_the_quotes_they_now_carry(tmp_path: Path) -> None:
    told = [
        VICTIM_REPORT + " About 300 people were trafficked to the compound, police said.",
        "Officers rescued 40 workers from the Copper Bay compound in Myawaddy on Monday, Police Colonel"
        " Arun Vale said. One survivor, Mira Holt, said she was lured by a fake job advert. About 3,000"
        " people were trafficked to the Copper Bay compound, according to police.",
    ]
    lines = [json.dumps({"id": f"e{n}", "text": text, "published": f"2026-04-0{n + 2}"})
             for n, text in enumerate(told)]
    (tmp_path / "event.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run("ingest", "event.jsonl", "--store", "e.db", cwd=tmp_path).returncode == 0
    for fmt in ("json", "csv", "table"):
        result = run("events", "--format", fmt, "--store", "e.db", cwd=tmp_path)
        assert result.returncode == 0 and "ev-" in result.stdout
        assert "Mira Holt" not in result.stdout
    piped = run("events", "--store", "e.db", cwd=tmp_path)
    [event] = [json.loads(line) for line in piped.stdout.splitlines()]
    quotes = [c["quote"] for f in event["agreed"] + event["conflicts"] for c in f["claims"]]
    assert any("One survivor," in quote for quote in quotes)
