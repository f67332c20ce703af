"""GET /leaderboard: opted-in athletes ranked by their totals of the caller's current period."""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import UTC
from typing import Any

import httpx

from runcoach.athletes.models import User
from runcoach.workouts.models import Workout
from tests.support.athletes import Athlete, register
from tests.support.problems import problem

URL = "/api/v1/leaderboard"


def now() -> dt.datetime:
    return dt.datetime.now(UTC).replace(microsecond=0)


def monday(at: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(at.date() - dt.timedelta(days=at.weekday()), dt.time.min, UTC)


def this_week(minutes_ago: int) -> dt.datetime:
    """``minutes_ago`` before now, but never before this week's Monday (UTC athletes)."""
    at = now()
    return max(at - dt.timedelta(minutes=minutes_ago), monday(at))


async def opt_in(client: httpx.AsyncClient, who: Athlete, value: Any = True) -> httpx.Response:
    return await client.patch("/api/v1/me", json={"leaderboard_opt_in": value}, headers=who.headers)


async def board(client: httpx.AsyncClient, who: Athlete, **params: Any) -> Any:
    r = await client.get(URL, params=params, headers=who.headers)
    assert r.status_code == 200, r.text
    return r.json()


async def add(who: Athlete | uuid.UUID, at: dt.datetime, **fields: Any) -> None:
    uid = who if isinstance(who, uuid.UUID) else uuid.UUID(who.id)
    values = {"sport": "run", "duration_s": 1800, "distance_m": 5000, **fields}
    await Workout.create(user_id=uid, started_at=at, **values)


async def test_opt_in_is_part_of_the_profile(client: httpx.AsyncClient, athlete: Athlete) -> None:
    me = await client.get("/api/v1/me", headers=athlete.headers)
    assert me.json()["leaderboard_opt_in"] is False
    r = await opt_in(client, athlete)
    assert r.status_code == 200, r.text
    assert r.json()["leaderboard_opt_in"] is True
    assert (await User.get(id=athlete.id)).leaderboard_opt_in is True
    problem(await opt_in(client, athlete, None), 422, "validation_error", "leaderboard_opt_in")
    problem(await opt_in(client, athlete, "maybe"), 422, "validation_error", "leaderboard_opt_in")
    assert (await opt_in(client, athlete, False)).json()["leaderboard_opt_in"] is False


async def test_ranking_by_each_metric(client: httpx.AsyncClient, athlete: Athlete) -> None:
    bob = await register(client, name="Bob")
    carol = await register(client, name="Carol")
    dave = await register(client, name="Dave")  # never opts in
    for who in (athlete, bob, carol):
        assert (await opt_in(client, who)).status_code == 200
    await add(athlete, this_week(30), distance_m=5000, duration_s=1800, load=40)
    await add(athlete, this_week(20), distance_m=5000, duration_s=1800, load=40)
    await add(bob, this_week(25), distance_m=12000, duration_s=3000, load=30)
    await add(dave, this_week(10), distance_m=50000, duration_s=9000, load=300)
    await add(bob, now() - dt.timedelta(days=45), distance_m=99000)  # an earlier period

    body = await board(client, athlete, period="week", metric="distance")
    assert body["period"] == "week" and body["metric"] == "distance" and body["unit"] == "m"
    assert body["timezone"] == "UTC"
    assert body["start"] == monday(now()).date().isoformat()
    assert [(i["rank"], i["name"], i["value"], i["me"]) for i in body["items"]] == [
        (1, "Bob", 12000.0, False),
        (2, "Alice", 10000.0, True),
        (3, "Carol", 0.0, False),
    ]
    assert body["me"] == {"rank": 2, "name": "Alice", "value": 10000.0}
    assert all(set(i) == {"rank", "name", "value", "me"} for i in body["items"])  # no ids

    body = await board(client, athlete, metric="duration")
    assert [(i["name"], i["value"]) for i in body["items"]][:2] == [
        ("Alice", 3600.0),
        ("Bob", 3000.0),
    ]
    assert body["unit"] == "s"

    body = await board(client, athlete, metric="load")
    assert [(i["name"], i["value"]) for i in body["items"]][:2] == [("Alice", 80.0), ("Bob", 30.0)]

    # Dave is not ranked and sees no entry of his own
    body = await board(client, dave)
    assert "Dave" not in [i["name"] for i in body["items"]]
    assert body["me"] is None and len(body["items"]) == 3


async def test_month_and_week_bounds(client: httpx.AsyncClient, athlete: Athlete) -> None:
    await opt_in(client, athlete)
    at = now()
    month_start = dt.datetime.combine(at.date().replace(day=1), dt.time.min, UTC)
    times = [
        month_start,
        monday(at),
        this_week(5),
        month_start - dt.timedelta(seconds=1),  # last month
        monday(at) - dt.timedelta(seconds=1),  # last week (maybe this month)
    ]
    for i, started in enumerate(times):
        await add(athlete, started, distance_m=1000 * 10**i)
    week = sum(1000 * 10**i for i, t in enumerate(times) if monday(at) <= t <= at)
    month = sum(1000 * 10**i for i, t in enumerate(times) if month_start <= t <= at)
    assert (await board(client, athlete, period="week"))["me"]["value"] == week
    assert (await board(client, athlete, period="month"))["me"]["value"] == month
    body = await board(client, athlete, period="month")
    assert body["start"] == month_start.date().isoformat()


async def test_ties_share_a_rank_and_the_top_is_50(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    await opt_in(client, athlete)
    await add(athlete, this_week(1), distance_m=100)
    users = [
        await User.create(
            email=f"lb{n}@example.com", password_hash="x", name=f"R{n:02d}", leaderboard_opt_in=True
        )
        for n in range(55)
    ]
    await Workout.bulk_create(
        [
            Workout(
                user_id=u.id,
                sport="run",
                started_at=this_week(2),
                duration_s=600,
                distance_m=1000 if n < 2 else 500,
            )
            for n, u in enumerate(users)
        ]
    )
    body = await board(client, athlete)
    assert len(body["items"]) == 50
    assert [i["rank"] for i in body["items"][:3]] == [1, 1, 3]
    assert all(i["rank"] == 3 for i in body["items"][2:])
    assert body["me"] == {"rank": 56, "name": "Alice", "value": 100.0}
    assert not any(i["me"] for i in body["items"])


async def test_bad_queries_and_no_token(client: httpx.AsyncClient, athlete: Athlete) -> None:
    for params, field in (
        ({"period": "year"}, "period"),
        ({"metric": "elevation"}, "metric"),
        ({"team": "x"}, "team"),
    ):
        r = await client.get(URL, params=params, headers=athlete.headers)
        problem(r, 422, "validation_error", field)
    problem(await client.get(URL), 401, "unauthorized")
