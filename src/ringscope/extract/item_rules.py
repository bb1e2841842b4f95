"""Extraction rules kept as data: the YAML rule files of this package and their loader.

A rule file holds two lists. ``rules`` are the rules that produce items: every entity and route
carries the ``id`` of the rule that made it (``Entity.rule``, ``Route.rule``). ``cues`` are the
patterns and word lists those rules are built from (victim and suspect framing, people nouns,
organisation and compound heads ...). Every entry has a stable ``id``, a plain-language
``reason``, and ``fires`` / ``not`` example sentences written by the team; the examples are run
as tests (tests/extract/test_route_rules.py, test_entity_rules.py). A cue has either a
``pattern`` (a regular expression, or a list of pieces joined as written; ``flags: [i]`` for
case-insensitive) or ``words``. A pattern anchored at the end (``$``) is tried on every start
of the example up to a word, one anchored at the start (``^``) on every rest after a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

_FLAGS = {"i": re.IGNORECASE}
_ID = re.compile(r"^[a-z]+(?:\.[a-z_]+)+$")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule or cue: its identity, why it exists, what it matches, and its examples."""

    id: str
    reason: str
    fires: tuple[str, ...]
    not_: tuple[str, ...]
    pattern: re.Pattern[str] | None = None
    words: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()
    """Multi-word entries of ``words`` (kept apart: they match as phrases, not single words)."""

    def matches(self, sentence: str) -> bool:
        """Does the cue occur in the sentence (the pattern, or one of the words or phrases)?"""
        if self.pattern is not None:
            if self.pattern.search(sentence) is not None:
                return True
            source = self.pattern.pattern
            cuts = [m.start() for m in re.finditer(r"(?<=\s)\S", sentence)]
            if source.endswith("$") and any(self.pattern.search(sentence[:k]) for k in cuts):
                return True
            if source.startswith("^") and any(self.pattern.search(sentence[k - 1 :]) for k in cuts):
                return True
            return False
        tokens = set(re.findall(r"[\w'’&.-]+", sentence))
        tokens |= {t.strip(".") for t in tokens}
        folded = {t.casefold() for t in tokens}
        if any(w in tokens or w in folded for w in self.words):
            return True
        return any(p in sentence for p in self.phrases)


@dataclass(frozen=True, slots=True)
class RuleFile:
    """The rules and cues of one YAML file, by id."""

    name: str
    rules: dict[str, Rule]
    cues: dict[str, Rule]

    def rule(self, rule_id: str) -> str:
        """The id of a producing rule, checked to be defined in the file (code names rules by id)."""
        if rule_id not in self.rules:
            raise KeyError(f"{self.name}: no rule {rule_id!r}")
        return rule_id

    def pattern(self, cue_id: str) -> re.Pattern[str]:
        pattern = self.cues[cue_id].pattern
        if pattern is None:
            raise ValueError(f"{self.name}: cue {cue_id} has words, not a pattern")
        return pattern

    def words(self, cue_id: str) -> frozenset[str]:
        cue = self.cues[cue_id]
        if cue.pattern is not None:
            raise ValueError(f"{self.name}: cue {cue_id} has a pattern, not words")
        return cue.words | frozenset(cue.phrases)

    def phrases(self, cue_id: str) -> tuple[str, ...]:
        return self.cues[cue_id].phrases


def _entry(name: str, item: dict[str, Any], cue: bool) -> Rule:
    rule_id = str(item.get("id", ""))
    if not _ID.match(rule_id):
        raise ValueError(f"{name}: bad rule id {rule_id!r} (dotted lower-case words)")
    reason = str(item.get("reason", "")).strip()
    fires = tuple(str(s) for s in item.get("fires") or ())
    not_ = tuple(str(s) for s in item.get("not") or ())
    if not reason or not fires:
        raise ValueError(f"{name}: {rule_id} needs a reason and at least one `fires` example")
    pattern = None
    words: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()
    if cue:
        if ("pattern" in item) == ("words" in item):
            raise ValueError(f"{name}: cue {rule_id} needs exactly one of `pattern` and `words`")
        if "pattern" in item:
            flags = 0
            for flag in item.get("flags") or ():
                flags |= _FLAGS[str(flag)]
            source = item["pattern"]
            if isinstance(source, list):  # pieces written on several lines, joined as they stand
                source = "".join(str(piece) for piece in source)
            pattern = re.compile(str(source), flags)
        else:
            listed = [str(w) for w in item["words"]]
            words = frozenset(w for w in listed if " " not in w)
            phrases = tuple(w for w in listed if " " in w)
    return Rule(rule_id, reason, fires, not_, pattern, words, phrases)


def build(name: str, data: dict[str, Any]) -> RuleFile:
    """Rules and cues from a parsed rule file; ids must be unique across both lists."""
    rules: dict[str, Rule] = {}
    cues: dict[str, Rule] = {}
    for key, target, cue in (("rules", rules, False), ("cues", cues, True)):
        for item in data.get(key) or ():
            entry = _entry(name, item, cue)
            if entry.id in rules or entry.id in cues:
                raise ValueError(f"{name}: duplicate rule id {entry.id}")
            target[entry.id] = entry
    return RuleFile(name, rules, cues)


@cache
def load(name: str) -> RuleFile:
    """A rule file shipped in this package (``route_rules.yaml``, ``entity_rules.yaml``)."""
    text = resources.files("ringscope.extract").joinpath(name).read_text(encoding="utf-8")
    return build(name, yaml.safe_load(text))


def examples(entries: dict[str, Rule]) -> list[tuple[str, str, bool]]:
    """Every example of the entries as (rule id, sentence, should it fire)."""
    out = []
    for rule in entries.values():
        out += [(rule.id, s, True) for s in rule.fires]
        out += [(rule.id, s, False) for s in rule.not_]
    return out
