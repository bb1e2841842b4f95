"""Route cues: the words and patterns that frame people as trafficking victims (and not as suspects
or scam targets), count them, and say where they came from and where they were taken.

The framing cues are data: route_rules.yaml (ids, reasons and tested examples)."""

from __future__ import annotations

import re

from ringscope.extract.casefold import CaseFree
from ringscope.extract.rules import load_rules

_RULES = load_rules("route_rules.yaml")
VICTIM_RE = _RULES.pattern("cue.victim")
SAME_PEOPLE = _RULES.pattern("cue.same_people")
RELEASED = _RULES.pattern("cue.released")
OUT_FROM = _RULES.pattern("cue.out_from")
STRONG_VICTIM_RE = _RULES.pattern("cue.strong_victim")
SUSPECT_RE = _RULES.pattern("cue.suspect")
SUSPECT_BEFORE = _RULES.pattern("cue.suspect_before")
NOT_TRAFFICKED_BEFORE = _RULES.pattern("cue.not_trafficked_before")
SUSPECT_NOUNS = _RULES.words("cue.suspect_nouns")
PEOPLE_NOUNS = _RULES.words("cue.people_nouns")
SINGULAR_PEOPLE = _RULES.words("cue.singular_people")
PEOPLE_MODIFIERS = _RULES.words("cue.people_modifiers")
COUNT_AFTER = _RULES.pattern("cue.count_after")
FROM_ORIGIN = _RULES.pattern("cue.from_origin")
OWN_NATIONALS = _RULES.pattern("cue.own_nationals")
BARE_NATIONALS = _RULES.pattern("cue.bare_nationals")
# The same cues searched sentence by sentence through their lower-case twins (see casefold.py).
VICTIM_CF, STRONG_VICTIM_CF = CaseFree(VICTIM_RE), CaseFree(STRONG_VICTIM_RE)
SUSPECT_CF = CaseFree(SUSPECT_RE)
OWN_NATIONALS_CF, BARE_NATIONALS_CF = CaseFree(OWN_NATIONALS), CaseFree(BARE_NATIONALS)
FOLLOW_UP = _RULES.pattern("cue.follow_up")
FOLLOW_UP_BEFORE = _RULES.pattern("cue.follow_up_before")
SEX_OR_AGE_PART = _RULES.pattern("cue.sex_or_age_part")
LARGER_GROUP_BEFORE = _RULES.pattern("cue.larger_group_before")
TARGETS_AFTER = _RULES.pattern("cue.targets_after")
TARGETS_BEFORE = _RULES.pattern("cue.targets_before")
OUT_OF = _RULES.pattern("cue.out_of")
OFFICIALS = _RULES.pattern("cue.officials")
HELD_BEFORE = _RULES.pattern("cue.held_before")
HELD_IN_LIST = _RULES.pattern("cue.held_in_list")
LURE_PLACE = _RULES.pattern("cue.lure_place")
HELD_STRONG = _RULES.pattern("cue.held_strong")
SITE_AFTER = _RULES.pattern("cue.site_after")
BREAKDOWN_OPENER = _RULES.pattern("cue.breakdown_opener")
PEOPLE_APPOSITION = _RULES.pattern("cue.people_apposition")
TRANSIT_BEFORE = _RULES.pattern("cue.transit_before")

# Rules that make routes (ids checked against route_rules.yaml).
NATIONALITY = _RULES.rule("route.nationality")
FROM_COUNTRY = _RULES.rule("route.from_country")
BREAKDOWN = _RULES.rule("route.breakdown")
OWN = _RULES.rule("route.own_nationals")
BARE = _RULES.rule("route.bare_nationals")
BROUGHT_HOME = _RULES.rule("route.brought_home")
HOME_RETURN_AFTER = _RULES.pattern("cue.home_return_after")
PEOPLE_AFTER_COUNT = _RULES.pattern("cue.people_after_count")
FOLLOW = _RULES.rule("route.follow_up")
ROW = _RULES.rule("route.table_row")
LISTED = _RULES.rule("route.destination_list")
SPREAD = _RULES.rule("route.spread_over")

# Layout of the text between the parts the cues find (not framing: how figures, lists and
# journeys are written).
# Gap between a figure and the nationality it counts ("40 Malaysian", "23 of its", "8 were").
COUNT_GAP = re.compile(r"\s*(?:\(\d+\)\s*)?(?:(?:young|more|other|fellow|trafficked|stranded)\s+)?")
LIST_GAP = re.compile(
    r"^\s*(?:,\s*(?:and\s+|or\s+)?(?:even\s+)?|\s+(?:and|or)\s+(?:even\s+)?)(?:the\s+)?$"
)
ONWARD = re.compile(
    r"(?:\s+and\s+|,\s*|\s+)(?:[^.;,]{0,40}?\b(?:then|diverted|transferred|moved|sold|smuggled|taken|sent|"
    r"trafficked|driven|ferried|shipped|carried|onward|later|before\s+being)\b[^.;,]{0,25}?\b(?:to|into|in)\s+(?:the\s+)?|(?:then\s+)?(?:to\s+)?)"
)
# How far the following sentences are searched for where people a sentence introduces were held.
AHEAD_SENTENCES = 6
AHEAD_CHARS = 300
# A bullet or numbered list item.
LIST_ITEM = re.compile(r"\s*(?:[-–•*]|\d+[.)])\s")
# Characters within which a place named beside the victims is taken as where they were.
NEAR = 50
# Table rows and listed breakdowns: "X - 45 people", "X: 12", "X (12 men and 3 women)".
ROW_AFTER = re.compile(r"[ \t]*(?:[-–—:|][ \t]*|\([ \t]*)|[ \t]+(?=\d)")
ROW_PEOPLE = re.compile(
    r"[ \t]+(?:(?:young|adult)[ \t]+)?(?:people|persons|individuals|nationals|citizens|victims|workers|men|"
    r"women|males|females|boys|girls|minors|children)\b",
    re.I,
)
ROW_AND = re.compile(r"[ \t]*(?:,|and|&|,[ \t]*and)[ \t]*", re.I)
ROW_GOES_ON = re.compile(r"[ \t]+(?!and\b|or\b)[a-z]")  # "Laos: 771 people rescued ...": a headline
ROW_GAP = re.compile(r"[ \t]*(?:[,;]|\n)[ \t]*(?:and[ \t]+)?(?:[-–•*][ \t]*)?|[ \t]+and[ \t]+", re.I)
ROW_INTRO = re.compile(r"\b(?:including|included|include|includes|among\s+them|comprising|namely)\s+$", re.I)
ROW_LEAD = re.compile(r"[ \t]*(?:[-–•*|]|\d+[.)])?[ \t]*")
# Places listed together: "Cambodia, Myanmar, the Philippines and Laos".
PLACE_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)(?:the\s+)?")
PLACE_LIST_LEAD = re.compile(
    r"\b(?:in|including|such\s+as|like|across|namely|among\s+them)\s+(?:the\s+)?$", re.I
)
PLACE_LIST_END = re.compile(r"\s*,?\s(?:and|or)\s+(?:the\s+)?")
# What may stand before a country that is the subject of its sentence ("The Government of X said").
SUBJECT_LEAD = re.compile(
    r"\W*(?:(?:the\s+)?(?:government|ministry|embassy|cabinet|president|authorities|people)"
    r"(?:\s+of\s+(?:the\s+)?)?\s*)?",
    re.I,
)
# A figure right after a place, as in a table row ("China - 120", "Laos: 14", "| Nepal | 7").
ROW_FIGURE = re.compile(r"[ \t]*(?:[-–—:|(][ \t]*)?\d")
# A nationality word sharing the people noun of the next one ("Chinese and Vietnamese nationals").
NATIONALITY_PAIR = re.compile(
    r"(?:,\s*|\s+(?:and|or)\s+|,\s*(?:and|or)\s+)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(\w+)"
)
# Between a figure and the country it is in: "14 in Laos", "two (are) still in Myanmar".
SPREAD_GAP = re.compile(
    r"\s+(?:(?:are|were|is|was|remain|remained|still|currently|held)\s+)*(?:in|at)\s+(?:the\s+)?"
)
# A raid on a site (where the workers found inside count as held there).
RAID = re.compile(r"\braid(?:s|ed|ing)?\b", re.I)
OF_GAP = re.compile(r"\s+of\s+")
DEST_BEFORE = re.compile(
    r"(?:\bin|\bto|\binto|\bat|\bfrom|\bacross|\balong|\bnear|\binside|\bwithin|-based)\s+(?:the\s+)?$", re.I
)
