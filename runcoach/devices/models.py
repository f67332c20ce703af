"""Connected devices (Garmin) and their sync runs."""

from __future__ import annotations

import uuid
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class LastSyncStatus(StrEnum):
    """How a device's last sync went, as the athlete sees it."""

    NEVER = "never"
    OK = "ok"
    FAILED = "failed"
    AUTH_FAILED = "auth_failed"  # the provider rejected the credentials: reconnect
    RECONNECTED = "reconnected"  # new credentials after an auth failure, not synced yet


class SyncStatus(StrEnum):
    """A sync run's life: pending -> running -> ok | failed."""

    PENDING = "pending"
    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"


class SyncTrigger(StrEnum):
    """What asked for a sync run."""

    MANUAL = "manual"
    SCHEDULE = "schedule"


class Device(Model):
    """A provider account linked by a user; credentials are stored encrypted."""

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="devices", on_delete=fields.CASCADE
    )
    provider = fields.CharField(max_length=32)
    display_name = fields.CharField(max_length=200, null=True)
    device_name = fields.CharField(max_length=200, null=True)
    credentials = fields.TextField()  # Fernet token
    available = fields.BooleanField(default=True)
    last_sync_at = fields.DatetimeField(null=True)
    last_sync_status = fields.CharEnumField(
        LastSyncStatus, max_length=16, default=LastSyncStatus.NEVER
    )
    last_error = fields.CharField(max_length=500, null=True)
    synced_until = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "devices"
        unique_together = (("user", "provider"),)


class DeviceSync(Model):
    """One sync of a device: pending -> running -> ok | failed."""

    id = fields.UUIDField(primary_key=True)
    device_id: uuid.UUID
    device: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Device", related_name="syncs", on_delete=fields.CASCADE
    )
    status = fields.CharEnumField(
        SyncStatus, max_length=16, default=SyncStatus.PENDING, db_index=True
    )
    trigger = fields.CharEnumField(SyncTrigger, max_length=16, default=SyncTrigger.MANUAL)
    requested_at = fields.DatetimeField(auto_now_add=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    activities_imported = fields.IntField(default=0)
    metrics_imported = fields.IntField(default=0)
    attempts = fields.SmallIntField(default=0)
    error = fields.CharField(max_length=500, null=True)

    class Meta:
        table = "device_syncs"
