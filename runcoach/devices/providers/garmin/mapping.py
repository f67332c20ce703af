"""Garmin Connect JSON -> ``ActivityData`` / ``DailyMetrics``: pure functions, no network.

The one exception to "pure" is ``map_activity`` with the original ``.fit`` bytes, which it
hands to the file importer for splits and HR samples.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from typing import Any

from runcoach.devices.providers.base import DailyMetrics
from runcoach.logs import event
from runcoach.workouts.activity import ActivityData
from runcoach.workouts.sports import Sport

log = logging.getLogger(__name__)

SOURCE = "garmin"

# --- activity mapping --------------------------------------------------------

# Garmin's own ``activityType.typeKey`` vocabulary, matched exactly before the suffix rules
# of ``sport_for_type``. Not ``sports.sport_from_name``: that free-form table normalises
# spelling and knows other names (``trail_run``, ``hike``, ...) it would map differently.
_SPORT_BY_TYPE: dict[str, Sport] = {
    "running": Sport.RUN,
    "street_running": Sport.RUN,
    "track_running": Sport.RUN,
    "virtual_run": Sport.RUN,
    "obstacle_run": Sport.RUN,
    "ultra_run": Sport.RUN,
    "trail_running": Sport.TRAIL_RUN,
    "treadmill_running": Sport.TREADMILL,
    "indoor_running": Sport.TREADMILL,
    "walking": Sport.WALK,
    "casual_walking": Sport.WALK,
    "speed_walking": Sport.WALK,
    "hiking": Sport.WALK,
    "cycling": Sport.RIDE,
    "road_biking": Sport.RIDE,
    "mountain_biking": Sport.RIDE,
    "gravel_cycling": Sport.RIDE,
    "indoor_cycling": Sport.RIDE,
    "virtual_ride": Sport.RIDE,
    "cyclocross": Sport.RIDE,
    "track_cycling": Sport.RIDE,
    "recumbent_cycling": Sport.RIDE,
    "bmx": Sport.RIDE,
    "swimming": Sport.SWIM,
    "lap_swimming": Sport.SWIM,
    "open_water_swimming": Sport.SWIM,
    "strength_training": Sport.STRENGTH,
}


def sport_for_type(type_key: str | None) -> Sport:
    """Garmin ``activityType.typeKey`` -> a ``Sport`` (``Sport.OTHER`` if unknown)."""
    key = (type_key or "").strip().lower()
    if key in _SPORT_BY_TYPE:
        return _SPORT_BY_TYPE[key]
    if key.endswith(("_running", "_run")):
        return Sport.RUN
    if "cycling" in key or "biking" in key or key.endswith("_ride"):
        return Sport.RIDE
    if "swimming" in key:
        return Sport.SWIM
    if "walking" in key or "hiking" in key:
        return Sport.WALK
    return Sport.OTHER


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _positive(value: Any) -> float | None:
    number = _num(value)
    return number if number is not None and number > 0 else None


def _non_negative(value: Any) -> float | None:
    number = _num(value)
    return number if number is not None and number >= 0 else None


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def parse_start(summary: dict[str, Any]) -> dt.datetime | None:
    raw = summary.get("startTimeGMT")
    if isinstance(raw, str) and raw.strip():
        try:
            parsed = dt.datetime.fromisoformat(raw.strip())
        except ValueError:
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                return parsed.replace(tzinfo=dt.UTC)
            return parsed.astimezone(dt.UTC)
    millis = _num(summary.get("beginTimestamp"))
    if millis is not None:
        return dt.datetime.fromtimestamp(millis / 1000, tz=dt.UTC)
    return None


def _parse_fit(fit_bytes: bytes) -> ActivityData | None:
    try:
        from runcoach.workouts.importers import parse_activity
    except ImportError:
        event(log, "devices.garmin_fit_importer_unavailable", logging.WARNING)
        return None
    try:
        return parse_activity("activity.fit", fit_bytes)
    except Exception as exc:  # ImportFailed, or any parser bug: the summary still stands
        event(log, "devices.garmin_fit_unusable", error=type(exc).__name__)
        return None


def map_activity(summary: dict[str, Any], fit_bytes: bytes | None = None) -> ActivityData:
    """A Garmin activity summary (an item of ``get_activities_by_date``) -> ActivityData.

    With ``fit_bytes`` (the original .fit file), splits and HR samples come from
    the parsed file, and any summary number Garmin left out is taken from it;
    Garmin's id, name, type and summary numbers win. Unusable FIT data falls
    back to the summary alone. Raises ValueError when the summary has no
    activityId, no start time or no duration.
    """
    activity_id = summary.get("activityId")
    if activity_id is None or isinstance(activity_id, bool) or str(activity_id).strip() == "":
        raise ValueError("Garmin activity without activityId")

    parsed = _parse_fit(fit_bytes) if fit_bytes else None

    started_at = parse_start(summary) or (parsed.started_at if parsed else None)
    if started_at is None:
        raise ValueError(f"Garmin activity {activity_id} has no start time")

    duration = (
        _positive(summary.get("elapsedDuration"))
        or _positive(summary.get("duration"))
        or _positive(summary.get("movingDuration"))
        or (parsed.duration_s if parsed and parsed.duration_s > 0 else None)
    )
    if duration is None:
        raise ValueError(f"Garmin activity {activity_id} has no duration")

    sport = sport_for_type(_get(summary, "activityType", "typeKey"))
    if sport is Sport.OTHER and parsed is not None:
        sport = parsed.sport

    distance = _positive(summary.get("distance"))
    moving = _positive(summary.get("movingDuration"))
    elevation = _non_negative(summary.get("elevationGain"))
    avg_hr = _positive(summary.get("averageHR"))
    max_hr = _positive(summary.get("maxHR"))
    calories = _non_negative(summary.get("calories"))
    if parsed is not None:
        distance = distance if distance is not None else parsed.distance_m
        moving = moving if moving is not None else parsed.moving_time_s
        elevation = elevation if elevation is not None else parsed.elevation_gain_m
        avg_hr = avg_hr if avg_hr is not None else parsed.avg_hr
        max_hr = max_hr if max_hr is not None else parsed.max_hr
        calories = calories if calories is not None else parsed.calories

    pace: float | None = None
    if distance:
        if moving:
            pace = moving / (distance / 1000.0)
        elif (speed := _positive(summary.get("averageSpeed"))) is not None:
            pace = 1000.0 / speed
        elif parsed is not None and parsed.avg_pace_s_per_km:
            pace = parsed.avg_pace_s_per_km

    name = summary.get("activityName")
    title = (name.strip() or None) if isinstance(name, str) else None
    if title is None and parsed is not None:
        title = parsed.title

    return ActivityData(
        sport=sport,
        started_at=started_at,
        duration_s=duration,
        moving_time_s=moving,
        distance_m=distance,
        elevation_gain_m=elevation,
        avg_hr=avg_hr,
        max_hr=max_hr,
        avg_pace_s_per_km=round(pace, 1) if pace is not None else None,
        calories=calories,
        title=title,
        source=SOURCE,
        external_id=str(activity_id).strip(),
        splits=list(parsed.splits) if parsed else [],
        hr_samples=list(parsed.hr_samples) if parsed else [],
    )


# --- daily metrics mapping -------------------------------------------------------


def _int_in(value: Any, low: int, high: int) -> int | None:
    number = _num(value)
    if number is None or not low <= number <= high:
        return None
    return round(number)


def _latest_weight_grams(weigh_ins: dict[str, Any]) -> float | None:
    entries = [e for e in weigh_ins.get("dateWeightList") or [] if isinstance(e, dict)]
    entries = [e for e in entries if _positive(e.get("weight")) is not None]
    if entries:
        latest = max(entries, key=lambda e: _num(e.get("timestampGMT")) or _num(e.get("date")) or 0)
        return _positive(latest.get("weight"))
    return _positive(_get(weigh_ins, "totalAverage", "weight"))


def map_daily(
    cdate: dt.date | str,
    stats: dict[str, Any] | None,
    hrv: dict[str, Any] | None,
    sleep: dict[str, Any] | None,
    *,
    weigh_ins: dict[str, Any] | None = None,
) -> DailyMetrics:
    """Garmin daily JSON -> DailyMetrics; any missing piece -> ``None``.

    ``stats``: ``get_stats`` / ``get_user_summary`` (restingHeartRate,
    averageStressLevel; negative stress = not enough data). ``hrv``:
    ``get_hrv_data`` (hrvSummary.lastNightAvg). ``sleep``: ``get_sleep_data``
    (dailySleepDTO.sleepTimeSeconds, dailySleepDTO.sleepScores.overall.value;
    its restingHeartRate / avgOvernightHrv fill gaps). ``weigh_ins``:
    ``get_daily_weigh_ins`` (dateWeightList[].weight in grams).
    """
    day = dt.date.fromisoformat(cdate) if isinstance(cdate, str) else cdate
    stats = stats if isinstance(stats, dict) else {}
    hrv = hrv if isinstance(hrv, dict) else {}
    sleep = sleep if isinstance(sleep, dict) else {}

    resting_hr = _int_in(stats.get("restingHeartRate"), 20, 250)
    if resting_hr is None:
        resting_hr = _int_in(sleep.get("restingHeartRate"), 20, 250)

    hrv_ms = _positive(_get(hrv, "hrvSummary", "lastNightAvg"))
    if hrv_ms is None:
        hrv_ms = _positive(sleep.get("avgOvernightHrv"))

    sleep_seconds = _positive(_get(sleep, "dailySleepDTO", "sleepTimeSeconds"))
    sleep_hours = round(sleep_seconds / 3600.0, 2) if sleep_seconds is not None else None
    sleep_score = _int_in(_get(sleep, "dailySleepDTO", "sleepScores", "overall", "value"), 0, 100)

    grams = _latest_weight_grams(weigh_ins) if isinstance(weigh_ins, dict) else None
    weight_kg = round(grams / 1000.0, 2) if grams is not None else None

    return DailyMetrics(
        date=day,
        resting_hr=resting_hr,
        hrv_ms=round(hrv_ms, 1) if hrv_ms is not None else None,
        sleep_hours=sleep_hours,
        sleep_score=sleep_score,
        weight_kg=weight_kg,
        stress=_int_in(stats.get("averageStressLevel"), 0, 100),
    )
