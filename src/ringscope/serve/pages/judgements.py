"""Analyst judgements on the web: the list with undo, and the forms of entity, event and claims pages.

Every form carries the session's CSRF token; only analysts and admins may post (viewers get 403).
A judgement that cannot be made (no such item, already so) gives a page saying why, nothing stored.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ringscope import judging
from ringscope.serve.deps import audit, check_csrf, client_address, store_path, web_role
from ringscope.serve.pages.base import error_page, render, safe_next, viewer
from ringscope.serve.users import User
from ringscope.store.judgements import KINDS, JudgementError, NoSuchJudgement

router = APIRouter(include_in_schema=False)
analyst = Depends(web_role("analyst"))
Field = Annotated[str, Form(max_length=300)]


@router.get("/judgements", response_class=HTMLResponse)
def judgements(request: Request, user: User = viewer) -> Response:
    rows = judging.listing(store_path(request))
    audit(request, user, "view", "judgements")
    return render(request, "judgements.html", user, judgements=list(reversed(rows)), kinds=KINDS)


@router.post("/judgements")
def judge(
    request: Request,
    kind: Annotated[str, Form(max_length=40)],
    a: Field,
    b: Field = "",
    note: Annotated[str, Form(max_length=2000)] = "",
    csrf: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "/judgements",
    user: User = analyst,
) -> Response:
    check_csrf(request, csrf)
    if kind not in KINDS:
        raise HTTPException(400, "unknown judgement")
    items = [a] if KINDS[kind][2] == 1 else [a, b]
    who = judging.Judge(user.username, user.role)
    path = store_path(request)
    try:
        made = judging.make(path, who, kind, [i.strip() for i in items], note, client_address(request))
    except JudgementError as exc:
        return error_page(request, 400, f"not judged: {exc}")
    return RedirectResponse(judging.page_of(path, made) or safe_next(next), status_code=303)


@router.post("/judgements/{number}/undo")
def undo(
    request: Request,
    number: Annotated[int, Path(ge=1, le=2**62)],
    csrf: Annotated[str, Form(max_length=200)] = "",
    user: User = analyst,
) -> Response:
    check_csrf(request, csrf)
    try:
        judging.undo(store_path(request), judging.Judge(user.username, user.role), number,
                     client_address(request))
    except NoSuchJudgement as exc:
        raise HTTPException(404, str(exc)) from exc
    except JudgementError as exc:
        return error_page(request, 409, f"not undone: {exc}")
    return RedirectResponse("/judgements", status_code=303)
