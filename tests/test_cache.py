"""The cache service against the run's real Redis: single flight, bad values, XFetch, failures."""

from __future__ import annotations

import asyncio
import pickle
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from runcoach import cache
from runcoach.cache import CacheService, Entry
from tests.support.athletes import Athlete


@pytest.fixture
def service(settings: Any, db: None) -> CacheService:
    return CacheService(settings)


def counting(body: bytes = b'{"n":1}', delay: float = 0.0) -> tuple[list[int], Any]:
    calls: list[int] = []

    async def compute() -> bytes:
        calls.append(1)
        await asyncio.sleep(delay)
        return body

    return calls, compute


async def entry_key(service: CacheService, user: str, klass: str, name: str) -> str:
    version = await service._client().get(cache.user_version_key(user))
    assert version is not None
    return f"rc:u:{user}:v{version.decode()}:{klass}:{name}"


async def test_a_hit_returns_the_stored_bytes(service: CacheService) -> None:
    user = str(uuid.uuid4())
    calls, compute = counting()
    first, how = await service.fetch("responses", user, "n", compute)
    assert how == "miss" and first.body == b'{"n":1}' and first.etag == cache.etag_of(first.body)
    second, how = await service.fetch("responses", user, "n", compute)
    assert how == "hit" and second.body == first.body and second.etag == first.etag
    assert len(calls) == 1
    ttl = await service._client().pttl(await entry_key(service, user, "responses", "n"))
    assert 290_000 < ttl <= 300_000  # the class's TTL: 5 min


async def test_concurrent_misses_compute_once(service: CacheService) -> None:
    user = str(uuid.uuid4())
    calls, compute = counting(b'{"slow":true}', delay=0.2)
    results = await asyncio.gather(
        *(service.fetch("computations", user, "zones", compute) for _ in range(40))
    )
    assert len(calls) == 1
    assert {entry.body for entry, _ in results} == {b'{"slow":true}'}
    hows = sorted(how for _, how in results)
    assert hows.count("miss") == 1 and hows.count("wait") == 39
    lock = await entry_key(service, user, "computations", "zones") + ":lock"
    assert await service._client().exists(lock) == 0  # released


async def test_a_failed_computation_releases_the_lock_and_stores_nothing(
    service: CacheService,
) -> None:
    user = str(uuid.uuid4())

    async def broken() -> bytes:
        raise ValueError("boom")

    with pytest.raises(ValueError):
        await service.fetch("responses", user, "x", broken)
    key = await entry_key(service, user, "responses", "x")
    assert await service._client().exists(key, key + ":lock") == 0
    _calls, compute = counting()
    assert (await service.fetch("responses", user, "x", compute))[1] == "miss"


async def test_the_lock_is_released_only_by_its_holder(service: CacheService) -> None:
    user = str(uuid.uuid4())
    _calls, compute = counting()
    await service.fetch("responses", user, "y", compute)  # creates the version
    key = await entry_key(service, user, "responses", "y")
    await service._client().set(key + ":lock", "someone-else", px=10_000)
    await service._eval(cache._RELEASE, [key + ":lock"], ["not-their-token"])
    assert await service._client().get(key + ":lock") == b"someone-else"


@pytest.mark.parametrize(
    "planted",
    [
        pickle.dumps({"body": "evil"}),
        b"garbage",
        b"rc1|zz|x|1|0|{}",
        b"rc1|abc|1|2",
        b"",
    ],
)
async def test_a_planted_value_is_a_miss(service: CacheService, planted: bytes) -> None:
    user = str(uuid.uuid4())
    calls, compute = counting()
    await service.fetch("responses", user, "p", compute)
    key = await entry_key(service, user, "responses", "p")
    await service._client().set(key, planted)
    entry, how = await service.fetch("responses", user, "p", compute)
    assert how == "miss" and entry.body == b'{"n":1}' and len(calls) == 2
    assert service.stats["invalid"] >= 1 or planted == b""
    assert Entry.decode(await service._client().get(key) or b"") is not None  # rewritten


async def test_invalidate_moves_the_user_not_others(service: CacheService) -> None:
    mine, theirs = str(uuid.uuid4()), str(uuid.uuid4())
    _calls, compute = counting()
    for user in (mine, theirs):
        await service.fetch("aggregations", user, "stats", compute)
    await service.invalidate(mine)
    assert (await service.fetch("aggregations", mine, "stats", compute))[1] == "miss"
    assert (await service.fetch("aggregations", theirs, "stats", compute))[1] == "hit"


async def test_an_evicted_version_never_comes_back_to_an_old_number(
    service: CacheService,
) -> None:
    user = str(uuid.uuid4())
    _calls, compute = counting(b'{"old":1}')
    await service.fetch("responses", user, "v", compute)
    old_key = await entry_key(service, user, "responses", "v")
    await service._client().delete(cache.user_version_key(user))  # evicted
    await service.invalidate(user)  # INCR of a missing key restarts from the clock
    new_key = await entry_key(service, user, "responses", "v")
    assert new_key != old_key
    _calls2, compute2 = counting(b'{"new":1}')
    assert (await service.fetch("responses", user, "v", compute2))[0].body == b'{"new":1}'


async def test_entries_end_at_their_valid_until(service: CacheService) -> None:
    user = str(uuid.uuid4())
    _calls, compute = counting()

    async def just_passed() -> int:
        return int(time.time() * 1000) + 50

    await service.fetch("responses", user, "day", compute, valid_until=just_passed)
    assert (await service.fetch("responses", user, "day", compute))[1] == "hit"
    await asyncio.sleep(0.08)
    assert (await service.fetch("responses", user, "day", compute))[1] == "miss"


def test_xfetch_refreshes_early_only_near_expiry() -> None:
    now = 1_000_000
    far = Entry(b"", "e", expires_ms=now + 600_000, delta_ms=10)
    assert not any(CacheService._refresh_due(far, now) for _ in range(1000))
    near = Entry(b"", "e", expires_ms=now + 50, delta_ms=200)  # took 200 ms, 50 ms left
    assert sum(CacheService._refresh_due(near, now) for _ in range(1000)) > 700
    expired = Entry(b"", "e", expires_ms=now, delta_ms=0)
    assert CacheService._refresh_due(expired, now)


async def test_an_early_refresh_is_done_by_one_caller(service: CacheService) -> None:
    user = str(uuid.uuid4())
    _calls, compute = counting(b'{"v":1}')
    await service.fetch("responses", user, "hot", compute)
    key = await entry_key(service, user, "responses", "hot")
    soon = Entry(b'{"v":1}', "e1", expires_ms=int(time.time() * 1000) + 20, delta_ms=10_000)
    await service._client().set(key, soon.encode(), px=60_000)
    fresh_calls, fresh = counting(b'{"v":2}', delay=0.1)
    results = await asyncio.gather(
        *(service.fetch("responses", user, "hot", fresh) for _ in range(20))
    )
    assert len(fresh_calls) == 1
    hows = [how for _, how in results]
    assert hows.count("refresh") == 1 and hows.count("hit") == 19
    assert {e.body for e, how in results if how == "hit"} == {b'{"v":1}'}  # no one waited
    assert (await service.fetch("responses", user, "hot", fresh))[0].body == b'{"v":2}'


# --- Redis down, slow, or back ---------------------------------------------------------


@pytest.fixture
def blackhole() -> Iterator[int]:
    """A TCP port that accepts connections and never answers (a hung Redis)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("how", ["refused", "hung"])
async def test_a_dead_redis_costs_one_timeout_then_nothing(
    settings: Any, blackhole: int, how: str
) -> None:
    port = closed_port() if how == "refused" else blackhole
    service = CacheService(replace(settings, redis_url=f"redis://127.0.0.1:{port}/0"))
    user = str(uuid.uuid4())
    calls, compute = counting()
    started = time.monotonic()
    entry, result = await service.fetch("responses", user, "n", compute)
    first = time.monotonic() - started
    assert result == "bypass" and entry.body == b'{"n":1}' and entry.etag
    assert first < 2.0  # one short timeout at most (0.25 s here), never a hang
    started = time.monotonic()
    for _ in range(20):  # the breaker is open: no Redis call at all
        assert (await service.fetch("responses", user, "n", compute))[1] == "bypass"
    await service.invalidate(user)  # no error either
    assert time.monotonic() - started < 0.2
    assert len(calls) == 21 and service.stats["errors"] >= 1
    await service.aclose()


async def test_a_bump_lost_to_an_outage_is_made_before_the_next_cached_read(
    service: CacheService, settings: Any
) -> None:
    user = str(uuid.uuid4())
    _calls, compute = counting(b'{"before":1}')
    await service.fetch("responses", user, "w", compute)
    good = service.settings
    await service.aclose()
    service.settings = replace(settings, redis_url=f"redis://127.0.0.1:{closed_port()}/0")
    await service.invalidate(user)  # the write's bump fails: Redis unreachable from here
    assert cache.user_version_key(user) in service._unbumped
    await service.aclose()
    service.settings, service._down_until = good, 0.0  # Redis reachable again
    _calls2, compute2 = counting(b'{"after":1}')
    entry, how = await service.fetch("responses", user, "w", compute2)
    assert (how, entry.body) == ("miss", b'{"after":1}')
    assert not service._unbumped


async def test_the_api_answers_with_redis_down(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    working = cache.service()
    cache.configure(replace(settings, redis_url=f"redis://127.0.0.1:{closed_port()}/0"))
    try:
        for url in ("/api/v1/dashboard/summary", "/api/v1/workouts", "/api/v1/analytics/load"):
            r = await client.get(url, headers=athlete.headers)
            assert r.status_code == 200, (url, r.text)
            assert r.headers["x-cache"] == "bypass" and r.headers["etag"]
        r = await client.post(
            "/api/v1/workouts",
            headers=athlete.headers,
            json={"sport": "run", "started_at": "2026-11-01T06:00:00Z", "duration_s": 900},
        )
        assert r.status_code == 201
        items = (await client.get("/api/v1/workouts", headers=athlete.headers)).json()["items"]
        assert [w["id"] for w in items] == [r.json()["id"]]
    finally:
        cache._service = working


async def test_scripts_flushed_by_a_redis_restart_are_loaded_again(service: CacheService) -> None:
    user = str(uuid.uuid4())
    _calls, compute = counting()
    await service.fetch("responses", user, "s", compute)
    await service._client().script_flush()  # what a restart does to loaded scripts
    assert (await service.fetch("responses", user, "s", compute))[1] == "hit"
    await service._client().script_flush()
    await service.invalidate(user)
    assert (await service.fetch("responses", user, "s", compute))[1] == "miss"
    assert service.stats["errors"] == 0


async def test_the_admin_tool_counts_keys_by_kind(service: CacheService) -> None:
    user = str(uuid.uuid4())
    _calls, compute = counting()
    await service.fetch("responses", user, "a", compute)
    await service.fetch("computations", user, "b", compute)
    await service.set_json("rc:plan:abc", {"v": 1}, "computations")
    report = await cache.scan_report(service._client())
    assert report["responses"] >= 1 and report["computations"] >= 1
    assert report["versions"] >= 1 and report["plan"] >= 1


# --- the pipelined client ---------------------------------------------------------------


async def test_the_fast_client_pipelines_many_commands_in_order(service: CacheService) -> None:
    from redis.exceptions import NoScriptError, ResponseError

    fast = service._fast()
    keys = [f"rc:test:{uuid.uuid4()}" for _ in range(200)]
    await asyncio.gather(*(fast.execute("SET", k, k.encode() * 3, "EX", 60) for k in keys))
    values = await asyncio.gather(*(fast.execute("GET", k) for k in keys))
    assert values == [k.encode() * 3 for k in keys]
    assert await fast.execute("MGET", keys[0], "rc:test:none") == [keys[0].encode() * 3, None]
    with pytest.raises(ResponseError):
        await fast.execute("INCR", keys[0])  # not an integer: an error reply, not a hang
    with pytest.raises(NoScriptError):
        await fast.execute("EVALSHA", "0" * 40, 0)
    assert await fast.execute("GET", keys[1]) == keys[1].encode() * 3  # still in step


async def test_the_fast_client_reconnects_after_the_server_drops_it(
    service: CacheService,
) -> None:
    import redis
    from redis.exceptions import ConnectionError as RedisConnectionError

    from runcoach.redis_pool import redis_url

    fast = service._fast()
    assert await fast.execute("PING") == b"PONG"
    client_id = await fast.execute("CLIENT", "ID")
    # Killed from a blocking client, so this loop cannot see the close before the next
    # command is written: the kill lands between two commands, and that command fails.
    with redis.Redis.from_url(redis_url(service.settings)) as admin:
        admin.client_kill_filter(_id=client_id)
    with pytest.raises(RedisConnectionError):
        await fast.execute("PING")
    assert await fast.execute("PING") == b"PONG"  # a new connection
    assert await fast.execute("CLIENT", "ID") != client_id


def test_a_decoded_entry_is_decoded_once_per_etag() -> None:
    from runcoach.cache import Entry, decoded, etag_of

    calls: list[bytes] = []

    def decode(body: bytes) -> str:
        calls.append(body)
        return body.decode()

    one, two = (Entry(body, etag_of(body)) for body in (b"one", b"two"))
    assert decoded(one, decode, kind="t") == "one"
    assert decoded(one, decode, kind="t") == "one"
    assert decoded(two, decode, kind="t") == "two"
    assert decoded(one, decode, kind="other") == "one"  # another decoder's values apart
    assert calls == [b"one", b"two", b"one"]
