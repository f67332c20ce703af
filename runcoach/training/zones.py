"""Heart-rate zones: Karvonen (heart-rate reserve), Friel's LTHR run zones, % of max HR.

Pure: no I/O, no clock. Sources of the formulas:

- Karvonen, Kentala & Mustala (1957): target HR = resting + p x (max - resting), the
  heart-rate reserve (HRR); five zones at 50-60-70-80-90-100 % HRR.
- Friel, "The Triathlete's Training Bible" / TrainingPeaks "Joe Friel's quick guide to
  setting zones": seven run zones by % of lactate-threshold HR (LTHR): Z1 < 85 %,
  Z2 85-89 %, Z3 90-94 %, Z4 95-99 %, Z5a 100-102 %, Z5b 103-106 %, Z5c > 106 %.
- % of max HR: 50-60-70-80-90-100 % (ACSM's classic bands); with no measured max,
  Tanaka, Monahan & Seals (2001): max HR = 208 - 0.7 x age.

Bounds are integer bpm and inclusive: a zone holds ``min_bpm <= bpm <= max_bpm`` and the
next zone starts at ``max_bpm + 1``, so zones never gap or overlap. A band's lower edge
is rounded up (``ceil``): an integer bpm is in a zone exactly when its percentage is in
the zone's band (Z5c, "> 106 %", starts at the first bpm strictly above 106 %). The
bottom zone starts at the band's 50 % edge (Friel's Z1 at 25 bpm, the lowest plausible
reading); the top zone runs up to max HR (up to 250 bpm for LTHR zones). When counting
time, readings below the bottom zone count in it and readings above the top in the top.

Heart-rate samples are ``(offset_s, bpm)`` pairs (``ActivityData.hr_samples``). A
reading outside 25..250 bpm is a sensor artefact and is dropped; a sample lasts until
the next one, capped at 10 s (a pause or a lost strap does not count), the last 1 s.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

MIN_BPM = 25  # lowest plausible heart rate; readings below are dropped
MAX_BPM = 250  # highest plausible heart rate; readings above are dropped
MAX_SAMPLE_GAP_S = 10.0  # a sample lasts until the next one, at most this long
LAST_SAMPLE_S = 1.0  # the last sample lasts this long

KARVONEN_BANDS_PCT = (50, 60, 70, 80, 90)  # lower edges, % of heart-rate reserve
MAX_HR_BANDS_PCT = (50, 60, 70, 80, 90)  # lower edges, % of max HR

ZoneMethod = Literal["karvonen", "lthr", "max_hr"]


@dataclass(frozen=True, slots=True)
class Zone:
    """One heart-rate zone: ``min_bpm <= bpm <= max_bpm``, integer bpm."""

    name: str
    min_bpm: int
    max_bpm: int


@dataclass(frozen=True, slots=True)
class ZoneSet:
    """Contiguous zones, lowest first, with the method and the inputs they came from."""

    method: ZoneMethod
    inputs: dict[str, int]  # e.g. {"max_hr": 190, "resting_hr": 50}; {"lthr": 170}
    zones: tuple[Zone, ...]
    max_hr_estimated: bool = False  # True when max HR is Tanaka's estimate (inputs["age"])

    def zone_index(self, bpm: float) -> int:
        """Index of the zone a reading falls in (below the first: 0; above the last: last)."""
        lower_edges = [z.min_bpm for z in self.zones[1:]]
        return bisect.bisect_right(lower_edges, bpm)


@dataclass(frozen=True, slots=True)
class ZoneProfile:
    """What an athlete's profile says about heart rate (any field may be unknown)."""

    max_hr: int | None = None
    resting_hr: int | None = None
    lthr: int | None = None
    birth_date: date | None = None


def _ceil_pct(bpm: int, pct: int) -> int:
    """``ceil(bpm x pct / 100)`` in exact integer arithmetic."""
    return -(-bpm * pct // 100)


def _check_bpm(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int (bpm), got {value!r}")
    if not MIN_BPM <= value <= MAX_BPM:
        raise ValueError(f"{name} must be within {MIN_BPM}..{MAX_BPM} bpm, got {value}")


def _zone_set(
    method: ZoneMethod,
    inputs: dict[str, int],
    names: Sequence[str],
    lower_edges: Sequence[int],
    top: int,
    *,
    max_hr_estimated: bool = False,
) -> ZoneSet:
    """Build zones from their lower edges; ValueError when two bands collapse into one."""
    edges = [*lower_edges, top + 1]
    if any(b <= a for a, b in itertools.pairwise(edges)):
        raise ValueError(f"{method} zones collapse for {inputs}: bands {edges[:-1]} top {top}")
    zones = tuple(
        Zone(name, lo, nxt - 1)
        for name, (lo, nxt) in zip(names, itertools.pairwise(edges), strict=True)
    )
    return ZoneSet(method, inputs, zones, max_hr_estimated)


def karvonen_zones(max_hr: int, resting_hr: int) -> ZoneSet:
    """Five zones at 50-60-70-80-90-100 % of heart-rate reserve (Karvonen et al., 1957).

    Lower edge of each zone = resting + ceil(p x (max - resting)); the top zone ends at
    max HR. ValueError when a value is outside 25..250 bpm or max <= resting.
    """
    _check_bpm("max_hr", max_hr)
    _check_bpm("resting_hr", resting_hr)
    if max_hr <= resting_hr:
        raise ValueError(f"max_hr ({max_hr}) must be above resting_hr ({resting_hr})")
    reserve = max_hr - resting_hr
    edges = [resting_hr + _ceil_pct(reserve, p) for p in KARVONEN_BANDS_PCT]
    return _zone_set(
        "karvonen",
        {"max_hr": max_hr, "resting_hr": resting_hr},
        ("Z1", "Z2", "Z3", "Z4", "Z5"),
        edges,
        max_hr,
    )


def lthr_zones(lthr: int) -> ZoneSet:
    """Joe Friel's seven run zones by % of lactate-threshold heart rate.

    Z1 < 85 %, Z2 85-89 %, Z3 90-94 %, Z4 95-99 %, Z5a 100-102 %, Z5b 103-106 %,
    Z5c > 106 % (up to 250 bpm). ValueError when LTHR is outside 25..250 bpm or so high
    that Z5c would start above 250.
    """
    _check_bpm("lthr", lthr)
    edges = [
        MIN_BPM,
        _ceil_pct(lthr, 85),
        _ceil_pct(lthr, 90),
        _ceil_pct(lthr, 95),
        lthr,
        _ceil_pct(lthr, 103),
        lthr * 106 // 100 + 1,  # strictly above 106 %
    ]
    return _zone_set(
        "lthr",
        {"lthr": lthr},
        ("Z1", "Z2", "Z3", "Z4", "Z5a", "Z5b", "Z5c"),
        edges,
        MAX_BPM,
    )


def max_hr_zones(max_hr: int, *, age: int | None = None) -> ZoneSet:
    """Five zones at 50-60-70-80-90-100 % of max HR; ``age`` marks a Tanaka estimate."""
    _check_bpm("max_hr", max_hr)
    edges = [_ceil_pct(max_hr, p) for p in MAX_HR_BANDS_PCT]
    inputs = {"max_hr": max_hr} if age is None else {"max_hr": max_hr, "age": age}
    return _zone_set(
        "max_hr",
        inputs,
        ("Z1", "Z2", "Z3", "Z4", "Z5"),
        edges,
        max_hr,
        max_hr_estimated=age is not None,
    )


def age_on(birth_date: date, day: date) -> int:
    """Whole years between a birth date and a day (negative before birth)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def tanaka_max_hr(age: int) -> int:
    """Estimated max HR: 208 - 0.7 x age, rounded (Tanaka, Monahan & Seals, 2001)."""
    return round(208 - 0.7 * age)


def choose_zones(profile: ZoneProfile, *, on: date | None = None) -> ZoneSet | None:
    """The best zones the profile supports: LTHR, else Karvonen, else % of max, else None.

    Order: Friel's LTHR zones when ``lthr`` is set; Karvonen when ``max_hr`` and
    ``resting_hr`` are; % of ``max_hr``; % of Tanaka's estimate from ``birth_date`` and
    the age ``on`` the given day (without ``on`` no age is known, so no estimate). A
    value that cannot build its zones (outside 25..250 bpm, max <= resting, a birth date
    after ``on``) makes that method unusable and the next one is tried.
    """
    if profile.lthr is not None:
        try:
            return lthr_zones(profile.lthr)
        except ValueError:
            pass
    if profile.max_hr is not None and profile.resting_hr is not None:
        try:
            return karvonen_zones(profile.max_hr, profile.resting_hr)
        except ValueError:
            pass
    if profile.max_hr is not None:
        try:
            return max_hr_zones(profile.max_hr)
        except ValueError:
            pass
    if profile.birth_date is not None and on is not None:
        age = age_on(profile.birth_date, on)
        if age >= 0:
            return max_hr_zones(tanaka_max_hr(age), age=age)
    return None


class ZoneHistory:
    """Profile versions by the day they took effect, so a workout keeps the zones of its day.

    Built from ``(effective_from, ZoneProfile)`` pairs in any order; two versions on the
    same day: the later one in the list wins. Immutable and pure.
    """

    __slots__ = ("_days", "_versions")

    def __init__(self, versions: Iterable[tuple[date, ZoneProfile]]) -> None:
        ordered = sorted(versions, key=lambda v: _plain_date(v[0]))  # stable: list order kept
        self._versions: tuple[tuple[date, ZoneProfile], ...] = tuple(ordered)
        self._days: tuple[date, ...] = tuple(_plain_date(d) for d, _ in ordered)

    @property
    def versions(self) -> tuple[tuple[date, ZoneProfile], ...]:
        """The versions, oldest first."""
        return self._versions

    def profile_at(self, day: date) -> ZoneProfile | None:
        """The profile in force on ``day``: the latest effective on or before it, else the first."""
        if not self._versions:
            return None
        # Before the first day, the version in force on the first day applies.
        day = max(_plain_date(day), self._days[0])
        return self._versions[bisect.bisect_right(self._days, day) - 1][1]

    def at(self, day: date) -> ZoneSet | None:
        """The zones in force on ``day`` (a local calendar date), or None when none can be built."""
        profile = self.profile_at(day)
        return None if profile is None else choose_zones(profile, on=_plain_date(day))


def _plain_date(day: date) -> date:
    """Refuse a datetime: which calendar day it is depends on a time zone, the caller's call."""
    if isinstance(day, datetime):
        raise TypeError("pass the local calendar date (datetime.date), not a datetime")
    return day


def clean_samples(hr_samples: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """Samples sorted by offset, without readings outside 25..250 bpm (or NaN)."""
    kept = [
        (float(t), float(bpm))
        for t, bpm in hr_samples
        if MIN_BPM <= bpm <= MAX_BPM and math.isfinite(t)
    ]
    kept.sort(key=lambda s: s[0])
    return kept


def sample_seconds(samples: Sequence[tuple[float, float]]) -> list[float]:
    """Seconds each sorted sample lasts: the gap to the next, at most 10 s; the last 1 s."""
    weights = [min(b[0] - a[0], MAX_SAMPLE_GAP_S) for a, b in itertools.pairwise(samples)]
    if samples:
        weights.append(LAST_SAMPLE_S)
    return weights


def time_in_zones(hr_samples: Iterable[tuple[float, float]], zone_set: ZoneSet) -> list[int]:
    """Whole seconds spent in each zone of ``zone_set``, lowest zone first.

    Readings outside 25..250 bpm are dropped; each sample lasts until the next, capped
    at 10 s, the last 1 s; below the first zone counts in it, above the last in the last.
    """
    totals = [0.0] * len(zone_set.zones)
    samples = clean_samples(hr_samples)
    for (_, bpm), seconds in zip(samples, sample_seconds(samples), strict=True):
        totals[zone_set.zone_index(bpm)] += seconds
    return [round(t) for t in totals]
