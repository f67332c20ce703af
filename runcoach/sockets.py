"""What every websocket shares: authentication, close codes, the frame of a send timeout.

``/ws/coach`` and ``/ws/events`` authenticate alike (API.md): an ``Authorization:
Bearer`` header on the upgrade request, or, from a browser, a first frame
``{"type": "auth", "token": "..."}`` within ``AUTH_TIMEOUT_S``; a missing, invalid or
late token closes the socket with 4401.
"""

from __future__ import annotations

import uuid
from typing import Literal

import orjson
from pydantic import Field
from sanic import Request
from sanic.server.websockets.impl import WebsocketImplProtocol

from runcoach.config import Settings
from runcoach.errors import ApiError, Unauthorized
from runcoach.tokens import decode_access_token
from runcoach.validation import Input, validate

__all__ = [
    "AUTH_TIMEOUT_S",
    "CLOSE_SEND_TIMEOUT",
    "CLOSE_UNAUTHORIZED",
    "AuthFrame",
    "authenticate",
]

AUTH_TIMEOUT_S = 5.0
CLOSE_UNAUTHORIZED = 4401
CLOSE_SEND_TIMEOUT = 4408


class AuthFrame(Input):
    type: Literal["auth"]
    token: str = Field(min_length=1, max_length=4_096)


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def authenticate(
    request: Request, ws: WebsocketImplProtocol, settings: Settings
) -> uuid.UUID | None:
    """The user of the header's token or of the first frame; None after closing with 4401."""
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
    try:
        return decode_access_token(token, settings=settings)
    except Unauthorized:
        await ws.close(CLOSE_UNAUTHORIZED, "invalid or expired token")
        return None
