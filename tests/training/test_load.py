"""Training load: Banister TRIMP, hrTSS, session-RPE and the source ``workout_load`` picks."""

from __future__ import annotations

import math
from typing import Any

import pytest

from runcoach.training.load import (
    Load,
    average_hr_trimp,
    banister_trimp,
    hr_tss,
    lthr_hour_trimp,
    session_rpe,
    sex_factors,
    trimp_per_minute,
    workout_load,
)

PROFILE = {"resting_hr": 50, "max_hr": 190}


def steady(bpm: int, minutes: int) -> list[tuple[int, int]]:
    """1 Hz samples: offsets 0..60m-1 each last 1 s (the last one too), so exactly ``minutes``."""
    return [(t, bpm) for t in range(minutes * 60)]


# 30 min at 150, rest 50, max 190: HRr = 100 / 140 = 0.714286.
# men:   30 x 0.714286 x 0.64 x e^(1.92 x 0.714286 = 1.371429) = 13.714286 x 3.940977 = 54.048
# women: 30 x 0.714286 x 0.86 x e^(1.67 x 0.714286 = 1.192857) = 18.428571 x 3.296486 = 60.750
# other: 30 x 0.714286 x 0.75 x e^(1.795 x 0.714286 = 1.282143) = 16.071429 x 3.604355 = 57.927
TRIMP_30_AT_150 = {"male": 54.048, "female": 60.750, "other": 57.927}
# One hour at LTHR 170 (HRr = 120 / 140 = 0.857143), men:
# 60 x 0.857143 x 0.64 x e^(1.92 x 0.857143 = 1.645714) = 32.914286 x 5.184712 = 170.651
TRIMP_HOUR_AT_170_MALE = 170.651


@pytest.mark.parametrize(("sex", "expected"), TRIMP_30_AT_150.items())
def test_trimp_worked_example_by_sex(sex: str, expected: float) -> None:
    trimp = banister_trimp(steady(150, 30), resting_hr=50, max_hr=190, sex=sex)
    assert trimp == pytest.approx(expected, abs=0.001)


def test_sex_factors() -> None:
    assert sex_factors("male") == (0.64, 1.92)
    assert sex_factors("Female") == (0.86, 1.67)
    # other and unknown: the mean of the two curves' constants
    assert sex_factors("other") == sex_factors(None) == sex_factors("") == (0.75, 1.795)
    # at the same effort a woman's TRIMP is higher: 60.750 > 57.927 > 54.048
    assert TRIMP_30_AT_150["female"] > TRIMP_30_AT_150["other"] > TRIMP_30_AT_150["male"]


def test_trimp_clamps_the_heart_rate_reserve() -> None:
    # Below resting: HRr clamped to 0 -> 0. Above max: HRr = 1 -> 0.64 x e^1.92 = 4.365 per min.
    assert trimp_per_minute(40, resting_hr=50, max_hr=190, sex="male") == 0.0
    assert trimp_per_minute(200, resting_hr=50, max_hr=190, sex="male") == pytest.approx(
        0.64 * math.exp(1.92)
    )
    assert 0.64 * math.exp(1.92) == pytest.approx(4.3654, abs=1e-4)
    assert banister_trimp(steady(45, 10), resting_hr=50, max_hr=190, sex="male") == 0.0


def test_trimp_edges() -> None:
    # no samples, only absurd ones: 0
    assert banister_trimp([], **PROFILE, sex="male") == 0.0
    assert banister_trimp([(0, 0), (1, 20), (2, 251), (3, 400)], **PROFILE, sex="male") == 0.0
    # a single sample lasts 1 s: 1/60 x 0.714286 x 0.64 x 3.940977 = 0.030027
    assert banister_trimp([(0, 150)], **PROFILE, sex="male") == pytest.approx(0.030027, abs=1e-6)
    # a gap of two hours counts 10 s + the last 1 s = 11 s = 11/60 min at 150:
    # 11/60 x 1.801589 (the per-minute weight, 54.048 / 30) = 0.330291
    gap = banister_trimp([(0, 150), (7200, 150)], **PROFILE, sex="male")
    assert gap == pytest.approx(11 / 60 * TRIMP_30_AT_150["male"] / 30, abs=1e-3)
    # absurd readings dropped: the same 30 min with garbage mixed in gives the same TRIMP
    noisy = [*steady(150, 30), (600, 0), (900, 300)]
    assert banister_trimp(noisy, **PROFILE, sex="male") == pytest.approx(54.048, abs=0.001)
    # unsorted input is sorted first
    assert banister_trimp(list(reversed(steady(150, 30))), **PROFILE, sex="male") == pytest.approx(
        54.048, abs=0.001
    )


@pytest.mark.parametrize(
    ("resting_hr", "max_hr", "message"),
    [
        (190, 190, "above resting"),
        (60, 50, "above resting"),
        (50, 300, "25..250"),
        (0, 190, "25..250"),
    ],
)
def test_trimp_rejects_an_absurd_profile(resting_hr: int, max_hr: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        banister_trimp(steady(150, 1), resting_hr=resting_hr, max_hr=max_hr, sex="male")


def test_average_hr_trimp() -> None:
    # The same 30 min at 150 from an average: identical to the steady samples.
    avg = average_hr_trimp(150, 1800, **PROFILE, sex="male")
    assert avg == pytest.approx(54.048, abs=0.001)
    assert average_hr_trimp(150, 0, **PROFILE, sex="male") == 0.0
    with pytest.raises(ValueError):
        average_hr_trimp(150, -1, **PROFILE, sex="male")


def test_hr_tss_one_hour_at_lthr_is_100() -> None:
    assert lthr_hour_trimp(lthr=170, **PROFILE, sex="male") == pytest.approx(
        TRIMP_HOUR_AT_170_MALE, abs=0.001
    )
    for sex in ("male", "female", None):
        hour = hr_tss(steady(170, 60), lthr=170, **PROFILE, sex=sex)
        half = hr_tss(steady(170, 30), lthr=170, **PROFILE, sex=sex)
        assert hour == pytest.approx(100.0)
        assert half == pytest.approx(50.0)


def test_hr_tss_below_threshold() -> None:
    # 30 min at 150 (men): 54.048 / 170.651 x 100 = 31.671
    tss = hr_tss(steady(150, 30), lthr=170, **PROFILE, sex="male")
    assert tss == pytest.approx(31.671, abs=0.001)
    # An hour above LTHR is worth more than 100.
    assert hr_tss(steady(180, 60), lthr=170, **PROFILE, sex="male") > 100
    assert hr_tss([], lthr=170, **PROFILE, sex="male") == 0.0


@pytest.mark.parametrize("lthr", [50, 40, 191])
def test_hr_tss_needs_lthr_between_rest_and_max(lthr: int) -> None:
    with pytest.raises(ValueError, match="lthr"):
        hr_tss(steady(150, 1), lthr=lthr, **PROFILE, sex="male")


def test_session_rpe() -> None:
    # Foster: RPE x minutes. 7 x 60 = 420 AU; 5 x 45 = 225 AU.
    assert session_rpe(7, 3600) == 420.0
    assert session_rpe(5, 2700) == 225.0
    assert session_rpe(5, 0) == 0.0
    for bad_rpe in (-1, 10.5, math.nan):
        with pytest.raises(ValueError, match="rpe"):
            session_rpe(bad_rpe, 3600)
    with pytest.raises(ValueError, match="duration"):
        session_rpe(5, -60)


def load(**overrides: Any) -> Load:
    """``workout_load`` with nothing known, then the given fields."""
    args: dict[str, Any] = {
        "hr_samples": None,
        "avg_hr": None,
        "duration_s": 0,
        "rpe": None,
        "lthr": None,
        "resting_hr": None,
        "max_hr": None,
        "sex": None,
    }
    return workout_load(**(args | overrides))


def test_workout_load_prefers_hr_tss() -> None:
    got = load(
        hr_samples=steady(170, 60),
        avg_hr=170,
        duration_s=3600,
        rpe=9,
        lthr=170,
        **PROFILE,
        sex="male",
    )
    assert got.source == "hr_tss" and got.unit == "tss"
    assert got.value == pytest.approx(100.0)
    assert got.raw == pytest.approx(TRIMP_HOUR_AT_170_MALE, abs=0.001)
    assert got.raw_unit == "trimp" and not got.low_fidelity


def test_workout_load_trimp_without_lthr_is_not_rescaled() -> None:
    got = load(hr_samples=steady(150, 30), duration_s=1800, rpe=6, **PROFILE, sex="male")
    assert got.source == "trimp" and got.unit == "trimp"
    assert got.value == pytest.approx(54.048, abs=0.001)
    # An LTHR that contradicts the profile (above max) counts as missing: still TRIMP.
    odd = load(hr_samples=steady(150, 30), duration_s=1800, lthr=200, **PROFILE, sex="male")
    assert odd.source == "trimp"


def test_workout_load_from_average_hr_is_low_fidelity() -> None:
    # No samples: 30 min at an average of 150 -> 54.048 TRIMP; with LTHR 170 -> 31.671 TSS.
    got = load(avg_hr=150, duration_s=1800, **PROFILE, sex="male")
    assert (got.source, got.unit, got.low_fidelity) == ("avg_hr_trimp", "trimp", True)
    assert got.value == pytest.approx(54.048, abs=0.001)
    tss = load(avg_hr=150, duration_s=1800, lthr=170, **PROFILE, sex="male")
    assert (tss.source, tss.unit, tss.low_fidelity) == ("avg_hr_trimp", "tss", True)
    assert tss.value == pytest.approx(31.671, abs=0.001)
    assert tss.raw == pytest.approx(54.048, abs=0.001)


def test_workout_load_sparse_samples_fall_back_to_the_average() -> None:
    # A single sample covers 1 s of a 30-min run: below half, so the average over the
    # duration is used; with no avg_hr given, the samples' own mean (150).
    single = load(hr_samples=[(0, 150)], duration_s=1800, **PROFILE, sex="male")
    assert single.source == "avg_hr_trimp"
    assert single.value == pytest.approx(54.048, abs=0.001)
    # 30 min of samples in a 60-min workout: exactly half, samples used.
    half = load(hr_samples=steady(150, 30), duration_s=3600, **PROFILE, sex="male")
    assert half.source == "trimp" and half.value == pytest.approx(54.048, abs=0.001)
    # ... in a 61-min workout: under half, average (150) x 61 min = 54.048 x 61/30.
    under = load(hr_samples=steady(150, 30), duration_s=3660, **PROFILE, sex="male")
    assert under.source == "avg_hr_trimp"
    assert under.value == pytest.approx(54.048 * 61 / 30, abs=0.01)


def test_workout_load_session_rpe_scaling() -> None:
    # RPE 7 x 60 min = 420 AU -> 420 / 6 = 70 on the TSS-like scale;
    # RPE 10 x 60 min = 600 AU -> 100 (a maximal hour = an hour at threshold).
    got = load(duration_s=3600, rpe=7)
    assert (got.source, got.unit, got.raw_unit) == ("session_rpe", "tss", "srpe_au")
    assert got.value == pytest.approx(70.0)
    assert got.raw == 420.0
    assert load(duration_s=3600, rpe=10).value == pytest.approx(100.0)


def test_workout_load_hr_without_a_usable_profile_falls_back_to_rpe() -> None:
    samples = steady(150, 30)
    # No resting HR: no TRIMP possible.
    assert load(hr_samples=samples, duration_s=1800, rpe=5, max_hr=190).source == "session_rpe"
    # max <= resting: the profile counts as missing.
    bad = load(hr_samples=samples, duration_s=1800, rpe=5, resting_hr=190, max_hr=180)
    assert bad.source == "session_rpe" and bad.value == pytest.approx(5 * 30 / 6)
    # Absurd average HR and no samples: dropped like an absurd sample.
    assert load(avg_hr=320, duration_s=1800, rpe=5, **PROFILE).source == "session_rpe"
    # Only absurd samples, no RPE: nothing.
    assert load(hr_samples=[(0, 0), (1, 300)], duration_s=60, **PROFILE) == Load(
        0.0, "none", "none"
    )


def test_workout_load_nothing_known() -> None:
    got = load(duration_s=3600)
    assert (got.value, got.source, got.unit, got.raw) == (0.0, "none", "none", None)
    assert load(hr_samples=[], avg_hr=None, duration_s=3600, **PROFILE).source == "none"


def test_workout_load_zero_duration() -> None:
    assert load(avg_hr=150, duration_s=0, **PROFILE).value == 0.0
    assert load(duration_s=0, rpe=8).value == 0.0
    # duration 0 (unknown) with samples: the samples speak for themselves.
    got = load(hr_samples=steady(150, 30), duration_s=0, **PROFILE, sex="male")
    assert got.source == "trimp" and got.value == pytest.approx(54.048, abs=0.001)


@pytest.mark.parametrize(
    "overrides",
    [{"duration_s": -1}, {"duration_s": math.inf}, {"duration_s": 60, "rpe": 11}],
)
def test_workout_load_rejects_impossible_workout_values(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        load(**overrides)
