"""In-app notifications: created once per event, read, grouped, counted, deleted."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import orjson
from tortoise import Tortoise

from runcoach.events import Event
from runcoach.notifications import service
from runcoach.notifications.models import Notification
from tests.support.athletes import Athlete
from tests.support.problems import problem

URL = "/api/v1/notifications"


async def record(who: Athlete, kind: str, key: str, **data: Any) -> uuid.UUID:
    ev = await Event.create(user_id=who.id, kind=kind, key=key, data=data)
    return ev.id


async def test_an_event_makes_one_notification_and_publishes_the_count(
    client: httpx.AsyncClient, athlete: Athlete, sanic_app: Any
) -> None:
    redis = sanic_app.ctx.redis
    pubsub = redis.pubsub()
    await pubsub.subscribe(service.channel(uuid.UUID(athlete.id)))
    await pubsub.get_message(timeout=1)  # the subscribe confirmation
    event_id = await record(
        athlete, "overtraining_detected", "2026-11-20", score=75, factors=["acwr", "tsb"]
    )
    first = await service.notify_event(event_id=event_id, redis=redis)
    again = await service.notify_event(event_id=event_id, redis=redis)  # redelivered
    assert first is not None and again is not None and again.id == first.id
    assert await Notification.filter(user_id=athlete.id).count() == 1
    assert first.type == "overtraining_detected" and "fatigue is piling up" in first.body
    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=2)
    assert message is not None
    frame = orjson.loads(message["data"])
    assert frame["type"] == "notification" and frame["unread_count"] == 1
    assert frame["notification"]["id"] == str(first.id)
    assert await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.3) is None
    await pubsub.aclose()


async def test_concurrent_triggers_create_it_once(athlete: Athlete) -> None:
    event_id = await record(athlete, "analysis_ready", "a-1", analysis_id="a-1")
    results = await asyncio.gather(*(service.notify_event(event_id=event_id) for _ in range(5)))
    assert len({r.id for r in results if r is not None}) == 1
    assert await Notification.filter(user_id=athlete.id).count() == 1


async def test_the_sweep_finds_events_left_without_a_notification(athlete: Athlete) -> None:
    done = await record(athlete, "plan_created", "p-1", plan_id="p-1", goal="10k")
    await service.notify_event(event_id=done)
    lost = await record(athlete, "plan_created", "p-2", plan_id="p-2", goal="half")
    # a kind no notification follows (a row written by another version of the code)
    await Tortoise.get_connection("default").execute_query(
        "INSERT INTO training_events (id, user_id, kind, key, data, created_at)"
        " VALUES ($1, $2, 'something_else', 'x', '{}', now())",
        [uuid.uuid4(), uuid.UUID(athlete.id)],
    )
    assert await service.unnotified_events() == [lost]


async def test_list_filter_group_count_read_and_delete(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    ids = []
    for n, kind in enumerate(["plan_created", "analysis_ready", "overtraining_detected"] * 2):
        event_id = await record(athlete, kind, f"k{n}", goal="5k")
        made = await service.notify_event(event_id=event_id)
        assert made is not None
        ids.append(str(made.id))
    h = athlete.headers
    body = (await client.get(URL, params={"limit": 4}, headers=h)).json()
    assert [n["id"] for n in body["items"]] == ids[::-1][:4] and body["unread_count"] == 6
    rest = (await client.get(URL, params={"cursor": body["next_cursor"]}, headers=h)).json()
    assert [n["id"] for n in rest["items"]] == ids[::-1][4:] and rest["next_cursor"] is None
    only = (await client.get(URL, params={"type": "plan_created"}, headers=h)).json()
    assert {n["type"] for n in only["items"]} == {"plan_created"} and len(only["items"]) == 2

    r = await client.patch(f"{URL}/{ids[0]}/read", headers=h)
    assert r.status_code == 200 and r.json()["read"] is True
    r = await client.patch(f"{URL}/{ids[0]}/read", headers=h)  # idempotent
    assert r.status_code == 200
    assert (await client.get(f"{URL}/unread-count", headers=h)).json() == {"unread_count": 5}
    r = await client.patch(f"{URL}/{ids[0]}/read", json={"read": False}, headers=h)
    assert r.json()["read"] is False
    unread = (await client.get(URL, params={"unread": "true"}, headers=h)).json()
    assert len(unread["items"]) == 6

    groups = (await client.get(URL, params={"group_by": "type"}, headers=h)).json()["groups"]
    assert {g["type"]: (g["count"], g["unread"]) for g in groups} == {
        "plan_created": (2, 2), "analysis_ready": (2, 2), "overtraining_detected": (2, 2),
    }  # fmt: skip
    r = await client.post(f"{URL}/read-all", params={"type": "analysis_ready"}, headers=h)
    assert r.json() == {"updated": 2}
    r = await client.post(f"{URL}/read-all", headers=h)
    assert r.json() == {"updated": 4}
    summary = (await client.get("/api/v1/dashboard/summary", headers=h)).json()
    assert summary["unread_count"] == 0

    assert (await client.delete(f"{URL}/{ids[1]}", headers=h)).status_code == 204
    assert (await client.delete(f"{URL}/{ids[1]}", headers=h)).status_code == 404
    # Another athlete sees none of it and can touch none of it.
    assert (await client.get(URL, headers=other.headers)).json()["items"] == []
    problem(await client.patch(f"{URL}/{ids[2]}/read", headers=other.headers), 404, "not_found")
    problem(await client.delete(f"{URL}/{ids[2]}", headers=other.headers), 404, "not_found")
    problem(await client.get(URL, params={"type": "nope"}, headers=h), 422,
            "validation_error", "type")  # fmt: skip
    problem(await client.get(URL, params={"cursor": "junk"}, headers=h), 422,
            "validation_error", "cursor")  # fmt: skip
    problem(await client.get(URL), 401, "unauthorized")


async def test_a_new_plan_lands_in_the_notification_centre_through_the_worker(
    client: httpx.AsyncClient, athlete: Athlete, worker_process: Any
) -> None:
    """POST /plans -> plans.generate -> plan_created -> notifications.from_event."""
    r = await client.post(
        "/api/v1/plans", json={"goal": "10k", "days_per_week": 4}, headers=athlete.headers
    )
    assert r.status_code == 202, r.text
    deadline = asyncio.get_running_loop().time() + 30
    items: list[dict[str, Any]] = []
    while not items and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.2)
        items = (await client.get(URL, headers=athlete.headers)).json()["items"]
    assert worker_process.poll() is None, "the worker died"
    assert [n["type"] for n in items] == ["plan_created"]
    assert items[0]["data"]["plan_id"] == r.json()["plan_id"] and items[0]["read"] is False
