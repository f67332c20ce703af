"""GET and PATCH /me: the whitelist, validation, and what no endpoint may write."""

from __future__ import annotations

import httpx
import pytest

from runcoach.athletes.models import User
from tests.support.athletes import Athlete


async def test_read_profile(client: httpx.AsyncClient, athlete: Athlete) -> None:
    r = await client.get("/api/v1/me", headers=athlete.headers)
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == athlete.id and body["tier"] == "free" and body["units"] == "metric"


async def test_update_whitelisted_fields(client: httpx.AsyncClient, athlete: Athlete) -> None:
    changes = {
        "name": "Alice B",
        "timezone": "America/New_York",
        "birth_date": "1990-04-02",
        "sex": "female",
        "weight_kg": 58.5,
        "max_hr": 192,
        "resting_hr": 48,
        "lthr": 172,
        "units": "imperial",
    }
    r = await client.patch("/api/v1/me", json=changes, headers=athlete.headers)
    assert r.status_code == 200
    assert {k: r.json()[k] for k in changes} == changes
    again = await client.get("/api/v1/me", headers=athlete.headers)
    assert {k: again.json()[k] for k in changes} == changes
    partial = await client.patch("/api/v1/me", json={"weight_kg": 57}, headers=athlete.headers)
    assert partial.json()["max_hr"] == 192 and partial.json()["weight_kg"] == 57


@pytest.mark.parametrize(
    "field,value",
    [
        ("tier", "elite"),
        ("is_admin", True),
        ("email", "x@y.zz"),
        ("email_verified", True),
        ("id", "abc"),
        ("password_hash", "x"),
        ("created_at", "2020-01-01"),
    ],
)
async def test_fields_outside_the_whitelist_are_refused(
    client: httpx.AsyncClient, athlete: Athlete, field, value
) -> None:
    r = await client.patch(
        "/api/v1/me", json={field: value, "name": "Changed"}, headers=athlete.headers
    )
    assert r.status_code == 422
    assert r.json()["code"] == "validation_error"
    assert r.json()["errors"] == [{"field": field, "message": "this field is not accepted here"}]
    user = await User.get(id=athlete.id)
    assert user.tier == "free" and user.is_admin is False and user.name == "Alice"


@pytest.mark.parametrize(
    "body,field",
    [
        ({"timezone": "Nowhere/Land"}, "timezone"),
        ({"max_hr": 400}, "max_hr"),
        ({"sex": "robot"}, "sex"),
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"name": None}, "name"),
        ({"units": "furlongs"}, "units"),
        ({"weight_kg": "heavy"}, "weight_kg"),
    ],
)
async def test_invalid_values_are_422(
    client: httpx.AsyncClient, athlete: Athlete, body, field
) -> None:
    r = await client.patch("/api/v1/me", json=body, headers=athlete.headers)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == field
