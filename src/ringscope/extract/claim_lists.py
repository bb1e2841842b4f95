"""Lists and breakdowns of figures: items that share a predicate, groups counted part by part."""

from __future__ import annotations

import re
from bisect import bisect_left

from ringscope.extract import claim_tables, measures
from ringscope.extract.numbers import Amount

LIST_CONTINUES = "claim.list_continues"
INCLUDED_IN_GROUP = "claim.included_in_group"
LIST_SHARES_PREDICATE = "claim.list_shares_predicate"
GROUP_NAMED_BEFORE = "claim.group_named_before"
BREAKDOWN_OF_GROUP = "claim.breakdown_of_group"
BULLETS_THEN_PREDICATE = "claim.bullets_then_predicate"
LIST_HEADER = "claim.list_header"
TWO_PREDICATES = "claim.two_predicates"
SEX_BREAKDOWN = "veto.sex_breakdown"

# Between two figures of one list: "109 Thais, 50 Pakistanis and three Indonesians", "including 60 women"
LIST_GAP = re.compile(
    r"^\s*\)?\s*(?:,|;|and|,\s*and|as\s+well\s+as|along\s+with|plus|while|besides|including|of\s+whom|"
    r"among\s+them|comprising|\(|,\s*including|—|–|-)?\s*(?:including\s+|of\s+them\s+|there\s+(?:was|were)\s+)?"
    r"(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*[(:–-]\s*)?$",  # "..., Peru (30)", "..., Chile - 80"
    re.IGNORECASE,
)
# "Peru (30)", "Chile: 80": a row counting people under the name of where they came from
PLACE_HEAD = re.compile(r"(?<![\w'’.-])(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*[(:–|\t-]\s*$")
PLACE_HEAD_END = re.compile(r"\s*(?:\)|,|;|\n|$|\.(?!\d)|and\b)")
# "5 from Thailand", "32 were from Chile", "five came from Peru", "one each from Peru and Chile",
# "46 in Vientiane Province": a list item counting people by where they came from or were found
PLACE_TAIL = re.compile(
    r"\s+(?:each\s+)?(?:(?:were|was|are|came)\s+)?(?:from|in|at)\s+(?:the\s+)?[A-Z][\w'’.-]*"
    r"(?:\s+(?:and\s+)?[A-Z][\w'’.-]*){0,4}"
)
_OPENER = re.compile(
    r"\W*(?:of\s+(?:them|these|those|the\s+\w+|whom)|among\s+(?:them|these|those|the\s+\w+)|"
    r"(?:this|they|these|those|which|the\s+\w+)\s+(?:included|includes|include|comprised|were|"
    r"(?:came|come|hailed|hail|originated)\s+from)|"
    r"(?:a\s+)?breakdown|by\s+nationality|including|they\s+are)\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"(?:^|\n)[ \t]*(?:[-•*–·]|\d+[.)])[ \t]+$")
_FOLLOWER = re.compile(r"\W*(?:these|they|those|all|the\s+\w+)\b", re.IGNORECASE)
_INCLUDED_BEFORE = re.compile(
    r"\s(?:included|include|includes|including|were|are|comprised|comprising|consisted\s+of)\s*:?\s*$",
    re.IGNORECASE,
)


_INCLUDING = re.compile(
    r"\b(?:including|among\s+(?:them|whom)|of\s+whom|such\s+as)\s+(?:(?:some|about|around|nearly|over|"
    r"more\s+than|at\s+least)\s+)?$",
    re.IGNORECASE,
)


def included_in(
    text: str, s_start: int, group_end: int, start: int, trigger: measures.Trigger | None
) -> bool:
    """Whether a figure at ``start`` opened by "including" or "among them" is a part of the people
    counted before it in its sentence (ending at ``group_end``) although its nearest ``trigger`` is a
    weak word between the two ("deported 900 foreigners involved in fraud, including 700 Chileans")."""
    return (
        trigger is not None
        and trigger.weak
        and group_end <= trigger.start < start
        and _INCLUDING.search(text, max(s_start, start - 30), start) is not None
    )


def strip_aside(gap: str) -> str:
    """The gap between two list items without an aside such as "—19 of whom were minors—"."""
    return re.sub(r"—[^—]{0,60}—|\([^()]{0,60}\)", "", gap)


def group_named_before(text: str, s_start: int, start: int) -> str | None:
    """A measure from the group a list is introduced by ("the suspects included 11 ...")."""
    window = text[max(s_start, start - 50) : start]
    m = _INCLUDED_BEFORE.search(window)
    if not m:
        return None
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", window[: m.start()])[-1:]]
    cls = next((measures.NOUNS[w] for w in reversed(words) if w in measures.NOUNS), None)
    if cls == measures.SUSPECT:
        return "arrests"
    if cls in (measures.VICTIM, measures.WORKER, measures.RETURNEE):
        return measures.DEFAULT_MEASURE[cls]
    return None


_OF_THE_GROUP = re.compile(
    r"\W*(?:(?:of|among)\s+(?:the|these|those)\s+(?:\w+\s+)?([a-z]+)\s*,|"
    r"(?:the|those)\s+([a-z]+)\s+(?:were|included|include|includes|comprised)\b)",
    re.IGNORECASE,
)


def group_opening(text: str, s_start: int, start: int) -> str | None:
    """"Of the hostages, 42 were ...", "The rescued were ...": the measure of the group a breakdown names."""
    m = _OF_THE_GROUP.match(text, s_start, start)
    if m is None:
        return None
    word = (m.group(1) or m.group(2)).lower()
    cls = measures.NOUNS.get(word) if m.group(1) else None
    if cls == measures.SUSPECT:
        return "arrests"
    if cls in (measures.VICTIM, measures.WORKER, measures.RETURNEE):
        return measures.DEFAULT_MEASURE[cls]
    trigger = measures.find_triggers(word, 0, len(word))
    if cls is None and len(trigger) == 1 and trigger[0].category in measures.PEOPLE_MEASURE:
        return measures.PEOPLE_MEASURE[trigger[0].category]  # "the rescued", "those detained"
    return None


def opens_breakdown(text: str, s_start: int, start: int) -> bool:
    """Whether a figure is in a breakdown: a sentence opened by "of them", "this included", or a list row."""
    if on_bullet(text, start):
        return True
    return bool(_OPENER.match(text, s_start, start))


_ROW = 60
"""Lines of a table or list ("Chile - 80 people", "Peru (20 men and 5 women)") are at most this long."""


def is_bullet(text: str, start: int) -> bool:
    """Whether ``start`` follows a bullet ("- ", "• ", "1. ") at the start of a line."""
    return bool(_BULLET.search(text, max(0, start - 12), start))


def on_bullet(text: str, start: int) -> bool:
    """Whether a figure is an item of a bulleted list or a table, or a row of a short list after a line
    ending in ":"."""
    if is_bullet(text, start) or claim_tables.in_table(text, start):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if line_start == 0 or line_end - line_start > _ROW:
        return False
    for _ in range(40):  # up through the rows above to the line that opens the list
        prev_end = line_start - 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end].strip()
        if line.endswith(":"):
            return True
        if not line or len(line) > _ROW or prev_start == 0:
            return False
        line_start = prev_start
    return False


def list_header(text: str, start: int) -> tuple[int, int] | None:
    """The line ending in ":" that opens the list row holding ``start`` (bulleted or short rows), if any."""
    line_start = text.rfind("\n", 0, start) + 1
    for _ in range(40):
        if line_start == 0:
            return None
        prev_end = line_start - 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end].strip()
        if line.endswith(":"):
            return prev_start, prev_end
        if not line or len(line) > _ROW:
            return None
        line_start = prev_start
    return None


def header_measure(text: str, start: int) -> tuple[str, measures.Trigger | None] | None:
    """"Rescued workers by nationality:" above rows: the measure its predicate or group noun gives."""
    span = list_header(text, start)
    if span is None:
        return None
    return claim_tables.span_measure(text, *span)


_BEFORE_AND = re.compile(r"([A-Za-z]+)\s+and\s+$")
_AND_AFTER = re.compile(r"\s+and\s+(?:(?:later|then|subsequently|were|was)\s+)?([A-Za-z]+)")


def second_predicate(text: str, trigger: measures.Trigger, suspect: bool) -> measures.Trigger | None:
    """"arrested and deported 40 ...", "40 ... detained and later deported": the pair's other predicate."""
    m = _BEFORE_AND.search(text, max(0, trigger.start - 30), trigger.start)
    other = m is not None and measures.find_triggers(text, m.start(1), m.end(1))
    if not other:
        n = _AND_AFTER.match(text, trigger.end)
        other = n is not None and measures.find_triggers(text, n.start(1), n.end(1))
    if not other or other[0].weak:
        return None
    table = measures.SUSPECT_MEASURE if suspect else measures.PEOPLE_MEASURE
    if other[0].category not in table or trigger.category not in table:
        return None
    return other[0] if table[other[0].category] != table[trigger.category] else None


def follows_with(text: str, s_start: int) -> bool:
    """Whether a sentence goes on about a group just listed ("These people were ...")."""
    return bool(_FOLLOWER.match(text, s_start, s_start + 40))


SEX_WORDS = measures.RULES.words("lexicon.sex_words")
_SEX_PAIR = re.compile(
    r"\b(?:(?:wo)?m[ae]n|(?:fe)?males?|boys?|girls?)\s+(?:and|,)\s+(?:\S+\s+){1,2}(?:(?:wo)?m[ae]n|(?:fe)?males?|boys?|girls?)\b",
    re.IGNORECASE,
)


def sex_breakdowns(text: str, totals: set[float], found: list[Amount]) -> set[int]:
    """Figure starts of "31 women and 12 men" where the group's total (43) is a claim too."""
    if not totals or not _SEX_PAIR.search(text):
        return set()
    amounts = {a.num_start: a for a in found}
    drop: set[int] = set()
    starts = sorted(amounts)
    for m in _SEX_PAIR.finditer(text):
        i, j = bisect_left(starts, m.start()), bisect_left(starts, m.end())
        before, inside = starts[max(0, i - 1) : i], starts[i:j]
        if not before or len(inside) != 1:
            continue
        first, second = amounts[before[0]], amounts[inside[0]]
        if m.start() - first.end > 12 or first.low + second.low not in totals:
            continue
        drop.update((first.num_start, second.num_start))
    return drop


_SEX_AFTER = re.compile(
    r"\s+(?:of\s+(?:them|whom)\s+)?(?:(?:were|are|being)\s+)?(?:(?:wo)?m[ae]n|(?:fe)?males?|girls?|boys?)\b",
    re.IGNORECASE,
)


# "29 of the returnees were women": a part, by sex, of a group named and counted before
_SEX_OF_THE_GROUP = re.compile(
    r"\s+of\s+(?:the|these|those)\s+(?:[\w-]+\s+){1,2}?(?:were|are)\s+(?:(?:wo)?men|(?:fe)?males|girls|boys)\b",
    re.IGNORECASE,
)


_OF_THE_WHOLE = re.compile(r"\b(?:of|among)\s+(?:the|these|those)\s+(\d[\d,]*)\b[^,.;]{0,20},\s*$",
                           re.IGNORECASE)


def whole_value(text: str, s_start: int, start: int) -> float | None:
    """The figure of the whole a sentence opens with ("Of the 63, 17 have ..." -> 63), if any."""
    whole = _OF_THE_WHOLE.search(text, max(s_start, start - 40), start)
    return float(whole.group(1).replace(",", "")) if whole is not None else None


def sex_parts(text: str, kept: list[tuple[int, int, int, float, bool]]) -> set[int]:
    """Figures of one sex after their group's total in the same sentence ("freed 120 people, 80 of
    them women", "Of the 120 freed, 80 were women", "including 4 women").

    ``kept`` holds (sentence start, figure start, figure end, value, counts one sex) per people figure.
    """
    drop: set[int] = set()
    for s_start, start, end, value, sexed in kept:
        named = _SEX_OF_THE_GROUP.match(text, end) is not None and any(
            o_start < start and o_value > value for _, o_start, _, o_value, _ in kept
        )
        if not (named or sexed or _SEX_AFTER.match(text, end)):
            continue
        whole = whole_value(text, s_start, start)
        if named or (whole is not None and whole > value):
            drop.add(start)  # "Of the 58, 11 were women": the total is stated
            continue
        if any(o_s == s_start and o_end <= start and o_value > value and not o_sexed
               and not _SEX_AFTER.match(text, o_end)
               for o_s, _, o_end, o_value, o_sexed in kept):
            drop.add(start)
    return drop

