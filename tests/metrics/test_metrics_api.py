"""The daily health metrics API over HTTP: upsert one day by date, list a date range."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from runcoach.metrics.models import HealthMetric
from tests.support.athletes import Athlete
from tests.support.problems import problem

API = "/api/v1/health-metrics"
VALUES = {
    "resting_hr": 48,
    "hrv_ms": 72.5,
    "sleep_hours": 7.5,
    "sleep_score": 81,
    "weight_kg": 68.2,
    "stress": 25,
}


async def post_day(
    client: httpx.AsyncClient, who: Athlete, day: str, expect: int = 201, **values: Any
) -> dict[str, Any]:
    r = await client.post(API, json={"date": day, **values}, headers=who.headers)
    assert r.status_code == expect, r.text
    return r.json()


async def days(client: httpx.AsyncClient, who: Athlete, **params: Any) -> list[dict[str, Any]]:
    r = await client.get(API, params=params, headers=who.headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()["items"]


async def test_first_write_creates_the_day(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    r = await client.post(API, json={"date": "2026-03-01", **VALUES}, headers=athlete.headers)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["date"] == "2026-03-01"
    for name, value in VALUES.items():
        assert body[name] == value
    assert body["source"] == "manual"
    assert body["id"]
    assert body["updated_at"].endswith("Z")
    row = await HealthMetric.get(user_id=athlete.id, date=date(2026, 3, 1))
    assert (row.resting_hr, row.sleep_hours, row.stress) == (48, 7.5, 25)


async def test_second_write_of_a_day_updates_and_keeps_the_rest(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    first = await post_day(client, athlete, "2026-03-01", resting_hr=50, sleep_hours=7.0)
    second = await post_day(client, athlete, "2026-03-01", expect=200, hrv_ms=65, resting_hr=49)
    assert second["id"] == first["id"]
    assert second["resting_hr"] == 49
    assert second["hrv_ms"] == 65
    assert second["sleep_hours"] == 7.0  # not sent: kept
    assert second["weight_kg"] is None
    # the same values again: still 200, nothing lost (idempotent)
    again = await post_day(client, athlete, "2026-03-01", expect=200, hrv_ms=65)
    assert again == second
    # only the date: nothing changes
    only_date = await post_day(client, athlete, "2026-03-01", expect=200)
    assert only_date["resting_hr"] == 49
    # an explicit null clears that field only
    cleared = await post_day(client, athlete, "2026-03-01", expect=200, sleep_hours=None)
    assert cleared["sleep_hours"] is None
    assert cleared["resting_hr"] == 49
    assert cleared["hrv_ms"] == 65

    assert await HealthMetric.filter(user_id=athlete.id).count() == 1
    listed = await days(client, athlete)
    assert len(listed) == 1
    assert listed[0]["resting_hr"] == 49
    assert listed[0]["sleep_hours"] is None


async def test_concurrent_writes_of_one_day_all_land(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    """Six clients write one field each of the same new day at once: one row, nothing lost."""
    for day in range(1, 11):
        when = date(2026, 3, day)
        answers = await asyncio.gather(
            *(
                client.post(
                    API, json={"date": when.isoformat(), name: value}, headers=athlete.headers
                )
                for name, value in VALUES.items()
            )
        )
        statuses = sorted(r.status_code for r in answers)
        assert statuses == [200] * 5 + [201], [r.text for r in answers]
        row = await HealthMetric.get(user_id=athlete.id, date=when)
        for name, value in VALUES.items():
            assert getattr(row, name) == value, (when, name)
    assert await HealthMetric.filter(user_id=athlete.id).count() == 10


async def test_the_same_day_for_two_athletes(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    mine = await post_day(client, athlete, "2026-03-01", resting_hr=50)
    theirs = await post_day(client, other, "2026-03-01", resting_hr=60)
    assert mine["id"] != theirs["id"]
    assert (await days(client, athlete))[0]["resting_hr"] == 50
    assert (await days(client, other))[0]["resting_hr"] == 60


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"date": "2026-03-01", "resting_hr": 300}, "resting_hr"),
        ({"date": "2026-03-01", "resting_hr": 10}, "resting_hr"),
        ({"date": "2026-03-01", "sleep_hours": 25}, "sleep_hours"),
        ({"date": "2026-03-01", "sleep_hours": -1}, "sleep_hours"),
        ({"date": "2026-03-01", "sleep_score": 101}, "sleep_score"),
        ({"date": "2026-03-01", "stress": 101}, "stress"),
        ({"date": "2026-03-01", "hrv_ms": 0}, "hrv_ms"),
        ({"date": "2026-03-01", "weight_kg": 5}, "weight_kg"),
        ({"date": "2026-03-01", "resting_hr": "fast"}, "resting_hr"),
        ({"date": "2026-02-30"}, "date"),
        ({"date": "01/03/2026"}, "date"),
        ({"date": "yesterday"}, "date"),
        ({"date": "1989-12-31"}, "date"),
        ({"date": None}, "date"),
        ({"resting_hr": 50}, "date"),
        ({"date": "2026-03-01", "user_id": "00000000-0000-0000-0000-000000000001"}, "user_id"),
        ({"date": "2026-03-01", "source": "garmin"}, "source"),
        ({"date": "2026-03-01", "id": "00000000-0000-0000-0000-000000000001"}, "id"),
        ({"date": "2026-03-01", "vo2max": 55}, "vo2max"),
    ],
)
async def test_upsert_validation(
    client: httpx.AsyncClient, athlete: Athlete, db: None, body: dict[str, Any], field: str
) -> None:
    r = await client.post(API, json=body, headers=athlete.headers)
    problem(r, 422, "validation_error", field)
    assert await HealthMetric.all().count() == 0


async def test_upsert_refuses_a_future_date(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    for ahead in (2, 30):
        future = (date.today() + timedelta(days=ahead)).isoformat()
        r = await client.post(API, json={"date": future}, headers=athlete.headers)
        problem(r, 422, "validation_error", "date")
    assert await HealthMetric.all().count() == 0
    # today (anywhere on Earth, so also tomorrow by the server's clock) is fine
    await post_day(client, athlete, date.today().isoformat(), resting_hr=50)
    await post_day(client, athlete, (date.today() + timedelta(days=1)).isoformat(), stress=5)


async def test_an_invalid_update_changes_nothing(
    client: httpx.AsyncClient, athlete: Athlete, db: None
) -> None:
    await post_day(client, athlete, "2026-03-01", resting_hr=50, sleep_hours=7)
    r = await client.post(
        API,
        json={"date": "2026-03-01", "resting_hr": 45, "sleep_hours": 25},
        headers=athlete.headers,
    )
    problem(r, 422, "validation_error", "sleep_hours")
    row = await HealthMetric.get(user_id=athlete.id, date=date(2026, 3, 1))
    assert (row.resting_hr, row.sleep_hours) == (50, 7)


async def test_upsert_bad_bodies(client: httpx.AsyncClient, athlete: Athlete, db: None) -> None:
    r = await client.post(
        API, content=b"{oops", headers={**athlete.headers, "content-type": "application/json"}
    )
    problem(r, 400, "malformed_json")
    r = await client.post(API, json=[{"date": "2026-03-01"}], headers=athlete.headers)
    problem(r, 400, "malformed_json")
    assert await HealthMetric.all().count() == 0


async def test_auth_is_required(client: httpx.AsyncClient, db: None) -> None:
    problem(await client.post(API, json={"date": "2026-03-01"}), 401, "unauthorized")
    problem(await client.get(API), 401, "unauthorized")
    assert await HealthMetric.all().count() == 0


async def test_list_by_range_oldest_first(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    for day in ("2026-03-05", "2026-03-01", "2026-03-03", "2026-03-02", "2026-03-04"):
        await post_day(client, athlete, day, resting_hr=40 + int(day[-1]))
    for day in ("2026-03-02", "2026-03-03", "2026-03-06"):
        await post_day(client, other, day, resting_hr=70)

    def dates(items: list[dict[str, Any]]) -> list[str]:
        return [m["date"] for m in items]

    everything = await days(client, athlete)
    assert dates(everything) == [f"2026-03-0{d}" for d in range(1, 6)]
    assert [m["resting_hr"] for m in everything] == [41, 42, 43, 44, 45]
    # both ends inclusive
    got = await days(client, athlete, since="2026-03-02", until="2026-03-04")
    assert dates(got) == ["2026-03-02", "2026-03-03", "2026-03-04"]
    got = await days(client, athlete, since="2026-03-04")
    assert dates(got) == ["2026-03-04", "2026-03-05"]
    got = await days(client, athlete, until="2026-03-01")
    assert dates(got) == ["2026-03-01"]
    got = await days(client, athlete, since="2026-03-03", until="2026-03-03")
    assert dates(got) == ["2026-03-03"]
    assert await days(client, athlete, since="2026-03-06") == []
    # another athlete's days never appear
    assert all(m["resting_hr"] != 70 for m in everything)
    assert dates(await days(client, other)) == ["2026-03-02", "2026-03-03", "2026-03-06"]
    got = await days(client, athlete, since="2026-03-06", until="2026-03-06")
    assert got == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "2026-03-05", "until": "2026-03-01"}, "since"),
        ({"since": "last week"}, "since"),
        ({"until": "2026-02-30"}, "until"),
        ({"user_id": "00000000-0000-0000-0000-000000000001"}, "user_id"),
        ({"sort": "date"}, "sort"),
    ],
)
async def test_list_query_validation(
    client: httpx.AsyncClient, athlete: Athlete, params: dict[str, Any], field: str
) -> None:
    r = await client.get(API, params=params, headers=athlete.headers)
    problem(r, 422, "validation_error", field)
