"""``/ws/events``: the user's notifications and unread count, live.

Same authentication, origin rule, session life and limits as ``/ws/coach``
(``runcoach.sockets``: a header or a first ``auth`` frame within 5 s, else 4401;
4401 on revocation or expiry without a fresh ``auth`` frame; 4429 over the limits).
The server sends ``{"type": "unread_count", "unread_count": n}`` on connect
and whenever it changes, and ``{"type": "notification", "notification": {...},
"unread_count": n}`` when one is created, by any process (Redis pub/sub through the
process's ``LiveHub``). Client frames: ``{"type": "ping"}`` (answered ``pong``).
While the database is down the count cannot be read: the socket is closed with 1013
(try again later).
"""

from __future__ import annotations

import asyncio
import contextlib

import orjson
from sanic import Blueprint, Request
from sanic.server.websockets.impl import WebsocketImplProtocol
from sanic_ext import openapi

from runcoach import db
from runcoach.config import Settings
from runcoach.notifications import service
from runcoach.notifications.live import RESYNC, LiveHub
from runcoach.sockets import CLOSE_SEND_TIMEOUT, CLOSE_TRY_AGAIN_LATER, SocketGuard, authenticate

bp = Blueprint("notifications_ws")


@bp.websocket("/ws/events")
@openapi.exclude(True)
async def events_socket(request: Request, ws: WebsocketImplProtocol) -> None:
    settings: Settings = request.app.ctx.settings
    claims = await authenticate(request, ws, settings)
    if claims is None:
        return
    watch = request.app.ctx.sessions_watch
    async with SocketGuard(ws, claims, settings=settings, watch=watch) as guard:
        if guard is not None:
            await _relay(ws, guard, request.app.ctx.live, settings)


async def _relay(
    ws: WebsocketImplProtocol, guard: SocketGuard, hub: LiveHub, settings: Settings
) -> None:
    """Forward the user's frames until the socket closes; answer pings."""
    user_id = guard.user_id
    queue = await hub.join(user_id)

    async def count() -> bytes:
        unread = await service.unread_count(user_id=user_id)
        return orjson.dumps({"type": "unread_count", "unread_count": unread})

    async def relay() -> None:
        last = await count()
        await ws.send(last.decode())
        while True:
            data = await queue.get()
            if data == RESYNC:  # re-read the count; say it only if it is news
                frame = await count()
                if frame == last:
                    continue
            else:
                frame = data
            last = frame
            async with asyncio.timeout(settings.ws_send_timeout_s):
                await ws.send(frame.decode())

    relaying = asyncio.create_task(relay())
    try:
        while not relaying.done():
            raw = await ws.recv(timeout=1.0)
            if raw is None or not await guard.screen(raw):
                continue
            with contextlib.suppress(orjson.JSONDecodeError):
                frame = orjson.loads(raw)
                if isinstance(frame, dict) and frame.get("type") == "ping":
                    await ws.send('{"type":"pong"}')
        failure = relaying.exception()
        if isinstance(failure, TimeoutError):
            await ws.close(CLOSE_SEND_TIMEOUT, "the client is not reading")
        elif failure is not None and db.unavailable(failure):  # the count cannot be read
            await ws.close(CLOSE_TRY_AGAIN_LATER, "the database is unavailable; reconnect shortly")
        elif failure is not None:
            raise failure
    finally:
        relaying.cancel()
        with contextlib.suppress(BaseException):
            await relaying
        await hub.leave(user_id, queue)
