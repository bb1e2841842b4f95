"""Context around a capitalised run that says it names a person, an organisation or a place."""

from __future__ import annotations

import re

from ringscope.extract.capitalised import (
    Tok,
    index_of,
    joined,
    next_word,
    prev_word,
)
from ringscope.extract.entity_rare import COMMON_ZIPF, zipf
from ringscope.extract.organisations import (
    ORG_APPOSITIVE,
    ORG_BEFORE,
    ORG_NOUNS,
    ORG_REPORTING,
)
from ringscope.extract.people import (
    ACCORDING_TO_PERSON,
    COUNSEL_ROLES,
    PERSON_AFTER,
    PERSON_OF_BEFORE,
    PERSON_PHRASE_BEFORE,
    PERSON_POSSESSIVE_AFTER,
    PERSON_VERBS_BEFORE,
    PERSON_WORDS_BEFORE,
    RELATION_NOUNS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLE_HEADS,
)
from ringscope.extract.places import LOCATIVES
from ringscope.extract.rules import load_rules

_ADVERBS = frozenset({"also", "further", "previously", "earlier", "later", "then", "recently", "has", "had"})


_RULES = load_rules("entity_rules.yaml")
_BODY_ROLES = _RULES.words("cue.body_roles_after")
_LISTING = _RULES.words("cue.listing_words")
_OUTLET_AFTER = _RULES.words("cue.outlet_after")
_NEXT_WORD = re.compile(r"[ \t]+([\w-]+)")
# A parenthesis after a name that is no acronym ("(ABC)" would make the name a body's).
_PAREN_AFTER = re.compile(r"[ \t]*\((?![A-Z][A-Z0-9&.\-]{1,11}\))[^()\n]{1,40}\)")
_ACCORDING = re.compile(r"\baccording\s+to\s+$", re.IGNORECASE)
_AFTER_NAME = ROLE_NOUNS | RELATION_NOUNS | {"who", "aged"}


# "X of the Y Z said": a speech verb soon after an affiliation.
SPEECH_AHEAD_RE = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[A-Z][\w'’&-]*\s+){1,6}(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\b"
)


# ", a police officer", ", the group's founder": an apposition naming a person's role.
_ROLE_APPOSITION = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}?(?:" + "|".join(sorted(ROLE_NOUNS | RELATION_NOUNS)) + r")\b"
)


def person_context(text: str, toks: list[Tok], i: int, j: int) -> bool:
    """Does the context say the capitalised words toks[i:j] name a person?"""
    prev = prev_word(toks, i).casefold()
    if i > 0 and "\n" in text[toks[i - 1].end : toks[i].start]:
        prev = ""
    prev = prev.removeprefix("ex-")  # "ex-minister X": a role held before is a role
    if prev in ROLE_NOUNS or prev in RELATION_NOUNS or (prev in SPEECH_VERBS and prev != "according"):
        return True
    if prev in PERSON_VERBS_BEFORE or (
        prev in {"as", "by"} and PERSON_PHRASE_BEFORE.search(text, max(0, toks[i].start - 30), toks[i].start)
    ):
        return True  # "sentenced X", "identified as X", "led by X"
    end = toks[j - 1].end
    # "two men, X Y and ...": a lower-case people noun, then a comma
    listed = i > 0 and text[toks[i].start - 2 : toks[i].start] == ", " and toks[i - 1].text.islower()
    if (prev.endswith(("old", "-born")) or prev in _LISTING or listed) and PERSON_WORDS_BEFORE.search(
        text, max(0, toks[i].start - 40), toks[i].start
    ):
        return True  # "24-year-old X Y", "survivors such as X Y"
    if prev == "of" and PERSON_OF_BEFORE.search(text, max(0, toks[i].start - 20), toks[i].start):
        return True  # "relatives of X Y", "the extradition of X Y"
    if text[end : end + 1] in {"'", "’"} and PERSON_POSSESSIVE_AFTER.match(text[end : end + 20]):
        return True  # "X Y's family"
    if prev == "to" and _ACCORDING.search(text, max(0, toks[i].start - 16), toks[i].start):
        if ACCORDING_TO_PERSON.match(text[end : end + 40]):
            return True  # "according to X Y of the Z Institute"
    paren = _PAREN_AFTER.match(text, end)
    if paren is not None:  # "X Y (in his own script), deputy director", "X Y (not her real name) was sold"
        end = paren.end()
        j = index_of(toks, end)
    if text[end : end + 1] in {",", " ", "*"} and PERSON_AFTER.match(text, end):
        return True  # "X, 45,", "X was arrested"
    nxt = next_word(toks, j).casefold()
    if nxt in _ADVERBS and j + 1 < len(toks):
        nxt = toks[j + 1].text.casefold()
    if nxt in SPEECH_VERBS and nxt != "according" and j < len(toks) and joined(text, end, toks[j].start):
        return True
    if nxt == "of" and SPEECH_AHEAD_RE.match(text, end):
        return True  # "X of the Y Shelter said"
    if text.startswith(",", end):
        stop = text.find(".", end)
        for k in range(j, min(j + 8, len(toks))):
            if stop != -1 and toks[k].start > stop:
                break
            word = toks[k].text
            folded = word.casefold()
            if folded in _AFTER_NAME or word in TITLE_HEADS:
                return True
            if word.casefold() in SPEECH_VERBS and k <= j + 3 and word.casefold() != "according":
                return True
    return False


def org_context(text: str, toks: list[Tok], i: int, j: int, outlet: bool = False) -> bool:
    """Does the context say the capitalised words toks[i:j] name an organisation? With ``outlet``, only
    the cues that name a news outlet or a body are read ("told X", "the firm X", "an X report")."""
    prev = prev_word(toks, i).casefold()
    if prev in {"told", "via"} and j - i > 1 and _ROLE_APPOSITION.match(text, toks[j - 1].end):
        return False  # "told X Y, a police officer,": a person
    if prev in ORG_NOUNS or prev in {"told", "via"}:
        return True
    if outlet:
        start = toks[i].start  # "published by X Asia", "coordinated by the X Bureau of Y"
        by = prev == "by" and ORG_BEFORE.search(text, max(0, start - 40), start) is not None
        return by or next_word(toks, j).casefold() in _OUTLET_AFTER
    if prev in {"on", "like"} and j - i == 1:
        return True
    if prev == "to" and j - i == 1 and _ACCORDING.search(text, max(0, toks[i].start - 16), toks[i].start):
        return not ACCORDING_TO_PERSON.match(text, toks[i].end)  # "according to Reuters": a body or outlet
    if prev in {"at", "of", "with", "for"} and i > 1:
        role = toks[i - 2].text
        if prev == "for" and role.casefold() in COUNSEL_ROLES and j - i > 1:
            return False  # "a lawyer for X Y": a client, most often a person
        singular = role.casefold().removesuffix("s")  # "analysts at X", "researchers at X"
        if role.casefold() in ROLE_NOUNS or role in TITLE_HEADS or (singular != role.casefold()
                                                                   and singular in ROLE_NOUNS):
            return True
    nxt = next_word(toks, j).casefold()
    if j - i == 1 and nxt in ORG_REPORTING | SPEECH_VERBS and nxt != "according":
        return True
    if (
        j - i == 1
        and j < len(toks)
        and toks[j].text in _BODY_ROLES
        and joined(text, toks[i].end, toks[j].start)
        and zipf(toks[i].text.casefold()) < COMMON_ZIPF
    ):
        return True  # "a Kestrel spokesperson", "Kestrel officials" (not "African officials")
    start, end = toks[i].start, toks[j - 1].end
    apposition = ORG_APPOSITIVE.match(text, end) if text.startswith(",", end) else None
    # "X, the head of the group", "X, the agency's director": the apposition's noun is a role, a person
    # "X, a militia commander", "X, a bank's manager": the noun names the body a person serves
    tail = _NEXT_WORD.match(text, apposition.end()) if apposition is not None else None
    appositive = apposition is not None and not any(
        w.casefold() in ROLE_NOUNS or w in TITLE_HEADS
        for w in [*re.findall(r"[\w-]+", apposition.group(0)), tail.group(1) if tail else ""]
    ) and text[apposition.end() : apposition.end() + 2] not in {"'s", "’s"}
    if prev in {"by", "as", "like", "including", "of", "the"} and (j - i == 1 or appositive):
        if ORG_BEFORE.search(text, max(0, start - 40), start):
            return True  # "coordinated by X", "firms such as X"
    return appositive  # "X, the EU agency for ..."


def loc_context(text: str, toks: list[Tok], i: int) -> bool:
    prev = prev_word(toks, i).casefold()
    return prev in LOCATIVES and prev not in {"to", "between", "through"}
