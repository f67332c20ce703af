"""The coach's view of the athlete: an ``AthleteSnapshot`` built from the analytics services.

Every number comes from the service behind its own endpoint (the same ones the
dashboard uses), so the coach quotes what the athlete sees in the app; the model
never computes one. It runs before every chat answer, so it reads little: the
user row once (its time zone is passed down), one chart-and-metrics read for
load, readiness and risk, and a handful of small indexed queries.

Paces (road runs, sport ``run``, of at least 1 km in the last 42 local days; the
workout's average pace over its moving time):

- typical easy pace: the median pace of the runs whose average HR lies in the
  aerobic band (70-80 % of max HR, the band the ``pace_at_hr`` trend uses); when
  none has HR in it, the median of the slower half of the runs.
- recent best pace: the fastest average pace of a run of at least 3 km (of any
  run of at least 1 km when there is no such run).
"""

from __future__ import annotations

import datetime as dt
import logging
import statistics
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import orjson

from runcoach import cache, db, localtime
from runcoach.athletes import service as athletes_service
from runcoach.athletes.models import User
from runcoach.llm.snapshot import (
    AthleteSnapshot,
    PlanSnapshot,
    RecentWorkout,
    from_json,
    to_json,
)
from runcoach.plans import service as plans_service
from runcoach.training import pmc, readiness, stats
from runcoach.training import schemas as training_schemas
from runcoach.training import service as training_service
from runcoach.training.zones import ZoneSet
from runcoach.workouts import sports

log = logging.getLogger("runcoach.coach")

__all__ = [
    "PACE_WINDOW_DAYS",
    "RECOVERY_DAYS",
    "best_pace",
    "build_snapshot",
    "easy_pace",
    "fresh_snapshot",
]

RECENT_WORKOUTS = 5
PLAN_SESSIONS = 8  # the plan's sessions read from today on (today's and the next one)
PACE_WINDOW_DAYS = pmc.CTL_DAYS  # the runs paces are estimated from
RECOVERY_DAYS = 7  # resting HR, HRV and sleep older than this are not "latest"
if RECOVERY_DAYS > training_service.STATE_METRIC_DAYS:  # _recovery reads the readiness rows
    raise ImportError("the readiness read must cover RECOVERY_DAYS")
BEST_PACE_MIN_DISTANCE_M = 3000.0


async def build_snapshot(*, user_id: uuid.UUID) -> AthleteSnapshot:
    """The athlete's numbers for the coach, as of their local today. Read-only.

    A new athlete gets a snapshot without numbers; a missing user is ``NotFound``.
    Cached in the "computations" class under the athlete's cache version
    (``runcoach.cache``) until their local midnight: any write of their data, or a new
    day, makes a new entry, so a cached snapshot is never stale; Redis failing only
    costs the rebuild; a snapshot decoded once is kept in this process (``cache.decoded``).
    """
    built: list[AthleteSnapshot] = []

    async def compute() -> bytes:
        built.append(await fresh_snapshot(user_id=user_id))
        return to_json(built[-1])

    async def midnight() -> int:  # called after compute: the zone is the snapshot's
        zone = built[-1].timezone if built else None
        return int(localtime.next_local_midnight(zone or "UTC").timestamp() * 1000)

    entry, _ = await cache.service().fetch(
        "computations", user_id, "coach:snapshot", compute, valid_until=midnight
    )
    if built:  # this call computed the entry
        return cache.remember(entry, built[-1], kind="coach:snapshot")
    return cache.decoded(entry, from_json, kind="coach:snapshot")


async def fresh_snapshot(*, user_id: uuid.UUID) -> AthleteSnapshot:
    """The snapshot built from the database now, without the cache. Read-only."""
    return await _build(await athletes_service.get_user(user_id=user_id))


async def _build(user: User) -> AthleteSnapshot:
    """Two round trips: the user, then every read of the snapshot in one batch
    (``db.fetch_batch``), each the read of the service that owns the number."""
    user_id = user.id
    zone = stats.zone_name(user)
    today = localtime.local_today(zone)
    runs_since = localtime.day_start(today - dt.timedelta(days=PACE_WINDOW_DAYS - 1), zone)
    (
        metric_rows,
        chart_rows,
        source_rows,
        week_rows,
        recent_rows,
        run_rows,
        zone_rows,
        plan_rows,
        session_rows,
    ) = await db.fetch_batch(
        *training_service.state_reads(user_id, today),
        # the unit of the loads behind today's CTL: those of the last 42 days
        training_service.sources_read(user_id, today - dt.timedelta(days=pmc.CTL_DAYS)),
        stats.period_read(user_id=user_id, period="week", count=1, today=today, timezone=zone),
        db.Read(_RECENT_SQL, (user_id, RECENT_WORKOUTS)),
        db.Read(_RUNS_SQL, (user_id, list(sports.PACE), runs_since, stats.PACE_MIN_DISTANCE_M)),
        training_service.zones_read(user_id),
        plans_service.active_plan_read(user_id=user_id, day=today),
        plans_service.upcoming_sessions_read(user_id=user_id, day=today, limit=PLAN_SESSIONS),
    )
    state = training_service.state_of(today, metric_rows, chart_rows)
    if state is None:  # a history from before stored PMC states: stored once, then read
        state = await training_service.today_state(user_id=user_id, timezone=zone)
    ready, risk, pmc_today = state
    has_load = pmc_today is not None and bool(pmc_today.ctl or pmc_today.atl or pmc_today.load)
    load = training_schemas.load_day(pmc_today) if has_load and pmc_today is not None else None
    unit = training_service.unit_of(source_rows)
    week = stats.period_of(week_rows, "week", 1, today, zone)["periods"][0]
    recent = _recent_workouts(recent_rows, zone)
    trained = bool(week["count"] or recent)  # a new athlete's week is "no data", not zeros
    easy, best = _paces(user, run_rows, today)
    history = training_service.zone_history_of(user, zone_rows)
    recovery = _recovery(metric_rows, today)

    return AthleteSnapshot(
        name=user.name or None,
        today=today,
        timezone=zone,
        ctl=load["ctl"] if load else None,
        atl=load["atl"] if load else None,
        tsb=load["tsb"] if load else None,
        acwr=load["acwr"] if load else None,
        ramp_rate=load["ramp"] if load else None,
        load_unit=unit if load and unit != "none" else None,
        readiness_score=ready.score,
        readiness_confidence=ready.confidence if ready.score is not None else None,
        readiness_components=_components(ready),
        risk_level=risk.level if has_load or risk.factors else None,
        risk_factors=tuple(f.message for f in risk.factors),
        week_distance_m=week["distance_m"] if trained else None,
        week_duration_s=week["duration_s"] if trained else None,
        week_workouts=week["count"] if trained else None,
        recent_workouts=recent,
        easy_pace_s_per_km=easy,
        best_pace_s_per_km=best,
        hr_zones=_zones(history.at(today)),
        plan=_plan(plan_rows, session_rows, today),
        resting_hr=recovery.get("resting_hr"),
        hrv_ms=recovery.get("hrv_ms"),
        sleep_hours=recovery.get("sleep_hours"),
    )


def _components(ready: readiness.Readiness) -> dict[str, float] | None:
    """Each component's score, rounded as the readiness endpoint shows it."""
    if ready.score is None or not ready.components:
        return None
    return {name: round(c.score, 1) for name, c in ready.components.items()}


def _zones(zone_set: ZoneSet | None) -> tuple[tuple[str, int, int], ...] | None:
    if zone_set is None:
        return None
    return tuple((z.name, z.min_bpm, z.max_bpm) for z in zone_set.zones)


_RECENT_SQL = (
    "SELECT started_at, sport, distance_m, duration_s, avg_hr, avg_pace_s_per_km, load"
    " FROM workouts WHERE user_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2"
)


def _recent_workouts(rows: Sequence[Mapping[str, Any]], zone: str) -> tuple[RecentWorkout, ...]:
    """The newest workouts (the order of the workout list), with their training load."""
    return tuple(
        RecentWorkout(
            date=localtime.local_date(r["started_at"], zone),
            sport=r["sport"],
            distance_m=r["distance_m"],
            duration_s=r["duration_s"],
            avg_hr=r["avg_hr"],
            pace_s_per_km=r["avg_pace_s_per_km"],
            load=r["load"],
        )
        for r in rows
    )


_RUNS_SQL = (
    "SELECT avg_pace_s_per_km AS pace, avg_hr AS hr, distance_m AS distance FROM workouts"
    " WHERE user_id = $1 AND sport = ANY($2::varchar[]) AND started_at >= $3"
    " AND distance_m >= $4 AND avg_pace_s_per_km IS NOT NULL"
)


def _paces(
    user: User, runs: Sequence[Mapping[str, Any]], today: dt.date
) -> tuple[float | None, float | None]:
    band = stats.aerobic_band(user, on=today)
    typed = [
        (float(r["pace"]), None if r["hr"] is None else float(r["hr"]), float(r["distance"]))
        for r in runs
    ]
    return (
        easy_pace(typed, band=(band["min_bpm"], band["max_bpm"])),
        best_pace(typed),
    )


def easy_pace(
    runs: Sequence[tuple[float, float | None, float]], *, band: tuple[int, int]
) -> float | None:
    """Typical easy pace of ``(pace, avg_hr, distance)`` runs (see the module docstring)."""
    if not runs:
        return None
    low, high = band
    aerobic = [pace for pace, hr, _ in runs if hr is not None and low <= hr <= high]
    if aerobic:
        return round(statistics.median(aerobic), 1)
    paces = sorted(pace for pace, _, _ in runs)
    slower_half = paces[len(paces) // 2 :]
    return round(statistics.median(slower_half), 1)


def best_pace(runs: Sequence[tuple[float, float | None, float]]) -> float | None:
    """Recent best pace of ``(pace, avg_hr, distance)`` runs (see the module docstring)."""
    long_enough = [pace for pace, _, d in runs if d >= BEST_PACE_MIN_DISTANCE_M]
    paces = long_enough or [pace for pace, _, _ in runs]
    return round(min(paces), 1) if paces else None


def _recovery(metric_rows: Sequence[Mapping[str, Any]], today: dt.date) -> dict[str, float]:
    """The latest resting HR, HRV and sleep of the last ``RECOVERY_DAYS`` days, each its own
    (from the rows of the readiness read, which reach further back)."""
    since = today - dt.timedelta(days=RECOVERY_DAYS)
    latest: dict[str, float] = {}
    for row in sorted(metric_rows, key=lambda r: r["date"], reverse=True):
        if not since < row["date"] <= today:
            continue
        for name in ("resting_hr", "hrv_ms", "sleep_hours"):
            value = row[name]
            if value is not None and name not in latest:
                latest[name] = float(value)
    return latest


def _plan(
    plan_rows: Sequence[Mapping[str, Any]],
    sessions: Sequence[Mapping[str, Any]],
    today: dt.date,
) -> PlanSnapshot | None:
    """The newest ready plan still running today, with today's and the next session."""
    if not plan_rows:
        return None
    plan = plan_rows[0]
    weeks = plan["weeks"]
    if isinstance(weeks, str | bytes):  # jsonb, as PostgreSQL sends it
        weeks = orjson.loads(weeks)
    todays = [s for s in sessions if s["date"] == today and s["type"] != "rest"]
    upcoming = [s for s in sessions if s["date"] > today and s["type"] != "rest"]
    race = plan["race_date"]
    weeks_to_race = (race - today).days // 7 if race is not None and race >= today else None
    return PlanSnapshot(
        goal=plan["goal"],
        race_date=race,
        weeks_to_race=weeks_to_race,
        phase=_phase(weeks, today, sessions[0]["week"] if sessions else None),
        today_session="; ".join(s["description"] for s in todays) or None,
        next_session=_session_text(upcoming[0]) if upcoming else None,
    )


def _session_text(session: Mapping[str, Any]) -> str:
    day: dt.date = session["date"]
    return f"{day:%A} {day.isoformat()}: {session['description']}"


def _phase(weeks: list[dict[str, Any]], today: dt.date, week_index: int | None) -> str | None:
    """The phase of the plan week holding ``today``, else of the next session's week."""
    iso = today.isoformat()
    entries = [(i, w) for i, w in enumerate(weeks or [], start=1) if isinstance(w, dict)]
    for _, week in entries:
        if str(week.get("starts_on") or "~") <= iso <= str(week.get("ends_on") or ""):
            return _str(week.get("phase"))
    for i, week in entries:
        if week_index is not None and week.get("index", i) == week_index:
            return _str(week.get("phase"))
    return None


def _str(value: Any) -> str | None:
    return str(value) if value else None
