"""Training plan routes: create (202), list, active, one plan, complete a session."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.pagination import page
from runcoach.plans import schemas, service
from runcoach.web import (
    answers,
    authenticated,
    creates,
    json,
    links,
    parse_body,
    path_uuid,
    query,
    user_id,
)

bp = Blueprint("plans", url_prefix="/api/v1/plans")

PLAN_SHAPE = (
    "`{id, goal, race_date, start_date, end_date, days_per_week, long_run_day (mon..sun), "
    "target_time_s, status (generating, ready, failed), failure_reason, summary, "
    "total_distance_m, created_at, ready_at, progress: {completed, total, percent}, "
    "weeks: [{index, phase (base, build, peak, taper), is_recovery, starts_on, ends_on, "
    "target_distance_m, days: [{date, day_of_week (mon..sun), sessions: [{id, key, date, "
    "week, type, intensity (easy, hard), target_distance_m, target_duration_s, "
    "target_pace: {min_s_per_km, max_s_per_km} | null, target_hr_zone, description, tip, "
    "completed, completed_at, workout_id, compliance}]}]}]}`. Every day of each week is "
    "listed (a rest day has no sessions); `weeks` is empty until the plan is ready."
)


@bp.post("/")
@openapi.summary("Request a training plan (built by a job)")
@openapi.description(
    'Answers 202 `{plan_id, status: "generating"}` with a `Location` header; poll '
    "`GET /plans/{id}` until `status` is `ready` (or `failed` with `failure_reason`). The "
    "plan starts tomorrow in the athlete's time zone and ends on `race_date` (or after the "
    "goal's default weeks). `long_run_day` is `mon`..`sun` (default `sun`). The same inputs "
    "within 30 minutes of the newest plan answer with that plan. Inputs the plan engine "
    "refuses (race date in the past, too close or too far, goal time out of range) are a "
    "422 naming the field."
)
@openapi.secured("bearer")
@openapi.body({"application/json": schemas.PlanCreate.model_json_schema()})
@openapi.response(202, description="`{plan_id, status}`: generating (or the reused plan)")
@openapi.response(422, description="invalid input (`errors[].field`)")
@openapi.response(429, description="too many plan requests (`LIMIT_PLANS`); see Retry-After")
@creates("/api/v1/plans/{plan_id}", field="plan_id")
@answers(schemas.PlanRequested, status=202)
@authenticated
async def create(request: Request) -> HTTPResponse:
    body = parse_body(schemas.PlanCreate, request)
    plan, _ = await service.request_plan(
        user_id=user_id(request),
        goal=body.goal,
        race_date=body.race_date,
        days_per_week=body.days_per_week,
        long_run_day=body.long_run_weekday(),
        target_time_s=body.target_time_s,
    )
    return json(
        schemas.plan_requested(plan),
        status=202,
        headers={"Location": f"{bp.url_prefix}/{plan.id}"},
    )


@bp.get("/")
@openapi.summary("The athlete's plans, newest first (cursor pagination)")
@openapi.description(
    "`{items: [{id, goal, race_date, start_date, end_date, days_per_week, status, "
    "created_at, ready_at, progress: {completed, total, percent}}], next_cursor}`"
)
@openapi.secured("bearer")
@openapi.parameter("cursor", str)
@openapi.parameter("limit", int, description="1..100, default 20")
@answers(schemas.PlanPage)
@links("/api/v1/plans/{plan_id}", plan_id="items/0/id")
@authenticated
@query(schemas.PlanQuery)
async def list_(request: Request) -> HTTPResponse:
    q: schemas.PlanQuery = request.ctx.query
    rows, next_cursor = await service.list_plans(
        user_id=user_id(request), cursor=q.cursor, limit=q.limit
    )
    return json(page([schemas.plan_summary(p) for p in rows], next_cursor))


@bp.get("/active")
@openapi.summary("The newest ready plan that has not ended yet")
@openapi.description(PLAN_SHAPE + " 404 `not_found` when there is none.")
@openapi.secured("bearer")
@openapi.response(404, description="no active plan")
@answers(schemas.PlanDetail)
@links(
    "/api/v1/plans/{plan_id}/sessions/{session_id}",
    plan_id="id",
    session_id="weeks/0/days/0/sessions/0/id",
)
@authenticated
async def active(request: Request) -> HTTPResponse:
    plan = await service.active_plan(user_id=user_id(request))
    sessions = await service.plan_sessions(plan_id=plan.id)
    return json(schemas.plan_detail(plan, sessions))


@bp.get("/<plan_id:str>")
@openapi.summary("One plan with its weeks, days and sessions")
@openapi.description(PLAN_SHAPE)
@openapi.secured("bearer")
@openapi.response(404, description="no such plan (also another athlete's)")
@answers(schemas.PlanDetail)
@links(
    "/api/v1/plans/{plan_id}/sessions/{session_id}",
    plan_id="id",
    session_id="weeks/0/days/0/sessions/0/id",
)
@authenticated
async def read(request: Request, plan_id: str) -> HTTPResponse:
    plan = await service.get_plan(user_id=user_id(request), plan_id=path_uuid(plan_id, "plan"))
    sessions = await service.plan_sessions(plan_id=plan.id)
    return json(schemas.plan_detail(plan, sessions))


@bp.patch("/<plan_id:str>/sessions/<session_id:str>")
@openapi.summary("Mark a session completed (optionally with its workout) or not")
@openapi.description(
    "Body `{completed: bool, workout_id?: uuid | null}`; answers `{session: {...}, "
    "progress: {completed, total, percent}}`. Linking a workout sets `compliance` = "
    "100 x (1 - the mean relative error of the planned distance and duration the workout "
    "can be compared on, each capped at 1), 0..100. `workout_id` absent keeps the link, "
    "`null` removes it; `completed: false` clears `completed_at`, the workout and "
    "`compliance`. A workout that is not the athlete's is a 422 on `workout_id`; a plan "
    "that is not ready is a 409."
)
@openapi.secured("bearer")
@openapi.body({"application/json": schemas.SessionUpdate.model_json_schema()})
@openapi.response(404, description="no such plan or session")
@openapi.response(409, description="the plan is not ready")
@openapi.response(422, description="invalid input, or not the athlete's workout")
@answers(schemas.SessionUpdated)
@authenticated
async def update_session(request: Request, plan_id: str, session_id: str) -> HTTPResponse:
    pid = path_uuid(plan_id, "plan")
    sid = path_uuid(session_id, "session")
    body = parse_body(schemas.SessionUpdate, request)
    session, plan = await service.update_session(
        user_id=user_id(request),
        plan_id=pid,
        session_id=sid,
        completed=body.completed,
        workout_id=body.workout_id,
        link_given="workout_id" in body.model_fields_set,
    )
    return json(schemas.session_update(session, plan))
