"""Full-text matches for faceted search (store/search.py) on a real SQLite store of invented reports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ringscope.model import Extraction, Report
from ringscope.store import QueryError, Store
from ringscope.store import search as full_text

TEXTS = {
    "a": "Officers of the Tarvel unit rescued nine workers from a compound near the river.",
    "b": "The compound was raided twice; the compound manager fled across the river by boat.",
    "c": "A court in Ostrava heard the fraud case on Monday.",
}


@pytest.fixture()
def conn(tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "s.db"
    with Store(path) as store:
        for key, text in TEXTS.items():
            store.add(Report(text=text, id=key, title=f"Report {key}"), Extraction(), "test")
    return sqlite3.connect(path)


def test_every_match_is_scored_and_the_better_match_scores_higher(conn: sqlite3.Connection) -> None:
    scores = full_text.match_scores(conn, "compound")
    assert set(scores) == {"a", "b"}
    assert scores["b"] > scores["a"]  # the word three times in a report of similar length
    assert set(full_text.match_scores(conn, "compound OR court")) == {"a", "b", "c"}
    assert full_text.match_scores(conn, "compound NOT boat") == {"a": pytest.approx(scores["a"])}


def test_snippets_mark_the_matched_words_of_the_asked_reports_only(conn: sqlite3.Connection) -> None:
    found = full_text.snippets(conn, "river", ["a", "c"])
    assert list(found) == ["a"]
    assert "«river»" in found["a"]
    assert full_text.snippets(conn, "river", []) == {}


def test_a_query_with_nothing_to_search_for_is_a_query_error(conn: sqlite3.Connection) -> None:
    with pytest.raises(QueryError, match="nothing to search for"):
        full_text.match_scores(conn, "!!! ??")
