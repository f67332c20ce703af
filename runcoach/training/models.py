"""Training analytics state: per-day load rows, zone versions, load state and events."""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model


class DailyLoad(Model):
    """One athlete-day (local date): the sum of its workouts' load, kept up to date on write."""

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="daily_loads", on_delete=fields.CASCADE
    )
    date = fields.DateField()
    load = fields.FloatField(default=0.0)
    workouts = fields.SmallIntField(default=0)
    duration_s = fields.FloatField(default=0.0)
    distance_m = fields.FloatField(default=0.0)
    # The PMC state at the end of this day (pmc.stored_state), kept by every write of the
    # user's loads, so a chart starts from the last row before it instead of from the
    # first workout. NULL only on rows written before it existed (rebuilt when met).
    ctl = fields.FloatField(null=True)
    atl = fields.FloatField(null=True)
    acute = fields.FloatField(null=True)
    chronic = fields.FloatField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "daily_loads"
        unique_together = (("user", "date"),)


class ZoneVersion(Model):
    """The HR profile in force from a date on (zones are versioned by date)."""

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="zone_versions", on_delete=fields.CASCADE
    )
    effective_from = fields.DateField()
    max_hr = fields.SmallIntField(null=True)
    resting_hr = fields.SmallIntField(null=True)
    lthr = fields.SmallIntField(null=True)
    birth_date = fields.DateField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "zone_versions"
        unique_together = (("user", "effective_from"),)


class LoadState(Model):
    """The last computed risk of an athlete, to record an event once per episode."""

    user: fields.OneToOneRelation = fields.OneToOneField(
        "models.User", related_name="load_state", on_delete=fields.CASCADE, primary_key=True
    )
    user_id: uuid.UUID
    risk_level = fields.CharField(max_length=16, default="low")
    episode_started_on = fields.DateField(null=True)
    computed_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "load_states"
