"""Coach analysis routes: request an analysis of the recent weeks (202), read them."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.coach import analysis as service
from runcoach.coach.models import Analysis
from runcoach.validation import Input, parse_query
from runcoach.web import authenticated, json, path_uuid, user_id

bp = Blueprint("coach_analysis", url_prefix="/api/v1/coach")


class AnalysisQuery(Input):
    cursor: str | None = Field(default=None, max_length=200)
    limit: int = Field(default=20, ge=1, le=100)


def analysis_json(a: Analysis) -> dict[str, Any]:
    """The answer shape of an analysis (``facts``: the numbers it was written from)."""
    return {
        "id": a.id,
        "status": a.status,
        "period_start": None if a.period_start is None else a.period_start.isoformat(),
        "period_end": None if a.period_end is None else a.period_end.isoformat(),
        "content": a.content,
        "facts": a.facts,
        "provider": a.provider,
        "model": a.model,
        "created_at": a.created_at,
        "ready_at": a.ready_at,
        "failure_reason": a.failure_reason,
    }


@bp.post("/analysis")
@openapi.summary("Request an analysis of the recent weeks (written by a job)")
@openapi.description(
    "Answers 202 with the pending analysis; while one is pending, a new request "
    "returns it. Poll its Location, or wait for the `analysis_ready` notification."
)
@openapi.secured("bearer")
@openapi.response(202, description="`{analysis_id, status: pending}`, with Location")
@authenticated
async def request_analysis(request: Request) -> HTTPResponse:
    analysis = await service.request_analysis(user_id=user_id(request))
    return json(
        {"analysis_id": analysis.id, "status": analysis.status},
        status=202,
        headers={"Location": f"{bp.url_prefix}/analyses/{analysis.id}"},
    )


@bp.get("/analyses")
@openapi.summary("The athlete's analyses, newest first (cursor pagination)")
@openapi.secured("bearer")
@openapi.parameter("cursor", str)
@openapi.parameter("limit", int, description="1..100, default 20")
@authenticated
async def list_(request: Request) -> HTTPResponse:
    q = parse_query(AnalysisQuery, request.args)
    rows, next_cursor = await service.list_analyses(
        user_id=user_id(request), cursor=q.cursor, limit=q.limit
    )
    return json({"items": [analysis_json(a) for a in rows], "next_cursor": next_cursor})


@bp.get("/analyses/<analysis_id:str>")
@openapi.summary("One analysis: status, the text when ready, the facts it cites")
@openapi.secured("bearer")
@openapi.response(404, description="no such analysis (also another athlete's)")
@authenticated
async def read(request: Request, analysis_id: str) -> HTTPResponse:
    analysis = await service.get_analysis(
        user_id=user_id(request), analysis_id=path_uuid(analysis_id, "analysis")
    )
    return json(analysis_json(analysis))
