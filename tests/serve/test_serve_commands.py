"""The serve, user and brief commands, invoked as a user would (real store, no mocks)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ringscope.serve.commands import brief_command, serve_command, user_app
from ringscope.store import Store

from .conftest import Fixture

app = typer.Typer()
app.command("serve")(serve_command)
app.command("brief")(brief_command)
app.add_typer(user_app, name="user")
runner = CliRunner()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    Store(path).close()
    return path


def test_user_add_and_token(store: Path) -> None:
    result = runner.invoke(
        app,
        ["user", "add", "lee", "--role", "analyst", "--store", str(store)],
        input="a long password\na long password\n",
    )
    assert result.exit_code == 0, result.output
    role = sqlite3.connect(store).execute("SELECT role FROM users WHERE username = 'lee'").fetchone()
    assert role == ("analyst",)
    token = runner.invoke(app, ["user", "token", "lee", "--store", str(store)])
    assert token.exit_code == 0 and token.output.strip().startswith("rs_")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["user", "add", "lee", "--role", "boss", "--password", "a long password"], "unknown role"),
        (["user", "add", "lee", "--password", "short"], "too short"),
        (["user", "token", "ghost"], "no user"),
    ],
)
def test_user_errors_are_one_line(store: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "--store", str(store)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_brief_command(served: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    result = runner.invoke(app, ["brief", "-o", str(out), "--store", str(served.path)])
    assert result.exit_code == 0 and str(out) in result.output
    assert "Intelligence brief" in out.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["brief", "-o", str(tmp_path / "b.txt"), "--store", str(served.path)])
    assert bad.exit_code == 1 and ".html or .pdf" in bad.output


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--store", str(tmp_path / "none.db"), "--port", "1"])
    assert result.exit_code == 1 and "no store" in result.output
