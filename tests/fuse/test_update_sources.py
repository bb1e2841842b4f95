"""An update compares the texts of an event's reports again only when its members changed, and the
independent sources it keeps are those the whole fusion finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ringscope.fuse.update as updating
from ringscope.api import ingest, open_store
from ringscope.fuse import fuse
from ringscope.fuse.stored import current, encode
from ringscope.model import Report

RAID = (
    "Police in the river town of Marrowick raided the Glasshollow compound on {day} and freed {n} workers "
    "who had been forced to run romance scams. Inspector Tovin Aldercrest said the workers came from "
    "several countries and that the compound managers had fled across the border."
)
OTHER = (
    "A regional court in Pellbury heard that a recruiter lured {n} graduates with fake job offers in "
    "logistics before moving them to a guarded site where they were made to defraud strangers online."
)


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_copies_are_compared_again_only_for_events_whose_members_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raid = RAID.format(day="Tuesday", n=214)
    first = [
        {"id": "a", "text": raid, "published": "2026-03-03", "source": "Harbour Times"},
        {"id": "b", "text": raid.replace("Tuesday", "Tuesday night"), "published": "2026-03-04",
         "source": "Valley Courier"},
        {"id": "c", "text": RAID.format(day="Tuesday", n=214).replace("river town", "riverside town"),
         "published": "2026-03-04", "source": "Evening Lamp"},
    ]
    store = tmp_path / "store.db"
    ingest([_write(tmp_path / "first.jsonl", first)], store)
    with open_store(store) as db:
        picture = current(db)
        events = {e for e in picture.event_of.values() if e}
        assert len(events) == 1, "the three tellings of the raid should be one event"
        assert len({ref.independent for f in picture.figures for ref in f.claims}) == 1, (
            "near-identical copies under three outlets should count as one independent source")
    compared: list[list[str]] = []
    real = updating.near_identical

    def spy(reports: list[Report]) -> list[tuple[str, str]]:
        compared.append(sorted(r.id for r in reports))
        return real(reports)

    monkeypatch.setattr(updating, "near_identical", spy)
    later = [{"id": "d", "text": OTHER.format(n=31), "published": "2026-05-10", "source": "Harbour Times"},
             {"id": "e", "text": OTHER.format(n=31).replace("regional", "district"),
              "published": "2026-05-11", "source": "Pell Herald"}]
    ingest([_write(tmp_path / "later.jsonl", later)], store)
    with open_store(store) as db:
        picture = current(db)
        raid_members = sorted(r for r, e in picture.event_of.items() if e in events)
        assert len(raid_members) == 3
        assert raid_members not in compared, "the raid's unchanged event was compared again"
        assert any(len(group) == 2 for group in compared), "the new event was not compared"
        assert encode(picture) == encode(fuse(list(db.iter_extractions())))
