"""Limits, one mechanism: named rate limits and concurrency caps, counted atomically.

``RULES`` is the one table: for each limit, the setting that holds its value (README's
"Configuration"), what it counts per (a user, an address, an account), what a refusal
says, and what happens when Redis is down. A service takes what a request costs with
``hit`` (one limit) or ``hit_all`` (several, all or nothing) before the work it guards;
``hold`` caps what runs at once.

* **Rates**: a window of ``window_s`` that starts at the subject's first hit. One Lua
  script checks and counts every limit of a call at once, so N concurrent requests
  against a limit of L give exactly L, never more. A hit can be given back
  (``Reservation.give_back``): login reserves an attempt before the password is
  checked and gives it back on success, so only failures count.
* **Concurrency caps** (``hold``): at most ``count`` at once per subject, each a lease of
  ``lease_s`` in a sorted set, so the slots of a crashed process free themselves.
* **A refusal** is ``RateLimited``: 429, ``Retry-After``, the problem ``code``
  ``rate_limited``, with the ``limit``, the count ``used`` and when the window
  ``resets_at``, as billing's monthly quotas (PostgreSQL counters) will say theirs.
* **Redis down**: a limit fails open (allowed, one log line), except those whose rule
  falls back to the database (login): they are counted in PostgreSQL
  (``limit_counters``), exactly as in Redis, so knocking Redis over buys an attacker
  nothing. After a Redis error, Redis is left alone for a second.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import random
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from redis.exceptions import RedisError
from tortoise import fields as orm
from tortoise.models import Model
from tortoise.transactions import in_transaction

from runcoach import db
from runcoach.config import Rate, Settings, get_settings
from runcoach.errors import RateLimited
from runcoach.fastredis import FastRedis
from runcoach.logs import event
from runcoach.redis_pool import per_loop, redis_url

__all__ = [
    "RULES",
    "Fallback",
    "Limit",
    "LimitCounter",
    "LimitName",
    "Limiter",
    "Reservation",
    "Rule",
    "Slot",
    "configure",
    "hit",
    "hit_all",
    "hold",
    "limiter",
    "take_slot",
]

log = logging.getLogger("runcoach.limits")

BREAKER_S = 1.0  # no Redis call for this long after a Redis error
HELD_RETRY_S = 5  # Retry-After when a concurrency cap is full (a held slot ends soon)
REDIS_TIMEOUT_S = 1.0  # a limit waits this long for Redis, then fails open (or counts in SQL)
PURGE_CHANCE = 0.01  # share of database hits that also delete some expired counters


class LimitName(StrEnum):
    """Every limit, named ``<what>.<per what>``."""

    LOGIN_ACCOUNT = "login.account"
    LOGIN_IP = "login.ip"
    REGISTER_IP = "register.ip"
    PASSWORD_RESET = "password_reset.account"  # noqa: S105 - a name, not a password
    PASSWORD_CHANGE = "password_change.user"  # noqa: S105 - a name, not a password
    PLANS = "plans.user"
    COACH_MESSAGES = "coach_messages.user"
    COACH_STREAMS = "coach_streams.user"
    ANALYSES = "analyses.user"
    IMPORTS = "imports.user"
    DEVICE_CONNECT = "device_connect.user"
    DEVICE_SYNC = "device_sync.user"
    WS_SOCKETS = "ws_sockets.user"
    SHARE_VIEW = "share_view.ip"


class Fallback(StrEnum):
    """What a limit does while Redis cannot be reached."""

    OPEN = "open"  # allow, and log it
    DATABASE = "database"  # count in PostgreSQL instead


@dataclass(frozen=True, slots=True)
class Rule:
    """How a limit is declared: its setting, what it says, and how it fails.

    ``setting`` names a ``Settings`` field: a ``Rate`` (count per window), or, for a
    concurrency cap (``lease_s`` > 0), an ``int`` (how many at once, each held at most
    ``lease_s``). ``detail`` may name ``{count}``.
    """

    setting: str
    detail: str
    when_down: Fallback = Fallback.OPEN
    lease_s: int = 0


RULES: dict[LimitName, Rule] = {
    LimitName.LOGIN_ACCOUNT: Rule(
        "limit_login_account",
        "too many failed logins for this account; try again later",
        when_down=Fallback.DATABASE,
    ),
    LimitName.LOGIN_IP: Rule(
        "limit_login_ip",
        "too many failed logins from this address; try again later",
        when_down=Fallback.DATABASE,
    ),
    LimitName.REGISTER_IP: Rule(
        "limit_register_ip", "too many accounts created from this address; try again later"
    ),
    # declared for the reset flow (no route yet): one request per account costs one
    LimitName.PASSWORD_RESET: Rule(
        "limit_password_reset",
        "too many password resets asked for this account; try again later",
        when_down=Fallback.DATABASE,
    ),
    LimitName.PASSWORD_CHANGE: Rule(
        "limit_password_change",
        "too many password changes tried; try again later",
        when_down=Fallback.DATABASE,
    ),
    LimitName.PLANS: Rule("limit_plans", "too many plan requests; try again later"),
    LimitName.COACH_MESSAGES: Rule(
        "limit_coach_messages", "too many messages to the coach; try again later"
    ),
    LimitName.COACH_STREAMS: Rule(
        "coach_max_streams", "at most {count} answers may stream at once", lease_s=600
    ),
    LimitName.ANALYSES: Rule("limit_analyses", "too many analyses asked for; try again later"),
    LimitName.IMPORTS: Rule("limit_imports", "too many imports; try again later"),
    LimitName.DEVICE_CONNECT: Rule(
        "limit_device_connect", "too many device connections tried; try again later"
    ),
    LimitName.DEVICE_SYNC: Rule("limit_device_sync", "too many syncs asked for; try again later"),
    LimitName.SHARE_VIEW: Rule(
        "limit_share_view", "too many shared pages viewed from this address; try again later"
    ),
    # each open socket renews its lease (runcoach.sockets): a dead process's sockets age out
    LimitName.WS_SOCKETS: Rule(
        "ws_max_sockets_per_user", "at most {count} websockets may be open at once", lease_s=60
    ),
}
"""Every limit, declared once; its value is the setting it names."""


def _check_rules() -> None:
    """Fail at import, not on the first request: every name has a rule, every rule a
    setting of the right type."""
    if missing := set(LimitName) - set(RULES):
        raise RuntimeError(f"limits without a rule: {sorted(missing)}")
    types = {f.name: f.type for f in fields(Settings)}
    for name, rule in RULES.items():
        expected = "int" if rule.lease_s else "Rate"
        if types.get(rule.setting) != expected:
            raise RuntimeError(f"{name}: Settings.{rule.setting} must be a {expected} setting")


_check_rules()


@dataclass(frozen=True, slots=True)
class Limit:
    """A limit as configured: at most ``count`` per ``window_s`` (or at once, per lease)."""

    name: LimitName
    count: int
    window_s: int
    rule: Rule

    @property
    def detail(self) -> str:
        return self.rule.detail.format(count=self.count)


@dataclass(frozen=True, slots=True)
class _Counter:
    limit: Limit
    subject: str

    @property
    def key(self) -> str:
        return f"{self.limit.name}:{self.subject}"


def _subject(value: object) -> str:
    """A subject as a short key part (a long one, such as an odd address, is hashed)."""
    text = str(value)
    if len(text) <= 64 and text.isprintable():
        return text
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _refusal(limit: Limit, *, used: int, retry_after_s: float) -> RateLimited:
    return RateLimited(
        limit.detail,
        retry_after=retry_after_s,
        limit=limit.count,
        used=used,
        resets_at=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=max(1.0, retry_after_s)),
    )


# --- Redis: one script counts (all or nothing), one gives back, two hold slots ---------------

# KEYS: the counters. ARGV[1]: the cost; then, per counter, its count and its window (ms).
# Either every counter has room and each is counted ({0, used, ms left, used, ms left...}),
# or none is counted and the first without room is named ({index, used, ms left}).
_HIT = """
local cost = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local used = tonumber(redis.call('GET', key) or '0')
  if used + cost > tonumber(ARGV[2 * i]) then
    local left = redis.call('PTTL', key)
    if left < 0 then left = tonumber(ARGV[2 * i + 1]) end
    return {i, used, left}
  end
end
local out = {0}
for i, key in ipairs(KEYS) do
  local used = redis.call('INCRBY', key, cost)
  local left = redis.call('PTTL', key)
  if left < 0 then
    left = tonumber(ARGV[2 * i + 1])
    redis.call('PEXPIRE', key, left)
  end
  out[#out + 1] = used
  out[#out + 1] = left
end
return out
"""
# Give ``cost`` back to each counter still in its window (an ended window is left alone).
_GIVE_BACK = """
local cost = tonumber(ARGV[1])
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= cost then redis.call('DECRBY', key, cost) end
end
return 0
"""
# Drop expired leases, then take one if fewer than the cap are held.
_ACQUIRE = """
local key, id, now, lease, cap = KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]),
    tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
local held = redis.call('ZCARD', key)
if held >= cap then return {0, held} end
redis.call('ZADD', key, now + lease, id)
redis.call('EXPIRE', key, lease)
return {1, held + 1}
"""
# Extend a lease still held (one whose lease ran out is not taken again this way).
_RENEW = """
local key, id, now, lease = KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
if redis.call('ZSCORE', key, id) then
  redis.call('ZADD', key, 'XX', now + lease, id)
  redis.call('EXPIRE', key, lease)
  return 1
end
return 0
"""

_TAKE_SQL = """
INSERT INTO limit_counters (key, used, window_ends_at)
VALUES ($1, $2, now() + make_interval(secs => $4))
ON CONFLICT (key) DO UPDATE SET
    used = CASE WHEN limit_counters.window_ends_at <= now() THEN EXCLUDED.used
                ELSE limit_counters.used + EXCLUDED.used END,
    window_ends_at = CASE WHEN limit_counters.window_ends_at <= now()
                          THEN EXCLUDED.window_ends_at ELSE limit_counters.window_ends_at END
WHERE limit_counters.window_ends_at <= now() OR limit_counters.used + EXCLUDED.used <= $3
RETURNING used, window_ends_at
"""
_STATE_SQL = "SELECT used, window_ends_at FROM limit_counters WHERE key = $1"
_GIVE_BACK_SQL = (
    "UPDATE limit_counters SET used = used - $2"
    " WHERE key = ANY($1::varchar[]) AND used >= $2 AND window_ends_at > now()"
)
_PURGE_SQL = (
    "DELETE FROM limit_counters WHERE key IN"
    " (SELECT key FROM limit_counters WHERE window_ends_at < now() LIMIT 1000)"
)


class LimitCounter(Model):
    """The count of a limit for one subject, kept in PostgreSQL.

    The limits that must hold while Redis is down (login) are counted here then. One row
    per limit and subject; a window that ended starts again at the next hit.
    """

    key = orm.CharField(max_length=200, primary_key=True)  # "<limit>:<subject>"
    used = orm.IntField()
    window_ends_at = orm.DatetimeField(db_index=True)

    class Meta:
        table = "limit_counters"


# --- the limiter ----------------------------------------------------------------------------


@dataclass(slots=True)
class Slot:
    """A leased slot of a concurrency cap (``held`` False: Redis was down, nothing taken)."""

    key: str
    lease: str
    lease_s: int
    held: bool


@dataclass(slots=True)
class Reservation:
    """What a hit took; ``give_back()`` returns it (once; a no-op when nothing was taken)."""

    limiter: Limiter
    counters: tuple[_Counter, ...]
    store: str  # "redis", "database", or "none" (failed open)
    used: tuple[int, ...]  # each counter's count with this hit
    cost: int = 1

    async def give_back(self) -> None:
        """Return the hit to every counter it took from (failures never raise)."""
        store, self.store = self.store, "none"
        if store == "redis":
            await self.limiter._give_back_redis(self.counters, self.cost)
        elif store == "database":
            await self.limiter._give_back_database(self.counters, self.cost)


class Limiter:
    """The process's limiter (``limiter()``), built from the settings; safe on any loop."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._clients: dict[Any, FastRedis] = {}
        self._down_until = 0.0
        self._last_error = ""

    def limit(self, name: LimitName) -> Limit:
        """``name``'s limit with the values of the settings."""
        rule = RULES[name]
        value = getattr(self.settings, rule.setting)
        if isinstance(value, Rate):
            return Limit(name, value.count, value.window_s, rule)
        return Limit(name, int(value), rule.lease_s, rule)

    async def aclose(self) -> None:
        while self._clients:
            _, client = self._clients.popitem()
            with contextlib.suppress(RedisError, OSError, RuntimeError):
                await client.aclose()

    # Redis plumbing ----------------------------------------------------------------------

    def _redis(self) -> FastRedis:
        """The hot path's client (``runcoach.fastredis``): a limit is checked on every
        counted request and coach message, so it costs what a cache read costs."""
        return per_loop(
            self._clients,
            lambda: FastRedis(redis_url(self.settings), timeout=REDIS_TIMEOUT_S),
        )

    async def _eval(self, script: str, keys: list[str], args: list[Any]) -> Any:
        """Run ``script``; RedisError (or OSError) when Redis cannot be used."""
        if time.monotonic() < self._down_until:
            raise RedisError(f"skipped for a second after {self._last_error}")
        try:
            return await self._redis().eval(script, keys, args)
        except (RedisError, OSError) as exc:
            self._last_error = type(exc).__name__
            self._down_until = time.monotonic() + BREAKER_S
            raise

    # rates -----------------------------------------------------------------------------------

    async def hit(self, name: LimitName, subject: object, *, cost: int = 1) -> Reservation:
        """Take ``cost`` from ``name``'s limit for ``subject``; RateLimited when it has no room."""
        return await self.hit_all((name, subject), cost=cost)

    async def hit_all(self, *checks: tuple[LimitName, object], cost: int = 1) -> Reservation:
        """Take ``cost`` from each limit for its subject, all or nothing; RateLimited (the
        first limit without room) when one has none."""
        counters = tuple(_Counter(self.limit(name), _subject(subject)) for name, subject in checks)
        args: list[Any] = [cost]
        for counter in counters:
            args += [counter.limit.count, counter.limit.window_s * 1000]
        try:
            reply = await self._eval(_HIT, [f"rc:limit:{c.key}" for c in counters], args)
        except (RedisError, OSError):
            return await self._redis_down(counters, cost)
        refused = int(reply[0])
        if refused:
            limit = counters[refused - 1].limit
            raise _refusal(limit, used=int(reply[1]), retry_after_s=int(reply[2]) / 1000)
        return Reservation(self, counters, "redis", tuple(int(u) for u in reply[1::2]), cost)

    async def _redis_down(self, counters: tuple[_Counter, ...], cost: int) -> Reservation:
        names, error = [str(c.limit.name) for c in counters], self._last_error
        closed = tuple(c for c in counters if c.limit.rule.when_down is Fallback.DATABASE)
        if not closed:
            event(log, "limits.failed_open", logging.WARNING, limits=names, error=error)
            return Reservation(self, counters, "none", (), cost)
        event(log, "limits.counted_in_database", logging.WARNING, limits=names, error=error)
        return await self._hit_database(closed, cost)

    async def _hit_database(self, counters: tuple[_Counter, ...], cost: int) -> Reservation:
        """Count in PostgreSQL, all or nothing: each counter's row is locked by its upsert
        (always in the same order), so concurrent hits give exactly the limit."""
        used: dict[str, int] = {}
        async with in_transaction() as conn:
            for counter in sorted(counters, key=lambda c: c.key):
                limit = counter.limit
                row = await db.fetch_one(
                    _TAKE_SQL, counter.key, cost, limit.count, float(limit.window_s), conn=conn
                )
                if row is None:  # no room: the transaction (and every count in it) rolls back
                    state = await db.fetch_one(_STATE_SQL, counter.key, conn=conn) or {}
                    ends = state.get("window_ends_at") or dt.datetime.now(dt.UTC)
                    left = (ends - dt.datetime.now(dt.UTC)).total_seconds()
                    raise _refusal(limit, used=int(state.get("used", 0)), retry_after_s=left)
                used[counter.key] = int(row["used"])
        if random.random() < PURGE_CHANCE:
            await db.execute(_PURGE_SQL)
        return Reservation(self, counters, "database", tuple(used[c.key] for c in counters), cost)

    async def _give_back_redis(self, counters: tuple[_Counter, ...], cost: int) -> None:
        with contextlib.suppress(RedisError, OSError):
            await self._eval(_GIVE_BACK, [f"rc:limit:{c.key}" for c in counters], [cost])

    async def _give_back_database(self, counters: tuple[_Counter, ...], cost: int) -> None:
        await db.execute(_GIVE_BACK_SQL, [c.key for c in counters], cost)

    # concurrency caps --------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def hold(self, name: LimitName, subject: object) -> AsyncIterator[None]:
        """Hold one of ``name``'s slots for ``subject`` while the block runs; RateLimited
        when all are held. Redis down: allowed (one log line)."""
        slot = await self.take_slot(name, subject)
        try:
            yield
        finally:
            await self.release_slot(slot)

    async def take_slot(self, name: LimitName, subject: object) -> Slot:
        """One of ``name``'s slots for ``subject``, leased for the rule's ``lease_s`` (renew
        it with ``renew_slot``); RateLimited when all are held. Redis down: allowed."""
        counter = _Counter(self.limit(name), _subject(subject))
        limit, key, lease = counter.limit, f"rc:limit:{counter.key}", uuid.uuid4().hex
        try:
            taken, held = await self._eval(
                _ACQUIRE, [key], [lease, time.time(), limit.window_s, limit.count]
            )
        except (RedisError, OSError):
            event(log, "limits.failed_open", logging.WARNING, limits=[str(limit.name)],
                  error=self._last_error)  # fmt: skip
            return Slot(key, lease, limit.window_s, held=False)
        if not int(taken):
            raise _refusal(limit, used=int(held), retry_after_s=HELD_RETRY_S)
        return Slot(key, lease, limit.window_s, held=True)

    async def renew_slot(self, slot: Slot) -> None:
        """Extend the slot's lease by another ``lease_s`` (failures never raise)."""
        if not slot.held:
            return
        with contextlib.suppress(RedisError, OSError):
            await self._eval(_RENEW, [slot.key], [slot.lease, time.time(), slot.lease_s])

    async def release_slot(self, slot: Slot) -> None:
        """Give the slot back (its lease would expire anyway if this fails)."""
        if slot.held:
            slot.held = False
            with contextlib.suppress(RedisError, OSError):
                await self._redis().execute("ZREM", slot.key, slot.lease)


_limiter: Limiter | None = None


def limiter() -> Limiter:
    """The process's limiter (built from the settings on first use)."""
    global _limiter
    if _limiter is None:
        _limiter = Limiter(get_settings())
    return _limiter


def configure(settings: Settings) -> Limiter:
    """Build the process's limiter from ``settings`` (the app calls this at start-up)."""
    global _limiter
    _limiter = Limiter(settings)
    return _limiter


async def hit(name: LimitName, subject: object) -> Reservation:
    """Take one from ``name``'s limit for ``subject`` (RateLimited when it has no room)."""
    return await limiter().hit(name, subject)


async def hit_all(*checks: tuple[LimitName, object]) -> Reservation:
    """Take one from each limit for its subject, all or nothing (RateLimited otherwise)."""
    return await limiter().hit_all(*checks)


def hold(name: LimitName, subject: object) -> contextlib.AbstractAsyncContextManager[None]:
    """Hold one of ``name``'s concurrent slots for ``subject`` (RateLimited when full)."""
    return limiter().hold(name, subject)


async def take_slot(name: LimitName, subject: object) -> Slot:
    """Lease one of ``name``'s slots for ``subject`` (RateLimited when full); renew it with
    ``limiter().renew_slot`` and give it back with ``limiter().release_slot``."""
    return await limiter().take_slot(name, subject)
