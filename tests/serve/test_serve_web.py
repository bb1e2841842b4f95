"""Web pages through the test client: login, CSRF, redirects, roles, highlighting, victims."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ringscope.serve.app import create_app

from .conftest import OFFICIAL, PASSWORDS, VICTIM, Fixture

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(scope="module")
def app(served: Fixture):  # type: ignore[no-untyped-def]
    return create_app(served.path)


def login(app, username: str, next_url: str = "/") -> TestClient:  # type: ignore[no-untyped-def]
    client = TestClient(app, follow_redirects=False)
    form = client.get("/login")
    token = _CSRF.search(form.text).group(1)  # type: ignore[union-attr]
    response = client.post(
        "/login",
        data={"username": username, "password": PASSWORDS[username], "csrf": token, "next": next_url},
    )
    assert response.status_code == 303, response.text
    return client


@pytest.fixture(scope="module")
def viewer(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    yield login(app, "vera")


@pytest.fixture(scope="module")
def analyst(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    yield login(app, "anna")


@pytest.mark.parametrize(
    "path", ["/", "/search?q=x", "/claims", "/entities", "/map", "/network", "/timeline"]
)
def test_pages_redirect_to_login(app, path: str) -> None:  # type: ignore[no-untyped-def]
    response = TestClient(app, follow_redirects=False).get(path)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")


def test_login_needs_the_form_csrf_token(app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app, follow_redirects=False)
    client.get("/login")
    response = client.post(
        "/login", data={"username": "vera", "password": PASSWORDS["vera"], "csrf": "forged"}
    )
    assert response.status_code == 403
    assert "rs_session" not in response.cookies


def test_wrong_password_is_refused(app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app, follow_redirects=False)
    token = _CSRF.search(client.get("/login").text).group(1)  # type: ignore[union-attr]
    response = client.post("/login", data={"username": "vera", "password": "wrong-password", "csrf": token})
    assert response.status_code == 401 and "Wrong username or password" in response.text
    assert "rs_session" not in response.cookies


def test_login_does_not_redirect_off_site(app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app, follow_redirects=False)
    token = _CSRF.search(client.get("/login").text).group(1)  # type: ignore[union-attr]
    data = {"username": "vera", "password": PASSWORDS["vera"], "csrf": token, "next": "//evil.example/x"}
    assert client.post("/login", data=data).headers["location"] == "/"


def test_session_cookie_is_httponly_and_strict(app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app, follow_redirects=False)
    token = _CSRF.search(client.get("/login").text).group(1)  # type: ignore[union-attr]
    response = client.post("/login", data={"username": "vera", "password": PASSWORDS["vera"], "csrf": token})
    cookie = response.headers["set-cookie"].lower()
    assert "rs_session=" in cookie and "httponly" in cookie and "samesite=strict" in cookie


def test_forms_need_the_session_csrf_token(app) -> None:  # type: ignore[no-untyped-def]
    client = login(app, "vera")
    assert client.post("/account/tokens", data={"csrf": "forged"}).status_code == 403
    assert client.post("/logout", data={}).status_code == 403
    token = _CSRF.search(client.get("/account").text).group(1)  # type: ignore[union-attr]
    made = client.post("/account/tokens", data={"csrf": token, "label": "x"})
    assert made.status_code == 200 and "rs_" in made.text
    assert client.post("/logout", data={"csrf": token}).status_code == 303
    assert client.get("/").status_code == 303  # the session is gone


def test_report_page_marks_items_and_withholds_victims(viewer: TestClient, analyst: TestClient) -> None:
    hit = re.search(r'href="/reports/([^"]+)"', viewer.get("/search?q=Colonel+Sandberg").text)
    assert hit
    page = viewer.get(f"/reports/{hit.group(1)}").text
    assert 'class="hl hl-claim"' in page and 'class="hl hl-person"' in page
    assert VICTIM not in page and "hl-withheld" in page and OFFICIAL in page
    assert VICTIM not in analyst.get(f"/reports/{hit.group(1)}").text
    assert analyst.get(f"/reports/{hit.group(1)}?names=1").status_code == 403


def test_claims_page_shows_conflicts_with_reasons(viewer: TestClient) -> None:
    page = viewer.get("/claims?conflicts=true").text
    rows = re.findall(r'<tr class="figure conflict">', page)
    assert rows and page.count('class="flag"') >= len(rows)


def test_exports_need_the_analyst_role(viewer: TestClient, analyst: TestClient) -> None:
    assert viewer.get("/export/ftm").status_code == 403
    response = analyst.get("/export/claims.csv")
    assert response.status_code == 200 and response.text.startswith("report_id,")
    assert analyst.get("/export/ftm?include_victims=true").status_code == 403


def test_security_headers(viewer: TestClient) -> None:
    headers = viewer.get("/").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"


def test_bad_page_parameters_get_an_error_page(viewer: TestClient) -> None:
    response = viewer.get("/claims?country=Cambodia")
    assert response.status_code == 400
    assert "country" in response.text and "<html" in response.text
    assert viewer.get("/entities/no-such-entity").status_code == 404
