"""The database and Redis a test run uses: the ones the environment names, or embedded ones.

With ``DATABASE_URL`` the run creates a fresh database on that server (dropped at
the end); without it, the run starts an embedded PostgreSQL cluster of its own
under ``var/test/pg-<pid>`` (never the ``var/pg`` of ``make run``), removed at the
end. With ``REDIS_URL`` that Redis database is used and flushed before each test;
without it an embedded Redis, not persistent, is started for the run.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from runcoach.embedded import EmbeddedPostgres, EmbeddedRedis

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


def _asyncpg_dsn(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1]


@dataclass
class TestServers:
    database_url: str = ""
    redis_url: str = ""
    _admin_url: str = ""
    _database: str = ""
    _pg: EmbeddedPostgres | None = None
    _redis: EmbeddedRedis | None = None
    env: dict[str, str] = field(default_factory=dict)

    def start(self) -> None:
        self._database = f"rc_test_{os.getpid()}_{secrets.token_hex(3)}"
        external_db = os.environ.get("DATABASE_URL")
        if external_db:
            self._admin_url = external_db.replace("postgresql://", "postgres://", 1)
        else:
            # A cluster of its own per run (initdb takes under a second): runs in
            # the same checkout never share or stop each other's server.
            pg = EmbeddedPostgres(ROOT / "var" / "test" / f"pg-{os.getpid()}")
            pg.start()
            self._pg = pg
            self._admin_url = pg.url("postgres")
        asyncio.run(self._create_database())
        self.database_url = _with_database(self._admin_url, self._database)
        external_redis = os.environ.get("REDIS_URL")
        if external_redis:
            self.redis_url = external_redis
        else:
            directory = ROOT / "var" / "test" / f"redis-{os.getpid()}"
            self._redis = EmbeddedRedis(directory, persistent=False)
            self._redis.start()
            self.redis_url = self._redis.url()

    async def _create_database(self) -> None:
        conn = await asyncpg.connect(_asyncpg_dsn(self._admin_url))
        try:
            await conn.execute(f'CREATE DATABASE "{self._database}"')
        finally:
            await conn.close()

    async def _drop_database(self) -> None:
        conn = await asyncpg.connect(_asyncpg_dsn(self._admin_url))
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{self._database}" WITH (FORCE)')
        finally:
            await conn.close()

    def stop(self) -> None:
        try:
            asyncio.run(self._drop_database())
        finally:
            if self._redis is not None:
                self._redis.stop()
                import shutil

                shutil.rmtree(self._redis.directory, ignore_errors=True)
            if self._pg is not None:
                self._pg.stop()
                import shutil

                shutil.rmtree(self._pg.pgdata, ignore_errors=True)
