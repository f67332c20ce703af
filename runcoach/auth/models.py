"""Sessions (one per login, ended at once when revoked) and their refresh tokens: opaque,
stored hashed, rotated on use, grouped in families (a family is a session)."""

from __future__ import annotations

import uuid
from enum import StrEnum

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


class RevokeReason(StrEnum):
    """Why a session ended."""

    LOGOUT = "logout"
    REFRESH_REUSE = "refresh_reuse"
    PASSWORD_CHANGE = "password_change"  # noqa: S105 - a reason, not a password
    LOGOUT_ALL = "logout_all"
    REMOTE = "remote"


class Session(Model):
    """One signed-in device: a login and its chain of refresh tokens (``id`` is the
    refresh family's id); its access tokens carry the id as ``sid``."""

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE
    )
    device = fields.CharField(max_length=120)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()  # its newest refresh token's expiry
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.CharEnumField(RevokeReason, max_length=20, null=True)

    class Meta:
        table = "sessions"
        indexes = (("user_id", "revoked_at"),)
