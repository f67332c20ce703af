"""Digests: due at the athlete's local hour, claimed once per period, sent with the numbers."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx
import pytest

from runcoach.notifications import digests, preferences, schedule
from runcoach.notifications.models import (
    DigestLog,
    Notification,
    NotificationDelivery,
    NotificationPreference,
)
from tests.support.athletes import Athlete
from tests.support.jobs import broker, queued_messages

pytestmark = pytest.mark.usefixtures("quiet_queue")

PREFS = "/api/v1/notifications/preferences"
WORKOUTS = "/api/v1/workouts"


async def prefs(client: httpx.AsyncClient, who: Athlete, **body: Any) -> None:
    r = await client.put(PREFS, headers=who.headers, json=body)
    assert r.status_code == 200, r.text


async def run_reschedules() -> list[str]:
    """Run here the digest reschedules that profile writes queued (no worker runs in these
    tests) and take them off the queue; the users they were for."""
    jobs = [
        m for m in queued_messages("notifications")
        if m["actor_name"] == "notifications.reschedule_digests"
    ]  # fmt: skip
    for job in jobs:
        await preferences.reschedule(user_id=uuid.UUID(job["args"][0]))
    if jobs:
        broker().flush("notifications")
    return [job["args"][0] for job in jobs]


async def pref(who: Athlete) -> NotificationPreference:
    return await NotificationPreference.get(user_id=who.id)


async def test_a_new_athlete_gets_a_weekly_digest_time_and_no_daily_one(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    p = await pref(athlete)
    assert p.next_daily_digest_at is None
    assert p.next_weekly_digest_at is not None
    local = p.next_weekly_digest_at.astimezone(dt.UTC)  # the default zone is UTC
    assert (local.weekday(), local.hour, local.minute) == (0, 7, 0)
    # Asking for the daily summary schedules it; a new zone moves both to its local hour.
    await prefs(client, athlete, email={"daily_summary": True}, digest_time="06:30")
    r = await client.patch("/api/v1/me", headers=athlete.headers, json={"timezone": "Asia/Tokyo"})
    assert r.status_code == 200, r.text
    assert await run_reschedules() == [athlete.id]  # queued by the profile write
    p = await pref(athlete)
    assert p.next_daily_digest_at is not None and p.next_weekly_digest_at is not None
    for instant in (p.next_daily_digest_at, p.next_weekly_digest_at):
        local_time = instant.astimezone(dt.timezone(dt.timedelta(hours=9))).time()
        assert local_time == dt.time(6, 30)


async def make_due(who: Athlete, kind: str, at: dt.datetime) -> None:
    await NotificationPreference.filter(user_id=who.id).update(**{f"next_{kind}_digest_at": at})


async def test_the_tick_claims_each_period_once_and_moves_the_next_instant_on(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    await prefs(client, athlete, timezone="Europe/Paris", digest_time="07:00", weekly_day="mon")
    await run_reschedules()
    due_at = dt.datetime(2026, 11, 30, 6, 0, tzinfo=dt.UTC)  # Monday 07:00 in Paris
    await make_due(athlete, "weekly", due_at)
    now = due_at + dt.timedelta(seconds=20)
    claimed = await digests.tick(now=now)
    assert len(claimed) == 1  # `other` is not due
    log = await DigestLog.get(id=claimed[0])
    assert (log.kind, log.status) == ("weekly", "pending")
    assert (log.period_start, log.period_end) == (dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    assert (await pref(athlete)).next_weekly_digest_at == due_at + dt.timedelta(days=7)
    messages = [m for m in queued_messages("notifications")]
    assert [m["actor_name"] for m in messages] == ["notifications.send_digests"]
    assert messages[0]["args"] == [[str(log.id)]]
    # A second tick (or a second clock) in the same minute claims nothing more.
    assert await digests.tick(now=now) == []
    # Even if the next instant were put back, the period is claimed once.
    await make_due(athlete, "weekly", due_at)
    assert await digests.tick(now=now) == []
    assert await DigestLog.filter(user_id=athlete.id).count() == 1


async def test_across_a_clock_change_the_digest_is_neither_skipped_nor_doubled(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    # New York falls back on Sunday 2026-11-01: 01:30 happens twice.
    await prefs(client, athlete, timezone="America/New_York", digest_time="01:30",
                email={"daily_summary": True})  # fmt: skip
    sent: list[dt.datetime] = []
    now = dt.datetime(2026, 10, 30, 12, 0, tzinfo=dt.UTC)
    await make_due(athlete, "daily", schedule.next_digest_at(
        now, at=dt.time(1, 30), timezone="America/New_York"))  # fmt: skip
    while now < dt.datetime(2026, 11, 3, 12, 0, tzinfo=dt.UTC):
        now += dt.timedelta(minutes=15)
        if await digests.tick(now=now):
            sent.append(now)
    periods = [
        (log.period_start, log.period_end)
        async for log in DigestLog.filter(user_id=athlete.id, kind="daily").order_by("period_start")
    ]
    days = [dt.date(2026, 10, 30) + dt.timedelta(days=i) for i in range(4)]
    assert periods == [(d, d) for d in days]  # one per local day: Oct 30, 31, Nov 1, 2
    assert len(sent) == 4


async def log_workout(client: httpx.AsyncClient, who: Athlete, day: str, km: float) -> None:
    body = {"sport": "run", "started_at": f"{day}T07:30:00Z", "duration_s": km * 330,
            "distance_m": km * 1000, "avg_hr": 150}  # fmt: skip
    r = await client.post(WORKOUTS, headers=who.headers, json=body)
    assert r.status_code == 201, r.text


async def test_the_weekly_digest_counts_the_period_and_the_training(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    await log_workout(client, athlete, "2026-11-17", 10)
    await log_workout(client, athlete, "2026-11-20", 16)
    await log_workout(client, athlete, "2026-11-23", 8)  # after the period
    for i in range(3):
        await Notification.create(user_id=athlete.id, type="analysis_ready", title="t", body="b",
                                  group_key=f"t{i}")  # fmt: skip
    await Notification.create(user_id=athlete.id, type="daily_reminder", title="t", body="b",
                              group_key="reminder")  # not news a digest counts  # fmt: skip
    await Notification.filter(user_id=athlete.id).update(
        created_at=dt.datetime(2026, 11, 18, 12, tzinfo=dt.UTC)
    )
    await make_due(athlete, "weekly", dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC))
    [log_id] = await digests.tick(now=dt.datetime(2026, 11, 23, 7, 0, 30, tzinfo=dt.UTC))
    result = await digests.send_digests(log_ids=[log_id], redis=None)
    assert result == {"sent": 1}
    assert await digests.send_digests(log_ids=[log_id], redis=None) == {}  # again: nothing
    note = await Notification.get(user_id=athlete.id, type="weekly_summary")
    assert note.data["period"] == {"start": "2026-11-16", "end": "2026-11-22"}
    assert note.data["counts"] == [
        {"type": "analysis_ready", "label": "Training analyses", "count": 3}
    ]
    assert note.data["week"]["workouts"] == 2
    assert note.data["week"]["distance_m"] == pytest.approx(26000)
    assert note.title == "Your week: 2 workouts, 26.0 km"
    log = await DigestLog.get(id=log_id)
    assert (log.status, log.notification_id) == ("sent", note.id)
    channels = {d.channel async for d in NotificationDelivery.filter(notification_id=note.id)}
    assert channels == {"email", "push"}  # weekly_analysis email is on by default


async def test_an_empty_period_is_skipped_unless_asked_for(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    await prefs(client, other, digest_when_empty=True)
    at = dt.datetime(2026, 11, 30, 7, tzinfo=dt.UTC)
    await make_due(athlete, "weekly", at)
    await make_due(other, "weekly", at)
    ids = await digests.tick(now=at + dt.timedelta(seconds=5))
    assert await digests.send_digests(log_ids=ids, redis=None) == {"sent": 1, "skipped": 1}
    assert not await Notification.filter(user_id=athlete.id).exists()
    body = (await Notification.get(user_id=other.id)).body
    assert "0 workouts" in body and "no notifications" in body
    statuses = {str(log.user_id): log.status async for log in DigestLog.all()}
    assert statuses == {athlete.id: "skipped", other.id: "sent"}


async def test_the_sweep_requeues_digests_left_pending(athlete: Athlete) -> None:
    at = dt.datetime(2026, 11, 30, 7, tzinfo=dt.UTC)
    await make_due(athlete, "weekly", at)
    [log_id] = await digests.tick(now=at)
    later = at + digests.PENDING_GRACE + dt.timedelta(seconds=1)
    assert await digests.sweep(now=later) == 1
    assert await digests.sweep(now=later) == 0  # stamped: not every minute
    assert uuid.UUID(str(log_id)) == (await DigestLog.get(id=log_id)).id
