"""CPU work off the event loop: one bounded pool per process.

Password hashing (argon2id) and file parsing take tens to thousands of milliseconds; on
the event loop they stall every other request of the process. ``run(fn, *args)`` runs
``fn`` in the process's pool of threads, ``run_in_process(fn, *args)`` in its pool of
processes, and awaits it. Each pool has ``CPU_POOL_SIZE`` workers and admits at most
``QUEUE_PER_WORKER`` waiting calls per worker: a burst queues (the loop keeps serving),
and beyond the queue a call is refused at once with ``Busy`` (503, ``Retry-After``), so
the queue's memory and delay stay bounded. Workers run at a lower priority
(``WORKER_NICE``): when the loop has work it gets the CPU first, and an idle loop leaves
the workers the whole CPU.

Which pool (measured with ``bench/login_burst.py``, bench/README.md):

* Threads for what releases the GIL: argon2-cffi hashes in C without the GIL, so a hash
  in a thread leaves the loop free (``/healthz`` p99 during 50 concurrent logins went from
  3 s to tens of ms; the niced threads bring it under the target).
* Processes for pure-Python work that holds the GIL, such as parsing an uploaded file
  (gpxpy, fitdecode, ElementTree walks): in a thread it still took the GIL from the loop
  (``/healthz`` p99 0.6 s during 10 concurrent imports), so it runs in worker processes;
  the file's bytes go to the worker and the parsed activity comes back, pickled.

The web app opens the pools in a start-up listener and closes them when it stops
(``create_app``); a Dramatiq worker does the same in ``OffloadMiddleware``
(``runcoach.broker``). A call made with no pool open (a script, a test calling a service
directly) opens one with the default size, closed at exit. Worker processes are started
on first use (``spawn``: no copy of the web process's threads or sockets), die with
their parent, and are reused.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import functools
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Literal, ParamSpec, TypeVar

from runcoach.embedded import die_with_parent
from runcoach.errors import ServiceUnavailable
from runcoach.logs import event

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

QUEUE_PER_WORKER = 64  # calls waiting for a worker, per worker of the pool
DEFAULT_SIZE = 2
RETRY_AFTER_S = 1
CLOSE_TIMEOUT_S = 10.0  # running calls get this long when the pool closes
WORKER_NICE = 10  # workers yield the CPU to the event loop (and to everything at nice 0)

Kind = Literal["thread", "process"]


class Busy(ServiceUnavailable):
    """The CPU pool's queue is full; retry in a moment."""

    code = "busy"

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(
            detail or "the server is busy; retry in a moment",
            headers={"Retry-After": str(RETRY_AFTER_S)},
        )


def _lower_priority() -> None:
    """Run the calling thread (and the threads it starts, such as argon2's lanes) niced."""
    with contextlib.suppress(OSError, AttributeError):
        # Linux: PRIO_PROCESS with a thread id sets that thread's nice value only
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICE)


def _start_worker_process() -> None:
    die_with_parent()
    _lower_priority()


@contextlib.contextmanager
def _children_allowed() -> Iterator[None]:
    """Let a daemonic process (a Sanic worker is one) start the pool's processes.

    multiprocessing refuses children to daemonic processes because they would be left
    behind when it is killed; the pool's processes die with their parent
    (``die_with_parent``), so the flag is lifted while the executor starts them.
    """
    config = multiprocessing.current_process()._config  # type: ignore[attr-defined]
    daemon = config.pop("daemon", None)
    try:
        yield
    finally:
        if daemon is not None:
            config["daemon"] = daemon


class Pool:
    """Threads or processes that admit at most ``size`` running plus ``queue`` waiting calls."""

    def __init__(self, *, size: int, kind: Kind = "thread", queue: int | None = None) -> None:
        if size < 1:
            raise ValueError("the CPU pool needs at least one worker")
        self.size = size
        self.kind = kind
        self.limit = size + (queue if queue is not None else QUEUE_PER_WORKER * size)
        self._executor = self._new_executor()
        self._admitted = 0
        self._lock = threading.Lock()  # run() may be awaited from more than one loop

    def _new_executor(self) -> Executor:
        if self.kind == "process":
            return ProcessPoolExecutor(
                max_workers=self.size,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker_process,
            )
        return ThreadPoolExecutor(
            max_workers=self.size, thread_name_prefix="runcoach-cpu", initializer=_lower_priority
        )

    @property
    def admitted(self) -> int:
        """Calls running or waiting now."""
        return self._admitted

    async def run(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(*args, **kwargs)`` in a worker; ``Busy`` when the queue is full."""
        with self._lock:
            if self._admitted >= self.limit:
                raise Busy()
            self._admitted += 1
        executor = self._executor
        try:
            loop = asyncio.get_running_loop()
            with _children_allowed():  # the executor starts its processes in submit()
                future = loop.run_in_executor(executor, functools.partial(fn, *args, **kwargs))
            return await future
        except BrokenProcessPool:
            # a worker process died (killed, out of memory): the next call gets a fresh pool
            with self._lock:
                if self._executor is executor:
                    self._executor = self._new_executor()
            executor.shutdown(wait=False, cancel_futures=True)
            raise Busy("a worker was lost; retry in a moment") from None
        finally:
            with self._lock:
                self._admitted -= 1

    def close(self, *, timeout_s: float = CLOSE_TIMEOUT_S) -> None:
        """Stop taking calls; queued ones are cancelled, running ones get ``timeout_s`` to finish.

        A worker process still busy after that (a parse that never ends, a child stuck
        in a lock) is killed: a process that is stopping never waits on it for ever.
        Threads cannot be killed; argon2 calls end in well under a second.
        """
        executor = self._executor
        processes = list(getattr(executor, "_processes", {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + timeout_s
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                event(log, "offload.worker_killed", logging.WARNING, pid=process.pid)
                process.kill()
                process.join(1.0)
        if not processes:
            executor.shutdown(wait=True)


_pools: dict[Kind, Pool] = {}
_owners = 0
_guard = threading.Lock()


def open_pool(size: int) -> None:
    """Open the process's pools with ``size`` workers each (or share the ones already open)."""
    global _owners
    with _guard:
        kinds: tuple[Kind, ...] = ("thread", "process")
        for kind in kinds:
            if kind not in _pools:
                _pools[kind] = Pool(size=size, kind=kind)
        _owners += 1


def close_pool() -> None:
    """Give back ``open_pool``'s share; the last owner closes the pools."""
    global _owners
    with _guard:
        _owners = max(0, _owners - 1)
        closing = list(_pools.values()) if _owners == 0 else []
        if closing:
            _pools.clear()
    for pool in closing:
        pool.close()


def pool(kind: Kind = "thread") -> Pool:
    """The process's pool of ``kind`` (opened with the default size when none is open)."""
    with _guard:
        found = _pools.get(kind)
        if found is None:
            found = _pools[kind] = Pool(size=DEFAULT_SIZE, kind=kind)
            atexit.register(found.close)
        return found


async def run(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run ``fn`` (which releases the GIL, like argon2) in a pool thread (``Busy``: 503)."""
    return await pool("thread").run(fn, *args, **kwargs)


async def run_in_process(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run pure-Python ``fn`` in a pool process (``Busy``: 503); arguments and result are
    pickled, so ``fn`` is a module-level function."""
    return await pool("process").run(fn, *args, **kwargs)
