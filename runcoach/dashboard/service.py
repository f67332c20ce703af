"""The dashboard summary, assembled from the workouts, stats and training services.

Nothing is computed here: every part is the answer of the service (and schema
serializer) behind its own endpoint, so the dashboard always agrees with them.
"""

from __future__ import annotations

import uuid
from typing import Any

from runcoach import localtime
from runcoach.athletes import service as athletes_service
from runcoach.notifications import service as notifications_service
from runcoach.plans import schemas as plan_schemas
from runcoach.plans import service as plans_service
from runcoach.training import schemas as training_schemas
from runcoach.training import service as training_service
from runcoach.training import stats
from runcoach.workouts import schemas as workout_schemas
from runcoach.workouts import service as workouts_service

RECENT_WORKOUTS = 5
AD_TIERS = frozenset({"free"})


async def summary(*, user_id: uuid.UUID) -> dict[str, Any]:
    """The home screen of ``user_id``. Read-only."""
    timezone, tier = await athletes_service.get_basics(user_id=user_id)
    rows, _ = await workouts_service.list_workouts(user_id=user_id, limit=RECENT_WORKOUTS)
    week = await stats.period_stats(user_id=user_id, period="week", count=1, timezone=timezone)
    # one read of the load chart and the metrics for readiness, risk and today's load
    readiness, risk, pmc_today = await training_service.today_state(
        user_id=user_id, timezone=timezone
    )
    today_local = localtime.local_today(localtime.valid_zone(timezone))
    planned = [
        plan_schemas.session(s)
        for s in await plans_service.planned_sessions(user_id=user_id, day=today_local)
    ]
    # a chart of nothing but zeros is "no load yet"
    if pmc_today is not None and not (pmc_today.ctl or pmc_today.atl or pmc_today.load):
        pmc_today = None
    today = None if pmc_today is None else training_schemas.load_day(pmc_today)
    return {
        "recent_workouts": [workout_schemas.summary(r) for r in rows],
        "week": week["periods"][0],
        "readiness": training_schemas.readiness(readiness),
        "risk": training_schemas.overtraining(risk),
        "load_today": (None if today is None else {k: today[k] for k in ("ctl", "atl", "tsb")}),
        "planned_session": planned[0] if planned else None,
        "unread_count": await notifications_service.unread_count(user_id=user_id),
        "ads": tier in AD_TIERS,
        "tier": tier,
    }
