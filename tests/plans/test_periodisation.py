"""Periodisation engine: phases, volume ramp, recovery and taper, days, 80/20, paces, errors."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import pytest

from runcoach.plans.periodisation import (
    DEFAULT_WEEKS,
    AthleteBasis,
    Plan,
    PlanInputError,
    PlanRequest,
    PlanSession,
    build_plan,
    pace_at_fraction,
    race_time_from_vdot,
    vdot_from_race,
)

MONDAY = date(2025, 1, 6)
FIVE_ZONES = (
    ("Z1", 100, 119),
    ("Z2", 120, 139),
    ("Z3", 140, 154),
    ("Z4", 155, 169),
    ("Z5", 170, 190),
)
RUNNER = AthleteBasis(
    recent_weekly_m=40000, longest_recent_run_m=16000, threshold_pace_s_per_km=290
)


def sessions(plan: Plan) -> list[PlanSession]:
    return [s for w in plan.weeks for s in w.sessions]


def marathon_plan() -> Plan:
    """16 weeks, Monday 6 Jan .. Sunday 27 Apr 2025, 5 days a week, from 40 km a week."""
    return build_plan(PlanRequest("marathon", MONDAY, race_date=date(2025, 4, 27)), RUNNER)


def all_plans() -> list[Plan]:
    """Many combinations: goals, days per week, with and without paces or zones."""
    bases = [
        RUNNER,
        AthleteBasis(),
        AthleteBasis(recent_weekly_m=80000, longest_recent_run_m=28000, hr_zones=FIVE_ZONES),
        AthleteBasis(recent_weekly_m=25000, longest_recent_run_m=8000, best_pace_s_per_km=330),
    ]
    plans = []
    for goal, days, basis in itertools.product(
        ("5k", "10k", "half", "marathon", "base"), range(3, 8), bases
    ):
        plans.append(build_plan(PlanRequest(goal, MONDAY, days_per_week=days), basis))
    return plans


ALL_PLANS = all_plans()


# --- the 16-week marathon from 40 km/week -------------------------------------------


def test_marathon_phases_and_taper() -> None:
    plan = marathon_plan()
    phases = [w.phase for w in plan.weeks]
    # 16 weeks: taper 3, peak 2, the other 11 split 55 % -> 6 base, 5 build.
    assert phases == ["base"] * 6 + ["build"] * 5 + ["peak"] * 2 + ["taper"] * 3
    assert plan.summary["taper_weeks"] == 3
    assert plan.weeks[-1].ends_on == plan.race_date == date(2025, 4, 27)
    assert all(w.ends_on - w.starts_on == timedelta(days=6) for w in plan.weeks)


def test_marathon_volume_ramp_recovery_and_peak_cap() -> None:
    plan = marathon_plan()
    volumes = [w.target_distance_m for w in plan.weeks]
    # Week 1 = the recent 40 km; +10 % per week; recovery (75 %) in weeks 4 and 8;
    # peak = min(90 km cap, 1.6 x 40 km) = 64 km; taper 75 %, 60 % of peak, then the race
    # week: 45 % of peak (28.8 km) at most (easy runs <= 8 km) plus the 42.195 km race.
    assert volumes[:8] == [40000, 44000, 48400, 36300, 53200, 58500, 64000, 48000]
    assert volumes[8:13] == [64000] * 5
    assert volumes[13:15] == [48000, 38400]
    assert volumes[15] - 42195 == 6900 + 5600 + 6900 + 3000 <= 28800
    assert [w.index for w in plan.weeks if w.is_recovery] == [4, 8]
    assert plan.summary["peak_week_m"] == 64000
    training = [w for w in plan.weeks if w.phase != "taper" and not w.is_recovery]
    for prev, nxt in itertools.pairwise(training):
        assert nxt.target_distance_m <= 1.10 * prev.target_distance_m
    for w in plan.weeks:
        if w.is_recovery:
            before = plan.weeks[w.index - 2].target_distance_m
            assert 0.70 * before <= w.target_distance_m <= 0.80 * before


def test_marathon_long_runs_and_race() -> None:
    plan = marathon_plan()
    for w in plan.weeks[:-1]:
        longs = [s for s in w.sessions if s.type == "long"]
        assert len(longs) == 1
        assert longs[0].day_of_week == 6  # Sunday
        assert longs[0].target_distance_m == max(s.target_distance_m for s in w.sessions)
        assert longs[0].target_distance_m <= 32000
    # Long runs grow at most 2 km a week beyond 1.1 x the longest recent run (16 km).
    for w in plan.weeks[:-1]:
        long_m = next(s.target_distance_m for s in w.sessions if s.type == "long")
        assert long_m <= 1.1 * 16000 + 2000 * (w.index - 1)
    race = plan.weeks[-1].sessions[-1]
    assert race.type == "race"
    assert race.date == date(2025, 4, 27)
    assert race.target_distance_m == 42195
    assert race.key == "w16-d7"
    assert [s.type for s in sessions(plan)].count("race") == 1
    assert plan.total_distance_m == sum(w.target_distance_m for w in plan.weeks)


def test_marathon_quality_by_phase() -> None:
    plan = marathon_plan()
    by_phase: dict[str, set[str]] = {}
    for w in plan.weeks[:-1]:
        hard = {s.type for s in w.sessions if s.intensity == "hard"}
        by_phase.setdefault(w.phase, set()).update(hard)
    assert by_phase["base"] == set()
    assert by_phase["build"] == {"tempo", "intervals"}
    assert by_phase["peak"] == {"race_pace", "tempo"}
    assert by_phase["taper"] == {"race_pace"}
    assert [s.type for s in plan.weeks[0].sessions] == ["recovery", "easy", "easy", "easy", "long"]
    assert "strides" not in {s.type for w in plan.weeks[:2] for s in w.sessions}
    assert "strides" in {s.type for s in plan.weeks[2].sessions}  # from week 3


# --- other shapes --------------------------------------------------------------------


def test_5k_in_8_weeks_with_3_days() -> None:
    request = PlanRequest("5k", MONDAY, race_date=MONDAY + timedelta(days=55), days_per_week=3)
    plan = build_plan(request, RUNNER)
    assert [w.phase for w in plan.weeks] == ["base"] * 3 + ["build"] * 2 + ["peak"] * 2 + ["taper"]
    for w in plan.weeks[:-1]:
        types = sorted(s.type for s in w.sessions)
        assert len(w.sessions) == 3
        assert "long" in types
        assert sum(s.intensity == "hard" for s in w.sessions) == (w.phase != "base")
    assert [s.day_of_week for s in plan.weeks[4].sessions] == [1, 3, 6]  # Tue, Thu, Sun
    race_week = plan.weeks[-1]
    assert len(race_week.sessions) <= 3
    assert race_week.sessions[-1].type == "race"
    assert race_week.sessions[-1].target_distance_m == 5000


def test_7_days_a_week() -> None:
    plan = build_plan(PlanRequest("half", MONDAY, days_per_week=7), RUNNER)
    for w in plan.weeks[:-1]:
        assert len(w.sessions) == 7
        assert sorted(s.day_of_week for s in w.sessions) == list(range(7))
    assert len(plan.weeks[-1].sessions) == 5  # four runs before the race, then the race


def test_new_athlete_starts_at_the_goal_floor() -> None:
    plan = build_plan(PlanRequest("half", MONDAY), AthleteBasis())
    assert plan.weeks[0].target_distance_m == 25000
    peak = max(w.target_distance_m for w in plan.weeks if w.phase != "taper")
    assert peak <= 1.6 * 25000
    assert plan.paces is None
    for s in sessions(plan):
        assert s.target_pace_s_per_km is None
        assert s.target_hr_zone is None
        assert "RPE" in s.description or s.type == "race"
        assert s.target_distance_m >= 2000


@pytest.mark.parametrize("goal", ["5k", "10k", "half", "marathon", "base"])
def test_default_lengths_without_race_date(goal: str) -> None:
    plan = build_plan(PlanRequest(goal, MONDAY), RUNNER)
    weeks = DEFAULT_WEEKS[goal]
    assert len(plan.weeks) == weeks
    assert plan.race_date == MONDAY + timedelta(days=7 * weeks - 1)
    races = [s for s in sessions(plan) if s.type == "race"]
    if goal == "base":
        assert races == []
        assert {w.phase for w in plan.weeks} == {"base", "build"}
    else:
        assert [r.date for r in races] == [plan.race_date]


def test_partial_first_week_is_prorated() -> None:
    # Start on Wednesday, race on a Sunday 10 weeks + 5 days later: week 1 is Wed..Sun.
    start = date(2025, 1, 8)
    plan = build_plan(PlanRequest("10k", start, race_date=date(2025, 3, 23)), RUNNER)
    first = plan.weeks[0]
    assert (first.starts_on, first.ends_on) == (start, date(2025, 1, 12))
    assert all(w.ends_on - w.starts_on == timedelta(days=6) for w in plan.weeks[1:])
    assert first.target_distance_m <= 40000 * 5 / 7
    assert all(start <= s.date <= first.ends_on for s in first.sessions)


# --- invariants over many plans ------------------------------------------------------


def test_every_week_is_at_least_80_percent_easy_time() -> None:
    for plan in ALL_PLANS:
        for w in plan.weeks:
            runs = [s for s in w.sessions if s.type != "race"]  # the race is the goal
            total = sum(s.target_duration_s for s in runs)
            hard = sum(s.hard_duration_s for s in runs)
            assert hard <= 0.20 * total, (plan.goal, w.index)


def test_no_hard_days_back_to_back_nor_next_to_the_long_run() -> None:
    for plan in ALL_PLANS:
        hard = {s.date for s in sessions(plan) if s.intensity == "hard"}
        long = {s.date for s in sessions(plan) if s.type == "long"}
        for day in hard:
            assert day + timedelta(days=1) not in hard
            assert day + timedelta(days=1) not in long
            assert day - timedelta(days=1) not in long


def test_sessions_are_well_formed() -> None:
    for plan in ALL_PLANS:
        keys = [s.key for s in sessions(plan)]
        assert len(keys) == len(set(keys))
        for w in plan.weeks:
            assert 1 <= len(w.sessions) <= plan.summary["days_per_week"]
            assert w.target_distance_m == sum(s.target_distance_m for s in w.sessions)
            for s in w.sessions:
                assert re.fullmatch(rf"w{w.index:02d}-d[1-7]", s.key)
                assert w.starts_on <= s.date <= w.ends_on
                assert s.day_of_week == s.date.weekday()
                assert s.target_duration_s % 60 == 0 and s.target_duration_s > 0
                if s.type != "race":
                    assert s.target_distance_m % 100 == 0 and s.target_distance_m > 0
                assert 0 <= s.hard_duration_s <= s.target_duration_s
                assert (s.intensity == "hard") == (s.hard_duration_s > 0)


@pytest.mark.parametrize("long_run_day", range(7))
def test_long_run_day_is_respected(long_run_day: int) -> None:
    for days in range(3, 8):
        request = PlanRequest("10k", MONDAY, days_per_week=days, long_run_day=long_run_day)
        plan = build_plan(request, RUNNER)
        longs = [s for s in sessions(plan) if s.type == "long"]
        assert len(longs) == len(plan.weeks) - 1  # every week but the race week
        assert {s.day_of_week for s in longs} == {long_run_day}


def test_determinism() -> None:
    request = PlanRequest("half", MONDAY, race_date=date(2025, 4, 13), target_time_s=6300)
    basis = AthleteBasis(32000, 14000, hr_zones=FIVE_ZONES)
    first = build_plan(request, basis)
    again = build_plan(
        PlanRequest("half", date(2025, 1, 6), race_date=date(2025, 4, 13), target_time_s=6300),
        AthleteBasis(32000, 14000, hr_zones=tuple(FIVE_ZONES)),
    )
    assert first == again
    assert repr(first) == repr(again)


# --- paces and zones -----------------------------------------------------------------


def test_paces_from_a_half_marathon_goal_time() -> None:
    # 1:45:00 over 21.0975 km = 298.6 s/km; VDOT 42.6 (Daniels-Gilbert). Daniels' fractions
    # of VDOT: easy 70-62 % -> 349-384 s/km, threshold 88-86 % -> 290-296, interval
    # 100-97.5 % -> 262-267. Race pace +- 3 s/km.
    request = PlanRequest("half", MONDAY, target_time_s=6300)
    plan = build_plan(request, AthleteBasis(30000, 15000))
    paces = plan.paces
    assert paces is not None
    assert paces.race_pace_s_per_km == pytest.approx(298.6, abs=0.05)
    assert paces.vdot == pytest.approx(42.6, abs=0.05)
    assert paces.easy == (349, 384)
    assert paces.threshold == (290, 296)
    assert paces.interval == (262, 267)
    assert paces.race == (296, 302)
    assert plan.summary["race_pace_s_per_km"] == pytest.approx(298.6)
    race = plan.weeks[-1].sessions[-1]
    assert race.target_duration_s == 6300
    assert race.description.startswith("Race: half-marathon, 21.1 km, goal 1:45:00")
    tempo = next(s for s in sessions(plan) if s.type == "tempo")
    assert tempo.target_pace_s_per_km == (290, 296)


def test_daniels_model_matches_the_tables() -> None:
    # Daniels' tables, VDOT 50: T 4:15 /km, I 3:55 /km, E 5:07-5:38 /km, marathon 3:10:49.
    assert pace_at_fraction(50, 0.88) == pytest.approx(255, abs=1)
    assert pace_at_fraction(50, 0.975) == pytest.approx(235, abs=1)
    assert pace_at_fraction(50, 0.70) == pytest.approx(307, abs=1)
    assert pace_at_fraction(50, 0.62) == pytest.approx(338, abs=1)
    assert race_time_from_vdot(50, 42195) == pytest.approx(3 * 3600 + 10 * 60 + 49, abs=60)
    assert vdot_from_race(42195, race_time_from_vdot(50, 42195)) == pytest.approx(50)


def test_session_duration_from_pace_or_default() -> None:
    plan = build_plan(PlanRequest("10k", MONDAY), AthleteBasis(30000, 12000))
    easy = next(s for s in sessions(plan) if s.type == "easy")
    assert easy.target_duration_s == round(easy.target_distance_m / 1000 * 390 / 60) * 60
    paced = build_plan(PlanRequest("10k", MONDAY), RUNNER)
    easy = next(s for s in sessions(paced) if s.type == "easy")
    assert paced.paces is not None
    fast, slow = paced.paces.easy
    seconds = easy.target_distance_m / 1000 * (fast + slow) / 2
    assert easy.target_duration_s == round(seconds / 60) * 60


def test_hr_zones_only() -> None:
    plan = build_plan(PlanRequest("10k", MONDAY), AthleteBasis(30000, 12000, hr_zones=FIVE_ZONES))
    zone_of = {s.type: s.target_hr_zone for s in sessions(plan)}
    assert zone_of["recovery"] == "Z1"
    assert zone_of["easy"] == zone_of["long"] == "Z2"
    assert zone_of["tempo"] == "Z4"
    assert zone_of["intervals"] == "Z5"
    assert zone_of["race"] == "Z4"  # 10k
    assert all(s.target_pace_s_per_km is None for s in sessions(plan))
    assert "(HR Z2)" in next(s for s in sessions(plan) if s.type == "easy").description


# --- invalid inputs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_", "basis", "message"),
    [
        (PlanRequest("ultra", MONDAY), RUNNER, "unknown goal 'ultra'"),
        (PlanRequest("10k", MONDAY, days_per_week=2), RUNNER, "days_per_week must be"),
        (PlanRequest("10k", MONDAY, days_per_week=8), RUNNER, "days_per_week must be"),
        (PlanRequest("10k", MONDAY, long_run_day=7), RUNNER, "long_run_day must be"),
        (PlanRequest("10k", MONDAY, long_run_day=-1), RUNNER, "long_run_day must be"),
        (
            PlanRequest("10k", MONDAY, race_date=MONDAY - timedelta(days=1)),
            RUNNER,
            "is before the plan start",
        ),
        (
            PlanRequest("5k", MONDAY, race_date=MONDAY + timedelta(days=19)),
            RUNNER,
            "needs at least 3 weeks",
        ),
        (
            PlanRequest("half", MONDAY, race_date=MONDAY + timedelta(days=40)),
            RUNNER,
            "needs at least 6 weeks",
        ),
        (
            PlanRequest("marathon", MONDAY, race_date=MONDAY + timedelta(days=54)),
            RUNNER,
            "needs at least 8 weeks",
        ),
        (
            PlanRequest("marathon", MONDAY, race_date=MONDAY + timedelta(days=7 * 52)),
            RUNNER,
            "more than 52 weeks",
        ),
        (
            PlanRequest("marathon", MONDAY, target_time_s=7199),
            RUNNER,
            r"1:59:59 for a marathon is outside 2:00:00 \.\. 7:00:00",
        ),
        (PlanRequest("marathon", MONDAY, target_time_s=7 * 3600 + 1), RUNNER, "is outside"),
        (PlanRequest("5k", MONDAY, target_time_s=11 * 60), RUNNER, "is outside"),
        (PlanRequest("base", MONDAY, target_time_s=3000), RUNNER, "base goal has no race"),
        (PlanRequest("10k", MONDAY), AthleteBasis(recent_weekly_m=-1), ">= 0 metres"),
        (
            PlanRequest("10k", MONDAY),
            AthleteBasis(threshold_pace_s_per_km=30),
            "threshold_pace_s_per_km must be within",
        ),
        (
            PlanRequest("10k", MONDAY),
            AthleteBasis(hr_zones=(("Z2", 140, 150), ("Z1", 120, 139))),
            "ordered from the lowest",
        ),
    ],
)
def test_invalid_inputs(request_: PlanRequest, basis: AthleteBasis, message: str) -> None:
    with pytest.raises(PlanInputError, match=message):
        build_plan(request_, basis)


def test_plan_length_bounds_are_inclusive() -> None:
    three_weeks = build_plan(PlanRequest("5k", MONDAY, race_date=MONDAY + timedelta(20)), RUNNER)
    assert [w.phase for w in three_weeks.weeks] == ["base", "peak", "taper"]
    year = build_plan(PlanRequest("marathon", MONDAY, race_date=MONDAY + timedelta(363)), RUNNER)
    assert len(year.weeks) == 52
    assert issubclass(PlanInputError, ValueError)
