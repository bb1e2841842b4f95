"""The brief in real headless Chromium: the summary is what a reader sees first, countries are named,
nothing is fetched. Screenshots go to the folder named by RINGSCOPE_SCREENSHOTS when it is set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ringscope.report.brief import write_brief
from serve.live import launched
from serve.storefixture import VICTIM, Fixture, build_store  # tests/ is on sys.path

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    return build_store(tmp_path_factory.mktemp("brief-browser"))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launched() as browser:
        yield browser


@pytest.mark.parametrize("country", [None, "KH"])
def test_the_brief_reads_summary_first(browser, store: Fixture, tmp_path: Path, country: str | None) -> None:  # type: ignore[no-untyped-def]
    brief = write_brief(store.path, tmp_path / "brief.html", country=country)
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if not r.url.startswith("file:") else None)
    page.goto(brief.resolve().as_uri())
    summary = page.locator("section.summary")
    assert summary.is_visible()
    top = summary.bounding_box()
    assert top is not None and top["y"] < 400  # on the first screen, under the title
    for heading in ("Key figures", "Conflicts", "Routes and hotspots", "Top entities", "Sources"):
        box = page.locator("h2", has_text=heading).bounding_box()
        assert box is not None and box["y"] > top["y"] + top["height"], heading
    text = summary.inner_text()
    assert "Largest figures" in text and "Conflicts between sources" in text and " → " in text
    if country:
        assert "Cambodia (KH)" in text
        assert all("KH" in row for row in page.locator("table.routes tbody tr").all_inner_texts())
    assert VICTIM not in page.content()
    assert not fetched
    folder = os.environ.get("RINGSCOPE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        name = f"brief-{(country or 'all').lower()}"
        page.screenshot(path=str(Path(folder) / f"{name}-top.png"))
        page.screenshot(path=str(Path(folder) / f"{name}-full.png"), full_page=True)
    page.close()
