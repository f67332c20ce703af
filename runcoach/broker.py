"""The Dramatiq broker: Redis, asyncio actors, explicit retries, Tortoise in the worker."""

from __future__ import annotations

import logging
from typing import Any

import dramatiq
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

from runcoach.config import Settings
from runcoach.logs import event

log = logging.getLogger("runcoach.jobs")

# Transient failures are retried with exponential backoff from 2 s up to 10 min;
# every actor also states its own max_retries.
DEFAULT_MAX_RETRIES = 5


class TortoiseMiddleware(Middleware):
    """Open the database in Dramatiq's event-loop thread when a worker boots (STACK-NOTES)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def before_worker_boot(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        # Runs after AsyncIO's own before_worker_boot (it comes first in the list) and
        # before the worker starts consuming, so no message runs without a database.
        from dramatiq.asyncio import get_event_loop_thread

        from runcoach import db

        thread = get_event_loop_thread()
        assert thread is not None, "the AsyncIO middleware must come before TortoiseMiddleware"
        thread.run_coroutine(db.init(self.settings))
        event(log, "jobs.worker_ready")

    def before_worker_shutdown(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        from dramatiq.asyncio import get_event_loop_thread

        from runcoach import db

        thread = get_event_loop_thread()
        if thread is not None:
            try:
                thread.run_coroutine(db.close())
            except Exception as exc:  # shutting down: report, never block the exit
                event(log, "jobs.db_close_failed", logging.WARNING, error=str(exc))


def create_broker(
    settings: Settings, *, redis_url: str | None = None, **options: Any
) -> RedisBroker:
    """A Redis broker with the middleware every RunCoach process needs."""
    from runcoach.redis_pool import redis_url as settings_redis_url

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
        TortoiseMiddleware(settings),
    ]
    return RedisBroker(
        url=redis_url or settings_redis_url(settings), middleware=middleware, **options
    )


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
