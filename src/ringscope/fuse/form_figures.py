"""What an update of the resolved entities reads of their occurrences, and no more.

The occurrences of new and re-extracted reports are read whole (they are written to the picture);
of every other report only what the figures of a form need (:mod:`ringscope.fuse.entity_forms`)
when the form lost occurrences, the places of acronyms (resolution tries each in turn) and which
reports a set of forms is named in.
"""

from __future__ import annotations

import json
from collections import defaultdict

from ringscope.fuse.entity_forms import Figures, OccurrenceRow, figures_of, merge
from ringscope.fuse.heads import Stamps
from ringscope.fuse.resolve import join_forms
from ringscope.model import Entity, Mention, make_id, name_key
from ringscope.store.resolve_parts import ResolveParts

FormInfo = tuple[str, str, str]
"""(type, name, JSON of the aliases)."""


def form_id(info: FormInfo) -> str:
    return make_id("form", *info)


NewOccurrence = tuple[str, int, Entity, str, FormInfo]
"""(report id, seq, entity, form, form's type, name and aliases) of an occurrence an update reads."""


def new_occurrences(parts: ResolveParts, report_ids: list[str]) -> list[NewOccurrence]:
    """Every stored entity of the given reports, in report and extraction order."""
    rows = parts.report_occurrences(report_ids)
    mentions: dict[object, list[Mention]] = defaultdict(list)
    for pk, start, end, text in parts.mentions([int(r[2]) for r in rows]):
        mentions[pk].append(Mention(int(str(start)), int(str(end)), str(text)))
    out = []
    for r in rows:
        form = (str(r[3]), str(r[4]), str(r[8]))
        entity = Entity(type=form[0], name=form[1], country=r[5], lat=r[6], lon=r[7],
                        aliases=json.loads(form[2]), roles=json.loads(str(r[9])),
                        mentions=mentions.get(r[2], []), rule=str(r[10]))
        out.append((str(r[0]), int(r[1]), entity, form_id(form), form))
    return out


def the_figures(
    parts: ResolveParts, info: dict[str, FormInfo], closed: set[str], lost: set[str],
    new: list[NewOccurrence], known: set[str], stamps: Stamps,
) -> dict[str, Figures]:
    """The figures of every form of ``closed`` some stored report still has: the kept ones with the
    new occurrences added, counted again for a form that lost occurrences (``lost``)."""
    added: dict[str, list[OccurrenceRow]] = defaultdict(list)
    for report_id, seq, entity, form, _ in new:
        added[form].append((report_id, seq, entity.country, entity.lat, entity.lon, entity.roles))
    kept = {f: json.loads(data) for f, data in parts.form_stats(sorted(closed - lost)).items()}
    out: dict[str, Figures] = {}
    for form in sorted(closed):
        if form in kept:
            out[form] = merge(kept[form], figures_of(added[form], stamps)) if form in added else kept[form]
        elif form not in known and form in added:  # a new form: all its occurrences are new
            out[form] = figures_of(added[form], stamps)
        else:
            etype, name, aliases = info[form]
            rows = [(str(r), int(q), c, la, lo, json.loads(str(ro)))
                    for r, q, c, la, lo, ro in parts.form_occurrences((etype, name_key(name), name, aliases))]
            if rows:
                out[form] = figures_of(rows, stamps.need(row[0] for row in rows))
    return out


def groups_of(
    parts: ResolveParts, info: dict[str, FormInfo], live: list[str], figures: dict[str, Figures],
    fuzzy: list[tuple[str, str, str]],
) -> list[list[str]]:
    """The ``live`` forms joined as :func:`ringscope.fuse.resolve.resolve` joins them, each group in
    the order of its first occurrence (every occurrence of an acronym is tried in turn). Near-identical
    name keys are those kept, and ``fuzzy`` ((type, key, key) found by this update)."""
    entities = [Entity(info[f][0], info[f][1], aliases=json.loads(info[f][2])) for f in live]

    def places(acronyms: set[int]) -> list[int]:
        found: list[tuple[tuple[str, int], int]] = []
        for i in sorted(acronyms):
            etype, name, aliases = info[live[i]]
            found += [((r, q), i) for r, q in parts.form_places((etype, name_key(name), name, aliases))]
        return [i for _, i in sorted(found)]

    def near(first: dict[tuple[str, str], int]) -> list[tuple[int, int]]:
        out = []
        for etype in sorted({t for t, _ in first}):
            keys = {k for t, k in first if t == etype}
            pairs = parts.entities.fuzzy_pairs(etype, keys) + [(a, b) for t, a, b in fuzzy if t == etype]
            out += [(first[(etype, a)], first[(etype, b)]) for a, b in pairs if a in keys and b in keys]
        return out

    uf = join_forms(entities, places, near)
    groups: dict[int, list[str]] = {}
    for i, form in enumerate(live):
        groups.setdefault(uf.find(i), []).append(form)
    return sorted(groups.values(), key=lambda group: min(figures[f]["first"] for f in group))


def report_counts(
    parts: ResolveParts, groups: list[list[str]], figures: dict[str, Figures], gone: set[str],
    new: list[NewOccurrence],
) -> list[int]:
    """How many reports name each group of forms (a form's figures count its own; the reports of
    several forms are read, as one report may name an entity in several)."""
    reports: dict[str, set[str]] = defaultdict(set)
    for form, report_id in parts.form_reports([f for group in groups if len(group) > 1 for f in group]):
        if report_id not in gone:
            reports[form].add(report_id)
    for report_id, _, _, form, _ in new:
        reports[form].add(report_id)
    return [figures[group[0]]["reports"] if len(group) == 1
            else len(set().union(*(reports[f] for f in group))) for group in groups]
