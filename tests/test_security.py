"""Security rules, generated from the app's route table so that a new route cannot forget them.

- every /api/v1 route needs a valid access token, except the few public auth routes;
- every route with an id in its path answers 404 for another user's resource, and
  leaves that resource untouched.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.support.athletes import Athlete
from tests.support.resources import PUBLIC, api_routes, owned_resources

# A valid body for each write route, so that a 404 is about ownership, not validation.
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("PATCH", "/api/v1/workouts/<workout_id>"): {"title": "mine now"},
    ("PATCH", "/api/v1/plans/<plan_id>/sessions/<session_id>"): {"completed": True},
    ("PATCH", "/api/v1/notifications/<notification_id>/read"): {"read": True},
}


def test_the_route_table_is_not_empty(sanic_app: Any) -> None:
    assert len(api_routes(sanic_app)) >= 15


async def test_every_private_route_needs_a_token(sanic_app: Any, client: httpx.AsyncClient) -> None:
    checked = 0
    for method, path in api_routes(sanic_app):
        if (method, path) in PUBLIC:
            continue
        url = re.sub(r"<\w+>", "00000000-0000-0000-0000-000000000000", path)
        r = await client.request(method, url, json=BODIES.get((method, path), {}))
        assert r.status_code == 401, (method, path, r.status_code)
        assert r.json()["code"] == "unauthorized"
        checked += 1
    assert checked >= 10


async def _snapshot(client: httpx.AsyncClient, owner: Athlete) -> Any:
    workouts = (await client.get("/api/v1/workouts", headers=owner.headers)).json()["items"]
    devices = (await client.get("/api/v1/devices", headers=owner.headers)).json()["items"]
    strip = [{k: v for k, v in w.items() if k != "updated_at"} for w in workouts]
    return strip, [(d["id"], d["latest_sync"]) for d in devices]


async def test_another_users_ids_answer_404_everywhere(
    sanic_app: Any, client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    ids = await owned_resources(client, athlete)
    before = await _snapshot(client, athlete)
    checked = 0
    for method, path in api_routes(sanic_app):
        params = re.findall(r"<(\w+)>", path)
        if not params:
            continue
        missing = [p for p in params if p not in ids]
        assert not missing, f"add a resource for {missing} in owned_resources() to check {path}"
        url = path
        for p in params:
            url = url.replace(f"<{p}>", ids[p])
        r = await client.request(
            method, url, headers=other.headers, json=BODIES.get((method, path), {})
        )
        assert r.status_code == 404, (method, path, r.status_code, r.text)
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["code"] == "not_found"
        checked += 1
    assert checked >= 6
    assert await _snapshot(client, athlete) == before


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "1", "../../etc/passwd"])
async def test_malformed_ids_are_404(
    client: httpx.AsyncClient, athlete: Athlete, bad_id: str
) -> None:
    r = await client.get(f"/api/v1/workouts/{bad_id}", headers=athlete.headers)
    assert r.status_code == 404
