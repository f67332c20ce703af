"""Notification actors: turn recorded events into notifications."""

from __future__ import annotations

import uuid

import dramatiq
from periodiq import cron

from runcoach import jobs
from runcoach.config import get_settings
from runcoach.notifications import service
from runcoach.redis import create_client


@dramatiq.actor(
    actor_name="notifications.from_event", queue_name="notifications", max_retries=5,
    time_limit=60_000, min_backoff=1_000, max_backoff=60_000,
)  # fmt: skip
async def from_event(event_id: str) -> None:
    """Create the event's notification and publish the unread count. Safe twice."""
    redis = create_client(get_settings())
    try:
        await service.notify_event(event_id=uuid.UUID(event_id), redis=redis)
    finally:
        await redis.aclose()


@dramatiq.actor(
    actor_name="notifications.sweep_events", periodic=cron("* * * * *"), max_retries=0,
    time_limit=60_000,
)  # fmt: skip
async def sweep_events() -> None:
    """Queue the notification of any recent event left without one (lost enqueue)."""
    for event_id in await service.unnotified_events():
        jobs.enqueue("notifications.from_event", str(event_id))
