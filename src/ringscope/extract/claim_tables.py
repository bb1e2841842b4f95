"""Tables of figures: rows of cells split by "|", tabs or wide runs of spaces.

A figure that fills a cell of such a table counts people of the row's label ("Kenya", "Chileans"),
and the header of its column ("Rescued", "Arrested", "Victims") names what it counts. The header is
the table's first row when it holds no figure, else the line just above the rows ("Nationality
Number rescued" above "Kenya    45"). A table needs two rows or more of the same number of cells;
rules of dashes under a header ("---|---") are passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ringscope.extract import measures, money

TABLE_COLUMN = "claim.table_column"

Span = tuple[int, int]

_RULE_LINE = re.compile(r"[ \t|:+=-]*-{3,}[ \t|:+=-]*")
_WIDE = re.compile(r"\t+|[ \u00a0]{2,}")
_YEAR_LABEL = re.compile(r"(?:19|20)\d\d(?:\s*[/–-]\s*\d{2,4})?")  # a row per year: "2023", "2023-24"
_FIGURE = re.compile(r"(?:about|around|over|some|~|>|<|\+)?\s*\d[\d,.]*\+?(?:\s+(?:people|persons))?", re.I)
_MAX_LINE = 200
_MAX_ROWS = 60


@dataclass(frozen=True, slots=True)
class TableCell:
    """Where a figure sits in a table: its row's label, its column, the column's header, the caption."""

    label: Span
    column: int
    header: Span | None
    """The column's cell in the table's first row, when that row holds no figure."""
    caption: Span | None
    """The line just above the table, when it is not a row itself."""


def _line(text: str, pos: int) -> Span:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def cells(text: str, start: int, end: int) -> list[Span]:
    """The cells of one line (stripped spans), or [] when the line is not a row of two cells or more."""
    if not 0 < end - start <= _MAX_LINE:
        return []
    line = text[start:end]
    body = line.strip()
    spans: list[Span] = []
    if body.count("|") >= 2 or (body.count("|") == 1 and not body.startswith("|")):
        pos = start
        for part in line.split("|"):
            lead = len(part) - len(part.lstrip())
            spans.append((pos + lead, pos + len(part.rstrip())))
            pos += len(part) + 1
        if body.startswith("|"):  # "| a | b |": no cell before the first bar or after the last
            spans = spans[1:]
        if body.endswith("|"):
            spans = spans[:-1]
    else:
        lo = start + len(line) - len(line.lstrip())
        hi = start + len(line.rstrip())
        pos = lo
        for m in _WIDE.finditer(text, lo, hi):
            spans.append((pos, m.start()))
            pos = m.end()
        if not spans:
            return []
        spans.append((pos, hi))
    return spans if len(spans) >= 2 else []


_LABEL_FIGURE = r"[ \t]*[A-Z][\w .'’-]{1,40}?[ \t]*[:|\t–-][ \t]*\d[\d,]*"
"""A label and its figure on one line ("Chile | 45", "Peruvians: 30", "Kenya - 12")."""
_SHORT_ROW = re.compile(_LABEL_FIGURE + r"(?:[ \t]+[a-z]+)?[ \t]*")
_FIGURE_ROW = re.compile(_LABEL_FIGURE + r"[ \t]*(?:\n|$)")


def in_table(text: str, start: int) -> bool:
    """Whether a figure ends a row of a table of at least two rows ("Chile | 45", "Peruvians: 30"), or
    fills a cell of a table of cells."""
    line_start = text.rfind("\n", 0, start) + 1
    if not _FIGURE_ROW.match(text, line_start):
        return cell_at(text, start, start + 1) is not None
    line_end = text.find("\n", start)
    if line_end >= 0 and _FIGURE_ROW.match(text, line_end + 1):
        return True
    return line_start > 0 and _FIGURE_ROW.match(text, text.rfind("\n", 0, line_start - 1) + 1) is not None


def is_row(text: str, start: int, end: int) -> bool:
    """Whether a line is a row of a table or list: cells ("| Kenya | 45 |", "Kenya     45") or a label
    and its figure ("Kenya - 45 people", "Kenya: 45")."""
    if _SHORT_ROW.fullmatch(text, start, end) is not None:
        return True
    return any(_is_figure(text, c) for c in cells(text, start, end)[1:])


def _is_figure(text: str, span: Span) -> bool:
    return _FIGURE.fullmatch(text, *span) is not None


def _row(text: str, line: Span) -> list[Span] | None:
    if _RULE_LINE.fullmatch(text, *line):
        return None
    found = cells(text, *line)
    return found or None


def cell_at(text: str, start: int, end: int) -> TableCell | None:
    """The table cell a figure fills, if it fills one (the figure alone, perhaps with "people")."""
    line = _line(text, start)
    own = cells(text, *line)
    column = next((i for i, (a, b) in enumerate(own) if a <= start and end <= b), -1)
    if column <= 0 or not _is_figure(text, own[column]):
        return None
    if _is_figure(text, own[0]) and not _YEAR_LABEL.fullmatch(text, *own[0]):
        return None
    width = len(own)
    first, rows = line, 1
    for _ in range(_MAX_ROWS):  # up to the first row of the table
        if first[0] == 0:
            break
        above = _line(text, first[0] - 1)
        if _RULE_LINE.fullmatch(text, *above):
            first = above
            continue
        found = _row(text, above)
        if found is None or len(found) != width:
            break
        first, rows = above, rows + 1
    below = line
    for _ in range(_MAX_ROWS):
        if below[1] >= len(text):
            break
        nxt = _line(text, below[1] + 1)
        found = _row(text, nxt)
        if found is None or len(found) != width:
            break
        below, rows = nxt, rows + 1
    if rows < 2:
        return None
    caption = None
    if first[0] > 0:
        above = _line(text, first[0] - 1)
        if above[0] < above[1] and not cells(text, *above):
            caption = above  # "Rescued workers by nationality:" above the rows
    while _RULE_LINE.fullmatch(text, *first):
        first = _line(text, first[1] + 1)
    head_cells = cells(text, *first)
    header = None
    if first != line and len(head_cells) == width and not any(_is_figure(text, c) for c in head_cells):
        header = head_cells[column]
    return TableCell(own[0], column, header, caption)


def column_measure(
    text: str, cell: TableCell | None, caption: bool = False
) -> tuple[str, measures.Trigger | None] | None:
    """The measure of a figure in a table cell (:func:`cell_at`) from its column's header
    (``caption``: from the line above the table instead)."""
    span = None if cell is None else cell.caption if caption else cell.header
    return None if span is None else span_measure(text, *span)


def span_measure(text: str, start: int, end: int) -> tuple[str, measures.Trigger | None] | None:
    """The measure of people a heading names: its predicate ("Rescued", "Number detained"), else its
    group noun ("Victims", "Suspects"); None for a predicate of another kind ("Seized")."""
    if end - start > _MAX_LINE:
        return None
    triggers = [t for t in measures.find_triggers(text, start, end) if not t.weak]
    for t in reversed(triggers):
        if t.category in measures.PEOPLE_MEASURE:
            return measures.PEOPLE_MEASURE[t.category], t
    if triggers:
        return None
    for word in reversed(re.findall(r"[a-z]+", text[start:end].lower())):
        cls = measures.NOUNS.get(word)
        if cls == measures.SUSPECT:
            return "arrests", None
        if cls in (measures.VICTIM, measures.WORKER, measures.RETURNEE):
            return measures.DEFAULT_MEASURE[cls], None
    return None


_HEADER_MONEY = re.compile(r"\(\s*([^()\s]{1,12})\s*\)|\bin\s+([^\s,()|]{1,12})\s*$", re.IGNORECASE)


def money_column(text: str, cell: TableCell | None) -> tuple[str, str, measures.Trigger | None] | None:
    """The currency and money measure of a column whose header names a currency ("Losses (USD)",
    "Seized (baht)", "Amount frozen, in $"), for a bare figure in one of its cells."""
    if cell is None or cell.header is None or cell.header[1] - cell.header[0] > _MAX_LINE:
        return None
    start, end = cell.header
    found = _HEADER_MONEY.search(text, start, end)
    code = money.resolve(found.group(1) or found.group(2)) if found is not None else None
    if code is None:
        return None
    for t in reversed(measures.find_triggers(text, start, end)):
        if t.category in measures.MONEY_MEASURE:
            return code, measures.MONEY_MEASURE[t.category], t
    return None

