"""The REST API's downloads under /api/v1/export: FollowTheMoney entities and the claims as CSV."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import StreamingResponse

from ringscope.export.cells import CellWriter
from ringscope.report import snapshot as snapshots
from ringscope.serve import withhold
from ringscope.serve.api import AUTH_ERRORS
from ringscope.serve.deps import api_role, audit, store_path
from ringscope.serve.users import User

router = APIRouter(prefix="/api/v1", responses=AUTH_ERRORS)


def export_response(request: Request, user: User, kind: str, include_victims: bool) -> StreamingResponse:
    """A download of the whole store: FtM JSON lines or the claims as CSV."""
    if include_victims and not user.can("admin"):
        raise HTTPException(403, "forbidden: only an admin may export victims' names")
    audit(request, user, "export", kind, f"include_victims={include_victims}")
    if kind == "ftm":
        from ringscope.export.ftm import to_ftm

        def lines() -> Iterator[str]:
            picture = snapshots.load(store_path(request)).view(names=include_victims)
            for proxy in to_ftm(withhold.export_items(request, include_victims), picture=picture):
                yield json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n"
            from ringscope.screen.store import iter_ftm

            for entity in iter_ftm(store_path(request)):  # screened ads and the recruiter network
                yield json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n"

        return StreamingResponse(
            lines(),
            media_type="application/x-ndjson",
            headers={"Content-Disposition": 'attachment; filename="ringscope-ftm.jsonl"'},
        )

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = CellWriter(buffer)  # no cell a spreadsheet would run as a formula
        writer.writerow(
            [
                "report_id",
                "claim_id",
                "measure",
                "value",
                "low",
                "high",
                "qualifier",
                "unit",
                "currency",
                "period",
                "location",
                "speaker",
                "quote",
            ]
        )
        for report, extraction in withhold.export_items(request, include_victims):
            for c in extraction.claims:
                writer.writerow(
                    [
                        report.id,
                        c.id,
                        c.measure,
                        c.value,
                        c.low,
                        c.high,
                        c.qualifier,
                        c.unit,
                        c.currency,
                        c.period,
                        c.location,
                        c.speaker,
                        c.quote,
                    ]
                )
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()

    return StreamingResponse(
        rows(),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="ringscope-claims.csv"'},
    )


@router.get(
    "/export/ftm",
    tags=["exports"],
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-ndjson": {}}}},
)
def export_ftm(
    request: Request, include_victims: bool = False, user: User = Depends(api_role("analyst"))
) -> StreamingResponse:
    """FollowTheMoney entities as JSON lines (victims only with ``include_victims`` by an admin)."""
    return export_response(request, user, "ftm", include_victims)


@router.get(
    "/export/claims.csv",
    tags=["exports"],
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}},
)
def export_claims(
    request: Request, include_victims: bool = False, user: User = Depends(api_role("analyst"))
) -> StreamingResponse:
    """Every claim with its report, as CSV."""
    return export_response(request, user, "claims.csv", include_victims)
