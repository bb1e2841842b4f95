"""``ringscope screen``: screen job ads for scam-centre recruitment indicators."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import typer

from ringscope.screen.inputs import AdProblem, InputPathError, expand, read_file, read_text
from ringscope.screen.screener import screen_or_error, warm_up


def screen_items(items: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Results (or per-ad errors) for ads and read problems, in order."""
    for item in items:
        yield item.as_dict() if isinstance(item, AdProblem) else screen_or_error(item)


def _items(files: list[Path] | None) -> Iterator[Any]:
    if files is None:
        yield from read_text(sys.stdin.read(), "<stdin>", ".jsonl")
    else:
        for path in files:
            yield from read_file(path)


def _open(path: str) -> IO[str]:
    return sys.stdout if path == "-" else open(path, "w", encoding="utf-8")  # noqa: SIM115


def screen_command(
    inputs: list[Path] = typer.Argument(
        ..., help="Ad files or folders: .txt (one ad), .jsonl/.json (id + text, or structured fields), "
        ".csv (same columns); '-' reads JSON lines from standard input."),
    output: str = typer.Option(
        "-", "-o", "--output", help="Results as JSON lines ('-' for standard output)."),
    ftm: Path | None = typer.Option(
        None, "--ftm", help="Also write recruiter-network entities (FtM UserAccount, Document, "
        "Documentation) as JSON lines to this file."),
    networks_out: Path | None = typer.Option(
        None, "--networks", help="Also write the ad networks linked by shared contacts as JSON lines."),
) -> None:
    """Screen job ads for scam-centre recruitment: score, level, indicators with quotes, contacts."""
    kept: list[dict[str, Any]] = []
    levels: Counter[str] = Counter()
    try:
        files = None if [str(p) for p in inputs] == ["-"] else expand(inputs)
    except InputPathError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    try:
        out = _open(output)
    except OSError as exc:
        typer.echo(f"error: {output}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from exc
    warm_up()
    try:
        for result in screen_items(_items(files)):
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            levels[result.get("level", "error")] += 1
            if "error" in result:
                typer.echo(f"{result['id']}: {result['error']}", err=True)
            elif ftm is not None or networks_out is not None:
                kept.append(result)
    finally:
        if out is not sys.stdout:
            out.close()
    try:
        if ftm is not None:
            with ftm.open("w", encoding="utf-8") as fh:
                from ringscope.screen.network import write_ftm

                write_ftm(kept, fh)
        if networks_out is not None:
            with networks_out.open("w", encoding="utf-8") as fh:
                from ringscope.screen.network import networks

                for net in networks(kept):
                    fh.write(json.dumps(net.as_dict(), ensure_ascii=False) + "\n")
    except OSError as exc:
        typer.echo(f"error: {exc.filename}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from exc
    total = sum(levels.values())
    typer.echo(f"screened {total} ads: {levels['high']} high, {levels['medium']} medium, "
               f"{levels['low']} low, {levels['error']} not screened", err=True)
