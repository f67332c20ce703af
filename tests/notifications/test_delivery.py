"""Email and push deliveries: created with the notification, sent once, deferred, swept.

These call the services directly (the worker's actors are thin adapters over them),
with the outbox backends writing under a temporary ``VAR_DIR``; the SendGrid and Expo
paths run against the stand-ins in test_delivery_providers.py. The queue is held
still (``quiet_queue``) so that no worker of the run races the test.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from tortoise import Tortoise

from runcoach.config import Settings
from runcoach.events import Event
from runcoach.notifications import delivery, service
from runcoach.notifications.models import (
    Notification,
    NotificationDelivery,
    NotificationTemplate,
    PushTicket,
    PushToken,
)
from tests.support.athletes import Athlete
from tests.support.jobs import queued_messages
from tests.support.notifications import TOKEN, notify, rows

pytestmark = pytest.mark.usefixtures("quiet_queue")

PREFS = "/api/v1/notifications/preferences"


@pytest.fixture
def outbox_settings(settings: Settings, tmp_path: Path) -> Settings:
    return replace(settings, var_dir=tmp_path, email_backend="outbox", push_backend="outbox")


def deliver_messages() -> list[list[str]]:
    return [
        m["args"][0]
        for m in queued_messages("notifications")
        if m["actor_name"] == "notifications.deliver"
    ]


async def test_a_trigger_creates_the_rows_once_and_queues_them_after_commit(
    athlete: Athlete,
) -> None:
    note = await notify(athlete)
    again = await service.notify_event(event_id=(await Event.get(user_id=athlete.id, key="d1")).id)
    assert again is not None and again.id == note.id
    by_channel = await rows(note)
    assert set(by_channel) == {"email", "push"}
    assert {d.status for d in by_channel.values()} == {"pending"}
    queued = [i for batch in deliver_messages() for i in batch]
    assert sorted(queued) == sorted(str(d.id) for d in by_channel.values())  # once, not twice


async def test_email_goes_to_the_outbox_once_and_push_waits_for_a_token(
    athlete: Athlete, outbox_settings: Settings
) -> None:
    note = await notify(athlete)
    ids = [d.id for d in (await rows(note)).values()]
    report = await delivery.deliver(delivery_ids=ids, settings=outbox_settings)
    assert report.counts == {"sent": 1, "skipped": 1}
    by_channel = await rows(note)
    mail = by_channel["email"]
    assert mail.status == "sent" and mail.attempts == 1 and mail.sent_at is not None
    path = outbox_settings.var_dir / "outbox" / "email" / f"{mail.id}.eml"
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == athlete.email
    assert message["Subject"]
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "fatigue is piling up" in text.lower() and "Alice" in text
    push = by_channel["push"]
    assert push.status == "skipped" and push.last_error == "no push token"
    # The same message again (a redelivery) sends nothing.
    assert (await delivery.deliver(delivery_ids=ids, settings=outbox_settings)).counts == {}
    assert len(list(path.parent.iterdir())) == 1


async def test_push_to_every_token_records_tickets(
    athlete: Athlete, outbox_settings: Settings
) -> None:
    await PushToken.create(user_id=athlete.id, token=TOKEN, platform="ios")
    await PushToken.create(
        user_id=athlete.id, token="ExpoPushToken[zyxwvutsrq]", platform="android"
    )
    note = await notify(athlete)
    push = (await rows(note))["push"]
    report = await delivery.deliver(delivery_ids=[push.id], settings=outbox_settings)
    assert report.counts == {"sent": 1}
    assert await PushTicket.filter(delivery_id=push.id).count() == 2
    written = list((outbox_settings.var_dir / "outbox" / "push").iterdir())
    assert len(written) == 2


async def test_preferences_decide_the_channels(
    client: httpx.AsyncClient, athlete: Athlete, outbox_settings: Settings
) -> None:
    r = await client.put(
        PREFS, headers=athlete.headers,
        json={"email": {"alerts_only": True}, "push": {"plan_created": False}},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    plan = await notify(athlete, "plan_created", "p1")
    assert await rows(plan) == {}  # not an alert by email, push turned off for plans
    alert = await notify(athlete, "overtraining_detected", "d2")
    assert set(await rows(alert)) == {"email", "push"}
    # Turned off after the rows were made: they are skipped when their turn comes.
    r = await client.put(PREFS, headers=athlete.headers, json={"email": {"disabled": True}})
    assert r.status_code == 200
    ids = [d.id for d in (await rows(alert)).values()]
    await delivery.deliver(delivery_ids=ids, settings=outbox_settings)
    mail = (await rows(alert))["email"]
    assert mail.status == "skipped" and "preferences" in (mail.last_error or "")


async def set_quiet(client: httpx.AsyncClient, who: Athlete, **extra: Any) -> None:
    body = {"quiet_hours": {"start": "22:00", "end": "07:00"}, "timezone": "Europe/Paris", **extra}
    r = await client.put(PREFS, headers=who.headers, json=body)
    assert r.status_code == 200, r.text


async def test_quiet_hours_defer_email_and_push_to_the_end_of_the_window(
    client: httpx.AsyncClient, athlete: Athlete, outbox_settings: Settings
) -> None:
    await set_quiet(client, athlete)
    await PushToken.create(user_id=athlete.id, token=TOKEN, platform="ios")
    note = await notify(athlete, "plan_created", "p1")
    night = dt.datetime(2026, 11, 26, 23, 30, tzinfo=dt.UTC)  # 00:30 in Paris
    ids = [d.id for d in (await rows(note)).values()]
    report = await delivery.deliver(delivery_ids=ids, settings=outbox_settings, now=night)
    assert report.counts == {"deferred": 2}
    end = dt.datetime(2026, 11, 27, 6, 0, tzinfo=dt.UTC)  # 07:00 in Paris
    for row in (await rows(note)).values():
        assert row.status == "deferred" and row.scheduled_for == end and row.attempts == 0
    # In-app is not deferred: the notification is there, unread.
    assert (await Notification.get(id=note.id)).read is False
    # Before the end nothing is due; after it the sweep finds both and they go out.
    assert await delivery.due(settings=outbox_settings, now=end - dt.timedelta(minutes=1)) == []
    due = await delivery.due(settings=outbox_settings, now=end + dt.timedelta(seconds=30))
    assert sorted(due) == sorted(ids)
    later = end + dt.timedelta(seconds=40)
    report = await delivery.deliver(delivery_ids=due, settings=outbox_settings, now=later)
    assert report.counts == {"sent": 2}


async def test_critical_alerts_go_through_quiet_hours_only_when_allowed(
    client: httpx.AsyncClient, athlete: Athlete, outbox_settings: Settings
) -> None:
    night = dt.datetime(2026, 11, 26, 23, 30, tzinfo=dt.UTC)
    await set_quiet(client, athlete)
    held = await notify(athlete, "overtraining_detected", "d1")
    ids = [d.id for d in (await rows(held)).values()]
    report = await delivery.deliver(delivery_ids=ids, settings=outbox_settings, now=night)
    assert report.counts == {"deferred": 2}
    await set_quiet(client, athlete, critical_alerts_in_quiet_hours=True)
    passed = await notify(athlete, "overtraining_detected", "d2")
    ids = [d.id for d in (await rows(passed)).values()]
    report = await delivery.deliver(delivery_ids=ids, settings=outbox_settings, now=night)
    assert report.counts == {"sent": 1, "skipped": 1}  # push: no token yet


async def test_a_template_that_fails_marks_the_email_failed_and_push_still_goes(
    athlete: Athlete, outbox_settings: Settings
) -> None:
    await NotificationTemplate.create(
        name="overtraining_detected", subject="Risk {{ no_such_variable }}", html_body="",
        text_body="",
    )  # fmt: skip
    await PushToken.create(user_id=athlete.id, token=TOKEN, platform="ios")
    note = await notify(athlete)
    ids = [d.id for d in (await rows(note)).values()]
    report = await delivery.deliver(delivery_ids=ids, settings=outbox_settings)
    assert report.counts == {"failed": 1, "sent": 1}
    by_channel = await rows(note)
    assert by_channel["email"].status == "failed"
    assert "no_such_variable" in (by_channel["email"].last_error or "")
    assert by_channel["push"].status == "sent"


async def test_the_sweep_requeues_lost_and_abandoned_rows_and_gives_up_at_the_cap(
    athlete: Athlete, outbox_settings: Settings
) -> None:
    note = await notify(athlete)
    by_channel = await rows(note)
    mail, push = by_channel["email"], by_channel["push"]
    now = dt.datetime.now(dt.UTC)
    # Fresh pending rows belong to their queued message: not swept yet.
    assert await delivery.due(settings=outbox_settings, now=now) == []
    # A worker died while sending the email (its lease ran out); push lost its message.
    lease = dt.timedelta(seconds=outbox_settings.delivery_lease_s + 1)
    await NotificationDelivery.filter(id=mail.id).update(
        status="sending", attempts=1, updated_at=now - lease
    )
    await NotificationDelivery.filter(id=push.id).update(
        updated_at=now - delivery.PENDING_GRACE - dt.timedelta(seconds=1)
    )
    assert sorted(await delivery.due(settings=outbox_settings, now=now)) == sorted(
        [mail.id, push.id]
    )
    assert (await NotificationDelivery.get(id=mail.id)).status == "pending"
    assert await delivery.due(settings=outbox_settings, now=now) == []  # stamped: not twice
    report = await delivery.deliver(delivery_ids=[mail.id], settings=outbox_settings)
    assert report.counts == {"sent": 1}
    assert (await NotificationDelivery.get(id=mail.id)).attempts == 2
    # A row at its attempt cap is failed, not retried for ever.
    await NotificationDelivery.filter(id=push.id).update(
        status="sending", attempts=delivery.MAX_ATTEMPTS, updated_at=now - lease
    )
    assert await delivery.due(settings=outbox_settings, now=now) == []
    gave_up = await NotificationDelivery.get(id=push.id)
    assert gave_up.status == "failed" and "gave up" in (gave_up.last_error or "")


async def test_concurrent_deliveries_of_one_row_send_it_once(
    athlete: Athlete, outbox_settings: Settings
) -> None:
    import asyncio

    note = await notify(athlete)
    mail = (await rows(note))["email"]
    reports = await asyncio.gather(
        *(delivery.deliver(delivery_ids=[mail.id], settings=outbox_settings) for _ in range(5))
    )
    assert sum(r.counts.get("sent", 0) for r in reports) == 1


async def test_deleting_the_notification_drops_its_deliveries(athlete: Athlete) -> None:
    note = await notify(athlete)
    await service.delete(user_id=uuid.UUID(athlete.id), notification_id=note.id)
    conn = Tortoise.get_connection("default")
    rows_left = await conn.execute_query_dict("SELECT count(*) AS n FROM notification_deliveries")
    assert rows_left[0]["n"] == 0
