"""The athlete's profile."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from runcoach import db, jobs, localtime
from runcoach.athletes import versions
from runcoach.athletes.models import User
from runcoach.errors import NotFound, ValidationFailed
from runcoach.hooks import Hook

ProfileChanged = Callable[[User, Mapping[str, Any]], Awaitable[None]]
profile_changed: Hook[ProfileChanged] = Hook("athletes.profile_changed")
"""Fired in a profile write's transaction with the saved user and the changed fields'
values before the write. The training domain connects what follows at once from new HR
figures (a zone version, the loads from today on)."""

_BASICS_SQL = "SELECT timezone, tier FROM users WHERE id = $1"


async def get_basics(*, user_id: uuid.UUID) -> tuple[str, str]:
    """The user's time zone and tier, without building the whole row; NotFound if gone."""
    row = await db.fetch_one(_BASICS_SQL, user_id)
    if row is None:
        raise NotFound("no such user")
    return row["timezone"], row["tier"]


_USER_SQL = "SELECT * FROM users WHERE id = $1"


async def get_user(*, user_id: uuid.UUID) -> User:
    """The user, or NotFound (a deleted account's token reads as not found).

    One plain read made into the model as Tortoise makes the rows of its own queries
    (``_init_from_db``): building the ORM query cost more CPU than the read, on every
    request and coach answer that loads the user.
    """
    row = await db.fetch_one(_USER_SQL, user_id)
    if row is None:
        raise NotFound("no such user")
    return User._init_from_db(**row)


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
    before = {key: getattr(user, key) for key in changes}
    for key, value in changes.items():
        setattr(user, key, value)
    if changes:
        async with jobs.transaction():  # the jobs are sent after the commit
            await user.save(update_fields=[*changes.keys(), "updated_at"])
            # the name and the opt-in show on the leaderboards
            await versions.bump(user_id=user.id, leaderboards="always")
            await profile_changed.fire(user, before)
            if user.timezone != before.get("timezone", user.timezone):
                # digests at the new local hour
                jobs.enqueue("notifications.reschedule_digests", str(user.id))
            if any(
                before.get(key, getattr(user, key)) != getattr(user, key) for key in WHOLE_HISTORY
            ):
                # local days move with the time zone; the sex factors apply to every workout
                jobs.enqueue("training.rebuild_loads", user_id=str(user.id))
    return user


WHOLE_HISTORY = ("timezone", "sex")
"""Profile fields whose change recomputes every load and day of the athlete."""


async def next_local_midnight_ms(*, user_id: uuid.UUID) -> int:
    """When the user's local today ends, in ms since the epoch (UTC for a missing user)."""
    row = await db.fetch_one(_BASICS_SQL, user_id)
    timezone = localtime.valid_zone(row["timezone"]) if row is not None else "UTC"
    return int(localtime.next_local_midnight(timezone).timestamp() * 1000)


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
