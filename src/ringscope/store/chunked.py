"""Queries over many ids: SQLite takes a bounded number of parameters, so long lists go in chunks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
CHUNK = 400
"""Ids per statement: well under SQLite's smallest default limit of host parameters (999)."""


def chunks(values: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """``values`` in lists of at most ``size``, in order."""
    items = list(values)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def select_in(
    conn: sqlite3.Connection, sql: str, values: Iterable[object], *head: object
) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` (whose ``{marks}`` stands for the list of ``values``; ``head`` fills the
    parameters before it) over every chunk of ``values``."""
    rows: list[tuple[Any, ...]] = []
    for chunk in chunks(values):
        marks = ", ".join("?" * len(chunk))
        rows += conn.execute(sql.format(marks=marks), [*head, *chunk]).fetchall()
    return rows
