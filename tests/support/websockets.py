"""Websocket helpers shared by the coach and the live-events tests."""

from __future__ import annotations

import asyncio
import contextlib

from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed


async def close_code(conn: ClientConnection) -> int | None:
    with contextlib.suppress(ConnectionClosed):
        async with asyncio.timeout(10):
            while True:
                await conn.recv()
    return conn.close_code
