"""Tortoise's asyncpg engine with a first-come, first-served connection pool.

asyncpg's pool hands a released connection to whichever task asks next, even
when others have been waiting longer (its queue lets a newcomer take a freed
connection before the woken waiter runs, and the waiter goes back to the end).
When more requests need the database than the pool has connections, some
requests starve: measured with bench/http_bench.py at 32 connections and a pool
of 10, p50 12 ms but p99 130-180 ms. A fair semaphore in front of the pool
(FIFO since Python 3.11) makes waiting requests go in arrival order.
Selected in ``runcoach.db`` with ``"engine": "runcoach.dbengine"``.
"""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient


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


class FairAsyncpgDBClient(AsyncpgDBClient):
    """AsyncpgDBClient whose pool is a FairPool."""

    async def create_pool(self, **kwargs: Any) -> Any:
        pool = await super().create_pool(**kwargs)
        return FairPool(pool, int(kwargs["max_size"]))


client_class = FairAsyncpgDBClient
