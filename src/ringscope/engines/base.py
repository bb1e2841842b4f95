"""What every engine provides, and what a run reports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from ringscope.ingest.errors import InputProblem


class EngineError(Exception):
    """An engine cannot run as asked (message is for the user)."""


@dataclass(slots=True)
class RunSummary:
    """What one extraction run did: reports extracted, lines that failed, where results went."""

    output: str
    extracted: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.problems)

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        return f"{self.extracted} extracted, {self.failed} failed (results: {self.output})"


class Engine(Protocol):
    """Runs the extraction pipeline over a JSON-lines file and writes Parquet results."""

    name: str

    def extract_file(
        self, input: str, output: str, *, partitions: int | None = None, overwrite: bool = False
    ) -> RunSummary:
        """Extract every line of ``input`` into the Parquet folder ``output``."""
        ...

    def extract_rows(self, input: str, *, partitions: int | None = None) -> Iterator[dict[str, Any]]:
        """Extract every line of ``input`` and yield its result rows here, in input order, writing nothing."""
        ...

    def read_rows(self, output: str, columns: tuple[str, ...] = ...) -> Iterator[dict[str, Any]]:
        """The rows of a result folder this engine wrote (all columns by default), in line order."""
        ...

    def close(self) -> None:
        """Release what the engine holds (a Spark session, ...)."""
        ...
