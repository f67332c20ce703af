"""The load pipeline: workout loads, DailyLoad rows kept per local day, zone versions, events."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import uuid
from typing import Any

import httpx
import pytest

from runcoach.events import Event
from runcoach.training import service
from runcoach.training.load import workout_load
from runcoach.training.models import DailyLoad, LoadState, ZoneVersion
from runcoach.training.zones import ZoneProfile
from runcoach.workouts import service as workouts_service
from runcoach.workouts.activity import ActivityData
from runcoach.workouts.models import Workout
from tests.support.athletes import Athlete
from tests.support.jobs import queued_messages, workers_paused

UTC = dt.UTC


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=UTC)


def waiting_actors() -> list[str]:
    """The actor names of the messages waiting in the "training" queue, in order."""
    return [m["actor_name"] for m in queued_messages("training")]


def days_ago(n: int) -> dt.date:
    return dt.datetime.now(UTC).date() - dt.timedelta(days=n)


async def log_workout(
    client: httpx.AsyncClient, who: Athlete, started_at: dt.datetime, **fields: Any
) -> dict[str, Any]:
    body = {"sport": "run", "started_at": started_at.isoformat(), "duration_s": 3600, **fields}
    r = await client.post("/api/v1/workouts/", json=body, headers=who.headers)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def daily(user_id: str) -> dict[dt.date, tuple[float, int]]:
    rows = await DailyLoad.filter(user_id=user_id).order_by("date")
    return {row.date: (row.load, row.workouts) for row in rows}


async def test_a_logged_workout_reports_its_load_and_fills_its_day(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    day = days_ago(2)
    body = await log_workout(client, athlete, at(day), rpe=6)
    assert body["load_source"] == "session_rpe"
    assert body["load"] == pytest.approx(6 * 60 / 6)
    await log_workout(client, athlete, at(day, 18), rpe=3, duration_s=1800)
    assert await daily(athlete.id) == {day: (pytest.approx(60 + 15), 2)}
    r = await client.get(f"/api/v1/workouts/{body['id']}", headers=athlete.headers)
    assert r.json()["load_source"] == "session_rpe"


async def test_hr_sources_follow_the_profile(client: httpx.AsyncClient, athlete: Athlete) -> None:
    r = await client.patch(
        "/api/v1/me", json={"max_hr": 190, "resting_hr": 50}, headers=athlete.headers
    )
    assert r.status_code == 200
    body = await log_workout(client, athlete, at(days_ago(1)), avg_hr=150)
    assert body["load_source"] == "avg_hr_trimp"  # no LTHR: raw TRIMP
    await client.patch("/api/v1/me", json={"lthr": 170}, headers=athlete.headers)
    body = await log_workout(client, athlete, at(days_ago(1), 7), avg_hr=150)
    assert body["load_source"] == "avg_hr_tss"

    start = at(days_ago(3))
    samples = [(t, 160) for t in range(0, 3600, 5)]
    stored = await workouts_service.store_activity(
        user_id=uuid.UUID(athlete.id),
        activity=ActivityData(
            sport="run", started_at=start, duration_s=3600, source="fit", hr_samples=samples
        ),
    )
    assert stored is not None and stored.load_source == "hr_tss"
    expected = workout_load(
        hr_samples=samples, avg_hr=None, duration_s=3600, rpe=None, lthr=170,
        resting_hr=50, max_hr=190, sex=None,
    )  # fmt: skip
    assert stored.load == pytest.approx(expected.value, abs=0.01)
    assert (await daily(athlete.id))[start.date()] == (pytest.approx(stored.load), 1)


async def test_days_follow_updates_and_deletes(client: httpx.AsyncClient, athlete: Athlete) -> None:
    old_day, new_day = days_ago(5), days_ago(3)
    body = await log_workout(client, athlete, at(old_day), rpe=6)
    assert await daily(athlete.id) == {old_day: (pytest.approx(60), 1)}

    url = f"/api/v1/workouts/{body['id']}"
    r = await client.patch(
        url, json={"started_at": at(new_day).isoformat()}, headers=athlete.headers
    )
    assert r.status_code == 200, r.text
    assert await daily(athlete.id) == {new_day: (pytest.approx(60), 1)}

    r = await client.patch(url, json={"rpe": 9}, headers=athlete.headers)
    assert r.json()["load"] == pytest.approx(90)
    assert await daily(athlete.id) == {new_day: (pytest.approx(90), 1)}

    r = await client.delete(url, headers=athlete.headers)
    assert r.status_code == 204
    assert await daily(athlete.id) == {}


async def test_days_are_local_days(client: httpx.AsyncClient) -> None:
    from tests.support.athletes import register

    who = await register(client, timezone="America/New_York")
    day = days_ago(4)
    await log_workout(client, who, at(day, 3), rpe=6)  # 03:00 UTC is the evening before in NY
    assert await daily(who.id) == {day - dt.timedelta(days=1): (pytest.approx(60), 1)}


async def test_an_old_workout_keeps_the_zones_of_its_day(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    user_id = uuid.UUID(athlete.id)
    old = ZoneProfile(max_hr=200, resting_hr=40, lthr=180)
    await service.record_zone_version(user_id=user_id, profile=old, effective_from=days_ago(30))
    body = await log_workout(client, athlete, at(days_ago(10)), avg_hr=150)
    first = body["load"]
    assert body["load_source"] == "avg_hr_tss"

    r = await client.patch(
        "/api/v1/me", json={"max_hr": 185, "resting_hr": 55, "lthr": 165}, headers=athlete.headers
    )
    assert r.status_code == 200
    versions = await ZoneVersion.filter(user_id=user_id).order_by("effective_from")
    assert [(v.effective_from, v.lthr) for v in versions] == [
        (days_ago(30), 180),
        (dt.datetime.now(UTC).date(), 165),
    ]
    loads = await service.refresh_workout_loads(
        user_id=user_id, workout_ids=[uuid.UUID(body["id"])]
    )
    assert loads[uuid.UUID(body["id"])][0] == pytest.approx(first)
    recent = await log_workout(client, athlete, dt.datetime.now(UTC) - dt.timedelta(minutes=1),
                               avg_hr=150)  # fmt: skip
    assert recent["load"] != pytest.approx(first)  # the new profile: a harder 150 bpm

    # A change later today reloads today's workout (and only today's) with the new zones.
    r = await client.patch("/api/v1/me", json={"lthr": 160}, headers=athlete.headers)
    assert r.status_code == 200
    reloaded = await Workout.get(id=recent["id"])
    assert reloaded.load is not None and reloaded.load > recent["load"]
    assert (await Workout.get(id=body["id"])).load == pytest.approx(first)
    today = dt.datetime.now(UTC).date()
    assert (await daily(athlete.id))[today][0] == pytest.approx(reloaded.load)


async def test_the_first_profile_change_keeps_the_profile_before_it(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    await client.patch("/api/v1/me", json={"max_hr": 190}, headers=athlete.headers)
    await client.patch("/api/v1/me", json={"max_hr": 180}, headers=athlete.headers)
    rows = await ZoneVersion.filter(user_id=athlete.id).order_by("effective_from")
    # No profile before the first change: one version; a same-day change replaces it.
    assert [(v.effective_from, v.max_hr) for v in rows] == [(dt.datetime.now(UTC).date(), 180)]


async def test_overtraining_is_recorded_once_per_episode(db: None) -> None:
    """The service is called directly; a running worker is paused so it cannot race it."""
    with workers_paused():
        await _overtraining_episodes()


async def _overtraining_episodes() -> None:
    from runcoach.athletes.models import User

    user = await User.create(email="ot@example.com", password_hash="x", name="OT")
    today = dt.datetime.now(UTC).date()

    async def run(day: dt.date, rpe: int, minutes: int) -> None:
        await workouts_service.create_workout(
            user_id=user.id,
            fields={"sport": "run", "started_at": at(day, 6), "duration_s": minutes * 60,
                    "rpe": rpe},
        )  # fmt: skip

    for n in range(40, 3, -1):  # weeks of steady training, 40 TSS a day
        await run(today - dt.timedelta(days=n), 4, 60)
    for n in range(3, 0, -1):  # then three 300-TSS days
        await run(today - dt.timedelta(days=n), 10, 180)
    spike = today - dt.timedelta(days=3)
    before = await service.recompute_risk(user_id=user.id, day=spike - dt.timedelta(days=1))
    assert before is not None and before.level == "low"

    risk = await service.recompute_risk(user_id=user.id, day=spike)
    assert risk is not None and risk.level == "high"
    events = await Event.filter(user_id=user.id)
    assert [(e.kind, e.key) for e in events] == [("overtraining_detected", spike.isoformat())]
    # Retried: nothing new.
    await service.recompute_risk(user_id=user.id, day=spike)
    # The next days, and another hard workout while still high: the same episode.
    await service.recompute_risk(user_id=user.id, day=spike + dt.timedelta(days=1))
    await run(today, 10, 120)
    risk = await service.recompute_risk(user_id=user.id, day=today)
    assert risk is not None and risk.level == "high"
    assert await Event.filter(user_id=user.id).count() == 1
    state = await LoadState.get(user_id=user.id)
    assert (state.risk_level, state.episode_started_on) == ("high", spike)

    # Rest until the risk falls: the episode closes; a later spike is a new episode.
    later = today + dt.timedelta(days=30)
    risk = await service.recompute_risk(user_id=user.id, day=later)
    assert risk is not None and risk.level != "high"
    state = await LoadState.get(user_id=user.id)
    assert state.episode_started_on is None
    await DailyLoad.create(user_id=user.id, date=later + dt.timedelta(days=1), load=900)
    await DailyLoad.create(user_id=user.id, date=later + dt.timedelta(days=2), load=900)
    risk = await service.recompute_risk(user_id=user.id, day=later + dt.timedelta(days=3))
    assert risk is not None and risk.level == "high"
    assert await Event.filter(user_id=user.id).count() == 2


async def test_recompute_risk_for_a_deleted_user_is_a_no_op(db: None) -> None:
    assert await service.recompute_risk(user_id=uuid.uuid4()) is None
    assert not await Workout.all().exists()


async def test_concurrent_workouts_of_one_day_all_count(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    day = days_ago(1)
    await asyncio.gather(*(log_workout(client, athlete, at(day, h), rpe=6) for h in range(6, 14)))
    assert await daily(athlete.id) == {day: (pytest.approx(8 * 60), 8)}


async def test_writes_queue_a_risk_recompute(client: httpx.AsyncClient, athlete: Athlete) -> None:
    with workers_paused():
        body = await log_workout(client, athlete, at(days_ago(1)), rpe=5)
        r = await client.post(
            "/api/v1/health-metrics/",
            json={"date": days_ago(1).isoformat(), "resting_hr": 50},
            headers=athlete.headers,
        )
        assert r.status_code == 201
        r = await client.delete(f"/api/v1/workouts/{body['id']}", headers=athlete.headers)
        assert r.status_code == 204
        assert waiting_actors() == ["training.recompute_risk"] * 3


@pytest.mark.slow
async def test_the_worker_records_the_event_after_a_spike(
    client: httpx.AsyncClient, athlete: Athlete, worker_process: subprocess.Popen[bytes]
) -> None:
    for n in range(40, 3, -1):
        await log_workout(client, athlete, at(days_ago(n)), rpe=4)
    for n in range(3, 0, -1):
        await log_workout(client, athlete, at(days_ago(n)), rpe=10, duration_s=10800)
    for _ in range(150):  # up to 30 s for the worker to run the queued recomputes
        events = await Event.filter(user_id=athlete.id)
        if events:
            break
        await asyncio.sleep(0.2)
    assert worker_process.poll() is None, "the worker died"
    assert [(e.kind, e.key) for e in events] == [
        ("overtraining_detected", dt.datetime.now(UTC).date().isoformat())
    ]
    await asyncio.sleep(1)  # the remaining queued recomputes: still one event
    assert await Event.filter(user_id=athlete.id).count() == 1
    state = await LoadState.get(user_id=athlete.id)
    assert state.risk_level == "high"


async def _full_chart(user_id: uuid.UUID, end: dt.date) -> dict[dt.date, Any]:
    """The reference: the PMC over every DailyLoad row from the first, as GoldenCheetah does."""
    from runcoach.training import pmc

    rows = await DailyLoad.filter(user_id=user_id).values_list("date", "load")
    loads = dict(rows)
    return {p.date: p for p in pmc.compute(loads, start=min(loads), end=end)}


async def _check_windows(user_id: uuid.UUID, today: dt.date) -> None:
    full = await _full_chart(user_id, today)
    for days in (1, 7, 30, 90, 365, 700):
        series, _ = await service.load_series(user_id=user_id, days=days, today=today)
        assert len(series) == days
        for got in series:
            want = full.get(got.date)
            if want is None:  # before the first workout: an empty day
                assert (got.ctl, got.atl, got.load) == (0.0, 0.0, 0.0)
                continue
            assert got.load == pytest.approx(want.load, abs=1e-9)
            assert got.ctl == pytest.approx(want.ctl, abs=1e-9)
            assert got.atl == pytest.approx(want.atl, abs=1e-9)
            assert got.tsb == pytest.approx(want.tsb, abs=1e-9)
            assert got.ramp == pytest.approx(want.ramp, abs=1e-9)
            assert got.acwr == pytest.approx(want.acwr, abs=1e-9)
    # The stored state of every row is the chart's state at the end of its day.
    for row in await DailyLoad.filter(user_id=user_id):
        assert row.ctl == pytest.approx(full[row.date].ctl, abs=1e-9)
        assert row.atl == pytest.approx(full[row.date].atl, abs=1e-9)


async def test_charts_read_from_stored_states_equal_the_whole_history(db: None) -> None:
    """Creates, an edit of an old workout, a delete and a long break: windows stay exact."""
    from runcoach.athletes.models import User

    user = await User.create(email="pmc@example.com", password_hash="x", name="PMC")
    today = dt.datetime.now(UTC).date()
    created = []
    for n in range(500, 0, -1):
        if n % 7 in (2, 5) or 200 <= n < 260:  # rest days, and a two-month break
            continue
        workout = await workouts_service.create_workout(
            user_id=user.id,
            fields={"sport": "run", "started_at": at(today - dt.timedelta(days=n), 7),
                    "duration_s": 1800 + 60 * (n % 50), "rpe": 3 + n % 6},
        )  # fmt: skip
        created.append(workout)
    await _check_windows(user.id, today)

    # An old workout gets harder, another disappears: every later state moves.
    await workouts_service.update_workout(
        user_id=user.id, workout_id=created[10].id, changes={"rpe": 10, "duration_s": 3 * 3600}
    )
    await workouts_service.delete_workout(user_id=user.id, workout_id=created[40].id)
    await _check_windows(user.id, today)

    # Rows written before states were stored: the first read stores them.
    await DailyLoad.filter(user_id=user.id).update(ctl=None, atl=None, acute=None, chronic=None)
    await _check_windows(user.id, today)
    assert not await DailyLoad.filter(user_id=user.id, ctl__isnull=True).exists()


async def test_a_time_zone_or_sex_change_rebuilds_every_day(
    client: httpx.AsyncClient, athlete: Athlete
) -> None:
    """Local days move with the zone: 23:30 UTC is the next day in Tokyo."""
    day = days_ago(20)
    late = dt.datetime.combine(day, dt.time(23, 30), tzinfo=UTC)
    with workers_paused():
        await log_workout(client, athlete, late, rpe=6)
        await log_workout(client, athlete, at(days_ago(10)), rpe=4)
        assert (await daily(athlete.id))[day] == (pytest.approx(60), 1)
        before = list(waiting_actors())
        r = await client.patch("/api/v1/me", json={"name": "Same"}, headers=athlete.headers)
        assert r.status_code == 200 and waiting_actors() == before  # nothing to rebuild
        r = await client.patch(
            "/api/v1/me", json={"timezone": "Asia/Tokyo"}, headers=athlete.headers
        )
        assert r.status_code == 200
        assert waiting_actors() == [*before, "training.rebuild_loads"]
        # What the job runs:
        assert await service.rebuild_loads(user_id=uuid.UUID(athlete.id)) == 2
    days = await daily(athlete.id)
    assert day not in days and days[day + dt.timedelta(days=1)] == (pytest.approx(60), 1)
    series, _ = await service.load_series(user_id=uuid.UUID(athlete.id), days=30)
    assert [p.load for p in series if p.load] == [pytest.approx(60), pytest.approx(40)]

    with workers_paused():
        r = await client.patch("/api/v1/me", json={"sex": "female"}, headers=athlete.headers)
        assert waiting_actors()[-1] == "training.rebuild_loads"
    assert await service.rebuild_loads(user_id=uuid.uuid4()) == 0  # a user that is gone
