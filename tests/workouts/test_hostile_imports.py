"""Hostile workout files: every number and date is held to a workout's bounds, work is capped.

Each file answers 422 naming the field, or imports sane values; never 500. The work is
bounded by construction (caps checked while counting, bounds checked before splits), so
no test here needs a timer.
"""

from __future__ import annotations

import math
import typing
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from runcoach.workouts import schemas
from runcoach.workouts.importers import ImportFailed, parse_activity
from runcoach.workouts.importers.track import MAX_LAPS, MAX_SPLITS, MAX_TRACK_POINTS
from tests.support.athletes import Athlete
from tests.support.filegen import deep_gpx, mass_fit, mass_gpx, raw_gpx, raw_tcx
from tests.support.problems import problem

API = "/api/v1/workouts"
T0 = "2024-05-01T06:00:00Z"
T30 = "2024-05-01T06:30:00Z"


def _track(*distances: str) -> list[dict[str, str]]:
    """Trackpoints a minute apart with the given cumulative distances."""
    start = datetime(2024, 5, 1, 6, tzinfo=UTC)
    return [
        {"Time": (start + timedelta(minutes=n)).strftime("%Y-%m-%dT%H:%M:%SZ"), "DistanceMeters": d}
        for n, d in enumerate(distances)
    ]


def _lap(**fields: str) -> dict[str, str]:
    return {"StartTime": T0, **fields}


# (name, file name, bytes, the field a 422 names)
REFUSED: list[tuple[str, str, bytes, str]] = [
    ("track of 1e9 m", "a.tcx", raw_tcx(trackpoints=_track("0", "1e9")), "distance_m"),
    ("track of 1e20 m", "a.tcx", raw_tcx(trackpoints=_track("0", "1e20")), "distance_m"),
    ("lap of 1e9 m", "a.tcx", raw_tcx(laps=[_lap(TotalTimeSeconds="600", DistanceMeters="1e9")]),
     "distance_m"),
    ("two laps of 1.7e308 m", "a.tcx",
     raw_tcx(laps=[_lap(TotalTimeSeconds="600", DistanceMeters="1.7e308")] * 2), "distance_m"),
    ("a negative lap hiding a huge one", "a.tcx",
     raw_tcx(laps=[_lap(TotalTimeSeconds="600", DistanceMeters="-1e9"),
                   _lap(TotalTimeSeconds="600", DistanceMeters="1000005000")]), "distance_m"),
    ("lap time of 1.7e308 s", "a.tcx", raw_tcx(laps=[_lap(TotalTimeSeconds="1.7e308")]),
     "duration_s"),
    ("negative lap time", "a.tcx", raw_tcx(laps=[_lap(TotalTimeSeconds="-600")] * 2),
     "duration_s"),
    ("lap time of 1e9 s", "a.tcx", raw_tcx(laps=[_lap(TotalTimeSeconds="1e9")]), "duration_s"),
    ("calories of 1e12", "a.tcx",
     raw_tcx(laps=[_lap(TotalTimeSeconds="600", Calories="1e12")]), "calories"),
    ("infinite lap", "a.tcx", raw_tcx(laps=[_lap(TotalTimeSeconds="inf", DistanceMeters="INF")]),
     "duration_s"),
    ("NaN lap", "a.tcx", raw_tcx(laps=[_lap(TotalTimeSeconds="NaN")]), "duration_s"),
    ("zero-length laps", "a.tcx",
     raw_tcx(laps=[_lap(TotalTimeSeconds="0", DistanceMeters="0")] * 5), "duration_s"),
    ("year 1", "a.tcx",
     raw_tcx(activity_id="0001-01-01T00:00:00Z", laps=[_lap(TotalTimeSeconds="600")]),
     "started_at"),
    ("year 1 an hour east of UTC", "a.tcx",
     raw_tcx(activity_id="0001-01-01T00:00:00+01:00", laps=[_lap(TotalTimeSeconds="600")]),
     "started_at"),
    ("year 9999", "a.tcx",
     raw_tcx(activity_id="9999-12-31T23:00:00Z", laps=[_lap(TotalTimeSeconds="600")]),
     "started_at"),
    ("year 9999 west of UTC", "a.tcx",
     raw_tcx(activity_id="9999-12-31T23:00:00-05:00", laps=[_lap(TotalTimeSeconds="600")]),
     "started_at"),
    ("1969", "a.tcx",
     raw_tcx(activity_id="1969-12-31T23:00:00Z", laps=[_lap(TotalTimeSeconds="600")]),
     "started_at"),
    ("tomorrow", "a.tcx",
     raw_tcx(activity_id=(datetime.now(UTC) + timedelta(days=1, hours=1)).isoformat(),
             laps=[_lap(TotalTimeSeconds="600")]), "started_at"),
    ("a GPX point in year 9999", "a.gpx",
     raw_gpx([(T0, "45.0", "6.0"), ("9999-12-31T23:59:59Z", "45.001", "6.0")]), "duration_s"),
    ("a GPX track in year 1", "a.gpx",
     raw_gpx([("0001-01-01T00:00:00Z", "45.0", "6.0"), ("0001-01-01T00:30:00Z", "45.01", "6.0")]),
     "started_at"),
    ("a GPX time past the calendar in UTC", "a.gpx",
     raw_gpx([(T0, "45.0", "6.0"), ("9999-12-31T23:00:00-05:00", "45.01", "6.0")]), "time"),
    ("too many laps", "a.tcx", raw_tcx(laps=[_lap(TotalTimeSeconds="1")] * (MAX_LAPS + 1)),
     "laps"),
]  # fmt: skip

# (name, file name, bytes): imported, with every number within a workout's bounds
IMPORTED: list[tuple[str, str, bytes]] = [
    ("NaN and infinite values are ignored", "b.tcx",
     raw_tcx(laps=[_lap(TotalTimeSeconds="NaN", DistanceMeters="inf", Calories="-inf")],
             trackpoints=_track("0", "NaN", "300", "INF", "600"))),
    ("a zero-length lap beside a real one", "c.tcx",
     raw_tcx(laps=[_lap(TotalTimeSeconds="0", DistanceMeters="0"),
                   _lap(TotalTimeSeconds="1200", DistanceMeters="4000")])),
    ("deeply nested extensions", "d.gpx",
     deep_gpx(50_000).replace(b"</trkseg>", b'<trkpt lat="45.01" lon="6.0"><time>'
                              + T30.encode() + b"</time></trkpt></trkseg>")),
]  # fmt: skip


def _sane(body: dict[str, Any]) -> None:
    """Every stored number passes the bounds of ``POST /workouts``."""
    fields = {k: body[k] for k in schemas.ImportedActivity.model_fields if body.get(k) is not None}
    schemas.ImportedActivity.model_validate(fields)
    assert len(body["splits"]) <= MAX_SPLITS
    for value in body.values():
        assert not (isinstance(value, float) and not math.isfinite(value))


async def upload(client: httpx.AsyncClient, who: Athlete, name: str, data: bytes) -> httpx.Response:
    files = {"file": (name, data, "application/octet-stream")}
    return await client.post(f"{API}/import", files=files, headers=who.headers)


@pytest.mark.parametrize(("name", "data", "field"), [(f, d, x) for _, f, d, x in REFUSED],
                         ids=[c[0] for c in REFUSED])  # fmt: skip
async def test_a_hostile_file_is_a_422_naming_the_field(
    client: httpx.AsyncClient, athlete: Athlete, name: str, data: bytes, field: str
) -> None:
    problem(await upload(client, athlete, name, data), 422, "unprocessable_file", field)


@pytest.mark.parametrize(("name", "data"), [(f, d) for _, f, d in IMPORTED],
                         ids=[c[0] for c in IMPORTED])  # fmt: skip
async def test_a_strange_file_imports_sane_values(
    client: httpx.AsyncClient, athlete: Athlete, name: str, data: bytes
) -> None:
    r = await upload(client, athlete, name, data)
    assert r.status_code == 201, r.text
    _sane(r.json())


def test_a_million_point_fit_file_stops_at_the_cap() -> None:
    """Decoding stops at the first record past the cap: a million are never all read."""
    with pytest.raises(ImportFailed) as caught:
        parse_activity("million.fit", mass_fit(1_000_000))  # 5 MB
    assert caught.value.field == "records"


async def test_a_fit_file_over_the_cap_is_a_422(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    r = await upload(client, athlete, "many.fit", mass_fit(MAX_TRACK_POINTS + 1))
    problem(r, 422, "unprocessable_file", "records")
    assert f"{MAX_TRACK_POINTS:,}" in r.json()["detail"]


def test_a_gpx_over_the_point_cap_is_refused_before_gpxpy_reads_it() -> None:
    with pytest.raises(ImportFailed) as caught:
        parse_activity("many.gpx", mass_gpx(MAX_TRACK_POINTS + 1))
    assert caught.value.field == "trackpoints"


def test_a_tcx_over_the_point_cap_is_refused() -> None:
    start = datetime(2024, 5, 1, 6, tzinfo=UTC)
    points = [
        {"Time": (start + timedelta(seconds=n)).strftime("%Y-%m-%dT%H:%M:%SZ")}
        for n in range(MAX_TRACK_POINTS + 1)
    ]
    with pytest.raises(ImportFailed) as caught:
        parse_activity("many.tcx", raw_tcx(trackpoints=points))
    assert caught.value.field == "trackpoints"


def test_the_longest_allowed_track_stays_within_the_split_cap() -> None:
    """1,000 km in 10 hours (a track at the distance bound): its splits fit under the cap."""
    field_info = typing.get_args(schemas.DistanceM)[1]  # Annotated[float, Field(ge=0, le=...)]
    bound = next(m.le for m in field_info.metadata if getattr(m, "le", None) is not None)
    activity = parse_activity("far.tcx", raw_tcx(trackpoints=_track("0", str(bound))))
    assert len(activity.splits) <= MAX_SPLITS
    assert activity.distance_m == bound


# --- aggregates over the extreme allowed values ------------------------------------------------


async def test_aggregates_hold_the_extreme_allowed_values(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    """Several workouts at every upper bound this week: the leaderboard and stats answer."""
    now = datetime.now(UTC).replace(microsecond=0)
    for n in range(6):
        body = {
            "sport": ["run", "ride", "walk", "swim", "trail_run", "treadmill"][n],
            "started_at": (now - timedelta(hours=n + 1)).isoformat(),
            "duration_s": 7 * 24 * 3600,
            "distance_m": 1_000_000,
            "avg_hr": 250,
            "max_hr": 250,
            "elevation_gain_m": 20_000,
            "calories": 50_000,
            "rpe": 10,
        }
        r = await client.post(API, json=body, headers=athlete.headers)
        assert r.status_code == 201, r.text
    for metric in ("distance", "duration", "load"):
        for period in ("week", "month"):
            r = await client.get(
                "/api/v1/leaderboard",
                params={"metric": metric, "period": period},
                headers=athlete.headers,
            )
            assert r.status_code == 200, r.text
            assert all(math.isfinite(e["value"]) for e in r.json()["items"])
    for path, params in (
        ("/api/v1/analytics/stats", {"period": "week"}),
        ("/api/v1/analytics/stats", {"period": "month"}),
        ("/api/v1/analytics/load", {"days": "30"}),
        ("/api/v1/dashboard/summary", {}),
        (API, {"limit": "100"}),
    ):
        r = await client.get(path, params=params, headers=athlete.headers)
        assert r.status_code == 200, (path, r.text)
