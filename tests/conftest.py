"""Test set-up: real PostgreSQL and Redis, the real app served on loopback, clean state per test.

See tests/servers.py for which servers a run uses. The environment is set in
``pytest_configure``, before anything reads the settings.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import pytest_asyncio

from tests.servers import ROOT, TestServers, free_port

_servers = TestServers()

TEST_ENV = {
    "RUNCOACH_ENV": "test",
    "SECRET_KEY": "test-secret-key-" + "x" * 32,
    "GARMIN_PROVIDER": "simulated",
    "LOG_LEVEL": "WARNING",
    "LOGIN_MAX_FAILURES_PER_ACCOUNT": "5",
    "LOGIN_MAX_FAILURES_PER_IP": "12",
    "UPLOAD_MAX_SIZE": str(2 * 1024 * 1024),
    "PROVIDER_TIMEOUT": "10",
    "OFFLINE_COACH_DELAY_MS": "2-4",
}


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return
    _servers.start()
    os.environ.update(TEST_ENV)
    os.environ["DATABASE_URL"] = _servers.database_url
    os.environ["REDIS_URL"] = _servers.redis_url
    os.environ["VAR_DIR"] = str(ROOT / "var" / "test")
    from runcoach import migrate
    from runcoach.config import get_settings

    get_settings.cache_clear()
    asyncio.run(migrate.upgrade(get_settings()))


def pytest_unconfigure(config: pytest.Config) -> None:
    if _servers.database_url:
        _servers.stop()


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
        await server.before_stop()
        await server.close()
        await server.after_stop()


TABLES = (
    "notification_deliveries",
    "notifications",
    "notification_preferences",
    "notification_templates",
    "digest_logs",
    "push_tokens",
    "messages",
    "conversations",
    "coach_analyses",
    "plan_sessions",
    "plans",
    "training_events",
    "load_states",
    "zone_versions",
    "daily_loads",
    "device_syncs",
    "workout_streams",
    "workouts",
    "devices",
    "health_metrics",
    "refresh_tokens",
    "users",
)


async def _truncate(conn: Any) -> None:
    """Empty every table. A job still running from the previous test (a worker writing
    several tables in its own order) can deadlock with the TRUNCATE's locks; PostgreSQL
    then cancels one side, and if it is the TRUNCATE it is simply run again."""
    import asyncpg

    for attempt in range(5):
        try:
            await conn.execute_script(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
            return
        except asyncpg.exceptions.DeadlockDetectedError:
            if attempt == 4:
                raise
            await asyncio.sleep(0.05 * (attempt + 1))


@pytest_asyncio.fixture(autouse=True, loop_scope="session")
async def clean_state(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Empty tables and Redis before each test that uses the database."""
    if "app_server" not in request.fixturenames and "db" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("app_server")
    from tortoise import Tortoise

    from runcoach.config import get_settings
    from runcoach.redis_pool import create_client

    await _truncate(Tortoise.get_connection("default"))
    redis = create_client(get_settings())
    try:
        await redis.flushdb()
    finally:
        await redis.aclose()
    yield


@pytest_asyncio.fixture(loop_scope="session")
async def db(app_server: str) -> AsyncIterator[None]:
    """The database, opened by the app (use models directly)."""
    yield


@pytest_asyncio.fixture(loop_scope="session")
async def client(app_server: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=app_server, timeout=30) as c:
        yield c


@dataclass
class Athlete:
    id: str
    email: str
    password: str
    access_token: str
    refresh_token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


async def register(client: httpx.AsyncClient, **fields: Any) -> Athlete:
    """Register an athlete through the API (a plain factory)."""
    body = {
        "email": f"runner-{secrets.token_hex(4)}@example.com",
        "password": "correct horse battery",
        "name": "Test Runner",
        **fields,
    }
    r = await client.post("/api/v1/auth/register", json=body)
    assert r.status_code == 201, r.text
    data = r.json()
    return Athlete(
        id=data["user"]["id"],
        email=body["email"],
        password=body["password"],
        access_token=data["access_token"],
        refresh_token=data["refresh_token"],
    )


@pytest_asyncio.fixture(loop_scope="session")
async def athlete(client: httpx.AsyncClient) -> Athlete:
    return await register(client, name="Alice")


@pytest_asyncio.fixture(loop_scope="session")
async def other(client: httpx.AsyncClient) -> Athlete:
    return await register(client, name="Bob")


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
