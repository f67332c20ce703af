"""Notifications: the in-app rows, their deliveries per channel, preferences, digests."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model


class NotificationType(StrEnum):
    """What a notification is about; each has an email template set in email_templates/."""

    PLAN_CREATED = "plan_created"
    ANALYSIS_READY = "analysis_ready"
    OVERTRAINING_DETECTED = "overtraining_detected"
    WEEKLY_SUMMARY = "weekly_summary"
    DAILY_SUMMARY = "daily_summary"
    PAYMENT_FAILED = "payment_failed"
    SUBSCRIPTION_CHANGED = "subscription_changed"


CRITICAL_TYPES = frozenset({NotificationType.OVERTRAINING_DETECTED})


class Channel(StrEnum):
    """Where a notification is delivered besides the app."""

    EMAIL = "email"
    PUSH = "push"


class DeliveryStatus(StrEnum):
    """A delivery's life: pending -> sending -> sent | failed | deferred | skipped."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    DEFERRED = "deferred"  # in quiet hours: sent again at scheduled_for
    SKIPPED = "skipped"  # not wanted, or nowhere to send it


class DigestKind(StrEnum):
    """How often a digest comes."""

    DAILY = "daily"
    WEEKLY = "weekly"


class DigestStatus(StrEnum):
    """A digest's life: pending -> sent | skipped (an empty period)."""

    PENDING = "pending"
    SENT = "sent"
    SKIPPED = "skipped"


class Platform(StrEnum):
    """The operating system of a device holding a push token."""

    IOS = "ios"
    ANDROID = "android"


class Notification(Model):
    """One in-app notification; ``group_key`` makes a trigger idempotent (one per event)."""

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="notifications", on_delete=fields.CASCADE
    )
    type = fields.CharEnumField(NotificationType, max_length=32)
    title = fields.CharField(max_length=200)
    body = fields.TextField()
    data: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    read = fields.BooleanField(default=False)
    read_at = fields.DatetimeField(null=True)
    # the change number of its last write (runcoach.changelog): what /sync reads
    sync_seq = fields.BigIntField(default=0)
    group_key = fields.CharField(max_length=120)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "notifications"
        unique_together = (("user", "group_key"),)
        indexes = (("user", "created_at"), ("user", "read"), ("user", "sync_seq", "id"))


class NotificationTemplate(Model):
    """An admin override of a file in email_templates/ (rendered in Jinja2's sandbox)."""

    id = fields.UUIDField(primary_key=True)
    name = fields.CharField(max_length=64, unique=True)
    subject = fields.TextField()
    html_body = fields.TextField()
    text_body = fields.TextField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "notification_templates"


class NotificationPreference(Model):
    """A user's channels, digest times and quiet hours (local times in their zone)."""

    user: fields.OneToOneRelation = fields.OneToOneField(
        "models.User", related_name="notification_preference", on_delete=fields.CASCADE,
        primary_key=True,
    )  # fmt: skip
    user_id: uuid.UUID
    email: fields.JSONField[dict[str, bool]] = fields.JSONField(default=dict)
    push: fields.JSONField[dict[str, bool]] = fields.JSONField(default=dict)
    digest_time = fields.CharField(max_length=5, default="07:00")
    weekly_day = fields.CharField(max_length=3, default="mon")
    quiet_start = fields.CharField(max_length=5, null=True)
    quiet_end = fields.CharField(max_length=5, null=True)
    critical_during_quiet_hours = fields.BooleanField(default=False)
    digest_when_empty = fields.BooleanField(default=False)
    next_daily_digest_at = fields.DatetimeField(null=True, db_index=True)
    next_weekly_digest_at = fields.DatetimeField(null=True, db_index=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "notification_preferences"


class NotificationDelivery(Model):
    """One notification on one channel: pending -> sending -> sent | failed | deferred | skipped."""

    id = fields.UUIDField(primary_key=True)
    notification: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Notification", related_name="deliveries", on_delete=fields.CASCADE
    )
    notification_id: uuid.UUID
    channel = fields.CharEnumField(Channel, max_length=8)
    status = fields.CharEnumField(DeliveryStatus, max_length=16, default=DeliveryStatus.PENDING)
    attempts = fields.SmallIntField(default=0)
    scheduled_for = fields.DatetimeField(null=True)
    sent_at = fields.DatetimeField(null=True)
    provider_id = fields.CharField(max_length=200, null=True)
    last_error = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "notification_deliveries"
        unique_together = (("notification", "channel"),)
        indexes = (("status", "scheduled_for"),)


class DigestLog(Model):
    """A digest: one per user, kind and period (never twice); pending -> sent | skipped.

    The clock writes the row when the digest falls due (the claim), and the digest job
    turns it into a notification; a row left pending is re-queued by the sweep.
    """

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="digests", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(DigestKind, max_length=8)
    period_start = fields.DateField()
    period_end = fields.DateField()
    status = fields.CharEnumField(DigestStatus, max_length=8, default=DigestStatus.PENDING)
    due_at = fields.DatetimeField(null=True)
    notification_id = fields.UUIDField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "digest_logs"
        unique_together = (("user", "kind", "period_start"),)
        indexes = (("status", "updated_at"),)


class PushToken(Model):
    """An Expo push token of one of the user's devices."""

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="push_tokens", on_delete=fields.CASCADE
    )
    token = fields.CharField(max_length=200, unique=True)
    platform = fields.CharEnumField(Platform, max_length=8)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "push_tokens"


class PushTicket(Model):
    """An Expo push ticket whose receipt the clock has yet to check."""

    id = fields.UUIDField(primary_key=True)
    delivery: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.NotificationDelivery", related_name="tickets", on_delete=fields.CASCADE
    )
    delivery_id: uuid.UUID
    token = fields.CharField(max_length=200)
    ticket_id = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "push_tickets"
