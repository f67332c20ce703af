"""Daily readiness 0..100 from HRV, resting HR, sleep and form; pure, no I/O.

Sources and choices
-------------------
* HRV is read as ln(rMSSD) against the athlete's own rolling baseline, with a
  "normal range" of baseline mean +/- 0.5 SD (the smallest worthwhile change):
  Plews D. et al. (2012), "Heart rate variability in elite triathletes: is
  variation in variability the key to effective training?", Eur J Appl Physiol
  112:3729-3741; Plews D. et al. (2013), "Training adaptation and heart rate
  variability in elite endurance athletes: opening the door to effective
  monitoring", Sports Med 43:773-781; Kiviniemi A. et al. (2007), HRV-guided
  training, Eur J Appl Physiol 101:743-751. Below the range lowers readiness;
  inside it is neutral to good; above it scores like the top of the range and
  no higher, since Plews (2013) notes that values well above normal can also
  reflect parasympathetic saturation in fatigued, well-trained athletes.
* Resting HR: elevated when more than ``RHR_ELEVATED_BPM`` (5 bpm) or more
  than 1 SD above its baseline mean, whichever triggers first.
* Sleep: hours against an 8 h target, and/or the device's 0..100 sleep score
  (the mean of the two when both are present).
* Form: TSB from :mod:`runcoach.training.pmc` (very negative lowers).

Each component is scored 0..100 by a piecewise-linear map whose break points
are the ``*_POINTS`` constants below (flat outside the first and last point).
The total is the weighted mean of the components present, with the published
``WEIGHTS`` re-normalised over them; each component reports its effective
weight and its ``contribution`` (score x weight: the contributions add up to
the total before rounding, half up).

Baselines are the ``BASELINE_DAYS`` (60) calendar days before the scored day
(the day itself excluded), using every valid reading in that window; a
component needs ``MIN_BASELINE_DAYS`` readings to be scored. Confidence is
set by the smallest baseline among HRV and resting HR, counting each one that
has a reading today (scored or not): ``low`` below 14 readings (or with
neither reading today), ``medium`` for 14-29, ``high`` from 30.

Absurd values: an HRV or resting-HR reading that is not a finite positive
number is ignored as a bad reading; sleep hours are clamped to 0..24 and the
sleep score to 0..100; a non-finite TSB or sleep value is treated as missing.
Metric series are keyed by local calendar ``date`` (a ``datetime`` key is
rejected, so no time zone is guessed here).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "BASELINE_DAYS",
    "CONFIDENCE_HIGH_DAYS",
    "CONFIDENCE_MEDIUM_DAYS",
    "FORM_POINTS",
    "HRV_NORMAL_RANGE_SD",
    "HRV_POINTS",
    "HRV_SD_FLOOR",
    "MIN_BASELINE_DAYS",
    "RHR_ELEVATED_BPM",
    "RHR_POINTS",
    "RHR_SD_FLOOR",
    "SLEEP_HOURS_POINTS",
    "SLEEP_TARGET_HOURS",
    "WEIGHTS",
    "Baseline",
    "Component",
    "Confidence",
    "Readiness",
    "baseline",
    "compute",
    "hrv_z",
    "ln_rmssd",
    "valid_readings",
]

Confidence = Literal["low", "medium", "high"]
MetricSeries = Mapping[dt.date, float | None]

WEIGHTS: dict[str, float] = {"hrv": 0.35, "resting_hr": 0.20, "sleep": 0.25, "form": 0.20}
"""Published weights: HRV is the best-supported single marker (Plews), sleep next."""

BASELINE_DAYS = 60
MIN_BASELINE_DAYS = 3
CONFIDENCE_MEDIUM_DAYS = 14
CONFIDENCE_HIGH_DAYS = 30

HRV_NORMAL_RANGE_SD = 0.5
"""Normal range half-width in baseline SDs (Plews' smallest worthwhile change)."""
HRV_SD_FLOOR = 0.05
"""Lowest SD of ln rMSSD used (~5 % in rMSSD), so a flat baseline does not divide by ~0."""
HRV_POINTS: tuple[tuple[float, float], ...] = ((-2.5, 0.0), (-0.5, 70.0), (0.5, 90.0))
"""Score by z = (ln rMSSD - mean) / SD: 70 at the bottom of the normal range, 90 at its top."""

RHR_ELEVATED_BPM = 5.0
RHR_SD_FLOOR = 2.0
"""Lowest SD of resting HR used (bpm): wearables report whole beats."""
RHR_POINTS: tuple[tuple[float, float], ...] = ((-1.0, 100.0), (0.0, 90.0), (1.0, 70.0), (3.0, 0.0))
"""Score by e = max(delta / 5 bpm, delta / SD): 1 is the "elevated" threshold."""

SLEEP_TARGET_HOURS = 8.0
SLEEP_HOURS_POINTS: tuple[tuple[float, float], ...] = ((4.0, 0.0), (SLEEP_TARGET_HOURS, 100.0))
"""25 points per hour short of 8 h; 4 h or less scores 0."""

FORM_POINTS: tuple[tuple[float, float], ...] = (
    (-40.0, 0.0),
    (-30.0, 20.0),
    (-10.0, 70.0),
    (5.0, 100.0),
)
"""Score by TSB: fresh (>= +5) 100, 0 scores 90, -10 scores 70, -30 scores 20."""


@dataclass(frozen=True, slots=True)
class Baseline:
    """Mean and sample SD of the readings in a baseline window; ``days`` readings."""

    days: int
    mean: float
    sd: float


@dataclass(frozen=True, slots=True)
class Component:
    """One input's score 0..100, its effective weight and its points in the total."""

    score: float
    weight: float
    contribution: float
    detail: str


@dataclass(frozen=True, slots=True)
class Readiness:
    """Readiness 0..100 (``None`` when nothing could be scored), explained."""

    score: int | None
    components: dict[str, Component]
    confidence: Confidence
    missing: list[str]


def _interp(x: float, points: Sequence[tuple[float, float]]) -> float:
    """Piecewise-linear interpolation through ``points``, flat outside them."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def _finite(value: float | None) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def valid_readings(series: MetricSeries | None) -> dict[dt.date, float]:
    """The finite, positive readings of a per-day series (bad readings dropped)."""
    clean: dict[dt.date, float] = {}
    for day, value in (series or {}).items():
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            raise TypeError(f"expected a datetime.date (local calendar day), got {day!r}")
        number = _finite(value)
        if number is not None and number > 0:
            clean[day] = number
    return clean


def ln_rmssd(hrv_ms: MetricSeries | None) -> dict[dt.date, float]:
    """ln(rMSSD in ms) per day, bad readings dropped (Plews 2012)."""
    return {day: math.log(ms) for day, ms in valid_readings(hrv_ms).items()}


def baseline(
    readings: Mapping[dt.date, float], *, day: dt.date, window: int = BASELINE_DAYS
) -> Baseline | None:
    """Baseline of the ``window`` days before ``day`` (excluded); ``None`` without readings.

    ``readings`` must already be clean (see :func:`valid_readings`). The SD is
    the sample SD (n - 1), 0 with a single reading.
    """
    first = day - dt.timedelta(days=window)
    values = [v for d, v in readings.items() if first <= d < day]
    if not values:
        return None
    mean = math.fsum(values) / len(values)
    sd = standard_deviation(values, mean, sample=True) if len(values) > 1 else 0.0
    return Baseline(days=len(values), mean=mean, sd=sd)


def standard_deviation(values: Sequence[float], mean: float, *, sample: bool) -> float:
    """The sample (n - 1) or population SD around ``mean``, in floats.

    ``statistics.stdev`` is exact (it sums in fractions) and costs ~100x more; two passes
    in floats with ``fsum`` are accurate to ~1e-15 here, where readings have 3 digits.
    """
    squares = math.fsum((v - mean) * (v - mean) for v in values)
    return math.sqrt(squares / (len(values) - 1 if sample else len(values)))


def hrv_z(ln_today: float, base: Baseline) -> float:
    """How many (floored) baseline SDs today's ln rMSSD is from the mean."""
    return (ln_today - base.mean) / max(base.sd, HRV_SD_FLOOR)


def _hrv(ln_values: dict[dt.date, float], day: dt.date) -> tuple[float, str] | None:
    today = ln_values.get(day)
    base = baseline(ln_values, day=day)
    if today is None or base is None or base.days < MIN_BASELINE_DAYS:
        return None
    z = hrv_z(today, base)
    half = HRV_NORMAL_RANGE_SD * max(base.sd, HRV_SD_FLOOR)
    where = "within"
    if z < -HRV_NORMAL_RANGE_SD:
        where = "below"
    elif z > HRV_NORMAL_RANGE_SD:
        where = "above"
    detail = (
        f"ln rMSSD {today:.2f} ({math.exp(today):.0f} ms) vs baseline {base.mean:.2f}"
        f" +/- {base.sd:.2f} over {base.days} days; normal range"
        f" {base.mean - half:.2f}..{base.mean + half:.2f}: {where}"
    )
    return _interp(z, HRV_POINTS), detail


def _resting_hr(values: dict[dt.date, float], day: dt.date) -> tuple[float, str] | None:
    today = values.get(day)
    base = baseline(values, day=day)
    if today is None or base is None or base.days < MIN_BASELINE_DAYS:
        return None
    delta = today - base.mean
    sd = max(base.sd, RHR_SD_FLOOR)
    elevation = max(delta / RHR_ELEVATED_BPM, delta / sd)
    state = "elevated" if elevation > 1 else "normal"
    detail = (
        f"resting HR {today:.0f} bpm vs baseline {base.mean:.1f} +/- {base.sd:.1f}"
        f" over {base.days} days ({delta:+.1f} bpm): {state}"
    )
    return _interp(elevation, RHR_POINTS), detail


def _sleep(hours: float | None, score: float | None) -> tuple[float, str] | None:
    hours = _finite(hours)
    score = _finite(score)
    parts: list[float] = []
    details: list[str] = []
    if hours is not None:
        hours = min(max(hours, 0.0), 24.0)
        parts.append(_interp(hours, SLEEP_HOURS_POINTS))
        details.append(f"{hours:.1f} h vs {SLEEP_TARGET_HOURS:.0f} h target")
    if score is not None:
        score = min(max(score, 0.0), 100.0)
        parts.append(score)
        details.append(f"sleep score {score:.0f}")
    if not parts:
        return None
    return statistics.fmean(parts), ", ".join(details)


def _form(tsb: float | None) -> tuple[float, str] | None:
    tsb = _finite(tsb)
    if tsb is None:
        return None
    return _interp(tsb, FORM_POINTS), f"TSB {tsb:+.1f}"


def _confidence(baseline_days: list[int]) -> Confidence:
    if not baseline_days:
        return "low"
    n = min(baseline_days)
    if n >= CONFIDENCE_HIGH_DAYS:
        return "high"
    if n >= CONFIDENCE_MEDIUM_DAYS:
        return "medium"
    return "low"


def compute(
    *,
    day: dt.date,
    hrv_ms: MetricSeries | None = None,
    resting_hr: MetricSeries | None = None,
    sleep_hours: float | None = None,
    sleep_score: float | None = None,
    tsb: float | None = None,
) -> Readiness:
    """Readiness for ``day`` from per-day rMSSD (ms) and resting HR (bpm) series.

    The series hold today's reading and the history its baseline is drawn
    from; sleep and ``tsb`` (form, from the PMC) are today's values.
    """
    scored: dict[str, tuple[float, str]] = {}
    baseline_days: list[int] = []
    ln_hrv = ln_rmssd(hrv_ms)
    rhr = valid_readings(resting_hr)
    for name, readings, result in (
        ("hrv", ln_hrv, _hrv(ln_hrv, day)),
        ("resting_hr", rhr, _resting_hr(rhr, day)),
    ):
        if day in readings:
            base = baseline(readings, day=day)
            baseline_days.append(base.days if base else 0)
        if result is not None:
            scored[name] = result
    for name, other in (("sleep", _sleep(sleep_hours, sleep_score)), ("form", _form(tsb))):
        if other is not None:
            scored[name] = other

    present = sum(WEIGHTS[name] for name in scored)
    components: dict[str, Component] = {}
    for name, base_weight in WEIGHTS.items():
        if name in scored:
            score, detail = scored[name]
            weight = base_weight / present
            components[name] = Component(
                score=score, weight=weight, contribution=score * weight, detail=detail
            )
    total = sum(c.contribution for c in components.values())
    return Readiness(
        score=math.floor(total + 0.5) if components else None,  # half up
        components=components,
        confidence=_confidence(baseline_days),
        missing=[name for name in WEIGHTS if name not in scored],
    )
