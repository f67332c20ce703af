"""GET /dashboard/summary: every part agrees with the endpoint it comes from."""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import UTC
from typing import Any

import httpx

from runcoach.athletes import service as athletes_service
from tests.support.athletes import Athlete, register
from tests.support.problems import problem

URL = "/api/v1/dashboard/summary"


async def get(client: httpx.AsyncClient, who: Athlete, path: str, **params: Any) -> Any:
    r = await client.get(path, params=params, headers=who.headers)
    assert r.status_code == 200, r.text
    return r.json()


async def log_workout(
    client: httpx.AsyncClient, who: Athlete, started: dt.datetime, **fields: Any
) -> str:
    body = {"sport": "run", "started_at": started.isoformat(), "duration_s": 1800, **fields}
    r = await client.post("/api/v1/workouts", json=body, headers=who.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def this_week(now: dt.datetime, minutes_ago: int) -> dt.datetime:
    """``minutes_ago`` before now, but never before this week's Monday (UTC athletes)."""
    monday = dt.datetime.combine(
        now.date() - dt.timedelta(days=now.weekday()), dt.time.min, tzinfo=UTC
    )
    return max(now - dt.timedelta(minutes=minutes_ago), monday)


async def test_a_new_athlete_with_no_data(client: httpx.AsyncClient, athlete: Athlete) -> None:
    body = await get(client, athlete, URL)
    assert body["recent_workouts"] == []
    week = body["week"]
    assert (
        week
        == (await get(client, athlete, "/api/v1/analytics/stats", period="week", count=1))[
            "periods"
        ][0]
    )
    assert (week["count"], week["distance_m"], week["duration_s"], week["load"]) == (0, 0, 0, 0)
    assert week["by_sport"] == {}
    assert body["readiness"] == await get(client, athlete, "/api/v1/analytics/readiness")
    assert body["readiness"]["score"] is None
    assert body["risk"] == {"risk": "low", "score": 0, "factors": []}
    assert body["load_today"] is None
    assert body["planned_session"] is None
    assert body["unread_count"] == 0
    assert body["ads"] is True and body["tier"] == "free"


async def test_an_athlete_with_workouts_and_metrics(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    now = dt.datetime.now(UTC).replace(microsecond=0)
    for minutes in (30, 20, 10):
        await log_workout(client, athlete, this_week(now, minutes), distance_m=5000, rpe=6)
    for days in (12, 11, 10):
        await log_workout(client, athlete, now - dt.timedelta(days=days), distance_m=8000, rpe=5)
    today = now.date()
    for back in range(8):
        day = today - dt.timedelta(days=back)
        r = await client.post(
            "/api/v1/health-metrics",
            json={"date": day.isoformat(), "hrv_ms": 60, "resting_hr": 50, "sleep_hours": 7.5},
            headers=athlete.headers,
        )
        assert r.status_code in (200, 201), r.text

    body = await get(client, athlete, URL)

    listed = await get(client, athlete, "/api/v1/workouts", limit=5)
    assert body["recent_workouts"] == listed["items"]
    assert len(body["recent_workouts"]) == 5
    starts = [w["started_at"] for w in body["recent_workouts"]]
    assert starts == sorted(starts, reverse=True)

    stats = await get(client, athlete, "/api/v1/analytics/stats", period="week", count=1)
    assert body["week"] == stats["periods"][0]
    assert body["week"]["count"] == 3
    assert body["week"]["distance_m"] == 15000
    assert body["week"]["load"] > 0

    assert body["readiness"] == await get(client, athlete, "/api/v1/analytics/readiness")
    assert body["readiness"]["score"] is not None
    assert body["risk"] == await get(client, athlete, "/api/v1/analytics/overtraining")

    load = await get(client, athlete, "/api/v1/analytics/load", days=1)
    assert body["load_today"] == {k: load["today"][k] for k in ("ctl", "atl", "tsb")}
    assert body["load_today"]["ctl"] > 0


async def test_ads_only_on_the_free_tier(client: httpx.AsyncClient, athlete: Athlete) -> None:
    assert (await get(client, athlete, URL))["ads"] is True
    for tier in ("premium", "pro"):
        await athletes_service.set_tier(user_id=uuid.UUID(athlete.id), tier=tier)
        body = await get(client, athlete, URL)
        assert body["ads"] is False and body["tier"] == tier
    await athletes_service.set_tier(user_id=uuid.UUID(athlete.id), tier="free")
    assert (await get(client, athlete, URL))["ads"] is True


async def test_another_users_data_is_never_shown(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    now = dt.datetime.now(UTC).replace(microsecond=0)
    theirs = {
        await log_workout(client, other, this_week(now, m), distance_m=10000, rpe=9)
        for m in (15, 5)
    }
    r = await client.post(
        "/api/v1/health-metrics",
        json={"date": now.date().isoformat(), "hrv_ms": 30, "resting_hr": 70, "sleep_hours": 4},
        headers=other.headers,
    )
    assert r.status_code in (200, 201), r.text
    mine = await log_workout(client, athlete, this_week(now, 10), distance_m=3000)

    body = await get(client, athlete, URL)
    assert [w["id"] for w in body["recent_workouts"]] == [mine]
    assert not theirs & {w["id"] for w in body["recent_workouts"]}
    assert body["week"]["count"] == 1 and body["week"]["distance_m"] == 3000
    assert body["readiness"] == await get(client, athlete, "/api/v1/analytics/readiness")
    assert {"hrv", "resting_hr", "sleep"} <= set(body["readiness"]["missing"])  # not Bob's
    assert body["load_today"] is None  # no RPE or HR: no load, and none of Bob's

    bob = await get(client, other, URL)
    assert {w["id"] for w in bob["recent_workouts"]} == theirs
    assert bob["week"]["count"] == 2


async def test_a_token_is_required(client: httpx.AsyncClient) -> None:
    problem(await client.get(URL), 401, "unauthorized")
    bad = {"Authorization": "Bearer not-a-token"}
    problem(await client.get(URL, headers=bad), 401, "unauthorized")


async def test_unknown_query_parameters_are_refused(client: httpx.AsyncClient) -> None:
    who = await register(client, name="Carol")
    problem(await client.get(URL, params={"x": "1"}, headers=who.headers), 422, "validation_error")


async def test_the_planned_session_is_todays_session_of_the_active_plan(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    import uuid

    from runcoach.config import get_settings
    from runcoach.plans.models import PlanSession
    from tests.support.plans import build

    r = await client.post(
        "/api/v1/plans", headers=athlete.headers, json={"goal": "10k", "days_per_week": 7}
    )
    plan_id = uuid.UUID(r.json()["plan_id"])
    await build(str(plan_id), get_settings())
    # The plan starts tomorrow: move its first session to today (UTC is the athlete's zone).
    first = await PlanSession.filter(plan_id=plan_id).order_by("date", "key").first()
    assert first is not None
    today = dt.datetime.now(UTC).date()
    await PlanSession.filter(id=first.id).update(date=today)
    body = (await client.get("/api/v1/dashboard/summary", headers=athlete.headers)).json()
    planned = body["planned_session"]
    assert planned["id"] == str(first.id) and planned["date"] == today.isoformat()
    assert planned["type"] == first.type and planned["tip"]
    # Another athlete has no plan: null.
    other = await register(client)
    body = (await client.get("/api/v1/dashboard/summary", headers=other.headers)).json()
    assert body["planned_session"] is None
