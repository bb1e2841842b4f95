"""``ringscope judge`` as a real subprocess: roles, the conflicts list, re-extraction, list and undo."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ringscope.serve.users import UserError, create_token

from .reports import build, report_ids


def token_of(store: Path, user: str) -> str:
    """A fresh API token of ``user`` (an invented one when the store has no such user)."""
    try:
        return create_token(store, user, "judging from the command line")
    except UserError:
        return "rs_not-a-token-of-this-store"


def run(*args: str, user: str | None = None, token: str | None = None) -> subprocess.CompletedProcess[str]:
    """The command as a subprocess; ``user`` judges with a token of their own (made for the call)."""
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "200"}
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    if user is None and "-u" in args:  # "-u anna": anna judges, with her own token
        user = args[args.index("-u") + 1]
    if user and token is None and "-s" in args:
        token = token_of(Path(args[args.index("-s") + 1]), user)
    if token:
        env["RINGSCOPE_TOKEN"] = token
    return subprocess.run([sys.executable, "-m", "ringscope.cli", *args], capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("judge-cli"))


@pytest.fixture
def store(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "judged.db"
    shutil.copy(pristine, copy)
    return copy


def conflicts(store: Path) -> list[dict[str, object]]:
    result = run("claims", "--conflicts", "-f", "json", "-s", str(store))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def claim_handle(store: Path, value: float) -> str:
    claim = next(c for f in conflicts(store) for c in f["claims"] if c["value"] == value)  # type: ignore[attr-defined]
    return f"{claim['report_id']}:{claim['claim_id']}"


def audited(store: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(store) as conn:
        rows = conn.execute("SELECT username, action, client FROM audit_log"
                            " WHERE action IN ('judge', 'undo-judgement') ORDER BY pk").fetchall()
    return [tuple(r) for r in rows]


def test_a_resolved_conflict_is_no_longer_listed_as_open_even_after_re_extraction(store: Path) -> None:
    assert len(conflicts(store)) == 1
    handle = claim_handle(store, 220.0)
    result = run("judge", "resolve", handle, "--note", "the 220 counts staff too", "-s", str(store),
                 user="anna")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("judgement 1: resolve by anna")
    assert conflicts(store) == []
    assert run("reextract", "--force", "-s", str(store)).returncode == 0
    assert conflicts(store) == []
    listed = run("judge", "list", "-f", "json", "-s", str(store))
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["id"], r["kind"], r["user"], r["note"], r["applies"]) for r in rows] == [
        (1, "resolve", "anna", "the 220 counts staff too", True)
    ]
    assert run("judge", "undo", "1", "-s", str(store), user="adam").returncode == 0
    assert len(conflicts(store)) == 1
    assert audited(store) == [("anna", "judge", "cli"), ("adam", "undo-judgement", "cli")]


def test_a_viewer_cannot_judge_from_the_command_line(store: Path) -> None:
    result = run("judge", "merge", "Halvard Syndicate", "Halvard Group", "-s", str(store), user="vera")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: user 'vera' is a viewer: judging needs the analyst or admin role"
    assert "Traceback" not in result.stderr
    assert audited(store) == []


@pytest.mark.parametrize(
    ("user", "message"),
    [(None, "set RINGSCOPE_TOKEN to your API token"), ("nobody", "RINGSCOPE_TOKEN is no valid API token")],
)
def test_judging_needs_a_known_user(store: Path, user: str | None, message: str) -> None:
    result = run("judge", "merge", "Halvard Syndicate", "Halvard Group", "-s", str(store), user=user)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert audited(store) == []


def test_a_token_judges_only_as_its_owner_and_not_once_revoked(store: Path) -> None:
    token = token_of(store, "anna")
    claimed = run("judge", "merge", "Halvard Syndicate", "Halvard Group", "-u", "adam", "-s", str(store),
                  token=token)
    assert claimed.returncode == 1
    assert claimed.stderr.strip() == "error: RINGSCOPE_TOKEN belongs to 'anna', not 'adam'"
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE api_tokens SET revoked = 1")
    revoked = run("judge", "merge", "Halvard Syndicate", "Halvard Group", "-s", str(store), token=token)
    assert revoked.returncode == 1 and "no valid API token" in revoked.stderr
    assert audited(store) == []


def test_the_merged_entity_is_one_entity_with_the_judgement_shown(store: Path) -> None:
    result = run("judge", "merge", "Halvard Syndicate", "Halvard Group", "--note", "one gang",
                 "-u", "anna", "-s", str(store))
    assert result.returncode == 0, result.stderr
    shown = run("entity", "Halvard Group", "-f", "json", "-s", str(store))
    head = json.loads(shown.stdout.splitlines()[0])
    assert head["name"] == "Halvard Syndicate" and len(head["reports"]) == 3
    said = head["judgements"][0]
    assert said.startswith("merge by anna on ") and said.endswith("one gang")
    table = run("entity", "Halvard Group", "-f", "table", "-s", str(store))
    assert "merge by anna" in table.stdout
    listed = [json.loads(line) for line in run("entities", "-n", "500", "-f", "json", "-s", str(store)).stdout
              .splitlines()]
    judged = {row["name"]: row["judged"] for row in listed if row["judged"]}
    assert set(judged) == {"Halvard Syndicate", "Halvard Group"}
    assert all(j.startswith("merge by anna on ") and j.endswith("one gang") for j in judged.values())


def test_event_judgements_from_the_command_line(store: Path) -> None:
    ids = report_ids(store)
    result = run("judge", "different-event", ids["b1"], ids["b2"], "-u", "anna", "-s", str(store))
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in run("events", "-f", "json", "-s", str(store)).stdout.splitlines()]
    grouped = {r["report_id"] for e in events for r in e["reports"]}
    assert ids["b1"] not in grouped and ids["b2"] not in grouped and ids["a1"] in grouped
    again = run("judge", "different-event", ids["b1"], ids["b2"], "-u", "anna", "-s", str(store))
    assert again.returncode == 1 and "are not one event" in again.stderr


def test_a_rejected_claim_leaves_its_figure_from_the_command_line(store: Path) -> None:
    handle = claim_handle(store, 220.0)
    result = run("judge", "reject-claim", handle, "--note", "misread", "-u", "anna", "-s", str(store))
    assert result.returncode == 0, result.stderr
    assert conflicts(store) == []
    events = [json.loads(line) for line in run("events", "-f", "json", "-s", str(store)).stdout.splitlines()]
    figure = next(f for e in events for f in e["agreed"] if f["measure"] == "victims_rescued")
    assert [c["value"] for c in figure["claims"]] == [212.0, 212.0]
    assert [n["code"] for n in figure["notes"]] == ["reject-claim"]
    listed = [json.loads(line) for line in run("claims", "-f", "json", "-s", str(store)).stdout.splitlines()]
    marked = [(c["value"], c["judged"]) for c in listed if c["judged"]]
    assert len(marked) == 1 and marked[0][0] == 220.0
    assert marked[0][1].startswith("reject-claim by anna on ") and marked[0][1].endswith(": misread")
    table = run("claims", "-f", "table", "-s", str(store)).stdout
    assert "reject-claim by anna" in table


def test_undo_of_an_unknown_judgement_is_one_line(store: Path) -> None:
    result = run("judge", "undo", "42", "-u", "anna", "-s", str(store))
    assert result.returncode == 1 and result.stderr.strip() == "error: no judgement 42"
