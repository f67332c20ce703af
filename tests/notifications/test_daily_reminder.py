"""Daily reminders: due at the athlete's local time (DST-safe), once per local date, with the
day's planned session; skipped on rest days, without a plan, when done, in quiet hours."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from runcoach.config import Settings
from runcoach.notifications import delivery, preferences, reminders
from runcoach.notifications.models import (
    DailyReminder,
    Notification,
    NotificationDelivery,
    NotificationPreference,
    PushToken,
)
from runcoach.plans.models import Plan, PlanSession
from tests.support.athletes import Athlete
from tests.support.jobs import broker, queued_messages
from tests.support.notifications import TOKEN

pytestmark = pytest.mark.usefixtures("quiet_queue")

PREFS = "/api/v1/notifications/preferences"
BERLIN = "Europe/Berlin"
UTC = dt.UTC


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(UTC)


async def put(client: httpx.AsyncClient, who: Athlete, **body: Any) -> dict[str, Any]:
    r = await client.put(PREFS, headers=who.headers, json=body)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def remind_at(
    client: httpx.AsyncClient, who: Athlete, time: str, *, now: dt.datetime, **more: Any
) -> NotificationPreference:
    """Reminders at ``time`` in Berlin, scheduled as if written at ``now``."""
    await put(client, who, daily_reminder_time=time, timezone=BERLIN, **more)
    await preferences.reschedule(user_id=uuid.UUID(str(who.id)), now=now)
    broker().flush("notifications")  # the profile write's reschedule job: done just above
    return await NotificationPreference.get(user_id=who.id)


async def plan_for(
    who: Athlete, day: dt.date, *, session: bool = True, completed: bool = False
) -> tuple[Plan, PlanSession | None]:
    plan = await Plan.create(
        user_id=who.id, goal="10k", days_per_week=4, inputs_key="k" * 64, status="ready",
        start_date=day - dt.timedelta(days=7), end_date=day + dt.timedelta(days=40),
    )  # fmt: skip
    if not session:
        await PlanSession.create(
            plan_id=plan.id, user_id=who.id, key="w01-d1", week=1, date=day - dt.timedelta(days=1),
            type="easy", intensity="easy", target_duration_s=2700, description="Easy run",
        )  # fmt: skip
        return plan, None
    row = await PlanSession.create(
        plan_id=plan.id, user_id=who.id, key="w02-d3", week=2, date=day, type="tempo",
        intensity="hard", target_distance_m=8000, target_pace_min_s_per_km=270,
        target_pace_max_s_per_km=285, description="Tempo run", tip="Settle in before you push.",
        completed=completed,
    )  # fmt: skip
    return plan, row


async def tick_and_send(now: dt.datetime) -> tuple[list[uuid.UUID], dict[str, int]]:
    ids = await reminders.tick(now=now)
    messages = [m for m in queued_messages("notifications")
                if m["actor_name"] == "notifications.send_reminders"]  # fmt: skip
    assert sorted(i for m in messages for i in m["args"][0]) == sorted(str(i) for i in ids)
    broker().flush("notifications")
    result = await reminders.send_reminders(reminder_ids=ids, redis=None, now=now)
    broker().flush("notifications")
    return ids, result


async def reminder_rows(who: Athlete) -> list[DailyReminder]:
    return list(await DailyReminder.filter(user_id=who.id).order_by("local_date"))


async def reminder_notes(who: Athlete) -> list[Notification]:
    return list(await Notification.filter(user_id=who.id, type="daily_reminder"))


# --- preferences ----------------------------------------------------------------------------


async def test_the_preference_defaults_validation_and_off(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    r = await client.get(PREFS, headers=athlete.headers)
    body = r.json()
    assert body["daily_reminder_time"] is None and body["push"]["daily_reminder"] is True
    assert (await NotificationPreference.get(user_id=athlete.id)).next_daily_reminder_at is None
    for bad in ("7:00", "24:00", "07:60", "", 700, True):
        r = await client.put(PREFS, headers=athlete.headers, json={"daily_reminder_time": bad})
        assert r.status_code == 422, bad
        assert [e["field"] for e in r.json()["errors"]] == ["daily_reminder_time"], r.text
    r = await client.put(PREFS, headers=athlete.headers, json={"push": {"daily_reminder": "x"}})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "push.daily_reminder"
    body = await put(client, athlete, daily_reminder_time="06:15")
    assert body["daily_reminder_time"] == "06:15"
    pref = await NotificationPreference.get(user_id=athlete.id)
    assert pref.next_daily_reminder_at is not None
    assert pref.next_daily_reminder_at.astimezone(UTC).time() == dt.time(6, 15)  # zone: UTC
    body = await put(client, athlete, digest_time="08:00")  # other fields keep it
    assert body["daily_reminder_time"] == "06:15"
    body = await put(client, athlete, daily_reminder_time=None, push={"daily_reminder": False})
    assert body["daily_reminder_time"] is None and body["push"]["daily_reminder"] is False
    assert (await NotificationPreference.get(user_id=athlete.id)).next_daily_reminder_at is None


# --- sending ----------------------------------------------------------------------------------


async def test_a_due_reminder_carries_todays_session_once(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    now = at("2026-06-09T20:00:00+02:00")
    pref = await remind_at(client, athlete, "07:00", now=now)
    due = at("2026-06-10T07:00:00+02:00")
    assert pref.next_daily_reminder_at == due
    plan, session = await plan_for(athlete, dt.date(2026, 6, 10))
    assert session is not None
    assert await reminders.tick(now=due - dt.timedelta(seconds=1)) == []  # not yet
    ids, result = await tick_and_send(due + dt.timedelta(seconds=20))
    assert len(ids) == 1 and result == {"sent": 1}
    [note] = await reminder_notes(athlete)
    assert note.title == "Today: Tempo 8.0 km at 4:30-4:45/km"
    assert "Settle in before you push." in note.body
    assert note.data["plan_id"] == str(plan.id) and note.data["session_id"] == str(session.id)
    assert note.data["date"] == "2026-06-10"
    assert note.data["session"]["target_distance_m"] == 8000
    [row] = await reminder_rows(athlete)
    assert (row.status, row.local_date, row.notification_id) == (
        "sent",
        dt.date(2026, 6, 10),
        note.id,
    )
    # in the app and pushed (the default), never emailed
    channels = {d.channel for d in await NotificationDelivery.filter(notification_id=note.id)}
    assert channels == {"push"}
    # idempotent: the job again, the tick again, a second clock: nothing more
    assert await reminders.send_reminders(reminder_ids=ids, redis=None, now=due) == {}
    assert await reminders.tick(now=due + dt.timedelta(seconds=40)) == []
    pref = await NotificationPreference.get(user_id=athlete.id)
    assert pref.next_daily_reminder_at == at("2026-06-11T07:00:00+02:00")
    assert len(await reminder_notes(athlete)) == 1


async def test_rest_day_no_plan_and_completed_sessions_are_skipped(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    now = at("2026-06-09T20:00:00+02:00")
    due = at("2026-06-10T07:00:00+02:00") + dt.timedelta(seconds=5)
    await remind_at(client, athlete, "07:00", now=now)
    _, result = await tick_and_send(due)  # no plan at all
    assert result == {"skipped": 1}
    assert [(r.status, r.reason) for r in await reminder_rows(athlete)] == [("skipped", "no_plan")]

    await plan_for(athlete, dt.date(2026, 6, 11), session=False)  # a plan, nothing on the 11th
    _, result = await tick_and_send(due + dt.timedelta(days=1))
    assert (await reminder_rows(athlete))[-1].reason == "rest_day"

    await remind_at(client, other, "07:00", now=now)
    await plan_for(other, dt.date(2026, 6, 10), completed=True)  # done before the reminder
    _, result = await tick_and_send(due)
    assert result == {"skipped": 1}
    assert [r.reason for r in await reminder_rows(other)] == ["completed"]
    assert await reminder_notes(athlete) == [] and await reminder_notes(other) == []


async def test_a_reminder_time_in_quiet_hours_is_skipped_not_deferred(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    now = at("2026-06-09T20:00:00+02:00")
    await remind_at(
        client, athlete, "06:30", now=now, quiet_hours={"start": "22:00", "end": "07:00"}
    )
    await plan_for(athlete, dt.date(2026, 6, 10))
    due = at("2026-06-10T06:30:00+02:00")
    assert await reminders.tick(now=due + dt.timedelta(seconds=5)) == []  # nothing queued
    assert [(r.status, r.reason) for r in await reminder_rows(athlete)] == [
        ("skipped", "quiet_hours")
    ]
    assert await reminder_notes(athlete) == []
    pref = await NotificationPreference.get(user_id=athlete.id)
    assert pref.next_daily_reminder_at == at("2026-06-11T06:30:00+02:00")  # moved on, no retry
    assert await DailyReminder.filter(user_id=athlete.id, status="pending").count() == 0


async def test_a_reminder_turned_off_after_its_claim_or_claimed_late_is_skipped(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    now = at("2026-06-09T20:00:00+02:00")
    await remind_at(client, athlete, "07:00", now=now)
    await plan_for(athlete, dt.date(2026, 6, 10))
    due = at("2026-06-10T07:00:00+02:00")
    ids = await reminders.tick(now=due)
    await put(client, athlete, daily_reminder_time=None)
    assert await reminders.send_reminders(reminder_ids=ids, redis=None) == {"skipped": 1}
    assert (await reminder_rows(athlete))[0].reason == "turned_off"
    # the clock down for hours: yesterday's reminder is not sent at noon
    await remind_at(client, athlete, "07:00", now=now + dt.timedelta(days=1))
    assert await reminders.tick(now=due + dt.timedelta(days=1, hours=5)) == []
    assert (await reminder_rows(athlete))[-1].reason == "late"


async def test_the_push_toggle_and_the_push_payload(
    client: httpx.AsyncClient, athlete: Athlete, settings: Settings, tmp_path: Path
) -> None:
    outbox = replace(settings, var_dir=tmp_path, email_backend="outbox", push_backend="outbox")
    await PushToken.create(user_id=athlete.id, token=TOKEN, platform="ios")
    now = at("2026-06-09T20:00:00+02:00")
    await remind_at(client, athlete, "07:00", now=now, push={"daily_reminder": False})
    await plan_for(athlete, dt.date(2026, 6, 10))
    due = at("2026-06-10T07:00:00+02:00")
    await tick_and_send(due)
    [note] = await reminder_notes(athlete)
    assert await NotificationDelivery.filter(notification_id=note.id).count() == 0  # in-app only
    await remind_at(client, athlete, "07:00", now=now + dt.timedelta(days=1),
                    push={"daily_reminder": True})  # fmt: skip
    await plan_for(athlete, dt.date(2026, 6, 11))
    await tick_and_send(due + dt.timedelta(days=1))
    note = next(n for n in await reminder_notes(athlete) if n.data["date"] == "2026-06-11")
    [push] = await NotificationDelivery.filter(notification_id=note.id)
    report = await delivery.deliver(delivery_ids=[push.id], settings=outbox, now=due)
    assert report.counts == {"sent": 1}
    [written] = list((tmp_path / "outbox" / "push").iterdir())
    import json

    data = json.loads(written.read_text())["data"]
    assert data["type"] == "daily_reminder" and data["url"] == f"/plans/{note.data['plan_id']}"


async def test_a_reminder_push_in_quiet_hours_is_skipped_not_deferred(
    client: httpx.AsyncClient, athlete: Athlete, settings: Settings, tmp_path: Path
) -> None:
    outbox = replace(settings, var_dir=tmp_path, email_backend="outbox", push_backend="outbox")
    await PushToken.create(user_id=athlete.id, token=TOKEN, platform="ios")
    now = at("2026-06-09T20:00:00+02:00")
    await remind_at(client, athlete, "07:00", now=now)
    await plan_for(athlete, dt.date(2026, 6, 10))
    due = at("2026-06-10T07:00:00+02:00")
    await tick_and_send(due)
    [note] = await reminder_notes(athlete)
    [push] = await NotificationDelivery.filter(notification_id=note.id)
    await put(client, athlete, quiet_hours={"start": "07:00", "end": "09:00"})  # a slow worker
    report = await delivery.deliver(delivery_ids=[push.id], settings=outbox, now=due)
    assert report.counts == {"skipped": 1}


# --- DST --------------------------------------------------------------------------------------


async def test_a_time_in_the_spring_forward_gap_fires_once_at_the_gaps_end(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    # Berlin, 29 March 2026: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist.
    await remind_at(client, athlete, "02:30", now=at("2026-03-28T12:00:00+01:00"))
    await plan_for(athlete, dt.date(2026, 3, 29))
    pref = await NotificationPreference.get(user_id=athlete.id)
    assert pref.next_daily_reminder_at == at("2026-03-29T03:00:00+02:00")  # 01:00 UTC
    _, result = await tick_and_send(at("2026-03-29T03:00:30+02:00"))
    assert result == {"sent": 1}
    pref = await NotificationPreference.get(user_id=athlete.id)
    assert pref.next_daily_reminder_at == at("2026-03-30T02:30:00+02:00")
    assert [r.local_date for r in await reminder_rows(athlete)] == [dt.date(2026, 3, 29)]


async def test_a_time_in_the_fall_back_overlap_fires_once(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    # Berlin, 25 October 2026: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    await remind_at(client, athlete, "02:30", now=at("2026-10-24T12:00:00+02:00"))
    await plan_for(athlete, dt.date(2026, 10, 25))
    first = at("2026-10-25T02:30:00+02:00")  # 00:30 UTC
    second = at("2026-10-25T02:30:00+01:00")  # 01:30 UTC
    pref = await NotificationPreference.get(user_id=athlete.id)
    assert pref.next_daily_reminder_at == first
    _, result = await tick_and_send(first + dt.timedelta(seconds=10))
    assert result == {"sent": 1}
    assert await reminders.tick(now=second + dt.timedelta(seconds=10)) == []
    pref = await NotificationPreference.get(user_id=athlete.id)
    assert pref.next_daily_reminder_at == at("2026-10-26T02:30:00+01:00")
    # even a next instant forced back onto the second 02:30 claims nothing: one per date
    await NotificationPreference.filter(user_id=athlete.id).update(next_daily_reminder_at=second)
    assert await reminders.tick(now=second + dt.timedelta(seconds=10)) == []
    assert len(await reminder_rows(athlete)) == 1 and len(await reminder_notes(athlete)) == 1


async def test_the_sweep_requeues_a_lost_reminder(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    now = at("2026-06-09T20:00:00+02:00")
    await remind_at(client, athlete, "07:00", now=now)
    await plan_for(athlete, dt.date(2026, 6, 10))
    due = at("2026-06-10T07:00:00+02:00")
    [claimed] = await reminders.tick(now=due)
    broker().flush("notifications")  # the message is lost
    assert await reminders.sweep(now=due + dt.timedelta(minutes=1)) == 0  # within its grace
    await DailyReminder.filter(id=claimed).update(updated_at=due)
    assert await reminders.sweep(now=due + reminders.PENDING_GRACE * 2) == 1
    [message] = [m for m in queued_messages("notifications")
                 if m["actor_name"] == "notifications.send_reminders"]  # fmt: skip
    assert message["args"][0] == [str(claimed)]


def test_describe_a_session() -> None:
    assert reminders.describe({"type": "long_run", "target_duration_s": 5400}) == "Long run 90 min"
    assert (
        reminders.describe({"type": "easy", "target_distance_m": 6000, "target_hr_zone": "Z2"})
        == "Easy 6.0 km in Z2"
    )
    same = {"type": "intervals", "target_pace_min_s_per_km": 240, "target_pace_max_s_per_km": 240}
    assert reminders.describe(same) == "Intervals at 4:00/km"
    slow = {"type": "easy", "target_pace_min_s_per_km": 570, "target_pace_max_s_per_km": 610}
    assert reminders.describe(slow) == "Easy at 9:30-10:10/km"
