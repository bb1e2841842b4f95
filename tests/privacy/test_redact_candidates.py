"""The redactor matches each text against only the names that can occur in it; the result must be
the one the alternation of every withheld name gives, whatever the case of the text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ringscope.privacy.alternation import Alternation, text_runs, text_tokens
from ringscope.privacy.alternation import union as _union

NAMES = [
    "Istvan Kovacs", "Selin Aydin", "Kara", "Jean-Luc Moreau", "Ostrava Sisters", "Σοφία Λάμπρου", "O'Neill",
    "Kara Kara", "Moreau Moreau",
]
TEXTS = [
    "ISTVAN KOVACS spoke; istvan   kovacs later too.",
    "İstvan Kovacs and ıstvan kovacs were named.",  # dotted and dotless i are the engine's case variants
    "Selın Aydın, KARA and ſelin aydin were there.",
    "jean-luc moreau met Jean-Luc  Moreau; Jean Luc Moreau is no match.",
    "\u212aara (a Kelvin sign) and the ostrava sisters; ΣΟΦΊΑ ΛΆΜΠΡΟΥ and σοφία λάμπρου.",
    "Kara Kara Kara and jean-luc moreau moreau: repeated and overlapping names.",
    "Nobody named here: Karavan, Kovacsne, o'neill's cousin, O'Neill.",
]


def _full(names: list[str]) -> re.Pattern[str] | None:
    return _union([r"\s+".join(re.escape(w) for w in n.split()) for n in names], re.IGNORECASE)


def test_only_the_names_that_can_occur_are_matched_and_they_match_as_the_full_alternation() -> None:
    names = sorted(NAMES, key=len, reverse=True)
    alternation = Alternation(tuple((r"\s+".join(re.escape(w) for w in n.split()), n) for n in names),
                              re.IGNORECASE)
    full = _full(names)
    assert full is not None
    for text in TEXTS:
        expected = [(m.start(), m.end()) for m in full.finditer(text)]
        assert alternation.spans(text, text_runs(text)) == expected, text
    assert alternation.candidates(text_tokens("nothing of note")) == ()
    assert len(alternation.candidates(text_tokens(TEXTS[0]))) == 1


def test_case_variants_the_engine_joins_are_one_token() -> None:
    pairs = (("İSTVAN", "istvan"), ("ſelin", "SELIN"), ("\u212aARA", "kara"), ("ΣΟΦΊΑΣ", "σοφίας"))
    for upper, lower in pairs:
        assert re.fullmatch(re.escape(upper), lower, re.IGNORECASE)
        assert text_tokens(upper) == text_tokens(lower)


def test_random_texts_of_name_words_match_as_the_full_alternation() -> None:
    import random

    rng = random.Random(7)
    names = sorted(NAMES, key=len, reverse=True)
    alternation = Alternation(tuple((r"\s+".join(re.escape(w) for w in n.split()), n) for n in names),
                              re.IGNORECASE)
    full = _full(names)
    assert full is not None
    words = [w for n in NAMES for w in n.split()] + ["and", "the", "-", "'s", "Karas", "x"]
    for _ in range(400):
        text = ""
        for _ in range(rng.randint(1, 12)):
            word = rng.choice(words)
            word = word.upper() if rng.random() < 0.2 else word
            text += word + rng.choice([" ", " ", "  ", "\t", "-", "'"])
        expected = [(m.start(), m.end()) for m in full.finditer(text)]
        assert alternation.spans(text, text_runs(text)) == expected, text


def test_candidates_of_short_and_long_token_sets_are_every_name_whose_words_are_all_there() -> None:
    import random

    from ringscope.privacy.alternation import SUBSET_TOKENS

    rng = random.Random(11)
    words = ["ana", "bo", "cruz", "dela", "eko", "fa", "gil", "ha", "ito", "jun", "ka", "lu"]
    names = sorted({" ".join(rng.sample(words, rng.randint(1, 4))) for _ in range(60)}, key=len, reverse=True)
    alternation = Alternation(tuple((r"\s+".join(re.escape(w) for w in n.split()), n) for n in names),
                              re.IGNORECASE)
    for size in range(SUBSET_TOKENS + 4):  # both ways of finding candidates
        for _ in range(30):
            present = set(rng.sample(words, size))
            expected = tuple(n for n, name in enumerate(names) if set(name.split()) <= present)
            assert alternation.candidates(present) == expected, present


_TRICKY = "aAsSſkK\u212aiIİıσΣςß_'’-. \t\u00a0\u2009\n0٣é\u0301"


@given(
    name=st.lists(st.text(_TRICKY.replace(" ", "").replace("\t", "").replace("\n", "").replace("\u00a0", "")
                          .replace("\u2009", ""), min_size=1, max_size=4), min_size=1, max_size=3),
    text=st.text(_TRICKY, max_size=30),
)
@settings(max_examples=400, deadline=None)
def test_a_name_is_matched_without_its_regex_exactly_where_its_regex_matches(
    name: list[str], text: str
) -> None:
    written = " ".join(name)
    body = r"\s+".join(re.escape(w) for w in written.split())
    alternation = Alternation(((body, written),), re.IGNORECASE)
    pattern = re.compile(rf"(?<![\w'’-])(?:{body})(?![\w-])", re.IGNORECASE)
    half = len(text) // 2
    # the name itself, in other case and spacing, inside the text too
    for within in (text, text[:half] + "\u00a0 ".join(w.swapcase() for w in name) + text[half:]):
        for start in range(len(within) + 1):
            match = pattern.match(within, start)
            found = alternation._end(0, within, start)
            assert found == (None if match is None else match.end()), (written, within, start)


def test_an_entry_whose_regex_is_not_its_words_is_matched_by_its_regex() -> None:
    alternation = Alternation(((r"Ka(?:ra|la)", "Kara"),), re.IGNORECASE)
    assert alternation._end(0, "kala and kara", 0) == 4
    assert alternation._end(0, "kala and kara", 9) == 13
    assert alternation._end(0, "kalas", 0) is None
