"""Pages for figures and events: the claims table and the same-event comparison."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from ringscope.fuse import Event
from ringscope.serve import listing, withhold
from ringscope.serve.deps import audit
from ringscope.serve.pages.base import Limit, Names, Offset, Sort, lead, load_snapshot, render, viewer
from ringscope.serve.users import User

router = APIRouter(include_in_schema=False)

FIGURE_SORTS: dict[str, listing.SortKey] = {
    "measure": listing.SortKey("Measure", lambda f: f.measure),
    "place": listing.SortKey("Place", lambda f: f.location),
    "value": listing.SortKey("Consensus", lambda f: f.usd if f.usd is not None else f.value, descending=True),
    "reports": listing.SortKey("Support", lambda f: len(f.support), descending=True),
    "claims": listing.SortKey("Claims", lambda f: len(f.claims), descending=True),
    "conflicts": listing.SortKey("Conflicts", lambda f: len(f.flags), descending=True),
}
FIGURE_FACETS = {
    "measure": lambda f: (f.measure,),
    "country": lambda f: (f.location,) if f.location else (),
}
EVENT_SORTS: dict[str, listing.SortKey] = {
    "reports": listing.SortKey("Reports", lambda e: len(e.report_ids), descending=True),
    "date": listing.SortKey("Dates", lambda e: min(e.published) if e.published else None, descending=True),
    "figures": listing.SortKey("Figures", lambda e: len(e.figures), descending=True),
    "conflicts": listing.SortKey(
        "Conflicts", lambda e: sum(f.conflicted for f in e.figures), descending=True
    ),
}


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request,
    measure: Annotated[str, Query(max_length=64)] = "",
    country: Annotated[str, Query(max_length=2)] = "",
    conflicts: bool = False,
    sort: Sort = "",
    offset: Offset = 0,
    limit: Limit = 50,
    names: Names = False,
    user: User = viewer,
) -> Response:
    snap = load_snapshot(request)
    names_shown = withhold.names_shown(request, user, names, "claims")
    code = country.upper()
    choice = {k: frozenset({v}) if v else frozenset() for k, v in (("measure", measure), ("country", code))}
    # facets and sorts read no names: the page is chosen from the whole picture, then only it is redacted
    # every page of one list (facets, sort) is cut from one arrangement kept with the snapshot
    arranged = snap.kept(("claim list", conflicts, measure, code, sort), lambda: listing.arrange(
        [f for f in snap.picture.figures if not conflicts or f.conflicted],
        FIGURE_SORTS, sort, "-reports", FIGURE_FACETS, choice,
    ))
    shown = listing.paged(arranged, offset, limit)
    picture = snap.part(figures=shown.rows, names=names_shown)
    audit(request, user, "view", "claims", f"measure={measure} country={code} conflicts={conflicts}")
    return render(
        request,
        "claims.html",
        user,
        figures=picture.figures,
        page=shown.page,
        sorting=shown.sorting,
        sorts=FIGURE_SORTS,
        measure=measure,
        country=code,
        conflicts=conflicts,
        counts=shown.counts,
        reports=picture.reports,
    )


@router.get("/figures/{figure_id}", response_class=HTMLResponse)
def figure(request: Request, figure_id: str, names: Names = False, user: User = viewer) -> Response:
    shown = withhold.names_shown(request, user, names, f"figure:{figure_id[:64]}")
    snap = load_snapshot(request)
    # only this figure and its reports redacted, when redaction leaves its id as it is (a figure's id
    # is made from its claims, so a redacted quote renames it: that one is found in the whole view)
    raw = next((f for f in snap.picture.figures if f.id == figure_id), None)
    picture = snap.part(figures=[raw], names=shown) if raw is not None else None
    if picture is None or picture.figures[0].id != figure_id:
        picture = snap.view(shown)
    found = next((f for f in picture.figures if f.id == figure_id), None)
    if found is None:
        raise HTTPException(404, "no such figure (figures are renamed when the store changes)")
    audit(request, user, "view", f"figure:{found.id}")
    return render(request, "figure.html", user, figure=found, reports=picture.reports)


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request, sort: Sort = "", offset: Offset = 0, limit: Limit = 50, user: User = viewer
) -> Response:
    snap = load_snapshot(request)
    shown: listing.Listed[Event]
    # sorts read no names: the page is chosen from the whole picture, then only it is redacted
    arranged = snap.kept(
        ("event list", sort), lambda: listing.arrange(snap.picture.events, EVENT_SORTS, sort, "-reports")
    )
    shown = listing.paged(arranged, offset, limit)
    picture = snap.part(events=shown.rows)
    audit(request, user, "view", "events")
    return render(
        request, "events.html", user, events=picture.events, page=shown.page, sorting=shown.sorting,
        sorts=EVENT_SORTS, reports=picture.reports,
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str, names: Names = False, user: User = viewer) -> Response:
    snap = load_snapshot(request)
    shown = withhold.names_shown(request, user, names, f"event:{event_id[:128]}")
    raw = next((e for e in snap.picture.events if e.id == event_id), None)
    if raw is None:
        raise HTTPException(404, "no such event")
    picture = snap.part(events=[raw], names=shown)  # only this event, its figures and reports redacted
    found = picture.events[0]
    reports = [picture.reports[r] for r in found.report_ids]
    leads = [lead(r.text) for r in reports]
    rows = []
    for figure in found.figures:
        flagged = {f.claim_id for f in figure.flags}
        cells = [
            [(ref, ref.claim.id in flagged) for ref in figure.claims if ref.report_id == r.id]
            for r in reports
        ]
        rows.append({"figure": figure, "cells": cells})
    audit(request, user, "view", f"event:{found.id}")
    return render(
        request,
        "event.html",
        user,
        event=found,
        reports=reports,
        rows=rows,
        leads=leads,
    )
