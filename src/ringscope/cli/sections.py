"""How tables show the rows of :mod:`ringscope.cli.rows`: columns and display functions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text

from ringscope.cli.output import Column, Row, Section, styled
from ringscope.cli.rows import claim_of
from ringscope.cli_views import figure_text, format_figure

Cells = Mapping[str, Any]


def counted(title: str, total: int, shown: int) -> str:
    """A table title that says when only some of the rows are shown."""
    return title + (f", showing {shown}" if total > shown else "")


def source_of(row: Cells) -> str:
    """Where a row comes from: the report's title (or source, url, id) and date."""
    label = row.get("title") or row.get("source") or row.get("url") or row.get("report_id") or ""
    return f"{label} ({row['published']})" if row.get("published") else str(label)


def _figure(row: Cells) -> str:
    return format_figure(claim_of(dict(row)))


def _consensus(row: Cells) -> str:
    return figure_text(row.get("value"), row.get("currency"), row.get("qualifier") or "", row.get("period"))


def _quoted(row: Cells) -> str:
    return f"“{row.get('quote') or ''}”"


def _snippet(row: Cells) -> Text:
    snippet: str = (row.get("snippet") or "").replace("\n", " ")
    parts: list[tuple[str, str | None]] = []
    done = 0
    for start, end in row.get("matches") or []:
        parts += [(snippet[done:start], None), (snippet[start:end], "bold yellow")]
        done = end
    parts.append((snippet[done:], None))
    return styled(*parts)


def _report_label(row: Cells) -> Text:
    title, source = row.get("title"), row.get("source")
    label = title or source or row.get("report_id") or ""
    parts: list[tuple[str, str | None]] = [(str(label), None)]
    if title and source:
        parts.append((f"\n{source}", "dim"))
    return styled(*parts)


def search_section(rows: list[Row], query: str) -> Section:
    return Section(
        f"{len(rows)} report(s) matching {query!r}",
        [
            Column("report_id", "report", show=_report_label, max_width=40),
            Column("published", shape="code"),
            Column("snippet", shape="quote", show=_snippet),
        ],
        rows,
        empty=f"no reports match {query!r}",
        lines=True,
    )


def claims_section(rows: list[Row], total: int) -> Section:
    return Section(
        counted(f"{total} claim(s)", total, len(rows)),
        [
            Column("measure", shape="code"),
            Column("figure", show=_figure),
            Column("location", "where", shape="code"),
            Column("quote", shape="quote"),
            Column("source", show=source_of, max_width=30),
            *([Column("judged", max_width=30)] if any(r.get("judged") for r in rows) else []),
        ],
        rows,
        empty="no claims found",
        lines=True,
    )


def entities_section(rows: list[Row], total: int) -> Section:
    return Section(
        counted(f"{total} entit{'y' if total == 1 else 'ies'}", total, len(rows)),
        [
            Column("name", shape="quote"),
            Column("type", shape="code"),
            Column("country", shape="code"),
            Column("reports", shape="number"),
            Column("mentions", shape="number"),
            *([Column("judged", max_width=30)] if any(r.get("judged") for r in rows) else []),
        ],
        rows,
        empty="no entities found",
    )


def _claims_and_flags(row: Cells) -> Text:
    flags: dict[str, list[Cells]] = {}
    for flag in row.get("flags") or []:
        flags.setdefault(flag["claim_id"], []).append(flag)
    parts: list[tuple[str, str | None]] = []
    for claim in row.get("claims") or []:
        label = claim.get("source") or claim.get("url") or claim.get("title") or claim.get("report_id")
        parts += [(("\n" if parts else "") + _quoted(claim) + " ", "italic"), (f"({label})", "dim")]
        for flag in flags.get(claim["claim_id"], []):
            parts.append((f"\n⚑ {flag['code']}: {flag['reason']}", "bold red"))
    for note in row.get("notes") or []:  # running totals, analysts' judgements
        parts.append((f"\n· {note['code']}: {note['reason']}", "dim"))
    return styled(*parts)


def _support(row: Cells) -> str:
    return f"{row.get('independent', 0)} source(s)\n{len(row.get('support') or [])} report(s)"


def figures_section(rows: list[Row], title: str, empty: str = "") -> Section:
    return Section(
        title,
        [
            Column("measure", shape="code"),
            Column("location", "where", shape="code"),
            Column("consensus", show=_consensus),
            Column("support", show=_support),
            Column("claims", "claims and flags", shape="quote", show=_claims_and_flags),
        ],
        rows,
        empty=empty,
        lines=True,
    )


def _event_reports(row: Cells) -> Text:
    parts: list[tuple[str, str | None]] = []
    for report in row.get("reports") or []:
        label = report.get("title") or report.get("report_id")
        origin = (report.get("source") or report.get("url"), report.get("published"))
        where = " ".join(str(x) for x in origin if x)
        parts += [(("\n" if parts else "") + f"• {label}", None), (f"\n  {where}" if where else "", "dim")]
    return styled(*parts)


def _event_figures(row: Cells) -> Text:
    parts: list[tuple[str, str | None]] = []
    for figure in (row.get("agreed") or [])[:4]:
        agree = f"({figure['independent']} sources agree)"
        parts.append((f"✓ {figure['measure']}: {_consensus(figure)} {agree}\n", None))
    for figure in row.get("conflicts") or []:
        reasons = "; ".join(f"{f['code']}: {f['reason']}" for f in figure.get("flags") or [])
        parts.append((f"⚑ {figure['measure']}: consensus {_consensus(figure)}; {reasons}\n", "red"))
    text = styled(*parts)
    text.rstrip()
    return text


def events_section(rows: list[Row], total: int) -> Section:
    return Section(
        counted(f"{total} event(s) told by more than one report", total, len(rows)),
        [
            Column("event_id", "event", shape="code", max_width=12),
            Column("first_published", "published", show=lambda row: "\n".join(
                dict.fromkeys(str(row[k]) for k in ("first_published", "last_published") if row.get(k)))),
            Column("reports", show=_event_reports),
            Column("figures", "figures agreed (✓) and in conflict (⚑)", shape="quote", show=_event_figures),
        ],
        rows,
        empty="no event is told by more than one report",
        lines=True,
    )


def _joined(key: str) -> Column:
    return Column(key, show=lambda row: ", ".join(str(x) for x in row.get(key) or []))


def _location(row: Cells) -> str:
    if row.get("lat") is None or row.get("lon") is None:
        return ""
    return f"{row['lat']:.3f}, {row['lon']:.3f}"


def entity_sections(parts: dict[str, list[Row]]) -> list[Section]:
    """One resolved entity: its head, aliases, roles, mentions and the figures near it."""
    head = parts["entity"][0]
    name = head["name"]
    return [
        Section(name, [Column("name"), Column("type"), Column("country"), Column("lat", "coordinates",
                show=_location), _joined("reports"), Column("occurrences"),
                Column("judgements", show=lambda row: "\n".join(row.get("judgements") or []))],
                parts["entity"], vertical=True),
        Section(f"aliases of {name}", [Column("alias", shape="quote"), _joined("reports")], parts["alias"]),
        Section(f"roles of {name}", [Column("role"), _joined("reports"), Column(
            "links", "links to", show=lambda row: ", ".join(x["name"] for x in row.get("links") or []))],
            parts["role"]),
        Section(f"mentions of {name}", [Column("report_id", "report", shape="code", max_width=16),
                Column("span", show=lambda row: f"{row['start']}-{row['end']}"),
                Column("context", "text", shape="quote")], parts["mention"]),
        figures_section(parts["figure"], f"claims in reports about {name}"),
    ]


def stats_section(row: Row) -> Section:
    def counts(key: str) -> Column:
        return Column(key, key.replace("_", " "), show=lambda r: "\n".join(
            f"{k}: {v}" for k, v in (r.get(key) or {}).items()))

    return Section(
        f"store {row['store']} (schema {row['schema_version']})",
        [
            Column("reports"),
            Column("distinct_entities", "entities (distinct)"),
            Column("entities", "entity rows"),
            Column("mentions"),
            Column("claims"),
            Column("routes"),
            Column("dates"),
            counts("entities_by_type"),
            counts("claims_by_measure"),
            counts("extractor_versions"),
            counts("languages"),
        ],
        [row],
        vertical=True,
    )


def report_sections(parts: dict[str, list[Row]]) -> list[Section]:
    """One report: where it comes from, then what was extracted from it."""
    head = parts["report"][0]
    withheld = head.get("withheld_victims") or 0

    def span(row: Cells) -> str:
        return f"{row['start']}-{row['end']}"

    return [
        Section(f"report {head['report_id']}", [
            Column("report_id", "id"), Column("title"), Column("source", "outlet"), Column("url"),
            Column("published"), Column("external_id", "external id"),
            Column("text_length", "text", show=lambda r: f"{r['text_length']:,} characters"),
            Column("extractor_version", "extractor"),
            Column("withheld_victims", "withheld",
                   show=lambda r: f"{withheld} victim name(s)" if withheld else ""),
        ], parts["report"], vertical=True),
        Section(f"{len(parts['entity'])} entit{'y' if len(parts['entity']) == 1 else 'ies'}", [
            Column("name", shape="quote"), Column("type", shape="code"), Column("country", shape="code"),
            Column("roles", show=lambda r: ", ".join(r.get("roles") or [])),
            Column("mentions", "spans", show=lambda r: " ".join(
                f"{m['start']}-{m['end']}" for m in r.get("mentions") or [])),
        ], parts["entity"], empty="no entities"),
        Section(f"{len(parts['claim'])} claim(s)", [
            Column("measure", shape="code"), Column("figure", show=_figure),
            Column("location", "where", shape="code"), Column("quote", shape="quote"),
            Column("span", show=span),
        ], parts["claim"], empty="no claims", lines=True),
        Section(f"{len(parts['route'])} route(s)", [
            Column("origin", shape="code"), Column("destination", "to", shape="code"),
            Column("count", shape="number"), Column("quote", shape="quote"), Column("span", show=span),
        ], parts["route"], empty="no routes", lines=True),
        Section(f"{len(parts['date'])} date(s)", [
            Column("text", shape="quote"), Column("value", "date", shape="code"), Column("span", show=span),
        ], parts["date"], empty="no dates"),
    ]
