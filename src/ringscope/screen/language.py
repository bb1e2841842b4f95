"""A light language check: is an ad written in English (the language the screener supports)?

Latin-script text is compared against short lists of very frequent function words; other scripts
are named by their Unicode block. This is enough to refuse non-English ads with a clear reason
instead of scoring them as low risk.
"""

from __future__ import annotations

import re
from collections import Counter

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and to of a in for is you with are on be will we our your as at this or an "
                    "from have by it that all can not us job work experience".split()),
    "es": frozenset("el la los las de del y en que con por para una un es se su sus al trabajo".split()),
    "pt": frozenset("o os a as de do da dos das e em que com por para uma um no na trabalho".split()),
    "fr": frozenset("le la les des de du et en que pour une un est dans avec vous nous sur travail".split()),
    "de": frozenset("der die das und in zu den mit von für ist ein eine sie wir auf bei arbeit".split()),
    "it": frozenset("il lo la gli le di del e in che per con una un è sono lavoro della".split()),
    "nl": frozenset("de het een en van in op te voor met zijn wij je bij werk".split()),
    "pl": frozenset("i w na z do się nie jest to że od dla praca oraz lub jak po".split()),
    "id": frozenset("dan yang di untuk dengan ini itu dari ke pada kerja akan bisa kami anda gaji".split()),
    "tl": frozenset("ang ng mga sa na at ay para kung may trabaho po ko".split()),
    "vi": frozenset("và của là có được cho không với người các những này trong một làm việc".split()),
    "tr": frozenset("ve bir bu için ile da de olarak çok iş daha olan".split()),
    "sw": frozenset("na ya wa kwa ni za katika la kazi hii".split()),
}
SCRIPTS: tuple[tuple[str, str], ...] = (
    ("th", r"[\u0e00-\u0e7f]"), ("km", r"[\u1780-\u17ff]"), ("my", r"[\u1000-\u109f]"),
    ("lo", r"[\u0e80-\u0eff]"), ("zh", r"[\u4e00-\u9fff]"), ("ja", r"[\u3040-\u30ff]"),
    ("ko", r"[\uac00-\ud7af]"), ("ru", r"[\u0400-\u04ff]"), ("ar", r"[\u0600-\u06ff]"),
    ("hi", r"[\u0900-\u097f]"), ("ne", r"[\u0900-\u097f]"), ("bn", r"[\u0980-\u09ff]"),
    ("si", r"[\u0d80-\u0dff]"), ("am", r"[\u1200-\u137f]"), ("el", r"[\u0370-\u03ff]"),
    ("he", r"[\u0590-\u05ff]"), ("ta", r"[\u0b80-\u0bff]"),
)
_SCRIPT_RE = [(code, re.compile(rx)) for code, rx in SCRIPTS]
_STOP_LANGS: dict[str, tuple[str, ...]] = {}
for _code, _words in STOPWORDS.items():
    for _w in _words:
        _STOP_LANGS[_w] = (*_STOP_LANGS.get(_w, ()), _code)
_LETTER = re.compile(r"[^\W\d_]")
_NOT_ASCII_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())
_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 6
"""Below this many words the text is too short to judge and is taken as English."""
MIN_OTHER_HITS = 3
"""Function words of another language needed before a text is called non-English."""


def detect_language(text: str, sample: int = 1200) -> str:
    """An ISO 639-1 code: ``en`` or the language the text most looks like (``und`` if unknown)."""
    head = text[:sample]
    if not head.isascii():
        ascii_part = head.encode("ascii", "ignore")
        n_ascii = len(ascii_part.translate(None, _NOT_ASCII_LETTER))
        # Only when the ASCII letters are not already the majority can another script win.
        if n_ascii < len(head) - len(ascii_part):
            letters = _LETTER.findall(head)
            if not letters:
                return "und"
            if n_ascii < 0.5 * len(letters):
                counts: Counter[str] = Counter()
                for code, rx in _SCRIPT_RE:
                    counts[code] = len(rx.findall(head))
                best, n = counts.most_common(1)[0]
                if n >= 0.3 * len(letters):
                    return best
    words = _WORD.findall(head.lower())
    if len(words) < MIN_WORDS:
        return "en"
    word_counts = Counter(words)
    scores = dict.fromkeys(STOPWORDS, 0)
    for w in word_counts.keys() & _STOP_LANGS.keys():
        for code in _STOP_LANGS[w]:
            scores[code] += word_counts[w]
    best = max(scores, key=lambda c: scores[c])
    if scores["en"] >= 0.08 * len(words) and scores["en"] >= 0.8 * scores[best]:
        return "en"
    # Another language only on clear evidence; Latin-script keyword lists and short mixed text stay English.
    if best != "en" and scores[best] >= max(MIN_OTHER_HITS, 2 * scores["en"]):
        return best
    return "en"
