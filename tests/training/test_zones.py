"""HR zones: Karvonen, Friel's LTHR zones, % of max, the choice, versions by date, time in zones."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest

from runcoach.training.zones import (
    ZoneHistory,
    ZoneProfile,
    ZoneSet,
    age_on,
    choose_zones,
    karvonen_zones,
    lthr_zones,
    max_hr_zones,
    tanaka_max_hr,
    time_in_zones,
)


def bounds(zone_set: ZoneSet) -> list[tuple[str, int, int]]:
    return [(z.name, z.min_bpm, z.max_bpm) for z in zone_set.zones]


def assert_contiguous(zone_set: ZoneSet) -> None:
    for lower, upper in itertools.pairwise(zone_set.zones):
        assert lower.min_bpm <= lower.max_bpm
        assert upper.min_bpm == lower.max_bpm + 1  # no gap, no overlap


def test_karvonen_worked_example() -> None:
    # max 190, rest 50: reserve 140; lower edges 50 + p x 140:
    # 50 % -> 120, 60 % -> 134, 70 % -> 148, 80 % -> 162, 90 % -> 176; top = max 190.
    zs = karvonen_zones(190, 50)
    assert zs.method == "karvonen"
    assert zs.inputs == {"max_hr": 190, "resting_hr": 50}
    assert bounds(zs) == [
        ("Z1", 120, 133),
        ("Z2", 134, 147),
        ("Z3", 148, 161),
        ("Z4", 162, 175),
        ("Z5", 176, 190),
    ]
    assert_contiguous(zs)


def test_karvonen_rounds_edges_up() -> None:
    # max 193, rest 50: reserve 143; 71.5 -> 72, 85.8 -> 86, 100.1 -> 101, 114.4 -> 115,
    # 128.7 -> 129: an integer bpm is in a zone exactly when its % HRR is in the band.
    zs = karvonen_zones(193, 50)
    assert [z.min_bpm for z in zs.zones] == [122, 136, 151, 165, 179]
    assert zs.zones[-1].max_bpm == 193
    assert_contiguous(zs)


def test_lthr_worked_example() -> None:
    # LTHR 170: 85 % = 144.5 -> Z2 from 145; 90 % = 153; 95 % = 161.5 -> 162; 100 % = 170;
    # 103 % = 175.1 -> 176; > 106 % = > 180.2 -> 181; Z1 from 25, Z5c up to 250.
    zs = lthr_zones(170)
    assert zs.method == "lthr"
    assert zs.inputs == {"lthr": 170}
    assert bounds(zs) == [
        ("Z1", 25, 144),
        ("Z2", 145, 152),
        ("Z3", 153, 161),
        ("Z4", 162, 169),
        ("Z5a", 170, 175),
        ("Z5b", 176, 180),
        ("Z5c", 181, 250),
    ]
    assert_contiguous(zs)


def test_lthr_exact_percentages() -> None:
    # LTHR 200: 170, 180, 190, 200, 206; 106 % = 212 exactly belongs to Z5b ("103-106"),
    # so Z5c ("> 106 %") starts at 213. Integer arithmetic: no 0.85 x 200 = 169.999... slip.
    zs = lthr_zones(200)
    assert [z.min_bpm for z in zs.zones] == [25, 170, 180, 190, 200, 206, 213]
    assert zs.zones[5].max_bpm == 212


def test_max_hr_worked_example() -> None:
    # max 190: 50 % = 95, 60 % = 114, 70 % = 133, 80 % = 152, 90 % = 171, top 190.
    zs = max_hr_zones(190)
    assert zs.method == "max_hr"
    assert bounds(zs) == [
        ("Z1", 95, 113),
        ("Z2", 114, 132),
        ("Z3", 133, 151),
        ("Z4", 152, 170),
        ("Z5", 171, 190),
    ]
    assert not zs.max_hr_estimated
    # max 200: edges exact in integer arithmetic.
    assert [z.min_bpm for z in max_hr_zones(200).zones] == [100, 120, 140, 160, 180]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: karvonen_zones(150, 150), "above resting"),
        (lambda: karvonen_zones(140, 160), "above resting"),
        (lambda: karvonen_zones(300, 50), "25..250"),
        (lambda: karvonen_zones(190, 10), "25..250"),
        (lambda: lthr_zones(20), "25..250"),
        (lambda: lthr_zones(240), "collapse"),  # Z5c would start at 255 > 250
        (lambda: max_hr_zones(251), "25..250"),
    ],
)
def test_absurd_inputs_raise(call: object, message: str) -> None:
    assert callable(call)
    with pytest.raises(ValueError, match=message):
        call()


def test_karvonen_with_a_tiny_reserve_collapses() -> None:
    # reserve 4 bpm: 60 % = 2.4 -> 3 and 70 % = 2.8 -> 3, so Z2 and Z3 would both start
    # at 53: two bands share an edge and the zones cannot be built.
    with pytest.raises(ValueError, match="collapse"):
        karvonen_zones(54, 50)


def test_non_integer_bpm_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        karvonen_zones(190.5, 50)  # type: ignore[arg-type]


def test_choose_prefers_lthr_then_karvonen_then_max() -> None:
    full = ZoneProfile(max_hr=190, resting_hr=50, lthr=170)
    assert choose_zones(full) == lthr_zones(170)
    assert choose_zones(ZoneProfile(max_hr=190, resting_hr=50)) == karvonen_zones(190, 50)
    assert choose_zones(ZoneProfile(max_hr=190)) == max_hr_zones(190)
    assert choose_zones(ZoneProfile(resting_hr=50)) is None
    assert choose_zones(ZoneProfile()) is None


def test_choose_skips_an_unusable_method() -> None:
    # max <= resting: Karvonen impossible, % of max still works.
    assert choose_zones(ZoneProfile(max_hr=180, resting_hr=185)) == max_hr_zones(180)
    # LTHR absurd: falls through to Karvonen.
    assert choose_zones(ZoneProfile(max_hr=190, resting_hr=50, lthr=400)) == karvonen_zones(190, 50)


def test_tanaka_estimate_from_birth_date_on_a_day() -> None:
    # Born 1985-06-15: 39 on 2025-06-14 -> 208 - 27.3 = 180.7 -> 181;
    # 40 on 2025-06-15 -> 208 - 28 = 180.
    born = date(1985, 6, 15)
    assert age_on(born, date(2025, 6, 14)) == 39
    assert age_on(born, date(2025, 6, 15)) == 40
    assert tanaka_max_hr(39) == 181
    profile = ZoneProfile(birth_date=born)
    before = choose_zones(profile, on=date(2025, 6, 14))
    after = choose_zones(profile, on=date(2025, 6, 15))
    assert before is not None and after is not None
    assert before.method == after.method == "max_hr"
    assert before.max_hr_estimated and before.inputs == {"max_hr": 181, "age": 39}
    assert after.inputs == {"max_hr": 180, "age": 40}
    assert after.zones[-1].max_bpm == 180
    # Without a day there is no age; a birth date after the day is unusable.
    assert choose_zones(profile) is None
    assert choose_zones(profile, on=date(1980, 1, 1)) is None
    # A measured max wins over the estimate.
    assert choose_zones(ZoneProfile(max_hr=195, birth_date=born), on=date(2025, 6, 15)) == (
        max_hr_zones(195)
    )


def test_history_picks_the_version_in_force() -> None:
    v1 = ZoneProfile(max_hr=190)
    v2 = ZoneProfile(max_hr=190, resting_hr=50)
    v3 = ZoneProfile(max_hr=190, resting_hr=50, lthr=170)
    # Given out of order on purpose.
    history = ZoneHistory([(date(2025, 1, 1), v3), (date(2024, 1, 1), v1), (date(2024, 6, 1), v2)])
    assert [d for d, _ in history.versions] == [
        date(2024, 1, 1),
        date(2024, 6, 1),
        date(2025, 1, 1),
    ]
    assert history.at(date(2023, 5, 1)) == max_hr_zones(190)  # before the first: the first
    assert history.at(date(2024, 1, 1)) == max_hr_zones(190)
    assert history.at(date(2024, 5, 31)) == max_hr_zones(190)
    assert history.at(date(2024, 6, 1)) == karvonen_zones(190, 50)  # effective that day
    assert history.at(date(2024, 12, 31)) == karvonen_zones(190, 50)
    assert history.at(date(2025, 1, 1)) == lthr_zones(170)
    assert history.at(date(2030, 1, 1)) == lthr_zones(170)


def test_history_same_day_the_later_version_wins() -> None:
    day = date(2024, 3, 1)
    history = ZoneHistory([(day, ZoneProfile(max_hr=180)), (day, ZoneProfile(max_hr=185))])
    assert history.at(day) == max_hr_zones(185)
    assert history.profile_at(date(2020, 1, 1)) == ZoneProfile(max_hr=185)


def test_history_ages_the_tanaka_estimate_with_the_day() -> None:
    history = ZoneHistory([(date(2020, 1, 1), ZoneProfile(birth_date=date(1985, 6, 15)))])
    old = history.at(date(2020, 1, 1))  # age 34 -> 208 - 23.8 = 184.2 -> 184
    new = history.at(date(2025, 6, 15))  # age 40 -> 180
    assert old is not None and new is not None
    assert old.inputs == {"max_hr": 184, "age": 34}
    assert new.inputs == {"max_hr": 180, "age": 40}


def test_history_edges() -> None:
    assert ZoneHistory([]).at(date(2024, 1, 1)) is None
    history = ZoneHistory([(date(2024, 1, 1), ZoneProfile())])
    assert history.at(date(2024, 2, 1)) is None  # nothing to build zones from
    with pytest.raises(TypeError, match="calendar date"):
        history.at(datetime(2024, 2, 1, 23, 30, tzinfo=UTC))


def test_time_in_zones_worked_example() -> None:
    # Karvonen 190/50: Z1 120-133, Z2 134-147, Z3 148-161, Z4 162-175, Z5 176-190.
    samples = [
        (0, 100),  # below Z1 -> Z1, lasts 10 s
        (10, 125),  # Z1, 10 s
        (20, 140),  # Z2, 10 s
        (30, 200),  # above max -> Z5; next valid sample at 50: 20 s capped to 10 s
        (40, 300),  # absurd: dropped
        (50, 150),  # Z3, the last sample: 1 s
    ]
    assert time_in_zones(samples, karvonen_zones(190, 50)) == [20, 10, 1, 0, 10]


def test_time_in_zones_edges() -> None:
    zs = karvonen_zones(190, 50)
    assert time_in_zones([], zs) == [0, 0, 0, 0, 0]
    assert time_in_zones([(0, 20), (1, 251)], zs) == [0, 0, 0, 0, 0]  # all absurd
    assert time_in_zones([(300, 150)], zs) == [0, 0, 1, 0, 0]  # a single sample: 1 s
    # A two-hour gap counts 10 s, not 7200 s; unsorted input is sorted first.
    assert time_in_zones([(7200, 130), (0, 130)], zs) == [11, 0, 0, 0, 0]
    # Boundaries: 133 is Z1, 134 is Z2, 190 (max) is Z5.
    assert time_in_zones([(0, 133), (5, 134), (10, 190)], zs) == [5, 5, 0, 0, 1]


def test_time_in_zones_lthr_seven_zones() -> None:
    # One hour at 1 Hz exactly at LTHR 170: all 3600 s in Z5a.
    samples = [(t, 170) for t in range(3600)]
    assert time_in_zones(samples, lthr_zones(170)) == [0, 0, 0, 0, 3600, 0, 0]
