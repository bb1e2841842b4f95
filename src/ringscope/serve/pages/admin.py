"""Admin pages: users (add, disable or enable, change role), API tokens (list, revoke) and the audit
log with filters and paging. Admins only (403 for the others); every form carries the session's
CSRF token and every action is audited under the same names the REST API uses."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ringscope.serve import accounts
from ringscope.serve import audit as auditlog
from ringscope.serve.deps import audit, check_csrf, database, web_role
from ringscope.serve.pages.base import render
from ringscope.serve.users import ROLES, User, UserError, create_user

router = APIRouter(include_in_schema=False, prefix="/admin")
admin = Depends(web_role("admin"))
PAGE = 50
"""Audit entries per page."""
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _users_page(request: Request, user: User, status: int = 200, **context: Any) -> Response:
    context.setdefault("error", None)
    context.setdefault("notice", None)
    context.setdefault("form", {"username": "", "role": "viewer"})
    users = accounts.list_users(database(request).conn())
    return render(request, "admin_users.html", user, status=status, users=users, roles=ROLES, **context)


@router.get("", include_in_schema=False)
def admin_home(user: User = admin) -> Response:
    return RedirectResponse("/admin/users", status_code=303)


def _done(path: str, **query: str) -> Response:
    """After a change, the page to see it on (a reload of that page changes nothing again)."""
    return RedirectResponse(f"{path}?{urlencode(query)}", status_code=303)


def _user_notice(request: Request, done: str, name: str) -> str | None:
    """What the change ``done`` to user ``name`` made of it, as the store now has it."""
    found = [u for u in accounts.list_users(database(request).conn()) if u.username == name]
    if not found:
        return None
    if done == "added":
        return f"User {name} added with the {found[0].role} role."
    if done == "changed":
        state = "disabled" if found[0].disabled else "enabled"
        return f"User {name} is now {state}, with the {found[0].role} role."
    return None


@router.get("/users", response_class=HTMLResponse)
def users(
    request: Request,
    done: Annotated[str, Query(max_length=20)] = "",
    name: Annotated[str, Query(alias="user", max_length=64)] = "",
    user: User = admin,
) -> Response:
    audit(request, user, "view", "users")
    return _users_page(request, user, notice=_user_notice(request, done, name) if done else None)


@router.post("/users", response_class=HTMLResponse)
def add_user(
    request: Request,
    csrf: Annotated[str, Form(max_length=200)] = "",
    username: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    role: Annotated[str, Form(max_length=20)] = "viewer",
    user: User = admin,
) -> Response:
    """Add a user; a weak password, a taken name or a bad role is said on the page, nothing is stored."""
    check_csrf(request, csrf)
    name = username.strip()
    try:
        created = create_user(database(request).conn(), name, password, role)
    except UserError as exc:
        audit(request, user, "user.add.refused", name[:64] or "(no name)", str(exc))
        form = {"username": name[:64], "role": role if role in ROLES else "viewer"}
        return _users_page(request, user, status=400, error=str(exc), form=form)
    audit(request, user, "user.add", created.username, created.role)
    return _done("/admin/users", done="added", user=created.username)


@router.post("/users/{username}", response_class=HTMLResponse)
def change_user(
    request: Request,
    username: str,
    csrf: Annotated[str, Form(max_length=200)] = "",
    role: Annotated[str, Form(max_length=20)] = "",
    disabled: Annotated[str, Form(max_length=5)] = "",
    user: User = admin,
) -> Response:
    """Change a user's role, or disable (its sessions and tokens stop at once) or enable it."""
    check_csrf(request, csrf)
    conn = database(request).conn()
    name = username[:64]
    wanted_disabled = {"true": True, "false": False}.get(disabled)
    try:
        if not any(u.username == name for u in accounts.list_users(conn)):
            raise UserError(f"no user {name!r}")
        if disabled and wanted_disabled is None:
            raise UserError(f"disabled must be true or false, not {disabled[:5]!r}")
        if not role and wanted_disabled is None:
            raise UserError("choose a role, or disable or enable the user")
        changed = accounts.update_user(conn, name, role or None, wanted_disabled)
    except UserError as exc:
        audit(request, user, "user.change.refused", name, str(exc))
        return _users_page(request, user, status=400, error=str(exc))
    audit(request, user, "user.change", name, f"role={changed.role} disabled={changed.disabled}")
    return _done("/admin/users", done="changed", user=name)


def _tokens_page(request: Request, user: User, owner: str, status: int = 200, **context: Any) -> Response:
    conn = database(request).conn()
    context.setdefault("error", None)
    context.setdefault("notice", None)
    tokens = accounts.list_tokens(conn, owner or None)
    names = [u.username for u in accounts.list_users(conn)]
    return render(
        request, "admin_tokens.html", user, status=status, tokens=tokens, owner=owner, names=names, **context
    )


@router.get("/tokens", response_class=HTMLResponse)
def tokens(
    request: Request,
    owner: Annotated[str, Query(max_length=64)] = "",
    revoked: Annotated[str, Query(max_length=64)] = "",
    user: User = admin,
) -> Response:
    audit(request, user, "view", "tokens", owner or None)
    notice = None
    if revoked:
        found = [t for t in accounts.list_tokens(database(request).conn(), None) if t.id == revoked]
        if found and found[0].revoked:
            notice = f"Token {revoked} of {found[0].username} is revoked."
    return _tokens_page(request, user, owner, notice=notice)


@router.post("/tokens/{token_id}/revoke", response_class=HTMLResponse)
def revoke(
    request: Request,
    token_id: str,
    csrf: Annotated[str, Form(max_length=200)] = "",
    owner: Annotated[str, Form(max_length=64)] = "",
    user: User = admin,
) -> Response:
    """Revoke anyone's API token; it stops working at once."""
    check_csrf(request, csrf)
    public_id = token_id[:64]
    try:
        revoked = accounts.revoke_token_id(database(request).conn(), public_id, by=user)
    except UserError as exc:
        audit(request, user, "token.revoke.refused", f"api token {public_id}", str(exc))
        return _tokens_page(request, user, owner, status=400, error=str(exc))
    audit(request, user, "token.revoke", f"api token {public_id}", revoked.username)
    return _done("/admin/tokens", **({"owner": owner} if owner else {}), revoked=public_id)


def _day(value: str, name: str) -> str | None:
    """A YYYY-MM-DD day, or UserError naming the field."""
    if not value:
        return None
    try:
        if not _DAY.match(value):
            raise ValueError(value)
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UserError(f"{name} {value!r} is not a day like 2026-03-01") from None


def _page_url(filters: dict[str, str], offset: int) -> str:
    query = {k: v for k, v in filters.items() if v}
    if offset > 0:
        query["offset"] = str(offset)
    return "/admin/audit" + (f"?{urlencode(query)}" if query else "")


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    username: Annotated[str, Query(max_length=64)] = "",
    action: Annotated[str, Query(max_length=32)] = "",
    since: Annotated[str, Query(max_length=10, alias="from")] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    status: Annotated[str, Query(max_length=10)] = "",
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    user: User = admin,
) -> Response:
    """The audit log, newest first, filtered by user, action, days (inclusive) and status."""
    request.app.state.audit.flush()
    conn = database(request).conn()
    filters = {"username": username, "action": action, "from": since, "until": until, "status": status}
    rows: list[auditlog.AuditEntry] = []
    total, error = 0, None
    try:
        first, last = _day(since, "from"), _day(until, "until")
        if status and status not in auditlog.STATUSES:
            raise UserError(f"status {status!r} is not one of {', '.join(auditlog.STATUSES)}")
        if first and last and first > last:
            raise UserError(f"from {first} is after until {last}")
        before = (date.fromisoformat(last) + timedelta(days=1)).isoformat() if last else None
        rows, total = auditlog.entries(
            conn, PAGE, offset, username or None, action or None, since=first, before=before, status=status
        )
    except UserError as exc:
        error = str(exc)
    audit(request, user, "view", "audit", " ".join(f"{k}={v}" for k, v in filters.items() if v) or None)
    return render(
        request,
        "admin_audit.html",
        user,
        status=400 if error else 200,
        rows=rows,
        total=total,
        offset=offset,
        page=PAGE,
        filters=filters,
        error=error,
        previous=_page_url(filters, offset - PAGE) if offset > 0 else None,
        next=_page_url(filters, offset + PAGE) if offset + PAGE < total else None,
        actions=auditlog.actions(conn),
        usernames=auditlog.usernames(conn),
        statuses=auditlog.STATUSES,
    )
