"""The intelligence brief: one self-contained HTML page (or its PDF) with every figure footnoted,
meant to be handed on as it is.

Sections: a summary of key judgements (the largest figure of each measure, the conflicts between
sources, places and routes new in the period, the main routes), the key figures agreed between
sources, the figures in conflict (each figure in one table only), the route map and table, a timeline,
top entities, and the numbered sources (report, outlet, date, address and the quoted sentence). A
country scope holds in every section; countries are named next to their codes; headings stay with
what follows them when printed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from ringscope.report import briefdata
from ringscope.report import snapshot as snapshots
from ringscope.report.briefhtml import Footnotes, entities_table, figure_table, routes_table, sources, summary
from ringscope.report.charts import timeline_svg
from ringscope.report.countries import country_label
from ringscope.report.errors import BriefError
from ringscope.report.mapsvg import static_maps

__all__ = ["BriefError", "brief_html", "check_scope", "write_brief"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_scope(country: str | None, since: str | None) -> tuple[str | None, str | None]:
    """Normalised (country, since); BriefError when either is malformed."""
    if country is not None:
        if not re.fullmatch(r"[A-Za-z]{2}", country):
            raise BriefError(f"--country {country!r} is not a two-letter ISO 3166-1 code (e.g. KH)")
        country = country.upper()
    if since is not None and not _DATE.match(since):
        raise BriefError(f"--since {since!r} is not a date like 2026-03-01 (or 2026-03, 2026)")
    return country, since


BRIEF_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""The brief runs no script at all: inline CSS and SVG only."""

_CSS = """
body { font: 11pt/1.4 "DejaVu Sans", system-ui, sans-serif; color: #1d2329; margin: 1.5cm; }
h1 { font-size: 20pt; margin: 0 0 .2em; }
h2 { font-size: 14pt; margin: 1.2em 0 .4em; border-bottom: 1px solid #ccc; }
h3 { font-size: 11.5pt; margin: .9em 0 .2em; }
.meta { color: #555; } .flag { color: #8b1f14; font-size: 9pt; }
section.summary { background: #f6f4ee; border-left: 4px solid #1f3b57; padding: .2em 1em .6em; }
section.summary h2 { border: none; } section.summary ul { margin: .2em 0; padding-left: 1.3em; }
table.grid { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
table.grid th, table.grid td { border-bottom: 1px solid #ddd; padding: 3px 5px; text-align: left; }
table.grid td { vertical-align: top; }
table.grid th { background: #eef2f5; } tr.conflict td { background: #fdecea; }
sup a { text-decoration: none; color: #1f5f8b; font-size: 8pt; }
ol.notes { font-size: 8.5pt; } ol.notes li { margin-bottom: 3px; }
svg { max-width: 100%; height: auto; border: 1px solid #ccc; }
h2, h3 { break-after: avoid-page; page-break-after: avoid; }
h2 + *, h3 + *, .keep + table { break-before: avoid-page; page-break-before: avoid; }
.keep, .map, .chart, tr, li { break-inside: avoid-page; page-break-inside: avoid; }
thead { display: table-header-group; }
"""


def _span(dates: list[str]) -> str:
    return f"{dates[0]} to {dates[-1]}" if dates else "undated"


def brief_html(
    snap: snapshots.Snapshot,
    country: str | None = None,
    since: str | None = None,
    whole: snapshots.Snapshot | None = None,
) -> str:
    """The brief as one HTML document (inline CSS and SVG, nothing fetched).

    ``snap`` holds the reports in scope; ``whole`` the whole store (to tell new places and routes
    from known ones; ``snap`` itself when not given). Built from the redacted picture only: withheld
    persons never appear, not even as placeholders in the top entities, and every quote, title and
    address is redacted.
    """
    picture = snap.redacted
    data = briefdata.select(snap, country, since, whole)
    notes = Footnotes()
    named = (f"country {country_label(country)}" if country else "", f"since {since}" if since else "")
    scope = ", ".join(part for part in named if part)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    span = _span(sorted(r.published for r in picture.reports.values() if r.published))
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{BRIEF_CSP}">',
        f"<title>ringscope intelligence brief</title><style>{_CSS}</style></head><body>",
        "<h1>Intelligence brief</h1>",
        f'<p class="meta">Scope: {escape(scope or "all reports")} · {len(picture.reports)} report(s), {span}'
        f" · {len(picture.events)} event(s) · {len(data.figures)} reconciled figure(s),"
        f" {len(data.conflicts)} in conflict · generated {generated}</p>",
        '<section class="summary"><h2>Summary of key judgements</h2>',
        summary(data, notes, len(picture.reports), span),
        "</section>",
        '<p class="meta">Every figure is footnoted to the reports that state it. Consensus is the value given'
        " by the most independent outlets; conflicts are listed with their reasons, never dropped."
        " Names of victims are withheld.</p>",
        "<section><h2>Key figures</h2>",
        figure_table(data.key, notes, with_flags=False),
        "</section><section><h2>Conflicts</h2>",
        figure_table(data.conflicts, notes, with_flags=True),
        '</section><section><div class="keep"><h2>Routes and hotspots</h2>',
        static_maps(data.spots, data.flows, title="Route flows and hotspots"),
        "</div>",
        routes_table(data),
        '</section><section class="keep"><h2>Timeline</h2>',
        f'<div class="chart">{timeline_svg(data.timeline)}</div>',
        "</section><section><h2>Top entities</h2>",
        entities_table(data),
        "</section><section><h2>Sources</h2>",
        sources(picture, notes),
        "</section></body></html>",
    ]
    return "".join(parts)


def write_brief(store_path: Path, out: Path, country: str | None = None, since: str | None = None) -> Path:
    """Write the brief of the store at ``store_path`` to ``out`` (.html, or .pdf through Chromium)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise BriefError(
            f"{out}: the brief is written as .html or .pdf, not {suffix or 'a file without suffix'}"
        )
    country, since = check_scope(country, since)
    snap = snapshots.load(Path(store_path), country, since)
    if not snap.redacted.reports:
        scope = " ".join(p for p in (country and f"for {country}", since and f"since {since}") if p)
        raise BriefError(f"no reports in {store_path} {scope}".strip())
    html = brief_html(snap, country, since, snapshots.load(Path(store_path)))
    if not out.parent.exists():
        raise BriefError(f"{out}: folder {out.parent} does not exist")
    if suffix == ".pdf":
        from ringscope.report.pdf import html_to_pdf

        html_to_pdf(html, out)
    else:
        out.write_text(html, encoding="utf-8")
    return out
