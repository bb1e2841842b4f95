"""FollowTheMoney export: validity against the FtM model, links, ids; redacted items export no victim."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from export_fixtures import TEXT_A, items
from ftm_checks import check_entity, check_references

from ringscope.export.ftm import claim_title, to_ftm, write_ftm
from ringscope.export.ftm_fused import RoleRule, role_rule, role_rules
from ringscope.fuse import fuse
from ringscope.model import Claim, Entity


def _export(**options: bool) -> list[dict[str, Any]]:
    buffer = io.StringIO()
    count = write_ftm(items(), buffer, **options)
    lines = buffer.getvalue().splitlines()
    assert count == len(lines)
    return [json.loads(line) for line in lines]


def _by_schema(entities: list[dict[str, Any]], schema: str) -> list[dict[str, Any]]:
    return [e for e in entities if e["schema"] == schema]


def _named(entities: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [e for e in entities if name in e["properties"].get("name", [])]


def test_every_entity_is_valid_for_its_schema() -> None:
    entities = _export(include_text=True)
    assert len(entities) > 10
    for data in entities:
        assert check_entity(data) == [], data


def test_links_point_to_existing_entities_in_range() -> None:
    entities = _export()
    assert check_references(entities) == []
    assert len({e["id"] for e in entities}) == len(entities)


def test_ids_are_deterministic() -> None:
    first = io.StringIO()
    second = io.StringIO()
    write_ftm(items(), first)
    write_ftm(items(), second)
    assert first.getvalue() == second.getvalue()


def test_same_entity_across_reports_is_one_entity_with_aliases() -> None:
    entities = _export()
    places = [e for e in _by_schema(entities, "Address") if "Myanmar" in e["properties"]["name"]]
    assert len(places) == 1
    docs = [
        d for d in _by_schema(entities, "Documentation") if d["properties"]["entity"] == [places[0]["id"]]
    ]
    assert len(docs) == 2
    person = _named(entities, "Arvid Nettlé")
    assert len(person) == 1 and person[0]["schema"] == "Person"
    assert "Arvid Nettle" in person[0]["properties"]["alias"]
    assert set(person[0]["properties"]["position"]) == {"Police Colonel", "Colonel"}
    resolved = [e for e in fuse(items()).entities if e.type == "Person" and "Arvid Nettle" in e.aliases]
    assert person[0]["id"] == resolved[0].id


def _redacted_export() -> list[dict[str, Any]]:
    from ringscope.fuse import fuse
    from ringscope.privacy import decide
    from ringscope.privacy import view as views

    picture = fuse(items())
    buffer = io.StringIO()
    write_ftm(views.items(decide(picture), picture, items()), buffer)
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_redacted_items_export_placeholders_and_raw_items_names() -> None:
    default = _redacted_export()
    text = json.dumps(default, ensure_ascii=False)
    assert "Tomas Reed" not in text and "Reed" not in text and "Arvid Nettlé" in text
    placeholder = _named(default, "[victim 1]")
    assert len(placeholder) == 1 and placeholder[0]["schema"] == "Person"
    assert check_references(default) == []
    included = _export()
    victim = _named(included, "Tomas Reed")
    assert len(victim) == 1 and victim[0]["schema"] == "Person"
    seized = next(e for e in _by_schema(included, "Event") if "seized" in e["properties"].get("keywords", [])
                  and "claim" in e["properties"]["keywords"])
    assert seized["properties"]["involved"] == [victim[0]["id"]]
    assert json.loads(seized["properties"]["description"][0])["speaker"] == "Tomas Reed"


def test_report_becomes_an_article_and_text_only_on_request() -> None:
    articles = _by_schema(_export(), "Article")
    assert len(articles) == 2
    first = articles[0]["properties"]
    assert first["sourceUrl"] == ["https://example.org/lantern-gazette/silver-fern"]
    assert first["publishedAt"] == ["2026-02-10"]
    assert first["publisher"] == ["Lantern Gazette"]
    assert "bodyText" not in first
    with_text = _by_schema(_export(include_text=True), "Article")
    assert with_text[0]["properties"]["bodyText"] == [TEXT_A]


def test_claims_are_cited_events() -> None:
    entities = _export()
    article_id = _by_schema(entities, "Article")[0]["id"]
    events = {
        e["properties"]["summary"][0]: e
        for e in _by_schema(entities, "Event")
        if "claim" in e["properties"].get("keywords", [])
    }
    rescued = events["140 people were freed"]["properties"]
    assert rescued["name"] == ["Victims rescued: 140"]
    assert rescued["proof"] == [article_id]
    assert rescued["date"] == ["2026-02-09"]
    assert rescued["country"] == ["mm"]
    assert rescued["involved"] == [_named(entities, "Arvid Nettlé")[0]["id"]]
    fields = json.loads(rescued["description"][0])
    assert fields["measure"] == "victims_rescued"
    assert (fields["start"], fields["end"]) == (TEXT_A.index("140 people"), TEXT_A.index(" from the"))
    ranged = events["between 1,200 and 1,500 people are still held"]["properties"]
    assert ranged["name"] == ["People trafficked / held: 1,200-1,500"]
    money = events["about $3 billion a year"]["properties"]
    assert money["name"] == ["Criminal proceeds: about 3,000,000,000 USD a year"]


def test_routes_are_trips_between_country_addresses() -> None:
    entities = _export()
    by_id = {e["id"]: e for e in entities}
    trips = _by_schema(entities, "Trip")
    assert len(trips) == 1
    trip = trips[0]["properties"]
    assert trip["summary"] == ["32 Kenyans"]
    assert trip["name"] == ["Trafficking route Kenya -> Myanmar"]
    assert json.loads(trip["description"][0])["count"] == 32
    assert by_id[trip["startLocation"][0]]["properties"]["country"] == ["ke"]
    destination = by_id[trip["endLocation"][0]]
    assert destination["properties"]["name"] == ["Myanmar"]
    myanmar = [e for e in fuse(items()).entities if e.type == "Location" and e.name == "Myanmar"]
    assert destination["id"] == myanmar[0].id  # the resolved place, not a second Myanmar


def test_to_ftm_gives_reports_first() -> None:
    schemas = [proxy.schema.name for proxy in to_ftm(items())]
    assert schemas[:2] == ["Article", "Article"]
    assert "Article" not in schemas[2:]


def test_claim_title_qualifiers() -> None:
    claim = Claim("arrests", 12.0, 12.0, 12.0, "at_least", "people", "at least 12", 0, 11)
    assert claim_title(claim) == "Arrests: at least 12"


def test_checker_rejects_what_followthemoney_would_not_accept() -> None:
    assert check_entity({"id": "x", "schema": "Event", "properties": {"colour": ["red"]}}) != []
    assert check_entity({"id": "x", "schema": "Event", "properties": {"summary": ["no name"]}}) != []
    assert check_entity({"id": "x", "schema": "Event", "properties": {"name": ["n"], "date": ["soon"]}}) != []
    dangling = {"id": "d", "schema": "Documentation", "properties": {"document": ["a"], "entity": ["b"]}}
    assert check_references([dangling]) != []


def test_followthemoney_cli_accepts_the_export_unchanged(tmp_path: Path) -> None:
    """FtM's own ``ftm validate`` re-parses every entity; nothing may be dropped or altered."""
    ftm = Path(sys.executable).with_name("ftm")
    if not ftm.exists():
        pytest.skip("the followthemoney command-line tool is not installed next to this Python")
    source = tmp_path / "export.ftm.jsonl"
    with source.open("w", encoding="utf-8") as fh:
        write_ftm(items(), fh, include_text=True)
    result = subprocess.run(
        [str(ftm), "validate", "-i", str(source)], capture_output=True, text=True, check=True, timeout=120
    )
    ours = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    theirs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["id"], e["schema"], e["properties"]) for e in theirs] == [
        (e["id"], e["schema"], e["properties"]) for e in ours
    ]


def test_articles_name_the_outlet_never_an_input_file() -> None:
    from ringscope.export.fused import is_local_path, publisher, title
    from ringscope.model import Report

    assert is_local_path("/tmp/in/report.txt") and is_local_path("reports.jsonl") and is_local_path("-")
    assert not is_local_path("Lantern Gazette") and not is_local_path("news.example.org")
    local = Report(text="x", source="/data/in/briefing.txt", published="2026-01-02",
                   url="https://www.news.lantern-gazette.co.uk/a", title="/data/in/briefing.txt")
    assert publisher(local) == "lantern-gazette.co.uk"
    assert title(local) == "Report by lantern-gazette.co.uk, 2026-01-02"
    bare = Report(text="x", source="./in/a.html")
    assert publisher(bare) is None and title(bare) == "Report by an unknown outlet, undated"


@pytest.mark.parametrize("rule", role_rules(), ids=lambda r: r.id)
def test_role_rules_fire_on_their_examples(rule: RoleRule) -> None:
    assert rule.fires and rule.not_ and rule.reason
    for role in rule.fires:
        assert role_rule(role) == rule, role
    for role in rule.not_:
        assert role_rule(role) != rule, role


def test_roles_become_employment_membership_or_unknown_links() -> None:
    from ringscope.export.ftm_fused import role_proxies, role_schema
    from ringscope.export.fused import fused
    from ringscope.model import Extraction, Mention, Report

    assert role_schema("spokesperson of the Harbour Police Agency") == "Employment"
    assert role_schema("a member of the Copper Kite gang") == "Membership"
    assert role_schema("friend of the Harbour Police Agency") == "UnknownLink"
    text = "Ines Morrow, director of the Harbour Police Agency, spoke. The Harbour Police Agency agreed."
    report = Report(text=text, source="Delta Courier", published="2026-02-01")
    extraction = Extraction(entities=[
        Entity("Person", "Ines Morrow", roles=["director of the Harbour Police Agency"],
               mentions=[Mention(0, 11, "Ines Morrow")]),
        Entity("Organization", "Harbour Police Agency",
               mentions=[Mention(text.rindex("Harbour"), len(text) - 8, "Harbour Police Agency")]),
    ])
    data = fused([(report, extraction)])
    links = list(role_proxies(data, {report.id: "article"}))
    assert [p.schema.name for p in links] == ["Employment"]
    ids = {e.name: e.id for e in data.picture.entities}
    assert links[0].get("employee") == [ids["Ines Morrow"]]
    assert links[0].get("employer") == [ids["Harbour Police Agency"]]
    assert links[0].get("role") == ["director of the Harbour Police Agency"]
    assert json.loads(links[0].get("description")[0]) == {"rule": "employment"}


def test_redacted_picture_exports_no_victim_anywhere() -> None:
    from ringscope.privacy import decide
    from ringscope.privacy import view as views

    picture = fuse(items())
    policy = decide(picture)
    buffer = io.StringIO()
    write_ftm(views.items(policy, picture, items()), buffer, include_text=True,
              picture=views.picture(policy, picture))
    entities = [json.loads(line) for line in buffer.getvalue().splitlines()]
    assert "Reed" not in buffer.getvalue()
    assert check_references(entities) == []
    victim = _named(entities, "[victim 1]")
    assert len(victim) == 1
    docs = [d for d in _by_schema(entities, "Documentation")
            if d["properties"]["entity"] == [victim[0]["id"]]]
    spans = json.loads(docs[0]["properties"]["description"][0])["spans"]
    body = next(a for a in _by_schema(entities, "Article") if a["id"] == docs[0]["properties"]["document"][0])
    text = body["properties"]["bodyText"][0]
    assert [text[s["start"] : s["end"]] for s in spans] == [s["text"] for s in spans] == ["[victim 1]"]
