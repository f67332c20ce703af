"""Access tokens: the per-process cache of verified tokens never outlives a token's expiry."""

from __future__ import annotations

import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from runcoach import tokens
from runcoach.errors import Unauthorized


def test_a_cached_token_still_expires(settings) -> None:
    user = uuid.uuid4()
    short = replace(settings, access_token_ttl_s=2)
    token = tokens.issue_access_token(user_id=user, settings=short, now=datetime.now(UTC))
    assert tokens.decode_access_token(token, settings=settings) == user
    assert tokens.decode_access_token(token, settings=settings) == user  # from the cache
    time.sleep(2.2)
    with pytest.raises(Unauthorized):
        tokens.decode_access_token(token, settings=settings)


def test_the_cache_is_keyed_by_the_verifying_settings(settings) -> None:
    token = tokens.issue_access_token(user_id=uuid.uuid4(), settings=settings)
    tokens.decode_access_token(token, settings=settings)
    other = replace(settings, secret_key="another-secret-key-that-is-long-enough-000")
    with pytest.raises(Unauthorized):
        tokens.decode_access_token(token, settings=other)
    with pytest.raises(Unauthorized):
        tokens.decode_access_token(token, settings=replace(settings, jwt_audience="elsewhere"))
