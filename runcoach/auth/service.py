"""Accounts and sessions: register, login, refresh with rotation, logout, password change,
the list of signed-in devices and remote sign-out.

A session is one login (``models.Session``, its id the refresh family's): its access
tokens carry its id, and ending it (``_end``) writes ``revoked_at`` in PostgreSQL, then
tells Redis and every web process (``runcoach.revocation``), so its tokens and open
sockets stop working at once, everywhere.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from runcoach import revocation, tokens
from runcoach.athletes.models import User
from runcoach.auth import passwords, throttle
from runcoach.auth.models import RefreshToken, RevokeReason
from runcoach.auth.models import Session as SessionRow
from runcoach.config import Settings
from runcoach.errors import Conflict, NotFound, Unauthorized, ValidationFailed
from runcoach.hooks import Hook
from runcoach.logs import event

log = logging.getLogger("runcoach.auth")

Registered = Callable[[User], Awaitable[None]]
registered: Hook[Registered] = Hook("auth.registered")
"""Fired in the registration's transaction with the new user. The notifications domain
connects the athlete's default preferences: an account has them from its first moment
(the digest clock finds athletes by them)."""


DEVICE_MAX = 120
SESSIONS_LISTED = 100


@dataclass(frozen=True)
class TokenPair:
    user: User
    access_token: str
    refresh_token: str
    expires_in: int


def _normalise(email: str) -> str:
    return email.strip().lower()


def device_name(device: str | None, user_agent: str | None) -> str:
    """The name a session is listed under: the client's, else its User-Agent, bounded."""
    for candidate in (device, user_agent):
        text = " ".join((candidate or "").split())  # no control characters, one line
        text = "".join(ch for ch in text if ch.isprintable())
        if text:
            return text[:DEVICE_MAX]
    return "unknown device"


async def _issue(
    *, user: User, settings: Settings, session_id: uuid.UUID, device: str | None = None
) -> TokenPair:
    """A refresh token in the session (created when ``device`` is given) and an access
    token carrying the session's id."""
    secret = tokens.new_refresh_secret()
    now = datetime.now(UTC)
    expires_at = now + timedelta(seconds=settings.refresh_token_ttl_s)
    if device is not None:
        await SessionRow.create(  # created and last used at the same instant
            id=session_id,
            user_id=user.id,
            device=device,
            created_at=now,
            last_used_at=now,
            expires_at=expires_at,
        )
    else:
        await SessionRow.filter(id=session_id).update(last_used_at=now, expires_at=expires_at)
    await RefreshToken.create(
        user_id=user.id,
        family_id=session_id,
        token_hash=tokens.hash_secret(secret),
        expires_at=expires_at,
    )
    return TokenPair(
        user=user,
        access_token=tokens.issue_access_token(
            user_id=user.id, session_id=session_id, settings=settings
        ),
        refresh_token=secret,
        expires_in=settings.access_token_ttl_s,
    )


async def register(
    *,
    email: str,
    password: str,
    name: str,
    timezone: str,
    ip: str,
    device: str,
    settings: Settings,
) -> TokenPair:
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
            session = await _issue(
                user=user, settings=settings, session_id=uuid.uuid4(), device=device
            )
    except IntegrityError:
        raise Conflict("an account with this email already exists") from None
    event(log, "auth.registered", user_id=str(user.id))
    return session


async def login(
    *, email: str, password: str, ip: str, device: str, settings: Settings
) -> TokenPair:
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
    async with in_transaction():
        return await _issue(user=user, settings=settings, session_id=uuid.uuid4(), device=device)


async def refresh(*, refresh_token: str, settings: Settings) -> TokenPair:
    """Rotate a refresh token; reusing a rotated one ends its whole session (family)."""
    now = datetime.now(UTC)
    reused_family: uuid.UUID | None = None
    ended: list[uuid.UUID] = []
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
            ended = await _end_in_transaction([row.family_id], RevokeReason.REFRESH_REUSE, now)
        else:
            live = await SessionRow.filter(id=row.family_id, revoked_at=None).exists()
            user = await User.get_or_none(id=row.user_id)
            if user is None or not live:  # (a family from before sessions has no row)
                raise Unauthorized("the refresh token is not valid")
            row.used_at = now
            await row.save(update_fields=["used_at"])
            session = await _issue(user=user, settings=settings, session_id=row.family_id)
    if reused_family is not None:
        await revocation.revoke(ended)
        event(log, "auth.refresh_reuse_detected", logging.WARNING, family_id=str(reused_family))
        raise Unauthorized("the refresh token was already used; please log in again")
    return session


async def logout(*, refresh_token: str) -> None:
    """End the refresh token's session. Idempotent (an unknown token is a no-op)."""
    row = await RefreshToken.get_or_none(token_hash=tokens.hash_secret(refresh_token))
    if row is not None:
        await _end([row.family_id], RevokeReason.LOGOUT)


async def change_password(
    *, user_id: uuid.UUID, session_id: uuid.UUID, current_password: str, new_password: str
) -> None:
    """Check the current password (limited per user), store the new one and end every
    other session of the user. Not idempotent: the current password changes."""
    attempt = await throttle.reserve_password_change(user_id=user_id)
    user = await User.get_or_none(id=user_id)
    if user is None or not await passwords.verify_password(user.password_hash, current_password):
        event(log, "auth.password_change_refused", user_id=str(user_id))
        # 422 on the field, not 401: the token is fine, and a 401 makes clients refresh
        # their token and send the wrong password again (a second counted attempt)
        raise ValidationFailed(
            "the current password is not correct",
            errors=[{"field": "current_password", "message": "is not your current password"}],
        )
    await attempt.give_back()
    password_hash = await passwords.hash_password(new_password)  # before the transaction
    now = datetime.now(UTC)
    async with in_transaction():
        await User.filter(id=user_id).update(password_hash=password_hash)
        others = await SessionRow.filter(user_id=user_id, revoked_at=None).exclude(id=session_id)
        ended = await _end_in_transaction([s.id for s in others], RevokeReason.PASSWORD_CHANGE, now)
    await revocation.revoke(ended)
    event(log, "auth.password_changed", user_id=str(user_id), sessions_ended=len(ended))


async def logout_all(*, user_id: uuid.UUID) -> None:
    """End every session of the user, the current one included. Idempotent."""
    live = await SessionRow.filter(user_id=user_id, revoked_at=None)
    await _end([s.id for s in live], RevokeReason.LOGOUT_ALL)
    event(log, "auth.logged_out_everywhere", user_id=str(user_id))


async def end_session(*, user_id: uuid.UUID, session_id: uuid.UUID) -> None:
    """End one of the user's sessions (remote sign-out); NotFound for another user's or an
    unknown id. Idempotent."""
    if not await SessionRow.filter(id=session_id, user_id=user_id).exists():
        raise NotFound("no such session")
    await _end([session_id], RevokeReason.REMOTE)


@dataclass(frozen=True)
class SessionView:
    id: uuid.UUID
    device: str
    created_at: datetime
    last_used_at: datetime
    current: bool


async def list_sessions(*, user_id: uuid.UUID, session_id: uuid.UUID) -> list[SessionView]:
    """The user's live sessions (not ended, not expired), most recently used first."""
    rows = (
        await SessionRow.filter(user_id=user_id, revoked_at=None, expires_at__gt=datetime.now(UTC))
        .order_by("-last_used_at")
        .limit(SESSIONS_LISTED)
    )
    return [
        SessionView(r.id, r.device, r.created_at, r.last_used_at, r.id == session_id) for r in rows
    ]


async def session_is_live(session_id: uuid.UUID) -> bool:
    """Whether the session exists and was not ended (the check when Redis is down)."""
    return await SessionRow.filter(id=session_id, revoked_at=None).exists()


async def touch_session(session_id: uuid.UUID) -> None:
    """Record that the session was used now (``runcoach.revocation``: at most every 5 min)."""
    await SessionRow.filter(id=session_id).update(last_used_at=datetime.now(UTC))


async def _end(session_ids: list[uuid.UUID], reason: RevokeReason) -> None:
    """End these sessions: in PostgreSQL, then in Redis and every process. Idempotent."""
    async with in_transaction():
        ended = await _end_in_transaction(session_ids, reason, datetime.now(UTC))
    await revocation.revoke(ended)


async def _end_in_transaction(
    session_ids: list[uuid.UUID], reason: RevokeReason, now: datetime
) -> list[uuid.UUID]:
    """Mark the sessions and their refresh tokens revoked; the ids (all of them: a session
    ended before is marked in Redis again, harmlessly)."""
    if not session_ids:
        return []
    await SessionRow.filter(id__in=session_ids, revoked_at=None).update(
        revoked_at=now, revoked_reason=reason
    )
    await RefreshToken.filter(family_id__in=session_ids, revoked_at=None).update(revoked_at=now)
    event(log, "auth.sessions_ended", reason=str(reason), sessions=len(session_ids))
    return session_ids
