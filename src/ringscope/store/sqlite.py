"""The SQLite store: reports, their extracted items, and full-text search.

One file, WAL journal, foreign keys on. A report and everything extracted from it
are written in one transaction, so readers and crashes never see half a report.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType

from ringscope.model import Entity, Extraction, Report
from ringscope.private import private_file, tighten
from ringscope.store import event_links as event_links_store
from ringscope.store import event_parts as event_store_parts
from ringscope.store import items as item_rows
from ringscope.store import judgements as judgement_store
from ringscope.store import picture as picture_store
from ringscope.store import picture_read as picture_store_read
from ringscope.store import picture_update as picture_store_parts
from ringscope.store import policy_parts as policy_store_parts
from ringscope.store import queries, reports
from ringscope.store import resolve_parts as resolve_store_parts
from ringscope.store import withheld as withheld_store
from ringscope.store.migrations import SchemaError, migrate
from ringscope.store.records import EntitySummary, SearchHit, StoredClaim, StoreStats
from ringscope.store.withheld import WithheldRow

Extractor = Callable[[str, str | None], Extraction]


SNIPPET_OPEN = "\x02"
SNIPPET_CLOSE = "\x03"
"""Markers around matched terms in :attr:`SearchHit.snippet`."""


CACHE_KIB = 128 * 1024
"""Page cache of a connection that ingests (taken as pages are read, see :meth:`Store.for_ingest`).
An update of a large archive touches pages all over its tables and indexes; with SQLite's default of
2 MiB it reads most of them again from the OS on every touch, and a store kept open across ingests
(as a long ingest keeps it) keeps its pages. Readers keep the default (their memory stays small)."""
CHECKPOINT_PAGES = 10_000
"""Pages the write-ahead log holds before they are copied into the store file (SQLite's default is
1,000): a page written by several transactions in a row, as each report's transaction writes the
same pages of the indexes, is copied once."""


class StoreError(Exception):
    """The store cannot be opened or used (message is for the user)."""


class Store:
    """A ringscope store in one SQLite file.

    Use as a context manager, or call :meth:`close`. ``create=False`` refuses to
    create a new file (for commands that only read).
    """

    def __init__(self, path: str | Path, *, create: bool = True, timeout: float = 30.0) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError(f"no store at {self.path} (create one with `ringscope ingest`)")
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a directory, not a store file")
        try:  # only its owner may read the store; SQLite gives -wal and -shm the same mode
            private_file(self.path)
            for suffix in ("-wal", "-shm"):
                tighten(Path(f"{self.path}{suffix}"))
        except OSError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc.strerror or exc}") from exc
        try:
            self._conn = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
            self.version = migrate(self._conn)
        except SchemaError as exc:
            self._conn.close()
            raise StoreError(str(exc)) from exc
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(f"{self.path} is not a ringscope store: {exc}") from exc

    # -- lifecycle -----------------------------------------------------------------

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- writing -------------------------------------------------------------------

    def for_ingest(self) -> Store:
        """Give this connection the page cache of an ingest (:data:`CACHE_KIB`); returns the store."""
        self._conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        return self

    def has(self, content_hash: str) -> bool:
        """Whether a report with this content hash is stored."""
        row = self._conn.execute("SELECT 1 FROM reports WHERE content_hash = ?", (content_hash,)).fetchone()
        return row is not None

    def add(self, report: Report, extraction: Extraction, version: str) -> bool:
        """Store a report and its extraction in one transaction.

        Returns False (and changes nothing) when a report with the same content hash
        is already stored.
        """
        return self.add_many([(report, extraction)], version)[0]

    def add_many(self, items: Sequence[tuple[Report, Extraction]], version: str) -> list[bool]:
        """Store reports and their extractions in one transaction; for each, whether it was new.

        A report whose content hash is already stored (or earlier in ``items``) changes nothing.
        One transaction writes each index page the reports touch once, where a transaction per
        report writes it again for every report.
        """
        with self._transaction() as conn:
            return [item_rows.add_report(conn, report, extraction, version) for report, extraction in items]

    def replace_extraction(self, report_id: str, extraction: Extraction, version: str) -> None:
        """Replace a stored report's extracted items, atomically (KeyError when it is not stored)."""
        if not self.replace_extractions([(report_id, extraction)], version)[0]:
            raise KeyError(report_id)

    def replace_extractions(self, items: Sequence[tuple[str, Extraction]], version: str) -> list[bool]:
        """Replace the extracted items of stored reports, all in one transaction; for each report,
        whether it was there (a report removed meanwhile is left out)."""
        with self._transaction() as conn:
            return [item_rows.replace_items(conn, rid, extraction, version) for rid, extraction in items]

    def reextract(
        self, *, force: bool = False, extractor: Extractor | None = None, version: str | None = None
    ) -> int:
        """Re-extract reports stored by another extractor version (all of them if ``force``).

        Runs :func:`ringscope.ingest.runner.reextract_store`; returns how many reports were
        re-extracted.
        """
        from ringscope.ingest.runner import reextract_store

        return reextract_store(self, force=force, extractor=extractor, version=version).ingested

    def outdated_reports(self, version: str, *, force: bool = False) -> list[str]:
        """Ids of the reports stored by an extractor version other than ``version`` (all if ``force``)."""
        sql = "SELECT id FROM reports" + ("" if force else " WHERE extractor_version != ?") + " ORDER BY pk"
        return [row[0] for row in self._conn.execute(sql, () if force else (version,))]

    def remove(self, report_id: str) -> bool:
        """Delete a report and (by cascade) all its items."""
        with self._transaction() as conn:
            cursor = conn.execute("DELETE FROM reports WHERE id = ?", (report_id,))
        return cursor.rowcount > 0

    # -- reading reports -----------------------------------------------------------

    def get_report(self, report_id: str) -> Report | None:
        return reports.get_report(self._conn, report_id)

    def get_reports(self, report_ids: list[str]) -> dict[str, Report]:
        """The stored ones of ``report_ids``, by id, in the order they were stored."""
        return reports.get_reports(self._conn, report_ids)

    def find_reports(self, prefix: str, limit: int = 10) -> list[str]:
        """Ids of the reports whose id is ``prefix`` (that one alone) or starts with it, or whose
        external id is ``prefix``; at most ``limit``, in id order."""
        return reports.find_reports(self._conn, prefix, limit)

    def extractor_version(self, report_id: str) -> str | None:
        return reports.extractor_version(self._conn, report_id)

    def iter_reports(self) -> Iterator[Report]:
        """All reports, in the order they were stored."""
        return reports.iter_reports(self._conn)

    def report_heads(self) -> Iterator[Report]:
        """All reports without their texts (``text`` is empty), in the order they were stored."""
        return reports.report_heads(self._conn)

    def report_heads_of(self, report_ids: Iterable[str]) -> dict[str, Report]:
        """The given reports without their texts, by id (ids not stored are left out)."""
        return reports.report_heads_of(self._conn, report_ids)

    def get_extraction(self, report_id: str) -> Extraction:
        """The stored extraction of one report, rebuilt as model objects."""
        return item_rows.load_extraction(self._conn, report_id)

    def iter_extractions(self) -> Generator[tuple[Report, Extraction]]:
        """Every report with its extraction, in the order they were stored."""
        cursor = self._conn.execute(f"SELECT {reports.REPORT_COLUMNS} FROM reports ORDER BY pk")
        try:
            for row in cursor:
                report = item_rows.report_row(row)
                yield report, item_rows.load_extraction(self._conn, report.id)
        finally:
            cursor.close()

    def all_entities(self) -> dict[str, list[Entity]]:
        """Every report's extracted entities (as :meth:`get_extraction` gives them), by report id."""
        return queries.all_entities(self._conn)

    def all_routes(self) -> list[tuple[str, str, str, int | None]]:
        """(report id, origin, destination, count) of every route, in the order reports were stored."""
        return queries.all_routes(self._conn)

    # -- queries -------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over report titles and texts, best matches first."""
        return queries.search(self._conn, query, limit)

    def claims(self, measure: str | None = None, country: str | None = None) -> list[StoredClaim]:
        """Claims, optionally of one measure and/or located in one country (ISO2)."""
        return queries.claims(self._conn, measure, country)

    def entities(self, type: str | None = None) -> list[EntitySummary]:
        """Entities aggregated over reports by type and normalised name, most reported first."""
        return queries.entities(self._conn, type)

    def stats(self) -> StoreStats:
        return queries.stats(self._conn)

    def route_counts(self) -> list[tuple[str, str, int]]:
        """(origin, destination, number of reports) for every route, most reported first."""
        return queries.route_counts(self._conn)

    # -- the victim policy's decision (see ringscope.privacy) -------------------------

    def withheld_labels(self) -> dict[str, tuple[str, int]]:
        """Every person key ever withheld -> (placeholder, number)."""
        return withheld_store.load(self._conn)

    def withheld_persons(self) -> list[WithheldRow]:
        """The persons the latest decision withholds."""
        return withheld_store.current(self._conn)

    def decision(self) -> tuple[list[WithheldRow], set[str]]:
        """The latest decision: the persons withheld in its order, and the names it lets show."""
        return withheld_store.decision(self._conn)

    def withheld_labels_of(self, keys: list[str]) -> tuple[dict[str, tuple[str, int]], int]:
        """The given person keys ever withheld -> (placeholder, number), and the highest number given."""
        return withheld_store.labels_of(self._conn, keys)

    def save_decision(
        self, rows: list[WithheldRow], shown: list[tuple[str, str]], state: str, kind: str
    ) -> None:
        """Keep a whole decision (see :mod:`ringscope.store.withheld`)."""
        withheld_store.save(self._conn, rows, shown, state, kind)

    # -- the stored fused picture (see ringscope.fuse.stored) -----------------------------

    def state(self) -> str:
        """Changes whenever reports are added, removed or re-extracted."""
        return repr(tuple(self._conn.execute(picture_store.STATE_SQL).fetchone()))

    def picture_state(self) -> str | None:
        """The store state the stored picture was taken at (None before the first)."""
        return picture_store.stored_state(self._conn)

    def stored_picture(self, state: str) -> picture_store.PictureRows | None:
        """The stored picture when it was taken at ``state``, else None."""
        return picture_store.load(self._conn, state)

    def picture_stream(self, state: str) -> AbstractContextManager[picture_store.PictureStream | None]:
        """The stored picture when it was taken at ``state`` (else None), in chunks read in one read
        transaction that lasts while the block runs (see :func:`ringscope.store.picture.stream`)."""
        return picture_store.stream(self._conn, state)

    def picture_parts(self) -> picture_store_parts.PictureParts:
        """The stored picture by parts, for updating it (see :mod:`ringscope.fuse.update`)."""
        return picture_store_parts.PictureParts(self._conn)

    def resolve_parts(self) -> resolve_store_parts.ResolveParts:
        """What entity resolution joins names by (see :mod:`ringscope.fuse.resolve_update`)."""
        return resolve_store_parts.ResolveParts(self._conn)

    def policy_parts(self) -> policy_store_parts.PolicyParts:
        """What the victim-policy decision was taken from (see :mod:`ringscope.privacy.incremental`)."""
        return policy_store_parts.PolicyParts(self._conn)

    def event_links(self) -> event_links_store.EventLinks:
        """What same-event grouping keeps from update to update (see :mod:`ringscope.fuse.event_links`)."""
        return event_links_store.EventLinks(self._conn)

    def event_parts(self) -> event_store_parts.EventParts:
        """The stored picture's parts kept per event (see :mod:`ringscope.fuse.update`)."""
        return event_store_parts.EventParts(self._conn)

    def picture_reader(self) -> picture_store_read.PictureReader:
        """Parts of the stored picture, for readers that show a few of its items."""
        return picture_store_read.PictureReader(self._conn)

    # -- analyst judgements (see ringscope.store.judgements) ------------------------------

    def judgements(self, *, active_only: bool = False) -> list[judgement_store.Judgement]:
        return judgement_store.listing(self._conn, active_only=active_only)

    def add_judgement(self, kind: str, targets: list[judgement_store.Target], note: str, username: str,
                      role: str, client: str | None = None) -> judgement_store.Judgement:
        return judgement_store.add(self._conn, kind, targets, note, username, role, client)

    def undo_judgement(self, number: int, username: str, role: str,
                       client: str | None = None) -> judgement_store.Judgement:
        return judgement_store.undo(self._conn, number, username, role, client)

    def integrity_check(self) -> str:
        return str(self._conn.execute("PRAGMA integrity_check").fetchone()[0])


item_count = item_rows.item_count
"""How many rows an extraction is stored as (see :func:`ringscope.store.items.item_count`)."""
