"""Quantitative claims: figures mapped to the measure vocabulary, with where, who and when.

The rules that decide are data (``claim_rules.yaml``); every claim carries the id of the rule
that gave its measure (``rule``) and of the trigger that chose it (``trigger``), and
:func:`explain_claims` tells for every number of a text what became of it.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right

from ringscope.extract import claim_lists, claim_passes, measures, money, number_atoms
from ringscope.extract.claim_figures import PEOPLE_MEASURES, Figure, Figures
from ringscope.extract.claim_restate import Taken
from ringscope.extract.claim_trace import Decision
from ringscope.extract.document import Document
from ringscope.extract.locations import locate, main_country, pair_respectively
from ringscope.extract.numbers import Amount, find_amounts
from ringscope.extract.places import PlaceHit
from ringscope.extract.speakers import find_speaker
from ringscope.model import Claim, DateMention, Entity

RESTATED = "veto.restated"
_RATE_AFTER = re.compile(
    r"\b(?:(?:a|per|each|every)\s+(year|month|day)|(annually|yearly|monthly|daily|annual|per\s+annum))\b",
    re.IGNORECASE,
)
_RATE_BEFORE = re.compile(r"\b(annual|yearly|monthly|daily)\s+(?:\w+\s+){0,2}(?:of\s+)?$", re.IGNORECASE)
_RATE_WORD = {"annually": "year", "yearly": "year", "annual": "year", "per annum": "year", "monthly": "month",
              "daily": "day"}
_MAX_QUOTE = 140
_BACK_REFERENCE = re.compile(r"(?:^|[.!?]\s+|\n)(?:the|these|those|all)\s+$", re.IGNORECASE)
# A bare currency word right after the figure and its scale ("4 million pesos"; not "4 million US dollars").
_UNIT_WORD = re.compile(
    r"(?:[ \t]*(?:" + "|".join(sorted(number_atoms.SCALES, key=len, reverse=True)) + r"))?[ \t]+([a-z]+)$"
)


def _period(text: str, amount: Amount, clause_end: int) -> str | None:
    m = _RATE_AFTER.search(text, amount.end, min(clause_end, amount.end + 120))
    if m:
        return m.group(1).lower() if m.group(1) else _RATE_WORD[" ".join(m.group(2).lower().split())]
    b = _RATE_BEFORE.search(text[max(0, amount.start - 40) : amount.start])
    if b:
        return _RATE_WORD[b.group(1).lower()]
    return None


def _sentence_date(dates: list[DateMention], start: int, end: int) -> str | None:
    for d in dates:
        if start <= d.start < end:
            return d.value
    return None


def _figures(doc: Document, places: list[PlaceHit], skipped: list[tuple[int, int, str]] | None = None,
             amounts: list[Amount] | None = None) -> Figures:
    text = doc.text
    lowered = doc.lowered
    demonyms = frozenset(p.start for p in places if p.kind == "demonym")
    if amounts is None or skipped is not None:
        amounts = find_amounts(text, lowered, skipped)
    figs = Figures(doc, lowered, amounts, demonyms)
    figs.nouns()
    figs.judge()
    claim_passes.second_pass(figs)
    return figs


def _claims(doc: Document, figs: Figures, places: list[PlaceHit], dates: list[DateMention]) -> list[Claim]:
    text = doc.text
    places = sorted(places, key=lambda p: p.start)
    place_starts = [p.start for p in places]
    fallback_country = main_country(text, places)
    seen: dict[tuple[object, ...], Taken] = {}
    speakers: dict[int, str | None] = {}
    kept: list[Figure] = []
    for fig in figs.items:
        d, amount = fig.decision, fig.amount
        if d.veto or not d.measure:
            continue
        if (
            fig.noun.cls == measures.BARE
            and d.measure in PEOPLE_MEASURES
            and _BACK_REFERENCE.search(text, max(0, amount.start - 12), amount.start)
            and any(k.amount.low == amount.low and k.decision.measure in PEOPLE_MEASURES for k in kept)
        ):
            d.veto = RESTATED  # "The four were among ...": the people counted before, named again
            continue
        key = (d.measure, amount.low, amount.high, amount.qualifier, amount.currency)
        taken = seen.setdefault(key, Taken())
        if taken.restates(fig.noun.word, fig.s_start):
            other = _second(text, fig)
            key = (_second_measure(fig, other), *key[1:]) if other is not None else key
            if other is None or key in seen:
                d.veto = RESTATED
                continue
            # restated for one measure, stated for the first time for the other ("arrested and deported 40")
            d.measure, d.rule, d.trigger = str(key[0]), claim_lists.TWO_PREDICATES, other.rule
            fig.trigger = other
            taken = seen.setdefault(key, Taken())
        taken.add(fig.noun.word, fig.s_start)
        _, _, breaks = figs.sentence_parts(fig.s_start, fig.s_end)
        lo, hi = amount.start - 300, amount.end + 300
        near_breaks = [b for b in breaks if lo <= b <= hi]
        q_start, q_end = min(amount.start, fig.noun.start), max(amount.end, fig.noun.end)
        trigger = fig.trigger
        if trigger is not None:
            t_start, t_end = min(q_start, trigger.start), max(q_end, trigger.end)
            if t_end - t_start <= _MAX_QUOTE:
                q_start, q_end = t_start, t_end
        unclosed = text.count("(", q_start, q_end) > text.count(")", q_start, q_end)
        if unclosed and text[q_end : q_end + 1] == ")":
            q_end += 1  # "Peru (30)"
        next_break = bisect_right(breaks, amount.end)
        clause_end = breaks[next_break] if next_break < len(breaks) else fig.s_end
        s_start = fig.s_start
        location = locate(doc, places, amount.start, amount.end, near_breaks, d.measure, place_starts)
        location = location or fallback_country
        currency = amount.currency
        if fig.is_money and currency is not None:  # "4 million pesos" in Chile
            unit = _UNIT_WORD.match(text, amount.num_end, amount.end)
            currency = (money.local_currency(unit.group(1), location) if unit else None) or currency
            # a symbol several currencies share ("¥" in Japan)
            written = text[max(amount.start, amount.num_start - 4) : amount.num_start].rstrip()
            currency = (money.local_symbol(written, location) if written else None) or currency
        d.claim = Claim(
            measure=d.measure, value=amount.value, low=amount.low, high=amount.high,
            qualifier=amount.qualifier,
            unit="currency" if fig.is_money else measures.UNIT_OF.get(d.measure, "count"),
            quote=text[q_start:q_end], start=q_start, end=q_end, currency=currency,
            period=_period(text, amount, clause_end) if fig.is_money else None,
            location=location,
            speaker=speakers[s_start] if s_start in speakers else speakers.setdefault(
                s_start, find_speaker(text, s_start, fig.s_end)),
            date=_sentence_date(dates, s_start, fig.s_end), rule=d.rule, trigger=d.trigger,
        )
        kept.append(fig)
        other = _second(text, fig) if d.rule != claim_lists.TWO_PREDICATES else None
        second_key = (_second_measure(fig, other), *key[1:]) if other is not None else key
        if other is not None and second_key not in seen:  # "arrested and deported 40 ...": two measures
            seen.setdefault(second_key, Taken()).add(fig.noun.word, fig.s_start)
            o_start, o_end = min(q_start, other.start), max(q_end, other.end)
            if o_end - o_start > _MAX_QUOTE:
                o_start, o_end = q_start, q_end
            d.second = dataclasses.replace(
                d.claim, measure=str(second_key[0]), rule=claim_lists.TWO_PREDICATES,
                trigger=other.rule, quote=text[o_start:o_end], start=o_start, end=o_end)
    claims = [f.decision.claim for f in kept if f.decision.claim is not None]
    pair_respectively(doc, places, claims)
    drop: set[int] = set()
    if any(f.noun.word.rsplit(" ", 1)[-1] in claim_lists.SEX_WORDS for f in kept):
        drop = claim_lists.sex_breakdowns(text, {c.low for c in claims if c.low is not None}, figs.amounts)
    drop |= claim_lists.sex_parts(text, [
        (f.s_start, f.amount.num_start, f.amount.end, f.amount.low or 0.0,
         f.noun.word.rsplit(" ", 1)[-1] in claim_lists.SEX_WORDS)
        for f in kept if f.decision.measure in PEOPLE_MEASURES and f.amount.low is not None])
    result: list[Claim] = []
    for fig in kept:
        if fig.amount.num_start in drop:
            fig.decision.veto, fig.decision.claim, fig.decision.second = claim_lists.SEX_BREAKDOWN, None, None
        elif fig.decision.claim is not None:
            result.append(fig.decision.claim)
            if fig.decision.second is not None:
                result.append(fig.decision.second)
    return result


def _second(text: str, fig: Figure) -> measures.Trigger | None:
    """The other predicate of "arrested and deported 40 ..." (people only), if any."""
    if fig.trigger is None or fig.is_money:
        return None
    return claim_lists.second_predicate(text, fig.trigger, fig.noun.cls == measures.SUSPECT)


def _second_measure(fig: Figure, other: measures.Trigger) -> str:
    table = measures.SUSPECT_MEASURE if fig.noun.cls == measures.SUSPECT else measures.PEOPLE_MEASURE
    return table[other.category]


def extract_claims(
    doc: Document, places: list[PlaceHit], entities: list[Entity], dates: list[DateMention],
    amounts: list[Amount] | None = None,
) -> list[Claim]:
    """Claims stated in ``doc``: one per figure that fits a measure, restatements kept once.
    ``amounts`` may pass the figures of the whole text (:func:`find_amounts`) when the caller has them."""
    return _claims(doc, _figures(doc, places, amounts=amounts), places, dates)


def explain_claims(doc: Document, places: list[PlaceHit], dates: list[DateMention]) -> list[Decision]:
    """For every number of ``doc``, in text order: the claim it became, or the rule that dropped it."""
    skipped: list[tuple[int, int, str]] = []
    figs = _figures(doc, places, skipped)
    _claims(doc, figs, places, dates)
    decisions = [f.decision for f in figs.items]
    decisions += [Decision(start, end, doc.text[start:end], veto=reason) for start, end, reason in skipped]
    return sorted(decisions, key=lambda d: d.start)
