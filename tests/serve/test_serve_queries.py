"""Search ranking with a cap on the matches ranked: exact totals, recent matches ranked, deep pages whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ringscope.model import Extraction, Report
from ringscope.serve import queries
from ringscope.store import Store

# invented texts: "quillon" occurs in every report, more often in the later ones
TEXTS = [
    f"Report number {n} about the harbour. " + "quillon " * (1 + n % 4) + "filler words " * (3 + n)
    for n in range(12)
]


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path: Path = tmp_path_factory.mktemp("queries") / "q.db"
    with Store(path) as store:
        for n, text in enumerate(TEXTS):
            store.add(Report(text=text, title=f"number {n}", source="Invented"), Extraction(), "test")
    return sqlite3.connect(path)


def _titles(rows: list[tuple[object, ...]]) -> list[str]:
    return [str(r[1]) for r in rows]


def test_uncapped_ranking_is_by_score(conn: sqlite3.Connection) -> None:
    rows, total = queries.search(conn, "quillon", 20, 0)
    assert total == 12 and len(rows) == 12
    scores = [float(r[6]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert all("«quillon»" in str(r[5]) for r in rows)


def test_capped_ranking_ranks_the_latest_matches(conn: sqlite3.Connection) -> None:
    rows, total = queries.search(conn, "quillon", 4, 0, rank_limit=5)
    assert total == 12, "the total stays exact"
    assert set(_titles(rows)) <= {f"number {n}" for n in range(7, 12)}
    latest = sorted(queries.search(conn, "quillon", 20, 0)[0], key=lambda r: -float(r[6]))
    in_cap = [r for r in latest if str(r[1]) in {f"number {n}" for n in range(7, 12)}]
    assert _titles(rows) == _titles(in_cap[:4])


def test_a_page_beyond_the_cap_ranks_every_match(conn: sqlite3.Connection) -> None:
    full, _ = queries.search(conn, "quillon", 4, 4)
    capped, total = queries.search(conn, "quillon", 4, 4, rank_limit=5)
    assert total == 12 and _titles(capped) == _titles(full)


def test_a_narrow_query_is_not_affected(conn: sqlite3.Connection) -> None:
    full, _ = queries.search(conn, "harbour number", 20, 0)
    capped, total = queries.search(conn, "harbour number", 20, 0, rank_limit=50)
    assert total == 12 and _titles(capped) == _titles(full)
