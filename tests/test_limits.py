"""Limits, one mechanism (runcoach.limits): exact under concurrency, all or nothing, given
back, fail-open (or, for login, counted in PostgreSQL) when Redis is down, and applied to
every route that costs: plans, coach messages over HTTP and websocket together, the
stream cap on both, analyses, imports, device connect and sync. Login and registration
are tested with the other auth tests (tests/auth/test_auth.py)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import uuid
from collections import Counter
from dataclasses import fields, replace
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect

from runcoach import limits
from runcoach.config import Rate, Settings
from runcoach.devices.providers.simulated import DEMO_PASSWORD
from runcoach.errors import RateLimited
from runcoach.limits import RULES, LimitCounter, Limiter, LimitName, Reservation
from runcoach.redis_pool import create_client
from tests.support.athletes import Athlete
from tests.support.filegen import make_gpx, run_samples
from tests.support.limits import limited
from tests.support.llm import Script, groq_settings, groq_stand_in
from tests.support.servers import free_port

API = "/api/v1"


def dead_redis(settings: Settings, **values: Any) -> Settings:
    return replace(settings, redis_url=f"redis://127.0.0.1:{free_port()}/0", **values)


def outcomes(results: list[Any]) -> tuple[list[Reservation], list[RateLimited]]:
    passed = [r for r in results if isinstance(r, Reservation)]
    refused = [r for r in results if isinstance(r, RateLimited)]
    assert len(passed) + len(refused) == len(results), results
    return passed, refused


def assert_refusal(r: httpx.Response, limit: int) -> None:
    """A 429 problem: code rate_limited, Retry-After, and the limit's numbers."""
    assert r.status_code == 429, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == "rate_limited" and body["limit"] == limit
    assert int(r.headers["retry-after"]) == body["retry_after"] >= 1
    resets_at = dt.datetime.fromisoformat(body["resets_at"])
    assert resets_at > dt.datetime.now(dt.UTC)


def failed_open(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage() == "limits.failed_open"]


# --- the mechanism ------------------------------------------------------------------------


def test_every_rate_setting_is_one_limit_of_the_table() -> None:
    # but WS_MESSAGE_RATE: a token bucket of one socket, in its process (runcoach.sockets)
    rates = {f.name for f in fields(Settings) if f.type == "Rate"} - {"ws_message_rate"}
    assert rates == {rule.setting for rule in RULES.values() if not rule.lease_s}
    assert set(RULES) == set(LimitName)


async def test_n_concurrent_hits_pass_exactly_the_limit(db: None, settings: Settings) -> None:
    limiter = Limiter(replace(settings, limit_plans=Rate(7, 3600)))
    user = uuid.uuid4()
    results = await asyncio.gather(
        *(limiter.hit(LimitName.PLANS, user) for _ in range(50)), return_exceptions=True
    )
    passed, refused = outcomes(results)
    assert len(passed) == 7 and len(refused) == 43
    assert sorted(r.used[0] for r in passed) == list(range(1, 8))
    problem = refused[0].to_problem()
    assert problem["code"] == "rate_limited" and problem["status"] == 429
    assert (problem["limit"], problem["used"]) == (7, 7)
    assert 3590 <= problem["retry_after"] <= 3600
    assert refused[0].headers["Retry-After"] == str(problem["retry_after"])
    # another subject has its own count
    assert (await limiter.hit(LimitName.PLANS, uuid.uuid4())).used == (1,)
    await limiter.aclose()


async def test_several_limits_are_taken_all_or_nothing(db: None, settings: Settings) -> None:
    limiter = Limiter(
        replace(settings, limit_login_account=Rate(2, 900), limit_login_ip=Rate(3, 900))
    )
    for _ in range(2):
        await limiter.hit_all((LimitName.LOGIN_ACCOUNT, "a"), (LimitName.LOGIN_IP, "ip"))
    with pytest.raises(RateLimited, match="account"):
        await limiter.hit_all((LimitName.LOGIN_ACCOUNT, "a"), (LimitName.LOGIN_IP, "ip"))
    # the refusal by the account's limit took nothing from the address's
    third = await limiter.hit_all((LimitName.LOGIN_ACCOUNT, "b"), (LimitName.LOGIN_IP, "ip"))
    assert third.used == (1, 3)
    with pytest.raises(RateLimited, match="address"):
        await limiter.hit_all((LimitName.LOGIN_ACCOUNT, "c"), (LimitName.LOGIN_IP, "ip"))
    await limiter.aclose()


async def test_a_hit_given_back_is_free_again_once(db: None, settings: Settings) -> None:
    limiter = Limiter(replace(settings, limit_plans=Rate(1, 900)))
    first = await limiter.hit(LimitName.PLANS, "u")
    with pytest.raises(RateLimited):
        await limiter.hit(LimitName.PLANS, "u")
    await first.give_back()
    await first.give_back()  # a second give-back returns nothing more
    await limiter.hit(LimitName.PLANS, "u")
    with pytest.raises(RateLimited):
        await limiter.hit(LimitName.PLANS, "u")
    await limiter.aclose()


async def test_the_window_starts_at_the_first_hit_and_ends(db: None, settings: Settings) -> None:
    limiter = Limiter(replace(settings, limit_plans=Rate(1, 1)))
    await limiter.hit(LimitName.PLANS, "u")
    with pytest.raises(RateLimited) as caught:
        await limiter.hit(LimitName.PLANS, "u")
    assert caught.value.headers["Retry-After"] == "1"
    await asyncio.sleep(1.1)
    await limiter.hit(LimitName.PLANS, "u")
    await limiter.aclose()


async def test_scripts_flushed_by_a_redis_restart_are_loaded_again(
    db: None, settings: Settings
) -> None:
    limiter = Limiter(replace(settings, limit_plans=Rate(2, 900), coach_max_streams=1))
    await limiter.hit(LimitName.PLANS, "u")
    client = create_client(settings)
    await client.script_flush()  # what a restart does to loaded scripts
    assert (await limiter.hit(LimitName.PLANS, "u")).used == (2,)
    await client.script_flush()
    async with limiter.hold(LimitName.COACH_STREAMS, "u"):
        pass
    await client.aclose()
    await limiter.aclose()


async def test_a_cap_holds_exactly_count_at_once_per_subject(db: None, settings: Settings) -> None:
    limiter = Limiter(replace(settings, coach_max_streams=2))
    release, all_refused = asyncio.Event(), asyncio.Event()
    inside = refusals = 0

    async def stream() -> None:
        nonlocal inside, refusals
        try:
            async with limiter.hold(LimitName.COACH_STREAMS, "u"):
                inside += 1
                await release.wait()
        except RateLimited:
            refusals += 1
            if refusals == 18:
                all_refused.set()
            raise

    tasks = [asyncio.create_task(stream()) for _ in range(20)]
    await asyncio.wait_for(all_refused.wait(), 10)  # the refused ones end at once
    async with limiter.hold(LimitName.COACH_STREAMS, "someone else"):
        pass
    release.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    refused = [r for r in results if isinstance(r, RateLimited)]
    assert inside == 2 and len(refused) == 18
    problem = refused[0].to_problem()
    assert problem["detail"] == "at most 2 answers may stream at once"
    assert problem["limit"] == 2 and refused[0].headers["Retry-After"]
    async with (  # the slots were given back
        limiter.hold(LimitName.COACH_STREAMS, "u"),
        limiter.hold(LimitName.COACH_STREAMS, "u"),
    ):
        pass
    await limiter.aclose()


async def test_redis_down_fails_open_with_a_log_line(
    db: None, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    limiter = Limiter(dead_redis(settings, limit_plans=Rate(1, 900), coach_max_streams=1))
    for _ in range(3):
        reservation = await limiter.hit(LimitName.PLANS, "u")
        assert reservation.store == "none"
        await reservation.give_back()
    async with (
        limiter.hold(LimitName.COACH_STREAMS, "u"),
        limiter.hold(LimitName.COACH_STREAMS, "u"),
    ):
        pass
    lines = failed_open(caplog)
    assert len(lines) == 5
    assert lines[0].levelno == logging.WARNING and lines[0].__dict__["limits"] == ["plans.user"]
    assert lines[-1].__dict__["limits"] == ["coach_streams.user"]
    await limiter.aclose()


async def test_redis_down_login_is_counted_in_the_database_exactly(
    db: None, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    limiter = Limiter(
        dead_redis(settings, limit_login_account=Rate(5, 900), limit_login_ip=Rate(8, 900))
    )
    results = await asyncio.gather(
        *(
            limiter.hit_all((LimitName.LOGIN_ACCOUNT, "acct"), (LimitName.LOGIN_IP, "ip"))
            for _ in range(25)
        ),
        return_exceptions=True,
    )
    passed, refused = outcomes(results)
    assert len(passed) == 5 and len(refused) == 20
    assert {r.store for r in passed} == {"database"}
    problem = refused[0].to_problem()
    assert "account" in problem["detail"] and (problem["limit"], problem["used"]) == (5, 5)
    assert 890 <= problem["retry_after"] <= 900
    counts = {row.key: row.used for row in await LimitCounter.all()}
    assert counts == {"login.account:acct": 5, "login.ip:ip": 5}
    await passed[0].give_back()  # to the account and the address
    # the address's limit, with other accounts: 4 left, then refused, all or nothing
    for n in range(4):
        await limiter.hit_all((LimitName.LOGIN_ACCOUNT, f"o{n}"), (LimitName.LOGIN_IP, "ip"))
    with pytest.raises(RateLimited, match="address"):
        await limiter.hit_all((LimitName.LOGIN_ACCOUNT, "o9"), (LimitName.LOGIN_IP, "ip"))
    counts = {row.key: row.used for row in await LimitCounter.all()}
    assert counts["login.account:acct"] == 4 and counts["login.ip:ip"] == 8
    assert "login.account:o9" not in counts
    logged = [r for r in caplog.records if r.getMessage() == "limits.counted_in_database"]
    assert logged and not failed_open(caplog)
    await limiter.aclose()


async def test_a_database_window_that_ended_starts_again(db: None, settings: Settings) -> None:
    limiter = Limiter(dead_redis(settings, limit_login_account=Rate(1, 1)))
    await limiter.hit(LimitName.LOGIN_ACCOUNT, "acct")
    with pytest.raises(RateLimited):
        await limiter.hit(LimitName.LOGIN_ACCOUNT, "acct")
    await asyncio.sleep(1.1)
    assert (await limiter.hit(LimitName.LOGIN_ACCOUNT, "acct")).used == (1,)
    await limiter.aclose()


# --- applied: exactly L of N concurrent requests pass, the rest are 429 -------------------


async def concurrently(n: int, request: Any) -> list[httpx.Response]:
    return list(await asyncio.gather(*(request(i) for i in range(n))))


def passed_and_refused(answers: list[httpx.Response], limit: int) -> Counter[int]:
    """Each answer's status; the refused ones are checked as refusals of ``limit``."""
    for r in answers:
        if r.status_code == 429:
            assert_refusal(r, limit)
    return Counter(r.status_code for r in answers)


async def test_plans(client: httpx.AsyncClient, athlete: Athlete, settings: Settings) -> None:
    async with limited(settings, limit_plans=Rate(3, 3600)):
        answers = await concurrently(
            8,
            lambda i: client.post(
                f"{API}/plans/",
                json={"goal": "10k", "days_per_week": 3 + i % 5},
                headers=athlete.headers,
            ),
        )
    assert passed_and_refused(answers, 3) == {202: 3, 429: 5}


async def test_analyses(client: httpx.AsyncClient, athlete: Athlete, settings: Settings) -> None:
    async with limited(settings, limit_analyses=Rate(2, 3600)):
        answers = await concurrently(
            7, lambda i: client.post(f"{API}/coach/analysis", headers=athlete.headers)
        )
    assert passed_and_refused(answers, 2) == {202: 2, 429: 5}


async def test_imports(client: httpx.AsyncClient, athlete: Athlete, settings: Settings) -> None:
    data = make_gpx(run_samples(1000.0))
    async with limited(settings, limit_imports=Rate(3, 3600)):
        answers = await concurrently(
            8,
            lambda i: client.post(
                f"{API}/workouts/import",
                files={"file": ("run.gpx", data, "application/gpx+xml")},
                headers=athlete.headers,
            ),
        )
    statuses = passed_and_refused(answers, 3)
    assert statuses[429] == 5 and statuses[201] == 1 and statuses[409] == 2  # one file: dups


async def test_device_connect(
    client: httpx.AsyncClient, athlete: Athlete, settings: Settings
) -> None:
    async with limited(settings, limit_device_connect=Rate(3, 3600)):
        answers = await concurrently(
            8,
            lambda i: client.post(
                f"{API}/devices/garmin",
                json={"username": "jane", "password": DEMO_PASSWORD if i % 2 else "guess"},
                headers=athlete.headers,
            ),
        )
    statuses = passed_and_refused(answers, 3)
    assert statuses[429] == 5 and sum(statuses.values()) == 8  # 3 logins tried at Garmin


async def test_device_sync(client: httpx.AsyncClient, athlete: Athlete, settings: Settings) -> None:
    r = await client.post(
        f"{API}/devices/garmin",
        json={"username": "jane", "password": DEMO_PASSWORD},
        headers=athlete.headers,
    )
    device = r.json()["id"]
    async with limited(settings, limit_device_sync=Rate(2, 3600)):
        answers = await concurrently(
            6, lambda i: client.post(f"{API}/devices/{device}/sync", headers=athlete.headers)
        )
    assert passed_and_refused(answers, 2) == {202: 2, 429: 4}


# --- coach: one message limit over HTTP and the websocket, one stream cap for both ---------


def ws_url(app_server: str) -> str:
    return app_server.replace("http://", "ws://") + "/ws/coach"


async def ws_message(app_server: str, who: Athlete, text: str) -> dict[str, Any]:
    """Send one message on a fresh socket; the answer's last frame (done or error)."""
    async with connect(ws_url(app_server), additional_headers=who.headers) as conn:
        async with asyncio.timeout(20):
            assert json.loads(await conn.recv())["type"] == "ready"
            await conn.send(json.dumps({"type": "message", "text": text}))
            while True:
                frame = json.loads(await conn.recv())
                if frame["type"] in ("done", "error"):
                    return dict(frame)


async def test_coach_messages_over_http_and_websocket_share_one_limit(
    client: httpx.AsyncClient, app_server: str, athlete: Athlete, settings: Settings
) -> None:
    async def http(i: int) -> str:
        r = await client.post(
            f"{API}/coach/messages", json={"text": f"Question {i}"}, headers=athlete.headers
        )
        if r.status_code == 429:
            assert_refusal(r, 4)
            return "refused"
        assert r.status_code == 200, r.text
        return "answered"

    async def socket(i: int) -> str:
        last = await ws_message(app_server, athlete, f"Question {i}")
        if last["type"] == "error":
            assert last["code"] == "rate_limited" and last["limit"] == 4, last
            assert last["retry_after"] >= 1 and last["resets_at"]
            return "refused"
        return "answered"

    async with limited(settings, limit_coach_messages=Rate(4, 3600), coach_max_streams=100):
        ends = await asyncio.gather(*(http(i) for i in range(5)), *(socket(i) for i in range(5)))
    assert Counter(ends) == {"answered": 4, "refused": 6}


async def test_the_stream_cap_applies_to_http_asks_and_sockets_alike(
    client: httpx.AsyncClient, app_server: str, athlete: Athlete, settings: Settings
) -> None:
    limit = settings.coach_max_streams
    async with contextlib.AsyncExitStack() as held:  # every slot held, as by streams elsewhere
        for _ in range(limit):
            await held.enter_async_context(limits.hold(LimitName.COACH_STREAMS, athlete.id))
        r = await client.post(
            f"{API}/coach/messages", json={"text": "Hello"}, headers=athlete.headers
        )
        assert_refusal(r, limit)
        assert r.json()["detail"] == f"at most {limit} answers may stream at once"
        last = await ws_message(app_server, athlete, "Hello")
        assert last["type"] == "error" and last["code"] == "rate_limited"
    r = await client.post(f"{API}/coach/messages", json={"text": "Hello"}, headers=athlete.headers)
    assert r.status_code == 200
    assert (await ws_message(app_server, athlete, "Hello"))["type"] == "done"


async def test_concurrent_http_asks_stream_at_most_the_cap(
    client: httpx.AsyncClient, athlete: Athlete, settings: Settings, sanic_app: Any
) -> None:
    from runcoach.llm import make_provider

    # answers that take a while: every request arrives while the first ones are answered
    async with groq_stand_in(Script(header_delay_s=3.0)) as stand_in:
        provider = make_provider(groq_settings(stand_in, timeout_s=20.0))
        offline, sanic_app.ctx.llm = sanic_app.ctx.llm, provider
        try:
            answers = await concurrently(
                6,
                lambda i: client.post(
                    f"{API}/coach/messages", json={"text": f"Q{i}"}, headers=athlete.headers
                ),
            )
        finally:
            sanic_app.ctx.llm = offline
            await provider.aclose()
    limit = settings.coach_max_streams
    assert passed_and_refused(answers, limit) == {200: limit, 429: 6 - limit}


# --- Redis down, through the API ------------------------------------------------------------


async def test_redis_down_the_api_fails_open_with_a_log_line(
    client: httpx.AsyncClient,
    athlete: Athlete,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with limited(settings, redis_down=True, limit_plans=Rate(1, 3600)):
        for days in (3, 4, 5):
            r = await client.post(
                f"{API}/plans/",
                json={"goal": "10k", "days_per_week": days},
                headers=athlete.headers,
            )
            assert r.status_code == 202, r.text
    assert len(failed_open(caplog)) == 3


async def test_the_limited_operations_document_their_429(client: httpx.AsyncClient) -> None:
    doc = (await client.get("/docs/openapi.json")).json()
    limited_ops = {
        ("post", "/api/v1/auth/login"),
        ("post", "/api/v1/auth/register"),
        ("post", "/api/v1/plans"),
        ("post", "/api/v1/coach/messages"),
        ("post", "/api/v1/coach/analysis"),
        ("post", "/api/v1/workouts/import"),
        ("post", "/api/v1/devices/garmin"),
        ("post", "/api/v1/devices/{device_id}/sync"),
    }
    paths = {path.rstrip("/"): ops for path, ops in doc["paths"].items()}
    missing = [op for op in sorted(limited_ops) if "429" not in paths[op[1]][op[0]]["responses"]]
    assert missing == []
