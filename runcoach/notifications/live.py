"""Live notification frames for ``/ws/events``: one Redis subscriber per web process.

Whatever creates a notification (a worker, another web process) publishes on the
user's channel (``service.channel``). Each web process keeps ONE pub/sub connection,
subscribed to the channels of the users who have a socket open on it, and hands each
message to those sockets' queues. Sockets never talk to Redis themselves, so a
thousand open sockets cost one Redis connection, not a thousand.

When Redis goes away the hub reconnects with backoff and subscribes again (or redis-py
reconnects the connection by itself); either way the sockets are told their current
unread count afterwards (``resync``), so a message published while it was away is not
missed for good: the count is read from the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from runcoach.logs import event
from runcoach.notifications.service import channel
from runcoach.redis_pool import follow_reconnects, unfollow_reconnects

log = logging.getLogger("runcoach.notifications")

QUEUE_SIZE = 64  # frames a slow socket may have waiting; beyond, it gets a resync
RESYNC = b""  # a queue item meaning "read your unread count again"


class LiveHub:
    """Routes published frames to the queues of this process's open ``/ws/events``."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis
        self._queues: dict[uuid.UUID, set[asyncio.Queue[bytes]]] = {}
        self._pubsub: aioredis.client.PubSub | None = None
        self._task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task
            self._task = None
        await self._close()

    async def join(self, user_id: uuid.UUID) -> asyncio.Queue[bytes]:
        """A queue that receives the user's frames until ``leave``."""
        queue: asyncio.Queue[bytes] = asyncio.Queue(QUEUE_SIZE)
        first = user_id not in self._queues
        self._queues.setdefault(user_id, set()).add(queue)
        if first:
            await self._subscribe(user_id)
        return queue

    async def leave(self, user_id: uuid.UUID, queue: asyncio.Queue[bytes]) -> None:
        queues = self._queues.get(user_id)
        if queues is None:
            return
        queues.discard(queue)
        if not queues:
            del self._queues[user_id]
            if self._pubsub is not None:
                with contextlib.suppress(RedisError, OSError):
                    await self._pubsub.unsubscribe(channel(user_id))

    async def _subscribe(self, user_id: uuid.UUID) -> None:
        if self._pubsub is not None:
            try:
                await self._pubsub.subscribe(channel(user_id))
            except (RedisError, OSError):
                await self._close()  # the reader reconnects and subscribes everyone
        self._changed.set()

    def _resync_all(self) -> None:
        for user_id in list(self._queues):
            self._deliver(user_id, RESYNC)

    def _reconnected(self, connection: object) -> None:
        """redis-py's connect callback (after its own resubscription): resync everyone."""
        event(log, "notifications.live_reconnected")
        self._resync_all()

    async def _close(self) -> None:
        pubsub, self._pubsub = self._pubsub, None
        if pubsub is not None:
            unfollow_reconnects(pubsub, self._reconnected)
            with contextlib.suppress(RedisError, OSError):
                await pubsub.aclose()

    def _deliver(self, user_id: uuid.UUID, data: bytes) -> None:
        for queue in list(self._queues.get(user_id, ())):
            try:
                queue.put_nowait(data)
            except asyncio.QueueFull:  # a slow socket: drop what waits, tell it to resync
                while not queue.empty():
                    queue.get_nowait()
                queue.put_nowait(RESYNC)

    async def _run(self) -> None:
        delay = 0.1
        while True:
            if not self._queues:
                self._changed.clear()
                await self._changed.wait()
                continue
            try:
                if self._pubsub is None:
                    pubsub = self._redis.pubsub()
                    await pubsub.subscribe(*(channel(u) for u in self._queues))
                    self._pubsub = pubsub
                    follow_reconnects(pubsub, self._reconnected)  # each one resyncs too
                    self._resync_all()  # anything missed while away
                    delay = 0.1
                message = await self._pubsub.get_message(
                    ignore_subscribe_messages=True, timeout=1.0
                )
            except (RedisError, OSError, RuntimeError) as exc:
                event(log, "notifications.live_unavailable", logging.WARNING,
                      error=type(exc).__name__)  # fmt: skip
                await self._close()
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
                continue
            if message is None or message.get("type") != "message":
                continue
            name = message["channel"]
            name = name.decode() if isinstance(name, bytes) else str(name)
            try:
                user_id = uuid.UUID(name.split(":")[2])
            except (IndexError, ValueError):
                continue
            data = message["data"]
            self._deliver(user_id, data if isinstance(data, bytes) else str(data).encode())
