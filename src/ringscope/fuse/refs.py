"""A claim as fusion sees it: the claim, its report, its event, and what figure it states."""

from __future__ import annotations

from dataclasses import dataclass

from ringscope.model import Claim, make_id


@dataclass(slots=True)
class ClaimRef:
    """A claim with the report it came from and, once assigned, its figure.

    ``before`` and ``after`` hold the text either side of the claim's quote in its report (empty when
    the text is not at hand); ``figure`` and ``part_of`` are figure ids, ``rule`` and ``part_rule`` the
    ids of the figure rules (fuse/figures.yaml) that made them.
    """

    report_id: str
    claim: Claim
    published: str | None = None
    source: str | None = None
    event_id: str | None = None
    before: str = ""
    after: str = ""
    figure: str | None = None
    part_of: str | None = None
    rule: str = ""
    part_rule: str | None = None

    @property
    def id(self) -> str:
        return make_id("claimref", self.report_id, self.claim.id)

    @property
    def scope(self) -> str:
        """Where figure ids are shared: the event, or the report outside any event."""
        return self.event_id or self.report_id


def with_context(ref: ClaimRef, text: str, reach: int = 160) -> ClaimRef:
    """``ref`` with the text either side of its quote (within ``reach`` characters) filled in."""
    start, end = ref.claim.start, ref.claim.end
    if start < 0 or end > len(text) or text[start:end] != ref.claim.quote:
        found = text.find(ref.claim.quote) if ref.claim.quote else -1
        if found < 0:
            return ref
        start, end = found, found + len(ref.claim.quote)
    ref.before = text[max(0, start - reach):start]
    ref.after = text[end:end + reach]
    return ref
