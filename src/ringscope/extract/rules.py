"""Extraction rules kept as data: YAML files of this package, one entry per rule.

A rule file has sections (``triggers``, ``vetoes``, ``nouns`` ...), each a list of rules.
Every rule has a stable ``id``, a plain-language ``reason``, what it matches (a regular
expression in ``pattern``, a word list in ``words``, or ``computed: true`` when code
decides and the entry documents it), and ``fires`` / ``not`` example sentences, invented
by the team, that the test suite runs through extraction. Other keys of an entry
(``category``, ``class``, ``measure`` ...) are kept in :attr:`Rule.data` for the code
that uses the section.

A section named ``lexicons`` holds general word lists: ``id``, ``origin`` and ``words``,
no examples. The model is ``screen/indicators.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

LEXICONS = "lexicons"
_ID = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")
_KNOWN = frozenset({"id", "reason", "pattern", "words", "computed", "fires", "not", "origin"})


class RuleFileError(ValueError):
    """A rule file that cannot be used: names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One extraction rule (or one lexicon) of a rule file."""

    id: str
    section: str
    reason: str
    pattern: str | None = None
    words: tuple[str, ...] = ()
    computed: bool = False
    fires: tuple[str, ...] = ()
    not_: tuple[str, ...] = ()
    origin: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        """A section-specific key of the entry."""
        return self.data.get(key, default)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """All rules of one file, by id, in file order."""

    name: str
    rules: dict[str, Rule]

    def __getitem__(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise KeyError(f"{self.name}: no rule {rule_id!r}") from None

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules.values())

    def section(self, name: str) -> list[Rule]:
        return [r for r in self.rules.values() if r.section == name]

    def words(self, rule_id: str) -> frozenset[str]:
        """The word list of a rule or lexicon, as a set."""
        return frozenset(self[rule_id].words)

    def mapping(self, rule_id: str) -> dict[str, str]:
        """The ``values`` mapping of a lexicon as text (word -> code)."""
        return {str(k): str(v) for k, v in self[rule_id].get("values", {}).items()}

    def values(self, rule_id: str) -> dict[str, float]:
        """The ``values`` mapping of a lexicon (word -> number)."""
        return {str(k): float(v) for k, v in self[rule_id].get("values", {}).items()}

    def examples(self) -> Iterator[tuple[Rule, str, bool]]:
        """Every example sentence: (rule, sentence, whether the rule should fire on it)."""
        for rule in self.rules.values():
            for sentence in rule.fires:
                yield rule, sentence, True
            for sentence in rule.not_:
                yield rule, sentence, False


def _strings(name: str, rule_id: str, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleFileError(f"{name}: {rule_id}: {key} must be a list of strings")
    return tuple(value)


def _rule(name: str, section: str, item: Any) -> Rule:
    if not isinstance(item, dict) or "id" not in item:
        raise RuleFileError(f"{name}: section {section}: every entry needs an id")
    rule_id = str(item["id"])
    if not _ID.match(rule_id):
        raise RuleFileError(f"{name}: {rule_id}: ids are lower-case dotted names (section.name)")
    pattern = item.get("pattern")
    if pattern is not None:
        try:
            re.compile(str(pattern))
        except re.error as exc:
            raise RuleFileError(f"{name}: {rule_id}: pattern does not compile: {exc}") from None
    words = _strings(name, rule_id, "words", item.get("words"))
    values = item.get("values")
    if values is not None:
        if not isinstance(values, dict):
            raise RuleFileError(f"{name}: {rule_id}: values must map words to numbers")
        words = words or tuple(str(k) for k in values)
    computed = bool(item.get("computed", False))
    fires = _strings(name, rule_id, "fires", item.get("fires"))
    not_ = _strings(name, rule_id, "not", item.get("not"))
    if section == LEXICONS:
        if not item.get("origin") or not words:
            raise RuleFileError(f"{name}: {rule_id}: a lexicon needs origin and words")
    else:
        if not str(item.get("reason", "")).strip():
            raise RuleFileError(f"{name}: {rule_id}: a rule needs a reason")
        if pattern is None and not words and not computed:
            raise RuleFileError(f"{name}: {rule_id}: a rule needs a pattern, words or computed: true")
        if not fires:
            raise RuleFileError(f"{name}: {rule_id}: a rule needs at least one fires example")
    data = {k: v for k, v in item.items() if k not in _KNOWN}
    return Rule(rule_id, section, str(item.get("reason", "")).strip(),
                None if pattern is None else str(pattern), words, computed, fires, not_,
                str(item.get("origin", "")), data)


def parse_rules(name: str, raw: Any) -> RuleSet:
    """Rules from a parsed YAML document (a mapping of section name to entries)."""
    if not isinstance(raw, dict):
        raise RuleFileError(f"{name}: expected sections of rules at the top level")
    rules: dict[str, Rule] = {}
    for section, items in raw.items():
        if not isinstance(items, list):
            raise RuleFileError(f"{name}: section {section} must be a list of entries")
        for item in items:
            rule = _rule(name, str(section), item)
            if rule.id in rules:
                raise RuleFileError(f"{name}: duplicate rule id {rule.id}")
            rules[rule.id] = rule
    return RuleSet(name, rules)


@cache
def load_rules(filename: str, package: str = "ringscope.extract") -> RuleSet:
    """The rule file ``filename`` shipped in ``package`` (parsed and checked once per process)."""
    text = resources.files(package).joinpath(filename).read_text(encoding="utf-8")
    return parse_rules(filename, yaml.safe_load(text))
