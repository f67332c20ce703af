"""Access tokens (short-lived JWT, HS256 pinned) and opaque refresh-token secrets."""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from datetime import UTC, datetime, timedelta

import jwt

from runcoach.config import Settings
from runcoach.errors import Unauthorized

ALGORITHM = "HS256"


def issue_access_token(
    *, user_id: uuid.UUID, settings: Settings, now: datetime | None = None
) -> str:
    now = now or datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=settings.access_token_ttl_s)).timestamp()),
        "jti": secrets.token_hex(8),
    }
    return jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM)


# Tokens already verified by this process: (token, key, audience, issuer) -> (user, exp).
# A hit skips the signature check (a fifth of a cheap request) but never the expiry.
_VERIFIED_MAX = 10_000
_verified: dict[tuple[str, str, str, str], tuple[uuid.UUID, int]] = {}


def decode_access_token(token: str, *, settings: Settings) -> uuid.UUID:
    """The user id of a valid access token; Unauthorized for anything else."""
    key = (token, settings.secret_key, settings.jwt_audience, settings.jwt_issuer)
    hit = _verified.get(key)
    if hit is not None:
        if hit[1] > time.time():
            return hit[0]
        del _verified[key]
    user_id, exp = _verify(token, settings)
    if len(_verified) >= _VERIFIED_MAX:
        del _verified[next(iter(_verified))]  # the oldest entry
    _verified[key] = (user_id, exp)
    return user_id


def _verify(token: str, settings: Settings) -> tuple[uuid.UUID, int]:
    try:
        claims = jwt.decode(
            token,
            settings.secret_key,
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )
        return uuid.UUID(claims["sub"]), int(claims["exp"])
    except jwt.ExpiredSignatureError:
        raise Unauthorized("the access token has expired") from None
    except (jwt.InvalidTokenError, ValueError, TypeError):
        raise Unauthorized("the access token is not valid") from None


def new_refresh_secret() -> str:
    return "rt_" + secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
