"""Report text cannot drive the terminal: escape sequences, carriage returns, backspaces and
bidirectional overrides in reports never reach the output of the commands that print them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from ringscope.model import Claim, Entity, Extraction, Mention, Report
from ringscope.store import Store
from ringscope.terminal import clean

SRC = Path(__file__).resolve().parents[2] / "src"
ESC = "\x1b[2J\x1b]0;owned\x07"  # clear the screen, set the window title
TRAPS = (ESC, "\x1b[31m", "\r", "\x08\x08", "\u202e", "\x9b31m")
NAME = f"Kestrel{ESC}Holdings"
TEXT = f"Police said{ESC} 75 people were freed from a compound run by {NAME}.\rFake line\u202e here."


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(SRC)}
    env.update({k: v for k, v in os.environ.items() if k in ("HOME", "LANG")})
    return subprocess.run(
        [sys.executable, "-m", "ringscope.cli", *args], capture_output=True, text=True, timeout=300, env=env
    )


def _poison(text: str, n: int) -> str:
    """``text`` with a control sequence after its first word (each report gets another)."""
    first, _, rest = text.partition(" ")
    return f"{first}{TRAPS[n % len(TRAPS)]} {rest}"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("terminal")
    sample = resources.files("ringscope").joinpath("data/sample/reports.jsonl").read_text(encoding="utf-8")
    lines = []
    for n, line in enumerate(sample.splitlines()):
        record = json.loads(line)
        record["title"] = _poison(record.get("title") or "report", n)
        record["source"] = _poison(record.get("source") or "outlet", n + 1)
        record["text"] = _poison(record["text"], n + 2)
        lines.append(json.dumps(record))
    source = folder / "poisoned.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = folder / "poisoned.db"
    result = run("ingest", str(source), "--store", str(path))
    assert result.returncode == 0, result.stderr
    start = TEXT.index(NAME)
    quote_start = TEXT.index("75 people")
    with Store(path) as db:  # an entity name and a quote with the sequences in them
        db.add(
            Report(text=TEXT, source=f"Wire{ESC}", title=f"Raid{ESC}", published="2026-04-01"),
            Extraction(
                entities=[
                    Entity(type="Organization", name=NAME, mentions=[Mention(start, start + len(NAME), NAME)])
                ],
                claims=[
                    Claim(
                        measure="victims_rescued",
                        value=75.0,
                        low=75.0,
                        high=75.0,
                        qualifier="exact",
                        unit="people",
                        quote=TEXT[quote_start : TEXT.index(".")],
                        start=quote_start,
                        end=TEXT.index("."),
                        location="MM",
                    )
                ],
            ),
            "test",
        )
    return path


def _assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stderr
    for stream in (result.stdout, result.stderr):
        assert clean(stream) == stream, repr([c for c in stream if clean(c) != c][:5])


@pytest.mark.parametrize(
    "args",
    [
        ["search", "compound"],
        ["search", "police", "--limit", "50"],
        ["claims", "--limit", "500"],
        ["claims", "--conflicts"],
        ["entities", "--limit", "500"],
        ["entity", "Kestrel"],
        ["events"],
        ["stats"],
    ],
)
def test_commands_print_no_control_characters(store: Path, args: list[str]) -> None:
    result = run(*args, "--store", str(store))
    _assert_clean(result)
    assert result.stdout.strip()


def test_the_poison_is_in_the_store_and_shown_without_it(store: Path) -> None:
    result = run("entity", "Kestrel", "--format", "table", "--store", str(store))
    _assert_clean(result)
    assert "Kestrel]0;owned" in result.stdout.replace("[2J", "")  # the printable rest is still shown
    as_json = run("entity", "Kestrel", "--format", "json", "--store", str(store))
    _assert_clean(as_json)
    assert "Kestrel\\u001b[2J" in as_json.stdout  # JSON keeps the data, escaped
    with Store(store) as db:
        assert any("\x1b" in r.text for r in db.iter_reports())


def test_export_messages(store: Path, tmp_path: Path) -> None:
    _assert_clean(run("export", "--format", "csv", "--output", str(tmp_path / "csv"), "--store", str(store)))
    _assert_clean(
        run("export", "--format", "ftm", "--output", str(tmp_path / "x.jsonl"), "--store", str(store))
    )


@pytest.mark.parametrize("trap", TRAPS)
def test_clean(trap: str) -> None:
    assert clean(f"a{trap}b\tc\nd").startswith("a") and clean(trap + "x") == clean(trap) + "x"
    assert all(c in "\t\n" or c.isprintable() or c == " " for c in clean(f"a{trap}b\tc\nd"))
