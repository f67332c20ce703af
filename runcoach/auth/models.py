"""Refresh tokens: opaque, stored hashed, rotated on use, grouped in families."""

from __future__ import annotations

import uuid

from tortoise import fields
from tortoise.models import Model


class RefreshToken(Model):
    """One refresh token; a family is one login's chain of rotations."""

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="refresh_tokens", on_delete=fields.CASCADE
    )
    family_id = fields.UUIDField(db_index=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "refresh_tokens"
