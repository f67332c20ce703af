"""Training analytics routes: HR zones, load (PMC), readiness, overtraining risk, stats, trends."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.http_cache import cached
from runcoach.training import schemas, service, stats
from runcoach.web import answers, authenticated, json, query, user_id

bp = Blueprint("training", url_prefix="/api/v1/analytics")


@bp.get("/zones")
@openapi.summary("HR zones in force today (karvonen, lthr or max_hr, from the profile)")
@openapi.secured("bearer")
@answers(schemas.Zones)
@authenticated
@cached("computations")
async def zones(request: Request) -> HTTPResponse:
    zone_set, effective_from = await service.current_zones(user_id=user_id(request))
    return json(schemas.zones(zone_set, effective_from))


@bp.get("/load")
@openapi.summary("Daily load, fitness (CTL), fatigue (ATL), form (TSB), ramp and ACWR")
@openapi.secured("bearer")
@openapi.parameter("days", int, description="1..3650, default 90")
@answers(schemas.Load)
@authenticated
@cached("computations")
@query(schemas.LoadQuery)
async def load(request: Request) -> HTTPResponse:
    q: schemas.LoadQuery = request.ctx.query
    series, unit = await service.load_series(user_id=user_id(request), days=q.days)
    return json(schemas.load(series, unit))


@bp.get("/readiness")
@openapi.summary("Readiness 0..100 today from HRV, resting HR, sleep and form")
@openapi.secured("bearer")
@answers(schemas.ReadinessOut)
@authenticated
@cached("computations")
async def readiness(request: Request) -> HTTPResponse:
    result = await service.readiness_on(user_id=user_id(request))
    return json(schemas.readiness(result))


@bp.get("/overtraining")
@openapi.summary("Overtraining risk (low, moderate, high) today with its factors")
@openapi.secured("bearer")
@answers(schemas.OvertrainingRisk)
@authenticated
@cached("computations")
async def overtraining(request: Request) -> HTTPResponse:
    risk = await service.risk_on(user_id=user_id(request))
    return json(schemas.overtraining(risk))


@bp.get("/stats")
@openapi.summary("Training totals per local week (Monday first) or calendar month, newest first")
@openapi.description(
    "`{period, timezone, periods: [{start, end, distance_m, duration_s, load, count, "
    "by_sport: {sport: {distance_m, duration_s, load, count}}}]}`. Periods are the "
    "athlete's local ones; `start` and `end` are their first and last day (inclusive); "
    "periods without workouts are included at zero."
)
@openapi.secured("bearer")
@openapi.parameter("period", str, description="week (default) or month")
@openapi.parameter("count", int, description="how many periods, 1..52, default 12")
@openapi.response(200, description="the totals")
@openapi.response(422, description="bad or unknown query parameter")
@answers(schemas.PeriodStats)
@authenticated
@cached("aggregations")
@query(schemas.StatsQuery)
async def period_stats(request: Request) -> HTTPResponse:
    q: schemas.StatsQuery = request.ctx.query
    return json(await stats.period_stats(user_id=user_id(request), period=q.period, count=q.count))


@bp.get("/trends")
@openapi.summary("The trend of pace at HR, resting HR, HRV or weekly distance")
@openapi.description(
    "`{metric, unit, days, points: [{date, value}], summary: {first, last, change, "
    "direction (up/down/flat), improving}}`. `pace_at_hr`: weekly median pace (s/km) of "
    "road runs of 1 km or more with average HR in `band` (70-80 % of max HR, or 135-150 "
    "bpm when max HR and birth date are unknown). `resting_hr`, `hrv`: daily values with "
    "`mean_7d`, the mean of the last 7 days. `weekly_distance`: running metres per "
    "Monday-first week. Weekly points are dated by their Monday."
)
@openapi.secured("bearer")
@openapi.parameter(
    "metric", str, required=True, description="pace_at_hr, resting_hr, hrv or weekly_distance"
)
@openapi.parameter("days", int, description="7..730, default 90")
@openapi.response(200, description="the trend")
@openapi.response(422, description="bad, missing or unknown query parameter")
@answers(schemas.Trend)
@authenticated
@cached("aggregations")
@query(schemas.TrendsQuery)
async def trends(request: Request) -> HTTPResponse:
    q: schemas.TrendsQuery = request.ctx.query
    return json(await stats.trends(user_id=user_id(request), metric=q.metric, days=q.days))
