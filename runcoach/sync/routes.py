"""Sync route: what changed since a cursor, for offline clients."""

from __future__ import annotations

import datetime as dt

from sanic import Blueprint, HTTPResponse, Request
from sanic_ext import openapi

from runcoach.sync import schemas, service
from runcoach.web import answers, authenticated, json, query, user_id

bp = Blueprint("sync", url_prefix="/api/v1/sync")


@bp.get("/")
@openapi.summary("What changed and what was deleted since a cursor (offline clients)")
@openapi.description(
    "Without `since`: everything the user has, in pages of `limit` entries; then, with the "
    "answer's `cursor`, only what changed since. Ask again at once while `has_more`. Never "
    "cached. A cursor older than `SYNC_RETENTION_DAYS` (or another account's) answers 410 "
    "`sync_cursor_expired`: sync again without `since`."
)
@openapi.secured("bearer")
@openapi.response(410, description="`sync_cursor_expired`: sync again without `since`")
@answers(schemas.SyncAnswer)
@authenticated
@query(schemas.SyncQuery)
async def changes(request: Request) -> HTTPResponse:
    q: schemas.SyncQuery = request.ctx.query
    retention = dt.timedelta(days=request.app.ctx.settings.sync_retention_days)
    page = await service.changes(
        user_id=user_id(request), since=q.since, limit=q.limit, retention=retention
    )
    return json(schemas.sync_answer(page), headers={"Cache-Control": "no-store"})
