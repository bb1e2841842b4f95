"""The REST API's claims and reconciled figures under /api/v1/claims and /api/v1/figures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from ringscope.serve import convert, queries, schemas, withhold
from ringscope.serve.api import AUTH_ERRORS, Country, Limit, Measure, Names, Offset, as_json, snapshot, viewer
from ringscope.serve.deps import audit, database
from ringscope.serve.users import User

router = APIRouter(prefix="/api/v1", responses=AUTH_ERRORS)


@router.get("/claims", response_model=schemas.Page[schemas.ClaimOut], tags=["claims"])
async def claims(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    measure: Measure = None,
    country: Country = None,
    report: Annotated[str | None, Query(max_length=128)] = None,
    conflicts: Annotated[bool, Query(description="Only claims flagged in a reconciled figure.")] = False,
    names: Names = False,
    user: User = viewer,
) -> Response:
    """Claims as extracted, in stored order; filter by measure, place, report, or conflicts."""
    code = country.upper() if country else None
    conn = database(request).conn()
    shown = withhold.names_shown(request, user, names, "claims")
    snap = await run_in_threadpool(snapshot, request)  # fusing may take a while: off the event loop
    if conflicts:
        flagged = []
        for figure in snap.view(shown).figures:
            ids = {f.claim_id for f in figure.flags}
            flagged += [
                (ref.report_id, ref.claim)
                for ref in figure.claims
                if ref.claim.id in ids
                and (measure is None or figure.measure == measure)
                and (code is None or figure.location == code)
                and (report is None or ref.report_id == report)
            ]
        rows, total = flagged[offset : offset + limit], len(flagged)
    else:
        rows, total = queries.list_claims(conn, limit, offset, measure, code, report)
        rows = withhold.claims_view(None if shown else snap.policy, conn, rows)
    audit(request, user, "view", "claims", f"measure={measure} country={code} conflicts={conflicts}")
    page = schemas.Page(
        items=[convert.claim_out(r, c) for r, c in rows],
        total=total,
        limit=limit,
        offset=offset,
    )
    return as_json(page)


@router.get("/figures", response_model=schemas.Page[schemas.FigureOut], tags=["claims"])
def figures(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    measure: Measure = None,
    country: Country = None,
    event: Annotated[str | None, Query(max_length=128)] = None,
    conflicts: bool = False,
    names: Names = False,
    user: User = viewer,
) -> schemas.Page[schemas.FigureOut]:
    """Reconciled figures: consensus, support, and every conflict with its reason."""
    snap = snapshot(request)
    shown = withhold.names_shown(request, user, names, "figures")
    code = country.upper() if country else None
    kept = [
        f
        for f in snap.view(shown).figures
        if (measure is None or f.measure == measure)
        and (code is None or f.location == code)
        and (event is None or f.event_id == event)
        and (not conflicts or f.conflicted)
    ]
    audit(request, user, "view", "figures", f"measure={measure} country={code} conflicts={conflicts}")
    return schemas.Page(
        items=[convert.figure_out(f) for f in kept[offset : offset + limit]],
        total=len(kept),
        limit=limit,
        offset=offset,
    )
