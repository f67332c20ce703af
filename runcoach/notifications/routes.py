"""Notification routes: the in-app centre (list, group, count, read, delete), preferences,
push tokens, and the one-click unsubscribe pages (outside ``/api/v1``)."""

from __future__ import annotations

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach import pages
from runcoach.notifications import links as app_links
from runcoach.notifications import pages as unsubscribe_words
from runcoach.notifications import preferences as prefs
from runcoach.notifications import schemas, service
from runcoach.notifications.unsubscribe import InvalidUnsubscribeLink, read_token
from runcoach.web import (
    answers,
    authenticated,
    creates,
    html,
    json,
    links,
    no_content,
    page,
    parse_body,
    path_uuid,
    query,
    user_id,
)

bp = Blueprint("notifications", url_prefix="/api/v1/notifications")


@bp.get("/")
@openapi.summary("Your notifications, newest first, with the unread count")
@openapi.description(
    "`?type= &unread=true|false &cursor= &limit=` → `{items: [{id, type, title, body, data, "
    "read, created_at}], next_cursor, unread_count}`; `?group_by=type` → `{groups: [{type, "
    "count, unread, latest}]}`."
)
@openapi.secured("bearer")
@answers(schemas.NotificationList)
@links("/api/v1/notifications/{notification_id}/read", notification_id="items/0/id")
@links("/api/v1/notifications/{notification_id}", notification_id="items/0/id")
@authenticated
@query(schemas.ListQuery)
async def index(request: Request) -> HTTPResponse:
    q: schemas.ListQuery = request.ctx.query
    uid = user_id(request)
    if q.group_by == "type":
        return json(schemas.notification_groups(await service.groups(user_id=uid)))
    rows, next_cursor = await service.list_notifications(
        user_id=uid, type=q.type, unread=q.unread, limit=q.limit, cursor=q.cursor
    )
    return json(
        schemas.notification_page(rows, next_cursor, await service.unread_count(user_id=uid))
    )


@bp.get("/unread-count")
@openapi.summary("How many notifications are unread: `{unread_count}`")
@openapi.secured("bearer")
@answers(schemas.UnreadCount)
@authenticated
async def unread_count(request: Request) -> HTTPResponse:
    return json(schemas.unread(await service.unread_count(user_id=user_id(request))))


@bp.patch("/<notification_id>/read")
@openapi.summary('Mark a notification read (idempotent); `{"read": false}` marks it unread')
@openapi.secured("bearer")
@openapi.body({"application/json": schemas.MarkRead.model_json_schema()}, required=False)
@answers(schemas.NotificationOut)
@authenticated
async def mark(request: Request, notification_id: str) -> HTTPResponse:
    body = parse_body(schemas.MarkRead, request) if request.body.strip() else None
    uid = user_id(request)
    row = await service.mark(
        user_id=uid,
        notification_id=path_uuid(notification_id, "notification"),
        read=True if body is None else body.read,
    )
    await service.publish_count(request.app.ctx.redis, uid)
    return json(schemas.notification(row))


@bp.post("/read-all")
@openapi.summary("Mark every unread notification read (`?type=` for one type): `{updated}`")
@openapi.secured("bearer")
@answers(schemas.ReadAll)
@authenticated
@query(schemas.TypeQuery)
async def read_all(request: Request) -> HTTPResponse:
    q: schemas.TypeQuery = request.ctx.query
    uid = user_id(request)
    updated = await service.read_all(user_id=uid, type=q.type)
    await service.publish_count(request.app.ctx.redis, uid)
    return json(schemas.read_all(updated))


@bp.delete("/<notification_id>")
@openapi.summary("Delete a notification")
@openapi.secured("bearer")
@authenticated
async def delete(request: Request, notification_id: str) -> HTTPResponse:
    uid = user_id(request)
    await service.delete(user_id=uid, notification_id=path_uuid(notification_id, "notification"))
    await service.publish_count(request.app.ctx.redis, uid)
    return no_content()


@bp.get("/preferences")
@openapi.summary("Your notification preferences")
@openapi.description(
    "`{email: {daily_summary, weekly_analysis, alerts_only, disabled}, push: {<type>: bool}, "
    "digest_time: HH:MM, weekly_day: mon..sun, quiet_hours: {start, end} | null, "
    "critical_alerts_in_quiet_hours, digest_when_empty, daily_reminder_time: HH:MM | null, "
    "unsubscribed: [{kind, at}], timezone}`; local times are in `timezone`. `unsubscribed` "
    "(read-only) lists the email kinds turned off by an unsubscribe link."
)
@openapi.secured("bearer")
@answers(schemas.Preferences)
@authenticated
async def preferences(request: Request) -> HTTPResponse:
    pref, timezone = await prefs.get(user_id=user_id(request))
    return json(schemas.preferences(pref, timezone))


@bp.put("/preferences")
@openapi.summary(
    "Write notification preferences (the fields given; `quiet_hours: null` and "
    "`daily_reminder_time: null` = off)"
)
@openapi.secured("bearer")
@openapi.body({"application/json": schemas.PreferencesUpdate.model_json_schema()})
@answers(schemas.Preferences)
@authenticated
async def write_preferences(request: Request) -> HTTPResponse:
    body = parse_body(schemas.PreferencesUpdate, request)
    pref, timezone = await prefs.update(user_id=user_id(request), changes=body)
    return json(schemas.preferences(pref, timezone))


tokens_bp = Blueprint("push_tokens", url_prefix="/api/v1/push-tokens")


@tokens_bp.post("/")
@openapi.summary("Register an Expo push token (`token, platform: ios|android`)")
@openapi.description("201 when new to you, 200 when already registered.")
@openapi.secured("bearer")
@openapi.body({"application/json": schemas.PushTokenIn.model_json_schema()})
@openapi.response(201, description="registered")
@openapi.response(200, description="already registered")
@creates("/api/v1/push-tokens/{token}", field="token")
@answers(schemas.PushTokenOut, status=201)
@answers(schemas.PushTokenOut)
@authenticated
async def register_token(request: Request) -> HTTPResponse:
    body = parse_body(schemas.PushTokenIn, request)
    created = await prefs.register_token(
        user_id=user_id(request), token=body.token, platform=body.platform
    )
    return json(schemas.push_token(body.token, body.platform), status=201 if created else 200)


@tokens_bp.delete("/<token>")
@openapi.summary("Drop one of your push tokens")
@openapi.secured("bearer")
@authenticated
async def drop_token(request: Request, token: str) -> HTTPResponse:
    await prefs.drop_token(user_id=user_id(request), token=token)
    return no_content()


unsubscribe_bp = Blueprint("unsubscribe", url_prefix="/unsubscribe")

ONE_CLICK = "One-Click"
ONE_CLICK_BODY_MAX = 1024


def _settings_url(request: Request) -> str:
    return app_links.url(request.app.ctx.settings.app_url, "notification_settings")


def _invalid(request: Request, status: int, reason: str) -> HTTPResponse:
    body = pages.render(
        "unsubscribe/invalid.html", reason=reason, settings_url=_settings_url(request)
    )
    return html(request, body, status=status)


def _one_click(request: Request) -> bool:
    """Whether the body is RFC 8058's ``List-Unsubscribe=One-Click`` (form-encoded, as mail
    providers and the page's button send it), or empty."""
    body = request.body.strip()
    if not body:
        return True
    if len(body) > ONE_CLICK_BODY_MAX:
        return False
    if body == b"List-Unsubscribe=One-Click":
        return True
    try:
        form = request.form
    except Exception:  # a body Sanic cannot read as a form
        return False
    return form is not None and form.get("List-Unsubscribe") == ONE_CLICK


@unsubscribe_bp.get("/<token>")
@page
async def unsubscribe_page(request: Request, token: str) -> HTTPResponse:
    """The page of an unsubscribe link: a button that POSTs. Changes nothing (link scanners
    prefetch it)."""
    try:
        _, kind = read_token(token, settings=request.app.ctx.settings)
    except InvalidUnsubscribeLink:
        return _invalid(request, 404, "It may have been cut short when it was copied.")
    body = pages.render(
        "unsubscribe/confirm.html",
        label=unsubscribe_words.LABELS[kind],
        note=unsubscribe_words.NOTES.get(kind),
        action=request.path,
        settings_url=_settings_url(request),
    )
    return html(request, body, headers={"Cache-Control": "no-store"})


@unsubscribe_bp.post("/<token>")
@page
async def unsubscribe_now(request: Request, token: str) -> HTTPResponse:
    """RFC 8058 one-click: turn the link's email kind off. Idempotent. A browser gets a
    page (200), a mail provider a 204."""
    if not _one_click(request):
        return _invalid(request, 400, "The request was not a one-click unsubscribe.")
    try:
        kind = await prefs.unsubscribe_by_link(token=token, settings=request.app.ctx.settings)
    except InvalidUnsubscribeLink:
        return _invalid(request, 404, "It may have been cut short when it was copied.")
    if "text/html" not in request.headers.get("accept", ""):
        return no_content()
    body = pages.render(
        "unsubscribe/done.html",
        label=unsubscribe_words.LABELS[kind],
        note=unsubscribe_words.NOTES.get(kind),
        settings_url=_settings_url(request),
    )
    return html(request, body, headers={"Cache-Control": "no-store"})
