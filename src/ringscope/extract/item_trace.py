"""Which rule made each entity and route of a text, with the rule's reason (for ``ringscope explain``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ringscope.extract.rules import load_rules
from ringscope.model import Entity, Route


@dataclass(frozen=True, slots=True)
class ItemTrace:
    """One extracted entity or route and the rule that produced it."""

    kind: str  # "entity" or "route"
    start: int
    end: int
    label: str
    rule: str
    reason: str
    quote: str
    detail: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "label": self.label,
                "rule": self.rule or None, "reason": self.reason, "quote": self.quote, **self.detail}


def _reason(filename: str, rule_id: str) -> str:
    rules = load_rules(filename).producing
    return rules[rule_id].reason if rule_id in rules else ""


def trace_entities(entities: list[Entity]) -> list[ItemTrace]:
    """Entities in text order (first mention), each with its rule."""
    out = []
    for e in entities:
        first = min(e.mentions, key=lambda m: m.start) if e.mentions else None
        start, end, quote = (first.start, first.end, first.text) if first else (-1, -1, e.name)
        out.append(ItemTrace("entity", start, end, f"{e.type} {e.name!r}", e.rule,
                             _reason("entity_rules.yaml", e.rule), quote,
                             {"type": e.type, "name": e.name, "country": e.country,
                              "mentions": len(e.mentions)}))
    return sorted(out, key=lambda t: (t.start, t.label))


def trace_routes(routes: list[Route]) -> list[ItemTrace]:
    """Routes in text order, each with its rule."""
    out = [ItemTrace("route", r.start, r.end, f"{r.origin} -> {r.destination}", r.rule,
                     _reason("route_rules.yaml", r.rule), r.quote,
                     {"origin": r.origin, "destination": r.destination, "count": r.count})
           for r in routes]
    return sorted(out, key=lambda t: (t.start, t.label))
