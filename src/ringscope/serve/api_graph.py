"""The link chart over the API: its nodes and typed links, a node's neighbours, centrality, exports.

Read with an API token or a web session (the network page draws the chart from these answers).
Withheld persons are left out with their links unless an admin asks for names (audited).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials

from ringscope.fuse import Picture
from ringscope.report import linkchart, linkmetrics
from ringscope.report import snapshot as snapshots
from ringscope.report.linkvocab import link_types
from ringscope.serve import withhold
from ringscope.serve.deps import audit, bearer, database, session_user, store_path
from ringscope.serve.users import User, user_for_token

Types = Annotated[
    list[str] | None, Query(alias="type", max_length=32, description="Link types to keep (repeatable).")
]
Country = Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", description="Links touching this country.")]
Day = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY[-MM[-DD]].")]
Names = Annotated[bool, Query(description="Admins only: show the names of withheld persons (audited).")]

router = APIRouter(prefix="/api/v1/graph", tags=["graph"])


async def reader(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> User:
    """The user behind an API token, or else behind the web session; 401 without either."""
    if credentials is not None and credentials.credentials:
        user = user_for_token(database(request).conn(), credentials.credentials, "api")
        if user is None:
            raise HTTPException(401, "invalid or expired token", headers={"WWW-Authenticate": "Bearer"})
        request.state.user = user
    else:
        found = session_user(request)
        if found is None:
            raise HTTPException(401, "authentication required", headers={"WWW-Authenticate": "Bearer"})
        user = found
    if not user.can("viewer"):
        raise HTTPException(403, "forbidden: this needs the viewer role")
    return user


viewer = Depends(reader)
_charts: dict[tuple[int, bool], tuple[Picture, linkchart.Chart]] = {}


def chart_of(snap: snapshots.Snapshot, names: bool) -> linkchart.Chart:
    """The whole chart of a snapshot (kept while the snapshot is current)."""
    picture = snap.view(names)
    cached = _charts.get((id(picture), names))
    if cached is not None and cached[0] is picture:
        return cached[1]
    hidden = set() if names else {e.id for e in picture.entities if e.name in snap.policy.labels}
    routes = [
        (origin, destination, report.id, count)
        for key, report, count in snap.routes
        for origin, destination in [key.split("->", 1)]
    ]
    chart = linkchart.build(picture, routes, hidden, href=lambda e: f"/entities/{e.id}")
    if len(_charts) >= 4:
        _charts.pop(next(iter(_charts)))
    _charts[(id(picture), names)] = (picture, chart)
    return chart


def _selected(
    request: Request, user: User, names: bool, types: list[str] | None, country: str | None,
    since: str | None, until: str | None, target: str,
) -> tuple[snapshots.Snapshot, bool, linkchart.Chart]:
    known = {t.id for t in link_types()}
    unknown = sorted(set(types or ()) - known)
    if unknown:
        raise HTTPException(422, f"invalid request: unknown link type {', '.join(unknown)}"
                                 f" (known: {', '.join(sorted(known))})")
    snap = snapshots.load(store_path(request))
    shown = withhold.names_shown(request, user, names, target)
    chart = linkchart.select(chart_of(snap, shown), types or None, country, since, until)
    filters = {"type": types, "country": country, "since": since, "until": until}
    audit(request, user, "view", target, json.dumps(filters) if any(filters.values()) else None)
    return snap, shown, chart


def chart_json(chart: linkchart.Chart, picture: Picture, total: linkchart.Chart) -> dict[str, Any]:
    degree = total.degree()
    counts = {t.id: 0 for t in link_types()}
    for link in total.links:
        counts[link.type] += 1
    return {
        "nodes": [
            {"id": n.id, "label": n.label, "type": n.type, "country": n.country, "reports": n.reports,
             "links": degree[n.id], "href": n.href}
            for n in sorted(chart.nodes.values(), key=lambda n: (-degree[n.id], n.label, n.id))
        ],
        "links": [
            {"id": link.id, "source": link.source, "target": link.target, "type": link.type,
             "weight": link.weight,
             "evidence": [
                 {"report_id": e.report_id, "title": _title(picture, e.report_id), "published": e.published,
                  "quote": e.quote, "how": e.how}
                 for e in link.evidence[:5]
             ]}
            for link in chart.links
        ],
        "types": [{"id": t.id, "label": t.label, "reason": t.reason, "count": counts[t.id]}
                  for t in link_types()],
        "total": {"nodes": len(total.nodes), "links": len(total.links)},
    }


def _title(picture: Picture, report_id: str) -> str | None:
    report = picture.reports.get(report_id)
    return (report.title or report.source) if report is not None else None


@router.get("", summary="The link chart: the most linked nodes, or a node and its neighbours")
def graph(
    request: Request,
    types: Types = None,
    country: Country = None,
    since: Day = None,
    until: Day = None,
    focus: Annotated[str | None, Query(max_length=128, description="A node: it and its neighbours.")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Most nodes to answer.")] = 40,
    names: Names = False,
    user: User = viewer,
) -> JSONResponse:
    target = f"graph:focus:{focus[:128]}" if focus else "graph"
    snap, shown, chart = _selected(request, user, names, types, country, since, until, target)
    if focus is not None and focus not in chart.nodes:
        raise HTTPException(404, "no such node in the chart (with these filters)")
    part = linkchart.around(chart, focus, limit) if focus else linkchart.top(chart, limit)
    return JSONResponse(chart_json(part, snap.view(shown), chart))


@router.get("/centrality", summary="Degree and betweenness centrality of every node (networkx)")
def centrality(
    request: Request,
    types: Types = None,
    country: Country = None,
    since: Day = None,
    until: Day = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    names: Names = False,
    user: User = viewer,
) -> JSONResponse:
    _, _, chart = _selected(request, user, names, types, country, since, until, "graph:centrality")
    rows = linkmetrics.centrality(chart)[:limit]
    return JSONResponse({"rows": [
        {"id": r.id, "label": r.label, "type": r.type, "links": r.links, "degree": r.degree,
         "betweenness": r.betweenness} for r in rows
    ], "total": len(chart.nodes)})


@router.get("/export", summary="The link chart as GEXF (Gephi) or FollowTheMoney entities (JSON lines)")
def export(
    request: Request,
    format: Annotated[str, Query(pattern="^(gexf|ftm)$")] = "gexf",
    types: Types = None,
    country: Country = None,
    since: Day = None,
    until: Day = None,
    names: Names = False,
    user: User = viewer,
) -> Response:
    target = f"graph:export:{format}"
    snap, shown, chart = _selected(request, user, names, types, country, since, until, target)
    audit(request, user, "export", target, "names shown" if shown else None)
    if format == "gexf":
        return Response(linkmetrics.gexf(chart), media_type="application/gexf+xml",
                        headers={"Content-Disposition": 'attachment; filename="ringscope-links.gexf"'})
    entities = {e.id: e for e in snap.view(shown).entities}
    proxies = linkmetrics.ftm(chart, entities)
    lines = "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in proxies)
    return Response(lines, media_type="application/x-ndjson",
                    headers={"Content-Disposition": 'attachment; filename="ringscope-links.ftm.json"'})
