"""People: titles, ranks and role nouns that mark a capitalised name as a person.

The word lists are data: the ``cue.*`` entries of entity_rules.yaml (reasons and tested examples).
"""

from __future__ import annotations

from ringscope.extract.rules import load_rules

_RULES = load_rules("entity_rules.yaml")
# Capitalised words of a title or rank written before a name ("Police Major General X").
TITLE_WORDS = _RULES.words("cue.title_words")
# Words that must appear in a title for it to count as one (a bare "Foreign" or "National" does not).
TITLE_HEADS = _RULES.words("cue.title_heads")
# Capitalised role nouns and honorifics that may open a sentence before a name ("Lawyer X", "Pak X").
ROLE_TITLES = _RULES.words("cue.role_titles")
# Capitalised victim nouns that may open a sentence before a name ("Survivor X"): a role, not a name.
VICTIM_TITLES = _RULES.words("cue.victim_titles")
# The second word of a compound honorific ("Datuk Seri X", "Tan Sri X").
HONORIFIC_SECONDS = _RULES.words("cue.honorific_seconds")
# Lower-case role nouns before a name ("spokesperson X") or after a comma ("X, a researcher at ...").
ROLE_NOUNS = _RULES.words("cue.role_nouns")
TITLE_MODIFIERS = _RULES.words("cue.title_modifiers")
NAME_PREPOSITIONS = _RULES.words("cue.name_prepositions")
COUNSEL_ROLES = _RULES.words("cue.counsel_roles")
# Lower-case kinship and relation nouns before a name ("his son X", "her counterpart, X").
RELATION_NOUNS = _RULES.words("cue.relation_nouns")
# Abbreviated titles written with a full stop ("Dr. X") and name suffixes ("X Jr.").
TITLE_ABBREVIATIONS = _RULES.words("cue.title_abbreviations")
NAME_SUFFIXES = _RULES.words("cue.name_suffixes")
# Lower-case particles inside a person's name ("dela", "van der", "binti").
NAME_PARTICLES = _RULES.words("cue.name_particles")
# Verbs after (or before) a name that say someone spoke.
SPEECH_VERBS = _RULES.words("cue.speech_verbs")

# Verbs and phrases just before a name, and what follows a name, that make it a person.
PERSON_VERBS_BEFORE = _RULES.words("cue.person_verbs_before")
PERSON_PHRASE_BEFORE = _RULES.pattern("cue.person_phrase_before")
PERSON_AFTER = _RULES.pattern("cue.person_after")
ACCORDING_TO_PERSON = _RULES.pattern("cue.according_to_person")
PERSON_WORDS_BEFORE = _RULES.pattern("cue.person_words_before")
PERSON_POSSESSIVE_AFTER = _RULES.pattern("cue.person_possessive_after")
PERSON_OF_BEFORE = _RULES.pattern("cue.person_of_before")

# Photo credits and by-lines: "(Photo: Name)", "AGENCY/Name", "Reported by Name", "By: A B, C D".
CREDIT_RE = _RULES.pattern("cue.credit")
CREDIT_NOT_NAMES = _RULES.words("cue.credit_not_names")
BYLINE_RE = _RULES.pattern("cue.byline")
BYLINE_NAME_RE = _RULES.pattern("cue.byline_name")

# Rules that make people (ids checked against entity_rules.yaml).
PERSON_TITLE = _RULES.rule("entity.person.title")
PERSON_CONTEXT = _RULES.rule("entity.person.context")
PERSON_PAIR = _RULES.rule("entity.person.pair")
PERSON_CREDIT = _RULES.rule("entity.person.credit")
PERSON_LIST = _RULES.rule("entity.person.list")
PERSON_RARE_NAME = _RULES.rule("entity.person.rare_name")
