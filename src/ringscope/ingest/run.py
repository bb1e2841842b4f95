"""The one runner: reports in, extractions or problems out.

``ringscope extract``, ``ingest``, ``reextract`` and every engine pass their reports
through :class:`Runner`: the same size limit, the same extractor, the same wording
of problems, and one tally of the reports written in languages the extractor does
not read (their extraction is empty and says so, see :mod:`ringscope.extract.language`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ringscope import settings
from ringscope.ingest.errors import InputError
from ringscope.model import Extraction, Report

Extractor = Callable[[str, str | None], Extraction]


@dataclass(frozen=True, slots=True)
class Extracted:
    """A report and what was extracted from it."""

    line: int | None
    report: Report
    extraction: Extraction


@dataclass(frozen=True, slots=True)
class Failed:
    """An input (or one line of it) that gave no report, and why."""

    line: int | None
    message: str


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A report skipped because it is already there (the ``skip`` test of :meth:`Runner.run`)."""

    line: int | None
    report: Report


Outcome = Extracted | Failed | Unchanged


@dataclass(slots=True)
class LanguageTally:
    """How many reports were in each language the extractor does not read."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, extraction: Extraction) -> None:
        if extraction.unsupported_language:
            self.counts[extraction.language or "und"] += 1

    def update(self, other: LanguageTally) -> None:
        self.counts.update(other.counts)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __str__(self) -> str:
        """``N report(s) in unsupported languages: xx (3), yy (1)``, or empty when there are none."""
        if not self.counts:
            return ""
        ranked = sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        languages = ", ".join(f"{code} ({count})" for code, count in ranked)
        return f"{self.total} report(s) in unsupported languages: {languages}"


class Runner:
    """Runs the extractor over reports; by default the current pipeline and its version."""

    def __init__(
        self, extractor: Extractor | None = None, version: str | None = None, max_chars: int | None = None
    ) -> None:
        if extractor is None or version is None:
            from ringscope.extract import EXTRACTOR_VERSION
            from ringscope.extract.pipeline import extract

            extractor = extractor or extract
            version = version or EXTRACTOR_VERSION
        self.extractor: Extractor = extractor
        self.version: str = version
        self.max_chars = settings.MAX_REPORT_CHARS if max_chars is None else max_chars
        self.unsupported = LanguageTally()

    def extract(self, report: Report) -> Extraction | str:
        """The extraction of one report, or the problem (too long, or the extractor failed)."""
        size = len(report.text)
        if size > self.max_chars:
            return f"report text too long ({size} characters; the limit is {self.max_chars})"
        try:
            extraction = self.extractor(report.text, report.published)
        except Exception as exc:  # a bug in extraction must not stop the other reports
            return f"extraction failed ({type(exc).__name__}: {exc})"
        self.unsupported.add(extraction)
        return extraction

    def run(
        self,
        items: Iterable[tuple[int | None, Report | InputError]],
        skip: Callable[[Report], bool] | None = None,
    ) -> Iterator[Outcome]:
        """One outcome per item read, in order; reports for which ``skip`` is true are not extracted."""
        for line, item in items:
            if isinstance(item, InputError):
                yield Failed(item.line or line, item.message)
                continue
            if len(item.text) <= self.max_chars and skip is not None and skip(item):
                yield Unchanged(line, item)
                continue
            result = self.extract(item)
            if isinstance(result, str):
                yield Failed(line, result)
            else:
                yield Extracted(line, item, result)
