"""Reports whose texts stay in the store: read at each use, not held in memory.

The web app's snapshot holds every report of the store, and their texts are the largest part of
it (about 160 MB at 100,000 reports) though a page reads only the few it shows. A
:class:`StoredReport` is a :class:`~ringscope.model.Report` whose ``text`` is read from the store
when asked for (by its id; a report the store no longer holds reads as empty). Anything else about
it is as any report's: a copy made with :func:`dataclasses.replace` holds the text it was given.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TypeGuard

from ringscope.model import Report

_HELD: Any = Report.__dict__["text"]
"""Where a report keeps its text (the slot ``Report`` declares)."""
_FIELDS = tuple(f.name for f in dataclasses.fields(Report))
_IN_STORE = "".join(["\x00", "in the store"])
"""What a stored report's slot holds instead of its text (told apart by identity)."""


class ReportTexts:
    """The texts of the reports of the store at ``path``, read through one read-only connection
    per thread (pages are answered in several)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        return conn

    def text(self, report_id: str) -> str:
        row = self._conn().execute("SELECT text FROM reports WHERE id = ?", (report_id,)).fetchone()
        return str(row[0]) if row else ""

    def lengths(self) -> dict[str, int]:
        """The length of each text (in characters, as ``len`` counts them), by report id."""
        rows = self._conn().execute("SELECT id, length(text), instr(text, char(0)) FROM reports")
        return {  # SQLite counts up to a NUL only: such a text is counted whole
            str(i): int(n) if not nul else len(self.text(str(i))) for i, n, nul in rows
        }


class StoredReport(Report):
    """A report whose text is read from the store at each use (see the module's docstring)."""

    __slots__ = ("texts", "length")
    texts: ReportTexts
    length: int
    """The length of its text (what lists show), read with it."""

    @property
    def text(self) -> str:
        held: str = _HELD.__get__(self)
        return self.texts.text(self.id) if held is _IN_STORE else held

    @text.setter
    def text(self, value: str) -> None:
        _HELD.__set__(self, value)

    def __eq__(self, other: object) -> bool:
        """Equal to any report with the same fields, stored or not (as reports are to each other)."""
        if not isinstance(other, Report):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _FIELDS)

    __hash__ = None  # type: ignore[assignment]  # as a report's: not hashable


def stored(head: Report, texts: ReportTexts, length: int) -> Report:
    """``head`` (a report read without its text, whose text is ``length`` long) with its text read
    from ``texts`` at each use."""
    found = StoredReport(_IN_STORE, head.source, head.url, head.published, head.title, head.external_id,
                         head.content_hash, head.id)
    found.texts, found.length = texts, length
    return found


def stored_reports(heads: Iterator[Report], path: Path) -> dict[str, Report]:
    """The reports ``heads`` (read without their texts from the store at ``path``), by id, each
    reading its text from the store at each use."""
    texts = ReportTexts(path)
    sizes = texts.lengths()
    return {head.id: stored(head, texts, sizes.get(head.id, 0)) for head in heads}


def lengths(reports: Mapping[str, Report]) -> dict[str, int]:
    """The length of the text of each of ``reports``, by id (a stored report's without reading it)."""
    return {rid: r.length if _in_store(r) else len(r.text) for rid, r in reports.items()}


def _in_store(report: Report) -> TypeGuard[StoredReport]:
    """Whether ``report`` reads its text from the store (a copy made of one holds the text it was given)."""
    return isinstance(report, StoredReport) and _HELD.__get__(report) is _IN_STORE
