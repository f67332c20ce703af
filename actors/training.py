"""Training actors: recompute an athlete's load state and overtraining risk."""

from __future__ import annotations

import uuid

import dramatiq

from runcoach.training import service


# Its own queue: a burst of imports must not delay device syncs behind risk recomputes.
@dramatiq.actor(
    actor_name="training.recompute_risk", queue_name="training", max_retries=3, time_limit=60_000
)
async def recompute_risk(user_id: str) -> None:
    """Recompute the user's risk; records an overtraining event once per episode. Safe twice."""
    await service.recompute_risk(user_id=uuid.UUID(user_id))


@dramatiq.actor(
    actor_name="training.rebuild_loads", queue_name="training", max_retries=3, time_limit=300_000
)
async def rebuild_loads(user_id: str) -> None:
    """Recompute every load and day of the user (time zone or sex changed). Safe twice."""
    await service.rebuild_loads(user_id=uuid.UUID(user_id))
    await service.recompute_risk(user_id=uuid.UUID(user_id))
