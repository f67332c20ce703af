"""Plan test fixtures: hold any running worker still, a Redis client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from tests.support.jobs import workers_paused


@pytest_asyncio.fixture(autouse=True, loop_scope="session")
async def _no_worker_unless_asked(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Job tests run the job themselves: hold a running worker still unless one is asked for."""
    uses_app = {"db", "client", "app_server"} & set(request.fixturenames)
    if "worker_process" in request.fixturenames or not uses_app:
        yield
        return
    with workers_paused():
        yield


@pytest_asyncio.fixture(loop_scope="session")
async def redis(settings: Any) -> AsyncIterator[Any]:
    from runcoach.redis_pool import create_client

    client = create_client(settings)
    try:
        yield client
    finally:
        await client.aclose(close_connection_pool=True)
