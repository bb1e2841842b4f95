"""The admin pages through the test client: roles, CSRF, audit entries, bad input said on the page.

Each test builds its own store: these pages change users, and the shared store's users must stay.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ringscope.serve.app import create_app
from ringscope.serve.users import add_user, create_token

from .conftest import PASSWORDS, Fixture, build_store

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_ERROR = re.compile(r'class="error" role="alert">([^<]*)<')
_NOTICE = re.compile(r'role="status">([^<]*)<')


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    return build_store(tmp_path_factory.mktemp("admin"))


@pytest.fixture()
def store(fixture: Fixture, tmp_path: Path) -> Path:
    """A copy of the module's store, so each test starts from the same users."""
    copy = tmp_path / "admin.db"
    with sqlite3.connect(fixture.path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def login(app, username: str, password: str | None = None) -> TestClient:  # type: ignore[no-untyped-def]
    client = TestClient(app, follow_redirects=False)
    token = _CSRF.search(client.get("/login").text).group(1)  # type: ignore[union-attr]
    response = client.post(
        "/login", data={"username": username, "password": password or PASSWORDS[username], "csrf": token}
    )
    assert response.status_code == 303, response.text
    return client


def followed(client: TestClient, response):  # type: ignore[no-untyped-def]
    """The page a change redirects to (so that reloading it changes nothing again)."""
    assert response.status_code == 303, response.text
    return client.get(response.headers["location"])


def csrf_of(client: TestClient) -> str:
    return _CSRF.search(client.get("/admin/users").text).group(1)  # type: ignore[union-attr]


def log(app, path: Path, action: str) -> list[tuple[str | None, str, str | None]]:  # type: ignore[no-untyped-def]
    app.state.audit.flush()
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT username, target, detail FROM audit_log WHERE action = ? ORDER BY pk", (action,)
        ).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


@pytest.mark.parametrize("username", ["vera", "anna"])
@pytest.mark.parametrize("path", ["/admin/users", "/admin/tokens", "/admin/audit"])
def test_only_admins_see_the_pages(store: Path, username: str, path: str) -> None:
    app = create_app(store)
    client = login(app, username)
    response = client.get(path)
    assert response.status_code == 403 and "admin role" in response.text
    assert 'href="/admin/users"' not in client.get("/").text  # no Admin link in their navigation
    assert TestClient(app, follow_redirects=False).get(path).headers["location"].startswith("/login")


def test_non_admins_cannot_post_either(store: Path) -> None:
    app = create_app(store)
    analyst = login(app, "anna")
    csrf = _CSRF.search(analyst.get("/account").text).group(1)  # type: ignore[union-attr]
    response = analyst.post("/admin/users/vera", data={"csrf": csrf, "disabled": "true"})
    assert response.status_code == 403
    assert login(app, "vera").get("/").status_code == 200  # vera still works


def test_admin_adds_changes_and_disables_a_user(store: Path) -> None:
    app = create_app(store)
    admin = login(app, "adam")
    page = admin.get("/admin/users")
    assert page.status_code == 200 and 'href="/admin/users"' in page.text
    assert {"vera", "anna", "adam"} <= set(re.findall(r'data-user="([^"]+)"', page.text))
    csrf = csrf_of(admin)
    form = {"csrf": csrf, "username": "nils", "password": "nils-chose-a-long-one", "role": "viewer"}
    added = followed(admin, admin.post("/admin/users", data=form))
    assert added.status_code == 200 and "nils" in _NOTICE.search(added.text).group(1)  # type: ignore[union-attr]
    nils = login(app, "nils", "nils-chose-a-long-one")
    assert nils.get("/claims").status_code == 200

    changed = followed(admin, admin.post("/admin/users/nils", data={"csrf": csrf, "role": "analyst"}))
    assert changed.status_code == 200
    assert re.search(r'data-user="nils">.*?<td>analyst</td>', changed.text, re.S)
    assert nils.get("/export/claims.csv").status_code == 200  # the new role counts at once

    disabled = followed(admin, admin.post("/admin/users/nils", data={"csrf": csrf, "disabled": "true"}))
    assert disabled.status_code == 200
    assert re.search(r'data-user="nils">.*?<td class="state">disabled</td>', disabled.text, re.S)
    assert nils.get("/claims").headers["location"].startswith("/login")  # its session ended
    again = TestClient(app, follow_redirects=False)
    token = _CSRF.search(again.get("/login").text).group(1)  # type: ignore[union-attr]
    refused = again.post("/login", data={**form, "csrf": token})
    assert refused.status_code == 401

    enabled = followed(admin, admin.post("/admin/users/nils", data={"csrf": csrf, "disabled": "false"}))
    assert "nils is now enabled" in _NOTICE.search(enabled.text).group(1)  # type: ignore[union-attr]
    assert re.search(r'data-user="nils">.*?<td class="state">enabled</td>', enabled.text, re.S)
    assert log(app, store, "user.add") == [("adam", "nils", "viewer")]
    assert [detail for _, _, detail in log(app, store, "user.change")] == [
        "role=analyst disabled=False",
        "role=analyst disabled=True",
        "role=analyst disabled=False",
    ]


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"username": "olga", "password": "short", "role": "viewer"}, "too short"),
        ({"username": "vera", "password": "a-fine-long-password", "role": "viewer"}, "'vera' already exists"),
        ({"username": "bad name!", "password": "a-fine-long-password", "role": "viewer"}, "invalid username"),
        ({"username": "olga", "password": "a-fine-long-password", "role": "owner"}, "unknown role 'owner'"),
    ],
)
def test_bad_input_is_one_clear_message(store: Path, form: dict[str, str], message: str) -> None:
    app = create_app(store)
    admin = login(app, "adam")
    before = re.findall(r'data-user="([^"]+)"', admin.get("/admin/users").text)
    response = admin.post("/admin/users", data={"csrf": csrf_of(admin), **form})
    assert response.status_code == 400
    errors = _ERROR.findall(response.text.replace("&#39;", "'"))
    assert len(errors) == 1 and message in errors[0]
    assert "Traceback" not in response.text
    assert re.findall(r'data-user="([^"]+)"', response.text) == before  # nothing added, nothing lost
    assert log(app, store, "user.add.refused")[0][0] == "adam"


def test_the_last_admin_stays(store: Path) -> None:
    app = create_app(store)
    admin = login(app, "adam")
    csrf = csrf_of(admin)
    for data in ({"disabled": "true"}, {"role": "viewer"}):
        response = admin.post("/admin/users/adam", data={"csrf": csrf, **data})
        assert response.status_code == 400 and "last enabled admin" in response.text
    assert admin.get("/admin/users").status_code == 200  # still an admin


def test_every_form_needs_the_csrf_token(store: Path) -> None:
    app = create_app(store)
    admin = login(app, "adam")
    posts = [
        ("/admin/users", {"username": "olga", "password": "a-fine-long-password", "role": "admin"}),
        ("/admin/users/vera", {"disabled": "true"}),
        ("/admin/users/vera", {"role": "admin"}),
        ("/admin/tokens/whatever/revoke", {}),
    ]
    for path, data in posts:
        for csrf in ({}, {"csrf": "forged"}):
            assert admin.post(path, data={**data, **csrf}).status_code == 403, path
    assert set(re.findall(r'data-user="([^"]+)"', admin.get("/admin/users").text)) == {"vera", "anna", "adam"}
    assert login(app, "vera").get("/").status_code == 200
    denials = log(app, store, "denied")
    assert sum(1 for _, target, _ in denials if target.startswith("POST /admin/")) == 2 * len(posts)


def test_tokens_list_and_revoke(store: Path) -> None:
    token = create_token(store, "vera", "vera's laptop")
    app = create_app(store)
    client = TestClient(app)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    admin = login(app, "adam")
    page = admin.get("/admin/tokens?owner=vera")
    ids = re.findall(r'data-token="([^"]+)"', page.text)
    assert len(ids) == 2 and "vera&#39;s laptop" in page.text and "<td>adam</td>" not in page.text
    everyone = re.findall(r'data-token="([^"]+)"', admin.get("/admin/tokens").text)
    assert len(everyone) == 4  # vera's two, anna's and adam's
    newest = ids[0]
    form = {"csrf": csrf_of(admin), "owner": "vera"}
    done = followed(admin, admin.post(f"/admin/tokens/{newest}/revoke", data=form))
    assert done.status_code == 200 and f"Token {newest} of vera is revoked" in done.text
    assert "<td>adam</td>" not in done.text  # still the owner's tokens only
    assert re.search(rf'data-token="{newest}">.*?<td class="state">revoked</td>', done.text, re.S)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    missing = admin.post("/admin/tokens/nothere/revoke", data={"csrf": csrf_of(admin)})
    assert missing.status_code == 400 and "no token 'nothere'" in missing.text.replace("&#39;", "'")
    assert log(app, store, "token.revoke") == [("adam", f"api token {newest}", "vera")]


def test_audit_log_filters_and_pages(store: Path) -> None:
    add_user(store, "olga", "olga-password-long", "viewer")
    app = create_app(store)
    for _ in range(3):
        login(app, "olga", "olga-password-long").get("/claims")
    stranger = TestClient(app, follow_redirects=False)
    token = _CSRF.search(stranger.get("/login").text).group(1)  # type: ignore[union-attr]
    stranger.post("/login", data={"username": "olga", "password": "wrong-password", "csrf": token})
    admin = login(app, "adam")
    for _ in range(60):
        admin.get("/claims?measure=arrests")

    def shown(query: str) -> tuple[list[list[str]], str]:
        page = admin.get(f"/admin/audit{query}")
        assert page.status_code == 200, page.text
        rows = [
            re.findall(r"<td>(.*?)</td>", row, re.S)
            for row in re.findall(r'<tr class="entry[^"]*">(.*?)</tr>', page.text, re.S)
        ]
        return rows, page.text

    rows, text = shown("?username=olga&action=view")
    assert len(rows) == 3 and all(r[1] == "olga" and r[4] == "claims" for r in rows)
    assert "of 3," in text
    rows, _ = shown("?status=denied")
    assert rows and all(r[3] in ("denied", "login.failed", "login.throttled") for r in rows)
    assert any(r[3] == "login.failed" and r[4] == "olga" for r in rows)
    rows, _ = shown("?status=ok&username=olga")
    assert rows and all(r[3] not in ("denied", "login.failed") for r in rows)
    today = rows[0][0][:10]
    assert len(shown(f"?username=olga&action=view&from={today}&until={today}")[0]) == 3
    assert shown("?username=olga&until=2000-01-01")[0] == []

    first, text = shown("?username=adam")
    total = int(re.search(r"of (\d+), newest first", text).group(1))  # type: ignore[union-attr]
    assert total > 60 and len(first) == 50
    older = re.search(r'<a rel="next" href="([^"]+)"', text).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    assert "username=adam" in older and "offset=50" in older
    second, text = shown(older[len("/admin/audit") :])
    # each look at the log is logged too: the second page starts one entry later
    assert second and second[0] == first[-1] and "Entries 51–" in text
    assert 'rel="prev"' in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=2026-13-01", "from '2026-13-01' is not a day"),
        ("?until=yesterday", "until 'yesterday' is not a day"),
        ("?status=maybe", "status 'maybe' is not one of ok, denied"),
        ("?from=2026-05-02&until=2026-05-01", "from 2026-05-02 is after until 2026-05-01"),
    ],
)
def test_bad_audit_filters_are_said_on_the_page(store: Path, query: str, message: str) -> None:
    app = create_app(store)
    response = login(app, "adam").get(f"/admin/audit{query}")
    assert response.status_code == 400
    errors = _ERROR.findall(response.text.replace("&#39;", "'"))
    assert errors == [message + (" like 2026-03-01" if "not a day" in message else "")]


def test_the_api_filters_the_log_the_same_way(store: Path) -> None:
    token = create_token(store, "adam", "audit reader")
    app = create_app(store)
    client = TestClient(app)
    headers = {"Authorization": f"Bearer {token}"}
    stranger = TestClient(app, follow_redirects=False)
    csrf = _CSRF.search(stranger.get("/login").text).group(1)  # type: ignore[union-attr]
    stranger.post("/login", data={"username": "vera", "password": "not-her-password", "csrf": csrf})
    login(app, "anna").get("/claims")

    def items(query: str) -> list[dict[str, str]]:
        answer = client.get(f"/api/v1/audit?limit=500{query}", headers=headers)
        assert answer.status_code == 200, answer.text
        found: list[dict[str, str]] = answer.json()["items"]
        return found

    denied = items("&status=denied")
    assert denied and {e["action"] for e in denied} <= {"denied", "login.failed", "login.throttled"}
    assert any(e["action"] == "login.failed" and e["target"] == "vera" for e in denied)
    done = items("&status=ok")
    assert done and not {e["action"] for e in done} & {"denied", "login.failed", "login.throttled"}
    assert len(denied) + len(done) == len(items(""))
    today = done[0]["at"][:10]
    assert items(f"&since={today}") and items(f"&before={today}") == []
    bad = client.get("/api/v1/audit?status=maybe", headers=headers)
    assert bad.status_code == 422 and "status" in bad.json()["detail"]
