"""Every claim rule's invented `fires` / `not` examples (claim_rules.yaml), run through extraction.

A `fires` sentence must show the rule's id among the decisions `explain` reports for its
numbers (as the claim's rule or trigger, the noun or qualifier read, or the veto that dropped
a figure); a `not` sentence must not.
"""

from __future__ import annotations

import pytest

from ringscope.extract.pipeline import explain
from ringscope.extract.rules import load_rules

RULES = load_rules("claim_rules.yaml")
CASES = [
    pytest.param(rule.id, sentence, fires, id=f"{rule.id}:{'fires' if fires else 'not'}:{n}")
    for n, (rule, sentence, fires) in enumerate(RULES.examples())
]


def _ids(sentence: str) -> set[str]:
    return {rule_id for d in explain(sentence) for rule_id in d.ids}


@pytest.mark.parametrize(("rule_id", "sentence", "fires"), CASES)
def test_rule_example(rule_id: str, sentence: str, fires: bool) -> None:
    decisions = [d.as_dict() for d in explain(sentence)]
    assert (rule_id in _ids(sentence)) is fires, decisions


def test_every_rule_has_an_example_that_fires() -> None:
    rules = [r for r in RULES if r.section != "lexicons"]
    assert rules and all(r.fires for r in rules)


def test_claims_carry_the_rule_and_trigger_that_made_them() -> None:
    decisions = explain("Police rescued 40 workers from the compound.")
    claims = [d.claim for d in decisions if d.claim is not None]
    assert [(c.measure, c.rule, c.trigger) for c in claims] == [
        ("victims_rescued", "claim.nearest_trigger", "trigger.rescue")
    ]
