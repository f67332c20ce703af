"""The Redis cache: per-user versioned entries, single flight, early refresh, fail-open.

Keys live under the user's version: ``rc:u:{user}:v{n}:{class}:{name}`` (and, for the
leaderboards, the leaderboards' version too: ``v{n}.{m}``). A write of the user's data
bumps the version (one ``INCR``, after the write commits), so every entry of the old
version is unreachable at once and expires on its own: nothing scans the keyspace.

* **Read**: one round trip (a script reads the version(s) and the entry).
* **Miss**: computed once (``SET NX PX`` lock with a random token, released by a
  compare-and-delete script); other callers wait for the value and take it.
* **Early refresh (XFetch)**: a hit close to its expiry is recomputed, by one caller,
  with a probability that grows as expiry nears and with the entry's compute time;
  everyone else keeps getting the cached value meanwhile.
* **Values**: bytes with a short text header (``rc1|etag|expires|delta|valid_until|``),
  JSON bodies (orjson). Anything else found under a key (a pickle, garbage) is a miss.
* **Fail-open**: short socket timeouts; a Redis error opens a breaker for a second
  (no Redis call meanwhile), logs once, counts, and the caller computes as if there
  were no cache. A version bump that failed is retried before this process serves
  that user from the cache again.

No Sanic here: ``runcoach.http_cache`` turns entries into HTTP answers. The admin tool
``python -m runcoach.cache`` counts the cache's keys by kind (the one place that SCANs).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import random
import secrets
import time
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import orjson
import redis.asyncio as aioredis
from redis.exceptions import RedisError

from runcoach import revocation
from runcoach.config import Settings, get_settings
from runcoach.fastredis import FastRedis
from runcoach.logs import event
from runcoach.redis_pool import per_loop

log = logging.getLogger("runcoach.cache")

TTL_S = {"computations": 1800, "aggregations": 3600, "responses": 300, "device_sync": 7200}
"""DESIGN.md, "Caching": how long an entry of each class lives at most."""
LEADERBOARDS_VERSION_KEY = "rc:lb:ver"
LOCK_MS = 10_000  # a computing caller's lease on a missing key
WAIT_S = 3.0  # how long a caller waits for another's computation before doing it itself
BREAKER_S = 1.0  # no Redis call for this long after an error
XFETCH_BETA = 1.0

# The body both reads share: the versions (KEYS from FIRST on; a missing one starts from
# ARGV[3]), the entry (ARGV[1] .. version .. ARGV[2]) and, when it is missing, its compute
# lock for this caller (ARGV[4] the token, ARGV[5] the lease in ms; ``locked`` 1: this
# caller computes the value).
_VERSION_ENTRY_LOCK = """
local parts = {}
for i = FIRST, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if not v then
    v = ARGV[3]
    redis.call('SET', KEYS[i], v)
  end
  parts[#parts + 1] = v
end
local version = table.concat(parts, '.')
local key = ARGV[1] .. version .. ARGV[2]
local entry = redis.call('GET', key)
local locked = 0
if not entry and redis.call('SET', key .. ':lock', ARGV[4], 'NX', 'PX', ARGV[5]) then
  locked = 1
end
"""
# KEYS: the version keys.
_READ = _VERSION_ENTRY_LOCK.replace("FIRST", "1") + "return {version, entry or '', locked}\n"
# The same read, for a request whose session is checked here too (runcoach.revocation):
# KEYS[1] the session's revocation marker, KEYS[2] its seen flag, then the versions;
# ARGV[6] the seen flag's TTL. A revoked session reads nothing ({'revoked'}).
_READ_LIVE = (
    """
if redis.call('EXISTS', KEYS[1]) == 1 then return {'revoked'} end
local seen = 0
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[6]) then seen = 1 end
"""
    + _VERSION_ENTRY_LOCK.replace("FIRST", "3")
    + "return {version, entry or '', seen, locked}\n"
)
# A missing version (evicted, or never set) starts from the clock in microseconds, never
# from 1: a version number is never reused while entries of it may still exist.
_BUMP = """
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('SET', key, ARGV[1]) end
end
return #KEYS
"""
# Store a computed entry and give its lock back (the lock only if still this caller's).
_STORE = """
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
return 1
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def user_version_key(user_id: uuid.UUID | str) -> str:
    return f"rc:u:{user_id}:ver"


@dataclass(frozen=True, slots=True)
class Entry:
    """A cached value: the body, its ETag, and when it expires (ms since the epoch)."""

    body: bytes
    etag: str
    expires_ms: int = 0
    delta_ms: int = 0  # what computing it took
    valid_until_ms: int = 0  # 0: valid until it expires; else not served after this

    def encode(self) -> bytes:
        head = f"rc1|{self.etag}|{self.expires_ms}|{self.delta_ms}|{self.valid_until_ms}|"
        return head.encode() + self.body

    @classmethod
    def decode(cls, raw: bytes) -> Entry | None:
        """The entry, or None for anything this module did not write."""
        if not raw.startswith(b"rc1|"):
            return None
        parts = raw.split(b"|", 5)
        if len(parts) != 6:
            return None
        _, etag, expires, delta, valid_until, body = parts
        if not (etag.isalnum() and expires.isdigit() and delta.isdigit() and valid_until.isdigit()):
            return None
        return cls(body, etag.decode(), int(expires), int(delta), int(valid_until))


def etag_of(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=10).hexdigest()


def _now_ms() -> int:
    return int(time.time() * 1000)


T = TypeVar("T")


DECODED_ENTRIES = 4_096
"""Decoded values kept per process (``decoded``), least recently used out."""
_decoded: OrderedDict[tuple[str, str], Any] = OrderedDict()


def decoded(entry: Entry, decode: Callable[[bytes], T], *, kind: str) -> T:
    """``decode(entry.body)``, kept in this process under the entry's ETag.

    The ETag names the entry's bytes, so a value decoded once is exactly as fresh as
    the entry: a caller that turns the same entry into an object on every hit (the
    coach's snapshot, before each answer) decodes it once. ``kind`` keeps the values
    of different decoders apart.
    """
    key = (kind, entry.etag)
    value = _decoded.get(key)
    if value is not None:
        _decoded.move_to_end(key)
        return value
    value = _decoded[key] = decode(entry.body)
    if len(_decoded) > DECODED_ENTRIES:
        _decoded.popitem(last=False)
    return value


def remember(entry: Entry, value: T, *, kind: str) -> T:
    """Keep ``value``, made by the caller that computed ``entry``, as ``decoded`` would
    have decoded it (the computing caller need not decode what it just encoded)."""
    _decoded[(kind, entry.etag)] = value
    if len(_decoded) > DECODED_ENTRIES:
        _decoded.popitem(last=False)
    return value


def _version_keys(user_ids: tuple[uuid.UUID | str, ...], leaderboards: bool) -> list[str]:
    """The version keys an entry (or a bump) of these users depends on."""
    keys = [user_version_key(u) for u in user_ids]
    if leaderboards:
        keys.append(LEADERBOARDS_VERSION_KEY)
    return keys


class CacheService:
    """One per process (``service()``); safe on any event loop (a client per loop)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.enabled = settings.cache_enabled
        self._clients: dict[asyncio.AbstractEventLoop, aioredis.Redis] = {}
        self._fast_clients: dict[asyncio.AbstractEventLoop, FastRedis] = {}
        self._down_until = 0.0
        self._unbumped: set[str] = set()
        self.stats: dict[str, int] = dict.fromkeys(
            ("hits", "misses", "waits", "refreshes", "bypassed", "errors", "invalid"), 0
        )

    # Redis plumbing ---------------------------------------------------------------------

    def _client(self) -> aioredis.Redis:
        """A redis-py client (the admin tool and the tests; the hot path uses ``_fast``)."""
        from runcoach.redis_pool import create_client

        return per_loop(self._clients, lambda: create_client(self.settings))

    def _fast(self) -> FastRedis:
        """The hot path's client: one pipelined connection per event loop."""
        from runcoach.redis_pool import redis_url

        return per_loop(
            self._fast_clients,
            lambda: FastRedis(redis_url(self.settings), timeout=self.settings.cache_timeout_s),
        )

    async def aclose(self) -> None:
        loop = asyncio.get_running_loop()
        client = self._clients.pop(loop, None)
        if client is not None:
            await client.aclose()
        fast = self._fast_clients.pop(loop, None)
        if fast is not None:
            await fast.aclose()

    def available(self) -> bool:
        return self.enabled and time.monotonic() >= self._down_until

    def _failed(self, what: str, exc: BaseException) -> None:
        self.stats["errors"] += 1
        if time.monotonic() >= self._down_until:  # log once per trip of the breaker
            event(log, "cache.unavailable", logging.WARNING, op=what, error=type(exc).__name__)
        self._down_until = time.monotonic() + BREAKER_S

    async def _eval(self, script: str, keys: list[str], args: list[Any]) -> Any:
        return await self._fast().eval(script, keys, args)

    # Versions -----------------------------------------------------------------------------

    async def invalidate(self, *user_ids: uuid.UUID | str, leaderboards: bool = False) -> None:
        """Bump the users' versions (and the leaderboards'): their entries are gone at once."""
        await self._bump(_version_keys(user_ids, leaderboards))

    async def _bump(self, keys: list[str]) -> bool:
        if not self.enabled:
            return True
        if self.available():
            try:
                await self._eval(_BUMP, keys, [str(time.time_ns() // 1000)])
                return True
            except (RedisError, OSError, TimeoutError) as exc:
                self._failed("invalidate", exc)
        self._unbumped.update(keys)  # bumped before this process reads them from the cache
        return False

    async def _flush_unbumped(self, keys: list[str]) -> bool:
        """Whether none of ``keys`` waits for a bump that failed (retrying it now)."""
        waiting = [k for k in keys if k in self._unbumped]
        if not waiting:
            return True
        self._unbumped.difference_update(waiting)
        return await self._bump(waiting)

    # Reading ------------------------------------------------------------------------------

    async def fetch(
        self,
        klass: str,
        user_id: uuid.UUID | str,
        name: str,
        compute: Callable[[], Awaitable[bytes]],
        *,
        leaderboards: bool = False,
        valid_until: Callable[[], Awaitable[int]] | None = None,
        session_id: uuid.UUID | None = None,
    ) -> tuple[Entry, str]:
        """The entry for ``name`` and how it was had: hit, miss, wait, refresh or bypass.

        ``compute`` makes the body on a miss (its exceptions reach the caller, nothing is
        stored); ``valid_until`` (ms since the epoch, called on a miss) bounds an entry
        that goes stale at a known time, such as the user's local midnight.
        ``session_id``: the request's session, checked in the same round trip as the read
        (``runcoach.revocation``), or by ``revocation.ensure_live`` when the cache is not
        used; Unauthorized when it has ended, before anything is computed.
        """
        ttl_ms = TTL_S[klass] * 1000
        keys = _version_keys((user_id,), leaderboards)
        if not self.available() or not await self._flush_unbumped(keys):
            return await self._bypass(compute, session_id)
        prefix, suffix = f"rc:u:{user_id}:v", f":{klass}:{name}"
        read_token = secrets.token_hex(8)  # the lock's, if the read takes it
        args = [prefix, suffix, time.time_ns() // 1000, read_token, LOCK_MS]
        try:
            if session_id is None:
                version, raw, locked = await self._eval(_READ, keys, args)
            else:
                reply = await self._eval(
                    _READ_LIVE, [*revocation.cache_keys(session_id), *keys],
                    [*args, revocation.SEEN_S],
                )  # fmt: skip
                if len(reply) == 1:
                    raise revocation.ended()
                version, raw, seen, locked = reply
                if seen:
                    revocation.revocation().seen(session_id)
            raw = raw or None
        except (RedisError, OSError, TimeoutError) as exc:
            self._failed("read", exc)
            return await self._bypass(compute, session_id)
        key = prefix + version.decode() + suffix
        entry = Entry.decode(raw) if raw is not None else None
        if raw is not None and entry is None:
            self.stats["invalid"] += 1
        now = _now_ms()
        if entry is not None and (not entry.valid_until_ms or now < entry.valid_until_ms):
            if not self._refresh_due(entry, now):
                self.stats["hits"] += 1
                return entry, "hit"
            token = await self._lock(key)
            if token is None:  # another caller refreshes it; this one keeps the value
                self.stats["hits"] += 1
                return entry, "hit"
            self.stats["refreshes"] += 1
            return await self._compute(key, ttl_ms, compute, valid_until, token), "refresh"
        self.stats["misses"] += 1
        # locked: the read took the lock; else an invalid or outdated entry is in the way,
        # or another caller computes it
        token = read_token if locked else await self._lock(key)
        if token is None:
            waited = await self._wait(key)
            if waited is not None:
                self.stats["waits"] += 1
                return waited, "wait"
            token = ""  # the other caller failed or is slow: compute (and store) here
        return await self._compute(key, ttl_ms, compute, valid_until, token), "miss"

    async def get_json(self, key: str) -> Any:
        """A content-addressed JSON value (a key that names its inputs); None when missing,
        not JSON, or Redis is unavailable."""
        if not self.available():
            return None
        try:
            raw = await self._fast().execute("GET", key)
        except (RedisError, OSError, TimeoutError) as exc:
            self._failed("get", exc)
            return None
        if raw is None:
            self.stats["misses"] += 1
            return None
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError:
            self.stats["invalid"] += 1
            return None
        self.stats["hits"] += 1
        return value

    async def set_json(self, key: str, value: Any, klass: str) -> None:
        """Store a content-addressed JSON value for ``klass``'s TTL (fail-open)."""
        if not self.available():
            return
        try:
            await self._fast().execute("SET", key, orjson.dumps(value), "EX", TTL_S[klass])
        except (RedisError, OSError, TimeoutError) as exc:
            self._failed("set", exc)

    @staticmethod
    def _refresh_due(entry: Entry, now_ms: int) -> bool:
        """XFetch: recompute early with a probability rising towards the expiry."""
        if not entry.expires_ms:
            return False
        gap = -entry.delta_ms * XFETCH_BETA * math.log(1.0 - random.random())
        return now_ms + gap >= entry.expires_ms

    async def _bypass(
        self, compute: Callable[[], Awaitable[bytes]], session_id: uuid.UUID | None = None
    ) -> tuple[Entry, str]:
        if session_id is not None:  # not checked by the read script: checked on its own
            await revocation.ensure_live(session_id)
        self.stats["bypassed"] += 1
        body = await compute()
        return Entry(body, etag_of(body)), "bypass"

    async def _lock(self, key: str) -> str | None:
        """A token if this caller now computes ``key``; None if another one does."""
        token = secrets.token_hex(8)
        try:
            got = await self._fast().execute("SET", key + ":lock", token, "NX", "PX", LOCK_MS)
        except (RedisError, OSError, TimeoutError) as exc:
            self._failed("lock", exc)
            return ""
        return token if got else None

    async def _wait(self, key: str) -> Entry | None:
        """The value another caller is computing, once it is stored (None: gave up)."""
        deadline = time.monotonic() + WAIT_S
        pause = 0.005
        fast = self._fast()
        while time.monotonic() < deadline:
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.05)
            try:
                raw, locked = await fast.execute("MGET", key, key + ":lock")
            except (RedisError, OSError, TimeoutError) as exc:
                self._failed("wait", exc)
                return None
            if isinstance(raw, bytes):
                entry = Entry.decode(raw)
                if entry is not None:
                    return entry
            if locked is None:  # the computing caller gave up without a value
                return None
        return None

    async def _compute(
        self,
        key: str,
        ttl_ms: int,
        compute: Callable[[], Awaitable[bytes]],
        valid_until: Callable[[], Awaitable[int]] | None,
        token: str,
    ) -> Entry:
        started = time.monotonic()
        try:
            body = await compute()
            bound = await valid_until() if valid_until is not None else 0
            delta = int((time.monotonic() - started) * 1000)
            entry = Entry(body, etag_of(body), _now_ms() + ttl_ms, delta, bound)
            if self.available():
                try:
                    if token:  # stored and the lock given back in one call
                        await self._eval(
                            _STORE, [key, key + ":lock"], [entry.encode(), ttl_ms, token]
                        )
                        token = ""
                    else:
                        await self._fast().execute("SET", key, entry.encode(), "PX", ttl_ms)
                except (RedisError, OSError, TimeoutError) as exc:
                    self._failed("store", exc)
            return entry
        finally:
            if token and self.available():
                try:
                    await self._eval(_RELEASE, [key + ":lock"], [token])
                except (RedisError, OSError, TimeoutError) as exc:
                    self._failed("release", exc)


_service: CacheService | None = None


def service() -> CacheService:
    """The process's cache (built from the settings on first use)."""
    global _service
    if _service is None:
        _service = CacheService(get_settings())
    return _service


def configure(settings: Settings) -> CacheService:
    """Build the process's cache from ``settings`` (the app and the worker call this)."""
    global _service
    _service = CacheService(settings)
    return _service


async def invalidate(*user_ids: uuid.UUID | str, leaderboards: bool = False) -> None:
    """Bump these users' cache versions now, in one round trip (after the write committed)."""
    await service().invalidate(*user_ids, leaderboards=leaderboards)


# --- the admin tool ---------------------------------------------------------------------------


async def scan_report(client: aioredis.Redis) -> dict[str, int]:
    """Keys under ``rc:`` by kind, with SCAN (never KEYS): an operator's view, not a hot path."""
    counts: dict[str, int] = {}
    async for raw in client.scan_iter(match="rc:*", count=1000):
        key = raw.decode() if isinstance(raw, bytes) else str(raw)
        parts = key.split(":")
        if key.endswith(":lock"):
            kind = "locks"
        elif key == LEADERBOARDS_VERSION_KEY or key.endswith(":ver"):
            kind = "versions"
        elif parts[1] == "u" and len(parts) > 4 and parts[4] in TTL_S:
            kind = parts[4]
        else:
            kind = parts[1]  # plan, coach, ...
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items()))


async def _main() -> None:
    svc = service()
    try:
        for kind, count in (await scan_report(svc._client())).items():
            print(f"{kind:<14} {count:>10,}")
    finally:
        await svc.aclose()


if __name__ == "__main__":
    asyncio.run(_main())
