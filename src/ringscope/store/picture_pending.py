"""The reports an update of the stored picture has to look at, and what it reads of them only.

Triggers list every report added, removed or re-extracted (``picture_pending``); an update takes
the list, reads the stamps and picture inputs of those reports (and of the others it touches), and
drops the entries it took in the transaction that writes its changes
(:func:`ringscope.store.picture_update.apply`). A picture fused again from scratch (its inputs
dropped, its event links of other settings) reads every report instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ringscope.store.chunked import select_in


def stamp_sql(table: str = "") -> str:
    """A report's stamp as SQL over ``reports`` (or its alias ``table``): it changes when the report is
    stored again (a new row) or re-extracted (its revision). The one place the stamp is spelled."""
    prefix = f"{table}." if table else ""
    return f"{prefix}pk || '.' || {prefix}revision"


PENDING_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS picture_pending (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS picture_pending_added AFTER INSERT ON reports BEGIN
    INSERT INTO picture_pending (report_id) VALUES (new.id);
END;
CREATE TRIGGER IF NOT EXISTS picture_pending_removed AFTER DELETE ON reports BEGIN
    INSERT INTO picture_pending (report_id) VALUES (old.id);
END;
CREATE TRIGGER IF NOT EXISTS picture_pending_revised AFTER UPDATE OF revision ON reports BEGIN
    INSERT INTO picture_pending (report_id) VALUES (new.id);
END;
INSERT INTO picture_pending (report_id)
    SELECT r.id FROM reports AS r LEFT JOIN picture_inputs AS p ON p.report_id = r.id
    WHERE p.stamp IS NOT ({stamp_sql('r')});
INSERT INTO picture_pending (report_id)
    SELECT p.report_id FROM picture_inputs AS p
    WHERE NOT EXISTS (SELECT 1 FROM reports AS r WHERE r.id = p.report_id);
"""
"""Version 26: the reports added, removed or re-extracted since the picture's last update, listed as
they change (by triggers), so an update reads those instead of every report's stamp and input; the
list starts with the reports whose stamps differ from the picture's inputs. Entries are numbered
without reuse, so an update drops only those it took, even when another update emptied the list
meanwhile."""


def stamps_of(conn: sqlite3.Connection, report_ids: Iterable[str]) -> dict[str, str]:
    """The stamps of the given reports that are stored."""
    rows = select_in(conn, f"SELECT id, {stamp_sql()} FROM reports WHERE id IN ({{marks}})", report_ids)
    return {str(i): str(stamp) for i, stamp in rows}


def inputs_of(conn: sqlite3.Connection, report_ids: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """Report id -> (stamp, scope, independent source) as the stored picture was fused from, for the
    given reports."""
    sql = "SELECT report_id, stamp, scope, independent FROM picture_inputs WHERE report_id IN ({marks})"
    return {r: (s, c, i) for r, s, c, i in select_in(conn, sql, report_ids)}


def pending(conn: sqlite3.Connection) -> tuple[int, set[str]]:
    """The last entry of the list of reports changed since the picture's last update, and their ids."""
    rows = conn.execute("SELECT seq, report_id FROM picture_pending").fetchall()
    return max((int(seq) for seq, _ in rows), default=0), {str(r) for _, r in rows}
