"""The Dramatiq broker: Redis, asyncio actors, explicit retries; Tortoise and Redis in the worker.

``install(settings)`` makes it Dramatiq's global broker, once per process, before
any actor is declared. A worker opens the database (``TortoiseMiddleware``) and
one Redis client (``RedisMiddleware``, reached through ``redis()``) when it boots.
"""

from __future__ import annotations

import logging
from typing import Any

import dramatiq
import redis.asyncio as aioredis
from dramatiq.asyncio import EventLoopThread, get_event_loop_thread
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import (
    AgeLimit,
    AsyncIO,
    Callbacks,
    CurrentMessage,
    Middleware,
    Pipelines,
    Retries,
    ShutdownNotifications,
    TimeLimit,
)
from periodiq import PeriodiqMiddleware

from runcoach import db, offload, redis_pool
from runcoach.config import Settings
from runcoach.logs import event

log = logging.getLogger("runcoach.jobs")

# Transient failures are retried with exponential backoff from 2 s up to 10 min;
# every actor also states its own max_retries.
DEFAULT_MAX_RETRIES = 5


def _event_loop_thread(middleware: str) -> EventLoopThread:
    # Worker-boot hooks run after AsyncIO's (it comes first in the list) and before the
    # worker starts consuming, so no message runs without what they open.
    thread = get_event_loop_thread()
    assert thread is not None, f"the AsyncIO middleware must come before {middleware}"
    return thread


class TortoiseMiddleware(Middleware):
    """Open the database in Dramatiq's event-loop thread when a worker boots (STACK-NOTES)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def before_worker_boot(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        _event_loop_thread("TortoiseMiddleware").run_coroutine(db.init(self.settings))
        event(log, "jobs.worker_ready")

    def before_worker_shutdown(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        # Before AsyncIO's after_worker_shutdown stops the loop.
        thread = get_event_loop_thread()
        if thread is not None:
            try:
                thread.run_coroutine(db.close())
            except Exception as exc:  # shutting down: report, never block the exit
                event(log, "jobs.db_close_failed", logging.WARNING, error=str(exc))


class OffloadMiddleware(Middleware):
    """Open the worker process's CPU pool (``runcoach.offload``) at boot, close it at shutdown."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def before_worker_boot(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        offload.open_pool(self.settings.cpu_pool_size)

    def after_worker_shutdown(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        offload.close_pool()


_redis: aioredis.Redis | None = None


class RedisMiddleware(Middleware):
    """Open the worker's one Redis client in Dramatiq's event-loop thread when it boots.

    Actors reach it through ``redis()``: long-lived clients belong to the process,
    not to the message.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def before_worker_boot(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        global _redis

        async def open_client() -> aioredis.Redis:
            return redis_pool.create_client(self.settings)

        _redis = _event_loop_thread("RedisMiddleware").run_coroutine(open_client())

    def before_worker_shutdown(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        global _redis
        client, _redis = _redis, None
        thread = get_event_loop_thread()
        if client is not None and thread is not None:
            try:
                thread.run_coroutine(client.aclose(close_connection_pool=True))
            except Exception as exc:  # shutting down: report, never block the exit
                event(log, "jobs.redis_close_failed", logging.WARNING, error=str(exc))


def redis() -> aioredis.Redis:
    """The worker process's Redis client, opened by ``RedisMiddleware`` at worker boot."""
    if _redis is None:
        raise RuntimeError(
            "no worker Redis client: RedisMiddleware opens it when a Dramatiq worker boots"
        )
    return _redis


def create_broker(
    settings: Settings, *, redis_url: str | None = None, **options: Any
) -> RedisBroker:
    """A Redis broker with the middleware every RunCoach process needs."""
    middleware = [
        AsyncIO(),
        AgeLimit(),
        TimeLimit(),
        ShutdownNotifications(),
        Callbacks(),
        Pipelines(),
        CurrentMessage(),
        Retries(max_retries=DEFAULT_MAX_RETRIES, min_backoff=2_000, max_backoff=600_000),
        PeriodiqMiddleware(skip_delay=30),
        OffloadMiddleware(settings),
        RedisMiddleware(settings),
        TortoiseMiddleware(settings),  # last: logs jobs.worker_ready once all is open
    ]
    return RedisBroker(
        url=redis_url or redis_pool.redis_url(settings), middleware=middleware, **options
    )


_installed: tuple[Settings, RedisBroker] | None = None


def install(settings: Settings) -> RedisBroker:
    """Make the broker for ``settings`` Dramatiq's global broker, once per process.

    Dramatiq binds an actor to the global broker when the actor is declared, so
    this runs before ``actors`` is imported: ``create_app`` installs its settings'
    broker and then imports the actors; the worker and clock CLIs, which import
    ``actors`` with no caller, get the environment's (``actors/__init__.py``).
    Installing another settings' broker afterwards fails: the actors are bound.
    """
    global _installed
    if _installed is None:
        broker = create_broker(settings)
        dramatiq.set_broker(broker)
        _installed = (settings, broker)
    elif _installed[0] != settings:
        raise RuntimeError(
            "the broker is already installed for other settings; build the app "
            "(create_app) before anything imports actors"
        )
    return _installed[1]


def installed() -> RedisBroker | None:
    """The broker ``install`` made global in this process, if any."""
    return None if _installed is None else _installed[1]


def dead_letter_counts(broker: dramatiq.Broker) -> dict[str, int]:
    """How many messages sit in each queue's dead-letter set (Redis broker: ``<q>.XQ``)."""
    client = getattr(broker, "client", None)
    if client is None:
        return {}
    namespace = getattr(broker, "namespace", "dramatiq")
    counts: dict[str, int] = {}
    for queue in sorted(broker.get_declared_queues()):
        counts[queue] = int(client.zcard(f"{namespace}:{queue}.XQ"))
    return counts
