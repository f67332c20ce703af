"""The Redis client of a process: a blocking pool with short timeouts."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError

from runcoach.config import ConfigError, Settings


def redis_url(settings: Settings) -> str:
    """The Redis URL the settings name, or the embedded server's under ``var/``."""
    if settings.redis_url:
        return settings.redis_url
    from runcoach.embedded import embedded_redis

    server = embedded_redis(settings.var_dir)
    if not server.socket_path.exists():
        raise ConfigError(
            "REDIS_URL is not set and no embedded Redis is running under "
            f"{settings.var_dir}; start the system with `make run`"
        )
    return server.url()


def create_client(settings: Settings) -> aioredis.Redis:
    """A client whose pool waits (up to 2 s) for a free connection instead of failing.

    A pooled connection that Redis dropped (a restart, a failover, an idle
    timeout) is reconnected and the command sent again, once, instead of the
    first caller after the drop getting an error. Only a refused or broken
    connection is retried, never a timeout (a slow Redis fails fast, as the
    cache's fail-open reads need).
    """
    pool = aioredis.BlockingConnectionPool.from_url(
        redis_url(settings),
        max_connections=settings.redis_pool_max,
        timeout=2,
        socket_timeout=1.0,
        socket_connect_timeout=1.0,
        health_check_interval=30,
        retry=Retry(
            ExponentialBackoff(cap=0.2, base=0.02),
            retries=2,
            supported_errors=(RedisConnectionError,),
        ),
    )
    return aioredis.Redis(connection_pool=pool)


T = TypeVar("T")


def per_loop(clients: dict[asyncio.AbstractEventLoop, T], make: Callable[[], T]) -> T:
    """The running loop's client from ``clients``, made on first use (a client is bound to
    the loop it was made on); entries of closed loops are dropped."""
    loop = asyncio.get_running_loop()
    client = clients.get(loop)
    if client is None:
        for closed in [lp for lp in clients if lp.is_closed()]:
            del clients[closed]
        client = clients[loop] = make()
    return client


def follow_reconnects(pubsub: aioredis.client.PubSub, callback: Callable[..., object]) -> None:
    """Call ``callback(connection)`` each time redis-py reconnects ``pubsub`` by itself.

    redis-py reconnects a dropped pub/sub connection (and subscribes again) without a word
    to its owner, so what was published meanwhile is missed unless the owner catches up on
    each reconnection. Call after the first subscribe (``pubsub`` has its connection); the
    callback runs after redis-py's own resubscription, and may be a coroutine function.
    """
    assert pubsub.connection is not None
    pubsub.connection.register_connect_callback(callback)


def unfollow_reconnects(pubsub: aioredis.client.PubSub, callback: Callable[..., object]) -> None:
    """Undo ``follow_reconnects`` before ``pubsub`` closes: its connection goes back to the
    pool, to serve other commands."""
    if pubsub.connection is not None:
        pubsub.connection.deregister_connect_callback(callback)
