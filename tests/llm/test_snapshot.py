"""The athlete snapshot's text: plain numbers in, exact text out."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from runcoach.llm.snapshot import (
    AthleteSnapshot,
    PlanSnapshot,
    RecentWorkout,
    format_duration,
    format_pace,
    number,
    render,
    system_prompt,
)
from tests.support.coach import athlete_snapshot

FULL = """\
Athlete: Alice
Today: 2025-03-10 Monday (Europe/Paris)
Training load (TSS): fitness CTL 54.2, fatigue ATL 61.0, form TSB -6.8, ACWR 1.13, \
ramp +3.4 CTL/week
Readiness: 72/100 (confidence high; form 59; hrv 80; resting_hr 65; sleep 70)
Overtraining risk: moderate (acute load is 13% above chronic load)
This week: 3 workouts, 32.5 km, 2:48:45
Recent workouts (newest first):
- 2025-03-09 run: 10.0 km, 50:00, pace 5:00/km, avg HR 145, load 62
- 2025-03-07 run: 8.0 km, 46:00, pace 5:45/km, avg HR 138, load 41
Paces: typical easy 5:45/km, recent best 4:10/km
HR zones (bpm): Z1 100-130, Z2 131-145, Z3 146-160, Z4 161-172
Plan: goal half marathon; race 2025-05-04 (8 weeks away); phase build; \
today: Tempo 8 km with 4 km at threshold; next: Easy 6 km
Latest recovery: resting HR 48 bpm, HRV 62 ms, sleep 7.5 h"""


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (300, "5:00/km"),
        (345.4, "5:45/km"),
        (299.6, "5:00/km"),  # rounds to the second, never "4:60"
        (59.5, "1:00/km"),
        (615, "10:15/km"),
        (None, "no data"),
        (0, "no data"),
        (-3, "no data"),
        (math.nan, "no data"),
    ],
)
def test_format_pace(seconds: float | None, text: str) -> None:
    assert format_pace(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00"),
        (59.6, "1:00"),
        (3000, "50:00"),
        (3599.4, "59:59"),
        (3600, "1:00:00"),
        (10_125, "2:48:45"),
        (36_061, "10:01:01"),
        (None, "no data"),
        (math.inf, "no data"),
    ],
)
def test_format_duration(seconds: float | None, text: str) -> None:
    assert format_duration(seconds) == text


def test_number_rounds_and_never_prints_minus_zero() -> None:
    assert number(54.25) == "54.2"  # round half to even, as Python rounds
    assert number(-0.04) == "0.0"
    assert number(3.44, signed=True) == "+3.4"
    assert number(-3.44, signed=True) == "-3.4"
    assert number(1.126, 2) == "1.13"
    assert number(None) == "no data"


def test_render_full_snapshot() -> None:
    assert render(athlete_snapshot()) == FULL


def test_render_is_deterministic() -> None:
    # Same values in another dict order: same text.
    a = athlete_snapshot()
    b = athlete_snapshot(
        readiness_components={"form": 58.9, "resting_hr": 65.0, "hrv": 80.4, "sleep": 70.2}
    )
    assert render(a) == render(b) == render(athlete_snapshot())


def test_render_new_athlete_says_no_data() -> None:
    expected = (
        "Athlete: no data\n"
        "Training load: no data\n"
        "Readiness: no data\n"
        "Recent workouts: none recorded yet"
    )
    assert render(AthleteSnapshot()) == expected
    assert render(None) == expected


def test_render_keeps_at_most_five_recent_workouts() -> None:
    workouts = tuple(
        RecentWorkout(dt.date(2025, 3, 10 - i), "run", distance_m=5000 + i * 1000) for i in range(7)
    )
    text = render(AthleteSnapshot(recent_workouts=workouts))
    assert text.count("\n- ") == 5
    assert "- 2025-03-10 run: 5.0 km" in text
    assert "- 2025-03-06 run: 9.0 km" in text
    assert "2025-03-05" not in text


def test_render_partial_data() -> None:
    snapshot = AthleteSnapshot(
        ctl=12.0,
        plan=PlanSnapshot(goal="10k"),
        recent_workouts=(RecentWorkout(dt.date(2025, 1, 2), "ride"),),
    )
    text = render(snapshot)
    assert "Training load: fitness CTL 12.0, fatigue ATL no data, form TSB no data" in text
    assert "- 2025-01-02 ride: no data" in text
    assert "Plan: goal 10k; today: rest / nothing scheduled" in text
    assert "Paces" not in text
    assert "Latest recovery" not in text


@pytest.mark.parametrize("purpose", ["chat", "plan", "analysis"])
def test_system_prompt_forbids_own_numbers_and_carries_the_snapshot(purpose: str) -> None:
    prompt = system_prompt(athlete_snapshot(), purpose)  # type: ignore[arg-type]
    assert "Use only the numbers given" in prompt
    assert "Never compute" in prompt
    assert prompt.endswith("ATHLETE DATA:\n" + FULL)
    if purpose == "plan":
        assert '{"summary": "...", "tips": {"<session key>": "tip"}}' in prompt


def test_json_round_trip_keeps_every_field() -> None:
    from runcoach.llm.snapshot import from_json, to_json

    full = athlete_snapshot()
    assert from_json(to_json(full)) == full
    empty = AthleteSnapshot()
    assert from_json(to_json(empty)) == empty
    with pytest.raises(ValueError):
        from_json(b'{"name": "x"}')
    with pytest.raises(ValueError):
        from_json(b"not json")
