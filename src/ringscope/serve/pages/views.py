"""Overview pages: the map and the timeline (the network page is in :mod:`network`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from ringscope.report import analysis
from ringscope.report.charts import timeline_svg
from ringscope.report.mapsvg import map_svg
from ringscope.serve.deps import audit
from ringscope.serve.pages.base import href, load_snapshot, render, viewer
from ringscope.serve.users import User

router = APIRouter(include_in_schema=False)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, user: User = viewer) -> Response:
    snap = load_snapshot(request)
    flows = analysis.flows(snap)
    spots = analysis.hotspots(snap, href=href)
    audit(request, user, "view", "map")
    return render(
        request,
        "map.html",
        user,
        svg=Markup(map_svg(spots, flows, title="Hotspots and route flows")),
        flows=flows,
        hotspots=spots,
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, user: User = viewer) -> Response:
    snap = load_snapshot(request)
    series = analysis.timeline(snap)
    audit(request, user, "view", "timeline")
    return render(request, "timeline.html", user, svg=Markup(timeline_svg(series)), series=series)
