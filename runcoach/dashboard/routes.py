"""Dashboard routes: the home screen in one call."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.dashboard import schemas, service
from runcoach.http_cache import cached
from runcoach.web import answers, authenticated, json, user_id

bp = Blueprint("dashboard", url_prefix="/api/v1/dashboard")


@bp.get("/summary")
@openapi.summary("The home screen: recent workouts, this week, readiness, risk, flags")
@openapi.description(
    "`{recent_workouts: [<5 newest, as GET /workouts items>], week: <the current local "
    "week, as an entry of GET /analytics/stats?period=week>, readiness: <as GET "
    "/analytics/readiness>, risk: <as GET /analytics/overtraining>, load_today: {ctl, atl, "
    "tsb} or null (no load history yet), planned_session: <today's session of the active "
    "plan, as in GET /plans/{id}, or null on a rest day or without a plan>, "
    "unread_count, ads: true on the free tier, tier}`."
)
@openapi.secured("bearer")
@openapi.response(200, description="the summary")
@openapi.response(401, description="missing or bad access token")
@answers(schemas.DashboardSummary)
@authenticated
@cached("responses")
async def summary(request: Request) -> HTTPResponse:
    return json(schemas.summary(await service.summary(user_id=user_id(request))))
