"""Coach request models and response shapes: chat (HTTP and websocket frames), analyses."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field

from runcoach.coach.models import (
    Analysis,
    AnalysisStatus,
    Conversation,
    Message,
    MessageRole,
    MessageStatus,
)
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


class AnalysisQuery(Input):
    cursor: str | None = Field(default=None, max_length=200)
    limit: int = Field(default=20, ge=1, le=100)


# --- answer shapes ---------------------------------------------------------------------


class CoachMessage(BaseModel):
    """One message of a conversation (the athlete's or the coach's)."""

    id: uuid.UUID
    conversation_id: uuid.UUID
    role: MessageRole
    content: str
    status: MessageStatus
    client_id: str | None
    provider: str | None
    model: str | None
    usage: dict[str, Any] | None = Field(description="the provider's token counts")
    error_code: str | None
    created_at: dt.datetime
    completed_at: dt.datetime | None


class Exchange(BaseModel):
    """The answer of POST /coach/messages: the stored question and answer."""

    conversation_id: uuid.UUID
    question: CoachMessage
    answer: CoachMessage


class ConversationOut(BaseModel):
    id: uuid.UUID
    title: str
    created_at: dt.datetime
    updated_at: dt.datetime


class ConversationPage(BaseModel):
    items: list[ConversationOut]
    next_cursor: str | None


class MessagePage(BaseModel):
    items: list[CoachMessage]
    next_cursor: str | None


class AnalysisOut(BaseModel):
    """An analysis of the recent weeks (``facts``: the numbers it was written from)."""

    id: uuid.UUID
    status: AnalysisStatus
    period_start: dt.date | None
    period_end: dt.date | None
    content: str | None
    facts: dict[str, Any]
    provider: str | None
    model: str | None
    created_at: dt.datetime
    ready_at: dt.datetime | None
    failure_reason: str | None


class AnalysisPage(BaseModel):
    items: list[AnalysisOut]
    next_cursor: str | None


class AnalysisRequested(BaseModel):
    """The 202 answer of POST /coach/analysis."""

    analysis_id: uuid.UUID
    status: AnalysisStatus


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


def exchange(result: dict[str, Any]) -> dict[str, Any]:
    """The answer of POST /coach/messages: the stored question and answer."""
    return {
        "conversation_id": str(result["conversation_id"]),
        "question": message(result["question"]),
        "answer": message(result["answer"]),
    }


def analysis(a: Analysis) -> dict[str, Any]:
    """The answer shape of an analysis (``facts``: the numbers it was written from)."""
    return {
        "id": a.id,
        "status": a.status,
        "period_start": None if a.period_start is None else a.period_start.isoformat(),
        "period_end": None if a.period_end is None else a.period_end.isoformat(),
        "content": a.content,
        "facts": a.facts,
        "provider": a.provider,
        "model": a.model,
        "created_at": a.created_at,
        "ready_at": a.ready_at,
        "failure_reason": a.failure_reason,
    }


def analysis_requested(a: Analysis) -> dict[str, Any]:
    """The 202 answer of POST /coach/analysis."""
    return {"analysis_id": a.id, "status": a.status}
