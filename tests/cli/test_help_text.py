"""Every command's help shows its text whole: nothing in square brackets is eaten as console markup."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from ringscope.cli import app

BRACKETED = re.compile(r"\\?\[[^\]\n]*\]")
BOX = re.compile(r"[│╭╮╰╯─]")


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found = [(path, command)]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found += _commands(sub, (*path, name))
    return found


def _bracketed(command: Any) -> list[str]:
    texts = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
    return [m.group().lstrip("\\") for text in texts for m in BRACKETED.finditer(text)]


COMMANDS = _commands(typer.main.get_command(app))


def test_the_walk_finds_the_commands_and_the_placeholder_help() -> None:
    names = {path[-1] for path, _ in COMMANDS if path}
    assert {"entities", "report", "export", "extract", "claims"} <= names
    assert any("[victim N]" in _bracketed(cmd) for _, cmd in COMMANDS)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) or "ringscope" for p, _ in COMMANDS])
def test_help_keeps_every_bracketed_phrase(path: tuple[str, ...], command: Any) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    shown = " ".join(BOX.sub(" ", result.output).split())
    for phrase in _bracketed(command):
        assert " ".join(phrase.split()) in shown, f"{' '.join(path)}: {phrase!r} missing from its help"
