"""Workout routes: log, import, list, read, change, delete, share; the public share page."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach import offload, pages, web
from runcoach.errors import PayloadTooLarge, RateLimited, UnsupportedMediaType, ValidationFailed
from runcoach.http_cache import cached
from runcoach.pagination import page
from runcoach.web import (
    answers,
    authenticated,
    client_ip,
    creates,
    html,
    json,
    links,
    no_content,
    parse_body,
    path_uuid,
    query,
    user_id,
)
from runcoach.workouts import schemas, service, sharing

bp = Blueprint("workouts", url_prefix="/api/v1/workouts")
pages_bp = Blueprint("share_pages")


@bp.post("/")
@openapi.summary("Log a workout")
@openapi.secured("bearer")
@openapi.body({"application/json": schemas.WorkoutCreate.model_json_schema()})
@openapi.response(201, description="the workout")
@openapi.response(200, description="the workout this `client_id` already made (a replay)")
@openapi.response(409, description="a workout of this sport already starts at this time")
@creates("/api/v1/workouts/{workout_id}")
@answers(schemas.WorkoutDetail, status=201)
@answers(schemas.WorkoutDetail)
@authenticated
async def create(request: Request) -> HTTPResponse:
    body = parse_body(schemas.WorkoutCreate, request)
    workout, created = await service.log_workout(user_id=user_id(request), fields=body.model_dump())
    if created:
        return json(schemas.detail(workout, hr_sample_count=0), status=201)
    count = await service.hr_sample_count(workout_id=workout.id)
    return json(schemas.detail(workout, hr_sample_count=count))


@bp.post("/import")
@openapi.summary("Import a .fit, .gpx or .tcx file (multipart field `file`)")
@openapi.secured("bearer")
@openapi.body(
    {
        "multipart/form-data": {
            "type": "object",
            "properties": {"file": {"type": "string", "format": "binary"}},
            "required": ["file"],
        }
    }
)
@openapi.response(201, description="the workout with stats, splits and time in HR zones")
@openapi.response(409, description="duplicate (same start time and sport)")
@openapi.response(413, description="the file is too large")
@openapi.response(422, description="the file does not parse")
@openapi.response(429, description="too many imports (`LIMIT_IMPORTS`); see Retry-After")
@creates("/api/v1/workouts/{workout_id}")
@answers(schemas.WorkoutDetail, status=201)
@authenticated
async def import_file(request: Request) -> HTTPResponse:
    if not (request.content_type or "").startswith("multipart/form-data"):
        raise UnsupportedMediaType("upload the file as multipart/form-data in the field `file`")
    # parsing a multipart body of up to UPLOAD_MAX_SIZE is ~25 ms of CPU: off the loop too
    files = await offload.run(getattr, request, "files")
    upload = files.get("file") if files else None
    if upload is None:
        raise ValidationFailed(errors=[{"field": "file", "message": "a file is required"}])
    limit = request.app.ctx.settings.upload_max_size
    if len(upload.body) > limit:
        raise PayloadTooLarge(f"files are limited to {limit} bytes")
    workout = await service.import_file(
        user_id=user_id(request), filename=upload.name or "", data=upload.body
    )
    count = await service.hr_sample_count(workout_id=workout.id)
    return json(schemas.detail(workout, hr_sample_count=count), status=201)


@bp.get("/")
@openapi.summary("The athlete's workouts, newest first (cursor pagination)")
@openapi.secured("bearer")
@openapi.parameter("sport", str)
@openapi.parameter("since", str, description="RFC 3339 time or date (inclusive)")
@openapi.parameter("until", str, description="RFC 3339 time (exclusive) or date (inclusive)")
@openapi.parameter("cursor", str)
@openapi.parameter("limit", int, description="1..100, default 20")
@answers(schemas.WorkoutPage)
@links("/api/v1/workouts/{workout_id}", workout_id="items/0/id")
@authenticated
@cached("responses", daily=False)
@query(schemas.WorkoutQuery)
async def list_(request: Request) -> HTTPResponse:
    q: schemas.WorkoutQuery = request.ctx.query
    rows, next_cursor = await service.list_workouts(
        user_id=user_id(request),
        sport=q.sport,
        since=q.since_at(),
        until=q.until_at(),
        cursor=q.cursor,
        limit=q.limit,
    )
    return json(page([schemas.summary(w) for w in rows], next_cursor))


@bp.get("/<workout_id:str>")
@openapi.summary("One workout with its splits and time in HR zones")
@openapi.secured("bearer")
@answers(schemas.WorkoutDetail)
@authenticated
@cached("responses", daily=False)
async def read(request: Request, workout_id: str) -> HTTPResponse:
    wid = path_uuid(workout_id, "workout")
    workout = await service.get_workout(user_id=user_id(request), workout_id=wid)
    count = await service.hr_sample_count(workout_id=wid)
    return json(schemas.detail(workout, hr_sample_count=count))


@bp.patch("/<workout_id:str>")
@openapi.summary("Change a workout")
@openapi.secured("bearer")
@openapi.body({"application/json": schemas.WorkoutUpdate.model_json_schema()})
@openapi.response(409, description="a workout of this sport already starts at this time")
@answers(schemas.WorkoutDetail)
@authenticated
async def update(request: Request, workout_id: str) -> HTTPResponse:
    wid = path_uuid(workout_id, "workout")
    body = parse_body(schemas.WorkoutUpdate, request)
    workout = await service.update_workout(
        user_id=user_id(request), workout_id=wid, changes=body.model_dump(exclude_unset=True)
    )
    count = await service.hr_sample_count(workout_id=wid)
    return json(schemas.detail(workout, hr_sample_count=count))


@bp.delete("/<workout_id:str>")
@openapi.summary("Delete a workout")
@openapi.secured("bearer")
@openapi.response(204, description="deleted")
@authenticated
async def delete(request: Request, workout_id: str) -> HTTPResponse:
    await service.delete_workout(
        user_id=user_id(request), workout_id=path_uuid(workout_id, "workout")
    )
    return no_content()


@bp.post("/<workout_id:str>/share")
@openapi.summary("Share a workout: a revocable read-only link (the live one if it exists)")
@openapi.secured("bearer")
@openapi.response(201, description="a new link")
@openapi.response(200, description="the link already live")
@answers(schemas.ShareLinkOut, status=201)
@answers(schemas.ShareLinkOut)
@authenticated
async def share(request: Request, workout_id: str) -> HTTPResponse:
    link, created = await sharing.share(
        user_id=user_id(request), workout_id=path_uuid(workout_id, "workout")
    )
    app_url = request.app.ctx.settings.app_url
    return json(schemas.share_link(link, app_url=app_url), status=201 if created else 200)


@bp.delete("/<workout_id:str>/share")
@openapi.summary("Revoke a workout's share link (its page is gone at once); idempotent")
@openapi.secured("bearer")
@openapi.response(204, description="no live link any more")
@authenticated
async def unshare(request: Request, workout_id: str) -> HTTPResponse:
    await sharing.unshare(user_id=user_id(request), workout_id=path_uuid(workout_id, "workout"))
    return no_content()


_MISSING = {
    "heading": "This workout is not shared",
    "message": "The link is wrong, or its owner stopped sharing it.",
}


@pages_bp.get("/s/<token:str>")
@web.page
async def shared_page(request: Request, token: str) -> HTTPResponse:
    """The public page of a shared workout (HTML with Open Graph tags; no auth)."""
    try:
        view = await sharing.shared_workout(token=token, client=client_ip(request))
    except RateLimited as exc:
        body = pages.render(
            "share/missing.html", heading="Too many requests", message="Try again in a minute."
        )
        return html(request, body, status=429, headers=exc.headers)
    if view is None:
        return html(request, pages.render("share/missing.html", **_MISSING), status=404)
    app_url = request.app.ctx.settings.app_url
    return html(
        request, pages.render("share/workout.html", **schemas.share_page(view, app_url=app_url))
    )
