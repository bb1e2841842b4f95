"""What the timeline shows besides monthly counts: events as items, and what has no date (pure).

An event's title is its first report's title, as ``shown_title`` shows it (the victim policy's
redaction of a title, for a viewer): no report text is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ringscope.fuse import Picture
from ringscope.fuse.picture import Event
from ringscope.report.timeaxis import month_of


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    id: str
    first: str | None
    """The earliest publication date of its reports (None: none is dated)."""
    last: str | None
    reports: int
    figures: int
    title: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineItems:
    dated: list[TimelineEvent]
    """Events with a report dated at least to the month, earliest first."""
    undated: list[TimelineEvent]
    """Events none of whose reports carries a date."""
    reports: int
    """Reports in the picture."""
    undated_reports: int
    """Reports without a publication month (not on the time axis)."""


def _title(event: Event, picture: Picture, shown_title: Callable[[str | None], str | None]) -> str:
    for report_id in event.report_ids:
        report = picture.reports.get(report_id)
        title = shown_title(report.title) if report is not None else None
        if title:
            return " ".join(title.split())
    return f"Event of {len(event.report_ids)} reports"


def _as_written(title: str | None) -> str | None:
    return title


def timeline_items(
    picture: Picture,
    href: Callable[[Event], str | None] | None = None,
    shown_title: Callable[[str | None], str | None] = _as_written,
) -> TimelineItems:
    """The events of ``picture`` for a timeline, and how many of its reports are undated; a title
    is shown as ``shown_title`` gives it (as written by default)."""
    dated: list[TimelineEvent] = []
    undated: list[TimelineEvent] = []
    for event in picture.events:
        days = sorted(d for d in event.published if month_of(d) is not None)
        item = TimelineEvent(
            event.id,
            days[0] if days else None,
            days[-1] if days else None,
            len(event.report_ids),
            len(event.figures),
            _title(event, picture, shown_title),
            href(event) if href else None,
        )
        (dated if days else undated).append(item)
    dated.sort(key=lambda e: (e.first or "", -e.reports, e.id))
    undated.sort(key=lambda e: (-e.reports, e.id))
    missing = sum(1 for r in picture.reports.values() if month_of(r.published) is None)
    return TimelineItems(dated, undated, len(picture.reports), missing)
