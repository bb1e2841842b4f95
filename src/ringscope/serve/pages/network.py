"""The network page: the link chart (drawn in the browser from /api/v1/graph) and recruiter networks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from ringscope.report.charts import network_svg
from ringscope.report.linkvocab import link_types
from ringscope.serve import screening
from ringscope.serve.deps import audit, database
from ringscope.serve.pages.base import Names, render, viewer
from ringscope.serve.users import User

router = APIRouter(include_in_schema=False)
Day = Annotated[str, Query(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")]


@router.get("/network", response_class=HTMLResponse)
def network(
    request: Request,
    types: Annotated[list[str] | None, Query(alias="type", max_length=32)] = None,
    country: Annotated[str, Query(pattern="^([A-Za-z]{2})?$")] = "",
    since: Day = "",
    until: Day = "",
    focus: Annotated[str, Query(max_length=128)] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 40,
    names: Names = False,
    user: User = viewer,
) -> Response:
    """The filters and the chart's frame; the browser asks the API for the chart with them."""
    ad_nodes, ad_edges = screening.load_recruiters(database(request).conn()).graph()
    audit(request, user, "view", "network")
    return render(
        request,
        "network.html",
        user,
        types=link_types(),
        chosen=set(types or ()),
        country=country.upper(),
        since=since,
        until=until,
        focus=focus,
        limit=limit,
        names=names and user.can("admin"),
        recruiters=Markup(network_svg(ad_nodes, ad_edges, height=420)) if ad_nodes else None,
    )
