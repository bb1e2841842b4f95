"""Parts of the stored fused picture, read without loading the rest of it.

A command that prints a few events or the conflicting figures needs only those rows (and the
reports they cite), not the whole picture: :class:`PictureReader` reads them in the stored order
(the order :func:`ringscope.store.picture.load` gives), inside one read transaction so the rows,
the state they were taken at and the stored victim-policy decision belong together.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ringscope.store.chunked import select_in
from ringscope.store.picture import STATE_SQL, stored_state
from ringscope.store.picture_update import policy

FigureRow = tuple[str, str | None, str, str]
"""(figure id, event id, measure, JSON)."""


class PictureReader:
    """Reads parts of the stored picture; use :meth:`reading` around the reads that belong together."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction: every read inside sees the same store (WAL keeps writers apart)."""
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            self._conn.execute("COMMIT")

    def current(self) -> tuple[str, str] | None:
        """(store state, how the stored decision rows were written) when the stored picture and the
        stored decision are both of the store's current state, else None (the whole picture is
        needed). The decision's rows are read inside the same :meth:`reading`."""
        state = repr(tuple(self._conn.execute(STATE_SQL).fetchone()))
        if stored_state(self._conn) != state:
            return None
        decision = policy(self._conn, state)
        return None if decision is None else (state, decision)

    def event_count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM picture_events").fetchone()[0])

    def events(self, limit: int) -> list[tuple[str, str]]:
        """(event id, JSON) of the first ``limit`` events, in the picture's order."""
        return [
            (str(i), str(d))
            for i, d in self._conn.execute(
                "SELECT id, data FROM picture_events ORDER BY sort, ord LIMIT ?", (limit,)
            )
        ]

    def figures_of(self, event_ids: Sequence[str]) -> list[FigureRow]:
        """The figures of ``event_ids``, in the picture's order."""
        if not event_ids:
            return []
        marks = ",".join("?" * len(event_ids))
        return self._figures(f"WHERE event_id IN ({marks})", tuple(event_ids))

    def conflicted(self, measure: str | None = None) -> list[FigureRow]:
        """Every figure with a conflict (of ``measure`` when given), in the picture's order."""
        if measure is None:
            return self._figures("WHERE conflicted = 1", ())
        return self._figures("WHERE conflicted = 1 AND measure = ?", (measure,))

    def _figures(self, where: str, args: tuple[str, ...]) -> list[FigureRow]:
        sql = f"SELECT id, event_id, measure, data FROM picture_figures {where} ORDER BY sort, ord"
        return [(str(i), e, str(m), str(d)) for i, e, m, d in self._conn.execute(sql, args)]

    def event_of(self, report_ids: Sequence[str]) -> dict[str, str | None]:
        """The event of each of ``report_ids`` (None: a report in no event)."""
        sql = "SELECT report_id, event_id FROM picture_reports WHERE report_id IN ({marks})"
        return {str(r): e for r, e in select_in(self._conn, sql, dict.fromkeys(report_ids))}

    def events_by_id(self, event_ids: Sequence[str]) -> list[tuple[str, str]]:
        """(event id, JSON) of ``event_ids`` that are stored, in the picture's order."""
        sql = "SELECT id, data, sort, ord FROM picture_events WHERE id IN ({marks})"
        rows = select_in(self._conn, sql, dict.fromkeys(event_ids))
        return [(str(i), str(d)) for i, d, *_ in sorted(rows, key=lambda row: (row[2], row[3]))]

    def members(self, event_ids: Sequence[str]) -> list[str]:
        """The reports of ``event_ids``."""
        sql = "SELECT report_id FROM picture_reports WHERE event_id IN ({marks})"
        return sorted(str(r) for r, in select_in(self._conn, sql, dict.fromkeys(event_ids)))

    def figures_in(self, scopes: Sequence[str], conflicted: bool = False) -> list[FigureRow]:
        """The figures of ``scopes`` (an event's id, or a report's in no event), and every figure with
        a conflict when ``conflicted``, in the picture's order."""
        head = "SELECT id, event_id, measure, data, sort, ord FROM picture_figures"
        rows = select_in(self._conn, head + " WHERE scope IN ({marks})", dict.fromkeys(scopes))
        if conflicted:
            rows += self._conn.execute(head + " WHERE conflicted = 1").fetchall()
        unique = sorted({str(row[0]): row for row in rows}.values(), key=lambda row: (row[4], row[5]))
        return [(str(i), e, str(m), str(d)) for i, e, m, d, *_ in unique]
