"""Pages for figures and events: the claims table and the same-event comparison."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from ringscope.fuse import Figure
from ringscope.serve import withhold
from ringscope.serve.deps import audit
from ringscope.serve.pages.base import Names, lead, load_snapshot, render, viewer
from ringscope.serve.users import User

router = APIRouter(include_in_schema=False)


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request,
    measure: Annotated[str, Query(max_length=64)] = "",
    country: Annotated[str, Query(max_length=2)] = "",
    conflicts: bool = False,
    names: Names = False,
    user: User = viewer,
) -> Response:
    snap = load_snapshot(request)
    picture = snap.view(withhold.names_shown(request, user, names, "claims"))
    code = country.upper()
    kept: list[Figure] = [
        f
        for f in picture.figures
        if (not measure or f.measure == measure)
        and (not code or f.location == code)
        and (not conflicts or f.conflicted)
    ]
    measures = sorted({f.measure for f in picture.figures})
    audit(request, user, "view", "claims", f"measure={measure} country={code} conflicts={conflicts}")
    return render(
        request,
        "claims.html",
        user,
        figures=kept[:300],
        total=len(kept),
        measure=measure,
        country=code,
        conflicts=conflicts,
        measures=measures,
        reports=picture.reports,
    )


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, user: User = viewer) -> Response:
    snap = load_snapshot(request)
    audit(request, user, "view", "events")
    return render(
        request, "events.html", user, events=snap.redacted.events[:300], reports=snap.redacted.reports
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str, names: Names = False, user: User = viewer) -> Response:
    snap = load_snapshot(request)
    picture = snap.view(withhold.names_shown(request, user, names, f"event:{event_id[:128]}"))
    found = next((e for e in picture.events if e.id == event_id), None)
    if found is None:
        raise HTTPException(404, "no such event")
    reports = [picture.reports[r] for r in found.report_ids]
    leads = [lead(r.text) for r in reports]
    rows = []
    for figure in found.figures:
        cells = {ref.report_id: ref for ref in figure.claims}
        flagged = {f.claim_id for f in figure.flags}
        rows.append(
            {
                "figure": figure,
                "cells": [
                    (cells.get(r.id), cells.get(r.id) is not None and cells[r.id].claim.id in flagged)
                    for r in reports
                ],
            }
        )
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
