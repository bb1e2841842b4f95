"""Figures that continue the people counted before them: running totals ("bringing the total to
70"), parts "of them", further batches ("followed by 184 on Monday"), and nationalities counted in
the sentence after a group. Each takes the measure of the latest figure of people given one.

Each sets the decision's rule to the id of the rule (claim_rules.yaml) that gave the measure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ringscope.extract import claim_lists, measures
from ringscope.extract.claim_figures import NO_MEASURE, PEOPLE_MEASURES, Figure, Figures
from ringscope.extract.counted_nouns import TOTAL_VERBS

TOTAL_OF_FIGURES_BEFORE = "claim.total_of_figures_before"
GROUP_COUNTED_NEXT = "claim.group_counted_next"


def undecided_people(fig: Figure) -> bool:
    """A figure of people no rule has given a measure yet."""
    return fig.decision.veto == NO_MEASURE and fig.noun.cls in measures.PEOPLE_CLASSES and not fig.is_money


_TOTAL_BEFORE = re.compile(
    rf"\b(?:{TOTAL_VERBS}|increas\w*|mak(?:e|es|ing)|made)\s+"
    r"(?:the|their|its|this)\s+(?:overall\s+|grand\s+|cumulative\s+)?(?:total|number|tally|count|figure)"
    r"(?:\s+(?:so\s+far|to\s+date))?\s+to\s+$",
    re.IGNORECASE,
)
_TOTAL_REACH = 300


def _bare_near(fig: Figure, previous: Figure, reach: int) -> bool:
    """A figure with no noun of its own, at most ``reach`` characters after the figure before."""
    return fig.noun.cls == measures.BARE and fig.amount.start - previous.amount.end <= reach


def totals_of_figures_before(figs: Figures) -> None:
    """"..., bringing the total to 70": a running total of what the figures just before counted."""
    text = figs.doc.text

    def applies(fig: Figure, previous: Figure) -> bool:
        total = _TOTAL_BEFORE.search(text, max(0, fig.amount.start - 60), fig.amount.start)
        return _bare_near(fig, previous, _TOTAL_REACH) and total is not None

    from_previous(figs, applies, TOTAL_OF_FIGURES_BEFORE)


_OF_THEM = re.compile(r"\s+of\s+(?:them|these|those)\b(?!\s+\w+ed\b)", re.IGNORECASE)
_OF_THEM_REACH = 300
PART_OF_THEM = "claim.part_of_them"


def part_of_them(figs: Figures) -> None:
    """"received 4,590 of them": a part, with no predicate of its own, of the people counted before."""
    text = figs.doc.text

    def applies(fig: Figure, previous: Figure) -> bool:
        return _bare_near(fig, previous, _OF_THEM_REACH) and _OF_THEM.match(text, fig.amount.end) is not None

    from_previous(figs, applies, PART_OF_THEM)


FOLLOWED_BY = "claim.followed_by"
_FOLLOWED_BY = re.compile(r"\b(?:followed\s+by|then)\s+(?:another\s+|a\s+further\s+)?$", re.IGNORECASE)
_BATCH_GAP = re.compile(r"\s*(?:(?:on|in|at)\s+[\w-]+\s*)?(?:,\s*|,?\s*and\s+|,?\s*then\s+)$", re.IGNORECASE)


def followed_by(figs: Figures) -> None:
    """"200 arrived on Saturday, followed by 184 on Monday and 170 on Tuesday": batches of one group,
    each counted as the first was."""
    text = figs.doc.text

    def applies(fig: Figure, previous: Figure) -> bool:
        if previous.s_start != fig.s_start or fig.noun.cls != measures.BARE:
            return False
        start = fig.amount.start
        if _FOLLOWED_BY.search(text, max(fig.s_start, start - 30), start):
            return True
        batch = _BATCH_GAP.fullmatch(text, previous.amount.end, start) is not None
        lead = max(fig.s_start, previous.amount.start - 30)
        # "... followed by 184 on Monday and 170 on Tuesday"
        return batch and _FOLLOWED_BY.search(text, lead, previous.amount.start) is not None

    from_previous(figs, applies, FOLLOWED_BY)


def from_previous(figs: Figures, applies: Callable[[Figure, Figure], bool], rule: str) -> None:
    """Figures of people still undecided take the measure of the latest figure of people given one,
    where ``applies(figure, latest)`` holds; ``rule`` is the id of the rule that says so."""
    previous: Figure | None = None
    for fig in figs.items:
        if previous is not None and undecided_people(fig) and applies(fig, previous):
            fig.decision.veto, fig.decision.measure = "", previous.decision.measure
            fig.decision.rule = rule
        if fig.decision.measure in PEOPLE_MEASURES and not fig.decision.veto:
            previous = fig


# Before a figure: a determiner of a group already told of ("the nine citizens"), or a name the
# figure belongs to ("Regional Office 7").
_KNOWN_OR_NAMED = re.compile(r"(?:\b(?:the|these|those|all|its|their)\s+|\b[A-Z][\w-]*\s+)$")
_NEXT_SENTENCE = 3
"""At most this many characters between the sentence that gave the measure and the figure's."""


def group_counted_next(figs: Figures) -> None:
    """"Police freed 40 workers on Monday. 25 Chileans were among them": a nationality counted with no
    predicate of its own, in the sentence right after one that gave people a measure, takes it."""
    text = figs.doc.text

    def applies(fig: Figure, previous: Figure) -> bool:
        gap = text[previous.item_end : fig.amount.start]
        if previous.decision.rule == PART_OF_THEM:
            gap = _OF_THEM.sub("", gap, count=1)  # "4,590 of them, including 3,600 Chileans"
        listed = (  # "... 1,211 Vietnamese and 866 Indonesians": the next item of the list counted so
            previous.decision.rule in (GROUP_COUNTED_NEXT, PART_OF_THEM)
            and previous.s_start == fig.s_start
            and claim_lists.LIST_GAP.match(gap) is not None
        )
        return fig.decision.noun == "noun.nationality" and (listed or (
            previous.s_start != fig.s_start
            and fig.s_start - previous.s_end <= _NEXT_SENTENCE
            and not _KNOWN_OR_NAMED.search(text, max(0, fig.amount.start - 12), fig.amount.start)
        ))

    from_previous(figs, applies, GROUP_COUNTED_NEXT)
