"""The dashboard summary, assembled from the workouts, stats and training services.

Nothing is computed here: every part is the answer of the service behind its own
endpoint, shaped by that endpoint's schema (``dashboard/schemas.py``), so the dashboard
always agrees with them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from runcoach import localtime
from runcoach.athletes import service as athletes_service
from runcoach.notifications import service as notifications_service
from runcoach.plans import service as plans_service
from runcoach.plans.models import PlanSession
from runcoach.training import service as training_service
from runcoach.training import stats
from runcoach.training.overtraining import Risk
from runcoach.training.pmc import PmcDay
from runcoach.training.readiness import Readiness
from runcoach.workouts import service as workouts_service

RECENT_WORKOUTS = 5


@dataclass(frozen=True)
class Summary:
    """The parts of the home screen, each as its own service answers it."""

    recent_workouts: list[dict[str, Any]]  # summary rows, newest first
    week: dict[str, Any]  # the current local week, as an entry of the stats
    readiness: Readiness
    risk: Risk
    load_today: PmcDay | None  # None: no load history yet
    planned: list[PlanSession]  # today's sessions of the active plan
    unread_count: int
    tier: str


async def summary(*, user_id: uuid.UUID) -> Summary:
    """The home screen of ``user_id``. Read-only."""
    timezone, tier = await athletes_service.get_basics(user_id=user_id)
    rows, _ = await workouts_service.list_workouts(user_id=user_id, limit=RECENT_WORKOUTS)
    week = await stats.period_stats(user_id=user_id, period="week", count=1, timezone=timezone)
    # one read of the load chart and the metrics for readiness, risk and today's load
    readiness, risk, pmc_today = await training_service.today_state(
        user_id=user_id, timezone=timezone
    )
    today_local = localtime.local_today(localtime.valid_zone(timezone))
    planned = await plans_service.planned_sessions(user_id=user_id, day=today_local)
    # a chart of nothing but zeros is "no load yet"
    if pmc_today is not None and not (pmc_today.ctl or pmc_today.atl or pmc_today.load):
        pmc_today = None
    return Summary(
        recent_workouts=rows,
        week=week["periods"][0],
        readiness=readiness,
        risk=risk,
        load_today=pmc_today,
        planned=planned,
        unread_count=await notifications_service.unread_count(user_id=user_id),
        tier=tier,
    )
