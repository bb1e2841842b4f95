"""Every way report data leaves ringscope, for the viewer and the analyst: no victim's name.

API answers, pages, search snippets and counts, exports from the web, the API and the CLI
(FtM, CSV, Parquet), and the brief; officials and suspects stay visible; an admin sees names
only when asking for them, and the asking is audited. The test prints how many paths and
phrasings it checked.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from ringscope.report.brief import write_brief
from ringscope.serve.app import create_app

from .conftest import PASSWORDS, VictimStore
from .leaks import PUBLIC_NAMES, VICTIM_NAMES, Checked, leaks
from .phrasings import VICTIM_PHRASINGS

ROLES = {"viewer": "vera", "analyst": "anna"}
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
CHECKED = Checked()


@pytest.fixture(scope="module")
def api(victim_store: VictimStore) -> Iterator[TestClient]:
    with TestClient(create_app(victim_store.path)) as client:
        yield client


def _login(victim_store: VictimStore, username: str) -> TestClient:
    client = TestClient(create_app(victim_store.path), follow_redirects=False)
    token = _CSRF.search(client.get("/login").text).group(1)  # type: ignore[union-attr]
    response = client.post(
        "/login", data={"username": username, "password": PASSWORDS[username], "csrf": token, "next": "/"}
    )
    assert response.status_code == 303
    return client


def _get(client: TestClient, template: str, url: str, headers: dict[str, str] | None = None) -> str:
    response = client.get(url, headers=headers or {})
    assert response.status_code == 200, (url, response.status_code, response.text[:200])
    CHECKED.clean(template, response.text)
    return response.text


@pytest.mark.parametrize("role", list(ROLES))
def test_api_answers_name_no_victim(api: TestClient, victim_store: VictimStore, role: str) -> None:
    h = victim_store.headers(role)
    reports = api.get("/api/v1/reports?limit=500", headers=h).json()["items"]
    CHECKED.clean("/api/v1/reports", str(reports))
    assert len(reports) >= 10
    texts = ""
    for r in reports:
        detail = _get(api, "/api/v1/reports/{id}", f"/api/v1/reports/{r['id']}", h)
        texts += detail
        data = api.get(f"/api/v1/reports/{r['id']}", headers=h).json()
        for entity in data["entities"]:  # offsets point into the redacted text
            for m in entity["mentions"]:
                assert data["text"][m["start"] : m["end"]] == m["text"], (m, detail[:80])
        for claim in data["claims"]:
            assert data["text"][claim["start"] : claim["end"]] == claim["quote"]
    entities = api.get("/api/v1/entities?limit=500", headers=h)
    CHECKED.clean("/api/v1/entities", entities.text)
    assert all(name in texts for name in PUBLIC_NAMES)  # officials and suspects stay visible
    assert sum(name in entities.text for name in PUBLIC_NAMES) >= 5  # those the extractor finds
    items = entities.json()["items"]
    placeholders = [e for e in items if e["name"].startswith("[victim ")]
    assert len(placeholders) >= 10  # withheld persons the extractor found, by their placeholders
    for e in items:
        _get(api, "/api/v1/entities/{id}", f"/api/v1/entities/{e['id']}", h)
        if e["type"] == "Person":
            _get(api, "/api/v1/entities/{id}/network", f"/api/v1/entities/{e['id']}/network", h)
    for template in (
        "/api/v1/claims?limit=500",
        "/api/v1/claims?conflicts=true",
        "/api/v1/figures?limit=500",
        "/api/v1/events",
        "/api/v1/routes",
        "/api/v1/search?q=compound",
        "/api/v1/search?q=said&limit=100",
        "/api/v1/search?q=tells",
    ):
        _get(api, template, template, h)
    for event in api.get("/api/v1/events", headers=h).json()["items"]:
        _get(api, "/api/v1/events/{id}", f"/api/v1/events/{event['id']}", h)
    for name in VICTIM_NAMES:  # a search for a victim finds nothing, not even a count
        for query in (name, name.split()[-1], name.split()[0][:4] + "*"):
            found = api.get("/api/v1/search", params={"q": query}, headers=h).json()
            assert found["total"] == 0 and found["items"] == [], query
            CHECKED.clean("/api/v1/search?q={victim}", str(found))
    if role == "analyst":
        ftm = _get(api, "/api/v1/export/ftm", "/api/v1/export/ftm", h)
        assert sum(name in ftm for name in PUBLIC_NAMES) >= 5  # the persons the extractor found
        _get(api, "/api/v1/export/claims.csv", "/api/v1/export/claims.csv", h)
    assert api.get("/api/v1/reports?names=1", headers=h).status_code == 403


@pytest.mark.parametrize("role", list(ROLES))
def test_pages_name_no_victim(victim_store: VictimStore, role: str) -> None:
    client = _login(victim_store, ROLES[role])
    home = _get(client, "/", "/")
    assert "<html" in home.lower()
    entities = _get(client, "/entities", "/entities")
    assert sum(name in entities for name in PUBLIC_NAMES) >= 5
    for entity_id in sorted(set(re.findall(r'href="/entities/([0-9a-f]+)"', entities))):
        _get(client, "/entities/{id}", f"/entities/{entity_id}")
    search = _get(client, "/search?q=compound", "/search?q=compound")
    for report_id in sorted(set(re.findall(r'href="/reports/([^"]+)"', search))):
        _get(client, "/reports/{id}", f"/reports/{report_id}")
    for template in (
        "/search?q=said",
        "/claims",
        "/claims?conflicts=true",
        "/events",
        "/map",
        "/network",
        "/timeline",
    ):
        _get(client, template, template)
    events = client.get("/events").text
    for event_id in sorted(set(re.findall(r'href="/events/([0-9a-f]+)"', events))):
        _get(client, "/events/{id}", f"/events/{event_id}")
    for name in VICTIM_NAMES:  # the page echoes the query typed; it finds nothing
        query = name.split()[-1]
        page = client.get("/search", params={"q": query}).text
        assert '<li class="hit' not in page
        CHECKED.clean("/search?q={victim}", page.replace(query, ""))
    if role == "analyst":
        _get(client, "/export/ftm", "/export/ftm")
        _get(client, "/export/claims.csv", "/export/claims.csv")
        assert client.get("/export/ftm?include_victims=true").status_code == 403
    assert client.get("/entities?names=1").status_code == 403


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RINGSCOPE_")}
    result = subprocess.run(
        [sys.executable, "-m", "ringscope.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result


def test_cli_exports_name_no_victim_by_default(victim_store: VictimStore, tmp_path: Path) -> None:
    store = str(victim_store.path)
    ftm = _cli("export", "-f", "ftm", "-o", "-", "-s", store, cwd=tmp_path).stdout
    CHECKED.clean("ringscope export -f ftm", ftm)
    assert sum(name in ftm for name in PUBLIC_NAMES) >= 5
    _cli("export", "-f", "csv", "-o", str(tmp_path / "csv"), "-s", store, cwd=tmp_path)
    for table in sorted((tmp_path / "csv").glob("*.csv")):
        CHECKED.clean(f"ringscope export -f csv: {table.name}", table.read_text(encoding="utf-8"))
    _cli("export", "-f", "parquet", "-o", str(tmp_path / "pq"), "-s", store, cwd=tmp_path)
    for table in sorted((tmp_path / "pq").glob("*.parquet")):
        CHECKED.clean(f"ringscope export -f parquet: {table.name}", str(pq.read_table(table).to_pylist()))
    named = _cli("export", "-f", "ftm", "-o", "-", "--include-victims", "-s", store, cwd=tmp_path).stdout
    assert sum(name in named for name in VICTIM_NAMES) >= 10  # the victims the extractor found


def test_cli_reading_commands_name_no_victim_by_default(victim_store: VictimStore, tmp_path: Path) -> None:
    store = str(victim_store.path)
    for args in (
        ("search", "compound", "-n", "50"),
        ("search", "said", "-n", "50"),
        ("claims", "-n", "500"),
        ("claims", "--conflicts"),
        ("entities", "-n", "500"),
        ("events",),
        ("entity", PUBLIC_NAMES[0]),
    ):
        result = _cli(*args, "-s", store, cwd=tmp_path)
        CHECKED.clean("ringscope " + " ".join(args[:2]), result.stdout + result.stderr)
    assert PUBLIC_NAMES[0] in _cli("entity", PUBLIC_NAMES[0], "-s", store, cwd=tmp_path).stdout
    entities = _cli("entities", "-n", "500", "-s", store, cwd=tmp_path).stdout
    assert "[victim" in entities
    found = _cli("search", VICTIM_NAMES[0].split()[-1], "-s", store, cwd=tmp_path)
    assert found.stdout == "" and "no reports match" in found.stderr
    named = _cli("entities", "-n", "500", "--include-victims", "-s", store, cwd=tmp_path).stdout
    assert leaks(named)


def test_brief_names_no_victim(victim_store: VictimStore, tmp_path: Path) -> None:
    whole = write_brief(victim_store.path, tmp_path / "brief.html").read_text(encoding="utf-8")
    CHECKED.clean("brief", whole)
    # a brief of part of the store follows the whole store's decision
    part = write_brief(victim_store.path, tmp_path / "part.html", since="2026-02-01").read_text(
        encoding="utf-8"
    )
    CHECKED.clean("brief --since", part)
    assert "<script>window.__pwned" not in whole


def test_admin_sees_names_only_when_asking_and_it_is_audited(
    api: TestClient, victim_store: VictimStore
) -> None:
    h = victim_store.headers("admin")
    assert not leaks(api.get("/api/v1/entities?limit=500", headers=h).text)
    named = api.get("/api/v1/entities?limit=500&names=1", headers=h).text
    assert sum(name in named for name in VICTIM_NAMES) >= 10  # the victims the extractor found
    texts = ""
    for report in api.get("/api/v1/reports?limit=500", headers=h).json()["items"]:
        assert not leaks(api.get(f"/api/v1/reports/{report['id']}", headers=h).text)
        texts += api.get(f"/api/v1/reports/{report['id']}?names=1", headers=h).text
    assert all(name in texts for name in VICTIM_NAMES)
    api.app.state.audit.flush()  # type: ignore[attr-defined]
    log = api.get("/api/v1/audit?action=names", headers=h).json()
    assert log["total"] >= 1 and log["items"][0]["username"] == "adam"


def test_zz_report_counts() -> None:
    """Runs last in this module: how much the tests above checked."""
    if "/api/v1/reports" not in CHECKED.paths or "/entities" not in CHECKED.paths:
        pytest.skip("run with the other tests of this module to count what they checked")
    print(
        f"\nvictim privacy: {len(CHECKED.paths)} paths, {CHECKED.answers} answers checked for"
        f" {len(VICTIM_PHRASINGS)} victim phrasings and {len(PUBLIC_NAMES)} officials and suspects"
    )
    assert len(CHECKED.paths) >= 30 and len(VICTIM_PHRASINGS) >= 30
