"""Extraction rules kept as data: the YAML rule files of this package and their one loader.

A rule file has sections, each a list of entries. Every entry has a stable ``id`` (lower-case
dotted, ``section.name``), a plain-language ``reason`` and ``fires`` / ``not`` example sentences,
invented by the team, that the test suite runs. What an entry matches is a regular expression in
``pattern`` (a string, or a list of pieces joined as written; ``flags: [i]`` for case-insensitive),
a word list in ``words`` (a list, or one string split on spaces; entries holding a space are
phrases), or ``computed: true`` when code decides and the entry documents it. Other keys
(``category``, ``class``, ``measure`` ...) are kept in :attr:`Rule.data`.

Three section names have a fixed meaning:

- ``rules``: the rules that produce entities and routes; every produced item carries the id of
  one (``Entity.rule``, ``Route.rule``). Code decides how they match.
- ``cues``: the patterns and word lists those rules are built from; each has exactly one of
  ``pattern`` and ``words``, and its examples are tested with :meth:`Rule.matches`.
- ``lexicons``: general word lists with their ``origin``, no examples.

Claim rules use their own sections (``triggers``, ``nouns``, ``vetoes`` ...). The model is
``screen/indicators.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ringscope.datafile import read_yaml

LEXICONS = "lexicons"
PRODUCING = "rules"
CUES = "cues"
_ID = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")
_KNOWN = frozenset({"id", "reason", "pattern", "words", "computed", "fires", "not", "origin", "flags"})
_FLAGS = {"i": re.IGNORECASE}


class RuleFileError(ValueError):
    """A rule file that cannot be used: names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One extraction rule, cue or lexicon of a rule file."""

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
    regex: re.Pattern[str] | None = None
    """``pattern`` compiled with the entry's flags."""

    def get(self, key: str, default: Any = None) -> Any:
        """A section-specific key of the entry."""
        return self.data.get(key, default)

    @property
    def phrases(self) -> tuple[str, ...]:
        """Entries of ``words`` holding a space (they match as phrases, not single words)."""
        return tuple(w for w in self.words if " " in w)

    def matches(self, sentence: str) -> bool:
        """Does the cue occur in the sentence (the pattern, or one of the words or phrases)?

        A pattern anchored at the end (``$``) is tried on every start of the sentence up to a word,
        one anchored at the start (``^``) on every rest after a word.
        """
        if self.regex is not None:
            if self.regex.search(sentence) is not None:
                return True
            source = self.regex.pattern
            cuts = [m.start() for m in re.finditer(r"(?<=\s)\S", sentence)]
            if source.endswith("$") and any(self.regex.search(sentence[:k]) for k in cuts):
                return True
            if source.startswith("^") and any(self.regex.search(sentence[k - 1 :]) for k in cuts):
                return True
            return False
        tokens = set(re.findall(r"[\w'’&.-]+", sentence))
        tokens |= {t.strip(".") for t in tokens}
        folded = {t.casefold() for t in tokens}
        if any(w in tokens or w in folded for w in self.words if " " not in w):
            return True
        return any(p in sentence for p in self.phrases)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """All entries of one rule file, by id, in file order."""

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

    @property
    def producing(self) -> dict[str, Rule]:
        """The entries of the ``rules`` section (rules that produce entities and routes)."""
        return {r.id: r for r in self.section(PRODUCING)}

    @property
    def cues(self) -> dict[str, Rule]:
        """The entries of the ``cues`` section."""
        return {r.id: r for r in self.section(CUES)}

    def rule(self, rule_id: str) -> str:
        """The id of a producing rule, checked to be defined in the file (code names rules by id)."""
        if rule_id not in self.rules or self.rules[rule_id].section != PRODUCING:
            raise KeyError(f"{self.name}: no rule {rule_id!r}")
        return rule_id

    def pattern(self, rule_id: str) -> re.Pattern[str]:
        """The compiled pattern of an entry."""
        regex = self[rule_id].regex
        if regex is None:
            raise ValueError(f"{self.name}: {rule_id} has words, not a pattern")
        return regex

    def words(self, rule_id: str) -> frozenset[str]:
        """The word list of an entry (words and phrases), as a set."""
        return frozenset(self[rule_id].words)

    def phrases(self, rule_id: str) -> tuple[str, ...]:
        return self[rule_id].phrases

    def mapping(self, rule_id: str) -> dict[str, str]:
        """The ``values`` mapping of a lexicon as text (word -> code)."""
        return {str(k): str(v) for k, v in self[rule_id].get("values", {}).items()}

    def values(self, rule_id: str) -> dict[str, float]:
        """The ``values`` mapping of a lexicon (word -> number)."""
        return {str(k): float(v) for k, v in self[rule_id].get("values", {}).items()}

    def examples(self, section: str | None = None) -> Iterator[tuple[Rule, str, bool]]:
        """Every example sentence (of one section, or all): (rule, sentence, whether it should fire)."""
        for rule in self.rules.values():
            if section is not None and rule.section != section:
                continue
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


def _compile(name: str, rule_id: str, item: dict[str, Any]) -> tuple[str | None, re.Pattern[str] | None]:
    source = item.get("pattern")
    if source is None:
        return None, None
    if isinstance(source, list):  # pieces written on several lines, joined as they stand
        source = "".join(str(piece) for piece in source)
    flags = 0
    for flag in item.get("flags") or ():
        if str(flag) not in _FLAGS:
            raise RuleFileError(f"{name}: {rule_id}: unknown flag {flag!r}")
        flags |= _FLAGS[str(flag)]
    try:
        return str(source), re.compile(str(source), flags)
    except re.error as exc:
        raise RuleFileError(f"{name}: {rule_id}: pattern does not compile: {exc}") from None


def _check(name: str, section: str, rule_id: str, item: dict[str, Any], words: tuple[str, ...],
           fires: tuple[str, ...]) -> None:
    if section == LEXICONS:
        if not item.get("origin") or not words:
            raise RuleFileError(f"{name}: {rule_id}: a lexicon needs origin and words")
        return
    if not str(item.get("reason", "")).strip():
        raise RuleFileError(f"{name}: {rule_id}: a rule needs a reason")
    if not fires:
        raise RuleFileError(f"{name}: {rule_id}: a rule needs at least one `fires` example")
    if section == CUES and ("pattern" in item) == ("words" in item):
        raise RuleFileError(f"{name}: cue {rule_id} needs exactly one of `pattern` and `words`")
    if section not in (CUES, PRODUCING) and "pattern" not in item and not words and not item.get("computed"):
        raise RuleFileError(f"{name}: {rule_id}: a rule needs a pattern, words or computed: true")


def _rule(name: str, section: str, item: Any) -> Rule:
    if not isinstance(item, dict) or "id" not in item:
        raise RuleFileError(f"{name}: section {section}: every entry needs an id")
    rule_id = str(item["id"])
    if not _ID.match(rule_id):
        raise RuleFileError(f"{name}: bad rule id {rule_id!r} (ids are lower-case dotted names)")
    words = _strings(name, rule_id, "words", item.get("words"))
    values = item.get("values")
    if values is not None:
        if not isinstance(values, dict):
            raise RuleFileError(f"{name}: {rule_id}: values must map words to numbers")
        words = words or tuple(str(k) for k in values)
    fires = _strings(name, rule_id, "fires", item.get("fires"))
    _check(name, section, rule_id, item, words, fires)
    pattern, regex = _compile(name, rule_id, item)
    data = {k: v for k, v in item.items() if k not in _KNOWN}
    return Rule(rule_id, section, str(item.get("reason", "")).strip(), pattern, words,
                bool(item.get("computed", False)), fires, _strings(name, rule_id, "not", item.get("not")),
                str(item.get("origin", "")), data, regex)


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
    return parse_rules(filename, read_yaml(package, filename))
