"""Organisations: head words that make a capitalised name an organisation."""

from __future__ import annotations

# A name holding one of these words is an organisation ("Ministry of Fisheries", "Northern Hills Army").
ORG_HEADS = frozenset(
    """
    Ministry Ministries Department Dept Police Bureau Agency Office Commission Council Organization
    Organisation Group Army Force Forces Bank Company Corp Corporation Ltd Limited Inc LLC PLC Co
    Holdings Network Association Foundation University College Institute Institution Court Courts
    Embassy Consulate High-Commission Coalition Alliance Federation Union Party Front Movement
    Committee Board Authority Authorities Service Services Unit Division Directorate Command Task
    Centre Center Secretariat Administration Cabinet Parliament Senate Congress Assembly Tribunal
    Judiciary Prosecution Prosecutors Procuratorate Guard Guards Navy Airlines Airways Air News
    Times Post Press Herald Tribune Journal Gazette Daily Agency Television TV Radio Broadcasting
    Media Mission Trust Fund Programme Program Project Initiative Watch Society Club Chamber
    Syndicate Gang Triad Cartel Clan Family Brotherhood Battalion Brigade Regiment Corps Station
    Headquarters Squad Investment Investments Technologies Technology Enterprises Enterprise
    Industries Partners Consulting Solutions Crypto Pay Exchange Capital Finance Financial Insurance
    Telecom Telecoms Charity NGO Nations Treasury Customs Immigration Intelligence Library
    Laboratory Lab Hospital School Academy Church
    """.split()
)
# Heads that alone, with no other capitalised word, are a generic reference ("Police", "the Ministry").
GENERIC_ALONE = frozenset(
    """
    Ministry Department Police Bureau Agency Office Commission Council Organization Organisation
    Group Army Force Forces Bank Company Network Association Foundation University Court Embassy
    Consulate Coalition Alliance Federation Union Party Front Movement Committee Board Authority
    Authorities Service Unit Division Command Centre Center Cabinet Parliament Senate Congress
    Assembly Government Treasury Customs Immigration Intelligence Navy Guard Station Headquarters
    Family Gang Syndicate Clan Mission Judiciary Prosecution Interior Foreign Affairs National
    Regional Provincial State Federal Royal Central Special Task
    """.split()
)
# Lower-case nouns before a name that make it an organisation ("analytics firm X", "the group X").
ORG_NOUNS = frozenset(
    """
    organization organisation group gang syndicate firm company outlet newspaper agency platform
    platforms app apps network militia faction charity ngo broadcaster website portal publication
    magazine daily conglomerate operator bank exchange cartel
    """.split()
)
# Words after a one-word name that make it a source organisation ("X reported").
ORG_REPORTING = frozenset({"reported", "reports", "report", "investigation", "found", "documented"})
# Lower-case words that may join two capitalised parts of one organisation name.
ORG_CONNECTORS = frozenset(
    {"of", "for", "and", "the", "on", "against", "de", "del", "da", "du", "&", "dela", "van", "von", "der",
     "bin", "binti", "ibn", "dos", "das"}
)
# Organisation heads after which "in <Place>" belongs to the name ("Embassy of X in Y").
IN_PLACE_HEADS = frozenset(
    {"Embassy", "Consulate", "Consulate-General", "General", "Commission", "Mission", "Office"}
)
# Heads of national public bodies: without a country in the name they belong to the report's country.
NATIONAL_HEADS = frozenset(
    """
    Ministry Department Police Bureau Agency Commission Council Court Army Force Forces Navy Guard Cabinet
    Parliament Senate Congress Assembly Judiciary Prosecution Procuratorate Customs Immigration Treasury
    Directorate Command Unit Division Group Battalion Brigade Station Headquarters Squad Office Authority
    """.split()
)
# Words that mark an international body, which has no country.
INTERNATIONAL_WORDS = frozenset(
    """
    International United Nations UN Interpol INTERPOL Europol ASEAN Global World Regional Asian African
    European Inter-American Intergovernmental
    """.split()
)
