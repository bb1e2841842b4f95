"""The per-line logic every engine runs: result rows, error rows, deterministic JSON."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.engines.rows import (
    COLUMN_NAMES,
    dumps,
    extraction_from_json,
    process_line,
    process_lines,
)
from ringscope.extract import EXTRACTOR_VERSION, extract
from ringscope.model import Claim, DateMention, Entity, Extraction, Mention, Route

TEXT = (
    "Officers of the Northland Border Police freed 140 workers from the Copperleaf compound "
    "in Laos on 4 May 2025, and arrested 12 suspects, Inspector Vera Quillon said."
)


def line_of(**record: object) -> str:
    return json.dumps(record)


def row_dict(row: tuple[object, ...] | None) -> dict[str, object]:
    assert row is not None
    return dict(zip(COLUMN_NAMES, row, strict=True))


def run(line: int, raw: str, max_chars: int = 10_000) -> dict[str, object] | None:
    row = process_line(line, raw, "feed.jsonl", max_chars, extract, EXTRACTOR_VERSION)
    return None if row is None else row_dict(row)


def test_good_line_carries_report_contract_and_extraction() -> None:
    row = run(3, line_of(id="n-1", text=TEXT, published="2025-05-06", url="https://example.org/a"))
    assert row is not None
    assert row["line"] == 3 and row["error"] is None
    assert row["id"] == "n-1" and row["external_id"] == "n-1"
    # The input file is no outlet: a line without a source or outlet key has none.
    assert row["published"] == "2025-05-06" and row["source"] is None
    named = run(4, line_of(text=TEXT, outlet="Harbour Wire"))
    assert named is not None and named["source"] == "Harbour Wire"
    expected = extract(TEXT, "2025-05-06")
    assert row["contract"] == dumps(expected.to_contract("n-1"))
    assert row["extraction"] == dumps(expected.to_dict())
    assert row["extractor_version"] == EXTRACTOR_VERSION


def test_report_without_id_is_named_by_its_content_hash() -> None:
    row = run(1, line_of(text=TEXT))
    assert row is not None
    assert row["external_id"] is None
    assert row["id"] == row["report_id"] and len(str(row["id"])) == 16
    assert str(row["content_hash"]).startswith(str(row["id"]))


def test_malformed_json_becomes_an_error_row_with_its_line() -> None:
    row = run(7, '{"text": "unfinished')
    assert row is not None
    assert row["line"] == 7 and row["id"] is None
    assert str(row["error"]).startswith("malformed JSON")
    assert all(row[name] is None for name in COLUMN_NAMES if name not in ("line", "error"))


def test_record_problems_are_worded_like_the_reader() -> None:
    missing = run(2, line_of(title="no body"))
    wrong = run(2, line_of(text=TEXT, published="last week"))
    assert missing is not None and missing["error"] == "missing 'text'"
    assert wrong is not None and "'published' must be a date" in str(wrong["error"])


def test_text_over_the_limit_is_refused() -> None:
    row = run(1, line_of(text=TEXT), max_chars=20)
    assert row is not None and "too long" in str(row["error"])


def test_blank_lines_are_skipped_and_a_leading_bom_ignored() -> None:
    assert run(4, "   ") is None
    row = run(1, "\ufeff" + line_of(id="b", text=TEXT))
    assert row is not None and row["error"] is None and row["id"] == "b"


def test_extraction_failure_is_an_error_row_not_a_crash() -> None:
    def broken(text: str, published: str | None) -> Extraction:
        raise RuntimeError("stage exploded")

    rows = list(process_lines([(1, line_of(text=TEXT)), (2, line_of(text=TEXT))], None, 10_000, broken, "x"))
    assert [r[0] for r in rows] == [1, 2]
    assert all("extraction failed (RuntimeError: stage exploded)" == row_dict(r)["error"] for r in rows)


def test_dumps_is_independent_of_key_order() -> None:
    one = dumps({"b": 1, "a": [2, {"d": None, "c": "é"}]})
    assert one == dumps({"a": [2, {"c": "é", "d": None}], "b": 1})
    assert dumps({"c": "é"}) == '{"c":"é"}'


def test_extraction_round_trips_through_json() -> None:
    original = Extraction(
        entities=[
            Entity("Location", "Port Ember", "KH", 10.5, 103.25, ["Ember"], ["site"],
                   [Mention(4, 14, "Port Ember")])
        ],
        claims=[
            Claim("arrests", 12.0, 12.0, 12.0, "exact", "people", "arrested 12", 30, 41,
                  speaker="Vera Quillon")
        ],
        routes=[Route("KE", "MM", "Kenyans held in Myanmar", 50, 73, 9)],
        dates=[DateMention("4 May", 80, 85, "2025-05-04")],
    )
    assert extraction_from_json(dumps(original.to_dict())) == original
    real = extract(TEXT, "2025-05-06")
    assert extraction_from_json(dumps(real.to_dict())) == real


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=120)
    | json_values.map(json.dumps)
    | st.fixed_dictionaries({"text": json_values | st.text(max_size=200)}).map(json.dumps)
)
def test_any_line_gives_a_row_or_is_skipped_never_a_crash(raw: str) -> None:
    row = run(9, raw)
    if row is None:
        assert not raw.strip()
        return
    assert row["line"] == 9
    assert (row["error"] is None) == (row["contract"] is not None)
    if row["error"] is None:
        assert json.loads(str(row["contract"]))["id"] == row["id"]
