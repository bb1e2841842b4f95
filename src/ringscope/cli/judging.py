"""``ringscope judge``: analyst judgements from the command line (merge, split, same or different
event or figure, reject a claim, resolve a conflict; list and undo).

Every command acts for the user whose API token is in env RINGSCOPE_TOKEN (made by ``ringscope user
token NAME``; kept out of the command line, where other users of the machine could read it): an
enabled user of the store with the analyst or admin role. ``--user`` (env RINGSCOPE_USER), when
given, must name that same user. Each judgement and undo is in the store's audit log.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ringscope.cli.common import DEFAULT_STORE, StoreOption, app, fail, out, user_errors
from ringscope.cli.output import Column, FormatOption, Section, chosen, emit

if TYPE_CHECKING:
    from ringscope.judging import Judge

judge_app = typer.Typer(help="Analyst judgements: merge, split, same or different event or figure, "
                             "reject a claim, resolve a conflict; list and undo them.", no_args_is_help=True)
app.add_typer(judge_app, name="judge")

UserOption = Annotated[
    str | None,
    typer.Option("--user", "-u", help="Checked against the owner of RINGSCOPE_TOKEN (env RINGSCOPE_USER)."),
]
NoteOption = Annotated[str, typer.Option("--note", help="Why: shown wherever the judgement applies.")]
Claim = Annotated[str, typer.Argument(help="A claim as REPORT_ID:CLAIM_ID (ids from `ringscope claims`).")]


def _who(store: Path, username: str | None) -> Judge:
    from ringscope.judging import Judge
    from ringscope.serve.accounts import in_store
    from ringscope.serve.users import user_for_token

    secret = os.environ.get("RINGSCOPE_TOKEN", "").strip()
    if not secret:
        fail("set RINGSCOPE_TOKEN to your API token to judge "
             "(an admin makes one with `ringscope user token NAME`)")
    with user_errors():
        found = in_store(store, lambda conn: user_for_token(conn, secret, "api"))
    if found is None:
        fail(f"RINGSCOPE_TOKEN is no valid API token of {store} "
             "(unknown, expired or revoked, or its user is disabled)")
    name = username or os.environ.get("RINGSCOPE_USER")
    if name and name != found.username:
        fail(f"RINGSCOPE_TOKEN belongs to {found.username!r}, not {name!r}")
    return Judge(found.username, found.role)


def _judge(kind: str, handles: list[str], note: str, user: str | None, store: Path) -> None:
    from ringscope.judging import Forbidden, make
    from ringscope.store.judgements import JudgementError

    who = _who(store, user)
    try:
        with user_errors():
            made = make(store, who, kind, handles, note, client="cli")
    except (JudgementError, Forbidden) as exc:
        fail(str(exc))
    typer.echo(f"judgement {made.id}: {made.kind} by {made.username} "
               f"({' | '.join(t.label for t in made.targets)})")


@judge_app.command("merge")
def merge(a: Annotated[str, typer.Argument(help="An entity: its id or any of its names.")],
          b: Annotated[str, typer.Argument(help="The entity to merge into it.")],
          note: NoteOption = "", user: UserOption = None, store: StoreOption = DEFAULT_STORE) -> None:
    """Two resolved entities are one."""
    _judge("merge", [a, b], note, user, store)


@judge_app.command("split")
def split(entity: Annotated[str, typer.Argument(help="An entity: its id or any of its names.")],
          name: Annotated[str, typer.Argument(help="The name (one of its aliases) that is someone else.")],
          note: NoteOption = "", user: UserOption = None, store: StoreOption = DEFAULT_STORE) -> None:
    """A name of a resolved entity is another entity."""
    _judge("split", [entity, name], note, user, store)


Report = Annotated[str, typer.Argument(help="A report id (or an event id: its first report).")]


@judge_app.command("same-event")
def same_event(a: Report, b: Report, note: NoteOption = "", user: UserOption = None,
               store: StoreOption = DEFAULT_STORE) -> None:
    """Two reports tell one event."""
    _judge("same-event", [a, b], note, user, store)


@judge_app.command("different-event")
def different_event(a: Report, b: Report, note: NoteOption = "", user: UserOption = None,
                    store: StoreOption = DEFAULT_STORE) -> None:
    """Two reports tell different events (the second leaves the first's event)."""
    _judge("different-event", [a, b], note, user, store)


@judge_app.command("same-figure")
def same_figure(a: Claim, b: Claim, note: NoteOption = "", user: UserOption = None,
                store: StoreOption = DEFAULT_STORE) -> None:
    """Two claims state one figure."""
    _judge("same-figure", [a, b], note, user, store)


@judge_app.command("different-figure")
def different_figure(a: Claim, b: Claim, note: NoteOption = "", user: UserOption = None,
                     store: StoreOption = DEFAULT_STORE) -> None:
    """Two claims state different figures (the second gets a figure of its own)."""
    _judge("different-figure", [a, b], note, user, store)


@judge_app.command("reject-claim")
def reject_claim(claim: Claim, note: NoteOption = "", user: UserOption = None,
                 store: StoreOption = DEFAULT_STORE) -> None:
    """A claim is wrong: it no longer counts in its figure."""
    _judge("reject-claim", [claim], note, user, store)


ConflictClaim = Annotated[str, typer.Argument(help="A claim of the conflicting figure, REPORT_ID:CLAIM_ID.")]


@judge_app.command("resolve")
def resolve(claim: ConflictClaim,
            note: NoteOption = "", user: UserOption = None, store: StoreOption = DEFAULT_STORE) -> None:
    """A figure's conflict is settled: its flags become notes with yours."""
    if not note.strip():
        fail("say how the conflict is resolved with --note")
    _judge("resolve", [claim], note, user, store)


@judge_app.command("undo")
def undo(number: Annotated[int, typer.Argument(help="A judgement id from `ringscope judge list`.")],
         user: UserOption = None, store: StoreOption = DEFAULT_STORE) -> None:
    """Undo a judgement (it stays in the list, marked undone)."""
    from ringscope.judging import Forbidden
    from ringscope.judging import undo as undo_judgement
    from ringscope.store.judgements import JudgementError

    who = _who(store, user)
    try:
        with user_errors():
            done = undo_judgement(store, who, number, client="cli")
    except (JudgementError, Forbidden) as exc:
        fail(str(exc))
    typer.echo(f"judgement {done.id} ({done.kind}) undone by {done.undone_by}")


@judge_app.command("list")
def listing(
    all_: Annotated[bool, typer.Option("--all", help="Undone judgements too.")] = False,
    format: FormatOption = None,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Judgements, oldest first: who, when, what, the note, and whether each still applies."""
    from ringscope.judging import listing as list_judgements

    if not Path(store).is_file():
        fail(f"no store at {store} (create one with `ringscope ingest`)")
    with user_errors():
        rows = list_judgements(store, active_only=not all_)
    columns = [Column("id", shape="number"), Column("kind", shape="code"), Column("user", shape="code"),
               Column("at", shape="code"), Column("targets", show=lambda r: " | ".join(r["targets"])),
               Column("note"), Column("applies", show=lambda r: "yes" if r["applies"] else "no"),
               Column("undone_at", "undone", shape="code")]
    emit([Section(f"{len(rows)} judgement(s)", columns, rows, "no judgements")], chosen(format), out)
