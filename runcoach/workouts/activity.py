"""The shape every source of a workout (a file, a device, a form) is turned into.

Pure data: no I/O. Importers (``runcoach.workouts.importers``) and device
providers (``runcoach.devices.providers``) produce an ``ActivityData``; the
workouts service stores it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from runcoach.workouts.sports import Sport


@dataclass(frozen=True, slots=True)
class Split:
    """One kilometre of an activity (the last one may be shorter)."""

    index: int  # 1-based
    distance_m: float
    duration_s: float  # elapsed seconds for this split
    pace_s_per_km: float | None  # seconds per km over this split
    avg_hr: float | None
    elevation_gain_m: float | None


@dataclass(slots=True)
class ActivityData:
    """A parsed activity: summary numbers, per-km splits and HR samples."""

    sport: Sport
    started_at: datetime  # timezone-aware, UTC
    duration_s: float  # elapsed time, start to end
    moving_time_s: float | None = None
    distance_m: float | None = None
    elevation_gain_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    avg_pace_s_per_km: float | None = None  # moving time / distance
    calories: float | None = None
    title: str | None = None
    source: str = "manual"  # fit, gpx, tcx, garmin, manual
    external_id: str | None = None  # the provider's id (e.g. Garmin activityId)
    splits: list[Split] = field(default_factory=list)
    # (seconds since started_at, beats per minute), ascending by offset
    hr_samples: list[tuple[int, int]] = field(default_factory=list)
