"""People named after a title (where the title ends and the name starts) or in a pair ("X Y and Z W")."""

from __future__ import annotations

from ringscope.extract.capitalised import Tok, index_of, strip_leading
from ringscope.extract.entity_context import person_context
from ringscope.extract.entity_merge import Found
from ringscope.extract.organisations import ORG_HEADS
from ringscope.extract.people import (
    NAME_PARTICLES,
    NAME_PREPOSITIONS,
    NAME_SUFFIXES,
    PERSON_CONTEXT,
    PERSON_PAIR,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
)
from ringscope.extract.places import COMMON_WORDS, PlaceHit


def titled(texts: list[str]) -> bool:
    """"Prime Minister X Y": title words, one of them a title head, then a name."""
    k = 0
    while k < len(texts) and texts[k] in TITLE_WORDS:
        k += 1
    return 0 < k < len(texts) and any(t in TITLE_HEADS for t in texts[:k])


def initials_then_name(name: list[Tok]) -> bool:
    """"R. K. Venn": initials, then a surname."""
    return len(name) >= 2 and all(t.text.endswith(".") for t in name[:-1]) and not name[-1].text.endswith(".")


def name_tokens(words: list[Tok]) -> int:
    """How many name tokens the person's name may have (initials and particles do not count)."""
    return sum(1 for w in words if not w.text.endswith(".") and w.text not in NAME_PARTICLES)


def lower_inside(name: list[Tok], k: int) -> bool:
    """Is name[k] a lower-case word that is no particle inside the name ("dela" in "Ramon dela Cruz" is)?"""
    return not name[k].cap and not (0 < k < len(name) - 1 and name[k].text in NAME_PARTICLES)


def name_after_domain(words: list[Tok], k: int, lower_words: set[str]) -> list[Tok]:
    """In "Head of ORG Given Family" the last two words are the name when the field ends before them."""
    if len(words) - k < 4:
        return []
    name = words[-2:]
    before = words[-3].text
    last = name[-1].text.casefold()
    if before in {"of", "for", "the", "and"} or last in lower_words or last in COMMON_WORDS or any(
        w.text in ORG_HEADS or w.text in TITLE_WORDS or w.text.isupper() for w in name
    ):
        return []
    return name


def person(text: str, name: list[Tok], country: str | None, roles: list[str], rule: str) -> Found:
    end = name[-1].end
    if name[-1].text in NAME_SUFFIXES and text.startswith(".", end):
        end += 1
    start = name[0].start
    return Found("Person", start, end, text[start:end], country, roles=roles, rule=rule)


def name_pair(text: str, toks: list[Tok], words: list[Tok], lower_words: set[str]) -> list[Found]:
    """"X Y and Z W" after a person cue ("his sons, X Y and Z W"): two people."""
    cut = next((k for k, w in enumerate(words) if w.text == "and"), -1)
    if cut < 2 or len(words) - cut - 1 < 2:
        return []
    left, right = words[:cut], words[cut + 1 :]
    for part in (left, right):
        if len(part) > 4 or any(
            w.text in ORG_HEADS or w.text in TITLE_WORDS or w.text.casefold() in COMMON_WORDS for w in part
        ):
            return []
    index = index_of(toks, left[0].start)
    if not person_context(text, toks, index, index + len(left)):
        return []
    return [person(text, left, None, [], PERSON_PAIR), person(text, right, None, [], PERSON_PAIR)]


def name_of_body(
    text: str, toks: list[Tok], words: list[Tok], starts: dict[int, PlaceHit]
) -> tuple[Found, list[Tok]] | None:
    """"X Y of the Z Watch said": the person and the words that name the body the person speaks for."""
    cut = next((k for k, w in enumerate(words) if w.text in {"of", "from"}), -1)
    if not 2 <= cut <= 3 or cut + 1 >= len(words):
        return None
    left, right = words[:cut], strip_leading(words[cut + 1 :])
    if not right or ORG_HEADS.isdisjoint(w.text for w in right) or any(
        w.text in ORG_HEADS or w.text in TITLE_WORDS or not w.cap or starts.get(w.start) for w in left
    ):
        return None
    first = index_of(toks, left[0].start)
    if not person_context(text, toks, first, first + cut):
        return None
    return person(text, left, None, [], PERSON_CONTEXT), right


def body_word(word: Tok, starts: dict[int, PlaceHit], lower_words: set[str]) -> bool:
    """Could this one word before a title name the body the officer serves (not a place, a nationality,
    a common word or a word the text writes in lower case)?"""
    folded = word.text.casefold()
    return (word.start not in starts and folded not in COMMON_WORDS and folded not in lower_words
            and word.text not in TITLE_WORDS and word.text not in ORG_HEADS and folded not in TITLE_MODIFIERS
            and len(word.text) > 2)


def name_after_preposition(words: list[Tok]) -> list[Tok]:
    """"Lawyers for X Y said": the name after the last such preposition, when two words or more follow."""
    cut = max((k for k in range(len(words)) if words[k].text in NAME_PREPOSITIONS), default=-1)
    return words[cut + 1 :] if 0 < cut <= len(words) - 3 else words
