"""The athlete's profile."""

from __future__ import annotations

import uuid
from typing import Any

from runcoach import db, jobs, localtime
from runcoach.athletes import versions
from runcoach.athletes.models import User
from runcoach.errors import NotFound, ValidationFailed
from runcoach.notifications import preferences as notification_preferences
from runcoach.training import service as training_service
from runcoach.training.zones import ZoneProfile

_BASICS_SQL = "SELECT timezone, tier FROM users WHERE id = $1"


async def get_basics(*, user_id: uuid.UUID) -> tuple[str, str]:
    """The user's time zone and tier, without building the whole row; NotFound if gone."""
    row = await db.fetch_one(_BASICS_SQL, user_id)
    if row is None:
        raise NotFound("no such user")
    return row["timezone"], row["tier"]


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
    for name in ("units", "leaderboard_opt_in"):
        if name in changes and changes[name] is None:
            raise ValidationFailed(errors=[{"field": name, "message": f"{name} cannot be null"}])
    before = _zone_profile(user)
    whole_history = {"timezone": user.timezone, "sex": user.sex}
    for key, value in changes.items():
        setattr(user, key, value)
    if changes:
        async with jobs.transaction():  # the rebuild job is sent after the commit
            await user.save(update_fields=[*changes.keys(), "updated_at"])
            # the name and the opt-in show on the leaderboards
            await versions.bump(user_id=user.id, leaderboards="always")
            after = _zone_profile(user)
            if after != before:
                today = localtime.local_today(user.timezone)
                await training_service.record_zone_version(
                    user_id=user.id, profile=after, previous=before, effective_from=today
                )
                await training_service.reload_since(user_id=user.id, since=today)
            if user.timezone != whole_history["timezone"]:  # digests at the new local hour
                await notification_preferences.reschedule(user_id=user.id, timezone=user.timezone)
            if any(getattr(user, k) != old for k, old in whole_history.items()):
                # local days move with the time zone; the sex factors apply to every workout
                jobs.enqueue("training.rebuild_loads", user_id=str(user.id))
    return user


def _zone_profile(user: User) -> ZoneProfile:
    return ZoneProfile(**{name: getattr(user, name) for name in training_service.PROFILE_FIELDS})


TIERS = ("free", "premium", "pro", "enterprise")


async def set_tier(*, user_id: uuid.UUID, tier: str) -> None:
    """Change the user's subscription tier (billing's entry point); cached answers follow."""
    if tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r}")
    async with jobs.transaction():
        updated = await User.filter(id=user_id).update(tier=tier)
        if not updated:
            raise NotFound("no such user")
        await versions.bump(user_id=user_id)
