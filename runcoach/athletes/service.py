"""The athlete's profile."""

from __future__ import annotations

import uuid
from typing import Any

from runcoach.athletes.models import User
from runcoach.errors import NotFound, ValidationFailed


async def get_user(*, user_id: uuid.UUID) -> User:
    """The user, or NotFound (a deleted account's token reads as not found)."""
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise NotFound("no such user")
    return user


async def update_profile(*, user_id: uuid.UUID, changes: dict[str, Any]) -> User:
    """Write whitelisted profile fields. Idempotent."""
    user = await get_user(user_id=user_id)
    if "name" in changes and changes["name"] is None:
        raise ValidationFailed(errors=[{"field": "name", "message": "name cannot be empty"}])
    if "timezone" in changes and changes["timezone"] is None:
        raise ValidationFailed(errors=[{"field": "timezone", "message": "timezone cannot be null"}])
    if "units" in changes and changes["units"] is None:
        raise ValidationFailed(errors=[{"field": "units", "message": "units cannot be null"}])
    for key, value in changes.items():
        setattr(user, key, value)
    if changes:
        await user.save(update_fields=[*changes.keys(), "updated_at"])
    return user
