"""Command-line glue for the server, users and the brief (mounted on the main CLI).

app.command("serve")(serve_command)
app.add_typer(user_app, name="user")
app.command("brief")(brief_command)
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ringscope import settings

StoreOption = Annotated[Path, typer.Option("--store", "-s", help="The SQLite store.", dir_okay=False)]

user_app = typer.Typer(help="Users of the web app and API.", no_args_is_help=True)


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def serve_command(
    store: StoreOption = settings.STORE_PATH,
    host: Annotated[
        str, typer.Option(help="Address to listen on; loopback unless told otherwise.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes.")] = 1,
    secure_cookies: Annotated[
        bool,
        typer.Option(
            "--secure-cookies",
            help="Send session cookies only over HTTPS, and ask browsers for HTTPS (HSTS): behind TLS."
            " Also RINGSCOPE_SECURE_COOKIES=1.",
        ),
    ] = settings.SECURE_COOKIES,
) -> None:
    """Serve the web app and REST API over the store."""
    from ringscope.serve import run
    from ringscope.store import StoreError

    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}, not only on this machine", err=True)
    typer.echo(f"serving {store} on http://{host}:{port} (Ctrl-C to stop)", err=True)
    try:
        run(store, host=host, port=port, workers=workers, secure_cookies=secure_cookies)
    except StoreError as exc:
        _fail(str(exc))


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option("--role", "-r", help="viewer, analyst or admin.")] = "viewer",
    password: Annotated[
        str,
        typer.Option(
            prompt=True, hide_input=True, confirmation_prompt=True, help="Asked for when not given."
        ),
    ] = "",
    store: StoreOption = settings.STORE_PATH,
) -> None:
    """Create a user."""
    from ringscope.serve.users import UserError, add_user
    from ringscope.store import StoreError

    try:
        add_user(store, username, password, role)
    except (UserError, StoreError) as exc:
        _fail(str(exc))
    typer.echo(f"user {username} ({role}) added to {store}")


@user_app.command("token")
def user_token(
    username: Annotated[str, typer.Argument(help="An existing user.")],
    label: Annotated[str | None, typer.Option(help="What the token is for.")] = None,
    expires_days: Annotated[int, typer.Option(help="Days until the token expires (1-365).")] = 90,
    store: StoreOption = settings.STORE_PATH,
) -> None:
    """Make an API token for a user (printed once; only its digest is stored)."""
    from ringscope.serve.users import UserError, create_token
    from ringscope.store import StoreError

    try:
        token = create_token(store, username, label, expires_days)
    except (UserError, StoreError) as exc:
        _fail(str(exc))
    typer.echo(token)



def brief_command(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="brief.html, brief.pdf, or - for HTML on standard output",
                     dir_okay=False),
    ],
    country: Annotated[str | None, typer.Option(help="Only reports about this country (ISO2).")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only reports published on or after (YYYY-MM-DD).")
    ] = None,
    store: StoreOption = settings.STORE_PATH,
) -> None:
    """Write the intelligence brief (HTML, or PDF through Chromium)."""
    from ringscope.report.brief import write_brief
    from ringscope.report.errors import BriefError
    from ringscope.store import StoreError

    if str(output) == "-":
        import sys
        import tempfile

        with tempfile.TemporaryDirectory(prefix="ringscope-brief-") as scratch:
            try:
                out = write_brief(store, Path(scratch) / "brief.html", country=country, since=since)
            except (BriefError, StoreError) as exc:
                _fail(str(exc))
            sys.stdout.write(out.read_text(encoding="utf-8"))
        return
    try:
        out = write_brief(store, output, country=country, since=since)
    except (BriefError, StoreError) as exc:
        _fail(str(exc))
    typer.echo(f"brief written to {out}")


from ringscope.serve import usercommands  # noqa: E402,F401  (list, set, tokens, revoke on user_app)
