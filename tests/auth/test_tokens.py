"""Access tokens: the per-process cache of verified tokens never outlives a token's expiry."""

from __future__ import annotations

import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime

import jwt
import pytest

from runcoach import tokens
from runcoach.errors import Unauthorized


def test_a_cached_token_still_expires(settings) -> None:
    user = uuid.uuid4()
    short = replace(settings, access_token_ttl_s=2)
    sid = uuid.uuid4()
    token = tokens.issue_access_token(
        user_id=user, session_id=sid, settings=short, now=datetime.now(UTC)
    )
    assert tokens.decode_access_token(token, settings=settings)[:2] == (user, sid)
    assert tokens.decode_access_token(token, settings=settings)[:2] == (user, sid)  # cached
    time.sleep(2.2)
    with pytest.raises(Unauthorized):
        tokens.decode_access_token(token, settings=settings)


def test_the_cache_is_keyed_by_the_verifying_settings(settings) -> None:
    token = tokens.issue_access_token(
        user_id=uuid.uuid4(), session_id=uuid.uuid4(), settings=settings
    )
    tokens.decode_access_token(token, settings=settings)
    other = replace(settings, secret_key="another-secret-key-that-is-long-enough-000")
    with pytest.raises(Unauthorized):
        tokens.decode_access_token(token, settings=other)
    with pytest.raises(Unauthorized):
        tokens.decode_access_token(token, settings=replace(settings, jwt_audience="elsewhere"))


def test_a_token_without_a_session_is_refused(settings) -> None:
    """Tokens issued before sessions existed carry no ``sid``: their session cannot be
    ended, so they are not accepted (the client refreshes)."""
    now = int(time.time())
    claims = {"sub": str(uuid.uuid4()), "iss": settings.jwt_issuer,
              "aud": settings.jwt_audience, "iat": now, "exp": now + 600}  # fmt: skip
    token = jwt.encode(claims, settings.secret_key, algorithm="HS256")
    with pytest.raises(Unauthorized):
        tokens.decode_access_token(token, settings=settings)
