"""Clean state per test: every application table emptied, Redis flushed.

The tables are read from PostgreSQL's catalogue once per run (the public schema's,
but aerich's own), so a table a new migration adds is emptied without anyone
remembering to list it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

_TABLES_SQL = (
    "SELECT tablename FROM pg_catalog.pg_tables"
    " WHERE schemaname = 'public' AND tablename <> 'aerich' ORDER BY tablename"
)
_tables: tuple[str, ...] | None = None


async def application_tables(conn: Any) -> tuple[str, ...]:
    """The tables of the public schema other than aerich's (read once per run)."""
    global _tables
    if _tables is None:
        rows = await conn.execute_query_dict(_TABLES_SQL)
        _tables = tuple(row["tablename"] for row in rows)
    return _tables


async def _truncate(conn: Any) -> None:
    """Empty every table. A job still running from the previous test (a worker writing
    several tables in its own order) can deadlock with the TRUNCATE's locks; PostgreSQL
    then cancels one side, and if it is the TRUNCATE it is simply run again."""
    import asyncpg

    tables = ", ".join(f'"{name}"' for name in await application_tables(conn))
    for attempt in range(5):
        try:
            await conn.execute_script(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
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
