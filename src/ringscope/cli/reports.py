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
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """One report: title, outlet, url, date, text length, and its entities, claims, routes and dates.

    Persons the report presents as victims are withheld, and their names are blanked in quotes.
    """
    from ringscope.export.privacy import visible_speaker
    from ringscope.model import name_key
    from ringscope.report.privacy import is_victim_in, redact

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
    victims = [e for e in extraction.entities if is_victim_in(e, found.text)]
    names = {name for e in victims for name in (e.name, *e.aliases) if len(name) > 1}
    hidden = {name_key(name) for name in names}
    parts: dict[str, list[Row]] = {
        "report": [R.report_head(found, version, len(victims))],
        "entity": [R.report_entity_row(found.id, e) for e in extraction.entities if e not in victims],
        "claim": [],
        "route": [],
        "date": [R.report_date_row(found.id, d) for d in extraction.dates],
    }
    for claim in extraction.claims:
        row = R.report_claim_row(found.id, claim, visible_speaker(claim.speaker, hidden))
        row["quote"] = redact(claim.quote, names)
        parts["claim"].append(row)
    for route in extraction.routes:
        row = R.report_route_row(found.id, route)
        row["quote"] = redact(route.quote, names)
        parts["route"].append(row)
    emit(S.report_sections(parts), chosen(format), out)
