"""Tortoise's asyncpg engine with a first-come, first-served connection pool.

asyncpg's pool hands a released connection to whichever task asks next, even
when others have been waiting longer (its queue lets a newcomer take a freed
connection before the woken waiter runs, and the waiter goes back to the end).
When more requests need the database than the pool has connections, some
requests starve: measured with bench/http_bench.py at 32 connections and a pool
of 10, p50 12 ms but p99 130-180 ms. A fair semaphore in front of the pool
(FIFO since Python 3.11) makes waiting requests go in arrival order.
Selected in ``runcoach.db`` with ``"engine": "runcoach.dbengine"``.

Tortoise's pooled transaction acquires a connection, then sends BEGIN; when BEGIN
fails (a connection PostgreSQL dropped, the server shutting down) its ``__aexit__``
never runs, so the connection and its turn were never given back: after
``DB_POOL_MAX`` such failures every request waited forever. ``FairTransactionContext``
gives them back.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
from tortoise.backends.base.client import TransactionContext, TransactionContextPooled
from tortoise.connection import get_connections


class FairPool:
    """An asyncpg pool whose ``acquire`` serves waiters in arrival order."""

    def __init__(self, pool: asyncpg.Pool, size: int) -> None:
        self._pool = pool
        self._turns = asyncio.Semaphore(size)

    async def acquire(self) -> Any:
        await self._turns.acquire()
        try:
            return await self._pool.acquire()
        except BaseException:
            self._turns.release()
            raise

    async def release(self, connection: Any) -> None:
        try:
            await self._pool.release(connection)
        finally:
            self._turns.release()

    def __getattr__(self, name: str) -> Any:  # close, terminate, expire_connections, ...
        return getattr(self._pool, name)


class FairTransactionContext(TransactionContextPooled):
    """Tortoise's pooled transaction, giving its connection back when BEGIN fails."""

    __slots__ = ()

    async def __aenter__(self) -> Any:
        try:
            return await super().__aenter__()
        except BaseException:
            connection = self.client._connection  # set once acquired, before BEGIN
            if connection is not None:
                with contextlib.suppress(AttributeError, ValueError, RuntimeError):
                    get_connections().reset(self.token)  # set with the connection
                with contextlib.suppress(Exception):  # the turn is released regardless
                    await self.client._parent._pool.release(connection)
            raise


class FairAsyncpgDBClient(AsyncpgDBClient):
    """AsyncpgDBClient whose pool is a FairPool, and whose transactions never leak a turn."""

    def _in_transaction(self) -> TransactionContext:
        return FairTransactionContext(TransactionWrapper(self), self._pool_init_lock)

    async def create_pool(self, **kwargs: Any) -> Any:
        pool = await super().create_pool(**kwargs)
        return FairPool(pool, int(kwargs["max_size"]))


client_class = FairAsyncpgDBClient
