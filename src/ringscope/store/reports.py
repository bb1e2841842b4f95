"""Reading stored reports: one, several, by id prefix, all of them, or their heads without texts.

:class:`ringscope.store.sqlite.Store` answers these by calling the functions here with its connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from ringscope.model import Report
from ringscope.store import items as item_rows
from ringscope.store.chunked import select_in

REPORT_COLUMNS = "id, content_hash, source, url, published, title, external_id, text"


def get_report(conn: sqlite3.Connection, report_id: str) -> Report | None:
    row = conn.execute(
        f"SELECT {REPORT_COLUMNS} FROM reports WHERE id = ?", (report_id,)
    ).fetchone()
    return item_rows.report_row(row) if row else None


def get_reports(conn: sqlite3.Connection, report_ids: list[str]) -> dict[str, Report]:
    """The stored ones of ``report_ids``, by id, in the order they were stored."""
    sql = f"SELECT pk, {REPORT_COLUMNS} FROM reports WHERE id IN ({{marks}})"
    rows = select_in(conn, sql, dict.fromkeys(report_ids))
    return {row[1]: item_rows.report_row(row[1:]) for row in sorted(rows)}


def find_reports(conn: sqlite3.Connection, prefix: str, limit: int = 10) -> list[str]:
    """Ids of the reports whose id is ``prefix`` (that one alone) or starts with it, or whose
    external id is ``prefix``; at most ``limit``, in id order."""
    if get_report(conn, prefix) is not None:
        return [prefix]
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = conn.execute(
        "SELECT id FROM reports WHERE id LIKE ? ESCAPE '\\' OR external_id = ? ORDER BY id LIMIT ?",
        (pattern, prefix, limit),
    ).fetchall()
    return [str(row[0]) for row in rows]


def extractor_version(conn: sqlite3.Connection, report_id: str) -> str | None:
    row = conn.execute(
        "SELECT extractor_version FROM reports WHERE id = ?", (report_id,)
    ).fetchone()
    return str(row[0]) if row else None


def iter_reports(conn: sqlite3.Connection) -> Iterator[Report]:
    """All reports, in the order they were stored."""
    for row in conn.execute(f"SELECT {REPORT_COLUMNS} FROM reports ORDER BY pk"):
        yield item_rows.report_row(row)


def report_heads(conn: sqlite3.Connection) -> Iterator[Report]:
    """All reports without their texts (``text`` is empty), in the order they were stored."""
    columns = REPORT_COLUMNS.replace(", text", ", ''")
    for row in conn.execute(f"SELECT {columns} FROM reports ORDER BY pk"):  # noqa: S608
        yield item_rows.report_row(row)


def report_heads_of(conn: sqlite3.Connection, report_ids: Iterable[str]) -> dict[str, Report]:
    """The given reports without their texts, by id (ids not stored are left out)."""
    columns = REPORT_COLUMNS.replace(", text", ", ''")
    rows = select_in(conn, f"SELECT {columns} FROM reports WHERE id IN ({{marks}})", report_ids)  # noqa: S608
    return {report.id: report for report in map(item_rows.report_row, rows)}
