"""Seed data: athletes registered through the API, years of workouts and daily metrics.

Workouts and metrics are copied straight into PostgreSQL (``insert_rows``); the loads
derived from them are computed by the training service, as workout writes keep them.
"""

from __future__ import annotations

import asyncio
import json
import math
import random
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.stack import DASHBOARD, LOAD, BenchError, Stack, http_call, say
from runcoach.workouts import zones
from tests.support.servers import asyncpg_dsn

MAIN_WORKOUTS = 2_000
OTHER_WORKOUTS = 300
SPAN_DAYS = 5.5 * 365.25

SPORTS = [
    ("run", 55),
    ("trail_run", 8),
    ("treadmill", 7),
    ("ride", 12),
    ("walk", 8),
    ("swim", 5),
    ("strength", 5),
]
LABELS = {
    "run": "Run",
    "trail_run": "Trail Run",
    "treadmill": "Treadmill Run",
    "ride": "Ride",
    "walk": "Walk",
    "swim": "Swim",
    "strength": "Strength",
}
NOTES = [
    "Felt strong, negative split.",
    "Legs heavy after yesterday's long run.",
    "Windy on the way back.",
    "Easy pace, chatting with the group.",
    "Intervals 6x800 m with 400 m jog.",
    "Hot and humid, took water at 5 km.",
    "Tempo in the middle 20 minutes.",
]
COLUMNS = [
    "id",
    "user_id",
    "sport",
    "started_at",
    "duration_s",
    "moving_time_s",
    "distance_m",
    "elevation_gain_m",
    "avg_hr",
    "max_hr",
    "avg_pace_s_per_km",
    "calories",
    "rpe",
    "title",
    "notes",
    "source",
    "external_id",
    "splits",
    "hr_zone_seconds",
    "created_at",
    "updated_at",
    "device_id",
]


def _distance_and_pace(rng: random.Random, sport: str) -> tuple[float | None, float]:
    """Distance in metres (None without one) and pace in s/km (or the duration if none)."""
    if sport in ("run", "treadmill"):
        return rng.lognormvariate(math.log(8_000), 0.45), rng.uniform(270, 390)
    if sport == "trail_run":
        return rng.lognormvariate(math.log(14_000), 0.4), rng.uniform(360, 540)
    if sport == "ride":
        return rng.lognormvariate(math.log(40_000), 0.4), 3600 / rng.uniform(22, 32)
    if sport == "walk":
        return rng.uniform(2_500, 8_000), rng.uniform(600, 720)
    if sport == "swim":
        return rng.uniform(1_200, 3_500), rng.uniform(1_050, 1_350)
    return None, rng.uniform(1_800, 3_900)


def _splits(
    rng: random.Random, distance_m: float, pace: float, avg_hr: float | None, gain: float | None
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    done, index = 0.0, 1
    while distance_m - done >= 10:
        leg = min(1000.0, distance_m - done)
        split_pace = pace * rng.uniform(0.94, 1.06)
        out.append(
            {
                "index": index,
                "distance_m": round(leg, 1),
                "duration_s": round(split_pace * leg / 1000, 1),
                "pace_s_per_km": round(split_pace, 1),
                "avg_hr": None if avg_hr is None else round(avg_hr + rng.uniform(-8, 8), 1),
                "elevation_gain_m": None
                if gain is None
                else round(gain * leg / distance_m * rng.uniform(0.3, 1.7), 1),
            }
        )
        done += leg
        index += 1
    return out


def _zones(rng: random.Random, duration_s: float, max_hr: int) -> dict[str, Any]:
    weights = [rng.uniform(0.02, 0.1), rng.uniform(0.2, 0.5), rng.uniform(0.2, 0.4)]
    weights += [rng.uniform(0.05, 0.2), rng.uniform(0.0, 0.05)]
    total = sum(weights)
    seconds = [round(duration_s * w / total) for w in weights]
    return zones.describe(max_hr, seconds)


def workout_rows(user_id: uuid.UUID, count: int, seed: int) -> list[tuple[Any, ...]]:
    """``count`` realistic workouts spread over ~5.5 years up to now, in COLUMNS order."""
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(days=SPAN_DAYS)
    sports, weights = zip(*SPORTS, strict=True)
    rows: list[tuple[Any, ...]] = []
    seen: set[tuple[str, datetime]] = set()
    for i in range(count):
        day = start + timedelta(days=SPAN_DAYS * (i + rng.random()) / count)
        started = day.replace(
            hour=rng.choice([6, 6, 7, 7, 8, 12, 17, 18, 18, 19]),
            minute=rng.randrange(60),
            second=rng.randrange(60),
        )
        started = min(started, now - timedelta(hours=2))
        sport = rng.choices(sports, weights)[0]
        if (sport, started) in seen:
            started += timedelta(seconds=1 + i)
        seen.add((sport, started))
        distance, pace = _distance_and_pace(rng, sport)
        duration = pace * distance / 1000 if distance else pace
        moving = duration * rng.uniform(0.93, 1.0)
        has_hr = rng.random() < 0.9
        avg_hr = round(rng.uniform(118, 168), 1) if has_hr else None
        max_hr = min(205.0, round(avg_hr + rng.uniform(8, 30), 1)) if avg_hr else None
        gain = None
        if sport in ("run", "trail_run", "ride", "walk"):
            gain = round(
                rng.uniform(200, 1_200) if sport == "trail_run" else rng.uniform(5, 300), 1
            )
        source = rng.choices(["manual", "garmin", "fit", "gpx"], [30, 45, 20, 5])[0]
        splits = (
            _splits(rng, distance, moving / (distance / 1000), avg_hr, gain)
            if distance and source != "manual" and sport != "swim"
            else []
        )
        zones = _zones(rng, moving, 190) if has_hr and source != "manual" else None
        hour = started.hour
        part = "Morning" if hour < 11 else "Lunch" if hour < 14 else "Evening"
        created = started + timedelta(seconds=duration + rng.uniform(60, 7_200))
        rows.append(
            (
                uuid.uuid4(),
                user_id,
                sport,
                started,
                round(duration, 1),
                round(moving, 1),
                round(distance, 1) if distance else None,
                gain,
                avg_hr,
                max_hr,
                round(moving / (distance / 1000), 1) if distance and distance >= 10 else None,
                round(moving / 60 * rng.uniform(8, 13)),
                rng.randint(2, 9) if rng.random() < 0.6 else None,
                f"{part} {LABELS[sport]}",
                rng.choice(NOTES) if rng.random() < 0.25 else None,
                source,
                f"{source}-{rng.getrandbits(48)}" if source == "garmin" else None,
                json.dumps(splits),
                json.dumps(zones) if zones is not None else None,
                created,
                created,
                None,
            )
        )
    return rows


@dataclass
class Seeded:
    token: str
    user_id: str
    newest_ids: list[str]
    workouts: int
    other_workouts: int


def register(port: int, label: str) -> tuple[str, str]:
    email = f"bench-{label}-{secrets.token_hex(4)}@example.com"
    body = {"email": email, "password": secrets.token_urlsafe(18), "name": f"Bench {label}"}
    status, raw = http_call(port, "POST", "/api/v1/auth/register", body=body, timeout=30)
    if status != 201:
        raise BenchError(f"register {label}: {status} {raw[:300]!r}")
    answer = json.loads(raw)
    return answer["access_token"], str(answer["user"]["id"])


async def insert_rows(
    database_url: str,
    rows: list[tuple[Any, ...]],
    table: str = "workouts",
    columns: list[str] = COLUMNS,
) -> None:
    import asyncpg

    conn = await asyncpg.connect(asyncpg_dsn(database_url), timeout=10)
    try:
        await conn.copy_records_to_table(table, records=rows, columns=columns)
        await conn.execute(f"ANALYZE {table}")
    finally:
        await conn.close()


PROFILE = {
    "timezone": "Europe/Paris",
    "sex": "female",
    "birth_date": "1988-04-12",
    "max_hr": 188,
    "resting_hr": 48,
    "lthr": 171,
}


def metric_rows(user_id: uuid.UUID, seed: int) -> list[tuple[Any, ...]]:
    """Daily health metrics over the same span (about 85 % of days), in METRIC_COLUMNS order."""
    rng = random.Random(seed)
    today = datetime.now(UTC).date()
    now = datetime.now(UTC)
    rows: list[tuple[Any, ...]] = []
    for back in range(int(SPAN_DAYS), -1, -1):
        if rng.random() > 0.85 and back > 0:
            continue
        rows.append(
            (
                uuid.uuid4(),
                user_id,
                today - timedelta(days=back),
                rng.randint(44, 56),
                round(rng.gauss(62, 9), 1),
                round(rng.uniform(5.5, 9.0), 2),
                rng.randint(55, 95),
                round(rng.uniform(57, 60), 1),
                rng.randint(10, 60),
                "garmin",
                now,
                now,
            )
        )
    return rows


METRIC_COLUMNS = [
    "id",
    "user_id",
    "date",
    "resting_hr",
    "hrv_ms",
    "sleep_hours",
    "sleep_score",
    "weight_kg",
    "stress",
    "source",
    "created_at",
    "updated_at",
]


async def derive_loads(stack: Stack, user_id: str) -> tuple[int, int]:
    """Per-workout loads and DailyLoad rows through the service, as workout writes keep them."""
    import datetime as dt

    import asyncpg

    from runcoach import db
    from runcoach.config import from_env
    from runcoach.training import service as training_service

    await db.init(from_env(stack.env()))
    try:
        await training_service.reload_since(user_id=uuid.UUID(user_id), since=dt.date(1900, 1, 1))
    finally:
        await db.close()
    conn = await asyncpg.connect(asyncpg_dsn(stack.database_url), timeout=10)
    try:
        days = await conn.fetchval("SELECT count(*) FROM daily_loads WHERE user_id = $1", user_id)
        loaded = await conn.fetchval(
            "SELECT count(*) FROM workouts WHERE user_id = $1 AND load > 0", user_id
        )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return int(days), int(loaded)


def seed_analytics(stack: Stack, seeded: Seeded) -> None:
    """A full athlete: HR profile, daily metrics, and loads derived by the training service."""
    status, raw = http_call(stack.port, "PATCH", "/api/v1/me", body=PROFILE, token=seeded.token)
    if status != 200:
        raise BenchError(f"PATCH /api/v1/me: {status} {raw[:300]!r}")
    metrics = metric_rows(uuid.UUID(seeded.user_id), seed=3)
    started = time.perf_counter()
    asyncio.run(
        insert_rows(stack.database_url, metrics, table="health_metrics", columns=METRIC_COLUMNS)
    )
    days, loaded = asyncio.run(derive_loads(stack, seeded.user_id))
    say(
        f"seeded {len(metrics):,} days of health metrics; the training service derived "
        f"{loaded:,} workout loads and {days:,} daily load rows "
        f"in {time.perf_counter() - started:.1f}s"
    )


def seed(stack: Stack) -> Seeded:
    token, user_id = register(stack.port, "athlete")
    _, other_id = register(stack.port, "other")
    mine = workout_rows(uuid.UUID(user_id), MAIN_WORKOUTS, seed=1)
    others = workout_rows(uuid.UUID(other_id), OTHER_WORKOUTS, seed=2)
    started = time.perf_counter()
    asyncio.run(insert_rows(stack.database_url, mine + others))
    say(
        f"seeded {len(mine):,} workouts for the measured user and {len(others):,} for another "
        f"in {time.perf_counter() - started:.1f}s"
    )
    newest = sorted(mine, key=lambda r: (r[3], r[0]), reverse=True)[:20]
    return Seeded(token, user_id, [str(r[0]) for r in newest], len(mine), len(others))


def validate_analytics(port: int, seeded: Seeded) -> None:
    """The measured answers are the real ones: a year of PMC and a full dashboard."""
    status, raw = http_call(port, "GET", LOAD, token=seeded.token)
    if status != 200:
        raise BenchError(f"GET {LOAD}: {status} {raw[:300]!r}")
    chart = json.loads(raw)
    days = chart.get("days") or chart.get("items") or []
    if len(days) != 365 or not any(d.get("ctl") for d in days):
        raise BenchError(f"GET {LOAD}: expected 365 days with fitness, got {len(days)}")
    status, raw = http_call(port, "GET", DASHBOARD, token=seeded.token)
    if status != 200:
        raise BenchError(f"GET {DASHBOARD}: {status} {raw[:300]!r}")
    summary = json.loads(raw)
    if not summary.get("recent_workouts") or summary.get("readiness") is None:
        raise BenchError(f"GET {DASHBOARD}: expected recent workouts and readiness: {raw[:300]!r}")
    say(
        f"checked: {LOAD} 200 with 365 days (CTL today {days[-1].get('ctl')}); "
        f"{DASHBOARD} 200 ({len(raw):,} bytes)"
    )
