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

from tests.conftest import Athlete

PUBLIC = {
    ("POST", "/api/v1/auth/register"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/refresh"),
    ("POST", "/api/v1/auth/logout"),
}

# A valid body for each write route, so that a 404 is about ownership, not validation.
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("PATCH", "/api/v1/workouts/<workout_id>"): {"title": "mine now"},
    ("PATCH", "/api/v1/plans/<plan_id>/sessions/<session_id>"): {"completed": True},
    ("PATCH", "/api/v1/notifications/<notification_id>/read"): {"read": True},
}


def api_routes(app: Any) -> list[tuple[str, str]]:
    routes = set()
    for route in app.router.routes:
        path = "/" + route.path.lstrip("/")
        if not path.startswith("/api/v1"):
            continue
        for method in route.methods:
            if method not in {"HEAD", "OPTIONS"}:
                routes.add((method, re.sub(r"<(\w+):\w+>", r"<\1>", path)))
    return sorted(routes)


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


async def _resources(client: httpx.AsyncClient, owner: Athlete) -> dict[str, str]:
    """One resource of each kind a path can name, owned by ``owner``."""
    workout = await client.post(
        "/api/v1/workouts",
        headers=owner.headers,
        json={
            "sport": "run",
            "started_at": "2026-01-02T07:00:00Z",
            "duration_s": 1800,
            "distance_m": 5000,
            "title": "owner's run",
        },
    )
    assert workout.status_code == 201
    device = await client.post(
        "/api/v1/devices/garmin",
        headers=owner.headers,
        json={"username": "owner", "password": "garmin-demo"},
    )
    assert device.status_code == 201, device.text
    asked = await client.post(
        "/api/v1/coach/messages", headers=owner.headers, json={"text": "owner's question"}
    )
    assert asked.status_code == 200, asked.text
    analysis = await client.post("/api/v1/coach/analysis", headers=owner.headers)
    assert analysis.status_code == 202, analysis.text
    return {
        "workout_id": workout.json()["id"],
        "device_id": device.json()["id"],
        "conversation_id": asked.json()["conversation_id"],
        "analysis_id": analysis.json()["analysis_id"],
        **await plan_resources(client, owner),
        "notification_id": await notification_resource(owner),
        "token": await push_token_resource(client, owner),
    }


async def push_token_resource(client: httpx.AsyncClient, owner: Athlete) -> str:
    token = "ExponentPushToken[owner0000000000]"
    r = await client.post(
        "/api/v1/push-tokens", headers=owner.headers, json={"token": token, "platform": "ios"}
    )
    assert r.status_code == 201, r.text
    return token


async def notification_resource(owner: Athlete) -> str:
    from runcoach.events import Event
    from runcoach.notifications import service as notifications_service

    ev = await Event.create(user_id=owner.id, kind="analysis_ready", key="sec", data={})
    made = await notifications_service.notify_event(event_id=ev.id)
    assert made is not None
    return str(made.id)


async def plan_resources(client: httpx.AsyncClient, owner: Athlete) -> dict[str, str]:
    """A built plan of the owner's and one of its sessions (the job run in-process)."""
    from runcoach.config import get_settings
    from tests.plans.support import build

    r = await client.post(
        "/api/v1/plans", headers=owner.headers, json={"goal": "10k", "days_per_week": 4}
    )
    assert r.status_code == 202, r.text
    plan_id = r.json()["plan_id"]
    await build(plan_id, get_settings())
    plan = (await client.get(f"/api/v1/plans/{plan_id}", headers=owner.headers)).json()
    sessions = [s for w in plan["weeks"] for d in w["days"] for s in d["sessions"]]
    return {"plan_id": plan_id, "session_id": sessions[0]["id"]}


async def _snapshot(client: httpx.AsyncClient, owner: Athlete) -> Any:
    workouts = (await client.get("/api/v1/workouts", headers=owner.headers)).json()["items"]
    devices = (await client.get("/api/v1/devices", headers=owner.headers)).json()["items"]
    strip = [{k: v for k, v in w.items() if k != "updated_at"} for w in workouts]
    return strip, [(d["id"], d["latest_sync"]) for d in devices]


async def test_another_users_ids_answer_404_everywhere(
    sanic_app: Any, client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    ids = await _resources(client, athlete)
    before = await _snapshot(client, athlete)
    checked = 0
    for method, path in api_routes(sanic_app):
        params = re.findall(r"<(\w+)>", path)
        if not params:
            continue
        missing = [p for p in params if p not in ids]
        assert not missing, f"add a resource for {missing} in _resources() to check {path}"
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
