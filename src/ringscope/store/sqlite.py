"""The SQLite store: reports, their extracted items, and full-text search.

One file, WAL journal, foreign keys on. A report and everything extracted from it
are written in one transaction, so readers and crashes never see half a report.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType

from ringscope.model import Entity, Extraction, Mention, Report
from ringscope.private import private_file, tighten
from ringscope.store import event_links as event_links_store
from ringscope.store import event_parts as event_store_parts
from ringscope.store import items as item_rows
from ringscope.store import judgements as judgement_store
from ringscope.store import picture as picture_store
from ringscope.store import picture_read as picture_store_read
from ringscope.store import picture_update as picture_store_parts
from ringscope.store import policy_parts as policy_store_parts
from ringscope.store import resolve_parts as resolve_store_parts
from ringscope.store import withheld as withheld_store
from ringscope.store.chunked import select_in
from ringscope.store.fts import QueryError, fts_query
from ringscope.store.migrations import SchemaError, migrate, schema_version
from ringscope.store.records import EntitySummary, SearchHit, StoredClaim, StoreStats
from ringscope.store.withheld import WithheldRow

Extractor = Callable[[str, str | None], Extraction]

_REPORT_COLUMNS = "id, content_hash, source, url, published, title, external_id, text"


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
        row = self._conn.execute(
            f"SELECT {_REPORT_COLUMNS} FROM reports WHERE id = ?", (report_id,)
        ).fetchone()
        return item_rows.report_row(row) if row else None

    def get_reports(self, report_ids: list[str]) -> dict[str, Report]:
        """The stored ones of ``report_ids``, by id, in the order they were stored."""
        sql = f"SELECT pk, {_REPORT_COLUMNS} FROM reports WHERE id IN ({{marks}})"
        rows = select_in(self._conn, sql, dict.fromkeys(report_ids))
        return {row[1]: item_rows.report_row(row[1:]) for row in sorted(rows)}

    def find_reports(self, prefix: str, limit: int = 10) -> list[str]:
        """Ids of the reports whose id is ``prefix`` (that one alone) or starts with it, or whose
        external id is ``prefix``; at most ``limit``, in id order."""
        if self.get_report(prefix) is not None:
            return [prefix]
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self._conn.execute(
            "SELECT id FROM reports WHERE id LIKE ? ESCAPE '\\' OR external_id = ? ORDER BY id LIMIT ?",
            (pattern, prefix, limit),
        ).fetchall()
        return [str(row[0]) for row in rows]

    def extractor_version(self, report_id: str) -> str | None:
        row = self._conn.execute(
            "SELECT extractor_version FROM reports WHERE id = ?", (report_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def iter_reports(self) -> Iterator[Report]:
        """All reports, in the order they were stored."""
        for row in self._conn.execute(f"SELECT {_REPORT_COLUMNS} FROM reports ORDER BY pk"):
            yield item_rows.report_row(row)

    def report_heads(self) -> Iterator[Report]:
        """All reports without their texts (``text`` is empty), in the order they were stored."""
        columns = _REPORT_COLUMNS.replace(", text", ", ''")
        for row in self._conn.execute(f"SELECT {columns} FROM reports ORDER BY pk"):  # noqa: S608
            yield item_rows.report_row(row)

    def report_heads_of(self, report_ids: Iterable[str]) -> dict[str, Report]:
        """The given reports without their texts, by id (ids not stored are left out)."""
        columns = _REPORT_COLUMNS.replace(", text", ", ''")
        rows = select_in(self._conn, f"SELECT {columns} FROM reports WHERE id IN ({{marks}})", report_ids)  # noqa: S608
        return {report.id: report for report in map(item_rows.report_row, rows)}

    def get_extraction(self, report_id: str) -> Extraction:
        """The stored extraction of one report, rebuilt as model objects."""
        return item_rows.load_extraction(self._conn, report_id)

    def iter_extractions(self) -> Generator[tuple[Report, Extraction]]:
        """Every report with its extraction, in the order they were stored."""
        cursor = self._conn.execute(f"SELECT {_REPORT_COLUMNS} FROM reports ORDER BY pk")
        try:
            for row in cursor:
                report = item_rows.report_row(row)
                yield report, item_rows.load_extraction(self._conn, report.id)
        finally:
            cursor.close()

    def all_entities(self) -> dict[str, list[Entity]]:
        """Every report's extracted entities (as :meth:`get_extraction` gives them), by report id."""
        mentions: dict[int, list[Mention]] = {}
        for entity_pk, start, end, text in self._conn.execute(
            'SELECT entity_pk, start, "end", text FROM mentions ORDER BY entity_pk, seq'
        ):
            mentions.setdefault(entity_pk, []).append(Mention(start, end, text))
        out: dict[str, list[Entity]] = {}
        for row in self._conn.execute(
            "SELECT pk, type, name, country, lat, lon, aliases, roles, rule, report_id FROM entities"
            " ORDER BY report_id, seq"
        ):
            out.setdefault(row[9], []).append(Entity(
                type=row[1], name=row[2], country=row[3], lat=row[4], lon=row[5], aliases=json.loads(row[6]),
                roles=json.loads(row[7]), mentions=mentions.get(row[0], []), rule=row[8],
            ))
        return out

    def all_routes(self) -> list[tuple[str, str, str, int | None]]:
        """(report id, origin, destination, count) of every route, in the order reports were stored."""
        return [
            (str(r), str(o), str(d), c)
            for r, o, d, c in self._conn.execute(
                "SELECT t.report_id, t.origin, t.destination, t.count FROM routes t"
                " JOIN reports r ON r.id = t.report_id ORDER BY r.pk, t.seq"
            )
        ]

    # -- queries -------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over report titles and texts, best matches first."""
        if limit < 1:
            raise QueryError("limit must be at least 1")
        expression = fts_query(query)
        try:
            rows = self._conn.execute(
                "SELECT r.id, r.title, r.source, r.url, r.published,"
                " snippet(reports_fts, -1, char(2), char(3), '…', 16), bm25(reports_fts)"
                " FROM reports_fts JOIN reports r ON r.pk = reports_fts.rowid"
                " WHERE reports_fts MATCH ? ORDER BY bm25(reports_fts) LIMIT ?",
                (expression, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise QueryError(f"cannot search for {query!r}: {exc}") from exc
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], r[5], -float(r[6])) for r in rows]

    def claims(self, measure: str | None = None, country: str | None = None) -> list[StoredClaim]:
        """Claims, optionally of one measure and/or located in one country (ISO2)."""
        location = country.upper() if country else None
        where, params = item_rows.filters({"c.measure": measure, "c.location": location})
        rows = self._conn.execute(
            f"SELECT {', '.join('c.' + c.strip() for c in item_rows.CLAIM_COLUMNS.split(','))},"
            f" r.id, r.source, r.url, r.published, r.title"
            f" FROM claims c JOIN reports r ON r.id = c.report_id{where} ORDER BY r.pk, c.seq",
            params,
        ).fetchall()
        return [StoredClaim(item_rows.claim_row(row[:16]), *row[16:]) for row in rows]

    def entities(self, type: str | None = None) -> list[EntitySummary]:
        """Entities aggregated over reports by type and normalised name, most reported first."""
        where, params = item_rows.filters({"e.type": type})
        rows = self._conn.execute(
            "SELECT e.type, e.key, e.name, e.country, e.report_id,"
            " (SELECT COUNT(*) FROM mentions m WHERE m.entity_pk = e.pk)"
            f" FROM entities e{where}",
            params,
        ).fetchall()
        return item_rows.aggregate_entities(rows)

    def stats(self) -> StoreStats:
        conn = self._conn

        def count(sql: str) -> int:
            return int(conn.execute(sql).fetchone()[0])

        def grouped(sql: str) -> dict[str, int]:
            return {str(k): int(v) for k, v in conn.execute(sql)}

        return StoreStats(
            schema_version=schema_version(conn),
            reports=count("SELECT COUNT(*) FROM reports"),
            entities=count("SELECT COUNT(*) FROM entities"),
            distinct_entities=count("SELECT COUNT(*) FROM (SELECT DISTINCT type, key FROM entities)"),
            mentions=count("SELECT COUNT(*) FROM mentions"),
            claims=count("SELECT COUNT(*) FROM claims"),
            routes=count("SELECT COUNT(*) FROM routes"),
            dates=count("SELECT COUNT(*) FROM dates"),
            entities_by_type=grouped(
                "SELECT type, COUNT(*) FROM (SELECT DISTINCT type, key FROM entities)"
                " GROUP BY type ORDER BY COUNT(*) DESC, type"
            ),
            claims_by_measure=grouped(
                "SELECT measure, COUNT(*) FROM claims GROUP BY measure ORDER BY COUNT(*) DESC, measure"
            ),
            extractor_versions=grouped(
                "SELECT extractor_version, COUNT(*) FROM reports GROUP BY extractor_version ORDER BY 1"
            ),
            languages=grouped(
                "SELECT COALESCE(language, ''), COUNT(*) FROM reports GROUP BY 1 ORDER BY COUNT(*) DESC, 1"
            ),
            unsupported_languages=frozenset(
                row[0]
                for row in conn.execute("SELECT DISTINCT language FROM reports WHERE unsupported_language")
            ),
        )

    def route_counts(self) -> list[tuple[str, str, int]]:
        """(origin, destination, number of reports) for every route, most reported first."""
        rows = self._conn.execute(
            "SELECT origin, destination, COUNT(DISTINCT report_id) AS n FROM routes"
            " GROUP BY origin, destination ORDER BY n DESC, origin, destination"
        ).fetchall()
        return [(str(o), str(d), int(n)) for o, d, n in rows]

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
