"""Quantitative claims: figures mapped to the measure vocabulary, with where, who and when."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ringscope.extract import measures
from ringscope.extract.document import Document
from ringscope.extract.locations import locate, main_country, pair_respectively
from ringscope.extract.numbers import Amount, ascii_lower, find_amounts
from ringscope.extract.places import PlaceHit
from ringscope.extract.speakers import find_speaker
from ringscope.model import Claim, DateMention, Entity

_RATE_AFTER = re.compile(
    r"\b(?:(?:a|per|each|every)\s+(year|month|day)|(annually|yearly|monthly|daily|annual|per\s+annum))\b",
    re.IGNORECASE,
)
_RATE_BEFORE = re.compile(r"\b(annual|yearly|monthly|daily)\s+(?:\w+\s+){0,2}(?:of\s+)?$", re.IGNORECASE)
_RATE_WORD = {"annually": "year", "yearly": "year", "annual": "year", "per annum": "year", "monthly": "month",
              "daily": "day"}
_MAX_QUOTE = 140
_WINDOW = 300
"""Triggers, clause breaks and other figures farther than this from a figure are not looked at."""
_PAY_WORDS = (
    r"salar(?:y|ies)|wages?|pay|paid|payment|earning\s+up\s+to|offered|promised|fees?|ransoms?|fined?|fines|"
    r"bail|costs?|price[ds]?|tickets?|fares?|reward|compensation|debts?|owed|demanded|charged|loans?"
)
_PAY_BEFORE = re.compile(
    rf"\b(?:{_PAY_WORDS})\b(?:\s+\w+){{0,3}}\s+$|\b(?:each|every|per)\s+(?:worker|person|victim|employee|"
    r"individual|head|month|day)\b[^.;]{0,30}$",
    re.IGNORECASE,
)
_PAY_AFTER = re.compile(rf"\s+(?:a|per|each)?\s*(?:{_PAY_WORDS})\b|\s+(?:each|apiece|per\s+person)\b",
                        re.IGNORECASE)
_COUNTRIES_BEFORE = re.compile(
    r"\b(?:from|across|involving|representing|spanning|of|with)\s+$", re.IGNORECASE
)
_NOT_A_CLAIM_BEFORE = re.compile(r"\b(?:against|sanction(?:s|ed|ing)?(?:\s+on)?|designat(?:ed|es|ing))\s+$",
                                 re.IGNORECASE)
# Between two figures of one list: "109 Thais, 50 Pakistanis and three Indonesians", "including 60 women"
_LIST_GAP = re.compile(
    r"^\s*(?:,|;|and|,\s*and|as\s+well\s+as|along\s+with|plus|while|besides|including|of\s+whom|"
    r"among\s+them|comprising|\(|,\s*including|—|-)?\s*(?:including\s+|of\s+them\s+)?$",
    re.IGNORECASE,
)
_GENERIC_NOUNS = frozenset(measures.NOUNS) | measures.MODIFIERS


def _period(text: str, amount: Amount, clause_end: int) -> str | None:
    m = _RATE_AFTER.search(text, amount.end, min(clause_end, amount.end + 120))
    if m:
        return m.group(1).lower() if m.group(1) else _RATE_WORD[" ".join(m.group(2).lower().split())]
    b = _RATE_BEFORE.search(text[max(0, amount.start - 40) : amount.start])
    if b:
        return _RATE_WORD[b.group(1).lower()]
    return None


_SEX_PAIR = re.compile(
    r"(?:men|women|males|females|boys|girls)\s+(?:and|,)\s+(?:\S+\s+){1,2}(?:men|women|males|females|boys|girls)\b",
    re.IGNORECASE,
)


def _drop_sex_breakdowns(
    text: str, claims: list[Claim], groups: list[tuple[int, int]], found: list[Amount]
) -> list[Claim]:
    """Drop "31 women and 12 men" when the group's total (43) is stated too."""
    if not claims or not _SEX_PAIR.search(text):
        return claims
    amounts = {a.num_start: a for a in found}
    totals = {c.low for c in claims}
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
    return [c for c, (num_start, _) in zip(claims, groups, strict=True) if num_start not in drop]


_OUT_OF = re.compile(r"\s*(?:\(\d+\)\s*)?(?:out\s+of|of)\s+(?:the|a|an)\s+(?:total\s+of\s+)?", re.IGNORECASE)
_OUT_OF_BEFORE = re.compile(r"\b(?:out\s+of|of)\s+(?:the|a|an)\s+(?:total\s+of\s+)?$", re.IGNORECASE)
_COUNT_CLASSES = frozenset({measures.SITE, measures.INSPECTION, measures.COUNTRY, measures.ACCOUNT})
_ELLIPSIS_GAP = re.compile(r"[^.;]{0,30}\b(?:and|or)\s+(?:another\s+|a\s+further\s+)?$|\s*,\s*$")
_COORDINATED = re.compile(r"^\s*(?:and|or|,)\s*$")
_PEOPLE_MEASURES = frozenset({"victims_rescued", "people_trafficked", "arrests", "deported", "scam_victims"})


_INCLUDED_BEFORE = re.compile(
    r"\b([A-Za-z]+)\s+(?:included|include|includes|including|were|are|comprised|comprising|consisted\s+of)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)


def _group_named_before(text: str, s_start: int, start: int) -> tuple[str, None] | None:
    """A measure from the group a list is introduced by ("the suspects included 11 ...")."""
    m = _INCLUDED_BEFORE.search(text[max(s_start, start - 40) : start])
    if not m:
        return None
    cls = measures.NOUNS.get(m.group(1).lower())
    if cls == measures.SUSPECT:
        return ("arrests", None)
    if cls in (measures.VICTIM, measures.WORKER, measures.RETURNEE):
        return (measures.DEFAULT_MEASURE[cls], None)
    return None


def _strip_aside(gap: str) -> str:
    """The gap between two list items without an aside such as "—19 of whom were minors—"."""
    return re.sub(r"—[^—]{0,60}—|\([^()]{0,60}\)", "", gap)


class _Taken:
    """The figures already taken under one key (measure, bounds, qualifier, currency)."""

    __slots__ = ("words", "generic", "prefixes", "sentences")

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.generic: set[int] = set()
        self.prefixes: dict[str, set[int]] = {}
        self.sentences: set[int] = set()

    def add(self, noun: str, sentence: int) -> None:
        self.words.add(noun)
        self.sentences.add(sentence)
        if _generic(noun):
            self.generic.add(sentence)
        self.prefixes.setdefault(noun[:4], set()).add(sentence)

    def restates(self, noun: str, sentence: int) -> bool:
        """Same group words, or (outside the sentence's own list) one side names no group."""
        if noun in self.words:
            return True
        if _elsewhere(self.generic, sentence) or _elsewhere(self.prefixes.get(noun[:4], set()), sentence):
            return True
        return _generic(noun) and _elsewhere(self.sentences, sentence)


def _elsewhere(sentences: set[int], sentence: int) -> bool:
    return len(sentences) > 1 or (len(sentences) == 1 and sentence not in sentences)


def _generic(noun: str) -> bool:
    return all(w in _GENERIC_NOUNS for w in noun.split())


def _sentence_date(dates: list[DateMention], start: int, end: int) -> str | None:
    for d in dates:
        if start <= d.start < end:
            return d.value
    return None


def extract_claims(
    doc: Document, places: list[PlaceHit], entities: list[Entity], dates: list[DateMention]
) -> list[Claim]:
    """Claims stated in ``doc``: one per figure that fits a measure, restatements kept once."""
    text = doc.text
    demonym_starts = frozenset(p.start for p in places if p.kind == "demonym")
    claims: list[Claim] = []
    seen: dict[tuple[object, ...], _Taken] = {}
    groups: list[tuple[int, int]] = []  # per claim: where its figure starts, and its sentence
    previous: tuple[int, int, str, int] | None = None  # sentence start, noun end, measure, claim index
    cache: dict[tuple[int, int], tuple[list[measures.Trigger], list[int], list[int]]] = {}
    speakers: dict[int, str | None] = {}
    places = sorted(places, key=lambda p: p.start)
    place_starts = [p.start for p in places]
    lowered = ascii_lower(text)
    amounts = find_amounts(text, lowered)
    positions = [a.num_start for a in amounts]
    last_noun: tuple[int, measures.Noun] | None = None  # sentence start, the latest counted noun
    fallback_country = main_country(text, places)
    for index, amount in enumerate(amounts):
        s_start, s_end = doc.sentence_at(amount.num_start)
        is_money = amount.currency is not None
        noun = measures.counted_noun(text, amount.end, s_end, demonym_starts)
        # "eight (workers) out of the 56 (workers) trapped": the part and the whole of one group
        whole: tuple[Amount, measures.Noun] | None = None
        if index + 1 < len(amounts):
            nxt = amounts[index + 1]
            gap_start = noun.end if noun.cls not in (measures.BARE, measures.SKIP) else amount.end
            if _OUT_OF.fullmatch(text, gap_start, nxt.start):
                whole = (nxt, measures.counted_noun(text, nxt.end, s_end, demonym_starts))
                if noun.cls in (measures.BARE, measures.SKIP):
                    noun = measures.Noun(whole[1].cls, amount.end, amount.end, whole[1].word)
        part_of_whole = bool(_OUT_OF_BEFORE.search(text, max(s_start, amount.start - 20), amount.start))
        if noun.cls == measures.BARE and index + 1 < len(amounts):
            nxt = amounts[index + 1]
            if _COORDINATED.match(text[amount.end : nxt.start]):  # "5,000 and over 8,000 people"
                noun = measures.counted_noun(text, nxt.end, s_end, demonym_starts)
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
        if not is_money and noun.cls == measures.SKIP:
            continue
        before = text[max(0, amount.start - 30) : amount.start]
        if _NOT_A_CLAIM_BEFORE.search(before):
            continue
        if is_money and (_PAY_BEFORE.search(before) or _PAY_AFTER.match(text, amount.end)):
            continue  # wages, fares, fines, ransoms and per-head quotas are no claim of the vocabulary
        if noun.cls == measures.COUNTRY and not (
            noun.word.endswith("nationalities") or _COUNTRIES_BEFORE.search(before)
        ):
            continue
        after = text[amount.end : amount.end + 14]
        if amount.is_word and amount.low == 1 and noun.cls == measures.BARE:
            if not re.match(r"\s+each\b", after):
                continue
        one_of = amount.is_word and amount.low == 1 and re.match(r"\s+of\b", after)
        if re.match(r"\s+of\s+whom\b", after) or one_of:
            continue  # a breakdown of a group already counted, or "one of"
        if (s_start, s_end) not in cache:  # triggers and clause breaks, once per sentence that needs them
            found = measures.find_triggers(text, s_start, s_end, lowered)
            breaks_found = measures.clause_breaks(text, s_start, s_end)
            cache[(s_start, s_end)] = (found, [t.start for t in found], breaks_found)
        triggers, t_starts, breaks = cache[(s_start, s_end)]
        lo, hi = max(s_start, amount.start - _WINDOW), min(s_end, amount.end + _WINDOW)
        own = [
            t for t in triggers[bisect_left(t_starts, lo) : bisect_right(t_starts, hi)]
            if not (amount.start <= t.start < amount.end)
        ]
        if whole is not None:  # the whole's own predicate ("the 56 trapped") is not the part's
            # the whole's figure, its noun and a participle right after them
            w_end = max(whole[0].end, whole[1].end) + 2
            own = [t for t in own if not (whole[0].start <= t.start < w_end)]
        if part_of_whole and not is_money:  # the whole a part came out of: people held, whatever befell it
            own = [t for t in own if t.category == "traffic"]
        near_breaks = breaks[bisect_left(breaks, lo) : bisect_right(breaks, hi)]
        near = positions[bisect_left(positions, lo) : bisect_right(positions, hi)]
        skip_other = whole[0].num_start if whole is not None else -1
        others = tuple(o for o in near if o not in (amount.num_start, skip_other))
        chosen = measures.choose_measure(noun.cls, is_money, own, amount.start, max(amount.end, noun.end),
                                         near_breaks, text, others=others, noun_word=noun.word)
        if (
            previous is not None
            and previous[0] == s_start
            and noun.cls in measures.PEOPLE_CLASSES
            and not is_money
            and previous[2] in _PEOPLE_MEASURES
            and _LIST_GAP.match(_strip_aside(text[previous[1] : amount.start]))
        ):
            chosen = (previous[2], None)  # the next item of a list continues its measure
        if chosen is None and noun.cls in measures.PEOPLE_CLASSES:
            chosen = _group_named_before(text, s_start, amount.start)
        if chosen is None:
            continue
        measure, trigger = chosen
        if amount.is_word and amount.low == 1 and trigger is not None and not (
            trigger.end >= amount.start - 40 and trigger.start <= noun.end + 40
        ):
            continue
        unit = "currency" if is_money else measures.UNIT_OF.get(measure, "count")
        q_start, q_end = amount.start, max(amount.end, noun.end)
        if trigger is not None:
            t_start, t_end = min(q_start, trigger.start), max(q_end, trigger.end)
            if t_end - t_start <= _MAX_QUOTE:
                q_start, q_end = t_start, t_end
        quote = text[q_start:q_end]
        key = (measure, amount.low, amount.high, amount.qualifier, amount.currency)
        previous = (s_start, max(amount.end, noun.end), measure, len(claims))
        taken = seen.setdefault(key, _Taken())
        if taken.restates(noun.word, s_start):
            continue
        taken.add(noun.word, s_start)
        next_break = bisect_right(breaks, amount.end)
        clause_end = breaks[next_break] if next_break < len(breaks) else s_end
        groups.append((amount.num_start, s_start))
        claims.append(
            Claim(
                measure=measure,
                value=amount.value,
                low=amount.low,
                high=amount.high,
                qualifier=amount.qualifier,
                unit=unit,
                quote=quote,
                start=q_start,
                end=q_end,
                currency=amount.currency,
                period=_period(text, amount, clause_end) if is_money else None,
                location=locate(doc, places, amount.start, amount.end, near_breaks, measure, place_starts)
                or fallback_country,
                speaker=speakers[s_start] if s_start in speakers else speakers.setdefault(
                    s_start, find_speaker(text, s_start, s_end)
                ),
                date=_sentence_date(dates, s_start, s_end),
            )
        )
    pair_respectively(doc, places, claims)
    claims = _drop_sex_breakdowns(text, claims, groups, amounts)
    return claims
