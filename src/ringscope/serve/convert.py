"""Model and picture objects as API shapes, with victims' names withheld where asked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ringscope.fuse import Figure, ResolvedEntity
from ringscope.model import Claim, Extraction, Report, unsupported_note
from ringscope.report.privacy import WITHHELD, is_victim_in, redact
from ringscope.serve import schemas


def report_summary(row: tuple[Any, ...] | Report) -> schemas.ReportSummary:
    if isinstance(row, Report):
        return schemas.ReportSummary(
            id=row.id, title=row.title, source=row.source, url=row.url, published=row.published
        )
    return schemas.ReportSummary(id=row[0], title=row[1], source=row[2], url=row[3], published=row[4])


def claim_out(report_id: str, claim: Claim, hidden: Iterable[str] = ()) -> schemas.ClaimOut:
    hidden = list(hidden)
    speaker = claim.speaker
    if speaker and hidden and redact(speaker, hidden) != speaker:
        speaker = WITHHELD
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
        speaker=speaker,
        date=claim.date,
        quote=redact(claim.quote, hidden),
        start=claim.start,
        end=claim.end,
    )


def redact_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans replaced by the placeholder (offsets of other items shift)."""
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(WITHHELD)
        last = end
    out.append(text[last:])
    return "".join(out)


def report_detail(
    report: Report, extraction: Extraction, event_id: str | None, show_victims: bool, hidden: Iterable[str]
) -> schemas.ReportDetail:
    """A report with its items; without ``show_victims`` victims are dropped and their names withheld.

    Withholding names changes the text, so spans then refer to the redacted text only
    approximately; the quotes are redacted the same way.
    """
    hidden = set() if show_victims else set(hidden)
    victims = [] if show_victims else [e for e in extraction.entities if is_victim_in(e, report.text)]
    for entity in victims:
        hidden.update([entity.name, *entity.aliases])
    spans = [(m.start, m.end) for e in victims for m in e.mentions if m.start >= 0]
    text = redact(redact_spans(report.text, spans), hidden) if hidden or spans else report.text
    return schemas.ReportDetail(
        id=report.id,
        title=redact(report.title or "", hidden) or report.title,
        source=report.source,
        url=report.url,
        published=report.published,
        event_id=event_id,
        text=text,
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
            if e not in victims
        ],
        claims=[claim_out(report.id, c, hidden) for c in extraction.claims],
        routes=[
            schemas.RouteItem(
                origin=r.origin,
                destination=r.destination,
                count=r.count,
                quote=redact(r.quote, hidden),
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


def figure_out(figure: Figure, hidden: Iterable[str] = ()) -> schemas.FigureOut:
    hidden = list(hidden)
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
                quote=redact(ref.claim.quote, hidden),
            )
            for ref in figure.claims
        ],
    )
