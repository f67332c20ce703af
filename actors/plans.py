"""Plan actors: build a training plan, and re-enqueue plans left generating."""

from __future__ import annotations

import uuid

import dramatiq
from periodiq import cron

from runcoach.config import get_settings
from runcoach.plans import service
from runcoach.redis_pool import create_client


# Its own queue: slow LLM calls must not hold device syncs or risk recomputes back.
@dramatiq.actor(
    actor_name="training.generate_plan",
    queue_name="plans",
    max_retries=service.MAX_ATTEMPTS - 1,
    time_limit=5 * 60_000,
    min_backoff=10_000,
    max_backoff=2 * 60_000,
)
async def generate_plan(plan_id: str) -> None:
    """Build a generating plan. Safe to run twice: a plan that is not generating is left alone."""
    settings = get_settings()
    redis = create_client(settings)
    try:
        await service.generate_plan(plan_id=uuid.UUID(plan_id), settings=settings, redis=redis)
    finally:
        await redis.aclose(close_connection_pool=True)


@dramatiq.actor(
    actor_name="plans.sweep", periodic=cron("*/5 * * * *"), max_retries=0, time_limit=60_000
)
async def sweep() -> None:
    """Re-enqueue plans left generating for over 10 minutes. Safe to run twice."""
    await service.sweep_stuck_plans()
