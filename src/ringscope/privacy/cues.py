"""The victim-policy cues (``cues.yaml``): compiled patterns that find names framed as victims,
as private persons, or as holders of a public role, each hit carrying the id of its cue."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

from ringscope.datafile import read_yaml
from ringscope.extract.gazetteer import load_demonyms
from ringscope.extract.literals import required_literals
from ringscope.extract.number_atoms import SCALES, TENS, UNITS
from ringscope.extract.people import ROLE_TITLES, TITLE_WORDS
from ringscope.extract.places import COMMON_WORDS

Kind = Literal["victim", "private", "public"]
KINDS: tuple[str, ...] = ("victim", "private", "public")

_WORD = r"[A-Z][\w'’-]*"
NAME = rf"(?<![\w'’-])(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,3}})"
"""One to four capitalised words (the name slot of every cue)."""
_SLOT = re.compile(r"\{([A-Z_]+)\}")
NUMBER_WORDS = frozenset([*UNITS, *TENS, *SCALES, "hundreds", "thousands", "dozens", "dozen"])
"""Counting words, which may stand before a nationality ("Nine Filipinos")."""


@dataclass(frozen=True, slots=True)
class Cue:
    id: str
    kind: Kind
    reason: str
    pattern: re.Pattern[str]
    fires: tuple[str, ...]
    not_: tuple[str, ...]
    needs: tuple[str, ...] = ()
    """Lower-case words one of which every match holds (read off the pattern); empty: none known."""

    def may_match(self, lowered: str) -> bool:
        """Whether the text (lower-cased) holds one of the words every match needs."""
        return not self.needs or any(word in lowered for word in self.needs)


@dataclass(frozen=True, slots=True)
class Hit:
    """A cue naming someone: the cleaned name and the span of the name as written."""

    cue: str
    kind: Kind
    name: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Cues:
    cues: tuple[Cue, ...]
    honorifics: frozenset[str]
    victim_roles: re.Pattern[str]
    public_roles: re.Pattern[str]
    lead_words: frozenset[str]
    """Capitalised words dropped from the start of a captured name (titles, honorifics, cue words)."""
    nationalities: frozenset[str] = frozenset()
    """Nationalities as written ("Kenyans", "South Koreans"): a name that is one names a group."""

    def is_public_role(self, role: str) -> bool:
        words = [w for w in re.split(r"[\s.]+", role) if w]
        if all(w in self.honorifics for w in words):
            return False
        return bool(self.public_roles.search(role)) and not self.victim_roles.search(role)

    def is_victim_role(self, role: str) -> bool:
        return bool(self.victim_roles.search(role))

    def clean(self, name: str) -> str:
        """``name`` without leading titles, honorifics and cue words; "" when no name is left, or when
        what is left is all of a nationality as written ("trafficked South Koreans")."""
        captured = name.split()
        first, last = 0, len(captured)
        while first < last and (captured[first].rstrip(".") in self.lead_words
                                or captured[first].casefold() in COMMON_WORDS):
            first += 1
        while first < last and captured[last - 1].casefold() in COMMON_WORDS:
            last -= 1
        words = captured[first:last]
        if not words or any(w.casefold() in COMMON_WORDS for w in words):
            return ""
        if len(words) == 1 and len(words[0]) < 3:
            return ""
        if self._in_nationality(captured, first, last):
            return ""
        return " ".join(words)

    def _in_nationality(self, captured: list[str], first: int, last: int) -> bool:
        """Whether a nationality written in ``captured`` covers all of its words ``first:last`` but
        the counting words before it ("Nine Filipinos", "Twenty-three Kenyans")."""
        if not self.nationalities:
            return False
        while first < last - 1 and NUMBER_WORDS.issuperset(captured[first].casefold().split("-")):
            first += 1
        return any(
            " ".join(captured[start:end]) in self.nationalities
            for start in range(first + 1) for end in range(last, len(captured) + 1)
        )

    def find(self, text: str) -> list[Hit]:
        """Every cue hit in ``text`` whose captured name survives cleaning (the shipped table's hits
        are remembered per text, so a store re-decided after an ingest scans only new reports)."""
        if self is _SHIPPED.get("table"):
            return list(_shipped_hits(text))
        return self.scan(text)

    def scan(self, text: str) -> list[Hit]:
        hits = []
        lowered = text.lower()
        for cue in self.cues:
            if not cue.may_match(lowered):
                continue  # a cue whose words the text lacks cannot match: its search is skipped
            for match in cue.pattern.finditer(text):
                raw = match.group("name")
                name = self.clean(raw)
                if not name:
                    continue
                offset = match.start("name") + raw.rfind(name)
                hits.append(Hit(cue.id, cue.kind, name, offset, offset + len(name)))
        return hits


NEEDS_MOST = 80
"""Most words a cue's quick test looks for (each is a fast substring search of the lowered text)."""


def _needs(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The words, lower-cased, one of which every match of ``pattern`` holds: read off the pattern with
    its case-insensitive groups taken as plain ones (their words are then looked for in the lowered
    text, which finds them in any case)."""
    plain = re.compile(pattern.pattern.replace("(?i:", "(?:"))
    words = required_literals(plain, most=NEEDS_MOST)
    return tuple(sorted({w.lower() for w in words})) if words else ()


def _words_pattern(words: list[str]) -> str:
    """One group of alternatives, longest first, so that a list written bare in a pattern stays one item."""
    return "(?:" + "|".join(sorted((str(w) for w in words), key=len, reverse=True)) + ")"


def _expand(pattern: str, words: dict[str, str], where: str) -> str:
    def slot(match: re.Match[str]) -> str:
        key = match.group(1)
        if key == "NAME":
            return NAME
        if key not in words:
            raise ValueError(f"cues.yaml: {where}: unknown word list {{{key}}}")
        return words[key]

    return _SLOT.sub(slot, pattern)


def build(data: dict[str, Any]) -> Cues:
    """Compile the cue table (raises ValueError naming the faulty cue)."""
    words = {key: _words_pattern(values) for key, values in data["words"].items()}
    cues, seen = [], set()
    for item in data["cues"]:
        cue_id = str(item["id"])
        if cue_id in seen:
            raise ValueError(f"cues.yaml: duplicate cue id {cue_id}")
        seen.add(cue_id)
        if item["kind"] not in KINDS:
            raise ValueError(f"cues.yaml: {cue_id}: kind must be one of {KINDS}")
        if "{NAME}" not in item["pattern"]:
            raise ValueError(f"cues.yaml: {cue_id}: the pattern has no {{NAME}} slot")
        try:
            pattern = re.compile(_expand(item["pattern"], words, cue_id))
        except re.error as exc:
            raise ValueError(f"cues.yaml: {cue_id}: the pattern does not compile ({exc})") from exc
        cues.append(
            Cue(
                cue_id,
                item["kind"],
                str(item["reason"]),
                pattern,
                tuple(item.get("fires") or ()),
                tuple(item.get("not") or ()),
                _needs(pattern),
            )
        )
    honorifics = frozenset(str(h) for h in data["honorifics"])
    lead = {w.capitalize() for key in ("VNOUN", "HARM", "PUBLIC") for w in _plain_words(data["words"][key])}
    lead |= set(TITLE_WORDS) | set(ROLE_TITLES) | honorifics
    lead |= {str(w) for w in data.get("not_names") or ()}
    lead |= {"One", "Former", "Another", "Fellow", "Young", "Teenage", "Trafficking", "Alleged", "Suspected"}
    return Cues(
        tuple(cues),
        honorifics,
        re.compile(_expand(data["victim_roles"], words, "victim_roles"), re.IGNORECASE),
        re.compile(_expand(data["public_roles"], words, "public_roles"), re.IGNORECASE),
        frozenset(lead),
        frozenset(load_demonyms()) if data.get("nationalities_are_not_names") else frozenset(),
    )


def _plain_words(values: list[str]) -> list[str]:
    out = []
    for value in values:
        for word in re.sub(r"\\s\+", " ", str(value)).split():
            out += [word.rstrip("?"), word[:-2]] if word.endswith("s?") else [word.rstrip("?")]
    return out


_SHIPPED: dict[str, Cues] = {}


@cache
def load() -> Cues:
    """The cue table shipped with ringscope."""
    _SHIPPED["table"] = build(read_yaml("ringscope.privacy", "cues.yaml"))
    return _SHIPPED["table"]


@lru_cache(maxsize=100_000)
def _shipped_hits(text: str) -> tuple[Hit, ...]:
    return tuple(_SHIPPED["table"].scan(text))

