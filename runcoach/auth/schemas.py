"""Auth request bodies and the token-pair answer."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from runcoach.athletes.schemas import Profile, profile
from runcoach.validation import Input, TimeZoneName

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(r"^[^@\s<>\"',;]{1,64}@" + _LABEL + r"(?:\." + _LABEL + r")+$")


def check_email(value: str) -> str:
    value = value.strip()
    if len(value) > 254 or not _EMAIL.match(value):
        raise ValueError("not a valid email")
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


def _device() -> Any:
    return Field(
        default=None,
        max_length=120,
        description="how the session is listed (GET /auth/sessions); else the User-Agent",
    )


class Register(Input):
    # the pattern documents what check_email accepts (a deliverable shape: a dotted domain
    # of DNS labels), which is more than JSON Schema's `email` format says
    email: str = Field(json_schema_extra={"pattern": _EMAIL.pattern, "maxLength": 254})
    password: str = Field(min_length=10, max_length=256)
    name: str = Field(min_length=1, max_length=120)
    timezone: TimeZoneName = "UTC"
    device: str | None = _device()

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        return check_email(value)


class Login(Input):
    email: str = Field(min_length=1, max_length=320)
    password: str = Field(min_length=1, max_length=256)
    device: str | None = _device()


class PasswordChange(Input):
    current_password: str = Field(min_length=1, max_length=256)
    new_password: str = Field(min_length=10, max_length=256)


class RefreshBody(Input):
    refresh_token: str = Field(min_length=1, max_length=200)


class TokenPair(BaseModel):
    """The answer of register, login and refresh: the user and a new token pair."""

    user: Profile
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"]
    expires_in: int = Field(description="seconds until the access token expires")


class SignedInSession(BaseModel):
    """One signed-in session (a device)."""

    id: uuid.UUID
    device: str
    created_at: datetime
    last_used_at: datetime
    current: bool = Field(description="the session of the token that asked")


class SessionList(BaseModel):
    """GET /auth/sessions: one page holds every session (``next_cursor`` is always null)."""

    items: list[SignedInSession]
    next_cursor: str | None


def token_pair(
    *, user: Any, access_token: str, refresh_token: str, expires_in: int
) -> dict[str, Any]:
    return {
        "user": profile(user),
        "access_token": access_token,
        "refresh_token": refresh_token,
        "token_type": "bearer",
        "expires_in": expires_in,
    }


def session_item(session: Any) -> dict[str, Any]:
    """One signed-in session as ``GET /auth/sessions`` lists it."""
    return {
        "id": session.id,
        "device": session.device,
        "created_at": session.created_at,
        "last_used_at": session.last_used_at,
        "current": session.current,
    }


def sessions(rows: list[Any]) -> dict[str, Any]:
    """GET /auth/sessions: every session in one page."""
    return {"items": [session_item(r) for r in rows], "next_cursor": None}
