"""GET /analytics/zones, /load, /readiness, /overtraining: no data, one workout, weeks of data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from runcoach.training import pmc
from runcoach.training.models import DailyLoad
from tests.support.athletes import Athlete
from tests.support.problems import problem

UTC = dt.UTC
API = "/api/v1/analytics"


def today() -> dt.date:
    return dt.datetime.now(UTC).date()


async def get(client: httpx.AsyncClient, who: Athlete, path: str, **params: Any) -> Any:
    r = await client.get(f"{API}{path}", params=params, headers=who.headers)
    assert r.status_code == 200, r.text
    return r.json()


async def log_workout(client: httpx.AsyncClient, who: Athlete, day: dt.date, **fields: Any) -> None:
    started = dt.datetime.combine(day, dt.time(7), tzinfo=UTC)
    body = {"sport": "run", "started_at": started.isoformat(), "duration_s": 3600, **fields}
    r = await client.post("/api/v1/workouts/", json=body, headers=who.headers)
    assert r.status_code == 201, r.text


async def put_metrics(client: httpx.AsyncClient, who: Athlete, day: dt.date, **values: Any) -> None:
    r = await client.post(
        "/api/v1/health-metrics/", json={"date": day.isoformat(), **values}, headers=who.headers
    )
    assert r.status_code in (200, 201), r.text


async def test_an_athlete_with_no_data(client: httpx.AsyncClient, athlete: Athlete) -> None:
    zones = await get(client, athlete, "/zones")
    assert zones == {"method": None, "zones": [], "inputs": {}, "effective_from": None}

    load = await get(client, athlete, "/load")
    assert len(load["days"]) == 90 and load["unit"] == "none"
    assert load["days"][-1]["date"] == today().isoformat()
    assert load["today"] == {
        "date": today().isoformat(), "load": 0.0, "ctl": 0.0, "atl": 0.0, "tsb": 0.0,
        "ramp": 0.0, "acwr": None,
    }  # fmt: skip

    readiness = await get(client, athlete, "/readiness")
    assert readiness["score"] is None and readiness["confidence"] == "low"
    assert set(readiness["missing"]) == {"hrv", "resting_hr", "sleep", "form"}

    assert await get(client, athlete, "/overtraining") == {"risk": "low", "score": 0, "factors": []}


async def test_zones_follow_the_profile(client: httpx.AsyncClient, athlete: Athlete) -> None:
    await client.patch(
        "/api/v1/me", json={"max_hr": 190, "resting_hr": 50}, headers=athlete.headers
    )
    zones = await get(client, athlete, "/zones")
    assert zones["method"] == "karvonen"
    assert zones["inputs"] == {"max_hr": 190, "resting_hr": 50}
    assert zones["effective_from"] == today().isoformat()
    assert [z["zone"] for z in zones["zones"]] == [1, 2, 3, 4, 5]
    assert zones["zones"][-1]["max_bpm"] == 190
    for low, high in zip(zones["zones"], zones["zones"][1:], strict=False):
        assert high["min_bpm"] == low["max_bpm"] + 1

    await client.patch("/api/v1/me", json={"lthr": 172}, headers=athlete.headers)
    zones = await get(client, athlete, "/zones")
    assert zones["method"] == "lthr" and zones["inputs"] == {"lthr": 172}
    assert len(zones["zones"]) == 7


async def test_one_workout(client: httpx.AsyncClient, athlete: Athlete) -> None:
    day = today() - dt.timedelta(days=2)
    await log_workout(client, athlete, day, rpe=6)  # 60 on the TSS-like scale
    load = await get(client, athlete, "/load", days=7)
    assert load["unit"] == "tss"
    assert load["days"][0]["date"] == (today() - dt.timedelta(days=6)).isoformat()
    expected = pmc.compute({day: 60.0}, start=day, end=today())
    by_date = {d["date"]: d for d in load["days"]}
    assert by_date[day.isoformat()]["load"] == 60.0
    assert by_date[day.isoformat()]["ctl"] == pytest.approx(expected[0].ctl, abs=0.05)
    assert load["today"]["tsb"] == pytest.approx(expected[-1].tsb, abs=0.05)
    assert load["today"]["atl"] == pytest.approx(expected[-1].atl, abs=0.05)

    readiness = await get(client, athlete, "/readiness")
    assert "form" in readiness["components"] and readiness["confidence"] == "low"
    assert (await get(client, athlete, "/overtraining"))["risk"] == "low"


async def test_weeks_of_data(client: httpx.AsyncClient, athlete: Athlete) -> None:
    start = today() - dt.timedelta(days=60)
    for n in range(0, 60, 2):
        await log_workout(client, athlete, start + dt.timedelta(days=n), rpe=4 + n % 5)
    for n in range(10):  # ten days of metrics: a baseline under 14 days
        day = today() - dt.timedelta(days=9 - n)
        await put_metrics(client, athlete, day, hrv_ms=60 + n, resting_hr=50, sleep_hours=7.5)

    load = await get(client, athlete, "/load", days=30)
    rows = await DailyLoad.filter(user_id=athlete.id).values_list("date", "load")
    expected = pmc.compute(dict(rows), start=min(d for d, _ in rows), end=today())[-30:]
    assert len(load["days"]) == 30
    for got, want in zip(load["days"], expected, strict=True):
        assert got["date"] == want.date.isoformat()
        for name in ("load", "ctl", "atl", "tsb", "ramp"):
            assert got[name] == pytest.approx(getattr(want, name), abs=0.051), (got, name)
        assert got["acwr"] == pytest.approx(want.acwr, abs=0.006)

    readiness = await get(client, athlete, "/readiness")
    assert readiness["confidence"] == "low"
    assert 0 <= readiness["score"] <= 100
    assert {"hrv", "resting_hr", "sleep", "form"} <= set(readiness["components"])
    total = sum(c["contribution"] for c in readiness["components"].values())
    assert total == pytest.approx(readiness["score"], abs=0.6)

    risk = await get(client, athlete, "/overtraining")
    assert risk["risk"] in {"low", "moderate", "high"}
    assert all(
        {"code", "severity", "value", "threshold", "message"} <= set(f) for f in risk["factors"]
    )


async def test_a_load_spike_shows_as_high_risk(client: httpx.AsyncClient, athlete: Athlete) -> None:
    for n in range(40, 3, -1):
        await log_workout(client, athlete, today() - dt.timedelta(days=n), rpe=4)
    for n in range(3, 0, -1):
        await log_workout(client, athlete, today() - dt.timedelta(days=n), rpe=10, duration_s=10800)
    risk = await get(client, athlete, "/overtraining")
    assert risk["risk"] == "high" and risk["score"] >= 50
    assert "acwr" in {f["code"] for f in risk["factors"]}


async def test_another_athletes_data_is_not_counted(
    client: httpx.AsyncClient, athlete: Athlete, other: Athlete
) -> None:
    await log_workout(client, other, today() - dt.timedelta(days=1), rpe=8)
    load = await get(client, athlete, "/load", days=3)
    assert all(d["load"] == 0 for d in load["days"]) and load["unit"] == "none"


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/load", {"days": "0"}, "days"),
        ("/load", {"days": "3651"}, "days"),
        ("/load", {"days": "many"}, "days"),
        ("/load", {"since": "2026-01-01"}, "since"),
        ("/zones", {"x": "1"}, "x"),
        ("/readiness", {"day": "2026-01-01"}, "day"),
        ("/overtraining", {"day": "2026-01-01"}, "day"),
    ],
)
async def test_bad_query_params_are_422(
    client: httpx.AsyncClient, athlete: Athlete, path: str, params: dict[str, str], field: str
) -> None:
    r = await client.get(f"{API}{path}", params=params, headers=athlete.headers)
    problem(r, 422, "validation_error", field)


async def test_the_longest_window(client: httpx.AsyncClient, athlete: Athlete) -> None:
    load = await get(client, athlete, "/load", days=3650)
    assert len(load["days"]) == 3650
