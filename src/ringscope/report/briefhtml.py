"""The brief's parts as HTML: the summary of key judgements, figure tables, routes, entities and the
numbered sources. Every value is escaped; places carry their country names next to the codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from ringscope.fuse import ClaimRef, Figure, Picture
from ringscope.report.briefdata import BriefData
from ringscope.report.countries import country_label, route_label
from ringscope.report.format import figure_text, number_text
from ringscope.report.links import safe_url

SUMMARY_CONFLICTS = 5
SUMMARY_NEW = 8


@dataclass(slots=True)
class Footnotes:
    """Numbered sources: one note per (report, quote), numbered in the order first cited."""

    numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    notes: list[tuple[ClaimRef, str]] = field(default_factory=list)

    def cite(self, ref: ClaimRef, quote: str) -> int:
        key = (ref.report_id, quote)
        if key not in self.numbers:
            self.notes.append((ref, quote))
            self.numbers[key] = len(self.notes)
        return self.numbers[key]

    def cites(self, figures: list[Figure]) -> str:
        numbers = sorted({self.cite(ref, ref.claim.quote) for f in figures for ref in f.claims})
        links = ",".join(f'<a href="#fn{n}">{n}</a>' for n in numbers)
        return f"<sup>{links}</sup>" if links else ""


def measure_words(measure: str) -> str:
    return measure.replace("_", " ")


def place(code: str | None) -> str:
    return escape(country_label(code)) if code else "no single country"


def _support(figure: Figure) -> str:
    sources = f"{figure.independent} independent source{'s' if figure.independent != 1 else ''}"
    return sources if figure.independent > 1 else f"{sources} only"


def summary(data: BriefData, notes: Footnotes, reports: int, span: str) -> str:
    """Key judgements first: the largest figures, the real conflicts, what is new, the main routes."""
    scope = f" about {escape(country_label(data.country))}" if data.country else ""
    items = [
        f"<p>{reports} report(s){scope}, {escape(span)}, give {len(data.figures)} reconciled figure(s);"
        f" {len(data.conflicts) or 'none'} of them in conflict between sources.</p>"
    ]
    if data.largest:
        lines = "".join(
            f"<li><b>{escape(figure_text(f))}</b> {escape(measure_words(f.measure))}, {place(f.location)}"
            f" ({_support(f)}{'; in conflict' if f.conflicted else ''}){notes.cites([f])}</li>"
            for f in data.largest
        )
        items.append(f'<h3>Largest figures</h3><ul class="largest">{lines}</ul>')
    if data.conflicts:
        shown = data.conflicts[:SUMMARY_CONFLICTS]
        lines = "".join(
            f"<li>{escape(measure_words(f.measure))}, {place(f.location)}: consensus"
            f" <b>{escape(figure_text(f))}</b>, but {escape(f.flags[0].reason)}"
            f" <small>({escape(f.flags[0].code)})</small>{notes.cites([f])}</li>"
            for f in shown
        )
        more = len(data.conflicts) - len(shown)
        tail = f"<p>{more} more in the conflicts table.</p>" if more > 0 else ""
        items.append(f'<h3>Conflicts between sources</h3><ul class="conflicts">{lines}</ul>{tail}')
    else:
        items.append("<h3>Conflicts between sources</h3><p>No figure in scope is in conflict.</p>")
    items.append(_new(data))
    if data.flows:
        lines = "".join(
            f"<li>{escape(route_label(f.origin, f.destination))}: {f.count} report(s)"
            f"{', ' + number_text(f.people) + ' people counted' if f.people else ''}</li>"
            for f in data.flows[:3]
        )
        items.append(f'<h3>Most reported routes</h3><ul class="routes">{lines}</ul>')
    return "".join(items)


def _new(data: BriefData) -> str:
    if not data.new_since:
        return ""
    head = f"<h3>New since {escape(data.new_since)}</h3>"
    if not data.new_places and not data.new_routes:
        return head + "<p>No place or route first reported in this period.</p>"
    lines = []
    if data.new_places:
        shown = data.new_places[:SUMMARY_NEW]
        names = "; ".join(
            f"{escape(p.entity.name)}{' (compound)' if p.entity.type == 'Compound' else ''}"
            f"{' in ' + escape(country_label(p.entity.country)) if p.entity.country else ''}, from {p.first}"
            for p in shown
        )
        more = f" and {len(data.new_places) - len(shown)} more" if len(data.new_places) > len(shown) else ""
        lines.append(f"<li>Places: {names}{more}</li>")
    if data.new_routes:
        shown_routes = data.new_routes[:SUMMARY_NEW]
        routes = "; ".join(
            f"{escape(route_label(r.flow.origin, r.flow.destination))}, from {r.first[:10]}"
            for r in shown_routes
        )
        extra = len(data.new_routes) - len(shown_routes)
        lines.append(f"<li>Routes: {routes}{f' and {extra} more' if extra > 0 else ''}</li>")
    return f'{head}<ul class="new">{"".join(lines)}</ul>'


def _stated(figure: Figure) -> str:
    return "; ".join(
        sorted({f"{figure_text(ref.claim)} ({ref.source or ref.report_id})" for ref in figure.claims})
    )


def figure_table(figures: list[Figure], notes: Footnotes, with_flags: bool) -> str:
    """One row per distinct figure as the reader sees it (identical rows are merged, sources kept)."""
    if not figures:
        return "<p>None.</p>"
    groups: dict[tuple[str, ...], list[Figure]] = {}
    for f in figures:
        support = f"{len(f.support)}/{f.independent}"
        seen = (f.measure, f.location or "", figure_text(f), _stated(f), support)
        groups.setdefault(seen, []).append(f)
    rows = []
    for same in groups.values():
        f = same[0]
        flags = "".join(
            f'<div class="flag"><b>{escape(x.code)}</b>: {escape(x.reason)}</div>'
            for x in f.flags
        ) if with_flags else ""
        rows.append(
            f'<tr class="{"conflict" if f.conflicted else ""}">'
            f"<td>{escape(measure_words(f.measure))}</td><td>{escape(country_label(f.location))}</td>"
            f"<td><b>{escape(figure_text(f))}</b>{notes.cites(same)}</td>"
            f"<td>{len(f.support)} report(s), {f.independent} independent</td>"
            f"<td><small>{escape(_stated(f))}</small>{flags}</td></tr>"
        )
    last = "As stated, and the conflicts with their reasons" if with_flags else "As stated"
    return (
        '<table class="grid figures"><thead><tr><th>Measure</th><th>Place</th><th>Consensus</th>'
        f"<th>Support</th><th>{last}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def routes_table(data: BriefData) -> str:
    rows = "".join(
        f"<tr><td>{escape(country_label(f.origin))}</td><td>{escape(country_label(f.destination))}</td>"
        f"<td>{f.count}</td><td>{number_text(f.people) if f.people else ''}</td></tr>"
        for f in data.flows[:30]
    ) or '<tr><td colspan="4">No routes.</td></tr>'
    more = f"<p class=\"meta\">{len(data.flows) - 30} less reported route(s) not listed.</p>" if len(
        data.flows
    ) > 30 else ""
    return (
        '<table class="grid routes"><thead><tr><th>From (nationality)</th><th>To (where held)</th>'
        f"<th>Reports</th><th>People counted</th></tr></thead><tbody>{rows}</tbody></table>{more}"
    )


def entities_table(data: BriefData) -> str:
    rows = "".join(
        f"<tr><td>{escape(e.name)}</td><td>{escape(e.type)}</td><td>{escape(country_label(e.country))}</td>"
        f"<td>{len(e.reports)}</td>"
        f"<td>{escape(', '.join(a for a in sorted(e.aliases) if a != e.name)[:160])}</td></tr>"
        for e in data.entities
    ) or '<tr><td colspan="5">None.</td></tr>'
    return (
        '<table class="grid entities"><thead><tr><th>Name</th><th>Type</th><th>Country</th><th>Reports</th>'
        f"<th>Also written</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def sources(picture: Picture, notes: Footnotes) -> str:
    items = []
    for number, (ref, quote) in enumerate(notes.notes, start=1):
        report = picture.reports.get(ref.report_id)
        title = (report.title or ref.report_id) if report else ref.report_id
        url = report.url if report else None
        safe = safe_url(url)
        link = f' <a href="{escape(safe)}">{escape(safe)}</a>' if safe else f" {escape(url)}" if url else ""
        items.append(
            f'<li id="fn{number}">{escape(ref.source or "")}, “{escape(title)}”,'
            f" {escape(ref.published or 'undated')}{link} (report {escape(ref.report_id)}):"
            f" <q>{escape(quote)}</q></li>"
        )
    return f'<ol class="notes">{"".join(items)}</ol>' if items else "<p>None.</p>"
