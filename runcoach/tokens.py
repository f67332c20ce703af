"""Access tokens (short-lived JWT, HS256 pinned) and opaque refresh-token secrets.

An access token carries its session (``sid``, the refresh family it was issued for), so
revoking the session ends the token at once (``runcoach.revocation``); a token without
one (issued before sessions existed) is refused. This module checks signatures and
expiry only: whether the session still lives is asked on every request, never cached.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import jwt

from runcoach.config import Settings
from runcoach.errors import Unauthorized

ALGORITHM = "HS256"


class Claims(NamedTuple):
    """What a verified access token says: its user, its session, its expiry (epoch s)."""

    user_id: uuid.UUID
    session_id: uuid.UUID
    expires_at: int


def issue_access_token(
    *,
    user_id: uuid.UUID,
    session_id: uuid.UUID,
    settings: Settings,
    now: datetime | None = None,
) -> str:
    now = now or datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "sid": str(session_id),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=settings.access_token_ttl_s)).timestamp()),
        "jti": secrets.token_hex(8),
    }
    return jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM)


# Tokens whose signature this process checked: (token, key, audience, issuer) -> claims.
# A hit skips the signature check (a fifth of a cheap request) but never the expiry, and
# says nothing of the session: its liveness is checked on every request by the caller.
_VERIFIED_MAX = 10_000
_verified: dict[tuple[str, str, str, str], Claims] = {}


def decode_access_token(token: str, *, settings: Settings) -> Claims:
    """The claims of a validly signed, unexpired access token; Unauthorized otherwise.

    The session may have been revoked: ``runcoach.revocation.ensure_live`` says.
    """
    key = (token, settings.secret_key, settings.jwt_audience, settings.jwt_issuer)
    hit = _verified.get(key)
    if hit is not None:
        if hit.expires_at > time.time():
            return hit
        del _verified[key]
    claims = _verify(token, settings)
    if len(_verified) >= _VERIFIED_MAX:
        del _verified[next(iter(_verified))]  # the oldest entry
    _verified[key] = claims
    return claims


def _verify(token: str, settings: Settings) -> Claims:
    try:
        claims = jwt.decode(
            token,
            settings.secret_key,
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
        if "sid" not in claims:  # issued before sessions: its session cannot be ended
            raise Unauthorized("the access token is not valid; please log in again")
        return Claims(uuid.UUID(claims["sub"]), uuid.UUID(claims["sid"]), int(claims["exp"]))
    except jwt.ExpiredSignatureError:
        raise Unauthorized("the access token has expired") from None
    except (jwt.InvalidTokenError, ValueError, TypeError):
        raise Unauthorized("the access token is not valid") from None


def new_refresh_secret() -> str:
    return "rt_" + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
