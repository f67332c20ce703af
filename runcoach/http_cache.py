"""Cached GET answers: ``@cached(klass)`` on a route, and the write middleware that drops them.

A cached route's 200 body is stored under the user's cache version (``runcoach.cache``),
keyed by the path and the validated, normalised query (``web.query``: junk is a 422 and
never an entry), and served as stored bytes: no decoding on a hit. Every answer of a
cached route (hit, miss, or Redis down) carries an ``ETag``, ``Cache-Control: private``
and ``Vary: Authorization``; ``If-None-Match`` with the current ETag answers 304. Errors
(4xx) are never cached.

Answers that depend on the user's "today" are not served after the user's local
midnight (the entry records it when it is made).

Any successful write request (POST, PUT, PATCH, DELETE) by an authenticated user bumps
that user's version before the answer leaves (``register``), so a route added later
cannot forget to invalidate; the services bump it too for writes made outside a request
(jobs, syncs, notifications).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

import orjson
from pydantic import BaseModel
from sanic import HTTPResponse, Request, Sanic

from runcoach import cache

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

Handler = Callable[..., Awaitable[HTTPResponse]]
LocalMidnight = Callable[..., Awaitable[int]]


def cached(
    klass: str, *, leaderboards: bool = False, daily: bool = True
) -> Callable[[Handler], Handler]:
    """Cache this route's 200 answers in ``klass`` (``cache.TTL_S``). Under ``@authenticated``,
    which leaves the check of the request's session to the cache's read (one round trip).

    ``leaderboards``: the answer also depends on other athletes' data (the leaderboards'
    version is part of the key). ``daily``: the answer depends on the user's today.
    """
    if klass not in cache.TTL_S:
        raise ValueError(f"unknown cache class {klass!r}")

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        async def serve(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            user_id = request.ctx.user_id
            uncacheable: list[HTTPResponse] = []

            async def compute() -> bytes:
                response = await handler(request, *args, **kwargs)
                if response.status != 200 or response.body is None:
                    uncacheable.append(response)
                    raise _NotCacheable
                return bytes(response.body)

            async def midnight() -> int:
                return int(await request.app.ctx.local_midnight_ms(user_id=user_id))

            # the path holds the ids; the query its validated parameters, defaults filled in,
            # so junk never makes a new entry and ?limit=20 shares the entry of no limit
            name = f"{request.path}?{_normalised(request.ctx.query)}"
            try:
                entry, how = await cache.service().fetch(
                    klass, user_id, name, compute, leaderboards=leaderboards,
                    valid_until=midnight if daily else None,
                    session_id=request.ctx.session_id,
                )  # fmt: skip
            except _NotCacheable:
                return uncacheable[0]
            headers = {
                "ETag": f'"{entry.etag}"',
                "Cache-Control": "private, no-cache",
                "Vary": "Authorization",
                "X-Cache": how,
            }
            if etag_matches(request.headers.get("if-none-match"), entry.etag):
                return HTTPResponse(status=304, headers=headers)
            return HTTPResponse(entry.body, headers=headers, content_type="application/json")

        serve.__dict__["cache_class"] = klass
        return serve

    return decorate


class _NotCacheable(Exception):
    """The handler answered something other than a 200 with a body."""


def etag_matches(header: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (or ``*``)."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    for candidate in header.split(","):
        tag = candidate.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag.strip('"') == etag:
            return True
    return False


def _normalised(query: BaseModel) -> str:
    return orjson.dumps(query.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS).decode()


async def _drop_after_write(request: Request, response: HTTPResponse) -> None:
    if request.method not in WRITE_METHODS or response.status >= 400:
        return
    user_id = getattr(request.ctx, "user_id", None)
    if user_id is None:
        return
    await cache.invalidate(user_id)  # (the services drop the leaderboards a write moves)


def register(app: Sanic, *, local_midnight_ms: LocalMidnight) -> None:
    """Install the write middleware (before any other response middleware sees the answer).

    ``local_midnight_ms(user_id=...)`` tells when a user's today ends (the athletes'
    service: this module is below the domains and does not import them).
    """
    app.ctx.local_midnight_ms = local_midnight_ms
    app.register_middleware(_drop_after_write, "response", priority=200)  # type: ignore[arg-type]
