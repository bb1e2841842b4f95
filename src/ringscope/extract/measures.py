"""Which measure of the vocabulary a figure counts: the noun it counts and the nearest trigger.

The noun right after a figure ("149 victims", "450 hotspots", "27 countries") gives its
class; the verb or predicate of its clause ("rescued", "arrested", "laundered"), nearest
first, picks the measure among those the class allows. Lexicons are general English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Noun classes of the thing a figure counts.
PEOPLE, VICTIM, WORKER, SUSPECT, RETURNEE, ARREST_NOUN, SITE, INSPECTION, COUNTRY, ACCOUNT, FLIGHT, SKIP = (
    "people", "victim", "worker", "suspect", "returnee", "arrest_noun", "site", "inspection", "country",
    "account", "flight", "skip",
)
BARE = "bare"

NOUNS: dict[str, str] = {}
for _cls, _words in {
    PEOPLE: "people persons person individuals individual men man women woman children child minors minor "
    "boys girls nationals national citizens citizen foreigners foreigner migrants migrant compatriots "
    "youths youth "
    "students student residents teenagers teens adults passengers others "
    "jobseekers job-seekers applicants recruits immigrants evacuees investors consumers customers",
    VICTIM: "victims victim survivors survivor hostages hostage captives",
    WORKER: "workers worker employees employee staff labourers laborers scammers scammer",
    SUSPECT: "suspects suspect members ringleaders ringleader financiers accused criminals "
    "perpetrators offenders culprits bosses gangsters syndicate operators traffickers defendants",
    RETURNEE: "returnees returnee repatriations repatriates evacuees rescues escapees",
    ARREST_NOUN: "arrests detentions convictions prosecutions",
    SITE: "centres centers centre center compounds compound hotspots hotspot locations location sites site "
    "buildings building houses house residences residence premises camps camp hubs hub facilities dens "
    "offices properties villas apartments casinos establishments",
    INSPECTION: "inspections inspection checks raids searches visits households checkpoints",
    COUNTRY: "countries nationalities nations jurisdictions territories",
    ACCOUNT: "accounts",
    FLIGHT: "flights",
    SKIP: "fugitives fugitive police officers officer operatives agents officials troops soldiers personnel "
    "policemen investigators "
    "prosecutors judges lawyers diplomats phones devices computers laptops cards sim vehicles cars "
    "warrants sanctions entities reports complaints cases investigations times languages percent "
    "provinces states cities districts villages languages hours days weeks months years minutes seconds "
    "decades kilometres kilometers miles metres meters kg tonnes tons pages rounds shots items points "
    "companies firms banks websites apps platforms groups gangs networks syndicates organisations "
    "organizations agencies units teams batches trips visas passports documents laws counts "
    "charges",
}.items():
    for _w in _words.split():
        NOUNS[_w] = _cls

# Words that may stand between a figure and the noun it counts.
MODIFIERS = frozenset(
    "foreign young illegal confirmed scam scams human trafficking trafficked telecom telecoms fraud cyber "
    "cybercrime online separate other more additional suspected alleged key new local male female "
    "undocumented irregular stranded trapped rescued detained arrested registered known identified "
    "potential possible likely job call centre center gambling casino offshore "
    "overseas job-scam phone large small major apparent so-called fellow vulnerable "
    "filipino chinese indian korean japanese taiwanese".split()
)
STOP_AFTER = frozenset(
    "were was are is have had has will would could can may might who which that remain remained remains "
    "still "
    "more from on in at to of each and or but while , . ; also had been being now currently".split()
)

# Triggers: a regex alternative per category; the table below maps a category to a measure per noun class.
TRIGGERS: dict[str, str] = {
    "rescue": r"rescu\w*|freed|free|freeing|liberat\w*|releas(?:ed|ing)|escap\w*|evacuat\w*|extracted|saved|"
    r"airlift\w*|crossed\s+(?:into|over|the\s+border)|sought\s+(?:safety|refuge)|fled",
    "return": r"repatriat\w*|(?:returned|arrived|came|flown|flew|fly|flies|brought|sent|returning|taken|"
    r"travel(?:l)?ed|return)\s+(?:back\s+)?home|brought\s+back|ferried|returned|handed\s+over|turned\s+over|"
    r"touched\s+down|landed|arrived",
    "traffic": r"traffick(?:ed|ers?|ing)?|(?:were|are|being|been)\s+victims\s+of|held|holding|trapped|"
    r"stranded|forced\s+to|lured|duped|tricked|enticed|deceived|"
    r"recruited|confined|captive|remain(?:s|ed)?|awaiting|waiting|at\s+risk|working|worked|employed|"
    r"housing|housed|enslaved|stuck|kept|involved|exploited|commit(?:s|ted|ting)?\s+(?:\w+\s+)?(?:fraud|scams?)",
    "arrest": r"arrest(?!\s+warrant)\w*|detain(?:ed|ing|s)?|caught|charged|apprehend\w*|nabbed|captured|"
    r"rounded\s+up|"
    r"pleaded\s+guilty|convicted|prosecut\w*|in\s+custody|guilty",
    "deport": r"deport\w*|extradit\w*|expelled|sent\s+back",
    "defraud": r"defraud\w*|scammed|targeted|cheated|victimi[sz]ed|fell\s+victim",
    "loss": r"lost|losses|loss|losing|stolen|stole|steal\w*|swindl\w*|fleeced|bilked",
    "earn": r"make|makes|making|made|generat\w*|earn\w*|revenues?|profits?|turnover|income|rak\w+\s+in|"
    r"worth|valued|industry|proceeds",
    "launder": r"launder\w*|channel\w*|funnel\w*|moved|transferred|washed|laundering",
    "seize": r"seiz\w*|frozen|froze|freez\w*|confiscat\w*|recovered|forfeit\w*|impounded",
    "inspect": r"inspect\w*|checked|visited|screened|searched|monitored|raided",
    # Predicates of no measure: a figure whose nearest predicate is one of these is skipped.
    "none": r"died|dead|killed|deaths|injured|wounded|missing|sentenced|jailed|fined|beaten|tortured",
}
WEAK = frozenset({"industry", "proceeds", "worth", "valued", "received", "arrived", "returned", "involved",
                  "working", "worked", "fled", "landed", "kept", "trafficking", "traffickers", "trafficker",
                  "arrest", "arrests"})
TRIGGER_LOWER_RE = re.compile(r"\b(?:" + "|".join(f"(?P<{k}>{v})" for k, v in TRIGGERS.items()) + r")\b")
"""Triggers in lower-cased text (much faster than matching case-insensitively)."""
TRIGGER_RE = re.compile(TRIGGER_LOWER_RE.pattern, re.IGNORECASE)

PEOPLE_CLASSES = frozenset({PEOPLE, VICTIM, WORKER, SUSPECT, RETURNEE, BARE})
PEOPLE_MEASURE = {
    "rescue": "victims_rescued", "return": "victims_rescued", "traffic": "people_trafficked",
    "arrest": "arrests", "deport": "deported", "defraud": "scam_victims",
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
_CLAUSE_BREAK = re.compile(
    r";|:|\(|\)|\bwhile\b|\bbut\b|\bwhereas\b|\balthough\b|,\s*(?:and|while|but)\b"
)
_AND = re.compile(r"\band\b")
_RELATIVE = re.compile(r"\b(?:who|which|that|whom|where)\b")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*|[,.;]")


@dataclass(frozen=True, slots=True)
class Noun:
    cls: str
    start: int
    end: int
    word: str


@dataclass(frozen=True, slots=True)
class Trigger:
    category: str
    start: int
    end: int
    weak: bool


def counted_noun(text: str, pos: int, limit: int, demonyms: frozenset[int] = frozenset()) -> Noun:
    """The class of the noun a figure ending at ``pos`` counts (scanning a few words ahead).

    ``demonyms`` holds start offsets of words known to be nationality words.
    """
    people: Noun | None = None
    unknown = 0
    for count, m in enumerate(_WORD_RE.finditer(text, pos, min(limit, pos + 80))):
        word = m.group(0)
        low = word.lower()
        if count == 0 and low not in NOUNS and (low in STOP_AFTER or TRIGGER_RE.match(text, m.start())):
            if low == "of" and re.match(r"\s+(?:their|its|his|her|our)\b", text[m.end() : m.end() + 8]):
                continue
            return Noun(BARE, pos, pos, "")
        if low in NOUNS:
            cls = NOUNS[low]
            if people is not None:
                return Noun(cls, people.start, m.end(), people.word + " " + low)
            return Noun(cls, m.start(), m.end(), low)
        if low in ("their", "its", "his", "her", "our") and count <= 1:
            continue
        capital = word[:1].isupper()
        if m.start() in demonyms or (capital and (count == 0 or _looks_demonym(word))):
            word_key = low if people is None else people.word + " " + low
            people = Noun(PEOPLE, m.start() if people is None else people.start, m.end(), word_key)
            continue
        if low in STOP_AFTER or count >= 4:
            break
        if low in MODIFIERS or (capital and people is not None):
            continue
        unknown += 1
        if unknown > 2 or people is not None:
            break
    return people or Noun(SKIP, pos, pos, "")


_DEMONYM_END = re.compile(r"(?:ans|ese|is|ish|ch|nos|os|ians|ers|ns|i|ean|ian|an|Chinese|Thai|Lao|Swiss)$")


def _looks_demonym(word: str) -> bool:
    return len(word) > 2 and bool(_DEMONYM_END.search(word)) and word[0].isupper()


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
        category = m.lastgroup or ""
        if category == "rescue" and _ATTEMPT.search(text[max(start, m.start() - 30) : m.start()]):
            category = "traffic"  # people who tried to escape are still held
        found.append(Trigger(category, m.start(), m.end(), m.group(0).lower() in WEAK))
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
    crossings += 0.85 * sum(1 for o in others if lo <= o < hi)
    return gap + 60 * crossings + (60 if t.weak else 0) + (5 if t.start < a_start else 0) + relative


def choose_measure(cls: str, is_money: bool, triggers: list[Trigger], a_start: int, a_end: int,
                   breaks: list[int], text: str = "", max_distance: float = 160.0,
                   others: tuple[int, ...] = (), noun_word: str = "") -> tuple[str, Trigger | None] | None:
    """The measure for a figure of noun class ``cls``, and the trigger that decided it.

    ``others`` holds the positions of the other figures of the sentence.
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
            return None
        if is_money:
            if t.category in MONEY_MEASURE:
                return MONEY_MEASURE[t.category], t
            continue
        if cls == ACCOUNT:
            if t.category == "seize":
                return "seized", t
            continue
        if cls == FLIGHT:  # flights monitored or checked are inspections; flights scheduled are nothing
            if t.category == "inspect" and d <= 40:
                return "inspections", t
            continue
        if cls in (SITE, INSPECTION, COUNTRY, ARREST_NOUN, RETURNEE):
            break
        if cls in PEOPLE_CLASSES:
            if d > max_distance - 30 or (cls == BARE and d > 80):
                return None
            if cls == SUSPECT:
                if t.category in SUSPECT_MEASURE:
                    return SUSPECT_MEASURE[t.category], t
                continue
            if t.category == "defraud" and d > 40:
                continue
            if t.category == "return" and any(o.category == "arrest" and od <= 110 for od, o in scored):
                return "deported", t  # people detained, then sent home: suspects deported
            if t.category in PEOPLE_MEASURE:
                return PEOPLE_MEASURE[t.category], t
    if not is_money and cls in DEFAULT_MEASURE:
        return DEFAULT_MEASURE[cls], None
    if cls == SUSPECT and noun_word.endswith(("suspects", "suspect")):
        return "arrests", None  # suspects counted by the police are in custody
    return None
