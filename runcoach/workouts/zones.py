"""Heart-rate zones used to report time in zones for an imported workout.

Five zones by percentage of maximum heart rate (50-60, 60-70, 70-80, 80-90,
90-100 %; ACSM's classic bands). Time below 50 % counts in zone 1. Pure.
"""

from __future__ import annotations

from datetime import date
from typing import Any

BANDS = (0.6, 0.7, 0.8, 0.9)


def estimated_max_hr(*, max_hr: int | None, birth_date: date | None, on: date) -> int | None:
    """The profile's max HR, else Tanaka's 208 - 0.7 x age (Tanaka et al., 2001)."""
    if max_hr:
        return max_hr
    if birth_date is None:
        return None
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    return round(208 - 0.7 * age)


def upper_bounds(max_hr: int) -> list[float]:
    return [max_hr * band for band in BANDS] + [float("inf")]


def describe(max_hr: int, seconds: list[int]) -> dict[str, Any]:
    lows = [round(max_hr * 0.5)] + [round(max_hr * b) for b in BANDS]
    highs = [round(max_hr * b) for b in BANDS] + [max_hr]
    return {
        "method": "max_hr",
        "max_hr": max_hr,
        "zones": [
            {"zone": i + 1, "min_bpm": lo, "max_bpm": hi, "seconds": s}
            for i, (lo, hi, s) in enumerate(zip(lows, highs, seconds, strict=True))
        ],
    }
