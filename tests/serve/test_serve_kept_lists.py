"""Every page of one list is cut from one arrangement (filtered, sorted, counted) kept with the
snapshot: paging does not sort the whole picture again, and gives what one long page gives."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from ringscope.serve import listing
from ringscope.serve.app import create_app

from .conftest import VICTIM, Fixture
from .test_serve_web import login

LISTS = {
    "/entities": re.compile(r'href="/entities/([0-9a-f]+)"'),
    "/claims": re.compile(r'href="/figures/([^"?]+)"'),
    "/events": re.compile(r'href="/events/([^"?]+)"'),
    "/reports": re.compile(r'href="/reports/([^"?]+)"'),
}


def _copy(served: Fixture, folder: Path) -> Path:
    copy = folder / "store.db"
    with sqlite3.connect(served.path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


@pytest.mark.parametrize("path", sorted(LISTS))
def test_short_pages_of_a_list_are_one_long_page_and_are_arranged_once(
    path: str, served: Fixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    arrange = listing.arrange

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(path)
        return arrange(*args, **kwargs)

    monkeypatch.setattr(listing, "arrange", counted)
    viewer = login(create_app(_copy(served, tmp_path)), "vera")
    ids = LISTS[path]
    whole = list(dict.fromkeys(ids.findall(viewer.get(f"{path}?limit=200").text)))
    assert len(whole) >= 2, f"{path} lists too little to page"
    assert len(made) == 1
    paged: list[str] = []
    for offset in range(0, len(whole), 2):
        response = viewer.get(f"{path}?limit=2&offset={offset}")
        assert response.status_code == 200
        paged += [i for i in dict.fromkeys(ids.findall(response.text)) if i not in paged]
    assert paged == whole
    assert len(made) == 1, "paging arranged the list again"
    viewer.get(f"{path}?limit=2&sort=-date" if path in ("/reports",) else f"{path}?limit=2&sort=reports")
    assert len(made) == 2, "another sort is another arrangement"


def test_a_list_arranged_for_an_admin_with_names_is_not_given_to_a_viewer(
    served: Fixture, tmp_path: Path
) -> None:
    app = create_app(_copy(served, tmp_path))
    admin, viewer = login(app, "adam"), login(app, "vera")
    assert VICTIM in admin.get("/entities?limit=200&names=1").text
    admin.get("/reports?limit=200&names=1")
    for path in ("/entities?limit=200", "/reports?limit=200", "/claims?limit=200"):
        assert VICTIM not in viewer.get(path).text
