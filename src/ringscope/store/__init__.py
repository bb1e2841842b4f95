"""The SQLite store of reports and everything extracted from them."""

from __future__ import annotations

from ringscope.store.fts import QueryError, fts_query
from ringscope.store.migrations import MIGRATIONS, SchemaError, migrate
from ringscope.store.records import EntitySummary, SearchHit, StoredClaim, StoreStats
from ringscope.store.sqlite import SNIPPET_CLOSE, SNIPPET_OPEN, Store, StoreError, item_count

__all__ = [
    "MIGRATIONS",
    "SNIPPET_CLOSE",
    "SNIPPET_OPEN",
    "EntitySummary",
    "QueryError",
    "SchemaError",
    "SearchHit",
    "Store",
    "StoreError",
    "StoreStats",
    "StoredClaim",
    "fts_query",
    "item_count",
    "migrate",
]
