"""Accounts: register, login (throttled), refresh rotation with reuse detection, logout, JWTs."""

from __future__ import annotations

import asyncio
import time
import uuid

import httpx
import jwt
import pytest

from runcoach.athletes.models import User
from runcoach.auth.models import RefreshToken
from tests.support.athletes import Athlete, register
from tests.support.limits import Rate, limited

PROBLEM = "application/problem+json"


async def test_register_answers_user_and_tokens(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/api/v1/auth/register",
        json={
            "email": "Ann@Example.COM",
            "password": "long enough pw",
            "name": "Ann",
            "timezone": "Europe/Paris",
        },
    )
    assert r.status_code == 201
    body = r.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 900
    assert body["user"]["email"] == "ann@example.com"
    assert body["user"]["tier"] == "free" and body["user"]["is_admin"] is False
    assert body["user"]["timezone"] == "Europe/Paris"
    assert "password_hash" not in body["user"]
    user = await User.get(email="ann@example.com")
    assert user.password_hash.startswith("$argon2id$")


async def test_taken_email_is_409_whatever_the_case(client: httpx.AsyncClient) -> None:
    await register(client, email="dup@example.com")
    r = await client.post(
        "/api/v1/auth/register",
        json={"email": "DUP@example.com", "password": "long enough pw", "name": "X"},
    )
    assert r.status_code == 409
    assert r.headers["content-type"] == PROBLEM and r.json()["code"] == "conflict"


@pytest.mark.parametrize(
    "extra",
    [{"tier": "elite"}, {"is_admin": True}, {"id": str(uuid.uuid4())}, {"email_verified": True}],
)
async def test_register_refuses_privileged_fields(client: httpx.AsyncClient, extra) -> None:
    r = await client.post(
        "/api/v1/auth/register",
        json={"email": "priv@example.com", "password": "long enough pw", "name": "P", **extra},
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == next(iter(extra))
    assert not await User.exists(email="priv@example.com")


@pytest.mark.parametrize(
    "body,field",
    [
        ({"email": "x@example.com", "password": "123456789", "name": "X"}, "password"),
        ({"email": "not-an-email", "password": "1234567890", "name": "X"}, "email"),
        (
            {
                "email": "x@example.com",
                "password": "1234567890",
                "name": "X",
                "timezone": "Mars/Base",
            },
            "timezone",
        ),
        ({"email": "x@example.com", "password": "1234567890"}, "name"),
    ],
)
async def test_register_validation(client: httpx.AsyncClient, body, field) -> None:
    r = await client.post("/api/v1/auth/register", json=body)
    assert r.status_code == 422
    assert field in {e["field"] for e in r.json()["errors"]}


async def test_login_ok_and_bad_pairs_look_the_same(client: httpx.AsyncClient) -> None:
    a = await register(client)
    ok = await client.post(
        "/api/v1/auth/login", json={"email": a.email.upper(), "password": a.password}
    )
    assert ok.status_code == 200 and ok.json()["user"]["id"] == a.id
    wrong = await client.post(
        "/api/v1/auth/login", json={"email": a.email, "password": "nope-nope"}
    )
    unknown = await client.post(
        "/api/v1/auth/login", json={"email": "ghost@example.com", "password": "nope-nope"}
    )
    assert wrong.status_code == unknown.status_code == 401
    strip = lambda b: {k: v for k, v in b.items() if k != "request_id"}  # noqa: E731
    assert strip(wrong.json()) == strip(unknown.json())


async def test_login_is_throttled_per_account(client: httpx.AsyncClient, settings) -> None:
    a = await register(client)
    for _ in range(settings.limit_login_account.count):
        r = await client.post(
            "/api/v1/auth/login", json={"email": a.email, "password": "bad-bad-bad"}
        )
        assert r.status_code == 401
    r = await client.post("/api/v1/auth/login", json={"email": a.email, "password": a.password})
    assert r.status_code == 429
    assert r.headers["content-type"] == PROBLEM and r.json()["code"] == "rate_limited"
    retry_after = int(r.headers["retry-after"])
    assert 0 < retry_after <= settings.limit_login_account.window_s
    # another account from the same address is not locked by this one
    b = await register(client)
    r = await client.post("/api/v1/auth/login", json={"email": b.email, "password": b.password})
    assert r.status_code == 200


async def test_login_is_throttled_per_ip(client: httpx.AsyncClient, settings) -> None:
    # a forged X-Forwarded-For does not buy a fresh address (no trusted proxy here)
    for i in range(settings.limit_login_ip.count):
        r = await client.post(
            "/api/v1/auth/login",
            json={"email": f"nobody{i}@example.com", "password": "bad-bad-bad"},
            headers={"X-Forwarded-For": f"203.0.113.{i}"},
        )
        assert r.status_code == 401
    a = await register(client)
    r = await client.post(
        "/api/v1/auth/login",
        json={"email": a.email, "password": a.password},
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    assert r.status_code == 429
    assert "address" in r.json()["detail"]


LOGIN = "/api/v1/auth/login"


def _refused(r: httpx.Response) -> bool:
    """A 429 problem with code rate_limited and Retry-After (else a 401 is expected)."""
    if r.status_code != 429:
        assert r.status_code == 401, r.text
        return False
    assert r.headers["content-type"] == PROBLEM and r.json()["code"] == "rate_limited"
    assert int(r.headers["retry-after"]) >= 1
    return True


async def test_concurrent_bad_logins_get_exactly_the_account_limit(
    client: httpx.AsyncClient, settings
) -> None:
    a = await register(client)
    limit = settings.limit_login_account.count
    answers = await asyncio.gather(
        *(client.post(LOGIN, json={"email": a.email, "password": "bad-bad-bad"}) for _ in range(25))
    )
    refused = [_refused(r) for r in answers]
    assert refused.count(False) == limit and refused.count(True) == 25 - limit


async def test_concurrent_bad_logins_get_exactly_the_address_limit(
    client: httpx.AsyncClient, settings
) -> None:
    limit = settings.limit_login_ip.count
    answers = await asyncio.gather(
        *(
            client.post(LOGIN, json={"email": f"nobody{i}@example.com", "password": "bad-bad-1"})
            for i in range(limit + 15)
        )
    )
    refused = [_refused(r) for r in answers]
    assert refused.count(False) == limit and refused.count(True) == 15


async def test_a_good_login_gives_its_attempt_back(client: httpx.AsyncClient, settings) -> None:
    a = await register(client)
    good = {"email": a.email, "password": a.password}
    bad = {"email": a.email, "password": "bad-bad-bad"}
    for _ in range(settings.limit_login_account.count - 1):
        assert (await client.post(LOGIN, json=bad)).status_code == 401
    for _ in range(3):  # successes cost nothing
        assert (await client.post(LOGIN, json=good)).status_code == 200
    assert (await client.post(LOGIN, json=bad)).status_code == 401  # the last failure allowed
    assert (await client.post(LOGIN, json=good)).status_code == 429


async def test_with_redis_down_logins_are_counted_in_the_database(
    client: httpx.AsyncClient, settings, caplog: pytest.LogCaptureFixture
) -> None:
    a, b = await register(client), await register(client)
    limit = settings.limit_login_account.count
    async with limited(settings, redis_down=True):
        answers = await asyncio.gather(
            *(
                client.post(LOGIN, json={"email": a.email, "password": "bad-bad-bad"})
                for _ in range(25)
            )
        )
        refused = [_refused(r) for r in answers]
        assert refused.count(False) == limit and refused.count(True) == 25 - limit
        r = await client.post(LOGIN, json={"email": a.email, "password": a.password})
        assert r.status_code == 429  # knocking Redis over bought nothing
        r = await client.post(LOGIN, json={"email": b.email, "password": b.password})
        assert r.status_code == 200
    assert any(r.getMessage() == "limits.counted_in_database" for r in caplog.records)


async def test_registrations_are_limited_per_address(client: httpx.AsyncClient, settings) -> None:
    def body(i: int) -> dict[str, str]:
        return {"email": f"new{i}@example.com", "password": "long enough pw", "name": "N"}

    async with limited(settings, limit_register_ip=Rate(4, 3600)):
        answers = await asyncio.gather(
            *(client.post("/api/v1/auth/register", json=body(i)) for i in range(10))
        )
        statuses = sorted(r.status_code for r in answers)
        assert statuses == [201] * 4 + [429] * 6
        refusal = next(r for r in answers if r.status_code == 429)
        assert refusal.json()["code"] == "rate_limited" and refusal.json()["limit"] == 4
        assert "address" in refusal.json()["detail"] and refusal.headers["retry-after"]
        # another address has its own count (the whole of 127/8 is this machine)
        other = httpx.AsyncHTTPTransport(local_address="127.0.0.2")
        async with httpx.AsyncClient(base_url=str(client.base_url), transport=other) as c:
            assert (await c.post("/api/v1/auth/register", json=body(99))).status_code == 201


async def test_refresh_rotates_and_reuse_revokes_the_family(client: httpx.AsyncClient) -> None:
    a = await register(client)
    first = await client.post("/api/v1/auth/refresh", json={"refresh_token": a.refresh_token})
    assert first.status_code == 200
    second_token = first.json()["refresh_token"]
    assert second_token != a.refresh_token
    me = await client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {first.json()['access_token']}"}
    )
    assert me.status_code == 200
    # reuse of the rotated token: refused, and the whole family is revoked
    reuse = await client.post("/api/v1/auth/refresh", json={"refresh_token": a.refresh_token})
    assert reuse.status_code == 401
    after = await client.post("/api/v1/auth/refresh", json={"refresh_token": second_token})
    assert after.status_code == 401
    assert await RefreshToken.filter(revoked_at=None).count() == 0


async def test_refresh_with_garbage_is_401(client: httpx.AsyncClient) -> None:
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": "rt_nothing"})
    assert r.status_code == 401 and r.headers["content-type"] == PROBLEM


async def test_logout_revokes_the_refresh_token(client: httpx.AsyncClient) -> None:
    a = await register(client)
    r = await client.post("/api/v1/auth/logout", json={"refresh_token": a.refresh_token})
    assert r.status_code == 204
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": a.refresh_token})
    assert r.status_code == 401
    again = await client.post("/api/v1/auth/logout", json={"refresh_token": a.refresh_token})
    assert again.status_code == 204


def _token(settings, **overrides) -> str:
    now = int(time.time())
    claims = {
        "sub": str(uuid.uuid4()),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + 300,
    }
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, settings.secret_key, algorithm="HS256")


async def _me(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})


async def test_access_tokens_are_checked(
    client: httpx.AsyncClient, settings, athlete: Athlete
) -> None:
    assert (await _me(client, athlete.access_token)).status_code == 200
    now = int(time.time())
    bad_tokens = {
        "expired": _token(settings, sub=athlete.id, iat=now - 1000, exp=now - 10),
        "wrong audience": _token(settings, sub=athlete.id, aud="someone-else"),
        "wrong issuer": _token(settings, sub=athlete.id, iss="evil"),
        "no exp": _token(settings, sub=athlete.id, exp=None),
        "wrong key": jwt.encode(
            {
                "sub": athlete.id,
                "iss": settings.jwt_issuer,
                "aud": settings.jwt_audience,
                "iat": now,
                "exp": now + 60,
            },
            "another-secret-of-sufficient-length-123",
            algorithm="HS256",
        ),
        "alg none": jwt.encode(
            {
                "sub": athlete.id,
                "iss": settings.jwt_issuer,
                "aud": settings.jwt_audience,
                "iat": now,
                "exp": now + 60,
            },
            None,
            algorithm="none",
        ),
        "HS512": jwt.encode(
            {
                "sub": athlete.id,
                "iss": settings.jwt_issuer,
                "aud": settings.jwt_audience,
                "iat": now,
                "exp": now + 60,
            },
            settings.secret_key * 2,
            algorithm="HS512",
        ),
        "tampered": athlete.access_token[:-3]
        + ("AAA" if not athlete.access_token.endswith("AAA") else "BBB"),
        "not a jwt": "hello",
    }
    for name, token in bad_tokens.items():
        r = await _me(client, token)
        assert r.status_code == 401, name
        assert r.headers["content-type"] == PROBLEM
        assert r.json()["code"] == "unauthorized"
        assert r.headers["www-authenticate"].startswith("Bearer")


async def test_missing_or_odd_authorization_header_is_401(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    for headers in (
        {},
        {"Authorization": athlete.access_token},
        {"Authorization": f"Basic {athlete.access_token}"},
        {"Authorization": "Bearer"},
    ):
        r = await client.get("/api/v1/me", headers=headers)
        assert r.status_code == 401, headers


async def test_token_of_a_deleted_user_reads_as_not_found(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    await User.filter(id=athlete.id).delete()
    r = await client.get("/api/v1/me", headers=athlete.headers)
    assert r.status_code == 404
