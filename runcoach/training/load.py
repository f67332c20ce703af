"""Per-workout training load: Banister TRIMP, hrTSS and session-RPE, with the source used.

Pure: no I/O. Units are in the names: ``*_s`` seconds, ``*_hr`` and ``bpm`` beats per
minute; TRIMP in Banister's arbitrary units (minutes x weighted HR reserve); session-RPE
in Foster's arbitrary units (CR-10 x minutes); "tss" is the TSS-like scale on which one
hour at lactate-threshold heart rate (LTHR) = 100.

Formulas:

- Banister TRIMP (Banister, 1991, "Modeling elite athletic performance"; sex factors
  from Morton, Fitz-Clarke & Banister, 1990): TRIMP = sum over samples of
  dt_min x HRr x a x e^(k x HRr), HRr = (HR - resting) / (max - resting) clamped to
  [0, 1]; men a = 0.64, k = 1.92; women a = 0.86, k = 1.67. The women's curve has its
  own multiplier (0.86), not 0.64: with 0.64 a woman's TRIMP would be 26 % low at every
  intensity. Sex other or unknown: the mean of the two curves' constants, a = 0.75,
  k = 1.795, which lies between the two curves (at HRr 0.5 and 1.0: +10 % / +3 % above
  the men's, -7 % / -1 % below the women's).
- hrTSS (TrainingPeaks' heart-rate TSS concept, normalised so that one hour at LTHR =
  100): hrTSS = TRIMP / TRIMP(60 min at LTHR) x 100, with the same athlete's Banister
  curve, so 30 min at LTHR = 50 and an easier hour less than 100.
- Session-RPE (Foster et al., 2001, "A new approach to monitoring exercise training"):
  load = RPE (CR-10, 0..10) x duration in minutes.

Which source ``workout_load`` uses, best first:

1. ``hr_tss``: HR samples covering at least half of the workout, with resting HR, max
   HR and an LTHR (rest < LTHR <= max). Only a real LTHR: one is not guessed from max
   and resting HR, because a guess (say 88 % HRR) would move every hrTSS by 20 % or
   more for athletes whose threshold sits elsewhere, while looking exact.
2. ``trimp``: the same samples with resting and max HR but no LTHR: raw Banister TRIMP,
   ``unit="trimp"``, deliberately not rescaled to TSS-like units.
3. ``avg_hr_trimp``: TRIMP from the average HR over the whole duration (sparse or no
   samples), ``low_fidelity=True``: the exponential weighting of an average understates
   intervals. With an LTHR it is normalised like hrTSS (``unit="tss"``), so an athlete
   with an LTHR stays on one scale; else raw TRIMP.
4. ``session_rpe``: RPE x minutes / 6 on the TSS-like scale (``raw`` keeps Foster's
   units). Why / 6: TSS = hours x IF^2 x 100, and RPE / 10 plays the part of IF^2
   (the fraction of a maximal effort): an hour at LTHR is by definition about the
   hardest hour one can sustain, rated 10 ("maximal") once done, so 60 min x RPE 10 =
   600 AU = 100; a tempo hour (IF 0.85, IF^2 = 0.72) at RPE 7 gives 70, an easy hour
   (IF 0.65, IF^2 = 0.42) at RPE 4 gives 40. It stays proportional to Foster's load,
   so ratios (ACWR, monotony) are unchanged.
5. ``none``: value 0.

The unit is reported with the value: mixing "tss" and "trimp" loads in one series is
the caller's decision, never a silent one. Absurd input: readings outside 25..250 bpm
are dropped; the functions that take a profile raise ValueError when max HR <= resting
HR (or LTHR is outside (resting, max]); ``workout_load`` instead treats such a profile as
lacking that data and falls through to the next source.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from runcoach.training.zones import MAX_BPM, MIN_BPM, clean_samples, sample_seconds

LoadSource = Literal["hr_tss", "trimp", "avg_hr_trimp", "session_rpe", "none"]
LoadUnit = Literal["tss", "trimp", "none"]

MALE_FACTORS = (0.64, 1.92)  # (a, k), Morton et al. (1990)
FEMALE_FACTORS = (0.86, 1.67)
OTHER_FACTORS = (0.75, 1.795)  # the mean of the two, for other or unknown sex
TSS_PER_LTHR_HOUR = 100.0
SRPE_AU_PER_TSS = 6.0  # 600 AU (RPE 10 x 60 min) = 100 on the TSS-like scale
MIN_SAMPLE_COVERAGE = 0.5  # samples must cover this share of the duration to be used
MAX_RPE = 10.0  # Foster's CR-10 scale


@dataclass(frozen=True, slots=True)
class Load:
    """A workout's load, the unit it is in and the source it came from."""

    value: float  # in ``unit``
    source: LoadSource
    unit: LoadUnit
    raw: float | None = None  # the source's own number: TRIMP (AU) or session-RPE (AU)
    raw_unit: Literal["trimp", "srpe_au"] | None = None
    low_fidelity: bool = False  # True when computed from an average HR


NO_LOAD = Load(0.0, "none", "none")


def sex_factors(sex: str | None) -> tuple[float, float]:
    """Banister's (a, k) for "male" or "female"; anything else gets their mean."""
    normalised = (sex or "").strip().lower()
    if normalised == "male":
        return MALE_FACTORS
    if normalised == "female":
        return FEMALE_FACTORS
    return OTHER_FACTORS


def _check_hr(name: str, value: float) -> None:
    if not (math.isfinite(value) and MIN_BPM <= value <= MAX_BPM):
        raise ValueError(f"{name} must be within {MIN_BPM}..{MAX_BPM} bpm, got {value}")


def _check_profile(resting_hr: float, max_hr: float) -> None:
    _check_hr("resting_hr", resting_hr)
    _check_hr("max_hr", max_hr)
    if max_hr <= resting_hr:
        raise ValueError(f"max_hr ({max_hr}) must be above resting_hr ({resting_hr})")


def _check_lthr(lthr: float, resting_hr: float, max_hr: float) -> None:
    _check_hr("lthr", lthr)
    if not resting_hr < lthr <= max_hr:
        raise ValueError(f"lthr ({lthr}) must be above resting_hr and at most max_hr")


def _check_duration(duration_s: float) -> None:
    if not (math.isfinite(duration_s) and duration_s >= 0):
        raise ValueError(f"duration_s must be a finite number >= 0, got {duration_s}")


def trimp_per_minute(bpm: float, *, resting_hr: float, max_hr: float, sex: str | None) -> float:
    """Banister's weighted intensity for one minute at ``bpm``: HRr x a x e^(k x HRr)."""
    a, k = sex_factors(sex)
    reserve = min(max((bpm - resting_hr) / (max_hr - resting_hr), 0.0), 1.0)
    return reserve * a * math.exp(k * reserve)


def banister_trimp(
    hr_samples: Iterable[tuple[float, float]],
    *,
    resting_hr: float,
    max_hr: float,
    sex: str | None,
) -> float:
    """Banister TRIMP of HR samples (Banister, 1991; sex factors: Morton et al., 1990).

    TRIMP = sum of dt_min x HRr x a x e^(k x HRr), HRr = (bpm - resting) / (max -
    resting) clamped to [0, 1]; (a, k) = (0.64, 1.92) men, (0.86, 1.67) women, (0.75,
    1.795) otherwise. A sample lasts until the next, capped at 10 s, the last 1 s;
    readings outside 25..250 bpm are dropped; no samples: 0. ValueError when max <=
    resting or either is outside 25..250.
    """
    _check_profile(resting_hr, max_hr)
    samples = clean_samples(hr_samples)
    return sum(
        seconds / 60.0 * trimp_per_minute(bpm, resting_hr=resting_hr, max_hr=max_hr, sex=sex)
        for (_, bpm), seconds in zip(samples, sample_seconds(samples), strict=True)
    )


def average_hr_trimp(
    avg_hr: float, duration_s: float, *, resting_hr: float, max_hr: float, sex: str | None
) -> float:
    """Banister TRIMP from an average HR held for the whole duration (Banister, 1991)."""
    _check_profile(resting_hr, max_hr)
    _check_hr("avg_hr", avg_hr)
    _check_duration(duration_s)
    return (
        duration_s / 60.0 * trimp_per_minute(avg_hr, resting_hr=resting_hr, max_hr=max_hr, sex=sex)
    )


def lthr_hour_trimp(*, lthr: float, resting_hr: float, max_hr: float, sex: str | None) -> float:
    """TRIMP of one hour at LTHR: the denominator that makes that hour 100 hrTSS."""
    _check_profile(resting_hr, max_hr)
    _check_lthr(lthr, resting_hr, max_hr)
    return 60.0 * trimp_per_minute(lthr, resting_hr=resting_hr, max_hr=max_hr, sex=sex)


def hr_tss(
    hr_samples: Iterable[tuple[float, float]],
    *,
    lthr: float,
    resting_hr: float,
    max_hr: float,
    sex: str | None,
) -> float:
    """Heart-rate TSS: TRIMP / TRIMP(one hour at LTHR) x 100 (TrainingPeaks' hrTSS concept).

    Same samples rules as ``banister_trimp``; one hour at LTHR = 100, 30 min = 50.
    ValueError unless resting < LTHR <= max (all within 25..250 bpm).
    """
    reference = lthr_hour_trimp(lthr=lthr, resting_hr=resting_hr, max_hr=max_hr, sex=sex)
    trimp = banister_trimp(hr_samples, resting_hr=resting_hr, max_hr=max_hr, sex=sex)
    return trimp / reference * TSS_PER_LTHR_HOUR


def session_rpe(rpe: float, duration_s: float) -> float:
    """Session-RPE load in arbitrary units: RPE (CR-10) x minutes (Foster et al., 2001)."""
    if not (math.isfinite(rpe) and 0.0 <= rpe <= MAX_RPE):
        raise ValueError(f"rpe must be within 0..{MAX_RPE:g} (CR-10), got {rpe}")
    _check_duration(duration_s)
    return rpe * duration_s / 60.0


def _profile_ok(resting_hr: float, max_hr: float) -> bool:
    """Whether resting and max HR are consistent (else: treat them as missing)."""
    try:
        _check_profile(resting_hr, max_hr)
    except ValueError:
        return False
    return True


def _lthr_ok(lthr: float, resting_hr: float, max_hr: float) -> bool:
    """Whether LTHR is within (resting, max] (else: treat it as missing)."""
    try:
        _check_lthr(lthr, resting_hr, max_hr)
    except ValueError:
        return False
    return True


def workout_load(
    *,
    hr_samples: Iterable[tuple[float, float]] | None,
    avg_hr: float | None,
    duration_s: float,
    rpe: float | None,
    lthr: float | None,
    resting_hr: float | None,
    max_hr: float | None,
    sex: str | None,
) -> Load:
    """The best load the data allows: hrTSS, TRIMP, average-HR TRIMP, session-RPE, or none.

    See the module docstring for the order, units and the session-RPE scaling. Samples
    are used when they cover at least half of ``duration_s`` (or the duration is 0);
    else the average HR (given, or the samples' time-weighted mean) over ``duration_s``.
    ``max_hr`` may be measured or estimated: the caller decides. ValueError only for
    a negative or non-finite duration or an RPE outside 0..10; an inconsistent profile
    (max <= resting, LTHR outside (resting, max]) counts as missing data.
    """
    _check_duration(duration_s)
    srpe = None if rpe is None else session_rpe(rpe, duration_s)

    if resting_hr is not None and max_hr is not None and _profile_ok(resting_hr, max_hr):
        reference = None  # TRIMP of one hour at LTHR, when the LTHR is usable
        if lthr is not None and _lthr_ok(lthr, resting_hr, max_hr):
            reference = lthr_hour_trimp(lthr=lthr, resting_hr=resting_hr, max_hr=max_hr, sex=sex)
        samples = clean_samples(hr_samples or ())
        seconds = sample_seconds(samples)
        covered_s = sum(seconds)
        if samples and (duration_s == 0 or covered_s >= MIN_SAMPLE_COVERAGE * duration_s):
            trimp = banister_trimp(samples, resting_hr=resting_hr, max_hr=max_hr, sex=sex)
            if reference is not None:
                return Load(trimp / reference * TSS_PER_LTHR_HOUR, "hr_tss", "tss", trimp, "trimp")
            return Load(trimp, "trimp", "trimp", trimp, "trimp")

        average = avg_hr if avg_hr is not None and MIN_BPM <= avg_hr <= MAX_BPM else None
        if average is None and samples:
            average = sum(bpm * s for (_, bpm), s in zip(samples, seconds, strict=True)) / covered_s
        if average is not None:
            trimp = average_hr_trimp(
                average, duration_s, resting_hr=resting_hr, max_hr=max_hr, sex=sex
            )
            if reference is not None:
                value = trimp / reference * TSS_PER_LTHR_HOUR
                return Load(value, "avg_hr_trimp", "tss", trimp, "trimp", low_fidelity=True)
            return Load(trimp, "avg_hr_trimp", "trimp", trimp, "trimp", low_fidelity=True)

    if srpe is not None:
        return Load(srpe / SRPE_AU_PER_TSS, "session_rpe", "tss", srpe, "srpe_au")
    return NO_LOAD
