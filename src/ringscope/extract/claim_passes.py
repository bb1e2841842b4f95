"""The second pass over a report's figures: figures of people left without a measure of their own take
one from the list, breakdown, table, running total or sentence they belong to.

Each pass sets the decision's rule to the id of the rule (claim_rules.yaml) that gave the measure.
"""

from __future__ import annotations

import re
from collections import Counter

from ringscope.extract import claim_lists, claim_sequel, claim_tables, measures
from ringscope.extract.claim_figures import NO_MEASURE, PEOPLE_MEASURES, Figure, Figures
from ringscope.extract.claim_sequel import undecided_people

COMPARED_WITH = "claim.compared_with"
LABELLED = "claim.labelled"
_LABEL = re.compile(r"(?:^|\n|(?<=[.;!?])[ \t])[ \t]*(?:[-•*][ \t]+)?([A-Z][A-Za-z -]{1,40}?)[ \t]*:[ \t]*$")
_COMPARED_BEFORE = measures.RULES.pattern(COMPARED_WITH)
_LARGER_WHOLE = re.compile(
    r"\b(?:(?:first|last|one|part|some|many|most|few)\s+of|among)\s+(?:the\s+)?(?:(?:about|around|some|nearly|"
    r"roughly|over|more\s+than|at\s+least|an\s+estimated)\s+)?$",
    re.IGNORECASE,
)
_BREAKDOWN_REACH = 600
"""A breakdown takes the measure of a group counted at most this many characters before it."""


def second_pass(figs: Figures) -> None:
    """Measures for the figures of people the first pass left undecided, in this order."""
    _share_in_lists(figs.items)
    _breakdowns(figs)
    claim_sequel.totals_of_figures_before(figs)
    claim_sequel.part_of_them(figs)
    claim_sequel.followed_by(figs)
    claim_sequel.group_counted_next(figs)
    _compared_with(figs)
    _labelled(figs)


def _share_in_lists(items: list[Figure]) -> None:
    """Items of a list with no measure of their own take the one the list's other items took."""
    runs: dict[int, list[Figure]] = {}
    for fig in items:
        if fig.run >= 0:
            runs.setdefault(fig.run, []).append(fig)
    for members in runs.values():
        votes = Counter(f.decision.measure for f in members
                        if f.decision.measure in PEOPLE_MEASURES and f.decision.trigger)
        if not votes:
            continue
        measure = votes.most_common(1)[0][0]
        for fig in members:
            if undecided_people(fig):
                fig.decision.veto, fig.decision.measure = "", measure
                fig.decision.rule = claim_lists.LIST_SHARES_PREDICATE


def _breakdowns(figs: Figures) -> None:
    """Parts of a group counted just before ("Of them, 30 were from ..."); bullets read with what follows."""
    text = figs.doc.text
    group: Figure | None = None
    groups: list[Figure] = []
    for i, fig in enumerate(figs.items):
        undecided = undecided_people(fig)
        colon = undecided and group is not None and group.s_start == fig.s_start and (
            ":" in text[group.item_end : fig.amount.start])  # "freed 88 people: Chile (40), Peru (30) ..."
        if not undecided or not (colon or claim_lists.opens_breakdown(text, fig.s_start, fig.amount.start)):
            if fig.decision.measure in PEOPLE_MEASURES and not fig.decision.veto and not _LARGER_WHOLE.search(
                text, max(fig.s_start, fig.amount.start - 30), fig.amount.start
            ):
                group = fig  # not "the first of about 7,000": a larger whole the group is taken from
                groups.append(fig)
            continue
        whole = claim_lists.whole_value(text, fig.s_start, fig.amount.start)
        of_whole = next((g for g in reversed(groups) if g.amount.low == whole), None) if whole else None
        group = of_whole or group  # "Of the 63, 17 have ...": the group counted 63, not the latest one
        cell = claim_tables.cell_at(text, fig.amount.start, fig.amount.end)
        paid = claim_tables.money_column(text, cell)
        if paid is not None:  # "| Chile | 4,500,000 |" under "| Losses (USD) |": money in that currency
            fig.amount.currency = fig.decision.currency = paid[0]
            fig.decision.veto, fig.decision.measure = "", paid[1]
            fig.decision.rule = claim_tables.TABLE_COLUMN
            fig.decision.trigger = paid[2].rule if paid[2] is not None else ""
            continue
        column = claim_tables.column_measure(text, cell)
        if column is not None:  # "| Kenya | 45 |" under "| Country | Rescued |"
            fig.decision.veto, fig.decision.measure = "", column[0]
            fig.decision.rule = claim_tables.TABLE_COLUMN
            fig.decision.trigger = column[1].rule if column[1] is not None else ""
            continue
        named = claim_lists.group_opening(text, fig.s_start, fig.amount.start)
        if named is not None:  # "Of the hostages, 42 were ..."
            fig.decision.veto, fig.decision.measure = "", named
            fig.decision.rule = claim_lists.GROUP_NAMED_BEFORE
            continue
        bullet = claim_lists.on_bullet(text, fig.amount.start)
        header = claim_lists.header_measure(text, fig.amount.start) if bullet else None
        near = group is not None and fig.amount.start - group.amount.end <= _BREAKDOWN_REACH
        by_group = group is not None and (header is None or header[0] == group.decision.measure)
        if group is not None and by_group and near and (colon or group.s_start < fig.s_start):
            fig.decision.veto, fig.decision.measure = "", group.decision.measure
            fig.decision.rule = claim_lists.BREAKDOWN_OF_GROUP
            continue
        if bullet:  # a header that names its rows' group or predicate comes before the group counted above
            rule = claim_lists.LIST_HEADER
            if header is None:  # "Freed from the compound" above "Chile    40"
                header = claim_tables.column_measure(text, cell, caption=True)
                rule = claim_tables.TABLE_COLUMN
            if header is not None:  # "Rescued workers by nationality:\nChile - 40 people"
                fig.decision.veto, fig.decision.measure = "", header[0]
                fig.decision.rule = rule
                fig.decision.trigger = header[1].rule if header[1] is not None else ""
                continue
            _bullets_then_predicate(figs, i)


def _compared_with(figs: Figures) -> None:
    """"1,900 returned last year, up from 1,300 in 2023": a figure compared with the one before in its
    sentence counts the same thing, at another time or place."""
    text = figs.doc.text
    previous: Figure | None = None
    for fig in figs.items:
        counted = fig.is_money or fig.noun.cls in measures.PEOPLE_CLASSES
        undecided = fig.decision.veto == NO_MEASURE and counted
        if (
            undecided
            and previous is not None
            and previous.s_start == fig.s_start
            and previous.is_money == fig.is_money
            and _COMPARED_BEFORE.search(text, max(fig.s_start, fig.amount.start - 30), fig.amount.start)
        ):
            fig.decision.veto, fig.decision.measure = "", previous.decision.measure
            fig.decision.rule = COMPARED_WITH
        if fig.decision.measure and not fig.decision.veto:
            previous = fig


def _labelled(figs: Figures) -> None:
    """"Arrests: 1,100. Victims identified: 480.": a figure after a short label and a colon counts what
    the label names (its predicate, else its noun)."""
    text = figs.doc.text
    for fig in figs.items:
        if fig.decision.veto != NO_MEASURE or (not fig.is_money and fig.noun.cls != measures.BARE):
            continue
        m = _LABEL.search(text, max(0, fig.amount.start - 50), fig.amount.start)
        if m is None:
            continue
        measure = _label_measure(text, m.start(1), m.end(1), fig.is_money)
        if measure is not None:
            fig.decision.veto, fig.decision.measure, fig.decision.rule = "", measure, LABELLED


def _label_measure(text: str, start: int, end: int, money: bool) -> str | None:
    triggers = [t for t in measures.find_triggers(text, start, end) if not t.weak]
    table = measures.MONEY_MEASURE if money else measures.PEOPLE_MEASURE
    for t in reversed(triggers):
        if t.category in table:
            return table[t.category]
    if money or triggers:
        return None
    for word in reversed(re.findall(r"[a-z]+", text[start:end].lower())):
        cls = measures.NOUNS.get(word)
        if cls == measures.SUSPECT:
            return "arrests"
        if cls in measures.DEFAULT_MEASURE:
            return measures.DEFAULT_MEASURE[cls]
    return None


def _bullets_then_predicate(figs: Figures, index: int) -> None:
    fig = figs.items[index]
    text = figs.doc.text
    line_end = text.find("\n", fig.amount.end)
    pos = line_end
    while pos >= 0 and claim_lists.is_bullet(text, _next_token(text, pos)):
        pos = text.find("\n", pos + 1)
    if pos < 0:
        return
    s_start, s_end = figs.doc.sentence_at(_next_token(text, pos))
    if not claim_lists.follows_with(text, s_start):
        return
    triggers, _, _ = figs.sentence_parts(s_start, s_end)
    for t in triggers:
        if t.category in measures.PEOPLE_MEASURE:
            fig.decision.veto, fig.decision.measure = "", measures.PEOPLE_MEASURE[t.category]
            fig.decision.rule, fig.decision.trigger = claim_lists.BULLETS_THEN_PREDICATE, t.rule
            return


def _next_token(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    bullet = re.match(r"(?:[-•*–·]|\d+[.)])[ \t]+", text[pos : pos + 6])
    return pos + (bullet.end() if bullet else 0)
