"""Plans over HTTP: validation, the 202 flow, reads, reuse, completing sessions."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import httpx
import pytest

from runcoach.plans import periodisation as engine
from runcoach.plans.models import Plan, PlanSession
from tests.support.athletes import Athlete
from tests.support.plans import PLANS, build, in_days, plans_queue, post_plan, ready_plan
from tests.support.problems import problem

# --- POST validation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"goal": None}, "goal"),
        ({"goal": "ultra"}, "goal"),
        ({"days_per_week": 2}, "days_per_week"),
        ({"days_per_week": 8}, "days_per_week"),
        ({"days_per_week": "5"}, "days_per_week"),
        ({"days_per_week": True}, "days_per_week"),
        ({"race_date": "2026-13-01"}, "race_date"),
        ({"race_date": in_days(-3)}, "race_date"),  # in the past
        ({"race_date": in_days(0)}, "race_date"),  # today: before the plan start
        ({"race_date": in_days(10)}, "race_date"),  # too close for a 10k (3 weeks)
        ({"race_date": in_days(7 * 60)}, "race_date"),  # beyond 52 weeks
        ({"target_time_s": 10 * 60}, "target_time_s"),  # a 10-minute 10k
        ({"target_time_s": 0}, "target_time_s"),
        ({"target_time_s": "fast"}, "target_time_s"),
        ({"goal": "base", "target_time_s": 3000}, "target_time_s"),
        ({"long_run_day": "funday"}, "long_run_day"),
        ({"long_run_day": 6}, "long_run_day"),
        ({"pace": 300}, "pace"),
    ],
)
async def test_post_refuses_bad_input_by_field(
    client: httpx.AsyncClient, athlete: Athlete, fields: dict[str, Any], field: str
) -> None:
    body = {"goal": "10k", "days_per_week": 4, **fields}
    body = {k: v for k, v in body.items() if v is not None}
    r = await client.post(f"{PLANS}/", json=body, headers=athlete.headers)
    problem(r, 422, "validation_error", field)
    assert await Plan.filter(user_id=athlete.id).count() == 0
    assert plans_queue() == []


async def test_post_needs_auth_and_json(client: httpx.AsyncClient, athlete: Athlete) -> None:
    r = await client.post(f"{PLANS}/", json={"goal": "10k", "days_per_week": 4})
    problem(r, 401, "unauthorized")
    r = await client.post(f"{PLANS}/", content=b"{nope", headers=athlete.headers)
    problem(r, 400, "malformed_json")


# --- the 202 flow -------------------------------------------------------------------------


async def test_post_answers_202_and_queues_the_job(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    race = in_days(70)
    r = await client.post(
        f"{PLANS}/",
        json={"goal": "10k", "race_date": race, "days_per_week": 5, "long_run_day": "sat"},
        headers=athlete.headers,
    )
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["status"] == "generating"
    assert r.headers["location"] == f"{PLANS}/{body['plan_id']}"
    assert plans_queue() == [body["plan_id"]]

    r = await client.get(f"{PLANS}/{body['plan_id']}", headers=athlete.headers)
    assert r.status_code == 200, r.text
    plan = r.json()
    assert plan["status"] == "generating"
    assert plan["weeks"] == [] and plan["summary"] is None
    assert plan["progress"] == {"completed": 0, "total": 0, "percent": 0.0}
    assert plan["long_run_day"] == "sat"
    assert plan["start_date"] == in_days(1)
    assert plan["race_date"] == plan["end_date"] == race


async def test_a_built_plan_has_weeks_days_sessions_and_tips(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any, redis: Any
) -> None:
    race = in_days(60)
    plan = await ready_plan(
        client, athlete, settings, redis, race_date=race, days_per_week=4, target_time_s=2700
    )
    assert plan["status"] == "ready" and plan["failure_reason"] is None
    assert plan["summary"]
    assert plan["ready_at"] is not None
    assert plan["goal"] == "10k" and plan["target_time_s"] == 2700
    assert plan["long_run_day"] == "sun"
    assert plan["start_date"] == in_days(1) and plan["end_date"] == race
    weeks = plan["weeks"]
    assert [w["index"] for w in weeks] == list(range(1, len(weeks) + 1))
    assert weeks[0]["starts_on"] == in_days(1) and weeks[-1]["ends_on"] == race
    assert {w["phase"] for w in weeks} <= {"base", "build", "peak", "taper"}
    sessions = [s for w in weeks for d in w["days"] for s in d["sessions"]]
    assert plan["progress"] == {"completed": 0, "total": len(sessions), "percent": 0.0}
    for week in weeks:
        dates = [d["date"] for d in week["days"]]
        start = dt.date.fromisoformat(week["starts_on"])
        assert dates[0] == week["starts_on"] and dates[-1] == week["ends_on"]
        assert len(dates) == (dt.date.fromisoformat(week["ends_on"]) - start).days + 1
        for day in week["days"]:
            weekday = dt.date.fromisoformat(day["date"]).weekday()
            assert day["day_of_week"] == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[weekday]
        week_sessions = [s for d in week["days"] for s in d["sessions"]]
        assert week["target_distance_m"] == sum(s["target_distance_m"] for s in week_sessions)
    assert sessions[-1]["type"] == "race" and sessions[-1]["date"] == race
    for s in sessions:
        assert s["tip"], s
        assert s["description"]
        assert s["target_pace"] is not None  # a goal time gives paces
        assert s["target_pace"]["min_s_per_km"] <= s["target_pace"]["max_s_per_km"]
        assert s["intensity"] in ("easy", "hard")
        assert (s["completed"], s["completed_at"], s["workout_id"], s["compliance"]) == (
            False,
            None,
            None,
            None,
        )
    assert len({s["key"] for s in sessions}) == len(sessions)


async def test_list_pages_newest_first_without_sessions(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    first = await post_plan(client, athlete, goal="5k")
    await build(first, settings)
    second = await post_plan(client, athlete, goal="half", days_per_week=5)
    r = await client.get(f"{PLANS}/?limit=1", headers=athlete.headers)
    assert r.status_code == 200, r.text
    page = r.json()
    [item] = page["items"]
    assert item["id"] == second and item["status"] == "generating" and item["goal"] == "half"
    assert set(item) == {
        "id",
        "goal",
        "race_date",
        "start_date",
        "end_date",
        "days_per_week",
        "status",
        "created_at",
        "ready_at",
        "progress",
    }
    assert page["next_cursor"]
    r = await client.get(
        f"{PLANS}/", params={"limit": 1, "cursor": page["next_cursor"]}, headers=athlete.headers
    )
    page = r.json()
    assert [i["id"] for i in page["items"]] == [first]
    assert page["items"][0]["status"] == "ready"
    assert page["items"][0]["progress"]["total"] > 0
    assert page["next_cursor"] is None
    r = await client.get(f"{PLANS}/", params={"cursor": "garbage"}, headers=athlete.headers)
    problem(r, 422, "validation_error", "cursor")
    r = await client.get(f"{PLANS}/", params={"limit": 0}, headers=athlete.headers)
    problem(r, 422, "validation_error", "limit")


async def test_active_plan_is_the_newest_ready_one_not_ended(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    r = await client.get(f"{PLANS}/active", headers=athlete.headers)
    problem(r, 404, "not_found")
    older = await post_plan(client, athlete, goal="5k")
    await build(older, settings)
    newer = await post_plan(client, athlete, goal="10k")
    await build(newer, settings)
    await post_plan(client, athlete, goal="half", days_per_week=5)  # generating: not active
    r = await client.get(f"{PLANS}/active", headers=athlete.headers)
    assert r.status_code == 200, r.text
    assert r.json()["id"] == newer and r.json()["weeks"]
    # A plan that has ended is not active.
    yesterday = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)
    await Plan.filter(id=newer).update(end_date=yesterday)
    r = await client.get(f"{PLANS}/active", headers=athlete.headers)
    assert r.json()["id"] == older


async def test_another_athletes_plan_is_not_found(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete, settings: Any, redis: Any
) -> None:
    plan = await ready_plan(client, athlete, settings, redis)
    session = plan["weeks"][0]["days"][0]["sessions"] or [
        s for d in plan["weeks"][0]["days"] for s in d["sessions"]
    ]
    url = f"{PLANS}/{plan['id']}"
    problem(await client.get(url, headers=other.headers), 404, "not_found")
    r = await client.patch(
        f"{url}/sessions/{session[0]['id']}", json={"completed": True}, headers=other.headers
    )
    problem(r, 404, "not_found")
    problem(await client.get(f"{PLANS}/active", headers=other.headers), 404, "not_found")
    r = await client.get(f"{PLANS}/", headers=other.headers)
    assert r.json() == {"items": [], "next_cursor": None}
    problem(await client.get(f"{PLANS}/not-a-uuid", headers=athlete.headers), 404, "not_found")
    assert (await PlanSession.get(id=session[0]["id"])).completed is False


# --- reuse -----------------------------------------------------------------------------------


async def test_identical_post_within_30_min_reuses_the_plan(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    fields = {"goal": "10k", "race_date": in_days(50), "days_per_week": 4}
    first = await post_plan(client, athlete, **fields)
    assert await post_plan(client, athlete, **fields) == first  # still generating
    await build(first, settings)
    assert await post_plan(client, athlete, **fields) == first  # ready
    assert plans_queue() == [first]
    # Different inputs: a new plan.
    other = await post_plan(client, athlete, **{**fields, "days_per_week": 5})
    assert other != first
    # Older than 30 minutes: a new plan too.
    await Plan.filter(id=other).update(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    again = await post_plan(client, athlete, **{**fields, "days_per_week": 5})
    assert again not in (first, other)
    # A failed plan is not reused.
    await Plan.filter(id=again).update(status="failed")
    assert await post_plan(client, athlete, **{**fields, "days_per_week": 5}) != again


async def test_concurrent_identical_posts_make_one_plan(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    ids = await asyncio.gather(*(post_plan(client, athlete, goal="5k") for _ in range(5)))
    assert len(set(ids)) == 1
    assert await Plan.filter(user_id=athlete.id).count() == 1


# --- completing sessions ----------------------------------------------------------------------


def all_sessions(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for w in plan["weeks"] for d in w["days"] for s in d["sessions"]]


async def log_run(
    client: httpx.AsyncClient, who: Athlete, *, distance_m: float, duration_s: float
) -> str:
    body = {
        "sport": "run",
        "started_at": (dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)).isoformat(),
        "duration_s": duration_s,
        "distance_m": distance_m,
    }
    r = await client.post("/api/v1/workouts/", json=body, headers=who.headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def test_complete_with_and_without_a_workout_then_uncomplete(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete, settings: Any, redis: Any
) -> None:
    plan = await ready_plan(client, athlete, settings, redis)
    sessions = all_sessions(plan)
    total = len(sessions)
    first, second = sessions[0], sessions[1]
    url = f"{PLANS}/{plan['id']}/sessions"

    r = await client.patch(
        f"{url}/{first['id']}", json={"completed": True}, headers=athlete.headers
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["session"]["completed"] is True and body["session"]["completed_at"]
    assert body["session"]["workout_id"] is None and body["session"]["compliance"] is None
    assert body["progress"] == {
        "completed": 1,
        "total": total,
        "percent": round(100 / total, 1),
    }

    # Planned 10 km in 60 min, ran 9 km in 55 min: errors 10 % and 8.33 %, mean 9.17 %.
    await PlanSession.filter(id=second["id"]).update(
        target_distance_m=10_000, target_duration_s=3600
    )
    workout = await log_run(client, athlete, distance_m=9000, duration_s=3300)
    r = await client.patch(
        f"{url}/{second['id']}",
        json={"completed": True, "workout_id": workout},
        headers=athlete.headers,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["session"]["workout_id"] == workout
    assert body["session"]["compliance"] == 90.8
    assert body["progress"]["completed"] == 2
    completed_at = body["session"]["completed_at"]

    # Completing again keeps the first completion time; absent workout_id keeps the link.
    r = await client.patch(
        f"{url}/{second['id']}", json={"completed": True}, headers=athlete.headers
    )
    assert r.json()["session"]["completed_at"] == completed_at
    assert r.json()["session"]["workout_id"] == workout
    assert r.json()["progress"]["completed"] == 2

    # Someone else's workout: 422 on workout_id, nothing changes.
    theirs = await log_run(client, other, distance_m=5000, duration_s=1500)
    r = await client.patch(
        f"{url}/{first['id']}",
        json={"completed": True, "workout_id": theirs},
        headers=athlete.headers,
    )
    problem(r, 422, "validation_error", "workout_id")
    assert (await PlanSession.get(id=first["id"])).workout_id is None

    # Un-complete clears the completion, the workout and the compliance.
    r = await client.patch(
        f"{url}/{second['id']}", json={"completed": False}, headers=athlete.headers
    )
    assert r.status_code == 200, r.text
    s = r.json()["session"]
    assert (s["completed"], s["completed_at"], s["workout_id"], s["compliance"]) == (
        False,
        None,
        None,
        None,
    )
    assert r.json()["progress"]["completed"] == 1

    r = await client.get(f"{PLANS}/{plan['id']}", headers=athlete.headers)
    assert r.json()["progress"]["completed"] == 1
    assert [s["id"] for s in all_sessions(r.json()) if s["completed"]] == [first["id"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "completed"),
        ({"completed": "yes"}, "completed"),
        ({"completed": True, "workout_id": "nope"}, "workout_id"),
        ({"completed": False, "workout_id": "00000000-0000-0000-0000-000000000001"}, "workout_id"),
        ({"completed": True, "notes": "x"}, "notes"),
    ],
)
async def test_patch_refuses_bad_input(
    client: httpx.AsyncClient,
    athlete: Athlete,
    settings: Any,
    redis: Any,
    body: dict[str, Any],
    field: str,
) -> None:
    plan = await ready_plan(client, athlete, settings, redis)
    session = all_sessions(plan)[0]
    r = await client.patch(
        f"{PLANS}/{plan['id']}/sessions/{session['id']}", json=body, headers=athlete.headers
    )
    problem(r, 422, "validation_error", field)


async def test_patch_unknown_session_and_plan_not_ready(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any, redis: Any
) -> None:
    plan = await ready_plan(client, athlete, settings, redis)
    url = f"{PLANS}/{plan['id']}/sessions"
    r = await client.patch(
        f"{url}/00000000-0000-0000-0000-000000000000",
        json={"completed": True},
        headers=athlete.headers,
    )
    problem(r, 404, "not_found")
    session = all_sessions(plan)[0]
    await Plan.filter(id=plan["id"]).update(status="failed")
    r = await client.patch(
        f"{url}/{session['id']}", json={"completed": True}, headers=athlete.headers
    )
    problem(r, 409, "conflict")


async def test_concurrent_patches_keep_the_count_right(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any, redis: Any
) -> None:
    plan = await ready_plan(client, athlete, settings, redis)
    sessions = all_sessions(plan)[:12]
    url = f"{PLANS}/{plan['id']}/sessions"

    async def patch(session_id: str, completed: bool) -> httpx.Response:
        return await client.patch(
            f"{url}/{session_id}", json={"completed": completed}, headers=athlete.headers
        )

    # Twelve sessions at once, each twice: twelve completed.
    answers = await asyncio.gather(*(patch(s["id"], True) for s in sessions * 2))
    assert {r.status_code for r in answers} == {200}
    stored = await Plan.get(id=plan["id"])
    assert stored.completed_sessions == 12
    # Half of them back at once, while the others are completed again.
    answers = await asyncio.gather(*(patch(s["id"], i % 2 == 0) for i, s in enumerate(sessions)))
    assert {r.status_code for r in answers} == {200}
    stored = await Plan.get(id=plan["id"])
    assert stored.completed_sessions == 6
    assert await PlanSession.filter(plan_id=plan["id"], completed=True).count() == 6


async def test_openapi_documents_the_plan_routes(client: httpx.AsyncClient) -> None:
    r = await client.get("/docs/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    plan_paths = {p for p in paths if p.startswith("/api/v1/plans")}
    assert len(plan_paths) >= 4, plan_paths
    for path in plan_paths:
        for operation in paths[path].values():
            assert operation.get("summary"), path
            assert operation.get("security"), path


def test_weekday_names_match_the_engine() -> None:
    from runcoach.plans.schemas import PlanCreate

    body = PlanCreate(goal="base", days_per_week=3, long_run_day="mon")
    assert body.long_run_weekday() == 0
    assert PlanCreate(goal="base", days_per_week=3).long_run_weekday() == 6
    assert engine.PlanRequest(goal="base", start=dt.date(2026, 1, 1)).long_run_day == 6
