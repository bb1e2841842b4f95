"""The REST API under /api/v1: reports, entities, events, routes, search.

Claims and figures live in :mod:`api_claims`, exports in :mod:`api_exports`, screening in
:mod:`api_screen`, the graph, judgements and accounts in their own modules.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel

from ringscope import settings
from ringscope.model import ENTITY_TYPES, Extraction, Report
from ringscope.report import analysis
from ringscope.report import snapshot as snapshots
from ringscope.report.entity_view import find
from ringscope.serve import convert, queries, schemas, withhold
from ringscope.serve.deps import api_role, api_user, audit, database, store_path
from ringscope.serve.users import User
from ringscope.store import QueryError, Store

Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip.")]
Country = Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code.")]
Measure = Annotated[str | None, Query(max_length=64, pattern="^[a-z_]+$")]
Ident = Annotated[str, Query(max_length=128)]
Names = Annotated[bool, Query(description="Admins only: show the names of withheld persons (audited).")]

AUTH_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": schemas.ErrorOut, "description": "No token or a wrong token."},
    403: {"model": schemas.ErrorOut, "description": "The user's role does not allow this."},
}

router = APIRouter(prefix="/api/v1", responses=AUTH_ERRORS)
viewer = Depends(api_role("viewer"))


def as_json(model: BaseModel) -> Response:
    """A model already built and validated, serialised once (the busiest routes skip re-validation)."""
    return Response(model.model_dump_json(), media_type="application/json")


def snapshot(request: Request) -> snapshots.Snapshot:
    return snapshots.load(store_path(request))


@router.get("/reports", response_model=schemas.Page[schemas.ReportSummary], tags=["reports"])
def reports(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    source: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] = None,
    names: Names = False,
    user: User = viewer,
) -> schemas.Page[schemas.ReportSummary]:
    rows, total = queries.list_reports(database(request).conn(), limit, offset, source, since)
    shown = withhold.names_shown(request, user, names, "reports")
    rows = withhold.report_rows(None if shown else snapshot(request).policy, rows)
    audit(request, user, "view", "reports", f"offset={offset}")
    return schemas.Page(
        items=[convert.report_summary(r) for r in rows], total=total, limit=limit, offset=offset
    )


def load_report(request: Request, report_id: str) -> tuple[Report, Extraction]:
    with Store(store_path(request), create=False) as store:
        report = store.get_report(report_id)
        if report is None:
            raise HTTPException(404, "no such report")
        return report, store.get_extraction(report_id)


@router.get(
    "/reports/{report_id}",
    response_model=schemas.ReportDetail,
    tags=["reports"],
    responses={404: {"model": schemas.ErrorOut}},
)
def report(
    request: Request, report_id: str, names: Names = False, user: User = viewer
) -> schemas.ReportDetail:
    """One report with its extracted items; withheld persons' names are replaced by placeholders."""
    found, extraction = load_report(request, report_id[:128])
    shown = withhold.names_shown(request, user, names, f"report:{found.id}")
    event_id = snapshot(request).picture.event_of.get(found.id)
    found, extraction = withhold.report_view(request, found, extraction, shown)
    audit(request, user, "view", f"report:{found.id}")
    return convert.report_detail(found, extraction, event_id)


@router.get("/entities", response_model=schemas.Page[schemas.EntityOut], tags=["entities"])
def entities(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    type: Annotated[str | None, Query(pattern="^(" + "|".join(ENTITY_TYPES) + ")$")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of a name or alias.")] = None,
    country: Country = None,
    names: Names = False,
    user: User = viewer,
) -> schemas.Page[schemas.EntityOut]:
    """Resolved entities, most reported first (withheld persons by their placeholders)."""
    snap = snapshot(request)
    shown = withhold.names_shown(request, user, names, "entities")
    wanted = q.casefold() if q else None
    kept = [
        e
        for e in snap.listed(shown).entities  # as lists show them: no report text redacted for them
        if (type is None or e.type == type)
        and (country is None or e.country == country.upper())
        and (wanted is None or any(wanted in a.casefold() for a in e.aliases))
    ]
    kept.sort(key=lambda e: (-len(e.reports), e.type, e.name, e.id))
    audit(request, user, "view", "entities", q)
    page, total = kept[offset : offset + limit], len(kept)
    return schemas.Page(items=[convert.entity_out(e) for e in page], total=total, limit=limit, offset=offset)


@router.get(
    "/entities/{entity_id}",
    response_model=schemas.EntityOut,
    tags=["entities"],
    responses={404: {"model": schemas.ErrorOut}},
)
def entity(request: Request, entity_id: str, names: Names = False, user: User = viewer) -> schemas.EntityOut:
    snap = snapshot(request)
    shown = withhold.names_shown(request, user, names, f"entity:{entity_id[:128]}")
    found = next((e for e in snap.listed(shown).entities if e.id == entity_id), None)
    if found is None:
        raise HTTPException(404, "no such entity")
    audit(request, user, "view", f"entity:{found.id}")
    return convert.entity_out(found)


@router.get(
    "/entities/{entity_id}/network",
    response_model=schemas.NetworkOut,
    tags=["entities"],
    responses={404: {"model": schemas.ErrorOut}},
)
def entity_network(
    request: Request,
    entity_id: str,
    limit: Annotated[int, Query(ge=1, le=200, description="Most entities returned.")] = 40,
    names: Names = False,
    user: User = viewer,
) -> schemas.NetworkOut:
    """The entity's neighbourhood: entities named in the same reports or joined to it by a role."""
    snap = snapshot(request)
    shown = withhold.names_shown(request, user, names, f"entity:{entity_id[:128]}:network")
    index = find(snap, entity_id, shown)
    if index is None:
        raise HTTPException(404, "no such entity")
    found = snap.listed_entity(index, shown)
    nodes, edges = analysis.network(snap, limit=limit, names=shown, focus=found.id)
    audit(request, user, "view", f"entity:{found.id}:network")
    return schemas.NetworkOut(
        nodes=[schemas.NodeOut(id=n.id, name=n.label, type=n.type, reports=n.weight) for n in nodes],
        edges=[schemas.EdgeOut(a=e.a, b=e.b, weight=e.weight, label=e.label) for e in edges],
    )


@router.get("/events", response_model=schemas.Page[schemas.EventOut], tags=["events"])
def events(
    request: Request, limit: Limit = 50, offset: Offset = 0, user: User = viewer
) -> schemas.Page[schemas.EventOut]:
    """Groups of reports about the same real-world event, largest first."""
    snap = snapshot(request)
    items = snap.redacted.events
    audit(request, user, "view", "events")
    return schemas.Page(
        items=[
            schemas.EventOut(id=e.id, report_ids=e.report_ids, published=e.published, figures=len(e.figures))
            for e in items[offset : offset + limit]
        ],
        total=len(items),
        limit=limit,
        offset=offset,
    )


@router.get(
    "/events/{event_id}",
    response_model=schemas.EventDetail,
    tags=["events"],
    responses={404: {"model": schemas.ErrorOut}},
)
def event(request: Request, event_id: str, names: Names = False, user: User = viewer) -> schemas.EventDetail:
    snap = snapshot(request)
    shown = withhold.names_shown(request, user, names, f"event:{event_id[:128]}")
    picture = snap.view(shown)
    found = next((e for e in picture.events if e.id == event_id), None)
    if found is None:
        raise HTTPException(404, "no such event")
    audit(request, user, "view", f"event:{found.id}")
    return schemas.EventDetail(
        id=found.id,
        report_ids=found.report_ids,
        published=found.published,
        figures=len(found.figures),
        reports=[convert.report_summary(picture.reports[r]) for r in found.report_ids],
        figure_items=[convert.figure_out(f) for f in found.figures],
    )


@router.get("/routes", response_model=schemas.Page[schemas.RouteOut], tags=["routes"])
def routes(
    request: Request, limit: Limit = 50, offset: Offset = 0, user: User = viewer
) -> schemas.Page[schemas.RouteOut]:
    """Trafficking routes (origin -> destination country) with the reports stating them."""
    rows = queries.route_totals(database(request).conn())
    audit(request, user, "view", "routes")
    return schemas.Page(
        items=[
            schemas.RouteOut(origin=o, destination=d, reports=n, people=p)
            for o, d, n, p in rows[offset : offset + limit]
        ],
        total=len(rows),
        limit=limit,
        offset=offset,
    )


@router.get(
    "/search",
    response_model=schemas.Page[schemas.SearchHitOut],
    tags=["search"],
    responses={400: {"model": schemas.ErrorOut}},
)
async def search(
    request: Request,
    q: Annotated[
        str, Query(min_length=1, max_length=500, description='Words, "phrases", AND/OR/NOT, prefix*.')
    ],
    limit: Limit = 20,
    offset: Offset = 0,
    names: Names = False,
    user: User = viewer,
) -> Response:
    """Full-text search over report titles and texts, best matches first.

    A search naming a withheld person answers nothing unless an admin asks for names."""
    conn = database(request).conn()
    shown = withhold.names_shown(request, user, names, "search")
    policy = None if shown else (await run_in_threadpool(snapshot, request)).policy
    try:
        rows, total = queries.search(conn, q, limit, offset, settings.SEARCH_RANK_LIMIT)
    except QueryError as exc:
        raise HTTPException(400, str(exc)) from exc
    if policy is not None and policy.blocks_query(q):
        rows, total = [], 0
    rows = withhold.search_rows(policy, rows)
    audit(request, user, "search", q)
    page = schemas.Page(
        items=[
            schemas.SearchHitOut(
                report_id=r[0],
                title=r[1],
                source=r[2],
                url=r[3],
                published=r[4],
                snippet=r[5],
                score=float(r[6]),
            )
            for r in rows
        ],
        total=total,
        limit=limit,
        offset=offset,
    )
    return as_json(page)


__all__ = ["api_user", "router"]
