"""What the page of one entity shows, redacting only that.

An entity named in a third of an archive's reports has thousands of reports and tens of thousands
of claims in them; its page shows the sentences of its first reports and the first rows of the
claims quoting it. Only those sentences, rows and the reports they cite are redacted (with the
snapshot's :class:`ringscope.privacy.shown.Shown`, so exactly as the whole redacted picture has
them); the rest is counted on the stored picture as it is. A claim quotes the entity when its
speaker is one of the entity's names or its quote holds one (the names as the reports give them,
so a withheld person's page lists the claims naming that person, redacted).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ringscope.fuse import Figure, ResolvedEntity
from ringscope.fuse.reconcile import ClaimRef
from ringscope.model import Report
from ringscope.privacy import view
from ringscope.report.snapshot import Snapshot


@dataclass(frozen=True, slots=True)
class EntityView:
    entity: ResolvedEntity
    """The entity as listed (names, types, aliases, roles, links and every report; no mentions)."""
    mentioned: ResolvedEntity
    """The entity with its occurrences in the first ``mention_reports`` reports only, mentions and all."""
    rows: list[tuple[Figure, ClaimRef]]
    """The first claims quoting the entity, each with its figure (as shown)."""
    claims_of: int
    """How many claims quote it in all."""
    reports: dict[str, Report]
    """The reports cited by :attr:`rows` and :attr:`mentioned` (as shown)."""
    links: list[tuple[str, ResolvedEntity]]
    """(role, entity) of each of its links, as listed."""
    linked_from: list[tuple[str, ResolvedEntity]]
    """(role, entity) of each entity linked to it, as listed."""


def find(snap: Snapshot, entity_id: str, names: bool) -> int | None:
    """The place in the snapshot's picture of the entity shown as ``entity_id`` (a withheld person
    by the id of its placeholder unless ``names``), found without listing every entity."""

    def make() -> dict[str, int]:
        ids = {} if names else snap.shown.ids(snap.picture.entities)[1]
        out: dict[str, int] = {}
        for n, entity in enumerate(snap.picture.entities):
            out.setdefault(ids.get(entity.id, entity.id), n)
        return out

    return snap.kept(("entity places", names), make).get(entity_id)


def entity_view(snap: Snapshot, index: int, names: bool, mention_reports: int, claim_rows: int) -> EntityView:
    """The entity at ``index`` of the snapshot's picture as its page shows it, redacted unless
    ``names`` (an admin's explicit request)."""
    picture = snap.picture
    raw = picture.entities[index]
    listed = snap.listed_entity(index, names)
    links, linked_from = _links(snap, listed, names)
    first = set(raw.reports[:mention_reports])
    quoting = _quoting(snap, raw)
    chosen = quoting[:claim_rows]
    if names:
        mentioned = dataclasses.replace(raw, occurrences=[o for o in raw.occurrences if o.report_id in first])
        rows = [(f, f.claims[i]) for f, i in chosen]
        cited = first | {ref.report_id for _, ref in rows}
        return EntityView(listed, mentioned, rows, len(quoting),
                          {r: picture.reports[r] for r in cited if r in picture.reports}, links, linked_from)
    shown = snap.shown
    labels, ids = shown.ids(picture.entities)
    texts = {r: shown.text(r) for r in first if r in picture.reports}
    mentioned = view.resolved_entity(snap.policy, raw, labels[raw.id], ids, texts, texts)
    rows = []
    for figure, i in chosen:
        found = shown.figure(figure)
        rows.append((found, found.claims[i]))
    cited = first | {ref.report_id for _, ref in rows}
    return EntityView(listed, mentioned, rows, len(quoting),
                      {r: shown.report(r) for r in cited if r in picture.reports}, links, linked_from)


def _links(
    snap: Snapshot, entity: ResolvedEntity, names: bool
) -> tuple[list[tuple[str, ResolvedEntity]], list[tuple[str, ResolvedEntity]]]:
    """The entities ``entity`` (as listed) links to, and those linking to it, as listed."""
    from ringscope.report.analysis import focus_members

    members = focus_members(snap, names)
    links = [(role, members.show(other)) for role, other in entity.links if other in members.reports]
    ids = {} if names else snap.shown.ids(snap.picture.entities)[1]
    linked_from = [
        (members.role(role), snap.listed_entity(n, names))
        for n, found in enumerate(snap.picture.entities)
        for role, other in found.links
        if ids.get(other, other) == entity.id
    ]
    return links, linked_from


def _quoting(snap: Snapshot, entity: ResolvedEntity) -> list[tuple[Figure, int]]:
    """(figure, index of the claim) of every claim in the entity's reports whose speaker is one of
    its names or whose quote holds one, in the picture's order (conflicting figures first); the
    claims of its reports are read through :func:`report_claims`."""
    figures = snap.picture.figures
    names = {a.casefold() for a in entity.aliases} | {entity.name.casefold()}
    names.discard("")
    by_report = report_claims(snap)
    places = sorted(place for report_id in set(entity.reports) for place in by_report.get(report_id, ()))
    out = []
    for n, i in places:
        figure = figures[n]
        claim = figure.claims[i].claim
        quote = claim.quote.casefold()
        if (claim.speaker and claim.speaker.casefold() in names) or any(name in quote for name in names):
            out.append((figure, i))
    return out


def report_claims(snap: Snapshot) -> dict[str, list[tuple[int, int]]]:
    """(place of the figure in the picture, index of the claim in it) of every claim of each report,
    made once per snapshot."""

    def make() -> dict[str, list[tuple[int, int]]]:
        out: dict[str, list[tuple[int, int]]] = {}
        for n, figure in enumerate(snap.picture.figures):
            for i, ref in enumerate(figure.claims):
                out.setdefault(ref.report_id, []).append((n, i))
        return out

    return snap.kept(("claims by report",), make)


def report_entities(snap: Snapshot) -> dict[str, tuple[int, ...]]:
    """The places in the snapshot's picture of the entities of each report (made once per snapshot)."""

    def make() -> dict[str, tuple[int, ...]]:
        by_report: dict[str, list[int]] = {}
        for n, entity in enumerate(snap.picture.entities):
            for found in dict.fromkeys(o.report_id for o in entity.occurrences):
                by_report.setdefault(found, []).append(n)
        return {found: tuple(places) for found, places in by_report.items()}

    return snap.kept(("entities by report",), make)


def resolved_in_report(snap: Snapshot, report_id: str) -> dict[str, ResolvedEntity]:
    """Each entity name as written in the report -> the resolved entity it is an occurrence of (the
    last one in the picture's order), read through :func:`report_entities`, so a report page does
    not scan every occurrence of the picture."""
    entities = snap.picture.entities
    return {
        o.entity.name: entities[n]
        for n in report_entities(snap).get(report_id, ())
        for o in entities[n].occurrences
        if o.report_id == report_id
    }
