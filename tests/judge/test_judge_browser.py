"""An analyst judges in real headless Chromium against a real server: merges two entities on the
entity page, resolves a conflict on the claims page, and undoes a judgement on the judgements page.
Screenshots go to $RINGSCOPE_SCREENSHOTS when it is set."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ringscope.api import picture
from serve.live import launched, running  # tests/serve, a package beside this one

from .reports import PASSWORDS, build

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("judge-browser"))


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[str]:
    with running(store) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with launched() as browser:
        yield browser


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("RINGSCOPE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_an_analyst_merges_resolves_and_undoes_in_the_browser(browser, server: str, store: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/login")
    page.fill("input[name=username]", "anna")
    page.fill("input[name=password]", PASSWORDS["anna"])
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{server}/")
    group = picture(store).entity("Halvard Group")[0]
    page.goto(f"{server}/entities/{group.id}")
    page.click("details.judge summary")
    merge = page.locator("form.judge-form:has(input[value=merge])")
    merge.locator("input[name=b]").fill("Halvard Syndicate")
    merge.locator("input[name=note]").fill("one gang under two names")
    shot(page, "judge-entity-form")
    merge.locator("button[type=submit]").click()
    page.wait_for_load_state()
    note = page.locator("p.judged-note")
    assert note.count() == 1
    assert re.fullmatch(r"⚖ merge by anna on \d{4}-\d\d-\d\d: one gang under two names", note.inner_text())
    assert {a.strip().split(" (")[0] for a in page.locator("ul.aliases li").all_inner_texts()} >= {
        "Halvard Group", "Halvard Syndicate"}
    shot(page, "judge-entity-merged")

    page.goto(f"{server}/claims?conflicts=true")
    assert page.locator("tr.figure.conflict").count() == 1
    page.click("tr.figure details.judge summary")
    resolve = page.locator("form.judge-form:has(input[value=resolve])")
    resolve.locator("input[name=note]").fill("the larger count takes in the guards")
    resolve.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("tr.figure").count() == 0 and "0 of 0" in page.inner_text("nav.pager")
    page.goto(f"{server}/claims")
    assert "the larger count takes in the guards" in page.inner_text("table.figures")
    shot(page, "judge-claims-resolved")

    page.goto(f"{server}/judgements")
    assert page.locator("tr.judgement").count() == 2
    page.locator("#judgement-1 form.undo button").click()
    page.wait_for_load_state()
    assert "undone by anna" in page.inner_text("#judgement-1")
    assert page.locator("#judgement-1 form.undo").count() == 0
    shot(page, "judge-list-undone")
    page.goto(f"{server}/entities/{group.id}")
    assert page.locator("p.judged-note").count() == 0  # the merge is undone: the entity stands alone
    context.close()
