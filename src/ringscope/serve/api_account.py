"""The account part of the REST API: who am I, tokens (issue, list, revoke), users (admins add,
list, re-role and disable them) and the audit log."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from ringscope.serve import accounts, schemas
from ringscope.serve.audit import entries
from ringscope.serve.deps import api_role, audit, database
from ringscope.serve.users import User, UserError, create_user, issue_token

AUTH_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": schemas.ErrorOut, "description": "No token or a wrong token."},
    403: {"model": schemas.ErrorOut, "description": "The user's role does not allow this."},
}

router = APIRouter(prefix="/api/v1", responses=AUTH_ERRORS, tags=["account"])
viewer = Depends(api_role("viewer"))
admin = Depends(api_role("admin"))
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip.")]
Username = Annotated[str, Path(min_length=1, max_length=64)]
_ISO = r"^\d{4}(-\d{2}(-\d{2})?)?"


def _token_out(t: accounts.TokenInfo) -> schemas.TokenInfoOut:
    return schemas.TokenInfoOut(
        id=t.id,
        username=t.username,
        label=t.label,
        created_at=t.created_at,
        expires_at=t.expires_at,
        revoked=t.revoked,
        expired=t.expired,
    )


def _user_out(u: accounts.UserInfo) -> schemas.UserOut:
    return schemas.UserOut(username=u.username, role=u.role, disabled=u.disabled, created_at=u.created_at)


@router.get("/me", response_model=schemas.Me)
def me(user: User = viewer) -> schemas.Me:
    return schemas.Me(username=user.username, role=user.role)


@router.post("/tokens", response_model=schemas.TokenOut, status_code=201)
def new_token(request: Request, body: schemas.TokenIn, user: User = viewer) -> schemas.TokenOut:
    """A new API token for the calling user, lasting ``expires_days``."""
    conn = database(request).conn()
    token = issue_token(conn, user, "api", body.label, body.expires_days)
    token_id = accounts.public_id_of(conn, token)
    audit(request, user, "token", f"api token {token_id}", body.label)
    return schemas.TokenOut(token=token, label=body.label, id=token_id)


@router.get("/tokens", response_model=list[schemas.TokenInfoOut])
def tokens(
    request: Request,
    username: Annotated[str | None, Query(max_length=64, description="Admins: another user's.")] = None,
    user: User = viewer,
) -> list[schemas.TokenInfoOut]:
    """The caller's API tokens (an admin may name another user, or see everyone's with ``*``)."""
    if username is not None and username != user.username and not user.can("admin"):
        raise HTTPException(403, "forbidden: only an admin may list another user's tokens")
    wanted = user.username if username is None else (None if username == "*" else username)
    return [_token_out(t) for t in accounts.list_tokens(database(request).conn(), wanted)]


@router.delete(
    "/tokens/{token_id}", response_model=schemas.TokenInfoOut, responses={404: {"model": schemas.ErrorOut}}
)
def revoke(
    request: Request, token_id: Annotated[str, Path(max_length=64)], user: User = viewer
) -> schemas.TokenInfoOut:
    """Revoke one of the caller's API tokens (an admin: anyone's); it stops working at once."""
    try:
        revoked = accounts.revoke_token_id(database(request).conn(), token_id, by=user)
    except UserError as exc:
        raise HTTPException(404, "no such token") from exc
    audit(request, user, "token.revoke", f"api token {token_id}", revoked.username)
    return _token_out(revoked)


@router.post(
    "/users", response_model=schemas.Me, status_code=201, responses={400: {"model": schemas.ErrorOut}}
)
def new_user(request: Request, body: schemas.UserIn, user: User = admin) -> schemas.Me:
    try:
        created = create_user(database(request).conn(), body.username, body.password, body.role)
    except UserError as exc:
        raise HTTPException(400, str(exc)) from exc
    audit(request, user, "user.add", created.username, created.role)
    return schemas.Me(username=created.username, role=created.role)


@router.get("/users", response_model=list[schemas.UserOut])
def users(request: Request, user: User = admin) -> list[schemas.UserOut]:
    """Every user with its role and whether it is disabled (admins only)."""
    audit(request, user, "view", "users")
    return [_user_out(u) for u in accounts.list_users(database(request).conn())]


@router.patch(
    "/users/{username}",
    response_model=schemas.UserOut,
    responses={400: {"model": schemas.ErrorOut}, 404: {"model": schemas.ErrorOut}},
)
def change_user(
    request: Request, username: Username, body: schemas.UserPatch, user: User = admin
) -> schemas.UserOut:
    """Change a user's role, or disable (its sessions and tokens stop working) or enable it."""
    conn = database(request).conn()
    if not any(u.username == username for u in accounts.list_users(conn)):
        raise HTTPException(404, "no such user")
    try:
        changed = accounts.update_user(conn, username, body.role, body.disabled)
    except UserError as exc:
        raise HTTPException(400, str(exc)) from exc
    audit(request, user, "user.change", username, f"role={changed.role} disabled={changed.disabled}")
    return _user_out(changed)


@router.get("/audit", response_model=schemas.Page[schemas.AuditOut])
def audit_log(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    username: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=32)] = None,
    client: Annotated[str | None, Query(max_length=100, description="A client address.")] = None,
    since: Annotated[str | None, Query(max_length=32, pattern=_ISO, description="From (ISO 8601).")] = None,
    before: Annotated[str | None, Query(max_length=32, pattern=_ISO, description="Until, exclusive.")] = None,
    status: Annotated[
        Literal["ok", "denied"] | None, Query(description="denied: refusals and failed logins.")
    ] = None,
    user: User = admin,
) -> schemas.Page[schemas.AuditOut]:
    """Who viewed or exported what, who was denied, and from where; newest first (admins only)."""
    request.app.state.audit.flush()
    conn = database(request).conn()
    rows, total = entries(
        conn, limit, offset, username, action, client, since=since, before=before, status=status
    )
    return schemas.Page(
        items=[
            schemas.AuditOut(
                at=e.at,
                username=e.username,
                role=e.role,
                action=e.action,
                target=e.target,
                detail=e.detail,
                client=e.client,
            )
            for e in rows
        ],
        total=total,
        limit=limit,
        offset=offset,
    )
