"""Ended sessions: checked on every authenticated request, in every web process, at once.

A session (a login: the refresh family its access tokens carry as ``sid``) is ended in
PostgreSQL first, the truth (the auth domain's ``sessions.revoked_at``); then ``revoke``
sets a Redis marker ``rc:session:revoked:{sid}`` that lives as long as an access token
(so every token of the session is covered until it expires on its own) and publishes
the sid on ``rc:sessions:revoked``, so that every process closes that session's open
websockets (``Watch``).

* **The check costs no extra round trip on a cached page**: ``runcoach.cache`` reads the
  marker in the script that reads the user's version and the entry (``cache_keys``).
  Other routes run ``_CHECK`` (one EVALSHA): ``EXISTS`` the marker, and ``SET seen NX
  EX 300``, whose success tells this process to write ``last_used_at`` (in the
  background, so at most once per 5 minutes per session).
* **Redis down** (an error, a timeout, or its breaker open): the session row is read by
  its primary key (``configure(is_live=...)``, the auth domain's function, wired by the
  composition root): a revoked session is refused whatever Redis does.
* A marker that could not be written (Redis down at the moment of the revocation) is
  retried in the background until it is, for as long as a token of it can live.

No domain here: the auth domain calls ``revoke``; the app wires ``is_live`` and ``touch``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from runcoach.config import Settings
from runcoach.errors import Unauthorized
from runcoach.fastredis import FastRedis
from runcoach.logs import event
from runcoach.redis_pool import follow_reconnects, per_loop, unfollow_reconnects

__all__ = [
    "CHANNEL",
    "SEEN_S",
    "Revocation",
    "Watch",
    "configure",
    "ensure_live",
    "marker_key",
    "revocation",
    "revoke",
    "seen_key",
]

log = logging.getLogger("runcoach.sessions")

CHANNEL = "rc:sessions:revoked"
SEEN_S = 300  # last_used_at is written at most this often per session
BREAKER_S = 1.0  # no Redis call for this long after an error: the database answers
MARKER_MARGIN_S = 60  # a marker outlives the longest access token by this much

IsLive = Callable[[uuid.UUID], Awaitable[bool]]
Touch = Callable[[uuid.UUID], Awaitable[None]]


def marker_key(session_id: uuid.UUID | str) -> str:
    return f"rc:session:revoked:{session_id}"


def seen_key(session_id: uuid.UUID | str) -> str:
    return f"rc:session:seen:{session_id}"


def cache_keys(session_id: uuid.UUID | str) -> tuple[str, str]:
    """The keys the cache's read script checks first: the marker, then the seen flag."""
    return marker_key(session_id), seen_key(session_id)


# -1: revoked; 1: live, and first seen for SEEN_S (write last_used_at); 0: live.
_CHECK = """
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then return 1 end
return 0
"""
# KEYS: markers; ARGV[1]: their TTL (s), ARGV[2]: the channel, ARGV[3..]: the sids.
_REVOKE = """
for i, key in ipairs(KEYS) do
  redis.call('SET', key, '1', 'EX', ARGV[1])
  redis.call('PUBLISH', ARGV[2], ARGV[i + 2])
end
return #KEYS
"""


async def _always_live(session_id: uuid.UUID) -> bool:
    return True


async def _no_touch(session_id: uuid.UUID) -> None:
    return None


class Revocation:
    """The process's view of ended sessions (``revocation()``); safe on any event loop."""

    def __init__(
        self, settings: Settings, *, is_live: IsLive = _always_live, touch: Touch = _no_touch
    ) -> None:
        self.settings = settings
        self.is_live = is_live
        self.touch = touch
        self.marker_ttl_s = settings.access_token_ttl_s + MARKER_MARGIN_S
        self._clients: dict[asyncio.AbstractEventLoop, FastRedis] = {}
        self._down_until = 0.0
        self._background: set[asyncio.Task[Any]] = set()
        self._touched: dict[uuid.UUID, float] = {}  # Redis down: this process's own "seen"

    def _fast(self) -> FastRedis:
        from runcoach.redis_pool import redis_url

        return per_loop(
            self._clients,
            lambda: FastRedis(redis_url(self.settings), timeout=self.settings.cache_timeout_s),
        )

    async def aclose(self) -> None:
        for task in list(self._background):
            task.cancel()
        client = self._clients.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.aclose()

    def redis_usable(self) -> bool:
        return time.monotonic() >= self._down_until

    def failed(self, exc: BaseException) -> None:
        """Redis failed a session check: the database answers for a second."""
        if self.redis_usable():
            event(log, "sessions.redis_unavailable", logging.WARNING, error=type(exc).__name__)
        self._down_until = time.monotonic() + BREAKER_S

    async def _eval(self, script: str, keys: list[str], args: list[Any]) -> Any:
        return await self._fast().eval(script, keys, args)

    # the check ---------------------------------------------------------------------------

    async def ensure_live(self, session_id: uuid.UUID) -> None:
        """Return if the session lives; Unauthorized if it was ended (Redis, else the row)."""
        if self.redis_usable():
            try:
                state = int(
                    await self._eval(
                        _CHECK, [marker_key(session_id), seen_key(session_id)], [SEEN_S]
                    )
                )
            except (RedisError, OSError, TimeoutError) as exc:
                self.failed(exc)
            else:
                if state < 0:
                    raise ended()
                if state > 0:
                    self.seen(session_id)
                return
        await self.ensure_live_in_database(session_id)

    async def ensure_live_in_database(self, session_id: uuid.UUID) -> None:
        """The fallback: the session's row, by its primary key."""
        if not await self.is_live(session_id):
            raise ended()
        now = time.monotonic()
        if now - self._touched.get(session_id, 0.0) >= SEEN_S:
            if len(self._touched) > 10_000:
                self._touched.clear()
            self._touched[session_id] = now
            self.seen(session_id)

    def seen(self, session_id: uuid.UUID) -> None:
        """Write the session's ``last_used_at`` in the background (never fails a request)."""
        self._spawn(self._touch(session_id))

    async def _touch(self, session_id: uuid.UUID) -> None:
        try:
            await self.touch(session_id)
        except Exception as exc:  # a background write: log it, never raise
            event(log, "sessions.touch_failed", logging.WARNING, error=type(exc).__name__)

    def _spawn(self, coro: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    # revoking ----------------------------------------------------------------------------

    async def revoke(self, session_ids: Iterable[uuid.UUID]) -> None:
        """Mark the sessions ended in Redis and tell every process (after the database
        says so). Never raises: a marker Redis refused is retried in the background."""
        sids = [str(s) for s in session_ids]
        if not sids:
            return
        if not await self._mark(sids):
            self._spawn(self._mark_later(sids))

    async def _mark(self, sids: list[str]) -> bool:
        try:
            await self._eval(
                _REVOKE, [marker_key(s) for s in sids], [self.marker_ttl_s, CHANNEL, *sids]
            )
        except (RedisError, OSError, TimeoutError) as exc:
            event(log, "sessions.marker_failed", logging.WARNING, error=type(exc).__name__,
                  sessions=len(sids))  # fmt: skip
            return False
        return True

    async def _mark_later(self, sids: list[str]) -> None:
        deadline = time.monotonic() + self.marker_ttl_s
        delay = 0.5
        while time.monotonic() < deadline:
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)
            if await self._mark(sids):
                return


def ended() -> Unauthorized:
    return Unauthorized("the session has ended; please log in again")


_revocation: Revocation | None = None


def revocation() -> Revocation:
    """The process's instance (a no-database one until ``configure``)."""
    global _revocation
    if _revocation is None:
        from runcoach.config import get_settings

        _revocation = Revocation(get_settings())
    return _revocation


def configure(settings: Settings, *, is_live: IsLive, touch: Touch) -> Revocation:
    """Build the process's instance (the app at start-up; the worker, to revoke)."""
    global _revocation
    _revocation = Revocation(settings, is_live=is_live, touch=touch)
    return _revocation


async def ensure_live(session_id: uuid.UUID) -> None:
    """Unauthorized when the session was ended (one Redis script, or its row)."""
    await revocation().ensure_live(session_id)


async def revoke(session_ids: Iterable[uuid.UUID]) -> None:
    """Tell Redis and every process that these sessions ended (after the database did)."""
    await revocation().revoke(session_ids)


# --- open sockets ---------------------------------------------------------------------------


class Watch:
    """The process's subscription to ended sessions: one pub/sub connection for all sockets.

    ``watch(sid)`` gives an event that is set when the session is revoked, by any process.
    After a lost connection, the markers of every watched session are read again, so a
    revocation published meanwhile is not missed.
    """

    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis
        self._events: dict[str, set[asyncio.Event]] = {}
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task
            self._task = None

    def watch(self, session_id: uuid.UUID) -> asyncio.Event:
        revoked = asyncio.Event()
        self._events.setdefault(str(session_id), set()).add(revoked)
        return revoked

    def unwatch(self, session_id: uuid.UUID, revoked: asyncio.Event) -> None:
        events = self._events.get(str(session_id))
        if events is not None:
            events.discard(revoked)
            if not events:
                del self._events[str(session_id)]

    def _fire(self, sid: str) -> None:
        for revoked in self._events.get(sid, ()):
            revoked.set()

    async def _resync(self) -> None:
        sids = list(self._events)
        if not sids:
            return
        found = await self._redis.mget([marker_key(s) for s in sids])
        for sid, marker in zip(sids, found, strict=True):
            if marker is not None:
                self._fire(sid)

    async def _reconnected(self, connection: object) -> None:
        """redis-py's connect callback (after its own resubscription)."""
        event(log, "sessions.watch_reconnected")
        await self._resync()

    async def _run(self) -> None:
        delay = 0.1
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.subscribe(CHANNEL)
                follow_reconnects(pubsub, self._reconnected)  # each one reads the markers too
                await self._resync()  # anything published while away
                delay = 0.1
                while True:
                    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                    if message is None or message.get("type") != "message":
                        continue
                    data = message["data"]
                    self._fire(data.decode() if isinstance(data, bytes) else str(data))
            except (RedisError, OSError, RuntimeError) as exc:
                event(log, "sessions.watch_unavailable", logging.WARNING,
                      error=type(exc).__name__)  # fmt: skip
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
            finally:
                unfollow_reconnects(pubsub, self._reconnected)
                with contextlib.suppress(RedisError, OSError, RuntimeError):
                    await pubsub.aclose()
