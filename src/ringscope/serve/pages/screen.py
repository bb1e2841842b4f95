"""Pages for screening job ads, and the web export downloads."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from ringscope.report.charts import network_svg
from ringscope.serve import screening
from ringscope.serve.api_exports import export_response
from ringscope.serve.deps import audit, check_csrf, database, store_path, web_role
from ringscope.serve.pages.base import render, viewer
from ringscope.serve.users import User

router = APIRouter(include_in_schema=False)


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
