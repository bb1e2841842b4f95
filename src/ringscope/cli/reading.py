"""Commands that read the store: search, claims, entities, events, entity, stats.

Each parses its options, asks the library, and hands rows to :func:`ringscope.cli.output.emit`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from ringscope.cli import rows as R
from ringscope.cli import sections as S
from ringscope.cli.common import (
    DEFAULT_STORE,
    StoreOption,
    app,
    err,
    fail,
    iso2,
    open_store,
    out,
    user_errors,
)
from ringscope.cli.output import FormatOption, chosen, emit
from ringscope.model import ENTITY_TYPES

if TYPE_CHECKING:
    from ringscope.privacy import Policy
    from ringscope.report.snapshot import Snapshot

IncludeVictims = Annotated[
    bool,
    typer.Option(
        "--include-victims",
        help="Show the names of withheld persons (victims and other private persons)"
        " instead of \\[victim N].",
    ),
]


def _policy(store: Path, include_victims: bool) -> Policy | None:
    """The store's victim policy, or None when names are asked for."""
    if include_victims:
        return None
    from ringscope.report.snapshot import load

    with user_errors():
        return load(Path(store)).policy


def _snapshot(store: Path) -> Snapshot:
    from ringscope.report.snapshot import load

    with user_errors():
        return load(Path(store))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words to find; "quoted phrase", word*, AND/OR/NOT.')],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many reports.")] = 10,
    format: FormatOption = None,
    include_victims: IncludeVictims = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Full-text search over the stored reports (a search naming a withheld person finds nothing)."""
    from ringscope.store import SNIPPET_CLOSE, SNIPPET_OPEN

    with user_errors(), open_store(store) as db:
        hits = db.search(query, limit)
    policy = _policy(store, include_victims)
    if policy is not None:
        hits = [] if policy.blocks_query(query) else hits
        hits = [
            dataclasses.replace(
                h,
                title=policy.text(h.title),
                url=policy.url(h.url),
                snippet=policy.redactor.marked(h.snippet, SNIPPET_OPEN, SNIPPET_CLOSE),
            )
            for h in hits
        ]
    emit([S.search_section([R.hit_row(hit) for hit in hits], query)], chosen(format), out)


@app.command()
def claims(
    measure: Annotated[
        str | None, typer.Option("--measure", "-m", help="Only this measure (see vocab).")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", "-c", help="Only claims located here (ISO2).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = 50,
    conflicts: Annotated[
        bool,
        typer.Option("--conflicts", help="Reconcile claims across reports and show the conflicting figures."),
    ] = False,
    format: FormatOption = None,
    include_victims: IncludeVictims = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Quantitative claims with their quotes and sources; with --conflicts, reconciled figures."""
    from ringscope.fuse.judge_targets import rejected
    from ringscope.vocab import measures

    if measure is not None and measure not in measures():
        fail(f"unknown measure {measure!r}; choose one of: {', '.join(measures())}")
    if country is not None:
        country = iso2(country)
    fmt = chosen(format)
    if conflicts:
        from ringscope.report import parts

        with user_errors(), open_store(store) as db:
            part = parts.conflicts(db, measure, country, limit, include_victims)
            if part is None:  # no stored picture to read parts of: the whole snapshot
                snap = _snapshot(store)
                figures = [
                    f for f in snap.picture.conflicts()
                    if measure in (None, f.measure) and country in (None, f.location)
                ]
                part = parts.Part(snap.part(figures=figures[:limit], names=include_victims), len(figures))
        shown, total = part.picture, part.total
        rows = [R.figure_row(shown, f) for f in shown.figures]
        title = S.counted(f"{total} conflicting figure(s)", total, len(rows))
        emit([S.figures_section(rows, title, "no conflicting figures found")], fmt, out)
        return
    with user_errors(), open_store(store) as db:
        found = db.claims(measure=measure, country=country)
        judged = rejected([(c.report_id, c.claim) for c in found], db.judgements(active_only=True))
    policy = _policy(store, include_victims) if found else None
    if policy is not None:
        from ringscope.privacy import view

        found = [
            dataclasses.replace(
                c, claim=view.claim(policy, c.claim), title=policy.text(c.title), url=policy.url(c.url),
                source=policy.text(c.source),
            )
            for c in found
        ]
    rows = [R.stored_claim_row(c) | {"judged": judged.get(i)} for i, c in enumerate(found[:limit])]
    if policy is not None:
        for row in rows:
            row["judged"] = policy.text(row["judged"])  # an analyst's note may name a victim
    emit([S.claims_section(rows, len(found))], fmt, out)


@app.command()
def entities(
    type: Annotated[
        str | None, typer.Option("--type", "-t", help=f"Only this type: {', '.join(ENTITY_TYPES)}.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = 50,
    format: FormatOption = None,
    include_victims: IncludeVictims = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Entities across all reports, most reported first (withheld persons as \\[victim N])."""
    if type is not None:
        matches = [t for t in ENTITY_TYPES if t.lower() == type.lower()]
        if not matches:
            fail(f"unknown entity type {type!r}; choose one of: {', '.join(ENTITY_TYPES)}")
        type = matches[0]
    from ringscope.fuse.judge_targets import judged_names

    with user_errors(), open_store(store) as db:
        found = db.entities(type=type)
        judged = judged_names([(e.type, e.name) for e in found[:limit]], db.judgements(active_only=True))
    policy = _policy(store, include_victims) if found else None
    rows = [R.entity_summary_row(e) | {"judged": judged.get(i)} for i, e in enumerate(found[:limit])]
    if policy is not None:
        for row in rows:
            row["name"] = policy.text(row["name"]) or ""
            row["judged"] = policy.text(row["judged"])  # an analyst's note may name a victim
    emit([S.entities_section(rows, len(found))], chosen(format), out)


@app.command()
def events(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = 20,
    format: FormatOption = None,
    include_victims: IncludeVictims = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Events told by more than one report, with the figures they agree and disagree on."""
    from ringscope.report import parts

    with user_errors(), open_store(store) as db:
        part = parts.events(db, limit, include_victims)
        if part is None:  # no stored picture to read parts of: the whole snapshot
            snap = _snapshot(store)
            shown = snap.part(events=snap.picture.events[:limit], names=include_victims)
            part = parts.Part(shown, len(snap.picture.events))
    rows = [R.event_row(part.picture, event) for event in part.picture.events]
    emit([S.events_section(rows, part.total)], chosen(format), out)


SHOW_ENTITIES = 3


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name or alias, any spelling (case and accents ignored).")],
    format: FormatOption = None,
    include_victims: IncludeVictims = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """One entity across reports: aliases, roles, mentions, claims and sources."""
    from ringscope.fuse import Picture

    with user_errors(), open_store(store):
        snap = _snapshot(store)
    # found among the entities as shown; only the entities shown, their figures and reports redacted
    listed = snap.listed(include_victims)
    found = listed.entity(name)
    if not found:
        fail(f"no entity named {name!r} in {store}")
    index = {id(e): i for i, e in enumerate(listed.entities)}
    sections = []
    for match in found[:SHOW_ENTITIES]:
        part = snap.entity_part(index[id(match)], include_victims)
        shown = Picture(part.reports, {}, [], listed.entities, part.figures)
        sections.append(S.entity_sections(R.resolved_entity_rows(shown, part.entities[0])))
    emit([section for parts in sections for section in parts], chosen(format), out)
    if len(found) > SHOW_ENTITIES:
        err.print(Text(f"{len(found) - SHOW_ENTITIES} more entities match {name!r}; give a fuller name"))


@app.command()
def stats(format: FormatOption = None, store: StoreOption = DEFAULT_STORE) -> None:
    """Counts of what the store holds."""
    with user_errors(), open_store(store) as db:
        counts = db.stats()
    emit([S.stats_section(R.stats_row(counts, str(store)))], chosen(format), out)
