"""/ws/events: live notification frames, published by any process through Redis."""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

from runcoach.notifications import service
from runcoach.redis import create_client
from runcoach.training.models import TrainingEvent
from tests.coach.test_ws import close_code
from tests.conftest import Athlete


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
    ev = await TrainingEvent.create(user_id=who.id, kind=kind, key=uuid.uuid4().hex, data={})
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
