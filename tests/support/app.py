"""Fixtures of the app under test: settings, the app served on loopback, a client, a worker."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from tests.support.servers import ROOT, free_port


@pytest.fixture(scope="session")
def settings() -> Any:
    from runcoach.config import get_settings

    return get_settings()


@pytest.fixture(scope="session")
def sanic_app(settings: Any) -> Any:
    """The application object (its route table drives the security tests)."""
    from sanic import Sanic

    from runcoach.app import create_app

    Sanic.test_mode = True
    return create_app(settings)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def app_server(sanic_app: Any) -> AsyncIterator[str]:
    """The real app, served on a loopback port in the test loop; yields its base URL."""
    app = sanic_app
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    assert server is not None
    await server.startup()
    await server.before_start()
    await server.after_start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await _stop(server)


STOP_TIMEOUT_S = 120.0


async def _stop(server: Any) -> None:
    """Stop the app server; if that hangs, print what every task waits on and go on.

    The app's own teardown bounds each step (runcoach.app.TEARDOWN_STEP_S); this is the
    last guard, so that a hang shows up as a failure with stacks, never as a run that
    never ends.
    """

    async def stop() -> None:
        await server.before_stop()
        await server.close()
        await server.after_stop()

    try:
        await asyncio.wait_for(stop(), STOP_TIMEOUT_S)
    except TimeoutError:
        for task in asyncio.all_tasks():
            task.print_stack(file=sys.stderr)
        raise


@pytest_asyncio.fixture(loop_scope="session")
async def db(app_server: str) -> AsyncIterator[None]:
    """The database, opened by the app (use models directly)."""
    yield


@pytest_asyncio.fixture(loop_scope="session")
async def client(app_server: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=app_server, timeout=30) as c:
        yield c


@pytest.fixture(scope="session")
def worker_process(settings: Any) -> Iterator[subprocess.Popen[bytes]]:
    """A real Dramatiq worker process on the test database and Redis."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dramatiq", "actors", "--processes", "1", "--threads", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
