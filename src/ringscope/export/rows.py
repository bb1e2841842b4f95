"""The relational tables of an export: one table per item kind, with keys, types and rows.

Pure logic, no I/O: :mod:`ringscope.export.tables` writes these rows as CSV or Parquet, and
``docs/exports.md`` describes every table. Keys: ``report_id``, ``entity_id`` (the resolved entity,
also its FtM id), ``claim_id``, ``figure_id``, ``event_id``, ``route_id``, ``mention_id``,
``date_id``; every extracted row keeps its report and span (``start``/``end``) with its ``quote``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from ringscope.export.fused import (
    Fused,
    article_id,
    as_date,
    claim_key,
    figure_dates,
    publisher,
    route_key,
    title,
)
from ringscope.fuse.judge_targets import find_claim, find_entity
from ringscope.fuse.refs import ClaimRef
from ringscope.model import make_id
from ringscope.store.judgements import KINDS

ColumnType = Literal["string", "int", "float", "date", "bool", "list"]
Value = str | int | float | bool | dt.date | list[str] | None
Row = dict[str, Value]

_SPAN: list[tuple[str, ColumnType]] = [("start", "int"), ("end", "int"), ("quote", "string")]

TABLES: dict[str, list[tuple[str, ColumnType]]] = {
    "reports": [
        ("report_id", "string"), ("ftm_id", "string"), ("external_id", "string"), ("outlet", "string"),
        ("url", "string"), ("published", "date"), ("title", "string"), ("language", "string"),
        ("event_id", "string"), ("content_hash", "string"), ("chars", "int"),
    ],
    "entities": [
        ("entity_id", "string"), ("type", "string"), ("name", "string"), ("country", "string"),
        ("lat", "float"), ("lon", "float"), ("aliases", "list"), ("roles", "list"),
        ("report_ids", "list"), ("reports", "int"), ("mentions", "int"),
    ],
    "mentions": [
        ("mention_id", "string"), ("report_id", "string"), ("entity_id", "string"), ("type", "string"),
        ("name", "string"), *_SPAN,
    ],
    "roles": [
        ("entity_id", "string"), ("role", "string"), ("organization_id", "string"), ("report_ids", "list"),
    ],
    "claims": [
        ("claim_id", "string"), ("report_id", "string"), ("figure_id", "string"), ("event_id", "string"),
        ("measure", "string"), ("value", "float"), ("low", "float"), ("high", "float"),
        ("qualifier", "string"), ("unit", "string"), ("currency", "string"), ("period", "string"),
        ("location", "string"), ("speaker", "string"), ("date", "date"), ("published", "date"),
        ("flags", "list"), *_SPAN,
    ],
    "figures": [
        ("figure_id", "string"), ("event_id", "string"), ("measure", "string"), ("location", "string"),
        ("period", "string"), ("value", "float"), ("qualifier", "string"), ("currency", "string"),
        ("usd", "float"), ("spread_low", "float"), ("spread_high", "float"), ("claims", "int"),
        ("independent_sources", "int"), ("conflicted", "bool"), ("flags", "list"), ("notes", "list"),
        ("reason", "string"),
        ("rule", "string"), ("part_of", "string"), ("first_published", "date"),
        ("last_published", "date"), ("claim_ids", "list"),
    ],
    "events": [
        ("event_id", "string"), ("report_ids", "list"), ("reports", "int"), ("first_published", "date"),
        ("last_published", "date"), ("figure_ids", "list"),
    ],
    "routes": [
        ("route_id", "string"), ("report_id", "string"), ("origin", "string"), ("destination", "string"),
        ("count", "int"), ("published", "date"), *_SPAN,
    ],
    "dates": [
        ("date_id", "string"), ("report_id", "string"), ("value", "string"), ("date", "date"), *_SPAN,
    ],
    "judgements": [
        ("judgement_id", "int"), ("kind", "string"), ("subject", "string"), ("verdict", "string"),
        ("user", "string"), ("role", "string"), ("made_at", "string"), ("note", "string"),
        ("targets", "list"), ("report_ids", "list"), ("entity_ids", "list"), ("claim_ids", "list"),
        ("applies", "bool"), ("undone_at", "string"), ("undone_by", "string"),
    ],
}
"""Table name -> ordered (column, type). ``list`` is a list of strings (a JSON array in CSV)."""


def rows(data: Fused) -> Iterator[tuple[str, Row]]:
    """(table, row) pairs of the whole export (give redacted items and picture: see privacy.view)."""
    yield from _report_rows(data)
    yield from _entity_rows(data)
    yield from _figure_rows(data)
    yield from _judgement_rows(data)


def _report_rows(data: Fused) -> Iterator[tuple[str, Row]]:
    for report, extraction in data.items:
        published = as_date(report.published)
        yield "reports", {
            "report_id": report.id, "ftm_id": article_id(report.id), "external_id": report.external_id,
            "outlet": publisher(report), "url": report.url, "published": published,
            "title": title(report), "language": extraction.language, "event_id": data.event_of(report.id),
            "content_hash": report.content_hash, "chars": len(report.text),
        }
        for claim in extraction.claims:
            key = claim_key(report.id, claim.id)
            figure = data.figure_of.get(key)
            yield "claims", {
                "claim_id": key, "report_id": report.id, "figure_id": figure.id if figure else None,
                "event_id": data.event_of(report.id), "measure": claim.measure, "value": claim.value,
                "low": claim.low, "high": claim.high, "qualifier": claim.qualifier, "unit": claim.unit,
                "currency": claim.currency, "period": claim.period, "location": claim.location,
                "speaker": claim.speaker, "date": as_date(claim.date), "published": published,
                "flags": data.flags_of.get(key, []), "start": claim.start, "end": claim.end,
                "quote": claim.quote,
            }
        for route in extraction.routes:
            yield "routes", {
                "route_id": route_key(report.id, route.id), "report_id": report.id,
                "origin": route.origin, "destination": route.destination, "count": route.count,
                "published": published, "start": route.start, "end": route.end, "quote": route.quote,
            }
        for found in extraction.dates:
            yield "dates", {
                "date_id": make_id("dateref", report.id, found.start, found.end), "report_id": report.id,
                "value": found.value, "date": as_date(found.value), "start": found.start,
                "end": found.end, "quote": found.text,
            }


def _entity_rows(data: Fused) -> Iterator[tuple[str, Row]]:
    for e in data.picture.entities:
        mentions = [(o.report_id, m) for o in e.occurrences for m in o.entity.mentions]
        yield "entities", {
            "entity_id": e.id, "type": e.type, "name": e.name, "country": e.country, "lat": e.lat,
            "lon": e.lon, "aliases": list(e.aliases), "roles": list(e.roles), "report_ids": e.reports,
            "reports": len(e.reports), "mentions": len(mentions),
        }
        for report_id, m in mentions:
            yield "mentions", {
                "mention_id": make_id("mention", report_id, e.id, m.start, m.end), "report_id": report_id,
                "entity_id": e.id, "type": e.type, "name": e.name, "start": m.start, "end": m.end,
                "quote": m.text,
            }
        for role, org_id in e.links:
            yield "roles", {"entity_id": e.id, "role": role, "organization_id": org_id,
                            "report_ids": list(e.roles.get(role, []))}


def _figure_rows(data: Fused) -> Iterator[tuple[str, Row]]:
    for f in data.picture.figures:
        dates = figure_dates(f)
        yield "figures", {
            "figure_id": f.id, "event_id": f.event_id, "measure": f.measure, "location": f.location,
            "period": f.period, "value": f.value, "qualifier": f.qualifier, "currency": f.currency,
            "usd": f.usd, "spread_low": f.spread[0] if f.spread else None,
            "spread_high": f.spread[1] if f.spread else None, "claims": len(f.claims),
            "independent_sources": f.independent, "conflicted": f.conflicted,
            "flags": sorted({flag.code for flag in f.flags}), "notes": sorted({n.code for n in f.notes}),
            "reason": f.reason or None,
            "rule": f.rule or None, "part_of": data.part_of(f),
            "first_published": dates[0] if dates else None, "last_published": dates[-1] if dates else None,
            "claim_ids": [claim_key(r.report_id, r.claim.id) for r in f.claims],
        }
    for event in data.picture.events:
        dates = sorted(d for d in (as_date(p) for p in event.published) if d is not None)
        yield "events", {
            "event_id": event.id, "report_ids": list(event.report_ids), "reports": len(event.report_ids),
            "first_published": dates[0] if dates else None, "last_published": dates[-1] if dates else None,
            "figure_ids": [f.id for f in event.figures],
        }


def _judgement_rows(data: Fused) -> Iterator[tuple[str, Row]]:
    """Every judgement, undone ones too, with the items it names in this export (a withheld person
    named by a judgement is not found in a redacted export, so its entity id is left out)."""
    claims = {report.id: extraction.claims for report, extraction in data.items}
    for j in data.judgements:
        entity_ids, claim_ids = [], []
        for target in j.targets:
            if target.kind == "entity":
                found = find_entity(data.picture.entities, target)
                entity_ids += [found.id] if found is not None else []
            elif target.kind == "claim" and target.report:
                refs = [ClaimRef(target.report, c) for c in claims.get(target.report, [])]
                ref = find_claim(refs, target)
                claim_ids += [claim_key(ref.report_id, ref.claim.id)] if ref is not None else []
        subject, verdict, _ = KINDS[j.kind]
        yield "judgements", {
            "judgement_id": j.id, "kind": j.kind, "subject": subject, "verdict": verdict,
            "user": j.username, "role": j.role, "made_at": j.created_at, "note": j.note or None,
            "targets": [t.label for t in j.targets],
            "report_ids": [t.report for t in j.targets if t.report],
            "entity_ids": entity_ids, "claim_ids": claim_ids,
            "applies": j.active and j.id in data.picture.applied,
            "undone_at": j.undone_at, "undone_by": j.undone_by,
        }
