"""Ad screening in the API and the web app: roles, bad input, scoring with quotes, the stored network."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ringscope.serve.app import create_app
from ringscope.serve.deps import SESSION_COOKIE, csrf_token
from ringscope.serve.screening import MAX_ADS

from .conftest import PASSWORDS, Fixture, build_store

# invented ads: no real company, handle or number
LURE = (
    "Customer service agents wanted for an office in Cambodia. No experience needed, salary USD 2,700"
    " per month, free flights and accommodation. Travel on a tourist visa, the contract is signed on"
    " arrival. Message Telegram @brightpeak_jobs today, places are limited!"
)
LURE_TWO = (
    "Typing and data entry staff for a trading team in Laos. Easy work, high pay: USD 3,000 a month,"
    " visa and hotel paid by the company. Interview on WhatsApp only. Telegram @brightpeak_jobs"
)
PLAIN = (
    "The municipal library of our town seeks a part-time librarian. Duties include cataloguing books,"
    " helping readers and organising reading events for children. Applicants need a degree in library"
    " science. Send a cover letter and CV by post to the library office."
)


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    return build_store(tmp_path_factory.mktemp("screen"))


@pytest.fixture(scope="module")
def client(own: Fixture) -> Iterator[TestClient]:
    with TestClient(create_app(own.path)) as c:
        yield c


def _post(client: TestClient, own: Fixture, role: str, body: object) -> tuple[int, dict]:  # type: ignore[type-arg]
    response = client.post("/api/v1/screen", json=body, headers=own.headers(role))
    return response.status_code, response.json()


def test_screen_needs_a_token(client: TestClient) -> None:
    response = client.post("/api/v1/screen", json={"ads": [{"text": LURE}]})
    assert response.status_code == 401
    assert json.loads(response.text).keys() == {"detail"}
    forged = client.post(
        "/api/v1/screen", json={"ads": [{"text": LURE}]}, headers={"Authorization": "Bearer x"}
    )
    assert forged.status_code == 401


def test_a_viewer_may_screen_but_not_store(client: TestClient, own: Fixture) -> None:
    status, body = _post(client, own, "viewer", {"ads": [{"id": "v1", "text": LURE}]})
    assert status == 200 and body["results"][0]["id"] == "v1" and body["stored"] == 0
    status, body = _post(client, own, "viewer", {"ads": [{"text": LURE}], "store": True})
    assert status == 403 and "analyst" in body["detail"]


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"ads": []},
        {"ads": "not a list"},
        {"ads": [{"text": 12}]},
        {"ads": [{"text": LURE, "salary": "x"}]},
        {"ads": [{"text": "x" * 100_001}]},
        {"ads": [{"text": "an ad"}] * (MAX_ADS + 1)},
        {"ads": [{"text": "y" * 90_000}] * 25},
        {"ads": [{"text": LURE}], "store": "perhaps"},
    ],
)
def test_bad_input_is_422_with_a_reason(client: TestClient, own: Fixture, bad: object) -> None:
    status, body = _post(client, own, "analyst", bad)
    assert status == 422
    assert body["detail"].startswith("invalid request: ")


def test_a_lure_is_scored_with_indicators_quoting_the_ad(client: TestClient, own: Fixture) -> None:
    status, body = _post(
        client, own, "viewer", {"ads": [{"id": "lure", "text": LURE}, {"id": "plain", "text": PLAIN}]}
    )
    assert status == 200
    lure, plain = body["results"]
    assert lure["level"] == "high" and lure["score"] > plain["score"]
    assert lure["indicators"], "a lure has indicators"
    for indicator in lure["indicators"]:
        assert indicator["reason"]
        assert LURE[indicator["start"] : indicator["end"]] == indicator["quote"]
    codes = {i["code"] for i in lure["indicators"]}
    assert "D3_tourist_visa_no_contract" in codes
    assert {"kind": "handle", "value": "brightpeak_jobs"}.items() <= lure["contacts"][0].items()
    assert lure["destinations"] == ["KH"]
    assert plain["level"] == "low"


def test_structured_fields_and_per_ad_errors(client: TestClient, own: Fixture) -> None:
    ads = [
        {
            "title": "Online sales in Laos",
            "description": "Easy work, high pay, contact us on Telegram @oak_desk_hr",
        },
        {"id": "empty", "text": "   "},
        {"id": "none"},
    ]
    status, body = _post(client, own, "viewer", {"ads": ads})
    assert status == 200
    first, empty, none = body["results"]
    assert first["id"] == "1" and "score" in first
    joined = "Online sales in Laos\n\nEasy work, high pay, contact us on Telegram @oak_desk_hr"
    assert all(joined[i["start"] : i["end"]] == i["quote"] for i in first["indicators"])
    assert empty["id"] == "empty" and "error" in empty and "score" not in empty
    assert none["id"] == "none" and "no ad text" in none["error"]


def test_stored_ads_sharing_a_handle_form_a_network(client: TestClient, own: Fixture) -> None:
    status, body = _post(
        client,
        own,
        "analyst",
        {
            "ads": [
                {"id": "ad-a", "text": LURE},
                {"id": "ad-b", "text": LURE_TWO},
                {"id": "ad-c", "text": PLAIN},
            ],
            "store": True,
        },
    )
    assert status == 200 and body["stored"] == 3
    response = client.get("/api/v1/screen/networks", headers=own.headers("viewer"))
    assert response.status_code == 200
    networks = response.json()
    assert len(networks) == 1
    assert sorted(a["id"] for a in networks[0]["ads"]) == ["ad-a", "ad-b"]
    assert {"kind": "handle", "value": "brightpeak_jobs", "service": "telegram"} in networks[0]["accounts"]
    # storing the same ads again updates them instead of adding rows
    status, body = _post(client, own, "analyst", {"ads": [{"id": "ad-a", "text": LURE}], "store": True})
    assert status == 200
    assert sorted(
        a["id"] for a in client.get("/api/v1/screen/networks", headers=own.headers("viewer")).json()[0]["ads"]
    ) == ["ad-a", "ad-b"]
    # the FtM export carries the account and the ads linked to it
    export = client.get("/api/v1/export/ftm", headers=own.headers("analyst"))
    assert export.status_code == 200
    entities = [json.loads(line) for line in export.text.splitlines() if line]
    accounts = [e for e in entities if e["schema"] == "UserAccount"]
    assert any("brightpeak_jobs" in e["properties"].get("username", []) for e in accounts)
    account_ids = {e["id"] for e in accounts}
    links = [e for e in entities if e["schema"] == "Documentation"]
    linked = [e for e in links if set(e["properties"].get("entity", [])) & account_ids]
    assert len(linked) >= 2
    # and the audit log recorded the screening
    audit = client.get("/api/v1/audit?action=screen", headers=own.headers("admin")).json()
    assert any(item["username"] == "anna" and "stored=3" in (item["detail"] or "") for item in audit["items"])


def _login(client: TestClient, username: str) -> str:
    page = client.get("/login")
    login_csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert login_csrf
    response = client.post(
        "/login",
        data={
            "username": username,
            "password": PASSWORDS[username],
            "csrf": login_csrf.group(1),
            "next": "/",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    return str(client.cookies.get(SESSION_COOKIE))


def test_the_form_needs_csrf_and_marks_the_quotes(own: Fixture) -> None:
    with TestClient(create_app(own.path)) as web:
        session = _login(web, "vera")
        refused = web.post("/screen", data={"text": LURE, "csrf": "wrong"})
        assert refused.status_code == 403
        page = web.post("/screen", data={"text": LURE, "csrf": csrf_token(session)})
        assert page.status_code == 200
        assert 'level-high">high</span>' in page.text
        assert '<mark class="hl hl-indicator" title="D3_tourist_visa_no_contract: ' in page.text
        assert ">tourist visa</mark>" in page.text
        stored = web.post("/screen", data={"text": LURE, "csrf": csrf_token(session), "store": "true"})
        assert stored.status_code == 403  # a viewer cannot store


def test_the_network_view_shows_accounts_linking_ads(client: TestClient, own: Fixture) -> None:
    _post(
        client,
        own,
        "analyst",
        {"ads": [{"id": "n-1", "text": LURE}, {"id": "n-2", "text": LURE_TWO}], "store": True},
    )
    with TestClient(create_app(own.path)) as web:
        _login(web, "anna")
        for path in ("/network", "/screen"):
            page = web.get(path)
            assert page.status_code == 200
            assert "@brightpeak_jobs (telegram) (UserAccount" in page.text, path
