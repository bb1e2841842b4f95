"""Redacted copies of reports, extractions and the fused picture: what every reader is given.

Withheld persons keep their place as ``[victim N]`` (so they can still be counted and linked);
their names, aliases and roles go. Texts, titles, URLs, quotes and speakers are redacted, and
every offset is carried over to the redacted text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Container, Iterable, Iterator, Mapping
from typing import Any

from ringscope.fuse import Event, Figure, Picture, ResolvedEntity
from ringscope.fuse.reconcile import ClaimRef, Flag
from ringscope.fuse.resolve import Occurrence
from ringscope.model import Claim, DateMention, Entity, Extraction, Mention, Report, Route, make_id
from ringscope.privacy.policy import Policy
from ringscope.privacy.redact import Redacted

Item = tuple[Report, Extraction]

_NONE: list[Any] = []
"""The one empty list views share where an item has none (links, notes; a listed entity's aliases,
roles and mentions): views are read, never changed in place, and the views of a picture of 100,000
reports hold over a million such lists."""
_NO_ROLES: dict[str, list[str]] = {}


def report(policy: Policy, found: Report, redacted: Redacted | None = None) -> Report:
    """``found`` redacted (``redacted``: its text redacted already)."""
    return dataclasses.replace(report_head(policy, found), text=(redacted or policy.redact(found.text)).text)


def report_head(policy: Policy, found: Report) -> Report:
    """``found`` with its title and address redacted and no text (for lists, which show no text)."""
    return dataclasses.replace(found, text="", title=policy.text(found.title), url=policy.url(found.url))


def claim(policy: Policy, item: Claim, redacted: Redacted | None = None) -> Claim:
    """``item`` as shown: ``item`` itself when redaction changes nothing of it (views are read-only)."""
    start, end = redacted.span(item.start, item.end) if redacted else (item.start, item.end)
    quote, speaker = policy.text(item.quote) or "", policy.text(item.speaker)
    if start == item.start and end == item.end and quote == item.quote and speaker == item.speaker:
        return item
    return dataclasses.replace(item, quote=quote, speaker=speaker, start=start, end=end)


def _mentions(
    policy: Policy, mentions: list[Mention], redacted: Redacted, label: str | None
) -> list[Mention]:
    """``mentions`` as shown: the same list when redaction changes none of them."""
    out = []
    for m in mentions:
        start, end = redacted.span(m.start, m.end)
        # what the redacted text shows there: two people written alike share the text's placeholder
        shown = redacted.text[start:end] if label is not None else ""
        text = shown or label or policy.text(m.text) or ""
        out.append(m if start == m.start and end == m.end and text == m.text else Mention(start, end, text))
    return mentions if all(a is b for a, b in zip(out, mentions, strict=True)) else out


def _names(policy: Policy, names: list[str]) -> list[str]:
    """``names`` as shown: the same list when redaction changes none of them."""
    shown = [policy.text(n) or n for n in names]
    return names if shown == names else shown


def entity(policy: Policy, item: Entity, redacted: Redacted, label: str | None) -> Entity:
    """``item`` as shown (``label``: its placeholder when withheld): ``item`` itself when redaction
    changes nothing of it."""
    if label is not None:
        return Entity("Person", label, aliases=_NONE, roles=_NONE,
                      mentions=_mentions(policy, item.mentions, redacted, label))
    name = policy.text(item.name) or item.name
    aliases, roles = _names(policy, item.aliases), _names(policy, item.roles)
    mentions = _mentions(policy, item.mentions, redacted, None)
    if name == item.name and aliases is item.aliases and roles is item.roles and mentions is item.mentions:
        return item
    return dataclasses.replace(item, name=name, aliases=aliases, roles=roles, mentions=mentions)


def extraction(
    policy: Policy, found: Report, item: Extraction, labels: dict[tuple[str, str], str]
) -> Extraction:
    """``item`` with its spans carried over to the redacted text of ``found``.

    ``labels`` gives the placeholder of each withheld (report id, entity name).
    """
    redacted = policy.redact(found.text)
    return dataclasses.replace(
        item,
        entities=[entity(policy, e, redacted, labels.get((found.id, e.name))) for e in item.entities],
        claims=[claim(policy, c, redacted) for c in item.claims],
        routes=[_route(policy, r, redacted) for r in item.routes],
        dates=[_date(d, redacted) for d in item.dates],
        language=item.language,
        unsupported_language=item.unsupported_language,
    )


def _route(policy: Policy, item: Route, redacted: Redacted) -> Route:
    start, end = redacted.span(item.start, item.end)
    return dataclasses.replace(item, quote=policy.text(item.quote) or "", start=start, end=end)


def _date(item: DateMention, redacted: Redacted) -> DateMention:
    start, end = redacted.span(item.start, item.end)
    return DateMention(item.text, start, end, item.value)


def labels_by_occurrence(policy: Policy, picture: Picture) -> dict[tuple[str, str], str]:
    """(report id, entity name as extracted) -> placeholder, for every withheld person."""
    out = {}
    for resolved in picture.entities:
        label = policy.label_of(resolved)
        if label is not None:
            for occurrence in resolved.occurrences:
                out[(occurrence.report_id, occurrence.entity.name)] = label
    return out


def items(policy: Policy, picture: Picture, pairs: Iterable[Item]) -> Iterator[Item]:
    """Redacted (report, extraction) pairs for the exports."""
    labels = labels_by_occurrence(policy, picture)
    for found, item in pairs:
        yield report(policy, found), extraction(policy, found, item, labels)


def withheld_id(label: str) -> str:
    """The id a withheld person has in redacted views (made from the placeholder, not the name)."""
    return make_id("entity", "Person", label)


def picture(policy: Policy, raw: Picture, known: dict[str, Redacted] | None = None) -> Picture:
    """The fused picture as a viewer may see it; ``known`` keeps the redacted report texts of
    ``policy`` by report id between calls (found ones are reused, new ones added)."""
    known = {} if known is None else known
    for rid, r in raw.reports.items():
        if rid not in known:
            known[rid] = policy.redact(r.text)
    texts = {rid: known[rid] for rid in raw.reports}
    reports = {rid: report(policy, r, texts[rid]) for rid, r in raw.reports.items()}
    labels, ids = shown_ids(policy, raw.entities)
    entities = [resolved_entity(policy, e, labels[e.id], ids, texts, texts) for e in raw.entities]
    claim_ids: dict[str, str] = {}
    figures = [figure(policy, f, texts, claim_ids) for f in raw.figures]
    of_event: dict[str | None, list[Figure]] = {}
    for shown in figures:
        of_event.setdefault(shown.event_id, []).append(shown)
    by_event = {e.id: e for e in raw.events}
    events = [event(policy, e, list(of_event.get(e.id, ()))) for e in by_event.values()]
    return Picture(reports, dict(raw.event_of), events, entities, figures, list(raw.applied))


def shown_ids(
    policy: Policy, entities: Iterable[ResolvedEntity]
) -> tuple[dict[str, str | None], dict[str, str]]:
    """The placeholder of every entity (None: shown by name) and the id every withheld one has
    in redacted views, by entity id."""
    labels = {e.id: policy.label_of(e) for e in entities}
    return labels, {key: withheld_id(label) for key, label in labels.items() if label is not None}


def resolved_entity(
    policy: Policy,
    resolved: ResolvedEntity,
    label: str | None,
    ids: Mapping[str, str],
    texts: Mapping[str, Redacted] | None,
    within: Container[str],
) -> ResolvedEntity:
    """``resolved`` as a viewer may see it, with its occurrences in the reports ``within``.

    ``label`` is its placeholder when withheld, ``ids`` the shown id of every withheld entity and
    ``texts`` the redacted texts of its reports. Without ``texts`` its occurrences keep only their
    report and the name shown (no mentions, no spans): enough for lists, links and charts.
    """
    shown = label if label is not None else policy.text(resolved.name) or resolved.name
    if texts is not None:
        occurrences = [
            Occurrence(o.report_id, entity(policy, o.entity, texts[o.report_id], label))
            for o in resolved.occurrences
            if o.report_id in within
        ]
    else:  # one shown entity per type, shared by the occurrences (read-only views)
        plain: dict[str, Entity] = {}
        occurrences = [
            Occurrence(o.report_id, plain.get(o.entity.type) or plain.setdefault(
                o.entity.type, Entity(o.entity.type if label is None else "Person", shown,
                                      aliases=_NONE, roles=_NONE, mentions=_NONE)))
            for o in resolved.occurrences
            if o.report_id in within
        ]
    links = [(policy.text(r) or r, ids.get(o, o)) for r, o in resolved.links] if resolved.links else _NONE
    if label is not None:
        return ResolvedEntity(
            id=ids[resolved.id],
            type="Person",
            name=label,
            country=resolved.country,
            lat=None,
            lon=None,
            aliases={label: resolved.reports},
            roles=_NO_ROLES,
            occurrences=occurrences,
            links=links,
            notes=_notes(policy, resolved.notes),
        )
    return dataclasses.replace(
        resolved,
        name=shown,
        aliases=_shown_keys(policy, resolved.aliases),
        roles=_shown_keys(policy, resolved.roles),
        occurrences=occurrences,
        links=links,
        notes=_notes(policy, resolved.notes),
    )


def _shown_keys(policy: Policy, found: dict[str, list[str]]) -> dict[str, list[str]]:
    """``found`` (name -> reports) with every name redacted: ``found`` itself when redaction changes
    none of them (views are read-only; a picture of 100,000 reports holds hundreds of thousands)."""
    pairs = [(policy.text(name) or name, reports) for name, reports in found.items()]
    if all(shown == name for (shown, _), name in zip(pairs, found, strict=True)):
        return found
    return dict(pairs)


def event(policy: Policy, raw: Event, figures: list[Figure]) -> Event:
    """``raw`` as a viewer may see it, with ``figures`` (its figures as shown)."""
    return dataclasses.replace(raw, figures=figures, notes=_notes(policy, raw.notes))


def _notes(policy: Policy, notes: list[str]) -> list[str]:
    """Analysts' notes as a viewer may see them (a note may name a withheld person)."""
    return [policy.text(n) or "" for n in notes] if notes else _NONE


def figure(policy: Policy, raw: Figure, texts: Mapping[str, Redacted], claim_ids: dict[str, str]) -> Figure:
    """``raw`` as a viewer may see it (``texts``: the redacted texts of its reports; ``claim_ids``
    gets the shown id of each of its claims)."""
    refs = []
    for ref in raw.claims:
        redacted = texts.get(ref.report_id)
        new = claim(policy, ref.claim, redacted)
        claim_ids[ref.claim.id] = new.id
        refs.append(ClaimRef(ref.report_id, new, ref.published, ref.source, ref.event_id))
    flags, notes = (
        [Flag(claim_ids.get(f.claim_id, f.claim_id), f.report_id, f.code, policy.text(f.reason) or f.reason)
         for f in found]
        for found in (raw.flags, raw.notes)
    )
    return dataclasses.replace(raw, claims=refs, flags=flags, notes=notes,
                               reason=policy.text(raw.reason) or "")
