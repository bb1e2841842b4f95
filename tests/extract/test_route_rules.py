"""Every route rule and cue in route_rules.yaml is tested on its own `fires` / `not` examples."""

from __future__ import annotations

import pytest

from ringscope.extract import extract
from ringscope.extract.rules import CUES, PRODUCING, load_rules

RULES = load_rules("route_rules.yaml")


def examples(section: str) -> list[tuple[str, str, bool]]:
    return [(rule.id, sentence, fires) for rule, sentence, fires in RULES.examples(section)]


@pytest.mark.parametrize(("rule_id", "sentence", "expected"), examples(PRODUCING))
def test_route_rule_example(rule_id: str, sentence: str, expected: bool) -> None:
    routes = extract(sentence).routes
    made = [r for r in routes if r.rule == rule_id]
    assert bool(made) is expected, (sentence, [(r.origin, r.destination, r.count, r.rule) for r in routes])
    for route in routes:
        assert sentence[route.start : route.end] == route.quote


@pytest.mark.parametrize(("rule_id", "sentence", "expected"), examples(CUES))
def test_route_cue_example(rule_id: str, sentence: str, expected: bool) -> None:
    assert RULES.cues[rule_id].matches(sentence) is expected, sentence


def test_every_route_carries_a_defined_rule() -> None:
    text = ("Police rescued 42 Kenyans held in a scam compound in Myanmar. 30 of them flew home. "
            "Victims from Uganda and Ethiopia were also freed in Laos.")
    routes = extract(text).routes
    assert routes
    assert all(r.rule in RULES.producing for r in routes), [r.rule for r in routes]
