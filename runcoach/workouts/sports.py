"""The sports a workout can be, the running subsets, and the one table of sport names.

Pure data: no I/O. Every other module (schemas, importers, device providers,
training statistics) imports the sport from here.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["PACE", "RUNNING", "SPORTS", "Sport", "sport_from_name"]


class Sport(StrEnum):
    """What kind of activity a workout is (stored as its value)."""

    RUN = "run"
    TRAIL_RUN = "trail_run"
    TREADMILL = "treadmill"
    WALK = "walk"
    RIDE = "ride"
    SWIM = "swim"
    STRENGTH = "strength"
    OTHER = "other"


SPORTS: tuple[Sport, ...] = tuple(Sport)
"""Every sport, in declaration order (``"run" in SPORTS`` holds for a plain string too)."""

RUNNING: frozenset[Sport] = frozenset({Sport.RUN, Sport.TRAIL_RUN, Sport.TREADMILL})
"""The running sports: weekly running distance, plan history."""

PACE: frozenset[Sport] = frozenset({Sport.RUN})
"""The sports whose pace is comparable from one workout to the next (pace at HR)."""

# Free-form sport names as files and providers write them, normalised to lower case with
# ``_`` between words, onto a sport.
_ALIASES: dict[str, Sport] = {
    "run": Sport.RUN,
    "running": Sport.RUN,
    "road_running": Sport.RUN,
    "street_running": Sport.RUN,
    "track_running": Sport.RUN,
    "trail_run": Sport.TRAIL_RUN,
    "trail_running": Sport.TRAIL_RUN,
    "trail": Sport.TRAIL_RUN,
    "treadmill": Sport.TREADMILL,
    "treadmill_running": Sport.TREADMILL,
    "indoor_running": Sport.TREADMILL,
    "walk": Sport.WALK,
    "walking": Sport.WALK,
    "hike": Sport.WALK,
    "hiking": Sport.WALK,
    "ride": Sport.RIDE,
    "biking": Sport.RIDE,
    "cycling": Sport.RIDE,
    "road_biking": Sport.RIDE,
    "mountain_biking": Sport.RIDE,
    "gravel_cycling": Sport.RIDE,
    "indoor_cycling": Sport.RIDE,
    "virtual_ride": Sport.RIDE,
    "e_biking": Sport.RIDE,
    "swim": Sport.SWIM,
    "swimming": Sport.SWIM,
    "lap_swimming": Sport.SWIM,
    "open_water_swimming": Sport.SWIM,
    "strength": Sport.STRENGTH,
    "strength_training": Sport.STRENGTH,
    "weight_training": Sport.STRENGTH,
}


def sport_from_name(name: str | None, default: Sport = Sport.OTHER) -> Sport:
    """Map a free-form sport name ("Running", "trail-running", "Biking") to a ``Sport``.

    ``default`` when there is no name; ``Sport.OTHER`` for a name not in the table.
    """
    if not name:
        return default
    key = "_".join(name.strip().lower().replace("-", " ").replace("_", " ").split())
    return _ALIASES.get(key, Sport.OTHER)
