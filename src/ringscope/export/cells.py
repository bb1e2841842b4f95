"""CSV cells a spreadsheet will not run: text starting with ``= + - @`` (or a tab or carriage
return, which some spreadsheets skip before reading a formula) gets a leading apostrophe, the
usual neutraliser (OWASP "CSV injection"). Numbers stay numbers."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(value: object) -> object:
    """``value``, with a leading apostrophe when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class CellWriter:
    """``csv.writer`` whose every cell goes through :func:`neutral`."""

    def __init__(self, fh: IO[str]) -> None:
        self._writer = csv.writer(fh)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutral(cell) for cell in row])
