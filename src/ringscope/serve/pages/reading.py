"""Pages for reading reports: home, full-text search and one report with its items highlighted."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from ringscope import settings
from ringscope.model import unsupported_note
from ringscope.report.format import number_text
from ringscope.serve import queries, withhold
from ringscope.serve.deps import audit, database, store_path
from ringscope.serve.highlight import Span, highlight
from ringscope.serve.pages.base import Names, load_snapshot, render, viewer
from ringscope.serve.users import User
from ringscope.store import QueryError, Store

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: User = viewer) -> Response:
    with Store(store_path(request), create=False) as store:
        stats = store.stats()
    return render(request, "home.html", user, stats=stats)


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    names: Names = False,
    user: User = viewer,
) -> Response:
    hits: list[dict[str, Any]] = []
    total, error = 0, None
    if q.strip():
        conn = database(request).conn()
        shown = withhold.names_shown(request, user, names, "search")
        policy = None if shown else load_snapshot(request).policy
        try:
            rows, total = queries.search(conn, q, 20, offset, settings.SEARCH_RANK_LIMIT)
        except QueryError as exc:
            rows, error = [], str(exc)
        if policy is not None and policy.blocks_query(q):
            rows, total = [], 0
        for r in withhold.search_rows(policy, rows):
            marked = str(Markup.escape(r[5])).replace("«", "<b>").replace("»", "</b>")
            hits.append(
                {"id": r[0], "title": r[1], "source": r[2], "published": r[4], "snippet": Markup(marked)}
            )
        audit(request, user, "search", q)
    return render(request, "search.html", user, q=q, hits=hits, total=total, offset=offset, error=error)


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report(request: Request, report_id: str, names: Names = False, user: User = viewer) -> Response:
    with Store(store_path(request), create=False) as store:
        found = store.get_report(report_id[:128])
        if found is None:
            raise HTTPException(404, "no such report")
        extraction = store.get_extraction(found.id)
    snap = load_snapshot(request)
    shown = withhold.names_shown(request, user, names, f"report:{found.id}")
    found, extraction = withhold.report_view(request, found, extraction, shown)
    labels = set(snap.policy.labels)
    spans: list[Span] = []
    entity_links: list[dict[str, Any]] = []
    resolved = {
        (o.report_id, o.entity.name): e
        for e in snap.view(shown).entities
        for o in e.occurrences
        if o.report_id == found.id
    }
    for entity in extraction.entities:
        kind = "withheld" if entity.name in labels else entity.type
        for m in entity.mentions:
            spans.append(Span(m.start, m.end, kind, entity.type))
        target = resolved.get((found.id, entity.name))
        entity_links.append({"name": entity.name, "type": entity.type, "id": target.id if target else None})
    for claim in extraction.claims:
        spans.append(Span(claim.start, claim.end, "claim", f"{claim.measure}: {number_text(claim.value)}"))
    for route in extraction.routes:
        spans.append(Span(route.start, route.end, "route", f"route {route.origin} → {route.destination}"))
    for date in extraction.dates:
        spans.append(Span(date.start, date.end, "date", date.value))
    body = Markup(highlight(found.text, spans))
    audit(request, user, "view", f"report:{found.id}")
    return render(
        request,
        "report.html",
        user,
        report=found,
        body=body,
        entities=entity_links,
        claims=extraction.claims,
        routes=extraction.routes,
        event_id=snap.picture.event_of.get(found.id),
        title=found.title or found.id,
        language=extraction.language,
        language_note=unsupported_note(extraction.language) if extraction.unsupported_language else None,
    )
