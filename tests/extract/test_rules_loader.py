"""The rule-file loader on the entity and route rule files: producing rules, cues and their checks."""

from __future__ import annotations

import pytest

from ringscope.extract.rules import RuleFileError, load_rules, parse_rules


def _cue(**fields: object) -> dict[str, object]:
    entry: dict[str, object] = {"id": "cue.sample", "reason": "an invented cue", "fires": ["x"]}
    entry.update(fields)
    return entry


def test_duplicate_ids_are_refused() -> None:
    data = {"cues": [_cue(words=["a"]), _cue(words=["b"])]}
    with pytest.raises(RuleFileError, match="sample.yaml: duplicate rule id cue.sample"):
        parse_rules("sample.yaml", data)


def test_rule_without_examples_is_refused() -> None:
    data = {"rules": [{"id": "route.sample", "reason": "invented", "fires": []}]}
    with pytest.raises(RuleFileError, match="route.sample: a rule needs at least one `fires` example"):
        parse_rules("sample.yaml", data)


def test_cue_needs_exactly_one_of_pattern_and_words() -> None:
    with pytest.raises(RuleFileError, match="exactly one of `pattern` and `words`"):
        parse_rules("sample.yaml", {"cues": [_cue(words=["a"], pattern="a")]})
    with pytest.raises(RuleFileError, match="exactly one of `pattern` and `words`"):
        parse_rules("sample.yaml", {"cues": [_cue()]})


def test_bad_id_is_refused() -> None:
    with pytest.raises(RuleFileError, match="bad rule id 'Sample'"):
        parse_rules("sample.yaml", {"cues": [_cue(id="Sample", words=["a"])]})


def test_pattern_pieces_are_joined_and_flags_applied() -> None:
    rules = parse_rules("sample.yaml", {"cues": [_cue(pattern=[r"\bheld\s+", r"in\b"], flags=["i"])]})
    assert rules.pattern("cue.sample").pattern == r"\bheld\s+in\b"
    assert rules.cues["cue.sample"].matches("They were HELD IN a camp.")
    assert not rules.cues["cue.sample"].matches("They were held at a camp.")


def test_words_and_phrases_match_as_written() -> None:
    rules = parse_rules("sample.yaml", {"cues": [_cue(words=["Park", "Special Economic Zone"])]})
    cue = rules.cues["cue.sample"]
    assert cue.matches("They fled the Lotus Park.") and cue.matches("the Bay Special Economic Zone")
    assert not cue.matches("They fled the lotus garden.")
    assert rules.words("cue.sample") == frozenset({"Park", "Special Economic Zone"})


def test_code_names_only_defined_rules() -> None:
    with pytest.raises(KeyError, match="no rule 'route.missing'"):
        load_rules("route_rules.yaml").rule("route.missing")
    with pytest.raises(KeyError, match="no rule 'cue.from_origin'"):
        load_rules("route_rules.yaml").rule("cue.from_origin")  # a cue, not a producing rule
    assert load_rules("route_rules.yaml").rule("route.nationality") == "route.nationality"
