"""Stats per week or month and trends, over HTTP and through the service with a fixed day.

Hand-worked values: the service tests fix ``today`` (Wednesday 2026-03-11) and build
workouts and metrics directly, so every expected number can be checked by eye.
Pacific/Auckland is UTC+13 until 2026-04-05 03:00 local, then UTC+12.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from runcoach.athletes.models import User
from runcoach.metrics.models import HealthMetric
from runcoach.training import stats
from runcoach.workouts.models import Workout
from tests.support.athletes import Athlete, register
from tests.support.problems import problem

API = "/api/v1/analytics"
AUCKLAND = "Pacific/Auckland"
TODAY = date(2026, 3, 11)  # a Wednesday


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


async def add_workout(
    who: Athlete,
    started_at: datetime,
    *,
    sport: str = "run",
    duration_s: float = 1800,
    distance_m: float | None = 5000,
    avg_hr: float | None = None,
    pace: float | None = None,
    load: float | None = None,
) -> None:
    await Workout.create(
        user_id=uuid.UUID(who.id),
        sport=sport,
        started_at=started_at,
        duration_s=duration_s,
        distance_m=distance_m,
        avg_hr=avg_hr,
        avg_pace_s_per_km=pace,
        load=load,
    )


async def set_profile(who: Athlete, **fields: Any) -> None:
    await User.filter(id=who.id).update(**fields)


async def add_day(who: Athlete, day: str, **values: Any) -> None:
    await HealthMetric.create(user_id=uuid.UUID(who.id), date=date.fromisoformat(day), **values)


def totals(entry: dict[str, Any]) -> tuple[Any, ...]:
    return (entry["count"], entry["distance_m"], entry["duration_s"], entry["load"])


# --- period stats, service with a fixed day ---------------------------------------------


async def test_no_workouts_gives_every_period_at_zero(athlete: Athlete, db: None) -> None:
    uid = uuid.UUID(athlete.id)
    weeks = await stats.period_stats(user_id=uid, period="week", count=5, today=TODAY)
    assert weeks["period"] == "week" and weeks["timezone"] == "UTC"
    assert [(p["start"], p["end"]) for p in weeks["periods"]] == [
        ("2026-03-09", "2026-03-15"),
        ("2026-03-02", "2026-03-08"),
        ("2026-02-23", "2026-03-01"),
        ("2026-02-16", "2026-02-22"),
        ("2026-02-09", "2026-02-15"),
    ]
    for p in weeks["periods"]:
        assert totals(p) == (0, 0.0, 0.0, 0.0) and p["by_sport"] == {}

    months = await stats.period_stats(user_id=uid, period="month", count=13, today=TODAY)
    starts = [p["start"] for p in months["periods"]]
    assert len(starts) == 13
    assert starts[0] == "2026-03-01" and starts[-1] == "2025-03-01"
    assert months["periods"][1] == {
        "start": "2026-02-01",
        "end": "2026-02-28",
        "distance_m": 0.0,
        "duration_s": 0.0,
        "load": 0.0,
        "count": 0,
        "by_sport": {},
    }
    assert months["periods"][3]["end"] == "2025-12-31"


async def auckland_week(athlete: Athlete, other: Athlete) -> None:
    await set_profile(athlete, timezone=AUCKLAND)
    # Monday 2026-03-09 06:00 local, still Sunday in UTC
    await add_workout(athlete, utc("2026-03-08T17:00"), distance_m=5000, load=50)
    # Sunday 2026-03-08 20:00 local
    await add_workout(
        athlete, utc("2026-03-08T07:00"), sport="ride", duration_s=3600, distance_m=30000, load=60
    )
    # Sunday 2026-03-01 09:00 local, still February in UTC; no load known
    await add_workout(athlete, utc("2026-02-28T20:00"), duration_s=3000, distance_m=10000)
    # Saturday 2026-02-28 23:30 local
    await add_workout(athlete, utc("2026-02-28T10:30"), duration_s=1200, distance_m=4000, load=20)
    # Friday 2026-02-20 14:00 local, a swim without distance
    await add_workout(
        athlete, utc("2026-02-20T01:00"), sport="swim", duration_s=2400, distance_m=None, load=30
    )
    # another athlete's workouts in the same days are never counted
    await add_workout(other, utc("2026-03-08T17:00"), distance_m=42195, load=300)
    await add_workout(other, utc("2026-02-28T20:00"), distance_m=21097, load=150)


async def test_weeks_follow_the_local_calendar(athlete: Athlete, other: Athlete, db: None) -> None:
    await auckland_week(athlete, other)
    result = await stats.period_stats(
        user_id=uuid.UUID(athlete.id), period="week", count=3, today=TODAY
    )
    assert result["timezone"] == AUCKLAND
    this, last, before = result["periods"]
    assert this["start"] == "2026-03-09"
    assert totals(this) == (1, 5000.0, 1800.0, 50.0)
    assert this["by_sport"] == {
        "run": {"distance_m": 5000.0, "duration_s": 1800.0, "load": 50.0, "count": 1}
    }
    assert totals(last) == (1, 30000.0, 3600.0, 60.0)
    assert list(last["by_sport"]) == ["ride"]
    assert before["start"] == "2026-02-23"
    assert totals(before) == (2, 14000.0, 4200.0, 20.0)


async def test_months_follow_the_local_calendar_and_split_by_sport(
    athlete: Athlete, other: Athlete, db: None
) -> None:
    await auckland_week(athlete, other)
    result = await stats.period_stats(
        user_id=uuid.UUID(athlete.id), period="month", count=2, today=TODAY
    )
    march, february = result["periods"]
    assert (march["start"], march["end"]) == ("2026-03-01", "2026-03-31")
    assert totals(march) == (3, 45000.0, 8400.0, 110.0)
    assert march["by_sport"] == {
        "ride": {"distance_m": 30000.0, "duration_s": 3600.0, "load": 60.0, "count": 1},
        "run": {"distance_m": 15000.0, "duration_s": 4800.0, "load": 50.0, "count": 2},
    }
    assert totals(february) == (2, 4000.0, 3600.0, 50.0)
    assert february["by_sport"]["swim"] == {
        "distance_m": 0.0,
        "duration_s": 2400.0,
        "load": 30.0,
        "count": 1,
    }


async def test_weeks_across_the_end_of_daylight_saving(athlete: Athlete, db: None) -> None:
    await set_profile(athlete, timezone=AUCKLAND)
    # Sunday 2026-04-05 23:00 NZST (UTC+12, DST ended at 03:00 that day)
    await add_workout(athlete, utc("2026-04-05T11:00"), distance_m=1000)
    # Monday 2026-04-06 00:30 NZST
    await add_workout(athlete, utc("2026-04-05T12:30"), distance_m=2000)
    # Monday 2026-03-30 00:30 NZDT (UTC+13)
    await add_workout(athlete, utc("2026-03-29T11:30"), distance_m=4000)
    result = await stats.period_stats(
        user_id=uuid.UUID(athlete.id), period="week", count=2, today=date(2026, 4, 8)
    )
    this, last = result["periods"]
    assert (this["start"], this["distance_m"]) == ("2026-04-06", 2000.0)
    assert (last["start"], last["end"], last["distance_m"]) == ("2026-03-30", "2026-04-05", 5000.0)


# --- trends, service with a fixed day --------------------------------------------------


async def test_pace_at_hr_is_the_weekly_median_of_runs_in_the_aerobic_band(
    athlete: Athlete, other: Athlete, db: None
) -> None:
    await set_profile(athlete, max_hr=190)  # band 133..152 bpm
    # week of 2026-02-23 (the window of 14 days starts on Thursday 02-26)
    await add_workout(athlete, utc("2026-02-24T07:00"), avg_hr=140, pace=330)
    await add_workout(athlete, utc("2026-02-26T07:00"), avg_hr=150, pace=310)
    await add_workout(athlete, utc("2026-02-27T07:00"), avg_hr=160, pace=280)  # above the band
    # no runs in the week of 03-02; three in the week of 03-09
    await add_workout(athlete, utc("2026-03-09T07:00"), avg_hr=145, pace=300)
    await add_workout(athlete, utc("2026-03-10T07:00"), avg_hr=135, pace=306)
    await add_workout(athlete, utc("2026-03-11T07:00"), avg_hr=140, pace=312)
    await add_workout(athlete, utc("2026-03-10T18:00"), avg_hr=140, pace=250, distance_m=800)
    await add_workout(athlete, utc("2026-03-09T18:00"), sport="trail_run", avg_hr=140, pace=400)
    await add_workout(athlete, utc("2026-03-09T19:00"), avg_hr=None, pace=200)
    await add_workout(athlete, utc("2026-02-17T07:00"), avg_hr=140, pace=200)  # before
    await add_workout(other, utc("2026-03-09T07:00"), avg_hr=140, pace=200)

    result = await stats.trends(
        user_id=uuid.UUID(athlete.id), metric="pace_at_hr", days=14, today=TODAY
    )
    assert result["unit"] == "s/km"
    assert result["band"] == {"min_bpm": 133, "max_bpm": 152, "source": "max_hr"}
    assert result["points"] == [
        {"date": "2026-02-23", "value": 320.0},
        {"date": "2026-03-09", "value": 306.0},
    ]
    assert result["summary"] == {
        "first": 320.0,
        "last": 306.0,
        "change": -14.0,
        "direction": "down",
        "improving": True,
    }


async def test_pace_band_without_max_hr(athlete: Athlete, db: None) -> None:
    uid = uuid.UUID(athlete.id)
    result = await stats.trends(user_id=uid, metric="pace_at_hr", days=7, today=TODAY)
    assert result["band"] == {"min_bpm": 135, "max_bpm": 150, "source": "default"}
    assert result["points"] == []
    assert result["summary"]["first"] is None and result["summary"]["direction"] is None

    await set_profile(athlete, birth_date=date(1986, 3, 11))  # 40: 208 - 28 = 180 bpm
    result = await stats.trends(user_id=uid, metric="pace_at_hr", days=7, today=TODAY)
    assert result["band"] == {"min_bpm": 126, "max_bpm": 144, "source": "estimated_max_hr"}


async def health_days(athlete: Athlete, other: Athlete) -> None:
    await add_day(athlete, "2026-02-26", resting_hr=70)  # older than the 7-day lead-in
    await add_day(athlete, "2026-03-01", resting_hr=56, hrv_ms=54)
    await add_day(athlete, "2026-03-04", resting_hr=54)
    await add_day(athlete, "2026-03-05", resting_hr=52, hrv_ms=60)
    await add_day(athlete, "2026-03-06", hrv_ms=66)
    await add_day(athlete, "2026-03-07", resting_hr=50)
    await add_day(athlete, "2026-03-10", resting_hr=48)
    await add_day(athlete, "2026-03-11", resting_hr=46, hrv_ms=75)
    await add_day(athlete, "2026-03-12", resting_hr=40, hrv_ms=10)  # after today
    await add_day(other, "2026-03-07", resting_hr=90, hrv_ms=5)


async def test_resting_hr_daily_with_seven_day_mean(
    athlete: Athlete, other: Athlete, db: None
) -> None:
    await health_days(athlete, other)
    result = await stats.trends(
        user_id=uuid.UUID(athlete.id), metric="resting_hr", days=7, today=TODAY
    )
    assert result["unit"] == "bpm"
    assert result["points"] == [
        {"date": "2026-03-05", "value": 52.0, "mean_7d": 54.0},  # 56, 54, 52
        {"date": "2026-03-07", "value": 50.0, "mean_7d": 53.0},  # 56, 54, 52, 50
        {"date": "2026-03-10", "value": 48.0, "mean_7d": 51.0},  # 54, 52, 50, 48
        {"date": "2026-03-11", "value": 46.0, "mean_7d": 49.0},  # 52, 50, 48, 46
    ]
    assert result["summary"] == {
        "first": 54.0,
        "last": 49.0,
        "change": -5.0,
        "direction": "down",
        "improving": True,
    }


async def test_hrv_daily_with_seven_day_mean(athlete: Athlete, other: Athlete, db: None) -> None:
    await health_days(athlete, other)
    result = await stats.trends(user_id=uuid.UUID(athlete.id), metric="hrv", days=7, today=TODAY)
    assert result["unit"] == "ms"
    assert result["points"] == [
        {"date": "2026-03-05", "value": 60.0, "mean_7d": 57.0},  # 54, 60
        {"date": "2026-03-06", "value": 66.0, "mean_7d": 60.0},  # 54, 60, 66
        {"date": "2026-03-11", "value": 75.0, "mean_7d": 67.0},  # 60, 66, 75
    ]
    assert result["summary"] == {
        "first": 57.0,
        "last": 67.0,
        "change": 10.0,
        "direction": "up",
        "improving": True,
    }


async def test_weekly_distance_counts_running_in_whole_local_weeks(
    athlete: Athlete, other: Athlete, db: None
) -> None:
    await set_profile(athlete, timezone=AUCKLAND)
    await add_workout(athlete, utc("2026-02-23T20:00"), distance_m=10000)  # Tue 02-24 local
    await add_workout(athlete, utc("2026-02-25T20:00"), sport="trail_run", distance_m=5000)
    await add_workout(athlete, utc("2026-02-26T20:00"), sport="treadmill", distance_m=3000)
    await add_workout(athlete, utc("2026-02-27T20:00"), sport="ride", distance_m=40000)
    await add_workout(athlete, utc("2026-02-22T10:00"), distance_m=7000)  # Sun 02-22 23:00 local
    await add_workout(athlete, utc("2026-03-08T17:00"), distance_m=8000)  # Mon 03-09 06:00 local
    await add_workout(other, utc("2026-03-08T17:00"), distance_m=9000)
    result = await stats.trends(
        user_id=uuid.UUID(athlete.id), metric="weekly_distance", days=14, today=TODAY
    )
    assert result["unit"] == "m"
    assert result["points"] == [
        {"date": "2026-02-23", "value": 18000.0},
        {"date": "2026-03-02", "value": 0.0},
        {"date": "2026-03-09", "value": 8000.0},
    ]
    assert result["summary"] == {
        "first": 18000.0,
        "last": 8000.0,
        "change": -10000.0,
        "direction": "down",
        "improving": None,
    }


def test_summary_of_a_small_change_is_flat() -> None:
    assert stats.summarize([100.0, 101.5], lower_is_better=True)["direction"] == "flat"
    assert stats.summarize([100.0, 103.0], lower_is_better=True)["improving"] is False
    assert stats.summarize([0.0, 0.0], lower_is_better=None)["direction"] == "flat"
    assert stats.summarize([0.0, 5.0], lower_is_better=None)["direction"] == "up"


# --- over HTTP ------------------------------------------------------------------------


async def test_routes_need_a_token(client: httpx.AsyncClient) -> None:
    for path in ("/stats", "/trends?metric=hrv"):
        problem(await client.get(API + path), 401, "unauthorized")


async def test_stats_defaults_to_twelve_empty_weeks(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    r = await client.get(f"{API}/stats", headers=athlete.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["period"] == "week"
    assert len(body["periods"]) == 12
    assert all(p["count"] == 0 and p["distance_m"] == 0 for p in body["periods"])
    starts = [date.fromisoformat(p["start"]) for p in body["periods"]]
    assert all(s.weekday() == 0 for s in starts)
    assert all(a - b == timedelta(days=7) for a, b in itertools.pairwise(starts))

    r = await client.get(
        f"{API}/stats", params={"period": "month", "count": 3}, headers=athlete.headers
    )
    assert [date.fromisoformat(p["start"]).day for p in r.json()["periods"]] == [1, 1, 1]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"count": 0}, "count"),
        ({"count": 53}, "count"),
        ({"count": "many"}, "count"),
        ({"period": "year"}, "period"),
        ({"sport": "run"}, "sport"),
    ],
)
async def test_stats_query_is_validated(
    client: httpx.AsyncClient, athlete: Athlete, params: dict[str, Any], field: str
) -> None:
    r = await client.get(f"{API}/stats", params=params, headers=athlete.headers)
    problem(r, 422, "validation_error", field)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "metric"),
        ({"metric": "vo2max"}, "metric"),
        ({"metric": "hrv", "days": 6}, "days"),
        ({"metric": "hrv", "days": 731}, "days"),
        ({"metric": "hrv", "since": "2026-01-01"}, "since"),
    ],
)
async def test_trends_query_is_validated(
    client: httpx.AsyncClient, athlete: Athlete, params: dict[str, Any], field: str
) -> None:
    r = await client.get(f"{API}/trends", params=params, headers=athlete.headers)
    problem(r, 422, "validation_error", field)


async def test_stats_over_http_in_the_athletes_time_zone(client: httpx.AsyncClient) -> None:
    kiwi = await register(client, name="Kiri", timezone=AUCKLAND)
    bob = await register(client, name="Bob")
    zone = ZoneInfo(AUCKLAND)
    today = datetime.now(zone).date()
    last_monday = today - timedelta(days=today.weekday() + 7)
    start = datetime.combine(last_monday, time(6, 0), tzinfo=zone).astimezone(UTC)
    assert start.weekday() == 6  # Sunday in UTC
    for who in (kiwi, bob):
        await add_workout(who, start, duration_s=1800, distance_m=6000)

    r = await client.get(f"{API}/stats", params={"count": 2}, headers=kiwi.headers)
    assert r.status_code == 200, r.text
    this, last = r.json()["periods"]
    assert this["count"] == 0
    assert last["start"] == last_monday.isoformat()
    assert (last["count"], last["distance_m"]) == (1, 6000.0)
    assert last["by_sport"]["run"]["count"] == 1

    r = await client.get(
        f"{API}/trends", params={"metric": "weekly_distance", "days": 14}, headers=kiwi.headers
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["metric"] == "weekly_distance" and body["days"] == 14
    by_week = {p["date"]: p["value"] for p in body["points"]}
    assert by_week[last_monday.isoformat()] == 6000.0
    assert sum(by_week.values()) == 6000.0


async def test_each_trend_answers_over_http(client: httpx.AsyncClient, athlete: Athlete) -> None:
    for metric in ("pace_at_hr", "resting_hr", "hrv", "weekly_distance"):
        r = await client.get(f"{API}/trends", params={"metric": metric}, headers=athlete.headers)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["metric"] == metric and body["days"] == 90
        assert body["unit"] == stats.UNITS[metric]
        assert set(body["summary"]) == {"first", "last", "change", "direction", "improving"}
