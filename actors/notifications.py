"""Notification actors: events into notifications, email and push deliveries, digests.

Every actor is safe to run twice: the rows carry the state (a delivery's status and
lease, a digest's unique period) and the clock's sweeps re-queue what a lost message
or a killed worker left behind.
"""

from __future__ import annotations

import uuid

import dramatiq
from periodiq import cron

from runcoach import broker
from runcoach.config import get_settings
from runcoach.notifications import delivery, digests, preferences, reminders, service
from runcoach.notifications.transport import TransientDeliveryError


@dramatiq.actor(
    actor_name="notifications.from_event", queue_name="notifications", max_retries=5,
    time_limit=60_000, min_backoff=1_000, max_backoff=60_000,
)  # fmt: skip
async def from_event(event_id: str) -> None:
    """Create the event's notification and deliveries, publish the unread count. Safe twice."""
    await service.notify_event(event_id=uuid.UUID(event_id), redis=broker.redis())


@dramatiq.actor(
    actor_name="notifications.deliver", queue_name="notifications",
    max_retries=delivery.MAX_ATTEMPTS - 1, time_limit=10 * 60_000,
    min_backoff=5_000, max_backoff=10 * 60_000,
)  # fmt: skip
async def deliver(delivery_ids: list[str]) -> None:
    """Send these email and push rows (those due and unsent). Safe twice, concurrently too.

    A transient provider error leaves its rows pending and raises, so the message is
    retried with backoff; the rows' own attempt count caps the retries.
    """
    report = await delivery.deliver(
        delivery_ids=[uuid.UUID(i) for i in delivery_ids], settings=get_settings()
    )
    if report.retry:
        raise TransientDeliveryError(f"{report.counts['pending']} deliveries to retry")


@dramatiq.actor(
    actor_name="notifications.send_digests", queue_name="notifications", max_retries=5,
    time_limit=5 * 60_000, min_backoff=5_000, max_backoff=5 * 60_000,
)  # fmt: skip
async def send_digests(log_ids: list[str]) -> None:
    """Turn these pending digests into notifications and deliveries. Safe twice."""
    await digests.send_digests(log_ids=[uuid.UUID(i) for i in log_ids], redis=broker.redis())


@dramatiq.actor(
    actor_name="notifications.tick_digests", periodic=cron("* * * * *"), max_retries=0,
    time_limit=60_000,
)  # fmt: skip
async def tick_digests() -> None:
    """Claim the digests whose local hour has come and queue them."""
    await digests.tick()


@dramatiq.actor(
    actor_name="notifications.send_reminders", queue_name="notifications", max_retries=5,
    time_limit=5 * 60_000, min_backoff=5_000, max_backoff=5 * 60_000,
)  # fmt: skip
async def send_reminders(reminder_ids: list[str]) -> None:
    """Turn these pending daily reminders into notifications, or skip them. Safe twice."""
    await reminders.send_reminders(
        reminder_ids=[uuid.UUID(i) for i in reminder_ids], redis=broker.redis()
    )


@dramatiq.actor(
    actor_name="notifications.tick_reminders", periodic=cron("* * * * *"), max_retries=0,
    time_limit=60_000,
)  # fmt: skip
async def tick_reminders() -> None:
    """Claim the daily reminders whose local time has come and queue them."""
    await reminders.tick()


@dramatiq.actor(
    actor_name="notifications.sweep_events", periodic=cron("* * * * *"), max_retries=0,
    time_limit=60_000,
)  # fmt: skip
async def sweep_events() -> None:
    """Queue the notification of any recent event left without one (lost enqueue)."""
    await service.sweep_events()


@dramatiq.actor(
    actor_name="notifications.sweep_deliveries", periodic=cron("* * * * *"), max_retries=0,
    time_limit=60_000,
)  # fmt: skip
async def sweep_deliveries() -> None:
    """Queue deliveries that are due (quiet hours over, lost messages, dead workers)."""
    await delivery.sweep(settings=get_settings())
    await digests.sweep()
    await reminders.sweep()


@dramatiq.actor(
    actor_name="notifications.check_receipts", periodic=cron("*/5 * * * *"), max_retries=0,
    time_limit=5 * 60_000,
)  # fmt: skip
async def check_receipts() -> None:
    """Read Expo's push receipts; drop tokens of devices no longer registered."""
    await delivery.check_receipts(settings=get_settings())


@dramatiq.actor(
    actor_name="notifications.reschedule_digests", queue_name="notifications", max_retries=5,
    time_limit=60_000, min_backoff=1_000, max_backoff=60_000,
)  # fmt: skip
async def reschedule_digests(user_id: str) -> None:
    """Move the athlete's next digests to their (new) time zone's local hour. Safe twice."""
    await preferences.reschedule(user_id=uuid.UUID(user_id))
