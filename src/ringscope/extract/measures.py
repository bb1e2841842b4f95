"""Which measure of the vocabulary a figure counts: the noun it counts and the nearest trigger.

The noun right after a figure ("149 victims", "450 hotspots", "27 countries") gives its
class (counted_nouns.py reads it); the verb or predicate of its clause ("rescued", "arrested",
"laundered"), nearest first, picks the measure among those the class allows. Lexicons are
general English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from ringscope.extract.rules import load_rules

# Noun classes of the thing a figure counts.
PEOPLE, VICTIM, WORKER, SUSPECT, RETURNEE, ARREST_NOUN, SITE, INSPECTION, COUNTRY, ACCOUNT, FLIGHT, SKIP = (
    "people", "victim", "worker", "suspect", "returnee", "arrest_noun", "site", "inspection", "country",
    "account", "flight", "skip",
)
BARE = "bare"

RULES = load_rules("claim_rules.yaml")

NOUNS: dict[str, str] = {}
NOUN_RULE: dict[str, str] = {}
"""Noun word -> id of the rule that lists it."""
for _rule in RULES.section("nouns"):
    for _w in _rule.words:
        NOUNS[_w] = str(_rule.get("class"))
        NOUN_RULE[_w] = _rule.id

# Words that may stand between a figure and the noun it counts.
MODIFIERS = RULES.words("lexicon.modifiers")
STOP_AFTER = RULES.words("lexicon.stop_after")

# Triggers: one regex alternative per trigger rule; the tables below map its category to a measure
# per noun class.
TRIGGER_RULES = RULES.section("triggers")
TRIGGERS: dict[str, str] = {r.id: str(r.pattern) for r in TRIGGER_RULES}
CATEGORY = {r.id: str(r.get("category")) for r in TRIGGER_RULES}
WEAK = frozenset(str(w) for r in TRIGGER_RULES for w in r.get("weak", []))
_GROUPS = {f"t{i}": r.id for i, r in enumerate(TRIGGER_RULES)}
TRIGGER_LOWER_RE = re.compile(
    r"\b(?:" + "|".join(f"(?P<t{i}>{r.pattern})" for i, r in enumerate(TRIGGER_RULES)) + r")\b"
)
"""Triggers in lower-cased text (much faster than matching case-insensitively)."""
TRIGGER_RE = re.compile(TRIGGER_LOWER_RE.pattern, re.IGNORECASE)
NEAREST_TRIGGER = "claim.nearest_trigger"
SEIZED_WHAT_IT_WAS = "framing.seized_what_it_was"
NOUN_DEFAULT = "claim.noun_default"
ATTEMPTED_ESCAPE = "framing.attempted_escape"
NOT_YET_OUT = "framing.not_yet_out"
RECOVERED_PEOPLE = "framing.recovered_people"
SUSPECTED_OF = "framing.suspected_of"
_AWAITING_EXPULSION = re.compile(
    r"(?:awaiting|waiting\s+for|pending)\s+(?:their\s+)?(?:deportation|expulsion|extradition)", re.IGNORECASE
)
_NOT_YET = re.compile(
    r"\b(?:yet\s+to\s+be|not\s+yet\s+(?:been\s+)?|still\s+to\s+be|(?:has|have|had)\s+not\s+(?:yet\s+)?been|"
    r"(?:hasn't|haven't|hadn't)\s+(?:yet\s+)?been|waiting\s+to\s+be|unable\s+to\s+be|cannot\s+be|could\s+not\s+be)\s+$",
    re.IGNORECASE,
)
_RECOVERED = re.compile(r"(?:recover|retriev)(?:ed|ing|s)?\b", re.IGNORECASE)
_SUSPECTED = re.compile(r"\b(?:suspected|accused)\s+of\s+(?:\w+\s+)?$", re.IGNORECASE)
SUSPECTS_IN_CUSTODY = "framing.suspects_in_custody"
DETAINED_THEN_SENT_HOME = "framing.detained_then_sent_home"

PEOPLE_CLASSES = frozenset({PEOPLE, VICTIM, WORKER, SUSPECT, RETURNEE, BARE})
PEOPLE_MEASURE = {
    "rescue": "victims_rescued", "return": "victims_rescued", "traffic": "people_trafficked",
    "arrest": "arrests", "deport": "deported", "defraud": "scam_victims", "loss": "scam_victims",
}
SUSPECT_MEASURE = {"return": "deported", "deport": "deported", "arrest": "arrests", "traffic": "arrests"}
MONEY_MEASURE = {
    "loss": "fraud_losses", "defraud": "fraud_losses", "earn": "criminal_proceeds", "launder": "laundered",
    "seize": "seized",
}
DEFAULT_MEASURE = {
    VICTIM: "people_trafficked", WORKER: "people_trafficked", RETURNEE: "victims_rescued",
    ARREST_NOUN: "arrests", SITE: "sites", INSPECTION: "inspections", COUNTRY: "countries",
}
UNIT_OF = {
    "people_trafficked": "people", "victims_rescued": "people", "arrests": "people", "deported": "people",
    "scam_victims": "people", "inspections": "count", "sites": "count", "countries": "count",
}
_CLAUSE_BREAK = re.compile(r"[;:()]|\b(?:while|but|whereas|although)\b|,\s*(?:and|while|but)\b")
_AND = re.compile(r"\band\b")
_UNDER_ESCORT = RULES.pattern(DETAINED_THEN_SENT_HOME)
_SUSPECTED_AFTER = re.compile(
    r"\s*,?\s*(?:who\s+(?:were|are|had\s+been|have\s+been)\s+)?(?:suspected|accused)\s+of\b"
    r"(?!\s+(?:working|being\s+employed|illegal\s+(?:entry|stay)))|\s+wanted\s+(?:for|by)\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:who|which|that|whom|where)\b")


# Not frozen (nothing changes one once made): a frozen dataclass's __init__ costs several times more.
@dataclass(slots=True)
class Noun:
    cls: str
    start: int
    end: int
    word: str
    rule: str = ""
    """The id of a computed rule that found it, when not the noun's own word list."""


class Choice(NamedTuple):
    """A figure's measure, the trigger that decided it (if any) and the id of the rule that chose it."""

    measure: str
    trigger: Trigger | None
    rule: str


# Not frozen (nothing changes one once made): a frozen dataclass's __init__ costs several times more.
@dataclass(slots=True)
class Trigger:
    category: str
    start: int
    end: int
    weak: bool
    rule: str = ""
    """The id of the trigger rule (or framing rule) that made it."""


_ATTEMPT = re.compile(
    r"\b(?:attempt\w*|tried|trying|try|plann?\w*|hop\w*|want\w*)\s+(?:to\s+|an?\s+)?(?:\w+\s+)?$",
                      re.IGNORECASE)


def find_triggers(text: str, start: int, end: int, lowered: str | None = None) -> list[Trigger]:
    """Trigger words in ``text[start:end]`` with their category (``lowered``: the text lower-cased)."""
    found: list[Trigger] = []
    source = lowered if lowered is not None else text[:end].lower()
    if len(source) < end:
        source = text
    pattern = TRIGGER_LOWER_RE if source is not text else TRIGGER_RE
    for m in pattern.finditer(source, start, end):
        rule = _GROUPS[m.lastgroup or ""]
        category = CATEGORY[rule]
        if category == "rescue" and _ATTEMPT.search(text[max(start, m.start() - 30) : m.start()]):
            category, rule = "traffic", ATTEMPTED_ESCAPE  # people who tried to escape are still held
        elif category in ("rescue", "return") and _NOT_YET.search(
            text, max(start, m.start() - 30), m.start()
        ):
            category, rule = "traffic", NOT_YET_OUT  # "seven have yet to be repatriated": still there
        elif category == "traffic" and _SUSPECTED.search(text[max(start, m.start() - 20) : m.start()]):
            category, rule = "none", SUSPECTED_OF  # people suspected of working in scams are no victims
        elif category == "traffic" and _AWAITING_EXPULSION.match(text, m.start(), end):
            continue  # "awaiting deportation": the expulsion named next is the measure
        found.append(Trigger(category, m.start(), m.end(), m.group(0).lower() in WEAK, rule))
    return found


def clause_breaks(text: str, start: int, end: int) -> list[int]:
    return [m.start() for m in _CLAUSE_BREAK.finditer(text, start, end)]


def distance(a_start: int, a_end: int, t: Trigger, breaks: list[int], text: str = "",
             relative_first: int = -1, others: tuple[int, ...] = ()) -> float:
    """Characters between a figure and a trigger, with penalties for clause breaks and weak triggers.

    A trigger inside a relative clause after the figure ("40 men who had been held ... were freed"),
    starting at ``relative_first``, tells the group's past, so it counts as farther than the main verb.
    A trigger with another figure (at a position in ``others``) between belongs to that figure first.
    """
    relative = 0
    if t.start >= a_end:
        gap, lo, hi = t.start - a_end, a_end, t.start
        if t.start == relative_first:
            relative = 70
    else:
        gap, lo, hi = max(0, a_start - t.end), t.end, a_start
        if text and _RELATIVE.search(text, t.end, a_start):
            relative = 70
    crossings: float = sum(1 for b in breaks if lo <= b < hi)
    if text and _AND.search(text, lo, hi):
        crossings += 0.35  # "rescued 9 victims and arrested 8": the verb after "and" has its own object
        if t.start >= a_end and any(t.end < o <= t.end + 12 for o in others):
            crossings += 2  # "found 86 victims and arrested 12 suspects": that verb's object is the 12
    crossings += 0.85 * sum(1 for o in others if lo <= o < hi)
    return gap + 60 * crossings + (60 if t.weak else 0) + (5 if t.start < a_start else 0) + relative


_MONEY_NOUN_GAP = re.compile(r"\s+(?:in|of)\s+(?:\w+\s+)?")


def _seized_as(text: str, a_end: int, t: Trigger, scored: list[tuple[float, Trigger]],
               max_distance: float) -> Choice | None:
    """"recovering $5 million in losses": a money noun after the figure says what was seized."""
    if t.category == "seize" or t.start < a_end or not _MONEY_NOUN_GAP.fullmatch(text, a_end, t.start):
        return None
    for d, s in scored:
        if d <= max_distance and s.category == "seize":
            return Choice("seized", s, SEIZED_WHAT_IT_WAS)
    return None


def choose_measure(cls: str, is_money: bool, triggers: list[Trigger], a_start: int, a_end: int,
                   breaks: list[int], text: str = "", max_distance: float = 160.0,
                   others: tuple[int, ...] = (), noun_word: str = "") -> Choice | None:
    """The measure for a figure of noun class ``cls``, the trigger that decided it and the rule's id.

    ``others`` holds the positions of the other figures of the sentence. When the nearest
    predicate fits no measure ("killed"), the choice has an empty measure and that trigger's id.
    """
    if is_money:
        others, max_distance = (), max_distance + 90
    relative_first = -1
    rel = _RELATIVE.search(text, a_end, a_end + 80) if text else None
    if rel is not None:
        after = [t.start for t in triggers if t.start >= rel.end()]
        relative_first = min(after) if after else -1
    scored = sorted(
        ((distance(a_start, a_end, t, breaks, text, relative_first, others), t) for t in triggers),
        key=lambda pair: (pair[0], pair[1].start),
    )
    for d, t in scored:
        if d > max_distance:
            break
        if t.category == "none":
            if is_money or d > 40:
                continue
            return Choice("", t, t.rule)  # a predicate of no measure: no claim
        if is_money:
            if t.category in MONEY_MEASURE:
                seized = _seized_as(text, a_end, t, scored, max_distance)
                return seized or Choice(MONEY_MEASURE[t.category], t, NEAREST_TRIGGER)
            continue
        if cls == ACCOUNT:
            if t.category == "seize":
                return Choice("seized", t, NEAREST_TRIGGER)
            continue
        if cls == FLIGHT:  # flights monitored or checked are inspections; flights scheduled are nothing
            if t.category == "inspect" and d <= 40:
                return Choice("inspections", t, NEAREST_TRIGGER)
            continue
        if cls in (SITE, INSPECTION, COUNTRY, ARREST_NOUN, RETURNEE):
            break
        if cls in PEOPLE_CLASSES:
            if d > max_distance - 30 or (cls == BARE and d > 80):
                return None
            if cls == SUSPECT:
                if t.category == "traffic" and t.weak:
                    continue  # "suspects involved in fraud": taking part tells no measure
                if t.category in SUSPECT_MEASURE:
                    return Choice(SUSPECT_MEASURE[t.category], t, NEAREST_TRIGGER)
                continue
            if t.category == "seize" and _RECOVERED.match(text or "", t.start):
                return Choice("victims_rescued", t, RECOVERED_PEOPLE)  # "recovered 37 victims"
            if t.category == "defraud" and d > 40:
                continue
            if t.category == "loss" and cls not in (VICTIM, PEOPLE):
                continue  # people money was stolen from are victims, not the workers who stole it
            if t.category == "return" and (
                any(o.category == "arrest" and od <= 110 for od, o in scored)
                or (text and _UNDER_ESCORT.match(text, t.end))
                or (text and _SUSPECTED_AFTER.match(text, a_end))
            ):  # people detained, then sent home; sent home under police escort; suspects sent home
                return Choice("deported", t, DETAINED_THEN_SENT_HOME)
            if t.category in PEOPLE_MEASURE:
                return Choice(PEOPLE_MEASURE[t.category], t, NEAREST_TRIGGER)
    if not is_money and cls in DEFAULT_MEASURE:
        return Choice(DEFAULT_MEASURE[cls], None, NOUN_DEFAULT)
    if cls == SUSPECT and noun_word.endswith(("suspects", "suspect")):
        return Choice("arrests", None, SUSPECTS_IN_CUSTODY)  # suspects counted by the police are in custody
    return None
