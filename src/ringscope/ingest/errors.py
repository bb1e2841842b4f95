"""Problems with one input, reported as ``path[:line]: problem`` and then skipped."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Why one input (a file, or one line of a JSONL file) was not ingested."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class InputError(Exception):
    """Raised by readers for an input that cannot be read; becomes an :class:`InputProblem`."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
