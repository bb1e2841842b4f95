from __future__ import annotations

from ringscope.fuse.names import acronym, fold, is_acronym, resolution_key
from ringscope.fuse.resolve import resolve
from ringscope.model import Entity, Report


def rep(rid: str) -> Report:
    return Report(text=f"report {rid}", id=rid)


def test_name_keys_fold_diacritics_titles_and_possessives() -> None:
    assert resolution_key("Dr. Zoë Müller", "Person") == resolution_key("Zoe Muller", "Person")
    assert resolution_key("the Harbour Watch’s", "Organization") == "harbour watch"
    assert fold("ÇAĞLA Öz") == "cagla oz"
    assert acronym("International Office for Coastal Safety") == "iocs"
    assert is_acronym("IOCS") and not is_acronym("Harbour")


def test_spellings_resolve_to_one_entity_with_all_aliases_and_sources() -> None:
    items = [
        (rep("r1"), [Entity("Person", "Zoë Müller"), Entity("Organization", "HARBOURWATCH")]),
        (rep("r2"), [Entity("Person", "Zoe Muller"), Entity("Organization", "Harbourwatch")]),
        (rep("r3"), [Entity("Person", "Zoe Miller-Grant")]),
    ]
    resolved = resolve(items)
    person = next(e for e in resolved if e.type == "Person" and "Zoë Müller" in e.aliases)
    assert set(person.aliases) == {"Zoë Müller", "Zoe Muller"}
    assert person.aliases["Zoe Muller"] == ["r2"]
    assert person.reports == ["r1", "r2"]
    org = next(e for e in resolved if e.type == "Organization")
    assert set(org.aliases) == {"HARBOURWATCH", "Harbourwatch"}
    assert sum(1 for e in resolved if e.type == "Person") == 2


def test_acronym_joins_its_only_long_form() -> None:
    items = [
        (rep("r1"), [Entity("Organization", "Coastal Rescue Federation")]),
        (rep("r2"), [Entity("Organization", "CRF")]),
    ]
    resolved = resolve(items)
    assert len(resolved) == 1
    assert set(resolved[0].aliases) == {"Coastal Rescue Federation", "CRF"}


def test_ambiguous_acronym_stays_apart() -> None:
    items = [
        (rep("r1"), [Entity("Organization", "Coastal Rescue Federation"),
                     Entity("Organization", "Civil Relief Fund")]),
        (rep("r2"), [Entity("Organization", "CRF")]),
    ]
    assert len(resolve(items)) == 3


def test_types_are_never_merged_and_roles_link_people_to_organisations() -> None:
    items = [
        (rep("r1"), [Entity("Location", "Port Verde"), Entity("Organization", "Port Verde"),
                     Entity("Person", "Ana Ruiz", roles=["director of the Coastal Rescue Federation"]),
                     Entity("Organization", "Coastal Rescue Federation")]),
    ]
    resolved = resolve(items)
    assert len(resolved) == 4
    person = next(e for e in resolved if e.type == "Person")
    org = next(e for e in resolved if e.name == "Coastal Rescue Federation")
    assert person.links == [("director of the Coastal Rescue Federation", org.id)]


def test_fuzzy_join_of_long_near_identical_names() -> None:
    items = [(rep("r1"), [Entity("Compound", "Silverleaf Garden Park")]),
             (rep("r2"), [Entity("Compound", "Silverleaf Gardens Park")]),
             (rep("r3"), [Entity("Compound", "Goldleaf Garden")])]
    resolved = resolve(items)
    assert sorted(len(e.aliases) for e in resolved) == [1, 2]


def test_a_bracketed_short_form_after_a_name_does_not_keep_it_apart() -> None:
    assert resolution_key("Inland Tide Bureau (ITB)", "Organization") == "inland tide bureau"
    assert resolution_key("Inland Tide Bureau (TideNet)", "Organization") == "inland tide bureau"
    assert resolution_key("(ITB)", "Organization") == "itb"  # nothing before it: kept
    assert resolution_key("Inland Tide Bureau (the bureau)", "Organization") != "inland tide bureau"
    items = [
        (rep("r1"), [Entity("Organization", "Inland Tide Bureau (ITB)")]),
        (rep("r2"), [Entity("Organization", "Inland Tide Bureau")]),
        (rep("r3"), [Entity("Organization", "Inland Tide Board")]),
    ]
    resolved = resolve(items)
    bureau = next(e for e in resolved if "Inland Tide Bureau" in e.aliases)
    assert set(bureau.aliases) == {"Inland Tide Bureau (ITB)", "Inland Tide Bureau"}
    assert bureau.reports == ["r1", "r2"]
