"""The indicator table as Markdown, generated from ``indicators.yaml``.

    python -m ringscope.screen.docs
"""

from __future__ import annotations

from ringscope.screen.indicators import Table, load_table


def indicator_table(table: Table | None = None) -> str:
    """A Markdown table: code, group, weight, reason, sources, first pattern (or how it is computed)."""
    table = table or load_table()
    lines = ["| code | group | weight | reason | sources |", "| --- | --- | --- | --- | --- |"]
    for ind in table.indicators.values():
        sources = ", ".join(str(s) for s in ind.sources)
        lines.append(f"| `{ind.code}` | {ind.group} | {ind.weight:g} | {ind.reason} | {sources} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(indicator_table())
