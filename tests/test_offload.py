"""The CPU pool: work runs off the event loop, a burst queues, past the queue it is refused."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import pickle
import threading
from typing import Any

import argon2
import httpx
import pytest

from runcoach import offload
from runcoach.app import problem
from runcoach.auth import passwords
from runcoach.broker import OffloadMiddleware, installed
from runcoach.workouts.importers import ImportFailed
from tests.support.athletes import register


def _thread_name() -> str:
    return threading.current_thread().name


async def test_work_runs_in_a_pool_thread_not_on_the_loop() -> None:
    pool = offload.Pool(size=1)
    try:
        assert (await pool.run(_thread_name)).startswith("runcoach-cpu")
        assert threading.current_thread().name != await pool.run(_thread_name)
    finally:
        pool.close()


async def test_a_burst_queues_and_past_the_queue_is_refused() -> None:
    pool = offload.Pool(size=1, queue=2)
    gate = threading.Event()
    try:
        admitted = [asyncio.create_task(pool.run(gate.wait, 30)) for _ in range(3)]
        await asyncio.sleep(0)  # each task has reached the pool
        assert pool.admitted == 3  # one running, two waiting
        with pytest.raises(offload.Busy):
            await pool.run(_thread_name)
        # the loop is free meanwhile: other coroutines run while the thread is busy
        assert await asyncio.wait_for(asyncio.sleep(0, result="served"), 5) == "served"
        gate.set()
        assert await asyncio.gather(*admitted) == [True, True, True]
        assert pool.admitted == 0
        assert (await pool.run(_thread_name)).startswith("runcoach-cpu")
    finally:
        gate.set()
        pool.close()


async def test_gil_bound_work_runs_in_a_worker_process() -> None:
    pool = offload.Pool(size=1, kind="process")
    try:
        assert await pool.run(os.getpid) != os.getpid()
    finally:
        pool.close()


def _pool_from_a_daemon(conn: Any) -> None:
    async def go() -> int:
        try:
            return await offload.run_in_process(os.getpid)
        finally:
            offload.close_pool()

    conn.send(asyncio.run(go()))


def test_a_daemonic_process_such_as_a_sanic_worker_starts_the_process_pool() -> None:
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_pool_from_a_daemon, args=(child,), daemon=True)
    process.start()
    try:
        assert parent.poll(60), "the daemonic process gave no answer"
        assert parent.recv() not in (process.pid, os.getpid())
    finally:
        process.join(30)
    assert process.exitcode == 0


def test_an_import_error_crosses_the_process_boundary_with_its_field() -> None:
    error = pickle.loads(pickle.dumps(ImportFailed("too far", field="distance_m")))  # noqa: S301 - our own bytes
    assert (type(error), error.reason, error.field) == (ImportFailed, "too far", "distance_m")


def test_busy_is_a_503_problem_with_retry_after() -> None:
    response = problem(None, offload.Busy())
    assert response.status == 503
    assert response.headers["Retry-After"] == str(offload.RETRY_AFTER_S)
    assert response.content_type == "application/problem+json"


async def test_the_app_opens_the_pool_of_its_settings(app_server: str, settings: Any) -> None:
    assert offload.pool("thread").size == settings.cpu_pool_size
    assert offload.pool("process").size == settings.cpu_pool_size
    assert (await offload.run(_thread_name)).startswith("runcoach-cpu")


def test_the_worker_opens_the_pool_too(sanic_app: Any) -> None:
    broker = installed()
    assert broker is not None
    assert any(isinstance(m, OffloadMiddleware) for m in broker.middleware)


async def test_passwords_hash_in_the_pool_with_at_least_owasp_parameters(
    app_server: str,
) -> None:
    hashed = await passwords.hash_password("correct horse battery staple")
    params = argon2.extract_parameters(hashed)
    assert params.type is argon2.Type.ID
    assert params.time_cost >= passwords.OWASP_MINIMUM["time_cost"]
    assert params.memory_cost >= passwords.OWASP_MINIMUM["memory_cost"]
    assert params.parallelism >= passwords.OWASP_MINIMUM["parallelism"]
    assert await passwords.verify_password(hashed, "correct horse battery staple")
    assert not await passwords.verify_password(hashed, "wrong")
    assert not await passwords.verify_password(None, "anything")  # the dummy hash, in the pool


async def test_concurrent_logins_all_answer(client: httpx.AsyncClient) -> None:
    """A burst of logins (right, wrong, unknown) is served through the pool, none fails."""
    who = await register(client)
    bodies = [
        {"email": who.email, "password": who.password},
        {"email": who.email, "password": who.password + "x"},
        {"email": "nobody-" + who.email, "password": who.password},
    ]
    answers = await asyncio.gather(*(client.post("/api/v1/auth/login", json=b) for b in bodies))
    assert [r.status_code for r in answers] == [200, 401, 401]


async def test_closing_kills_a_worker_process_that_does_not_finish() -> None:
    """A stopping process never waits for ever on a stuck parse (the last CI run hung at exit)."""
    import time

    pool = offload.Pool(size=1, kind="process")
    stuck = asyncio.ensure_future(pool.run(time.sleep, 120))
    await asyncio.sleep(0)
    try:
        for _ in range(200):  # the worker process starts, then takes the call
            if pool._executor._processes:  # type: ignore[attr-defined]
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        processes = list(pool._executor._processes.values())  # type: ignore[attr-defined]
        assert processes
        started = time.monotonic()
        await asyncio.to_thread(pool.close, timeout_s=0.5)
        assert time.monotonic() - started < 10
        # not Process.is_alive(): the executor's own thread may reap the child first, and
        # then is_alive() in this thread says True for a process that is gone
        for _ in range(100):
            if all(_gone(p.pid) for p in processes):
                break
            await asyncio.sleep(0.05)
        assert all(_gone(p.pid) for p in processes)
    finally:
        stuck.cancel()
        with contextlib.suppress(BaseException):
            await stuck


def _gone(pid: int | None) -> bool:
    """Whether the process has ended (reaped, or a zombie waiting to be)."""
    import psutil

    try:
        return bool(psutil.Process(pid).status() == psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return True
