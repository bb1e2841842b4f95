"""Search over reports and entities, with facets and their counts, sorted and paged."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from ringscope.report import snapshot as snapshots
from ringscope.serve import finder, listing, withhold
from ringscope.serve.deps import audit, database
from ringscope.serve.pages.base import Limit, Names, Offset, Sort, chosen, lead, load_snapshot, render, viewer
from ringscope.serve.users import User
from ringscope.store import QueryError
from ringscope.store import search as full_text

router = APIRouter(include_in_schema=False)

DateBound = Annotated[str, Query(max_length=40)]
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
def _text(snap: snapshots.Snapshot, hit: finder.Hit, shown: bool) -> str:
    """A report hit's text as the viewer may read it (redacted now, for this row only)."""
    if hit.kind != "report":
        return hit.text
    return snap.picture.reports[hit.id].text if shown else snap.shown.report(hit.id).text


def _snippet(text: str) -> Markup:
    return Markup(str(Markup.escape(text)).replace("«", "<b>").replace("»", "</b>"))


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    since: DateBound = "",
    until: DateBound = "",
    sort: Sort = "",
    offset: Offset = 0,
    limit: Limit = 20,
    names: Names = False,
    user: User = viewer,
) -> Response:
    snap = load_snapshot(request)
    shown = withhold.names_shown(request, user, names, "search")
    picture = snap.searchable(shown)  # no report text: a row's text is redacted when shown
    policy = None if shown else snap.policy
    asked = q.strip()
    error = None
    bounds = {"from": since.strip(), "to": until.strip()}
    for name, value in bounds.items():
        if value and not _DATE.fullmatch(value):
            error = f"{name} date {value!r}: give YYYY, YYYY-MM or YYYY-MM-DD (ignored)"
            bounds[name] = ""
    hits: list[finder.Hit] = []
    if not (asked and policy is not None and policy.blocks_query(asked)):
        found = finder.search_index(snap, shown)
        try:
            scores = full_text.match_scores(database(request).conn(), asked) if asked else None
            hits = finder.report_hits(picture, found, scores) + finder.entity_hits(picture, found, asked)
        except QueryError as exc:
            error = str(exc)
    hits = [h for h in hits if listing.in_range(h.dates, bounds["from"], bounds["to"])]
    choice = chosen(request, finder.FACETS)
    counts = listing.facet_counts(hits, finder.FACETS, choice)
    kept = listing.refine(hits, finder.FACETS, choice)
    default_sort = "-relevance" if asked else "-date"
    sorting = listing.sorting(sort, finder.SORTS, default_sort)
    at = listing.page(len(kept), offset, limit)
    rows = listing.window(listing.sort_items(kept, finder.SORTS, sorting), at)
    snippets: dict[str, str] = {}
    if asked and rows:
        ids = [h.id for h in rows if h.kind == "report"]
        snippets = full_text.snippets(database(request).conn(), asked, ids)
        if policy is not None:
            snippets = {k: policy.redactor.marked(v, "«", "»") for k, v in snippets.items()}
    shown_rows: list[dict[str, Any]] = [
        {
            "hit": h,
            "report": picture.reports.get(h.id) if h.kind == "report" else None,
            "snippet": _snippet(snippets[h.id]) if h.id in snippets else lead(_text(snap, h, shown), 240),
        }
        for h in rows
    ]
    detail = " ".join(f"{k}={','.join(sorted(v))}" for k, v in choice.items() if v)
    audit(request, user, "search", q, detail or None)
    return render(
        request,
        "search.html",
        user,
        q=q,
        since=since,
        until=until,
        rows=shown_rows,
        page=at,
        sorting=sorting,
        sorts=finder.SORTS,
        default_sort=default_sort,
        counts=counts,
        events=finder.event_labels(picture),
        error=error,
    )
