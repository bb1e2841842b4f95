import json
from pathlib import Path

import pytest

from ringscope.screen.inputs import AdProblem, InputPathError, read_ads
from ringscope.screen.screener import Ad


def test_jsonl_text_and_structured_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "ads.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "a", "text": "Baker wanted."}),
        "{not json",
        json.dumps({"id": "b", "title": "Clerk", "description": "Filing."}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "c", "text": 5}),
        "",
    ]), encoding="utf-8")
    items = list(read_ads([f]))
    assert [type(i).__name__ for i in items] == ["Ad", "AdProblem", "Ad", "AdProblem", "AdProblem"]
    assert isinstance(items[1], AdProblem) and items[1].id.endswith("ads.jsonl:2")
    assert "invalid JSON" in items[1].error
    assert isinstance(items[2], Ad) and items[2].fields == {"title": "Clerk", "description": "Filing."}
    assert isinstance(items[4], AdProblem) and "must be a string" in items[4].error


def test_csv_with_malformed_rows(tmp_path: Path) -> None:
    f = tmp_path / "ads.csv"
    f.write_text('id,title,description\n1,Cook,Kitchen work\n2,Too,many,fields\n3,"Driver","Deliveries"\n',
                 encoding="utf-8")
    items = list(read_ads([f]))
    assert [type(i).__name__ for i in items] == ["Ad", "AdProblem", "Ad"]
    assert isinstance(items[1], AdProblem) and "4 fields, header has 3" in items[1].error
    assert isinstance(items[2], Ad) and items[2].id == "3"


def test_csv_without_usable_columns(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n", encoding="utf-8")
    (item,) = list(read_ads([f]))
    assert isinstance(item, AdProblem) and "neither 'text'" in item.error


def test_text_files_binary_and_empty_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Gardener wanted for a park.", encoding="utf-8")
    (tmp_path / "two.bin").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "zero.txt").write_bytes(b"   ")
    items = {Path(i.id).name: i for i in read_ads([tmp_path])}
    assert isinstance(items["one.txt"], Ad) and items["one.txt"].text == "Gardener wanted for a park."
    assert isinstance(items["two.bin"], AdProblem) and "binary" in items["two.bin"].error
    assert isinstance(items["zero.txt"], AdProblem) and "empty" in items["zero.txt"].error


def test_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputPathError, match="no such file"):
        list(read_ads([tmp_path / "nope.jsonl"]))
