"""The victim policy over the fused picture of the invented reports: every victim phrasing is
withheld, every official and suspect stays visible, the decision holds across reports, and the
redaction keeps offsets, snippets, addresses and searches from telling a name."""

from __future__ import annotations

import pytest

from ringscope.extract import extract
from ringscope.fuse import Picture, fuse
from ringscope.model import Report
from ringscope.privacy import Policy, decide
from ringscope.privacy import view as views

from .corpus import reports
from .leaks import PUBLIC_NAMES, VICTIM_NAMES, leaks
from .phrasings import PUBLIC_PHRASINGS, VICTIM_PHRASINGS


def _record(report_id: str, text: str, published: str = "2026-01-01") -> dict[str, str]:
    """One invented report, its outlet named after its id."""
    return {
        "id": report_id,
        "source": report_id.upper(),
        "url": "",
        "published": published,
        "title": "",
        "text": text,
    }


def _picture(records: list[dict[str, str]]) -> Picture:
    items = []
    for r in records:
        report = Report(r["text"], r["source"], r["url"], r["published"], r["title"], r["id"])
        items.append((report, extract(report.text, report.published)))
    return fuse(items)


@pytest.fixture(scope="module")
def picture() -> Picture:
    return _picture(reports())


@pytest.fixture(scope="module")
def policy(picture: Picture) -> Policy:
    return decide(picture)


def _withheld_names(policy: Policy) -> set[str]:
    return {n for w in policy.withheld.values() for n in w.names}


@pytest.mark.parametrize("phrasing", VICTIM_PHRASINGS, ids=[p.id for p in VICTIM_PHRASINGS])
def test_every_victim_phrasing_is_withheld(policy: Policy, phrasing: object) -> None:
    name = phrasing.name  # type: ignore[attr-defined]
    assert any(name in n for n in _withheld_names(policy)), name
    assert name not in policy.text(phrasing.sentence.format(name))  # type: ignore[attr-defined]


@pytest.mark.parametrize("phrasing", PUBLIC_PHRASINGS, ids=[p.id for p in PUBLIC_PHRASINGS])
def test_officials_and_suspects_stay_visible(policy: Policy, phrasing: object) -> None:
    name = phrasing.name  # type: ignore[attr-defined]
    assert not any(name in n for n in _withheld_names(policy))
    sentence = phrasing.sentence.format(name)  # type: ignore[attr-defined]
    assert name in (policy.text(sentence) or "")


def test_phrasing_counts(policy: Policy) -> None:
    assert len(VICTIM_PHRASINGS) >= 30 and len(PUBLIC_PHRASINGS) >= 6
    print(f"victim phrasings withheld: {len(VICTIM_PHRASINGS)}; officials and suspects: {len(PUBLIC_NAMES)}")
    assert len({w.label for w in policy.withheld.values()}) == len(policy.withheld)


def test_a_victim_named_plainly_elsewhere_is_withheld_there_too(picture: Picture, policy: Policy) -> None:
    redacted = views.picture(policy, picture)
    by_id = {r.external_id: r for r in redacted.reports.values()}
    later = [r for key, r in by_id.items() if (key or "").startswith("later-")]
    assert later and all(not leaks(r.text) for r in later)
    # the same person has the same placeholder in the framing report and the plain one
    label = next(w.label for w in policy.withheld.values() if VICTIM_NAMES[0] in w.names)
    assert label in by_id["inv-00"].text and label in by_id["later-00"].text


def test_a_part_of_the_store_follows_the_whole_stores_decision(picture: Picture, policy: Policy) -> None:
    later = [r for r in reports() if r["id"].startswith("later-")]
    alone = decide(_picture(later))  # the plain mentions alone frame no one
    assert any(leaks(alone.text(r["text"]) or "") for r in later)
    part = _picture(later)
    redacted = views.picture(policy, part)  # with the whole store's policy nobody is named
    assert all(not leaks(r.text) for r in redacted.reports.values())
    assert all(not leaks(e.name + " ".join(e.aliases)) for e in redacted.entities)


def test_an_honorific_elsewhere_does_not_unhide() -> None:
    records = [
        _record("a", "Juno Castellane was lured to a compound and held for a year."),
        _record(
            "b",
            "Ms Juno Castellane said the food was scarce. Police Major Edda Rusk led the raid.",
            "2026-01-02",
        ),
    ]
    policy = decide(_picture(records))
    assert "Juno" not in (policy.text(records[1]["text"]) or "")
    assert "Edda Rusk" in (policy.text(records[1]["text"]) or "")


def test_a_private_person_without_role_is_withheld_an_official_is_not() -> None:
    records = [
        _record(
            "a",
            "Scam bosses held 300 people in the compound. Mattias Orrery said the food was scarce."
            " Police Colonel Edda Rusk said the compound was closed.",
        ),
    ]
    policy = decide(_picture(records))
    out = policy.text(records[0]["text"]) or ""
    assert "Mattias" not in out and "Orrery" not in out and "Edda Rusk" in out
    assert any(w.reasons == ("no_public_role",) for w in policy.withheld.values())


def test_placeholders_are_stable(picture: Picture) -> None:
    first, second = decide(picture), decide(picture)
    assert [(w.key, w.label) for w in first.withheld.values()] == [
        (w.key, w.label) for w in second.withheld.values()
    ]
    assert first.withheld and list(first.withheld.values())[0].label == "[victim 1]"


def test_offsets_follow_the_redaction(picture: Picture, policy: Policy) -> None:
    checked = 0
    for report in picture.reports.values():
        redacted = policy.redact(report.text)
        for entity in extract(report.text).entities:
            for m in entity.mentions:
                start, end = redacted.span(m.start, m.end)
                piece = redacted.text[start:end]
                assert piece == (policy.text(m.text) or "") or piece.startswith("[victim"), (m, piece)
                checked += 1
    assert checked > 50


def test_snippet_markers_do_not_defeat_the_redaction(policy: Policy) -> None:
    name = VICTIM_NAMES[2]
    first, last = name.split()
    snippet = f"…the advert said «{first}» {last} was «lured» abroad…"
    out = policy.redactor.marked(snippet, "«", "»")
    assert first not in out and last not in out and "«lured»" in out and "[victim" in out


def test_addresses_lose_the_name(policy: Policy) -> None:
    slug = VICTIM_NAMES[0].lower().replace(" ", "-")
    url = policy.url(f"https://example.org/news/{slug}-tells-her-story?ref={slug}")
    assert url is not None and VICTIM_NAMES[0].split()[1].lower() not in url
    assert url.startswith("https://example.org/news/")
    assert policy.url("https://example.org/wire/crackdown") == "https://example.org/wire/crackdown"


def test_an_address_naming_no_one_is_kept_as_it_is_not_copied(policy: Policy) -> None:
    address = "".join(["https://example.org/wire/", "raid-at-the-port?page=2#top"])  # made at run time
    assert policy.url(address) is address


def test_searches_for_a_victim_answer_nothing(policy: Policy) -> None:
    name = VICTIM_NAMES[5]
    for query in (
        name,
        f'"{name}"',
        name.split()[1],
        name.split()[0][:4] + "*",
        f"compound AND {name.split()[1]}",
    ):
        assert policy.blocks_query(query), query
    for query in ("compound", "lured", PUBLIC_NAMES[0], "Varrowfield"):
        assert not policy.blocks_query(query), query


def test_a_country_or_nationality_is_nobodys_name() -> None:
    records = [
        _record(
            "a",
            "Nineteen Kenyans were trafficked to Myanmar and beaten there. Victim Ilse Varrow said"
            " Peruvians were forced to work. Mattias Orrery, who escaped, said Myanmar was far from home.",
        ),
    ]
    policy = decide(_picture(records))
    out = policy.text(records[0]["text"]) or ""
    assert "Kenyans" in out and "Peruvians" in out and out.count("Myanmar") == 2
    assert "Ilse Varrow" not in out and "Mattias" not in out
    names = _withheld_names(policy)
    assert not {"Kenyans", "Peruvians", "Myanmar"} & names


def test_place_words_are_whole_names_only() -> None:
    from ringscope.privacy.policy import place_word

    assert place_word("Kenyans") and place_word("Myanmar") and place_word("Myanmar’s")
    assert not place_word("Ilse Varrow") and not place_word("Kenyan Ministry of Tides")


def test_a_span_after_a_withheld_name_moves_by_the_placeholder_and_shares_its_offsets(policy: Policy) -> None:
    name = VICTIM_NAMES[0]
    text = f"{name} spoke first. " + "The inquiry heard from several officers at length. " * 8
    redacted = policy.redact(text)
    label_end = redacted.text.index(" spoke first.")
    shift = label_end - len(name)
    at = text.index("officers", 300)
    first, again = redacted.span(at, at + 8), redacted.span(at, at + 8)
    assert first == (at + shift, at + 8 + shift) and redacted.text[first[0]:first[1]] == "officers"
    assert first[0] is again[0] and first[1] is again[1]  # one object for each offset, not one per span
    unchanged = policy.redact("Nothing withheld here, " * 20)
    start = int("300")
    assert unchanged.span(start, 320)[0] is start


def test_a_one_word_name_that_is_an_ordinary_word_is_replaced_only_where_capitalised() -> None:
    from ringscope.privacy.cues import load
    from ringscope.privacy.policy import Withheld
    from ringscope.privacy.redact import Redactor

    withheld = [
        Withheld("a", "[victim 1]", frozenset({"Hope"}), ("victim",)),
        Withheld("b", "[victim 2]", frozenset({"Zorvatek"}), ("victim",)),
    ]
    redactor = Redactor.build(withheld, (), load())
    text = "Families hope for news. Hope was freed; zorvatek and Zorvatek were not. HOPE."
    assert redactor.redact(text).text == (
        "Families hope for news. [victim 1] was freed; [victim 2] and [victim 2] were not. [victim 1]."
    )
    assert redactor.blocks("hope") and redactor.blocks("zorvatek")  # searches still answer nothing


def test_a_first_name_the_extractor_took_for_a_body_is_withheld_when_named_with_an_age() -> None:
    text = (
        "Another survivor, who gave only his first name, Tevo, said the guards were armed. "
        "Tevo, 19, and his friend Sela, 22, were flown home."
    )
    policy = decide(_picture([_record("fn", text)]))
    assert "Tevo" in _withheld_names(policy)
    assert "Tevo" not in (policy.text(text) or "")


def test_bodies_stay_shown_under_private_or_victim_cues_that_fit_a_body() -> None:
    text = (
        "The accounts were frozen, Kestrel said, and Kestrel worked with the police on the case. "
        "Based on a report received by the Harrow Herald, the victims rescued included 90 foreigners."
    )
    policy = decide(_picture([_record("bd", text)]))
    shown = policy.text(text) or ""
    assert "Kestrel worked" in shown and "Harrow Herald" in shown
