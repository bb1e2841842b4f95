"""What extraction decided for each figure of a text: the claim it became, or what dropped it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ringscope.model import Claim


@dataclass(slots=True)
class Decision:
    """One number of a text and what became of it.

    ``rule`` is the id of the rule that gave the measure, ``trigger`` the trigger rule that
    chose it, ``veto`` the rule that dropped the figure (empty when it became a claim).
    """

    start: int
    end: int
    figure: str
    low: float | None = None
    high: float | None = None
    qualifier: str = ""
    currency: str | None = None
    noun: str = ""
    qualifier_rule: str = ""
    measure: str = ""
    rule: str = ""
    trigger: str = ""
    veto: str = ""
    claim: Claim | None = None
    second: Claim | None = None
    """A second claim of the same figure under another measure ("arrested and deported 40 ...")."""

    @property
    def ids(self) -> tuple[str, ...]:
        """Every rule id that took part in this decision."""
        extra = (self.second.rule, self.second.trigger) if self.second is not None else ()
        ids = (self.noun, self.qualifier_rule, self.rule, self.trigger, self.veto, *extra)
        return tuple(i for i in ids if i)

    def as_dict(self) -> dict[str, Any]:
        return {
            "figure": self.figure, "start": self.start, "end": self.end, "low": self.low, "high": self.high,
            "qualifier": self.qualifier or None, "currency": self.currency,
            "claim": self.claim is not None, "measure": self.measure or None, "rule": self.rule or None,
            "trigger": self.trigger or None, "veto": self.veto or None, "noun": self.noun or None,
            "qualifier_rule": self.qualifier_rule or None,
            "quote": self.claim.quote if self.claim is not None else None,
            "also": None if self.second is None else {
                "measure": self.second.measure, "rule": self.second.rule, "trigger": self.second.trigger,
                "quote": self.second.quote},
        }
