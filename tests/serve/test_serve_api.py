"""The REST API: authentication failures, roles, pagination, filters, stable JSON, victims, audit."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ringscope.serve.app import create_app

from .conftest import OFFICIAL, VICTIM, Fixture

PROTECTED = [
    "/api/v1/me",
    "/api/v1/reports",
    "/api/v1/entities",
    "/api/v1/claims",
    "/api/v1/figures",
    "/api/v1/events",
    "/api/v1/routes",
    "/api/v1/search?q=compound",
    "/api/v1/export/ftm",
    "/api/v1/export/claims.csv",
    "/api/v1/audit",
]


@pytest.fixture(scope="module")
def client(served: Fixture) -> Iterator[TestClient]:
    with TestClient(create_app(served.path)) as c:
        yield c


def _no_data(body: str) -> None:
    """A refusal says why and nothing else."""
    assert json.loads(body).keys() == {"detail"}
    for word in ("compound", "Myanmar", VICTIM, "rescued", "report_id", "items"):
        assert word not in body


@pytest.mark.parametrize("path", PROTECTED)
def test_no_token_is_401_and_leaks_nothing(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    _no_data(response.text)


@pytest.mark.parametrize("path", PROTECTED)
def test_wrong_token_is_401(client: TestClient, path: str, served: Fixture) -> None:
    forged = served.tokens["admin"][:-4] + "AAAA"
    for header in (f"Bearer {forged}", "Bearer ", "Basic dXNlcjpwYXNz", served.tokens["admin"]):
        response = client.get(path, headers={"Authorization": header})
        assert response.status_code == 401, header
        _no_data(response.text)


@pytest.mark.parametrize(
    ("path", "role"),
    [
        ("/api/v1/export/ftm", "viewer"),
        ("/api/v1/export/claims.csv", "viewer"),
        ("/api/v1/audit", "viewer"),
        ("/api/v1/audit", "analyst"),
        ("/api/v1/export/ftm?include_victims=true", "analyst"),
    ],
)
def test_wrong_role_is_403(client: TestClient, served: Fixture, path: str, role: str) -> None:
    response = client.get(path, headers=served.headers(role))
    assert response.status_code == 403
    _no_data(response.text)


def test_a_session_token_is_not_an_api_token(client: TestClient, served: Fixture) -> None:
    conn = sqlite3.connect(served.path)
    from ringscope.serve.users import User, issue_token

    row = conn.execute("SELECT pk FROM users WHERE username = 'vera'").fetchone()
    session = issue_token(conn, User(row[0], "vera", "viewer"), "session")
    conn.commit()
    conn.close()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {session}"}).status_code == 401


def test_health_needs_no_token_and_shows_no_data(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert set(response.json()) == {"status", "schema_version"}


def test_me_names_the_token_owner(client: TestClient, served: Fixture) -> None:
    assert client.get("/api/v1/me", headers=served.headers("analyst")).json() == {
        "username": "anna",
        "role": "analyst",
    }


def test_pages_cover_every_report_once(client: TestClient, served: Fixture) -> None:
    headers = served.headers("viewer")
    first = client.get("/api/v1/reports?limit=10&offset=0", headers=headers).json()
    total = first["total"]
    seen: list[str] = []
    for offset in range(0, total, 10):
        page = client.get(f"/api/v1/reports?limit=10&offset={offset}", headers=headers).json()
        assert page["limit"] == 10 and page["offset"] == offset and page["total"] == total
        seen += [item["id"] for item in page["items"]]
    assert len(seen) == total == len(set(seen))
    beyond = client.get(f"/api/v1/reports?limit=10&offset={total}", headers=headers).json()
    assert beyond["items"] == [] and beyond["total"] == total


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "limit=ten"])
def test_bad_paging_is_422_with_a_reason(client: TestClient, served: Fixture, query: str) -> None:
    response = client.get(f"/api/v1/claims?{query}", headers=served.headers("viewer"))
    assert response.status_code == 422
    assert "invalid request" in response.json()["detail"]


def test_json_is_stable(client: TestClient, served: Fixture) -> None:
    for path in ("/api/v1/claims?limit=20", "/api/v1/figures?limit=20", "/api/v1/entities?limit=20"):
        one = client.get(path, headers=served.headers("analyst")).content
        two = client.get(path, headers=served.headers("analyst")).content
        assert one == two
    item = client.get("/api/v1/claims?limit=1", headers=served.headers("viewer")).json()["items"][0]
    assert list(item)[:4] == ["id", "report_id", "measure", "value"]


def test_claim_filters(client: TestClient, served: Fixture) -> None:
    headers = served.headers("viewer")
    everything = client.get("/api/v1/claims?limit=500", headers=headers).json()
    measure = everything["items"][0]["measure"]
    country = next(i["location"] for i in everything["items"] if i["location"])
    by_measure = client.get(f"/api/v1/claims?limit=500&measure={measure}", headers=headers).json()
    assert by_measure["items"] and all(i["measure"] == measure for i in by_measure["items"])
    assert by_measure["total"] == sum(1 for i in everything["items"] if i["measure"] == measure)
    by_country = client.get(f"/api/v1/claims?limit=500&country={country.lower()}", headers=headers).json()
    assert by_country["items"] and all(i["location"] == country for i in by_country["items"])


def test_conflicts_are_flagged_claims_with_reasons(client: TestClient, served: Fixture) -> None:
    headers = served.headers("viewer")
    figures = client.get("/api/v1/figures?conflicts=true&limit=500", headers=headers).json()
    assert figures["total"] > 0
    flagged = {f["claim_id"] for figure in figures["items"] for f in figure["flags"]}
    assert all(figure["conflicted"] and figure["flags"] for figure in figures["items"])
    assert all(f["reason"] for figure in figures["items"] for f in figure["flags"])
    claims = client.get("/api/v1/claims?conflicts=true&limit=500", headers=headers).json()
    assert {c["id"] for c in claims["items"]} == flagged
    every = client.get("/api/v1/figures?limit=500", headers=headers).json()
    assert every["total"] > figures["total"]


def test_search_pages_and_bad_queries(client: TestClient, served: Fixture) -> None:
    headers = served.headers("viewer")
    hits = client.get("/api/v1/search?q=compound&limit=3", headers=headers).json()
    assert hits["total"] >= len(hits["items"]) > 0
    assert all(
        "«" in h["snippet"].casefold() or "compound" in (h["title"] or "").casefold() for h in hits["items"]
    )
    response = client.get('/api/v1/search?q="', headers=headers)
    assert response.status_code == 400 and "nothing to search for" in response.json()["detail"]


def _victim_report(client: TestClient, served: Fixture) -> str:
    hits = client.get("/api/v1/search?q=Colonel+Sandberg", headers=served.headers("viewer")).json()
    return str(hits["items"][0]["report_id"])


def test_victims_are_hidden_from_viewers_and_analysts(client: TestClient, served: Fixture) -> None:
    report_id = _victim_report(client, served)
    for role in ("viewer", "analyst", "admin"):
        answer = client.get(f"/api/v1/reports/{report_id}", headers=served.headers(role))
        assert VICTIM not in answer.text and "[victim " in answer.json()["text"]
        assert OFFICIAL in answer.text
        search = client.get("/api/v1/search?q=guards", headers=served.headers(role)).text
        assert VICTIM not in search and "Dossou" not in search
        for path in ("/api/v1/entities?limit=500&q=Dossou", "/api/v1/claims?limit=500"):
            assert VICTIM not in client.get(path, headers=served.headers(role)).text
    refused = client.get(f"/api/v1/reports/{report_id}?names=1", headers=served.headers("analyst"))
    assert refused.status_code == 403
    named = client.get(f"/api/v1/reports/{report_id}?names=1", headers=served.headers("admin"))
    assert VICTIM in named.text


def test_exports_leave_victims_out_unless_an_admin_asks(client: TestClient, served: Fixture) -> None:
    plain = client.get("/api/v1/export/ftm", headers=served.headers("analyst"))
    assert plain.status_code == 200
    lines = [json.loads(line) for line in plain.text.splitlines()]
    assert lines and all("schema" in line for line in lines)
    assert VICTIM not in plain.text and OFFICIAL in plain.text
    full = client.get("/api/v1/export/ftm?include_victims=true", headers=served.headers("admin"))
    assert VICTIM in full.text
    csv_text = client.get("/api/v1/export/claims.csv", headers=served.headers("analyst")).text
    assert csv_text.startswith("report_id,claim_id,measure")
    assert VICTIM not in csv_text


def test_audit_log_records_views_and_exports(client: TestClient, served: Fixture) -> None:
    report_id = _victim_report(client, served)
    client.get(f"/api/v1/reports/{report_id}", headers=served.headers("viewer"))
    client.get("/api/v1/export/claims.csv", headers=served.headers("analyst"))
    log = client.get("/api/v1/audit?limit=500", headers=served.headers("admin")).json()["items"]
    assert any(e["username"] == "vera" and e["target"] == f"report:{report_id}" for e in log)
    assert any(
        e["username"] == "anna" and e["action"] == "export" and e["target"] == "claims.csv" for e in log
    )
    assert log == sorted(log, key=lambda e: e["at"], reverse=True)
    only = client.get("/api/v1/audit?action=export&limit=500", headers=served.headers("admin")).json()[
        "items"
    ]
    assert only and all(e["action"] == "export" for e in only)


def test_tokens_and_users(client: TestClient, served: Fixture) -> None:
    made = client.post("/api/v1/tokens", json={"label": "laptop"}, headers=served.headers("viewer"))
    assert made.status_code == 201
    token = made.json()["token"]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()["username"] == "vera"
    body = {"username": "newbie", "password": "long-enough-pw", "role": "viewer"}
    assert client.post("/api/v1/users", json=body, headers=served.headers("analyst")).status_code == 403
    assert client.post("/api/v1/users", json=body, headers=served.headers("admin")).status_code == 201
    again = client.post("/api/v1/users", json=body, headers=served.headers("admin"))
    assert again.status_code == 400 and "already exists" in again.json()["detail"]


def test_missing_items_are_404(client: TestClient, served: Fixture) -> None:
    for path in ("/api/v1/reports/nope", "/api/v1/entities/nope", "/api/v1/events/nope"):
        response = client.get(path, headers=served.headers("viewer"))
        assert response.status_code == 404 and response.json() == {"detail": response.json()["detail"]}


def test_entity_network_is_the_neighbourhood(client: TestClient, served: Fixture) -> None:
    headers = served.headers("viewer")
    first = client.get("/api/v1/entities?type=Organization&limit=1", headers=headers).json()["items"][0]
    network = client.get(f"/api/v1/entities/{first['id']}/network", headers=headers).json()
    ids = {n["id"] for n in network["nodes"]}
    assert first["id"] in ids and len(ids) > 1
    assert all(first["id"] in (e["a"], e["b"]) or e["weight"] > 1 for e in network["edges"])
    assert all(e["a"] in ids and e["b"] in ids for e in network["edges"])
    assert VICTIM not in str(network)


def test_every_route_but_health_and_login_needs_authentication(served: Fixture) -> None:
    from fastapi.routing import APIRoute

    from ringscope.serve import api, api_claims, api_exports, api_screen
    from ringscope.serve import pages as web

    app = create_app(served.path)
    client = TestClient(app, follow_redirects=False)
    public = {"/health", "/login"}
    checked = 0
    routers = [api.router, api_claims.router, api_exports.router, api_screen.router, *web.ROUTERS]
    for route in [*app.routes, *(r for router in routers for r in router.routes)]:
        if not isinstance(route, APIRoute) or route.path in public:
            continue
        path = route.path.replace("{", "").replace("}", "")  # any value for path parameters
        for method in route.methods:
            response = client.request(method, path)
            assert response.status_code in (401, 303), f"{method} {route.path}: {response.status_code}"
            if response.status_code == 303:
                assert response.headers["location"].startswith("/login")
            checked += 1
    assert checked >= 30
