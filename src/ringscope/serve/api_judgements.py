"""The REST API of analyst judgements: list them, make one, undo one (analysts and admins judge)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from ringscope import judging
from ringscope.serve.api import AUTH_ERRORS
from ringscope.serve.deps import api_role, audit, client_address, store_path
from ringscope.serve.users import User
from ringscope.store.judgements import JudgementError, NoSuchJudgement

Kind = Literal["merge", "split", "same-event", "different-event", "same-figure", "different-figure",
               "reject-claim", "resolve"]


class JudgementIn(BaseModel):
    kind: Kind
    items: list[Annotated[str, Field(min_length=1, max_length=300)]] = Field(
        min_length=1, max_length=2,
        description="What is judged: entity ids or names (merge, split: the entity, then the name to split"
        " off), report or event ids (same-event, different-event), claims as REPORT_ID:CLAIM_ID (the rest).",
    )
    note: str = Field("", max_length=2000, description="Why; shown wherever the judgement applies.")


class JudgementOut(BaseModel):
    id: int
    kind: str
    user: str
    role: str
    at: str
    targets: list[str]
    note: str
    applies: bool
    undone_at: str | None
    undone_by: str | None


Number = Annotated[int, Path(ge=1, le=2**62, description="A judgement id.")]
router = APIRouter(prefix="/api/v1", tags=["judgements"], responses=AUTH_ERRORS)
viewer = Depends(api_role("viewer"))
analyst = Depends(api_role("analyst"))


def _one(request: Request, number: int, names: bool = False) -> JudgementOut:
    rows = judging.listing(store_path(request), names=names)
    return JudgementOut(**next(r for r in rows if r["id"] == number))


@router.get("/judgements", response_model=list[JudgementOut])
def judgements(
    request: Request,
    all: Annotated[bool, Query(description="Undone judgements too.")] = False,
    user: User = viewer,
) -> list[JudgementOut]:
    """Analysts' judgements, oldest first (notes redacted by the victim policy)."""
    audit(request, user, "view", "judgements")
    return [JudgementOut(**row) for row in judging.listing(store_path(request), active_only=not all)]


@router.post("/judgements", response_model=JudgementOut, status_code=201)
def judge(request: Request, body: JudgementIn, user: User = analyst) -> JudgementOut:
    """Make a judgement (analyst or admin); it is in the audit log."""
    who = judging.Judge(user.username, user.role)
    try:
        made = judging.make(store_path(request), who, body.kind, body.items, body.note,
                            client_address(request))
    except JudgementError as exc:
        raise HTTPException(400, str(exc)) from exc
    return _one(request, made.id)


@router.post("/judgements/{number}/undo", response_model=JudgementOut)
def undo(request: Request, number: Number, user: User = analyst) -> JudgementOut:
    """Undo a judgement (analyst or admin): it stays listed, marked undone; it is in the audit log."""
    who = judging.Judge(user.username, user.role)
    try:
        judging.undo(store_path(request), who, number, client_address(request))
    except NoSuchJudgement as exc:
        raise HTTPException(404, str(exc)) from exc
    except JudgementError as exc:
        raise HTTPException(409, str(exc)) from exc
    return _one(request, number)
