"""The database plumbing: a fair connection pool, what releasing a connection resets, and
several reads in one round trip."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
import pytest_asyncio

from runcoach import db as database
from runcoach.db import PooledConnection, Read
from runcoach.dbengine import FairPool


@pytest_asyncio.fixture(loop_scope="session")
async def raw_pool(settings: Any) -> AsyncIterator[asyncpg.Pool]:
    dsn = "postgresql://" + settings.database_url.split("://", 1)[1]
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=1, connection_class=PooledConnection)
    try:
        yield pool
    finally:
        await pool.close()


async def test_waiters_are_served_in_arrival_order(settings: Any) -> None:
    """16 clients share 2 connections: each is served in the order it asked, none ahead.

    Each request takes a ticket as it asks (synchronously with joining the queue) and the
    tickets are recorded as connections are handed out: first come, first served means
    they come out in order. (asyncpg's own pool lets a newcomer take a freed connection
    before a woken waiter: tickets out of order.) Checking the order itself, not how
    evenly the turns spread, keeps the machine's load out of it: one query stalled on a
    busy machine costs its client a turn under any fair pool.
    """
    dsn = "postgresql://" + settings.database_url.split("://", 1)[1]
    raw = await asyncpg.create_pool(dsn, min_size=2, max_size=2, connection_class=PooledConnection)
    pool = FairPool(raw, 2)
    served = dict.fromkeys(range(16), 0)
    tickets = itertools.count()
    handed_out: list[int] = []
    left = [4000]

    async def client(i: int) -> None:
        while left[0] > 0:
            ticket = next(tickets)
            conn = await pool.acquire()
            handed_out.append(ticket)
            left[0] -= 1
            served[i] += 1
            await conn.fetchval("SELECT 1")
            await pool.release(conn)

    try:
        await asyncio.gather(*(client(i) for i in served))
    finally:
        await raw.close()
    assert len(handed_out) >= 4000
    overtaken = [(a, b) for a, b in itertools.pairwise(handed_out) if b < a]
    assert not overtaken, f"{len(overtaken)} served ahead of earlier arrivals: {overtaken[:5]}"
    assert min(served.values()) > 0, served  # and every client got its turns


async def test_release_rolls_back_an_open_transaction(raw_pool: asyncpg.Pool) -> None:
    conn = await raw_pool.acquire()
    await conn.execute("CREATE TEMP TABLE IF NOT EXISTS probe (x int)")
    await conn.execute("BEGIN")
    await conn.execute("INSERT INTO probe VALUES (1)")
    await raw_pool.release(conn)  # no reset query, but the transaction is rolled back
    conn = await raw_pool.acquire()
    try:
        assert await conn.fetchval("SELECT count(*) FROM probe") == 0
        assert not conn.is_in_transaction()
    finally:
        await raw_pool.release(conn)


async def test_a_failed_begin_gives_its_connection_and_turn_back(
    settings: Any, db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """BEGIN failing on a connection (PostgreSQL dropped it, or is shutting down) must not
    leak the connection or its turn: more failures than the pool has connections, and
    the pool still serves."""
    from tortoise.backends.asyncpg.client import TransactionWrapper
    from tortoise.backends.base.config_generator import expand_db_url

    from runcoach.dbengine import FairAsyncpgDBClient

    credentials = expand_db_url(settings.database_url)["credentials"]
    credentials.update(minsize=1, maxsize=2, connection_class=PooledConnection)
    client = FairAsyncpgDBClient(connection_name="begin_probe", **credentials)
    await client.create_connection(with_db=True)

    async def dead_begin(self: TransactionWrapper) -> None:
        raise asyncpg.ConnectionDoesNotExistError("connection was closed")

    try:
        async with asyncio.timeout(10):  # a leaked turn would wait forever
            with monkeypatch.context() as patch:
                patch.setattr(TransactionWrapper, "begin", dead_begin)
                for _ in range(5):  # more than the pool's 2 connections
                    with pytest.raises(asyncpg.ConnectionDoesNotExistError):
                        async with client._in_transaction():
                            pass
            async with client._in_transaction() as tx:
                assert await tx.execute_query_dict("SELECT 1 AS one") == [{"one": 1}]
            assert await client.execute_query_dict("SELECT 2 AS two") == [{"two": 2}]
    finally:
        await client.close()


async def test_unavailable_tells_an_outage_from_a_bug(tmp_path: Any) -> None:
    """What the error handler answers 503 ``database_unavailable`` for, and what stays a 500."""
    from runcoach.db import unavailable

    try:  # no server there: asyncpg's own OSError (no socket file)
        await asyncpg.connect(host=str(tmp_path), user="postgres", timeout=1)
    except OSError as exc:
        refused: BaseException = exc
    try:
        (tmp_path / "missing").read_text()
    except OSError as exc:
        not_a_database: BaseException = exc
    try:
        try:
            raise asyncpg.ConnectionDoesNotExistError("connection was closed")
        except asyncpg.PostgresError as inner:
            raise RuntimeError("while committing") from inner
    except RuntimeError as exc:
        chained: BaseException = exc

    assert unavailable(refused)
    assert unavailable(chained)
    assert unavailable(asyncpg.AdminShutdownError("terminating connection"))
    assert unavailable(asyncpg.CannotConnectNowError("the database system is starting up"))
    assert unavailable(asyncpg.InterfaceError("connection is closed"))
    assert not unavailable(not_a_database)
    assert not unavailable(asyncpg.QueryCanceledError("statement timeout"))
    assert not unavailable(asyncpg.UniqueViolationError("duplicate key"))
    assert not unavailable(asyncpg.InterfaceError("another operation is in progress"))


# --- fetch_batch: several reads, one statement --------------------------------------------

_TYPES = (
    "SELECT $1::int AS n, $2::text AS word, $1::int + 1 AS next, DATE '2026-12-03' AS day,"
    " TIMESTAMPTZ '2026-12-03 10:00+00' AS at, '7c0a2f7e-4c8f-4a3e-9d61-0d7f3e1b2c4d'::uuid AS id,"
    " 1.5::float8 AS x, NULL::int AS nothing, '{\"a\": [1]}'::jsonb AS doc"
)
_SERIES = "SELECT g AS n FROM generate_series(1, $1) g WHERE g % $2 = 0 ORDER BY g DESC"


async def test_a_batch_gives_each_read_what_fetch_all_gives_it(db: None) -> None:
    """Parameters are numbered on from read to read (a read may use one twice), types come
    back as asyncpg gives them alone, each read's order is kept, an empty read is empty."""
    reads = (
        Read(_TYPES, (41, "hello")),
        Read(_SERIES, (20, 3)),
        Read(_SERIES, (5, 7)),
        Read(_TYPES, (1, "again")),
    )
    batch = await database.fetch_batch(*reads)
    alone = [await database.fetch_all(r.sql, *r.args) for r in reads]
    assert batch == alone
    assert [r["n"] for r in batch[1]] == [18, 15, 12, 9, 6, 3]
    assert batch[2] == []
    assert (batch[0][0]["n"], batch[0][0]["next"], batch[3][0]["word"]) == (41, 42, "again")


async def test_a_batch_reads_inside_the_callers_transaction(db: None) -> None:
    """With ``conn``, the batch runs on the transaction's connection: it sees its writes."""
    from tortoise.transactions import in_transaction

    await database.execute("CREATE TABLE IF NOT EXISTS batch_probe (n int)")
    try:
        async with in_transaction() as conn:
            await database.execute("INSERT INTO batch_probe VALUES (7)", conn=conn)
            seen, counted = await database.fetch_batch(
                Read("SELECT n FROM batch_probe"),
                Read("SELECT count(*)::int AS c FROM batch_probe WHERE n = $1", (7,)),
                conn=conn,
            )
            assert (seen, counted) == ([{"n": 7}], [{"c": 1}])
        assert await database.fetch_batch(Read("SELECT n FROM batch_probe")) == [[{"n": 7}]]
    finally:
        await database.execute("DROP TABLE batch_probe")
