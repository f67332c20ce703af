"""Notification request models."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from runcoach.notifications.models import TYPES
from runcoach.validation import Input

NotificationType = Literal[
    "plan_created",
    "analysis_ready",
    "overtraining_detected",
    "weekly_summary",
    "daily_summary",
    "payment_failed",
    "subscription_changed",
]
assert set(TYPES) == set(NotificationType.__args__)  # type: ignore[attr-defined]


class ListQuery(Input):
    type: NotificationType | None = None
    unread: bool | None = None
    group_by: Literal["type"] | None = None
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = None


class TypeQuery(Input):
    type: NotificationType | None = None


class MarkRead(Input):
    read: bool = True
