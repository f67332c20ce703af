"""Daily coaching reminders: today's planned session, at the athlete's local time, once a day.

* **The tick** (the clock, every minute) finds the preferences whose
  ``next_daily_reminder_at`` (UTC, indexed) has come, writes one ``daily_reminders`` row
  per user and local date (unique: a second tick, or two clocks, write nothing more)
  and moves the next instant on, in one transaction; then it queues
  ``notifications.send_reminders`` for the new rows. The instants come from
  ``schedule.next_digest_at``, as the digests' do: a reminder time in a spring-forward
  gap fires at the gap's end, one in a fall-back overlap fires once. A reminder time in
  the quiet hours is claimed as skipped (not deferred: a reminder hours late is noise),
  and so is one the clock reaches too late (``LATE``: it was down).
* **The job** turns pending rows into ``daily_reminder`` notifications (in the app, and
  pushed if the push preference allows; never emailed) with the day's first session not
  yet done of the active plan, or skips them: no active plan, a rest day, the day's
  sessions done, reminders turned off since.
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
from runcoach.notifications.models import NotificationType, ReminderSkip, ReminderStatus
from runcoach.plans.models import PlanStatus

log = logging.getLogger("runcoach.notifications")

TICK_LIMIT = 10_000  # due users claimed per tick; the rest next minute
BATCH = 200  # reminders per job message
PENDING_GRACE = dt.timedelta(minutes=10)
LATE = dt.timedelta(hours=2)  # a reminder claimed later than this after its time is skipped

_PENDING, _SENT, _SKIPPED = ReminderStatus.PENDING, ReminderStatus.SENT, ReminderStatus.SKIPPED

_DUE_SQL = (
    "SELECT p.user_id, p.next_daily_reminder_at AS due_at, p.daily_reminder_time,"
    " p.quiet_start, p.quiet_end, u.timezone FROM notification_preferences p"
    " JOIN users u ON u.id = p.user_id WHERE p.next_daily_reminder_at <= $1"
    " ORDER BY p.next_daily_reminder_at LIMIT $2"
)
_CLAIM_SQL = (
    "INSERT INTO daily_reminders (id, user_id, local_date, due_at, status, reason, created_at,"
    " updated_at) SELECT gen_random_uuid(), v.user_id, v.day, v.due_at, v.status, v.reason, $1, $1"
    " FROM unnest($2::uuid[], $3::date[], $4::timestamptz[], $5::varchar[], $6::varchar[])"
    " AS v(user_id, day, due_at, status, reason)"
    " ON CONFLICT (user_id, local_date) DO NOTHING RETURNING id, status"
)
_ADVANCE_SQL = (
    "UPDATE notification_preferences p SET next_daily_reminder_at = v.next"
    " FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS v(user_id, due, next)"
    " WHERE p.user_id = v.user_id AND p.next_daily_reminder_at = v.due"
)


def _hhmm(value: str | None) -> dt.time | None:
    return localtime.parse_hhmm(value) if value else None


def claim_status(
    *, due_at: dt.datetime, now: dt.datetime, timezone: str,
    quiet_start: str | None, quiet_end: str | None,
) -> ReminderSkip | None:  # fmt: skip
    """Why a reminder due at ``due_at`` is skipped as soon as claimed, or None. Pure."""
    if now - due_at > LATE:
        return ReminderSkip.LATE
    start, end = _hhmm(quiet_start), _hhmm(quiet_end)
    if start is not None and end is not None:
        try:
            if schedule.in_quiet_hours(due_at, start=start, end=end, timezone=timezone):
                return ReminderSkip.QUIET_HOURS
        except ValueError:  # an unknown zone cannot be in quiet hours
            return None
    return None


async def tick(*, now: dt.datetime | None = None) -> list[uuid.UUID]:
    """Claim the reminders that fell due and queue the ones to send. Safe to run twice."""
    now = now or dt.datetime.now(dt.UTC)
    rows = await db.fetch_all(_DUE_SQL, now, TICK_LIMIT)
    if not rows:
        return []
    users, days, dues, statuses, reasons, nexts = [], [], [], [], [], []
    for r in rows:
        at = localtime.parse_hhmm(r["daily_reminder_time"] or "00:00")
        timezone = r["timezone"]
        try:
            day = localtime.wall_clock(r["due_at"], timezone).date()
            following = schedule.next_digest_at(now, at=at, timezone=timezone)
        except ValueError:  # an unknown zone: read as UTC rather than never
            timezone = "UTC"
            day = r["due_at"].astimezone(dt.UTC).date()
            following = schedule.next_digest_at(now, at=at, timezone=timezone)
        skip = claim_status(due_at=r["due_at"], now=now, timezone=timezone,
                            quiet_start=r["quiet_start"], quiet_end=r["quiet_end"])  # fmt: skip
        users.append(r["user_id"])
        days.append(day)
        dues.append(r["due_at"])
        statuses.append(_PENDING if skip is None else _SKIPPED)
        reasons.append(None if skip is None else skip.value)
        nexts.append(following if r["daily_reminder_time"] else None)
    async with jobs.transaction() as conn:
        created = await db.fetch_all(
            _CLAIM_SQL, now, users, days, dues, statuses, reasons, conn=conn
        )
        await db.execute(_ADVANCE_SQL, users, dues, nexts, conn=conn)
        ids = [r["id"] for r in created if r["status"] == _PENDING]
        queue(ids)
    event(log, "notifications.reminders_due", due=len(rows), claimed=len(created),
          queued=len(ids))  # fmt: skip
    return ids


def queue(reminder_ids: Sequence[uuid.UUID]) -> None:
    """Send ``notifications.send_reminders`` for these rows, ``BATCH`` per message."""
    for start in range(0, len(reminder_ids), BATCH):
        chunk = [str(i) for i in reminder_ids[start : start + BATCH]]
        jobs.enqueue("notifications.send_reminders", chunk)


# --- the job ---------------------------------------------------------------------------------

_PENDING_SQL = (
    "SELECT r.id, r.user_id, r.local_date, p.daily_reminder_time"  # noqa: S608 (states from the enums)
    " FROM daily_reminders r LEFT JOIN notification_preferences p ON p.user_id = r.user_id"
    f" WHERE r.id = ANY($1::uuid[]) AND r.status = '{_PENDING}'"
    " FOR UPDATE OF r SKIP LOCKED"
)
# Per reminder, the plan active on its day (plans.service.plan_on) and that day's sessions.
_SESSIONS_SQL = (
    "SELECT v.id AS reminder_id, p.id AS plan_id, s.id AS session_id, s.type, s.intensity,"  # noqa: S608 (states from the enums)
    " s.target_distance_m, s.target_duration_s, s.target_pace_min_s_per_km,"
    " s.target_pace_max_s_per_km, s.target_hr_zone, s.description, s.tip, s.completed"
    " FROM unnest($1::uuid[], $2::uuid[], $3::date[]) AS v(id, user_id, day)"
    " JOIN LATERAL (SELECT p.id FROM plans p WHERE p.user_id = v.user_id"
    f" AND p.status = '{PlanStatus.READY}' AND p.end_date >= v.day"
    " ORDER BY p.created_at DESC, p.id DESC LIMIT 1) p ON true"
    " LEFT JOIN plan_sessions s ON s.plan_id = p.id AND s.date = v.day"
    " ORDER BY v.id, s.key"
)
_DONE_SQL = (
    "UPDATE daily_reminders r SET status = v.status, reason = v.reason,"
    " notification_id = v.notification_id, updated_at = $5"
    " FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::uuid[])"
    " AS v(id, status, reason, notification_id) WHERE r.id = v.id"
)


def _skip_reason(reminder: dict[str, Any], found: list[dict[str, Any]]) -> ReminderSkip | None:
    if not reminder["daily_reminder_time"]:
        return ReminderSkip.TURNED_OFF
    if not found:
        return ReminderSkip.NO_PLAN
    sessions = [s for s in found if s["session_id"] is not None]
    if not sessions:
        return ReminderSkip.REST_DAY
    if all(s["completed"] for s in sessions):
        return ReminderSkip.COMPLETED
    return None


async def send_reminders(
    *, reminder_ids: Iterable[uuid.UUID], redis: aioredis.Redis | None,
    now: dt.datetime | None = None,
) -> dict[str, int]:  # fmt: skip
    """Turn pending reminder rows into notifications, or skip them. Safe to run twice."""
    now = now or dt.datetime.now(dt.UTC)
    async with jobs.transaction() as conn:
        pending = await db.fetch_all(_PENDING_SQL, list(reminder_ids), conn=conn)
        if not pending:
            return {}
        found: dict[uuid.UUID, list[dict[str, Any]]] = {}
        for s in await db.fetch_all(
            _SESSIONS_SQL,
            [r["id"] for r in pending],
            [r["user_id"] for r in pending],
            [r["local_date"] for r in pending],
            conn=conn,
        ):
            found.setdefault(s["reminder_id"], []).append(s)
        specs: list[notifications_service.NewSpec] = []
        outcome: dict[uuid.UUID, tuple[ReminderStatus, str | None]] = {}
        for r in pending:
            sessions = found.get(r["id"], [])
            skip = _skip_reason(r, sessions)
            if skip is not None:
                outcome[r["id"]] = (_SKIPPED, skip.value)
                continue
            session = next(s for s in sessions if s["session_id"] and not s["completed"])
            specs.append(_spec(r, session))
            outcome[r["id"]] = (_SENT, None)
        rows = await notifications_service.insert(specs, conn=conn, now=now)
        created = {row["user_id"]: row["id"] for row in rows}
        ids = [r["id"] for r in pending]
        await db.execute(
            _DONE_SQL,
            ids,
            [outcome[i][0] for i in ids],
            [outcome[i][1] for i in ids],
            [created.get(r["user_id"]) if outcome[r["id"]][0] == _SENT else None for r in pending],
            now,
            conn=conn,
        )
    await notifications_service.publish_new(redis, rows)
    result: dict[str, int] = {}
    for status, _ in outcome.values():
        result[status] = result.get(status, 0) + 1
    return result


def _pace(seconds_per_km: float) -> str:
    minutes, seconds = divmod(round(seconds_per_km), 60)
    return f"{minutes}:{seconds:02d}"


def describe(session: dict[str, Any]) -> str:
    """One line of the session: type, distance or duration, pace or heart-rate zone. Pure."""
    parts = [str(session["type"]).replace("_", " ").capitalize()]
    if session.get("target_distance_m"):
        parts.append(f"{session['target_distance_m'] / 1000:.1f} km")
    elif session.get("target_duration_s"):
        parts.append(f"{round(session['target_duration_s'] / 60)} min")
    fast, slow = session.get("target_pace_min_s_per_km"), session.get("target_pace_max_s_per_km")
    if fast and slow:
        fast_text, slow_text = _pace(fast), _pace(slow)
        span = fast_text if fast_text == slow_text else f"{fast_text}-{slow_text}"
        parts.append(f"at {span}/km")
    elif session.get("target_hr_zone"):
        parts.append(f"in {session['target_hr_zone']}")
    return " ".join(parts)


def _spec(reminder: dict[str, Any], s: dict[str, Any]) -> notifications_service.NewSpec:
    day: dt.date = reminder["local_date"]
    line = describe(s)
    body = line + "." + (f" Tip: {s['tip']}" if s["tip"] else "")
    session = {
        "type": s["type"],
        "intensity": s["intensity"],
        "target_distance_m": s["target_distance_m"],
        "target_duration_s": s["target_duration_s"],
        "target_pace_min_s_per_km": s["target_pace_min_s_per_km"],
        "target_pace_max_s_per_km": s["target_pace_max_s_per_km"],
        "target_hr_zone": s["target_hr_zone"],
        "description": s["description"],
        "tip": s["tip"],
    }
    data = {
        "plan_id": str(s["plan_id"]),
        "session_id": str(s["session_id"]),
        "date": day.isoformat(),
        "session": session,
    }
    return notifications_service.NewSpec(
        reminder["user_id"], NotificationType.DAILY_REMINDER, f"Today: {line}", body, data,
        f"reminder:{day.isoformat()}",
    )  # fmt: skip


# --- the sweep -------------------------------------------------------------------------------


async def sweep(*, now: dt.datetime | None = None) -> int:
    """Re-queue reminder rows left pending (a lost message or a killed worker); how many."""
    now = now or dt.datetime.now(dt.UTC)
    rows = await db.fetch_all(
        "UPDATE daily_reminders SET updated_at = $2 WHERE id IN (SELECT id FROM daily_reminders"  # noqa: S608 (states from the enums)
        f" WHERE status = '{_PENDING}' AND updated_at < $1 ORDER BY updated_at LIMIT 5000"
        " FOR UPDATE SKIP LOCKED) RETURNING id",
        now - PENDING_GRACE,
        now,
    )
    ids = [r["id"] for r in rows]
    queue(ids)
    return len(ids)
