"""The intelligence brief from a store built of the bundled sample corpus plus an invented report."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ringscope.report.brief import BriefError, write_brief
from ringscope.store import StoreError
from serve.storefixture import VICTIM, Fixture, build_store  # tests/ is on sys.path (rootdir of the package)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    return build_store(tmp_path_factory.mktemp("brief"))


def test_html_brief_sections_and_footnotes(store: Fixture, tmp_path: Path) -> None:
    out = write_brief(store.path, tmp_path / "brief.html")
    html = out.read_text(encoding="utf-8")
    for heading in ("Key figures", "Conflicts", "Routes and hotspots", "Timeline", "Top entities", "Sources"):
        assert f"<h2>{heading}</h2>" in html
    for loads in ("src=", "<link", "<script", "@import"):  # self-contained: nothing is fetched
        assert loads not in html
    assert not re.search(r"url\((?!#)", html)
    notes = set(re.findall(r'<li id="fn(\d+)">', html))
    cited = set(re.findall(r'<a href="#fn(\d+)">', html))
    assert notes and cited == notes  # every source is cited, every citation resolves
    rows = re.findall(r"<tr class=\"(?:conflict)?\">.*?</tr>", html)
    assert rows and all('href="#fn' in row for row in rows)  # every figure is footnoted
    assert 'class="conflict"' in html and "magnitude_outlier" in html or "superseded" in html
    # the map, its closer view of the densest part (the sample spans continents), the timeline
    assert html.count("<svg") == 3 and 'g class="countries"' in html
    assert VICTIM not in html


def test_scope_filters(store: Fixture, tmp_path: Path) -> None:
    everything = write_brief(store.path, tmp_path / "all.html").read_text(encoding="utf-8")
    later = write_brief(store.path, tmp_path / "later.html", since="2026-06").read_text(encoding="utf-8")
    count = re.compile(r"(\d+) report\(s\), ")
    assert int(count.search(later).group(1)) < int(count.search(everything).group(1))  # type: ignore[union-attr]
    assert "since 2026-06" in later
    cambodia = write_brief(store.path, tmp_path / "kh.html", country="kh").read_text(encoding="utf-8")
    assert "country Cambodia (KH)" in cambodia


@pytest.mark.parametrize(
    ("name", "kwargs", "message"),
    [
        ("brief.docx", {}, "as .html or .pdf"),
        ("brief.html", {"country": "Cambodia"}, "two-letter"),
        ("brief.html", {"since": "last May"}, "not a date"),
        ("brief.html", {"since": "2099"}, "no reports"),
        ("missing/brief.html", {}, "does not exist"),
    ],
)
def test_bad_requests_are_clear(
    store: Fixture, tmp_path: Path, name: str, kwargs: dict[str, str], message: str
) -> None:
    with pytest.raises(BriefError, match=message):
        write_brief(store.path, tmp_path / name, **kwargs)


def test_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        write_brief(tmp_path / "none.db", tmp_path / "brief.html")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_pdf_brief(store: Fixture, tmp_path: Path) -> None:
    out = write_brief(store.path, tmp_path / "brief.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed to render the PDF")
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")], check=True
    )
    pages = list(tmp_path.glob("page*.png"))
    assert pages and pages[0].stat().st_size > 2_000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "Intelligence brief" in text and "Key figures" in text
