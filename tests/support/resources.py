"""The API's route table, and one resource of each kind a route path can name."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.support.athletes import Athlete

PUBLIC = {
    ("POST", "/api/v1/auth/register"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/refresh"),
    ("POST", "/api/v1/auth/logout"),
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


async def owned_resources(client: httpx.AsyncClient, owner: Athlete) -> dict[str, str]:
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
    from tests.support.plans import build

    r = await client.post(
        "/api/v1/plans", headers=owner.headers, json={"goal": "10k", "days_per_week": 4}
    )
    assert r.status_code == 202, r.text
    plan_id = r.json()["plan_id"]
    await build(plan_id, get_settings())
    plan = (await client.get(f"/api/v1/plans/{plan_id}", headers=owner.headers)).json()
    sessions = [s for w in plan["weeks"] for d in w["days"] for s in d["sessions"]]
    return {"plan_id": plan_id, "session_id": sessions[0]["id"]}
