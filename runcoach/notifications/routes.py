"""Notification routes: the in-app centre (list, group, count, read, delete)."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.notifications import schemas, service
from runcoach.validation import parse_body, parse_query
from runcoach.web import authenticated, json, no_content, path_uuid, user_id

bp = Blueprint("notifications", url_prefix="/api/v1/notifications")


@bp.get("/")
@openapi.summary("Your notifications, newest first, with the unread count")
@openapi.description(
    "`?type= &unread=true|false &cursor= &limit=` → `{items: [{id, type, title, body, data, "
    "read, created_at}], next_cursor, unread_count}`; `?group_by=type` → `{groups: [{type, "
    "count, unread, latest}]}`."
)
@openapi.secured("bearer")
@authenticated
async def index(request: Request) -> HTTPResponse:
    q = parse_query(schemas.ListQuery, request.args)
    uid = user_id(request)
    if q.group_by == "type":
        return json({"groups": await service.groups(user_id=uid)})
    rows, next_cursor = await service.list_notifications(
        user_id=uid, type=q.type, unread=q.unread, limit=q.limit, cursor=q.cursor
    )
    return json(
        {
            "items": [service.as_dict(n) for n in rows],
            "next_cursor": next_cursor,
            "unread_count": await service.unread_count(user_id=uid),
        }
    )


@bp.get("/unread-count")
@openapi.summary("How many notifications are unread: `{unread_count}`")
@openapi.secured("bearer")
@authenticated
async def unread_count(request: Request) -> HTTPResponse:
    return json({"unread_count": await service.unread_count(user_id=user_id(request))})


@bp.patch("/<notification_id>/read")
@openapi.summary('Mark a notification read (idempotent); `{"read": false}` marks it unread')
@openapi.secured("bearer")
@authenticated
async def mark(request: Request, notification_id: str) -> HTTPResponse:
    body = parse_body(schemas.MarkRead, request.body) if request.body.strip() else None
    uid = user_id(request)
    row = await service.mark(
        user_id=uid,
        notification_id=path_uuid(notification_id, "notification"),
        read=True if body is None else body.read,
    )
    await service.publish_count(request.app.ctx.redis, uid)
    return json(service.as_dict(row))


@bp.post("/read-all")
@openapi.summary("Mark every unread notification read (`?type=` for one type): `{updated}`")
@openapi.secured("bearer")
@authenticated
async def read_all(request: Request) -> HTTPResponse:
    q = parse_query(schemas.TypeQuery, request.args)
    uid = user_id(request)
    updated = await service.read_all(user_id=uid, type=q.type)
    await service.publish_count(request.app.ctx.redis, uid)
    return json({"updated": updated})


@bp.delete("/<notification_id>")
@openapi.summary("Delete a notification")
@openapi.secured("bearer")
@authenticated
async def delete(request: Request, notification_id: str) -> HTTPResponse:
    uid = user_id(request)
    await service.delete(user_id=uid, notification_id=path_uuid(notification_id, "notification"))
    await service.publish_count(request.app.ctx.redis, uid)
    return no_content()
