"""Classifying one capitalised run of words: a title before a name makes a person (and the body the
officer serves); any other run goes to entity_plain.py."""

from __future__ import annotations

from ringscope.extract.capitalised import (
    DATE_WORDS,
    Tok,
    index_of,
    span_text,
)
from ringscope.extract.entity_merge import Found
from ringscope.extract.entity_parts import (
    country_in,
    is_place_run,
)
from ringscope.extract.entity_plain import classify_plain
from ringscope.extract.entity_rare import function_word
from ringscope.extract.entity_titles import (
    body_word,
    initials_then_name,
    lower_inside,
    name_after_domain,
    name_tokens,
    person,
    titled,
)
from ringscope.extract.organisations import (
    ORG_CONTEXT,
    ORG_HEADS,
)
from ringscope.extract.people import (
    HONORIFIC_SECONDS,
    PERSON_TITLE,
    ROLE_TITLES,
    TITLE_HEADS,
    TITLE_WORDS,
    VICTIM_TITLES,
)
from ringscope.extract.places import PlaceHit


def classify(
    text: str, toks: list[Tok], i: int, j: int, starts: dict[int, PlaceHit], places: list[PlaceHit],
    lower_words: set[str],
) -> list[Found]:
    """Entities in the capitalised run toks[i:j]."""
    words = toks[i:j]
    found: list[Found] = []
    texts = [w.text for w in words]
    cut = texts.index("and") if "and" in texts else -1
    if cut > 0 and titled(texts[:cut]) and titled(texts[cut + 1 :]):  # "Minister X Y and President Z W"
        return (classify(text, toks, i, i + cut, starts, places, lower_words)
                + classify(text, toks, i + cut + 1, j, starts, places, lower_words))
    # A title followed by a name: a person.
    clock = i > 0 and toks[i - 1].text.isdigit()  # "9 PM Sunday": a time, not a title
    head_at = [
        k
        for k, t in enumerate(texts[:-1])  # the last word is a name's ("President Hun Sen"), not a title
        if (t in TITLE_HEADS and not (k == 0 and clock))
        or (k == 0 and (t in ROLE_TITLES or t in VICTIM_TITLES))
    ]
    if head_at:
        k = head_at[-1] + 1
        domain = False  # "Director of Vulnerable Communities": the title's field, not a name
        if k == 1 and k < len(words) - 1 and texts[k] in HONORIFIC_SECONDS and texts[0] in ROLE_TITLES:
            k += 1  # "Tan Sri X": the honorific's second word
        while k < len(words) and (texts[k] in TITLE_WORDS or texts[k] in {"of", "for", "the"}):
            titled_next = k + 1 < len(words) and (texts[k + 1] in TITLE_WORDS or texts[k + 1] == "the")
            if texts[k] in {"of", "for"} and not titled_next:
                domain = True
                break
            k += 1
        first_title = head_at[0]
        while first_title > 0 and texts[first_title - 1] in TITLE_WORDS:
            owner = texts[first_title - 1]
            if owner in ORG_HEADS and first_title > 1 and texts[first_title - 2] not in TITLE_WORDS:
                break  # "Ruritanian Police Deputy Commissioner X": the body, then the title
            first_title -= 1
        name = words[k:]
        rest: list[Tok] = []
        if domain:
            name = name_after_domain(words, k, lower_words)
            if name:
                k = len(words) - len(name)
                domain = False
        else:
            cut = next((n for n, t in enumerate(name) if lower_inside(name, n)), len(name))
            # "Judge X Y of the Z Court": the name, then a body of its own
            if 2 <= cut < len(name) and name[cut].text in {"of", "for"}:
                name, rest = name[:cut], name[cut:]
            # "General X Y and Ruritanian officials": the name ends at "and"
            elif 2 <= cut < len(name) - 1 and name[cut].text == "and" and name[cut + 1].cap:
                name, rest = name[:cut], name[cut + 1 :]
        if (
            name
            and not domain
            and 1 <= name_tokens(name) <= 4
            and not any(
                t.text in ORG_HEADS or t.text in DATE_WORDS or lower_inside(name, n)
                for n, t in enumerate(name)
            )
            and not is_place_run(name, starts)
            and (name_tokens(name) >= 2 or not name[0].text.isupper() or initials_then_name(name))
            and not (len(name) == 1 and function_word(name[0].text))
        ):
            role = span_text(text, words[first_title:k])
            country = country_in(places, words[0].start, words[k - 1].end)
            found.append(person(text, name, country, [role], PERSON_TITLE))
            if first_title > 0:
                body = classify_plain(text, toks, i, i + first_title, starts, places, lower_words)
                if not body and first_title == 1 and body_word(words[0], starts, lower_words):
                    # "Kestrel Secretary General X Y": the body the officer serves
                    first = words[0]
                    body = [Found("Organization", first.start, first.end, first.text, rule=ORG_CONTEXT)]
                found.extend(body)
            if rest:
                after = index_of(toks, rest[0].start)
                found.extend(
                    classify_plain(text, toks, after, after + len(rest), starts, places, lower_words)
                )
            return found
    return classify_plain(text, toks, i, j, starts, places, lower_words)
