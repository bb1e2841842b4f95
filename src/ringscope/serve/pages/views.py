"""Overview pages: the map and the timeline."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from ringscope.report import analysis, maplayout, mapsvg
from ringscope.report.mapdata import country_names
from ringscope.report.timelinedata import timeline_items
from ringscope.report.timelinesvg import timeline_svg
from ringscope.serve.deps import audit
from ringscope.serve.pages.base import href, load_snapshot, render, viewer
from ringscope.serve.users import User

router = APIRouter(include_in_schema=False)
WEB_MAP_DETAIL = 0.3
"""Country borders in the zoomable map keep steps down to this many pixels at zoom 1."""


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, user: User = viewer) -> Response:
    snap = load_snapshot(request)
    flows = analysis.flows(snap)
    spots = analysis.hotspots(snap, href=href, country_href=lambda code: f"/claims?country={code}")
    plan = maplayout.layout(spots, flows)
    audit(request, user, "view", "map")
    return render(
        request,
        "map.html",
        user,
        svg=Markup(mapsvg.draw(plan, "Hotspots and route flows", detail=WEB_MAP_DETAIL)),
        flows=flows,
        nations=[h for h in spots if h.kind == "country"],
        places=[h for h in spots if h.kind != "country"],
        focus=plan.focus(),
        names=country_names(),
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, user: User = viewer) -> Response:
    snap = load_snapshot(request)
    series = analysis.timeline(snap)
    # titles redacted one by one: no report text is redacted for the timeline
    items = timeline_items(
        snap.picture, href=lambda event: f"/events/{event.id}", shown_title=snap.policy.text
    )
    svg = timeline_svg(
        series, width=960, events=items.dated, undated=(items.undated_reports, items.reports)
    )
    audit(request, user, "view", "timeline")
    return render(request, "timeline.html", user, svg=Markup(svg), items=items)
