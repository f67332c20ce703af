"""Accounts and sessions: register, login, refresh with rotation, logout."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from runcoach import tokens
from runcoach.athletes.models import User
from runcoach.auth import passwords, throttle
from runcoach.auth.models import RefreshToken
from runcoach.config import Settings
from runcoach.errors import Conflict, Unauthorized
from runcoach.hooks import Hook
from runcoach.logs import event

log = logging.getLogger("runcoach.auth")

Registered = Callable[[User], Awaitable[None]]
registered: Hook[Registered] = Hook("auth.registered")
"""Fired in the registration's transaction with the new user. The notifications domain
connects the athlete's default preferences: an account has them from its first moment
(the digest clock finds athletes by them)."""


@dataclass(frozen=True)
class Session:
    user: User
    access_token: str
    refresh_token: str
    expires_in: int


def _normalise(email: str) -> str:
    return email.strip().lower()


async def _open_session(
    *, user: User, settings: Settings, family_id: uuid.UUID | None = None
) -> Session:
    secret = tokens.new_refresh_secret()
    await RefreshToken.create(
        user_id=user.id,
        family_id=family_id or uuid.uuid4(),
        token_hash=tokens.hash_secret(secret),
        expires_at=datetime.now(UTC) + timedelta(seconds=settings.refresh_token_ttl_s),
    )
    return Session(
        user=user,
        access_token=tokens.issue_access_token(user_id=user.id, settings=settings),
        refresh_token=secret,
        expires_in=settings.access_token_ttl_s,
    )


async def register(
    *, email: str, password: str, name: str, timezone: str, ip: str, settings: Settings
) -> Session:
    """Create an account (free tier, not admin) and open its first session (throttled per IP)."""
    await throttle.count_registration(ip=ip)
    email = _normalise(email)
    if await User.exists(email=email):
        raise Conflict("an account with this email already exists")
    # hashed before the transaction: a queued hash must not hold a database connection
    password_hash = await passwords.hash_password(password)
    try:
        async with in_transaction():
            user = await User.create(
                email=email,
                password_hash=password_hash,
                name=name,
                timezone=timezone,
            )
            await registered.fire(user)
            session = await _open_session(user=user, settings=settings)
    except IntegrityError:
        raise Conflict("an account with this email already exists") from None
    event(log, "auth.registered", user_id=str(user.id))
    return session


async def login(*, email: str, password: str, ip: str, settings: Settings) -> Session:
    """Check the pair (throttled per account and per IP) and open a session."""
    email = _normalise(email)
    attempt = await throttle.reserve_login(email=email, ip=ip)
    user = await User.get_or_none(email=email)
    if (
        not await passwords.verify_password(user.password_hash if user else None, password)
        or user is None
    ):
        event(log, "auth.login_failed", ip=ip)  # the attempt stays counted
        raise Unauthorized("the email or password is not correct")
    await attempt.give_back()
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = await passwords.hash_password(password)
        await user.save(update_fields=["password_hash"])
    event(log, "auth.logged_in", user_id=str(user.id))
    return await _open_session(user=user, settings=settings)


async def refresh(*, refresh_token: str, settings: Settings) -> Session:
    """Rotate a refresh token; reusing a rotated one revokes its whole family."""
    now = datetime.now(UTC)
    reused_family: uuid.UUID | None = None
    async with in_transaction():
        row = (
            await RefreshToken.filter(token_hash=tokens.hash_secret(refresh_token))
            .select_for_update()
            .first()
        )
        if row is None or row.revoked_at is not None or row.expires_at <= now:
            raise Unauthorized("the refresh token is not valid")
        if row.used_at is not None:
            reused_family = row.family_id
            await RefreshToken.filter(family_id=row.family_id, revoked_at=None).update(
                revoked_at=now
            )
        else:
            row.used_at = now
            await row.save(update_fields=["used_at"])
            user = await User.get_or_none(id=row.user_id)
            if user is None:
                raise Unauthorized("the refresh token is not valid")
            session = await _open_session(user=user, settings=settings, family_id=row.family_id)
    if reused_family is not None:
        event(log, "auth.refresh_reuse_detected", logging.WARNING, family_id=str(reused_family))
        raise Unauthorized("the refresh token was already used; please log in again")
    return session


async def logout(*, refresh_token: str) -> None:
    """Revoke the refresh token's family. Idempotent (an unknown token is a no-op)."""
    row = await RefreshToken.get_or_none(token_hash=tokens.hash_secret(refresh_token))
    if row is not None:
        await RefreshToken.filter(family_id=row.family_id, revoked_at=None).update(
            revoked_at=datetime.now(UTC)
        )
