"""Paged read queries the API needs beyond the store's own (SQL only, no web code)."""

from __future__ import annotations

import sqlite3
from typing import Any

from ringscope.model import Claim
from ringscope.store import QueryError, fts_query

_CLAIM_SELECT = (
    'SELECT c.report_id, c.measure, c.value, c.low, c.high, c.qualifier, c.unit, c.quote, c.start, c."end",'
    " c.currency, c.period, c.location, c.speaker, c.date FROM claims c"
)


def _where(clauses: dict[str, Any]) -> tuple[str, list[Any]]:
    kept = {k: v for k, v in clauses.items() if v is not None}
    if not kept:
        return "", []
    return " WHERE " + " AND ".join(f"{k} = ?" for k in kept), list(kept.values())


def list_reports(
    conn: sqlite3.Connection, limit: int, offset: int, source: str | None = None, since: str | None = None
) -> tuple[list[tuple[Any, ...]], int]:
    """(id, title, source, url, published) rows in the order stored, and the total."""
    where, params = _where({"source": source})
    if since:
        where += (" AND" if where else " WHERE") + " published >= ?"
        params.append(since)
    total = int(conn.execute(f"SELECT COUNT(*) FROM reports{where}", params).fetchone()[0])
    rows = conn.execute(
        f"SELECT id, title, source, url, published FROM reports{where} ORDER BY pk LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return rows, total


def report_summaries(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[Any, ...]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT id, title, source, url, published FROM reports WHERE id IN ({marks})", ids)
    return {row[0]: row for row in rows}


def list_claims(
    conn: sqlite3.Connection,
    limit: int,
    offset: int,
    measure: str | None = None,
    country: str | None = None,
    report_id: str | None = None,
) -> tuple[list[tuple[str, Claim]], int]:
    """(report id, claim) pairs in stored order, and the total."""
    where, params = _where({"c.measure": measure, "c.location": country, "c.report_id": report_id})
    total = int(conn.execute(f"SELECT COUNT(*) FROM claims c{where}", params).fetchone()[0])
    rows = conn.execute(f"{_CLAIM_SELECT}{where} ORDER BY c.pk LIMIT ? OFFSET ?", [*params, limit, offset])
    return [(str(row[0]), Claim(*row[1:])) for row in rows], total


def search(
    conn: sqlite3.Connection, query: str, limit: int, offset: int, rank_limit: int = 0
) -> tuple[list[tuple[Any, ...]], int]:
    """(id, title, source, url, published, snippet, score) rows best first, and the total.

    With ``rank_limit`` > 0, only the ``rank_limit`` most recently stored matches are ranked when a
    query matches more (bm25 costs time for every match ranked); a page beyond them ranks them all.
    Raises QueryError for a query with nothing to search for.
    """
    expression = fts_query(query)
    try:
        total = int(
            conn.execute(
                "SELECT COUNT(*) FROM reports_fts WHERE reports_fts MATCH ?", (expression,)
            ).fetchone()[0]
        )
        capped = 0 < rank_limit < total and offset + limit <= rank_limit
        matches = (
            "SELECT rowid AS rid, bm25(reports_fts) AS score FROM reports_fts WHERE reports_fts MATCH ?1"
            + (" ORDER BY rowid DESC LIMIT ?4" if capped else "")
        )
        # rank first, then make snippets for the one page only; CROSS JOIN keeps that order, so the
        # second MATCH is a lookup by rowid instead of a scan of every match
        rows = conn.execute(
            "SELECT r.id, r.title, r.source, r.url, r.published,"
            " snippet(reports_fts, -1, '«', '»', '…', 16), -s.score"
            f" FROM (SELECT rid, score FROM ({matches}) ORDER BY score, rid LIMIT ?2 OFFSET ?3) s"
            " CROSS JOIN reports r CROSS JOIN reports_fts"
            " WHERE r.pk = s.rid AND reports_fts.rowid = s.rid AND reports_fts MATCH ?1"
            " ORDER BY s.score, s.rid",
            (expression, limit, offset, *((rank_limit,) if capped else ())),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"cannot search for {query!r}: {exc}") from exc
    return rows, total


def route_totals(conn: sqlite3.Connection) -> list[tuple[str, str, int, int]]:
    """(origin, destination, reports, people counted) over all routes, most reported first."""
    rows = conn.execute(
        "SELECT origin, destination, COUNT(DISTINCT report_id) AS n, TOTAL(count) FROM routes"
        " GROUP BY origin, destination ORDER BY n DESC, origin, destination"
    ).fetchall()
    return [(str(o), str(d), int(n), int(p)) for o, d, n, p in rows]


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def report_texts(conn: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
    """Report id -> text, for the given ids."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT id, text FROM reports WHERE id IN ({marks})", ids)
    return {str(r[0]): str(r[1]) for r in rows}
