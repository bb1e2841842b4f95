"""The figure rules (``figures.yaml``): their ids and reasons, and the text cues they read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ringscope.datafile import read_yaml
from ringscope.fuse.refs import ClaimRef


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    reason: str
    fires: tuple[Example, ...] = ()
    not_: tuple[Example, ...] = ()


@dataclass(frozen=True, slots=True)
class Limits:
    close_ratio: float = 0.10
    open_ratio: float = 2.0
    list_gap: int = 40
    sum_gap: int = 260
    total_reach: int = 700
    context: int = 160


@dataclass(frozen=True, slots=True)
class FigureRules:
    rules: dict[str, Rule]
    groups: dict[str, frozenset[str]]
    share_after: tuple[re.Pattern[str], ...]
    share_inside: tuple[re.Pattern[str], ...]
    share_before: tuple[re.Pattern[str], ...]
    running: tuple[re.Pattern[str], ...]
    totals: tuple[re.Pattern[str], ...]
    limits: Limits = field(default_factory=Limits)

    def reason(self, rule_id: str) -> str:
        return self.rules[rule_id].reason


def _examples(items: Any) -> tuple[Example, ...]:
    return tuple(Example(str(e["text"]), str(e["a"]), str(e["b"])) for e in items or ())


@cache
def rules() -> FigureRules:
    """The rules of ``figures.yaml``, loaded once."""
    raw = read_yaml("ringscope.fuse", "figures.yaml")
    table = {
        r["id"]: Rule(r["id"], r["kind"], r["reason"], _examples(r.get("fires")), _examples(r.get("not")))
        for r in raw["rules"]
    }
    groups = {name: frozenset(words) for name, words in raw["groups"].items()}
    return FigureRules(
        rules=table,
        groups=groups,
        share_after=tuple(re.compile(p) for p in raw["share_after"]),
        share_inside=tuple(re.compile(p) for p in raw["share_inside"]),
        share_before=tuple(re.compile(p) for p in raw["share_before"]),
        running=tuple(re.compile(p) for p in raw["running"]),
        totals=tuple(re.compile(p) for p in raw["totals"]),
        limits=Limits(**raw.get("limits", {})),
    )


@lru_cache(maxsize=65_536)
def group_of(quote: str) -> frozenset[str]:
    """The group a claim's quote counts: its nationalities ("48 Indians" -> {"IN"}) or a group word
    ("foreigners" -> {"foreign"}); empty where the quote names none."""
    from ringscope.extract.document import Document
    from ringscope.extract.places import find_places

    hits = find_places(Document(quote))
    found = {hit.country for hit in hits if hit.kind == "demonym" and hit.country}
    # "7 from Myanmar", "37 citizens of Sri Lanka": a country named as where people come from.
    found |= {
        hit.country
        for hit in hits
        if hit.kind == "country"
        and hit.country
        and re.search(r"\b(?:from|of)\s+(?:the\s+)?$", quote[: hit.start])
    }
    words = set(re.findall(r"[a-z]+", quote.lower()))
    found |= {name for name, vocab in rules().groups.items() if words & vocab}
    return frozenset(found)


def _number(text: str | None) -> float | None:
    if not text:
        return None
    try:
        return float(text.replace(",", "").rstrip("."))
    except ValueError:
        return None


_DIGITS = re.compile(r"\d[\d,.]*")


def share_cue(ref: ClaimRef) -> tuple[bool, float | None]:
    """Whether the claim is stated as a share of another figure, and the total's value where named.
    A named value no larger than the claim's own is not its total, so the cue does not fire.

    The cues are tried in order: inside the quote, after its number (in the quote, then in the text
    after it), then before it in its sentence; each text is lower-cased when first needed."""
    table = rules()
    own = ref.claim.high if ref.claim.high is not None else ref.claim.value
    quote = ref.claim.quote.lower()
    for pattern in table.share_inside:
        for match in pattern.finditer(quote):
            if (found := _total(match, own)) is not None:
                return True, found[0]
    digits = _DIGITS.search(quote)
    tail = quote[digits.end() :] if digits else (quote.split(" ", 1)[1] if " " in quote else "")
    after: str | None = None
    for pattern in table.share_after:
        for match in pattern.finditer(tail):
            if (found := _total(match, own)) is not None:
                return True, found[0]
        after = ref.after.lower() if after is None else after
        for match in pattern.finditer(after):
            if (found := _total(match, own)) is not None:
                return True, found[0]
    before = _sentence_tail(ref.before.lower()) if table.share_before else ""
    for pattern in table.share_before:
        for match in pattern.finditer(before):
            if (found := _total(match, own)) is not None:
                return True, found[0]
    return False, None


def _total(match: re.Match[str], own: float | None) -> tuple[float | None] | None:
    """A share cue's match that fires, with the total's value where it names one; None when the
    value it names is no larger than the claim's own (then it is not the claim's total)."""
    if not match.groups():
        return (None,)
    value = _number(match.group(1))
    return (value,) if value is not None and (own is None or value > own) else None


def _sentence_tail(before: str) -> str:
    """The part of ``before`` in the claim's own sentence."""
    cut = max(before.rfind(". "), before.rfind("\n"), before.rfind("; "))
    return before[cut + 1 :] if cut >= 0 else before


def running(ref: ClaimRef) -> bool:
    """Whether the claim states a running total ("to date", "so far")."""
    return _running(ref.before, ref.claim.quote, ref.after)


@lru_cache(maxsize=65_536)
def _running(before: str, quote: str, after: str) -> bool:
    text = _sentence_tail(before.lower()) + quote.lower() + after.lower()[:60]
    return any(p.search(text) for p in rules().running)


def total_marked(ref: ClaimRef) -> bool:
    """Whether the claim is stated as a total ("a total of 90", "90 in total") or a running total."""
    return running(ref) or _total_marked(ref.before, ref.claim.quote, ref.after)


@lru_cache(maxsize=65_536)
def _total_marked(before: str, quote: str, after: str) -> bool:
    tail = _sentence_tail(before.lower())
    text = tail + quote.lower() + after.lower()[:40]
    return any(p.search(tail) or p.search(text) for p in rules().totals)


_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def years_of(ref: ClaimRef) -> frozenset[str]:
    """The years a claim names right after its number ("$2 billion in 2022" -> {"2022"}), or in its
    quote when the text around it is not at hand; its own value aside."""
    return _years(ref.after[:40] if ref.start >= 0 else None, ref.claim.quote, ref.claim.value)


@lru_cache(maxsize=65_536)
def _years(after: str | None, quote: str, own: float | None) -> frozenset[str]:
    text = re.split(r"[.;]|\sand\s", after)[0] if after is not None else quote
    return frozenset(y for y in _YEAR.findall(text) if own is None or float(y) != float(own))
