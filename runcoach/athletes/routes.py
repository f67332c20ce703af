"""Profile routes: GET and PATCH /me."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.athletes import schemas, service
from runcoach.web import answers, authenticated, json, parse_body, user_id

bp = Blueprint("athletes", url_prefix="/api/v1")


@bp.get("/me")
@openapi.summary("The athlete's profile")
@openapi.secured("bearer")
@answers(schemas.Profile)
@authenticated
async def get_me(request: Request) -> HTTPResponse:
    return json(schemas.profile(await service.get_user(user_id=user_id(request))))


@bp.patch("/me")
@openapi.summary("Update whitelisted profile fields")
@openapi.secured("bearer")
@openapi.body({"application/json": schemas.ProfileUpdate.model_json_schema()})
@answers(schemas.Profile)
@authenticated
async def patch_me(request: Request) -> HTTPResponse:
    body = parse_body(schemas.ProfileUpdate, request)
    user = await service.update_profile(
        user_id=user_id(request), changes=body.model_dump(exclude_unset=True)
    )
    return json(schemas.profile(user))
