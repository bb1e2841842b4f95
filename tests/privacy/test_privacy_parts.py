"""Showing a part of the picture (a page of figures or events, the first events of the CLI, one
figure or event) redacts exactly as the whole redacted picture does: no victim's name gets
through a part, and an admin who asks for names gets them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from ringscope.api import open_store
from ringscope.report import parts, snapshot
from ringscope.serve.app import create_app

from .conftest import PASSWORDS, VictimStore
from .leaks import VICTIM_NAMES, leaks

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def _login(victim_store: VictimStore, username: str) -> TestClient:
    client = TestClient(create_app(victim_store.path), follow_redirects=False)
    token = _CSRF.search(client.get("/login").text).group(1)  # type: ignore[union-attr]
    response = client.post(
        "/login", data={"username": username, "password": PASSWORDS[username], "csrf": token, "next": "/"}
    )
    assert response.status_code == 303
    return client


def test_a_part_is_redacted_as_the_whole_picture_is(victim_store: VictimStore) -> None:
    snap = snapshot.load(victim_store.path)
    whole = snapshot.load(victim_store.path).redacted
    named = 0
    for raw, redacted in zip(snap.picture.figures, whole.figures, strict=True):
        part = snap.part(figures=[raw])
        assert part.figures == [redacted]
        assert part.reports == {r: whole.reports[r] for r in part.reports}
        assert not leaks(str(part))
        named += bool(leaks(str(snap.part(figures=[raw], names=True))))
    for raw_event, redacted_event in zip(snap.picture.events, whole.events, strict=True):
        part = snap.part(events=[raw_event])
        assert part.events == [redacted_event]
        assert part.reports == {r: whole.reports[r] for r in part.reports}
        assert not leaks(str(part))
        named += bool(leaks(str(snap.part(events=[raw_event], names=True))))
    assert named, "the parts checked cite no victim: this test would prove nothing"


def test_the_cli_parts_name_no_victim(victim_store: VictimStore) -> None:
    with open_store(victim_store.path) as store:
        events = parts.events(store, 50)
        named = parts.events(store, 50, names=True)
        conflicts = parts.conflicts(store, None, None, 50)
    assert events is not None and named is not None and conflicts is not None
    assert events.picture.events and not leaks(str(events.picture)) and not leaks(str(conflicts.picture))
    assert leaks(str(named.picture))


def test_pages_of_parts_name_no_victim_unless_an_admin_asks(victim_store: VictimStore) -> None:
    viewer = _login(victim_store, "vera")
    claims = viewer.get("/claims?limit=200")
    assert claims.status_code == 200 and not leaks(claims.text)
    figure_ids = sorted(set(re.findall(r'href="/figures/([^"?#]+)"', claims.text)))
    snap = snapshot.load(victim_store.path)
    assert sorted(figure_ids) == sorted(f.id for f in snap.redacted.figures)
    for figure_id in figure_ids:  # the figures as the viewer knows them
        page = viewer.get(f"/figures/{figure_id}")
        assert page.status_code == 200 and not leaks(page.text), figure_id
    renamed = [r.id for r, f in zip(snap.picture.figures, snap.redacted.figures, strict=True) if r.id != f.id]
    assert renamed, "no figure is renamed by redaction: the next check would prove nothing"
    for figure_id in renamed:  # the id made from a victim's name is not known to a viewer's page
        assert viewer.get(f"/figures/{figure_id}").status_code == 404
    for path in ("/events", "/claims?conflicts=true", "/claims?sort=claims&limit=10&offset=2"):
        page = viewer.get(path)
        assert page.status_code == 200 and not leaks(page.text), path
    assert viewer.get("/figures/no-such-figure").status_code == 404
    admin = _login(victim_store, "adam")
    assert not leaks(admin.get("/claims?limit=200").text)
    assert leaks(admin.get("/claims?limit=200&names=1").text)


def test_an_entity_part_and_the_listed_entities_are_redacted_as_the_whole_picture_is(
    victim_store: VictimStore,
) -> None:
    snap = snapshot.load(victim_store.path)
    whole = snap.redacted
    listed = snap.listed()
    assert len(listed.entities) == len(whole.entities) == len(snap.picture.entities)
    withheld = 0
    for index, (light, redacted) in enumerate(zip(listed.entities, whole.entities, strict=True)):
        same = ("id", "type", "name", "country", "lat", "lon", "aliases", "roles", "links", "notes")
        same += ("reports",)
        assert all(getattr(light, f) == getattr(redacted, f) for f in same), redacted.id
        assert not leaks(str(light))
        part = snap.entity_part(index)
        assert part.entities == [redacted]
        assert part.figures == [
            f for f in whole.figures if any(ref.report_id in redacted.reports for ref in f.claims)
        ]
        assert part.reports == {r: whole.reports[r] for r in part.reports}
        assert set(redacted.reports) <= set(part.reports)
        assert not leaks(str(part))
        withheld += redacted.name.startswith("[victim")
    assert withheld, "no withheld person in the store: this test would prove nothing"
    assert snap.listed(names=True) is snap.picture
    assert any(leaks(str(snap.entity_part(i, names=True))) for i in range(len(snap.picture.entities)))


def test_entity_pages_name_no_victim(victim_store: VictimStore) -> None:
    viewer = _login(victim_store, "vera")
    ids = [e.id for e in snapshot.load(victim_store.path).listed().entities]
    for entity_id in ids:
        page = viewer.get(f"/entities/{entity_id}")
        assert page.status_code == 200 and not leaks(page.text), entity_id
    raw = [e.id for e in snapshot.load(victim_store.path).picture.entities if e.id not in ids]
    assert raw, "no entity is renamed by redaction: the next check would prove nothing"
    for entity_id in raw:  # the id made from a withheld name is not known to a viewer's page
        assert viewer.get(f"/entities/{entity_id}").status_code == 404


def test_the_entity_command_names_no_victim_unless_asked(victim_store: VictimStore, tmp_path: Path) -> None:
    snap = snapshot.load(victim_store.path)
    labels = [e.name for e in snap.listed().entities if e.name.startswith("[victim")]
    assert labels, "no withheld person in the store: this test would prove nothing"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RINGSCOPE_")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "ringscope.cli", "entity", *args, "-s", str(victim_store.path)]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env, timeout=600)

    for label in labels[:3]:
        shown = run(label)
        assert shown.returncode == 0 and label in shown.stdout and not leaks(shown.stdout + shown.stderr)
    victim = VICTIM_NAMES[0]
    hidden = run(victim)
    assert hidden.returncode == 1 and not leaks(hidden.stdout)  # a withheld name finds nothing
    named = run(victim, "--include-victims")
    assert named.returncode == 0 and victim in named.stdout


def test_an_entity_view_redacts_only_what_its_page_shows(victim_store: VictimStore) -> None:
    from ringscope.report.entity_view import entity_view

    with open_store(victim_store.path) as store:
        fresh = snapshot.whole(store, snapshot.store_state(victim_store.path))
    whole = snapshot.load(victim_store.path).redacted
    views = [entity_view(fresh, i, False, 1, 1) for i in range(len(fresh.picture.entities))]
    cited = {r for v in views for r in v.reports}
    assert set(fresh.shown.texts) == cited, "only the reports of the rows and sentences shown are redacted"
    assert len(cited) < len(fresh.picture.reports), "every report was cited: this test would prove nothing"
    for index, shown in enumerate(views):
        fields = ("id", "type", "name", "aliases", "roles", "links", "notes", "reports")
        assert all(getattr(shown.entity, f) == getattr(whole.entities[index], f) for f in fields)
        mentioned = {o.report_id: o for o in whole.entities[index].occurrences}
        assert all(o == mentioned[o.report_id] for o in shown.mentioned.occurrences)
        assert not leaks(str(shown))
        assert len(shown.rows) == min(1, shown.claims_of) and len(shown.mentioned.reports) == 1
        assert all(shown.reports[r] == whole.reports[r] for r in shown.reports)
        for figure, ref in shown.rows:  # each row as the whole redacted picture has it
            same = next(f for f in whole.figures if f.id == figure.id)
            assert figure == same and ref in same.claims
    named = [entity_view(fresh, i, True, 60, 200) for i in range(len(fresh.picture.entities))]
    assert any(leaks(str(v)) for v in named), "names asked for are given"


def test_the_pages_read_most_redact_only_what_they_show(tmp_path: Path) -> None:
    from .store import build

    copy = build(tmp_path)  # a store of its own: no snapshot of it is loaded yet
    viewer = _login(copy, "vera")
    snap = snapshot.load(copy.path)
    report_ids = list(snap.picture.reports)
    entity_id = snap.picture.entities[0].id
    seen = []
    pages = ("/entities", "/entities?sort=name&q=a", "/map", "/timeline", "/search", "/search?q=workers",
             "/search?q=workers&sort=title", "/reports", "/reports?sort=length", "/reports?sort=title",
             f"/entities/{entity_id}", *(f"/reports/{r}" for r in report_ids))
    for path in pages:
        page = viewer.get(path)
        assert page.status_code == 200 and not leaks(page.text), path
        seen.append(page.text)
    assert any(label in text for text in seen for label in snap.policy.labels), "no page shows a victim"
    assert not snap._redacted, "a page redacted every report of the store"
