"""The library facade: what the command line does, as plain functions.

>>> from ringscope.api import ingest, open_store
>>> summary = ingest(["reports/"], store="ringscope.db")     # doctest: +SKIP
>>> with open_store("ringscope.db") as store:                 # doctest: +SKIP
...     hits = store.search("scam compound", limit=5)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ringscope import settings
from ringscope.ingest import IngestSummary, ingest_paths
from ringscope.store import Store

if TYPE_CHECKING:
    from ringscope.fuse import Picture


def open_store(path: str | Path | None = None, *, create: bool = True) -> Store:
    """Open (or create) a store; the default path is ``settings.STORE_PATH``."""
    return Store(settings.STORE_PATH if path is None else path, create=create)


def ingest(
    paths: Sequence[str | Path],
    store: str | Path | Store | None = None,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    max_bytes: int | None = None,
) -> IngestSummary:
    """Ingest files and folders into a store (a path, an open :class:`Store`, or the default)."""
    if isinstance(store, Store):
        return ingest_paths(store, paths, include=include, exclude=exclude, max_bytes=max_bytes)
    with open_store(store) as db:
        return ingest_paths(db, paths, include=include, exclude=exclude, max_bytes=max_bytes)


def picture(store: str | Path | Store | None = None) -> Picture:
    """The fused picture of a store (the stored one, fused again only when the store changed)."""
    from ringscope.fuse.stored import current

    if isinstance(store, Store):
        return current(store)
    with open_store(store, create=False) as db:
        return current(db)


__all__ = ["IngestSummary", "Store", "ingest", "open_store", "picture"]
