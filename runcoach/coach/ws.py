"""The coach websocket, ``/ws/coach``: authenticated, typed JSON frames, live answers.

Protocol (API.md, "Coach"):

- Authentication, origin, the session's life, limits and pings: ``runcoach.sockets``
  (a header or a first ``auth`` frame within 5 s, else 4401; closed 4401 when the
  session is revoked or the token expires without a fresh ``auth`` frame; 4429 over the
  per-user socket cap or a sustained frame rate). The server then sends
  ``{"type": "ready", "user_id"}``.
- Client frames: ``message`` (``text``, ``conversation_id``?, ``client_id``?),
  ``cancel``, ``ping``. Server frames: ``start`` (``message_id``, ``conversation_id``),
  ``delta`` (``text``) as the model writes, ``done`` (``message_id``, ``usage``,
  ``cancelled``), ``error`` (``code``, ``message``), ``pong``.
- One answer at a time per socket, and at most ``COACH_MAX_STREAMS`` per user across
  every socket, web process and ``POST /coach/messages`` (Redis), and at most
  ``LIMIT_COACH_MESSAGES`` messages per user over both transports (``runcoach.limits``):
  beyond either, an ``error`` frame ``rate_limited`` with ``retry_after``.
- A bad frame gets an ``error`` frame (``malformed_json``, ``validation_error`` with
  ``errors``) and the socket stays open; frames over 64 KiB close it (1009).
- ``cancel`` stops the provider call; the answer is stored as far as it got and ends
  with ``done`` carrying ``"cancelled": true``. A provider failure ends the answer with
  an ``error`` frame (never a silent close); the partial answer is stored as failed.
- A client that does not read for ``WS_SEND_TIMEOUT`` seconds is closed with 4408: a
  slow reader cannot hold a stream (and its provider call) open.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from typing import Any

import orjson
from sanic import Blueprint, Request
from sanic.server.websockets.impl import WebsocketImplProtocol
from sanic_ext import openapi

from runcoach import db
from runcoach.coach import schemas, service
from runcoach.coach.models import MessageStatus
from runcoach.config import Settings
from runcoach.errors import ApiError, DatabaseUnavailable, RateLimited
from runcoach.llm import LLMError, LLMProvider, LLMStream
from runcoach.logs import event
from runcoach.sockets import CLOSE_SEND_TIMEOUT, SocketGuard, authenticate
from runcoach.validation import validate

log = logging.getLogger("runcoach.coach")

bp = Blueprint("coach_ws")

SEND_BUFFER_ROOM = 16 * 1024  # below asyncio's default high-water mark (64 KiB)


class SendTimeout(Exception):
    """The client did not read a frame within the send timeout."""


def _frame(kind: str, **fields: Any) -> str:
    return orjson.dumps({"type": kind, **fields}).decode()


def _error_frame(exc: ApiError) -> str:
    """A refusal as an ``error`` frame, with what its problem+json would say (a rate
    limit's ``retry_after``, ``limit``, ``used``, ``resets_at``)."""
    return _frame("error", code=exc.code, message=exc.detail, **exc.extra)


@bp.websocket("/ws/coach")
@openapi.exclude(True)
async def coach_socket(request: Request, ws: WebsocketImplProtocol) -> None:
    settings: Settings = request.app.ctx.settings
    claims = await authenticate(request, ws, settings)
    if claims is None:
        return
    watch = request.app.ctx.sessions_watch
    async with SocketGuard(ws, claims, settings=settings, watch=watch) as guard:
        if guard is None:
            return
        session = CoachSession(
            ws, claims.user_id, provider=request.app.ctx.llm, settings=settings, guard=guard
        )
        await session.run()


class CoachSession:
    """One authenticated socket: reads frames, relays at most one answer at a time."""

    def __init__(
        self,
        ws: WebsocketImplProtocol,
        user_id: uuid.UUID,
        *,
        provider: LLMProvider,
        settings: Settings,
        guard: SocketGuard | None = None,
    ) -> None:
        self.ws = ws
        self.guard = guard
        self.user_id = user_id
        self.provider = provider
        self.settings = settings
        self.answering: asyncio.Task[None] | None = None
        self.stream: LLMStream | None = None
        self.busy = False  # an answer is being prepared or streamed on this socket
        self.cancelled = False
        transport = getattr(ws, "io_proto", None)
        self._transport = getattr(transport, "transport", None)

    async def send(self, frame: str) -> None:
        """Send a frame; SendTimeout when the client leaves it unread too long.

        While the socket's write buffer has room a send cannot block, so the deadline (a
        timer per frame, a tenth of the relay's cost) is only armed when it is filling up.
        """
        transport = self._transport
        if transport is not None and transport.get_write_buffer_size() < SEND_BUFFER_ROOM:
            await self.ws.send(frame)
            return
        try:
            async with asyncio.timeout(self.settings.ws_send_timeout_s):
                await self.ws.send(frame)
        except TimeoutError:
            raise SendTimeout from None

    async def run(self) -> None:
        event(log, "coach.socket_opened", user_id=str(self.user_id))
        try:
            await self.send(_frame("ready", user_id=str(self.user_id)))
            while True:
                raw = await self.ws.recv()
                if raw is not None and (self.guard is None or await self.guard.screen(raw)):
                    await self.handle(raw)
        except SendTimeout:
            await self.ws.close(CLOSE_SEND_TIMEOUT, "the client is not reading")
        finally:
            task = self.answering
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
            event(log, "coach.socket_closed", user_id=str(self.user_id))

    async def handle(self, raw: str | bytes) -> None:
        try:
            frame = orjson.loads(raw)
        except orjson.JSONDecodeError:
            await self.error("malformed_json", "frames are JSON objects")
            return
        kind = frame.get("type") if isinstance(frame, dict) else None
        if kind == "ping":
            await self.send(_frame("pong"))
        elif kind == "cancel":
            await self.cancel()
        elif kind == "message":
            await self.message(frame)
        elif kind == "auth":
            await self.error("validation_error", "an auth frame needs a token")
        else:
            await self.error(
                "validation_error", "unknown frame type (message, cancel or ping expected)"
            )

    async def error(self, code: str, message: str, **extra: Any) -> None:
        await self.send(_frame("error", code=code, message=message, **extra))

    async def message(self, frame: dict[str, Any]) -> None:
        try:
            ask = validate(schemas.MessageFrame, frame)
        except ApiError as exc:
            await self.error(exc.code, exc.detail, errors=exc.errors or [])
            return
        if self.busy:
            await self.error("conflict", "an answer is still streaming: wait or cancel it")
            return
        self.busy, self.cancelled = True, False
        self.answering = asyncio.create_task(self.answer(ask))

    async def cancel(self) -> None:
        """Stop the answer being streamed, if any (it ends with a cancelled ``done``)."""
        self.cancelled = True
        if self.stream is not None:
            await self.stream.aclose()

    async def answer(self, ask: schemas.MessageFrame) -> None:
        """One answer; its last frame goes out once the socket and the slot are free again,
        so a client may send its next message as soon as it reads ``done``."""
        final: str | None = None
        try:
            final = await self._in_slot(ask)
        except SendTimeout:
            await self.ws.close(CLOSE_SEND_TIMEOUT, "the client is not reading")
        except Exception as exc:
            if db.unavailable(exc):  # an outage, not a bug: the client may ask again shortly
                event(log, "coach.database_unavailable", logging.WARNING,
                      user_id=str(self.user_id))  # fmt: skip
                final = _error_frame(DatabaseUnavailable())
            else:  # a bug: say so on the socket, never a silent stall
                event(log, "coach.answer_crashed", logging.ERROR, user_id=str(self.user_id),
                      error=type(exc).__name__, exc_info=exc)  # fmt: skip
                final = _frame(
                    "error", code="internal_error", message="the coach hit an unexpected error"
                )
        finally:
            self.busy = False
        if final is not None:
            try:
                await self.send(final)
            except SendTimeout:
                await self.ws.close(CLOSE_SEND_TIMEOUT, "the client is not reading")

    async def _in_slot(self, ask: schemas.MessageFrame) -> str | None:
        try:
            async with service.stream_slot(user_id=self.user_id):
                return await self._answer(ask)
        except RateLimited as exc:  # every slot is held
            return _error_frame(exc)

    async def _answer(self, ask: schemas.MessageFrame) -> str:
        """Stream one answer; returns its last frame (done or error), not yet sent."""
        try:
            exchange = await service.start(
                user_id=self.user_id,
                text=ask.text,
                conversation_id=ask.conversation_id,
                client_id=ask.client_id,
                provider=self.provider,
            )
        except ApiError as exc:  # among them, the user's message limit (rate_limited)
            return _error_frame(exc)
        message_id, conversation_id = str(exchange.answer_id), str(exchange.conversation_id)
        await self.send(
            _frame("start", message_id=message_id, conversation_id=conversation_id,
                   client_id=ask.client_id)
        )  # fmt: skip
        if exchange.replay is not None:  # the same client_id again: the stored answer
            answer = exchange.replay
            if answer.content:
                await self.send(_frame("delta", text=answer.content))
            cancelled = answer.status == MessageStatus.CANCELLED
            return _frame("done", message_id=message_id, usage=answer.usage or {},
                          cancelled=cancelled, replayed=True)  # fmt: skip
        stream = self.stream = self.provider.stream(exchange.request)
        status, failure = MessageStatus.COMPLETE, None
        try:
            async for delta in stream:
                await self.send(_frame("delta", text=delta))
            if self.cancelled:
                status = MessageStatus.CANCELLED
        except LLMError as exc:
            status, failure = MessageStatus.FAILED, exc
        except (asyncio.CancelledError, SendTimeout):  # the socket closed, or stopped reading
            await asyncio.shield(
                self._store(exchange.answer_id, stream, MessageStatus.CANCELLED, None)
            )
            raise
        except Exception:  # the socket failed under us (or a bug): never leave it streaming
            await asyncio.shield(
                self._store(exchange.answer_id, stream, MessageStatus.FAILED, None)
            )
            raise
        finally:
            self.stream = None
            await stream.aclose()
        await self._store(exchange.answer_id, stream, status, failure)
        if failure is not None:
            return _frame("error", code=failure.code,
                          message="the coach could not finish this answer; try again")  # fmt: skip
        return _frame("done", message_id=message_id, usage=stream.usage.as_dict(),
                      cancelled=status == MessageStatus.CANCELLED)  # fmt: skip

    async def _store(
        self,
        answer_id: uuid.UUID,
        stream: LLMStream,
        status: MessageStatus,
        failure: LLMError | None,
    ) -> None:
        await service.finish(
            answer_id=answer_id,
            text=stream.text,
            status=status,
            usage=stream.usage,
            error_code=None if failure is None else failure.code,
        )
