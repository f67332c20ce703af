"""Profile input and output shapes."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from runcoach.athletes.models import User
from runcoach.validation import Input, TimeZoneName, not_null


class ProfileUpdate(Input):
    """The writable profile fields (PATCH /me); anything else is refused."""

    # left out: kept; never null (a profile always has a name, a zone, units and a choice)
    name: str = not_null(min_length=1, max_length=120)
    timezone: TimeZoneName = not_null()
    birth_date: date | None = None
    sex: Literal["male", "female", "other"] | None = None
    weight_kg: float | None = Field(default=None, gt=20, lt=300)
    max_hr: int | None = Field(default=None, ge=100, le=240)
    resting_hr: int | None = Field(default=None, ge=25, le=120)
    lthr: int | None = Field(default=None, ge=80, le=230)
    units: Literal["metric", "imperial"] = not_null()
    leaderboard_opt_in: bool = not_null()

    @field_validator("birth_date")
    @classmethod
    def _plausible_birth(cls, value: date | None) -> date | None:
        if value is not None and not (date(1900, 1, 1) <= value <= date.today()):
            raise ValueError("not a plausible birth date")
        return value


class Profile(BaseModel):
    """The athlete's profile (GET and PATCH /me, and the ``user`` of a token pair)."""

    id: uuid.UUID
    email: str
    name: str
    timezone: str = Field(description="IANA time zone")
    birth_date: date | None
    sex: Literal["male", "female", "other"] | None
    weight_kg: float | None
    max_hr: int | None
    resting_hr: int | None
    lthr: int | None
    units: Literal["metric", "imperial"]
    leaderboard_opt_in: bool
    tier: str = Field(description="the subscription tier: free, premium, pro or enterprise")
    is_admin: bool
    email_verified: bool
    created_at: datetime


def profile(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "timezone": user.timezone,
        "birth_date": user.birth_date.isoformat() if user.birth_date else None,
        "sex": user.sex,
        "weight_kg": user.weight_kg,
        "max_hr": user.max_hr,
        "resting_hr": user.resting_hr,
        "lthr": user.lthr,
        "units": user.units,
        "leaderboard_opt_in": user.leaderboard_opt_in,
        "tier": user.tier,
        "is_admin": user.is_admin,
        "email_verified": user.email_verified,
        "created_at": user.created_at,
    }
