"""Hardening against a real server and store: throttled logins, bounded bodies, the password
policy, secure cookies and the audit of denials with the client address."""

from __future__ import annotations

import re
import socket
import sqlite3
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from ringscope.serve import throttle
from ringscope.serve.app import create_app
from ringscope.serve.passwords import password_problem
from ringscope.serve.users import UserError, add_user

from .hardening import PASSWORDS, bearer, login_form, running, small_store


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    return small_store(tmp_path)


def _audit(path: Path, action: str) -> list[tuple[str | None, str, str | None, str | None]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT username, target, detail, client FROM audit_log WHERE action = ? ORDER BY pk", (action,)
        ).fetchall()


# -- throttling --------------------------------------------------------------------


def test_the_31st_login_in_a_row_is_refused_and_logged_with_the_address(
    store: tuple[Path, dict[str, str]],
) -> None:
    path, _ = store
    with running(path, workers=2) as base:  # the failures are shared by both workers
        statuses = []
        for _ in range(30):
            with httpx.Client(base_url=base) as client:  # a new connection: either worker may answer
                token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
                assert token
                data = {"username": "ines", "password": "not-her-password-at-all", "csrf": token.group(1)}
                statuses.append(client.post("/login", data=data).status_code)
        assert statuses[:5] == [401] * 5  # wrong password
        # then refused without the password being looked at; every try doubles the wait
        assert statuses[-1] == 429 and statuses.count(429) >= 20
        with httpx.Client(base_url=base) as client:
            token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
            assert token
            data = {"username": "ines", "password": PASSWORDS["ines"], "csrf": token.group(1)}
            last = client.post("/login", data=data)
        assert last.status_code == 429, "the right password does not get through while throttled"
        assert int(last.headers["Retry-After"]) > 100  # 2**26 s, capped
        assert "Too many failed logins" in last.text
        assert "rs_session" not in last.cookies
    # both workers have stopped, so every entry is written
    throttled = _audit(path, "login.throttled")
    failed = _audit(path, "login.failed")
    assert len(throttled) + len(failed) == 31
    assert throttled[-1][1] == "ines" and throttled[-1][3] == "127.0.0.1"  # the 31st, with the address
    assert all(e[1] == "ines" and e[3] == "127.0.0.1" for e in throttled + failed)
    denied = [e for e in _audit(path, "denied") if e[2] == "429"]
    assert len(denied) == len(throttled) and all(e[3] == "127.0.0.1" for e in denied)


def test_delays_double_and_run_out(tmp_path: Path) -> None:
    path, _ = small_store(tmp_path)
    conn = sqlite3.connect(path, isolation_level=None)
    keys = throttle.keys("ines", "192.0.2.7")
    now = 1_000_000.0
    waits = []
    for n in range(8):
        waits.append(throttle.record_failure(conn, keys, now + n))
    free = throttle.USER_FREE
    assert waits[: free - 1] == [0] * (free - 1)
    assert waits[free - 1 :] == [1, 2, 4, 8]  # doubling from the fifth failure in a row
    assert throttle.locked_for(conn, keys, now + 7) == 8
    assert throttle.locked_for(conn, keys, now + 7 + 8) == 0  # the lock runs out
    throttle.record_success(conn, "ines")
    assert throttle.failures(conn, "user:ines") == 0
    assert throttle.failures(conn, "addr:192.0.2.7") == 8  # the address's count stays
    later = now + throttle.WINDOW + 100
    assert throttle.record_failure(conn, keys, later) == 0  # a quiet window forgets the failures
    assert throttle.failures(conn, "addr:192.0.2.7") == 1
    assert throttle.delay(60, throttle.USER_FREE) == throttle.MAX_DELAY


def test_one_address_guessing_many_users_is_throttled(store: tuple[Path, dict[str, str]]) -> None:
    path, _ = store
    client = TestClient(create_app(path), follow_redirects=False)
    statuses = []
    for n in range(throttle.ADDRESS_FREE + 1):
        data = {"username": f"guess{n}", "password": "wrong-password-here", "csrf": login_form(client)}
        statuses.append(client.post("/login", data=data).status_code)
    assert statuses[:-1] == [401] * throttle.ADDRESS_FREE
    assert statuses[-1] == 429


# -- bodies ---------------------------------------------------------------------------


def _raw(base: str, request: bytes) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        sock.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
        return answer


def test_a_200_mb_body_gets_413_before_it_is_sent(store: tuple[Path, dict[str, str]]) -> None:
    path, tokens = store
    size = 200 * 1024 * 1024
    with running(path) as base:
        for target, auth in (("/api/v1/screen", ""), ("/login", ""), ("/api/v1/tokens", tokens["ines"])):
            head = (
                f"POST {target} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                f"Content-Length: {size}\r\n" + (f"Authorization: Bearer {auth}\r\n" if auth else "") + "\r\n"
            )
            # only the headers and 16 bytes of the 200 MB go out; the answer comes anyway
            answer = _raw(base, head.encode("ascii") + b'{"ads": [{"text"')
            assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
            assert b"connection: close" in answer.lower()
        audit = httpx.get(f"{base}/api/v1/audit?action=denied", headers=bearer(tokens["olga"]))
    audit = audit.json()["items"]
    assert any(e["detail"] == "413" and e["client"] == "127.0.0.1" for e in audit)


def test_a_body_without_a_length_is_cut_at_the_limit(store: tuple[Path, dict[str, str]]) -> None:
    path, tokens = store
    client = TestClient(create_app(path, max_body=1000))

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(100):
            yield b" " * 100

    response = client.post("/api/v1/tokens", content=chunks(), headers=bearer(tokens["ines"]))
    assert response.status_code == 413
    small = client.post("/api/v1/tokens", json={"label": "ok"}, headers=bearer(tokens["ines"]))
    assert small.status_code == 201


# -- passwords ----------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["password", "password1234", "passwordpassword", "aaaaaaaaaaaaaaaa"])
def test_guessable_passwords_are_refused(store: tuple[Path, dict[str, str]], password: str) -> None:
    path, tokens = store
    assert password_problem(password, "lena") is not None
    with pytest.raises(UserError):
        add_user(path, "lena", password, "viewer")
    client = TestClient(create_app(path))
    body = {"username": "lena", "password": password, "role": "viewer"}
    response = client.post("/api/v1/users", json=body, headers=bearer(tokens["olga"]))
    assert response.status_code in (400, 422)
    assert "password" in response.json()["detail"]


def test_a_hard_password_is_accepted(store: tuple[Path, dict[str, str]]) -> None:
    path, tokens = store
    assert password_problem("lantern-cobalt-meadow-19", "lena") is None
    assert password_problem("lena-lena-lena-lena", "lena") is not None  # the username does not help
    client = TestClient(create_app(path))
    body = {"username": "lena", "password": "lantern-cobalt-meadow-19", "role": "viewer"}
    assert client.post("/api/v1/users", json=body, headers=bearer(tokens["olga"])).status_code == 201


# -- cookies and the audit of denials -----------------------------------------------------


@pytest.mark.parametrize("secure", [False, True])
def test_secure_cookies(store: tuple[Path, dict[str, str]], secure: bool) -> None:
    path, _ = store
    # behind TLS the browser speaks https (a Secure cookie never comes back over plain http)
    app = create_app(path, secure_cookies=secure)
    client = TestClient(app, base_url="https://testserver", follow_redirects=False)
    data = {"username": "ines", "password": PASSWORDS["ines"], "csrf": login_form(client)}
    response = client.post("/login", data=data)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("rs_session=") and "HttpOnly" in cookie
    assert ("Secure" in cookie) is secure
    assert ("strict-transport-security" in response.headers) is secure


def test_denials_are_audited_with_who_and_where(store: tuple[Path, dict[str, str]]) -> None:
    path, tokens = store
    app = create_app(path)
    client = TestClient(app)
    assert client.get("/api/v1/reports").status_code == 401
    assert client.get("/api/v1/me", headers=bearer("rs_wrong")).status_code == 401
    assert client.get("/api/v1/audit", headers=bearer(tokens["ines"])).status_code == 403
    assert client.get("/claims", follow_redirects=False).status_code == 303  # a page without a session
    app.state.audit.flush()
    denied = _audit(path, "denied")
    assert (None, "GET /api/v1/reports", "401", "testclient") in denied
    assert (None, "GET /api/v1/me", "401", "testclient") in denied
    assert ("ines", "GET /api/v1/audit", "403", "testclient") in denied
    assert (None, "GET /claims", "login required", "testclient") in denied


def test_a_long_password_is_judged_without_error() -> None:
    assert password_problem("a" * 1000, "lena") is not None
    assert password_problem("kettle-orbit-7-lantern-quasar-" + "z" * 900, "lena") is None
    assert password_problem("x" * 1025, "lena") == "the password is too long: use at most 1024 characters"
