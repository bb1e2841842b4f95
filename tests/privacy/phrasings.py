"""Invented reports: private victims phrased many ways, next to officials and suspects.

Every name, place and figure here is made up for these tests.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phrasing:
    id: str
    name: str
    sentence: str


# Each sentence names one private victim; ``{}`` is where the name goes.
VICTIM_PHRASINGS: list[Phrasing] = [
    Phrasing(
        "age_who_was_trafficked",
        "Tamsin Orvelle",
        "{}, 24, who was trafficked to a compound near the border, said the guards took her passport.",
    ),
    Phrasing("one_survivor_comma", "Bertil Quorane", "One survivor, {}, described the beatings."),
    Phrasing("was_lured", "Lisandra Pevey", "{} was lured abroad by a fake job advert."),
    Phrasing(
        "not_her_real_name", "Maelis Dunkery", "{} (not her real name) spent a year inside the compound."
    ),
    Phrasing("escaped", "Jorund Eskeland", "{} escaped through a drainage channel in May."),
    Phrasing("ms_a_victim", "Orla Finnerock", "Ms {}, a victim of the scheme, lost all her savings."),
    Phrasing("survivor_title", "Perrin Haldoway", "Survivor {} told the hearing about the electric batons."),
    Phrasing(
        "said_she_was_trafficked", "Ysolde Marrack", "{} said she was trafficked across the river at night."
    ),
    Phrasing("victim_title", "Caspian Threlk", "Victim {} was found in a locked dormitory."),
    Phrasing(
        "held_and_forced", "Wenna Stroud", "{} was held for eight months and forced to run romance scams."
    ),
    Phrasing("mr_rescued", "Idris Pollexfen", "Mr {} was rescued in a raid last week."),
    Phrasing(
        "former_hostage", "Saoirse Tallent", "{}, a former hostage of the gang, now lives with relatives."
    ),
    Phrasing(
        "whose_daughter",
        "Godfrey Amberlee",
        "{}, whose daughter was trafficked to a compound, begged for news of her.",
    ),
    Phrasing(
        "quote_own_captivity", "Nerys Coldharbour", "\u201cThey locked us in a room for weeks,\u201d said {}."
    ),
    Phrasing(
        "told_reporters_beaten",
        "Aurelio Venske",
        "{} told reporters: \u201cI was beaten every time I missed my target.\u201d",
    ),
    Phrasing("was_sold", "Kestrel Oakhanger", "{} was sold to another compound for 30,000 dollars."),
    Phrasing("rescued_worker", "Fenella Brisco", "Rescued worker {} returned home on Sunday."),
    Phrasing(
        "asked_real_name",
        "Ottilie Sarratt",
        "{}, who asked that her real name not be used, said she worked 18 hours a day.",
    ),
    Phrasing("among_freed", "Lorcan Pettifer", "{} was among the 40 people freed from the compound."),
    Phrasing("trafficking_victim_title", "Hesper Vantongeren", "Trafficking victim {} testified on Monday."),
    Phrasing("managed_to_flee", "Rowan Kildary", "{} managed to flee after three months."),
    Phrasing("was_tricked", "Delphine Ashcombe", "{} was tricked into taking a job that did not exist."),
    Phrasing("age_forced", "Tobiah Wrexley", "{}, 31, was forced to work in a call centre."),
    Phrasing("former_captive", "Marisol Quennell", "Former captive {} said the gang confiscated her phone."),
    Phrasing(
        "kidnapped", "Eamon Treglown", "{} was kidnapped from a bus station and taken across the border."
    ),
    Phrasing(
        "family_paid_ransom",
        "Cosimo Blackett",
        "The family of {} paid a ransom of 5,000 dollars for his release.",
    ),
    Phrasing("an_escapee", "Philippa Gorrange", "{}, an escapee from the compound, spoke at the shelter."),
    Phrasing(
        "repatriated_with_victims", "Ansel Morrowby", "{} was repatriated with 12 other victims on Friday."
    ),
    Phrasing(
        "said_he_was_beaten", "Evander Huxtaby", "{} said he was beaten with a stick when he refused to work."
    ),
    Phrasing(
        "recalled_locked", "Clemency Harrowgate", "{} recalled being locked in a dormitory with 30 others."
    ),
    Phrasing(
        "dr_trafficked_worker",
        "Ignatius Pellow",
        "Dr {}, one of the trafficked workers, treated injured colleagues in secret.",
    ),
    Phrasing(
        "brother_of_victim",
        "Rosalind Treweek",
        "The brother of {}, who is still held in the compound, spoke to us.",
    ),
    Phrasing(
        "recruited_promise",
        "Barnaby Caddick",
        "{}, who was recruited with the promise of a teaching job, ended up in a scam compound.",
    ),
    Phrasing(
        "captors_threatened", "Imelda Sowerby", "{} said her captors threatened to sell her to another gang."
    ),
    Phrasing("no_role_fail_closed", "Thaddeus Morwenna", "{} worked in the compound's kitchen for a year."),
]

# Officials and suspects: named with a public role; they must stay visible.
PUBLIC_PHRASINGS: list[Phrasing] = [
    Phrasing(
        "police_colonel",
        "Ivo Sandberg",
        "Police Colonel {} said 58 people were rescued from the compound on Tuesday.",
    ),
    Phrasing(
        "interior_minister", "Halvard Brennick", "Interior Minister {} promised to close the compounds."
    ),
    Phrasing(
        "spokesperson_for",
        "Margit Oyelaran",
        "{}, a spokesperson for the immigration department, said the victims were repatriated.",
    ),
    Phrasing(
        "alleged_boss",
        "Corwin Vashti",
        "Prosecutors charged {}, the alleged boss of the compound, with human trafficking.",
    ),
    Phrasing(
        "convicted",
        "Radomir Keslake",
        "{} was convicted of running the scam compound and sentenced to 20 years.",
    ),
    Phrasing("judge", "Aldith Pemberton", "Judge {} ordered the release of the workers."),
    Phrasing("suspect_arrested", "Zoltan Ferreday", "Suspect {} was arrested at the airport."),
    Phrasing(
        "director_said_victims_lured",
        "Sunniva Ekwueme",
        "{}, director of the anti-trafficking unit, said the victims were lured by fake adverts.",
    ),
]
