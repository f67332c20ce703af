"""What every websocket shares: origin, authentication, the session's life, limits, close codes.

``/ws/coach`` and ``/ws/events`` behave alike (API.md):

- **Origin.** A browser's upgrade request carries ``Origin``: it must be the service's
  own (the host of the ``Host`` header) or one of ``WS_ALLOWED_ORIGINS`` (by default the
  Expo dev servers, ``http://localhost:8081`` and ``http://localhost:19006``); any other
  is refused with 403 before the upgrade (``origin_allowed``, run by the app's request
  middleware). No ``Origin`` (a native app) is allowed.
- **Authentication.** An ``Authorization: Bearer`` header on the upgrade request, or,
  from a browser, a first frame ``{"type": "auth", "token": "..."}`` within
  ``AUTH_TIMEOUT_S``; a missing, invalid or late token, or an ended session, closes the
  socket with 4401.
- **The session's life** (``SocketGuard``). The socket remembers its session and its
  token's expiry. When the session is revoked (any process: ``runcoach.revocation``)
  it is closed with 4401 "session revoked"; when the token expires, with 4401 "token
  expired", unless the client sent a fresh ``{"type": "auth", "token": ...}`` frame
  first (same user, live session; answered ``{"type": "authenticated", "expires_in"}``;
  anything else closes 4401).
- **Limits.** At most ``WS_MAX_SOCKETS_PER_USER`` sockets per user across every web
  process (leased slots in Redis, renewed while open, so a dead process's age out);
  beyond, close 4429. Each socket may send ``WS_MESSAGE_RATE`` frames (a token bucket):
  a frame over the rate is dropped and answered with an ``error`` frame ``rate_limited``
  (with ``retry_after``); a client that keeps going, another full bucket's worth of
  refused frames, is closed with 4429.
- **Pings.** Sanic pings every ``WS_PING_INTERVAL`` s and drops a client that has not
  answered within ``WS_PING_TIMEOUT`` s (close 1011).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from dataclasses import dataclass
from typing import Any, Literal

import orjson
from pydantic import Field
from sanic import Request
from sanic.server.websockets.impl import WebsocketImplProtocol

from runcoach import limits, revocation
from runcoach.config import Rate, Settings
from runcoach.errors import ApiError, RateLimited, Unauthorized
from runcoach.limits import LimitName
from runcoach.tokens import Claims, decode_access_token
from runcoach.validation import Input, validate

__all__ = [
    "AUTH_TIMEOUT_S",
    "CLOSE_SEND_TIMEOUT",
    "CLOSE_TOO_MANY",
    "CLOSE_TRY_AGAIN_LATER",
    "CLOSE_UNAUTHORIZED",
    "AuthFrame",
    "SocketGuard",
    "authenticate",
    "origin_allowed",
]

AUTH_TIMEOUT_S = 5.0
CLOSE_UNAUTHORIZED = 4401
CLOSE_SEND_TIMEOUT = 4408
CLOSE_TOO_MANY = 4429
CLOSE_TRY_AGAIN_LATER = 1013  # RFC 6455: a server-side condition, e.g. the database is down


class AuthFrame(Input):
    type: Literal["auth"]
    token: str = Field(min_length=1, max_length=4_096)


def origin_allowed(request: Request, settings: Settings) -> bool:
    """Whether a websocket upgrade may come from the request's ``Origin``."""
    origin = request.headers.get("origin")
    if origin is None:  # not a browser
        return True
    origin = origin.strip().rstrip("/").lower()
    if origin in settings.ws_allowed_origins:
        return True
    scheme, sep, host = origin.partition("://")
    own = request.headers.get("host", "").strip().lower()
    return bool(sep) and scheme in {"http", "https"} and bool(own) and host == own


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def _claims(token: str, settings: Settings) -> Claims | str:
    """The token's claims if its session lives; else why not (a close reason)."""
    try:
        claims = decode_access_token(token, settings=settings)
    except Unauthorized:
        return "invalid or expired token"
    try:
        await revocation.ensure_live(claims.session_id)
    except Unauthorized:
        return "session revoked"
    return claims


async def authenticate(
    request: Request, ws: WebsocketImplProtocol, settings: Settings
) -> Claims | None:
    """The claims of the header's token or of the first frame; None after closing 4401."""
    token = _bearer(request)
    if token is None:
        raw = await ws.recv(timeout=AUTH_TIMEOUT_S)
        if raw is None:
            await ws.close(CLOSE_UNAUTHORIZED, "authentication timeout")
            return None
        try:
            token = validate(AuthFrame, orjson.loads(raw)).token
        except (ApiError, orjson.JSONDecodeError, TypeError):
            await ws.close(CLOSE_UNAUTHORIZED, "the first frame must be an auth frame")
            return None
    claims = await _claims(token, settings)
    if isinstance(claims, str):
        await ws.close(CLOSE_UNAUTHORIZED, claims)
        return None
    return claims


class _Bucket:
    """A token bucket: ``rate.count`` frames, refilled over ``rate.window_s``."""

    def __init__(self, rate: Rate) -> None:
        self.capacity = float(rate.count)
        self.per_s = rate.count / rate.window_s
        self.tokens = self.capacity
        self.at = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.per_s)
        self.at = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False

    def wait_s(self) -> float:
        return max(0.0, (1.0 - self.tokens) / self.per_s)


@dataclass
class _Closed(Exception):
    code: int
    reason: str


class SocketGuard:
    """One authenticated socket's guard: its slot, its session's life, its frame rate.

    ``async with SocketGuard(...) as guard`` (None: the socket was closed, 4429), then
    ``await guard.screen(raw)`` on every client frame: False when the guard consumed it
    (a re-auth, or a frame over the rate).
    """

    def __init__(
        self,
        ws: WebsocketImplProtocol,
        claims: Claims,
        *,
        settings: Settings,
        watch: revocation.Watch | None,
    ) -> None:
        self.ws = ws
        self.claims = claims
        self.settings = settings
        self.watch = watch
        self.slot: limits.Slot | None = None
        self.rate = _Bucket(settings.ws_message_rate)
        self.strikes = _Bucket(settings.ws_message_rate)  # refused frames a client may send
        self._revoked: asyncio.Event | None = None
        self._supervisor: asyncio.Task[None] | None = None

    @property
    def user_id(self) -> uuid.UUID:
        return self.claims.user_id

    async def __aenter__(self) -> SocketGuard | None:
        try:
            self.slot = await limits.take_slot(LimitName.WS_SOCKETS, self.claims.user_id)
        except RateLimited:
            await self.ws.close(CLOSE_TOO_MANY, "too many open sockets for this user")
            return None
        self._follow(self.claims)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._stop_supervisor()
        if self._revoked is not None and self.watch is not None:
            self.watch.unwatch(self.claims.session_id, self._revoked)
        if self.slot is not None:
            await limits.limiter().release_slot(self.slot)

    # the session's life --------------------------------------------------------------------

    def _follow(self, claims: Claims) -> None:
        """Watch ``claims``' session and expiry (replacing what was watched)."""
        if self.watch is not None:
            if self._revoked is not None:
                self.watch.unwatch(self.claims.session_id, self._revoked)
            self._revoked = self.watch.watch(claims.session_id)
        self.claims = claims
        self._supervisor = asyncio.create_task(self._supervise())

    async def _stop_supervisor(self) -> None:
        task, self._supervisor = self._supervisor, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(BaseException):
                await task

    async def _supervise(self) -> None:
        """Close on revocation or expiry; renew the socket's slot meanwhile."""
        renew_s = (self.slot.lease_s / 3) if self.slot is not None else 20.0
        next_renew = time.monotonic() + renew_s
        revoked = self._revoked or asyncio.Event()
        try:
            while True:
                wait = min(self.claims.expires_at - time.time(), next_renew - time.monotonic())
                try:
                    async with asyncio.timeout(max(0.0, wait)):
                        await revoked.wait()
                    raise _Closed(CLOSE_UNAUTHORIZED, "session revoked")
                except TimeoutError:
                    pass
                if time.time() >= self.claims.expires_at:
                    raise _Closed(CLOSE_UNAUTHORIZED, "token expired")
                if time.monotonic() >= next_renew and self.slot is not None:
                    await limits.limiter().renew_slot(self.slot)
                    next_renew = time.monotonic() + renew_s
        except _Closed as closed:
            with contextlib.suppress(Exception):
                await self.ws.close(closed.code, closed.reason)

    async def _reauthenticate(self, token: str) -> None:
        claims = await _claims(token, self.settings)
        if isinstance(claims, str) or claims.user_id != self.claims.user_id:
            await self._stop_supervisor()
            reason = claims if isinstance(claims, str) else "the token is another user's"
            await self.ws.close(CLOSE_UNAUTHORIZED, reason)
            return
        await self._stop_supervisor()
        self._follow(claims)
        expires_in = max(0, int(claims.expires_at - time.time()))
        await self.ws.send(_frame("authenticated", expires_in=expires_in))

    # frames ------------------------------------------------------------------------------

    async def screen(self, raw: str | bytes) -> bool:
        """Whether the socket should handle ``raw`` (False: the guard dealt with it)."""
        if not self.rate.take():
            if not self.strikes.take():
                await self._stop_supervisor()
                await self.ws.close(CLOSE_TOO_MANY, "too many frames")
                return False
            retry_after = max(1, round(self.rate.wait_s() + 0.5))
            await self.ws.send(
                _frame("error", code="rate_limited", message="too many frames; slow down",
                       retry_after=retry_after)
            )  # fmt: skip
            return False
        if b'"auth"' not in (raw if isinstance(raw, bytes) else raw.encode()):
            return True  # the cheap test first: most frames are not auth frames
        try:
            frame = validate(AuthFrame, orjson.loads(raw))
        except (ApiError, orjson.JSONDecodeError, TypeError):
            return True  # not an auth frame after all: the socket answers it
        await self._reauthenticate(frame.token)
        return False


def _frame(kind: str, **fields: Any) -> str:
    return orjson.dumps({"type": kind, **fields}).decode()
