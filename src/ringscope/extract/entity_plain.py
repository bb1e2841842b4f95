"""What a capitalised run with no title before a name is: an organisation (by its head word, legal
form, acronym or context), a compound or facility, a place (by a suffix or context), an operation, a
person (by context), or nothing (a common phrase, a place the gazetteer adds)."""

from __future__ import annotations

from ringscope.extract.capitalised import (
    Tok,
    in_headline,
    index_of,
    inside_sentence,
    is_acronym,
    joined,
    prev_word,
    span_text,
    strip_leading,
)
from ringscope.extract.compounds import (
    COMPOUND_AFTER_RE,
    COMPOUND_BEFORE_RE,
    COMPOUND_CONTEXT,
    COMPOUND_HEAD,
    COMPOUND_HEADS,
    COMPOUND_PHRASES,
    COMPOUND_SITE_NOUN,
    FACILITY_HEADS,
    FACILITY_PHRASES,
    LOCATION_CONTEXT,
    LOCATION_FACILITY,
    LOCATION_PLACE_SUFFIX,
    OPERATION_NAME,
    PLACE_SUFFIXES,
    SITE_NOUNS_RE,
)
from ringscope.extract.entity_context import loc_context, org_context, person_context
from ringscope.extract.entity_merge import Found
from ringscope.extract.entity_parts import (
    inside,
    is_place_run,
    place_word,
    split_and,
)
from ringscope.extract.entity_titles import (
    initials_then_name,
    name_after_preposition,
    name_of_body,
    name_pair,
    name_tokens,
    person,
)
from ringscope.extract.organisations import (
    GENERIC_BODIES,
    ORG_ACRONYM,
    ORG_APPOSITIVE,
    ORG_CONTEXT,
    ORG_HEAD,
    ORG_HEADS,
    ORG_LEGAL_FORM,
    ORG_LIST,
    ORG_POLICE_BODY,
    POLICE_BODY_WORD,
    legal_form,
)
from ringscope.extract.people import (
    PERSON_CONTEXT,
    TITLE_HEADS,
    TITLE_WORDS,
)
from ringscope.extract.places import COMMON_WORDS, PlaceHit

_TITLE_LINKS = frozenset({"of", "for", "and", "the"})
# Words before an acronym that make it the body a person serves ("... at ZORPOL Arlen Vosk").
_BODY_BEFORE = frozenset({"at", "of", "for", "from", "with", "by", "in", "to"})


def classify_plain(
    text: str, toks: list[Tok], i: int, j: int, starts: dict[int, PlaceHit], places: list[PlaceHit],
    lower_words: set[str],
) -> list[Found]:
    """Entities in the capitalised run toks[i:j] that no title opens (split at "and" where both sides
    stand alone)."""
    words = strip_leading(toks[i:j])
    if not words:
        return []
    out: list[Found] = []
    opening_form = legal_form(span_text(text, words))  # "PT Harbour Lantern": one company
    if len(words) >= 3 and is_acronym(words[0].text) and words[0].text.isupper() and not opening_form:
        rest = words[1:]
        if all(w.text[:1].isupper() and not w.text.isupper() and w.text not in ORG_HEADS for w in rest):
            first = index_of(toks, words[0].start)
            family = len(words[0].text) <= 6 and prev_word(toks, first).casefold() not in _BODY_BEFORE
            if family and len(rest) <= 2 and person_context(text, toks, first, first + len(words)):
                return [person(text, words, None, [], PERSON_CONTEXT)]  # "sanctioned LIM Teck Huat"
            head = classify_part(text, toks, words[:1], starts, places, lower_words)
            tail = classify_part(text, toks, rest, starts, places, lower_words)
            return [f for f in (head, tail) if f is not None]
    pair = name_pair(text, toks, words, lower_words)
    if pair:
        return pair
    named = name_of_body(text, toks, words, starts)
    if named is not None:  # "X Y of the Z Watch said": the person, then the body
        body = classify_part(text, toks, named[1], starts, places, lower_words)
        return [named[0], *([body] if body else [])]
    previous: Found | None = None
    for part in split_and(text, words, starts):
        part = strip_leading(part)
        if not part:
            continue
        found = classify_part(text, toks, part, starts, places, lower_words)
        if found is None and previous is not None and previous.type == "Organization" and len(part) == 1:
            word = part[0]
            if (word.text.casefold() not in COMMON_WORDS and word.text.casefold() not in lower_words
                    and word.start not in starts):  # "X Police and Chile's Y": a place is no listed body
                found = Found("Organization", word.start, word.end, word.text, rule=ORG_LIST)  # "on X and Y"
        if found is not None:
            out.append(found)
        previous = found
    return out


def classify_part(
    text: str, toks: list[Tok], words: list[Tok], starts: dict[int, PlaceHit], places: list[PlaceHit],
    lower_words: set[str],
) -> Found | None:
    texts = [w.text for w in words]
    start, end = words[0].start, words[-1].end
    name = text[start:end]
    within = inside(places, start, end)
    country = next((p.country for p in within if p.country), None)  # country_in, on the places found once
    index = index_of(toks, start)
    has_org_head = not ORG_HEADS.isdisjoint(texts)
    inner_place = bool(within)
    folded = [t.casefold() for t in texts]
    if texts[0] == "Operation" and len(texts) > 1:
        return Found("Operation", start, end, name, rule=OPERATION_NAME)
    if (  # cheapest tests first: most runs fail one of them
        not has_org_head
        and not inner_place
        and folded[-1] not in COMMON_WORDS
        and folded[-1] not in lower_words
        and TITLE_WORDS.isdisjoint(texts)
        and not all(t.isupper() for t in texts)
        and (2 <= name_tokens(words) <= 4 or initials_then_name(words))  # "J. R. Morales"
    ):
        if person_context(text, toks, index, index + len(words)) and not org_context(
            text, toks, index, index + len(words)
        ):
            return person(text, name_after_preposition(words), None, [], PERSON_CONTEXT)
    facility = texts[-1] in FACILITY_HEADS or name.endswith(FACILITY_PHRASES)
    if facility and not has_org_head and not inner_place and (
        COMPOUND_AFTER_RE.match(text, end) or COMPOUND_BEFORE_RE.search(text, max(0, start - 60), start)
    ):
        return Found("Compound", start, end, name, rule=COMPOUND_CONTEXT)  # "the X Harbour scam centre"
    if name.endswith(FACILITY_PHRASES):
        return Found("Location", start, end, name, country, rule=LOCATION_FACILITY)
    if texts[-1] in COMPOUND_HEADS or name.endswith(COMPOUND_PHRASES):
        if len(texts) >= 2 or texts[-1] not in COMPOUND_HEADS:
            return Found("Compound", start, end, name, country, rule=COMPOUND_HEAD)
        return None
    if not has_org_head and len(texts) >= 2 and legal_form(name):
        return Found("Organization", start, end, name, country, rule=ORG_LEGAL_FORM)  # "X Sdn Bhd", "PT X"
    if has_org_head:
        if len(texts) == 1 and not is_acronym(texts[0]):
            return None
        if all(t in TITLE_WORDS or t in _TITLE_LINKS for t in texts) and any(t in TITLE_HEADS for t in texts):
            return None  # an office, not a body: "Inspector-General of Police"
        lead = starts.get(start)
        if len(texts) == 2 and lead is not None and lead.kind == "demonym" and texts[1] in GENERIC_BODIES:
            return None  # "Thai Authorities", "Cambodian Police": a generic reference, not a name
        return Found("Organization", start, end, name, country, rule=ORG_HEAD)
    if texts[-1] in FACILITY_HEADS and len(texts) >= 2:
        return Found("Location", start, end, name, country, rule=LOCATION_FACILITY)
    if is_place_run(words, starts):
        return None  # places are added from the gazetteer hits
    if (
        inner_place
        and len(words) > 1
        and inside_sentence(text, start)
        and org_context(text, toks, index, index + len(words), outlet=True)
    ):
        return Found("Organization", start, end, name, rule=ORG_CONTEXT)  # "told Voice of America"
    if len(words) == 1:
        word = texts[0]
        if POLICE_BODY_WORD.fullmatch(word):
            return Found("Organization", start, end, name, rule=ORG_POLICE_BODY)  # "Europol", "Afripol"
        if starts.get(start) or word.casefold() in COMMON_WORDS:
            return None
        if (
            is_acronym(word)
            and not in_headline(text, toks, index)
            and word.casefold() not in lower_words
            and not place_word(word)
        ):
            if not text.startswith("$", end):
                return Found("Organization", start, end, name, rule=ORG_ACRONYM)
            return None
    after = index + len(words)
    site = SITE_NOUNS_RE.match(text, end)
    if site is not None and not has_org_head and all(t.casefold() not in COMMON_WORDS for t in texts):
        # "the Red Kapok casino"
        return Found("Compound", start, site.end(), text[start : site.end()], rule=COMPOUND_SITE_NOUN)
    if (
        after < len(toks)
        and toks[after].text in PLACE_SUFFIXES
        and joined(text, end, toks[after].start)
        and not inner_place
        and all(t.casefold() not in COMMON_WORDS for t in texts)
    ):
        return Found("Location", start, toks[after].end, text[start : toks[after].end],
                     rule=LOCATION_PLACE_SUFFIX)
    if inner_place or not (COMMON_WORDS.isdisjoint(folded) and lower_words.isdisjoint(folded)):
        return None  # not a plain name
    if COMPOUND_AFTER_RE.match(text, end) or COMPOUND_BEFORE_RE.search(text, max(0, start - 60), start):
        return Found("Compound", start, end, name, rule=COMPOUND_CONTEXT)  # "X, a sprawling scam enclave"
    org = org_context(text, toks, index, index + len(words))
    # "X, a blockchain analytics firm, said": an apposition says it, wherever the name stands
    apposed = org and ORG_APPOSITIVE.match(text, end) is not None
    if org and (len(words) > 1 or inside_sentence(text, start) or apposed):
        return Found("Organization", start, end, name, rule=ORG_CONTEXT)
    if loc_context(text, toks, index) and inside_sentence(text, start) and not name.isupper():
        return Found("Location", start, end, name, rule=LOCATION_CONTEXT)
    return None


