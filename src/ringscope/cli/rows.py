"""Library objects as plain rows (dicts of JSON values): what ``--format json`` and ``csv`` write.

Rows carry the full data (ids, quotes, spans, sources); tables show them through the columns
of :mod:`ringscope.cli.sections`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ringscope.model import Claim, DateMention, Entity, Report, Route, make_id

if TYPE_CHECKING:
    from ringscope.fuse import Event, Figure, Picture, ResolvedEntity
    from ringscope.store import EntitySummary, SearchHit, StoredClaim, StoreStats

Row = dict[str, Any]

CLAIM_FIELDS = (
    "measure", "value", "low", "high", "qualifier", "unit", "currency", "period", "location", "date",
)


def claim_data(claim: Claim) -> Row:
    """A claim's figure, quote and span (the speaker is left out: it may be a victim)."""
    row: Row = {"claim_id": claim.id}
    row.update({name: getattr(claim, name) for name in CLAIM_FIELDS})
    row.update(quote=claim.quote, start=claim.start, end=claim.end)
    return row


def claim_of(row: Row) -> Claim:
    """The claim a row was made from (for display)."""
    return Claim(
        measure=row["measure"], value=row.get("value"), low=row.get("low"), high=row.get("high"),
        qualifier=row.get("qualifier") or "exact", unit=row.get("unit") or "count",
        quote=row.get("quote") or "", start=int(row.get("start") or 0), end=int(row.get("end") or 0),
        currency=row.get("currency"), period=row.get("period"), location=row.get("location"),
    )


def hit_row(hit: SearchHit) -> Row:
    """A search hit; the snippet as plain text with the [start, end) offsets of the matches."""
    from ringscope.store import SNIPPET_CLOSE, SNIPPET_OPEN

    snippet, matches, rest = "", [], hit.snippet
    while SNIPPET_OPEN in rest:
        before, _, after = rest.partition(SNIPPET_OPEN)
        match, _, rest = after.partition(SNIPPET_CLOSE)
        snippet += before
        matches.append([len(snippet), len(snippet) + len(match)])
        snippet += match
    snippet += rest
    return {
        "report_id": hit.report_id,
        "title": hit.title,
        "source": hit.source,
        "url": hit.url,
        "published": hit.published,
        "score": hit.score,
        "snippet": snippet,
        "matches": matches,
    }


def stored_claim_row(row: StoredClaim) -> Row:
    return {
        **claim_data(row.claim),
        "report_id": row.report_id,
        "title": row.title,
        "source": row.source,
        "url": row.url,
        "published": row.published,
    }


def entity_summary_row(summary: EntitySummary) -> Row:
    return {
        "entity_id": make_id("entity", summary.type, summary.key),
        "name": summary.name,
        "type": summary.type,
        "country": summary.country,
        "reports": summary.reports,
        "mentions": summary.mentions,
    }


def stats_row(stats: StoreStats, store: str) -> Row:
    return {
        "store": store,
        "schema_version": stats.schema_version,
        "reports": stats.reports,
        "distinct_entities": stats.distinct_entities,
        "entities": stats.entities,
        "mentions": stats.mentions,
        "claims": stats.claims,
        "routes": stats.routes,
        "dates": stats.dates,
        "entities_by_type": stats.entities_by_type,
        "claims_by_measure": stats.claims_by_measure,
        "extractor_versions": stats.extractor_versions,
        "languages": {_language_label(language, stats): count for language, count in stats.languages.items()},
    }


def _language_label(language: str | None, stats: StoreStats) -> str:
    unread = " (not supported: nothing extracted)" if language in stats.unsupported_languages else ""
    return f"{language or 'undetermined'}{unread}"


# -- the fused picture ----------------------------------------------------------------


def report_ref(report: Report) -> Row:
    return {
        "report_id": report.id,
        "title": report.title,
        "source": report.source,
        "url": report.url,
        "published": report.published,
    }


def figure_row(picture: Picture, figure: Figure) -> Row:
    """A reconciled figure: consensus, support, every claim with its report, and the flags.

    ``picture`` is the picture to show (redacted by the victim policy unless names were asked for).
    """
    claims = []
    for ref in figure.claims:
        report = picture.reports.get(ref.report_id)
        claims.append({
            **claim_data(ref.claim),
            "report_id": ref.report_id,
            "source": report.source if report else ref.source,
            "url": report.url if report else None,
            "title": report.title if report else None,
            "published": ref.published,
        })
    return {
        "measure": figure.measure,
        "location": figure.location,
        "period": figure.period,
        "event_id": figure.event_id,
        "value": figure.value,
        "currency": figure.currency,
        "qualifier": figure.qualifier,
        "usd": figure.usd,
        "independent": figure.independent,
        "support": list(figure.support),
        "spread": list(figure.spread) if figure.spread else None,
        "reason": figure.reason,
        "claims": claims,
        "flags": [
            {"claim_id": f.claim_id, "report_id": f.report_id, "code": f.code, "reason": f.reason}
            for f in figure.flags
        ],
        "notes": [
            {"claim_id": f.claim_id, "report_id": f.report_id, "code": f.code, "reason": f.reason}
            for f in figure.notes
        ],
    }


def event_row(picture: Picture, event: Event) -> Row:
    """An event told by several reports, with the figures they agree and disagree on."""
    agreed = [f for f in event.figures if len({r.report_id for r in f.claims}) > 1 and not f.flags]
    return {
        "event_id": event.id,
        "first_published": event.published[0] if event.published else None,
        "last_published": event.published[-1] if event.published else None,
        "reports": [report_ref(picture.reports[r]) for r in event.report_ids if r in picture.reports],
        "agreed": [figure_row(picture, f) for f in agreed],
        "conflicts": [figure_row(picture, f) for f in event.figures if f.flags],
    }


MENTIONS_PER_REPORT = 3


def resolved_entity_rows(picture: Picture, entity: ResolvedEntity) -> dict[str, list[Row]]:
    """One resolved entity as rows by kind: the entity, its aliases, roles, mentions, figures."""
    names = {e.id: e.name for e in picture.entities}
    head = {
        "kind": "entity",
        "entity_id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "country": entity.country,
        "lat": entity.lat,
        "lon": entity.lon,
        "reports": list(entity.reports),
        "occurrences": len(entity.occurrences),
        "judgements": list(entity.notes),
    }
    aliases = [
        {"kind": "alias", "entity_id": entity.id, "alias": alias, "reports": list(reports)}
        for alias, reports in sorted(entity.aliases.items())
    ]
    roles = [
        {
            "kind": "role", "entity_id": entity.id, "role": role, "reports": list(reports),
            "links": [
                {"entity_id": org, "name": names.get(org, org)} for r, org in entity.links if r == role
            ],
        }
        for role, reports in sorted(entity.roles.items())
    ]
    mentions = [
        {
            "kind": "mention", "entity_id": entity.id, "report_id": occ.report_id,
            "start": m.start, "end": m.end, "text": m.text,
            "context": _context(picture, occ.report_id, m.start, m.end),
        }
        for occ in entity.occurrences
        for m in occ.entity.mentions[:MENTIONS_PER_REPORT]
    ]
    own = set(entity.reports)
    related = [f for f in picture.figures if any(ref.report_id in own for ref in f.claims)
               and _near(f, entity)]
    figures = [{"kind": "figure", "entity_id": entity.id, **figure_row(picture, f)} for f in related[:10]]
    return {"entity": [head], "alias": aliases, "role": roles, "mention": mentions, "figure": figures}


def _context(picture: Picture, report_id: str, start: int, end: int, width: int = 50) -> str:
    report = picture.reports.get(report_id)
    if report is None:
        return ""
    text = report.text
    before = text[max(0, start - width):start].replace("\n", " ")
    after = text[end:end + width].replace("\n", " ")
    return f"…{before}[{text[start:end]}]{after}…"


def _near(figure: Figure, entity: ResolvedEntity) -> bool:
    """Whether a claim of the figure lies near one of the entity's mentions in the same report."""
    for ref in figure.claims:
        for occ in entity.occurrences:
            if occ.report_id != ref.report_id:
                continue
            if any(abs(m.start - ref.claim.start) < 300 for m in occ.entity.mentions):
                return True
    return False


# -- one report -----------------------------------------------------------------------


def report_head(report: Report, version: str | None, withheld: int) -> Row:
    return {
        "kind": "report",
        **report_ref(report),
        "external_id": report.external_id,
        "content_hash": report.content_hash,
        "text_length": len(report.text),
        "extractor_version": version,
        "withheld_victims": withheld,
    }


def report_entity_row(report_id: str, entity: Entity) -> Row:
    return {
        "kind": "entity",
        "report_id": report_id,
        "entity_id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "country": entity.country,
        "lat": entity.lat,
        "lon": entity.lon,
        "aliases": list(entity.aliases),
        "roles": list(entity.roles),
        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in entity.mentions],
    }


def report_claim_row(report_id: str, claim: Claim, speaker: str | None) -> Row:
    return {"kind": "claim", "report_id": report_id, **claim_data(claim), "speaker": speaker}


def report_route_row(report_id: str, route: Route) -> Row:
    return {
        "kind": "route",
        "report_id": report_id,
        "route_id": route.id,
        "origin": route.origin,
        "destination": route.destination,
        "count": route.count,
        "quote": route.quote,
        "start": route.start,
        "end": route.end,
    }


def report_date_row(report_id: str, date: DateMention) -> Row:
    return {
        "kind": "date", "report_id": report_id, "text": date.text, "value": date.value,
        "start": date.start, "end": date.end,
    }
