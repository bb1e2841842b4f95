"""The flat tables of an export (reports, entities, claims, routes): columns, types and rows.

Pure logic, no I/O: :mod:`ringscope.export.tables` writes these rows as CSV or Parquet. Every
extracted row keeps its provenance: ``report_id`` and the character span ``start``/``end`` with its
``quote`` (for entities, the first mention).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from ringscope.model import Extraction, Report

ColumnType = Literal["string", "int", "float"]
Row = dict[str, str | int | float | None]

TABLES: dict[str, list[tuple[str, ColumnType]]] = {
    "reports": [
        ("report_id", "string"),
        ("external_id", "string"),
        ("source", "string"),
        ("url", "string"),
        ("published", "string"),
        ("title", "string"),
        ("content_hash", "string"),
        ("chars", "int"),
    ],
    "entities": [
        ("report_id", "string"),
        ("entity_id", "string"),
        ("type", "string"),
        ("name", "string"),
        ("country", "string"),
        ("lat", "float"),
        ("lon", "float"),
        ("roles", "string"),
        ("aliases", "string"),
        ("mentions", "int"),
        ("start", "int"),
        ("end", "int"),
        ("quote", "string"),
    ],
    "claims": [
        ("report_id", "string"),
        ("claim_id", "string"),
        ("measure", "string"),
        ("value", "float"),
        ("low", "float"),
        ("high", "float"),
        ("qualifier", "string"),
        ("unit", "string"),
        ("currency", "string"),
        ("period", "string"),
        ("location", "string"),
        ("speaker", "string"),
        ("date", "string"),
        ("start", "int"),
        ("end", "int"),
        ("quote", "string"),
    ],
    "routes": [
        ("report_id", "string"),
        ("route_id", "string"),
        ("origin", "string"),
        ("destination", "string"),
        ("count", "int"),
        ("start", "int"),
        ("end", "int"),
        ("quote", "string"),
    ],
}
"""Table name -> ordered (column, type). Multi-valued fields (roles, aliases) are joined by ``"; "``."""

LIST_SEPARATOR = "; "


def report_rows(report: Report, extraction: Extraction) -> Iterator[tuple[str, Row]]:
    """(table, row) pairs for one report and its extraction (give redacted items: see privacy.view)."""
    yield (
        "reports",
        {
            "report_id": report.id,
            "external_id": report.external_id,
            "source": report.source,
            "url": report.url,
            "published": report.published,
            "title": report.title,
            "content_hash": report.content_hash,
            "chars": len(report.text),
        },
    )
    for entity in extraction.entities:
        first = entity.mentions[0] if entity.mentions else None
        yield (
            "entities",
            {
                "report_id": report.id,
                "entity_id": entity.id,
                "type": entity.type,
                "name": entity.name,
                "country": entity.country,
                "lat": entity.lat,
                "lon": entity.lon,
                "roles": LIST_SEPARATOR.join(entity.roles) or None,
                "aliases": LIST_SEPARATOR.join(entity.aliases) or None,
                "mentions": len(entity.mentions),
                "start": first.start if first else None,
                "end": first.end if first else None,
                "quote": first.text if first else None,
            },
        )
    for claim in extraction.claims:
        yield (
            "claims",
            {
                "report_id": report.id,
                "claim_id": claim.id,
                "measure": claim.measure,
                "value": claim.value,
                "low": claim.low,
                "high": claim.high,
                "qualifier": claim.qualifier,
                "unit": claim.unit,
                "currency": claim.currency,
                "period": claim.period,
                "location": claim.location,
                "speaker": claim.speaker,
                "date": claim.date,
                "start": claim.start,
                "end": claim.end,
                "quote": claim.quote,
            },
        )
    for route in extraction.routes:
        yield (
            "routes",
            {
                "report_id": report.id,
                "route_id": route.id,
                "origin": route.origin,
                "destination": route.destination,
                "count": route.count,
                "start": route.start,
                "end": route.end,
                "quote": route.quote,
            },
        )
