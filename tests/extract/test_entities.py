"""Entities: people, organisations, compounds, operations and locations, on invented sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.extract import extract
from ringscope.extract.capitalised import capitalised_runs, tokenize
from ringscope.extract.document import Document
from ringscope.extract.entities import extract_entities
from ringscope.extract.places import find_places
from ringscope.model import Entity


def _entities(text: str) -> list[Entity]:
    doc = Document(text)
    return extract_entities(doc, find_places(doc))


def _by_name(text: str) -> dict[str, Entity]:
    return {e.name: e for e in _entities(text)}


def test_person_after_title_keeps_role_apart() -> None:
    found = _by_name("Police Major General Arnold Veskin said the raid freed 40 people.")
    person = found["Arnold Veskin"]
    assert person.type == "Person"
    assert person.roles == ["Police Major General"]


def test_person_with_role_after_comma_and_surname_mentions() -> None:
    text = "Dalia Orvenko, a researcher at the Fenwick Institute, said the trend grew. Orvenko added more."
    found = _by_name(text)
    assert found["Dalia Orvenko"].type == "Person"
    assert len(found["Dalia Orvenko"].mentions) == 2
    assert found["Fenwick Institute"].type == "Organization"
    assert "Orvenko" not in found


def test_surname_mentions_are_name_words_outside_the_name() -> None:
    text = "The court jailed Mr Lindo dela Cruz in May. Officers found dela files and cash in his office."
    person = _by_name(text)["Lindo dela Cruz"]
    # neither the particle written alone nor the surname inside the full name is another mention
    assert [text[m.start:m.end] for m in person.mentions] == ["Lindo dela Cruz"]
    later = text + " Cruz denied it."
    mentions = [m.start for m in _by_name(later)["Lindo dela Cruz"].mentions]
    assert mentions == [later.index("Lindo"), later.rindex("Cruz")]


def test_person_country_from_demonym_in_title() -> None:
    found = _by_name("Kenyan Foreign Minister Tomas Abwere visited the border.")
    assert found["Tomas Abwere"].country == "KE"


def test_acronym_linked_to_long_form() -> None:
    text = "The Coastal Anti-Fraud Agency (CAFA) led the raid. Later CAFA said 12 were held."
    found = _by_name(text)
    org = found["Coastal Anti-Fraud Agency (CAFA)"]
    assert org.type == "Organization" and org.aliases == ["CAFA"]
    assert len(org.mentions) == 2
    assert "CAFA" not in found


def test_organisation_country_from_place_inside() -> None:
    found = _by_name("The Embassy of Ruritania in Thailand and the Chilean Ministry of Fisheries cooperated.")
    assert found["Chilean Ministry of Fisheries"].country == "CL"
    assert found["Chilean Ministry of Fisheries"].type == "Organization"


def test_generic_references_are_not_entities() -> None:
    names = {e.name for e in _entities("Police said the Ministry would act. Thai authorities agreed.")}
    assert "Police" not in names and "Ministry" not in names and "Thai" not in names


def test_compounds_and_operations() -> None:
    text = (
        "Raiders entered Golden Lotus Park and the Brightwater Special Economic Zone "
        "during Operation Silent Tide II."
    )
    found = _by_name(text)
    assert found["Golden Lotus Park"].type == "Compound"
    assert found["Brightwater Special Economic Zone"].type == "Compound"
    assert found["Operation Silent Tide II"].type == "Operation"


def test_locations_have_country_and_coordinates_and_demonyms_are_not_locations() -> None:
    found = _by_name("Ugandans were flown from Nairobi to Yangon in Myanmar and later to Southeast Asia.")
    assert found["Nairobi"].type == "Location" and found["Nairobi"].country == "KE"
    assert found["Nairobi"].lat is not None
    assert found["Myanmar"].country == "MM"
    assert found["Southeast Asia"].country is None
    assert "Ugandans" not in found


def test_place_suffix_and_facilities() -> None:
    found = _by_name("They were moved to Korvath province and flown out of Oruvale International Airport.")
    assert found["Korvath province"].type == "Location"
    assert found["Oruvale International Airport"].type == "Location"


def test_each_entity_once_with_all_mentions() -> None:
    text = "Cambodia and Laos signed. Cambodia then acted."
    entities = [e for e in _entities(text) if e.name == "Cambodia"]
    assert len(entities) == 1
    assert [m.start for m in entities[0].mentions] == [0, 26]


def test_photo_credit_names_a_person() -> None:
    found = _by_name("A guard tower at the site. (Photo: Lemmy Kastrova)")
    assert found["Lemmy Kastrova"].type == "Person"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises_and_mentions_hold(text: str) -> None:
    for entity in _entities(text):
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_title_with_field_and_organisation_before_name() -> None:
    found = _by_name("Head of ORVAC Helmut Brandl warned that Director of Coastal Affairs spoke too.")
    assert found["Helmut Brandl"].type == "Person"
    assert "Coastal Affairs" not in found


def test_two_people_joined_by_and_after_a_relation_word() -> None:
    found = _by_name("The sanctions cover his two sons, Arvo Kell Tamm and Rein Kell Tamm, as well.")
    assert found["Arvo Kell Tamm"].type == "Person"
    assert found["Rein Kell Tamm"].type == "Person"


def test_menu_words_and_currency_names_are_not_entities() -> None:
    names = {e.name for e in _entities("Profits reached 9 billion Singapore dollars.\nMost Read News")}
    assert "Singapore" not in names and "Most Read News" not in names


def test_unknown_places_in_a_list_after_a_place_noun() -> None:
    found = _by_name("Police searched the suburbs of Varnholt, Kessel Ridge, and Drennan Vale on Monday.")
    for name in ("Varnholt", "Kessel Ridge", "Drennan Vale"):
        assert found[name].type == "Location"


def test_seat_of_an_office_is_a_location() -> None:
    found = _by_name("Staff at the Kenyan Embassy in Bangkok helped them.")
    assert found["Kenyan Embassy in Bangkok"].type == "Organization"
    assert found["Bangkok"].type == "Location"


def test_airport_name_ends_before_a_weekday() -> None:
    found = _by_name("They landed at Oruvale International Airport on Thursday.")
    assert "Oruvale International Airport" in found


def test_possessive_inside_an_organisation_name() -> None:
    found = _by_name("The men were tried by the Harlow Intermediate People's Court last year.")
    assert found["Harlow Intermediate People's Court"].type == "Organization"


def test_source_credit_in_a_dateline_is_an_organisation_and_the_city_a_place() -> None:
    found = _by_name("NAIROBI, Kenya (KNX) — Officials said 12 people returned.")
    assert found["KNX"].type == "Organization"
    assert found["NAIROBI"].type == "Location"


def test_national_body_takes_the_report_country_and_international_one_none() -> None:
    text = (
        "Police in Laos and Laos officials said the Anti-Scam Bureau raided a site in Laos, "
        "helped by the International Bureau of Migrants."
    )
    found = _by_name(text)
    assert found["Anti-Scam Bureau"].country == "LA"
    assert found["International Bureau of Migrants"].country is None


def test_town_the_text_calls_a_scam_compound_is_a_compound() -> None:
    text = "Workers escaped from Savannakhet, a heavily guarded scam enclave, and reached Bangkok."
    found = _by_name(text)
    assert found["Savannakhet"].type == "Compound"
    assert found["Bangkok"].type == "Location"


def test_town_name_inside_a_longer_name_is_not_a_place() -> None:
    found = _by_name("Rights researcher Maria Elena Ostrova said the Mekong Migrant Assistance group agreed.")
    assert "Maria Elena" not in found and "Mekong" not in found


def test_name_particles_and_affiliation_before_said() -> None:
    found = _by_name("Ramon dela Vista of the Harbour Migrant Shelter said 12 people were freed.")
    assert found["Ramon dela Vista"].type == "Person"


def test_lower_case_compound_noun_after_a_name() -> None:
    found = _by_name("Police raided the Silver Heron casino complex near the border.")
    assert found["Silver Heron casino complex"].type == "Compound"


def test_platforms_listed_after_on_are_organisations() -> None:
    found = _by_name("Recruiters posted fake adverts on Chirpbook and Snapgram to lure students.")
    assert found["Chirpbook"].type == "Organization"
    assert found["Snapgram"].type == "Organization"


def test_name_after_a_sentence_opening_article() -> None:
    found = _by_name("The raid ended. A Wirepress investigation found 40 victims.")
    assert found["Wirepress"].type == "Organization"


def test_a_name_cut_off_at_the_end_of_a_text_is_dropped() -> None:
    cut = _by_name("The workers were moved to Pelmora. Police later raided a site in Veltar")
    assert "Veltar" not in cut
    whole = _by_name("The workers were moved to Pelmora. Police later raided a site in Veltaro.")
    assert whole["Veltaro"].type == "Location"


def test_embassy_of_a_country_in_a_city_is_one_name_and_its_short_forms_fold_into_it() -> None:
    text = ("They reached the Embassy of Kenya in Bangkok on Monday. The Kenyan Embassy in Rangoon "
            "and Chile's Embassy in Lima helped too. The Kenyan Embassy said all were safe.")
    found = _by_name(text)
    assert found["Embassy of Kenya in Bangkok"].type == "Organization"
    assert found["Chile's Embassy in Lima"].type == "Organization"
    assert "Chile" not in found and "Kenyan Embassy" not in found
    assert len(found["Kenyan Embassy in Rangoon"].mentions) == 2


def test_people_named_after_a_role_noun_or_before_a_speech_verb() -> None:
    found = _by_name("The recruiter Dovan Kessar lured them. Mira Tollan recounted the beatings.")
    assert found["Dovan Kessar"].type == "Person"
    assert found["Mira Tollan"].type == "Person"


def test_a_compound_named_before_its_town_is_the_compound_not_the_town() -> None:
    text = "They were held at Palm Ridge in Lisbon, a compound run by a gang."
    found = {(e.type, e.name) for e in _entities(text)}
    assert ("Compound", "Palm Ridge") in found
    assert ("Location", "Lisbon") in found


def test_names_listed_after_an_organisation_are_organisations() -> None:
    found = _types("Firms such as Halvek, Brenna and Corvane traced the money.")
    assert found == {("Halvek", "Organization"), ("Brenna", "Organization"), ("Corvane", "Organization")}
    listed = _types("Recruiters reached people on platforms like Quorra, Zentik, and chat rooms.")
    assert ("Zentik", "Organization") in listed


def test_a_person_listed_after_an_organisation_is_no_organisation() -> None:
    found = _types("Survivors were helped by the Harrow Foundation, Anna, 24, and Lek.")
    assert ("Anna", "Organization") not in found and ("Lek", "Organization") not in found
    assert ("Pellton", "Organization") not in _types("The Harrow Group moved to Pellton last year.")


def _types(text: str) -> set[tuple[str, str]]:
    return {(e.name, e.type) for e in _entities(text)}


def test_a_sentence_opener_before_the_is_not_part_of_a_name() -> None:
    for opener in ("Later", "Then", "Yesterday", "On Tuesday"):
        text = f"{opener} the Office of Harbour Licence Control said more."
        names = [e.name for e in extract(text).entities]
        assert names == ["Office of Harbour Licence Control"], opener
    assert [e.name for e in extract("Later the Bureau of Harbour Licences said more.").entities] == [
        "Bureau of Harbour Licences"]


def test_a_date_after_a_name_is_not_part_of_it() -> None:
    for text in ("He spoke at the Department of Harbours April 18, 2019, in Lima.",
                 "The Department of Harbours Monday said 40 people were held."):
        orgs = [e.name for e in extract(text).entities if e.type == "Organization"]
        assert orgs == ["Department of Harbours"]
    text = "Police chief Tessa May said it."  # a month alone may be a name's word
    toks = tokenize(text)
    assert [" ".join(t.text for t in toks[i:j]) for i, j in capitalised_runs(text, toks)] == [
        "Police", "Tessa May"]


def test_an_operation_named_after_codenamed() -> None:
    text = "The operation, codenamed Silver Net, led to 300 arrests."
    found = {e.name: e.type for e in extract(text).entities}
    assert found == {"Silver Net": "Operation"}


def test_a_compound_honorific_is_the_title_not_the_name() -> None:
    people = [(e.name, e.roles) for e in extract("Tan Sri Tevo Marsh said 40 people were freed.").entities]
    assert people == [("Tevo Marsh", ["Tan Sri"])]
    assert [e.name for e in extract("Officials in Sri Lanka said 40 people were freed.").entities] == [
        "Sri Lanka"]


def test_a_leading_word_joined_by_a_preposition_is_not_part_of_a_person_name() -> None:
    found = _by_name("Lawyers for Rodrigo Alvarado, 45, said he would appeal.")
    assert "Rodrigo Alvarado" in found and found["Rodrigo Alvarado"].type == "Person"
    assert not any(name.startswith("Lawyers") for name in found)


def test_a_town_holding_several_scam_hubs_stays_a_place() -> None:
    found = _by_name("Police freed 70 foreigners from Myawaddy scam hubs on Monday.")
    assert found["Myawaddy"].type == "Location"
    assert _by_name("Police freed 70 foreigners from the Myawaddy scam hub.")["Myawaddy"].type == "Compound"


def test_of_the_after_a_head_joins_the_name_unless_a_bare_head_refers_back() -> None:
    text = ("The Department of the Harbours met the Bureau of the Lighthouse Keepers. "
            "The Consular Division of the Ministry was not told.")
    names = {e.name for e in extract(text).entities if e.type == "Organization"}
    assert {"Department of the Harbours", "Bureau of the Lighthouse Keepers", "Consular Division"} <= names
    assert "Consular Division of the Ministry" not in names
