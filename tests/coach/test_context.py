"""The coach's snapshot of the athlete agrees with the dashboard and the analytics endpoints."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from runcoach.coach import context
from runcoach.errors import NotFound
from runcoach.llm.snapshot import AthleteSnapshot, format_pace, render
from runcoach.training.models import DailyLoad
from tests.support.athletes import Athlete
from tests.support.coach import ZONE, get, post, trained_athlete


async def test_the_snapshot_agrees_with_the_dashboard_and_analytics(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    today = await trained_athlete(client, athlete)
    snap = await context.build_snapshot(user_id=uuid.UUID(athlete.id))

    dashboard = await get(client, athlete, "/api/v1/dashboard/summary")
    assert (snap.name, snap.today, snap.timezone) == ("Alice", today, ZONE)
    load_today = dashboard["load_today"]
    assert (snap.ctl, snap.atl, snap.tsb) == (
        load_today["ctl"],
        load_today["atl"],
        load_today["tsb"],
    )
    load = await get(client, athlete, "/api/v1/analytics/load", days=42)
    assert (snap.acwr, snap.ramp_rate) == (load["today"]["acwr"], load["today"]["ramp"])
    assert snap.load_unit == load["unit"] != "none"
    assert snap.ctl is not None and snap.ctl > 0

    readiness = dashboard["readiness"]
    assert readiness == await get(client, athlete, "/api/v1/analytics/readiness")
    assert snap.readiness_score == readiness["score"] is not None
    assert snap.readiness_confidence == readiness["confidence"]
    assert snap.readiness_components == {
        name: c["score"] for name, c in readiness["components"].items()
    }
    risk = await get(client, athlete, "/api/v1/analytics/overtraining")
    assert snap.risk_level == risk["risk"] == dashboard["risk"]["risk"]
    assert list(snap.risk_factors) == [f["message"] for f in risk["factors"]]

    week = dashboard["week"]
    assert (snap.week_workouts, snap.week_distance_m, snap.week_duration_s) == (
        week["count"],
        week["distance_m"],
        week["duration_s"],
    )

    recent = dashboard["recent_workouts"]
    assert len(snap.recent_workouts) == len(recent) == 5
    for mine, theirs in zip(snap.recent_workouts, recent, strict=True):
        started = dt.datetime.fromisoformat(theirs["started_at"].replace("Z", "+00:00"))
        assert mine.date == started.astimezone(ZoneInfo(ZONE)).date()
        assert (mine.sport, mine.distance_m, mine.duration_s, mine.avg_hr) == (
            theirs["sport"],
            theirs["distance_m"],
            theirs["duration_s"],
            theirs["avg_hr"],
        )
        assert mine.pace_s_per_km == theirs["avg_pace_s_per_km"]
        detail = await get(client, athlete, f"/api/v1/workouts/{theirs['id']}")
        assert mine.load == detail["load"] is not None

    # Aerobic band 70-80 % of 190 = 133-152 bpm: runs at 138-145 bpm, all 5:30/km.
    assert snap.easy_pace_s_per_km == 330.0
    assert snap.best_pace_s_per_km == 270.0  # the 5 km at 4:30/km; the 1.5 km is too short

    zones = await get(client, athlete, "/api/v1/analytics/zones")
    assert snap.hr_zones == tuple((z["name"], z["min_bpm"], z["max_bpm"]) for z in zones["zones"])
    assert snap.hr_zones

    # The latest value of each within the last 7 days.
    assert (snap.resting_hr, snap.hrv_ms, snap.sleep_hours) == (51, 64.0, 6.9)

    plan = snap.plan
    assert plan is not None
    assert (plan.goal, plan.phase) == ("10k", "base")
    assert plan.race_date is not None
    assert plan.weeks_to_race == (plan.race_date - today).days // 7
    assert plan.today_session == "Tempo 3 x 10 min"
    assert plan.next_session is not None and plan.next_session.endswith("Long run 16 km")

    text = render(snap)
    for expected in (
        f"fitness CTL {snap.ctl:.1f}",
        f"form TSB {snap.tsb:.1f}",
        f"Readiness: {snap.readiness_score}/100",
        f"This week: {snap.week_workouts} workouts",
        "typical easy 5:30/km",
        f"recent best {format_pace(270)}",
        "goal 10k",
        "today: Tempo 3 x 10 min",
        "resting HR 51 bpm",
        "HRV 64 ms",
        today.isoformat(),
        ZONE,
    ):
        assert expected in text, (expected, text)


async def test_a_history_from_before_stored_states_gives_the_same_snapshot(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    """The snapshot reads everything in one batch; a chart seeded by a row without a stored
    PMC state (written before states were stored) has the states stored, then read."""
    await trained_athlete(client, athlete)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=120)  # seeds the risk's chart
    body = {"sport": "run", "started_at": long_ago.isoformat(), "duration_s": 3000,
            "distance_m": 9000, "avg_hr": 150}  # fmt: skip
    await post(client, athlete, "/api/v1/workouts", body)
    user_id = uuid.UUID(athlete.id)
    before = await context.fresh_snapshot(user_id=user_id)
    await DailyLoad.filter(user_id=user_id).update(ctl=None, atl=None, acute=None, chronic=None)
    assert await context.fresh_snapshot(user_id=user_id) == before
    assert not await DailyLoad.filter(user_id=user_id, ctl__isnull=True).exists()


async def test_a_new_athlete_has_a_snapshot_without_numbers(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    snap = await context.build_snapshot(user_id=uuid.UUID(athlete.id))
    assert snap.name == "Alice" and snap.today is not None
    assert snap == AthleteSnapshot(name="Alice", today=snap.today, timezone=snap.timezone)
    assert not snap.has_workouts
    text = render(snap)
    assert "Training load: no data" in text
    assert "Recent workouts: none recorded yet" in text


async def test_a_missing_user_is_not_found(db: None) -> None:
    with pytest.raises(NotFound):
        await context.build_snapshot(user_id=uuid.uuid4())


def test_easy_pace_prefers_runs_in_the_aerobic_band() -> None:
    runs = [(300.0, 140.0, 5000.0), (320.0, 145.0, 8000.0), (250.0, 175.0, 5000.0)]
    assert context.easy_pace(runs, band=(133, 152)) == 310.0


def test_easy_pace_without_heart_rate_is_the_slower_half() -> None:
    runs = [(250.0, None, 5000.0), (300.0, None, 5000.0), (330.0, None, 8000.0), (340.0, None, 1e4)]
    assert context.easy_pace(runs, band=(133, 152)) == 335.0
    assert context.easy_pace([], band=(133, 152)) is None


def test_best_pace_ignores_short_runs_unless_there_is_nothing_else() -> None:
    assert context.best_pace([(240.0, None, 1500.0), (280.0, None, 5000.0)]) == 280.0
    assert context.best_pace([(240.0, None, 1500.0), (260.0, None, 2000.0)]) == 240.0
    assert context.best_pace([]) is None


# --- the cached snapshot ------------------------------------------------------------------


async def test_the_cached_snapshot_is_never_stale_after_a_write(
    client: httpx.AsyncClient, athlete: Athlete, quiet_queue: None
) -> None:
    """Cached under the athlete's cache version: each kind of write makes a new entry.

    The run's worker is held still (``quiet_queue``): a job the writes set off (a load
    recomputation) bumps the version when it ends, and landing between the two reads
    below it made the second one a miss (seen on a loaded machine)."""
    from runcoach import cache

    user_id = uuid.UUID(athlete.id)
    await trained_athlete(client, athlete)
    service = cache.service()

    async def version() -> bytes | None:
        return await service._client().get(cache.user_version_key(user_id))

    async def fresh() -> AthleteSnapshot:
        return await context.fresh_snapshot(user_id=user_id)

    first = await context.build_snapshot(user_id=user_id)
    assert first == await fresh()
    hits = service.stats["hits"]
    assert await context.build_snapshot(user_id=user_id) == first  # a hit
    assert service.stats["hits"] == hits + 1

    writes = [
        ("POST", "/api/v1/workouts", {"sport": "run", "duration_s": 1800, "distance_m": 5000,
                                       "started_at": dt.datetime.now(dt.UTC).isoformat()}),
        ("POST", "/api/v1/health-metrics", {"date": first.today.isoformat(), "resting_hr": 58}),
        ("PATCH", "/api/v1/me", {"name": "Renamed"}),
    ]  # fmt: skip
    for method, path, body in writes:
        before = await version()
        r = await client.request(method, path, json=body, headers=athlete.headers)
        assert r.status_code in (200, 201), r.text
        assert await version() != before, path
        cached = await context.build_snapshot(user_id=user_id)
        assert cached == await fresh(), path
    assert cached.name == "Renamed" and cached.resting_hr == 58.0
    assert cached.recent_workouts[0].distance_m == 5000


async def test_the_snapshot_works_without_redis(
    client: httpx.AsyncClient, athlete: Athlete, settings: Any
) -> None:
    from dataclasses import replace

    from runcoach import cache
    from tests.support.servers import free_port

    user_id = uuid.UUID(athlete.id)
    await trained_athlete(client, athlete)
    working = cache.service()
    cache.configure(replace(settings, redis_url=f"redis://127.0.0.1:{free_port()}/0"))
    try:
        snapshot = await context.build_snapshot(user_id=user_id)
    finally:
        await cache.service().aclose()
        cache._service = working
    assert snapshot == await context.build_snapshot(user_id=user_id)
