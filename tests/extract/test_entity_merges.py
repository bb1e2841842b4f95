"""Entity merging: one organisation written several ways is one entity (invented sentences)."""

from __future__ import annotations

from ringscope.extract.document import Document
from ringscope.extract.entities import extract_entities
from ringscope.extract.places import find_places
from ringscope.model import Entity


def _orgs(text: str) -> dict[str, Entity]:
    doc = Document(text)
    return {e.name: e for e in extract_entities(doc, find_places(doc)) if e.type == "Organization"}


def test_undefined_acronym_folds_into_the_name_it_abbreviates() -> None:
    orgs = _orgs("The Office of Harbour Licence Control froze the accounts. OHLC said more would follow.")
    assert list(orgs) == ["Office of Harbour Licence Control"]
    assert orgs["Office of Harbour Licence Control"].aliases == ["OHLC"]
    assert len(orgs["Office of Harbour Licence Control"].mentions) == 2


def test_acronym_matching_no_name_or_two_names_stays_apart() -> None:
    orgs = _orgs("The Office of Harbour Licence Control froze the accounts. TRMB said more would follow.")
    assert set(orgs) == {"Office of Harbour Licence Control", "TRMB"}
    orgs = _orgs(
        "The Office of Harbour Licence Control and the Office of Highway Lane Control met. OHLC spoke."
    )
    assert "OHLC" in orgs


def test_name_with_its_acronym_absorbs_the_plain_name_in_either_spelling() -> None:
    orgs = _orgs(
        "The Regional Organisation for Harbours (ROH) helped. The Regional Organization for Harbours said so."
    )
    assert list(orgs) == ["Regional Organisation for Harbours (ROH)"]
    assert len(orgs["Regional Organisation for Harbours (ROH)"].mentions) == 3


def test_dotted_and_two_letter_acronyms_fold_into_two_word_names() -> None:
    orgs = _orgs("The Harbour Bureau reported the raid. H.B. said more would follow.")
    assert list(orgs) == ["Harbour Bureau"]
    orgs = _orgs("The Office of Harbours reported the raid. OH said more would follow.")
    assert "OH" in orgs  # two letters stand for a name of two words, not "X of Y"


def test_country_named_with_its_acronym_absorbs_the_acronym() -> None:
    doc = Document("They flew to the United Arab Emirates (UAE) in May. The UAE deported them.")
    places = [e for e in extract_entities(doc, find_places(doc)) if e.type == "Location"]
    assert [e.name for e in places] == ["United Arab Emirates (UAE)"]
    assert len(places[0].mentions) == 3
