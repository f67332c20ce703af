"""Tests of the coach; ``athlete_snapshot()`` builds the snapshot they share."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from runcoach.llm.snapshot import AthleteSnapshot, PlanSnapshot, RecentWorkout


def athlete_snapshot(**overrides: Any) -> AthleteSnapshot:
    """A snapshot with every field set (a plain factory); ``overrides`` replace fields."""
    snapshot = AthleteSnapshot(
        name="Alice",
        today=dt.date(2025, 3, 10),
        timezone="Europe/Paris",
        ctl=54.23,
        atl=61.04,
        tsb=-6.81,
        acwr=1.126,
        ramp_rate=3.44,
        load_unit="TSS",
        readiness_score=72,
        readiness_confidence="high",
        readiness_components={"sleep": 70.2, "hrv": 80.4, "resting_hr": 65.0, "form": 58.9},
        risk_level="moderate",
        risk_factors=("acute load is 13% above chronic load",),
        week_distance_m=32_540,
        week_duration_s=10_125,
        week_workouts=3,
        recent_workouts=(
            RecentWorkout(dt.date(2025, 3, 9), "run", 10_000, 3000, 145, 300, 62.4),
            RecentWorkout(dt.date(2025, 3, 7), "run", 8000, 2760, 138.4, 345, 41.0),
        ),
        easy_pace_s_per_km=345.4,
        best_pace_s_per_km=249.6,
        hr_zones=(("Z1", 100, 130), ("Z2", 131, 145), ("Z3", 146, 160), ("Z4", 161, 172)),
        plan=PlanSnapshot(
            goal="half marathon",
            race_date=dt.date(2025, 5, 4),
            weeks_to_race=8,
            phase="build",
            today_session="Tempo 8 km with 4 km at threshold",
            next_session="Easy 6 km",
        ),
        resting_hr=48,
        hrv_ms=62.4,
        sleep_hours=7.46,
    )
    return replace(snapshot, **overrides)
