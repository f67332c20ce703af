"""The workouts API over HTTP: log, list, read, change, delete and import .fit/.gpx/.tcx files."""

from __future__ import annotations

import asyncio
import base64
import functools
import itertools
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson
import pytest

from runcoach.workouts.models import Workout, WorkoutStream
from tests.support.athletes import Athlete
from tests.support.filegen import (
    START,
    Sample,
    billion_laughs,
    make_fit,
    make_gpx,
    make_tcx,
    run_samples,
    xxe_document,
)
from tests.support.problems import PROBLEM, problem

API = "/api/v1/workouts"


def workout(**changes: Any) -> dict[str, Any]:
    """A valid manual workout body, with ``changes`` applied (None removes a field)."""
    body: dict[str, Any] = {
        "sport": "run",
        "started_at": "2026-03-01T07:30:00Z",
        "duration_s": 1800,
        "distance_m": 6000,
        "avg_hr": 150,
        "max_hr": 172,
        "elevation_gain_m": 45,
        "calories": 420,
        "rpe": 6,
        "title": "Easy run",
        "notes": "felt good",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


async def create(client: httpx.AsyncClient, who: Athlete, **changes: Any) -> dict[str, Any]:
    r = await client.post(API, json=workout(**changes), headers=who.headers)
    assert r.status_code == 201, r.text
    return r.json()


async def list_all(client: httpx.AsyncClient, who: Athlete, **params: Any) -> list[dict[str, Any]]:
    r = await client.get(API, params={"limit": 100, **params}, headers=who.headers)
    assert r.status_code == 200, r.text
    assert r.json()["next_cursor"] is None
    return r.json()["items"]


# --- POST /workouts ---------------------------------------------------------------------------


async def test_create_returns_the_workout(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    r = await client.post(API, json=workout(), headers=athlete.headers)
    assert r.status_code == 201, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    uuid.UUID(body["id"])
    assert body["sport"] == "run"
    assert body["started_at"] == "2026-03-01T07:30:00Z"
    assert body["duration_s"] == 1800
    assert body["distance_m"] == 6000
    assert body["avg_hr"] == 150
    assert body["max_hr"] == 172
    assert body["elevation_gain_m"] == 45
    assert body["calories"] == 420
    assert body["rpe"] == 6
    assert body["title"] == "Easy run"
    assert body["notes"] == "felt good"
    assert body["source"] == "manual"
    assert body["avg_pace_s_per_km"] == 300  # 1800 s over 6 km
    assert body["moving_time_s"] is None
    assert body["device_id"] is None
    assert body["splits"] == []
    assert body["hr_zones"] is None
    assert body["hr_sample_count"] == 0
    row = await Workout.get(id=body["id"])
    assert str(row.user_id) == athlete.id
    assert row.started_at == datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
    assert row.source == "manual"


async def test_create_minimal_and_offset_time_is_stored_in_utc(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    body = {"sport": "strength", "started_at": "2026-03-01T19:00:00+02:00", "duration_s": 2700}
    r = await client.post(API, json=body, headers=athlete.headers)
    assert r.status_code == 201, r.text
    data = r.json()
    assert data["started_at"] == "2026-03-01T17:00:00Z"
    assert data["distance_m"] is None
    assert data["avg_pace_s_per_km"] is None
    assert data["rpe"] is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sport": "skiing"}, "sport"),
        ({"sport": None}, "sport"),
        ({"started_at": "2026-03-01T07:30:00"}, "started_at"),  # naive: no time zone
        ({"started_at": "yesterday"}, "started_at"),
        ({"duration_s": 0}, "duration_s"),
        ({"duration_s": -60}, "duration_s"),
        ({"duration_s": None}, "duration_s"),
        ({"rpe": 0}, "rpe"),
        ({"rpe": 11}, "rpe"),
        ({"avg_hr": 180, "max_hr": 170}, "avg_hr"),
        ({"distance_m": -1}, "distance_m"),
        ({"title": "x" * 201}, "title"),
    ],
)
async def test_create_validation(
    client: httpx.AsyncClient, athlete: Athlete, db: None, changes: dict[str, Any], field: str
) -> None:
    r = await client.post(API, json=workout(**changes), headers=athlete.headers)
    problem(r, 422, "validation_error", field)
    assert await Workout.all().count() == 0


async def test_create_refuses_a_start_in_the_future(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    for ahead in (timedelta(hours=1), timedelta(days=3)):
        started = iso(datetime.now(UTC) + ahead)
        r = await client.post(API, json=workout(started_at=started), headers=athlete.headers)
        problem(r, 422, "validation_error", "started_at")
    assert await Workout.all().count() == 0
    # a workout that started a minute ago is fine
    await create(client, athlete, started_at=iso(datetime.now(UTC) - timedelta(minutes=1)))


@pytest.mark.parametrize(
    "extra",
    [
        {"source": "garmin"},
        {"id": "00000000-0000-0000-0000-000000000001"},
        {"external_id": "123"},
        {"device_id": "00000000-0000-0000-0000-000000000001"},
        {"hr_zone_seconds": {}},
        {"created_at": "2026-03-01T07:30:00Z"},
    ],
)
async def test_create_refuses_fields_outside_the_list(
    client: httpx.AsyncClient, athlete: Athlete, db: None, extra: dict[str, Any]
) -> None:
    r = await client.post(API, json=workout(**extra), headers=athlete.headers)
    body = problem(r, 422, "validation_error", next(iter(extra)))
    assert body["errors"][0]["message"] == "this field is not accepted here"
    assert await Workout.all().count() == 0


async def test_create_cannot_write_for_another_user(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete, db: None
) -> None:
    r = await client.post(API, json=workout(user_id=other.id), headers=athlete.headers)
    problem(r, 422, "validation_error", "user_id")
    assert await Workout.all().count() == 0


async def test_create_bad_bodies(client: httpx.AsyncClient, athlete: Athlete, db: None) -> None:
    r = await client.post(
        API, content=b"{not json", headers={**athlete.headers, "content-type": "application/json"}
    )
    problem(r, 400, "malformed_json")
    r = await client.post(API, json=[workout()], headers=athlete.headers)
    problem(r, 400, "malformed_json")
    r = await client.post(API, json={}, headers=athlete.headers)
    body = problem(r, 422, "validation_error")
    assert {"sport", "started_at", "duration_s"} <= {e["field"] for e in body["errors"]}
    assert await Workout.all().count() == 0


async def test_create_requires_auth(client: httpx.AsyncClient, db: None) -> None:
    problem(await client.post(API, json=workout()), 401, "unauthorized")
    r = await client.post(API, json=workout(), headers={"Authorization": "Bearer nonsense"})
    problem(r, 401, "unauthorized")
    problem(await client.get(API), 401, "unauthorized")
    assert await Workout.all().count() == 0


async def test_same_sport_and_start_twice_is_a_conflict(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete, db: None
) -> None:
    await create(client, athlete)
    r = await client.post(API, json=workout(), headers=athlete.headers)
    problem(r, 409, "conflict")
    # the same instant written with another offset is the same start
    r = await client.post(
        API, json=workout(started_at="2026-03-01T08:30:00+01:00"), headers=athlete.headers
    )
    problem(r, 409, "conflict")
    # another sport at that time, or another athlete, is fine
    await create(client, athlete, sport="ride")
    await create(client, other)
    assert await Workout.filter(user_id=athlete.id).count() == 2


# --- GET /workouts ----------------------------------------------------------------------------


async def test_list_is_newest_first(client: httpx.AsyncClient, athlete: Athlete) -> None:
    for started in ("2026-03-02T07:00:00Z", "2026-03-05T07:00:00Z", "2026-03-01T07:00:00Z"):
        await create(client, athlete, started_at=started)
    r = await client.get(API, headers=athlete.headers)
    assert r.status_code == 200
    body = r.json()
    assert body["next_cursor"] is None
    assert [w["started_at"] for w in body["items"]] == [
        "2026-03-05T07:00:00Z",
        "2026-03-02T07:00:00Z",
        "2026-03-01T07:00:00Z",
    ]
    assert "splits" not in body["items"][0]  # the light list shape
    # the trailing-slash form is the same route
    r = await client.get(API + "/", headers=athlete.headers)
    assert r.status_code == 200
    assert len(r.json()["items"]) == 3


async def test_cursor_pagination_has_no_duplicates_or_gaps(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    # 15 start times x 3 sports: ties on started_at must be broken stably by id
    base = datetime(2026, 2, 1, 6, 0, tzinfo=UTC)
    created = set()
    for day, sport in itertools.product(range(15), ("run", "ride", "swim")):
        w = await create(client, athlete, sport=sport, started_at=iso(base + timedelta(days=day)))
        created.add(w["id"])
    assert len(created) == 45

    pages: list[list[dict[str, Any]]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 20}
        if cursor:
            params["cursor"] = cursor
        r = await client.get(API, params=params, headers=athlete.headers)
        assert r.status_code == 200, r.text
        pages.append(r.json()["items"])
        cursor = r.json()["next_cursor"]
        if cursor is None:
            break
        assert len(pages) < 5
    assert [len(p) for p in pages] == [20, 20, 5]
    items = [w for p in pages for w in p]
    ids = [w["id"] for w in items]
    assert len(set(ids)) == 45
    assert set(ids) == created
    times = [w["started_at"] for w in items]
    assert times == sorted(times, reverse=True)


async def test_page_size_equal_to_the_total_has_no_next_cursor(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    for day in range(1, 4):
        await create(client, athlete, started_at=f"2026-03-0{day}T07:00:00Z")
    r = await client.get(API, params={"limit": 3}, headers=athlete.headers)
    assert len(r.json()["items"]) == 3
    assert r.json()["next_cursor"] is None
    r = await client.get(API, params={"limit": 2}, headers=athlete.headers)
    assert len(r.json()["items"]) == 2
    r = await client.get(
        API, params={"limit": 2, "cursor": r.json()["next_cursor"]}, headers=athlete.headers
    )
    assert [w["started_at"] for w in r.json()["items"]] == ["2026-03-01T07:00:00Z"]
    assert r.json()["next_cursor"] is None


async def test_list_filters(client: httpx.AsyncClient, athlete: Athlete) -> None:
    await create(client, athlete, sport="run", started_at="2026-03-01T07:00:00Z")
    await create(client, athlete, sport="ride", started_at="2026-03-02T18:00:00Z")
    await create(client, athlete, sport="run", started_at="2026-03-03T23:30:00Z")
    await create(client, athlete, sport="run", started_at="2026-03-04T00:00:00Z")

    def starts(items: list[dict[str, Any]]) -> list[str]:
        return [w["started_at"][:16] for w in items]

    runs = await list_all(client, athlete, sport="run")
    assert starts(runs) == ["2026-03-04T00:00", "2026-03-03T23:30", "2026-03-01T07:00"]
    rides = await list_all(client, athlete, sport="ride")
    assert starts(rides) == ["2026-03-02T18:00"]
    assert await list_all(client, athlete, sport="swim") == []

    # RFC 3339 times: since inclusive, until exclusive
    got = await list_all(client, athlete, since="2026-03-02T18:00:00Z")
    assert starts(got) == ["2026-03-04T00:00", "2026-03-03T23:30", "2026-03-02T18:00"]
    got = await list_all(client, athlete, until="2026-03-03T23:30:00Z")
    assert starts(got) == ["2026-03-02T18:00", "2026-03-01T07:00"]
    got = await list_all(client, athlete, since="2026-03-02T20:00:00+02:00")  # 18:00Z
    assert len(got) == 3

    # plain dates: whole UTC days, both ends inclusive
    got = await list_all(client, athlete, since="2026-03-02", until="2026-03-03")
    assert starts(got) == ["2026-03-03T23:30", "2026-03-02T18:00"]
    got = await list_all(client, athlete, since="2026-03-04")
    assert starts(got) == ["2026-03-04T00:00"]
    got = await list_all(client, athlete, until="2026-03-01")
    assert starts(got) == ["2026-03-01T07:00"]

    # combined
    got = await list_all(client, athlete, sport="run", since="2026-03-02", until="2026-03-03")
    assert starts(got) == ["2026-03-03T23:30"]


async def test_filters_apply_across_pages(client: httpx.AsyncClient, athlete: Athlete) -> None:
    base = datetime(2026, 2, 1, 6, 0, tzinfo=UTC)
    for day in range(10):
        await create(client, athlete, sport="run", started_at=iso(base + timedelta(days=day)))
        await create(client, athlete, sport="ride", started_at=iso(base + timedelta(days=day)))
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 3, "sport": "ride", "since": "2026-02-03"}
        if cursor:
            params["cursor"] = cursor
        r = await client.get(API, params=params, headers=athlete.headers)
        assert r.status_code == 200, r.text
        assert all(w["sport"] == "ride" for w in r.json()["items"])
        seen += [w["started_at"] for w in r.json()["items"]]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 8
    assert min(seen) == "2026-02-03T06:00:00Z"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"limit": -1}, "limit"),
        ({"sport": "skiing"}, "sport"),
        ({"since": "last week"}, "since"),
        ({"since": "2026-03-01T07:00:00"}, "since"),  # naive
        ({"until": "2026-02-30"}, "until"),
        ({"user_id": "00000000-0000-0000-0000-000000000001"}, "user_id"),
        ({"page": 2}, "page"),
    ],
)
async def test_list_query_validation(
    client: httpx.AsyncClient, athlete: Athlete, params: dict[str, Any], field: str
) -> None:
    r = await client.get(API, params=params, headers=athlete.headers)
    problem(r, 422, "validation_error", field)


def _cursor(values: Any) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(values)).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "!!!!",
        "x" * 201,
        _cursor({"at": "2026-03-01T07:00:00Z"}),
        _cursor(["2026-03-01T07:00:00Z"]),
        _cursor(["not a time", str(uuid.uuid4())]),
        _cursor(["2026-03-01T07:00:00Z", "not a uuid"]),
        _cursor([1, 2]),
        _cursor([None, None]),
        _cursor(["2026-03-01T07:00:00", str(uuid.uuid4())]),  # naive time
        base64.urlsafe_b64encode(b"\xff\xfe\x00").decode(),
    ],
)
async def test_garbage_cursor_is_422(
    client: httpx.AsyncClient, athlete: Athlete, cursor: str
) -> None:
    await create(client, athlete)
    r = await client.get(API, params={"cursor": cursor}, headers=athlete.headers)
    problem(r, 422, "validation_error", "cursor")


async def test_other_users_workouts_never_appear(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    mine = await create(client, athlete, started_at="2026-03-01T07:00:00Z")
    for day in range(1, 6):
        await create(client, other, started_at=f"2026-03-0{day}T07:00:00Z")
    items = await list_all(client, athlete)
    assert [w["id"] for w in items] == [mine["id"]]
    items = await list_all(client, athlete, since="2026-03-01", sport="run")
    assert [w["id"] for w in items] == [mine["id"]]
    assert len(await list_all(client, other)) == 5


# --- GET, PATCH, DELETE /workouts/{id} --------------------------------------------------------


async def test_read_change_delete(client: httpx.AsyncClient, athlete: Athlete, db: None) -> None:
    w = await create(client, athlete)
    url = f"{API}/{w['id']}"

    r = await client.get(url, headers=athlete.headers)
    assert r.status_code == 200
    assert r.json() == w

    r = await client.patch(
        url, json={"title": "Tempo", "rpe": 8, "notes": None}, headers=athlete.headers
    )
    assert r.status_code == 200, r.text
    changed = r.json()
    assert changed["title"] == "Tempo"
    assert changed["rpe"] == 8
    assert changed["notes"] is None
    assert changed["distance_m"] == 6000  # fields not sent are kept
    assert changed["started_at"] == w["started_at"]
    assert changed["updated_at"] >= w["updated_at"]
    assert changed["hr_sample_count"] == 0  # the same shape as GET
    r = await client.get(url, headers=athlete.headers)
    assert r.json()["title"] == "Tempo"
    row = await Workout.get(id=w["id"])
    assert (row.title, row.rpe, row.notes) == ("Tempo", 8, None)

    r = await client.patch(url, json={}, headers=athlete.headers)  # nothing to change
    assert r.status_code == 200
    assert r.json()["title"] == "Tempo"

    r = await client.delete(url, headers=athlete.headers)
    assert r.status_code == 204
    assert r.content == b""
    assert not await Workout.filter(id=w["id"]).exists()
    problem(await client.get(url, headers=athlete.headers), 404, "not_found")
    problem(await client.delete(url, headers=athlete.headers), 404, "not_found")
    problem(await client.patch(url, json={"rpe": 5}, headers=athlete.headers), 404, "not_found")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sport": None}, "sport"),
        ({"started_at": None}, "started_at"),
        ({"duration_s": None}, "duration_s"),
        ({"sport": "skiing"}, "sport"),
        ({"duration_s": 0}, "duration_s"),
        ({"rpe": 11}, "rpe"),
        ({"max_hr": 140}, "avg_hr"),  # the stored avg_hr is 150
        ({"avg_hr": 180}, "avg_hr"),  # the stored max_hr is 172
        ({"avg_hr": 170, "max_hr": 160}, "avg_hr"),
        ({"started_at": "2026-03-01T07:30:00"}, "started_at"),
        ({"user_id": "00000000-0000-0000-0000-000000000001"}, "user_id"),
        ({"source": "fit"}, "source"),
        ({"id": "00000000-0000-0000-0000-000000000001"}, "id"),
        ({"avg_pace_s_per_km": 200}, "avg_pace_s_per_km"),
    ],
)
async def test_patch_validation(
    client: httpx.AsyncClient, athlete: Athlete, db: None, changes: dict[str, Any], field: str
) -> None:
    w = await create(client, athlete)
    r = await client.patch(f"{API}/{w['id']}", json=changes, headers=athlete.headers)
    problem(r, 422, "validation_error", field)
    row = await Workout.get(id=w["id"])
    assert (row.sport, row.duration_s, row.avg_hr, row.max_hr, row.rpe, row.source) == (
        "run",
        1800,
        150,
        172,
        6,
        "manual",
    )
    assert str(row.user_id) == athlete.id


async def test_patch_refuses_a_future_start(client: httpx.AsyncClient, athlete: Athlete) -> None:
    w = await create(client, athlete)
    future = iso(datetime.now(UTC) + timedelta(hours=2))
    r = await client.patch(f"{API}/{w['id']}", json={"started_at": future}, headers=athlete.headers)
    problem(r, 422, "validation_error", "started_at")


async def test_patch_recomputes_the_pace(client: httpx.AsyncClient, athlete: Athlete) -> None:
    w = await create(client, athlete)  # 6 km in 1800 s
    url = f"{API}/{w['id']}"
    assert w["avg_pace_s_per_km"] == 300
    r = await client.patch(url, json={"distance_m": 5000}, headers=athlete.headers)
    assert r.status_code == 200, r.text
    assert r.json()["avg_pace_s_per_km"] == 360
    r = await client.patch(url, json={"duration_s": 1500}, headers=athlete.headers)
    assert r.json()["avg_pace_s_per_km"] == 300
    assert (await client.get(url, headers=athlete.headers)).json()["avg_pace_s_per_km"] == 300
    r = await client.patch(url, json={"distance_m": None}, headers=athlete.headers)
    assert r.json()["avg_pace_s_per_km"] is None
    row = await Workout.get(id=w["id"])
    assert row.avg_pace_s_per_km is None


async def test_patch_into_a_duplicate_is_a_conflict(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    await create(client, athlete, started_at="2026-03-01T07:00:00Z")
    w = await create(client, athlete, started_at="2026-03-02T07:00:00Z")
    r = await client.patch(
        f"{API}/{w['id']}", json={"started_at": "2026-03-01T07:00:00Z"}, headers=athlete.headers
    )
    problem(r, 409, "conflict")
    got = (await client.get(f"{API}/{w['id']}", headers=athlete.headers)).json()
    assert got["started_at"] == "2026-03-02T07:00:00Z"


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g"])
async def test_non_uuid_id_is_404(client: httpx.AsyncClient, athlete: Athlete, bad_id: str) -> None:
    url = f"{API}/{bad_id}"
    problem(await client.get(url, headers=athlete.headers), 404, "not_found")
    problem(await client.patch(url, json={"rpe": 5}, headers=athlete.headers), 404, "not_found")
    problem(await client.delete(url, headers=athlete.headers), 404, "not_found")


async def test_unknown_id_is_404(client: httpx.AsyncClient, athlete: Athlete) -> None:
    url = f"{API}/{uuid.uuid4()}"
    problem(await client.get(url, headers=athlete.headers), 404, "not_found")
    problem(await client.patch(url, json={"rpe": 5}, headers=athlete.headers), 404, "not_found")
    problem(await client.delete(url, headers=athlete.headers), 404, "not_found")


async def test_another_users_workout_is_404(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete, db: None
) -> None:
    theirs = await create(client, other)
    url = f"{API}/{theirs['id']}"
    mine = await client.get(url, headers=athlete.headers)
    assert problem(mine, 404, "not_found")["detail"] == "no such workout"
    r = await client.patch(url, json={"title": "hijacked", "rpe": 1}, headers=athlete.headers)
    problem(r, 404, "not_found")
    # even an invalid change answers 404, not 422 (nothing about the row leaks)
    r = await client.patch(url, json={"max_hr": 100}, headers=athlete.headers)
    problem(r, 404, "not_found")
    problem(await client.delete(url, headers=athlete.headers), 404, "not_found")

    row = await Workout.get(id=theirs["id"])
    assert str(row.user_id) == other.id
    assert (row.title, row.rpe, row.max_hr) == ("Easy run", 6, 172)
    r = await client.get(url, headers=other.headers)
    assert r.status_code == 200
    assert r.json()["title"] == "Easy run"


# --- POST /workouts/import --------------------------------------------------------------------

# a steady, hilly 5 km at 5:00/km, 1 Hz, HR 140 -> 155
FIVE_K = run_samples(5000, pace_s_per_km=300, hilly=True)
# the same with a 60 s stop at 2.5 km: auto-paused (nothing recorded) or standing (110 bpm)
FIVE_K_AUTOPAUSE = run_samples(5000, 300, pause_at_m=2500, pause_s=60, pause_mode="gap")
FIVE_K_STANDING = run_samples(5000, 300, pause_at_m=2500, pause_s=60, pause_mode="still")
MAKERS = {"fit": make_fit, "gpx": make_gpx, "tcx": make_tcx}
RUNS = {"steady": FIVE_K, "autopause": FIVE_K_AUTOPAUSE, "standing": FIVE_K_STANDING}


@functools.cache
def built(kind: str, run: str = "steady") -> bytes:
    """The file of ``run`` in format ``kind`` (built once: building a FIT file is slow)."""
    return MAKERS[kind](RUNS[run])


def reference_avg_hr(samples: list[Sample]) -> float:
    """Each sample holds until the next one, capped at 10 s; the last one counts 1 s."""
    hrs = [(s.t, s.hr) for s in samples if s.hr is not None]
    weights = [min(b[0] - a[0], 10.0) for a, b in itertools.pairwise(hrs)] + [1.0]
    return sum(w * hr for w, (_, hr) in zip(weights, hrs, strict=True)) / sum(weights)


async def upload(
    client: httpx.AsyncClient,
    who: Athlete,
    name: str,
    data: bytes,
    content_type: str = "application/octet-stream",
) -> httpx.Response:
    return await client.post(
        f"{API}/import", files={"file": (name, data, content_type)}, headers=who.headers
    )


@pytest.mark.parametrize("kind", ["fit", "gpx", "tcx"])
async def test_import_a_5k_run(
    client: httpx.AsyncClient, athlete: Athlete, db: None, kind: str
) -> None:
    data = built(kind)
    r = await upload(client, athlete, f"morning-run.{kind}", data)
    assert r.status_code == 201, r.text
    assert r.headers["content-type"].startswith("application/json")
    w = r.json()
    assert w["source"] == kind
    assert w["sport"] == "run"
    assert w["started_at"] == START.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert w["distance_m"] == pytest.approx(5000, rel=0.01)
    assert w["duration_s"] == pytest.approx(1500, abs=1)
    assert w["moving_time_s"] == pytest.approx(1500, abs=2)
    assert w["avg_pace_s_per_km"] == pytest.approx(300, abs=2)
    assert w["elevation_gain_m"] == pytest.approx(200, rel=0.05)  # hilly: 5 x 40 m
    assert w["max_hr"] == 155
    assert w["avg_hr"] == pytest.approx(reference_avg_hr(FIVE_K), abs=1)
    assert w["device_id"] is None
    if kind == "gpx":
        assert w["title"] == "Morning Run"

    splits = w["splits"]
    assert [s["index"] for s in splits] == [1, 2, 3, 4, 5]
    assert sum(s["distance_m"] for s in splits) == pytest.approx(w["distance_m"], abs=1)
    for s in splits:
        assert s["distance_m"] == pytest.approx(1000, rel=0.01)
        assert s["duration_s"] == pytest.approx(300, abs=2)
        assert s["pace_s_per_km"] == pytest.approx(300, abs=3)
        assert 140 <= s["avg_hr"] <= 155
        assert s["elevation_gain_m"] == pytest.approx(40, abs=3)
    assert splits[0]["avg_hr"] < splits[4]["avg_hr"]  # HR drifts up

    zones = w["hr_zones"]
    assert zones["max_hr"] == 155  # no profile max HR or birth date: the workout's own max
    assert [z["zone"] for z in zones["zones"]] == [1, 2, 3, 4, 5]
    assert zones["zones"][4]["max_bpm"] == 155
    assert sum(z["seconds"] for z in zones["zones"]) == pytest.approx(w["duration_s"], rel=0.01)
    for low, high in itertools.pairwise(zones["zones"]):
        assert low["max_bpm"] == high["min_bpm"]

    assert w["hr_sample_count"] == len(FIVE_K)
    stream = await WorkoutStream.get(workout_id=w["id"])
    assert len(stream.hr_samples) == w["hr_sample_count"]
    assert stream.hr_samples[0] == [0, 140]
    assert stream.hr_samples[-1] == [1500, 155]

    row = await Workout.get(id=w["id"])
    assert str(row.user_id) == athlete.id
    assert row.source == kind
    got = (await client.get(f"{API}/{w['id']}", headers=athlete.headers)).json()
    assert got["hr_zones"] == zones
    assert got["splits"] == splits
    assert got["hr_sample_count"] == len(FIVE_K)
    listed = await list_all(client, athlete)
    assert [x["id"] for x in listed] == [w["id"]]


@pytest.mark.parametrize("kind", ["fit", "gpx", "tcx"])
async def test_import_an_auto_paused_run(
    client: httpx.AsyncClient, athlete: Athlete, kind: str
) -> None:
    r = await upload(client, athlete, f"run.{kind}", built(kind, "autopause"))
    assert r.status_code == 201, r.text
    w = r.json()
    assert w["duration_s"] == pytest.approx(1560, abs=1)  # elapsed, with the stop
    assert w["moving_time_s"] == pytest.approx(1500, abs=2)
    assert w["avg_pace_s_per_km"] == pytest.approx(300, abs=2)  # moving time / distance
    assert w["distance_m"] == pytest.approx(5000, rel=0.01)
    durations = [s["duration_s"] for s in w["splits"]]
    assert durations == pytest.approx([300, 300, 360, 300, 300], abs=2)  # the stop is in km 3
    assert [s["pace_s_per_km"] for s in w["splits"]] == pytest.approx([300] * 5, abs=3)
    assert w["hr_sample_count"] == len(FIVE_K_AUTOPAUSE)


async def test_import_zones_use_the_profile_max_hr(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    r = await client.patch("/api/v1/me", json={"max_hr": 190}, headers=athlete.headers)
    assert r.status_code == 200, r.text
    r = await upload(client, athlete, "run.fit", built("fit", "standing"))
    assert r.status_code == 201, r.text
    zones = r.json()["hr_zones"]
    assert zones["max_hr"] == 190
    assert zones["zones"][4]["max_bpm"] == 190
    bounds = [(z["min_bpm"], z["max_bpm"]) for z in zones["zones"]]
    assert bounds == [(95, 114), (114, 133), (133, 152), (152, 171), (171, 190)]
    seconds = [z["seconds"] for z in zones["zones"]]
    # 110 bpm while standing (zone 1), 140..152 running (zone 3), 153..155 (zone 4)
    assert seconds[0] == 60
    assert seconds[1] == 0
    assert seconds[2] > 1000
    assert seconds[3] > 0
    assert seconds[4] == 0
    assert sum(seconds) == pytest.approx(r.json()["duration_s"], abs=2)


async def test_import_zones_from_the_birth_date(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    r = await client.patch("/api/v1/me", json={"birth_date": "1994-05-01"}, headers=athlete.headers)
    assert r.status_code == 200, r.text
    r = await upload(client, athlete, "run.gpx", built("gpx"))
    assert r.status_code == 201, r.text
    zones = r.json()["hr_zones"]
    assert zones["max_hr"] == 187  # 30 on the day of the run: 208 - 0.7 x 30
    assert zones["zones"][4]["max_bpm"] == 187


@pytest.mark.parametrize("kind", ["fit", "gpx", "tcx"])
async def test_importing_the_same_file_twice_is_a_conflict(
    client: httpx.AsyncClient, athlete: Athlete, db: None, kind: str
) -> None:
    data = built(kind)
    r = await upload(client, athlete, f"run.{kind}", data)
    assert r.status_code == 201, r.text
    problem(await upload(client, athlete, f"run-again.{kind}", data), 409, "conflict")
    assert await Workout.all().count() == 1
    assert await WorkoutStream.all().count() == 1


async def test_the_same_run_in_another_format_is_a_conflict(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    assert (await upload(client, athlete, "run.fit", built("fit"))).status_code == 201
    problem(await upload(client, athlete, "run.tcx", built("tcx")), 409, "conflict")
    # another athlete may import the same file
    assert (await upload(client, other, "run.fit", built("fit"))).status_code == 201


async def test_import_extension_is_case_insensitive(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    r = await upload(client, athlete, "RUN.FIT", built("fit"))
    assert r.status_code == 201, r.text
    assert r.json()["source"] == "fit"


async def test_import_a_truncated_fit_is_422(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    data = built("fit")
    r = await upload(client, athlete, "run.fit", data[: len(data) // 2])
    body = problem(r, 422, "unprocessable_file")
    assert "truncated" in body["detail"].lower()
    # a flipped byte breaks the checksum
    corrupt = bytearray(data)
    corrupt[len(data) // 2] ^= 0xFF
    r = await upload(client, athlete, "run.fit", bytes(corrupt))
    body = problem(r, 422, "unprocessable_file")
    assert "corrupt" in body["detail"].lower()
    assert await Workout.all().count() == 0


async def test_import_fit_bytes_named_gpx_is_422(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    r = await upload(client, athlete, "run.gpx", built("fit"))
    body = problem(r, 422, "unprocessable_file")
    assert ".fit" in body["detail"]
    r = await upload(client, athlete, "run.fit", built("gpx"))
    problem(r, 422, "unprocessable_file")
    assert await Workout.all().count() == 0


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bomb.gpx", billion_laughs("gpx")),
        ("bomb.tcx", billion_laughs("TrainingCenterDatabase")),
        ("xxe.tcx", xxe_document("TrainingCenterDatabase")),
        ("xxe.gpx", xxe_document("gpx")),
    ],
)
async def test_import_xml_attacks_are_refused_fast(
    client: httpx.AsyncClient, athlete: Athlete, db: None, name: str, data: bytes
) -> None:
    started = time.monotonic()
    r = await upload(client, athlete, name, data)
    elapsed = time.monotonic() - started
    body = problem(r, 422, "unprocessable_file")
    assert elapsed < 2.0
    assert "root:" not in r.text
    assert "lol" not in body["detail"]
    assert await Workout.all().count() == 0


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("run.txt", b"just some text"),
        ("run.csv", b"t,hr\n0,140\n"),
        ("run", built("fit")),  # no extension
        ("run.fit", b""),
        ("run.gpx", b""),
        ("run.gpx", b"<gpx"),
        ("run.tcx", b"<html><body>hello</body></html>"),
        ("run.gpx", b'<?xml version="1.0"?><gpx version="1.1" creator="x"></gpx>'),
    ],
)
async def test_import_unusable_files_are_422(
    client: httpx.AsyncClient, athlete: Athlete, db: None, name: str, data: bytes
) -> None:
    r = await upload(client, athlete, name, data)
    problem(r, 422, "unprocessable_file")
    assert await Workout.all().count() == 0


async def test_import_a_file_over_the_limit_is_413(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any, db: None
) -> None:
    limit = settings.upload_max_size
    assert limit == 2 * 1024 * 1024
    # a valid GPX padded with whitespace past the limit: refused for its size alone
    data = built("gpx")
    assert len(data) < limit
    padded = data + b" " * (limit + 1 - len(data))
    problem(await upload(client, athlete, "run.gpx", padded), 413, "payload_too_large")
    # exactly at the limit is fine
    at_limit = data + b" " * (limit - len(data))
    r = await upload(client, athlete, "run.gpx", at_limit)
    assert r.status_code == 201, r.text
    assert await Workout.all().count() == 1


async def raw_request(base_url: str, head: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send only a request head over a raw connection and read the answer to the end."""
    url = httpx.URL(base_url)
    reader, writer = await asyncio.open_connection(url.host, url.port)
    try:
        writer.write(head)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout=10)
    finally:
        writer.close()
    head_part, _, body = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head_part.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


async def test_import_a_body_far_over_the_limit_is_413_before_it_is_sent(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any, db: None
) -> None:
    # The answer comes from the announced length alone, before the body is sent.
    boundary = "b0undary"
    head = (
        f"POST {API}/import HTTP/1.1\r\n"
        f"Host: {client.base_url.host}\r\n"
        f"Authorization: {athlete.headers['Authorization']}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {settings.upload_max_size * 4}\r\n\r\n"
    ).encode()
    status, headers, body = await raw_request(str(client.base_url), head)
    assert status == 413
    assert headers["content-type"].startswith(PROBLEM)
    assert orjson.loads(body)["code"] == "payload_too_large"
    assert await Workout.all().count() == 0


async def test_import_needs_multipart_with_a_file(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    url = f"{API}/import"
    r = await client.post(url, json={"file": "run.fit"}, headers=athlete.headers)
    problem(r, 415, "unsupported_media_type")
    r = await client.post(
        url,
        content=built("fit"),
        headers={**athlete.headers, "content-type": "application/octet-stream"},
    )
    problem(r, 415, "unsupported_media_type")
    r = await client.post(url, files={"upload": ("run.fit", built("fit"))}, headers=athlete.headers)
    problem(r, 422, "validation_error", "file")
    # a plain form value named `file` is not a file
    r = await client.post(
        url,
        data={"file": "run.fit"},
        files={"other": ("x.txt", b"x")},
        headers=athlete.headers,
    )
    problem(r, 422, "validation_error", "file")
    assert await Workout.all().count() == 0


async def test_import_requires_auth(client: httpx.AsyncClient, db: None) -> None:
    r = await client.post(f"{API}/import", files={"file": ("run.fit", built("fit"))})
    problem(r, 401, "unauthorized")
    assert await Workout.all().count() == 0


async def test_change_and_delete_an_import(client: httpx.AsyncClient, athlete: Athlete) -> None:
    r = await upload(client, athlete, "run.tcx", built("tcx"))
    assert r.status_code == 201, r.text
    wid = r.json()["id"]
    assert await WorkoutStream.filter(workout_id=wid).exists()
    # a change answers the same shape as a read, samples and zones included
    r = await client.patch(f"{API}/{wid}", json={"title": "Tempo"}, headers=athlete.headers)
    assert r.status_code == 200, r.text
    got = (await client.get(f"{API}/{wid}", headers=athlete.headers)).json()
    assert r.json() == got
    assert got["hr_sample_count"] == len(FIVE_K)
    assert got["hr_zones"] is not None
    assert (await client.delete(f"{API}/{wid}", headers=athlete.headers)).status_code == 204
    assert not await WorkoutStream.filter(workout_id=wid).exists()
    # and the file can be imported again
    assert (await upload(client, athlete, "run.tcx", built("tcx"))).status_code == 201
