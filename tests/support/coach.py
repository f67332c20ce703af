"""The coach's test factories: a snapshot with every field set, an athlete with a history."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from runcoach.llm.snapshot import AthleteSnapshot, PlanSnapshot, RecentWorkout
from runcoach.plans.models import Plan, PlanSession
from tests.support.athletes import Athlete


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


ZONE = "Europe/Berlin"


async def get(client: httpx.AsyncClient, who: Athlete, path: str, **params: Any) -> Any:
    r = await client.get(path, params=params, headers=who.headers)
    assert r.status_code == 200, r.text
    return r.json()


async def post(client: httpx.AsyncClient, who: Athlete, path: str, body: dict[str, Any]) -> Any:
    r = await client.post(path, json=body, headers=who.headers)
    assert r.status_code in (200, 201), r.text
    return r.json()


def local_today() -> dt.date:
    return dt.datetime.now(ZoneInfo(ZONE)).date()


async def trained_athlete(client: httpx.AsyncClient, athlete: Athlete) -> dt.date:
    """Profile with HR zones, six runs over ten days, three days of metrics, a plan; today."""
    r = await client.patch(
        "/api/v1/me",
        json={"timezone": ZONE, "max_hr": 190, "resting_hr": 50},
        headers=athlete.headers,
    )
    assert r.status_code == 200, r.text
    now = dt.datetime.now(dt.UTC)
    runs = [  # (days ago, distance m, duration s, avg HR): easy 5:30/km at HR 140, fast 4:30/km
        (1, 8000, 2640, 140),
        (2, 5000, 1350, 172),
        (4, 10000, 3300, 142),
        (6, 6000, 1980, 138),
        (8, 12000, 4080, 145),
        (10, 1500, 360, 180),
    ]
    for days_ago, distance, duration, hr in runs:
        started = now - dt.timedelta(days=days_ago, hours=2)
        await post(
            client,
            athlete,
            "/api/v1/workouts",
            {
                "sport": "run",
                "started_at": started.isoformat(),
                "duration_s": duration,
                "distance_m": distance,
                "avg_hr": hr,
            },
        )
    today = local_today()
    for days_ago, rhr, hrv, sleep in (
        (2, 49, 70.0, 7.5),
        (1, 51, 66.0, None),
        (0, None, 64.0, 6.9),
    ):
        day = today - dt.timedelta(days=days_ago)
        values = {"resting_hr": rhr, "hrv_ms": hrv, "sleep_hours": sleep}
        body = {"date": day.isoformat(), **{k: v for k, v in values.items() if v is not None}}
        await post(client, athlete, "/api/v1/health-metrics", body)
    await make_plan(uuid.UUID(athlete.id), today)
    return today


async def make_plan(user_id: uuid.UUID, today: dt.date) -> Plan:
    monday = today - dt.timedelta(days=today.weekday())
    weeks = [
        {
            "index": i + 1,
            "phase": phase,
            "starts_on": (monday + dt.timedelta(days=7 * i)).isoformat(),
            "ends_on": (monday + dt.timedelta(days=7 * i + 6)).isoformat(),
        }
        for i, phase in enumerate(["base", "build", "peak", "taper"])
    ]
    race = monday + dt.timedelta(days=27)
    plan = await Plan.create(
        user_id=user_id,
        goal="10k",
        race_date=race,
        days_per_week=4,
        inputs_key="k" * 64,
        status="ready",
        start_date=monday,
        end_date=race,
        weeks=weeks,
    )
    # An older ready plan that has ended is ignored.
    await Plan.create(
        user_id=user_id,
        goal="5k",
        days_per_week=3,
        inputs_key="o" * 64,
        status="ready",
        start_date=monday - dt.timedelta(days=60),
        end_date=monday - dt.timedelta(days=30),
    )
    sessions = [
        (today - dt.timedelta(days=1), "easy", "Easy run 40 min"),
        (today, "tempo", "Tempo 3 x 10 min"),
        (today + dt.timedelta(days=1), "rest", "Rest day"),
        (today + dt.timedelta(days=2), "long", "Long run 16 km"),
    ]
    for n, (day, kind, text) in enumerate(sessions):
        await PlanSession.create(
            plan_id=plan.id,
            user_id=user_id,
            key=f"s{n}",
            week=(day - monday).days // 7 + 1,
            date=day,
            type=kind,
            intensity="easy",
            description=text,
        )
    return plan
