"""Entity merging: one organisation written several ways is one entity (invented sentences)."""

from __future__ import annotations

from ringscope.extract import extract
from ringscope.extract.document import Document
from ringscope.extract.entities import extract_entities
from ringscope.extract.entity_merge import abbreviates
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
    assert set(orgs) == {"Office of Harbour Licence Control", "Office of Highway Lane Control", "OHLC"}


def test_the_name_without_its_bracketed_acronym_is_the_same_organisation() -> None:
    text = ("The Office of Harbour Licence Control (OHLC) froze the accounts on Monday. Later the Office of "
            "Harbour Licence Control said more would follow.")
    orgs = _orgs(text)
    assert list(orgs) == ["Office of Harbour Licence Control (OHLC)"]
    mentions = [m.text for m in orgs["Office of Harbour Licence Control (OHLC)"].mentions]
    assert mentions[-1] == "Office of Harbour Licence Control"  # "Later the" opens the sentence, not the name
    other = _orgs("The Office of Harbour Licence Control (OHLC) and the Harbour Licence Board met on Monday.")
    assert set(other) == {"Office of Harbour Licence Control (OHLC)", "Harbour Licence Board"}


def test_one_body_spelt_two_ways_or_in_two_word_orders_is_one_entity() -> None:
    orgs = _orgs("The Harbour Organisation for Licences (HOL) met on Monday. The Harbour Organization for "
                 "Licences said more would follow.")
    assert list(orgs) == ["Harbour Organisation for Licences (HOL)"]
    orgs = _orgs("The Fisheries Ministry froze the accounts. Later the Ministry of Fisheries said more.")
    assert list(orgs) == ["Ministry of Fisheries"]
    assert len(orgs["Ministry of Fisheries"].mentions) == 2
    apart = _orgs("The Fisheries Ministry and the Ministry of Fisheries of Vessaland met on Monday.")
    assert len(apart) == 2  # another country's ministry is another body


def test_a_country_abbreviation_defined_in_brackets_is_the_same_place() -> None:
    text = ("LIMA, Chile (AP) — The United Republic of Tanzania (URT) said the URT would help. The Central "
            "African Republic (CAR) denied it.")
    places = {e.name: e for e in extract(text).entities if e.type == "Location"}
    assert "Chile" in places and "Chile (AP)" not in places  # an agency's credit abbreviates no place
    assert places["United Republic of Tanzania (URT)"].aliases == ["URT"]
    assert len(places["United Republic of Tanzania (URT)"].mentions) == 3
    assert "URT" not in places
    assert places["Central African Republic (CAR)"].aliases == ["CAR"]


def test_initials_of_a_name_or_of_its_last_words() -> None:
    assert abbreviates("URT", "United Republic of Tanzania")
    assert abbreviates("ROT", "Republic of Tanzania")
    assert abbreviates("SEZ", "Harbour Point Special Economic Zone")
    assert not abbreviates("AP", "South Korea")
    assert not abbreviates("China", "Hong Kong")
