"""Administering users from the command line: list them, change a role, disable or enable one;
list and revoke API tokens (mounted on ``ringscope user``)."""

from __future__ import annotations

from typing import Annotated

import typer

from ringscope import settings
from ringscope.serve.commands import StoreOption, _fail, user_app
from ringscope.terminal import clean


@user_app.command("list")
def user_list(store: StoreOption = settings.STORE_PATH) -> None:
    """Every user with its role, and whether it is disabled."""
    from ringscope.serve.accounts import in_store, list_users
    from ringscope.store import StoreError

    try:
        users = in_store(store, list_users)
    except StoreError as exc:
        _fail(str(exc))
    for u in users:
        typer.echo(f"{u.username}\t{u.role}\t{'disabled' if u.disabled else 'enabled'}\t{u.created_at}")


@user_app.command("set")
def user_set(
    username: Annotated[str, typer.Argument(help="An existing user.")],
    role: Annotated[str | None, typer.Option("--role", "-r", help="viewer, analyst or admin.")] = None,
    disabled: Annotated[
        bool | None,
        typer.Option(
            "--disable/--enable", help="Disable the user (its sessions and tokens stop working) or enable it."
        ),
    ] = None,
    store: StoreOption = settings.STORE_PATH,
) -> None:
    """Change a user's role, or disable or enable it."""
    from ringscope.serve.accounts import in_store, update_user
    from ringscope.serve.users import UserError
    from ringscope.store import StoreError

    if role is None and disabled is None:
        _fail("nothing to change: give --role, --disable or --enable")
    try:
        changed = in_store(store, lambda conn: update_user(conn, username, role, disabled))
    except (UserError, StoreError) as exc:
        _fail(str(exc))
    state = "disabled" if changed.disabled else "enabled"
    typer.echo(f"user {changed.username}: {changed.role}, {state}")


@user_app.command("tokens")
def user_tokens(
    username: Annotated[str | None, typer.Argument(help="Only this user's tokens.")] = None,
    store: StoreOption = settings.STORE_PATH,
) -> None:
    """API tokens: id, user, state, expiry, label (the tokens themselves are never stored)."""
    from ringscope.serve.accounts import in_store, list_tokens
    from ringscope.store import StoreError

    try:
        tokens = in_store(store, lambda conn: list_tokens(conn, username))
    except StoreError as exc:
        _fail(str(exc))
    for t in tokens:
        state = "revoked" if t.revoked else "expired" if t.expired else "active"
        typer.echo(
            f"{t.id}\t{t.username}\t{state}\texpires {t.expires_at or 'never'}\t{clean(t.label or '')}"
        )


@user_app.command("revoke")
def user_revoke(
    token_id: Annotated[str, typer.Argument(help="A token id from `ringscope user tokens`.")],
    store: StoreOption = settings.STORE_PATH,
) -> None:
    """Revoke an API token; it stops working at once."""
    from ringscope.serve.accounts import in_store, revoke_token_id
    from ringscope.serve.users import UserError
    from ringscope.store import StoreError

    try:
        revoked = in_store(store, lambda conn: revoke_token_id(conn, token_id))
    except (UserError, StoreError) as exc:
        _fail(f"{exc} in {store}")
    typer.echo(f"token {revoked.id} of {revoked.username} revoked")
