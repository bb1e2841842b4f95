"""Model and picture objects as API shapes (given redacted views, they hold no withheld name)."""

from __future__ import annotations

from typing import Any

from ringscope.fuse import Figure, ResolvedEntity
from ringscope.model import Claim, Extraction, Report, unsupported_note
from ringscope.serve import schemas


def report_summary(row: tuple[Any, ...] | Report) -> schemas.ReportSummary:
    if isinstance(row, Report):
        return schemas.ReportSummary(
            id=row.id, title=row.title, source=row.source, url=row.url, published=row.published
        )
    return schemas.ReportSummary(id=row[0], title=row[1], source=row[2], url=row[3], published=row[4])


def claim_out(report_id: str, claim: Claim) -> schemas.ClaimOut:
    return schemas.ClaimOut(
        id=claim.id,
        report_id=report_id,
        measure=claim.measure,
        value=claim.value,
        low=claim.low,
        high=claim.high,
        qualifier=claim.qualifier,
        unit=claim.unit,
        currency=claim.currency,
        period=claim.period,
        location=claim.location,
        speaker=claim.speaker,
        date=claim.date,
        quote=claim.quote,
        start=claim.start,
        end=claim.end,
    )


def report_detail(report: Report, extraction: Extraction, event_id: str | None) -> schemas.ReportDetail:
    """A report with its items (pass the redacted view unless names may be shown)."""
    return schemas.ReportDetail(
        id=report.id,
        title=report.title,
        source=report.source,
        url=report.url,
        published=report.published,
        event_id=event_id,
        text=report.text,
        language=extraction.language,
        unsupported_language=extraction.unsupported_language,
        note=unsupported_note(extraction.language) if extraction.unsupported_language else None,
        entities=[
            schemas.ReportEntity(
                type=e.type,
                name=e.name,
                country=e.country,
                roles=list(e.roles),
                mentions=[schemas.MentionOut(start=m.start, end=m.end, text=m.text) for m in e.mentions],
            )
            for e in extraction.entities
        ],
        claims=[claim_out(report.id, c) for c in extraction.claims],
        routes=[
            schemas.RouteItem(
                origin=r.origin,
                destination=r.destination,
                count=r.count,
                quote=r.quote,
                start=r.start,
                end=r.end,
            )
            for r in extraction.routes
        ],
        dates=[
            schemas.DateOut(text=d.text, value=d.value, start=d.start, end=d.end) for d in extraction.dates
        ],
    )


def entity_out(entity: ResolvedEntity) -> schemas.EntityOut:
    return schemas.EntityOut(
        id=entity.id,
        type=entity.type,
        name=entity.name,
        country=entity.country,
        lat=entity.lat,
        lon=entity.lon,
        aliases={k: sorted(v) for k, v in sorted(entity.aliases.items())},
        roles={k: sorted(v) for k, v in sorted(entity.roles.items())},
        links=[[role, other] for role, other in entity.links],
        reports=entity.reports,
    )


def figure_out(figure: Figure) -> schemas.FigureOut:
    return schemas.FigureOut(
        id=figure.id,
        measure=figure.measure,
        location=figure.location,
        period=figure.period,
        event_id=figure.event_id,
        value=figure.value,
        currency=figure.currency,
        qualifier=figure.qualifier,
        usd=figure.usd,
        support=list(figure.support),
        independent=figure.independent,
        spread=list(figure.spread) if figure.spread else None,
        conflicted=figure.conflicted,
        reason=figure.reason,
        flags=[
            schemas.FlagOut(code=f.code, reason=f.reason, claim_id=f.claim_id, report_id=f.report_id)
            for f in figure.flags
        ],
        claims=[
            schemas.FigureClaim(
                claim_id=ref.claim.id,
                report_id=ref.report_id,
                source=ref.source,
                published=ref.published,
                value=ref.claim.value,
                low=ref.claim.low,
                high=ref.claim.high,
                qualifier=ref.claim.qualifier,
                currency=ref.claim.currency,
                quote=ref.claim.quote,
            )
            for ref in figure.claims
        ],
    )
