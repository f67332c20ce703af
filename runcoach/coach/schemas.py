"""Coach chat request models and response shapes (HTTP and websocket frames)."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import Field

from runcoach.coach.models import Conversation, Message
from runcoach.validation import Input

MAX_TEXT = 4_000  # characters of one athlete message


class Ask(Input):
    """POST /coach/messages and the websocket's ``message`` frame."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    conversation_id: uuid.UUID | None = None
    client_id: str | None = Field(default=None, min_length=1, max_length=64)


class MessageFrame(Ask):
    type: Literal["message"]


class ListQuery(Input):
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = None


def _at(value: Any) -> str | None:
    return None if value is None else value.isoformat().replace("+00:00", "Z")


def message(m: Message) -> dict[str, Any]:
    return {
        "id": str(m.id),
        "conversation_id": str(m.conversation_id),
        "role": m.role,
        "content": m.content,
        "status": m.status,
        "client_id": m.client_id,
        "provider": m.provider,
        "model": m.model,
        "usage": m.usage,
        "error_code": m.error_code,
        "created_at": _at(m.created_at),
        "completed_at": _at(m.completed_at),
    }


def conversation(c: Conversation) -> dict[str, Any]:
    return {
        "id": str(c.id),
        "title": c.title,
        "created_at": _at(c.created_at),
        "updated_at": _at(c.updated_at),
    }
