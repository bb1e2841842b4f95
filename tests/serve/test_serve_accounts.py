"""Tokens that expire and can be listed and revoked; users an admin disables or re-roles (API and
command line); a disabled user's sessions and tokens stop working at once."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ringscope.serve.app import create_app
from ringscope.serve.commands import user_app

from .hardening import PASSWORDS, bearer, login_form, small_store

cli = typer.Typer()
cli.add_typer(user_app, name="user")
runner = CliRunner()


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, dict[str, str], TestClient]:
    path, tokens = small_store(tmp_path)
    return path, tokens, TestClient(create_app(path), follow_redirects=False)


def test_tokens_expire_list_and_revoke(setup: tuple[Path, dict[str, str], TestClient]) -> None:
    path, tokens, client = setup
    made = client.post(
        "/api/v1/tokens", json={"label": "laptop", "expires_days": 7}, headers=bearer(tokens["ines"])
    )
    assert made.status_code == 201
    token, token_id = made.json()["token"], made.json()["id"]
    listed = client.get("/api/v1/tokens", headers=bearer(token)).json()
    mine = next(t for t in listed if t["id"] == token_id)
    expires = datetime.fromisoformat(mine["expires_at"])
    assert timedelta(days=6) < expires - datetime.now(UTC) <= timedelta(days=7)
    assert {t["username"] for t in listed} == {"ines"}  # only the caller's own
    # a viewer may not see or revoke another user's token
    others = client.get("/api/v1/tokens?username=olga", headers=bearer(token))
    assert others.status_code == 403
    olga_id = client.get("/api/v1/tokens", headers=bearer(tokens["olga"])).json()[0]["id"]
    assert client.delete(f"/api/v1/tokens/{olga_id}", headers=bearer(token)).status_code == 404
    # revoking works at once
    revoked = client.delete(f"/api/v1/tokens/{token_id}", headers=bearer(tokens["ines"]))
    assert revoked.status_code == 200 and revoked.json()["revoked"] is True
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    assert client.get("/api/v1/me", headers=bearer(tokens["ines"])).status_code == 200
    everyone = client.get("/api/v1/tokens?username=*", headers=bearer(tokens["olga"])).json()
    assert {t["username"] for t in everyone} == {"olga", "piet", "ines"}
    assert client.post("/api/v1/tokens", json={"expires_days": 0}, headers=bearer(token)).status_code == 401


def test_an_expired_token_is_refused(setup: tuple[Path, dict[str, str], TestClient]) -> None:
    path, tokens, client = setup
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat(timespec="seconds")
    with sqlite3.connect(path) as conn:  # as if its time had come
        conn.execute(
            "UPDATE api_tokens SET expires_at = ?"
            " WHERE user_pk = (SELECT pk FROM users WHERE username = 'piet')",
            (past,),
        )
    assert client.get("/api/v1/me", headers=bearer(tokens["piet"])).status_code == 401
    listed = client.get("/api/v1/tokens?username=piet", headers=bearer(tokens["olga"])).json()
    assert listed[0]["expired"] is True


def _session(client: TestClient, username: str) -> None:
    data = {"username": username, "password": PASSWORDS[username], "csrf": login_form(client)}
    assert client.post("/login", data=data).status_code == 303


def test_disabling_a_user_stops_its_sessions_and_tokens(
    setup: tuple[Path, dict[str, str], TestClient],
) -> None:
    path, tokens, client = setup
    browser = TestClient(client.app, follow_redirects=False)
    _session(browser, "piet")
    assert browser.get("/").status_code == 200
    admin = bearer(tokens["olga"])
    changed = client.patch("/api/v1/users/piet", json={"disabled": True}, headers=admin)
    assert changed.status_code == 200 and changed.json()["disabled"] is True
    assert client.get("/api/v1/me", headers=bearer(tokens["piet"])).status_code == 401
    assert browser.get("/").status_code == 303  # back to the login page
    data = {"username": "piet", "password": PASSWORDS["piet"], "csrf": login_form(browser)}
    assert browser.post("/login", data=data).status_code == 401  # cannot log in again
    assert client.patch("/api/v1/users/piet", json={"disabled": False}, headers=admin).status_code == 200
    assert client.get("/api/v1/me", headers=bearer(tokens["piet"])).status_code == 200
    users = {u["username"]: u for u in client.get("/api/v1/users", headers=admin).json()}
    assert users["piet"]["disabled"] is False and users["olga"]["role"] == "admin"


def test_re_roling_takes_effect_at_once(setup: tuple[Path, dict[str, str], TestClient]) -> None:
    _, tokens, client = setup
    admin = bearer(tokens["olga"])
    assert client.get("/api/v1/export/claims.csv", headers=bearer(tokens["ines"])).status_code == 403
    assert client.patch("/api/v1/users/ines", json={"role": "analyst"}, headers=admin).status_code == 200
    assert client.get("/api/v1/export/claims.csv", headers=bearer(tokens["ines"])).status_code == 200
    assert client.get("/api/v1/me", headers=bearer(tokens["ines"])).json()["role"] == "analyst"


def test_admin_rules(setup: tuple[Path, dict[str, str], TestClient]) -> None:
    _, tokens, client = setup
    admin = bearer(tokens["olga"])
    last = client.patch("/api/v1/users/olga", json={"disabled": True}, headers=admin)
    assert last.status_code == 400 and "last enabled admin" in last.json()["detail"]
    assert client.patch("/api/v1/users/olga", json={"role": "viewer"}, headers=admin).status_code == 400
    assert client.patch("/api/v1/users/ghost", json={"disabled": True}, headers=admin).status_code == 404
    assert client.patch("/api/v1/users/olga", json={"role": "boss"}, headers=admin).status_code == 422
    viewer = bearer(tokens["ines"])
    assert client.patch("/api/v1/users/piet", json={"disabled": True}, headers=viewer).status_code == 403
    assert client.get("/api/v1/users", headers=viewer).status_code == 403


def test_the_command_line(setup: tuple[Path, dict[str, str], TestClient]) -> None:
    path, tokens, client = setup
    store = ["--store", str(path)]
    made = runner.invoke(
        cli, ["user", "token", "ines", "--label", "ci\x1b[2Jjob", "--expires-days", "30", *store]
    )
    assert made.exit_code == 0, made.output
    token = made.output.strip()
    listed = runner.invoke(cli, ["user", "tokens", "ines", *store])
    assert listed.exit_code == 0 and "\x1b" not in listed.output and "ci[2Jjob" in listed.output
    line = next(row for row in listed.output.splitlines() if "ci[2Jjob" in row)
    token_id = line.split("\t")[0]
    assert "active" in line
    revoked = runner.invoke(cli, ["user", "revoke", token_id, *store])
    assert revoked.exit_code == 0 and "revoked" in revoked.output
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401
    assert runner.invoke(cli, ["user", "revoke", "nope", *store]).exit_code == 1
    disabled = runner.invoke(cli, ["user", "set", "piet", "--disable", *store])
    assert disabled.exit_code == 0 and "disabled" in disabled.output
    assert client.get("/api/v1/me", headers=bearer(tokens["piet"])).status_code == 401
    with sqlite3.connect(path) as conn:  # piet is also locked out by failed logins
        conn.execute("INSERT INTO login_failures VALUES ('user:piet', 9, 0, 1e12)")
    roled = runner.invoke(cli, ["user", "set", "piet", "--enable", "--role", "viewer", *store])
    assert roled.exit_code == 0, roled.output
    assert client.get("/api/v1/me", headers=bearer(tokens["piet"])).json()["role"] == "viewer"
    with sqlite3.connect(path) as conn:  # enabling lifted the lock
        assert conn.execute("SELECT COUNT(*) FROM login_failures WHERE key = 'user:piet'").fetchone()[0] == 0
    listing = runner.invoke(cli, ["user", "list", *store]).output
    assert "piet\tviewer\tenabled" in listing
    for args, message in (
        (["user", "set", "olga", "--disable"], "last enabled admin"),
        (["user", "set", "piet"], "nothing to change"),
        (["user", "token", "ines", "--expires-days", "999"], "1 to 365 days"),
        (["user", "add", "lena", "--password", "password"], "too short"),
        (["user", "add", "lena", "--password", "password1234"], "too easy to guess"),
    ):
        result = runner.invoke(cli, [*args, *store])
        assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


def test_a_version_3_store_keeps_its_users_and_tokens(tmp_path: Path) -> None:
    from ringscope.serve.users import issue_token, user_for_token
    from ringscope.store import MIGRATIONS, Store, migrate

    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:3])
    conn.execute(
        "INSERT INTO users (username, password_hash, role, created_at) VALUES ('uma', 'x', 'viewer', '2026')"
    )
    token = "rs_old-token-from-before"
    conn.execute(
        "INSERT INTO api_tokens (user_pk, token_hash, kind, created_at) VALUES (1, ?, 'api', '2026')",
        (hashlib.sha256(token.encode()).hexdigest(),),
    )
    conn.close()
    Store(path, create=False).close()  # migrates to the current version
    conn = sqlite3.connect(path, isolation_level=None)
    user = user_for_token(conn, token, "api")
    assert user is not None and user.username == "uma"
    newer = issue_token(conn, user)
    ids = [r[0] for r in conn.execute("SELECT public_id FROM api_tokens")]
    assert len(ids) == 2 and all(ids) and len(set(ids)) == 2
    assert user_for_token(conn, newer, "api") == user


def test_the_account_page_lists_and_revokes_own_tokens(
    setup: tuple[Path, dict[str, str], TestClient],
) -> None:
    _, tokens, client = setup
    _session(client, "ines")
    page = client.get("/account")
    assert page.status_code == 200 and "<table" in page.text
    own = client.get("/api/v1/tokens", headers=bearer(tokens["ines"])).json()[0]["id"]
    olga = client.get("/api/v1/tokens", headers=bearer(tokens["olga"])).json()[0]["id"]
    assert own in page.text and olga not in page.text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    assert client.post(f"/account/tokens/{own}/revoke", data={"csrf": "forged"}).status_code == 403
    assert client.post(f"/account/tokens/{olga}/revoke", data={"csrf": csrf.group(1)}).status_code == 404
    done = client.post(f"/account/tokens/{own}/revoke", data={"csrf": csrf.group(1)})
    assert done.status_code == 303
    assert client.get("/api/v1/me", headers=bearer(tokens["ines"])).status_code == 401
    assert client.get("/api/v1/me", headers=bearer(tokens["olga"])).status_code == 200
    assert "revoked" in client.get("/account").text
