"""What every page shares: templates, rendering, the viewer dependency and small text helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ringscope.fuse import ResolvedEntity
from ringscope.report import snapshot as snapshots
from ringscope.report.format import figure_text, number_text
from ringscope.report.links import safe_href, safe_url
from ringscope.serve.deps import SESSION_COOKIE, csrf_token, session_user, store_path, web_user
from ringscope.serve.users import User

templates = Jinja2Templates(directory=str(Path(__file__).parent.parent / "templates"))
templates.env.filters["figure"] = figure_text
templates.env.filters["number"] = number_text
templates.env.filters["safe_url"] = safe_url
templates.env.filters["safe_href"] = safe_href
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


def load_snapshot(request: Request) -> snapshots.Snapshot:
    return snapshots.load(store_path(request))


def lead(text: str, limit: int = 420) -> str:
    """The opening of a report, cut at a word boundary."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"


def href(entity: ResolvedEntity) -> str:
    return f"/entities/{entity.id}"
