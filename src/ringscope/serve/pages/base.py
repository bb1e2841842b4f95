"""What every page shares: templates, rendering, the viewer dependency and small text helpers."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import pycountry
from fastapi import Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ringscope.export.fused import publisher, title
from ringscope.fuse import ResolvedEntity
from ringscope.report import snapshot as snapshots
from ringscope.report.format import figure_text, number_text
from ringscope.report.links import safe_href, safe_url
from ringscope.serve import listing
from ringscope.serve.deps import SESSION_COOKIE, csrf_token, session_user, store_path, web_user
from ringscope.serve.highlight import claim_anchor
from ringscope.serve.users import User

templates = Jinja2Templates(directory=str(Path(__file__).parent.parent / "templates"))
templates.env.filters["figure"] = figure_text
templates.env.filters["number"] = number_text
templates.env.filters["safe_url"] = safe_url
templates.env.filters["safe_href"] = safe_href
templates.env.filters["outlet"] = publisher
templates.env.filters["report_title"] = title
templates.env.filters["claim_anchor"] = claim_anchor
viewer = Depends(web_user)
Names = Annotated[bool, Query(description="Admins only: show withheld names (audited).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Limit = Annotated[int, Query(ge=1, le=max(listing.LIMITS))]
Sort = Annotated[str, Query(max_length=40)]


def query_with(request: Request, **changes: str | int | None) -> str:
    """The current page's query string with ``changes`` (None drops a parameter); a new sort,
    filter or page size starts again at the first row."""
    if "offset" not in changes:
        changes["offset"] = None
    return listing.query_string(request.query_params.multi_items(), changes)


def toggle(request: Request, name: str, value: str) -> str:
    """The current page's query string with facet value ``name=value`` chosen, or unchosen."""
    return listing.toggled(request.query_params.multi_items(), name, value)


templates.env.globals["query_with"] = query_with
templates.env.globals["toggle"] = toggle
templates.env.globals["limits"] = listing.LIMITS


def chosen(request: Request, names: Iterable[str]) -> dict[str, frozenset[str]]:
    """The values chosen for each facet in ``names`` (repeatable query parameters, empty ones dropped)."""
    return {
        name: frozenset(v[:200] for v in request.query_params.getlist(name)[:20] if v.strip())
        for name in names
    }


@cache
def country_label(code: str) -> str:
    """"Myanmar (MM)" for an ISO 3166 alpha-2 code; the code itself when it names no country."""
    found = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    return f"{getattr(found, 'common_name', None) or found.name} ({code})" if found else code


templates.env.filters["country_label"] = country_label


def login_url(next_url: str) -> str:
    return "/login?" + urlencode({"next": next_url})


def safe_next(next_url: str | None) -> str:
    if not next_url or not next_url.startswith("/") or next_url.startswith("//") or "\\" in next_url:
        return "/"
    return next_url


def render(request: Request, name: str, user: User | None, status: int = 200, **context: Any) -> HTMLResponse:
    token = request.cookies.get(SESSION_COOKIE)
    context.update(user=user, csrf=csrf_token(token) if token and user else "", request=request)
    # an admin who asked for names follows links into the same view (ids and offsets are the view's)
    shown = request.query_params.get("names", "").lower() in ("1", "true", "yes", "on")
    context.setdefault("names_q", "?names=1" if shown and user is not None and user.can("admin") else "")
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(
        request, "error.html", session_user(request), status=status, status_code=status, message=message
    )


def load_snapshot(request: Request) -> snapshots.Snapshot:
    return snapshots.load(store_path(request))


def lead(text: str, limit: int = 420) -> str:
    """The opening of a report, cut at a word boundary."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"


def href(entity: ResolvedEntity) -> str:
    return f"/entities/{entity.id}"
