"""Coach chat: conversations, their messages, and analyses written by the coach."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model


class MessageRole(StrEnum):
    """Who wrote a message."""

    USER = "user"
    ASSISTANT = "assistant"


class MessageStatus(StrEnum):
    """An answer's life: streaming -> complete | cancelled | failed (the athlete's: complete)."""

    STREAMING = "streaming"
    COMPLETE = "complete"
    CANCELLED = "cancelled"
    FAILED = "failed"


class AnalysisStatus(StrEnum):
    """An analysis's life: pending -> ready | failed."""

    PENDING = "pending"
    READY = "ready"
    FAILED = "failed"


class Conversation(Model):
    """A thread of messages between an athlete and the coach."""

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="conversations", on_delete=fields.CASCADE
    )
    title = fields.CharField(max_length=120)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "conversations"
        indexes = (("user", "updated_at"),)


class Message(Model):
    """One message: the athlete's, or the coach's answer with its usage and status."""

    id = fields.UUIDField(primary_key=True)
    conversation_id: uuid.UUID
    conversation: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Conversation", related_name="messages", on_delete=fields.CASCADE
    )
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="messages", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(MessageRole, max_length=16)
    content = fields.TextField()
    status = fields.CharEnumField(MessageStatus, max_length=16, default=MessageStatus.COMPLETE)
    client_id = fields.CharField(max_length=64, null=True)  # the client's id, for retries
    provider = fields.CharField(max_length=16, null=True)
    model = fields.CharField(max_length=64, null=True)
    usage: fields.JSONField[dict[str, Any]] = fields.JSONField(null=True)
    error_code = fields.CharField(max_length=32, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    completed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "messages"
        indexes = (("conversation", "created_at"),)
        unique_together = (("user", "client_id"),)


class Analysis(Model):
    """A coaching analysis of the recent weeks, written by the ``coach.analyse`` job."""

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="analyses", on_delete=fields.CASCADE
    )
    status = fields.CharEnumField(AnalysisStatus, max_length=16, default=AnalysisStatus.PENDING)
    period_start = fields.DateField(null=True)
    period_end = fields.DateField(null=True)
    content = fields.TextField(null=True)
    facts: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    provider = fields.CharField(max_length=16, null=True)
    model = fields.CharField(max_length=64, null=True)
    usage: fields.JSONField[dict[str, Any]] = fields.JSONField(null=True)
    failure_reason = fields.TextField(null=True)
    attempts = fields.SmallIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    ready_at = fields.DatetimeField(null=True)

    class Meta:
        table = "coach_analyses"
        indexes = (("user", "created_at"),)
