"""Device actors: one sync, the periodic sync of every device, the stuck-sync sweep."""

from __future__ import annotations

import uuid

import dramatiq
from periodiq import cron

from runcoach.config import get_settings
from runcoach.devices import service


@dramatiq.actor(
    actor_name="devices.sync",
    max_retries=6,
    time_limit=10 * 60_000,
    min_backoff=15_000,
    max_backoff=30 * 60_000,
)
async def sync(sync_id: str) -> None:
    """Run one queued sync. Safe to run twice: a finished sync is left alone."""
    await service.run_sync(sync_id=uuid.UUID(sync_id), settings=get_settings())


@dramatiq.actor(
    actor_name="devices.sync_all",
    periodic=cron("*/15 * * * *"),
    max_retries=0,
    time_limit=5 * 60_000,
)
async def sync_all() -> None:
    """Queue a sync for every device not synced in the last hour. Safe to run twice."""
    await service.schedule_due_syncs()


@dramatiq.actor(
    actor_name="devices.sweep", periodic=cron("*/5 * * * *"), max_retries=0, time_limit=60_000
)
async def sweep() -> None:
    """Re-enqueue syncs left pending or abandoned by a dead worker. Safe to run twice."""
    await service.sweep_stuck_syncs()
