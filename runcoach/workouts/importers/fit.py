"""Garmin FIT activity files, decoded with ``fitdecode`` (CRC checked)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import fitdecode

from runcoach.workouts.activity import ActivityData
from runcoach.workouts.importers.build import Totals, build_activity, sum_of
from runcoach.workouts.importers.errors import ImportFailed
from runcoach.workouts.importers.track import (
    MAX_LAPS,
    MAX_TRACK_POINTS,
    TrackPoint,
    as_utc,
    check_count,
    finite,
    valid_hr,
    valid_position,
    weighted_mean,
)
from runcoach.workouts.sports import Sport, sport_from_name

SEMICIRCLE_DEG = 180.0 / 2**31  # degrees per FIT semicircle


def is_fit(data: bytes) -> bool:
    """True when ``data`` starts with a FIT file header (".FIT" at bytes 8..12)."""
    return len(data) >= 12 and data[0] in (12, 14) and data[8:12] == b".FIT"


_RUNNING_BY_SUB_SPORT = {"trail": Sport.TRAIL_RUN, "treadmill": Sport.TREADMILL}


def fit_sport(sport: object, sub_sport: object) -> Sport:
    """Map FIT ``sport``/``sub_sport`` names to a ``Sport`` (other names: ``sport_from_name``)."""
    name = str(sport).lower() if sport is not None else ""
    sub = str(sub_sport).lower() if sub_sport is not None else ""
    if name == "running":
        return _RUNNING_BY_SUB_SPORT.get(sub, Sport.RUN)
    if name in ("walking", "hiking"):
        return Sport.WALK
    if name in ("cycling", "e_biking"):
        return Sport.RIDE
    if name == "swimming":
        return Sport.SWIM
    if name == "training" and sub == "strength_training":
        return Sport.STRENGTH
    return sport_from_name(name)


def _field(message: fitdecode.FitDataMessage, name: str) -> Any:
    """The decoded value of ``name`` in ``message``, or None when absent or invalid."""
    return message.get_value(name, fallback=None)


def _degrees(semicircles: object) -> float | None:
    """Convert a FIT semicircle position to degrees."""
    value = finite(semicircles)
    return value * SEMICIRCLE_DEG if value is not None else None


def parse_fit(data: bytes) -> ActivityData:
    """Parse a FIT activity file into an ``ActivityData``."""
    if not is_fit(data):
        raise ImportFailed("file is not a FIT file")
    records: list[tuple[datetime, fitdecode.FitDataMessage]] = []
    sessions: list[fitdecode.FitDataMessage] = []
    sport_messages: list[fitdecode.FitDataMessage] = []
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as reader:
            for frame in reader:
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                if frame.name == "record":
                    stamp = _field(frame, "timestamp")
                    if isinstance(stamp, datetime):
                        records.append((as_utc(stamp), frame))
                        check_count(len(records), MAX_TRACK_POINTS, field="records", what="records")
                elif frame.name == "session":
                    sessions.append(frame)
                    check_count(len(sessions), MAX_LAPS, field="sessions", what="sessions")
                elif frame.name == "sport":
                    sport_messages.append(frame)
    except fitdecode.FitCRCError as exc:
        raise ImportFailed("FIT file is corrupt (checksum mismatch)") from exc
    except fitdecode.FitEOFError as exc:
        raise ImportFailed("FIT file is truncated") from exc
    except fitdecode.FitHeaderError as exc:
        raise ImportFailed("FIT file has an invalid header") from exc
    except fitdecode.FitError as exc:
        raise ImportFailed("FIT file is corrupt") from exc

    if not records and not sessions:
        raise ImportFailed("FIT file has no activity data")

    starts = [s for m in sessions if isinstance(s := _field(m, "start_time"), datetime)]
    if starts:
        started_at = as_utc(min(starts))
    elif records:
        started_at = min(stamp for stamp, _ in records)
    else:
        raise ImportFailed("FIT file has no start time")

    points = []
    for stamp, message in records:
        lat, lon = valid_position(
            _degrees(_field(message, "position_lat")), _degrees(_field(message, "position_long"))
        )
        altitude = finite(_field(message, "enhanced_altitude"))
        if altitude is None:
            altitude = finite(_field(message, "altitude"))
        points.append(
            TrackPoint(
                t=(stamp - started_at).total_seconds(),
                lat=lat,
                lon=lon,
                alt=altitude,
                dist=finite(_field(message, "distance")),
                hr=valid_hr(finite(_field(message, "heart_rate"))),
            )
        )

    source = sessions or sport_messages
    sports = {fit_sport(_field(m, "sport"), _field(m, "sub_sport")) for m in source}
    sport = sports.pop() if len(sports) == 1 else (Sport.OTHER if sports else Sport.RUN)
    return build_activity(
        points, sport=sport, started_at=started_at, source="fit", totals=_session_totals(sessions)
    )


def _total(sessions: list[fitdecode.FitDataMessage], name: str, field: str) -> float | None:
    """Sum of a session field over the sessions that report it, or None if none do."""
    return sum_of([v for m in sessions if (v := finite(_field(m, name))) is not None], field=field)


def _session_totals(sessions: list[fitdecode.FitDataMessage]) -> Totals:
    """Device totals summed over the sessions (average HR weighted by elapsed time)."""
    weighted = []
    for message in sessions:
        avg = finite(_field(message, "avg_heart_rate"))
        span = finite(_field(message, "total_elapsed_time")) or 0.0
        if avg is not None and valid_hr(avg) is not None:
            weighted.append((avg, span))
    avg_hr = weighted_mean(weighted)
    maxima = [v for m in sessions if (v := valid_hr(finite(_field(m, "max_heart_rate"))))]
    return Totals(
        duration_s=_total(sessions, "total_elapsed_time", "duration_s"),
        moving_time_s=_total(sessions, "total_timer_time", "moving_time_s"),
        distance_m=_total(sessions, "total_distance", "distance_m"),
        elevation_gain_m=_total(sessions, "total_ascent", "elevation_gain_m"),
        avg_hr=avg_hr,
        max_hr=max(maxima) if maxima else None,
        calories=_total(sessions, "total_calories", "calories"),
    )
