"""Overtraining risk: each factor, its thresholds, guards, escalation and score.

Score = 50 per high factor + 25 per moderate (max 100) + 5 per low (max 20, never
crossing a band): < 25 low, 25-49 moderate, 50+ high.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from runcoach.training import overtraining, pmc
from runcoach.training.pmc import PmcDay

TODAY = dt.date(2024, 6, 30)


def ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def pmc_days(
    loads: list[float],
    *,
    ctl: float = 5.0,
    tsb: float = 0.0,
    acwr: float | None = None,
) -> list[PmcDay]:
    """Plain PMC rows ending today, oldest first; only today's ctl/tsb/acwr are set."""
    n = len(loads)
    rows = [
        PmcDay(date=ago(n - 1 - i), load=load, ctl=ctl, atl=ctl, tsb=0.0, ramp=0.0, acwr=1.0)
        for i, load in enumerate(loads)
    ]
    last = rows[-1]
    rows[-1] = PmcDay(last.date, last.load, ctl, last.atl, tsb, 0.0, acwr)
    return rows


def codes(risk: overtraining.Risk) -> dict[str, str]:
    return {f.code: f.severity for f in risk.factors}


def test_no_data_is_low_risk() -> None:
    assert overtraining.assess(day=TODAY) == overtraining.Risk(level="low", score=0, factors=[])


def test_one_day_of_data() -> None:
    risk = overtraining.assess(day=TODAY, pmc=pmc_days([80.0]), hrv_ms={TODAY: 60.0})
    assert risk.level == "low"
    assert risk.factors == []


@pytest.mark.parametrize(
    ("tsb", "severity", "score"),
    [
        (-20.0, None, 0),
        (-25.0, None, 0),
        (-27.0, "moderate", 25),
        (-30.0, "moderate", 25),
        (-31.0, "high", 50),
        (-60.0, "high", 50),
    ],
)
def test_tsb_thresholds(tsb: float, severity: str | None, score: int) -> None:
    risk = overtraining.assess(day=TODAY, pmc=pmc_days([50.0], tsb=tsb))
    assert codes(risk).get("tsb") == severity
    assert risk.score == score
    assert risk.level == (severity or "low")
    if severity:
        (factor,) = risk.factors
        assert factor.value == tsb
        assert factor.threshold == (-30.0 if severity == "high" else -25.0)


@pytest.mark.parametrize(
    ("acwr", "severity"),
    [(1.0, None), (1.3, None), (1.4, "moderate"), (1.5, "moderate"), (1.6, "high"), (None, None)],
)
def test_acwr_thresholds(acwr: float | None, severity: str | None) -> None:
    risk = overtraining.assess(day=TODAY, pmc=pmc_days([50.0, 0.0] * 14, ctl=40, acwr=acwr))
    assert codes(risk).get("acwr") == severity


def test_acwr_needs_a_filled_chronic_window() -> None:
    # 27 days since the first load: not judged; 28: judged
    short = pmc_days([0.0] * 10 + [50.0] * 27, ctl=40, acwr=2.0)
    assert "acwr" not in codes(overtraining.assess(day=TODAY, pmc=short))
    filled = pmc_days([0.0] * 10 + [50.0] * 28, ctl=40, acwr=2.0)
    assert codes(overtraining.assess(day=TODAY, pmc=filled))["acwr"] == "high"


def test_acwr_ignored_when_chronic_load_is_tiny() -> None:
    # first run after a long layoff: huge ratio of two tiny averages
    risk = overtraining.assess(day=TODAY, pmc=pmc_days([50.0] * 60, ctl=9.9, acwr=3.0))
    assert "acwr" not in codes(risk)


def test_two_moderate_factors_escalate_to_high() -> None:
    risk = overtraining.assess(day=TODAY, pmc=pmc_days([50.0, 0.0] * 14, ctl=40, tsb=-27, acwr=1.4))
    assert codes(risk) == {"acwr": "moderate", "tsb": "moderate"}
    assert risk.level == "high"
    assert risk.score == 50


def test_score_is_capped_and_factors_sorted() -> None:
    # acwr high + tsb high = 100
    risk = overtraining.assess(day=TODAY, pmc=pmc_days([50.0] * 28, ctl=40, tsb=-40, acwr=1.8))
    assert risk.score == 100
    assert [f.severity for f in risk.factors][:2] == ["high", "high"]


def test_monotony_hand_worked() -> None:
    # loads 40, 60, 40, 60, 40, 60, 50: mean 50, population SD sqrt(600/7) = 9.258,
    # monotony 50 / 9.258 = 5.401; strain 350 * 5.401 = 1890.3
    week = [40.0, 60.0, 40.0, 60.0, 40.0, 60.0, 50.0]
    assert overtraining.monotony(week) == pytest.approx(5.401, abs=1e-3)
    assert overtraining.strain(week) == pytest.approx(1890.3, abs=0.1)
    assert overtraining.monotony([50.0] * 7) == overtraining.MONOTONY_CAP
    assert overtraining.monotony([0.0] * 7) is None
    assert overtraining.monotony([]) is None
    assert overtraining.strain([0.0] * 7) is None
    # 0, 100, 0, 100, 0, 100, 0: mean 42.857, SD 49.487 -> 0.866
    assert overtraining.monotony([0.0, 100.0] * 3 + [0.0]) == pytest.approx(0.866, abs=1e-3)


def test_monotony_alone_is_notable_not_a_risk() -> None:
    risk = overtraining.assess(day=TODAY, pmc=pmc_days([40.0, 60.0, 40.0, 60.0, 40.0, 60.0, 50.0]))
    (factor,) = risk.factors
    assert (factor.code, factor.severity) == ("monotony", "low")
    assert factor.value == pytest.approx(5.401, abs=1e-3)
    assert factor.threshold == 2.0
    assert risk.level == "low"
    assert risk.score == 5


def test_monotony_needs_a_full_week() -> None:
    risk = overtraining.assess(day=TODAY, pmc=pmc_days([50.0] * 6))
    assert risk.factors == []


# history week 20, 80, 20, 80, 20, 80, 50: mean 50, SD sqrt(5400/7) = 27.775,
# monotony 1.800, strain 350 * 1.800 = 630.1 (each of the 4 weeks)
HISTORY = [20.0, 80.0, 20.0, 80.0, 20.0, 80.0, 50.0] * 4


def test_strain_high_vs_own_history() -> None:
    # this week 40/60 alternating: strain 1890.3; 1890.3 / 630.1 = 3.0 > 2 -> high
    # (and monotony 5.4 -> low): score 50 + 5
    risk = overtraining.assess(
        day=TODAY, pmc=pmc_days([*HISTORY, 40.0, 60.0, 40.0, 60.0, 40.0, 60.0, 50.0])
    )
    assert codes(risk) == {"strain": "high", "monotony": "low"}
    strain = risk.factors[0]
    assert strain.value == pytest.approx(3.0)
    assert strain.threshold == 2.0
    assert risk.level == "high"
    assert risk.score == 55


def test_strain_moderate() -> None:
    # this week 32/68 alternating: SD sqrt(6*18^2/7) = 16.664, monotony 3.000,
    # strain 1050.2; ratio = 30/18 = 1.667 -> moderate
    risk = overtraining.assess(
        day=TODAY, pmc=pmc_days([*HISTORY, 32.0, 68.0, 32.0, 68.0, 32.0, 68.0, 50.0])
    )
    assert codes(risk) == {"strain": "moderate", "monotony": "low"}
    assert risk.factors[0].value == pytest.approx(30 / 18)
    assert risk.level == "moderate"
    assert risk.score == 30


def test_strain_needs_four_weeks_of_history() -> None:
    risk = overtraining.assess(
        day=TODAY, pmc=pmc_days([*HISTORY[7:], 40.0, 60.0, 40.0, 60.0, 40.0, 60.0, 50.0])
    )
    assert "strain" not in codes(risk)


def test_strain_after_weeks_off_has_no_reference() -> None:
    risk = overtraining.assess(
        day=TODAY, pmc=pmc_days([0.0] * 28 + [40.0, 60.0, 40.0, 60.0, 40.0, 60.0, 50.0])
    )
    assert "strain" not in codes(risk)


def _hrv(suppressed_days: list[int], *, baseline_days: int = 30) -> dict[dt.date, float]:
    """rMSSD (ms): baseline ln 3.9/4.1 alternating (mean 4.0, SD ~0.1), then ln 3.7
    on the given days ago, ln 4.0 on the other recent days."""
    series = {ago(10 + i): math.exp(3.9 if i % 2 else 4.1) for i in range(baseline_days)}
    for i in range(10):
        series[ago(i)] = math.exp(3.7 if i in suppressed_days else 4.0)
    return series


@pytest.mark.parametrize(
    ("days", "severity"),
    [
        ([0, 1], None),
        ([0, 1, 2], "moderate"),
        ([0, 1, 2, 3], "moderate"),
        ([0, 1, 2, 3, 4], "high"),
        ([0, 1, 2, 3, 4, 5, 6], "high"),
        ([1, 2, 3, 4], None),
    ],
)
def test_hrv_suppressed_streak(days: list[int], severity: str | None) -> None:
    # ln 3.7 is ~3 SD below the baseline mean; a normal reading today ends the streak
    risk = overtraining.assess(day=TODAY, hrv_ms=_hrv(days))
    assert codes(risk).get("hrv_suppressed") == severity
    if severity:
        assert risk.factors[0].value == len(days)


def test_hrv_streak_may_end_yesterday_but_a_gap_breaks_it() -> None:
    series = _hrv([1, 2, 3])
    del series[TODAY]  # today's reading not synced yet
    assert codes(overtraining.assess(day=TODAY, hrv_ms=series)) == {"hrv_suppressed": "moderate"}
    gap = _hrv([0, 1, 3, 4])
    del gap[ago(2)]
    assert overtraining.assess(day=TODAY, hrv_ms=gap).factors == []


def test_hrv_needs_14_baseline_readings() -> None:
    # A day is judged only when the 60 days before it hold 14 readings. Streak
    # days 0..4 ago; day 4-ago sees the 5 recent readings (5..9 ago) + the baseline:
    # 9 baseline days -> 14 readings, all 5 days judged: high;
    # 8 baseline days -> day 4-ago has 13, the streak stops at 4 days: moderate.
    streak = [0, 1, 2, 3, 4]
    assert codes(overtraining.assess(day=TODAY, hrv_ms=_hrv(streak, baseline_days=9))) == {
        "hrv_suppressed": "high"
    }
    risk = overtraining.assess(day=TODAY, hrv_ms=_hrv(streak, baseline_days=8))
    assert codes(risk) == {"hrv_suppressed": "moderate"}
    assert risk.factors[0].value == 4
    assert overtraining.assess(day=TODAY, hrv_ms=_hrv(streak, baseline_days=0)).factors == []


def test_resting_hr_elevated_streak() -> None:
    # baseline 50 for 30 days; then 57, 57, 57: delta vs the rolling mean
    # day -2: 7; day -1: 57 - 50.23 = 6.77; today: 57 - 50.44 = 6.56 -> 3 days, moderate
    series = {ago(3 + i): 50.0 for i in range(30)}
    series.update({ago(2): 57.0, ago(1): 57.0, TODAY: 57.0})
    risk = overtraining.assess(day=TODAY, resting_hr=series)
    (factor,) = risk.factors
    assert (factor.code, factor.severity, factor.value, factor.threshold) == (
        "resting_hr_elevated",
        "moderate",
        3.0,
        3.0,
    )
    # +5 bpm exactly is not "more than 5"
    series.update({ago(2): 55.0, ago(1): 55.0, TODAY: 55.0})
    assert overtraining.assess(day=TODAY, resting_hr=series).factors == []


def test_pmc_series_after_today_and_unsorted_is_fine() -> None:
    rows = pmc_days([50.0] * 28, ctl=40, tsb=-40, acwr=1.0)
    future = PmcDay(ago(-1), 0.0, 40.0, 40.0, 0.0, 0.0, 1.0)
    risk = overtraining.assess(day=TODAY, pmc=[future, *reversed(rows)])
    assert codes(risk) == {"tsb": "high", "monotony": "low"}


def test_end_to_end_with_a_crash_week() -> None:
    # 60 days at 50, then 7 days at 150 (from pmc.compute):
    # ACWR 1.536 (> 1.5), TSB -54.6 (< -30), strain 3x the 4-week mean
    start = ago(66)
    loads = {start + dt.timedelta(days=i): 50.0 for i in range(60)}
    loads.update({ago(i): 150.0 for i in range(7)})
    days = pmc.compute(loads, start=start, end=TODAY)
    risk = overtraining.assess(day=TODAY, pmc=days)
    assert codes(risk) == {"acwr": "high", "tsb": "high", "strain": "high", "monotony": "low"}
    assert risk.factors[0].value == pytest.approx(1.536, abs=1e-3)
    assert risk.level == "high"
    assert risk.score == 100


def test_steady_training_is_low_risk() -> None:
    start = ago(399)
    pattern = [60.0, 30.0, 80.0, 0.0, 50.0, 100.0, 40.0]
    loads = {start + dt.timedelta(days=i): pattern[i % 7] for i in range(400)}
    days = pmc.compute(loads, start=start, end=TODAY)
    risk = overtraining.assess(day=TODAY, pmc=days)
    assert risk == overtraining.Risk(level="low", score=0, factors=[])
