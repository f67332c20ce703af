"""Training-plan periodisation: phases, weekly volume, sessions and paces, deterministically.

Pure: no I/O, no clock, no randomness; the same inputs give the same ``Plan``.

Sources
-------
* Paces: Daniels J., "Daniels' Running Formula" (3rd ed., 2014) and Daniels & Gilbert
  (1979), "Oxygen Power". A race gives a VDOT::

      v = metres per minute, t = minutes
      VO2(v)   = -4.60 + 0.182258 v + 0.000104 v^2
      %max(t)  = 0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t)
      VDOT     = VO2(v) / %max(t)

  and a training pace is the velocity whose VO2 is a fraction of VDOT (the quadratic
  solved for v). Fractions (they reproduce Daniels' tables, e.g. VDOT 50: E 5:07-5:38,
  T 4:15, I 3:55 /km): easy 62-70 %, recovery 57-62 %, threshold 86-88 %, interval
  97.5-100 %. Race pace is the goal time over the goal distance (+- 3 s/km); without a
  goal time, the time the VDOT predicts for the distance. Daniels' volume limits per
  session: threshold work <= 10 % of the week (8 % here), interval work <= 8 %.
* Periodisation: Pfitzinger & Douglas, "Advanced Marathoning" (base/endurance, lactate
  threshold + endurance, race preparation, taper; 3-week marathon taper at about
  80 %, 60 %, 40 % of peak) and Lydiard's base-before-speed order; Bompa's 3:1 loading
  (a lighter week every 4th week).
* Intensity distribution: Seiler & Kjerland (2006), Seiler (2010) "What is best
  practice for training intensity and duration distribution in endurance athletes?":
  about 80 % of training time easy. Counted here by time in intensity (the work
  portions of quality sessions are hard; warm-up, cool-down and jogs are easy), and
  the plan keeps hard work <= 15 % of each week's distance, so >= 80 % of time is easy.
* Volume progression: the "10 % rule" (e.g. Johnston et al. 2003 ; Buist et al. 2008
  found no injury difference at 10 %, so it is a ceiling, not a target).

Rules (documented choices)
--------------------------
* Weeks are 7-day blocks ending on race day: week ``n`` is ``race_date - 6 .. race_date``,
  week ``k`` ends ``7 * (n - k)`` days earlier; week 1 starts on ``start`` and may be
  partial (its distance prorated by its days / 7). Without a race date the plan lasts
  the goal's default number of full weeks and ``race_date`` is its last day.
* Phases: taper 1 week (5k, 10k), 2 (half), 3 (marathon), 0 (base); peak 2 weeks
  (1 when the plan is shorter than 8 weeks; 0 for the base goal); the rest is 55 % base
  (rounded half up) and 45 % build.
* Volume: week 1 = max(recent weekly distance, goal floor). Each later non-recovery week
  of base, build and peak = min(1.10 x the previous non-recovery week, peak volume),
  peak volume = max(start, min(goal cap, 1.6 x start)). Every 4th week in base or build
  is a recovery week at 75 % of the previous non-recovery week. Taper weeks are
  fractions of the highest week reached; the race week's fraction is its training
  without the race. Distances are multiples of 100 m (the race: its exact distance).
* Days: running days are a template relative to the long-run day (offset 0): quality
  sessions on offsets 2 and 4, so two hard days are never adjacent and never next to
  the long run. 3 days: 0, 2, 4; 4: 0, 2, 4, 5; 5: 0-2, 4, 5; 6: 0-5; 7: every day.
  The day after the long run (offset 1) is a recovery run. Race week: the race on race
  day, sharpening 4 days before, easy runs 2 and 6 days before, a shakeout the day
  before (as many as ``days_per_week`` allows, at most 4 runs before the race); its
  easy runs are at most 8 km and 60 % of the last long run, so the race week may fall
  short of its taper fraction.
* Long run: a share of the week (40 % with 3 days, 30 % with 4-5, 28 % with 6, 26 % with
  7: with few days a larger share keeps it the longest run), capped per goal and at
  1.1 x the longest recent run + 2 km per week since the start (when that run is known).
  No other run is longer than the long run; a week that would need one is shortened.
* Quality: base = strides in one easy run from week 3; build = tempo and intervals (one
  of them, alternating, with 3-4 days or in a recovery week: the tempo); peak = race-pace
  work, plus intervals (5k, 10k) or tempo (half, marathon) with 5+ days; taper = one
  short race-pace sharpening session. Easy runs shorter than 2 km are dropped (the day
  becomes a rest day) rather than planned.
* Intensity targets: paces when a goal time, threshold pace or best pace (read as a
  current 10k race pace) is known, in that order; HR zones (by their position in the
  athlete's zone list) whenever zones are given; with neither, an RPE in the text.
  Durations: distance x the segment's pace (6:30 /km without a pace), rounded to 60 s.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

__all__ = [
    "DEFAULT_WEEKS",
    "GOALS",
    "LONG_RUN_CAP_M",
    "MAX_WEEKS",
    "MIN_WEEKS",
    "PEAK_CAP_M",
    "RACE_DISTANCE_M",
    "TAPER_FACTORS",
    "TARGET_TIME_BOUNDS_S",
    "VOLUME_FLOOR_M",
    "AthleteBasis",
    "Goal",
    "Intensity",
    "Phase",
    "Plan",
    "PlanInputError",
    "PlanRequest",
    "PlanSession",
    "PlanWeek",
    "SessionType",
    "TrainingPaces",
    "build_plan",
    "pace_at_fraction",
    "race_time_from_vdot",
    "training_paces",
    "vdot_from_race",
]

Goal = Literal["5k", "10k", "half", "marathon", "base"]
Phase = Literal["base", "build", "peak", "taper"]
SessionType = Literal[
    "easy", "recovery", "long", "strides", "tempo", "intervals", "race_pace", "race"
]
Intensity = Literal["easy", "hard"]
PaceRange = tuple[int, int]  # s/km, (fast, slow): low <= high

GOALS: tuple[Goal, ...] = ("5k", "10k", "half", "marathon", "base")
RACE_GOALS = ("5k", "10k", "half", "marathon")
RACE_DISTANCE_M: dict[str, float] = {
    "5k": 5000.0,
    "10k": 10000.0,
    "half": 21097.5,
    "marathon": 42195.0,
}
RACE_LABEL = {"5k": "5k", "10k": "10k", "half": "half-marathon", "marathon": "marathon"}
DEFAULT_WEEKS = {"5k": 8, "10k": 10, "half": 12, "marathon": 16, "base": 8}
MIN_WEEKS = {"5k": 3, "10k": 3, "half": 6, "marathon": 8, "base": 3}
MAX_WEEKS = 52
TAPER_WEEKS = {"5k": 1, "10k": 1, "half": 2, "marathon": 3, "base": 0}
TAPER_FACTORS: dict[str, tuple[float, ...]] = {
    "5k": (0.6,),
    "10k": (0.6,),
    "half": (0.7, 0.5),
    "marathon": (0.75, 0.6, 0.45),
    "base": (),
}
"""Fractions of the highest week reached; the last one is the race week without the race."""
PEAK_WEEKS = 2
PEAK_WEEKS_SHORT_PLAN = 1  # plans shorter than SHORT_PLAN_WEEKS
SHORT_PLAN_WEEKS = 8
BASE_SHARE = 0.55  # of the weeks before peak and taper; the rest is build

VOLUME_FLOOR_M = {"5k": 15000, "10k": 20000, "half": 25000, "marathon": 30000, "base": 15000}
PEAK_CAP_M = {"5k": 50000, "10k": 60000, "half": 70000, "marathon": 90000, "base": 50000}
PEAK_OF_START = 1.6
RAMP_MAX = 1.10
RECOVERY_EVERY = 4
RECOVERY_FACTOR = 0.75

LONG_RUN_SHARE = {3: 0.40, 4: 0.30, 5: 0.30, 6: 0.28, 7: 0.26}
LONG_RUN_CAP_M = {"5k": 15000, "10k": 18000, "half": 22000, "marathon": 32000, "base": 18000}
LONG_RUN_OF_LONGEST = 1.1
LONG_RUN_STEP_M = 2000  # per week since the start

RUN_OFFSETS = {
    3: (0, 2, 4),
    4: (0, 2, 4, 5),
    5: (0, 1, 2, 4, 5),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}
"""Running days as days after the long-run day."""
QUALITY_OFFSETS = (2, 4)
RECOVERY_OFFSET = 1
RACE_WEEK_OFFSETS = (-4, -2, -6, -1)  # days before the race, by priority
SHARPEN_OFFSET = -4
SHAKEOUT_OFFSET = -1
SHAKEOUT_M = 3000
RACE_WEEK_EASY_CAP_M = 8000
RACE_WEEK_EASY_OF_LONG = 0.6  # race-week easy runs: at most 60 % of the last long run

HARD_SHARE_MAX = 0.15  # hard work per week, of the week's distance
TEMPO_SHARE, TEMPO_CAP_M, TEMPO_MIN_M = 0.08, 8000, 1500
INTERVAL_SHARE, INTERVAL_CAP_M = 0.08, 8000
INTERVAL_REP_M = {"5k": 800, "10k": 1000, "half": 1000, "marathon": 1200, "base": 800}
JOG_M = 400
WARMUP_SHARE, WARMUP_MIN_M, WARMUP_MAX_M = 0.05, 1000, 3000
# Race-pace work: (rep metres or None for continuous, jog metres, share of the week).
RACE_PACE_WORK: dict[str, tuple[int | None, int, float]] = {
    "5k": (1000, 400, 0.08),
    "10k": (2000, 400, 0.10),
    "half": (3000, 800, 0.12),
    "marathon": (None, 0, 0.10),
}
SHARPEN_WORK: dict[str, tuple[int | None, int, float]] = {
    "5k": (400, 400, 0.06),
    "10k": (400, 400, 0.06),
    "half": (1000, 400, 0.08),
    "marathon": (None, 0, 0.10),
}
MIN_REPS = 2
MIN_EASY_M = 2000
RECOVERY_WEIGHT = 0.7  # a recovery run's share relative to an easy run
STRIDES = "6 x 20 s strides"

EASY_VDOT = (0.70, 0.62)  # fast, slow fraction of VDOT
RECOVERY_VDOT = (0.62, 0.57)
THRESHOLD_VDOT = (0.88, 0.86)
INTERVAL_VDOT = (1.0, 0.975)
THRESHOLD_OF_VDOT = 0.88  # threshold pace -> VDOT
BEST_PACE_DISTANCE_M = 10000.0  # a "best pace" is read as a 10k race pace
RACE_PACE_TOLERANCE_S = 3
DEFAULT_PACE_S_PER_KM = 390.0  # 6:30 /km, for durations without a pace
PACE_BOUNDS_S_PER_KM = (120.0, 900.0)  # plausible running paces (2:00 .. 15:00 /km)

TARGET_TIME_BOUNDS_S = {
    "5k": (12 * 60, 60 * 60),
    "10k": (26 * 60, 2 * 3600),
    "half": (57 * 60, 3 * 3600 + 30 * 60),
    "marathon": (2 * 3600, 7 * 3600),
}

# Position of a session's zone in the athlete's zone list, 0 (lowest) .. 1 (highest):
# picks Z1/Z2/Z4/Z5 among five zones and Friel's Z1/Z2/Z5a/Z5b among seven.
ZONE_POSITION = {
    "recovery": 0.0,
    "easy": 0.2,
    "long": 0.2,
    "strides": 0.2,
    "tempo": 0.7,
    "intervals": 0.9,
}
RACE_ZONE_POSITION = {"5k": 0.9, "10k": 0.8, "half": 0.65, "marathon": 0.4}
RPE = {
    "recovery": "RPE 2-3, very easy",
    "easy": "RPE 3-4, conversational",
    "long": "RPE 3-4, conversational",
    "strides": "RPE 3-4, conversational",
    "tempo": "RPE 7, comfortably hard",
    "intervals": "RPE 8-9, hard",
    "race_pace": "RPE 6-8, race effort",
    "race": "race effort",
}


class PlanInputError(ValueError):
    """The plan request or the athlete basis cannot give a sensible plan."""


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """What the athlete asks for; ``start`` is the first plan day (a local date)."""

    goal: str
    start: date
    race_date: date | None = None
    days_per_week: int = 5
    long_run_day: int = 6  # 0 = Monday .. 6 = Sunday
    target_time_s: int | None = None


@dataclass(frozen=True, slots=True)
class AthleteBasis:
    """What recent training says about the athlete (zeros and None for a new athlete)."""

    recent_weekly_m: float = 0.0  # mean of the last 4 weeks
    longest_recent_run_m: float = 0.0
    best_pace_s_per_km: float | None = None
    threshold_pace_s_per_km: float | None = None
    hr_zones: tuple[tuple[str, int, int], ...] | None = None  # (name, low bpm, high bpm)
    ctl: float | None = None


@dataclass(frozen=True, slots=True)
class TrainingPaces:
    """Daniels paces in s/km as (fast, slow) ranges, and the VDOT they come from."""

    vdot: float
    easy: PaceRange
    recovery: PaceRange
    threshold: PaceRange
    interval: PaceRange
    race_pace_s_per_km: float | None  # the goal's pace (None for the base goal)
    race: PaceRange | None


@dataclass(frozen=True, slots=True)
class PlanSession:
    """One run; rest days have no session. ``hard_duration_s`` is the time at hard pace."""

    key: str  # "w03-d7": week 3, ISO weekday 7 (Sunday); unique within the plan
    date: date
    day_of_week: int  # 0 = Monday .. 6 = Sunday
    type: SessionType
    target_distance_m: int
    target_duration_s: int
    intensity: Intensity
    target_pace_s_per_km: PaceRange | None
    target_hr_zone: str | None
    description: str
    hard_duration_s: int = 0


@dataclass(frozen=True, slots=True)
class PlanWeek:
    """A 7-day block (week 1 may be shorter); ``target_distance_m`` is its sessions' sum."""

    index: int  # 1-based
    phase: Phase
    starts_on: date
    ends_on: date
    is_recovery: bool
    target_distance_m: int
    sessions: tuple[PlanSession, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """A whole plan; ``summary`` holds numbers for the coach's text (see ``build_plan``)."""

    goal: str
    start: date
    race_date: date
    weeks: tuple[PlanWeek, ...]
    total_distance_m: int
    summary: dict[str, float] = field(default_factory=dict)
    paces: TrainingPaces | None = None


# --- paces (Daniels & Gilbert) -------------------------------------------------------


def _vo2(v_m_per_min: float) -> float:
    return -4.60 + 0.182258 * v_m_per_min + 0.000104 * v_m_per_min**2


def _pct_max(t_min: float) -> float:
    return 0.8 + 0.1894393 * math.exp(-0.012778 * t_min) + 0.2989558 * math.exp(-0.1932605 * t_min)


def vdot_from_race(distance_m: float, time_s: float) -> float:
    """Daniels-Gilbert VDOT of a race: VO2 at race velocity / the %VO2max held for its time."""
    t_min = time_s / 60.0
    return _vo2(distance_m / t_min) / _pct_max(t_min)


def race_time_from_vdot(vdot: float, distance_m: float) -> float:
    """Seconds the VDOT predicts for a distance (bisection on the Daniels-Gilbert model)."""
    lo, hi = 1.0, 2000.0  # minutes; VDOT falls as the time grows
    for _ in range(100):
        mid = (lo + hi) / 2
        if vdot_from_race(distance_m, mid * 60.0) > vdot:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2 * 60.0


def pace_at_fraction(vdot: float, fraction: float) -> float:
    """Pace (s/km) whose VO2 is ``fraction`` x VDOT: the VO2 quadratic solved for v."""
    a, b, c = 0.000104, 0.182258, -4.60 - fraction * vdot
    v = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
    return 60000.0 / v


def _range(vdot: float, fractions: tuple[float, float]) -> PaceRange:
    fast, slow = fractions
    return (round(pace_at_fraction(vdot, fast)), round(pace_at_fraction(vdot, slow)))


def training_paces(vdot: float, goal: str, *, race_time_s: float | None = None) -> TrainingPaces:
    """Easy, recovery, threshold, interval and race paces for a VDOT (Daniels' fractions)."""
    race_pace: float | None = None
    race: PaceRange | None = None
    if goal in RACE_DISTANCE_M:
        distance = RACE_DISTANCE_M[goal]
        seconds = race_time_s if race_time_s is not None else race_time_from_vdot(vdot, distance)
        race_pace = seconds / (distance / 1000.0)
        race = (
            round(race_pace) - RACE_PACE_TOLERANCE_S,
            round(race_pace) + RACE_PACE_TOLERANCE_S,
        )
    return TrainingPaces(
        vdot=vdot,
        easy=_range(vdot, EASY_VDOT),
        recovery=_range(vdot, RECOVERY_VDOT),
        threshold=_range(vdot, THRESHOLD_VDOT),
        interval=_range(vdot, INTERVAL_VDOT),
        race_pace_s_per_km=race_pace,
        race=race,
    )


def _paces(request: PlanRequest, basis: AthleteBasis) -> TrainingPaces | None:
    """Paces from the goal time, else the threshold pace, else the best pace, else None."""
    goal = request.goal
    if request.target_time_s is not None:
        vdot = vdot_from_race(RACE_DISTANCE_M[goal], request.target_time_s)
        return training_paces(vdot, goal, race_time_s=request.target_time_s)
    if basis.threshold_pace_s_per_km is not None:
        v = 60000.0 / basis.threshold_pace_s_per_km
        return training_paces(_vo2(v) / THRESHOLD_OF_VDOT, goal)
    if basis.best_pace_s_per_km is not None:
        seconds = basis.best_pace_s_per_km * BEST_PACE_DISTANCE_M / 1000.0
        return training_paces(vdot_from_race(BEST_PACE_DISTANCE_M, seconds), goal)
    return None


# --- validation ----------------------------------------------------------------------


def _hms(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _validate(request: PlanRequest, basis: AthleteBasis) -> date:
    """Check the inputs; return the race date (the default plan length when None)."""
    goal = request.goal
    if goal not in GOALS:
        raise PlanInputError(f"unknown goal {goal!r}: expected one of {', '.join(GOALS)}")
    days = request.days_per_week
    if isinstance(days, bool) or not isinstance(days, int) or not 3 <= days <= 7:
        raise PlanInputError(f"days_per_week must be an integer 3..7, got {days!r}")
    long_day = request.long_run_day
    if isinstance(long_day, bool) or not isinstance(long_day, int) or not 0 <= long_day <= 6:
        raise PlanInputError(f"long_run_day must be 0 (Monday) .. 6 (Sunday), got {long_day!r}")
    race_date = request.race_date
    if race_date is None:
        race_date = request.start + timedelta(days=7 * DEFAULT_WEEKS[goal] - 1)
    elif race_date < request.start:
        raise PlanInputError(f"race_date {race_date} is before the plan start {request.start}")
    plan_days = (race_date - request.start).days + 1
    if plan_days < 7 * MIN_WEEKS[goal]:
        raise PlanInputError(
            f"a {goal} plan needs at least {MIN_WEEKS[goal]} weeks: "
            f"{request.start} .. {race_date} is {plan_days} days"
        )
    if plan_days > 7 * MAX_WEEKS:
        raise PlanInputError(
            f"race_date {race_date} is more than {MAX_WEEKS} weeks after {request.start}"
        )
    target = request.target_time_s
    if target is not None:
        if goal not in TARGET_TIME_BOUNDS_S:
            raise PlanInputError("the base goal has no race: target_time_s must be None")
        low, high = TARGET_TIME_BOUNDS_S[goal]
        if not low <= target <= high:
            raise PlanInputError(
                f"target time {_hms(target)} for a {goal} is outside {_hms(low)} .. {_hms(high)}"
            )
    if not (basis.recent_weekly_m >= 0 and basis.longest_recent_run_m >= 0):
        raise PlanInputError("recent weekly distance and longest run must be >= 0 metres")
    for name, pace in (
        ("best_pace_s_per_km", basis.best_pace_s_per_km),
        ("threshold_pace_s_per_km", basis.threshold_pace_s_per_km),
    ):
        if pace is not None and not PACE_BOUNDS_S_PER_KM[0] <= pace <= PACE_BOUNDS_S_PER_KM[1]:
            raise PlanInputError(f"{name} must be within 120..900 s/km, got {pace!r}")
    if basis.hr_zones is not None:
        zones = basis.hr_zones
        if not zones or any(low > high for _, low, high in zones):
            raise PlanInputError("hr_zones must be non-empty (name, low, high) with low <= high")
        if any(a[1] >= b[1] for a, b in itertools.pairwise(zones)):
            raise PlanInputError("hr_zones must be ordered from the lowest zone up")
    return race_date


# --- phases and volume ---------------------------------------------------------------


def _phases(goal: str, weeks: int) -> list[Phase]:
    """Base, build, peak, taper in order; the base goal has only base and build."""
    taper = TAPER_WEEKS[goal]
    if goal == "base":
        peak = 0
    else:
        peak = PEAK_WEEKS if weeks >= SHORT_PLAN_WEEKS else PEAK_WEEKS_SHORT_PLAN
    rest = weeks - taper - peak
    base = math.floor(rest * BASE_SHARE + 0.5)
    phases: list[Phase] = ["base"] * base
    phases += ["build"] * (rest - base)
    phases += ["peak"] * peak
    phases += ["taper"] * taper
    return phases


def _floor100(metres: float) -> int:
    return max(0, math.floor(metres / 100 + 1e-9) * 100)


def _round60(seconds: float) -> int:
    return math.floor(seconds / 60 + 0.5) * 60


def _fmt_km(metres: int) -> str:
    return f"{metres / 1000:.1f} km"


def _fmt_pace(pace: PaceRange) -> str:
    fast, slow = pace
    return f"{fast // 60}:{fast % 60:02d}-{slow // 60}:{slow % 60:02d} /km"


# --- sessions ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Segment:
    metres: int
    hard: bool


@dataclass(frozen=True, slots=True)
class _Context:
    """What every session of the plan needs to set its targets."""

    goal: str
    paces: TrainingPaces | None
    zones: tuple[tuple[str, int, int], ...] | None

    def pace(self, kind: str) -> PaceRange | None:
        p = self.paces
        if p is None:
            return None
        return {
            "easy": p.easy,
            "long": p.easy,
            "strides": p.easy,
            "recovery": p.recovery,
            "tempo": p.threshold,
            "intervals": p.interval,
            "race_pace": p.race,
            "race": p.race,
        }[kind]

    def zone(self, kind: str) -> str | None:
        if self.zones is None:
            return None
        position = ZONE_POSITION.get(kind)
        if position is None:  # race and race-pace work: by the race distance
            position = RACE_ZONE_POSITION[self.goal]
        index = math.floor(position * (len(self.zones) - 1) + 0.5)
        return self.zones[index][0]

    def effort(self, kind: str) -> str:
        """The target in words: pace, else zone, else RPE."""
        pace = self.pace(kind)
        if pace is not None:
            return _fmt_pace(pace)
        zone = self.zone(kind)
        if zone is not None:
            return f"HR {zone}"
        return RPE[kind]

    def session(
        self,
        *,
        day: date,
        week: int,
        kind: SessionType,
        segments: Sequence[_Segment],
        description: str,
        distance_m: int | None = None,
        duration_s: float | None = None,
    ) -> PlanSession:
        """A session; its duration is each segment at its pace (hard: work pace, else easy)."""
        work_pace = self.pace(kind)
        easy_pace = self.pace("recovery" if kind == "recovery" else "easy")
        total_s = hard_s = 0.0
        for seg in segments:
            pace = work_pace if seg.hard else easy_pace
            s_per_km = DEFAULT_PACE_S_PER_KM if pace is None else (pace[0] + pace[1]) / 2
            seconds = seg.metres / 1000.0 * s_per_km
            total_s += seconds
            hard_s += seconds if seg.hard else 0.0
        metres = sum(seg.metres for seg in segments) if distance_m is None else distance_m
        hard = kind in ("tempo", "intervals", "race_pace", "race")
        return PlanSession(
            key=f"w{week:02d}-d{day.isoweekday()}",
            date=day,
            day_of_week=day.weekday(),
            type=kind,
            target_distance_m=metres,
            target_duration_s=_round60(total_s if duration_s is None else duration_s),
            intensity="hard" if hard else "easy",
            target_pace_s_per_km=work_pace,
            target_hr_zone=self.zone(kind),
            description=f"{description} ({self.effort(kind)})",
            hard_duration_s=(
                0 if not hard else _round60(hard_s if duration_s is None else duration_s)
            ),
        )


@dataclass(frozen=True, slots=True)
class _Quality:
    """A planned quality session: its date, type, segments and text."""

    day: date
    kind: SessionType
    segments: tuple[_Segment, ...]
    description: str

    @property
    def metres(self) -> int:
        return sum(s.metres for s in self.segments)

    @property
    def work_m(self) -> int:
        return sum(s.metres for s in self.segments if s.hard)


def _warmup(week_m: int) -> int:
    return min(WARMUP_MAX_M, max(WARMUP_MIN_M, _floor100(week_m * WARMUP_SHARE)))


def _reps(
    rep_m: int, jog_m: int, work_m: int, warm_m: int, *, force: bool
) -> tuple[tuple[_Segment, ...], int] | None:
    """Warm-up, reps with jogs, cool-down; None when fewer than 2 reps fit (unless forced)."""
    reps = work_m // rep_m
    if reps < MIN_REPS:
        if not force:
            return None
        reps = MIN_REPS
    segments = [_Segment(warm_m, False)]
    for i in range(reps):
        if i:
            segments.append(_Segment(jog_m, False))
        segments.append(_Segment(rep_m, True))
    segments.append(_Segment(warm_m, False))
    return tuple(segments), reps


def _continuous(work_m: int, warm_m: int, *, force: bool) -> tuple[_Segment, ...] | None:
    if work_m < TEMPO_MIN_M:
        if not force:
            return None
        work_m = TEMPO_MIN_M
    return (_Segment(warm_m, False), _Segment(work_m, True), _Segment(warm_m, False))


def _quality(
    kind: str, *, goal: str, day: date, week_m: int, budget_m: int, force: bool
) -> _Quality | None:
    """One quality session within the week's hard budget; None when it does not fit."""
    warm = _warmup(week_m)
    if kind == "tempo":
        work = _floor100(min(week_m * TEMPO_SHARE, TEMPO_CAP_M, budget_m))
        segments = _continuous(work, warm, force=force)
        if segments is None:
            return None
        text = (
            f"{_fmt_km(warm)} easy, {_fmt_km(segments[1].metres)} at threshold pace, "
            f"{_fmt_km(warm)} easy"
        )
        return _Quality(day, "tempo", segments, text)
    if kind == "intervals":
        rep = INTERVAL_REP_M[goal]
        work = _floor100(min(week_m * INTERVAL_SHARE, INTERVAL_CAP_M, budget_m))
        built = _reps(rep, JOG_M, work, warm, force=force)
        if built is None:
            return None
        segments, n = built
        text = (
            f"{_fmt_km(warm)} easy, {n} x {rep} m at interval pace with {JOG_M} m jog, "
            f"{_fmt_km(warm)} easy"
        )
        return _Quality(day, "intervals", segments, text)
    sharpen = kind == "sharpen"
    rep_m, jog, share = (SHARPEN_WORK if sharpen else RACE_PACE_WORK)[goal]
    work = _floor100(min(week_m * share, budget_m))
    label = RACE_LABEL[goal]
    prefix = "sharpening: " if sharpen else ""
    if rep_m is None:
        cont = _continuous(work, warm, force=force)
        if cont is None:
            return None
        text = (
            f"{prefix}{_fmt_km(warm)} easy, {_fmt_km(cont[1].metres)} at {label} pace, "
            f"{_fmt_km(warm)} easy"
        )
        return _Quality(day, "race_pace", cont, text)
    built = _reps(rep_m, jog, work, warm, force=force)
    if built is None:
        return None
    segments, n = built
    text = (
        f"{prefix}{_fmt_km(warm)} easy, {n} x {rep_m} m at {label} pace with {jog} m jog, "
        f"{_fmt_km(warm)} easy"
    )
    return _Quality(day, "race_pace", segments, text)


def _quality_kinds(
    goal: str, phase: Phase, *, days_per_week: int, recovery: bool, build_week: int
) -> list[str]:
    """Quality sessions of a (non-race) week, slot 1 first."""
    two = days_per_week >= 5 and not recovery
    if phase == "build":
        if two:
            return ["tempo", "intervals"]
        return ["tempo"] if recovery or build_week % 2 == 1 else ["intervals"]
    if phase == "peak":
        second = "intervals" if goal in ("5k", "10k") else "tempo"
        return ["race_pace", second] if two else ["race_pace"]
    if phase == "taper":
        return ["sharpen"]
    return []


def _share_out(units: int, weights: Sequence[float]) -> list[int]:
    """Split ``units`` by weights: floors, then the largest remainders (earlier first)."""
    total = sum(weights)
    raw = [units * w / total for w in weights]
    parts = [math.floor(r + 1e-9) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[: units - sum(parts)]:
        parts[i] += 1
    return parts


@dataclass(frozen=True, slots=True)
class _Flexible:
    day: date
    kind: SessionType
    weight: float
    priority: int  # dropped first: the highest


def _fill(
    ctx: _Context,
    *,
    week: int,
    remainder_m: int,
    flexible: list[_Flexible],
    cap_m: int | None,
) -> list[PlanSession]:
    """Easy, recovery and strides runs sharing the remainder; short ones dropped."""
    runs = list(flexible)
    while runs:
        weights = [r.weight for r in runs]
        shortest = remainder_m * min(weights) / sum(weights)
        if shortest >= MIN_EASY_M:
            break
        runs.remove(max(runs, key=lambda r: (r.priority, r.day)))
    if not runs:
        return []
    sessions = []
    parts = _share_out(max(0, remainder_m) // 100, [r.weight for r in runs])
    for run, units in zip(runs, parts, strict=True):
        metres = units * 100 if cap_m is None else min(units * 100, cap_m)
        if run.kind == "strides":
            text = f"{_fmt_km(metres)} easy with {STRIDES}"
        elif run.kind == "recovery":
            text = f"{_fmt_km(metres)} very easy recovery run"
        else:
            text = f"{_fmt_km(metres)} easy"
        sessions.append(
            ctx.session(
                day=run.day,
                week=week,
                kind=run.kind,
                segments=(_Segment(metres, False),),
                description=text,
            )
        )
    return sessions


def _training_week(
    ctx: _Context,
    *,
    request: PlanRequest,
    week: int,
    phase: Phase,
    days: list[date],
    week_m: int,
    recovery: bool,
    build_week: int,
    longest_recent_m: float,
) -> list[PlanSession]:
    """Sessions of a week without a race: long run, quality, then easy runs share the rest."""
    goal, per_week = request.goal, request.days_per_week
    offsets = {d: (d.weekday() - request.long_run_day) % 7 for d in days}
    run_days = [d for d in days if offsets[d] in RUN_OFFSETS[per_week]]
    sessions: list[PlanSession] = []
    used = 0
    long_m: int | None = None
    long_days = [d for d in run_days if offsets[d] == 0]
    if long_days:
        cap = min(week_m * LONG_RUN_SHARE[per_week], LONG_RUN_CAP_M[goal])
        if longest_recent_m > 0:
            cap = min(cap, longest_recent_m * LONG_RUN_OF_LONGEST + LONG_RUN_STEP_M * (week - 1))
        long_m = _floor100(cap)
        used += long_m
        sessions.append(
            ctx.session(
                day=long_days[0],
                week=week,
                kind="long",
                segments=(_Segment(long_m, False),),
                description=f"{_fmt_km(long_m)} long run, easy",
            )
        )
    kinds = _quality_kinds(
        goal, phase, days_per_week=per_week, recovery=recovery, build_week=build_week
    )
    slot_days = {offsets[d]: d for d in run_days if offsets[d] in QUALITY_OFFSETS}
    budget = _floor100(week_m * HARD_SHARE_MAX)
    quality_days: set[date] = set()
    for slot, kind in zip(QUALITY_OFFSETS, kinds, strict=False):
        day = slot_days.get(slot)
        if day is None:
            continue
        q = _quality(
            kind,
            goal=goal,
            day=day,
            week_m=week_m,
            budget_m=budget,
            force=slot == QUALITY_OFFSETS[0],  # the first session always; the second if it fits
        )
        if q is None:
            continue
        budget -= q.work_m
        used += q.metres
        quality_days.add(day)
        sessions.append(
            ctx.session(
                day=day, week=week, kind=q.kind, segments=q.segments, description=q.description
            )
        )
    strides = phase == "base" and week >= 3
    flexible = []
    for d in run_days:
        if d in quality_days or offsets[d] == 0:
            continue
        off = offsets[d]
        if off == RECOVERY_OFFSET:
            flexible.append(_Flexible(d, "recovery", RECOVERY_WEIGHT, 10))
        elif strides and off == QUALITY_OFFSETS[0]:
            flexible.append(_Flexible(d, "strides", 1.0, 0))
        else:
            flexible.append(_Flexible(d, "easy", 1.0, off))
    sessions += _fill(ctx, week=week, remainder_m=week_m - used, flexible=flexible, cap_m=long_m)
    return sorted(sessions, key=lambda s: s.date)


def _race_week(
    ctx: _Context,
    *,
    request: PlanRequest,
    week: int,
    race_date: date,
    train_m: int,
    last_long_m: int,
) -> list[PlanSession]:
    """The last week of a race plan: sharpening, easy runs, a shakeout, then the race."""
    goal = request.goal
    offsets = RACE_WEEK_OFFSETS[: min(request.days_per_week - 1, len(RACE_WEEK_OFFSETS))]
    cap = max(
        MIN_EASY_M,
        min(RACE_WEEK_EASY_CAP_M, _floor100(last_long_m * RACE_WEEK_EASY_OF_LONG)),
    )
    # The sharpening is sized on the week the easy runs can fill (at most twice their cap):
    # with few days and capped runs, the hard share stays within HARD_SHARE_MAX.
    easy_capacity = sum(
        SHAKEOUT_M if off == SHAKEOUT_OFFSET else cap for off in offsets if off != SHARPEN_OFFSET
    )
    sharpen_m = min(train_m, 2 * easy_capacity)
    sessions: list[PlanSession] = []
    flexible: list[_Flexible] = []
    used = 0
    for off in offsets:
        day = race_date + timedelta(days=off)
        if off == SHARPEN_OFFSET:
            q = _quality(
                "sharpen",
                goal=goal,
                day=day,
                week_m=sharpen_m,
                budget_m=_floor100(sharpen_m * HARD_SHARE_MAX),
                force=True,
            )
            assert q is not None  # forced
            used += q.metres
            sessions.append(
                ctx.session(
                    day=day, week=week, kind=q.kind, segments=q.segments, description=q.description
                )
            )
        elif off == SHAKEOUT_OFFSET:
            metres = min(SHAKEOUT_M, max(MIN_EASY_M, _floor100(train_m * HARD_SHARE_MAX)))
            used += metres
            sessions.append(
                ctx.session(
                    day=day,
                    week=week,
                    kind="strides",
                    segments=(_Segment(metres, False),),
                    description=f"shakeout: {_fmt_km(metres)} easy with 4 x 20 s strides",
                )
            )
        else:
            flexible.append(_Flexible(day, "easy", 1.0, -off))
    sessions += _fill(ctx, week=week, remainder_m=train_m - used, flexible=flexible, cap_m=cap)
    distance = round(RACE_DISTANCE_M[goal])
    target = request.target_time_s
    text = f"Race: {RACE_LABEL[goal]}, {_fmt_km(distance)}"
    if target is not None:
        text += f", goal {_hms(target)}"
    sessions.append(
        ctx.session(
            day=race_date,
            week=week,
            kind="race",
            segments=(_Segment(distance, True),),
            description=text,
            distance_m=distance,
            duration_s=None if target is None else float(target),
        )
    )
    return sorted(sessions, key=lambda s: s.date)


def _summary(
    request: PlanRequest, weeks: Sequence[PlanWeek], paces: TrainingPaces | None
) -> dict[str, float]:
    """Numbers for the coach's text: weeks per phase, volumes, longest run, paces."""
    training = [w for w in weeks if w.phase != "taper"] or list(weeks)
    long_runs = [s.target_distance_m for w in weeks for s in w.sessions if s.type == "long"]
    summary: dict[str, float] = {
        "weeks": len(weeks),
        "days_per_week": request.days_per_week,
        "base_weeks": sum(w.phase == "base" for w in weeks),
        "build_weeks": sum(w.phase == "build" for w in weeks),
        "peak_weeks": sum(w.phase == "peak" for w in weeks),
        "taper_weeks": sum(w.phase == "taper" for w in weeks),
        "recovery_weeks": sum(w.is_recovery for w in weeks),
        "first_week_m": weeks[0].target_distance_m,
        "peak_week_m": max(w.target_distance_m for w in training),
        "total_distance_m": sum(w.target_distance_m for w in weeks),
        "longest_run_m": max(long_runs, default=0),
        "sessions": sum(len(w.sessions) for w in weeks),
        "hard_sessions": sum(s.intensity == "hard" for w in weeks for s in w.sessions),
    }
    if request.goal in RACE_DISTANCE_M:
        summary["race_distance_m"] = round(RACE_DISTANCE_M[request.goal])
    if request.target_time_s is not None:
        summary["target_time_s"] = request.target_time_s
    if paces is not None:
        summary["vdot"] = round(paces.vdot, 1)
        if paces.race_pace_s_per_km is not None:
            summary["race_pace_s_per_km"] = round(paces.race_pace_s_per_km, 1)
        for name, (fast, slow) in (
            ("easy", paces.easy),
            ("recovery", paces.recovery),
            ("threshold", paces.threshold),
            ("interval", paces.interval),
        ):
            summary[f"{name}_pace_fast_s_per_km"] = fast
            summary[f"{name}_pace_slow_s_per_km"] = slow
    return summary


def build_plan(request: PlanRequest, basis: AthleteBasis) -> Plan:
    """The whole plan for a request and an athlete; PlanInputError for unusable inputs.

    Summary keys: weeks, days_per_week, base/build/peak/taper/recovery_weeks, first_week_m,
    peak_week_m (highest week before the taper), total_distance_m, longest_run_m (long
    runs only), sessions, hard_sessions; race_distance_m and target_time_s for a race;
    with paces: vdot, race_pace_s_per_km and {easy,recovery,threshold,interval}_pace_
    {fast,slow}_s_per_km.
    """
    race_date = _validate(request, basis)
    goal = request.goal
    paces = _paces(request, basis)
    ctx = _Context(goal, paces, basis.hr_zones)
    n = ((race_date - request.start).days + 1 + 6) // 7
    phases = _phases(goal, n)
    start_m = max(float(basis.recent_weekly_m), float(VOLUME_FLOOR_M[goal]))
    peak_m = max(start_m, min(float(PEAK_CAP_M[goal]), PEAK_OF_START * start_m))
    last_full: float | None = None  # the previous non-recovery week, as a full week
    highest = 0.0
    last_long_m = MIN_EASY_M
    build_week = taper_week = 0
    weeks: list[PlanWeek] = []
    for k, phase in enumerate(phases, start=1):
        ends_on = race_date - timedelta(days=7 * (n - k))
        starts_on = max(request.start, ends_on - timedelta(days=6))
        days = [starts_on + timedelta(days=i) for i in range((ends_on - starts_on).days + 1)]
        recovery = phase in ("base", "build") and k % RECOVERY_EVERY == 0
        if phase == "build":
            build_week += 1
        if phase == "taper":
            full = highest * TAPER_FACTORS[goal][taper_week]
            taper_week += 1
        elif recovery:
            full = (start_m if last_full is None else last_full) * RECOVERY_FACTOR
        elif last_full is None:
            full = start_m
        else:
            full = min(last_full * RAMP_MAX, peak_m)
        full_m = _floor100(full)
        week_m = _floor100(full_m * len(days) / 7)
        if goal != "base" and k == n:
            sessions = _race_week(
                ctx,
                request=request,
                week=k,
                race_date=race_date,
                train_m=week_m,
                last_long_m=last_long_m,
            )
        else:
            sessions = _training_week(
                ctx,
                request=request,
                week=k,
                phase=phase,
                days=days,
                week_m=week_m,
                recovery=recovery,
                build_week=build_week,
                longest_recent_m=basis.longest_recent_run_m,
            )
        actual = sum(s.target_distance_m for s in sessions)
        last_long_m = next((s.target_distance_m for s in sessions if s.type == "long"), last_long_m)
        if phase != "taper" and not recovery:
            last_full = float(full_m if len(days) < 7 else actual)
            highest = max(highest, last_full)
        weeks.append(
            PlanWeek(
                index=k,
                phase=phase,
                starts_on=starts_on,
                ends_on=ends_on,
                is_recovery=recovery,
                target_distance_m=actual,
                sessions=tuple(sessions),
            )
        )
    return Plan(
        goal=goal,
        start=request.start,
        race_date=race_date,
        weeks=tuple(weeks),
        total_distance_m=sum(w.target_distance_m for w in weeks),
        summary=_summary(request, weeks, paces),
        paces=paces,
    )
