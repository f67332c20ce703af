"""Connected devices (Garmin) and their sync runs."""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model


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
    last_sync_status = fields.CharField(max_length=16, default="never")
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
    status = fields.CharField(max_length=16, default="pending", db_index=True)
    trigger = fields.CharField(max_length=16, default="manual")
    requested_at = fields.DatetimeField(auto_now_add=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    activities_imported = fields.IntField(default=0)
    metrics_imported = fields.IntField(default=0)
    attempts = fields.SmallIntField(default=0)
    error = fields.CharField(max_length=500, null=True)

    class Meta:
        table = "device_syncs"
