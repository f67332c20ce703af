"""Training analytics: zone versions, per-workout and per-day load, PMC, readiness, risk.

The science lives in the pure modules (zones, load, pmc, readiness, overtraining); this
module reads and writes the rows they work on. Loads are kept incrementally: a workout
write refreshes that workout's load and the DailyLoad rows of the local days it touched,
and every chart is computed from DailyLoad rows, never from samples.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from tortoise import Tortoise
from tortoise.transactions import in_transaction

from runcoach import changelog, db, jobs, localtime
from runcoach.athletes import versions
from runcoach.athletes.models import User
from runcoach.errors import NotFound
from runcoach.events import EventKind, record_event
from runcoach.logs import event
from runcoach.training import overtraining, pmc, readiness
from runcoach.training.load import workout_load
from runcoach.training.models import DailyLoad, LoadState, ZoneVersion
from runcoach.training.zones import ZoneHistory, ZoneProfile, ZoneSet, age_on, tanaka_max_hr
from runcoach.workouts.models import Workout, WorkoutStream

log = logging.getLogger("runcoach.training")

PROFILE_FIELDS = ("max_hr", "resting_hr", "lthr", "birth_date")
# The version that holds the profile in force before the first recorded change.
BEFORE_ANY_CHANGE = dt.date(1900, 1, 1)
METRIC_HISTORY_DAYS = readiness.BASELINE_DAYS + overtraining.STREAK_HIGH_DAYS + 1
# The chart days the risk reads: strain compares this week with the weeks before.
RISK_CHART_DAYS = 7 * (overtraining.STRAIN_HISTORY_WEEKS + 1)
# The unit of the number stored in Workout.load, by load_source.
SOURCE_UNITS = {
    "hr_tss": "tss",
    "avg_hr_tss": "tss",
    "session_rpe": "tss",
    "trimp": "trimp",
    "avg_hr_trimp": "trimp",
}


async def _user(user_id: uuid.UUID) -> User:
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise NotFound("no such user")
    return user


def _profile_of(source: Any) -> ZoneProfile:
    return ZoneProfile(**{name: getattr(source, name) for name in PROFILE_FIELDS})


# --- zones ------------------------------------------------------------------------------


_ZONES_SQL = (
    "SELECT effective_from, max_hr, resting_hr, lthr, birth_date FROM zone_versions"
    " WHERE user_id = $1 ORDER BY effective_from"
)


def zones_read(user_id: uuid.UUID) -> db.Read:
    """The read behind ``zone_history`` (``db.fetch_batch``; ``zone_history_of`` its rows)."""
    return db.Read(_ZONES_SQL, (user_id,))


def zone_history_of(user: User, rows: Sequence[Mapping[str, Any]]) -> ZoneHistory:
    """The history from ``zones_read``'s rows (the current profile when none was recorded)."""
    if not rows:
        return ZoneHistory([(BEFORE_ANY_CHANGE, _profile_of(user))])
    return ZoneHistory(
        (row["effective_from"], ZoneProfile(**{name: row[name] for name in PROFILE_FIELDS}))
        for row in rows
    )


async def zone_history(*, user: User) -> ZoneHistory:
    """The user's HR profile versions by date (the current profile when none was recorded)."""
    read = zones_read(user.id)
    return zone_history_of(user, await db.fetch_all(read.sql, *read.args))


async def record_zone_version(
    *,
    user_id: uuid.UUID,
    profile: ZoneProfile,
    effective_from: dt.date,
    previous: ZoneProfile | None = None,
) -> ZoneVersion:
    """Record ``profile`` as in force from ``effective_from``. Idempotent (upsert by day).

    On the first change, ``previous`` (the profile before it) is kept as the version in
    force before any change, so that older workouts keep their zones.
    """
    if (
        previous is not None
        and previous != ZoneProfile()
        and not await ZoneVersion.filter(user_id=user_id).exists()
    ):
        first = ZoneVersion(user_id=user_id, effective_from=BEFORE_ANY_CHANGE, **_fields(previous))
        await ZoneVersion.bulk_create(
            [first], on_conflict=["user_id", "effective_from"], ignore_conflicts=True
        )
    values = _fields(profile)
    row, created = await ZoneVersion.get_or_create(
        user_id=user_id, effective_from=effective_from, defaults=values
    )
    if not created and any(getattr(row, k) != v for k, v in values.items()):
        for key, value in values.items():
            setattr(row, key, value)
        await row.save(update_fields=list(values))
    event(log, "training.zone_version", user_id=str(user_id), effective_from=str(effective_from))
    return row


def _fields(profile: ZoneProfile) -> dict[str, Any]:
    return {name: getattr(profile, name) for name in PROFILE_FIELDS}


async def current_zones(*, user_id: uuid.UUID) -> tuple[ZoneSet | None, dt.date | None]:
    """The zones in force today in the user's time zone, and the day they took effect."""
    user = await _user(user_id)
    today = localtime.local_today(user.timezone)
    history = await zone_history(user=user)
    zones = history.at(today)
    effective = max((d for d, _ in history.versions if d <= today), default=None)
    return zones, None if effective == BEFORE_ANY_CHANGE else effective


# --- loads ------------------------------------------------------------------------------


def _load_of(
    workout: Workout,
    samples: list[list[int]],
    profile: ZoneProfile | None,
    sex: str | None,
    day: dt.date,
) -> tuple[float, str | None]:
    max_hr = profile.max_hr if profile else None
    if max_hr is None and profile is not None and profile.birth_date is not None:
        age = age_on(profile.birth_date, day)
        max_hr = tanaka_max_hr(age) if age >= 0 else None
    result = workout_load(
        hr_samples=[(float(t), float(b)) for t, b in samples],
        avg_hr=workout.avg_hr,
        duration_s=workout.duration_s,
        rpe=workout.rpe,
        lthr=profile.lthr if profile else None,
        resting_hr=profile.resting_hr if profile else None,
        max_hr=max_hr,
        sex=sex,
    )
    if result.source == "none":
        return 0.0, None
    source: str = result.source
    if source == "avg_hr_trimp" and result.unit == "tss":
        source = "avg_hr_tss"
    return round(result.value, 2), source


async def refresh_workout_loads(
    *, user_id: uuid.UUID, workout_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, tuple[float, str | None]]:
    """Compute and store each workout's load with the profile of its day. Idempotent."""
    return await _refresh_workout_loads(await _user(user_id), list(workout_ids))


async def _refresh_workout_loads(
    user: User, ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[float, str | None]]:
    if not ids:
        return {}
    user_id = user.id
    history = await zone_history(user=user)
    workouts = await Workout.filter(user_id=user_id, id__in=ids)
    streams = {
        s.workout_id: s.hr_samples  # type: ignore[attr-defined]
        for s in await WorkoutStream.filter(workout_id__in=[w.id for w in workouts])
    }
    results: dict[uuid.UUID, tuple[float, str | None]] = {}
    moved = []
    for workout in workouts:
        day = localtime.local_date(workout.started_at, user.timezone)
        profile = history.profile_at(day)
        load, source = _load_of(workout, streams.get(workout.id, []), profile, user.sex, day)
        results[workout.id] = (load, source)
        if (workout.load, workout.load_source) != (load, source):
            await Workout.filter(id=workout.id).update(load=load, load_source=source)
            moved.append(workout.id)
    # a workout's load is part of its answer: a new one is a change for /sync
    await changelog.touch(changelog.ChangeKind.WORKOUTS, user_id=user_id, ids=moved)
    return results


_DAY_SQL = (
    "SELECT (started_at AT TIME ZONE $2)::date AS day, COALESCE(SUM(load), 0) AS load,"
    " COUNT(*) AS workouts, COALESCE(SUM(duration_s), 0) AS duration_s,"
    " COALESCE(SUM(distance_m), 0) AS distance_m FROM workouts"
    " WHERE user_id = $1 AND started_at >= $3 AND started_at < $4 GROUP BY day"
)


async def refresh_daily_loads(*, user_id: uuid.UUID, dates: Iterable[dt.date]) -> None:
    """Recompute the DailyLoad rows of the given local days from their workouts. Idempotent."""
    await _refresh_daily_loads(await _user(user_id), set(dates))


async def _refresh_daily_loads(user: User, days: set[dt.date]) -> None:
    if not days:
        return
    user_id = user.id
    lo = localtime.day_start(min(days), user.timezone)
    hi = localtime.day_start(max(days) + dt.timedelta(days=1), user.timezone)
    rows = await db.fetch_all(_DAY_SQL, user_id, user.timezone, lo, hi)
    found = {row["day"]: row for row in rows if row["day"] in days}
    if found:
        await DailyLoad.bulk_create(
            [
                DailyLoad(
                    user_id=user_id,
                    date=day,
                    load=float(row["load"]),
                    workouts=int(row["workouts"]),
                    duration_s=float(row["duration_s"]),
                    distance_m=float(row["distance_m"]),
                )
                for day, row in found.items()
            ],
            on_conflict=["user_id", "date"],
            update_fields=["load", "workouts", "duration_s", "distance_m", "updated_at"],
        )
    empty = days - found.keys()
    if empty:
        await DailyLoad.filter(user_id=user_id, date__in=list(empty)).delete()
    await _refresh_states(user_id, since=min(days))


_STATES_SQL = (
    "SELECT date, load, ctl, atl, acute, chronic FROM daily_loads"
    " WHERE user_id = $1 AND date >= COALESCE("
    "(SELECT max(date) FROM daily_loads WHERE user_id = $1 AND date < $2), $2)"
    " ORDER BY date"
)
_STORE_STATES_SQL = (
    "UPDATE daily_loads AS d SET ctl = v.ctl, atl = v.atl, acute = v.acute,"
    " chronic = v.chronic FROM unnest($2::date[], $3::float8[], $4::float8[], $5::float8[],"
    " $6::float8[]) AS v(date, ctl, atl, acute, chronic)"
    " WHERE d.user_id = $1 AND d.date = v.date"
)


def _stored(row: Mapping[str, Any]) -> pmc.PmcState:
    return pmc.stored_state(
        row["date"],
        load=row["load"],
        ctl=row["ctl"],
        atl=row["atl"],
        acute=row["acute"],
        chronic=row["chronic"],
    )


async def _refresh_states(user_id: uuid.UUID, *, since: dt.date | None) -> None:
    """Store the PMC state of every DailyLoad row from ``since`` on (all when None).

    Steps from the stored state of the last row before ``since``; when that row has none
    (written before states were stored) it starts over from the first row. Writes of one
    user hold the lock on the user's row, so two of them never interleave here.
    """
    rows = await db.fetch_all(_STATES_SQL, user_id, since or dt.date.min)
    state: pmc.PmcState | None = None
    if rows and since is not None and rows[0]["date"] < since:
        first = rows.pop(0)
        if first["ctl"] is None:
            await _refresh_states(user_id, since=None)
            return
        state = _stored(first)
    if not rows:
        return
    if state is None:
        state = pmc.seed_state(rows[0]["date"] - dt.timedelta(days=1))
    dates, ctl, atl, acute, chronic = [], [], [], [], []
    for row in rows:
        state = pmc.step(pmc.fast_forward(state, row["date"] - dt.timedelta(days=1)), row["load"])
        dates.append(row["date"])
        ctl.append(state.ctl)
        atl.append(state.atl)
        acute.append(state.acute)
        chronic.append(state.chronic)
    await db.execute(_STORE_STATES_SQL, user_id, dates, ctl, atl, acute, chronic)


async def workouts_changed(
    *, user_id: uuid.UUID, workout_ids: Iterable[uuid.UUID], dates: Iterable[dt.datetime]
) -> dict[uuid.UUID, tuple[float, str | None]]:
    """After a workout write: refresh those loads and the days at ``dates``. Idempotent.

    Call it inside the write's transaction: it locks the user's row, so concurrent writes
    of one athlete recompute a day one after the other and the last sees every workout.
    """
    user = await User.filter(id=user_id).select_for_update(no_key=True).first()
    if user is None:
        raise NotFound("no such user")
    loads = await _refresh_workout_loads(user, list(workout_ids))
    await _refresh_daily_loads(user, {localtime.local_date(at, user.timezone) for at in dates})
    await versions.bump(user_id=user_id, leaderboards="if_listed")
    return loads


async def profile_changed(user: User, before: Mapping[str, Any]) -> None:
    """The ``athletes.profile_changed`` hook: new HR figures are a zone version from today.

    In the profile write's transaction: the version in force from the athlete's local
    today, and the loads and days of today's workouts recomputed with it. Idempotent.
    """
    previous = ZoneProfile(
        **{name: before.get(name, getattr(user, name)) for name in PROFILE_FIELDS}
    )
    profile = _profile_of(user)
    if profile == previous:
        return
    today = localtime.local_today(user.timezone)
    await record_zone_version(
        user_id=user.id, profile=profile, previous=previous, effective_from=today
    )
    await reload_since(user_id=user.id, since=today)


async def reload_since(*, user_id: uuid.UUID, since: dt.date) -> None:
    """Recompute the loads and days of workouts from local day ``since`` on. Idempotent.

    After a profile change effective today: only today's workouts change zones.
    """
    async with jobs.transaction():
        user = await User.filter(id=user_id).select_for_update(no_key=True).first()
        if user is None:
            raise NotFound("no such user")
        start = localtime.day_start(since, user.timezone)
        rows = await Workout.filter(user_id=user_id, started_at__gte=start).values_list(
            "id", "started_at"
        )
        if rows:
            await _refresh_workout_loads(user, [wid for wid, _ in rows])
            await _refresh_daily_loads(
                user, {localtime.local_date(at, user.timezone) for _, at in rows}
            )
            await versions.bump(user_id=user_id, leaderboards="if_listed")


async def rebuild_loads(*, user_id: uuid.UUID) -> int:
    """Recompute every workout's load and every DailyLoad row from scratch. Idempotent.

    For changes that apply to the whole history: the time zone (local days move) and sex
    (Banister's factors); zone changes are versioned by date and use ``reload_since``.
    Returns the number of workouts. A no-op for a user that is gone.
    """
    async with jobs.transaction():
        user = await User.filter(id=user_id).select_for_update(no_key=True).first()
        if user is None:
            return 0
        rows = await Workout.filter(user_id=user_id).values_list("id", "started_at")
        await DailyLoad.filter(user_id=user_id).delete()
        if rows:
            await _refresh_workout_loads(user, [wid for wid, _ in rows])
            await _refresh_daily_loads(
                user, {localtime.local_date(at, user.timezone) for _, at in rows}
            )
        await versions.bump(user_id=user_id, leaderboards="if_listed")
    event(log, "training.loads_rebuilt", user_id=str(user_id), workouts=len(rows))
    return len(rows)


# --- charts -----------------------------------------------------------------------------


_CHART_SQL = (
    "SELECT date, load, ctl, atl, acute, chronic FROM daily_loads"
    " WHERE user_id = $1 AND date <= $3 AND date >= COALESCE("
    "(SELECT max(date) FROM daily_loads WHERE user_id = $1 AND date <= $2), $2)"
    " ORDER BY date"
)


def chart_read(user_id: uuid.UUID, start: dt.date, end: dt.date) -> db.Read:
    """The read behind the PMC from ``start`` to ``end`` (``chart_of`` turns its rows into
    the chart): the rows of the window and the last row at least ``RAMP_DAYS`` + 1 days
    before it, whose stored state seeds the chart, so the cost follows the window, not the
    athlete's history."""
    return db.Read(_CHART_SQL, (user_id, start - dt.timedelta(days=pmc.RAMP_DAYS + 1), end))


def chart_of(
    rows: Sequence[Mapping[str, Any]], start: dt.date, end: dt.date
) -> tuple[list[pmc.PmcDay], dt.date | None] | None:
    """The PMC from ``chart_read``'s rows and a day with load before the window (None when
    there is no history before it); None when the seed row predates stored states (``_pmc``
    stores them once)."""
    seed_day = start - dt.timedelta(days=pmc.RAMP_DAYS + 1)
    state = pmc.seed_state(seed_day)
    before = None
    if rows and rows[0]["date"] <= seed_day:
        first = rows[0]
        rows = rows[1:]
        if first["ctl"] is None:  # a row from before stored states
            return None
        state = pmc.fast_forward(_stored(first), seed_day)
        before = first["date"]
    elif not rows:
        return [], None
    chart = pmc.chart(state, {r["date"]: r["load"] for r in rows}, start=start, end=end)
    if before is None:  # no history before the window: the chart starts at the first load
        first_day = rows[0]["date"]
        chart = [p for p in chart if p.date >= first_day]
    return chart, before


async def _pmc(
    user_id: uuid.UUID, start: dt.date, end: dt.date
) -> tuple[list[pmc.PmcDay], dt.date | None]:
    """The PMC from ``start`` to ``end`` (empty before any load) and a day with load before
    it (``chart_of``); the states of rows from before stored states are stored first."""
    read = chart_read(user_id, start, end)
    _, records = await Tortoise.get_connection("default").execute_query(read.sql, list(read.args))
    charted = chart_of(records, start, end)
    if charted is None:
        await _store_missing_states(user_id)
        return await _pmc(user_id, start, end)
    return charted


async def _store_missing_states(user_id: uuid.UUID) -> None:
    """Store the PMC states of a history written before they were stored (once)."""
    async with in_transaction():
        await User.filter(id=user_id).select_for_update(no_key=True).first()
        await _refresh_states(user_id, since=None)


_SOURCES_SQL = (
    "SELECT DISTINCT load_source FROM workouts"
    " WHERE user_id = $1 AND started_at >= $2 AND load_source IS NOT NULL"
)


def sources_read(user_id: uuid.UUID, since: dt.date) -> db.Read:
    """The read behind ``load_unit`` (``unit_of`` its rows)."""
    return db.Read(_SOURCES_SQL, (user_id, dt.datetime.combine(since, dt.time.min, tzinfo=dt.UTC)))


async def load_unit(*, user_id: uuid.UUID, since: dt.date) -> str:
    """The unit of the user's loads since ``since``: tss, trimp, mixed or none. Read-only."""
    read = sources_read(user_id, since)
    return unit_of(await db.fetch_all(read.sql, *read.args))


def unit_of(rows: Iterable[Mapping[str, Any]]) -> str:
    """The load unit of ``sources_read``'s rows."""
    units = {SOURCE_UNITS.get(str(r["load_source"]), "none") for r in rows}
    if not units:
        return "none"
    return units.pop() if len(units) == 1 else "mixed"


async def load_series(
    *, user_id: uuid.UUID, days: int, today: dt.date | None = None
) -> tuple[list[pmc.PmcDay], str]:
    """The last ``days`` days of the PMC (seeded by all earlier history) and the load unit."""
    user = await _user(user_id)
    end = today or localtime.local_today(user.timezone)
    start = end - dt.timedelta(days=days - 1)
    series, _ = await _pmc(user_id, start, end)
    if len(series) < days:  # the first load came after start: empty days before it
        empty = days - len(series)
        series = [
            pmc.PmcDay(start + dt.timedelta(days=i), 0.0, 0.0, 0.0, 0.0, 0.0, None)
            for i in range(empty)
        ] + series
    return series, await load_unit(user_id=user_id, since=start - dt.timedelta(days=1))


_METRICS_SQL = (
    "SELECT date, hrv_ms, resting_hr, sleep_hours, sleep_score FROM health_metrics"
    " WHERE user_id = $1 AND date >= $2 AND date <= $3"
)


def metrics_read(user_id: uuid.UUID, day: dt.date, history_days: int) -> db.Read:
    """The health metrics of the ``history_days`` days up to ``day`` (``_metrics_of``)."""
    return db.Read(_METRICS_SQL, (user_id, day - dt.timedelta(days=history_days), day))


async def _metrics(
    user_id: uuid.UUID, day: dt.date, history_days: int
) -> tuple[dict[dt.date, float | None], dict[dt.date, float | None], Mapping[str, Any] | None]:
    read = metrics_read(user_id, day, history_days)
    return _metrics_of(await db.fetch_all(read.sql, *read.args), day)


def _metrics_of(
    rows: Sequence[Mapping[str, Any]], day: dt.date
) -> tuple[dict[dt.date, float | None], dict[dt.date, float | None], Mapping[str, Any] | None]:
    """HRV and resting HR by day over the history, and ``day``'s row (for its sleep)."""
    hrv = {r["date"]: r["hrv_ms"] for r in rows}
    rhr: dict[dt.date, float | None] = {
        r["date"]: None if r["resting_hr"] is None else float(r["resting_hr"]) for r in rows
    }
    today = next((r for r in rows if r["date"] == day), None)
    return hrv, rhr, today


def _readiness_of(
    day: dt.date,
    hrv: dict[dt.date, float | None],
    rhr: dict[dt.date, float | None],
    today: Mapping[str, Any] | None,
    chart: list[pmc.PmcDay],
) -> readiness.Readiness:
    return readiness.compute(
        day=day,
        hrv_ms=hrv,
        resting_hr=rhr,
        sleep_hours=today["sleep_hours"] if today else None,
        sleep_score=today["sleep_score"] if today else None,
        tsb=chart[-1].tsb if chart else None,
    )


async def readiness_on(*, user_id: uuid.UUID, day: dt.date | None = None) -> readiness.Readiness:
    """Readiness on ``day`` (default: the user's today) from metrics and form."""
    user = await _user(user_id)
    day = day or localtime.local_today(user.timezone)
    hrv, rhr, today = await _metrics(user_id, day, readiness.BASELINE_DAYS)
    chart, _ = await _pmc(user_id, day, day)
    return _readiness_of(day, hrv, rhr, today, chart)


async def risk_on(*, user_id: uuid.UUID, day: dt.date | None = None) -> overtraining.Risk:
    """Overtraining risk on ``day`` (default: the user's today) from the PMC and metrics."""
    user = await _user(user_id)
    day = day or localtime.local_today(user.timezone)
    hrv, rhr, _ = await _metrics(user_id, day, METRIC_HISTORY_DAYS)
    return await _risk(user_id, day, hrv, rhr)


async def _risk(
    user_id: uuid.UUID,
    day: dt.date,
    hrv: dict[dt.date, float | None],
    rhr: dict[dt.date, float | None],
) -> overtraining.Risk:
    chart, before = await _pmc(user_id, day - dt.timedelta(days=RISK_CHART_DAYS - 1), day)
    return overtraining.assess(day=day, pmc=chart, hrv_ms=hrv, resting_hr=rhr, history_since=before)


TodayState = tuple[readiness.Readiness, overtraining.Risk, pmc.PmcDay | None]
STATE_METRIC_DAYS = max(readiness.BASELINE_DAYS, METRIC_HISTORY_DAYS)  # each baseline's window


def state_reads(user_id: uuid.UUID, day: dt.date) -> tuple[db.Read, db.Read]:
    """The two reads behind ``today_state`` on ``day``: the health metrics of the last
    ``STATE_METRIC_DAYS`` days and the chart of the risk's window (``state_of``)."""
    return (
        metrics_read(user_id, day, STATE_METRIC_DAYS),
        chart_read(user_id, day - dt.timedelta(days=RISK_CHART_DAYS - 1), day),
    )


def state_of(
    day: dt.date, metric_rows: Sequence[Mapping[str, Any]], chart_rows: Sequence[Mapping[str, Any]]
) -> TodayState | None:
    """Readiness, risk and the PMC point of ``day`` from ``state_reads``' rows; None when
    the chart's history predates stored states (``today_state`` stores them first)."""
    hrv, rhr, today = _metrics_of(metric_rows, day)
    charted = chart_of(chart_rows, day - dt.timedelta(days=RISK_CHART_DAYS - 1), day)
    if charted is None:
        return None
    chart, before = charted
    risk = overtraining.assess(day=day, pmc=chart, hrv_ms=hrv, resting_hr=rhr, history_since=before)
    return _readiness_of(day, hrv, rhr, today, chart), risk, chart[-1] if chart else None


async def today_state(*, user_id: uuid.UUID, timezone: str | None = None) -> TodayState:
    """Readiness, risk and today's PMC point, from one round trip. Read-only (but for
    storing the PMC states of a history written before they were stored, once).

    ``timezone``: the user's, when the caller has it already (saves a read).
    """
    day = localtime.local_today(timezone or (await _user(user_id)).timezone)
    metric_rows, chart_rows = await db.fetch_batch(*state_reads(user_id, day))
    state = state_of(day, metric_rows, chart_rows)
    if state is None:
        await _store_missing_states(user_id)
        return await today_state(user_id=user_id, timezone=timezone)
    return state


async def recompute_risk(
    *, user_id: uuid.UUID, day: dt.date | None = None
) -> overtraining.Risk | None:
    """Recompute the risk; record one overtraining event per high episode. Idempotent.

    The event's key is the episode's start date and (user, kind, key) is unique, so a
    retried or concurrent run records it at most once. None when the user is gone.
    """
    user = await User.get_or_none(id=user_id)
    if user is None:
        return None
    day = day or localtime.local_today(user.timezone)
    risk = await risk_on(user_id=user_id, day=day)
    state, _ = await LoadState.get_or_create(user_id=user_id)
    if risk.level == "high":
        if state.risk_level != "high" or state.episode_started_on is None:
            state.episode_started_on = day
            # the notifications follow it (events.REACTIONS); recorded once per episode
            await record_event(
                user_id=user_id,
                kind=EventKind.OVERTRAINING_DETECTED,
                key=day.isoformat(),
                data={"score": risk.score, "factors": [f.code for f in risk.factors]},
            )
            event(log, "training.overtraining_detected", user_id=str(user_id), on=str(day))
    else:
        state.episode_started_on = None
    state.risk_level = risk.level
    await state.save()
    return risk
