"""``ringscope screen``: screen job ads for scam-centre recruitment indicators."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import typer

# The screener and its readers load when a command screens (not when the CLI merely starts).


def screen_items(items: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Results (or per-ad errors) for ads and read problems, in order."""
    for _, result in screen_pairs(items):
        yield result


def screen_pairs(items: Iterable[Any]) -> Iterator[tuple[str | None, dict[str, Any]]]:
    """``(ad text, result)`` for each ad, ``(None, problem)`` for each read problem, in order."""
    from ringscope.screen.inputs import AdProblem
    from ringscope.screen.screener import screen_or_error

    for item in items:
        if isinstance(item, AdProblem):
            yield None, item.as_dict()
        else:
            yield item.body(), screen_or_error(item)


def _items(files: list[Path] | None) -> Iterator[Any]:
    from ringscope.screen.inputs import read_file, read_text

    if files is None:
        yield from read_text(sys.stdin.read(), "<stdin>", ".jsonl")
    else:
        for path in files:
            yield from read_file(path)


STORE_BATCH = 1000
"""Screened ads written to the store per transaction."""


def _save(conn: Any, pending: list[tuple[str, dict[str, Any]]], saved: Counter[str]) -> None:
    from ringscope.screen.store import save_results

    done = save_results(conn, pending)
    saved["added"] += done.added
    saved["updated"] += done.updated
    pending.clear()


def _open(path: str) -> IO[str]:
    return sys.stdout if path == "-" else open(path, "w", encoding="utf-8")  # noqa: SIM115


@contextmanager
def _writing(path: Path) -> Iterator[IO[str]]:
    """A file to write, or standard output for ``-`` (left open)."""
    fh = _open(str(path))
    try:
        yield fh
    finally:
        if fh is not sys.stdout:
            fh.close()


def screen_command(
    inputs: list[Path] = typer.Argument(
        ..., help="Ad files or folders: .txt (one ad), .jsonl/.json (id + text, or structured fields), "
        ".csv (same columns); '-' reads JSON lines from standard input."),
    output: str = typer.Option(
        "-", "-o", "--output", help="Results as JSON lines ('-' for standard output)."),
    ftm: Path | None = typer.Option(
        None, "--ftm", help="Also write recruiter-network entities (FtM UserAccount, Document, "
        "Documentation) as JSON lines to this file ('-' for standard output)."),
    networks_out: Path | None = typer.Option(
        None, "--networks", help="Also write the ad networks linked by shared contacts as JSON lines "
        "('-' for standard output)."),
    store: Path | None = typer.Option(
        None, "--store", help="Also keep the screened ads and the recruiter network (accounts linking "
        "ads) in this SQLite store; the same ad text stored again updates its row."),
) -> None:
    """Screen job ads for scam-centre recruitment: score, level, indicators with quotes, contacts."""
    from ringscope.screen.inputs import InputPathError, expand
    from ringscope.screen.screener import warm_up

    kept: list[dict[str, Any]] = []
    levels: Counter[str] = Counter()
    if [str(p) for p in (output, ftm, networks_out)].count("-") > 1:
        typer.echo("error: only one of -o, --ftm and --networks can be '-' (standard output)", err=True)
        raise typer.Exit(1)
    try:
        files = None if [str(p) for p in inputs] == ["-"] else expand(inputs)
    except InputPathError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    conn = None
    if store is not None:
        from ringscope.screen.store import connect
        from ringscope.store.sqlite import StoreError

        try:
            conn = connect(store)
        except StoreError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
    try:
        out = _open(output)
    except OSError as exc:
        typer.echo(f"error: {output}: {exc.strerror or exc}", err=True)
        if conn is not None:
            conn.close()
        raise typer.Exit(1) from exc
    pending: list[tuple[str, dict[str, Any]]] = []
    saved = Counter[str]()
    warm_up()
    try:
        for text, result in screen_pairs(_items(files)):
            if conn is not None and text is not None and "error" not in result:
                pending.append((text, result))
                if len(pending) >= STORE_BATCH:
                    _save(conn, pending, saved)
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            levels[result.get("level", "error")] += 1
            if "error" in result:
                typer.echo(f"{result['id']}: {result['error']}", err=True)
            elif ftm is not None or networks_out is not None:
                kept.append(result)
        if conn is not None:
            _save(conn, pending, saved)
    except sqlite3.Error as exc:
        typer.echo(f"error: store {store}: {exc} (ads stored before this batch are kept)", err=True)
        raise typer.Exit(1) from exc
    finally:
        if out is not sys.stdout:
            out.close()
        if conn is not None:
            conn.close()
    try:
        if ftm is not None:
            from ringscope.screen.network import write_ftm

            with _writing(ftm) as fh:
                write_ftm(kept, fh)
        if networks_out is not None:
            from ringscope.screen.network import networks

            with _writing(networks_out) as fh:
                for net in networks(kept):
                    fh.write(json.dumps(net.as_dict(), ensure_ascii=False) + "\n")
    except BrokenPipeError:
        raise
    except OSError as exc:
        typer.echo(f"error: {exc.filename}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from exc
    if store is not None:
        typer.echo(f"store {store}: {saved['added']} ads added, {saved['updated']} updated", err=True)
    total = sum(levels.values())
    typer.echo(f"screened {total} ads: {levels['high']} high, {levels['medium']} medium, "
               f"{levels['low']} low, {levels['error']} not screened", err=True)
