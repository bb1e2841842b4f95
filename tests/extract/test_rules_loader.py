"""The rule-file loader refuses malformed rules with a message naming the file and the rule."""

from __future__ import annotations

import pytest

from ringscope.extract.item_rules import build, load


def _cue(**fields: object) -> dict[str, object]:
    entry: dict[str, object] = {"id": "cue.sample", "reason": "an invented cue", "fires": ["x"]}
    entry.update(fields)
    return entry


def test_duplicate_ids_are_refused() -> None:
    data = {"cues": [_cue(words=["a"]), _cue(words=["b"])]}
    with pytest.raises(ValueError, match="sample.yaml: duplicate rule id cue.sample"):
        build("sample.yaml", data)


def test_rule_without_examples_is_refused() -> None:
    data = {"rules": [{"id": "route.sample", "reason": "invented", "fires": []}]}
    with pytest.raises(ValueError, match="route.sample needs a reason and at least one `fires` example"):
        build("sample.yaml", data)


def test_cue_needs_exactly_one_of_pattern_and_words() -> None:
    with pytest.raises(ValueError, match="exactly one of `pattern` and `words`"):
        build("sample.yaml", {"cues": [_cue(words=["a"], pattern="a")]})
    with pytest.raises(ValueError, match="exactly one of `pattern` and `words`"):
        build("sample.yaml", {"cues": [_cue()]})


def test_bad_id_is_refused() -> None:
    with pytest.raises(ValueError, match="bad rule id 'Sample'"):
        build("sample.yaml", {"cues": [_cue(id="Sample", words=["a"])]})


def test_pattern_pieces_are_joined_and_flags_applied() -> None:
    rules = build("sample.yaml", {"cues": [_cue(pattern=[r"\bheld\s+", r"in\b"], flags=["i"])]})
    assert rules.pattern("cue.sample").pattern == r"\bheld\s+in\b"
    assert rules.cues["cue.sample"].matches("They were HELD IN a camp.")
    assert not rules.cues["cue.sample"].matches("They were held at a camp.")


def test_words_and_phrases_match_as_written() -> None:
    rules = build("sample.yaml", {"cues": [_cue(words=["Park", "Special Economic Zone"])]})
    cue = rules.cues["cue.sample"]
    assert cue.matches("They fled the Lotus Park.") and cue.matches("the Bay Special Economic Zone")
    assert not cue.matches("They fled the lotus garden.")
    assert rules.words("cue.sample") == frozenset({"Park", "Special Economic Zone"})


def test_code_names_only_defined_rules() -> None:
    with pytest.raises(KeyError, match="no rule 'route.missing'"):
        load("route_rules.yaml").rule("route.missing")
    assert load("route_rules.yaml").rule("route.nationality") == "route.nationality"
