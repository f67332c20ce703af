"""GET /api/v1/sync over HTTP: every write kind shows, deletions as tombstones, paging,
isolation between users, bad and expired cursors, and no lost write under concurrency."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from runcoach.config import get_settings
from runcoach.pagination import encode_cursor
from runcoach.sync import cursor as cursors
from runcoach.sync import service as sync_service
from tests.support.athletes import Athlete
from tests.support.filegen import make_gpx, run_samples
from tests.support.jobs import workers_paused
from tests.support.plans import build, post_plan
from tests.support.problems import problem

API = "/api/v1/sync"
KINDS = ("workouts", "health_metrics", "plans", "notifications")


async def sync(
    client: httpx.AsyncClient, who: Athlete, since: str | None = None, **params: Any
) -> dict[str, Any]:
    query = {**({"since": since} if since is not None else {}), **params}
    r = await client.get(API, params=query, headers=who.headers)
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    body = r.json()
    assert set(body) == {"changed", "deleted", "cursor", "has_more"}
    assert set(body["changed"]) == set(KINDS) == set(body["deleted"])
    return body


@dataclass
class Replica:
    """What an offline client keeps: every row by kind and id, and its cursor."""

    rows: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {k: {} for k in KINDS}
    )
    cursor: str | None = None
    pages: int = 0

    def apply(self, page: dict[str, Any]) -> None:
        for kind in KINDS:
            changed = {row["id"] for row in page["changed"][kind]}
            assert not changed & set(page["deleted"][kind]), "a row both changed and deleted"
            for row_id in page["deleted"][kind]:
                self.rows[kind].pop(row_id, None)
            for row in page["changed"][kind]:
                self.rows[kind][row["id"]] = row
        self.cursor = page["cursor"]
        self.pages += 1

    async def pull(self, client: httpx.AsyncClient, who: Athlete, limit: int = 200) -> None:
        """Sync until nothing more waits."""
        while True:
            page = await sync(client, who, self.cursor, limit=limit)
            self.apply(page)
            if not page["has_more"]:
                return


async def new_workout(
    client: httpx.AsyncClient, who: Athlete, minutes: int = 0, **fields: Any
) -> dict[str, Any]:
    start = dt.datetime(2026, 11, 2, 7, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)
    body = {"sport": "run", "started_at": start.isoformat(), "duration_s": 1800,
            "distance_m": 5000, **fields}  # fmt: skip
    r = await client.post("/api/v1/workouts", json=body, headers=who.headers)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def new_day(
    client: httpx.AsyncClient, who: Athlete, day: dt.date, **values: Any
) -> dict[str, Any]:
    r = await client.post(
        "/api/v1/health-metrics",
        json={"date": day.isoformat(), "resting_hr": 50, **values},
        headers=who.headers,
    )
    assert r.status_code in (200, 201), r.text
    return dict(r.json())


async def new_notification(who: Athlete, key: str = "a") -> str:
    from runcoach.events import Event
    from runcoach.notifications import service as notifications_service

    ev = await Event.create(user_id=who.id, kind="analysis_ready", key=key, data={})
    made = await notifications_service.notify_event(event_id=ev.id)
    assert made is not None
    return str(made.id)


async def ready_plan(client: httpx.AsyncClient, who: Athlete) -> str:
    plan_id = await post_plan(client, who, goal="10k", days_per_week=4)
    await build(plan_id, get_settings())
    return plan_id


async def get_json(client: httpx.AsyncClient, who: Athlete, url: str) -> Any:
    r = await client.get(url, headers=who.headers)
    assert r.status_code == 200, r.text
    return r.json()


def only(page: dict[str, Any], kind: str) -> list[str]:
    return [row["id"] for row in page["changed"][kind]]


# --- shapes ---------------------------------------------------------------------------------


async def test_a_first_sync_gives_everything_in_the_get_routes_shapes(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    with workers_paused():
        workout = await new_workout(client, athlete, title="morning run", avg_hr=150)
        day = await new_day(client, athlete, dt.date(2026, 11, 1), hrv_ms=70.5)
        plan_id = await ready_plan(client, athlete)
        notification_id = await new_notification(athlete)
        page = await sync(client, athlete)

    assert page["has_more"] is False
    assert page["deleted"] == {k: [] for k in KINDS}
    changed = page["changed"]
    assert changed["workouts"] == [
        await get_json(client, athlete, f"/api/v1/workouts/{workout['id']}")
    ]
    assert changed["health_metrics"] == [
        m for m in (await get_json(client, athlete, "/api/v1/health-metrics"))["items"]
        if m["id"] == day["id"]
    ]  # fmt: skip
    assert [p["id"] for p in changed["plans"]] == [plan_id]
    assert changed["plans"][0] == await get_json(client, athlete, f"/api/v1/plans/{plan_id}")
    assert changed["plans"][0]["weeks"][0]["days"]  # weeks, days and sessions
    listed = (await get_json(client, athlete, "/api/v1/notifications"))["items"]
    ours = [n for n in changed["notifications"] if n["id"] == notification_id]
    assert ours == [n for n in listed if n["id"] == notification_id] != []


async def test_nothing_new_is_an_empty_page_with_a_cursor(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    first = await sync(client, athlete)
    again = await sync(client, athlete, first["cursor"])
    assert again["changed"] == {k: [] for k in KINDS}
    assert again["deleted"] == {k: [] for k in KINDS}
    assert again["has_more"] is False
    assert (await sync(client, athlete, again["cursor"]))["changed"]["workouts"] == []


# --- every write kind -------------------------------------------------------------------------


async def test_every_workout_write_shows(client: httpx.AsyncClient, athlete: Athlete) -> None:
    from runcoach.devices import service as devices_service

    with workers_paused():
        replica = Replica()
        await replica.pull(client, athlete)

        logged = await new_workout(client, athlete, title="logged")
        page = await sync(client, athlete, replica.cursor)
        assert only(page, "workouts") == [logged["id"]]
        replica.apply(page)

        gpx = make_gpx(run_samples(3000, pace_s_per_km=300), name="Imported run",
                       start=dt.datetime(2026, 10, 20, 7, tzinfo=dt.UTC))  # fmt: skip
        r = await client.post(
            "/api/v1/workouts/import",
            files={"file": ("run.gpx", gpx, "application/gpx+xml")},
            headers=athlete.headers,
        )
        assert r.status_code == 201, r.text
        page = await sync(client, athlete, replica.cursor)
        assert only(page, "workouts") == [r.json()["id"]]
        assert page["changed"]["workouts"][0]["hr_sample_count"] > 0
        replica.apply(page)

        r = await client.patch(
            f"/api/v1/workouts/{logged['id']}", json={"title": "renamed"}, headers=athlete.headers
        )
        assert r.status_code == 200
        page = await sync(client, athlete, replica.cursor)
        assert [w["title"] for w in page["changed"]["workouts"]] == ["renamed"]
        replica.apply(page)

        device = await client.post(
            "/api/v1/devices/garmin",
            headers=athlete.headers,
            json={"username": "me", "password": "garmin-demo"},
        )
        assert device.status_code == 201, device.text
        device_id = device.json()["id"]
        asked = await client.post(f"/api/v1/devices/{device_id}/sync", headers=athlete.headers)
        assert asked.status_code in (200, 202), asked.text
        await devices_service.run_sync(
            sync_id=uuid.UUID(asked.json()["sync_id"]), settings=get_settings()
        )
        page = await sync(client, athlete, replica.cursor)
        synced = [w for w in page["changed"]["workouts"] if w["device_id"] == device_id]
        assert synced, "the device's workouts"
        assert page["changed"]["health_metrics"], "the device's days"
        replica.apply(page)

        r = await client.delete(f"/api/v1/devices/{device_id}", headers=athlete.headers)
        assert r.status_code == 204
        page = await sync(client, athlete, replica.cursor)
        assert {w["id"] for w in synced} <= set(only(page, "workouts"))
        assert all(w["device_id"] is None for w in page["changed"]["workouts"])
        replica.apply(page)

        r = await client.delete(f"/api/v1/workouts/{logged['id']}", headers=athlete.headers)
        assert r.status_code == 204
        page = await sync(client, athlete, replica.cursor)
        assert page["deleted"]["workouts"] == [logged["id"]]
        assert only(page, "workouts") == []
        replica.apply(page)
        assert logged["id"] not in replica.rows["workouts"]


async def test_a_profile_change_that_moves_loads_shows(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=1)
    body = {"sport": "run", "started_at": now.isoformat(), "duration_s": 3000,
            "distance_m": 9000, "avg_hr": 160}  # fmt: skip
    r = await client.post("/api/v1/workouts", json=body, headers=athlete.headers)
    assert r.status_code == 201, r.text
    before = r.json()["load"]
    first = await sync(client, athlete)
    r = await client.patch("/api/v1/me", json={"max_hr": 200, "resting_hr": 40},
                           headers=athlete.headers)  # fmt: skip
    assert r.status_code == 200, r.text
    page = await sync(client, athlete, first["cursor"])
    loads = [w["load"] for w in page["changed"]["workouts"]]
    assert loads and loads[0] != before


async def test_health_metric_writes_show(client: httpx.AsyncClient, athlete: Athlete) -> None:
    first = await sync(client, athlete)
    made = await new_day(client, athlete, dt.date(2026, 11, 3))
    page = await sync(client, athlete, first["cursor"])
    assert only(page, "health_metrics") == [made["id"]]
    same = await new_day(client, athlete, dt.date(2026, 11, 3))  # nothing changes
    assert same["id"] == made["id"]
    assert (await sync(client, athlete, page["cursor"]))["changed"]["health_metrics"] == []
    await new_day(client, athlete, dt.date(2026, 11, 3), resting_hr=47)
    page = await sync(client, athlete, page["cursor"])
    assert [m["resting_hr"] for m in page["changed"]["health_metrics"]] == [47]


async def test_plan_writes_show(client: httpx.AsyncClient, athlete: Athlete) -> None:
    from runcoach.plans import generation

    with workers_paused():
        first = await sync(client, athlete)
        plan_id = await post_plan(client, athlete, goal="5k", days_per_week=3)
        page = await sync(client, athlete, first["cursor"])
        assert [(p["id"], p["status"]) for p in page["changed"]["plans"]] == [
            (plan_id, "generating")
        ]
        await build(plan_id, get_settings())
        page = await sync(client, athlete, page["cursor"])
        assert [(p["id"], p["status"]) for p in page["changed"]["plans"]] == [(plan_id, "ready")]
        plan = page["changed"]["plans"][0]
        session_id = next(s["id"] for w in plan["weeks"] for d in w["days"] for s in d["sessions"])
        workout = await new_workout(client, athlete, minutes=5)
        r = await client.patch(
            f"/api/v1/plans/{plan_id}/sessions/{session_id}",
            json={"completed": True, "workout_id": workout["id"]},
            headers=athlete.headers,
        )
        assert r.status_code == 200, r.text
        page = await sync(client, athlete, page["cursor"])
        plan = next(p for p in page["changed"]["plans"] if p["id"] == plan_id)
        assert plan["progress"]["completed"] == 1
        done = [
            s for w in plan["weeks"] for d in w["days"] for s in d["sessions"] if s["completed"]
        ]
        assert [(s["id"], s["workout_id"]) for s in done] == [(session_id, workout["id"])]

        # the workout done for the session goes: the session's link is cleared, the plan changed
        r = await client.delete(f"/api/v1/workouts/{workout['id']}", headers=athlete.headers)
        assert r.status_code == 204
        page = await sync(client, athlete, page["cursor"])
        assert page["deleted"]["workouts"] == [workout["id"]]
        plan = next(p for p in page["changed"]["plans"] if p["id"] == plan_id)
        linked = [s for w in plan["weeks"] for d in w["days"] for s in d["sessions"]
                  if s["id"] == session_id]  # fmt: skip
        assert linked[0]["workout_id"] is None

        failing = await post_plan(client, athlete, goal="10k", days_per_week=4)
        page = await sync(client, athlete, page["cursor"])
        await generation._fail(uuid.UUID(failing), "a test failure")
        page = await sync(client, athlete, page["cursor"])
        assert [(p["id"], p["status"]) for p in page["changed"]["plans"]] == [(failing, "failed")]


async def test_notification_writes_show(client: httpx.AsyncClient, athlete: Athlete) -> None:
    with workers_paused():
        first = await sync(client, athlete)
        one = await new_notification(athlete, "one")
        two = await new_notification(athlete, "two")
        page = await sync(client, athlete, first["cursor"])
        assert set(only(page, "notifications")) == {one, two}

        r = await client.patch(
            f"/api/v1/notifications/{one}/read", json={"read": True}, headers=athlete.headers
        )
        assert r.status_code == 200
        page = await sync(client, athlete, page["cursor"])
        assert [(n["id"], n["read"]) for n in page["changed"]["notifications"]] == [(one, True)]

        r = await client.post("/api/v1/notifications/read-all", headers=athlete.headers)
        assert r.status_code == 200
        page = await sync(client, athlete, page["cursor"])
        assert [(n["id"], n["read"]) for n in page["changed"]["notifications"]] == [(two, True)]

        r = await client.delete(f"/api/v1/notifications/{two}", headers=athlete.headers)
        assert r.status_code == 204
        page = await sync(client, athlete, page["cursor"])
        assert page["deleted"]["notifications"] == [two]
        assert page["changed"]["notifications"] == []


async def test_a_digest_for_many_users_stamps_each(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    from runcoach.notifications import service as notifications_service

    with workers_paused():
        mine, theirs = await sync(client, athlete), await sync(client, other)
        spec = notifications_service.NewSpec
        specs = [
            spec(uuid.UUID(who.id), "weekly_summary", "Your week", "body", {}, f"digest:{who.id}")
            for who in (athlete, other)
        ]
        await notifications_service.create(specs, redis=None)
        for who, before in ((athlete, mine), (other, theirs)):
            page = await sync(client, who, before["cursor"])
            assert [n["title"] for n in page["changed"]["notifications"]] == ["Your week"]


# --- paging, isolation, cursors --------------------------------------------------------------


async def test_pages_cover_everything_once(client: httpx.AsyncClient, athlete: Athlete) -> None:
    made = [(await new_workout(client, athlete, minutes=i))["id"] for i in range(7)]
    days = [(await new_day(client, athlete, dt.date(2026, 10, 1 + i)))["id"] for i in range(4)]
    seen: list[str] = []
    replica = Replica()
    while True:
        page = await sync(client, athlete, replica.cursor, limit=3)
        entries = sum(len(page["changed"][k]) + len(page["deleted"][k]) for k in KINDS)
        assert entries <= 3
        seen += only(page, "workouts") + only(page, "health_metrics")
        replica.apply(page)
        if not page["has_more"]:
            break
    assert sorted(seen) == sorted(made + days)  # each once
    assert replica.pages == 4

    # deletions between pages arrive as tombstones
    cursor = (await sync(client, athlete, limit=2))["cursor"]
    r = await client.delete(f"/api/v1/workouts/{made[0]}", headers=athlete.headers)
    assert r.status_code == 204
    rest = Replica(cursor=cursor)
    await rest.pull(client, athlete, limit=2)
    deleted = [page_id for page_id in made if page_id not in rest.rows["workouts"]]
    assert made[0] in deleted


async def test_another_users_data_never_shows(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    mine = await new_workout(client, athlete)
    their_start = await sync(client, other)
    theirs = await new_workout(client, other, title="bob's")
    await new_day(client, other, dt.date(2026, 11, 1))
    r = await client.delete(f"/api/v1/workouts/{theirs['id']}", headers=other.headers)
    assert r.status_code == 204
    page = await sync(client, athlete)
    assert only(page, "workouts") == [mine["id"]]
    assert page["changed"]["health_metrics"] == []
    later = await sync(client, athlete, page["cursor"])
    assert later["deleted"]["workouts"] == []
    # a cursor of another account is refused: the client syncs again from scratch
    r = await client.get(API, params={"since": their_start["cursor"]}, headers=athlete.headers)
    problem(r, 410, "sync_cursor_expired")


@pytest.mark.parametrize(
    "since",
    ["", "nope", "W10", "WzEsMl0", encode_cursor(2, "x", 1, 5, "", 1),
     encode_cursor(1, "x", 1, 0, "not-a-uuid", 1),
     encode_cursor(1, "x", 1, 4, "²", 1), encode_cursor(1, "x", -5, 5, "", 1),
     encode_cursor(1, "x", True, 5, "", 1)],
)  # fmt: skip
async def test_a_malformed_cursor_is_a_422(
    client: httpx.AsyncClient, athlete: Athlete, since: str
) -> None:
    r = await client.get(API, params={"since": since}, headers=athlete.headers)
    problem(r, 422, "validation_error", field="since")


async def test_limits_and_auth(client: httpx.AsyncClient, athlete: Athlete) -> None:
    for limit in ("0", "501", "x"):
        r = await client.get(API, params={"limit": limit}, headers=athlete.headers)
        problem(r, 422, "validation_error", field="limit")
    problem(await client.get(API, params={"other": "1"}, headers=athlete.headers), 422,
            "validation_error")  # fmt: skip
    problem(await client.get(API), 401, "unauthorized")


async def test_an_expired_cursor_is_a_410(client: httpx.AsyncClient, athlete: Athlete) -> None:
    days = get_settings().sync_retention_days
    user_id = uuid.UUID(athlete.id)
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=days, hours=1)
    expired = cursors.encode(user_id=user_id, position=cursors.Position(0), run_started=old)
    r = await client.get(API, params={"since": expired}, headers=athlete.headers)
    body = problem(r, 410, "sync_cursor_expired")
    assert "without" in body["detail"]
    recent = old + dt.timedelta(hours=2)
    fresh = cursors.encode(user_id=user_id, position=cursors.Position(0), run_started=recent)
    assert (await client.get(API, params={"since": fresh}, headers=athlete.headers)).is_success
    ahead = cursors.encode(user_id=user_id, position=cursors.Position(10**6), run_started=recent)
    problem(
        await client.get(API, params={"since": ahead}, headers=athlete.headers),
        410,
        "sync_cursor_expired",
    )


async def test_old_tombstones_are_purged(client: httpx.AsyncClient, athlete: Athlete) -> None:
    from runcoach.changelog import Tombstone

    workout = await new_workout(client, athlete)
    r = await client.delete(f"/api/v1/workouts/{workout['id']}", headers=athlete.headers)
    assert r.status_code == 204
    retention = dt.timedelta(days=get_settings().sync_retention_days)
    assert await sync_service.purge_tombstones(retention=retention) == 0
    assert await Tombstone.filter(user_id=athlete.id).count() == 1
    later = dt.datetime.now(dt.UTC) + retention + dt.timedelta(days=1, minutes=1)
    assert await sync_service.purge_tombstones(retention=retention, now=later) == 1
    assert await Tombstone.filter(user_id=athlete.id).count() == 0


# --- concurrency ------------------------------------------------------------------------------


async def test_concurrent_writes_never_lose_an_item(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    """Writers in parallel (creates, changes, deletes of several kinds) while a client syncs
    in a loop with small pages: once all is written, one more sync makes its copy equal to
    what the server holds, row for row."""
    with workers_paused():
        replica = Replica()
        await replica.pull(client, athlete, limit=5)
        done = asyncio.Event()

        async def writer(n: int) -> None:
            for i in range(6):
                w = await new_workout(client, athlete, minutes=n * 100 + i, title=f"w{n}-{i}")
                if i % 2:
                    r = await client.patch(f"/api/v1/workouts/{w['id']}",
                                           json={"title": f"changed {n}-{i}"},
                                           headers=athlete.headers)  # fmt: skip
                    assert r.status_code == 200, r.text
                if i % 3 == 2:
                    r = await client.delete(f"/api/v1/workouts/{w['id']}", headers=athlete.headers)
                    assert r.status_code == 204
                await new_day(client, athlete, dt.date(2026, 9, 1 + i), resting_hr=40 + n + i)

        async def reader() -> None:
            while not done.is_set():
                await replica.pull(client, athlete, limit=5)

        reading = asyncio.create_task(reader())
        await asyncio.gather(*(writer(n) for n in range(6)))
        done.set()
        await reading
        await replica.pull(client, athlete, limit=5)

    workouts = (await get_json(client, athlete, "/api/v1/workouts?limit=100"))["items"]
    assert len(workouts) == 6 * 4
    assert set(replica.rows["workouts"]) == {w["id"] for w in workouts}
    for w in workouts:
        assert replica.rows["workouts"][w["id"]]["title"] == w["title"]
    metrics = (await get_json(client, athlete, "/api/v1/health-metrics"))["items"]
    assert {m["id"]: m["resting_hr"] for m in metrics} == {
        m["id"]: m["resting_hr"] for m in replica.rows["health_metrics"].values()
    }
    assert replica.pages > 5


async def test_a_write_committing_late_is_not_skipped(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    """A write that took its change number but has not committed holds back every later
    write of the user, and a sync meanwhile neither shows it nor moves past it."""
    from tortoise.transactions import in_transaction

    from runcoach.workouts import service as workouts_service

    start = await sync(client, athlete)
    fields = {"sport": "run", "started_at": dt.datetime(2026, 8, 1, 7, tzinfo=dt.UTC),
              "duration_s": 1200.0, "title": "slow to commit"}  # fmt: skip
    async with in_transaction():
        slow = await workouts_service.create_workout(user_id=uuid.UUID(athlete.id), fields=fields)
        later = asyncio.create_task(new_workout(client, athlete, minutes=3, title="later"))
        await asyncio.sleep(0.5)
        assert not later.done(), "a later write of the user waits for the open one"
        meanwhile = await sync(client, athlete, start["cursor"])
        assert meanwhile["changed"]["workouts"] == []
    await later
    page = await sync(client, athlete, meanwhile["cursor"])
    assert {w["title"] for w in page["changed"]["workouts"]} == {"slow to commit", "later"}
    assert str(slow.id) in only(page, "workouts")
