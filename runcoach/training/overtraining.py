"""Overtraining risk (low / moderate / high) and the factors behind it; pure, no I/O.

Factors and thresholds (each reported with its value and the threshold crossed)
-------------------------------------------------------------------------------
``acwr``
    EWMA acute:chronic workload ratio (Williams et al., 2017, Br J Sports Med
    51:209) above 1.3 is moderate, above 1.5 high (Gabbett's "danger zone",
    Br J Sports Med 2016 50:273). Only judged once the chronic window is
    filled (first load at least ``ACWR_MIN_HISTORY_DAYS`` days ago) and CTL is
    at least ``ACWR_MIN_CTL``: a ratio of two tiny averages (a beginner's first
    weeks, the first run after a layoff) is noise, not a spike.
``tsb``
    Form (PMC, Coggan / GoldenCheetah) below -25 is moderate, below -30 high.
``hrv_suppressed``
    ln(rMSSD) below its normal range (rolling 60-day baseline mean - 0.5 SD;
    Plews et al., 2012, 2013) on consecutive days: 3+ moderate, 5+ high.
``resting_hr_elevated``
    Resting HR more than 5 bpm above its rolling 60-day baseline mean on
    consecutive days: 3+ moderate, 5+ high.
``monotony``
    Foster C. (1998), "Monitoring training in athletes with reference to
    overtraining syndrome", Med Sci Sports Exerc 30(7):1164-1168: monotony =
    mean daily load / SD of daily load over the last 7 days (population SD;
    capped at ``MONOTONY_CAP`` when every day has the same non-zero load).
    Above 2.0 it is reported as ``low`` severity ("notable"): on its own it
    describes a week without easy days, not a risk; it matters through strain.
``strain``
    Foster (1998): strain = weekly load x monotony. Judged against the
    athlete's own history: above 1.5x the mean strain of the 4 preceding
    weeks is moderate, above 2x high. No absolute threshold is used because
    the load unit (TSS, TRIMP, session-RPE) varies by athlete.

Streaks (HRV, resting HR) run over calendar days ending today, or yesterday
when today's reading has not arrived yet; a day without a reading ends the
streak. A day is only judged when its baseline holds ``MIN_BASELINE_DAYS``
(14) readings, the same threshold as readiness' medium confidence.

Level and score
---------------
The level is the highest factor severity, except that two or more moderate
factors escalate to high (they compound, even when correlated, and an athlete
carrying two warning signs should hear about it). ``low`` factors never raise
the level. The score is 50 per high factor + 25 per moderate factor, capped at
100, plus 5 per low factor up to 20 without crossing into the next band; so
score < 25 is low, 25-49 moderate and 50+ high.

Inputs are plain: a PMC series (:class:`runcoach.training.pmc.PmcDay`, any
order; loads for monotony and strain are read from it, days absent from it
are unknown) and per-day rMSSD (ms) and resting HR (bpm) series keyed by
local calendar date.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from runcoach.training import readiness
from runcoach.training.pmc import PmcDay

__all__ = [
    "ACWR_HIGH",
    "ACWR_MIN_CTL",
    "ACWR_MIN_HISTORY_DAYS",
    "ACWR_MODERATE",
    "MIN_BASELINE_DAYS",
    "MONOTONY_CAP",
    "MONOTONY_NOTABLE",
    "RHR_ELEVATED_BPM",
    "STRAIN_HIGH_RATIO",
    "STRAIN_HISTORY_WEEKS",
    "STRAIN_MODERATE_RATIO",
    "STREAK_HIGH_DAYS",
    "STREAK_MODERATE_DAYS",
    "TSB_HIGH",
    "TSB_MODERATE",
    "Factor",
    "Level",
    "Risk",
    "Severity",
    "assess",
    "monotony",
    "strain",
]

Severity = Literal["low", "moderate", "high"]
Level = Literal["low", "moderate", "high"]

ACWR_MODERATE = 1.3
ACWR_HIGH = 1.5
ACWR_MIN_HISTORY_DAYS = 28
ACWR_MIN_CTL = 10.0
"""Load units per day (~70 TSS a week); below it the ACWR is not judged."""
TSB_MODERATE = -25.0
TSB_HIGH = -30.0
STREAK_MODERATE_DAYS = 3
STREAK_HIGH_DAYS = 5
RHR_ELEVATED_BPM = 5.0
MIN_BASELINE_DAYS = readiness.CONFIDENCE_MEDIUM_DAYS
MONOTONY_NOTABLE = 2.0
MONOTONY_CAP = 10.0
STRAIN_HISTORY_WEEKS = 4
STRAIN_MODERATE_RATIO = 1.5
STRAIN_HIGH_RATIO = 2.0

_POINTS = {"high": 50, "moderate": 25, "low": 5}
_LOW_POINTS_MAX = 20
_RANK = {"low": 0, "moderate": 1, "high": 2}
_ONE_DAY = dt.timedelta(days=1)
_WEEK = 7


@dataclass(frozen=True, slots=True)
class Factor:
    """One reason for concern: the value seen and the threshold it crossed."""

    code: str
    severity: Severity
    value: float
    threshold: float
    message: str


@dataclass(frozen=True, slots=True)
class Risk:
    """Overall level, a 0..100 score and the factors, most severe first."""

    level: Level
    score: int
    factors: list[Factor]


def monotony(loads: Iterable[float]) -> float | None:
    """Foster monotony: mean / population SD of daily loads; ``None`` if all are 0."""
    values = list(loads)
    if not values:
        return None
    mean = statistics.fmean(values)
    if mean <= 0:
        return None
    sd = readiness.standard_deviation(values, mean, sample=False)
    if sd == 0:
        return MONOTONY_CAP
    return min(mean / sd, MONOTONY_CAP)


def strain(loads: Iterable[float]) -> float | None:
    """Foster strain: total load x monotony; ``None`` if all loads are 0."""
    values = list(loads)
    mono = monotony(values)
    return None if mono is None else sum(values) * mono


def _week(by_date: Mapping[dt.date, PmcDay], end: dt.date) -> list[float] | None:
    """The 7 daily loads ending on ``end``, or ``None`` if any day is unknown."""
    days = [by_date.get(end - dt.timedelta(days=i)) for i in range(_WEEK - 1, -1, -1)]
    if any(d is None for d in days):
        return None
    return [d.load for d in days if d is not None]


def _grade(value: float, moderate: float, high: float) -> Severity | None:
    """Severity of ``value`` against increasing thresholds (strictly above)."""
    if value > high:
        return "high"
    if value > moderate:
        return "moderate"
    return None


def _acwr(
    by_date: Mapping[dt.date, PmcDay], day: dt.date, history_since: dt.date | None
) -> Factor | None:
    today = by_date.get(day)
    if today is None or today.acwr is None or today.ctl < ACWR_MIN_CTL:
        return None
    loaded = [d for d, p in by_date.items() if p.load > 0 and d <= day]
    if history_since is not None:
        loaded.append(history_since)
    if not loaded or (day - min(loaded)).days + 1 < ACWR_MIN_HISTORY_DAYS:
        return None
    severity = _grade(today.acwr, ACWR_MODERATE, ACWR_HIGH)
    if severity is None:
        return None
    threshold = ACWR_HIGH if severity == "high" else ACWR_MODERATE
    return Factor(
        code="acwr",
        severity=severity,
        value=today.acwr,
        threshold=threshold,
        message=(
            f"Acute:chronic load ratio {today.acwr:.2f} is above {threshold:.1f}:"
            " this week's load jumped well above what you are used to."
        ),
    )


def _tsb(by_date: Mapping[dt.date, PmcDay], day: dt.date) -> Factor | None:
    today = by_date.get(day)
    if today is None:
        return None
    severity = _grade(-today.tsb, -TSB_MODERATE, -TSB_HIGH)
    if severity is None:
        return None
    threshold = TSB_HIGH if severity == "high" else TSB_MODERATE
    return Factor(
        code="tsb",
        severity=severity,
        value=today.tsb,
        threshold=threshold,
        message=f"Form (TSB) {today.tsb:+.1f} is below {threshold:.0f}: fatigue is piling up.",
    )


def _hrv_suppressed(ln_hrv: Mapping[dt.date, float], day: dt.date) -> bool:
    """ln rMSSD below the normal range of its rolling baseline (needs 14 readings)."""
    base = readiness.baseline(ln_hrv, day=day)
    if base is None or base.days < MIN_BASELINE_DAYS:
        return False
    return readiness.hrv_z(ln_hrv[day], base) < -readiness.HRV_NORMAL_RANGE_SD


def _rhr_elevated(rhr: Mapping[dt.date, float], day: dt.date) -> bool:
    """Resting HR more than 5 bpm above its rolling baseline mean (needs 14 readings)."""
    base = readiness.baseline(rhr, day=day)
    if base is None or base.days < MIN_BASELINE_DAYS:
        return False
    return rhr[day] - base.mean > RHR_ELEVATED_BPM


def _streak(
    readings: Mapping[dt.date, float],
    day: dt.date,
    flagged: Callable[[Mapping[dt.date, float], dt.date], bool],
) -> int:
    """Consecutive flagged days ending today (or yesterday if today has no reading)."""
    current = day if day in readings else day - _ONE_DAY
    count = 0
    while current in readings and flagged(readings, current):
        count += 1
        current -= _ONE_DAY
    return count


def _streak_factor(code: str, days: int, what: str) -> Factor | None:
    severity = _grade(days, STREAK_MODERATE_DAYS - 1, STREAK_HIGH_DAYS - 1)
    if severity is None:
        return None
    threshold = STREAK_HIGH_DAYS if severity == "high" else STREAK_MODERATE_DAYS
    return Factor(
        code=code,
        severity=severity,
        value=float(days),
        threshold=float(threshold),
        message=f"{what} {days} days running.",
    )


def _monotony(by_date: Mapping[dt.date, PmcDay], day: dt.date) -> Factor | None:
    week = _week(by_date, day)
    mono = None if week is None else monotony(week)
    if mono is None or mono <= MONOTONY_NOTABLE:
        return None
    return Factor(
        code="monotony",
        severity="low",
        value=mono,
        threshold=MONOTONY_NOTABLE,
        message=(
            f"Training monotony {mono:.1f} is above {MONOTONY_NOTABLE:.1f}:"
            " days are too alike, with no real easy day."
        ),
    )


def _strain(by_date: Mapping[dt.date, PmcDay], day: dt.date) -> Factor | None:
    week = _week(by_date, day)
    current = None if week is None else strain(week)
    if current is None:
        return None
    history: list[float] = []
    for weeks_back in range(1, STRAIN_HISTORY_WEEKS + 1):
        past = _week(by_date, day - dt.timedelta(days=_WEEK * weeks_back))
        if past is None:
            return None
        history.append(strain(past) or 0.0)
    reference = statistics.fmean(history)
    if reference <= 0:
        return None
    ratio = current / reference
    severity = _grade(ratio, STRAIN_MODERATE_RATIO, STRAIN_HIGH_RATIO)
    if severity is None:
        return None
    threshold = STRAIN_HIGH_RATIO if severity == "high" else STRAIN_MODERATE_RATIO
    return Factor(
        code="strain",
        severity=severity,
        value=ratio,
        threshold=threshold,
        message=(
            f"Weekly strain {current:.0f} is {ratio:.1f}x your average of the last"
            f" {STRAIN_HISTORY_WEEKS} weeks ({reference:.0f})."
        ),
    )


def _level_and_score(factors: list[Factor]) -> tuple[Level, int]:
    counts = {severity: 0 for severity in _POINTS}
    for factor in factors:
        counts[factor.severity] += 1
    level: Level = "low"
    if counts["high"] or counts["moderate"] >= 2:
        level = "high"
    elif counts["moderate"]:
        level = "moderate"
    base = min(100, _POINTS["high"] * counts["high"] + _POINTS["moderate"] * counts["moderate"])
    low = min(_LOW_POINTS_MAX, _POINTS["low"] * counts["low"])
    return level, min(100, base + low)


def assess(
    *,
    day: dt.date,
    pmc: Iterable[PmcDay] = (),
    hrv_ms: Mapping[dt.date, float | None] | None = None,
    resting_hr: Mapping[dt.date, float | None] | None = None,
    history_since: dt.date | None = None,
) -> Risk:
    """Overtraining risk on ``day``; give at least 35 days of PMC for strain, 28 for ACWR.

    ``history_since``: a day of training older than the ``pmc`` given (when the chart is
    a window of a longer history), so the ACWR's minimum history counts from it.
    """
    by_date = {p.date: p for p in pmc if p.date <= day}
    ln_hrv = readiness.ln_rmssd(hrv_ms)
    rhr = readiness.valid_readings(resting_hr)
    candidates = [
        _acwr(by_date, day, history_since),
        _tsb(by_date, day),
        _streak_factor(
            "hrv_suppressed",
            _streak(ln_hrv, day, _hrv_suppressed),
            "HRV (ln rMSSD) below your normal range",
        ),
        _streak_factor(
            "resting_hr_elevated",
            _streak(rhr, day, _rhr_elevated),
            f"Resting HR more than {RHR_ELEVATED_BPM:.0f} bpm above your baseline",
        ),
        _monotony(by_date, day),
        _strain(by_date, day),
    ]
    factors = sorted(
        (f for f in candidates if f is not None), key=lambda f: _RANK[f.severity], reverse=True
    )
    level, score = _level_and_score(factors)
    return Risk(level=level, score=score, factors=factors)
