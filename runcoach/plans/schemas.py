"""Training-plan input and output shapes."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import Any, Literal

from pydantic import BaseModel, Field, StrictBool

from runcoach.plans.models import Plan, PlanSession, PlanStatus
from runcoach.plans.periodisation import Intensity, Phase, SessionType
from runcoach.validation import Day, Input

Goal = Literal["5k", "10k", "half", "marathon", "base"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_LONG_RUN_DAY: Weekday = "sun"


class PlanCreate(Input):
    """A plan request; the engine's own checks (race date window, goal time) run on POST too."""

    goal: Goal
    race_date: Day | None = None
    days_per_week: int = Field(ge=3, le=7, strict=True)
    target_time_s: int | None = Field(default=None, gt=0, strict=True)
    long_run_day: Weekday | None = None  # "mon".."sun"; default "sun"

    def long_run_weekday(self) -> int:
        """The long-run day as 0 (Monday) .. 6 (Sunday)."""
        return WEEKDAYS.index(self.long_run_day or DEFAULT_LONG_RUN_DAY)


class PlanQuery(Input):
    cursor: str | None = Field(default=None, max_length=200)
    limit: int = Field(default=20, ge=1, le=100)


class SessionUpdate(Input):
    """Complete (optionally linking the workout that did it) or un-complete a session.

    ``workout_id`` absent keeps the current link; ``null`` removes it.
    """

    completed: StrictBool
    workout_id: uuid.UUID | None = None


# --- answer shapes ---------------------------------------------------------------------


class PlanRequested(BaseModel):
    """The 202 answer of POST /plans."""

    plan_id: uuid.UUID
    status: PlanStatus


class Progress(BaseModel):
    completed: int
    total: int
    percent: float = Field(description="0..100")


class PlanSummary(BaseModel):
    """A plan as GET /plans lists it (no weeks, no sessions)."""

    id: uuid.UUID
    goal: Goal
    race_date: dt.date | None
    start_date: dt.date | None
    end_date: dt.date | None
    days_per_week: int
    status: PlanStatus
    created_at: dt.datetime
    ready_at: dt.datetime | None
    progress: Progress


class PaceRange(BaseModel):
    min_s_per_km: int = Field(description="the fast end")
    max_s_per_km: int = Field(description="the slow end")


class PlannedSession(BaseModel):
    """One planned session (paces in whole s/km; ``compliance`` 0..100 or null)."""

    id: uuid.UUID
    key: str
    date: dt.date
    week: int
    type: SessionType
    intensity: Intensity
    target_distance_m: int | None
    target_duration_s: int | None
    target_pace: PaceRange | None
    target_hr_zone: str | None
    description: str
    tip: str | None
    completed: bool
    completed_at: dt.datetime | None
    workout_id: uuid.UUID | None
    compliance: float | None


class PlanDay(BaseModel):
    date: dt.date
    day_of_week: Weekday
    sessions: list[PlannedSession] = Field(description="empty on a rest day")


class PlanWeek(BaseModel):
    index: int
    phase: Phase
    is_recovery: bool
    starts_on: dt.date
    ends_on: dt.date
    target_distance_m: float
    days: list[PlanDay]


class PlanDetail(PlanSummary):
    """The whole plan: weeks -> days -> sessions (``weeks`` is empty until it is ready)."""

    long_run_day: Weekday | None
    target_time_s: int | None
    summary: str | None
    failure_reason: str | None
    total_distance_m: float | None
    weeks: list[PlanWeek]


class PlanPage(BaseModel):
    items: list[PlanSummary]
    next_cursor: str | None


class SessionUpdated(BaseModel):
    """The answer of PATCH /plans/{id}/sessions/{id}: the session and the plan's progress."""

    session: PlannedSession
    progress: Progress


def progress(plan: Plan) -> dict[str, Any]:
    total, done = plan.total_sessions, plan.completed_sessions
    percent = round(100 * done / total, 1) if total else 0.0
    return {"completed": done, "total": total, "percent": percent}


def plan_summary(plan: Plan) -> dict[str, Any]:
    """The list shape: no weeks, no sessions."""
    return {
        "id": plan.id,
        "goal": plan.goal,
        "race_date": plan.race_date,
        "start_date": plan.start_date,
        "end_date": plan.end_date,
        "days_per_week": plan.days_per_week,
        "status": plan.status,
        "created_at": plan.created_at,
        "ready_at": plan.ready_at,
        "progress": progress(plan),
    }


def _pace(s: PlanSession) -> dict[str, int] | None:
    low, high = s.target_pace_min_s_per_km, s.target_pace_max_s_per_km
    if low is None or high is None:
        return None
    return {"min_s_per_km": round(low), "max_s_per_km": round(high)}


def session(s: PlanSession) -> dict[str, Any]:
    """One planned session (paces in whole s/km; ``compliance`` 0..100 or null)."""
    return {
        "id": s.id,
        "key": s.key,
        "date": s.date,
        "week": s.week,
        "type": s.type,
        "intensity": s.intensity,
        "target_distance_m": s.target_distance_m,
        "target_duration_s": s.target_duration_s,
        "target_pace": _pace(s),
        "target_hr_zone": s.target_hr_zone,
        "description": s.description,
        "tip": s.tip,
        "completed": s.completed,
        "completed_at": s.completed_at,
        "workout_id": s.workout_id,
        "compliance": s.compliance,
    }


def _weeks(plan: Plan, sessions: list[PlanSession]) -> list[dict[str, Any]]:
    """Each stored week with every one of its days (rest days have no sessions)."""
    by_day: dict[dt.date, list[PlanSession]] = defaultdict(list)
    for s in sessions:
        by_day[s.date].append(s)
    weeks = []
    for week in plan.weeks or []:
        start = dt.date.fromisoformat(week["starts_on"])
        end = dt.date.fromisoformat(week["ends_on"])
        days = []
        for i in range((end - start).days + 1):
            day = start + dt.timedelta(days=i)
            days.append(
                {
                    "date": day,
                    "day_of_week": WEEKDAYS[day.weekday()],
                    "sessions": [session(s) for s in by_day.get(day, [])],
                }
            )
        weeks.append(
            {
                "index": week["index"],
                "phase": week["phase"],
                "is_recovery": week["is_recovery"],
                "starts_on": start,
                "ends_on": end,
                "target_distance_m": week["target_distance_m"],
                "days": days,
            }
        )
    return weeks


def plan_detail(plan: Plan, sessions: list[PlanSession]) -> dict[str, Any]:
    """The whole plan: weeks -> days -> sessions (``weeks`` is empty until it is ready)."""
    body = plan_summary(plan)
    body.update(
        {
            "long_run_day": None if plan.long_run_day is None else WEEKDAYS[plan.long_run_day],
            "target_time_s": plan.target_time_s,
            "summary": plan.summary,
            "failure_reason": plan.failure_reason,
            "total_distance_m": plan.facts.get("total_distance_m") if plan.facts else None,
            "weeks": _weeks(plan, sessions),
        }
    )
    return body


def plan_requested(plan: Plan) -> dict[str, Any]:
    """The 202 answer of POST /plans."""
    return {"plan_id": plan.id, "status": plan.status}


def session_update(s: PlanSession, plan: Plan) -> dict[str, Any]:
    """The answer of PATCH /plans/{id}/sessions/{id}: the session and the plan's progress."""
    return {"session": session(s), "progress": progress(plan)}
