"""Training stats and trends: totals per week or month, and long-term trends of key metrics.

Periods and days are the athlete's local ones (``User.timezone``): weeks start on
Monday (ISO), months are calendar months. Grouping is done by PostgreSQL on
``started_at AT TIME ZONE <zone>`` over the ``(user_id, started_at)`` index, one query
per call, so no request loads every workout.

Trend metrics:

- ``pace_at_hr``: the weekly median pace (s/km, lower is better) of road runs
  (sport ``run``; trail terrain and treadmill calibration distort pace) of at least
  1 km whose average HR lies in the aerobic band, 70-80 % of max HR (the profile's
  ``max_hr``, else Tanaka's 208 - 0.7 x age from ``birth_date``), or a fixed
  135-150 bpm when neither is known. Weeks without such a run have no point.
- ``resting_hr`` (bpm, lower is better) and ``hrv`` (ms, higher is better): the
  daily values of the health metrics, each with ``mean_7d``, the mean of the values
  recorded in the 7 days ending that day (days without a value are skipped).
- ``weekly_distance``: running distance (run, trail_run, treadmill) per week, in
  metres, weeks without runs at 0.

Weekly series cover the whole weeks that overlap the last ``days`` days (the first
may start before the window; the last is the current, unfinished week).

The summary compares the first and last point (their ``mean_7d`` for daily
metrics): ``change = last - first``; ``direction`` is ``flat`` when the change is
within 2 % of the first value, else ``up`` or ``down``; ``improving`` says whether
that direction is the good one (null when flat, or for weekly distance, where more
is not simply better).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Literal

from runcoach import db, localtime
from runcoach.athletes.models import User
from runcoach.errors import NotFound
from runcoach.training.zones import age_on, tanaka_max_hr
from runcoach.workouts import sports

Period = Literal["week", "month"]
Metric = Literal["pace_at_hr", "resting_hr", "hrv", "weekly_distance"]

PACE_MIN_DISTANCE_M = 1000.0
AEROBIC_BAND_PCT = (70, 80)  # % of max HR
DEFAULT_AEROBIC_BAND_BPM = (135, 150)  # when max HR is unknown
STABLE_SHARE = 0.02  # a change within 2 % of the first value is flat

UNITS = {"pace_at_hr": "s/km", "resting_hr": "bpm", "hrv": "ms", "weekly_distance": "m"}
LOWER_IS_BETTER = {"pace_at_hr": True, "resting_hr": True, "hrv": False}
_DAILY_COLUMNS = {"resting_hr": "resting_hr", "hrv": "hrv_ms"}

# Bounds are local dates turned into instants by PostgreSQL with the same zone rules
# as the grouping expression; every value is a bound parameter.
_PERIOD_SQL = """
SELECT date_trunc($2, started_at AT TIME ZONE $3)::date AS start, sport,
       count(*)::int AS count,
       coalesce(sum(distance_m), 0)::float8 AS distance_m,
       coalesce(sum(duration_s), 0)::float8 AS duration_s,
       coalesce(sum(load), 0)::float8 AS load
FROM workouts
WHERE user_id = $1
  AND started_at >= ($4::date::timestamp AT TIME ZONE $3)
  AND started_at < ($5::date::timestamp AT TIME ZONE $3)
GROUP BY 1, 2
"""

_WEEKLY_DISTANCE_SQL = """
SELECT date_trunc('week', started_at AT TIME ZONE $2)::date AS start,
       coalesce(sum(distance_m), 0)::float8 AS value
FROM workouts
WHERE user_id = $1 AND sport = ANY($5::text[])
  AND started_at >= ($3::date::timestamp AT TIME ZONE $2)
  AND started_at < ($4::date::timestamp AT TIME ZONE $2)
GROUP BY 1
"""

_WEEKLY_PACE_SQL = """
SELECT date_trunc('week', started_at AT TIME ZONE $2)::date AS start,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY avg_pace_s_per_km)::float8 AS value
FROM workouts
WHERE user_id = $1 AND sport = ANY($5::text[])
  AND started_at >= ($3::date::timestamp AT TIME ZONE $2)
  AND started_at < ($4::date::timestamp AT TIME ZONE $2)
  AND avg_pace_s_per_km IS NOT NULL AND distance_m >= $6
  AND avg_hr BETWEEN $7 AND $8
GROUP BY 1
ORDER BY 1
"""

_DAILY_SQL = """
SELECT day, value, mean_7d FROM (
    SELECT date AS day, {column}::float8 AS value,
           avg({column}) OVER (
               ORDER BY date RANGE BETWEEN INTERVAL '6 days' PRECEDING AND CURRENT ROW
           )::float8 AS mean_7d
    FROM health_metrics
    WHERE user_id = $1 AND {column} IS NOT NULL AND date >= $2 AND date <= $4
) AS daily
WHERE day >= $3
ORDER BY day
"""
_DAILY_SQLS = {m: _DAILY_SQL.format(column=c) for m, c in _DAILY_COLUMNS.items()}


def zone_name(user: User) -> str:
    """The athlete's IANA zone (validated on write); UTC should it ever be unknown."""
    return localtime.valid_zone(user.timezone)


async def athlete(user_id: uuid.UUID) -> User:
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise NotFound("no such athlete")
    return user


def today_for(user: User, today: date | None) -> date:
    return today if today is not None else localtime.local_today(zone_name(user))


def _add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month (negative goes back)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_start(day: date, period: Period) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period_start(start: date, period: Period) -> date:
    return start + timedelta(days=7) if period == "week" else _add_months(start, 1)


def _totals() -> dict[str, Any]:
    return {"distance_m": 0.0, "duration_s": 0.0, "load": 0.0, "count": 0}


def _round(totals: dict[str, Any]) -> dict[str, Any]:
    for name in ("distance_m", "duration_s", "load"):
        totals[name] = round(totals[name], 1)
    return totals


async def period_stats(
    *,
    user_id: uuid.UUID,
    period: Period,
    count: int,
    today: date | None = None,
    timezone: str | None = None,
) -> dict[str, Any]:
    """Totals of the last ``count`` local weeks or months, newest first. Read-only.

    ``timezone``: the user's, when the caller has it already (saves a read).
    """
    zone = localtime.valid_zone(timezone) if timezone else zone_name(await athlete(user_id))
    today = today or localtime.local_today(zone)
    read = period_read(user_id=user_id, period=period, count=count, today=today, timezone=zone)
    return period_of(await db.fetch_all(read.sql, *read.args), period, count, today, zone)


def _starts(today: date, period: Period, count: int) -> list[date]:
    """The first days of the last ``count`` periods up to ``today``'s, newest first."""
    current = period_start(today, period)
    if period == "week":
        return [current - timedelta(days=7 * n) for n in range(count)]
    return [_add_months(current, -n) for n in range(count)]


def period_read(
    *, user_id: uuid.UUID, period: Period, count: int, today: date, timezone: str
) -> db.Read:
    """The read behind ``period_stats`` (``period_of`` its rows); ``timezone`` a valid zone."""
    starts = _starts(today, period, count)
    end = next_period_start(starts[0], period)
    return db.Read(_PERIOD_SQL, (user_id, period, timezone, starts[-1], end))


def period_of(
    rows: Iterable[Mapping[str, Any]], period: Period, count: int, today: date, timezone: str
) -> dict[str, Any]:
    """``period_stats``' answer from ``period_read``'s rows."""
    starts = _starts(today, period, count)
    by_start: dict[date, dict[str, Any]] = {
        s: {
            "start": s.isoformat(),
            "end": (next_period_start(s, period) - timedelta(days=1)).isoformat(),
            **_totals(),
            "by_sport": {},
        }
        for s in starts
    }
    for row in rows:
        entry = by_start.get(row["start"])
        if entry is None:  # cannot happen with matching bounds; never invent a period
            continue
        sport = entry["by_sport"].setdefault(row["sport"], _totals())
        for name in ("distance_m", "duration_s", "load", "count"):
            sport[name] += row[name]
            entry[name] += row[name]
    periods = []
    for s in starts:
        entry = _round(by_start[s])
        entry["by_sport"] = {k: _round(v) for k, v in sorted(entry["by_sport"].items())}
        periods.append(entry)
    return {"period": period, "timezone": timezone, "periods": periods}


def aerobic_band(user: User, *, on: date) -> dict[str, Any]:
    """The HR band for pace at HR: 70-80 % of the (measured or estimated) max HR, else fixed."""
    max_hr: int | None = user.max_hr
    source = "max_hr"
    if max_hr is None and user.birth_date is not None and age_on(user.birth_date, on) >= 0:
        max_hr = tanaka_max_hr(age_on(user.birth_date, on))
        source = "estimated_max_hr"
    if max_hr is None:
        low, high = DEFAULT_AEROBIC_BAND_BPM
        return {"min_bpm": low, "max_bpm": high, "source": "default"}
    low_pct, high_pct = AEROBIC_BAND_PCT
    return {
        "min_bpm": round(max_hr * low_pct / 100),
        "max_bpm": round(max_hr * high_pct / 100),
        "source": source,
    }


def summarize(values: list[float], *, lower_is_better: bool | None) -> dict[str, Any]:
    """First, last, change and direction of a series (pure)."""
    if not values:
        return {"first": None, "last": None, "change": None, "direction": None, "improving": None}
    first, last = values[0], values[-1]
    change = last - first
    if abs(change) <= STABLE_SHARE * abs(first):
        direction, improving = "flat", None
    else:
        direction = "up" if change > 0 else "down"
        improving = None if lower_is_better is None else (change < 0) == lower_is_better
    return {
        "first": round(first, 1),
        "last": round(last, 1),
        "change": round(change, 1),
        "direction": direction,
        "improving": improving,
    }


async def trends(
    *, user_id: uuid.UUID, metric: Metric, days: int, today: date | None = None
) -> dict[str, Any]:
    """The ``metric`` over the last ``days`` local days, with a summary of its change. Read-only."""
    user = await athlete(user_id)
    today = today_for(user, today)
    first_day = today - timedelta(days=days - 1)
    result: dict[str, Any] = {"metric": metric, "unit": UNITS[metric], "days": days}
    points: list[dict[str, Any]]
    if metric in _DAILY_SQLS:
        rows = await db.fetch_all(
            _DAILY_SQLS[metric], user_id, first_day - timedelta(days=6), first_day, today
        )
        points = [
            {
                "date": r["day"].isoformat(),
                "value": round(r["value"], 1),
                "mean_7d": round(r["mean_7d"], 1),
            }
            for r in rows
        ]
        series = [r["mean_7d"] for r in rows]
    else:
        first_week = period_start(first_day, "week")
        bounds = [user_id, zone_name(user), first_week, today + timedelta(days=1)]
        if metric == "weekly_distance":
            rows = await db.fetch_all(_WEEKLY_DISTANCE_SQL, *bounds, list(sports.RUNNING))
            totals = {r["start"]: r["value"] for r in rows}
            weeks = range(0, (today - first_week).days + 1, 7)
            starts = [first_week + timedelta(days=n) for n in weeks]
            series = [totals.get(s, 0.0) for s in starts]
        else:
            band = aerobic_band(user, on=today)
            result["band"] = band
            rows = await db.fetch_all(
                _WEEKLY_PACE_SQL,
                *bounds,
                list(sports.PACE),
                PACE_MIN_DISTANCE_M,
                band["min_bpm"],
                band["max_bpm"],
            )
            starts = [r["start"] for r in rows]
            series = [r["value"] for r in rows]
        points = [
            {"date": s.isoformat(), "value": round(v, 1)}
            for s, v in zip(starts, series, strict=True)
        ]
    result["points"] = points
    result["summary"] = summarize(series, lower_is_better=LOWER_IS_BETTER.get(metric))
    return result
