"""Server-rendered pages for analysts (Jinja2 templates, session cookie, CSRF on every form)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from ringscope import settings
from ringscope.fuse import Figure, ResolvedEntity
from ringscope.model import ENTITY_TYPES, unsupported_note
from ringscope.report import analysis
from ringscope.report import snapshot as snapshots
from ringscope.report.charts import network_svg, timeline_svg
from ringscope.report.format import figure_text, number_text, sentence_around
from ringscope.report.links import safe_href, safe_url
from ringscope.report.mapsvg import map_svg
from ringscope.serve import queries, screening, withhold
from ringscope.serve.api import export_response
from ringscope.serve.deps import (
    SESSION_COOKIE,
    audit,
    check_csrf,
    csrf_token,
    database,
    session_user,
    store_path,
    web_role,
    web_user,
)
from ringscope.serve.highlight import Span, highlight
from ringscope.serve.users import User
from ringscope.store import QueryError, Store

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.filters["figure"] = figure_text
templates.env.filters["number"] = number_text
templates.env.filters["safe_url"] = safe_url
templates.env.filters["safe_href"] = safe_href
router = APIRouter(include_in_schema=False)
viewer = Depends(web_user)
Names = Annotated[bool, Query(description="Admins only: show withheld names (audited).")]


def login_url(next_url: str) -> str:
    return "/login?" + urlencode({"next": next_url})


def safe_next(next_url: str | None) -> str:
    if not next_url or not next_url.startswith("/") or next_url.startswith("//") or "\\" in next_url:
        return "/"
    return next_url


def render(request: Request, name: str, user: User | None, status: int = 200, **context: Any) -> HTMLResponse:
    token = request.cookies.get(SESSION_COOKIE)
    context.update(user=user, csrf=csrf_token(token) if token and user else "", request=request)
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(
        request, "error.html", session_user(request), status=status, status_code=status, message=message
    )


def _snap(request: Request) -> snapshots.Snapshot:
    return snapshots.load(store_path(request))


def _lead(text: str, limit: int = 420) -> str:
    """The opening of a report, cut at a word boundary."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"


def _href(entity: ResolvedEntity) -> str:
    return f"/entities/{entity.id}"


# -- pages --------------------------------------------------------------------------


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
        policy = None if shown else _snap(request).policy
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
    snap = _snap(request)
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


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    type: Annotated[str, Query(max_length=20)] = "",
    names: Names = False,
    user: User = viewer,
) -> Response:
    snap = _snap(request)
    shown = withhold.names_shown(request, user, names, "entities")
    wanted = q.casefold()
    kept = [
        e
        for e in snap.view(shown).entities
        if (not type or e.type == type)
        and (not wanted or any(wanted in a.casefold() for a in e.aliases))
    ]
    kept.sort(key=lambda e: (-len(e.reports), e.type, e.name))
    audit(request, user, "view", "entities", q or None)
    return render(
        request,
        "entities.html",
        user,
        entities=kept[:300],
        total=len(kept),
        q=q,
        type=type,
        types=ENTITY_TYPES,
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str, names: Names = False, user: User = viewer) -> Response:
    snap = _snap(request)
    shown = withhold.names_shown(request, user, names, f"entity:{entity_id[:128]}")
    picture = snap.view(shown)
    found = next((e for e in picture.entities if e.id == entity_id), None)
    if found is None:
        raise HTTPException(404, "no such entity")
    mentions = []
    seen: set[tuple[str, str]] = set()
    for occurrence in found.occurrences[:60]:
        report = picture.reports[occurrence.report_id]
        for m in occurrence.entity.mentions[:3]:
            sentence = sentence_around(report.text, m.start, m.end).strip() if m.start >= 0 else ""
            if sentence and (report.id, sentence) not in seen:
                seen.add((report.id, sentence))
                mentions.append({"report": report, "sentence": sentence})
    aliases = {a.casefold() for a in found.aliases}
    in_reports = set(found.reports)
    claims = [
        (f, ref)
        for f in picture.figures
        for ref in f.claims
        if ref.report_id in in_reports
        and (
            (ref.claim.speaker and ref.claim.speaker.casefold() in aliases)
            or any(n in ref.claim.quote.casefold() for n in aliases)
        )
    ]
    by_id = {e.id: e for e in picture.entities}
    links = [(role, by_id[other]) for role, other in found.links if other in by_id]
    linked_from = [(role, e) for e in picture.entities for role, other in e.links if other == found.id]
    nodes, edges = analysis.network(snap, limit=25, names=shown, focus=found.id, href=_href)
    audit(request, user, "view", f"entity:{found.id}")
    return render(
        request,
        "entity.html",
        user,
        entity=found,
        mentions=mentions,
        claims=claims[:100],
        links=links,
        linked_from=linked_from,
        graph=Markup(network_svg(nodes, edges, height=420)),
        reports=[picture.reports[r] for r in found.reports],
    )


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request,
    measure: Annotated[str, Query(max_length=64)] = "",
    country: Annotated[str, Query(max_length=2)] = "",
    conflicts: bool = False,
    names: Names = False,
    user: User = viewer,
) -> Response:
    snap = _snap(request)
    picture = snap.view(withhold.names_shown(request, user, names, "claims"))
    code = country.upper()
    kept: list[Figure] = [
        f
        for f in picture.figures
        if (not measure or f.measure == measure)
        and (not code or f.location == code)
        and (not conflicts or f.conflicted)
    ]
    measures = sorted({f.measure for f in picture.figures})
    audit(request, user, "view", "claims", f"measure={measure} country={code} conflicts={conflicts}")
    return render(
        request,
        "claims.html",
        user,
        figures=kept[:300],
        total=len(kept),
        measure=measure,
        country=code,
        conflicts=conflicts,
        measures=measures,
        reports=picture.reports,
    )


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, user: User = viewer) -> Response:
    snap = _snap(request)
    audit(request, user, "view", "events")
    return render(
        request, "events.html", user, events=snap.redacted.events[:300], reports=snap.redacted.reports
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str, names: Names = False, user: User = viewer) -> Response:
    snap = _snap(request)
    picture = snap.view(withhold.names_shown(request, user, names, f"event:{event_id[:128]}"))
    found = next((e for e in picture.events if e.id == event_id), None)
    if found is None:
        raise HTTPException(404, "no such event")
    reports = [picture.reports[r] for r in found.report_ids]
    leads = [_lead(r.text) for r in reports]
    rows = []
    for figure in found.figures:
        cells = {ref.report_id: ref for ref in figure.claims}
        flagged = {f.claim_id for f in figure.flags}
        rows.append(
            {
                "figure": figure,
                "cells": [
                    (cells.get(r.id), cells.get(r.id) is not None and cells[r.id].claim.id in flagged)
                    for r in reports
                ],
            }
        )
    audit(request, user, "view", f"event:{found.id}")
    return render(
        request,
        "event.html",
        user,
        event=found,
        reports=reports,
        rows=rows,
        leads=leads,
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, user: User = viewer) -> Response:
    snap = _snap(request)
    flows = analysis.flows(snap)
    spots = analysis.hotspots(snap, href=_href)
    audit(request, user, "view", "map")
    return render(
        request,
        "map.html",
        user,
        svg=Markup(map_svg(spots, flows, title="Hotspots and route flows")),
        flows=flows,
        hotspots=spots,
    )


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, user: User = viewer) -> Response:
    snap = _snap(request)
    nodes, edges = analysis.network(snap, limit=40, href=_href)
    ad_nodes, ad_edges = screening.load_recruiters(database(request).conn()).graph()
    audit(request, user, "view", "network")
    return render(
        request,
        "network.html",
        user,
        svg=Markup(network_svg(nodes, edges)),
        recruiters=Markup(network_svg(ad_nodes, ad_edges, height=420)) if ad_nodes else None,
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, user: User = viewer) -> Response:
    snap = _snap(request)
    series = analysis.timeline(snap)
    audit(request, user, "view", "timeline")
    return render(request, "timeline.html", user, svg=Markup(timeline_svg(series)), series=series)


def _screen_page(request: Request, user: User, status: int = 200, **context: Any) -> Response:
    recruiters = screening.load_recruiters(database(request).conn())
    nodes, edges = recruiters.graph()
    context.setdefault("result", None)
    context.setdefault("text", "")
    context.setdefault("error", None)
    return render(
        request,
        "screen.html",
        user,
        status=status,
        ads=recruiters.ads,
        networks=recruiters.networks(),
        graph=Markup(network_svg(nodes, edges, height=420)) if nodes else None,
        **context,
    )


@router.get("/screen", response_class=HTMLResponse)
def screen_form(request: Request, user: User = viewer) -> Response:
    audit(request, user, "view", "screen")
    return _screen_page(request, user)


@router.post("/screen", response_class=HTMLResponse)
def screen(
    request: Request,
    csrf: Annotated[str, Form(max_length=200)] = "",
    text: Annotated[str, Form(max_length=screening.MAX_FIELD_CHARS)] = "",
    ad_id: Annotated[str, Form(max_length=128)] = "",
    store: Annotated[bool, Form()] = False,
    user: User = viewer,
) -> Response:
    """Screen one pasted ad: score, level, indicators with their quotes marked in the text."""
    check_csrf(request, csrf)
    if store and not user.can("analyst"):
        raise HTTPException(403, "forbidden: storing screened ads needs the analyst role")
    if not text.strip():
        return _screen_page(request, user, status=400, error="Paste the text of an ad to screen it.")
    screened = screening.screen_one({"id": ad_id.strip() or "pasted ad", "text": text}, "pasted ad")
    stored = screening.store_screened(store_path(request), [screened]) if store else 0
    audit(request, user, "screen", "1 ad(s)", f"stored={stored}")
    result = screened.result
    marked = Markup(screening.marked_ad(text, result)) if "error" not in result else None
    return _screen_page(request, user, result=result, marked=marked, text=text, stored=stored)


@router.get("/export/{kind}")
def export(
    request: Request,
    kind: str,
    include_victims: bool = False,
    user: User = Depends(web_role("analyst")),
) -> Response:
    if kind not in ("ftm", "claims.csv"):
        raise HTTPException(404, "no such export")
    return export_response(request, user, kind, include_victims)
