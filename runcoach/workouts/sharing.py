"""Share links: a revocable, read-only public page of one workout (``APP_URL/s/<token>``).

The token is 32 random bytes (URL-safe base64): the link is its own secret, unguessable,
and stored as it is so that sharing again while a link is live gives the same link.
Revoking deletes the row, so the page answers 404 at once; deleting the workout deletes
its link (the foreign key cascades). The page shows a summary and the athlete's first
name, never the notes, the email or anything else of the account.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import uuid
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError

from runcoach import limits
from runcoach.athletes.models import User
from runcoach.limits import LimitName
from runcoach.logs import event
from runcoach.workouts.models import ShareLink, Workout
from runcoach.workouts.service import get_workout

log = logging.getLogger("runcoach.workouts")

TOKEN_BYTES = 32
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")
"""What ``secrets.token_urlsafe(TOKEN_BYTES)`` makes: anything else is not a link."""


@dataclass(frozen=True, slots=True)
class SharedWorkout:
    """What the public page shows of a shared workout."""

    token: str
    first_name: str
    timezone: str
    units: str
    sport: str
    title: str | None
    started_at: dt.datetime
    duration_s: float
    moving_time_s: float | None
    distance_m: float | None
    avg_pace_s_per_km: float | None
    avg_hr: float | None
    elevation_gain_m: float | None


async def share(*, user_id: uuid.UUID, workout_id: uuid.UUID) -> tuple[ShareLink, bool]:
    """The workout's live link, made now (True) or the one already live (False).
    Idempotent; NotFound for a workout that is not the user's."""
    workout = await get_workout(user_id=user_id, workout_id=workout_id)
    live = await ShareLink.get_or_none(workout_id=workout.id)
    if live is not None:
        return live, False
    try:
        link = await ShareLink.create(
            workout_id=workout.id, user_id=user_id, token=secrets.token_urlsafe(TOKEN_BYTES)
        )
    except IntegrityError:  # a concurrent share of the same workout won: its link
        return await ShareLink.get(workout_id=workout.id), False
    event(log, "workouts.shared", user_id=str(user_id), workout_id=str(workout.id))
    return link, True


async def unshare(*, user_id: uuid.UUID, workout_id: uuid.UUID) -> None:
    """Revoke the workout's link: its page is gone at once. Idempotent; NotFound for a
    workout that is not the user's."""
    workout = await get_workout(user_id=user_id, workout_id=workout_id)
    if await ShareLink.filter(workout_id=workout.id).delete():
        event(log, "workouts.unshared", user_id=str(user_id), workout_id=str(workout.id))


async def shared_workout(*, token: str, client: str) -> SharedWorkout | None:
    """The shared workout behind ``token``, None for no live link; 429 past
    ``LIMIT_SHARE_VIEW`` views from the ``client`` address. Read-only."""
    await limits.hit(LimitName.SHARE_VIEW, client)
    if not TOKEN_PATTERN.fullmatch(token):
        return None
    link = await ShareLink.get_or_none(token=token)
    if link is None:
        return None
    workout = await Workout.get_or_none(id=link.workout_id)
    user = await User.get_or_none(id=link.user_id)
    if workout is None or user is None:
        return None
    return SharedWorkout(
        token=token,
        first_name=(user.name.split() or ["A RunCoach athlete"])[0],
        timezone=user.timezone,
        units=user.units,
        sport=workout.sport,
        title=workout.title,
        started_at=workout.started_at,
        duration_s=workout.duration_s,
        moving_time_s=workout.moving_time_s,
        distance_m=workout.distance_m,
        avg_pace_s_per_km=workout.avg_pace_s_per_km,
        avg_hr=workout.avg_hr,
        elevation_gain_m=workout.elevation_gain_m,
    )
