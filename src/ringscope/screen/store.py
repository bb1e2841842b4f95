"""Screened job ads and the recruiter network in the SQLite store.

One store migration (:data:`SCREEN_SCHEMA`, appended to ``ringscope.store.migrations.MIGRATIONS``)
adds three tables:

- ``screened_ads``: one row per distinct ad text (keyed by the SHA-256 of the text screened), with
  the caller's id, score, level, indicators, contacts and destinations (JSON);
- ``recruiter_accounts``: one row per distinct handle, phone number or email (``kind:value``);
- ``ad_accounts``: which ad names which account, with the quote.

Storing the same ad again updates its row instead of adding one, so re-running a screen is
idempotent. :func:`iter_ftm` turns the stored network into FollowTheMoney entities (``Document``
per ad, ``UserAccount`` per contact, ``Documentation`` links) for ``ringscope export --format ftm``.

This module imports nothing heavy at load time: the store's migrations import it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCREEN_SCHEMA = """
CREATE TABLE screened_ads (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    score REAL NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high')),
    indicators TEXT NOT NULL DEFAULT '[]',
    contacts TEXT NOT NULL DEFAULT '[]',
    destinations TEXT NOT NULL DEFAULT '[]',
    language TEXT,
    screened_at TEXT NOT NULL
);
CREATE INDEX screened_ads_id ON screened_ads(id);
CREATE INDEX screened_ads_level ON screened_ads(level);

CREATE TABLE recruiter_accounts (
    pk INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('handle', 'phone', 'email')),
    value TEXT NOT NULL,
    service TEXT
);

CREATE TABLE ad_accounts (
    ad_pk INTEGER NOT NULL REFERENCES screened_ads(pk) ON DELETE CASCADE,
    account_pk INTEGER NOT NULL REFERENCES recruiter_accounts(pk) ON DELETE CASCADE,
    quote TEXT NOT NULL,
    PRIMARY KEY (ad_pk, account_pk)
);
CREATE INDEX ad_accounts_account ON ad_accounts(account_pk);
"""
"""The store migration for screening (append-only, like every migration)."""

LINKING_KINDS = ("handle", "phone", "email")


@dataclass(frozen=True, slots=True)
class Saved:
    """What one call to :func:`save` did."""

    added: int
    updated: int
    skipped: int
    """Results that were errors (nothing to store)."""


def content_hash(text: str) -> str:
    """The key of an ad in the store: SHA-256 of the text screened."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _linking(result: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [c for c in result.get("contacts", []) if c.get("kind") in LINKING_KINDS]


def save_results(conn: sqlite3.Connection, pairs: Iterable[tuple[str, Mapping[str, Any]]]) -> Saved:
    """Store ``(ad text, result)`` pairs in one transaction (``conn`` in autocommit mode)."""
    added = updated = skipped = 0
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn.execute("BEGIN IMMEDIATE")
    try:
        for text, result in pairs:
            if "error" in result:
                skipped += 1
                continue
            key = content_hash(text)
            before = conn.execute("SELECT pk FROM screened_ads WHERE content_hash = ?", (key,)).fetchone()
            values = (
                str(result["id"]), key, float(result["score"]), str(result["level"]),
                json.dumps(result.get("indicators", []), ensure_ascii=False),
                json.dumps(result.get("contacts", []), ensure_ascii=False),
                json.dumps(result.get("destinations", []), ensure_ascii=False),
                result.get("language"), now,
            )
            conn.execute(
                "INSERT INTO screened_ads (id, content_hash, score, level, indicators, contacts, "
                "destinations, language, screened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(content_hash) DO UPDATE SET id = excluded.id, score = excluded.score, "
                "level = excluded.level, indicators = excluded.indicators, contacts = excluded.contacts, "
                "destinations = excluded.destinations, language = excluded.language, "
                "screened_at = excluded.screened_at",
                values,
            )
            (ad_pk,) = conn.execute("SELECT pk FROM screened_ads WHERE content_hash = ?", (key,)).fetchone()
            conn.execute("DELETE FROM ad_accounts WHERE ad_pk = ?", (ad_pk,))
            for contact in _linking(result):
                account_key = f"{contact['kind']}:{contact['value']}"
                conn.execute(
                    "INSERT INTO recruiter_accounts (key, kind, value, service) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET service = COALESCE(recruiter_accounts.service, "
                    "excluded.service)",
                    (account_key, contact["kind"], str(contact["value"]), contact.get("service")),
                )
                (account_pk,) = conn.execute(
                    "SELECT pk FROM recruiter_accounts WHERE key = ?", (account_key,)).fetchone()
                conn.execute("INSERT OR IGNORE INTO ad_accounts (ad_pk, account_pk, quote) VALUES (?, ?, ?)",
                             (ad_pk, account_pk, str(contact.get("quote", ""))))
            if before is None:
                added += 1
            else:
                updated += 1
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return Saved(added, updated, skipped)


def connect(store_path: str | Path, create: bool = True) -> sqlite3.Connection:
    """A connection to a migrated store (errors as :class:`ringscope.store.sqlite.StoreError`)."""
    from ringscope.store.sqlite import Store, StoreError

    with Store(store_path, create=create):
        pass  # opening migrates the schema, with clear errors for a bad file
    try:
        conn = sqlite3.connect(str(store_path), timeout=30.0, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open store {store_path}: {exc}") from exc
    return conn


def save(store_path: str | Path, pairs: Iterable[tuple[str, Mapping[str, Any]]]) -> Saved:
    """Store ``(ad text, result)`` pairs in the store file (created and migrated if needed)."""
    conn = connect(store_path, create=True)
    try:
        return save_results(conn, pairs)
    finally:
        conn.close()


def iter_results(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Stored ads as screening results (``id, score, level, indicators, contacts, destinations``)."""
    rows = conn.execute("SELECT id, content_hash, score, level, indicators, contacts, destinations, language "
                        "FROM screened_ads ORDER BY pk")
    for ad_id, key, score, level, indicators, contacts, destinations, language in rows:
        yield {"id": ad_id, "content_hash": key, "score": score, "level": level,
               "indicators": json.loads(indicators), "contacts": json.loads(contacts),
               "destinations": json.loads(destinations), "language": language}


def iter_ftm(store_path: str | Path) -> Iterator[dict[str, Any]]:
    """FtM entities of the stored recruiter network, as dicts (for ``ringscope export --format ftm``).

    A ``Document`` for each stored ad that names a contact, a ``Documentation`` link from the ad to
    each account, and a ``UserAccount`` for each handle, phone number or email. Ads are identified
    by their content hash, so two ads given the same id stay apart.
    """
    from ringscope.screen.network import to_ftm

    conn = connect(store_path, create=False)
    try:
        results = list(iter_results(conn))
    finally:
        conn.close()
    for proxy in to_ftm(results, key_field="content_hash"):
        yield proxy.to_dict()


def load_networks(store_path: str | Path) -> list[dict[str, Any]]:
    """Groups of stored ads linked by shared contacts (ids are the stored ads' content hashes)."""
    from ringscope.screen.network import networks

    conn = connect(store_path, create=False)
    try:
        results = [{**r, "id": r["content_hash"]} for r in iter_results(conn)]
    finally:
        conn.close()
    return [n.as_dict() for n in networks(results)]
