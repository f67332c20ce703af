"""The job queues as the tests see them: waiting messages, and a running worker held still.

``workers_paused`` is shared by every test that counts messages in Redis: the
``worker_process`` fixture is session-scoped, so once a slow test has started the
worker it keeps consuming the queues for the rest of the run.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import dramatiq
import pytest_asyncio
from dramatiq.brokers.redis import RedisBroker

QUEUE = "default"


def broker() -> RedisBroker:
    """The application's broker (importing ``actors`` installs it and declares every actor)."""
    import actors  # noqa: F401 - not at import time: the settings are configured first

    b = dramatiq.get_broker()
    assert isinstance(b, RedisBroker)
    return b


def queue_key(name: str = QUEUE) -> str:
    return f"{broker().namespace}:{name}"


def queued() -> int:
    """Messages waiting in the default queue (not yet fetched by a worker)."""
    return int(broker().client.llen(queue_key()))


def queued_messages(queue: str = QUEUE) -> list[dict[str, Any]]:
    """The waiting messages of a queue (the default one), decoded, in order."""
    client = broker().client
    ids = client.lrange(queue_key(queue), 0, -1)
    bodies = client.hmget(f"{queue_key(queue)}.msgs", ids) if ids else []
    return [json.loads(body) for body in bodies if body is not None]


# --- holding a running worker still ------------------------------------------------


def _parents() -> dict[int, int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def _cmdline(pid: int) -> bytes:
    try:
        return Path("/proc", str(pid), "cmdline").read_bytes()
    except OSError:
        return b""


def worker_pids() -> list[int]:
    """This run's ``dramatiq`` worker processes (children of this process) and theirs."""
    if not Path("/proc").is_dir():
        return []
    parents = _parents()
    roots = [
        pid for pid, ppid in parents.items() if ppid == os.getpid() and b"dramatiq" in _cmdline(pid)
    ]
    found: list[int] = []
    frontier = roots
    while frontier:
        found.extend(frontier)
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
    return found


@contextlib.contextmanager
def workers_paused() -> Iterator[None]:
    """Stop (SIGSTOP) this run's worker processes, if any, and resume them afterwards.

    Whatever the test left in the queues is dropped first, so a resumed
    worker does not act on it.
    """
    pids = worker_pids()
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        broker().flush_all()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)


@pytest_asyncio.fixture(loop_scope="session")
async def quiet_queue(db: None) -> AsyncIterator[None]:
    """The database plus a default queue no worker consumes from during the test."""
    with workers_paused():
        assert queued() == 0
        yield
