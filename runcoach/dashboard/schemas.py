"""The dashboard's response shape: each part as the endpoint it comes from shapes it."""

from __future__ import annotations

from typing import Any

from runcoach.dashboard.service import Summary
from runcoach.plans import schemas as plan_schemas
from runcoach.training import schemas as training_schemas
from runcoach.workouts import schemas as workout_schemas

AD_TIERS = frozenset({"free"})


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
