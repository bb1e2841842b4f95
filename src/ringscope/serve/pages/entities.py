"""Pages for resolved entities: the list and one entity with its mentions, claims and links."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from ringscope.fuse import ResolvedEntity
from ringscope.report import analysis
from ringscope.report.charts import network_svg
from ringscope.report.entity_view import entity_view, find
from ringscope.report.format import sentence_around
from ringscope.report.snapshot import Snapshot
from ringscope.serve import listing, withhold
from ringscope.serve.deps import audit
from ringscope.serve.pages.base import Limit, Names, Offset, Sort, href, load_snapshot, render, viewer
from ringscope.serve.users import User

router = APIRouter(include_in_schema=False)


ENTITY_SORTS: dict[str, listing.SortKey] = {
    "name": listing.SortKey("Name", lambda e: e.name),
    "type": listing.SortKey("Type", lambda e: e.type),
    "country": listing.SortKey("Country", lambda e: e.country),
    "reports": listing.SortKey("Reports", lambda e: len(e.reports), descending=True),
    "aliases": listing.SortKey("Aliases", lambda e: len(e.aliases), descending=True),
}
ENTITY_FACETS = {"type": lambda e: (e.type,), "country": lambda e: (e.country,) if e.country else ()}
MENTION_REPORTS = 60
"""Sentences are shown from this many of an entity's reports (the page says so when it has more)."""
CLAIM_ROWS = 200
"""Claims quoting an entity shown on its page, conflicting figures first (the page says when it has more)."""


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    type: Annotated[str, Query(max_length=20)] = "",
    country: Annotated[str, Query(max_length=2)] = "",
    sort: Sort = "",
    offset: Offset = 0,
    limit: Limit = 50,
    names: Names = False,
    user: User = viewer,
) -> Response:
    snap = load_snapshot(request)
    shown = withhold.names_shown(request, user, names, "entities")
    wanted = q.casefold()
    choice = {
        "type": frozenset({type} if type else ()),
        "country": frozenset({country.upper()} if country else ()),
    }

    def arrange() -> listing.Arranged[ResolvedEntity]:
        pool = [
            e for e in snap.listed(shown).entities
            if not wanted or any(wanted in a.casefold() for a in e.aliases)
        ]
        return listing.arrange(pool, ENTITY_SORTS, sort, "-reports", ENTITY_FACETS, choice)

    # every page of one list (query, facets, sort) is cut from one arrangement kept with the snapshot
    arranged = snap.kept(("entity list", shown, wanted, type, country.upper(), sort), arrange)
    shown_list = listing.paged(arranged, offset, limit)
    audit(request, user, "view", "entities", q or None)
    return render(
        request,
        "entities.html",
        user,
        entities=shown_list.rows,
        page=shown_list.page,
        sorting=shown_list.sorting,
        sorts=ENTITY_SORTS,
        counts=shown_list.counts,
        q=q,
        type=type,
        country=country.upper(),
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, entity_id: str, names: Names = False, user: User = viewer) -> Response:
    snap = load_snapshot(request)
    shown = withhold.names_shown(request, user, names, f"entity:{entity_id[:128]}")
    page = snap.kept(("entity page", entity_id, shown), lambda: _entity_page(snap, entity_id, shown))
    if page is None:
        raise HTTPException(404, "no such entity")
    audit(request, user, "view", f"entity:{page['entity'].id}")
    return render(request, "entity.html", user, **page)


def _entity_page(snap: Snapshot, entity_id: str, shown: bool) -> dict[str, Any] | None:
    """What the page of ``entity_id`` shows (None: no such entity): made once per snapshot."""
    # the entity is found among the entities as they are shown (a withheld person by the id of
    # its placeholder); only what the page shows of it is redacted
    index = find(snap, entity_id, shown)
    if index is None:
        return None
    found = entity_view(snap, index, shown, MENTION_REPORTS, CLAIM_ROWS)
    mentions = []
    seen: set[tuple[str, str]] = set()
    for occurrence in found.mentioned.occurrences:
        report = found.reports[occurrence.report_id]
        for m in occurrence.entity.mentions[:3]:
            sentence = sentence_around(report.text, m.start, m.end).strip() if m.start >= 0 else ""
            if sentence and (report.id, sentence) not in seen:
                seen.add((report.id, sentence))
                mentions.append({"report": report, "sentence": sentence})
    entity = found.entity
    nodes, edges = analysis.network(snap, limit=25, names=shown, focus=entity.id, href=href)
    return {
        "entity": entity,
        "mentions": mentions,
        "claims": found.rows,
        "claims_of": found.claims_of,
        "reports_by_id": found.reports,
        "mentions_of": len({o.report_id for o in found.mentioned.occurrences}),
        "links": found.links,
        "linked_from": found.linked_from,
        "graph": Markup(network_svg(nodes, edges, height=420)),
    }
