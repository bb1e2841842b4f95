"""Route cues: the words and patterns that frame people as trafficking victims (and not as suspects
or scam targets), count them, and say where they came from and where they were taken."""

from __future__ import annotations

import re

VICTIM_RE = re.compile(
    r"\b(?:promised\s+(?:\w+\s+)?jobs?|"
    r"traffick\w*|rescu\w*|repatriat\w*|held|hold|holding|trapped|lured|luring|freed|free|victims?|"
    r"forced|returned|returnees?|brought\s+(?:home|back)|evacuat\w*|escaped|stranded|duped|tricked|"
    r"hostages?|confined|captive|enslaved|deceived|released|recruited|taken\s+to|flown|airlifted|"
    r"sent\s+home|came\s+home|arrived\s+home|handed\s+over|crossed|sought\s+safety|shelters?|"
    r"compounds?|scam\s+cent(?:re|er)s?|revolt|staged)\b",
    re.IGNORECASE,
)
STRONG_VICTIM_RE = re.compile(
    r"\b(?:promised\s+(?:\w+\s+)?jobs?|"
    r"traffick\w*|rescu\w*|repatriat\w*|held|trapped|lured|freed|victims?|forced|hostages?|confined|"
    r"duped|tricked|enslaved|escaped|evacuat\w*|stranded|(?:returned|brought|sent|flown|came|arrived)\s+home|"
    r"airlifted|captive)\b",
    re.IGNORECASE,
)
SUSPECT_RE = re.compile(
    r"\b(?:sanction\w*|charges|trial|guilty|pleaded|admitted|suspects?|arrested|arrests|detained|deported|deportation|charged|accused|bosses|ringleaders?|"
    r"masterminds?|extradit\w*|sentenced|convicted|prosecuted)\b",
    re.IGNORECASE,
)
# Nouns for people after a nationality adjective ("Thai nationals", "Kenyan victims").
PEOPLE_NOUNS = frozenset(
    """
    nationals national citizens citizen victims victim workers worker people persons men women children
    youths youth students migrants migrant survivors returnees nationals, job-seekers jobseekers
    labourers laborers employees staff teenagers boys girls hostages individuals passport-holders
    """.split()
)
SINGULAR_PEOPLE = frozenset({"national", "citizen", "victim", "worker", "youth", "migrant"})
# Words that may stand between a nationality and its people noun ("Indian trafficking victims").
PEOPLE_MODIFIERS = frozenset({"trafficking", "trafficked", "scam", "job", "young", "male", "female",
                              "human", "other", "fellow", "stranded"})
SUSPECT_NOUNS = frozenset({"suspects", "suspect", "bosses", "boss", "nationals,", "gangsters", "fugitives",
                           "ringleaders", "police", "officials", "authorities", "government"})
# Gap between a figure and the nationality it counts ("40 Malaysian", "23 of its", "8 were").
COUNT_GAP = re.compile(r"\s*(?:\(\d+\)\s*)?(?:(?:young|more|other|fellow|trafficked|stranded)\s+)?")
COUNT_AFTER = re.compile(
    r"\s+(?:(?:were|was|are|is)\s+(?:identified\s+as\s+|from\s+)?|came\s+from\s+|(?:citizens|nationals)\s+of\s+|"
    r"from\s+)"
)
FROM_ORIGIN = re.compile(
    r"\b(?:victims|people|workers|individuals|migrants|men|women|man|woman|person|child|children|girl|boy|"
    r"numbers|others|recruits|who\s+came|came|were|was|hailing|originating|originally|each|recruited|lured)"
    r"\s+(?:\w+\s+)?from\s+$|"
    r"\b(?:citizens|nationals)\s+of\s+(?:other\s+countries,?\s+)?(?:including\s+|such\s+as\s+|like\s+)?$|"
    r"\bfrom\s+(?:\d+|[a-z]+(?:\s+than\s+\d+)?)\s+(?:other\s+)?(?:countries|nations|nationalities),?\s+"
    r"(?:including|such\s+as|like|among\s+them)\s+$",
    re.IGNORECASE,
)
# A verb just before a nationality that frames the people as suspects ("arrested six Taiwanese").
SUSPECT_BEFORE = re.compile(
    r"\b(?:arrested|arresting|detained|detaining|deported|deporting|charged|nabbed|caught|apprehended|"
    r"extradited|sentenced|convicted)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# A figure counting people of the nationality of the sentence before ("41 of them", "the remaining 16").
FOLLOW_UP = re.compile(
    r"^\s+(?:of\s+(?:them|the\s+\w+)|individuals|people|persons|more|others|victims|returnees|nationals|"
    r"citizens|were|had|have|are|remain|still|arrived|on\s+\w+day)\b",
    re.IGNORECASE,
)
FOLLOW_UP_BEFORE = re.compile(r"\b(?:remaining|another|additional|first|last|total\s+of|other)\s+$", re.I)
LIST_GAP = re.compile(
    r"^\s*(?:,\s*(?:and\s+|or\s+)?(?:even\s+)?|\s+(?:and|or)\s+(?:even\s+)?)(?:the\s+)?$"
)
OWN_NATIONALS = re.compile(
    r"\b(?:its|their|our)\s+(?:own\s+)?(?:citizens|nationals|compatriots|people)\b|\bcompatriots\b", re.I
)
BARE_NATIONALS = re.compile(r"(?<!foreign )\b(?:citizens|nationals|compatriots)\b(?!\s+of\b)", re.I)
# Scam targets, not trafficked people ("Western victims of online fraud", "targeting Japanese").
TARGETS_AFTER = re.compile(
    r"\s+(?:\w+\s+)?(?:victims|targets|investors|users|consumers)\s+of\s+(?:[\w-]+\s+){0,2}"
    r"(?:scams?|fraud|swindles?|fraudsters|scammers)\b",
    re.I,
)
TARGETS_BEFORE = re.compile(
    r"\b(?:targeting|targeted|targets|defraud|defrauding|defrauded|swindling|swindled|scamming|scammed|harmed|"
    r"harming|harm|harms|target|defrauds|victimized|victimised|by)\s+(?:the\s+)?$",
    re.I,
)
ONWARD = re.compile(
    r"(?:\s+and\s+|,\s*|\s+)(?:[^.;,]{0,40}?\b(?:then|diverted|transferred|moved|sold|smuggled|taken|sent|"
    r"onward|later|before\s+being)\b[^.;,]{0,25}?\b(?:to|into|in)\s+(?:the\s+)?|(?:then\s+)?(?:to\s+)?)"
)
# Characters within which a place named beside the victims is taken as where they were.
NEAR = 50
# "evacuate the victims from X": X is where they were, not where they are from.
OUT_OF = re.compile(
    r"\b(?:evacuat|rescu|repatriat|freed|free|return|brought|flown|escap|extract|pull)\w*\b[^.;]*$", re.I
)
OF_GAP = re.compile(r"\s+of\s+")
DEST_BEFORE = re.compile(r"(?:\bin|\bto|\binto|\bat|\bfrom|\bacross|-based)\s+(?:the\s+)?$", re.I)

HELD_BEFORE = re.compile(
    r"\b(?:compounds?|scam\s+(?:cent(?:re|er)s?|hubs?|operations?|industry|factories)|held|trapped|"
    r"trafficked|forced|camps?|hubs?|cent(?:re|er)s?|syndicates?|captive|working|work|rescued|"
    r"located|based|operating|stuck|detained|jobs?)\b"
    r"(?:\s+(?!(?:are|were|is|was|be|been|being|said|says|waiting|now|then|and|but|or|after|before)\b)[a-z]+){0,3}"
    r"\s+(?:in|at|inside|into|within|across|near|to|from)\s+(?:the\s+)?(?:[A-Z][\w'’-]*,?\s+){0,3}$",
    re.IGNORECASE,
)
# A place named as the seat of scam sites ("a Myanmar scam compound", "Cambodian scam centres").
SITE_AFTER = re.compile(
    r"[-\s]+(?:based\s+)?(?:online\s+|cyber\s*|job\s+)?(?:scam|fraud|scamming)\s+"
    r"(?:compounds?|cent(?:re|er)s?|hubs?|parks?|operations?|factories|factory|dens?|camps?|zones?|industry|"
    r"gangs?|syndicates?|rings?|networks?)\b",
    re.IGNORECASE,
)
# Cues that put the victims themselves at the place (stronger than "jobs in X" or "based in X").
HELD_STRONG = re.compile(
    r"\b(?:compounds?|held|trapped|captive|confined|detained|forced|camps?|scam\s+cent(?:re|er)s?|stuck|"
    r"enslaved)\b"
    r"[^.;]{0,40}$",
    re.IGNORECASE,
)
# Officials who "came from" a country are not victims ("officers came from Norway to accompany them").
OFFICIALS = re.compile(
    r"\b(?:police\w*|officers?|officials?|delegations?|investigators?|diplomats?|envoys?|agents?|troops)\b"
    r"[^.;,]{0,25}$",
    re.IGNORECASE,
)
