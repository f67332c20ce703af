"""Leaderboard query and response shapes."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from runcoach.training import stats
from runcoach.validation import Input

LeaderboardMetric = Literal["distance", "duration", "load"]


class LeaderboardQuery(Input):
    period: stats.Period = "week"
    metric: LeaderboardMetric = "distance"


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
