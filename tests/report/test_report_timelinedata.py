"""Timeline items from a picture: events by date, undated events apart, undated reports counted."""

from __future__ import annotations

from ringscope.fuse import Picture
from ringscope.fuse.picture import Event
from ringscope.model import Report


def _picture() -> Picture:
    reports = [
        Report("Guards moved forty workers overnight.", title="Workers moved  overnight",
               published="2024-05-02"),
        Report("A second outlet on the overnight move.", published="2024-05-06"),
        Report("Undated: a court heard the case.", title="Court hears case"),
        Report("Undated too: the case went on.", published="2024"),
        Report("A lone dated report.", published="2023-11-30"),
    ]
    ids = [r.id for r in reports]
    events = [
        Event("ev-dated", [ids[0], ids[1]], ["2024-05-02", "2024-05-06"]),
        Event("ev-undated", [ids[2], ids[3]], ["2024"]),
    ]
    event_of: dict[str, str | None] = {ids[0]: "ev-dated", ids[1]: "ev-dated", ids[2]: "ev-undated",
                                       ids[3]: "ev-undated", ids[4]: None}
    return Picture({r.id: r for r in reports}, event_of, events, [], [])


def test_timeline_items() -> None:
    from ringscope.report.timelinedata import timeline_items

    items = timeline_items(_picture(), href=lambda e: f"/events/{e.id}")
    (dated,) = items.dated
    assert (dated.id, dated.first, dated.last, dated.reports) == ("ev-dated", "2024-05-02", "2024-05-06", 2)
    assert dated.title == "Workers moved overnight" and dated.href == "/events/ev-dated"
    # a year alone does not place an event on a monthly axis, nor a report
    (undated,) = items.undated
    assert undated.id == "ev-undated" and undated.first is None and undated.title == "Court hears case"
    assert (items.reports, items.undated_reports) == (5, 2)
