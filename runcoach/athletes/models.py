"""Athletes: the users of RunCoach and their profile."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class User(Model):
    """An account: credentials, profile and entitlements (tier, admin)."""

    id = fields.UUIDField(primary_key=True)
    email = fields.CharField(max_length=320, unique=True)
    password_hash = fields.CharField(max_length=255)
    name = fields.CharField(max_length=120)
    timezone = fields.CharField(max_length=64, default="UTC")
    birth_date = fields.DateField(null=True)
    sex = fields.CharField(max_length=16, null=True)
    weight_kg = fields.FloatField(null=True)
    max_hr = fields.IntField(null=True)
    resting_hr = fields.IntField(null=True)
    lthr = fields.IntField(null=True)
    units = fields.CharField(max_length=16, default="metric")
    tier = fields.CharField(max_length=16, default="free")
    is_admin = fields.BooleanField(default=False)
    email_verified = fields.BooleanField(default=False)
    leaderboard_opt_in = fields.BooleanField(default=False)
    # The athlete's last change number: each write of a synced row takes the next one in
    # its transaction and stamps it on the row (runcoach.changelog, read by runcoach.sync).
    sync_seq = fields.BigIntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "users"
