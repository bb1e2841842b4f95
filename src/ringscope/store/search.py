"""Full-text matches over the reports for faceted search: every match's score, snippets for a few."""

from __future__ import annotations

import sqlite3

from ringscope.store.fts import QueryError, fts_query


def match_scores(conn: sqlite3.Connection, query: str) -> dict[str, float]:
    """Report id -> relevance (higher is better, from bm25) of every report matching ``query``.

    Raises QueryError for a query with nothing to search for or that FTS5 cannot run.
    """
    expression = fts_query(query)
    try:
        rows = conn.execute(
            "SELECT r.id, bm25(reports_fts) FROM reports_fts CROSS JOIN reports r"
            " WHERE reports_fts MATCH ? AND r.pk = reports_fts.rowid",
            (expression,),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"cannot search for {query!r}: {exc}") from exc
    return {str(report_id): -float(score) for report_id, score in rows}


def snippets(
    conn: sqlite3.Connection, query: str, ids: list[str], open_mark: str = "«", close_mark: str = "»"
) -> dict[str, str]:
    """Report id -> the passage of its text matching ``query``, matched words between the marks."""
    if not ids:
        return {}
    expression = fts_query(query)
    marks = ",".join("?" * len(ids))
    try:
        rows = conn.execute(
            f"SELECT r.id, snippet(reports_fts, -1, ?, ?, '…', 16) FROM reports r CROSS JOIN reports_fts"
            f" WHERE r.id IN ({marks}) AND reports_fts.rowid = r.pk AND reports_fts MATCH ?",
            (open_mark, close_mark, *ids, expression),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"cannot search for {query!r}: {exc}") from exc
    return {str(report_id): str(text) for report_id, text in rows}
