"""Pages for reading reports: home, the list of reports and one report with its items highlighted."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from ringscope.export.fused import publisher, title
from ringscope.model import unsupported_note
from ringscope.report.entity_view import resolved_in_report
from ringscope.report.format import number_text
from ringscope.serve import listing, withhold
from ringscope.serve.deps import audit, store_path
from ringscope.serve.highlight import Span, claim_anchor, highlight
from ringscope.serve.pages.base import Limit, Names, Offset, Sort, load_snapshot, render, viewer
from ringscope.serve.users import User
from ringscope.store import Store
from ringscope.store.texts import lengths as text_lengths

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: User = viewer) -> Response:
    with Store(store_path(request), create=False) as store:
        stats = store.stats()
    return render(request, "home.html", user, stats=stats)


REPORT_SORTS: dict[str, listing.SortKey] = {
    "title": listing.SortKey("Title", lambda r: title(r)),
    "outlet": listing.SortKey("Outlet", lambda r: publisher(r)),
    "date": listing.SortKey("Date", lambda r: r.published, descending=True),
}
"""The sorts of the report list but by length, which reads the stored texts (see :func:`reports`)."""


@router.get("/reports", response_class=HTMLResponse)
def reports(
    request: Request, sort: Sort = "", offset: Offset = 0, limit: Limit = 50, names: Names = False,
    user: User = viewer,
) -> Response:
    snap = load_snapshot(request)
    names_shown = withhold.names_shown(request, user, names, "reports")
    # listed from the reports as search has them (titles and addresses redacted, no text), so no
    # report text is redacted for the list; a report's length is that of its text as stored
    listed = snap.searchable(names_shown)
    lengths: dict[str, int] = snap.kept(("report lengths",), lambda: text_lengths(snap.picture.reports))
    sorts = {**REPORT_SORTS, "length": listing.SortKey("Length", lambda r: lengths[r.id], descending=True)}
    arranged = snap.kept(("report list", names_shown, sort),
                         lambda: listing.arrange(listed.reports.values(), sorts, sort, "-date"))
    shown = listing.paged(arranged, offset, limit)
    audit(request, user, "view", "reports")
    return render(
        request, "reports.html", user, reports=shown.rows, page=shown.page, sorting=shown.sorting,
        sorts=sorts, event_of=listed.event_of, lengths=lengths,
    )


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report(request: Request, report_id: str, names: Names = False, user: User = viewer) -> Response:
    with Store(store_path(request), create=False) as store:
        found = store.get_report(report_id[:128])
        if found is None:
            raise HTTPException(404, "no such report")
        extraction = store.get_extraction(found.id)
    snap = load_snapshot(request)
    shown = withhold.names_shown(request, user, names, f"report:{found.id}")
    written = extraction.entities
    found, extraction = withhold.report_view(request, found, extraction, shown)
    labels = set(snap.policy.labels)
    spans: list[Span] = []
    entity_links: list[dict[str, Any]] = []
    # each entity as extracted -> the resolved one it is an occurrence of, by its name as written;
    # a withheld one is linked under the id redacted views give it (no other report is redacted)
    resolved = resolved_in_report(snap, found.id)
    ids = {} if shown else snap.shown.ids(snap.picture.entities)[1]
    for as_written, entity in zip(written, extraction.entities, strict=True):
        kind = "withheld" if entity.name in labels else entity.type
        for m in entity.mentions:
            spans.append(Span(m.start, m.end, kind, entity.type))
        target = resolved.get(as_written.name)
        target_id = ids.get(target.id, target.id) if target is not None else None
        entity_links.append({"name": entity.name, "type": entity.type, "id": target_id})
    for claim in extraction.claims:
        note = f"{claim.measure}: {number_text(claim.value)}"
        spans.append(Span(claim.start, claim.end, "claim", note, anchor=claim_anchor(claim)))
    for route in extraction.routes:
        spans.append(Span(route.start, route.end, "route", f"route {route.origin} → {route.destination}"))
    for date in extraction.dates:
        spans.append(Span(date.start, date.end, "date", date.value))
    body = Markup(highlight(found.text, spans))
    audit(request, user, "view", f"report:{found.id}")
    return render(
        request,
        "report.html",
        user,
        report=found,
        body=body,
        entities=entity_links,
        claims=extraction.claims,
        routes=extraction.routes,
        event_id=snap.picture.event_of.get(found.id),
        title=title(found),
        language=extraction.language,
        language_note=unsupported_note(extraction.language) if extraction.unsupported_language else None,
    )
