"""Plan actors: build a training plan, and re-enqueue plans left generating."""

from __future__ import annotations

import uuid

import dramatiq
from periodiq import cron

from runcoach.coach import context
from runcoach.config import get_settings
from runcoach.plans import generation


async def _snapshot(user_id: uuid.UUID) -> context.AthleteSnapshot:
    return await context.build_snapshot(user_id=user_id)


# Its own queue: slow LLM calls must not hold device syncs or risk recomputes back.
@dramatiq.actor(
    actor_name="plans.generate",
    queue_name="plans",
    max_retries=generation.MAX_ATTEMPTS - 1,
    time_limit=5 * 60_000,
    min_backoff=10_000,
    max_backoff=2 * 60_000,
)
async def generate(plan_id: str) -> None:
    """Build a generating plan. Safe to run twice: a plan that is not generating is left alone.

    The athlete's snapshot is the coach's (a later domain than plans): handed in here.
    """
    await generation.generate_plan(
        plan_id=uuid.UUID(plan_id), settings=get_settings(), snapshot_of=_snapshot
    )


@dramatiq.actor(
    actor_name="plans.sweep", periodic=cron("*/5 * * * *"), max_retries=0, time_limit=60_000
)
async def sweep() -> None:
    """Re-enqueue plans left generating for over 10 minutes. Safe to run twice."""
    await generation.sweep_stuck_plans()
