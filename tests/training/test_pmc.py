"""PMC (CTL/ATL/TSB/ramp) and EWMA ACWR against hand-worked numbers.

Constants used in the comments (GoldenCheetah PMCData.cpp, 42/7 days):
    lte = exp(-1/42) = 0.9764717   1 - lte = 0.0235283
    ste = exp(-1/7)  = 0.8668779   1 - ste = 0.1331221
    Williams 2017: lambda_a = 2/8 = 0.25, lambda_c = 2/29 = 0.0689655
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from runcoach.training import pmc

D0 = dt.date(2024, 1, 1)


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def test_constants_match_goldencheetah_and_williams() -> None:
    assert math.isclose(pmc.CTL_DECAY, 0.9764717, abs_tol=1e-7)
    assert math.isclose(pmc.ATL_DECAY, 0.8668779, abs_tol=1e-7)
    assert math.isclose(pmc.ACUTE_LAMBDA, 0.25)
    assert math.isclose(pmc.CHRONIC_LAMBDA, 0.0689655, abs_tol=1e-7)


def test_five_hand_worked_days() -> None:
    # loads 100, 0, 50, 0, 80 from CTL = ATL = 0 (GoldenCheetah's unseeded start).
    # day 0: CTL = 0*lte + 100*0.0235283 = 2.3528
    #        ATL = 0*ste + 100*0.1331221 = 13.3122
    #        TSB = CTL(-1) - ATL(-1) = 0 - 0 = 0
    #        acute = 100*0.25 = 25; chronic = 100*0.0689655 = 6.8966; ACWR = 3.625
    # day 1: CTL = 2.3528*0.9764717 = 2.2975;  ATL = 13.3122*0.8668779 = 11.5401
    #        TSB = 2.3528 - 13.3122 = -10.9594
    #        acute = 0.75*25 = 18.75; chronic = 27/29*6.8966 = 6.4209; ACWR = 2.9201
    # day 2: CTL = 2.2975*0.9764717 + 50*0.0235283 = 2.2434 + 1.1764 = 3.4198
    #        ATL = 11.5401*0.8668779 + 50*0.1331221 = 10.0039 + 6.6561 = 16.6600
    #        TSB = 2.2975 - 11.5401 = -9.2426
    #        acute = 12.5 + 0.75*18.75 = 26.5625; chronic = 3.4483 + 5.9781 = 9.4264
    # day 3: CTL = 3.4198*0.9764717 = 3.3394;  ATL = 16.6600*0.8668779 = 14.4421
    #        TSB = 3.4198 - 16.6600 = -13.2401
    # day 4: CTL = 3.3394*0.9764717 + 80*0.0235283 = 3.2608 + 1.8823 = 5.1431
    #        ATL = 14.4421*0.8668779 + 80*0.1331221 = 12.5195 + 10.6498 = 23.1693
    #        TSB = 3.3394 - 14.4421 = -11.1028
    #        acute = 20 + 0.75*19.9219 = 34.9414; chronic = 5.5172 + 8.1710 = 13.6883
    #        ACWR = 34.9414 / 13.6883 = 2.5527
    # ramp (first week, against the seed 0) = CTL itself.
    loads = {day(0): 100, day(2): 50, day(4): 80}
    rows = pmc.compute(loads, start=day(0), end=day(4))
    expected = [
        # load, ctl, atl, tsb, acwr
        (100, 2.3528, 13.3122, 0.0, 3.625),
        (0, 2.2975, 11.5401, -10.9594, 2.9201),
        (50, 3.4198, 16.6600, -9.2426, 2.8179),
        (0, 3.3394, 14.4421, -13.2401, 2.2700),
        (80, 5.1431, 23.1693, -11.1028, 2.5527),
    ]
    assert [r.date for r in rows] == [day(i) for i in range(5)]
    for row, (load, ctl, atl, tsb, acwr) in zip(rows, expected, strict=True):
        assert row.load == load
        assert row.ctl == pytest.approx(ctl, abs=1e-3)
        assert row.atl == pytest.approx(atl, abs=1e-3)
        assert row.tsb == pytest.approx(tsb, abs=1e-3)
        assert row.ramp == pytest.approx(ctl, abs=1e-3)
        assert row.acwr == pytest.approx(acwr, abs=1e-3)


def test_closed_form_after_42_days_of_constant_load() -> None:
    # From 0, CTL_n = L*(1 - lte^n): after 42 days 100*(1 - e^-1) = 63.212;
    # ATL_n = 100*(1 - e^-6) = 99.752. TSB on day 42 = 63.212 - 99.752 = -36.540.
    loads = {day(i): 100.0 for i in range(42)}
    rows = pmc.compute(loads, start=day(0), end=day(42))
    assert rows[41].ctl == pytest.approx(63.212, abs=1e-3)
    assert rows[41].atl == pytest.approx(99.752, abs=1e-3)
    assert rows[42].tsb == pytest.approx(-36.540, abs=1e-3)
    assert rows[42].load == 0


def test_constant_load_for_400_days_converges() -> None:
    # CTL = 100*(1 - e^(-400/42)) = 99.993; ATL, acute and chronic are at 100.
    rows = pmc.compute([(day(i), 100.0) for i in range(400)], start=day(0), end=day(399))
    last = rows[-1]
    assert last.ctl == pytest.approx(100.0, abs=0.01)
    assert last.atl == pytest.approx(100.0, abs=1e-6)
    assert last.tsb == pytest.approx(0.0, abs=0.01)
    assert last.ramp == pytest.approx(0.0, abs=0.01)
    assert last.acwr == pytest.approx(1.0, abs=1e-4)


def test_ramp_is_ctl_change_over_seven_days() -> None:
    loads = {day(i): float(10 * (i % 4)) for i in range(30)}
    rows = pmc.compute(loads, start=day(0), end=day(29))
    for i in range(7):
        assert rows[i].ramp == pytest.approx(rows[i].ctl)  # against the seed CTL 0
    for i in range(7, 30):
        assert rows[i].ramp == pytest.approx(rows[i].ctl - rows[i - 7].ctl)


def test_gap_of_six_weeks_is_pure_decay() -> None:
    # One load of 100, then 42 empty days: CTL = 2.3528 * e^-1 = 0.8656,
    # ATL = 13.3122 * e^-6 = 0.0330.
    rows = pmc.compute({day(0): 100}, start=day(0), end=day(42))
    assert rows[42].ctl == pytest.approx(0.8656, abs=1e-4)
    assert rows[42].atl == pytest.approx(0.0330, abs=1e-4)
    assert all(r.load == 0 for r in rows[1:])


def test_seeds_are_the_day_before_start() -> None:
    # seed CTL 50, ATL 60, no load: day 0 TSB = 50 - 60 = -10,
    # CTL = 50*0.9764717 = 48.8236, ATL = 60*0.8668779 = 52.0127.
    # ACWR EWMAs default to ATL/CTL: acute 0.75*60 = 45, chronic 27/29*50 = 46.5517.
    (row,) = pmc.compute({}, start=day(0), end=day(0), seed_ctl=50, seed_atl=60)
    assert row.tsb == pytest.approx(-10.0)
    assert row.ctl == pytest.approx(48.8236, abs=1e-4)
    assert row.atl == pytest.approx(52.0127, abs=1e-4)
    assert row.ramp == pytest.approx(48.8236 - 50, abs=1e-4)
    assert row.acwr == pytest.approx(45 / 46.5517, abs=1e-4)


def test_no_data_gives_zeros_and_no_acwr() -> None:
    rows = pmc.compute({}, start=day(0), end=day(9))
    assert len(rows) == 10
    assert all(r.ctl == r.atl == r.tsb == r.ramp == 0 and r.acwr is None for r in rows)


def test_empty_range() -> None:
    assert pmc.compute({day(0): 10}, start=day(5), end=day(4)) == []


def test_one_day_of_data() -> None:
    (row,) = pmc.compute([(day(0), 100)], start=day(0), end=day(0))
    assert (row.ctl, row.atl, row.tsb) == pytest.approx((2.3528, 13.3122, 0.0), abs=1e-4)


def test_loads_outside_the_range_are_ignored() -> None:
    rows = pmc.compute({day(-3): 500, day(9): 500}, start=day(0), end=day(5))
    assert all(r.ctl == 0 for r in rows)


def test_unsorted_and_duplicate_dates_are_summed() -> None:
    entries = [(day(3), 10.0), (day(0), 50.0), (day(0), 50.0), (day(3), 5.0)]
    assert pmc.daily_loads(entries) == {day(0): 100.0, day(3): 15.0}
    assert pmc.compute(entries, start=day(0), end=day(5)) == pmc.compute(
        {day(0): 100.0, day(3): 15.0}, start=day(0), end=day(5)
    )


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_absurd_loads_are_rejected(bad: float) -> None:
    with pytest.raises(ValueError, match="load on 2024-01-02"):
        pmc.compute({day(1): bad}, start=day(0), end=day(3))
    with pytest.raises(ValueError):
        pmc.step(pmc.seed_state(day(0)), bad)


def test_datetimes_are_rejected() -> None:
    with pytest.raises(TypeError, match=r"datetime\.date"):
        pmc.daily_loads([(dt.datetime(2024, 1, 1, 23, 30, tzinfo=dt.UTC), 50.0)])


def test_large_loads_are_kept() -> None:
    (row,) = pmc.compute({day(0): 10_000}, start=day(0), end=day(0))
    assert row.ctl == pytest.approx(235.28, abs=0.01)


def test_step_extends_a_stored_series_without_recomputing() -> None:
    loads = {day(i): float((i * 37) % 120) for i in range(100)}
    full = pmc.compute(loads, start=day(0), end=day(99))

    stored = pmc.extend(pmc.seed_state(day(-1)), loads, end=day(59))[-1]
    state = stored
    tail = []
    for i in range(60, 100):
        state = pmc.step(state, loads[day(i)])
        tail.append(state.as_day())
    assert state.date == day(99)
    for got, want in zip(tail, full[60:], strict=True):
        assert got.date == want.date
        assert got.ctl == pytest.approx(want.ctl)
        assert got.atl == pytest.approx(want.atl)
        assert got.tsb == pytest.approx(want.tsb)
        assert got.ramp == pytest.approx(want.ramp)
        assert got.acwr == pytest.approx(want.acwr)
    assert [s.as_day() for s in pmc.extend(stored, loads, end=day(99))] == tail


def test_extend_reads_only_later_loads() -> None:
    state = pmc.seed_state(day(0), ctl=10, atl=10)
    assert pmc.extend(state, {day(0): 999}, end=day(0)) == []
    (nxt,) = pmc.extend(state, {day(0): 999, day(1): 0}, end=day(1))
    assert nxt.ctl == pytest.approx(10 * pmc.CTL_DECAY)


# --- stored states and windowed charts ------------------------------------------------


def _close(got: pmc.PmcDay, want: pmc.PmcDay) -> None:
    assert got.date == want.date
    for name in ("load", "ctl", "atl", "tsb", "ramp"):
        assert getattr(got, name) == pytest.approx(getattr(want, name), abs=1e-9), name
    if want.acwr is None:
        assert got.acwr is None
    else:
        assert got.acwr == pytest.approx(want.acwr, abs=1e-9)


@pytest.mark.parametrize("gap", [0, 1, 6, 7, 8, 9, 50, 2_000])
def test_fast_forward_is_the_closed_form_of_zero_load_steps(gap: int) -> None:
    loads = {day(i): float(20 + (i * 53) % 150) for i in range(30)}
    (state,) = pmc.extend(pmc.seed_state(day(-1)), loads, end=day(29))[-1:]
    stepped = state
    for _ in range(gap):
        stepped = pmc.step(stepped, 0.0)
    jumped = pmc.fast_forward(state, day(29 + gap))
    assert jumped.date == stepped.date
    _close(jumped.as_day(), stepped.as_day())
    assert jumped.acute == pytest.approx(stepped.acute, abs=1e-9)
    assert jumped.chronic == pytest.approx(stepped.chronic, abs=1e-9)
    assert jumped.recent_ctl == pytest.approx(stepped.recent_ctl, abs=1e-9)


def test_fast_forward_cannot_go_back() -> None:
    with pytest.raises(ValueError):
        pmc.fast_forward(pmc.seed_state(day(5)), day(4))


def test_chart_from_a_stored_state_equals_the_whole_history() -> None:
    """Seeded from a stored row at least RAMP_DAYS + 1 days back, every value is exact."""
    loads = {
        day(i): float((i * 37) % 120)
        for i in range(400)
        if i % 9 not in (3, 4) and not 150 <= i < 220  # rest days and a 10-week break
    }
    full = {p.date: p for p in pmc.compute(loads, start=day(0), end=day(399))}
    for start in [day(109), day(300), day(14), day(398), day(225), day(160)]:
        seed_day = start - dt.timedelta(days=pmc.RAMP_DAYS + 1)
        row_day = max(d for d in loads if d <= seed_day)  # the last stored row before it
        kept = full[row_day]
        state = pmc.extend(pmc.seed_state(day(-1)), loads, end=row_day)[-1]
        stored = pmc.stored_state(
            row_day,
            load=kept.load,
            ctl=kept.ctl,
            atl=kept.atl,
            acute=state.acute,
            chronic=state.chronic,
        )
        seed = pmc.fast_forward(stored, seed_day)
        later = {d: v for d, v in loads.items() if d > seed.date}
        window = pmc.chart(seed, later, start=start, end=day(399))
        assert window[0].date == start
        assert len(window) == (day(399) - start).days + 1
        for got in window:
            _close(got, full[got.date])


def test_chart_start_must_follow_the_state() -> None:
    with pytest.raises(ValueError):
        pmc.chart(pmc.seed_state(day(3)), {}, start=day(3), end=day(9))


def test_stored_state_rejects_absurd_values() -> None:
    with pytest.raises(ValueError):
        pmc.stored_state(day(0), load=1, ctl=-1, atl=0, acute=0, chronic=0)
