"""Leaderboard query and response shapes."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from runcoach.training import stats
from runcoach.validation import Input

LeaderboardMetric = Literal["distance", "duration", "load"]


class LeaderboardQuery(Input):
    period: stats.Period = "week"
    metric: LeaderboardMetric = "distance"


class LeaderboardEntry(BaseModel):
    rank: int = Field(description="ties share a rank")
    name: str
    value: float


class RankedEntry(LeaderboardEntry):
    me: bool = Field(description="the caller's own entry")


class Leaderboard(BaseModel):
    """GET /leaderboard: the period's bounds, the top 50, the caller (null: not opted in)."""

    period: stats.Period
    metric: LeaderboardMetric
    unit: str
    timezone: str
    start: dt.date
    end: dt.date
    items: list[RankedEntry]
    me: LeaderboardEntry | None


def entry(row: dict[str, Any]) -> dict[str, Any]:
    """One ranked athlete: ``{rank, name, value}``."""
    return {"rank": row["rank"], "name": row["name"], "value": round(row["value"], 1)}


def leaderboard(
    *,
    period: str,
    metric: str,
    unit: str,
    timezone: str,
    start: dt.date,
    last_day: dt.date,
    items: list[dict[str, Any]],
    me: dict[str, Any] | None,
) -> dict[str, Any]:
    """GET /leaderboard: the period's bounds (its first and last day), the top, the caller."""
    return {
        "period": period,
        "metric": metric,
        "unit": unit,
        "timezone": timezone,
        "start": start.isoformat(),
        "end": last_day.isoformat(),
        "items": items,
        "me": me,
    }
