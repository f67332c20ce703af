"""Daily health metrics, one row per user and day."""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model


class HealthMetric(Model):
    """One day's resting HR, HRV, sleep, weight and stress."""

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="health_metrics", on_delete=fields.CASCADE
    )
    date = fields.DateField()
    resting_hr = fields.SmallIntField(null=True)
    hrv_ms = fields.FloatField(null=True)
    sleep_hours = fields.FloatField(null=True)
    sleep_score = fields.SmallIntField(null=True)
    weight_kg = fields.FloatField(null=True)
    stress = fields.SmallIntField(null=True)
    source = fields.CharField(max_length=16, default="manual")
    # the change number of its last write (runcoach.changelog): what /sync reads
    sync_seq = fields.BigIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "health_metrics"
        unique_together = (("user", "date"),)
        indexes = (("user", "sync_seq", "id"),)
