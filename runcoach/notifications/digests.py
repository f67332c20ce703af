"""Daily and weekly digests, sent at the athlete's local hour, once per period.

* **The tick** (the clock, every minute) finds the preferences whose
  ``next_daily_digest_at`` / ``next_weekly_digest_at`` (UTC, indexed) has come,
  writes one ``digest_logs`` row per user, kind and period (unique: a second tick,
  or two clocks, write nothing more) and moves the next instant on, in one
  transaction; then it queues ``notifications.send_digests`` for the new rows. The
  period is the one of the instant that fell due, so a late tick sends the right
  digest; the next instant is computed from now with ``schedule.next_digest_at``
  (DST-safe: never skipped, never doubled).
* **The job** turns pending rows into ``weekly_summary`` / ``daily_summary``
  notifications (counts of the period's notifications by type, and the week's
  training numbers) with their deliveries, and marks the rows sent, in one
  transaction. An empty period is skipped unless the athlete asked for empty digests.
* **The sweep** re-queues rows left pending (a lost message, a killed worker).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import redis.asyncio as aioredis

from runcoach import db, jobs, localtime
from runcoach.logs import event
from runcoach.notifications import schedule
from runcoach.notifications import service as notifications_service
from runcoach.notifications.models import DigestKind, DigestStatus, NotificationType

log = logging.getLogger("runcoach.notifications")

KINDS = tuple(DigestKind)
TYPE_OF = {
    DigestKind.DAILY: NotificationType.DAILY_SUMMARY,
    DigestKind.WEEKLY: NotificationType.WEEKLY_SUMMARY,
}
# not news a digest reports: the digests themselves, and the reminders of planned sessions
NOT_COUNTED = (NotificationType.DAILY_REMINDER,)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TICK_LIMIT = 10_000  # due users claimed per tick and kind; the rest next minute
BATCH = 200  # digests per job message
PENDING_GRACE = dt.timedelta(minutes=10)
LABELS = {
    NotificationType.PLAN_CREATED: "New training plans",
    NotificationType.ANALYSIS_READY: "Training analyses",
    NotificationType.OVERTRAINING_DETECTED: "Overtraining warnings",
    NotificationType.PAYMENT_FAILED: "Payment problems",
    NotificationType.SUBSCRIPTION_CHANGED: "Subscription changes",
}

_DUE_SQL = {
    kind: (
        f"SELECT p.user_id, p.next_{kind}_digest_at AS due_at, p.digest_time, p.weekly_day,"  # noqa: S608
        " u.timezone FROM notification_preferences p JOIN users u ON u.id = p.user_id"
        f" WHERE p.next_{kind}_digest_at <= $1 ORDER BY p.next_{kind}_digest_at LIMIT $2"
    )
    for kind in KINDS
}
_CLAIM_SQL = (
    "INSERT INTO digest_logs (id, user_id, kind, period_start, period_end, status, due_at,"  # noqa: S608 (states from the enums)
    " created_at, updated_at) SELECT gen_random_uuid(), v.user_id, $1, v.first, v.last,"
    f" '{DigestStatus.PENDING}', v.due_at, $5, $5 FROM unnest($2::uuid[], $3::date[], $4::date[],"
    " $6::timestamptz[]) AS v(user_id, first, last, due_at)"
    " ON CONFLICT (user_id, kind, period_start) DO NOTHING RETURNING id"
)
_ADVANCE_SQL = {
    kind: (
        f"UPDATE notification_preferences p SET next_{kind}_digest_at = v.next"  # noqa: S608
        " FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS v(user_id, due, next)"
        f" WHERE p.user_id = v.user_id AND p.next_{kind}_digest_at = v.due"
    )
    for kind in KINDS
}


async def find_due(*, kind: str, now: dt.datetime, limit: int = TICK_LIMIT) -> list[dict[str, Any]]:
    """The users whose ``kind`` digest has fallen due (an index range scan). Read-only."""
    return await db.fetch_all(_DUE_SQL[DigestKind(kind)], now, limit)


async def tick(*, now: dt.datetime | None = None) -> list[uuid.UUID]:
    """Claim the digests that fell due and queue them; the new log ids. Safe to run twice."""
    now = now or dt.datetime.now(dt.UTC)
    claimed: list[uuid.UUID] = []
    for kind in DigestKind:
        rows = await find_due(kind=kind, now=now)
        if not rows:
            continue
        users, firsts, lasts, dues, nexts = [], [], [], [], []
        for r in rows:
            at = localtime.parse_hhmm(r["digest_time"])
            try:
                first, last = schedule.digest_period(r["due_at"], kind=kind, timezone=r["timezone"])
                weekday = WEEKDAYS.index(r["weekly_day"]) if kind == DigestKind.WEEKLY else None
                following = schedule.next_digest_at(
                    now, at=at, timezone=r["timezone"], weekday=weekday
                )
            except ValueError:  # an unknown zone: read as UTC rather than never
                first, last = schedule.digest_period(r["due_at"], kind=kind, timezone="UTC")
                following = now + dt.timedelta(days=1 if kind == DigestKind.DAILY else 7)
            users.append(r["user_id"])
            firsts.append(first)
            lasts.append(last)
            dues.append(r["due_at"])
            nexts.append(following)
        async with jobs.transaction() as conn:
            created = await db.fetch_all(
                _CLAIM_SQL, kind, users, firsts, lasts, now, dues, conn=conn
            )
            await db.execute(_ADVANCE_SQL[kind], users, dues, nexts, conn=conn)
            ids = [r["id"] for r in created]
            queue(ids)
        claimed.extend(ids)
        event(log, "notifications.digests_due", kind=kind, due=len(rows), claimed=len(ids))
    return claimed


def queue(log_ids: Sequence[uuid.UUID]) -> None:
    """Send ``notifications.send_digests`` for these rows, ``BATCH`` per message."""
    for start in range(0, len(log_ids), BATCH):
        jobs.enqueue("notifications.send_digests", [str(i) for i in log_ids[start : start + BATCH]])


# --- the job ---------------------------------------------------------------------------------

_PENDING_SQL = (
    "SELECT l.id, l.user_id, l.kind, l.period_start, l.period_end, u.timezone,"  # noqa: S608 (states from the enums)
    " coalesce(p.digest_when_empty, false) AS when_empty"
    " FROM digest_logs l JOIN users u ON u.id = l.user_id"
    " LEFT JOIN notification_preferences p ON p.user_id = l.user_id"
    f" WHERE l.id = ANY($1::uuid[]) AND l.status = '{DigestStatus.PENDING}'"
    " FOR UPDATE OF l SKIP LOCKED"
)
_COUNTS_SQL = (
    "SELECT v.user_id, n.type, count(*) AS count"
    " FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS v(user_id, start, stop)"
    " JOIN notifications n ON n.user_id = v.user_id AND n.created_at >= v.start"
    " AND n.created_at < v.stop AND n.type <> ALL($4::varchar[]) GROUP BY v.user_id, n.type"
)
_WEEK_SQL = (
    "SELECT v.user_id, coalesce(sum(d.workouts), 0) AS workouts,"
    " coalesce(sum(d.distance_m), 0) AS distance_m, coalesce(sum(d.duration_s), 0) AS duration_s,"
    " coalesce(sum(d.load), 0) AS load"
    " FROM unnest($1::uuid[], $2::date[], $3::date[]) AS v(user_id, first, last)"
    " LEFT JOIN daily_loads d ON d.user_id = v.user_id AND d.date BETWEEN v.first AND v.last"
    " GROUP BY v.user_id"
)
_DONE_SQL = (
    "UPDATE digest_logs l SET status = v.status, notification_id = v.notification_id,"
    " updated_at = $4 FROM unnest($1::uuid[], $2::varchar[], $3::uuid[])"
    " AS v(id, status, notification_id) WHERE l.id = v.id"
)


def _utc_range(first: dt.date, last: dt.date, timezone: str) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants of local midnight starting ``first`` and after ``last``."""
    timezone = localtime.valid_zone(timezone)
    start = localtime.day_start(first, timezone).astimezone(dt.UTC)
    stop = localtime.day_start(last + dt.timedelta(days=1), timezone).astimezone(dt.UTC)
    return start, stop


async def send_digests(
    *, log_ids: Iterable[uuid.UUID], redis: aioredis.Redis | None, now: dt.datetime | None = None
) -> dict[str, int]:
    """Turn pending digest rows into notifications (or skip empty ones). Safe to run twice."""
    now = now or dt.datetime.now(dt.UTC)
    async with jobs.transaction() as conn:
        logs = await db.fetch_all(_PENDING_SQL, list(log_ids), conn=conn)
        if not logs:
            return {}
        ranges = [_utc_range(r["period_start"], r["period_end"], r["timezone"]) for r in logs]
        counts: dict[uuid.UUID, list[dict[str, Any]]] = {}
        for r in await db.fetch_all(
            _COUNTS_SQL,
            [r["user_id"] for r in logs], [a for a, _ in ranges], [b for _, b in ranges],
            [*TYPE_OF.values(), *NOT_COUNTED],
            conn=conn,
        ):  # fmt: skip
            label = LABELS.get(r["type"], r["type"])
            item = {"type": r["type"], "label": label, "count": int(r["count"])}
            counts.setdefault(r["user_id"], []).append(item)
        # The week's numbers: the period itself (weekly), the week so far (daily).
        week_first = [
            r["period_start"] if r["kind"] == DigestKind.WEEKLY
            else r["period_end"] - dt.timedelta(days=r["period_end"].weekday())
            for r in logs
        ]  # fmt: skip
        weeks = {
            r["user_id"]: r
            for r in await db.fetch_all(
                _WEEK_SQL,
                [r["user_id"] for r in logs],
                week_first,
                [r["period_end"] for r in logs],
                conn=conn,
            )
        }
        specs: list[notifications_service.NewSpec] = []
        outcome: dict[uuid.UUID, str] = {}
        for r in logs:
            user_counts = sorted(counts.get(r["user_id"], []), key=lambda c: -c["count"])
            week = _week(weeks.get(r["user_id"]))
            if not user_counts and not week["workouts"] and not r["when_empty"]:
                outcome[r["id"]] = DigestStatus.SKIPPED
                continue
            specs.append(_spec(r, user_counts, week))
            outcome[r["id"]] = DigestStatus.SENT
        rows = await notifications_service.insert(specs, conn=conn, now=now)
        by_key = {(s.user_id, s.group_key): s for s in specs}
        created = {(row["user_id"], row["type"]): row["id"] for row in rows}
        ids = [r["id"] for r in logs]
        notification_ids = [
            created.get((r["user_id"], TYPE_OF[r["kind"]]))
            if (r["user_id"], _group_key(r)) in by_key else None
            for r in logs
        ]  # fmt: skip
        await db.execute(
            _DONE_SQL, ids, [outcome[i] for i in ids], notification_ids, now, conn=conn
        )
    await notifications_service.publish_new(redis, rows)
    result: dict[str, int] = {}
    for status in outcome.values():
        result[status] = result.get(status, 0) + 1
    return result


def _week(row: dict[str, Any] | None) -> dict[str, Any]:
    row = row or {}
    return {
        "workouts": int(row.get("workouts") or 0),
        "distance_m": float(row.get("distance_m") or 0.0),
        "duration_s": float(row.get("duration_s") or 0.0),
        "load": round(float(row.get("load") or 0.0), 1),
    }


def _group_key(log_row: dict[str, Any]) -> str:
    return f"digest:{log_row['kind']}:{log_row['period_start'].isoformat()}"


def _spec(
    r: dict[str, Any], counts: list[dict[str, Any]], week: dict[str, Any]
) -> notifications_service.NewSpec:
    first, last = r["period_start"], r["period_end"]
    total = sum(c["count"] for c in counts)
    numbers = f"{week['workouts']} workout{'s' if week['workouts'] != 1 else ''}"
    if week["distance_m"]:
        numbers += f", {week['distance_m'] / 1000:.1f} km"
    news = f"{total} notification{'s' if total != 1 else ''}" if total else "no notifications"
    if r["kind"] == DigestKind.WEEKLY:
        title = f"Your week: {numbers}"
        body = f"{first:%a %d %b} to {last:%a %d %b}: {numbers}, load {week['load']:.0f}; {news}."
        data: dict[str, Any] = {"period": {"start": first.isoformat(), "end": last.isoformat()}}
    else:
        title = f"Your day: {news}"
        body = f"{last:%a %d %b}: {news}. This week so far: {numbers}."
        data = {"day": last.isoformat()}
    data |= {"counts": counts, "week": week}
    return notifications_service.NewSpec(
        r["user_id"], TYPE_OF[r["kind"]], title, body, data, _group_key(r)
    )


# --- the sweep -------------------------------------------------------------------------------


async def sweep(*, now: dt.datetime | None = None) -> int:
    """Re-queue digest rows left pending (a lost message or a killed worker); how many."""
    now = now or dt.datetime.now(dt.UTC)
    rows = await db.fetch_all(
        "UPDATE digest_logs SET updated_at = $2 WHERE id IN (SELECT id FROM digest_logs"  # noqa: S608 (states from the enums)
        f" WHERE status = '{DigestStatus.PENDING}' AND updated_at < $1 ORDER BY updated_at"
        " LIMIT 5000"
        " FOR UPDATE SKIP LOCKED) RETURNING id",
        now - PENDING_GRACE,
        now,
    )
    ids = [r["id"] for r in rows]
    queue(ids)
    return len(ids)
