"""Notification request models and response shapes."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any, Literal

import orjson
from pydantic import BaseModel, Field, RootModel

from runcoach.notifications.models import (
    Notification,
    NotificationPreference,
    NotificationType,
    UnsubscribeKind,
)
from runcoach.validation import Input, TimeZoneName


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


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HHMM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
EXPO_PUSH_ADDRESS = r"^Expo(nent)?PushToken\[[A-Za-z0-9_-]{8,100}\]$"


class EmailChoices(Input):
    daily_summary: bool | None = None
    weekly_analysis: bool | None = None
    alerts_only: bool | None = None
    disabled: bool | None = None


class PushChoices(Input):
    plan_created: bool | None = None
    analysis_ready: bool | None = None
    overtraining_detected: bool | None = None
    weekly_summary: bool | None = None
    daily_summary: bool | None = None
    payment_failed: bool | None = None
    subscription_changed: bool | None = None
    daily_reminder: bool | None = None


class QuietHours(Input):
    start: str = Field(pattern=_HHMM)
    end: str = Field(pattern=_HHMM)


class PreferencesUpdate(Input):
    """PUT /notifications/preferences: the fields given are written, the others kept."""

    email: EmailChoices | None = None
    push: PushChoices | None = None
    digest_time: str | None = Field(default=None, pattern=_HHMM)
    weekly_day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] | None = None
    quiet_hours: QuietHours | None = None
    critical_alerts_in_quiet_hours: bool | None = None
    digest_when_empty: bool | None = None
    daily_reminder_time: str | None = Field(
        default=None, pattern=_HHMM, description="HH:MM local; null turns the reminders off"
    )
    timezone: TimeZoneName | None = None


class PushTokenIn(Input):
    token: str = Field(pattern=EXPO_PUSH_ADDRESS, max_length=200)
    platform: Literal["ios", "android"]  # Platform values; a Literal keeps the OpenAPI inline


# --- response shapes ----------------------------------------------------------------------


class NotificationOut(BaseModel):
    id: uuid.UUID
    type: NotificationType
    title: str
    body: str
    data: dict[str, Any] = Field(description="the type's details (ids to open, numbers)")
    read: bool
    created_at: dt.datetime


class NotificationPage(BaseModel):
    items: list[NotificationOut]
    next_cursor: str | None
    unread_count: int


class NotificationGroup(BaseModel):
    type: NotificationType
    count: int
    unread: int
    latest: dt.datetime = Field(description="when the newest of the type was created")


class NotificationGroups(BaseModel):
    """GET /notifications?group_by=type."""

    groups: list[NotificationGroup]


class NotificationList(RootModel[NotificationPage | NotificationGroups]):
    """GET /notifications: a page, or with ``group_by=type`` the groups."""


class EmailPreferences(BaseModel):
    daily_summary: bool
    weekly_analysis: bool
    alerts_only: bool
    disabled: bool


class PushPreferences(BaseModel):
    """Per notification type: whether it is pushed."""

    plan_created: bool
    analysis_ready: bool
    overtraining_detected: bool
    weekly_summary: bool
    daily_summary: bool
    payment_failed: bool
    subscription_changed: bool
    daily_reminder: bool


class QuietHoursOut(BaseModel):
    start: str = Field(pattern=_HHMM)
    end: str = Field(pattern=_HHMM)


class Unsubscribed(BaseModel):
    """An email kind turned off by a one-click unsubscribe link, and when."""

    kind: UnsubscribeKind = Field(
        description="daily_summary, weekly_analysis, or updates (plan and analysis emails: "
        "turned off by email.alerts_only)"
    )
    at: dt.datetime


class Preferences(BaseModel):
    """The notification preferences; local times are in ``timezone``."""

    email: EmailPreferences
    push: PushPreferences
    digest_time: str = Field(pattern=_HHMM)
    weekly_day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    quiet_hours: QuietHoursOut | None
    critical_alerts_in_quiet_hours: bool
    digest_when_empty: bool
    daily_reminder_time: str | None = Field(
        pattern=_HHMM, description="today's planned session at this local time; null: off"
    )
    unsubscribed: list[Unsubscribed] = Field(
        description="email kinds turned off by an unsubscribe link (read-only; cleared when "
        "the kind is turned back on)"
    )
    timezone: str


class UnreadCount(BaseModel):
    unread_count: int


class ReadAll(BaseModel):
    updated: int = Field(description="how many were marked read")


class PushTokenOut(BaseModel):
    token: str
    platform: Literal["ios", "android"]


def notification(n: Notification | Mapping[str, Any]) -> dict[str, Any]:
    """The API shape of a notification (a model or a row of ``insert``)."""
    row: Mapping[str, Any] = n if isinstance(n, Mapping) else {
        "id": n.id, "type": n.type, "title": n.title, "body": n.body, "data": n.data,
        "read": n.read, "created_at": n.created_at,
    }  # fmt: skip
    data = row["data"]
    return {
        "id": str(row["id"]),
        "type": row["type"],
        "title": row["title"],
        "body": row["body"],
        "data": orjson.loads(data) if isinstance(data, str) else data,
        "read": row["read"],
        "created_at": row["created_at"].astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
    }


def notification_page(
    rows: list[Notification], next_cursor: str | None, unread_count: int
) -> dict[str, Any]:
    """GET /notifications: a page of notifications and the unread count."""
    return {
        "items": [notification(n) for n in rows],
        "next_cursor": next_cursor,
        "unread_count": unread_count,
    }


def notification_groups(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """GET /notifications?group_by=type: per type, the count, the unread and the latest."""
    return {
        "groups": [
            {
                "type": r["type"],
                "count": int(r["count"]),
                "unread": int(r["unread"]),
                "latest": r["latest"].isoformat().replace("+00:00", "Z"),
            }
            for r in rows
        ]
    }


def preferences(pref: NotificationPreference, timezone: str) -> dict[str, Any]:
    """The API shape of the notification preferences."""
    quiet = None
    if pref.quiet_start and pref.quiet_end:
        quiet = {"start": pref.quiet_start, "end": pref.quiet_end}
    return {
        "email": pref.email,
        "push": pref.push,
        "digest_time": pref.digest_time,
        "weekly_day": pref.weekly_day,
        "quiet_hours": quiet,
        "critical_alerts_in_quiet_hours": pref.critical_during_quiet_hours,
        "digest_when_empty": pref.digest_when_empty,
        "daily_reminder_time": pref.daily_reminder_time,
        "unsubscribed": [
            {"kind": kind, "at": at}
            for kind, at in sorted((pref.unsubscribed or {}).items(), key=lambda kv: (kv[1], kv[0]))
        ],
        "timezone": timezone,
    }


def unread(count: int) -> dict[str, Any]:
    return {"unread_count": count}


def read_all(updated: int) -> dict[str, Any]:
    return {"updated": updated}


def push_token(token: str, platform: str) -> dict[str, Any]:
    return {"token": token, "platform": platform}
