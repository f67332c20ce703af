"""From parsed track points and device totals to a checked ``ActivityData``."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from pydantic import ValidationError

from runcoach.validation import errors_of
from runcoach.workouts import schemas
from runcoach.workouts.activity import ActivityData
from runcoach.workouts.importers.errors import ImportFailed
from runcoach.workouts.importers.track import (
    TrackPoint,
    as_utc,
    average_pace,
    compute_splits,
    cumulative_distance,
    cumulative_elevation_gain,
    elapsed_s,
    finite,
    heart_rate_stats,
    hr_samples,
    moving_time_s,
    round_1,
    sorted_points,
    valid_hr,
)
from runcoach.workouts.sports import Sport


@dataclass(frozen=True, slots=True)
class Totals:
    """Device-reported totals; any field left None is computed from the track points."""

    duration_s: float | None = None
    moving_time_s: float | None = None
    distance_m: float | None = None
    elevation_gain_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    calories: float | None = None


def build_activity(
    points: Iterable[TrackPoint],
    *,
    sport: Sport,
    started_at: datetime,
    source: str,
    title: str | None = None,
    totals: Totals | None = None,
) -> ActivityData:
    """Build an ``ActivityData`` from track points, preferring device ``totals`` where given."""
    pts = sorted_points(points)
    dist = cumulative_distance(pts)
    gain = cumulative_elevation_gain([p.alt for p in pts]) if pts else None
    avg_hr, max_hr = heart_rate_stats(pts)
    computed = Totals(
        duration_s=elapsed_s(pts),
        moving_time_s=moving_time_s(pts, dist) if len(pts) >= 2 else None,
        distance_m=dist[-1] - dist[0] if dist else None,
        elevation_gain_m=gain[-1] if gain else None,
        avg_hr=avg_hr,
        max_hr=max_hr,
    )
    final = _merge(computed, totals or Totals())
    duration = final.duration_s
    if duration is None or duration <= 0:
        raise ImportFailed("activity has no duration", field="duration_s")
    started_at = as_utc(started_at, "started_at")
    # the totals to be stored, then the track's own (its span drives splits and samples)
    check_bounds(started_at, final)
    check_bounds(started_at, _merge(final, computed))
    moving = final.moving_time_s
    if moving is not None:
        moving = min(max(moving, 0.0), duration)
    distance = final.distance_m if final.distance_m is None or final.distance_m > 0 else None
    return ActivityData(
        sport=sport,
        started_at=started_at,
        duration_s=round(duration, 1),
        moving_time_s=round(moving, 1) if moving is not None else None,
        distance_m=round(distance, 1) if distance is not None else None,
        elevation_gain_m=round_1(final.elevation_gain_m),
        avg_hr=round_1(final.avg_hr),
        max_hr=round_1(final.max_hr),
        avg_pace_s_per_km=round_1(average_pace(moving if moving else duration, distance)),
        calories=round_1(final.calories),
        title=title.strip()[:200] if title and title.strip() else None,
        source=source,
        splits=compute_splits(pts, dist, gain) if dist else [],
        hr_samples=hr_samples(pts),
    )


def sum_of(values: list[float], *, field: str) -> float | None:
    """The sum of a file's per-lap (or per-session) ``values``; None without any.

    A negative part, or parts whose sum is not finite (two laps of 1.7e308 m), is refused
    naming ``field``: such a sum would hide the parts from ``check_bounds``.
    """
    if not values:
        return None
    total = sum(values) if all(v >= 0 for v in values) else -1.0  # inf when it overflows
    if not 0 <= total < math.inf:
        raise ImportFailed(f"the file's {field} has a negative or unbounded part", field=field)
    return total


def check_bounds(started_at: datetime, totals: Totals) -> None:
    """``ImportFailed`` naming the first number (or the start) outside a workout's bounds.

    The bounds are those of ``POST /workouts`` (``schemas.ImportedActivity``): a file
    stores nothing a hand-logged workout could not.
    """
    values = {
        "started_at": started_at,
        "duration_s": totals.duration_s,
        "distance_m": totals.distance_m,
        "elevation_gain_m": totals.elevation_gain_m,
        "avg_hr": totals.avg_hr,
        "max_hr": totals.max_hr,
        "calories": totals.calories,
    }
    try:
        schemas.ImportedActivity.model_validate(values)
    except ValidationError as exc:
        first = errors_of(exc)[0]
        name = first["field"]
        raise ImportFailed(
            f"the file's {name} ({values.get(name)}) is out of range: {first['message']}",
            field=name,
        ) from None


def _merge(computed: Totals, reported: Totals) -> Totals:
    """Prefer each plausible device-reported total over the computed one."""
    changes: dict[str, float] = {}
    for name in Totals.__dataclass_fields__:
        value = finite(getattr(reported, name))
        if value is None or value < 0:
            continue
        if name in ("avg_hr", "max_hr") and valid_hr(value) is None:
            continue
        if value == 0 and name not in ("calories", "elevation_gain_m"):
            continue
        changes[name] = value
    return replace(computed, **changes)
