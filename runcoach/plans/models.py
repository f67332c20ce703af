"""Training plans: the plan, its weeks (JSON on the plan) and its sessions (rows)."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model


class PlanStatus(StrEnum):
    """A plan's life: generating -> ready | failed."""

    GENERATING = "generating"
    READY = "ready"
    FAILED = "failed"


class Plan(Model):
    """A plan for a goal: built by the ``plans.generate`` job from its inputs."""

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="plans", on_delete=fields.CASCADE
    )
    goal = fields.CharField(max_length=16)
    race_date = fields.DateField(null=True)  # the request's; the built plan's end is end_date
    days_per_week = fields.SmallIntField()
    long_run_day = fields.SmallIntField(null=True)  # 0 = Monday .. 6 = Sunday
    target_time_s = fields.IntField(null=True)
    # sha256 of the normalised inputs and the athlete basis: identical inputs reuse a result
    inputs_key = fields.CharField(max_length=64)
    status = fields.CharEnumField(PlanStatus, max_length=16, default=PlanStatus.GENERATING)
    failure_reason = fields.TextField(null=True)
    start_date = fields.DateField(null=True)
    end_date = fields.DateField(null=True)
    summary = fields.TextField(null=True)
    facts: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    weeks: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    total_sessions = fields.SmallIntField(default=0)
    completed_sessions = fields.SmallIntField(default=0)
    attempts = fields.SmallIntField(default=0)
    # the change number of its last write (runcoach.changelog): what /sync reads
    sync_seq = fields.BigIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    ready_at = fields.DatetimeField(null=True)

    class Meta:
        table = "plans"
        indexes = (("user", "created_at"), ("user", "sync_seq", "id"))


class PlanSession(Model):
    """One planned session; completing it may link the workout that did it."""

    id = fields.UUIDField(primary_key=True)
    plan_id: uuid.UUID
    plan: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Plan", related_name="sessions", on_delete=fields.CASCADE
    )
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="plan_sessions", on_delete=fields.CASCADE
    )
    key = fields.CharField(max_length=16)  # "w03-d7": stable within the plan
    week = fields.SmallIntField()
    date = fields.DateField()
    type = fields.CharField(max_length=16)
    intensity = fields.CharField(max_length=8)
    target_distance_m = fields.IntField(null=True)
    target_duration_s = fields.IntField(null=True)
    target_pace_min_s_per_km = fields.FloatField(null=True)  # the fast end
    target_pace_max_s_per_km = fields.FloatField(null=True)  # the slow end
    target_hr_zone = fields.CharField(max_length=32, null=True)
    description = fields.TextField()
    tip = fields.TextField(null=True)
    completed = fields.BooleanField(default=False)
    completed_at = fields.DatetimeField(null=True)
    workout_id: uuid.UUID | None
    workout: fields.ForeignKeyNullableRelation = fields.ForeignKeyField(
        "models.Workout", related_name="plan_sessions", on_delete=fields.SET_NULL, null=True
    )
    compliance = fields.FloatField(null=True)  # 0..100, planned vs actual

    class Meta:
        table = "plan_sessions"
        unique_together = (("plan", "key"),)
        indexes = (("user", "date"),)
