"""``ringscope explain``: every number of a text with the claim it became or the rule that dropped it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TEXT = "Police rescued 40 workers from the compound in 2019. Officers seized 300 laptops."


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RINGSCOPE_")}
    result = subprocess.run([sys.executable, "-m", "ringscope.cli", "explain", *args], cwd=cwd, input=stdin,
                            capture_output=True, text=True, env=env, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_explain_json_names_the_rule_of_each_claim_and_the_veto_of_each_dropped_one(tmp_path: Path) -> None:
    result = run("--text", TEXT, "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)["numbers"]
    assert [(i["figure"], i["measure"], i["rule"], i["trigger"], i["veto"]) for i in items] == [
        ("40", "victims_rescued", "claim.nearest_trigger", "trigger.rescue", None),
        ("2019", None, None, None, "number.year"),
        ("300", None, None, None, "veto.not_counted"),
    ]
    assert all(i["reason"] for i in items)


def test_explain_reads_a_file_or_standard_input(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    from_file = run(str(path), cwd=tmp_path)
    from_stdin = run("-", cwd=tmp_path, stdin=TEXT)
    assert from_file.returncode == 0 and from_file.stdout == from_stdin.stdout
    lines = from_file.stdout.splitlines()
    assert lines[0] == "numbers:"
    assert "claim victims_rescued (rule claim.nearest_trigger, trigger trigger.rescue)" in lines[1]
    assert "dropped by number.year" in lines[2]


ITEMS = ("Police Colonel Dara Vann said 40 Chilean nationals were rescued from the Golden Lotus Park "
         "in Kandal province, Cambodia. Officers of the Bureau of Immigration joined the raid.")


def test_explain_names_the_rule_of_each_entity_and_route(tmp_path: Path) -> None:
    from ringscope.extract.rules import load_rules

    result = run("--text", ITEMS, "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    entity_rules = load_rules("entity_rules.yaml").producing
    names = {(e["type"], e["name"]): e for e in out["entities"]}
    assert ("Person", "Dara Vann") in names and ("Location", "Cambodia") in names, names
    for entity in out["entities"]:
        assert entity["rule"] in entity_rules and entity["reason"] == entity_rules[entity["rule"]].reason
        assert ITEMS[entity["start"] : entity["end"]] == entity["quote"]
    assert names[("Person", "Dara Vann")]["rule"] == "entity.person.title"
    route_rules = load_rules("route_rules.yaml").producing
    assert out["routes"], out
    for route in out["routes"]:
        assert route["rule"] in route_rules and route["reason"] == route_rules[route["rule"]].reason
        assert route["destination"] == "KH"
    text = run("--text", ITEMS, cwd=tmp_path).stdout.splitlines()
    assert "entities:" in text and "routes:" in text
    after = text[text.index("entities:") + 1 :]
    assert any("Person 'Dara Vann'" in line and "rule entity.person.title:" in line for line in after), after


def test_explain_input_mistakes_are_one_line(tmp_path: Path) -> None:
    missing = run(str(tmp_path / "missing.txt"), cwd=tmp_path)
    both = run(str(tmp_path / "missing.txt"), "--text", TEXT, cwd=tmp_path)
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\xff\xfe\x00\x81" * 10)
    undecodable = run(str(binary), cwd=tmp_path)
    for result in (missing, both, undecodable):
        assert result.returncode != 0
        assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1, result.stderr
