"""The plan job: build, idempotency, the event, the cache, LLM failures, failure, sweep, worker."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson
import pytest
import pytest_asyncio

from runcoach.config import Settings
from runcoach.events import Event
from runcoach.plans import generation, service
from runcoach.plans.models import Plan, PlanSession
from runcoach.workouts.models import Workout
from tests.support.athletes import Athlete
from tests.support.llm import (
    NOT_A_COMPLETION,
    GroqStandIn,
    Script,
    groq_settings,
    groq_stand_in,
)
from tests.support.plans import PLANS, build, in_days, plans_queue, post_plan

END_TO_END_TIMEOUT_S = 30  # includes the worker's start-up on first use
ALWAYS = 1_000  # fail_first for "every request fails"


def notes(summary: str, tips: dict[str, str] | None = None) -> Script:
    """The model's answer: the plan notes as one JSON text (tips by session key)."""
    return Script(deltas=(orjson.dumps({"summary": summary, "tips": tips or {}}).decode(),))


@pytest_asyncio.fixture(loop_scope="session")
async def stand_in() -> AsyncIterator[GroqStandIn]:
    """Groq's API on loopback; each test sets its ``script`` and counts its ``requests``."""
    async with groq_stand_in(notes("From the model.")) as server:
        yield server


@pytest.fixture
def groq(settings: Settings, stand_in: GroqStandIn) -> Settings:
    """The settings with the real Groq provider pointed at the stand-in (no SDK retries)."""
    return groq_settings(stand_in, base=settings)


async def events(plan_id: str) -> list[Event]:
    return await Event.filter(kind="plan_created", key=plan_id)


# --- build and idempotency ----------------------------------------------------------------------


async def test_the_job_builds_once_and_records_one_event(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    race = in_days(45)
    plan_id = await post_plan(client, athlete, goal="10k", race_date=race)
    plan = await build(plan_id, settings)
    assert plan is not None and plan.status == "ready"
    assert plan.attempts == 1 and plan.ready_at is not None
    assert plan.summary and plan.facts["tips_source"] == "offline"  # the configured provider
    assert plan.facts["tips_fallback"] is None and plan.facts["cache"] == "miss"
    sessions = await PlanSession.filter(plan_id=plan_id)
    assert plan.total_sessions == len(sessions) > 0 and plan.completed_sessions == 0
    assert all(s.tip for s in sessions)
    assert plan.facts["total_distance_m"] == sum(s.target_distance_m or 0 for s in sessions)
    assert [w["index"] for w in plan.weeks] == list(range(1, len(plan.weeks) + 1))
    [event] = await events(plan_id)
    assert str(event.user_id) == athlete.id
    assert event.data == {"plan_id": plan_id, "goal": "10k", "race_date": race}

    # Run twice (a redelivered message): nothing happens.
    assert await build(plan_id, settings) is None
    assert len(await events(plan_id)) == 1
    assert await PlanSession.filter(plan_id=plan_id).count() == len(sessions)
    assert (await Plan.get(id=plan_id)).attempts == 1

    # Even a run that finds it generating again (two deliveries racing) records one event
    # and one set of sessions.
    await Plan.filter(id=plan_id).update(status="generating")
    again = await build(plan_id, settings)
    assert again is not None and again.status == "ready"
    assert len(await events(plan_id)) == 1
    assert await PlanSession.filter(plan_id=plan_id).count() == len(sessions)


async def test_the_summary_speaks_from_the_athletes_numbers(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    today = dt.datetime.now(dt.UTC).date()
    for n in range(1, 22):
        body = {"sport": "run", "started_at": f"{today - dt.timedelta(days=n)}T07:00:00Z",
                "duration_s": 2700, "distance_m": 8000, "rpe": 5}  # fmt: skip
        assert (
            await client.post("/api/v1/workouts", json=body, headers=athlete.headers)
        ).is_success
    load = (await client.get("/api/v1/analytics/load?days=1", headers=athlete.headers)).json()
    plan = await build(await post_plan(client, athlete, goal="10k"), settings)
    assert plan is not None and plan.summary is not None
    assert f"{load['today']['ctl']:.1f}" in plan.summary
    assert "don't have any workouts" not in plan.summary


async def test_concurrent_runs_build_it_once(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    plan_id = await post_plan(client, athlete)
    results = await asyncio.gather(*(build(plan_id, settings) for _ in range(3)))
    assert sum(r is not None and r.status == "ready" for r in results) >= 1
    plan = await Plan.get(id=plan_id)
    assert plan.status == "ready"
    assert await PlanSession.filter(plan_id=plan_id).count() == plan.total_sessions
    assert len(await events(plan_id)) == 1


async def test_an_unknown_plan_is_a_no_op(db: None, settings: Any) -> None:
    assert await build(str(uuid.uuid4()), settings) is None


async def test_the_basis_comes_from_recent_runs(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    now = dt.datetime.now(dt.UTC)
    for days, metres, seconds in ((2, 10_000, 3000), (5, 5000, 1800), (9, 16_000, 5600)):
        await Workout.create(
            user_id=athlete.id,
            sport="run",
            started_at=now - dt.timedelta(days=days),
            duration_s=seconds,
            distance_m=metres,
        )
    await Workout.create(  # not a run
        user_id=athlete.id, sport="ride", started_at=now, duration_s=3600, distance_m=40_000
    )
    await Workout.create(  # too old
        user_id=athlete.id,
        sport="run",
        started_at=now - dt.timedelta(days=40),
        duration_s=3600,
        distance_m=30_000,
    )
    plan_id = await post_plan(client, athlete)
    plan = await build(plan_id, settings)
    assert plan is not None and plan.status == "ready"
    basis = plan.facts["basis"]
    assert basis["recent_weekly_m"] == 31_000 / 4
    assert basis["longest_recent_run_m"] == 16_000
    # The best effort is the 10 km in 50:00, so its 10k pace is 300 s/km.
    assert basis["best_pace_s_per_km"] == pytest.approx(300.0, abs=0.2)
    assert basis["threshold_pace_s_per_km"] is None
    assert plan.facts["vdot"] == pytest.approx(40.0, abs=0.5)  # Daniels: 50:03 10k ~ VDOT 40


# --- the cache ----------------------------------------------------------------------------------


async def test_a_cached_result_builds_a_new_plan_without_the_llm(
    client: httpx.AsyncClient, athlete: Athlete, groq: Settings, redis: Any, stand_in: GroqStandIn
) -> None:
    first = await post_plan(client, athlete, goal="5k")
    built = await build(first, groq)
    assert built is not None and built.facts["cache"] == "miss"
    assert built.facts["tips_source"] == "groq" and built.summary == "From the model."
    [sent] = stand_in.requests
    assert sent.status == 200 and not sent.stream
    system, user = sent.messages
    assert system["role"] == "system" and system["content"].startswith(generation.SYSTEM_PROMPT)
    assert user["role"] == "user" and "Goal: 5k." in user["content"]
    assert await redis.ttl(generation.cache_key(built.inputs_key)) > 1700

    other = await post_plan(client, athlete, goal="half", days_per_week=5)
    await build(other, groq)
    assert len(stand_in.requests) == 2
    # Back to the first inputs: the newest plan differs, so a new plan, from the cache.
    again = await post_plan(client, athlete, goal="5k")
    assert again not in (first, other)
    rebuilt = await build(again, groq)
    assert rebuilt is not None and rebuilt.status == "ready"
    assert len(stand_in.requests) == 2  # no LLM call
    assert rebuilt.facts["cache"] == "hit"
    assert rebuilt.inputs_key == built.inputs_key
    assert rebuilt.summary == built.summary
    tips = {s.key: s.tip for s in await PlanSession.filter(plan_id=first)}
    assert {s.key: s.tip for s in await PlanSession.filter(plan_id=again)} == tips
    assert len(await events(again)) == 1


async def test_a_new_workout_changes_the_key(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    first = await post_plan(client, athlete, goal="5k")
    await Workout.create(
        user_id=athlete.id,
        sport="run",
        started_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=3),
        duration_s=1800,
        distance_m=6000,
    )
    second = await post_plan(client, athlete, goal="5k")
    assert second != first
    keys = {p.inputs_key for p in await Plan.filter(id__in=[first, second])}
    assert len(keys) == 2


async def test_redis_down_is_a_cache_miss(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    """The process's cache on a Redis that is down: the plan is built all the same."""
    from dataclasses import replace

    from runcoach import cache
    from tests.support.servers import free_port

    plan_id = await post_plan(client, athlete)
    working = cache.service()
    cache.configure(replace(settings, redis_url=f"redis://127.0.0.1:{free_port()}/0"))
    try:
        plan = await build(plan_id, settings)
    finally:
        await cache.service().aclose()
        cache._service = working
    assert plan is not None and plan.status == "ready" and plan.facts["cache"] == "miss"


# --- LLM failures ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "api_key", "reason"),
    [
        (Script(), "gsk_wrong_key", "llm_auth"),  # 401: the key is refused
        (Script(fail_first=ALWAYS, fail_status=413), None, "llm_bad_request"),
        (Script(deltas=("Sure! Here is your plan: great stuff.",)), None, "invalid_json"),
        (Script(deltas=('{"summary": 3, "tips": []}',)), None, "invalid_json"),
    ],
    ids=["refused_key", "bad_request", "prose", "wrong_shape"],
)
async def test_a_permanent_llm_failure_uses_the_offline_tips(
    client: httpx.AsyncClient,
    athlete: Athlete,
    groq: Settings,
    redis: Any,
    stand_in: GroqStandIn,
    script: Script,
    api_key: str | None,
    reason: str,
) -> None:
    stand_in.script = script
    settings = groq_settings(stand_in, base=groq, api_key=api_key) if api_key else groq
    plan_id = await post_plan(client, athlete)
    plan = await build(plan_id, settings)
    assert plan is not None and plan.status == "ready" and plan.attempts == 1
    assert len(stand_in.requests) == 1  # asked once, not retried
    assert plan.facts["tips_source"] == "offline"
    assert plan.facts["tips_fallback"] == reason
    assert plan.summary and "sessions planned" in plan.summary
    assert all(s.tip for s in await PlanSession.filter(plan_id=plan_id))
    assert await redis.get(generation.cache_key(plan.inputs_key)) is None  # fallbacks not cached


async def test_missing_tips_are_filled_in(
    client: httpx.AsyncClient, athlete: Athlete, groq: Settings, stand_in: GroqStandIn
) -> None:
    stand_in.script = notes("Short.", {"w01-d7": "Enjoy it."})
    plan_id = await post_plan(client, athlete, long_run_day="sun")
    plan = await build(plan_id, groq)
    assert plan is not None and plan.summary == "Short." and plan.facts["tips_source"] == "groq"
    sessions = await PlanSession.filter(plan_id=plan_id)
    assert all(s.tip for s in sessions)
    assert [s.tip for s in sessions if s.key == "w01-d7"] in ([], ["Enjoy it."])


TRANSIENT = {
    "500": (Script(fail_first=ALWAYS, fail_status=500), "llm_unavailable"),
    "429": (Script(fail_first=ALWAYS, fail_status=429), "llm_rate_limited"),
    # a 200 that is not a chat completion is an outage too
    **{name: (script, "llm_unavailable") for name, script in NOT_A_COMPLETION.items()},
}


@pytest.mark.parametrize(("script", "code"), list(TRANSIENT.values()), ids=list(TRANSIENT))
async def test_a_transient_llm_failure_retries_then_falls_back(
    client: httpx.AsyncClient,
    athlete: Athlete,
    groq: Settings,
    stand_in: GroqStandIn,
    script: Script,
    code: str,
) -> None:
    stand_in.script = script
    plan_id = await post_plan(client, athlete)
    for attempt in range(1, generation.MAX_ATTEMPTS):
        with pytest.raises(generation.PlanRetry):
            await build(plan_id, groq)
        plan = await Plan.get(id=plan_id)
        assert (plan.status, plan.attempts) == ("generating", attempt)
    built = await build(plan_id, groq)  # the final attempt
    assert built is not None and built.status == "ready"
    assert built.attempts == generation.MAX_ATTEMPTS
    assert built.facts["tips_source"] == "offline"
    assert built.facts["tips_fallback"] == code
    status = script.fail_status if script.fail_first else 200
    assert [r.status for r in stand_in.requests] == [status] * generation.MAX_ATTEMPTS


# --- failure -------------------------------------------------------------------------------


async def test_inputs_invalid_at_job_time_fail_the_plan(
    client: httpx.AsyncClient, athlete: Athlete, groq: Settings, stand_in: GroqStandIn
) -> None:
    plan_id = await post_plan(client, athlete, goal="10k", race_date=in_days(30))
    # The race moved closer than a 10k plan can be (3 weeks) before the job ran.
    await Plan.filter(id=plan_id).update(race_date=dt.date.fromisoformat(in_days(8)))
    plan = await build(plan_id, groq)
    assert plan is not None and plan.status == "failed"
    assert plan.failure_reason and "at least 3 weeks" in plan.failure_reason
    assert stand_in.requests == []  # no LLM call
    assert await events(plan_id) == []
    assert await build(plan_id, groq) is None  # failed stays failed
    r = await client.get(f"{PLANS}/{plan_id}", headers=athlete.headers)
    assert r.json()["status"] == "failed"
    assert r.json()["failure_reason"] == plan.failure_reason


async def test_an_unexpected_error_retries_then_fails(
    client: httpx.AsyncClient, athlete: Athlete, groq: Settings, redis: Any, stand_in: GroqStandIn
) -> None:
    plan_id = await post_plan(client, athlete)
    # A cached result of the current version but another shape (say, written by a build
    # that changed the shape without a new RESULT_VERSION): storing it is a bug, not an
    # LLM failure.
    key = (await Plan.get(id=plan_id)).inputs_key
    assert key is not None
    cached = {"v": service.RESULT_VERSION, "summary": "An older shape."}
    await redis.set(generation.cache_key(key), orjson.dumps(cached), ex=60)
    with pytest.raises(KeyError):
        await build(plan_id, groq)
    assert (await Plan.get(id=plan_id)).status == "generating"
    assert await PlanSession.filter(plan_id=plan_id).count() == 0  # rolled back
    await Plan.filter(id=plan_id).update(attempts=generation.MAX_ATTEMPTS - 1)
    plan = await build(plan_id, groq)  # the final attempt: no raise
    assert plan is not None and plan.status == "failed"
    assert plan.failure_reason == "the plan could not be built (unexpected KeyError)"
    assert await events(plan_id) == []
    assert stand_in.requests == []  # the cache answered: the LLM was never asked


# --- sweep ------------------------------------------------------------------------------------


async def test_the_sweep_requeues_stuck_plans(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    stuck = await post_plan(client, athlete, goal="5k")
    fresh = await post_plan(client, athlete, goal="half", days_per_week=5)
    done = await post_plan(client, athlete, goal="10k")
    await build(done, settings)
    from tests.support.jobs import broker

    broker().flush_all()
    old = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=11)
    await Plan.filter(id__in=[stuck, done]).update(updated_at=old)
    assert await generation.sweep_stuck_plans() == 1
    assert plans_queue() == [stuck]
    assert (await Plan.get(id=fresh)).status == "generating"
    # The requeued job builds it.
    plan = await build(stuck, settings)
    assert plan is not None and plan.status == "ready"


# --- the real worker ----------------------------------------------------------------------------


async def test_the_worker_builds_the_plan_end_to_end(
    client: httpx.AsyncClient, athlete: Athlete, worker_process: subprocess.Popen[bytes]
) -> None:
    plan_id = await post_plan(client, athlete, goal="half", race_date=in_days(84))
    deadline = asyncio.get_running_loop().time() + END_TO_END_TIMEOUT_S
    while True:
        r = await client.get(f"{PLANS}/{plan_id}", headers=athlete.headers)
        body = r.json()
        if body["status"] != "generating" or asyncio.get_running_loop().time() > deadline:
            break
        await asyncio.sleep(0.2)
    assert worker_process.poll() is None, "the worker died"
    assert body["status"] == "ready", body
    sessions = [s for w in body["weeks"] for d in w["days"] for s in d["sessions"]]
    assert sessions and all(s["tip"] for s in sessions)
    assert body["summary"]
    assert len(await events(plan_id)) == 1
    r = await client.get(f"{PLANS}/active", headers=athlete.headers)
    assert r.json()["id"] == plan_id
