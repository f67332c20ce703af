"""Coach analyses: the API (202, dedupe, read, list), the job and its LLM policy, the sweep."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import subprocess
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from runcoach.athletes.models import User
from runcoach.coach import analysis as service
from runcoach.coach import context
from runcoach.coach.models import Analysis
from runcoach.config import Settings
from runcoach.events import Event
from runcoach.llm import LLMUnavailable, make_provider
from runcoach.llm.offline import SIGNATURE, analysis_answer
from runcoach.llm.snapshot import number
from tests.llm.groq_server import API_KEY, GroqStandIn, Script
from tests.support.athletes import Athlete
from tests.support.coach import trained_athlete
from tests.support.jobs import broker, queued_messages, workers_paused
from tests.support.llm import NOT_A_COMPLETION, groq_settings, groq_stand_in
from tests.support.problems import problem

URL = "/api/v1/coach"
QUEUE = "coach"
JOB_TIMEOUT_S = 20  # includes the worker's start-up on first use
ALWAYS = 1_000  # fail_first for "every request fails"
SHAPE = {
    "id",
    "status",
    "period_start",
    "period_end",
    "content",
    "facts",
    "provider",
    "model",
    "created_at",
    "ready_at",
    "failure_reason",
}


@pytest_asyncio.fixture(autouse=True, loop_scope="session")
async def _no_worker_unless_asked(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Service tests count queued messages and run the job themselves: hold any worker still."""
    if "worker_process" in request.fixturenames:
        yield
        return
    with workers_paused():
        yield


def queued_analyses() -> list[str]:
    """The analysis ids waiting in the coach queue, in order."""
    messages = queued_messages(QUEUE)
    assert {m["actor_name"] for m in messages} <= {"coach.analyse"}
    return [m["args"][0] for m in messages]


async def request(client: httpx.AsyncClient, who: Athlete) -> httpx.Response:
    return await client.post(f"{URL}/analysis", headers=who.headers)


async def analysis_of(who: Athlete) -> Analysis:
    return await Analysis.get(user_id=uuid.UUID(who.id))


# --- the API ------------------------------------------------------------------------------


async def test_request_is_accepted_once_while_pending(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    r = await request(client, athlete)
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["status"] == "pending"
    analysis_id = body["analysis_id"]
    assert r.headers["location"] == f"{URL}/analyses/{analysis_id}"
    assert queued_analyses() == [analysis_id]

    again = await request(client, athlete)
    assert again.status_code == 202
    assert again.json() == body
    assert await Analysis.filter(user_id=uuid.UUID(athlete.id)).count() == 1
    assert queued_analyses() == [analysis_id]  # nothing enqueued twice

    r = await client.get(r.headers["location"], headers=athlete.headers)
    assert r.status_code == 200, r.text
    shown = r.json()
    assert set(shown) == SHAPE
    assert (shown["id"], shown["status"], shown["content"], shown["ready_at"]) == (
        analysis_id,
        "pending",
        None,
        None,
    )


async def test_concurrent_requests_make_one_analysis(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    answers = await asyncio.gather(*(request(client, athlete) for _ in range(5)))
    assert {r.status_code for r in answers} == {202}
    assert len({r.json()["analysis_id"] for r in answers}) == 1
    assert await Analysis.filter(user_id=uuid.UUID(athlete.id)).count() == 1


async def test_a_new_request_after_the_analysis_is_ready_makes_a_new_one(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    first = (await request(client, athlete)).json()["analysis_id"]
    await service.run_analysis(analysis_id=uuid.UUID(first))
    second = (await request(client, athlete)).json()["analysis_id"]
    assert second != first
    assert queued_analyses() == [first, second]


async def test_another_athletes_analysis_is_not_found(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    analysis_id = (await request(client, athlete)).json()["analysis_id"]
    r = await client.get(f"{URL}/analyses/{analysis_id}", headers=other.headers)
    problem(r, 404, "not_found")
    problem(
        await client.get(f"{URL}/analyses/not-a-uuid", headers=athlete.headers), 404, "not_found"
    )
    r = await client.get(f"{URL}/analyses", headers=other.headers)
    assert r.json() == {"items": [], "next_cursor": None}


async def test_unauthenticated_requests_are_refused(client: httpx.AsyncClient, db: None) -> None:
    problem(await client.post(f"{URL}/analysis"), 401, "unauthorized")
    problem(await client.get(f"{URL}/analyses"), 401, "unauthorized")
    problem(await client.get(f"{URL}/analyses/{uuid.uuid4()}"), 401, "unauthorized")


async def test_the_list_is_newest_first_with_a_cursor(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    user_id = uuid.UUID(athlete.id)
    ids = []
    for _ in range(5):
        row = await Analysis.create(user_id=user_id, status="ready", content="x")
        ids.append(str(row.id))
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        r = await client.get(f"{URL}/analyses", params=params, headers=athlete.headers)
        assert r.status_code == 200, r.text
        page = r.json()
        assert all(set(item) == SHAPE for item in page["items"])
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(ids))
    r = await client.get(f"{URL}/analyses", params={"cursor": "junk"}, headers=athlete.headers)
    problem(r, 422, "validation_error", "cursor")
    r = await client.get(f"{URL}/analyses", params={"limit": 0}, headers=athlete.headers)
    problem(r, 422, "validation_error", "limit")


# --- the job ------------------------------------------------------------------------------


async def test_the_job_cites_the_athletes_numbers_and_records_the_event_once(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    today = await trained_athlete(client, athlete)
    analysis_id = (await request(client, athlete)).json()["analysis_id"]
    snapshot = await context.build_snapshot(user_id=uuid.UUID(athlete.id))

    done = await service.run_analysis(analysis_id=uuid.UUID(analysis_id))
    assert done is not None and done.status == "ready"
    assert done.content == analysis_answer(snapshot)
    assert snapshot.ctl is not None and snapshot.readiness_score is not None
    assert f"Your fitness (CTL) is {number(snapshot.ctl)}" in done.content
    assert f"Your readiness today is {snapshot.readiness_score}/100" in done.content
    assert (done.provider, done.model, done.attempts) == ("offline", "runcoach-offline", 1)
    assert done.usage is not None and done.usage["completion_tokens"] > 0

    # A second run (a redelivered message) changes nothing and records nothing more.
    assert await service.run_analysis(analysis_id=uuid.UUID(analysis_id)) is None
    events = await Event.filter(user_id=uuid.UUID(athlete.id), kind="analysis_ready")
    assert [(e.key, e.data) for e in events] == [(analysis_id, {"analysis_id": analysis_id})]
    assert (await Analysis.get(id=analysis_id)).attempts == 1

    r = await client.get(f"{URL}/analyses/{analysis_id}", headers=athlete.headers)
    assert r.status_code == 200, r.text
    shown = r.json()
    assert shown["status"] == "ready" and shown["content"] == done.content
    assert shown["ready_at"] is not None and shown["failure_reason"] is None
    facts = shown["facts"]
    assert shown["period_end"] == facts["period_end"] == today.isoformat()
    monday = today - dt.timedelta(days=today.weekday())
    assert shown["period_start"] == facts["period_start"] == str(monday - dt.timedelta(weeks=5))

    # The facts are the analytics endpoints' numbers.
    r = await client.get(
        "/api/v1/analytics/stats", params={"period": "week", "count": 6}, headers=athlete.headers
    )
    weeks = list(reversed(r.json()["periods"]))
    keys = ("start", "end", "count", "distance_m", "duration_s", "load")
    assert facts["weeks"] == [{k: w[k] for k in keys} for w in weeks]
    assert sum(w["count"] for w in facts["weeks"]) == 6
    r = await client.get("/api/v1/analytics/load", params={"days": 43}, headers=athlete.headers)
    days = r.json()["days"]
    assert facts["ctl"]["start"] == days[0]["ctl"]
    assert facts["ctl"]["end"] == days[-1]["ctl"] == snapshot.ctl
    assert facts["ctl"]["change"] == round(days[-1]["ctl"] - days[0]["ctl"], 1)
    points = facts["readiness"]["points"]
    assert [p["date"] for p in points][-1] == today.isoformat()
    assert points[-1]["score"] == snapshot.readiness_score
    assert facts["risk"]["level"] == snapshot.risk_level


async def test_the_llm_receives_the_snapshot_and_the_facts(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    await trained_athlete(client, athlete)
    server = GroqStandIn(script=Script(deltas=("Solid ", "block.")))
    await server.start()
    try:
        settings = Settings(
            llm_provider="groq", groq_api_key=API_KEY, groq_base_url=server.base_url
        )
        analysis_id = (await request(client, athlete)).json()["analysis_id"]
        done = await service.run_analysis(analysis_id=uuid.UUID(analysis_id), settings=settings)
    finally:
        await server.close()
    assert done is not None and done.status == "ready"
    assert (done.content, done.provider) == ("Solid block.", "groq")
    assert done.usage == {"prompt_tokens": 42, "completion_tokens": 2, "total_tokens": 44}
    [sent] = server.requests
    system, user = sent.messages
    assert system["role"] == "system" and "ATHLETE DATA:" in system["content"]
    assert "Training load (" in system["content"]
    assert user["role"] == "user"
    assert json.dumps(done.facts, separators=(",", ":"), sort_keys=True) in user["content"]


async def test_a_refused_key_falls_back_to_the_offline_analysis_at_once(
    client: httpx.AsyncClient, athlete: Athlete, caplog: pytest.LogCaptureFixture
) -> None:
    await trained_athlete(client, athlete)
    server = GroqStandIn()
    await server.start()
    settings = Settings(
        llm_provider="groq",
        groq_api_key="gsk_wrong_key",
        groq_base_url=server.base_url,
        llm_max_retries=0,
    )
    provider = make_provider(settings)
    try:
        analysis_id = (await request(client, athlete)).json()["analysis_id"]
        done = await service.run_analysis(analysis_id=uuid.UUID(analysis_id), provider=provider)
    finally:
        await provider.aclose()
        await server.close()
    assert [r.status for r in server.requests] == [401]
    assert done is not None and done.status == "ready" and done.attempts == 1
    assert done.provider == "offline" and done.content is not None
    assert done.content.endswith(SIGNATURE)
    snapshot = await context.build_snapshot(user_id=uuid.UUID(athlete.id))
    assert done.content == analysis_answer(snapshot)
    assert "coach.llm_fallback" in caplog.text
    assert await Event.filter(key=analysis_id, kind="analysis_ready").count() == 1


OUTAGES = {"503": Script(fail_first=ALWAYS, fail_status=503), **NOT_A_COMPLETION}
"""Whatever the provider answers, an outage or a 200 that is not a completion: the same path."""


@pytest.mark.parametrize("script", list(OUTAGES.values()), ids=list(OUTAGES))
async def test_an_unavailable_llm_is_retried_then_the_last_attempt_falls_back(
    client: httpx.AsyncClient, athlete: Athlete, script: Script
) -> None:
    analysis_id = uuid.UUID((await request(client, athlete)).json()["analysis_id"])
    async with groq_stand_in(script) as server:
        settings = groq_settings(server)  # no SDK retries: one request per attempt
        for attempt in range(1, service.MAX_ATTEMPTS):
            with pytest.raises(LLMUnavailable):
                await service.run_analysis(analysis_id=analysis_id, settings=settings)
            row = await Analysis.get(id=analysis_id)
            assert (row.status, row.attempts) == ("pending", attempt)
        assert await Event.filter(kind="analysis_ready").count() == 0

        done = await service.run_analysis(analysis_id=analysis_id, settings=settings)
    status = script.fail_status if script.fail_first else 200
    assert [r.status for r in server.requests] == [status] * service.MAX_ATTEMPTS
    assert done is not None and done.status == "ready"
    assert (done.provider, done.attempts) == ("offline", service.MAX_ATTEMPTS)
    assert done.content == analysis_answer(
        await context.build_snapshot(user_id=uuid.UUID(athlete.id))
    )  # a new athlete: "no workouts yet", signed by the offline coach


async def test_an_unexpected_error_is_retried_and_fails_on_the_last_attempt(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    analysis_id = uuid.UUID((await request(client, athlete)).json()["analysis_id"])
    # A well-formed answer that PostgreSQL cannot store (a NUL in text): not an LLMError.
    async with groq_stand_in(Script(deltas=("A NUL \x00 in the answer.",))) as server:
        settings = groq_settings(server)
        with pytest.raises(Exception) as raised:
            await service.run_analysis(analysis_id=analysis_id, settings=settings)
        assert not isinstance(raised.value, LLMUnavailable)
        assert (await Analysis.get(id=analysis_id)).status == "pending"

        await Analysis.filter(id=analysis_id).update(attempts=service.MAX_ATTEMPTS - 1)
        failed = await service.run_analysis(analysis_id=analysis_id, settings=settings)
        assert failed is not None and failed.status == "failed"
        assert failed.failure_reason == f"unexpected error: {type(raised.value).__name__}"
        assert failed.content is None
        assert await service.run_analysis(analysis_id=analysis_id, settings=settings) is None
    assert [r.status for r in server.requests] == [200, 200]  # none for the no-op run
    assert await Event.filter(kind="analysis_ready").count() == 0
    r = await client.get(f"{URL}/analyses/{analysis_id}", headers=athlete.headers)
    assert (r.json()["status"], r.json()["failure_reason"]) == ("failed", failed.failure_reason)


async def test_an_unknown_or_deleted_analysis_is_a_no_op(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    assert await service.run_analysis(analysis_id=uuid.uuid4()) is None
    analysis_id = uuid.UUID((await request(client, athlete)).json()["analysis_id"])
    await User.filter(id=uuid.UUID(athlete.id)).delete()  # the analysis goes with its athlete
    assert await service.run_analysis(analysis_id=analysis_id) is None


async def test_the_sweep_re_enqueues_analyses_pending_too_long(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    stuck = (await request(client, athlete)).json()["analysis_id"]
    fresh = (await request(client, other)).json()["analysis_id"]
    old = dt.datetime.now(dt.UTC) - service.PENDING_DEADLINE - dt.timedelta(minutes=1)
    await Analysis.filter(id=stuck).update(created_at=old)
    ready = await Analysis.create(user_id=uuid.UUID(athlete.id), status="ready")
    await Analysis.filter(id=ready.id).update(created_at=old)
    broker().flush_all()

    assert await service.sweep_pending() == 1
    assert queued_analyses() == [stuck]
    assert fresh != stuck


# --- end to end ---------------------------------------------------------------------------


async def wait_until_done(client: httpx.AsyncClient, who: Athlete, location: str) -> dict[str, Any]:
    body: dict[str, Any] = {}
    try:
        async with asyncio.timeout(JOB_TIMEOUT_S):
            while True:
                r = await client.get(location, headers=who.headers)
                assert r.status_code == 200, r.text
                body = r.json()
                if body["status"] != "pending":
                    return body
                await asyncio.sleep(0.2)
    except TimeoutError:
        pytest.fail(f"analysis not written after {JOB_TIMEOUT_S} s: {json.dumps(body)}")


@pytest.mark.slow
async def test_the_worker_writes_the_analysis_end_to_end(
    client: httpx.AsyncClient,
    athlete: Athlete,
    worker_process: subprocess.Popen[bytes],
) -> None:
    await trained_athlete(client, athlete)
    r = await request(client, athlete)
    assert r.status_code == 202, r.text
    body = await wait_until_done(client, athlete, r.headers["location"])
    assert worker_process.poll() is None, "the worker died"
    assert body["status"] == "ready", body
    assert body["provider"] == "offline"
    snapshot = await context.build_snapshot(user_id=uuid.UUID(athlete.id))
    assert body["content"] == analysis_answer(snapshot)
    assert await Event.filter(kind="analysis_ready", key=body["id"]).count() == 1
