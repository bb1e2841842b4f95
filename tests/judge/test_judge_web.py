"""Judgements through the REST API and the web pages (test client over a real store): roles, CSRF,
the audit log, and the judged items shown where they apply."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ringscope.api import picture
from ringscope.serve.app import create_app
from ringscope.serve.users import create_token

from .reports import PASSWORDS, build, report_ids

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("judge-web"))


@pytest.fixture
def store(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "judged.db"
    shutil.copy(pristine, copy)
    return copy


@pytest.fixture
def app(store: Path) -> FastAPI:
    return create_app(store)


def bearer(store: Path, username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(store, username, 'tests')}"}


def login(app: FastAPI, username: str) -> tuple[TestClient, str]:
    client = TestClient(app, follow_redirects=False)
    token = _CSRF.search(client.get("/login").text).group(1)  # type: ignore[union-attr]
    response = client.post("/login", data={"username": username, "password": PASSWORDS[username],
                                           "csrf": token, "next": "/"})
    assert response.status_code == 303, response.text
    csrf = _CSRF.search(client.get("/judgements").text).group(1)  # type: ignore[union-attr]
    return client, csrf


def audited(store: Path) -> list[tuple[str, str]]:
    app_audit = sqlite3.connect(store)
    try:
        rows = app_audit.execute("SELECT username, action FROM audit_log"
                                 " WHERE action IN ('judge', 'undo-judgement') ORDER BY pk").fetchall()
    finally:
        app_audit.close()
    return [tuple(r) for r in rows]


def handle(store: Path, value: float) -> str:
    ref = next(r for f in picture(store).figures for r in f.claims if r.claim.value == value)
    return f"{ref.report_id}:{ref.claim.id}"


MERGE = {"kind": "merge", "items": ["Halvard Syndicate", "Halvard Group"], "note": "one gang"}


def test_the_api_lets_analysts_judge_and_undo_and_refuses_viewers(app: FastAPI, store: Path) -> None:
    client = TestClient(app)
    assert client.post("/api/v1/judgements", json=MERGE).status_code == 401
    assert client.post("/api/v1/judgements", json=MERGE, headers=bearer(store, "vera")).status_code == 403
    made = client.post("/api/v1/judgements", json=MERGE, headers=bearer(store, "anna"))
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["id"], body["kind"], body["user"], body["note"], body["applies"]) == (
        1, "merge", "anna", "one gang", True)
    assert body["targets"] == ["Halvard Syndicate", "Halvard Group"]
    listed = client.get("/api/v1/judgements", headers=bearer(store, "vera"))
    assert listed.status_code == 200 and [j["id"] for j in listed.json()] == [1]
    assert client.post("/api/v1/judgements/1/undo", headers=bearer(store, "vera")).status_code == 403
    undone = client.post("/api/v1/judgements/1/undo", headers=bearer(store, "adam"))
    assert undone.status_code == 200 and undone.json()["undone_by"] == "adam"
    assert client.post("/api/v1/judgements/1/undo", headers=bearer(store, "adam")).status_code == 409
    assert client.post("/api/v1/judgements/9/undo", headers=bearer(store, "adam")).status_code == 404
    assert client.get("/api/v1/judgements", headers=bearer(store, "vera")).json() == []
    everything = client.get("/api/v1/judgements?all=true", headers=bearer(store, "vera")).json()
    assert everything[0]["undone_by"] == "adam"
    assert audited(store) == [("anna", "judge"), ("adam", "undo-judgement")]


def test_the_api_says_why_a_judgement_cannot_be_made(app: FastAPI, store: Path) -> None:
    client = TestClient(app)
    bad = client.post("/api/v1/judgements", headers=bearer(store, "anna"),
                      json={"kind": "merge", "items": ["Halvard Syndicate", "Nobody Known"]})
    assert bad.status_code == 400 and "no entity" in bad.json()["detail"]
    wrong = client.post("/api/v1/judgements", headers=bearer(store, "anna"),
                        json={"kind": "shout", "items": ["x"]})
    assert wrong.status_code == 422
    assert audited(store) == []


def test_viewers_see_no_forms_and_cannot_post_one(app: FastAPI, store: Path) -> None:
    client, csrf = login(app, "vera")
    entity = picture(store).entity("Halvard Group")[0]
    page = client.get(f"/entities/{entity.id}")
    assert page.status_code == 200 and 'action="/judgements"' not in page.text
    refused = client.post("/judgements", data={"kind": "merge", "a": entity.id, "b": "Halvard Syndicate",
                                               "csrf": csrf})
    assert refused.status_code == 403
    assert audited(store) == []


def test_a_form_without_the_csrf_token_is_refused(app: FastAPI, store: Path) -> None:
    client, _ = login(app, "anna")
    refused = client.post("/judgements", data={"kind": "merge", "a": "Halvard Group",
                                               "b": "Halvard Syndicate", "csrf": "forged"})
    assert refused.status_code == 403 and audited(store) == []


def test_an_analyst_merges_on_the_entity_page_and_the_merged_entity_shows_who_and_why(
    app: FastAPI, store: Path
) -> None:
    client, csrf = login(app, "anna")
    group = picture(store).entity("Halvard Group")[0]
    page = client.get(f"/entities/{group.id}")
    assert 'name="kind" value="merge"' in page.text
    made = client.post("/judgements", data={"kind": "merge", "a": group.id, "b": "Halvard Syndicate",
                                            "note": "one gang, two names", "csrf": csrf, "next": "/"})
    assert made.status_code == 303
    merged = client.get(made.headers["location"])
    assert merged.status_code == 200
    assert "Halvard Group" in merged.text and "Halvard Syndicate" in merged.text
    assert re.search(r"merge by anna on \d{4}-\d\d-\d\d: one gang, two names", merged.text)
    listing = client.get("/judgements")
    assert 'action="/judgements/1/undo"' in listing.text
    assert client.post("/judgements/1/undo", data={"csrf": csrf}).status_code == 303
    assert "undone by anna" in client.get("/judgements").text
    assert audited(store) == [("anna", "judge"), ("anna", "undo-judgement")]


def test_a_resolved_conflict_leaves_the_conflicts_list_and_shows_its_note(app: FastAPI, store: Path) -> None:
    client, csrf = login(app, "adam")
    assert client.get("/claims?conflicts=true").text.count('<tr class="figure ') == 1
    made = client.post("/judgements", data={"kind": "resolve", "a": handle(store, 220.0),
                                            "note": "staff counted too", "csrf": csrf,
                                            "next": "/claims?conflicts=true"})
    assert made.status_code == 303 and made.headers["location"] == "/claims?conflicts=true"
    assert client.get("/claims?conflicts=true").text.count('<tr class="figure ') == 0
    everything = client.get("/claims").text
    assert "staff counted too" in everything and "<b>resolved</b>" in everything


def test_an_event_split_on_the_event_page(app: FastAPI, store: Path) -> None:
    client, csrf = login(app, "anna")
    ids = report_ids(store)
    event = picture(store).event_of[ids["b1"]]
    page = client.get(f"/events/{event}")
    assert 'name="kind" value="different-event"' in page.text
    first = picture(store).events[[e.id for e in picture(store).events].index(event)].report_ids[0]
    other = ids["b2"] if first == ids["b1"] else ids["b1"]
    made = client.post("/judgements", data={"kind": "different-event", "a": first, "b": other,
                                            "note": "a shelter is not a trial", "csrf": csrf})
    assert made.status_code == 303
    assert picture(store).event_of[ids["b1"]] is None
    assert client.get(f"/events/{event}").status_code == 404


def test_a_judgement_that_cannot_be_made_gives_a_page_saying_why(app: FastAPI, store: Path) -> None:
    client, csrf = login(app, "anna")
    page = client.post("/judgements", data={"kind": "merge", "a": "Halvard Group", "b": "Nobody Known",
                                            "csrf": csrf})
    assert page.status_code == 400 and "not judged: no entity" in page.text
