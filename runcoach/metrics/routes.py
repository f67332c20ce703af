"""Health-metric routes: upsert one day, list a range."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.errors import ValidationFailed
from runcoach.http_cache import cached
from runcoach.metrics import schemas, service
from runcoach.pagination import page
from runcoach.web import answers, authenticated, json, parse_body, query, user_id

bp = Blueprint("metrics", url_prefix="/api/v1/health-metrics")


@bp.post("/")
@openapi.summary("Upsert one day's health metrics (fields not sent are kept)")
@openapi.secured("bearer")
@openapi.body({"application/json": schemas.MetricDay.model_json_schema()})
@openapi.response(201, description="created")
@openapi.response(200, description="updated")
@answers(schemas.HealthMetricDay, status=201)
@answers(schemas.HealthMetricDay)
@authenticated
async def upsert(request: Request) -> HTTPResponse:
    body = parse_body(schemas.MetricDay, request)
    values = body.model_dump(exclude_unset=True, exclude={"date"})
    row, created = await service.upsert_day(user_id=user_id(request), day=body.date, values=values)
    return json(schemas.metric(row), status=201 if created else 200)


@bp.get("/")
@openapi.summary("Health metrics by date range (inclusive), oldest first")
@openapi.secured("bearer")
@openapi.parameter("since", str, description="YYYY-MM-DD")
@openapi.parameter("until", str, description="YYYY-MM-DD")
@answers(schemas.HealthMetricPage)
@authenticated
@cached("responses")
@query(schemas.MetricQuery)
async def list_(request: Request) -> HTTPResponse:
    q: schemas.MetricQuery = request.ctx.query
    if q.since and q.until and q.since > q.until:
        raise ValidationFailed(errors=[{"field": "since", "message": "since is after until"}])
    rows = await service.list_days(
        user_id=user_id(request), since=q.since, until=q.until, limit=q.limit
    )
    return json(page([schemas.metric(m) for m in rows], None))
