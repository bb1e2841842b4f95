"""Read-only queries over a store's connection: search, claims, entities, routes and counts.

:class:`ringscope.store.sqlite.Store` answers these by calling the functions here with its connection.
"""

from __future__ import annotations

import json
import sqlite3

from ringscope.model import Entity, Mention
from ringscope.store import items as item_rows
from ringscope.store.fts import QueryError, fts_query
from ringscope.store.migrations import schema_version
from ringscope.store.records import EntitySummary, SearchHit, StoredClaim, StoreStats


def all_entities(conn: sqlite3.Connection) -> dict[str, list[Entity]]:
    """Every report's extracted entities (as :meth:`get_extraction` gives them), by report id."""
    mentions: dict[int, list[Mention]] = {}
    for entity_pk, start, end, text in conn.execute(
        'SELECT entity_pk, start, "end", text FROM mentions ORDER BY entity_pk, seq'
    ):
        mentions.setdefault(entity_pk, []).append(Mention(start, end, text))
    out: dict[str, list[Entity]] = {}
    for row in conn.execute(
        "SELECT pk, type, name, country, lat, lon, aliases, roles, rule, report_id FROM entities"
        " ORDER BY report_id, seq"
    ):
        out.setdefault(row[9], []).append(Entity(
            type=row[1], name=row[2], country=row[3], lat=row[4], lon=row[5], aliases=json.loads(row[6]),
            roles=json.loads(row[7]), mentions=mentions.get(row[0], []), rule=row[8],
        ))
    return out


def all_routes(conn: sqlite3.Connection) -> list[tuple[str, str, str, int | None]]:
    """(report id, origin, destination, count) of every route, in the order reports were stored."""
    return [
        (str(r), str(o), str(d), c)
        for r, o, d, c in conn.execute(
            "SELECT t.report_id, t.origin, t.destination, t.count FROM routes t"
            " JOIN reports r ON r.id = t.report_id ORDER BY r.pk, t.seq"
        )
    ]


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Full-text search over report titles and texts, best matches first."""
    if limit < 1:
        raise QueryError("limit must be at least 1")
    expression = fts_query(query)
    try:
        rows = conn.execute(
            "SELECT r.id, r.title, r.source, r.url, r.published,"
            " snippet(reports_fts, -1, char(2), char(3), '…', 16), bm25(reports_fts)"
            " FROM reports_fts JOIN reports r ON r.pk = reports_fts.rowid"
            " WHERE reports_fts MATCH ? ORDER BY bm25(reports_fts) LIMIT ?",
            (expression, limit),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"cannot search for {query!r}: {exc}") from exc
    return [SearchHit(r[0], r[1], r[2], r[3], r[4], r[5], -float(r[6])) for r in rows]


def claims(
    conn: sqlite3.Connection, measure: str | None = None, country: str | None = None
) -> list[StoredClaim]:
    """Claims, optionally of one measure and/or located in one country (ISO2)."""
    location = country.upper() if country else None
    where, params = item_rows.filters({"c.measure": measure, "c.location": location})
    rows = conn.execute(
        f"SELECT {', '.join('c.' + c.strip() for c in item_rows.CLAIM_COLUMNS.split(','))},"
        f" r.id, r.source, r.url, r.published, r.title"
        f" FROM claims c JOIN reports r ON r.id = c.report_id{where} ORDER BY r.pk, c.seq",
        params,
    ).fetchall()
    return [StoredClaim(item_rows.claim_row(row[:16]), *row[16:]) for row in rows]


def entities(conn: sqlite3.Connection, type: str | None = None) -> list[EntitySummary]:
    """Entities aggregated over reports by type and normalised name, most reported first."""
    where, params = item_rows.filters({"e.type": type})
    rows = conn.execute(
        "SELECT e.type, e.key, e.name, e.country, e.report_id,"
        " (SELECT COUNT(*) FROM mentions m WHERE m.entity_pk = e.pk)"
        f" FROM entities e{where}",
        params,
    ).fetchall()
    return item_rows.aggregate_entities(rows)


def stats(conn: sqlite3.Connection) -> StoreStats:
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


def route_counts(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """(origin, destination, number of reports) for every route, most reported first."""
    rows = conn.execute(
        "SELECT origin, destination, COUNT(DISTINCT report_id) AS n FROM routes"
        " GROUP BY origin, destination ORDER BY n DESC, origin, destination"
    ).fetchall()
    return [(str(o), str(d), int(n)) for o, d, n in rows]
