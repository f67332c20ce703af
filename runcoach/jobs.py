"""The port through which the domain enqueues work, by actor name, after commit.

Inside ``async with jobs.transaction():`` messages are buffered and sent only
once the transaction commits (dropped on rollback). Outside one, ``enqueue``
sends at once. The database stays the source of truth: a clock sweep
re-enqueues rows left pending, so a crash between commit and send loses nothing.

``after_commit`` runs a coroutine once the transaction commits (a cache bump).

Inside ``async with jobs.coalesced():`` (a batch of writes, such as a device sync
storing fifty activities) committed messages are held and identical ones sent once,
when the block ends: actors are idempotent, so the duplicates would only repeat work.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import dramatiq
from tortoise.transactions import in_transaction

from runcoach.logs import event

log = logging.getLogger("runcoach.jobs")


@dataclass(frozen=True)
class _Pending:
    actor_name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    delay_ms: int | None


_buffer: contextvars.ContextVar[list[_Pending] | None] = contextvars.ContextVar(
    "jobs_buffer", default=None
)


_held: contextvars.ContextVar[list[_Pending] | None] = contextvars.ContextVar(
    "jobs_held", default=None
)

_after: contextvars.ContextVar[list[Callable[[], Awaitable[None]]] | None] = contextvars.ContextVar(
    "jobs_after_commit", default=None
)


def _dispatch(job: _Pending) -> None:
    """Send a committed job, or hold it while a ``coalesced`` block runs."""
    held = _held.get()
    if held is None:
        _send(job)
    elif job not in held:
        held.append(job)


@asynccontextmanager
async def coalesced() -> AsyncIterator[None]:
    """Hold the jobs committed in this block and send each distinct one once at its end.

    They are sent even when the block fails: what was committed needs its jobs.
    """
    if _held.get() is not None:  # nested: the outermost block sends
        yield
        return
    held: list[_Pending] = []
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
        _send_all(held)


def _send(job: _Pending) -> None:
    actor = dramatiq.get_broker().get_actor(job.actor_name)
    actor.send_with_options(args=job.args, kwargs=job.kwargs, delay=job.delay_ms)
    event(log, "jobs.enqueued", actor=job.actor_name)


def enqueue(actor_name: str, *args: Any, delay_ms: int | None = None, **kwargs: Any) -> None:
    """Send ``actor_name(*args, **kwargs)`` now, or after the current transaction commits."""
    dramatiq.get_broker().get_actor(actor_name)  # an unknown name fails here, at the call site
    job = _Pending(actor_name, args, kwargs, delay_ms)
    pending = _buffer.get()
    if pending is None:
        _dispatch(job)
    else:
        pending.append(job)


@asynccontextmanager
async def transaction() -> AsyncIterator[Any]:
    """A database transaction whose enqueued jobs are sent after it commits."""
    outer = _buffer.get()
    if outer is not None:  # nested: the outermost transaction sends
        async with in_transaction() as conn:
            yield conn
        return
    pending: list[_Pending] = []
    callbacks: list[Callable[[], Awaitable[None]]] = []
    token = _buffer.set(pending)
    after_token = _after.set(callbacks)
    try:
        async with in_transaction() as conn:
            yield conn
    finally:
        _buffer.reset(token)
        _after.reset(after_token)
    for callback in callbacks:
        await _run_after(callback)
    if _held.get() is not None:
        for job in pending:
            _dispatch(job)
        return
    _send_all(pending)


async def after_commit(callback: Callable[[], Awaitable[None]]) -> None:
    """Run ``callback`` once the current ``transaction()`` commits (now, outside one).

    For effects outside the database that must not be seen before the data is, such as
    a cache version bump. A failing callback is logged; the commit stands.
    """
    callbacks = _after.get()
    if callbacks is None:
        await _run_after(callback)
    else:
        callbacks.append(callback)


async def _run_after(callback: Callable[[], Awaitable[None]]) -> None:
    try:
        await callback()
    except Exception as exc:  # the data is committed; the callback's effect is best effort
        event(log, "jobs.after_commit_failed", logging.WARNING, error=type(exc).__name__)


def _send_all(jobs: list[_Pending]) -> None:
    for job in jobs:
        try:
            _send(job)
        except Exception as exc:  # the row is committed; the clock sweep will re-enqueue it
            event(
                log,
                "jobs.enqueue_failed",
                logging.WARNING,
                actor=job.actor_name,
                error=type(exc).__name__,
            )
