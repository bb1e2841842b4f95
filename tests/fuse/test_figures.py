"""Figures: which claims state one quantity, which are parts of a total, and what conflicts.

Every sentence here is invented. The `fires` / `not` examples of fuse/figures.yaml run as tests too.
"""

from __future__ import annotations

import pytest

from ringscope.extract import extract
from ringscope.fuse import fuse
from ringscope.fuse.figure_rules import Example, rules
from ringscope.fuse.figures import assign, claim_refs_of
from ringscope.fuse.outlets import independent_sources, outlet_of, registered_domain
from ringscope.fuse.refs import ClaimRef
from ringscope.model import Report


def refs_of(text: str, report_id: str = "r1", event: str | None = None) -> list[ClaimRef]:
    return claim_refs_of(report_id, text, extract(text, None).claims, event)


def holding(refs: list[ClaimRef], fragment: str) -> ClaimRef:
    found = [r for r in refs if fragment in r.claim.quote or fragment in r.phrase]
    assert found, f"no claim holds {fragment!r}: {[r.claim.quote for r in refs]}"
    return found[0]


EXAMPLES = [
    (rule.id, rule.kind, example, fires)
    for rule in rules().rules.values()
    for fires, examples in ((True, rule.fires), (False, rule.not_))
    for example in examples
]


IDS = [f"{r}-{'fires' if f else 'not'}-{i}" for i, (r, _, _, f) in enumerate(EXAMPLES)]


@pytest.mark.parametrize(("rule_id", "kind", "example", "fires"), EXAMPLES, ids=IDS)
def test_rule_examples(rule_id: str, kind: str, example: Example, fires: bool) -> None:
    refs = assign(refs_of(example.text))
    a, b = holding(refs, example.a), holding(refs, example.b)
    if kind == "same":
        linked = a.figure == b.figure and a.rule == rule_id
    else:
        linked = a.part_of == b.figure and a.part_rule == rule_id
    assert linked is fires, [(r.claim.quote, r.figure, r.part_of, r.rule, r.part_rule) for r in refs]


def test_a_breakdown_and_its_total_are_not_a_conflict() -> None:
    text = ("Norland repatriated 97 citizens held in a scam compound. 38 were repatriated on Thursday, "
            "followed by 59 more on Friday.")
    picture = fuse([(Report(text=text, id="a", source="Harbour Wire"), extract(text, None))])
    assert not picture.conflicts()
    parts = [f for f in picture.figures if f.part_of]
    total = next(f for f in picture.figures if f.value == 97)
    assert sorted(f.value or 0 for f in parts) == [38, 59]
    assert {f.part_of for f in parts} == {total.key}


def test_two_outlets_different_counts_of_one_figure_are_a_conflict() -> None:
    one = "Police in Norland rescued 1,212 workers from the Silver Fern compound on Sunday."
    two = ("A raid on the Silver Fern compound ended with 1,251 workers rescued, the Norland interior "
           "ministry said on Monday, adding that the site had run romance scams for two years.")
    items = [(Report(text=one, id="a", url="https://www.harbour-wire.example.com/x"), extract(one, None)),
             (Report(text=two, id="b", url="https://news.mekong-ledger.example.net/y"), extract(two, None))]
    picture = fuse(items)
    assert len(set(picture.event_of.values())) == 1
    (figure,) = picture.conflicts()
    assert figure.rule == "F3_close_count" and {r.report_id for r in figure.claims} == {"a", "b"}
    assert figure.flags and all(flag.reason for flag in figure.flags)
    # Two outlets with texts of their own: two independent sources.
    assert len({r.independent for r in figure.claims}) == 2


def test_qualified_and_exact_statements_of_one_figure_agree() -> None:
    refs = [
        *refs_of("More than 600 workers were rescued from the Silver Fern compound.", "a", "ev"),
        *refs_of("Officers rescued 647 workers from the Silver Fern compound.", "b", "ev"),
    ]
    assign(refs)
    assert len({r.figure for r in refs}) == 1


def test_other_groups_are_other_figures() -> None:
    refs = assign(refs_of("Officers rescued 48 Chileans and 48 Peruvians from the compound."))
    assert len({r.figure for r in refs}) == len(refs) == 2


def test_outlet_is_the_source_name_or_the_registered_domain() -> None:
    assert registered_domain("https://www.news.harbour-wire.co.uk/a/b") == "harbour-wire.co.uk"
    assert registered_domain(None) is None
    assert outlet_of("https://news.harbour-wire.co.uk/a", None) == "harbour-wire.co.uk"
    assert outlet_of("https://example.org/a", "Mekong Ledger") == "Mekong Ledger"


def test_near_identical_texts_on_two_domains_are_one_independent_source() -> None:
    text = ("Police in Norland rescued 57 workers from the Silver Fern compound on Sunday after a "
            "three-week investigation into a fraud ring that lured jobseekers with fake offers.")
    other = "The Norland harbour authority opened a new ferry terminal for travellers on Monday."
    reports = [Report(text=text, id="a", url="https://harbour-wire.example.com/1"),
               Report(text=text + " Reporting by staff.", id="b", url="https://copies.example.net/2"),
               Report(text=other, id="c", url="https://third.example.org/3")]
    sources = independent_sources(reports)
    assert sources["a"] == sources["b"] != sources["c"]


def test_the_registered_domain_is_read_from_the_url_before_its_path() -> None:
    """Outlets are looked up once per host: every shape of URL gives what the whole URL gives."""
    from ringscope.fuse.outlets import _extractor

    for url in ["https://www.news.harbour-wire.co.uk/a", "news.harbour-wire.co.uk/x?y=1",
                "http://user:pw@a.b.harbour-wire.com:8080/p#f", "https://harbour-wire.com?x=/y",
                "//cdn.harbour-wire.net/x", "harbour-wire.org", "ftp://x.gov.uk/file"]:
        parts = _extractor()(url)
        assert parts.domain and parts.suffix
        assert registered_domain(url) == f"{parts.domain}.{parts.suffix}".lower(), url
