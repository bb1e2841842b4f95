"""The rule-file loader: rules with identity, checked when loaded."""

from __future__ import annotations

from typing import Any

import pytest

from ringscope.extract.rules import RuleFileError, load_rules, parse_rules


def _rule(**extra: Any) -> dict[str, Any]:
    return {"id": "trigger.example", "reason": "An example", "pattern": "freed", "fires": ["Police freed 4."],
            **extra}


def test_a_rule_keeps_its_section_keys_and_examples() -> None:
    rules = parse_rules("x.yaml", {"triggers": [_rule(category="rescue", **{"not": ["Police met 4."]})]})
    rule = rules["trigger.example"]
    assert (rule.section, rule.get("category"), rule.fires, rule.not_) == (
        "triggers", "rescue", ("Police freed 4.",), ("Police met 4.",))
    assert [(r.id, s, f) for r, s, f in rules.examples()] == [
        ("trigger.example", "Police freed 4.", True), ("trigger.example", "Police met 4.", False)]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"triggers": [_rule(), _rule()]}, "duplicate rule id trigger.example"),
        ({"triggers": [_rule(reason="")]}, "needs a reason"),
        ({"triggers": [_rule(fires=[])]}, "at least one `fires` example"),
        ({"triggers": [_rule(pattern="(unclosed")]}, "does not compile"),
        ({"triggers": [{"id": "trigger.bare", "reason": "r", "fires": ["x"]}]}, "pattern, words or computed"),
        ({"triggers": [_rule(id="Trigger Example")]}, "lower-case dotted"),
        ({"lexicons": [{"id": "lexicon.words", "words": "a b"}]}, "origin and words"),
        ({"triggers": {"id": "x"}}, "must be a list"),
    ],
)
def test_a_bad_rule_file_names_the_file_and_the_entry(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(RuleFileError, match=message) as info:
        parse_rules("bad.yaml", raw)
    assert str(info.value).startswith("bad.yaml")


def test_the_claim_rules_load_with_every_section() -> None:
    rules = load_rules("claim_rules.yaml")
    sections = {r.section for r in rules}
    assert {"triggers", "nouns", "vetoes", "measure_rules", "framing", "qualifiers", "numbers",
            "lexicons"} <= sections
    assert rules.values("lexicon.number_tens")["forty"] == 40
