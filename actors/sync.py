"""Sync actors: the daily purge of old tombstones."""

from __future__ import annotations

import datetime as dt
import logging

import dramatiq
from periodiq import cron

from runcoach.config import get_settings
from runcoach.logs import event
from runcoach.sync import service

log = logging.getLogger("runcoach.sync")


@dramatiq.actor(
    actor_name="sync.purge_tombstones",
    periodic=cron("17 3 * * *"),
    max_retries=0,
    time_limit=10 * 60_000,
)
async def purge_tombstones() -> None:
    """Delete the tombstones older than ``SYNC_RETENTION_DAYS`` (and a day). Safe to run twice."""
    retention = dt.timedelta(days=get_settings().sync_retention_days)
    purged = await service.purge_tombstones(retention=retention)
    event(log, "sync.tombstones_purged", count=purged)
