"""Login throttling: failed attempts counted per account and per IP in Redis.

Fixed windows (``LOGIN_WINDOW`` seconds) keyed by a hash of the email and by the
client address. Past the limit, login answers 429 with ``Retry-After`` until the
window ends, before any password is checked. Redis down: fail open, logged.
"""

from __future__ import annotations

import hashlib
import logging

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from runcoach.config import Settings
from runcoach.errors import RateLimited
from runcoach.logs import event

log = logging.getLogger("runcoach.auth")


def _keys(email: str, ip: str) -> tuple[str, str]:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return f"rc:login:acct:{digest}", f"rc:login:ip:{ip}"


async def check(*, redis: aioredis.Redis, settings: Settings, email: str, ip: str) -> None:
    """Raise RateLimited when the account or the IP has failed too often in this window."""
    acct_key, ip_key = _keys(email, ip)
    try:
        async with redis.pipeline(transaction=False) as pipe:
            pipe.get(acct_key)
            pipe.ttl(acct_key)
            pipe.get(ip_key)
            pipe.ttl(ip_key)
            acct, acct_ttl, by_ip, ip_ttl = await pipe.execute()
    except (RedisError, OSError) as exc:
        event(log, "auth.throttle_unavailable", logging.WARNING, error=type(exc).__name__)
        return
    if acct is not None and int(acct) >= settings.login_max_failures_per_account:
        raise RateLimited(
            "too many failed logins for this account; try again later",
            retry_after=acct_ttl if acct_ttl > 0 else settings.login_window_s,
        )
    if by_ip is not None and int(by_ip) >= settings.login_max_failures_per_ip:
        raise RateLimited(
            "too many failed logins from this address; try again later",
            retry_after=ip_ttl if ip_ttl > 0 else settings.login_window_s,
        )


async def record_failure(*, redis: aioredis.Redis, settings: Settings, email: str, ip: str) -> None:
    """Count one failed login against the account and the IP."""
    acct_key, ip_key = _keys(email, ip)
    try:
        async with redis.pipeline(transaction=True) as pipe:
            # SET NX EX starts the window (and its TTL) once; INCR keeps the TTL.
            # (EXPIRE ... NX would need Redis 7; the embedded server is 6.2.)
            for key in (acct_key, ip_key):
                pipe.set(key, 0, ex=settings.login_window_s, nx=True)
                pipe.incr(key)
            await pipe.execute()
    except (RedisError, OSError) as exc:
        event(log, "auth.throttle_unavailable", logging.WARNING, error=type(exc).__name__)


async def record_success(*, redis: aioredis.Redis, email: str, ip: str) -> None:
    """A good login clears the account's failures (not the IP's)."""
    acct_key, _ = _keys(email, ip)
    try:
        await redis.delete(acct_key)
    except (RedisError, OSError) as exc:
        event(log, "auth.throttle_unavailable", logging.WARNING, error=type(exc).__name__)
