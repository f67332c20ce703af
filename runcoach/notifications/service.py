"""In-app notifications: created from the events other domains record, read by the API.

A trigger turns one ``TrainingEvent`` (``plan_created``, ``analysis_ready``,
``overtraining_detected``) into one notification: the row's ``group_key`` is the
event's id and (user, group_key) is unique, so a trigger run twice (a redelivered
message, the sweep) creates it once. The new unread count is published on the user's
Redis channel for every web process holding the user's ``/ws/events`` socket.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

import orjson
import redis.asyncio as aioredis
from redis.exceptions import RedisError
from tortoise import Tortoise

from runcoach import pagination
from runcoach.errors import NotFound
from runcoach.logs import event
from runcoach.notifications.models import Notification
from runcoach.training.models import TrainingEvent

log = logging.getLogger("runcoach.notifications")

SWEEP_WINDOW = dt.timedelta(days=7)  # events older than this are not notified late
_FACTORS = {
    "acwr": "this week's load jumped well above what you are used to",
    "tsb": "fatigue is piling up (very negative form)",
    "hrv_suppressed": "your HRV has been below your normal range for days",
    "resting_hr_elevated": "your resting heart rate has been elevated for days",
    "monotony": "your training has been very monotonous",
    "strain": "your weekly strain is far above your recent weeks",
}


def channel(user_id: uuid.UUID) -> str:
    """The user's Redis pub/sub channel for live events."""
    return f"rc:u:{user_id}:events"


def _content(ev: TrainingEvent) -> tuple[str, str, str, dict[str, Any]]:
    """(type, title, body, data) of the notification for ``ev``."""
    data = dict(ev.data or {})
    if ev.kind == "plan_created":
        goal = str(data.get("goal") or "your goal")
        race = data.get("race_date")
        body = f"Your {goal} plan is ready" + (f" for {race}." if race else ".")
        return "plan_created", "Your training plan is ready", body, data
    if ev.kind == "analysis_ready":
        return (
            "analysis_ready",
            "Your training analysis is ready",
            "Your coach looked at your last six weeks of training.",
            data,
        )
    if ev.kind == "overtraining_detected":
        reasons = [_FACTORS.get(str(code), str(code)) for code in data.get("factors", [])]
        body = "Your overtraining risk is high"
        body += (": " + "; ".join(reasons) + ".") if reasons else "."
        body += " Consider an easy day or rest."
        return "overtraining_detected", "Overtraining risk is high", body, data
    raise ValueError(f"no notification for events of kind {ev.kind!r}")


NOTIFIED_KINDS = ("plan_created", "analysis_ready", "overtraining_detected")


async def notify_event(
    *, event_id: uuid.UUID, redis: aioredis.Redis | None = None
) -> Notification | None:
    """Create the notification of an event, once. Idempotent; None for an unknown event."""
    ev = await TrainingEvent.get_or_none(id=event_id)
    if ev is None or ev.kind not in NOTIFIED_KINDS:
        return None
    kind, title, body, data = _content(ev)
    candidate = Notification(
        user_id=ev.user_id, type=kind, title=title, body=body, data=data,
        group_key=f"event:{ev.id}",
    )  # fmt: skip
    await Notification.bulk_create(
        [candidate], on_conflict=["user_id", "group_key"], ignore_conflicts=True
    )
    row = await Notification.get(user_id=ev.user_id, group_key=f"event:{ev.id}")
    if row.id == candidate.id:
        event(log, "notifications.created", user_id=str(ev.user_id), type=kind)
        if redis is not None:
            await publish(redis, row, await unread_count(user_id=ev.user_id))
    return row


_UNNOTIFIED_SQL = (
    "SELECT e.id FROM training_events e WHERE e.kind = ANY($1::varchar[])"
    " AND e.created_at > $2 AND NOT EXISTS (SELECT 1 FROM notifications n"
    " WHERE n.user_id = e.user_id AND n.group_key = 'event:' || e.id::text)"
    " ORDER BY e.created_at LIMIT 1000"
)


async def unnotified_events(*, now: dt.datetime | None = None) -> list[uuid.UUID]:
    """Recent events without their notification (a crash between commit and enqueue)."""
    since = (now or dt.datetime.now(dt.UTC)) - SWEEP_WINDOW
    rows = await Tortoise.get_connection("default").execute_query_dict(
        _UNNOTIFIED_SQL, [list(NOTIFIED_KINDS), since]
    )
    return [r["id"] for r in rows]


async def publish(redis: aioredis.Redis, notification: Notification, unread: int) -> None:
    """Tell the user's open sockets (any web process). Fail-open: the rows are the truth."""
    frame = {"type": "notification", "notification": as_dict(notification),
             "unread_count": unread}  # fmt: skip
    try:
        await redis.publish(channel(notification.user_id), orjson.dumps(frame))
    except (RedisError, OSError) as exc:
        event(log, "notifications.publish_failed", logging.WARNING, error=type(exc).__name__)


async def publish_count(redis: aioredis.Redis | None, user_id: uuid.UUID) -> None:
    """Publish the user's unread count (after reads and deletes). Fail-open."""
    if redis is None:
        return
    frame = {"type": "unread_count", "unread_count": await unread_count(user_id=user_id)}
    try:
        await redis.publish(channel(user_id), orjson.dumps(frame))
    except (RedisError, OSError) as exc:
        event(log, "notifications.publish_failed", logging.WARNING, error=type(exc).__name__)


def as_dict(n: Notification) -> dict[str, Any]:
    """The API shape of a notification."""
    return {
        "id": str(n.id),
        "type": n.type,
        "title": n.title,
        "body": n.body,
        "data": n.data,
        "read": n.read,
        "created_at": n.created_at.isoformat().replace("+00:00", "Z"),
    }


# --- reads and changes ----------------------------------------------------------------------


async def unread_count(*, user_id: uuid.UUID) -> int:
    """How many of the user's notifications are unread. Read-only."""
    rows = await Tortoise.get_connection("default").execute_query_dict(_UNREAD_SQL, [user_id])
    return int(rows[0]["count"])


_UNREAD_SQL = "SELECT count(*) AS count FROM notifications WHERE user_id = $1 AND NOT read"


async def list_notifications(
    *,
    user_id: uuid.UUID,
    type: str | None,
    unread: bool | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[Notification], str | None]:
    """A page of the user's notifications, newest first. Read-only."""
    query = Notification.filter(user_id=user_id)
    if type is not None:
        query = query.filter(type=type)
    if unread is not None:
        query = query.filter(read=not unread)
    return await pagination.newest_first(query, field="created_at", limit=limit, cursor=cursor)


_GROUPS_SQL = (
    "SELECT type, count(*) AS count, count(*) FILTER (WHERE NOT read) AS unread,"
    " max(created_at) AS latest FROM notifications WHERE user_id = $1"
    " GROUP BY type ORDER BY latest DESC"
)


async def groups(*, user_id: uuid.UUID) -> list[dict[str, Any]]:
    """The user's notifications grouped by type: count, unread, latest. Read-only."""
    rows = await Tortoise.get_connection("default").execute_query_dict(_GROUPS_SQL, [user_id])
    return [
        {
            "type": r["type"],
            "count": int(r["count"]),
            "unread": int(r["unread"]),
            "latest": r["latest"].isoformat().replace("+00:00", "Z"),
        }
        for r in rows
    ]


async def mark(*, user_id: uuid.UUID, notification_id: uuid.UUID, read: bool) -> Notification:
    """Mark one notification read or unread. Idempotent; NotFound if not the user's."""
    row = await Notification.get_or_none(id=notification_id, user_id=user_id)
    if row is None:
        raise NotFound("no such notification")
    if row.read != read:
        row.read, row.read_at = read, dt.datetime.now(dt.UTC) if read else None
        await Notification.filter(id=row.id).update(read=row.read, read_at=row.read_at)
    return row


async def read_all(*, user_id: uuid.UUID, type: str | None) -> int:
    """Mark every unread notification (of ``type``) read; how many changed."""
    query = Notification.filter(user_id=user_id, read=False)
    if type is not None:
        query = query.filter(type=type)
    return await query.update(read=True, read_at=dt.datetime.now(dt.UTC))


async def delete(*, user_id: uuid.UUID, notification_id: uuid.UUID) -> None:
    """Delete one notification; NotFound if not the user's."""
    if not await Notification.filter(id=notification_id, user_id=user_id).delete():
        raise NotFound("no such notification")
