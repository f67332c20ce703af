"""Deliveries through the real SendGrid and Expo SDKs, against the local stand-ins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest

from runcoach.config import Settings
from runcoach.notifications import delivery
from runcoach.notifications.models import NotificationDelivery, PushTicket, PushToken
from tests.notifications.expo_server import ExpoStandIn
from tests.notifications.sendgrid_server import API_KEY, SendGridStandIn
from tests.support.athletes import Athlete
from tests.support.notifications import TOKEN, notify, rows

pytestmark = pytest.mark.usefixtures("quiet_queue")

OTHER_TOKEN = "ExponentPushToken[qrstuvwxyz012345]"


@pytest.fixture
def sendgrid() -> Iterator[SendGridStandIn]:
    with SendGridStandIn() as stand_in:
        yield stand_in


@pytest.fixture
def expo() -> Iterator[ExpoStandIn]:
    with ExpoStandIn() as stand_in:
        yield stand_in


@pytest.fixture
def provider_settings(settings: Settings, sendgrid: SendGridStandIn, expo: ExpoStandIn) -> Settings:
    return replace(
        settings, email_backend="sendgrid", sendgrid_api_key=API_KEY,
        sendgrid_base_url=sendgrid.base_url, push_backend="expo", expo_base_url=expo.base_url,
        provider_timeout_s=3.0,
    )  # fmt: skip


async def test_email_through_sendgrid_retries_transient_errors_then_sends_once(
    athlete: Athlete, provider_settings: Settings, sendgrid: SendGridStandIn
) -> None:
    note = await notify(athlete)
    mail = (await rows(note))["email"]
    sendgrid.fail_next(503)
    report = await delivery.deliver(delivery_ids=[mail.id], settings=provider_settings)
    assert report.retry and report.counts == {"pending": 1}
    row = await NotificationDelivery.get(id=mail.id)
    assert row.status == "pending" and row.attempts == 1 and "503" in (row.last_error or "")
    report = await delivery.deliver(delivery_ids=[mail.id], settings=provider_settings)
    assert report.counts == {"sent": 1}
    row = await NotificationDelivery.get(id=mail.id)
    assert row.status == "sent" and row.attempts == 2 and row.last_error is None
    assert sendgrid.count_for(str(mail.id)) == 1
    [accepted] = sendgrid.accepted
    assert row.provider_id == accepted.message_id
    assert accepted.to[0]["email"] == athlete.email
    assert accepted.categories == ["overtraining_detected"]
    assert "fatigue is piling up" in accepted.content["text/plain"].lower()


async def test_a_bad_address_fails_the_email_for_good_and_push_still_goes(
    athlete: Athlete, provider_settings: Settings, sendgrid: SendGridStandIn, expo: ExpoStandIn
) -> None:
    sendgrid.reject_address(athlete.email)
    await PushToken.create(user_id=athlete.id, token=TOKEN, platform="ios")
    note = await notify(athlete)
    ids = [d.id for d in (await rows(note)).values()]
    report = await delivery.deliver(delivery_ids=ids, settings=provider_settings)
    assert report.counts == {"failed": 1, "sent": 1} and not report.retry
    by_channel = await rows(note)
    assert "sendgrid 400" in (by_channel["email"].last_error or "")
    assert [s.token for s in expo.sent] == [TOKEN]
    assert expo.sent[0].priority == "high"  # a critical alert
    # Failed is final: another run does not try again.
    assert (await delivery.deliver(delivery_ids=ids, settings=provider_settings)).counts == {}


async def test_the_attempt_cap_turns_a_transient_error_into_a_failure(
    athlete: Athlete, provider_settings: Settings, sendgrid: SendGridStandIn
) -> None:
    note = await notify(athlete)
    mail = (await rows(note))["email"]
    await NotificationDelivery.filter(id=mail.id).update(attempts=delivery.MAX_ATTEMPTS - 1)
    sendgrid.fail_next(500)
    report = await delivery.deliver(delivery_ids=[mail.id], settings=provider_settings)
    assert report.counts == {"failed": 1}
    row = await NotificationDelivery.get(id=mail.id)
    assert row.status == "failed" and "gave up after 8 attempts" in (row.last_error or "")


async def test_expo_tickets_receipts_and_unregistered_devices(
    athlete: Athlete, provider_settings: Settings, expo: ExpoStandIn
) -> None:
    gone_now, gone_later = "ExponentPushToken[gonegonegone1234]", OTHER_TOKEN
    for token in (TOKEN, gone_now, gone_later):
        await PushToken.create(user_id=athlete.id, token=token, platform="android")
    expo.unregister_at_send(gone_now)
    expo.unregister_at_receipt(gone_later)
    note = await notify(athlete, "plan_created", "p1")
    push = (await rows(note))["push"]
    report = await delivery.deliver(delivery_ids=[push.id], settings=provider_settings)
    assert report.counts == {"sent": 1}
    assert {s.token for s in expo.sent} == {TOKEN, gone_now, gone_later}
    tokens = {t.token async for t in PushToken.filter(user_id=athlete.id)}
    assert tokens == {TOKEN, gone_later}  # DeviceNotRegistered at send: dropped at once
    assert await PushTicket.filter(delivery_id=push.id).count() == 2
    # Receipts are read once they are old enough; the second device is gone by then.
    too_soon = await delivery.check_receipts(settings=provider_settings)
    assert too_soon == {}
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=provider_settings.push_receipt_delay_s)
    counts = await delivery.check_receipts(settings=provider_settings, now=later)
    assert counts == {"ok": 1, "error": 1, "waiting": 0}
    assert {t.token async for t in PushToken.filter(user_id=athlete.id)} == {TOKEN}
    assert not await PushTicket.exists()
    row = await NotificationDelivery.get(id=push.id)
    assert "DeviceNotRegistered" in (row.last_error or "")


async def test_an_expo_outage_leaves_push_pending_for_a_retry(
    athlete: Athlete, provider_settings: Settings, expo: ExpoStandIn
) -> None:
    await PushToken.create(user_id=athlete.id, token=TOKEN, platform="ios")
    note = await notify(athlete, "plan_created", "p1")
    push = (await rows(note))["push"]
    expo.fail_next(503)
    report = await delivery.deliver(delivery_ids=[push.id], settings=provider_settings)
    assert report.retry
    assert (await NotificationDelivery.get(id=push.id)).status == "pending"
    report = await delivery.deliver(delivery_ids=[push.id], settings=provider_settings)
    assert report.counts == {"sent": 1}
