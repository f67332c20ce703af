"""A small pipelined Redis client for the cache's hot path: one connection per event loop.

redis-py's asyncio client costs about 50 us of CPU per command here (its pool, its
connection checks, its parser): more than the whole cached request should. This client
sends every command of the process down one connection as soon as it is made (requests
pipeline on their own) and parses the replies with ``hiredis``: about 8 us a command.

It speaks RESP2 and knows only what its users need (``execute`` and ``eval``, a Lua
script by its SHA-1). The cache, the session checks and the rate limits use it. Failures never hang:
a command waits at most ``timeout`` seconds (a watchdog closes a connection whose oldest
command is overdue, failing everything sent on it) and any failure raises
``redis.exceptions.ConnectionError`` / ``TimeoutError`` / ``ResponseError`` like redis-py,
so the cache's fail-open handling is the same. The next command reconnects.
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import ssl
import time
from typing import Any

import hiredis
from redis.asyncio.connection import SSLConnection, parse_url
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoScriptError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError


def _pack(args: tuple[Any, ...]) -> bytes:
    out = [b"*%d\r\n" % len(args)]
    for arg in args:
        if isinstance(arg, str):
            data = arg.encode()
        elif isinstance(arg, bytes):
            data = arg
        elif isinstance(arg, int | float):
            data = repr(arg).encode()
        else:
            raise TypeError(f"cannot send {type(arg).__name__} to Redis")
        out.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(out)


class _Protocol(asyncio.Protocol):
    def __init__(self) -> None:
        self.reader = hiredis.Reader()
        self.waiting: collections.deque[tuple[asyncio.Future[Any], float]] = collections.deque()
        self.transport: asyncio.Transport | None = None
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.reader.feed(data)
        while True:
            try:
                reply = self.reader.gets()
            except hiredis.ProtocolError as exc:
                self.fail(RedisConnectionError(f"protocol error: {exc}"))
                return
            if reply is False:
                return
            if not self.waiting:  # a reply nobody asked for: the stream is out of step
                self.fail(RedisConnectionError("unexpected reply"))
                return
            future, _ = self.waiting.popleft()
            if future.done():
                continue
            if isinstance(reply, hiredis.ReplyError):
                message = str(reply)
                error = NoScriptError if message.startswith("NOSCRIPT") else ResponseError
                future.set_exception(error(message))
            else:
                future.set_result(reply)

    def connection_lost(self, exc: Exception | None) -> None:
        self.fail(RedisConnectionError(f"connection lost: {exc or 'closed'}"))

    def fail(self, error: Exception) -> None:
        self.closed = True
        while self.waiting:
            future, _ = self.waiting.popleft()
            if not future.done():
                future.set_exception(error)
        if self.transport is not None:
            self.transport.abort()


_SHAS: dict[str, str] = {}  # a script's SHA-1, the name Redis knows it by


def script_sha(script: str) -> str:
    sha = _SHAS.get(script)
    if sha is None:
        sha = _SHAS[script] = hashlib.sha1(script.encode()).hexdigest()  # noqa: S324
    return sha


class FastRedis:
    """``await client.execute("GET", key)``: one pipelined connection, opened on demand."""

    def __init__(self, url: str, *, timeout: float) -> None:
        self._options = parse_url(url)
        self._timeout = timeout
        self._protocol: _Protocol | None = None
        self._connecting: asyncio.Future[_Protocol] | None = None
        self._watchdog: asyncio.Task[None] | None = None

    async def execute(self, *args: Any) -> Any:
        protocol = self._protocol
        if protocol is None or protocol.closed:
            protocol = await self._connect()
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        protocol.waiting.append((future, time.monotonic()))
        assert protocol.transport is not None
        protocol.transport.write(_pack(args))
        return await future

    async def eval(self, script: str, keys: list[str], args: list[Any]) -> Any:
        """Run a Lua script by its SHA-1, sending its text once when Redis does not know it
        (a restarted Redis, ``SCRIPT FLUSH``)."""
        sha = script_sha(script)
        try:
            return await self.execute("EVALSHA", sha, len(keys), *keys, *args)
        except NoScriptError:
            return await self.execute("EVAL", script, len(keys), *keys, *args)

    async def _connect(self) -> _Protocol:
        if self._connecting is not None:  # another caller is connecting: share its result
            return await asyncio.shield(self._connecting)
        loop = asyncio.get_running_loop()
        self._connecting = loop.create_future()
        try:
            protocol = await asyncio.wait_for(self._open(), self._timeout)
        except (OSError, TimeoutError, ResponseError) as exc:
            error = (
                RedisTimeoutError("connect timed out")
                if isinstance(exc, TimeoutError)
                else RedisConnectionError(f"cannot connect: {exc}")
            )
            self._connecting.set_exception(error)
            self._connecting.exception()  # read: the waiters get it, nobody else logs it
            self._connecting = None
            raise error from exc
        self._protocol = protocol
        self._connecting.set_result(protocol)
        self._connecting = None
        if self._watchdog is None or self._watchdog.done():
            self._watchdog = loop.create_task(self._watch())
        return protocol

    async def _open(self) -> _Protocol:
        loop = asyncio.get_running_loop()
        options = self._options
        if "path" in options:
            _, protocol = await loop.create_unix_connection(_Protocol, options["path"])
        else:
            kind = options.get("connection_class")
            context = ssl.create_default_context() if kind is SSLConnection else None
            _, protocol = await loop.create_connection(
                _Protocol, options.get("host", "localhost"), options.get("port", 6379), ssl=context
            )
        setup: list[tuple[Any, ...]] = []
        if options.get("password"):
            auth = ("AUTH", options["username"], options["password"])
            setup.append(auth if options.get("username") else ("AUTH", options["password"]))
        if options.get("db"):
            setup.append(("SELECT", int(options["db"])))
        for command in setup:
            future: asyncio.Future[Any] = loop.create_future()
            protocol.waiting.append((future, time.monotonic()))
            assert protocol.transport is not None
            protocol.transport.write(_pack(command))
            await future
        return protocol

    async def _watch(self) -> None:
        """Close a connection whose oldest command is overdue (everything after it waits)."""
        period = min(0.05, self._timeout / 4)
        while True:
            await asyncio.sleep(period)
            protocol = self._protocol
            if protocol is None or protocol.closed:
                if self._connecting is None:
                    return  # restarted by the next connect
                continue
            if protocol.waiting and time.monotonic() - protocol.waiting[0][1] > self._timeout:
                protocol.fail(RedisTimeoutError(f"no reply within {self._timeout:g} s"))

    async def aclose(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        if self._protocol is not None:
            self._protocol.fail(RedisConnectionError("closed"))
            self._protocol = None
