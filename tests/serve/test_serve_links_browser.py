"""No script from report data runs: a report whose address is ``javascript:`` (in several
disguises) is served by a real uvicorn server and shown in real headless Chromium, and its brief
is opened there too; no link runs the script, clicked or not."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from ringscope.ingest import ingest_paths
from ringscope.report.brief import write_brief
from ringscope.report.links import safe_href, safe_url
from ringscope.serve.users import add_user
from ringscope.store import Store

from .live import launched, running

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "quill-meadow-lantern-42"
SCRIPT = "document.title='pwned';window.pwned=1"
URLS = {
    "t-js-plain": f"javascript:{SCRIPT}",
    "t-js-disguised": f"  JaVa\tScRiPt:{SCRIPT}",
    "t-js-data": "data:text/html,<script>window.pwned=1</script>",
    "t-ok": "https://example.org/invented-gazette/rescue",
}
REPORTS = [
    {
        "id": report_id,
        "source": "Invented Gazette",
        "url": url,
        "published": "2026-03-0" + str(n + 1),
        "title": f"Compound raid number {n + 1}",
        "text": (
            f"Police said {120 + n} people were rescued from a scam compound in Cambodia on Monday."
            " The workers had been recruited with fake job offers."
        ),
    }
    for n, (report_id, url) in enumerate(URLS.items())
]


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a", True),
        ("HTTP://example.org/a", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
        ("//example.org/a", False),
        ("https:/no-host", False),
        ("", False),
    ],
)
def test_only_http_and_https_become_links(url: str, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept


def test_own_links_are_paths_fragments_or_http() -> None:
    assert safe_href("/entities/e1") == "/entities/e1"
    assert safe_href("#fn3") == "#fn3"
    assert safe_href("//evil.example/") is None
    assert safe_href("javascript:alert(1)") is None


needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)



def _ids(store: Path) -> dict[str, str]:
    """Stored report id by the address the report came with."""
    with sqlite3.connect(store) as conn:
        return {str(url): str(rid) for rid, url in conn.execute("SELECT id, url FROM reports")}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("links")
    source = folder / "reports.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    path = folder / "links.db"
    with Store(path) as db:
        assert ingest_paths(db, [source]).ok
    add_user(path, "nadia", PASSWORD, "analyst")
    return path


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[str]:
    with running(store) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launched() as browser:
        yield browser


def _schemes(page) -> list[str]:  # type: ignore[no-untyped-def]
    return list(page.eval_on_selector_all("a[href]", "links => links.map(a => a.protocol)"))


def _not_run(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("window.pwned") is None
    assert page.title() != "pwned"


@needs_chromium
def test_no_script_link_in_the_report_pages(browser, server: str, store: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}/login")
    page.fill("input[name=username]", "nadia")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{server}/")
    ids = _ids(store)
    for report_id, url in URLS.items():
        page.goto(f"{server}/reports/{ids[url]}")
        assert page.locator("article.report-text").count() == 1
        schemes = _schemes(page)
        assert schemes and set(schemes) <= {"http:", "https:"}, (report_id, schemes)
        if report_id == "t-ok":
            assert page.locator("a[href='https://example.org/invented-gazette/rescue']").count() == 1
        else:
            shown = page.locator("span.url")
            assert shown.count() == 1  # the address is shown as text, not as a link
            shown.click()
        _not_run(page)
    context.close()


@needs_chromium
def test_no_script_link_in_the_brief(browser, store: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    brief = write_brief(store, tmp_path / "brief.html")
    html = brief.read_text(encoding="utf-8")
    assert 'href="javascript' not in html.lower().replace(" ", "")
    context = browser.new_context()
    page = context.new_page()
    page.goto(brief.as_uri())
    schemes = _schemes(page)
    assert "https:" in schemes  # the good address is still a link
    assert set(schemes) <= {"http:", "https:", "file:"}, schemes  # file: is the brief's own #fnN
    for item in page.locator("ol.notes li:not(:has(a))").all():  # the unsafe addresses, as text
        item.click()
    _not_run(page)
    assert "script" in page.locator("ol.notes").inner_text().lower()  # shown, as text
    context.close()
