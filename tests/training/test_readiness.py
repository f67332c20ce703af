"""Readiness components, weights, re-weighting and confidence, with worked numbers.

Score maps (piecewise-linear, flat outside):
    HRV by z:   -2.5 -> 0, -0.5 -> 70, +0.5 -> 90   (35 points per SD below the range)
    RHR by e:   -1 -> 100, 0 -> 90, 1 -> 70, 3 -> 0  (e = max(delta/5, delta/SD))
    sleep h:    4 -> 0, 8 -> 100                     (25 points per hour)
    TSB:        -40 -> 0, -30 -> 20, -10 -> 70, +5 -> 100
Weights: HRV 0.35, resting HR 0.20, sleep 0.25, form 0.20.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import pytest

from runcoach.training import readiness

TODAY = dt.date(2024, 6, 30)


def ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def hrv_series(today_ln: float | None, history_ln: Sequence[float]) -> dict[dt.date, float]:
    """rMSSD in ms from ln values; history_ln[0] is yesterday."""
    series = {ago(i + 1): math.exp(v) for i, v in enumerate(history_ln)}
    if today_ln is not None:
        series[TODAY] = math.exp(today_ln)
    return series


def rhr_series(today: float | None, history: Sequence[float]) -> dict[dt.date, float]:
    series = {ago(i + 1): v for i, v in enumerate(history)}
    if today is not None:
        series[TODAY] = today
    return series


def test_weights_are_published_and_sum_to_one() -> None:
    assert readiness.WEIGHTS == {"hrv": 0.35, "resting_hr": 0.20, "sleep": 0.25, "form": 0.20}
    assert sum(readiness.WEIGHTS.values()) == pytest.approx(1.0)


def test_all_four_components_hand_worked() -> None:
    # HRV: baseline ln 3.9, 4.0, 4.1 -> mean 4.0, sample SD 0.1; normal range 3.95..4.05.
    #      today ln 3.9: z = -1.0 (below range) -> 70 - 35*0.5 = 52.5
    # RHR: baseline 50, 52, 54 -> mean 52, SD 2; today 54: delta +2,
    #      e = max(2/5, 2/2) = 1.0 -> 70 (at the threshold, not yet "elevated")
    # sleep: 7 h -> 75; score 85; mean 80
    # form: TSB -20 -> 20 + 2.5*10 = 45
    # total = 0.35*52.5 + 0.20*70 + 0.25*80 + 0.20*45 = 18.375 + 14 + 20 + 9 = 61.375 -> 61
    r = readiness.compute(
        day=TODAY,
        hrv_ms=hrv_series(3.9, [3.9, 4.0, 4.1]),
        resting_hr=rhr_series(54, [50, 52, 54]),
        sleep_hours=7,
        sleep_score=85,
        tsb=-20,
    )
    assert r.score == 61
    assert list(r.components) == ["hrv", "resting_hr", "sleep", "form"]
    expected = {"hrv": 52.5, "resting_hr": 70.0, "sleep": 80.0, "form": 45.0}
    for name, score in expected.items():
        c = r.components[name]
        assert c.score == pytest.approx(score)
        assert c.weight == pytest.approx(readiness.WEIGHTS[name])
        assert c.contribution == pytest.approx(score * readiness.WEIGHTS[name])
    assert sum(c.contribution for c in r.components.values()) == pytest.approx(61.375)
    assert r.missing == []
    assert r.confidence == "low"  # 3-day baselines
    assert "below" in r.components["hrv"].detail
    assert "3.95..4.05" in r.components["hrv"].detail
    assert "normal" in r.components["resting_hr"].detail
    assert r.components["form"].detail == "TSB -20.0"


def test_missing_components_are_reweighted() -> None:
    # sleep 7 h -> 75, TSB 0 -> 70 + 2*10 = 90.
    # weights 0.25/0.45 = 5/9 and 0.20/0.45 = 4/9: 75*5/9 + 90*4/9 = 41.667 + 40 = 81.667 -> 82
    r = readiness.compute(day=TODAY, sleep_hours=7, tsb=0)
    assert r.score == 82
    assert r.components["sleep"].weight == pytest.approx(5 / 9)
    assert r.components["form"].weight == pytest.approx(4 / 9)
    assert r.components["form"].contribution == pytest.approx(40.0)
    assert r.missing == ["hrv", "resting_hr"]
    assert r.confidence == "low"


def test_no_data_at_all() -> None:
    r = readiness.compute(day=TODAY)
    assert r.score is None
    assert r.components == {}
    assert r.missing == ["hrv", "resting_hr", "sleep", "form"]
    assert r.confidence == "low"


def test_one_day_of_data_has_no_baseline() -> None:
    r = readiness.compute(day=TODAY, hrv_ms={TODAY: 60.0}, resting_hr={TODAY: 50.0})
    assert r.score is None
    assert r.missing == ["hrv", "resting_hr", "sleep", "form"]
    assert r.confidence == "low"


@pytest.mark.parametrize(
    ("today_ln", "score"),
    [
        (4.0, 80.0),  # z = 0: middle of the normal range
        (4.05, 90.0),  # z = +0.5: top of the range
        (4.3, 90.0),  # z = +3: above range scores like its top (Plews: saturation)
        (3.95, 70.0),  # z = -0.5: bottom of the range
        (3.85, 35.0),  # z = -1.5: 70 - 35*1.0
        (3.5, 0.0),  # z = -5: clamped
    ],
)
def test_hrv_score_by_position_in_normal_range(today_ln: float, score: float) -> None:
    r = readiness.compute(day=TODAY, hrv_ms=hrv_series(today_ln, [3.9, 4.0, 4.1]))
    assert r.components["hrv"].score == pytest.approx(score, abs=1e-6)
    assert r.components["hrv"].weight == 1.0
    assert r.score == round(score)


def test_flat_hrv_baseline_uses_the_sd_floor() -> None:
    # baseline all ln 4.0 -> SD 0, floored to 0.05; today 3.95: z = -1 -> 52.5
    r = readiness.compute(day=TODAY, hrv_ms=hrv_series(3.95, [4.0] * 10))
    assert r.components["hrv"].score == pytest.approx(52.5)


@pytest.mark.parametrize(
    ("today", "score"),
    [
        (52, 90.0),  # at baseline: e = 0
        (49, 96.0),  # delta -3: e = max(-0.6, -1.5) = -0.6 -> 90 + 10*0.6
        (53, 80.0),  # delta +1: e = max(0.2, 0.5) = 0.5 -> 80
        (55, 52.5),  # delta +3: e = max(0.6, 1.5) = 1.5 -> 70 - 35*0.5
        (60, 0.0),  # delta +8: e = 4 -> clamped
    ],
)
def test_resting_hr_score(today: float, score: float) -> None:
    # baseline 50, 52, 54: mean 52, SD 2 (the floor)
    r = readiness.compute(day=TODAY, resting_hr=rhr_series(today, [50, 52, 54]))
    assert r.components["resting_hr"].score == pytest.approx(score)


def test_resting_hr_five_bpm_rule_with_a_wide_baseline() -> None:
    # baseline 40, 50, 60: mean 50, SD 10. Today 56: delta 6,
    # e = max(6/5, 6/10) = 1.2 -> 70 - 35*0.2 = 63 (elevated by the 5 bpm rule)
    r = readiness.compute(day=TODAY, resting_hr=rhr_series(56, [40, 50, 60]))
    assert r.components["resting_hr"].score == pytest.approx(63.0)
    assert "elevated" in r.components["resting_hr"].detail


@pytest.mark.parametrize(
    ("hours", "score_in", "score"),
    [
        (8.0, None, 100.0),
        (9.5, None, 100.0),
        (6.0, None, 50.0),
        (3.0, None, 0.0),
        (None, 72, 72.0),
        (6.0, 90, 70.0),  # mean of 50 and 90
        (30.0, None, 100.0),  # clamped to 24 h
        (-2.0, None, 0.0),  # clamped to 0 h
        (None, 150, 100.0),  # clamped to 100
    ],
)
def test_sleep(hours: float | None, score_in: float | None, score: float) -> None:
    r = readiness.compute(day=TODAY, sleep_hours=hours, sleep_score=score_in)
    assert r.components["sleep"].score == pytest.approx(score)


@pytest.mark.parametrize(
    ("tsb", "score"),
    [(25.0, 100.0), (5.0, 100.0), (-10.0, 70.0), (-30.0, 20.0), (-35.0, 10.0), (-60.0, 0.0)],
)
def test_form(tsb: float, score: float) -> None:
    r = readiness.compute(day=TODAY, tsb=tsb)
    assert r.components["form"].score == pytest.approx(score)


def test_non_finite_values_are_missing() -> None:
    r = readiness.compute(day=TODAY, sleep_hours=math.nan, tsb=math.inf)
    assert r.score is None
    assert r.missing == ["hrv", "resting_hr", "sleep", "form"]


def test_bad_hrv_and_rhr_readings_are_ignored() -> None:
    history = hrv_series(None, [3.9, 4.0, 4.1])
    history.update({ago(4): 0.0, ago(5): -20.0, ago(6): math.nan})
    r = readiness.compute(day=TODAY, hrv_ms={**history, TODAY: math.exp(4.0)})
    assert r.components["hrv"].score == pytest.approx(80.0)  # the 3 good readings only
    r = readiness.compute(day=TODAY, hrv_ms={**history, TODAY: -5.0})
    assert "hrv" in r.missing
    r = readiness.compute(day=TODAY, resting_hr={**rhr_series(None, [50, 52, 54]), TODAY: 0})
    assert "resting_hr" in r.missing


def test_datetime_keys_are_rejected() -> None:
    with pytest.raises(TypeError):
        readiness.compute(day=TODAY, hrv_ms={dt.datetime(2024, 6, 30, 7, 0): 60.0})


def test_baseline_window_is_the_60_days_before() -> None:
    series = {ago(0): 99.0, ago(1): 10.0, ago(60): 20.0, ago(61): 1000.0}
    base = readiness.baseline(series, day=TODAY)
    assert base is not None
    assert (base.days, base.mean, base.sd) == (2, 15.0, pytest.approx(7.0710678))
    assert readiness.baseline({ago(0): 5.0}, day=TODAY) is None
    one = readiness.baseline({ago(3): 5.0}, day=TODAY)
    assert one == readiness.Baseline(days=1, mean=5.0, sd=0.0)


def test_gap_of_weeks_shrinks_the_baseline() -> None:
    # readings 70..89 days ago fall out of the window: only 2 recent readings remain
    old = {ago(70 + i): 60.0 for i in range(20)}
    r = readiness.compute(day=TODAY, hrv_ms={**old, ago(1): 60.0, ago(2): 60.0, TODAY: 60.0})
    assert "hrv" in r.missing
    assert r.confidence == "low"


def _steady(days: int) -> tuple[dict[dt.date, float], dict[dt.date, float]]:
    """HRV and resting HR series with ``days`` of baseline and a normal reading today."""
    hrv = hrv_series(4.0, ([3.9, 4.0, 4.1] * 30)[:days])
    rhr = rhr_series(52, ([50, 52, 54] * 30)[:days])
    return hrv, rhr


@pytest.mark.parametrize(
    ("days", "confidence"),
    [(3, "low"), (13, "low"), (14, "medium"), (29, "medium"), (30, "high"), (60, "high")],
)
def test_confidence_by_baseline_length(days: int, confidence: str) -> None:
    hrv, rhr = _steady(days)
    r = readiness.compute(day=TODAY, hrv_ms=hrv, resting_hr=rhr)
    assert r.confidence == confidence
    assert r.missing == ["sleep", "form"]


def test_confidence_follows_the_shorter_baseline() -> None:
    hrv, _ = _steady(45)
    _, rhr = _steady(10)
    assert readiness.compute(day=TODAY, hrv_ms=hrv, resting_hr=rhr).confidence == "low"
    # no resting HR today: only HRV's baseline counts
    del rhr[TODAY]
    assert readiness.compute(day=TODAY, hrv_ms=hrv, resting_hr=rhr).confidence == "high"


def test_unscored_hrv_with_a_reading_today_keeps_confidence_low() -> None:
    hrv = hrv_series(4.0, [4.0, 4.1])  # 2-reading baseline: not scored
    _, rhr = _steady(40)
    r = readiness.compute(day=TODAY, hrv_ms=hrv, resting_hr=rhr)
    assert r.missing == ["hrv", "sleep", "form"]
    assert r.confidence == "low"
