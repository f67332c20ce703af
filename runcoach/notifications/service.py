"""In-app notifications: created from the events other domains record, read by the API.

A trigger turns one recorded ``Event`` (``runcoach.events``) (``plan_created``, ``analysis_ready``,
``overtraining_detected``) into one notification: the row's ``group_key`` is the
event's id and (user, group_key) is unique, so a trigger run twice (a redelivered
message, the sweep) creates it once. The new unread count is published on the user's
Redis channel for every web process holding the user's ``/ws/events`` socket.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
import redis.asyncio as aioredis
from redis.exceptions import RedisError
from tortoise.backends.base.client import BaseDBAsyncClient

from runcoach import cache, changelog, db, jobs, pagination
from runcoach.coach.models import Analysis
from runcoach.errors import NotFound
from runcoach.events import Event, EventKind, kinds_followed_by
from runcoach.logs import event
from runcoach.notifications import delivery, schemas
from runcoach.notifications.models import Notification, NotificationType
from runcoach.plans.models import Plan

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


async def _content(ev: Event) -> tuple[str, str, str, dict[str, Any]]:
    """(type, title, body, data) of the notification for ``ev``: what the app and email show."""
    data = dict(ev.data or {})
    if ev.kind == EventKind.PLAN_CREATED:
        plan_id = _uuid(data.get("plan_id"))
        plan = await Plan.get_or_none(id=plan_id) if plan_id else None
        goal = str(data.get("goal") or "your goal")
        race = data.get("race_date")
        if plan is not None:
            data["starts_on"] = plan.start_date.isoformat() if plan.start_date else race
            data["weeks"] = len(plan.weeks or [])
        body = f"Your {goal} plan is ready" + (f" for {race}." if race else ".")
        return NotificationType.PLAN_CREATED, "Your training plan is ready", body, data
    if ev.kind == EventKind.ANALYSIS_READY:
        analysis_id = _uuid(data.get("analysis_id"))
        analysis = await Analysis.get_or_none(id=analysis_id) if analysis_id else None
        body = "Your coach looked at your last six weeks of training."
        if analysis is not None and analysis.content:
            data["excerpt"] = _excerpt(analysis.content)
        data["title"] = "Your last six weeks"
        return NotificationType.ANALYSIS_READY, "Your training analysis is ready", body, data
    if ev.kind == EventKind.OVERTRAINING_DETECTED:
        reasons = [_FACTORS.get(str(code), str(code)) for code in data.get("factors", [])]
        body = "Your overtraining risk is high"
        body += (": " + "; ".join(reasons) + ".") if reasons else "."
        body += " Consider an easy day or rest."
        data["level"] = "high"
        data["reasons"] = [r[:1].upper() + r[1:] + "." for r in reasons]
        return NotificationType.OVERTRAINING_DETECTED, "Overtraining risk is high", body, data
    raise ValueError(f"no notification for events of kind {ev.kind!r}")


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _excerpt(text: str, limit: int = 280) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


NOTIFIED_KINDS = kinds_followed_by("notifications.from_event")


@dataclass(frozen=True, slots=True)
class NewSpec:
    """A notification to create once per (user, group_key)."""

    user_id: uuid.UUID
    type: str
    title: str
    body: str
    data: dict[str, Any]
    group_key: str


_INSERT_SQL = (
    "INSERT INTO notifications (id, user_id, type, title, body, data, read, group_key, created_at)"
    " SELECT gen_random_uuid(), v.user_id, v.type, v.title, v.body, v.data::jsonb, false,"
    " v.group_key, $7 FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::text[],"
    " $5::text[], $6::varchar[]) AS v(user_id, type, title, body, data, group_key)"
    " ON CONFLICT (user_id, group_key) DO NOTHING"
    " RETURNING id, user_id, type, title, body, data, read, created_at"
)


async def insert(
    specs: Sequence[NewSpec], *, conn: BaseDBAsyncClient, now: dt.datetime
) -> list[dict[str, Any]]:
    """Insert the notifications not yet there and their deliveries; the rows created.

    Call inside ``jobs.transaction()`` (the deliveries are queued after commit), then
    ``publish_new`` the result. Idempotent: a (user, group_key) pair is created once.
    """
    if not specs:
        return []
    rows = await db.fetch_all(
        _INSERT_SQL,
        [s.user_id for s in specs],
        [s.type for s in specs],
        [s.title for s in specs],
        [s.body for s in specs],
        [orjson.dumps(s.data).decode() for s in specs],
        [s.group_key for s in specs],
        now,
        conn=conn,
    )
    await delivery.create(
        [delivery.NewNotification(r["id"], r["user_id"], r["type"]) for r in rows],
        conn=conn,
        now=now,
    )
    await changelog.touch_rows(
        changelog.ChangeKind.NOTIFICATIONS, [(r["user_id"], r["id"]) for r in rows], conn=conn
    )
    for r in rows:
        event(log, "notifications.created", user_id=str(r["user_id"]), type=r["type"])
    return rows


async def create(
    specs: Sequence[NewSpec], *, redis: aioredis.Redis | None, now: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """Create these notifications and deliveries in one transaction; publish. Idempotent."""
    now = now or dt.datetime.now(dt.UTC)
    async with jobs.transaction() as conn:
        rows = await insert(specs, conn=conn, now=now)
    await publish_new(redis, rows)
    return rows


async def notify_event(
    *, event_id: uuid.UUID, redis: aioredis.Redis | None = None
) -> Notification | None:
    """Create the notification of an event, once. Idempotent; None for an unknown event."""
    ev = await Event.get_or_none(id=event_id)
    if ev is None or ev.kind not in NOTIFIED_KINDS:
        return None
    kind, title, body, data = await _content(ev)
    group_key = f"event:{ev.id}"
    await create([NewSpec(ev.user_id, kind, title, body, data, group_key)], redis=redis)
    return await Notification.get(user_id=ev.user_id, group_key=group_key)


_UNNOTIFIED_SQL = (
    "SELECT e.id FROM training_events e WHERE e.kind = ANY($1::varchar[])"
    " AND e.created_at > $2 AND NOT EXISTS (SELECT 1 FROM notifications n"
    " WHERE n.user_id = e.user_id AND n.group_key = 'event:' || e.id::text)"
    " ORDER BY e.created_at LIMIT 1000"
)


async def unnotified_events(*, now: dt.datetime | None = None) -> list[uuid.UUID]:
    """Recent events without their notification (a crash between commit and enqueue)."""
    since = (now or dt.datetime.now(dt.UTC)) - SWEEP_WINDOW
    rows = await db.fetch_all(_UNNOTIFIED_SQL, [kind.value for kind in NOTIFIED_KINDS], since)
    return [r["id"] for r in rows]


async def sweep_events(*, now: dt.datetime | None = None) -> int:
    """Queue the notification of every recent event left without one. Idempotent."""
    event_ids = await unnotified_events(now=now)
    for event_id in event_ids:
        jobs.enqueue("notifications.from_event", str(event_id))
    return len(event_ids)


_UNREAD_MANY_SQL = (
    "SELECT user_id, count(*) AS count FROM notifications WHERE user_id = ANY($1::uuid[])"
    " AND NOT read GROUP BY user_id"
)


async def publish_new(redis: aioredis.Redis | None, rows: Sequence[Mapping[str, Any]]) -> None:
    """Tell the users' open sockets (any web process) of new notifications. Fail-open.

    Also drops the users' cached answers (the dashboard shows the unread count).
    """
    if not rows:
        return
    users = list({r["user_id"] for r in rows})
    await cache.invalidate(*users)
    if redis is None:
        return
    counts = {r["user_id"]: int(r["count"]) for r in await db.fetch_all(_UNREAD_MANY_SQL, users)}
    try:
        async with redis.pipeline(transaction=False) as pipe:
            for r in rows:
                frame = {"type": "notification", "notification": schemas.notification(r),
                         "unread_count": counts.get(r["user_id"], 0)}  # fmt: skip
                pipe.publish(channel(r["user_id"]), orjson.dumps(frame))
            await pipe.execute()
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


# --- reads and changes ----------------------------------------------------------------------


async def unread_count(*, user_id: uuid.UUID) -> int:
    """How many of the user's notifications are unread. Read-only."""
    rows = await db.fetch_all(_UNREAD_SQL, user_id)
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
    """The user's notifications grouped by type (type, count, unread, latest). Read-only."""
    return await db.fetch_all(_GROUPS_SQL, user_id)


async def mark(*, user_id: uuid.UUID, notification_id: uuid.UUID, read: bool) -> Notification:
    """Mark one notification read or unread. Idempotent; NotFound if not the user's."""
    row = await Notification.get_or_none(id=notification_id, user_id=user_id)
    if row is None:
        raise NotFound("no such notification")
    if row.read != read:
        row.read, row.read_at = read, dt.datetime.now(dt.UTC) if read else None
        async with jobs.transaction() as conn:
            await (
                Notification.filter(id=row.id)
                .using_db(conn)
                .update(read=row.read, read_at=row.read_at)
            )
            await changelog.touch(
                changelog.ChangeKind.NOTIFICATIONS, user_id=user_id, ids=[row.id], conn=conn
            )
    return row


async def read_all(*, user_id: uuid.UUID, type: str | None) -> int:
    """Mark every unread notification (of ``type``) read; how many changed. Idempotent."""
    async with jobs.transaction() as conn:
        rows = await db.fetch_all(_READ_ALL_SQL, user_id, type, dt.datetime.now(dt.UTC), conn=conn)
        await changelog.touch(
            changelog.ChangeKind.NOTIFICATIONS,
            user_id=user_id,
            ids=[r["id"] for r in rows],
            conn=conn,
        )
    return len(rows)


_READ_ALL_SQL = (
    "UPDATE notifications SET read = true, read_at = $3 WHERE user_id = $1 AND NOT read"
    " AND ($2::varchar IS NULL OR type = $2) RETURNING id"
)


async def delete(*, user_id: uuid.UUID, notification_id: uuid.UUID) -> None:
    """Delete one notification (a tombstone for /sync); NotFound if not the user's."""
    async with jobs.transaction() as conn:
        if (
            not await Notification.filter(id=notification_id, user_id=user_id)
            .using_db(conn)
            .delete()
        ):
            raise NotFound("no such notification")
        await changelog.deleted(
            changelog.ChangeKind.NOTIFICATIONS, user_id=user_id, ids=[notification_id], conn=conn
        )
