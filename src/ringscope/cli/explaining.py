"""``ringscope explain``: for every number of a text, the claim it became or the rule that dropped it;
for every entity and route, the rule that made it."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ringscope.cli.common import app, fail


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"


def _read(path: str | None, text: str | None) -> str:
    if (path is None) == (text is None):
        fail("give a file (or - for standard input) or --text, not both")
    if text is not None:
        return text
    assert path is not None
    name = "<stdin>" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        fail(f"{name}: {exc.strerror or exc}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{name}: not UTF-8 text")


def _reason(rule_id: str) -> str:
    from ringscope.extract.rules import load_rules

    rules = load_rules("claim_rules.yaml")
    return rules.rules[rule_id].reason if rule_id in rules.rules else ""


def _line(item: dict[str, Any]) -> str:
    head = f"{item['start']:>6}  {item['figure']!r}"
    if item["claim"]:
        trigger = f", trigger {item['trigger']}" if item["trigger"] else ""
        return f"{head}  claim {item['measure']} (rule {item['rule']}{trigger})  quote {item['quote']!r}"
    return f"{head}  dropped by {item['veto']}: {item['reason']}"


def _item_line(item: dict[str, Any]) -> str:
    rule = item["rule"] or "(no rule)"
    count = f" count {item['count']}" if item.get("count") is not None else ""
    head = f"{item['start']:>6}  {item['label']}{count}"
    return f"{head}  rule {rule}: {item['reason']}  quote {item['quote']!r}"


@app.command()
def explain(
    path: Annotated[str | None, typer.Argument(help="A text file, or - for standard input.")] = None,
    text: Annotated[str | None, typer.Option("--text", "-t", help="The text itself.")] = None,
    fmt: Annotated[ExplainFormat, typer.Option("--format", "-f", help="text or json.")] = ExplainFormat.text,
) -> None:
    """For each number in a text: whether it became a claim and under which rule, or which rule dropped it;
    for each entity and route: the rule that made it."""
    from ringscope.extract.pipeline import explain as explain_text
    from ringscope.extract.pipeline import explain_items

    source = _read(path, text)
    numbers = []
    for decision in explain_text(source):
        item = decision.as_dict()
        item["reason"] = _reason(decision.veto) if decision.veto else _reason(decision.rule)
        numbers.append(item)
    entity_traces, route_traces = explain_items(source)
    entities = [t.as_dict() for t in entity_traces]
    routes = [t.as_dict() for t in route_traces]
    if fmt is ExplainFormat.json:
        typer.echo(json.dumps({"numbers": numbers, "entities": entities, "routes": routes},
                              ensure_ascii=False, indent=1))
        return
    typer.echo("numbers:" if numbers else "numbers: none in the text")
    for item in numbers:
        typer.echo(_line(item))
    typer.echo("entities:" if entities else "entities: none")
    for item in entities:
        typer.echo(_item_line(item))
    typer.echo("routes:" if routes else "routes: none")
    for item in routes:
        typer.echo(_item_line(item))
