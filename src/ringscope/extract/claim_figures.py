"""Each figure of a text on its own: the noun it counts, the vetoes that drop it, the measure it takes."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ringscope.extract import claim_framing, claim_lists, claim_tables, counted_nouns, measures
from ringscope.extract.claim_trace import Decision
from ringscope.extract.document import Document
from ringscope.extract.numbers import Amount
from ringscope.extract.rules import load_rules

_RULES = load_rules("claim_rules.yaml")
_WINDOW = 300
"""Triggers, clause breaks and other figures farther than this from a figure are not looked at."""
_PAY_WORDS = "|".join(_RULES["veto.pay"].words)
_PAY_BEFORE = re.compile(
    rf"\b(?:{_PAY_WORDS})\b(?:\s+\w+){{0,3}}\s+$|\b(?:each|every|per)\s+(?:worker|person|victim|employee|"
    r"individual|head|month|day)\b[^.;]{0,30}$",
    re.IGNORECASE,
)
_PAY_AFTER = re.compile(  # "$500 each", "$500 apiece"; not "$40 million each year"
    rf"\s+(?:a|per|each)?\s*(?:{_PAY_WORDS})\b|\s+(?:each(?!\s+(?:year|month|week|day)\b)|apiece|per\s+person)\b",
    re.IGNORECASE,
)
_COUNTRIES_BEFORE = re.compile(str(_RULES["veto.countries_unframed"].pattern), re.IGNORECASE)
_COUNTRIES_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:(?:take|took|taking)\s+part|participat\w*|joined)\b")
_SANCTIONS = re.compile(str(_RULES["veto.sanctions"].pattern), re.IGNORECASE)
_QUOTA = re.compile(str(_RULES["veto.quota"].pattern), re.IGNORECASE)
_OF_WHOM = re.compile(str(_RULES["veto.of_whom"].pattern), re.IGNORECASE)
_OUT_OF = re.compile(r"\s*(?:\(\d+\)\s*)?(?:out\s+of|of)\s+(?:the|a|an)\s+(?:total\s+of\s+)?", re.IGNORECASE)
_OUT_OF_BEFORE = re.compile(  # "all of the 103" is the whole, not a part
    r"\b(?:out\s+of|(?<!all\s)of)\s+(?:the|a|an)\s+(?:total\s+of\s+)?$", re.IGNORECASE
)
_PARTICIPLE = re.compile(r"[a-z]+ed\Z")
# "Of those detained, 182 were ...": an opening that names the whole a part is taken from
_WHOLE_OPENING = re.compile(r"\W*(?:of|among)\s+(?:the|these|those)\s+[^,.;]{1,60},\s*$", re.IGNORECASE)
_COUNT_CLASSES = frozenset({measures.SITE, measures.INSPECTION, measures.COUNTRY, measures.ACCOUNT})
_ELLIPSIS_GAP = re.compile(r"[^.;]{0,30}\b(?:and|or)\s+(?:another\s+|a\s+further\s+)?$|\s*,\s*$")
_COORDINATED = re.compile(r"^\s*(?:and|or|,)\s*$")
PEOPLE_MEASURES = frozenset({"victims_rescued", "people_trafficked", "arrests", "deported", "scam_victims"})
PLACE_TAIL = "noun.place_tail"
NO_MEASURE, NOT_COUNTED, COUNTRIES_UNFRAMED = "veto.no_measure", "veto.not_counted", "veto.countries_unframed"
LONE_ONE, ONE_OF, OF_WHOM = "veto.lone_one", "veto.one_of", "veto.of_whom"
ONE_FAR = "veto.one_far_from_trigger"
SANCTIONS, PAY, QUOTA = "veto.sanctions", "veto.pay", "veto.quota"
RELATED_LINK = "veto.related_link"
_RELATED = re.compile(str(_RULES[RELATED_LINK].pattern), re.IGNORECASE)


@dataclass(slots=True)
class Figure:
    """A figure with what it counts and what was decided for it."""

    amount: Amount
    noun: measures.Noun
    s_start: int
    s_end: int
    item_end: int
    decision: Decision
    trigger: measures.Trigger | None = None
    whole: tuple[Amount, measures.Noun] | None = None
    run: int = -1
    """Index of the list this figure is an item of (-1 when none)."""
    plain: measures.Noun | None = None
    """The noun read without a place tail ("5 from Peru"), used outside lists and breakdowns."""

    @property
    def is_money(self) -> bool:
        return self.amount.currency is not None


@dataclass(slots=True)
class Figures:
    """All figures of a document and the per-sentence triggers and clause breaks they use."""

    doc: Document
    lowered: str
    amounts: list[Amount]
    demonyms: frozenset[int]
    items: list[Figure] = field(default_factory=list)
    _cache: dict[tuple[int, int], tuple[list[measures.Trigger], list[int], list[int]]] = field(
        default_factory=dict)

    def sentence_parts(self, s_start: int, s_end: int) -> tuple[list[measures.Trigger], list[int], list[int]]:
        key = (s_start, s_end)
        if key not in self._cache:  # triggers and clause breaks, once per sentence that needs them
            found = measures.find_triggers(self.doc.text, s_start, s_end, self.lowered)
            breaks = measures.clause_breaks(self.doc.text, s_start, s_end)
            self._cache[key] = (found, [t.start for t in found], breaks)
        return self._cache[key]

    def nouns(self) -> None:
        """What each figure counts (pass one), and the lists figures form."""
        text, amounts = self.doc.text, self.amounts
        last_noun: tuple[int, measures.Noun] | None = None  # sentence start, the latest counted noun
        for index, amount in enumerate(amounts):
            s_start, s_end = self.doc.sentence_at(amount.num_start)
            noun = counted_nouns.counted_noun(text, amount.end, s_end, self.demonyms)
            whole: tuple[Amount, measures.Noun] | None = None
            if index + 1 < len(amounts):  # "eight (workers) out of the 56 (workers) trapped"
                nxt = amounts[index + 1]
                gap_start = noun.end if noun.cls not in (measures.BARE, measures.SKIP) else amount.end
                if _OUT_OF.fullmatch(text, gap_start, nxt.start):
                    whole = (nxt, counted_nouns.counted_noun(text, nxt.end, s_end, self.demonyms))
                    if noun.cls in (measures.BARE, measures.SKIP):
                        noun = measures.Noun(whole[1].cls, amount.end, amount.end, whole[1].word)
                if noun.cls == measures.BARE and _COORDINATED.match(text[amount.end : nxt.start]):
                    # "5,000 and over 8,000 people"
                    noun = counted_nouns.counted_noun(text, nxt.end, s_end, self.demonyms)
            if (
                noun.cls == measures.BARE
                and last_noun is not None
                and last_noun[0] == s_start
                and last_noun[1].cls in _COUNT_CLASSES
                and _ELLIPSIS_GAP.match(text, last_noun[1].end, amount.start)
            ):
                noun = last_noun[1]  # "2 raids in May and 3 in June": the noun of the figure before
            if noun.cls != measures.BARE:
                last_noun = (s_start, noun)
            running = None
            if noun.cls in (measures.BARE, measures.SKIP) and amount.currency is None:
                running = claim_framing.running_total(text, s_start, amount.start)
                noun = running or noun
            item_end, plain = max(amount.end, noun.end), None
            if noun.cls in (measures.BARE, measures.SKIP) and amount.currency is None:
                tail = claim_lists.PLACE_TAIL.match(text, amount.end, s_end)
                if tail:  # "5 from Thailand", "32 were from Chile": people counted by where they came from
                    place = "from " + tail.group(0).split()[-1].lower()
                    plain, noun = noun, measures.Noun(measures.PEOPLE, amount.end, amount.end, place)
                    item_end = tail.end()
                elif claim_lists.PLACE_HEAD_END.match(text, amount.end) and (
                    head := claim_lists.PLACE_HEAD.search(text, max(s_start, amount.start - 40), amount.start)
                ):  # "Peru (30)", "Chile: 80"
                    place = "from " + head.group(0).split()[0].strip("(:–|-").lower()
                    plain, noun = noun, measures.Noun(measures.PEOPLE, head.start(), amount.end, place)
                elif (cell := claim_tables.cell_at(text, amount.start, amount.end)) is not None:
                    label = text[cell.label[0] : cell.label[1]].split()  # "| Kenya | 45 | 12 |"
                    place = "from " + label[0].lower() if label else ""
                    plain, noun = noun, measures.Noun(measures.PEOPLE, cell.label[0], amount.end, place)
            elif noun.cls in measures.PEOPLE_CLASSES:
                tail = claim_lists.PLACE_TAIL.match(text, item_end, s_end)
                item_end = tail.end() if tail else item_end
            decision = Decision(amount.start, amount.end, text[amount.start : amount.end], amount.low,
                                amount.high, amount.qualifier, amount.currency,
                                qualifier_rule=amount.qualifier_rule,
                                noun=claim_framing.RUNNING_TOTAL if running else _noun_rule(noun))
            fig = Figure(amount, noun, s_start, s_end, item_end, decision, whole=whole, plain=plain)
            self.items.append(fig)
        self._runs()

    def _runs(self) -> None:
        text, run = self.doc.text, 0
        for a, b in zip(self.items, self.items[1:], strict=False):
            if (
                a.s_start == b.s_start
                and not a.is_money and not b.is_money
                and a.noun.cls in measures.PEOPLE_CLASSES and b.noun.cls in measures.PEOPLE_CLASSES
                and b.noun.cls != measures.BARE
                and a.item_end <= b.amount.start
                and claim_lists.LIST_GAP.match(claim_lists.strip_aside(text[a.item_end : b.amount.start]))
            ):
                if a.run < 0:
                    run += 1
                    a.run = run
                b.run = a.run

    def judge(self) -> None:
        """The measure of each figure from its own clause (pass two), or the veto that drops it."""
        text = self.doc.text
        positions = [a.num_start for a in self.amounts]
        previous: Figure | None = None  # the latest figure of people given a measure
        for fig in self.items:
            self._judge(fig, text, positions, previous)
            if fig.decision.measure and not fig.decision.veto:
                previous = fig

    def _judge(self, fig: Figure, text: str, positions: list[int], previous: Figure | None) -> None:
        if fig.plain is not None and fig.run < 0 and not claim_lists.opens_breakdown(
            text, fig.s_start, fig.amount.start
        ):
            fig.noun, fig.plain = fig.plain, None  # a place tail counts people only in a list or breakdown
            fig.decision.noun = _noun_rule(fig.noun)
        amount, noun, d = fig.amount, fig.noun, fig.decision
        is_money = fig.is_money
        if not is_money and noun.cls == measures.SKIP:
            d.veto = NOT_COUNTED
            return
        if _RELATED.match(text, text.rfind("\n", 0, amount.start) + 1):
            d.veto = RELATED_LINK  # a link to another story
            return
        before = text[max(0, amount.start - 30) : amount.start]
        if _SANCTIONS.search(text, max(0, amount.start - 60), amount.start):
            d.veto = SANCTIONS
            return
        if _QUOTA.search(before):
            d.veto = QUOTA  # "a daily target of 10 victims"
            return
        if is_money and (_PAY_BEFORE.search(before) or _PAY_AFTER.match(text, amount.end)):
            d.veto = PAY
            return
        if noun.cls == measures.COUNTRY and not (
            noun.word.endswith("nationalities") or _COUNTRIES_BEFORE.search(before)
            or _COUNTRIES_AFTER.match(text, noun.end)
        ):
            d.veto = COUNTRIES_UNFRAMED
            return
        after = text[amount.end : amount.end + 14]
        if amount.is_word and amount.low == 1 and re.match(r"\s+of\b", after):
            d.veto = ONE_OF
            return
        lone = amount.is_word and amount.low == 1 and noun.cls == measures.BARE
        if lone and not re.match(r"\s+each\b", after):
            d.veto = LONE_ONE
            return
        if _OF_WHOM.match(after):
            d.veto = OF_WHOM
            return
        triggers, t_starts, breaks = self.sentence_parts(fig.s_start, fig.s_end)
        lo, hi = max(fig.s_start, amount.start - _WINDOW), min(fig.s_end, amount.end + _WINDOW)
        own = [t for t in triggers[bisect_left(t_starts, lo) : bisect_right(t_starts, hi)]
               if not (amount.start <= t.start < amount.end)]
        if fig.whole is not None:  # the whole's own predicate ("the 56 trapped") is not the part's
            w_end = max(fig.whole[0].end, fig.whole[1].end) + 2
            own = [t for t in own if not (fig.whole[0].start <= t.start < w_end)]
        lo_part = max(fig.s_start, amount.start - 20)
        part = None if is_money else _OUT_OF_BEFORE.search(text, lo_part, amount.start)
        if part is not None and text[fig.s_start : part.start()].strip():  # not "Of the 215 rescued, ..."
            own_end = max(amount.end, noun.end) + 1  # "half of the 500 workers rescued": its own participle
            own = [t for t in own if t.category == "traffic" or (t.start == own_end and _PARTICIPLE.match(
                text, t.start, t.end))]  # the whole a part came out of: people held
        if _WHOLE_OPENING.fullmatch(text, fig.s_start, amount.start) and any(
            t.start >= amount.end and t.category != "none" for t in own
        ):  # the part's own predicate, not the whole's ("Of those detained, 182 were found to be victims")
            own = [t for t in own if t.start >= amount.end]
        near_breaks = breaks[bisect_left(breaks, lo) : bisect_right(breaks, hi)]
        near = positions[bisect_left(positions, lo) : bisect_right(positions, hi)]
        skip = {amount.num_start, fig.whole[0].num_start if fig.whole is not None else -1}
        if fig.run >= 0:  # the other items of its list do not take the predicate away
            skip.update(f.amount.num_start for f in self.items if f.run == fig.run)
        others = tuple(o for o in near if o not in skip)
        cls = measures.BARE if fig.plain is not None else noun.cls  # a place tail names no group
        a_start = min(amount.start, noun.start) if fig.plain is not None else amount.start  # "Peru (30)"
        chosen = measures.choose_measure(cls, is_money, own, a_start, max(amount.end, noun.end),
                                         near_breaks, text, others=others, noun_word=noun.word)
        if chosen is not None and chosen.measure and not is_money:
            chosen = claim_framing.object_of(text, noun, amount, own, chosen) or chosen
            chosen = claim_framing.still_held(text, noun, own, chosen) or chosen
            chosen = claim_framing.fraud_victims(text, noun, chosen) or chosen
        elif chosen is not None and chosen.measure:
            chosen = claim_framing.money_object_of(text, amount, own, chosen) or chosen
        if chosen is not None and chosen.measure == "people_trafficked" and chosen.trigger is not None:
            chosen = claim_framing.held_until(text, chosen, own) or chosen
            chosen = claim_framing.main_predicate(text, noun, amount, own, chosen, positions) or chosen
            chosen = claim_framing.out_and_waiting(text, noun, own, chosen) or chosen
            chosen = claim_framing.in_shelter(text, chosen) or chosen
        group = previous if (
            previous is not None
            and previous.s_start == fig.s_start
            and noun.cls in measures.PEOPLE_CLASSES
            and not is_money
            and previous.decision.measure in PEOPLE_MEASURES
            and fig.plain is None
        ) else None  # people counted before in the sentence
        if group is not None and claim_lists.LIST_GAP.match(
            claim_lists.strip_aside(text[group.item_end : amount.start])
        ):  # the next item of a list continues its measure
            chosen = measures.Choice(group.decision.measure, None, claim_lists.LIST_CONTINUES)
        elif group is not None and chosen is not None and claim_lists.included_in(
            text, fig.s_start, group.item_end, amount.start, chosen.trigger
        ):  # "deported 900 foreigners involved in fraud, including 700 Chileans"
            chosen = measures.Choice(group.decision.measure, None, claim_lists.INCLUDED_IN_GROUP)
        if chosen is None and noun.cls in measures.PEOPLE_CLASSES:
            named = claim_lists.group_named_before(text, fig.s_start, amount.start)
            chosen = measures.Choice(named, None, claim_lists.GROUP_NAMED_BEFORE) if named else None
        if chosen is None:
            d.veto = NO_MEASURE
            return
        if not chosen.measure:  # a predicate of no measure ("killed") is nearest
            d.veto, d.trigger = chosen.rule, chosen.rule
            return
        trigger = chosen.trigger
        if amount.is_word and amount.low == 1 and trigger is not None and not (
            trigger.end >= amount.start - 40 and trigger.start <= noun.end + 40
        ):
            d.veto = ONE_FAR
            return
        d.measure, d.rule = chosen.measure, chosen.rule
        d.trigger = trigger.rule if trigger is not None else ""
        fig.trigger = trigger


def _noun_rule(noun: measures.Noun) -> str:
    if noun.rule:
        return noun.rule
    if noun.cls == measures.PEOPLE and noun.word not in measures.NOUNS:
        return PLACE_TAIL if noun.word.startswith("from ") else "noun.nationality"
    return measures.NOUN_RULE.get(noun.word.rsplit(" ", 1)[-1], "")
