"""The ``report`` command: one stored report and everything extracted from it."""

from __future__ import annotations

from typing import Annotated

import typer

from ringscope.cli import rows as R
from ringscope.cli import sections as S
from ringscope.cli.common import DEFAULT_STORE, StoreOption, app, fail, open_store, out, user_errors
from ringscope.cli.output import FormatOption, Row, chosen, emit

AMBIGUOUS_SHOWN = 5


@app.command()
def report(
    report_id: Annotated[
        str, typer.Argument(metavar="ID", help="A report id, a unique start of one, or an external id.")
    ],
    format: FormatOption = None,
    include_victims: Annotated[
        bool,
        typer.Option("--include-victims", help="Show the names of withheld persons instead of \\[victim N]."),
    ] = False,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """One report: title, outlet, url, date, text length, and its entities, claims, routes and dates.

    Persons the store's victim policy withholds appear as \\[victim N], in the text's items and quotes.
    """
    from pathlib import Path

    from ringscope.privacy import view
    from ringscope.report.snapshot import load

    wanted = report_id.strip()
    if not wanted:
        fail("give a report id (see `ringscope search` or `ringscope claims`)")
    with user_errors(), open_store(store) as db:
        ids = db.find_reports(wanted, limit=AMBIGUOUS_SHOWN + 1)
        if not ids:
            fail(f"no report {wanted!r} in {store}")
        if len(ids) > 1:
            shown = ", ".join(ids[:AMBIGUOUS_SHOWN]) + (", …" if len(ids) > AMBIGUOUS_SHOWN else "")
            fail(f"{wanted!r} starts more than one report id ({shown}); give more of it")
        found = db.get_report(ids[0])
        if found is None:  # removed meanwhile
            fail(f"no report {wanted!r} in {store}")
        extraction = db.get_extraction(found.id)
        version = db.extractor_version(found.id)
    withheld = 0
    if not include_victims:
        with user_errors():
            snap = load(Path(store))
        labels = view.labels_by_occurrence(snap.policy, snap.picture)
        withheld = len({label for (report, _), label in labels.items() if report == found.id})
        extraction = view.extraction(snap.policy, found, extraction, labels)
        found = view.report(snap.policy, found)
    parts: dict[str, list[Row]] = {
        "report": [R.report_head(found, version, withheld)],
        "entity": [R.report_entity_row(found.id, e) for e in extraction.entities],
        "claim": [R.report_claim_row(found.id, claim, claim.speaker) for claim in extraction.claims],
        "route": [R.report_route_row(found.id, route) for route in extraction.routes],
        "date": [R.report_date_row(found.id, d) for d in extraction.dates],
    }
    emit(S.report_sections(parts), chosen(format), out)
