"""The ``ringscope`` command line: ingest, extract, explain, search, claims, events, entities, export, demo.

Commands live in the modules of this package by what they do; each registers itself on the
one Typer app of :mod:`ringscope.cli.common`.
"""

from __future__ import annotations

import os
import sys

import typer

from ringscope.cli import explaining, exporting, judging, pipeline, reading, reports  # noqa: F401  (commands register on import)
from ringscope.cli.common import PipeClosed, app, fail, open_store, user_errors

__all__ = ["app", "fail", "main", "open_store", "user_errors"]


def _register() -> None:
    """Commands that live beside their libraries: screening, the server, users, the brief."""
    from ringscope.screen.command import screen_command
    from ringscope.serve.commands import brief_command, serve_command, user_app

    app.command("screen")(screen_command)
    app.command("serve")(serve_command)
    app.add_typer(user_app, name="user")
    app.command("brief")(brief_command)


_register()


def main(argv: list[str] | None = None) -> None:
    """The console-script entry point: usage errors are one line, never a traceback."""
    args = sys.argv[1:] if argv is None else argv
    try:
        code = _run(args)
        sys.stdout.flush()
    except (BrokenPipeError, PipeClosed):  # e.g. `ringscope claims | head -1`
        code = _pipe_closed()
    sys.exit(code)


def _run(args: list[str]) -> int:
    try:
        code = app(args=args or ["--help"], prog_name="ringscope", standalone_mode=False)
    except typer.Abort:
        typer.echo("aborted", err=True)
        code = 130
    except PipeClosed:
        raise
    except Exception as exc:  # click's usage errors (typer may vendor click, so match by shape)
        if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
            raise
        context = getattr(exc, "ctx", None)
        hint = f" (see `{context.command_path} --help`)" if context is not None else ""
        typer.echo(f"error: {exc.format_message()}{hint}", err=True)
        code = exc.exit_code
    return code if isinstance(code, int) else 0


def _pipe_closed() -> int:
    """The reader of standard output went away: send what is left to nowhere and end quietly.

    The recipe of the Python documentation (signal module, note on SIGPIPE): later flushes,
    including the one at interpreter exit, then write to the null device instead of failing.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 1
