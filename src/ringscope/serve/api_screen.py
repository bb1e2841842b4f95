"""The REST API's screening of job ads under /api/v1/screen, and the recruiter networks stored ads form."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from ringscope.serve import schemas, screening
from ringscope.serve.api import AUTH_ERRORS, viewer
from ringscope.serve.deps import audit, database, store_path
from ringscope.serve.users import User

router = APIRouter(prefix="/api/v1", responses=AUTH_ERRORS)


@router.post(
    "/screen",
    response_model=screening.ScreenOut,
    tags=["screening"],
    responses={422: {"model": schemas.ErrorOut, "description": "Malformed request or too many ads."}},
)
def screen(request: Request, body: screening.ScreenIn, user: User = viewer) -> screening.ScreenOut:
    """Screen job ads for scam-centre recruitment indicators (score, level, indicators with quotes,
    contacts, destinations); ads that cannot be screened get ``{id, error}``. With ``store=true``
    (analyst or higher) the ads and the accounts linking them are kept in the store."""
    if body.store and not user.can("analyst"):
        raise HTTPException(403, "forbidden: storing screened ads needs the analyst role")
    screened = screening.screen_many(body.ads)
    stored = screening.store_screened(store_path(request), screened) if body.store else 0
    audit(request, user, "screen", f"{len(screened)} ad(s)", f"stored={stored}")
    return screening.ScreenOut(results=[s.result for s in screened], stored=stored)


@router.get("/screen/networks", response_model=list[schemas.RecruiterNetworkOut], tags=["screening"])
def screen_networks(request: Request, user: User = viewer) -> list[schemas.RecruiterNetworkOut]:
    """Stored screened ads linked into recruiter networks by a shared handle, phone number or email."""
    recruiters = screening.load_recruiters(database(request).conn())
    audit(request, user, "view", "screen networks")
    return [
        schemas.RecruiterNetworkOut(
            ads=[
                schemas.ScreenedAdOut(id=a.id, content_hash=a.key, score=a.score, level=a.level) for a in ads
            ],
            accounts=[
                schemas.AccountOut(kind=c.kind, value=c.value, service=c.service) for c in accounts
            ],
        )
        for ads, accounts in recruiters.networks()
    ]
