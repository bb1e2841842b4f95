"""The items of one fused picture as a viewer may see them, each redacted when first shown.

A page shows a page of items: :class:`Shown` redacts only the reports, figures, events and
entities asked for (with :mod:`ringscope.privacy.view`, exactly as the whole redacted picture
has them) and keeps each for the next time it is shown, for as long as the picture is current.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ringscope.fuse import Event, Figure, Picture, ResolvedEntity
from ringscope.model import Report
from ringscope.privacy import view
from ringscope.privacy.policy import Policy
from ringscope.privacy.redact import Redacted


class Shown:
    """Redacted items of the picture whose reports are ``reports``, by ``policy``."""

    def __init__(self, policy: Policy, reports: Mapping[str, Report]) -> None:
        self.policy = policy
        self._raw = reports
        self.texts: dict[str, Redacted] = {}
        """Redacted report texts, by report id."""
        self._reports: dict[str, Report] = {}
        self._figures: dict[int, tuple[Figure, Figure]] = {}
        self._entities: dict[int, tuple[ResolvedEntity, ResolvedEntity]] = {}
        self._ids: list[tuple[dict[str, str | None], dict[str, str]]] = []

    def text(self, report_id: str) -> Redacted:
        found = self.texts.get(report_id)
        if found is None:
            found = self.texts[report_id] = self.policy.redact(self._raw[report_id].text)
        return found

    def report(self, report_id: str) -> Report:
        found = self._reports.get(report_id)
        if found is None:
            raw = self._raw[report_id]
            found = self._reports[report_id] = view.report(self.policy, raw, self.text(report_id))
        return found

    def figure(self, raw: Figure) -> Figure:
        """``raw`` (a figure of the picture) as shown."""
        kept = self._figures.get(id(raw))
        if kept is None or kept[0] is not raw:
            texts = {r.report_id: self.text(r.report_id) for r in raw.claims if r.report_id in self._raw}
            kept = self._figures[id(raw)] = (raw, view.figure(self.policy, raw, texts, {}))
        return kept[1]

    def entity(self, raw: ResolvedEntity, entities: Iterable[ResolvedEntity]) -> ResolvedEntity:
        """``raw`` (one of ``entities``, all the picture's) as shown, mentions and all."""
        kept = self._entities.get(id(raw))
        if kept is None or kept[0] is not raw:
            labels, ids = self.ids(entities)
            texts = {o.report_id: self.text(o.report_id) for o in raw.occurrences if o.report_id in self._raw}
            shown = view.resolved_entity(self.policy, raw, labels[raw.id], ids, texts, self._raw)
            kept = self._entities[id(raw)] = (raw, shown)
        return kept[1]

    def ids(self, entities: Iterable[ResolvedEntity]) -> tuple[dict[str, str | None], dict[str, str]]:
        """The placeholders and shown ids of ``entities`` (all the picture's; see
        :func:`ringscope.privacy.view.shown_ids`)."""
        if not self._ids:
            self._ids.append(view.shown_ids(self.policy, entities))
        return self._ids[0]

    def part(
        self, events: Iterable[Event], figures: Iterable[Figure], event_of: Mapping[str, str | None]
    ) -> Picture:
        """``events`` and ``figures`` (and the figures of ``events``) with the reports they cite, as
        shown: what :func:`ringscope.privacy.view.picture` gives for the picture of only them."""
        kept_events, kept_figures = list(events), list(figures)
        given = {id(f) for f in kept_figures}
        kept_figures += [f for e in kept_events for f in e.figures if id(f) not in given]
        wanted = {r for e in kept_events for r in e.report_ids}
        wanted |= {ref.report_id for f in kept_figures for ref in f.claims}
        cited = [r for r in self._raw if r in wanted]
        shown_figures = [self.figure(f) for f in kept_figures]
        of_event: dict[str | None, list[Figure]] = {}
        for found in shown_figures:
            of_event.setdefault(found.event_id, []).append(found)
        shown_events = [view.event(self.policy, e, list(of_event.get(e.id, ()))) for e in kept_events]
        return Picture(
            {r: self.report(r) for r in cited}, {r: event_of.get(r) for r in cited}, shown_events, [],
            shown_figures,
        )

