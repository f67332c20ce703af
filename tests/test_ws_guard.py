"""What every websocket shares (runcoach.sockets), against real web processes: closed 4401
when the session is revoked (by any process) or the token expires without a re-auth frame;
the Origin allowlist; the per-user socket cap; the per-socket frame rate; ping timeouts.

Most run against ``second_web`` (tests/support/webprocess.py): access tokens of 4 s,
pings every 1 s with a 1 s timeout, 3 sockets per user, 5 frames per 2 s, and
``https://app.example`` allowed."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.support.athletes import Athlete, register
from tests.support.webprocess import WebProcess
from tests.support.websockets import close_code

pytestmark = pytest.mark.asyncio(loop_scope="session")


def ws_url(base: str, path: str) -> str:
    return base.replace("http://", "ws://") + path


@contextlib.asynccontextmanager
async def socket(
    base: str, token: str | None, path: str = "/ws/events", **kwargs: Any
) -> AsyncIterator[ClientConnection]:
    headers = {"Authorization": f"Bearer {token}"} if token else None
    async with connect(ws_url(base, path), additional_headers=headers, **kwargs) as conn:
        yield conn


async def frame(conn: ClientConnection) -> dict[str, Any]:
    async with asyncio.timeout(10):
        data = json.loads(await conn.recv())
    assert isinstance(data, dict)
    return data


async def opened(conn: ClientConnection) -> None:
    """The socket's first frame (ready on /ws/coach, unread_count on /ws/events)."""
    assert (await frame(conn))["type"] in ("ready", "unread_count")


async def login(base: str, who: Athlete) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        r = await http.post(
            "/api/v1/auth/login", json={"email": who.email, "password": who.password}
        )
    assert r.status_code == 200, r.text
    return r.json()


async def closed_with(conn: ClientConnection) -> tuple[int | None, str | None]:
    code = await close_code(conn)
    return code, conn.close_reason


# --- the session's life ----------------------------------------------------------------------


async def test_revoking_a_session_closes_its_sockets_in_every_process(
    client: httpx.AsyncClient, app_server: str, second_web: WebProcess
) -> None:
    athlete = await register(client)
    other_session = await login(app_server, athlete)
    async with (
        socket(app_server, athlete.access_token, "/ws/coach") as coach,
        socket(second_web.url, athlete.access_token) as events,
        socket(second_web.url, other_session["access_token"]) as unrelated,
    ):
        for conn in (coach, events, unrelated):
            await opened(conn)
        r = await client.post("/api/v1/auth/logout", json={"refresh_token": athlete.refresh_token})
        assert r.status_code == 204
        assert await closed_with(coach) == (4401, "session revoked")
        assert await closed_with(events) == (4401, "session revoked")
        await unrelated.send('{"type": "ping"}')  # another session of the user: still open
        assert (await frame(unrelated))["type"] == "pong"


async def test_a_revoked_token_cannot_open_a_socket(
    client: httpx.AsyncClient, app_server: str
) -> None:
    athlete = await register(client)
    await client.post("/api/v1/auth/logout-all", headers=athlete.headers)
    async with socket(app_server, athlete.access_token) as conn:
        assert await closed_with(conn) == (4401, "session revoked")
    async with socket(app_server, None, "/ws/coach") as conn:  # the browser's way
        await conn.send(json.dumps({"type": "auth", "token": athlete.access_token}))
        assert await closed_with(conn) == (4401, "session revoked")


async def test_a_socket_closes_when_its_token_expires(
    client: httpx.AsyncClient, second_web: WebProcess
) -> None:
    athlete = await register(client)
    short = await login(second_web.url, athlete)  # a 4 s token
    assert short["expires_in"] == 4
    started = time.monotonic()
    async with socket(second_web.url, short["access_token"], "/ws/coach") as conn:
        await opened(conn)
        assert await closed_with(conn) == (4401, "token expired")
    assert 2 < time.monotonic() - started < 8


async def test_a_fresh_auth_frame_keeps_the_socket_open(
    client: httpx.AsyncClient, second_web: WebProcess
) -> None:
    athlete = await register(client)
    first = await login(second_web.url, athlete)
    async with socket(second_web.url, first["access_token"]) as conn:
        await opened(conn)
        await asyncio.sleep(2)
        async with httpx.AsyncClient(base_url=second_web.url, timeout=30) as http:
            r = await http.post(
                "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
            )
        fresh = r.json()["access_token"]
        await conn.send(json.dumps({"type": "auth", "token": fresh}))
        answer = await frame(conn)
        assert answer["type"] == "authenticated" and 2 <= answer["expires_in"] <= 4
        await asyncio.sleep(3)  # past the first token's expiry
        await conn.send('{"type": "ping"}')
        assert (await frame(conn))["type"] == "pong"
        assert await closed_with(conn) == (4401, "token expired")  # the fresh one's, later


async def test_an_auth_frame_for_another_user_closes_the_socket(
    client: httpx.AsyncClient, app_server: str, other: Athlete
) -> None:
    athlete = await register(client)
    async with socket(app_server, athlete.access_token, "/ws/coach") as conn:
        await opened(conn)
        await conn.send(json.dumps({"type": "auth", "token": other.access_token}))
        assert (await closed_with(conn))[0] == 4401


# --- Origin ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (None, True),  # a native app sends none
        ("https://app.example", True),  # WS_ALLOWED_ORIGINS
        ("own", True),  # the service's own origin
        ("https://evil.example", False),
        ("http://localhost:8081", False),  # the default list was replaced by the setting
        ("null", False),
    ],
)
async def test_the_origin_allowlist(
    client: httpx.AsyncClient, second_web: WebProcess, origin: str | None, allowed: bool
) -> None:
    athlete = await register(client)
    if origin == "own":
        origin = second_web.url
    kwargs: dict[str, Any] = {"origin": origin} if origin else {}
    if allowed:
        async with socket(second_web.url, athlete.access_token, **kwargs) as conn:
            await opened(conn)
        return
    with pytest.raises(InvalidStatus) as refused:
        async with socket(second_web.url, athlete.access_token, **kwargs):
            pass
    assert refused.value.response.status_code == 403


async def test_the_default_origins_allow_the_expo_dev_server(
    client: httpx.AsyncClient, app_server: str
) -> None:
    athlete = await register(client)
    async with socket(app_server, athlete.access_token, origin="http://localhost:19006") as conn:
        await opened(conn)
    with pytest.raises(InvalidStatus):
        async with socket(app_server, athlete.access_token, origin="https://evil.example"):
            pass


# --- limits ---------------------------------------------------------------------------------


async def test_the_per_user_socket_cap_counts_every_process(
    client: httpx.AsyncClient, app_server: str, second_web: WebProcess
) -> None:
    athlete = await register(client)
    async with contextlib.AsyncExitStack() as stack:
        # two sockets on the first process, one on the second: the second's cap (3) is full
        for base in (app_server, app_server, second_web.url):
            conn = await stack.enter_async_context(socket(base, athlete.access_token))
            await opened(conn)
        async with socket(second_web.url, athlete.access_token) as extra:
            assert await closed_with(extra) == (4429, "too many open sockets for this user")
        await conn.close()
        await asyncio.sleep(0.2)
        async with socket(second_web.url, athlete.access_token) as again:
            await opened(again)


async def test_the_per_socket_frame_rate(client: httpx.AsyncClient, second_web: WebProcess) -> None:
    athlete = await register(client)
    async with socket(second_web.url, athlete.access_token, "/ws/coach") as conn:
        await opened(conn)
        for _ in range(5):
            await conn.send('{"type": "ping"}')
            assert (await frame(conn))["type"] == "pong"
        await conn.send('{"type": "ping"}')
        refused = await frame(conn)
        assert refused["type"] == "error" and refused["code"] == "rate_limited"
        assert refused["retry_after"] >= 1
        with contextlib.suppress(ConnectionClosed):
            for _ in range(20):  # keeps going: closed
                await conn.send('{"type": "ping"}')
        assert await closed_with(conn) == (4429, "too many frames")


async def test_the_frame_rate_refills(client: httpx.AsyncClient, second_web: WebProcess) -> None:
    athlete = await register(client)
    async with socket(second_web.url, athlete.access_token) as conn:
        await opened(conn)
        for _ in range(3):  # 15 frames over ~5 s: within 5 per 2 s
            for _ in range(5):
                await conn.send('{"type": "ping"}')
                assert (await frame(conn))["type"] == "pong"
            await asyncio.sleep(2.1)


# --- pings ----------------------------------------------------------------------------------


async def test_a_client_that_stops_answering_pings_is_dropped(
    client: httpx.AsyncClient, second_web: WebProcess
) -> None:
    """A raw TCP client that completes the handshake, then never answers (no pong)."""
    athlete = await register(client)
    reader, writer = await asyncio.open_connection("127.0.0.1", second_web.port)
    writer.write(
        (
            "GET /ws/events HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{second_web.port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            f"Authorization: Bearer {athlete.access_token}\r\n\r\n"
        ).encode()
    )
    started = time.monotonic()
    received = b""
    async with asyncio.timeout(15):
        while chunk := await reader.read(4096):
            received += chunk
    dropped_after = time.monotonic() - started
    writer.close()
    assert received.startswith(b"HTTP/1.1 101")
    assert b"\x89" in received  # a ping frame came, unanswered
    assert dropped_after < 6  # interval 1 s + timeout 1 s, not the default 40 s


async def test_a_client_that_answers_pings_stays(
    client: httpx.AsyncClient, second_web: WebProcess
) -> None:
    athlete = await register(client)
    async with socket(second_web.url, athlete.access_token) as conn:
        await opened(conn)
        await asyncio.sleep(3)  # three pings, answered by the client library
        await conn.send('{"type": "ping"}')
        assert (await frame(conn))["type"] == "pong"


async def test_a_revocation_missed_while_the_watch_reconnected_still_closes_the_socket(
    client: httpx.AsyncClient, app_server: str, settings: Any
) -> None:
    """redis-py reconnects the watch's pub/sub connection by itself; a revocation published
    while it was away (here: the marker set, never published) still ends the socket."""
    import jwt

    from runcoach.redis_pool import create_client
    from runcoach.revocation import marker_key

    athlete = await register(client)
    sid = jwt.decode(athlete.access_token, options={"verify_signature": False})["sid"]
    async with socket(app_server, athlete.access_token) as conn:
        await opened(conn)
        redis = create_client(settings)
        try:
            await redis.set(marker_key(sid), "1", ex=600)
            assert await redis.client_kill_filter(_type="pubsub") >= 1
        finally:
            await redis.aclose()
        assert await closed_with(conn) == (4401, "session revoked")
