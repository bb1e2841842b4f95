"""An entity page is made once per state of the store and kept: asked again, it is the same page,
made without working it out again; what a viewer gets never holds what an admin asked names for."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ringscope.report import analysis
from ringscope.serve.app import create_app
from ringscope.serve.pages import entities

from .conftest import VICTIM, Fixture
from .test_serve_web import login

_ENTITY = re.compile(r'href="/entities/([0-9a-f]+)"')
_CSRF = re.compile(r'name="csrf" value="[^"]*"')


def _page(client: TestClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return _CSRF.sub("", response.text)


def _copy(served: Fixture, folder: Path) -> Path:
    """A store of its own, so no page of it was made before (snapshots are kept per store)."""
    copy = folder / "store.db"
    with sqlite3.connect(served.path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def test_an_entity_page_asked_again_is_kept(
    served: Fixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str | None] = []
    network = analysis.network

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(kwargs.get("focus"))
        return network(*args, **kwargs)

    monkeypatch.setattr(analysis, "network", counted)
    viewer = login(create_app(_copy(served, tmp_path)), "vera")
    ids = list(dict.fromkeys(_ENTITY.findall(viewer.get("/entities?limit=200").text)))
    assert len(ids) > 3
    first = [_page(viewer, f"/entities/{i}") for i in ids[:3]]
    assert len(made) == 3
    again = [_page(viewer, f"/entities/{i}") for i in ids[:3]]
    assert again == first
    assert len(made) == 3, "the kept pages are not worked out again"
    assert viewer.get("/entities/no-such-entity").status_code == 404
    assert viewer.get("/entities/no-such-entity").status_code == 404


def test_a_kept_page_with_names_is_never_given_to_a_viewer(served: Fixture) -> None:
    app = create_app(served.path)
    admin, viewer = login(app, "adam"), login(app, "vera")
    named = admin.get("/entities?limit=200&names=1").text
    found = re.search(rf'href="/entities/([0-9a-f]+)\?names=1">{VICTIM}<', named)
    assert found, "an admin asking for names sees the victim in the list"
    victim = found.group(1)
    assert VICTIM in _page(admin, f"/entities/{victim}?names=1")
    for path in (f"/entities/{victim}", f"/entities/{victim}?names=1"):
        assert VICTIM not in viewer.get(path).text
    listed = viewer.get("/entities?limit=200").text
    assert VICTIM not in listed
    for i in dict.fromkeys(_ENTITY.findall(listed)):
        assert VICTIM not in viewer.get(f"/entities/{i}").text


def test_a_long_claims_table_is_cut_and_says_so(
    served: Fixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entities, "CLAIM_ROWS", 1)
    viewer = login(create_app(_copy(served, tmp_path)), "vera")
    ids = dict.fromkeys(_ENTITY.findall(viewer.get("/entities").text))
    pages = [_page(viewer, f"/entities/{i}") for i in ids]
    cut = [p for p in pages if "claims quoting it, conflicting figures first" in p]
    assert cut, "an entity quoted by more than one claim says its table is cut"
    for page in cut:
        table = page.split('<table class="grid claims">', 1)[1].split("</table>", 1)[0]
        assert table.count("<tr class=") == 1
        assert re.search(r"The first 1 of (\d+) claims", page) and 'href="/search?q=' in page


def test_an_entity_page_claims_are_those_quoting_it_redacted_as_in_the_whole(served: Fixture) -> None:
    from ringscope.api import open_store
    from ringscope.report import snapshot
    from ringscope.report.entity_view import entity_view

    with open_store(served.path) as store:
        fresh = snapshot.whole(store, snapshot.store_state(served.path))
    whole = snapshot.load(served.path).redacted  # its figures in the order of the picture's
    cut = 0
    for index, raw in enumerate(fresh.picture.entities):
        shown = entity_view(fresh, index, False, 2, 2)
        names = {a.casefold() for a in raw.aliases}
        quoting = [  # every claim in its reports whose speaker or quote names it, in the picture's order
            (i, k) for i, f in enumerate(fresh.picture.figures) for k, ref in enumerate(f.claims)
            if ref.report_id in raw.reports
            and ((ref.claim.speaker or "").casefold() in names
                 or any(n in ref.claim.quote.casefold() for n in names))
        ]
        assert shown.claims_of == len(quoting)
        assert shown.rows == [(whole.figures[i], whole.figures[i].claims[k]) for i, k in quoting[:2]]
        cut += shown.claims_of > 2
    assert cut, "no entity is quoted by more than two claims: the cut would prove nothing"


def test_an_entity_page_is_made_without_listing_every_entity_and_is_the_same(served: Fixture) -> None:
    from ringscope.api import open_store
    from ringscope.report import snapshot

    def fresh() -> snapshot.Snapshot:
        with open_store(served.path) as store:
            return snapshot.whole(store, snapshot.store_state(served.path))

    alone, listed = fresh(), fresh()
    for names in (False, True):
        shown = [e.id for e in listed.listed(names).entities]
        assert len(shown) > 10
        for entity_id in shown:
            page = entities._entity_page(alone, entity_id, names)
            assert page is not None and str(page) == str(entities._entity_page(listed, entity_id, names))
            if not names:
                assert VICTIM not in str(page)
    assert not alone._listed, "the pages listed every entity"
    hidden = [e.id for e in alone.picture.entities if e.id not in {x.id for x in listed.listed().entities}]
    assert hidden and all(entities._entity_page(alone, i, False) is None for i in hidden)


def test_the_entities_of_a_report_are_those_a_scan_of_every_occurrence_finds(served: Fixture) -> None:
    from ringscope.api import open_store
    from ringscope.report import snapshot
    from ringscope.report.entity_view import resolved_in_report

    with open_store(served.path) as store:
        fresh = snapshot.whole(store, snapshot.store_state(served.path))
    entities_ = fresh.picture.entities
    assert len(fresh.picture.reports) > 2
    for report_id in [*fresh.picture.reports, "no-such-report"]:
        scanned = {o.entity.name: e for e in entities_ for o in e.occurrences if o.report_id == report_id}
        found = resolved_in_report(fresh, report_id)
        assert list(found) == list(scanned)
        assert [e.id for e in found.values()] == [e.id for e in scanned.values()]
    assert any(resolved_in_report(fresh, r) for r in fresh.picture.reports)
