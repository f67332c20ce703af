"""No cached read is stale after a write, for every write route of the route table.

Each write route of the app has a scenario here (a route added later fails
``test_every_write_route_has_a_scenario`` until it gets one). A scenario warms the
cached reads, makes the write, and checks the matching read shows the new data; and
every scenario checks that the dashboard (which shows a bit of everything) is
recomputed rather than served from the cache.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from tests.support.athletes import Athlete
from tests.support.filegen import make_gpx, run_samples
from tests.support.jobs import workers_paused
from tests.support.resources import PUBLIC, api_routes, owned_resources

Check = Callable[[httpx.AsyncClient, Athlete, dict[str, str]], Awaitable[None]]

CACHED_READS = (
    "/api/v1/dashboard/summary",
    "/api/v1/workouts",
    "/api/v1/health-metrics",
    "/api/v1/devices",
    "/api/v1/analytics/zones",
    "/api/v1/analytics/load?days=30",
    "/api/v1/analytics/readiness",
    "/api/v1/analytics/overtraining",
    "/api/v1/analytics/stats?period=week",
    "/api/v1/analytics/trends?metric=weekly_distance&days=30",
    "/api/v1/leaderboard?period=week&metric=distance",
)


async def get(client: httpx.AsyncClient, who: Athlete, url: str) -> httpx.Response:
    r = await client.get(url, headers=who.headers)
    assert r.status_code == 200, (url, r.text)
    return r


async def warm(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
    """Read every cached route until each second read is a hit.

    The resources' jobs (the first sync, the analysis, its notification) finish in the
    worker at their own pace and bump the version when they do: wait until they are done.
    """
    urls = [*CACHED_READS, f"/api/v1/workouts/{ids['workout_id']}",
            f"/api/v1/devices/{ids['device_id']}/sync"]  # fmt: skip
    misses: list[str] = []
    for _ in range(40):
        for url in urls:
            await get(client, who, url)
        await asyncio.sleep(0.25)
        misses = [url for url in urls if (await get(client, who, url)).headers["x-cache"] != "hit"]
        if not misses:
            return
    raise AssertionError(f"the cache never settled: {misses}")


def dashboard_recomputed() -> Check:
    async def check(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
        r = await get(client, who, "/api/v1/dashboard/summary")
        assert r.headers["x-cache"] != "hit"

    return check


async def no_more(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
    """Nothing cached shows this write; the dashboard being recomputed is the check."""


async def workouts_list(client: httpx.AsyncClient, who: Athlete) -> list[dict[str, Any]]:
    return list((await get(client, who, "/api/v1/workouts?limit=100")).json()["items"])


# --- the scenarios: (method, path) -> (request, check) ---------------------------------


async def check_new_workout(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
    titles = [w["title"] for w in await workouts_list(client, who)]
    assert "fresh run" in titles
    recent = (await get(client, who, "/api/v1/dashboard/summary")).json()["recent_workouts"]
    assert any(w["title"] == "fresh run" for w in recent)


async def check_imported(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
    assert any(w["title"] == "Imported run" for w in await workouts_list(client, who))


async def check_metric(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
    items = (await get(client, who, "/api/v1/health-metrics")).json()["items"]
    assert any(m.get("resting_hr") == 44 for m in items)


async def check_zones(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
    zones = (await get(client, who, "/api/v1/analytics/zones")).json()
    assert str(181) in str(zones)


async def check_device_added(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
    devices = (await get(client, who, "/api/v1/devices")).json()["items"]
    assert [d["display_name"] for d in devices] == ["second"]  # one Garmin account, reconnected


async def check_device_gone(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
    devices = (await get(client, who, "/api/v1/devices")).json()["items"]
    assert ids["device_id"] not in [d["id"] for d in devices]


async def check_sync(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
    r = await get(client, who, f"/api/v1/devices/{ids['device_id']}/sync")
    assert r.headers["x-cache"] != "hit"
    assert r.json()["latest_sync"]["id"] == ids["requested_sync"]


async def check_title(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
    one = (await get(client, who, f"/api/v1/workouts/{ids['workout_id']}")).json()
    assert one["title"] == "renamed run"
    assert "renamed run" in [w["title"] for w in await workouts_list(client, who)]


async def check_deleted(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
    r = await client.get(f"/api/v1/workouts/{ids['workout_id']}", headers=who.headers)
    assert r.status_code == 404
    assert ids["workout_id"] not in [w["id"] for w in await workouts_list(client, who)]


async def check_preferences(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
    prefs = (await get(client, who, "/api/v1/notifications/preferences")).json()
    assert (prefs["digest_time"], prefs["daily_reminder_time"]) == ("06:30", "06:45")


def unread_is(count: int | None = None) -> Check:
    """The dashboard's unread count is ``count``, or one less than before the write."""

    async def check(client: httpx.AsyncClient, who: Athlete, ids: dict[str, str]) -> None:
        dashboard = (await get(client, who, "/api/v1/dashboard/summary")).json()
        assert dashboard["unread_count"] == (int(ids["unread"]) - 1 if count is None else count)

    return check


def today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


def yesterday() -> str:
    return (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)).isoformat()


GPX = make_gpx(run_samples(3000, pace_s_per_km=300), name="Imported run",
               start=dt.datetime(2026, 11, 20, 7, tzinfo=dt.UTC))  # fmt: skip

SCENARIOS: dict[tuple[str, str], tuple[dict[str, Any], Check]] = {
    ("PATCH", "/api/v1/me"): ({"json": {"max_hr": 181}}, check_zones),
    ("POST", "/api/v1/workouts"): (
        {
            "json": {
                "sport": "run",
                "started_at": f"{yesterday()}T06:00:00Z",
                "duration_s": 1800,
                "distance_m": 5000,
                "title": "fresh run",
            }
        },
        check_new_workout,
    ),
    ("POST", "/api/v1/workouts/import"): (
        {"files": {"file": ("run.gpx", GPX, "application/gpx+xml")}},
        check_imported,
    ),
    ("POST", "/api/v1/health-metrics"): (
        {"json": {"date": today(), "resting_hr": 44}},
        check_metric,
    ),
    ("POST", "/api/v1/devices/garmin"): (
        {"json": {"username": "second", "password": "garmin-demo"}},
        check_device_added,
    ),
    ("POST", "/api/v1/plans"): ({"json": {"goal": "5k", "days_per_week": 3}}, no_more),
    ("POST", "/api/v1/coach/messages"): ({"json": {"text": "how am I doing?"}}, no_more),
    ("POST", "/api/v1/coach/analysis"): ({}, no_more),
    ("PUT", "/api/v1/notifications/preferences"): (
        {"json": {"digest_time": "06:30", "daily_reminder_time": "06:45"}},
        check_preferences,
    ),
    ("POST", "/api/v1/notifications/read-all"): ({}, unread_is(0)),
    ("POST", "/api/v1/push-tokens"): (
        {"json": {"token": "ExponentPushToken[second000000000]", "platform": "android"}},
        no_more,
    ),
    ("PATCH", "/api/v1/workouts/<workout_id>"): ({"json": {"title": "renamed run"}}, check_title),
    ("DELETE", "/api/v1/workouts/<workout_id>"): ({}, check_deleted),
    ("POST", "/api/v1/workouts/<workout_id>/share"): ({}, no_more),
    ("DELETE", "/api/v1/workouts/<workout_id>/share"): ({}, no_more),
    ("POST", "/api/v1/devices/<device_id>/sync"): ({}, check_sync),
    ("DELETE", "/api/v1/devices/<device_id>"): ({}, check_device_gone),
    ("PATCH", "/api/v1/plans/<plan_id>/sessions/<session_id>"): (
        {"json": {"completed": True}},
        no_more,
    ),
    ("DELETE", "/api/v1/notifications/<notification_id>"): ({}, unread_is()),
    ("PATCH", "/api/v1/notifications/<notification_id>/read"): (
        {"json": {"read": True}},
        unread_is(),
    ),
    ("DELETE", "/api/v1/push-tokens/<token>"): ({}, no_more),
}


SESSION_WRITES = {
    ("POST", "/api/v1/auth/password"),
    ("POST", "/api/v1/auth/logout-all"),
    ("DELETE", "/api/v1/auth/sessions/<session_id>"),
}
"""Writes that change no cached read (sessions and the password are never cached) and end
the sessions a scenario reads with: tests/auth/test_sessions.py covers them, and a
revoked session's cached pages are refused there (the cache's read checks the session)."""


def write_routes(app: Any) -> set[tuple[str, str]]:
    return {
        (method, path)
        for method, path in api_routes(app)
        if method in {"POST", "PUT", "PATCH", "DELETE"}
        and (method, path) not in PUBLIC | SESSION_WRITES
    }


def test_every_write_route_has_a_scenario(sanic_app: Any) -> None:
    missing = write_routes(sanic_app) - set(SCENARIOS)
    assert not missing, f"add a cache scenario for {sorted(missing)}"
    assert not set(SCENARIOS) - write_routes(sanic_app), "a scenario for a route that is gone"


@pytest.mark.parametrize(("method", "path"), sorted(SCENARIOS), ids=lambda v: str(v))
async def test_a_write_shows_in_the_next_read(
    client: httpx.AsyncClient, athlete: Athlete, method: str, path: str
) -> None:
    with workers_paused():  # the jobs the resources queue would add notifications mid-test
        await _a_write_shows_in_the_next_read(client, athlete, method, path)


async def _a_write_shows_in_the_next_read(
    client: httpx.AsyncClient, athlete: Athlete, method: str, path: str
) -> None:
    ids = await owned_resources(client, athlete)
    r = await client.patch("/api/v1/me", headers=athlete.headers, json={"max_hr": 190})
    assert r.status_code == 200
    await warm(client, athlete, ids)
    dashboard = (await get(client, athlete, "/api/v1/dashboard/summary")).json()
    ids["unread"] = str(dashboard["unread_count"])
    assert int(ids["unread"]) >= 1  # the resources' notification (and the jobs' own, once done)
    request, check = SCENARIOS[(method, path)]
    url = re.sub(r"<(\w+)>", lambda m: ids[m.group(1)], path)
    r = await client.request(method, url, headers=athlete.headers, **request)
    assert r.status_code < 300, (method, path, r.status_code, r.text)
    if path.endswith("/sync"):
        ids["requested_sync"] = r.json()["sync_id"]
    await dashboard_recomputed()(client, athlete, ids)
    await check(client, athlete, ids)


async def test_another_users_write_leaves_my_entries_cached(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    ids = await owned_resources(client, athlete)
    # the worker is held still: a job the set-up's writes started (a load recomputation)
    # bumps the athlete's version when it ends, which is not the other user's write
    with workers_paused():
        await warm(client, athlete, ids)
        r = await client.post(
            "/api/v1/health-metrics",
            headers=other.headers,
            json={"date": today(), "resting_hr": 50},
        )
        assert r.status_code in (200, 201)
        assert (await get(client, athlete, "/api/v1/workouts")).headers["x-cache"] == "hit"
        summary = await get(client, athlete, "/api/v1/dashboard/summary")
        assert summary.headers["x-cache"] == "hit"


async def test_a_replayed_workout_is_listed_once(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    """POST /workouts with a ``client_id``: the first write shows in the cached list, and
    its replay (an offline client's retry), a successful write request like any other,
    leaves it showing once."""
    body = {"sport": "run", "started_at": f"{yesterday()}T06:30:00Z", "duration_s": 1500,
            "title": "queued run", "client_id": str(uuid.uuid4())}  # fmt: skip
    with workers_paused():
        await get(client, athlete, "/api/v1/workouts?limit=100")
        r = await client.post("/api/v1/workouts", headers=athlete.headers, json=body)
        assert r.status_code == 201
        assert [w["title"] for w in await workouts_list(client, athlete)] == ["queued run"]
        hit = await get(client, athlete, "/api/v1/workouts?limit=100")
        assert hit.headers["x-cache"] == "hit"
        r = await client.post("/api/v1/workouts", headers=athlete.headers, json=body)
        assert r.status_code == 200
        assert [w["title"] for w in await workouts_list(client, athlete)] == ["queued run"]


async def test_a_workout_of_another_athlete_moves_the_leaderboard(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    for who in (athlete, other):
        r = await client.patch("/api/v1/me", headers=who.headers, json={"leaderboard_opt_in": True})
        assert r.status_code == 200
    url = "/api/v1/leaderboard?period=week&metric=distance"
    before = (await get(client, athlete, url)).json()
    assert (await get(client, athlete, url)).headers["x-cache"] == "hit"
    r = await client.post(
        "/api/v1/workouts",
        headers=other.headers,
        json={"sport": "run", "started_at": f"{yesterday()}T05:00:00Z", "duration_s": 3600,
              "distance_m": 12345},
    )  # fmt: skip
    assert r.status_code == 201
    after = await get(client, athlete, url)
    assert after.headers["x-cache"] != "hit"
    assert after.json() != before and "12345" in after.text.replace(".0", "")


async def test_a_workout_of_an_athlete_not_listed_leaves_the_leaderboard_cached(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    r = await client.patch("/api/v1/me", headers=athlete.headers, json={"leaderboard_opt_in": True})
    assert r.status_code == 200
    url = "/api/v1/leaderboard?period=week&metric=distance"
    await get(client, athlete, url)
    assert (await get(client, athlete, url)).headers["x-cache"] == "hit"
    r = await client.post(
        "/api/v1/workouts",
        headers=other.headers,  # not opted in: on no leaderboard
        json={"sport": "run", "started_at": f"{yesterday()}T05:00:00Z", "duration_s": 3600,
              "distance_m": 9000},
    )  # fmt: skip
    assert r.status_code == 201
    assert (await get(client, athlete, url)).headers["x-cache"] == "hit"
    r = await client.patch("/api/v1/me", headers=other.headers, json={"leaderboard_opt_in": True})
    assert r.status_code == 200  # joining the leaderboards moves them
    after = await get(client, athlete, url)
    assert after.headers["x-cache"] != "hit" and "9000" in after.text.replace(".0", "")


async def test_a_notification_made_by_a_job_shows_in_the_cached_dashboard(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    from runcoach.events import Event
    from runcoach.notifications import service as notifications_service

    assert (await get(client, athlete, "/api/v1/dashboard/summary")).json()["unread_count"] == 0
    assert (await get(client, athlete, "/api/v1/dashboard/summary")).headers["x-cache"] == "hit"
    ev = await Event.create(user_id=athlete.id, kind="analysis_ready", key="job", data={})
    assert await notifications_service.notify_event(event_id=ev.id) is not None
    assert (await get(client, athlete, "/api/v1/dashboard/summary")).json()["unread_count"] == 1


async def test_etag_and_304(client: httpx.AsyncClient, athlete: Athlete) -> None:
    first = await get(client, athlete, "/api/v1/workouts")
    etag = first.headers["etag"]
    assert first.headers["cache-control"].startswith("private")
    assert "authorization" in first.headers["vary"].lower()
    again = await client.get("/api/v1/workouts", headers={**athlete.headers, "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    weak = await client.get(
        "/api/v1/workouts", headers={**athlete.headers, "If-None-Match": f'"x", W/{etag}'}
    )
    assert weak.status_code == 304
    r = await client.post(
        "/api/v1/workouts",
        headers=athlete.headers,
        json={"sport": "run", "started_at": "2026-11-01T06:00:00Z", "duration_s": 600},
    )
    assert r.status_code == 201
    changed = await client.get(
        "/api/v1/workouts", headers={**athlete.headers, "If-None-Match": etag}
    )
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert len(changed.json()["items"]) == 1


async def test_errors_are_not_cached(client: httpx.AsyncClient, athlete: Athlete) -> None:
    for _ in range(2):
        r = await client.get("/api/v1/analytics/load?days=0", headers=athlete.headers)
        assert r.status_code == 422 and "etag" not in r.headers
    missing = f"/api/v1/workouts/{uuid.uuid4()}"
    for _ in range(2):
        assert (await client.get(missing, headers=athlete.headers)).status_code == 404


async def test_an_unsubscribe_link_drops_the_cached_reads_of_its_user(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    """The one-click POST (no login, outside /api/v1) changes the preferences: the user's
    cached answers are dropped, and the preferences read shows the unsubscribe."""
    from runcoach.notifications import unsubscribe
    from runcoach.notifications.models import UnsubscribeKind

    await get(client, athlete, "/api/v1/dashboard/summary")
    assert (await get(client, athlete, "/api/v1/dashboard/summary")).headers["x-cache"] == "hit"
    prefs = (await get(client, athlete, "/api/v1/notifications/preferences")).json()
    assert prefs["email"]["weekly_analysis"] is True and prefs["unsubscribed"] == []
    url = unsubscribe.unsubscribe_url(
        user_id=uuid.UUID(str(athlete.id)), kind=UnsubscribeKind.WEEKLY_ANALYSIS, settings=settings
    )
    r = await client.post("/unsubscribe/" + url.rsplit("/", 1)[1])
    assert r.status_code == 204
    assert (await get(client, athlete, "/api/v1/dashboard/summary")).headers["x-cache"] != "hit"
    prefs = (await get(client, athlete, "/api/v1/notifications/preferences")).json()
    assert prefs["email"]["weekly_analysis"] is False
    assert [u["kind"] for u in prefs["unsubscribed"]] == ["weekly_analysis"]
