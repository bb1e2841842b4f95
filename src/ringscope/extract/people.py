"""People: titles, ranks and role nouns that mark a capitalised name as a person."""

from __future__ import annotations

# Capitalised words of a title or rank written before a name ("Police Major General X").
TITLE_WORDS = frozenset(
    """
    President Vice Prime Minister Ministers Deputy Secretary Secretary-General Undersecretary
    Under-Secretary Director Director-General Directors Assistant Chief Commissioner Spokesperson
    Spokesman Spokeswoman Ambassador Envoy Consul Consul-General General Lieutenant Lt Colonel Col
    Major Maj Captain Capt Sergeant Sgt Brigadier Brig Admiral Marshal Commander Commandant
    Inspector Superintendent Officer Constable Corporal Private Judge Justice Magistrate Prosecutor
    Attorney Attorney-General Senator Congressman Congresswoman Governor Mayor Chairman Chairwoman
    Chairperson Chair Head Leader King Queen Prince Princess Sheikh Mr Mrs Ms Miss Dr Prof Professor
    Rev Father Sister Sir Dame Lord Lady Representative Rep Sen Gov Councillor Councilor Counsellor
    Counselor Adviser Advisor Coordinator Manager Executive CEO Founder Pol Gen Police Foreign
    Interior Defence Defense Justice Labour Labor Home Finance Treasury Immigration Acting Senior
    Junior Permanent Special Regional Provincial District National Chief-of-Staff Premier Chancellor
    Speaker Deputy-Director Secretary-general Director-general Tycoon Affairs Home State Public
    Security Commerce Trade Economy Health Education Labor Digital Economic Social Welfare
    Information Communications Transport Tourism Cooperation International Relations Development
    Internal External Cyber Crime Crimes Anti-Trafficking Trafficking Investigation Investigations
    Operations Operational Affairs-
    """.split()
)
# Words that must appear in a title for it to count as one (a bare "Foreign" or "National" does not).
TITLE_HEADS = frozenset(
    """
    President Minister Secretary Secretary-General Undersecretary Under-Secretary Director
    Director-General Chief Commissioner Spokesperson Spokesman Spokeswoman Ambassador Envoy Consul
    Consul-General General Lieutenant Lt Colonel Col Major Maj Captain Capt Sergeant Sgt Brigadier
    Brig Admiral Marshal Commander Commandant Inspector Superintendent Officer Constable Corporal
    Judge Magistrate Prosecutor Attorney-General Senator Congressman Congresswoman Governor Mayor
    Chairman Chairwoman Chairperson Head Leader King Queen Prince Princess Sheikh Mr Mrs Ms Miss Dr
    Prof Professor Rev Sir Dame Lord Lady Representative Rep Sen Gov Councillor Councilor Adviser
    Advisor Coordinator CEO Founder Premier Chancellor Speaker Gen Secretary-general
    Director-general Tycoon
    """.split()
)
# Capitalised role nouns and honorifics that may open a sentence before a name ("Lawyer X", "Pak X").
ROLE_TITLES = frozenset({"Lawyer", "Attorney", "Researcher", "Analyst", "Journalist", "Reporter", "Activist",
                         "Businessman", "Businesswoman", "Tycoon", "Pak", "Bapak", "Ibu", "Bu", "Datuk",
                         "Dato", "Tan", "Daw", "Khun", "Haji"})
# Capitalised victim nouns that may open a sentence before a name ("Survivor X"): a role, not a name.
VICTIM_TITLES = frozenset({"Victim", "Survivor", "Escapee", "Hostage", "Captive", "Returnee"})
# Lower-case role nouns before a name ("spokesperson X") or after a comma ("X, a researcher at ...").
ROLE_NOUNS = frozenset(
    """
    spokesperson spokesman spokeswoman minister ministers director director-general chief head
    ambassador secretary secretary-general official officer commissioner president general colonel
    leader boss tycoon founder chairman chairwoman chairperson researcher analyst professor expert
    lawyer attorney journalist correspondent reporter inspector commander governor mayor senator
    judge deputy envoy consul adviser advisor coordinator manager representative investigator
    prosecutor superintendent lieutenant captain sergeant major premier warlord kingpin businessman
    businesswoman magnate executive fellow scholar author editor chief-of-staff undersecretary
    counsel police-general
    """.split()
)
# Lower-case kinship and relation nouns before a name ("his son X", "her counterpart, X").
RELATION_NOUNS = frozenset(
    """
    counterpart colleague wife husband son daughter brother sister father mother nephew niece cousin
    grandson granddaughter grandfather grandmother patriarch matriarch owner partner aide deputy
    successor predecessor sons daughters brothers sisters wives children relatives partners
    """.split()
)
# Abbreviated titles written with a full stop ("Dr. X") and name suffixes ("X Jr.").
TITLE_ABBREVIATIONS = frozenset({"Dr", "Mr", "Mrs", "Ms", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt",
                                 "Brig", "Gov", "Sen", "Rep", "Pol", "Insp", "Supt", "Cpl", "Adm", "Cmdr"})
NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
# Verbs after (or before) a name that say someone spoke.
SPEECH_VERBS = frozenset(
    """
    said says told added stated explained noted wrote warned urged confirmed announced according
    tweeted posted claimed argued insisted revealed commented remarked highlighted emphasized emphasised
    stressed cautioned acknowledged estimated described
    """.split()
)
