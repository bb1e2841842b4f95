"""How the command line shows things: claim figures, consensus figures, sources, the demo summary."""

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
    from ringscope.privacy import Policy

TOP_ENTITIES = 12
SHOW_CLAIMS = 6
SHOW_ROUTES = 10


def print_summary(
    console: Console, store: Store, summary: IngestSummary, path: Path, policy: Policy | None = None
) -> None:
    """What an ingest gave; names and quotes go through ``policy`` (the victim policy) when given."""
    from ringscope.cli.output import clean  # every table string passes through it

    def visible(text: str) -> str:
        return clean((policy.text(text) or "") if policy is not None else text)

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
            Text(visible(entity.name)), entity.type, entity.country or "", str(entity.reports),
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
            row.claim.measure, format_figure(row.claim), Text(f"“{visible(row.claim.quote)}”"),
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
