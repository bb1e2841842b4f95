"""The victim rule and withholding names (invented sentences)."""

from __future__ import annotations

import pytest

from ringscope.model import Entity, Mention, Report
from ringscope.report.privacy import WITHHELD, is_victim_in, mark_victims, redact


def _person(text: str, name: str, roles: tuple[str, ...] = ()) -> Entity:
    start = text.index(name)
    return Entity("Person", name, roles=list(roles), mentions=[Mention(start, start + len(name), name)])


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Verin, 24, who was trafficked to a compound, said he worked 16 hours a day.",
        "One survivor, Lina Osei, described the beatings.",
        "Lina Osei was lured abroad by a fake job advert.",
        "Mara Quill (not her real name) spent a year inside.",
        "Jon Pell escaped through a drainage channel in May.",
    ],
)
def test_victims(text: str) -> None:
    name = next(n for n in ("Tomas Verin", "Lina Osei", "Mara Quill", "Jon Pell") if n in text)
    assert is_victim_in(_person(text, name), text)


@pytest.mark.parametrize(
    ("text", "name", "roles"),
    [
        ("Its director, Dana Kettle, said the workers were often themselves victims.", "Dana Kettle", ()),
        ("Odo Rask said 40 victims were rescued on Friday.", "Odo Rask", ()),
        ("Police chief Odo Rask said the victims were freed.", "Odo Rask", ("Police chief",)),
    ],
)
def test_not_victims(text: str, name: str, roles: tuple[str, ...]) -> None:
    assert not is_victim_in(_person(text, name, roles), text)


def test_a_victim_role_decides() -> None:
    text = "Kai Brenn spoke to reporters."
    assert is_victim_in(_person(text, "Kai Brenn", ("trafficking victim",)), text)
    assert not is_victim_in(Entity("Organization", "Kai Brenn"), text)


def test_redact_whole_words_only() -> None:
    text = "Lina Osei met LINA OSEI's sister; Linaosei is another word."
    out = redact(text, ["Lina Osei"])
    assert out.count(WITHHELD) == 2 and "Linaosei" in out
    assert redact(text, []) == text


def test_mark_victims_adds_the_role_exports_hide() -> None:
    text = "Lina Osei was lured abroad. Police Major Odo Rask led the raid."
    report = Report(text=text)
    marked = mark_victims(report, [_person(text, "Lina Osei"), _person(text, "Odo Rask", ("Police Major",))])
    assert marked[0].roles == ["victim"] and marked[1].roles == ["Police Major"]
