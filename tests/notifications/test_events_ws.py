"""/ws/events: live notification frames, published by any process through Redis."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect

from runcoach.events import Event
from runcoach.notifications import service
from runcoach.redis_pool import create_client
from tests.support.athletes import Athlete
from tests.support.servers import ROOT, free_port
from tests.support.websockets import close_code


@contextlib.asynccontextmanager
async def events(app_server: str, who: Athlete) -> AsyncIterator[ClientConnection]:
    url = app_server.replace("http://", "ws://") + "/ws/events"
    headers = {"Authorization": f"Bearer {who.access_token}"}
    async with connect(url, additional_headers=headers) as conn:
        yield conn


async def frame(conn: ClientConnection, timeout: float = 10.0) -> dict[str, Any]:  # noqa: ASYNC109
    async with asyncio.timeout(timeout):
        return dict(json.loads(await conn.recv()))


async def next_notification(conn: ClientConnection, timeout: float = 10.0) -> dict[str, Any]:  # noqa: ASYNC109
    """The next notification frame (an unread_count resync may come first: harmless)."""
    while True:
        got = await frame(conn, timeout)
        if got["type"] == "notification":
            return got
        assert got["type"] == "unread_count", got


async def no_notification(conn: ClientConnection) -> None:
    """Half a second without a notification frame (unread-count resyncs of 0 only)."""
    with contextlib.suppress(TimeoutError):
        while True:
            assert await frame(conn, timeout=0.5) == {"type": "unread_count", "unread_count": 0}


async def notify(who: Athlete, settings: Any, kind: str = "analysis_ready") -> str:
    """What a worker does: record the event, create the notification, publish on Redis."""
    ev = await Event.create(user_id=who.id, kind=kind, key=uuid.uuid4().hex, data={})
    redis = create_client(settings)  # its own connection, as another process would have
    try:
        made = await service.notify_event(event_id=ev.id, redis=redis)
    finally:
        await redis.aclose()
    assert made is not None
    return str(made.id)


async def test_frames_reach_every_socket_of_the_user_and_nobody_else(
    app_server: str, client: httpx.AsyncClient, athlete: Athlete, other: Athlete, settings: Any
) -> None:
    async with (
        events(app_server, athlete) as one,
        events(app_server, athlete) as two,
        events(app_server, other) as theirs,
    ):
        for conn in (one, two, theirs):
            assert await frame(conn) == {"type": "unread_count", "unread_count": 0}
        made = await notify(athlete, settings)
        for conn in (one, two):
            got = await next_notification(conn)
            assert got["unread_count"] == 1
            assert got["notification"]["id"] == made
        await no_notification(theirs)
        r = await client.patch(f"/api/v1/notifications/{made}/read", headers=athlete.headers)
        assert r.status_code == 200
        for conn in (one, two):
            assert await frame(conn) == {"type": "unread_count", "unread_count": 0}
        await one.send(json.dumps({"type": "ping"}))
        assert await frame(one) == {"type": "pong"}
    # The last socket gone, the user's channel is dropped; a new socket starts afresh.
    async with events(app_server, athlete) as again:
        assert await frame(again) == {"type": "unread_count", "unread_count": 0}


async def test_the_count_on_connect_is_said_once(app_server: str, athlete: Athlete) -> None:
    """The hub's (re)subscription re-reads the count; an unchanged count is not sent again."""
    async with events(app_server, athlete) as conn:
        assert await frame(conn) == {"type": "unread_count", "unread_count": 0}
        with pytest.raises(TimeoutError):
            await frame(conn, timeout=1.0)


async def test_bad_auth_closes_4401(app_server: str) -> None:
    url = app_server.replace("http://", "ws://") + "/ws/events"
    async with connect(url, additional_headers={"Authorization": "Bearer nope"}) as conn:
        assert await close_code(conn) == 4401


async def test_a_worker_made_notification_arrives_live(
    app_server: str, client: httpx.AsyncClient, athlete: Athlete, worker_process: Any
) -> None:
    """POST /plans -> the worker builds it -> plan_created -> a frame on the open socket."""
    async with events(app_server, athlete) as conn:
        assert (await frame(conn))["unread_count"] == 0
        r = await client.post(
            "/api/v1/plans", json={"goal": "5k", "days_per_week": 3}, headers=athlete.headers
        )
        assert r.status_code == 202
        got = await next_notification(conn, timeout=30)
    assert got["notification"]["type"] == "plan_created"
    assert got["notification"]["data"]["plan_id"] == r.json()["plan_id"]


@contextlib.contextmanager
def second_web_process() -> Iterator[str]:
    """Another web process (``sanic`` as in the Procfile) on the same database and Redis."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sanic", "runcoach.app:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--no-motd"],
        cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, "the second web process exited"
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(base + "/readyz", timeout=1).status_code == 200:
                    break
            assert time.monotonic() < deadline, "the second web process never became ready"
            time.sleep(0.2)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


async def test_frames_reach_the_users_sockets_on_two_web_processes(
    app_server: str, athlete: Athlete, settings: Any
) -> None:
    with second_web_process() as other_server:
        async with (
            events(app_server, athlete) as here,
            events(other_server, athlete) as there,
            httpx.AsyncClient(base_url=other_server) as other_client,
        ):
            for conn in (here, there):
                assert await frame(conn) == {"type": "unread_count", "unread_count": 0}
            made = await notify(athlete, settings)  # as a worker would: publish on Redis
            for conn in (here, there):
                got = await next_notification(conn)
                assert (got["notification"]["id"], got["unread_count"]) == (made, 1)
            # Read through the other process: this process's socket hears of it too.
            r = await other_client.patch(
                f"/api/v1/notifications/{made}/read", headers=athlete.headers
            )
            assert r.status_code == 200, r.text
            for conn in (here, there):
                assert await frame(conn) == {"type": "unread_count", "unread_count": 0}


async def test_a_pubsub_connection_dropped_and_reconnected_resyncs_the_sockets(
    app_server: str, athlete: Athlete, settings: Any
) -> None:
    """redis-py reconnects a dropped pub/sub connection by itself; a notification made while
    the hub was away (here: stored, never published) still reaches the count on screen."""
    async with events(app_server, athlete) as conn:
        assert await frame(conn) == {"type": "unread_count", "unread_count": 0}
        ev = await Event.create(user_id=athlete.id, kind="analysis_ready", key="away", data={})
        assert await service.notify_event(event_id=ev.id, redis=None) is not None
        redis = create_client(settings)
        try:
            assert await redis.client_kill_filter(_type="pubsub") >= 1
        finally:
            await redis.aclose()
        assert await frame(conn) == {"type": "unread_count", "unread_count": 1}
