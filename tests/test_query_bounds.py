"""Every date and number of every route's query and body, out of its range: a 422, never a 500.

The cases walk each route's query and body models (``runcoach/*/schemas.py``): dates at
the ends of the calendar (year 1, year 9999, with offsets that cannot even be moved to
UTC), numbers far past their bounds, and keyset cursors holding such dates. Each answers
422 problem+json naming the offending field.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from runcoach.pagination import encode_cursor
from runcoach.validation import FIRST_DAY, LAST_DAY
from tests.support.athletes import Athlete
from tests.support.problems import problem

HUGE = str(10**30)
YEAR_1 = "0001-01-01"
YEAR_9999 = "9999-12-31"
YEAR_1_EAST = "0001-01-01T00:00:00+01:00"  # before datetime.min once in UTC
YEAR_9999_WEST = "9999-12-31T23:59:59-05:00"  # after datetime.max once in UTC


def _cursor(at: str) -> str:
    return encode_cursor(at, str(uuid.uuid4()))


# (path, query, the field the 422 names)
QUERIES: list[tuple[str, dict[str, str], str]] = [
    ("/api/v1/workouts", {"until": YEAR_9999}, "until"),
    ("/api/v1/workouts", {"since": YEAR_1}, "since"),
    ("/api/v1/workouts", {"since": YEAR_1_EAST}, "since"),
    ("/api/v1/workouts", {"until": YEAR_9999_WEST}, "until"),
    ("/api/v1/workouts", {"until": "9999-12-31T23:59:59Z"}, "until"),
    ("/api/v1/workouts", {"since": str(FIRST_DAY.replace(year=FIRST_DAY.year - 1))}, "since"),
    ("/api/v1/workouts", {"until": str(LAST_DAY.replace(year=LAST_DAY.year + 1))}, "until"),
    ("/api/v1/workouts", {"limit": HUGE}, "limit"),
    ("/api/v1/workouts", {"limit": "0"}, "limit"),
    ("/api/v1/workouts", {"limit": "-1"}, "limit"),
    ("/api/v1/workouts", {"limit": "1e3"}, "limit"),
    ("/api/v1/workouts", {"limit": "9" * 5000}, "limit"),
    ("/api/v1/workouts", {"cursor": _cursor(YEAR_1_EAST)}, "cursor"),
    ("/api/v1/workouts", {"cursor": _cursor(YEAR_9999_WEST)}, "cursor"),
    ("/api/v1/health-metrics", {"since": YEAR_1}, "since"),
    ("/api/v1/health-metrics", {"until": YEAR_9999}, "until"),
    ("/api/v1/health-metrics", {"limit": HUGE}, "limit"),
    ("/api/v1/health-metrics", {"limit": "0"}, "limit"),
    ("/api/v1/analytics/load", {"days": HUGE}, "days"),
    ("/api/v1/analytics/load", {"days": "0"}, "days"),
    ("/api/v1/analytics/load", {"days": "3651"}, "days"),
    ("/api/v1/analytics/stats", {"count": HUGE}, "count"),
    ("/api/v1/analytics/stats", {"count": "0"}, "count"),
    ("/api/v1/analytics/trends", {"metric": "resting_hr", "days": HUGE}, "days"),
    ("/api/v1/analytics/trends", {"metric": "resting_hr", "days": "6"}, "days"),
    ("/api/v1/notifications", {"limit": HUGE}, "limit"),
    ("/api/v1/notifications", {"limit": "0"}, "limit"),
    ("/api/v1/plans", {"limit": HUGE}, "limit"),
    ("/api/v1/coach/conversations", {"limit": HUGE}, "limit"),
    ("/api/v1/coach/analyses", {"limit": "0"}, "limit"),
]

NOW = "2026-03-01T07:30:00Z"
WORKOUT = {"sport": "run", "started_at": NOW, "duration_s": 1800}

# (method, path, body, the field the 422 names)
BODIES: list[tuple[str, str, dict[str, Any], str]] = [
    ("POST", "/api/v1/workouts", {**WORKOUT, "started_at": YEAR_1_EAST}, "started_at"),
    ("POST", "/api/v1/workouts", {**WORKOUT, "started_at": YEAR_9999_WEST}, "started_at"),
    ("POST", "/api/v1/workouts", {**WORKOUT, "started_at": "0001-01-01T00:00:00Z"}, "started_at"),
    ("POST", "/api/v1/workouts", {**WORKOUT, "duration_s": 1.7e308}, "duration_s"),
    ("POST", "/api/v1/workouts", {**WORKOUT, "distance_m": -1}, "distance_m"),
    ("POST", "/api/v1/workouts", {**WORKOUT, "distance_m": 10**30}, "distance_m"),
    ("POST", "/api/v1/workouts", {**WORKOUT, "calories": 1e300}, "calories"),
    ("POST", "/api/v1/workouts", {**WORKOUT, "rpe": 10**30}, "rpe"),
    ("POST", "/api/v1/health-metrics", {"date": YEAR_1, "resting_hr": 50}, "date"),
    ("POST", "/api/v1/health-metrics", {"date": YEAR_9999, "resting_hr": 50}, "date"),
    ("POST", "/api/v1/health-metrics", {"date": "2026-03-01", "hrv_ms": 1e300}, "hrv_ms"),
    ("POST", "/api/v1/health-metrics", {"date": "2026-03-01", "stress": 10**30}, "stress"),
    ("PATCH", "/api/v1/me", {"birth_date": YEAR_1}, "birth_date"),
    ("PATCH", "/api/v1/me", {"birth_date": YEAR_9999}, "birth_date"),
    ("PATCH", "/api/v1/me", {"weight_kg": 1e308}, "weight_kg"),
    ("PATCH", "/api/v1/me", {"max_hr": 10**30}, "max_hr"),
    ("POST", "/api/v1/plans", {"goal": "10k", "days_per_week": 4, "race_date": YEAR_9999},
     "race_date"),
    ("POST", "/api/v1/plans", {"goal": "10k", "days_per_week": 4, "race_date": YEAR_1},
     "race_date"),
    ("POST", "/api/v1/plans", {"goal": "10k", "days_per_week": 10**30}, "days_per_week"),
    ("POST", "/api/v1/plans", {"goal": "10k", "days_per_week": 4, "target_time_s": 10**30},
     "target_time_s"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "query", "field"), QUERIES, ids=[f"{p} {q}"[:80] for p, q, _ in QUERIES]
)
async def test_a_query_out_of_range_is_a_422(
    client: httpx.AsyncClient, athlete: Athlete, path: str, query: dict[str, str], field: str
) -> None:
    r = await client.get(path, params=query, headers=athlete.headers)
    problem(r, 422, "validation_error", field)


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    BODIES,
    ids=[f"{m} {p} {field}:{list(b.values())[-1]}"[:80] for m, p, b, field in BODIES],
)
async def test_a_body_out_of_range_is_a_422(
    client: httpx.AsyncClient,
    athlete: Athlete,
    method: str,
    path: str,
    body: dict[str, Any],
    field: str,
) -> None:
    r = await client.request(method, path, json=body, headers=athlete.headers)
    problem(r, 422, "validation_error", field)


async def test_the_ends_of_the_range_are_accepted(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    for query in (
        {"since": str(FIRST_DAY), "until": str(LAST_DAY)},
        # a time also answers to the workouts' own floor (1990) once in UTC
        {"since": "1990-01-02T00:00:00+14:00", "until": f"{LAST_DAY}T23:59:59-12:00"},
    ):
        r = await client.get("/api/v1/workouts", params=query, headers=athlete.headers)
        assert r.status_code == 200, r.text
    r = await client.get(
        "/api/v1/health-metrics",
        params={"since": str(FIRST_DAY), "until": str(LAST_DAY)},
        headers=athlete.headers,
    )
    assert r.status_code == 200, r.text
