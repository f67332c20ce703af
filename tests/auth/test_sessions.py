"""Sessions that can be ended: a stolen access token stops working at once, in every web
process (this one, a second one, and one whose Redis is down), whatever ended it."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest

from runcoach import tokens
from runcoach.auth.models import RevokeReason
from runcoach.auth.models import Session as SessionRow
from tests.support.athletes import Athlete, register
from tests.support.webprocess import WebProcess

pytestmark = pytest.mark.asyncio(loop_scope="session")

ME = "/api/v1/me"
WORKOUTS = "/api/v1/workouts"  # a cached route: the session is checked by the cache's read


async def login(client: httpx.AsyncClient, who: Athlete, **extra: Any) -> dict[str, Any]:
    r = await client.post(
        "/api/v1/auth/login", json={"email": who.email, "password": who.password, **extra}
    )
    assert r.status_code == 200, r.text
    return r.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def statuses(token: str, *bases: str) -> list[int]:
    """The answers of /me and the (cached) workouts page to ``token``, on each server."""
    out = []
    async with httpx.AsyncClient(timeout=30) as http:
        for base in bases:
            for path in (ME, WORKOUTS, WORKOUTS):  # the second read is a cache hit
                out.append((await http.get(base + path, headers=bearer(token))).status_code)
    return out


@pytest.fixture
def everywhere(app_server: str, second_web: WebProcess) -> tuple[str, str]:
    return app_server, second_web.url


async def test_logout_ends_the_access_token_in_every_process(
    client: httpx.AsyncClient, everywhere: tuple[str, str]
) -> None:
    athlete = await register(client)
    assert await statuses(athlete.access_token, *everywhere) == [200] * 6
    assert any(key[0] == athlete.access_token for key in tokens._verified)  # cached signature
    r = await client.post("/api/v1/auth/logout", json={"refresh_token": athlete.refresh_token})
    assert r.status_code == 204
    assert await statuses(athlete.access_token, *everywhere) == [401] * 6
    r = await client.get(ME, headers=athlete.headers)
    assert r.json()["code"] == "unauthorized"
    row = await SessionRow.get(user_id=athlete.id)
    assert row.revoked_at is not None and row.revoked_reason == RevokeReason.LOGOUT


async def test_refresh_token_reuse_ends_the_session(
    client: httpx.AsyncClient, everywhere: tuple[str, str]
) -> None:
    athlete = await register(client)
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": athlete.refresh_token})
    assert r.status_code == 200
    rotated = r.json()
    assert await statuses(rotated["access_token"], *everywhere) == [200] * 6
    # the old refresh token again (a thief's copy): the whole session ends
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": athlete.refresh_token})
    assert r.status_code == 401
    for token in (athlete.access_token, rotated["access_token"]):
        assert await statuses(token, *everywhere) == [401] * 6
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": rotated["refresh_token"]})
    assert r.status_code == 401


async def test_password_change_ends_every_other_session(
    client: httpx.AsyncClient, everywhere: tuple[str, str]
) -> None:
    athlete = await register(client)
    phone = await login(client, athlete, device="Phone")
    body = {"current_password": "not the password", "new_password": "a brand new password"}
    r = await client.post("/api/v1/auth/password", json=body, headers=athlete.headers)
    assert r.status_code == 422 and r.json()["code"] == "validation_error"  # not 401: no refresh
    assert [e["field"] for e in r.json()["errors"]] == ["current_password"]
    assert await statuses(phone["access_token"], *everywhere) == [200] * 6

    body["current_password"] = athlete.password
    r = await client.post("/api/v1/auth/password", json=body, headers=athlete.headers)
    assert r.status_code == 204, r.text
    assert await statuses(phone["access_token"], *everywhere) == [401] * 6
    assert await statuses(athlete.access_token, *everywhere) == [200] * 6  # this one stays
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": phone["refresh_token"]})
    assert r.status_code == 401
    r = await client.post(
        "/api/v1/auth/login", json={"email": athlete.email, "password": athlete.password}
    )
    assert r.status_code == 401
    athlete.password = body["new_password"]
    await login(client, athlete)


async def test_password_change_is_rate_limited(client: httpx.AsyncClient) -> None:
    athlete = await register(client)
    body = {"current_password": "wrong password", "new_password": "a brand new password"}
    answers = [
        (await client.post("/api/v1/auth/password", json=body, headers=athlete.headers))
        for _ in range(6)
    ]
    assert [a.status_code for a in answers] == [422] * 5 + [429]
    assert answers[-1].json()["code"] == "rate_limited" and "retry-after" in answers[-1].headers


async def test_password_change_validates_the_new_password(client: httpx.AsyncClient) -> None:
    athlete = await register(client)
    body = {"current_password": athlete.password, "new_password": "short"}
    r = await client.post("/api/v1/auth/password", json=body, headers=athlete.headers)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "new_password"


async def test_sign_out_everywhere_ends_every_session(
    client: httpx.AsyncClient, everywhere: tuple[str, str]
) -> None:
    athlete = await register(client)
    phone = await login(client, athlete)
    r = await client.post("/api/v1/auth/logout-all", headers=athlete.headers)
    assert r.status_code == 204
    for token in (athlete.access_token, phone["access_token"]):
        assert await statuses(token, *everywhere) == [401] * 6
    for refresh in (athlete.refresh_token, phone["refresh_token"]):
        r = await client.post("/api/v1/auth/refresh", json={"refresh_token": refresh})
        assert r.status_code == 401


async def test_the_sessions_list_and_remote_logout(
    client: httpx.AsyncClient, everywhere: tuple[str, str], other: Athlete
) -> None:
    athlete = await register(client)
    phone = await login(client, athlete, device="Ann's phone")
    r = await client.post(
        "/api/v1/auth/login",
        json={"email": athlete.email, "password": athlete.password},
        headers={"User-Agent": "RunCoachWeb/1.0 " + "x" * 300},
    )
    web = r.json()
    r = await client.get("/api/v1/auth/sessions", headers=bearer(phone["access_token"]))
    assert r.status_code == 200
    items = r.json()["items"]
    assert len(items) == 3
    assert {i["device"] for i in items} >= {"Ann's phone"}
    assert any(i["device"].startswith("RunCoachWeb/1.0 xxx") and len(i["device"]) == 120
               for i in items)  # fmt: skip
    current = [i for i in items if i["current"]]
    assert len(current) == 1 and current[0]["device"] == "Ann's phone"
    assert set(current[0]) == {"id", "device", "created_at", "last_used_at", "current"}
    when = datetime.fromisoformat
    assert all(when(i["last_used_at"]) >= when(i["created_at"]) for i in items)

    target = next(i["id"] for i in items if i["device"].startswith("RunCoachWeb"))
    path = f"/api/v1/auth/sessions/{target}"
    for who, unknown in ((other.headers, target), (athlete.headers, str(uuid.uuid4()))):
        r = await client.delete(f"/api/v1/auth/sessions/{unknown}", headers=who)
        assert r.status_code == 404 and r.json()["code"] == "not_found"
    assert await statuses(web["access_token"], *everywhere) == [200] * 6
    r = await client.delete(path, headers=bearer(phone["access_token"]))
    assert r.status_code == 204
    assert await statuses(web["access_token"], *everywhere) == [401] * 6
    assert (await client.delete(path, headers=athlete.headers)).status_code == 204  # idempotent
    r = await client.get("/api/v1/auth/sessions", headers=athlete.headers)
    assert target not in {i["id"] for i in r.json()["items"]}
    assert len(r.json()["items"]) == 2
    row = await SessionRow.get(id=target)
    assert row.revoked_reason == RevokeReason.REMOTE


async def test_use_moves_last_used_at(client: httpx.AsyncClient, second_web: WebProcess) -> None:
    athlete = await register(client)
    row = await SessionRow.get(user_id=athlete.id)
    await SessionRow.filter(id=row.id).update(last_used_at=row.created_at.replace(year=2020))
    async with httpx.AsyncClient(timeout=30) as http:
        r = await http.get(second_web.url + WORKOUTS, headers=athlete.headers)
    assert r.status_code == 200
    for _ in range(100):  # written in the background
        row = await SessionRow.get(id=row.id)
        if row.last_used_at.year != 2020:
            break
        await asyncio.sleep(0.05)
    assert row.last_used_at.year != 2020


async def test_with_redis_down_a_revoked_session_is_refused_from_the_database(
    client: httpx.AsyncClient, redisless_web: WebProcess
) -> None:
    athlete = await register(client)
    keep = await login(client, athlete)
    assert await statuses(athlete.access_token, redisless_web.url) == [200] * 3
    r = await client.post("/api/v1/auth/logout", json={"refresh_token": athlete.refresh_token})
    assert r.status_code == 204
    assert await statuses(athlete.access_token, redisless_web.url) == [401] * 3
    assert await statuses(keep["access_token"], redisless_web.url) == [200] * 3
