"""Leaderboard routes."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.http_cache import cached
from runcoach.leaderboard import schemas, service
from runcoach.web import answers, authenticated, json, query, user_id

bp = Blueprint("leaderboard", url_prefix="/api/v1/leaderboard")


@bp.get("/")
@openapi.summary("Opted-in athletes ranked by their totals of the current week or month")
@openapi.description(
    "`{period, metric, unit, timezone, start, end, items: [{rank, name, value, me}], me: "
    "{rank, name, value} or null}`. The period is the caller's current local week (Monday "
    "first) or calendar month; `items` are the top 50 athletes with `leaderboard_opt_in` "
    "(set it with PATCH /me), ties share a rank; `me` is the caller's own entry, null when "
    "the caller has not opted in."
)
@openapi.secured("bearer")
@openapi.parameter("period", str, description="week (default) or month")
@openapi.parameter("metric", str, description="distance (default, m), duration (s) or load")
@openapi.response(200, description="the leaderboard")
@openapi.response(422, description="bad or unknown query parameter")
@answers(schemas.Leaderboard)
@authenticated
@cached("aggregations", leaderboards=True)
@query(schemas.LeaderboardQuery)
async def leaderboard(request: Request) -> HTTPResponse:
    q: schemas.LeaderboardQuery = request.ctx.query
    return json(
        await service.leaderboard(user_id=user_id(request), period=q.period, metric=q.metric)
    )
