"""Commands that read the store: search, claims, entities, events, entity, stats."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

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
from ringscope.model import ENTITY_TYPES

if TYPE_CHECKING:
    from ringscope.fuse import Picture
    from ringscope.privacy import Policy

IncludeVictims = Annotated[
    bool,
    typer.Option(
        "--include-victims",
        help="Show the names of withheld persons (victims and other private persons) instead of [victim N].",
    ),
]


def _policy(store: Path, include_victims: bool) -> Policy | None:
    """The store's victim policy, or None when names are asked for."""
    if include_victims:
        return None
    from ringscope.report.snapshot import load

    with user_errors():
        return load(Path(store)).policy


def _picture(store: Path, include_victims: bool) -> Picture:
    """The fused picture, redacted unless names are asked for."""
    from ringscope.report.snapshot import load

    with user_errors():
        return load(Path(store)).view(include_victims)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words to find; "quoted phrase", word*, AND/OR/NOT.')],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many reports.")] = 10,
    include_victims: IncludeVictims = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Full-text search over the stored reports (a search naming a withheld person finds nothing)."""
    import dataclasses

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
    if not hits:
        out.print(Text(f"no reports match {query!r}"))
        return
    table = Table(title=f"{len(hits)} report(s) matching {query!r}", show_lines=True)
    table.add_column("report", overflow="fold", max_width=40)
    table.add_column("published", no_wrap=True)
    table.add_column("snippet", overflow="fold")
    for hit in hits:
        label = Text(hit.title or hit.source or hit.report_id)
        if hit.title and hit.source:
            label.append(f"\n{hit.source}", style="dim")
        table.add_row(label, hit.published or "", _highlight(hit.snippet))
    out.print(table)


def _highlight(snippet: str) -> Text:
    """A snippet with its [matched] terms in bold."""
    from ringscope.store import SNIPPET_CLOSE, SNIPPET_OPEN

    text = Text()
    rest = snippet
    while SNIPPET_OPEN in rest:
        before, _, after = rest.partition(SNIPPET_OPEN)
        match, _, rest = after.partition(SNIPPET_CLOSE)
        text.append(before)
        text.append(match, style="bold yellow")
    text.append(rest)
    return text


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
    include_victims: IncludeVictims = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Quantitative claims with their quotes and sources; with --conflicts, reconciled figures."""
    from ringscope.cli_views import format_figure, print_figures, source_label
    from ringscope.vocab import measures

    if measure is not None and measure not in measures():
        fail(f"unknown measure {measure!r}; choose one of: {', '.join(measures())}")
    if country is not None:
        country = iso2(country)
    if conflicts:
        with user_errors(), open_store(store):
            picture = _picture(store, include_victims)
        figures = [
            f for f in picture.conflicts()
            if (measure is None or f.measure == measure) and (country is None or f.location == country)
        ]
        if not figures:
            out.print(Text("no conflicting figures found"))
            return
        print_figures(out, picture, figures[:limit], f"{len(figures)} conflicting figure(s)")
        return
    with user_errors(), open_store(store) as db:
        rows = db.claims(measure=measure, country=country)
    if not rows:
        out.print(Text("no claims found"))
        return
    policy = _policy(store, include_victims)
    table = Table(title=f"{len(rows)} claim(s)" + (f", showing {limit}" if len(rows) > limit else ""))
    table.add_column("measure", no_wrap=True)
    table.add_column("figure", justify="right", no_wrap=True)
    table.add_column("where", no_wrap=True)
    table.add_column("quote", overflow="fold")
    table.add_column("source", overflow="fold", max_width=30)
    for row in rows[:limit]:
        c = row.claim
        quote, source = c.quote, source_label(row)
        if policy is not None:
            quote, source = policy.text(quote) or "", policy.text(source) or ""
        table.add_row(c.measure, format_figure(c), c.location or "", Text(quote), Text(source))
    out.print(table)



@app.command()
def entities(
    type: Annotated[
        str | None, typer.Option("--type", "-t", help=f"Only this type: {', '.join(ENTITY_TYPES)}.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = 50,
    include_victims: IncludeVictims = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Entities across all reports, most reported first (withheld persons as [victim N])."""
    if type is not None:
        matches = [t for t in ENTITY_TYPES if t.lower() == type.lower()]
        if not matches:
            fail(f"unknown entity type {type!r}; choose one of: {', '.join(ENTITY_TYPES)}")
        type = matches[0]
    with user_errors(), open_store(store) as db:
        rows = db.entities(type=type)
    policy = _policy(store, include_victims) if rows else None
    if not rows:
        out.print(Text("no entities found"))
        return
    table = Table(title=f"{len(rows)} entit{'y' if len(rows) == 1 else 'ies'}")
    for column in ("name", "type", "country"):
        table.add_column(column, overflow="fold")
    table.add_column("reports", justify="right")
    table.add_column("mentions", justify="right")
    for row in rows[:limit]:
        name = (policy.text(row.name) or "") if policy is not None else row.name
        table.add_row(Text(name), row.type, row.country or "", str(row.reports), str(row.mentions))
    out.print(table)


@app.command()
def events(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = 20,
    include_victims: IncludeVictims = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Events told by more than one report, with the figures they agree and disagree on."""
    from ringscope.cli_views import print_events

    with user_errors(), open_store(store):
        picture = _picture(store, include_victims)
    print_events(out, picture, limit)


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name or alias, any spelling (case and accents ignored).")],
    include_victims: IncludeVictims = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """One entity across reports: aliases, roles, mentions, claims and sources."""
    from ringscope.cli_views import print_entity

    with user_errors(), open_store(store):
        picture = _picture(store, include_victims)
    found = picture.entity(name)
    if not found:
        fail(f"no entity named {name!r} in {store}")
    for match in found[:3]:
        print_entity(out, picture, match)
    if len(found) > 3:
        err.print(Text(f"{len(found) - 3} more entities match {name!r}; give a fuller name"))


@app.command()
def stats(store: StoreOption = DEFAULT_STORE) -> None:
    """Counts of what the store holds."""
    with user_errors(), open_store(store) as db:
        s = db.stats()
    table = Table(title=f"store {store} (schema {s.schema_version})", show_header=False)
    for label, value in (
        ("reports", s.reports),
        ("entities (distinct)", s.distinct_entities),
        ("entity rows", s.entities),
        ("mentions", s.mentions),
        ("claims", s.claims),
        ("routes", s.routes),
        ("dates", s.dates),
    ):
        table.add_row(label, str(value))
    for version, count in s.extractor_versions.items():
        table.add_row(f"extractor {version}", str(count))
    out.print(table)
