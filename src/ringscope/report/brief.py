"""The intelligence brief: one self-contained HTML page (or its PDF) with every figure footnoted.

Sections: scope, key figures with consensus and conflicts, the route map, a
timeline, top entities, and the numbered sources behind every figure (report,
outlet, date, address and the quoted sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from ringscope.fuse import ClaimRef, Figure
from ringscope.report import analysis
from ringscope.report import snapshot as snapshots
from ringscope.report.charts import timeline_svg
from ringscope.report.errors import BriefError
from ringscope.report.format import figure_text
from ringscope.report.links import safe_url
from ringscope.report.mapsvg import static_maps

KEY_FIGURES = 20
"""Key figures listed (conflicted ones are all listed in their own section)."""
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(slots=True)
class Footnotes:
    """Numbered sources: one note per (report, quote)."""

    numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    notes: list[tuple[ClaimRef, str]] = field(default_factory=list)

    def cite(self, ref: ClaimRef, quote: str) -> int:
        key = (ref.report_id, quote)
        if key not in self.numbers:
            self.notes.append((ref, quote))
            self.numbers[key] = len(self.notes)
        return self.numbers[key]


def check_scope(country: str | None, since: str | None) -> tuple[str | None, str | None]:
    """Normalised (country, since); BriefError when either is malformed."""
    if country is not None:
        if not re.fullmatch(r"[A-Za-z]{2}", country):
            raise BriefError(f"--country {country!r} is not a two-letter ISO 3166-1 code (e.g. KH)")
        country = country.upper()
    if since is not None and not _DATE.match(since):
        raise BriefError(f"--since {since!r} is not a date like 2026-03-01 (or 2026-03, 2026)")
    return country, since


def _cites(figure: Figure, notes: Footnotes) -> str:
    numbers = sorted({notes.cite(ref, ref.claim.quote) for ref in figure.claims})
    links = ",".join(f'<a href="#fn{n}">{n}</a>' for n in numbers)
    return f"<sup>{links}</sup>" if links else ""


def _figure_row(figure: Figure, notes: Footnotes) -> str:
    flags = "".join(
        f'<div class="flag"><b>{escape(f.code)}</b>: {escape(f.reason)}</div>' for f in figure.flags
    )
    stated = "; ".join(
        sorted({f"{figure_text(ref.claim)} ({escape(ref.source or ref.report_id)})" for ref in figure.claims})
    )
    return (
        f'<tr class="{"conflict" if figure.conflicted else ""}">'
        f"<td>{escape(figure.measure.replace('_', ' '))}</td><td>{escape(figure.location or '')}</td>"
        f"<td><b>{escape(figure_text(figure))}</b>{_cites(figure, notes)}</td>"
        f"<td>{len(figure.support)} report(s), {figure.independent} independent</td>"
        f"<td><small>{escape(stated)}</small>{flags}</td></tr>"
    )


def _table(figures: list[Figure], notes: Footnotes) -> str:
    if not figures:
        return "<p>None.</p>"
    rows = "".join(_figure_row(f, notes) for f in figures)
    return (
        '<table class="grid"><thead><tr><th>Measure</th><th>Place</th><th>Consensus</th><th>Support</th>'
        f"<th>As stated, and conflicts with their reasons</th></tr></thead><tbody>{rows}</tbody></table>"
    )


BRIEF_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""The brief runs no script at all: inline CSS and SVG only."""

_CSS = """
body { font: 11pt/1.4 "DejaVu Sans", system-ui, sans-serif; color: #1d2329; margin: 1.5cm; }
h1 { font-size: 20pt; margin: 0 0 .2em; }
h2 { font-size: 14pt; margin: 1.2em 0 .4em; border-bottom: 1px solid #ccc; }
.meta { color: #555; } .flag { color: #8b1f14; font-size: 9pt; }
table.grid { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
table.grid th, table.grid td { border-bottom: 1px solid #ddd; padding: 3px 5px; text-align: left; }
table.grid td { vertical-align: top; }
table.grid th { background: #eef2f5; } tr.conflict td { background: #fdecea; }
sup a { text-decoration: none; color: #1f5f8b; font-size: 8pt; }
ol.notes { font-size: 8.5pt; } ol.notes li { margin-bottom: 3px; }
svg { max-width: 100%; height: auto; border: 1px solid #ccc; }
section { page-break-inside: auto; } .map, .chart { page-break-inside: avoid; }
"""


def brief_html(snap: snapshots.Snapshot, country: str | None = None, since: str | None = None) -> str:
    """The brief as one HTML document (inline CSS and SVG, nothing fetched).

    Built from the redacted picture only: withheld persons never appear, not even as placeholders
    in the top entities, and every quote, title and address is redacted.
    """
    picture = snap.redacted
    notes = Footnotes()
    figures = sorted(
        picture.figures, key=lambda f: (-f.independent, -len(f.support), not f.conflicted, f.measure)
    )
    key = [f for f in figures if len(f.claims) > 1][:KEY_FIGURES] or figures[:KEY_FIGURES]
    conflicts = [f for f in figures if f.conflicted]
    flows = analysis.flows(snap)
    spots = analysis.hotspots(snap, limit=25)
    top = [
        entity
        for types in (("Organization",), ("Compound",), ("Person",), ("Operation",), ("Location",))
        for entity in analysis.top_entities(snap, limit=8, types=types)
    ]
    scope = ", ".join(
        part for part in (f"country {country}" if country else "", f"since {since}" if since else "") if part
    )
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    dates = sorted(r.published for r in picture.reports.values() if r.published)
    span = f"{dates[0]} to {dates[-1]}" if dates else "undated"
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{BRIEF_CSP}">',
        f"<title>ringscope intelligence brief</title><style>{_CSS}</style></head><body>",
        "<h1>Intelligence brief</h1>",
        f'<p class="meta">Scope: {escape(scope or "all reports")} · {len(picture.reports)} report(s), {span}'
        f" · {len(picture.events)} event(s) · {len(picture.figures)} reconciled figure(s),"
        f" {len(conflicts)} in conflict · generated {generated}</p>",
        '<p class="meta">Every figure is footnoted to the reports that state it. Consensus is the value given'
        " by the most independent outlets; conflicts are listed with their reasons, never dropped."
        " Names of victims are withheld.</p>",
        "<section><h2>Key figures</h2>",
        _table(key, notes),
        "</section><section><h2>Conflicts</h2>",
        _table(conflicts, notes),
        "</section><section><h2>Routes and hotspots</h2>",
        static_maps(spots, flows, title="Route flows and hotspots"),
        '<table class="grid"><thead><tr><th>From</th><th>To</th><th>Reports</th><th>People counted</th></tr>'
        "</thead><tbody>",
        "".join(
            f"<tr><td>{f.origin}</td><td>{f.destination}</td><td>{f.count}</td><td>{f.people or ''}</td></tr>"
            for f in flows[:30]
        )
        or '<tr><td colspan="4">No routes.</td></tr>',
        "</tbody></table></section><section><h2>Timeline</h2>",
        f'<div class="chart">{timeline_svg(analysis.timeline(snap))}</div>',
        "</section><section><h2>Top entities</h2>",
        '<table class="grid"><thead><tr><th>Name</th><th>Type</th><th>Country</th><th>Reports</th>'
        "<th>Also written</th></tr></thead><tbody>",
        "".join(
            f"<tr><td>{escape(e.name)}</td><td>{e.type}</td><td>{e.country or ''}</td>"
            f"<td>{len(e.reports)}</td>"
            f"<td>{escape(', '.join(a for a in sorted(e.aliases) if a != e.name)[:160])}</td></tr>"
            for e in top
        ),
        '</tbody></table></section><section><h2>Sources</h2><ol class="notes">',
    ]
    for number, (ref, quote) in enumerate(notes.notes, start=1):
        report = picture.reports.get(ref.report_id)
        title = (report.title or ref.report_id) if report else ref.report_id
        url = report.url if report else None
        safe = safe_url(url)
        link = f' <a href="{escape(safe)}">{escape(safe)}</a>' if safe else f" {escape(url)}" if url else ""
        parts.append(
            f'<li id="fn{number}">{escape(ref.source or "")}, “{escape(title)}”,'
            f" {escape(ref.published or 'undated')}{link} (report {escape(ref.report_id)}):"
            f" <q>{escape(quote)}</q></li>"
        )
    parts.append("</ol></section></body></html>")
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
    html = brief_html(snap, country, since)
    if not out.parent.exists():
        raise BriefError(f"{out}: folder {out.parent} does not exist")
    if suffix == ".pdf":
        from ringscope.report.pdf import html_to_pdf

        html_to_pdf(html, out)
    else:
        out.write_text(html, encoding="utf-8")
    return out
