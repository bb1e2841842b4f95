"""What every export carries: the reports and extractions with the fused picture over them.

The picture gives ringscope's own entity resolution, the same-event groups and the reconciled
figures; :class:`Fused` indexes it so that each claim finds its figure and each extracted entity its
resolved entity. Give it the redacted items and the redacted picture (``Snapshot.view()``) unless an
admin asked for names: nothing here decides who is a victim.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from ringscope.fuse import Figure, Picture, ResolvedEntity, fuse
from ringscope.fuse.outlets import registered_domain
from ringscope.model import Extraction, Report, make_id, name_key
from ringscope.store.judgements import Judgement

Item = tuple[Report, Extraction]

_FILE_SUFFIXES = {
    ".jsonl", ".json", ".ndjson", ".txt", ".text", ".md", ".html", ".htm", ".pdf", ".csv", ".gz",
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_local_path(value: str | None) -> bool:
    """True when ``value`` names a file of the input (``/tmp/in/report.txt``, ``reports.jsonl``, ``-``)."""
    if not value:
        return False
    text = value.strip()
    if text in ("-", "<stdin>") or text.startswith(("/", "./", "../", "~", "file:")) or "\\" in text:
        return True
    return " " not in text and PurePath(text).suffix.lower() in _FILE_SUFFIXES


def publisher(report: Report) -> str | None:
    """The outlet that published ``report``: its declared source (never an input file's name), else
    the registered domain of its URL."""
    if report.source and report.source.strip() and not is_local_path(report.source):
        return report.source.strip()
    return registered_domain(report.url)


def title(report: Report) -> str:
    """The report's title, or a description of it (outlet and date) when it has none."""
    if report.title and report.title.strip() and not is_local_path(report.title):
        return report.title.strip()
    return f"Report by {publisher(report) or 'an unknown outlet'}, {report.published or 'undated'}"


def as_date(value: str | None) -> dt.date | None:
    """A full ISO date (``YYYY-MM-DD``) as a date; partial or other values give None."""
    if not value or not _ISO_DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def article_id(report_id: str) -> str:
    """The FtM id of a report's Article (``ftm_id`` in the reports table)."""
    return make_id("ftm-report", report_id)


def claim_key(report_id: str, claim_id: str) -> str:
    """The export id of one claim of one report (a claim id alone repeats across reports)."""
    return make_id("claimref", report_id, claim_id)


def route_key(report_id: str, route_id: str) -> str:
    return make_id("routeref", report_id, route_id)


@dataclass(slots=True)
class Fused:
    items: list[Item]
    picture: Picture
    figure_of: dict[str, Figure] = field(default_factory=dict)
    """claim_key -> its figure."""
    flags_of: dict[str, list[str]] = field(default_factory=dict)
    """claim_key -> the flag codes the reconciliation gave it."""
    resolved_of: dict[tuple[str, str], ResolvedEntity] = field(default_factory=dict)
    """(report id, name key of an extracted name or alias) -> resolved entity."""
    figure_ids: dict[str, str] = field(default_factory=dict)
    """figure key (the contract's ``figure``) -> figure id, for ``part_of``."""
    judgements: list[Judgement] = field(default_factory=list)
    """Analysts' judgements (their notes redacted like the rest unless names were asked for)."""

    def __post_init__(self) -> None:
        for figure in self.picture.figures:
            if figure.key:
                self.figure_ids.setdefault(figure.key, figure.id)
            for ref in figure.claims:
                self.figure_of[claim_key(ref.report_id, ref.claim.id)] = figure
            for flag in figure.flags:
                self.flags_of.setdefault(claim_key(flag.report_id, flag.claim_id), []).append(flag.code)
        for resolved in self.picture.entities:
            for occ in resolved.occurrences:
                for name in (occ.entity.name, *occ.entity.aliases):
                    self.resolved_of.setdefault((occ.report_id, name_key(name)), resolved)

    def resolved(self, report_id: str, name: str) -> ResolvedEntity | None:
        """The resolved entity a report names as ``name`` (any spelling it uses), if any."""
        return self.resolved_of.get((report_id, name_key(name)))

    def part_of(self, figure: Figure) -> str | None:
        return self.figure_ids.get(figure.part_of) if figure.part_of else None

    def event_of(self, report_id: str) -> str | None:
        return self.picture.event_of.get(report_id)


def fused(
    items: Iterable[Item], picture: Picture | None = None, judgements: Sequence[Judgement] = ()
) -> Fused:
    """The items with their picture (fused here when not given) and the analysts' judgements."""
    pairs = list(items)
    return Fused(pairs, picture if picture is not None else fuse(pairs), judgements=list(judgements))


def figure_dates(figure: Figure) -> list[dt.date]:
    """The publication dates of a figure's claims, sorted."""
    return sorted({d for d in (as_date(ref.published) for ref in figure.claims) if d is not None})
