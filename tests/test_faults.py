"""Faults, against real servers: PostgreSQL restarted mid-run, the broker's Redis restarted with
messages queued.

A system of its own (its own embedded PostgreSQL and Redis, the web and worker processes
as ``make run`` starts them), since the tests stop its servers: the run's are shared.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis as sync_redis
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from runcoach.embedded import EmbeddedPostgres, EmbeddedRedis, die_with_parent
from runcoach.notifications.service import channel
from tests.conftest import TEST_ENV
from tests.support.servers import ROOT, free_port

pytestmark = pytest.mark.slow

PROBLEM = "application/problem+json"
PLANS_QUEUE = "dramatiq:plans.msgs"  # a message's body stays in this hash until its ack
PLANS_DELAYED = "dramatiq:plans.DQ.msgs"  # retries waiting for their backoff


@dataclass
class System:
    """Embedded PostgreSQL and Redis (append-only, as ``make run``'s), web and worker."""

    work_dir: Path
    port: int = field(default_factory=free_port)
    pg: EmbeddedPostgres = field(init=False)
    redis: EmbeddedRedis = field(init=False)
    env: dict[str, str] = field(default_factory=dict)
    web: subprocess.Popen[bytes] | None = None
    worker: subprocess.Popen[bytes] | None = None
    _logs: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.pg = EmbeddedPostgres(self.work_dir / "pg")
        self.redis = EmbeddedRedis(self.work_dir / "redis", persistent=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.pg.start()
        self.pg.ensure_database()
        self.redis.start()
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
        env.update(TEST_ENV)
        env.update(
            DATABASE_URL=self.pg.url(),
            REDIS_URL=self.redis.url(),
            VAR_DIR=str(self.work_dir),
            PORT=str(self.port),
            DB_CONNECT_TIMEOUT="2",
            OFFLINE_COACH_DELAY_MS="0",
            PYTHONUNBUFFERED="1",
        )
        self.env = env
        migrate = "import asyncio; from runcoach import migrate; from runcoach.config import "
        migrate += "from_env; asyncio.run(migrate.upgrade(from_env()))"
        subprocess.run([sys.executable, "-c", migrate], cwd=ROOT, env=env, check=True)
        self.web = self._spawn(
            "web",
            [sys.executable, "-m", "sanic", "runcoach.app:create_app", "--factory",
             "--host", "127.0.0.1", "--port", str(self.port), "--workers", "1", "--no-motd"],
        )  # fmt: skip
        until(lambda: self.status("/readyz") == 200, 60, "the web process to be ready")

    def _spawn(self, name: str, argv: list[str]) -> subprocess.Popen[bytes]:
        log = (self.work_dir / f"{name}.log").open("ab")
        self._logs.append(log)
        return subprocess.Popen(
            argv,
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )

    def start_worker(self) -> None:
        assert self.worker is None
        self.worker = self._spawn(
            "worker", [sys.executable, "-m", "dramatiq", "actors", "--processes", "1",
                       "--threads", "4"],
        )  # fmt: skip

    def stop_worker(self) -> None:
        if self.worker is not None:
            _stop(self.worker)
            self.worker = None

    def status(self, path: str) -> int | None:
        try:
            return httpx.get(self.base + path, timeout=5).status_code
        except httpx.HTTPError:
            return None

    def log(self, name: str) -> str:
        return (self.work_dir / f"{name}.log").read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        self.stop_worker()
        if self.web is not None:
            _stop(self.web)
        self.redis.stop()
        self.pg.stop()
        for log in self._logs:
            log.close()


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=30)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, 9)  # whatever its group left behind
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)


def until(check: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")


@pytest.fixture(scope="module")
def system() -> Iterator[System]:
    work_dir = ROOT / "var" / "test" / f"faults-{os.getpid()}"
    shutil.rmtree(work_dir, ignore_errors=True)
    sys_ = System(work_dir)
    try:
        sys_.start()
        yield sys_
    finally:
        sys_.stop()
        shutil.rmtree(work_dir, ignore_errors=True)


def _register_with_id(system: System, label: str) -> tuple[dict[str, str], str]:
    r = httpx.post(
        f"{system.base}/api/v1/auth/register",
        json={"email": f"{label}@example.com", "password": "a long password", "name": label},
        timeout=30,
    )
    assert r.status_code == 201, r.text
    answer = r.json()
    return {"Authorization": f"Bearer {answer['access_token']}"}, str(answer["user"]["id"])


def _register(system: System, label: str) -> dict[str, str]:
    return _register_with_id(system, label)[0]


def _ask_for_plan(system: System, headers: dict[str, str], days_per_week: int = 4) -> str:
    race = (date.today() + timedelta(days=90)).isoformat()
    body = {"goal": "10k", "race_date": race, "days_per_week": days_per_week}
    r = httpx.post(f"{system.base}/api/v1/plans", json=body, headers=headers, timeout=30)
    assert r.status_code == 202, r.text
    return str(r.json()["plan_id"])


def _plan_status(system: System, headers: dict[str, str], plan_id: str) -> str | None:
    r = httpx.get(f"{system.base}/api/v1/plans/{plan_id}", headers=headers, timeout=10)
    return str(r.json()["status"]) if r.status_code == 200 else None


def _workout(system: System, headers: dict[str, str], n: int) -> httpx.Response:
    body = {"sport": "run", "started_at": f"2026-01-{n:02d}T07:00:00Z", "duration_s": 1800}
    return httpx.post(f"{system.base}/api/v1/workouts", json=body, headers=headers, timeout=30)


def _assert_database_unavailable(r: httpx.Response) -> None:
    assert r.status_code == 503, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    assert r.json()["code"] == "database_unavailable"
    assert int(r.headers["retry-after"]) > 0


def test_postgres_restart_mid_run(system: System) -> None:
    """PostgreSQL down: 503s, never a 500 or a hang; back: the same web process recovers, and a
    plan generation that failed meanwhile is retried and completes."""
    headers = _register(system, "pg-restart")
    assert _workout(system, headers, 1).status_code == 201
    plan_id = _ask_for_plan(system, headers)  # queued: no worker yet
    web_pid = system.web.pid if system.web else None

    system.pg.stop()
    assert system.status("/healthz") == 200
    started = time.monotonic()
    r = httpx.get(f"{system.base}/readyz", timeout=10)
    assert r.status_code == 503 and r.json()["checks"]["database"] != "ok", r.text
    assert r.json()["checks"]["redis"] == "ok"
    _assert_database_unavailable(_workout(system, headers, 2))
    _assert_database_unavailable(
        httpx.get(f"{system.base}/api/v1/plans/{plan_id}", headers=headers, timeout=10)
    )
    assert time.monotonic() - started < 10, "a dead database must fail fast, not hang"
    asyncio.run(_sockets_while_the_database_is_down(system, headers))

    # The plan's job, taken while the database is down, fails and waits for its retry.
    system.start_worker()
    redis = sync_redis.Redis.from_url(system.redis.url())
    try:
        until(lambda: redis.hlen(PLANS_DELAYED) == 1, 60, "the failed job to wait for a retry")
        assert redis.hlen(PLANS_QUEUE) == 0
    finally:
        redis.close()

    system.pg.start()  # same data folder and socket: the processes' URLs still hold
    until(lambda: system.status("/readyz") == 200, 30, "/readyz to recover")
    assert system.web is not None and system.web.poll() is None and system.web.pid == web_pid
    assert _workout(system, headers, 3).status_code == 201
    r = httpx.get(f"{system.base}/api/v1/workouts", headers=headers, timeout=10)
    assert sorted(w["started_at"][:10] for w in r.json()["items"]) == ["2026-01-01", "2026-01-03"]

    # the retry (10-20 s after the failure: the actor's backoff) builds the plan
    until(lambda: _plan_status(system, headers, plan_id) == "ready", 90, "the plan to be built")
    system.stop_worker()
    # every failure was an expected 503: none reached the handler as a bug (a 500)
    assert "http.unhandled_error" not in system.log("web"), system.log("web")
    assert "coach.answer_crashed" not in system.log("web"), system.log("web")


async def _sockets_while_the_database_is_down(system: System, headers: dict[str, str]) -> None:
    """A question on /ws/coach gets a ``database_unavailable`` error frame (the socket stays
    open); a new /ws/events, whose count cannot be read, is closed with 1013 (try again)."""
    base = f"ws://127.0.0.1:{system.port}"
    async with connect(f"{base}/ws/coach", additional_headers=headers) as coach:
        await _frame(coach, "ready", 10)
        await coach.send(json.dumps({"type": "message", "text": "How was my week?"}))
        error = await _frame(coach, "error", 10)
        assert error["code"] == "database_unavailable" and error["retry_after"] > 0, error
        await coach.send(json.dumps({"type": "ping"}))
        assert await _frame(coach, "pong", 10) == {"type": "pong"}
    async with connect(f"{base}/ws/events", additional_headers=headers) as events:
        with pytest.raises(ConnectionClosed):
            async with asyncio.timeout(10):
                while True:
                    await events.recv()
        assert events.close_code == 1013, (events.close_code, events.close_reason)


async def _frame(ws: ClientConnection, kind: str, wait_s: float) -> dict[str, Any]:
    """The next frame of ``kind`` (others skipped)."""
    async with asyncio.timeout(wait_s):
        while True:
            frame = json.loads(await ws.recv())
            if frame["type"] == kind:
                return dict(frame)


async def test_broker_redis_restart_keeps_queued_messages(system: System) -> None:
    """Jobs queued while no worker runs survive a restart of the broker's Redis (append-only);
    the worker started afterwards runs every one, and the live socket hears of each."""
    redis = sync_redis.Redis.from_url(system.redis.url())
    config = redis.config_get("append*")
    assert config["appendonly"] == "yes"
    assert config["appendfsync"] == "everysec"  # a clean restart loses nothing; a crash <= 1 s
    system.stop_worker()
    headers, user_id = await asyncio.to_thread(_register_with_id, system, "redis-restart")
    ws_url = f"ws://127.0.0.1:{system.port}/ws/events"
    async with connect(ws_url, additional_headers=headers) as ws:
        assert (await _frame(ws, "unread_count", 10))["unread_count"] == 0
        plans = [await asyncio.to_thread(_ask_for_plan, system, headers, d) for d in (3, 4, 5)]
        assert len(set(plans)) == 3
        assert redis.hlen(PLANS_QUEUE) == 3
        redis.close()

        await asyncio.to_thread(system.redis.stop)  # SHUTDOWN: the append-only file is synced
        await asyncio.to_thread(system.redis.start)
        redis = sync_redis.Redis.from_url(system.redis.url())
        assert redis.hlen(PLANS_QUEUE) == 3, "the queued messages must survive the restart"

        # The web's live hub resubscribes on its own backoff (up to 5 s): a notification
        # published before would reach this socket only through a later resync.
        # its resync frame is sent only when the count changed (here it did not): wait for
        # the subscription to be back, as Redis sees it, before anything is published
        user_channel = channel(uuid.UUID(user_id))
        await asyncio.to_thread(
            until,
            lambda: redis.pubsub_numsub(user_channel)[0][1] == 1,
            30,
            "the web's live hub to resubscribe",
        )

        system.start_worker()
        heard = [await _frame(ws, "notification", 90) for _ in plans]
    try:
        assert {f["unread_count"] for f in heard} <= {1, 2, 3}
        for plan_id in plans:
            assert await asyncio.to_thread(_plan_status, system, headers, plan_id) == "ready"
        assert redis.hlen(PLANS_QUEUE) == 0
    finally:
        redis.close()
        system.stop_worker()
