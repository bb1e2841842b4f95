"""Logging in and out of the web app (CSRF-checked forms, throttled and audited logins) and the
account page (make, list and revoke one's API tokens)."""

from __future__ import annotations

import secrets
import time
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ringscope.serve import accounts, throttle
from ringscope.serve.deps import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    audit,
    check_csrf,
    client_address,
    database,
    web_user,
)
from ringscope.serve.pages import render, safe_next
from ringscope.serve.users import SESSION_HOURS, User, UserError, authenticate, issue_token, revoke_token

router = APIRouter(include_in_schema=False)


def _secure(request: Request) -> bool:
    return bool(getattr(request.app.state, "secure_cookies", False))


def _form(request: Request, next_url: str, status: int = 200, error: str | None = None) -> Response:
    """The login form with a fresh login CSRF token in its cookie."""
    token = secrets.token_urlsafe(24)
    response = render(
        request, "login.html", None, status=status, next=safe_next(next_url), login_csrf=token, error=error
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", max_age=3600, secure=_secure(request)
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    return _form(request, next)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    csrf: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not expected or not secrets.compare_digest(expected, csrf):
        raise HTTPException(403, "forbidden: missing or wrong CSRF token")
    conn = database(request).conn()
    keys = throttle.keys(username, client_address(request))
    if throttle.locked_for(conn, keys, time.time()):
        # the password is not even checked, and the attempt counts: hammering only lengthens the lock
        wait = throttle.record_failure(conn, keys, time.time())
        audit(request, None, "login.throttled", username, f"retry after {wait} s")
        return _refused(request, next, wait)
    user = authenticate(conn, username, password)
    if user is None:
        wait = throttle.record_failure(conn, keys, time.time())
        audit(request, None, "login.failed", username, f"locked for {wait} s" if wait else None)
        return _form(request, next, 401, "Wrong username or password.")
    throttle.record_success(conn, username)
    session = issue_token(conn, user, "session")
    audit(request, user, "login", user.username)
    redirect = RedirectResponse(safe_next(next), status_code=303)
    redirect.set_cookie(
        SESSION_COOKIE,
        session,
        httponly=True,
        samesite="strict",
        max_age=SESSION_HOURS * 3600,
        secure=_secure(request),
    )
    redirect.delete_cookie(LOGIN_CSRF_COOKIE)
    return redirect


def _refused(request: Request, next_url: str, wait: int) -> Response:
    unit = "second" if wait == 1 else "seconds"
    response = _form(request, next_url, 429, f"Too many failed logins: try again in {wait} {unit}.")
    response.headers["Retry-After"] = str(wait)
    return response


@router.post("/logout")
def logout(
    request: Request, csrf: Annotated[str, Form(max_length=200)] = "", user: User = Depends(web_user)
) -> Response:
    check_csrf(request, csrf)
    revoke_token(database(request).conn(), request.cookies.get(SESSION_COOKIE, ""))
    audit(request, user, "logout", user.username)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _account(request: Request, user: User, token: str | None = None) -> Response:
    tokens = accounts.list_tokens(database(request).conn(), user.username)
    return render(request, "account.html", user, token=token, tokens=tokens)


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, user: User = Depends(web_user)) -> Response:
    return _account(request, user)


@router.post("/account/tokens", response_class=HTMLResponse)
def account_token(
    request: Request,
    csrf: Annotated[str, Form(max_length=200)] = "",
    label: Annotated[str, Form(max_length=100)] = "",
    user: User = Depends(web_user),
) -> Response:
    check_csrf(request, csrf)
    conn = database(request).conn()
    token = issue_token(conn, user, "api", label or None)
    audit(request, user, "token", f"api token {accounts.public_id_of(conn, token)}", label or None)
    return _account(request, user, token)


@router.post("/account/tokens/{token_id}/revoke")
def account_revoke(
    request: Request,
    token_id: str,
    csrf: Annotated[str, Form(max_length=200)] = "",
    user: User = Depends(web_user),
) -> Response:
    """Revoke one of one's own API tokens."""
    check_csrf(request, csrf)
    try:
        accounts.revoke_token_id(
            database(request).conn(), token_id[:64], by=User(user.pk, user.username, "viewer")
        )
    except UserError as exc:
        raise HTTPException(404, "no such token") from exc
    audit(request, user, "token.revoke", f"api token {token_id[:64]}", user.username)
    return RedirectResponse("/account", status_code=303)
