"""How the command line shows things: claim figures, sources, the demo summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.columns import Columns
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ringscope.ingest import IngestSummary
from ringscope.model import Claim
from ringscope.store import Store, StoredClaim

if TYPE_CHECKING:
    from ringscope.fuse import Figure, Picture, ResolvedEntity
    from ringscope.privacy import Policy

TOP_ENTITIES = 12
SHOW_CLAIMS = 6
SHOW_ROUTES = 10


def print_summary(
    console: Console, store: Store, summary: IngestSummary, path: Path, policy: Policy | None = None
) -> None:
    """What an ingest gave; names and quotes go through ``policy`` (the victim policy) when given."""

    def visible(text: str) -> str:
        return (policy.text(text) or "") if policy is not None else text

    stats = store.stats()
    console.print(
        Panel(
            Text.assemble(
                ("ringscope demo", "bold"),
                f"  {summary}\n",
                f"{stats.reports} reports, {stats.distinct_entities} entities ({stats.mentions} mentions), "
                f"{stats.claims} claims, {stats.routes} routes, {stats.dates} dates\n",
                (f"store: {path}  (try: ringscope search scam --store {path})", "dim"),
            ),
            expand=False,
        )
    )

    by_type = _table("entities by type", ("type", "entities"))
    for etype, count in stats.entities_by_type.items():
        by_type.add_row(etype, str(count))
    by_measure = _table("claims by measure", ("measure", "claims"))
    for measure, count in stats.claims_by_measure.items():
        by_measure.add_row(measure, str(count))
    _print(console, by_type, by_measure)

    top = _table(f"top {TOP_ENTITIES} entities", ("name", "type", "country", "reports", "mentions"))
    for entity in store.entities()[:TOP_ENTITIES]:
        top.add_row(
            Text(visible(entity.name)),
            entity.type,
            entity.country or "",
            str(entity.reports),
            str(entity.mentions),
        )
    routes = _table("routes (origin → destination)", ("origin", "destination", "reports"))
    for origin, destination, reports in store.route_counts()[:SHOW_ROUTES]:
        routes.add_row(_country(origin), _country(destination), str(reports))
    _print(console, top, routes)

    claims = store.claims()
    shown = _table(
        f"a few of the {len(claims)} claims, with their quotes", ("measure", "figure", "quote", "source")
    )
    for row in _spread(claims, SHOW_CLAIMS):
        shown.add_row(
            row.claim.measure,
            format_figure(row.claim),
            Text(f"“{visible(row.claim.quote)}”"),
            Text(visible(source_label(row))),
        )
    _print(console, shown)


def _print(console: Console, *tables: Table) -> None:
    """Tables side by side; empty ones as a single line."""
    full = [t for t in tables if t.row_count]
    for table in tables:
        if not table.row_count:
            console.print(Text(f"{table.title}: none found", style="dim"))
    if full:
        console.print(Columns(full))


def _table(title: str, columns: tuple[str, ...]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(
            column, overflow="fold", justify="right" if column in ("reports", "mentions") else "left"
        )
    return table


def _country(code: str) -> str:
    import pycountry

    found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    return f"{found.name} ({code})" if found is not None else code


def _spread(claims: list[StoredClaim], count: int) -> list[StoredClaim]:
    """Up to ``count`` claims, one per measure, in store order."""
    seen: set[str] = set()
    picked: list[StoredClaim] = []
    for row in claims:
        if row.claim.measure not in seen:
            seen.add(row.claim.measure)
            picked.append(row)
    return picked[:count]


def source_label(row: StoredClaim) -> str:
    """Where a claim comes from: the report's title (or source, url, id) and date."""
    label = row.title or row.source or row.url or row.report_id
    return f"{label} ({row.published})" if row.published else label


_QUALIFIER = {"about": "~", "at_least": "≥", "more_than": ">", "up_to": "≤"}


def format_figure(claim: Claim) -> str:
    """A claim's figure: '~1,200 people', 'USD 3,000,000,000 a year', '50–100'."""

    def num(x: float | None) -> str:
        if x is None:
            return "?"
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"

    if claim.qualifier == "range" or claim.value is None:
        figure = f"{num(claim.low)}–{num(claim.high)}"
    else:
        figure = num(claim.value)
    figure = _QUALIFIER.get(claim.qualifier, "") + figure
    if claim.unit == "currency":
        figure = f"{claim.currency or '?'} {figure}"
    elif claim.unit == "people":
        figure = f"{figure} people"
    return figure + (f" a {claim.period}" if claim.period else "")


# -- the fused picture -------------------------------------------------------------


def figure_text(value: float | None, currency: str | None, qualifier: str, period: str | None) -> str:
    from ringscope.fuse.reconcile import describe

    if value is None:
        return "?"
    words = {"about": "about ", "at_least": "at least ", "more_than": "more than ", "up_to": "up to "}
    rate = f" a {period}" if period else ""
    return f"{words.get(qualifier, '')}{describe(value, currency)}{rate}"


def print_figures(console: Console, picture: Picture, figures: list[Figure], title: str) -> None:
    table = Table(title=title, show_lines=True)
    table.add_column("measure", no_wrap=True)
    table.add_column("where", no_wrap=True)
    table.add_column("consensus", overflow="fold")
    table.add_column("support", justify="right")
    table.add_column("claims and flags", overflow="fold")
    for figure in figures:
        lines = Text()
        flags = {f.claim_id: f for f in figure.flags}
        for ref in figure.claims:
            report = picture.reports.get(ref.report_id)
            label = ref.report_id
            if report:
                label = report.source or report.url or report.title or ref.report_id
            flag = flags.get(ref.claim.id)
            lines.append(f"“{ref.claim.quote}” ", style="italic")
            lines.append(f"({label})", style="dim")
            if flag:
                lines.append(f"\n  ⚑ {flag.code}: {flag.reason}", style="bold red")
            lines.append("\n")
        table.add_row(
            figure.measure,
            figure.location or "",
            Text(figure_text(figure.value, figure.currency, figure.qualifier, figure.period)),
            f"{figure.independent} source(s)\n{len(figure.support)} report(s)",
            lines,
        )
    console.print(table)


def print_events(console: Console, picture: Picture, limit: int) -> None:
    if not picture.events:
        console.print(Text("no event is told by more than one report"))
        return
    for event in picture.events[:limit]:
        head = Text.assemble((f"{event.id}", "bold"), f"  {len(event.report_ids)} reports")
        if event.published:
            head.append(f", {event.published[0]} to {event.published[-1]}")
        body = Text()
        for report_id in event.report_ids:
            report = picture.reports[report_id]
            body.append(f"\n• {report.title or report_id}", style="bold")
            body.append(f"  {report.source or report.url or ''} {report.published or ''}", style="dim")
        conflicts = [f for f in event.figures if f.flags]
        agreed = [f for f in event.figures if len({r.report_id for r in f.claims}) > 1 and not f.flags]
        for figure in agreed[:4]:
            body.append(f"\n  ✓ {figure.measure}: "
                        f"{figure_text(figure.value, figure.currency, figure.qualifier, figure.period)}"
                        f" ({figure.independent} sources agree)")
        for figure in conflicts:
            body.append(f"\n  ⚑ {figure.measure}: consensus "
                        f"{figure_text(figure.value, figure.currency, figure.qualifier, figure.period)}; "
                        + "; ".join(f"{f.code}: {f.reason}" for f in figure.flags), style="red")
        console.print(Panel(Text.assemble(head, body), expand=False))


def print_entity(console: Console, picture: Picture, entity: ResolvedEntity) -> None:
    head = Text.assemble((entity.name, "bold"), f"  {entity.type}")
    if entity.country:
        head.append(f"  {_country(entity.country)}")
    if entity.lat is not None and entity.lon is not None:
        head.append(f"  ({entity.lat:.3f}, {entity.lon:.3f})", style="dim")
    head.append(f"\n{len(entity.reports)} report(s), {len(entity.occurrences)} occurrence(s)")
    console.print(Panel(head, expand=False))
    aliases = _table("aliases", ("alias", "reports"))
    for alias, reports in sorted(entity.aliases.items()):
        aliases.add_row(Text(alias), ", ".join(reports))
    roles = _table("roles", ("role", "reports", "links to"))
    names = {e.id: e.name for e in picture.entities}
    for role, reports in sorted(entity.roles.items()):
        linked = ", ".join(names.get(org, org) for r, org in entity.links if r == role)
        roles.add_row(Text(role), ", ".join(reports), Text(linked))
    _print(console, aliases, roles)
    mentions = _table("mentions", ("report", "span", "text"))
    for occ in entity.occurrences:
        for m in occ.entity.mentions[:3]:
            quote = _context(picture, occ.report_id, m.start, m.end)
            mentions.add_row(occ.report_id, f"{m.start}-{m.end}", Text(quote))
    console.print(mentions)
    own = set(entity.reports)
    related = [f for f in picture.figures if any(ref.report_id in own for ref in f.claims)
               and _mentions(picture, f, entity)]
    if related:
        print_figures(console, picture, related[:10], f"claims in reports about {entity.name}")


def _context(picture: Picture, report_id: str, start: int, end: int, width: int = 50) -> str:
    report = picture.reports.get(report_id)
    if report is None:
        return ""
    text = report.text
    before = text[max(0, start - width):start].replace("\n", " ")
    after = text[end:end + width].replace("\n", " ")
    return f"…{before}[{text[start:end]}]{after}…"


def _mentions(picture: Picture, figure: Figure, entity: ResolvedEntity) -> bool:
    """Whether a claim of the figure lies in the sentence of one of the entity's mentions."""
    for ref in figure.claims:
        for occ in entity.occurrences:
            if occ.report_id != ref.report_id:
                continue
            for m in occ.entity.mentions:
                if abs(m.start - ref.claim.start) < 300:
                    return True
    return False
