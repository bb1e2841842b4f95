"""Authentication and authorisation for API requests (bearer tokens) and web pages (session cookie)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ringscope.serve.auditwriter import AuditWriter
from ringscope.serve.db import Database
from ringscope.serve.users import User, user_for_token

SESSION_COOKIE = "rs_session"
LOGIN_CSRF_COOKIE = "rs_login_csrf"

bearer = HTTPBearer(
    auto_error=False, description="An API token from `ringscope user token` or POST /api/v1/tokens."
)


class LoginRequired(Exception):
    """A web page was asked for without a valid session."""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def store_path(request: Request) -> Path:
    path: Path = request.app.state.db.path
    return path


async def api_user(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> User:
    """The user behind the bearer token; 401 without one or with a wrong one (no detail leaks)."""
    if credentials is None or not credentials.credentials:
        raise HTTPException(401, "authentication required", headers={"WWW-Authenticate": "Bearer"})
    user = user_for_token(database(request).conn(), credentials.credentials, "api")
    if user is None:
        raise HTTPException(401, "invalid or expired token", headers={"WWW-Authenticate": "Bearer"})
    request.state.user = user  # for the audit of a denial that follows
    return user


def api_role(role: str) -> Callable[[User], Coroutine[Any, Any, User]]:
    """A dependency that admits users with at least ``role``; 403 for the others."""

    async def check(user: User = Depends(api_user)) -> User:
        if not user.can(role):
            raise HTTPException(403, f"forbidden: this needs the {role} role")
        return user

    return check


def session_user(request: Request) -> User | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    user = user_for_token(database(request).conn(), token, "session")
    if user is not None:
        request.state.user = user
    return user


def web_user(request: Request) -> User:
    user = session_user(request)
    if user is None:
        raise LoginRequired(str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""))
    return user


def web_role(role: str) -> Callable[[User], User]:
    def check(user: User = Depends(web_user)) -> User:
        if not user.can(role):
            raise HTTPException(403, f"forbidden: this needs the {role} role")
        return user

    return check


def csrf_token(session_token: str) -> str:
    """The CSRF token of a session: a keyed digest only the session's holder can compute."""
    return hmac.new(session_token.encode("utf-8"), b"ringscope-csrf", hashlib.sha256).hexdigest()


def check_csrf(request: Request, submitted: str | None) -> None:
    token = request.cookies.get(SESSION_COOKIE) or ""
    if not token or not submitted or not hmac.compare_digest(csrf_token(token), submitted):
        raise HTTPException(403, "forbidden: missing or wrong CSRF token")


def client_address(request: Request) -> str | None:
    """The address the request came from (the proxy's client when uvicorn trusts the proxy)."""
    return request.client.host if request.client else None


def audit(request: Request, user: User | None, action: str, target: str, detail: str | None = None) -> None:
    """Log who viewed or exported what, and from where (written within a second, in batches)."""
    writer: AuditWriter = request.app.state.audit
    writer.record(user, action, target, detail, client_address(request))
