"""Workouts and their sample streams."""

from __future__ import annotations

import uuid
from typing import Any

from tortoise import fields
from tortoise.models import Model

# Stored precision: what the API shows, so reads need no per-field work.
ROUNDING = {
    "duration_s": 1, "moving_time_s": 1, "distance_m": 1, "elevation_gain_m": 1, "avg_hr": 1,
    "max_hr": 1, "avg_pace_s_per_km": 1, "calories": 0,
}  # fmt: skip


class Workout(Model):
    """One session of training, logged by hand, imported from a file or synced."""

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    device_id: uuid.UUID | None
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="workouts", on_delete=fields.CASCADE
    )
    # A ``Sport`` value, checked where workouts come in (schemas, importers, providers). Not a
    # CharEnumField: that would set the column's comment to the member list (a migration).
    sport = fields.CharField(max_length=16)
    started_at = fields.DatetimeField()
    duration_s = fields.FloatField()
    moving_time_s = fields.FloatField(null=True)
    distance_m = fields.FloatField(null=True)
    elevation_gain_m = fields.FloatField(null=True)
    avg_hr = fields.FloatField(null=True)
    max_hr = fields.FloatField(null=True)
    avg_pace_s_per_km = fields.FloatField(null=True)
    calories = fields.FloatField(null=True)
    rpe = fields.SmallIntField(null=True)
    title = fields.CharField(max_length=200, null=True)
    notes = fields.TextField(null=True)
    source = fields.CharField(max_length=16, default="manual")
    external_id = fields.CharField(max_length=128, null=True)
    # The id an offline client gave the workout when it was logged: a replayed POST with
    # the same one answers this row (unique per user where set: a partial unique index in
    # migration 13, which Tortoise cannot declare).
    client_id = fields.UUIDField(null=True)
    device: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Device", related_name="workouts", null=True, on_delete=fields.SET_NULL
    )
    splits: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    hr_zone_seconds: fields.JSONField[dict[str, Any] | None] = fields.JSONField(null=True)
    load = fields.FloatField(null=True)  # training load (see load_source for its unit)
    load_source = fields.CharField(max_length=16, null=True)
    # the change number of its last write (runcoach.changelog): what /sync reads
    sync_seq = fields.BigIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    async def save(self, *args: Any, **kwargs: Any) -> None:
        for name, digits in ROUNDING.items():
            value = getattr(self, name)
            if value is not None:
                setattr(self, name, round(value, digits))
        await super().save(*args, **kwargs)

    class Meta:
        table = "workouts"
        unique_together = (("user", "sport", "started_at"), ("user", "source", "external_id"))
        indexes = (("user", "started_at", "id"), ("user", "sync_seq", "id"))


class WorkoutStream(Model):
    """The HR samples of a workout, kept apart so that lists stay light."""

    workout: fields.OneToOneRelation = fields.OneToOneField(
        "models.Workout", related_name="stream", on_delete=fields.CASCADE, primary_key=True
    )
    hr_samples: fields.JSONField[list[list[int]]] = fields.JSONField(
        default=list
    )  # [[offset_s, bpm], ...]

    class Meta:
        table = "workout_streams"


class ShareLink(Model):
    """A revocable read-only link to one workout's summary: ``APP_URL/s/<token>``.

    ``token`` is random (32 bytes, URL-safe): the link is the only secret, and it is
    kept as it is so that sharing again while it is live gives the same link back.
    One live link per workout; revoking deletes the row, deleting the workout too.
    """

    id = fields.UUIDField(primary_key=True)
    token = fields.CharField(max_length=64, unique=True)
    workout_id: uuid.UUID
    workout: fields.OneToOneRelation = fields.OneToOneField(
        "models.Workout", related_name="share_link", on_delete=fields.CASCADE
    )
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="share_links", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "share_links"
