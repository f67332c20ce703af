"""Training analytics routes: HR zones, load (PMC), readiness, overtraining risk."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.http_cache import cached
from runcoach.training import schemas, service
from runcoach.validation import parse_query
from runcoach.web import authenticated, json, user_id

bp = Blueprint("training", url_prefix="/api/v1/analytics")


@bp.get("/zones")
@openapi.summary("HR zones in force today (karvonen, lthr or max_hr, from the profile)")
@openapi.secured("bearer")
@authenticated
@cached("computations")
async def zones(request: Request) -> HTTPResponse:
    parse_query(schemas.Input, request.args)
    zone_set, effective_from = await service.current_zones(user_id=user_id(request))
    return json(schemas.zones(zone_set, effective_from))


@bp.get("/load")
@openapi.summary("Daily load, fitness (CTL), fatigue (ATL), form (TSB), ramp and ACWR")
@openapi.secured("bearer")
@openapi.parameter("days", int, description="1..3650, default 90")
@authenticated
@cached("computations")
async def load(request: Request) -> HTTPResponse:
    q = parse_query(schemas.LoadQuery, request.args)
    series, unit = await service.load_series(user_id=user_id(request), days=q.days)
    return json(schemas.load(series, unit))


@bp.get("/readiness")
@openapi.summary("Readiness 0..100 today from HRV, resting HR, sleep and form")
@openapi.secured("bearer")
@authenticated
@cached("computations")
async def readiness(request: Request) -> HTTPResponse:
    parse_query(schemas.Input, request.args)
    result = await service.readiness_on(user_id=user_id(request))
    return json(schemas.readiness(result))


@bp.get("/overtraining")
@openapi.summary("Overtraining risk (low, moderate, high) today with its factors")
@openapi.secured("bearer")
@authenticated
@cached("computations")
async def overtraining(request: Request) -> HTTPResponse:
    parse_query(schemas.Input, request.args)
    risk = await service.risk_on(user_id=user_id(request))
    return json(schemas.overtraining(risk))
