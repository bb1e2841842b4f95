"""A JSON line may escape half of a UTF-16 pair alone ("\\ud800"): no character, so the line is
refused in one line naming the field, and the other lines go on (invented reports)."""

from __future__ import annotations

from pathlib import Path

from test_cli import error_lines, run

from ringscope.ingest.errors import InputError
from ringscope.ingest.readers.jsonl import parse_line
from ringscope.store import Store

GOOD = '{"id": "g1", "text": "Officers in Zorvania freed 31 workers from a compound on Friday."}'
LONE_IN_TEXT = '{"id": "b1", "text": "Officers freed 12 workers \\ud800 from a compound."}'
LONE_IN_TITLE = '{"id": "b2", "title": "Raid \\udc41", "text": "Officers freed 13 workers."}'
PAIR = '{"id": "g2", "text": "Officers freed 14 workers \\ud83d\\ude00 from a compound."}'


def test_a_lone_surrogate_is_refused_naming_the_field_and_a_whole_pair_is_read() -> None:
    refused = parse_line(LONE_IN_TEXT, 1, "in.jsonl")
    assert isinstance(refused, InputError)
    assert str(refused) == "'text' holds a lone surrogate (\\ud800 at character 27), not text"
    titled = parse_line(LONE_IN_TITLE, 2, "in.jsonl")
    assert isinstance(titled, InputError)
    assert str(titled).startswith("'title' holds a lone surrogate (\\udc41")
    read = parse_line(PAIR, 3, "in.jsonl")
    assert not isinstance(read, InputError) and read is not None and "\U0001f600" in read.text


def test_extract_and_ingest_say_one_line_and_keep_the_rest(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text("\n".join([GOOD, LONE_IN_TEXT, PAIR, LONE_IN_TITLE]) + "\n")
    extracted = run("extract", "in.jsonl", "-o", "out.jsonl", cwd=tmp_path)
    assert extracted.returncode == 1 and "Traceback" not in extracted.stderr
    assert error_lines(extracted)[:2] == [
        "in.jsonl:2: 'text' holds a lone surrogate (\\ud800 at character 27), not text",
        "in.jsonl:4: 'title' holds a lone surrogate (\\udc41 at character 6), not text",
    ]
    assert (tmp_path / "out.jsonl").read_text().count('"id"') == 2
    ingested = run("ingest", "in.jsonl", "--store", "s.db", cwd=tmp_path)
    assert ingested.returncode == 1 and "Traceback" not in ingested.stderr
    with Store(tmp_path / "s.db") as store:
        assert store.stats().reports == 2
