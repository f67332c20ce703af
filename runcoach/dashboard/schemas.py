"""The dashboard's response shape: each part as the endpoint it comes from shapes it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from runcoach.dashboard.service import Summary
from runcoach.plans import schemas as plan_schemas
from runcoach.training import schemas as training_schemas
from runcoach.workouts import schemas as workout_schemas

AD_TIERS = frozenset({"free"})


class LoadToday(BaseModel):
    ctl: float
    atl: float
    tsb: float


class DashboardSummary(BaseModel):
    """GET /dashboard/summary: each part shaped as the endpoint it comes from."""

    recent_workouts: list[workout_schemas.WorkoutSummary] = Field(description="the 5 newest")
    week: training_schemas.PeriodTotals = Field(description="the current local week")
    readiness: training_schemas.ReadinessOut
    risk: training_schemas.OvertrainingRisk
    load_today: LoadToday | None = Field(description="null: no load history yet")
    planned_session: plan_schemas.PlannedSession | None = Field(
        description="today's session of the active plan; null on a rest day or without one"
    )
    unread_count: int
    ads: bool = Field(description="true on the free tier")
    tier: str


def summary(s: Summary) -> dict[str, Any]:
    """GET /dashboard/summary."""
    today = None if s.load_today is None else training_schemas.load_day(s.load_today)
    planned = [plan_schemas.session(p) for p in s.planned]
    return {
        "recent_workouts": [workout_schemas.summary(r) for r in s.recent_workouts],
        "week": s.week,
        "readiness": training_schemas.readiness(s.readiness),
        "risk": training_schemas.overtraining(s.risk),
        "load_today": (None if today is None else {k: today[k] for k in ("ctl", "atl", "tsb")}),
        "planned_session": planned[0] if planned else None,
        "unread_count": s.unread_count,
        "ads": s.tier in AD_TIERS,
        "tier": s.tier,
    }
