"""Every cue of cues.yaml fires on its `fires` examples (capturing the bracketed name) and on none
of its `not` examples; a broken table is refused with the cue named."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import pytest
import yaml

from ringscope.privacy.cues import build, load

CUES = load()
FIRES = [(c.id, example) for c in CUES.cues for example in c.fires]
NOT = [(c.id, example) for c in CUES.cues for example in c.not_]


def test_every_cue_has_examples_both_ways() -> None:
    assert len(CUES.cues) >= 15
    for cue in CUES.cues:
        assert cue.fires and cue.not_, cue.id
        assert cue.reason.strip(), cue.id


@pytest.mark.parametrize(("cue_id", "example"), FIRES, ids=[f"{c}-{n}" for n, (c, _) in enumerate(FIRES)])
def test_cue_fires(cue_id: str, example: str) -> None:
    wanted = re.findall(r"\[([^\]]+)\]", example)
    assert wanted, f"{cue_id}: a `fires` example must bracket the name it captures"
    plain = example.replace("[", "").replace("]", "")
    got = [h for h in CUES.find(plain) if h.cue == cue_id]
    assert set(wanted) <= {h.name for h in got}
    for hit in got:
        assert plain[hit.start : hit.end] == hit.name


@pytest.mark.parametrize(("cue_id", "example"), NOT, ids=[f"{c}-{n}" for n, (c, _) in enumerate(NOT)])
def test_cue_does_not_fire(cue_id: str, example: str) -> None:
    assert [h.name for h in CUES.find(example) if h.cue == cue_id] == []


def _table(**cue: Any) -> dict[str, Any]:
    base = {"id": "X1", "kind": "victim", "reason": "r", "pattern": "{NAME} was lured"}
    return {
        "words": {"PUBLIC": ["official"], "VNOUN": ["victim"], "HARM": ["lured"]},
        "honorifics": ["Ms"],
        "victim_roles": "victim",
        "public_roles": "{PUBLIC}",
        "cues": [base | cue],
    }


@pytest.mark.parametrize(
    ("cue", "message"),
    [
        ({"pattern": "was lured"}, "no {NAME} slot"),
        ({"kind": "maybe"}, "kind must be one of"),
        ({"pattern": "{NAME} {NOPE}"}, "unknown word list {NOPE}"),
        ({"pattern": "{NAME} or {NAME} was lured"}, "the pattern does not compile"),
    ],
)
def test_broken_tables_are_refused(cue: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        build(_table(**cue))
    table = _table()
    table["cues"].append(dict(table["cues"][0]))
    with pytest.raises(ValueError, match="duplicate cue id X1"):
        build(table)


def test_honorifics_are_not_roles() -> None:
    for role in ("Ms", "Mr", "Dr", "Mrs."):
        assert not CUES.is_public_role(role)
    for role in ("Police Colonel", "Interior Minister", "Judge", "spokesperson", "alleged boss"):
        assert CUES.is_public_role(role)
    assert not CUES.is_public_role("trafficking victim")
    assert CUES.is_victim_role("Survivor")


def test_a_nationality_is_a_group_not_a_name_but_a_name_may_hold_one() -> None:
    group = "Twenty-three trafficked South Koreans were freed. Nine Filipinos worked there for a year."
    assert CUES.find(group) == []
    named = [h.name for h in CUES.find("Mara Thai was lured abroad by a fake job advert.")]
    assert named == ["Mara Thai"]
    table = resources.files("ringscope.privacy").joinpath("cues.yaml").read_text(encoding="utf-8")
    without = build({**yaml.safe_load(table), "nationalities_are_not_names": False})
    assert {h.name for h in without.find(group)} >= {"Koreans"}


def test_a_word_list_written_bare_in_a_pattern_is_one_item() -> None:
    table = _table(pattern="{NAME} was {HARM} abroad")
    table["words"]["HARM"] = ["lured", "sold"]
    hits = build(table).scan("Dara Vell was lured abroad. Tomas Ekk was sold abroad. Ines Marr was sold.")
    assert sorted(h.name for h in hits) == ["Dara Vell", "Tomas Ekk"]


def test_abbreviated_ranks_are_public_roles() -> None:
    for role in ("Col", "Pol. Col", "Lt-Gen", "PCol", "Police Supt", "Det. Insp"):
        assert CUES.is_public_role(role), role
    for role in ("Ms", "Mr", "Dr", "Engr"):
        assert not CUES.is_public_role(role), role


def test_the_quick_test_of_a_cue_never_drops_a_hit() -> None:
    import dataclasses

    plain = dataclasses.replace(CUES, cues=tuple(dataclasses.replace(c, needs=()) for c in CUES.cues))
    assert sum(1 for c in CUES.cues if c.needs) >= len(CUES.cues) // 2  # most cues have one
    for cue in CUES.cues:
        assert all(word == word.lower() for word in cue.needs), cue.id
        for example in (*cue.fires, *cue.not_):
            text = example.replace("[", "").replace("]", "")
            assert CUES.scan(text) == plain.scan(text), (cue.id, example)
            assert CUES.scan(text.upper()) == plain.scan(text.upper()), (cue.id, example)


def test_a_text_without_a_cue_s_words_skips_its_search() -> None:
    cue = next(c for c in CUES.cues if c.id == "V22_family_ransom")
    assert cue.needs == ("ransom",)
    assert not cue.may_match("her family paid the money.") and cue.may_match("her family paid the ransom.")
