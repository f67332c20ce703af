"""The PostgreSQL and Redis a test run or a benchmark uses: the environment's, or embedded ones.

``Servers`` creates a fresh database on the PostgreSQL server ``DATABASE_URL`` names
(dropped by ``stop()``), or starts an embedded PostgreSQL cluster of its own under
``work_dir/pg``; it uses the Redis ``REDIS_URL`` names as given, or starts an embedded
one, not persistent, under ``work_dir/redis``. ``stop()`` undoes it all.

A test run keeps its servers under ``var/test/servers-<pid>`` (never the ``var/pg`` of
``make run``): runs in the same checkout never share or stop each other's server.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from runcoach.embedded import EmbeddedPostgres, EmbeddedRedis

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def with_database(url: str, database: str) -> str:
    """``url`` naming ``database`` instead of its own."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


def asyncpg_dsn(url: str) -> str:
    """A ``postgres://`` URL (Tortoise's spelling) as asyncpg wants it."""
    return "postgresql://" + url.split("://", 1)[1]


def postmaster_pid(pgdata: Path) -> int | None:
    """The main process of the PostgreSQL server whose data directory is ``pgdata``, if any."""
    try:
        return int((pgdata / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _quiet(message: str) -> None:
    pass


@dataclass
class Servers:
    """A fresh database on a PostgreSQL server, and a Redis; ``stop()`` undoes ``start()``.

    ``external_db`` / ``external_redis``: the servers to use (their URLs), else embedded
    ones under ``work_dir``. ``log`` hears what is started and stopped. A database of the
    same name left by an earlier run (an embedded cluster that was kept) is replaced.
    """

    work_dir: Path
    database: str
    external_db: str | None = None
    external_redis: str | None = None
    log: Callable[[str], None] = _quiet
    admin_url: str = ""
    database_url: str = ""
    redis_url: str = ""
    pg_version: str = ""
    pg: EmbeddedPostgres | None = None
    redis: EmbeddedRedis | None = None
    _created: list[str] = field(default_factory=list)  # the databases to drop

    def start(self) -> None:
        self.start_postgres()
        self.start_redis()

    def start_postgres(self) -> None:
        if self.external_db:
            self.admin_url = self.external_db.replace("postgresql://", "postgres://", 1)
            self.log(f"PostgreSQL: external server, fresh database {self.database}")
        else:
            self.pg = EmbeddedPostgres(self.work_dir / "pg")
            self.log(f"PostgreSQL: starting an embedded server in {self.pg.pgdata}")
            self.pg.start()
            self.admin_url = self.pg.url("postgres")
        self.database_url = self.add_database(self.database)

    def add_database(self, name: str) -> str:
        """Create a fresh database ``name`` on the server (``stop()`` drops it); its URL."""
        asyncio.run(self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        asyncio.run(self._admin(f'CREATE DATABASE "{name}"'))
        self._created.append(name)
        return with_database(self.admin_url, name)

    def start_redis(self) -> None:
        if self.external_redis:
            self.redis_url = self.external_redis
            self.log("Redis: external server (REDIS_URL as given)")
            return
        self.redis = EmbeddedRedis(self.work_dir / "redis", persistent=False)
        self.log(f"Redis: starting an embedded server in {self.redis.directory}")
        self.redis.start()
        self.redis_url = self.redis.url()

    async def _admin(self, sql: str) -> None:
        import asyncpg

        conn = await asyncpg.connect(asyncpg_dsn(self.admin_url), timeout=10)
        try:
            self.pg_version = str(await conn.fetchval("SHOW server_version")).split()[0]
            await conn.execute(sql)
        finally:
            await conn.close()

    def postmaster_pid(self) -> int | None:
        """The embedded server's main process; None when external (or unknown)."""
        return None if self.pg is None else postmaster_pid(self.pg.pgdata)

    def stop(self, *, keep: bool = False) -> None:
        """Stop the embedded servers (removing their files) and drop the databases;
        with ``keep``, only stop the servers (their data stays, to be looked at).

        Every step runs even when one fails; the first failure is raised at the end.
        """
        failures: list[Exception] = []
        steps: list[tuple[str, Callable[[], None]]] = [
            ("redis", lambda: self._stop_redis(remove=not keep)),
        ]
        if not keep:
            steps.append(("database", self._drop_databases))
        steps.append(("postgres", lambda: self._stop_postgres(remove=not keep)))
        for name, step in steps:
            try:
                step()
            except Exception as exc:  # one failed step must not skip the others
                self.log(f"clean-up of {name} failed: {type(exc).__name__}: {exc}")
                failures.append(exc)
        if failures:
            raise failures[0]

    def _stop_redis(self, *, remove: bool) -> None:
        if self.redis is not None:
            self.redis.stop()
            if remove:
                shutil.rmtree(self.redis.directory, ignore_errors=True)
            self.redis = None
            self.log("embedded Redis stopped")

    def _drop_databases(self) -> None:
        while self._created:
            name = self._created[-1]
            asyncio.run(self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            self._created.pop()
            self.log(f"database {name} dropped")

    def _stop_postgres(self, *, remove: bool) -> None:
        if self.pg is not None:
            self.pg.stop()
            if remove:
                shutil.rmtree(self.pg.pgdata, ignore_errors=True)
            self.pg = None
            self.log("embedded PostgreSQL stopped")


_run: Servers | None = None


def start_run() -> Servers:
    """Start this test run's servers (``DATABASE_URL`` / ``REDIS_URL``, else embedded)."""
    global _run
    pid = os.getpid()
    _run = Servers(
        work_dir=ROOT / "var" / "test" / f"servers-{pid}",
        database=f"rc_test_{pid}_{secrets.token_hex(3)}",
        external_db=os.environ.get("DATABASE_URL"),
        external_redis=os.environ.get("REDIS_URL"),
    )
    _run.start()
    return _run


def stop_run() -> None:
    """Stop what ``start_run()`` started, if anything."""
    global _run
    if _run is None:
        return
    try:
        _run.stop()
    finally:
        shutil.rmtree(_run.work_dir, ignore_errors=True)
        _run = None


def run_servers() -> Servers:
    """The servers this test run started (for the tests that restart Redis)."""
    assert _run is not None, "the run's servers are started in pytest_configure"
    return _run
