"""The link vocabulary: every type's invented examples fire (or not) as the file says."""

from __future__ import annotations

import pytest

from ringscope.model import ENTITY_TYPES
from ringscope.report.linkvocab import link_type, link_types, parse_example, sentence_links

CASES = [(t.id, text, True) for t in link_types() for text in t.fires] + [
    (t.id, text, False) for t in link_types() for text in t.not_
]


def test_the_vocabulary_is_well_formed() -> None:
    ids = [t.id for t in link_types()]
    assert len(ids) == len(set(ids))
    assert {"operates", "raids", "rescued_from", "member_of", "located_in", "sanctioned", "recruits"} <= set(
        ids
    )
    for kind in link_types():
        assert kind.label and kind.reason
        assert kind.subject <= set(ENTITY_TYPES) and kind.object <= set(ENTITY_TYPES)
        if kind.active or kind.passive:  # read from sentences: examples both ways
            assert kind.fires and kind.not_, kind.id
        else:
            assert kind.source is not None, kind.id
    with pytest.raises(KeyError):
        link_type("befriends")


def test_parse_example_marks_entities() -> None:
    text, spans = parse_example("The [Lotus Reef|Compound] site near [Port Verin|Location].")
    assert text == "The Lotus Reef site near Port Verin."
    assert [(s.key, s.type, text[s.start : s.end]) for s in spans] == [
        ("Lotus Reef", "Compound", "Lotus Reef"),
        ("Port Verin", "Location", "Port Verin"),
    ]


@pytest.mark.parametrize(("type_id", "marked", "fires"), CASES)
def test_examples(type_id: str, marked: str, fires: bool) -> None:
    text, spans = parse_example(marked)
    found = [f for f in sentence_links(text, spans) if f.type == type_id]
    if not fires:
        assert found == []
        return
    assert len(found) == 1, found
    # the subject is marked first in active examples; a passive example names the object first
    subject, obj = (spans[0], spans[1]) if found[0].voice == "active" else (spans[1], spans[0])
    assert (found[0].subject, found[0].object) == (subject.key, obj.key)


def test_a_passive_sentence_is_not_read_backwards() -> None:
    text, spans = parse_example(
        "The [Lotus Reef|Compound] hub was raided by the [Coral Coast Police|Organization]."
    )
    found = sentence_links(text, spans)
    assert [(f.type, f.subject, f.object, f.voice) for f in found] == [
        ("raids", "Coral Coast Police", "Lotus Reef", "passive")
    ]


def test_only_neighbouring_mentions_are_linked() -> None:
    text, spans = parse_example(
        "The [Coral Coast Police|Organization] and [Tomas Reyl|Person] raided the [Lotus Reef|Compound] site."
    )
    found = {(f.type, f.subject, f.object) for f in sentence_links(text, spans)}
    assert ("raids", "Tomas Reyl", "Lotus Reef") in found
    assert ("raids", "Coral Coast Police", "Lotus Reef") not in found  # another entity stands between
