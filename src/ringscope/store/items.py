"""A report's extracted items as rows of the store, and back: the writes and reads the store makes
inside its transactions (only :mod:`ringscope.store.sqlite` calls these)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from ringscope.model import Claim, DateMention, Entity, Extraction, Mention, Report, Route
from ringscope.store.records import EntitySummary

CLAIM_COLUMNS = (
    'measure, value, low, high, qualifier, unit, quote, start, "end",'
    ' currency, period, location, speaker, date, rule, "trigger"'
)


def item_count(extraction: Extraction) -> int:
    """How many rows an extraction is stored as (entities, mentions, claims, routes, dates)."""
    mentions = sum(len(e.mentions) for e in extraction.entities)
    return (
        len(extraction.entities)
        + mentions
        + len(extraction.claims)
        + len(extraction.routes)
        + len(extraction.dates)
    )


def report_row(row: tuple[Any, ...]) -> Report:
    return Report(
        id=row[0],
        content_hash=row[1],
        source=row[2],
        url=row[3],
        published=row[4],
        title=row[5],
        external_id=row[6],
        text=row[7],
    )


def claim_row(row: tuple[Any, ...]) -> Claim:
    return Claim(*row)


def filters(values: dict[str, str | None]) -> tuple[str, tuple[str, ...]]:
    clauses = [f"{column} = ?" for column, value in values.items() if value is not None]
    params = tuple(value for value in values.values() if value is not None)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def add_report(conn: sqlite3.Connection, report: Report, extraction: Extraction, version: str) -> bool:
    if conn.execute("SELECT 1 FROM reports WHERE content_hash = ?", (report.content_hash,)).fetchone():
        return False
    conn.execute(
        "INSERT INTO reports (id, content_hash, source, url, published, title, external_id, text,"
        " ingested_at, extractor_version, item_count, language, unsupported_language)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            report.id,
            report.content_hash,
            report.source,
            report.url,
            report.published,
            report.title,
            report.external_id,
            report.text,
            datetime.now(UTC).isoformat(timespec="seconds"),
            version,
            item_count(extraction),
            extraction.language,
            int(extraction.unsupported_language),
        ),
    )
    insert_items(conn, report.id, extraction)
    return True


def insert_items(conn: sqlite3.Connection, report_id: str, extraction: Extraction) -> None:
    for seq, entity in enumerate(extraction.entities):
        cursor = conn.execute(
            "INSERT INTO entities (report_id, seq, type, name, key, country, lat, lon, aliases, roles,"
            ' start, "end", rule)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report_id,
                seq,
                entity.type,
                entity.name,
                entity.key,
                entity.country,
                entity.lat,
                entity.lon,
                json.dumps(entity.aliases, ensure_ascii=False),
                json.dumps(entity.roles, ensure_ascii=False),
                entity.start,
                entity.end,
                entity.rule,
            ),
        )
        conn.executemany(
            'INSERT INTO mentions (entity_pk, report_id, seq, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
            [(cursor.lastrowid, report_id, i, m.start, m.end, m.text) for i, m in enumerate(entity.mentions)],
        )
    conn.executemany(
        f"INSERT INTO claims (report_id, seq, {CLAIM_COLUMNS}) VALUES ({', '.join('?' * 18)})",
        [
            (
                report_id,
                seq,
                c.measure,
                c.value,
                c.low,
                c.high,
                c.qualifier,
                c.unit,
                c.quote,
                c.start,
                c.end,
                c.currency,
                c.period,
                c.location,
                c.speaker,
                c.date,
                c.rule,
                c.trigger,
            )
            for seq, c in enumerate(extraction.claims)
        ],
    )
    conn.executemany(
        'INSERT INTO routes (report_id, seq, origin, destination, count, quote, start, "end", rule)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (report_id, seq, r.origin, r.destination, r.count, r.quote, r.start, r.end, r.rule)
            for seq, r in enumerate(extraction.routes)
        ],
    )
    conn.executemany(
        'INSERT INTO dates (report_id, seq, text, value, start, "end") VALUES (?, ?, ?, ?, ?, ?)',
        [(report_id, seq, d.text, d.value, d.start, d.end) for seq, d in enumerate(extraction.dates)],
    )


def replace_items(conn: sqlite3.Connection, report_id: str, extraction: Extraction, version: str) -> bool:
    cursor = conn.execute(
        "UPDATE reports SET extractor_version = ?, item_count = ?, language = ?, unsupported_language = ?"
        " WHERE id = ?",
        (
            version, item_count(extraction), extraction.language, int(extraction.unsupported_language),
            report_id,
        ),
    )
    if cursor.rowcount == 0:
        return False
    for table in ("mentions", "entities", "claims", "routes", "dates"):
        conn.execute(f"DELETE FROM {table} WHERE report_id = ?", (report_id,))
    insert_items(conn, report_id, extraction)
    return True


def load_extraction(conn: sqlite3.Connection, report_id: str) -> Extraction:
    mentions: dict[int, list[Mention]] = {}
    for entity_pk, start, end, text in conn.execute(
        'SELECT entity_pk, start, "end", text FROM mentions WHERE report_id = ? ORDER BY entity_pk, seq',
        (report_id,),
    ):
        mentions.setdefault(entity_pk, []).append(Mention(start, end, text))
    entities = [
        Entity(
            type=row[1],
            name=row[2],
            country=row[3],
            lat=row[4],
            lon=row[5],
            aliases=json.loads(row[6]),
            roles=json.loads(row[7]),
            mentions=mentions.get(row[0], []),
            rule=row[8],
        )
        for row in conn.execute(
            "SELECT pk, type, name, country, lat, lon, aliases, roles, rule FROM entities"
            " WHERE report_id = ? ORDER BY seq",
            (report_id,),
        )
    ]
    claims = [
        claim_row(row)
        for row in conn.execute(
            f"SELECT {CLAIM_COLUMNS} FROM claims WHERE report_id = ? ORDER BY seq", (report_id,)
        )
    ]
    routes = [
        Route(origin=row[0], destination=row[1], count=row[2], quote=row[3], start=row[4], end=row[5],
              rule=row[6])
        for row in conn.execute(
            'SELECT origin, destination, count, quote, start, "end", rule FROM routes'
            " WHERE report_id = ? ORDER BY seq",
            (report_id,),
        )
    ]
    dates = [
        DateMention(text=row[0], start=row[2], end=row[3], value=row[1])
        for row in conn.execute(
            'SELECT text, value, start, "end" FROM dates WHERE report_id = ? ORDER BY seq', (report_id,)
        )
    ]
    language = conn.execute(
        "SELECT language, unsupported_language FROM reports WHERE id = ?", (report_id,)
    ).fetchone()
    return Extraction(
        entities=entities, claims=claims, routes=routes, dates=dates,
        language=language[0] if language else None, unsupported_language=bool(language and language[1]),
    )


def aggregate_entities(rows: list[tuple[Any, ...]]) -> list[EntitySummary]:
    """Aggregate (type, key, name, country, report_id, mentions) rows by type and key.

    The name shown is the most frequent surface form (longest on ties), the country
    the most frequent non-null one.
    """
    groups: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    for row in rows:
        groups.setdefault((row[0], row[1]), []).append(row)
    summaries = []
    for (etype, key), members in groups.items():
        names = Counter(str(m[2]) for m in members)
        name = max(names, key=lambda n: (names[n], len(n), n))
        countries = Counter(str(m[3]) for m in members if m[3])
        country = max(countries, key=lambda c: (countries[c], c)) if countries else None
        summaries.append(
            EntitySummary(
                type=etype,
                name=name,
                key=key,
                country=country,
                reports=len({m[4] for m in members}),
                mentions=sum(int(m[5]) for m in members),
            )
        )
    summaries.sort(key=lambda s: (-s.reports, -s.mentions, s.type, s.name))
    return summaries
