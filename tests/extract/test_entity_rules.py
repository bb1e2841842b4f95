"""Every entity rule and cue in entity_rules.yaml is tested on its own `fires` / `not` examples."""

from __future__ import annotations

import pytest

from ringscope.extract import extract
from ringscope.extract.rules import CUES, PRODUCING, load_rules

RULES = load_rules("entity_rules.yaml")


def examples(section: str) -> list[tuple[str, str, bool]]:
    return [(rule.id, sentence, fires) for rule, sentence, fires in RULES.examples(section)]


@pytest.mark.parametrize(("rule_id", "sentence", "expected"), examples(PRODUCING))
def test_entity_rule_example(rule_id: str, sentence: str, expected: bool) -> None:
    entities = extract(sentence).entities
    made = [e for e in entities if e.rule == rule_id]
    assert bool(made) is expected, (sentence, [(e.type, e.name, e.rule) for e in entities])
    for entity in entities:
        for mention in entity.mentions:
            assert sentence[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(("rule_id", "sentence", "expected"), examples(CUES))
def test_entity_cue_example(rule_id: str, sentence: str, expected: bool) -> None:
    assert RULES.cues[rule_id].matches(sentence) is expected, sentence


def test_every_entity_carries_a_defined_rule() -> None:
    text = ("Police Colonel Dara Vann of the Bureau of Immigration said 40 workers were freed from the "
            "Golden Lotus Park in Kandal province, Cambodia, during Operation Blue Heron. Vann thanked "
            "the analytics firm Brightline.")
    entities = extract(text).entities
    assert {e.type for e in entities} >= {"Person", "Organization", "Compound", "Location", "Operation"}
    assert all(e.rule in RULES.producing for e in entities), [(e.name, e.rule) for e in entities]
