"""Coach actors: write an analysis of the recent weeks, re-enqueue the stuck ones."""

from __future__ import annotations

import uuid

import dramatiq
from periodiq import cron

from runcoach.coach import analysis
from runcoach.config import get_settings


# Its own queue: slow LLM calls must not hold up device syncs or notifications.
@dramatiq.actor(
    actor_name="coach.analyse",
    queue_name="coach",
    max_retries=analysis.MAX_ATTEMPTS - 1,
    time_limit=3 * 60_000,
    min_backoff=10_000,
    max_backoff=5 * 60_000,
)
async def analyse(analysis_id: str) -> None:
    """Write a pending analysis. Safe to run twice: a written one is left alone."""
    await analysis.run_analysis(analysis_id=uuid.UUID(analysis_id), settings=get_settings())


@dramatiq.actor(
    actor_name="coach.sweep", periodic=cron("*/5 * * * *"), max_retries=0, time_limit=60_000
)
async def sweep() -> None:
    """Re-enqueue analyses left pending past the deadline. Safe to run twice."""
    await analysis.sweep_pending()
