"""Quiet hours, digest send times and digest periods against hand-checked instants.

Offsets and 2026 transitions used in the comments (tzdata):
    Europe/Paris      CET +01:00 / CEST +02:00; spring 2026-03-29 01:00Z (02:00 -> 03:00),
                      fall 2026-10-25 01:00Z (03:00 -> 02:00)
    America/New_York  EST -05:00 / EDT -04:00; spring 2026-03-08 07:00Z (02:00 -> 03:00),
                      fall 2026-11-01 06:00Z (02:00 -> 01:00)
    Asia/Kolkata      IST +05:30, no DST
    Pacific/Chatham   +12:45 / +13:45 (DST ends 2026-04-05, starts 2026-09-27 at
                      02:45 -> 03:45 local = 2026-09-26 14:00Z)
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from runcoach.notifications.schedule import (
    digest_period,
    in_quiet_hours,
    next_digest_at,
    quiet_hours_end,
)

UTC = dt.UTC
PARIS = "Europe/Paris"
NEW_YORK = "America/New_York"
KOLKATA = "Asia/Kolkata"
CHATHAM = "Pacific/Chatham"
NIGHT = {"start": dt.time(22, 0), "end": dt.time(7, 0)}


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def local_wall(instant: dt.datetime, zone: str) -> dt.datetime:
    return instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


# --- next_digest_at -----------------------------------------------------------------------


def test_daily_digest_ordinary_day_paris() -> None:
    # 2026-01-15 08:00 CET = 07:00Z; asked at 06:59Z the same day.
    assert next_digest_at(utc(2026, 1, 15, 6, 59), at=dt.time(8), timezone=PARIS) == utc(
        2026, 1, 15, 7, 0
    )
    # Asked exactly at it: strictly after, so tomorrow.
    assert next_digest_at(utc(2026, 1, 15, 7), at=dt.time(8), timezone=PARIS) == utc(
        2026, 1, 16, 7, 0
    )


def test_result_is_utc() -> None:
    result = next_digest_at(utc(2026, 1, 15), at=dt.time(8), timezone=PARIS)
    assert result.tzinfo is UTC
    assert result.utcoffset() == dt.timedelta(0)


def test_input_in_another_zone_is_the_same_instant() -> None:
    after = utc(2026, 1, 15, 6, 59).astimezone(dt.timezone(dt.timedelta(hours=-3)))
    assert next_digest_at(after, at=dt.time(8), timezone=PARIS) == utc(2026, 1, 15, 7, 0)


def test_daily_digest_across_paris_spring_forward() -> None:
    # 08:00 CET on 03-28 = 07:00Z; 08:00 CEST on 03-29 = 06:00Z (a 23-hour day).
    first = next_digest_at(utc(2026, 3, 28, 0), at=dt.time(8), timezone=PARIS)
    assert first == utc(2026, 3, 28, 7)
    second = next_digest_at(first, at=dt.time(8), timezone=PARIS)
    assert second == utc(2026, 3, 29, 6)
    assert second - first == dt.timedelta(hours=23)


def test_daily_digest_across_paris_fall_back() -> None:
    # 08:00 CEST on 10-24 = 06:00Z; 08:00 CET on 10-25 = 07:00Z (a 25-hour day).
    first = next_digest_at(utc(2026, 10, 24, 0), at=dt.time(8), timezone=PARIS)
    assert first == utc(2026, 10, 24, 6)
    second = next_digest_at(first, at=dt.time(8), timezone=PARIS)
    assert second == utc(2026, 10, 25, 7)
    assert second - first == dt.timedelta(hours=25)


def test_0230_digest_on_paris_spring_forward_fires_at_0300() -> None:
    # 02:30 does not exist on 2026-03-29; the gap ends at 03:00 CEST = 01:00Z.
    fired = next_digest_at(utc(2026, 3, 28, 12), at=dt.time(2, 30), timezone=PARIS)
    assert fired == utc(2026, 3, 29, 1, 0)
    assert local_wall(fired, PARIS) == dt.datetime(2026, 3, 29, 3, 0)
    # Then 02:30 CEST on 03-30 = 00:30Z.
    assert next_digest_at(fired, at=dt.time(2, 30), timezone=PARIS) == utc(2026, 3, 30, 0, 30)


def test_0230_digest_on_new_york_spring_forward_fires_at_0300() -> None:
    # 02:30 does not exist on 2026-03-08; the gap ends at 03:00 EDT = 07:00Z.
    fired = next_digest_at(utc(2026, 3, 7, 12), at=dt.time(2, 30), timezone=NEW_YORK)
    assert fired == utc(2026, 3, 8, 7, 0)
    assert local_wall(fired, NEW_YORK) == dt.datetime(2026, 3, 8, 3, 0)
    # The day before: 02:30 EST = 07:30Z; the day after: 02:30 EDT = 06:30Z.
    assert next_digest_at(utc(2026, 3, 6, 12), at=dt.time(2, 30), timezone=NEW_YORK) == utc(
        2026, 3, 7, 7, 30
    )
    assert next_digest_at(fired, at=dt.time(2, 30), timezone=NEW_YORK) == utc(2026, 3, 9, 6, 30)


def test_0130_digest_on_new_york_fall_back_fires_once() -> None:
    # 01:30 happens twice on 2026-11-01: 01:30 EDT = 05:30Z, then 01:30 EST = 06:30Z.
    fired = next_digest_at(utc(2026, 10, 31, 12), at=dt.time(1, 30), timezone=NEW_YORK)
    assert fired == utc(2026, 11, 1, 5, 30)
    # Not again at 06:30Z: the next one is 01:30 EST on 11-02 = 06:30Z.
    after = next_digest_at(fired, at=dt.time(1, 30), timezone=NEW_YORK)
    assert after == utc(2026, 11, 2, 6, 30)
    # Even when asked from inside the repeated hour, between the two occurrences.
    between = utc(2026, 11, 1, 6, 0)  # 01:00 EST, the second pass
    assert next_digest_at(between, at=dt.time(1, 30), timezone=NEW_YORK) == after


def test_0230_digest_on_paris_fall_back_fires_once() -> None:
    # 02:30 happens twice on 2026-10-25: 02:30 CEST = 00:30Z, then 02:30 CET = 01:30Z.
    fired = next_digest_at(utc(2026, 10, 24, 12), at=dt.time(2, 30), timezone=PARIS)
    assert fired == utc(2026, 10, 25, 0, 30)
    assert next_digest_at(fired, at=dt.time(2, 30), timezone=PARIS) == utc(2026, 10, 26, 1, 30)


def test_kolkata_half_hour_offset() -> None:
    # 08:00 IST = 02:30Z.
    assert next_digest_at(utc(2026, 5, 1), at=dt.time(8), timezone=KOLKATA) == utc(
        2026, 5, 1, 2, 30
    )
    # 04:00 IST on 05-02 = 22:30Z on 05-01: the UTC date is the day before.
    assert next_digest_at(utc(2026, 5, 1, 3), at=dt.time(4), timezone=KOLKATA) == utc(
        2026, 5, 1, 22, 30
    )


def test_chatham_quarter_hour_offset() -> None:
    # 07:00 +12:45 on 2026-06-15 = 2026-06-14 18:15Z.
    assert next_digest_at(utc(2026, 6, 14, 12), at=dt.time(7), timezone=CHATHAM) == utc(
        2026, 6, 14, 18, 15
    )
    # 07:00 +13:45 on 2026-01-15 (summer) = 2026-01-14 17:15Z.
    assert next_digest_at(utc(2026, 1, 14, 12), at=dt.time(7), timezone=CHATHAM) == utc(
        2026, 1, 14, 17, 15
    )


def test_chatham_spring_forward_gap() -> None:
    # 2026-09-27 02:45 +12:45 jumps to 03:45 +13:45 at 2026-09-26 14:00Z; 03:00 is in the gap.
    fired = next_digest_at(utc(2026, 9, 26, 0), at=dt.time(3), timezone=CHATHAM)
    assert fired == utc(2026, 9, 26, 14, 0)
    assert local_wall(fired, CHATHAM) == dt.datetime(2026, 9, 27, 3, 45)
    # 03:00 +13:45 on 09-28 = 2026-09-27 13:15Z.
    assert next_digest_at(fired, at=dt.time(3), timezone=CHATHAM) == utc(2026, 9, 27, 13, 15)


def test_weekly_digest_on_monday() -> None:
    # 2026-01-14 is a Wednesday; Monday 2026-01-19 07:00 CET = 06:00Z.
    assert dt.date(2026, 1, 19).weekday() == 0
    fired = next_digest_at(utc(2026, 1, 14, 12), at=dt.time(7), timezone=PARIS, weekday=0)
    assert fired == utc(2026, 1, 19, 6, 0)
    # Fed back: the next Monday, not the same one.
    assert next_digest_at(fired, at=dt.time(7), timezone=PARIS, weekday=0) == utc(2026, 1, 26, 6, 0)
    # On the Monday before 07:00 local, it is that same day.
    assert next_digest_at(utc(2026, 1, 19, 5, 59), at=dt.time(7), timezone=PARIS, weekday=0) == utc(
        2026, 1, 19, 6, 0
    )


def test_weekly_digest_on_sunday_of_us_spring_forward() -> None:
    # 2026-03-08 is a Sunday; 02:30 is in the gap, so 03:00 EDT = 07:00Z.
    assert dt.date(2026, 3, 8).weekday() == 6
    fired = next_digest_at(utc(2026, 3, 2), at=dt.time(2, 30), timezone=NEW_YORK, weekday=6)
    assert fired == utc(2026, 3, 8, 7, 0)
    # A week later: 02:30 EDT = 06:30Z.
    assert next_digest_at(fired, at=dt.time(2, 30), timezone=NEW_YORK, weekday=6) == utc(
        2026, 3, 15, 6, 30
    )


def test_weekly_digest_in_kolkata_across_utc_date_line() -> None:
    # Friday 2026-05-08 04:00 IST = Thursday 2026-05-07 22:30Z.
    assert dt.date(2026, 5, 8).weekday() == 4
    assert next_digest_at(utc(2026, 5, 4), at=dt.time(4), timezone=KOLKATA, weekday=4) == utc(
        2026, 5, 7, 22, 30
    )


@pytest.mark.parametrize("weekday", range(7))
def test_weekly_digests_for_a_year_are_one_per_week(weekday: int) -> None:
    instant = utc(2026, 1, 1)
    days = []
    for _ in range(60):
        instant = next_digest_at(instant, at=dt.time(2, 30), timezone=PARIS, weekday=weekday)
        days.append(local_wall(instant, PARIS).date())
    assert all(day.weekday() == weekday for day in days)
    assert all(b - a == dt.timedelta(days=7) for a, b in pairwise(days))


@pytest.mark.parametrize(
    ("timezone", "at"),
    [
        (PARIS, dt.time(2, 30)),
        (PARIS, dt.time(8, 0)),
        (NEW_YORK, dt.time(1, 30)),
        (NEW_YORK, dt.time(2, 30)),
        (NEW_YORK, dt.time(0, 0)),
        (KOLKATA, dt.time(7, 15)),
        (CHATHAM, dt.time(3, 0)),
        (CHATHAM, dt.time(2, 45)),
        (CHATHAM, dt.time(23, 59, 59)),
    ],
)
def test_400_days_give_exactly_one_digest_per_local_day(timezone: str, at: dt.time) -> None:
    start = dt.date(2026, 1, 1)
    instant = dt.datetime.combine(start, dt.time(0), tzinfo=ZoneInfo(timezone))
    instant = instant.astimezone(UTC) - dt.timedelta(microseconds=1)
    fired = []
    for _ in range(400):
        instant = next_digest_at(instant, at=at, timezone=timezone)
        fired.append(instant)
    assert all(a < b for a, b in pairwise(fired))
    assert len(set(fired)) == 400
    local_days = [local_wall(i, timezone).date() for i in fired]
    assert local_days == [start + dt.timedelta(days=n) for n in range(400)]
    # The wall clock shows `at`, except on the spring-forward day, where it is later.
    late = [i for i in fired if local_wall(i, timezone).time() != at]
    assert all(local_wall(i, timezone).time() > at for i in late)
    assert len(late) <= 1


def test_next_digest_validation() -> None:
    with pytest.raises(ValueError, match="aware"):
        next_digest_at(dt.datetime(2026, 1, 1), at=dt.time(8), timezone=PARIS)
    with pytest.raises(ValueError, match="weekday"):
        next_digest_at(utc(2026, 1, 1), at=dt.time(8), timezone=PARIS, weekday=7)
    with pytest.raises(ValueError, match="naive local time"):
        next_digest_at(utc(2026, 1, 1), at=dt.time(8, tzinfo=UTC), timezone=PARIS)
    with pytest.raises(ValueError, match="unknown time zone"):
        next_digest_at(utc(2026, 1, 1), at=dt.time(8), timezone="Mars/Olympus_Mons")


# --- quiet hours --------------------------------------------------------------------------


def test_quiet_hours_across_midnight_paris_winter() -> None:
    # 22:00-07:00 CET = 21:00Z-06:00Z.
    assert not in_quiet_hours(utc(2026, 1, 10, 20, 59), timezone=PARIS, **NIGHT)
    assert in_quiet_hours(utc(2026, 1, 10, 21, 0), timezone=PARIS, **NIGHT)  # start included
    assert in_quiet_hours(utc(2026, 1, 10, 23, 30), timezone=PARIS, **NIGHT)  # past midnight
    assert in_quiet_hours(utc(2026, 1, 11, 5, 59), timezone=PARIS, **NIGHT)
    assert not in_quiet_hours(utc(2026, 1, 11, 6, 0), timezone=PARIS, **NIGHT)  # end excluded
    assert not in_quiet_hours(utc(2026, 1, 11, 12, 0), timezone=PARIS, **NIGHT)


def test_quiet_hours_end_paris_winter() -> None:
    # Before and after local midnight the window ends at 07:00 CET on 01-11 = 06:00Z.
    assert quiet_hours_end(utc(2026, 1, 10, 21, 30), timezone=PARIS, **NIGHT) == utc(
        2026, 1, 11, 6, 0
    )
    assert quiet_hours_end(utc(2026, 1, 11, 2, 0), timezone=PARIS, **NIGHT) == utc(
        2026, 1, 11, 6, 0
    )
    assert quiet_hours_end(utc(2026, 1, 10, 20, 59), timezone=PARIS, **NIGHT) is None
    assert quiet_hours_end(utc(2026, 1, 11, 6, 0), timezone=PARIS, **NIGHT) is None


def test_quiet_hours_across_paris_spring_forward() -> None:
    # Night of 03-28/29: starts 22:00 CET = 21:00Z, ends 07:00 CEST = 05:00Z (8 hours).
    assert in_quiet_hours(utc(2026, 3, 28, 21, 0), timezone=PARIS, **NIGHT)
    assert quiet_hours_end(utc(2026, 3, 28, 21, 0), timezone=PARIS, **NIGHT) == utc(
        2026, 3, 29, 5, 0
    )
    assert in_quiet_hours(utc(2026, 3, 29, 4, 59), timezone=PARIS, **NIGHT)  # 06:59 CEST
    assert not in_quiet_hours(utc(2026, 3, 29, 5, 0), timezone=PARIS, **NIGHT)  # 07:00 CEST


def test_quiet_hours_across_new_york_fall_back() -> None:
    # Night of 10-31/11-01: starts 22:00 EDT = 02:00Z, ends 07:00 EST = 12:00Z (10 hours).
    assert not in_quiet_hours(utc(2026, 11, 1, 1, 59), timezone=NEW_YORK, **NIGHT)
    assert in_quiet_hours(utc(2026, 11, 1, 2, 0), timezone=NEW_YORK, **NIGHT)
    assert quiet_hours_end(utc(2026, 11, 1, 2, 0), timezone=NEW_YORK, **NIGHT) == utc(
        2026, 11, 1, 12, 0
    )
    assert in_quiet_hours(utc(2026, 11, 1, 11, 59), timezone=NEW_YORK, **NIGHT)
    assert not in_quiet_hours(utc(2026, 11, 1, 12, 0), timezone=NEW_YORK, **NIGHT)


def test_quiet_hours_end_in_spring_forward_gap() -> None:
    # 23:00-02:30 Paris on 03-28/29: 02:30 does not exist, the gap ends at 03:00 CEST = 01:00Z.
    window = {"start": dt.time(23), "end": dt.time(2, 30)}
    at = utc(2026, 3, 28, 23, 30)  # 00:30 CET
    assert quiet_hours_end(at, timezone=PARIS, **window) == utc(2026, 3, 29, 1, 0)
    assert in_quiet_hours(utc(2026, 3, 29, 0, 59, 59), timezone=PARIS, **window)  # 01:59:59 CET
    assert not in_quiet_hours(utc(2026, 3, 29, 1, 0), timezone=PARIS, **window)  # 03:00 CEST


def test_quiet_hours_end_in_fall_back_overlap() -> None:
    # 23:00-01:30 New York on 10-31/11-01: 01:30 happens at 05:30Z (EDT) and 06:30Z (EST).
    window = {"start": dt.time(23), "end": dt.time(1, 30)}
    # From before it: the first occurrence.
    assert quiet_hours_end(utc(2026, 11, 1, 4, 0), timezone=NEW_YORK, **window) == utc(
        2026, 11, 1, 5, 30
    )
    # 05:45Z = 01:45 EDT: out of the window.
    assert not in_quiet_hours(utc(2026, 11, 1, 5, 45), timezone=NEW_YORK, **window)
    # 06:15Z = 01:15 EST: the wall clock is back in the window until 01:30 EST = 06:30Z.
    assert in_quiet_hours(utc(2026, 11, 1, 6, 15), timezone=NEW_YORK, **window)
    assert quiet_hours_end(utc(2026, 11, 1, 6, 15), timezone=NEW_YORK, **window) == utc(
        2026, 11, 1, 6, 30
    )


def test_quiet_hours_start_equals_end_means_none() -> None:
    window = {"start": dt.time(22), "end": dt.time(22)}
    for hour in range(24):
        at = utc(2026, 1, 10, hour)
        assert not in_quiet_hours(at, timezone=PARIS, **window)
        assert quiet_hours_end(at, timezone=PARIS, **window) is None


def test_quiet_hours_same_day_window() -> None:
    window = {"start": dt.time(13), "end": dt.time(15)}
    # 13:00-15:00 IST = 07:30Z-09:30Z.
    assert not in_quiet_hours(utc(2026, 5, 1, 7, 29), timezone=KOLKATA, **window)
    assert in_quiet_hours(utc(2026, 5, 1, 7, 30), timezone=KOLKATA, **window)
    assert quiet_hours_end(utc(2026, 5, 1, 8, 0), timezone=KOLKATA, **window) == utc(
        2026, 5, 1, 9, 30
    )
    assert not in_quiet_hours(utc(2026, 5, 1, 9, 30), timezone=KOLKATA, **window)


def test_quiet_hours_kolkata_and_chatham() -> None:
    # 22:00 IST = 16:30Z; ends 07:00 IST on 05-02 = 01:30Z.
    assert in_quiet_hours(utc(2026, 5, 1, 16, 30), timezone=KOLKATA, **NIGHT)
    assert not in_quiet_hours(utc(2026, 5, 1, 16, 29), timezone=KOLKATA, **NIGHT)
    assert quiet_hours_end(utc(2026, 5, 1, 16, 30), timezone=KOLKATA, **NIGHT) == utc(
        2026, 5, 2, 1, 30
    )
    # 2026-06-15 10:00Z = 22:45 +12:45; ends 07:00 on 06-16 = 06-15 18:15Z.
    assert in_quiet_hours(utc(2026, 6, 15, 10, 0), timezone=CHATHAM, **NIGHT)
    assert quiet_hours_end(utc(2026, 6, 15, 10, 0), timezone=CHATHAM, **NIGHT) == utc(
        2026, 6, 15, 18, 15
    )


@pytest.mark.parametrize("timezone", [PARIS, NEW_YORK, CHATHAM])
@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.time(22), dt.time(7)), (dt.time(23), dt.time(2, 30)), (dt.time(1), dt.time(3))],
)
def test_quiet_hours_end_is_where_the_window_turns_off(
    timezone: str, start: dt.time, end: dt.time
) -> None:
    # Every 10 minutes around both 2026 DST changes: the end is the first instant out.
    second = dt.timedelta(seconds=1)
    for base in (utc(2026, 3, 6), utc(2026, 3, 27), utc(2026, 9, 25), utc(2026, 10, 23)):
        for step in range(5 * 24 * 6):
            at = base + step * dt.timedelta(minutes=10)
            end_at = quiet_hours_end(at, start=start, end=end, timezone=timezone)
            quiet = in_quiet_hours(at, start=start, end=end, timezone=timezone)
            assert (end_at is not None) == quiet
            if end_at is not None:
                assert at < end_at <= at + dt.timedelta(hours=25)
                assert not in_quiet_hours(end_at, start=start, end=end, timezone=timezone)
                assert in_quiet_hours(end_at - second, start=start, end=end, timezone=timezone)


def test_quiet_hours_validation() -> None:
    with pytest.raises(ValueError, match="aware"):
        in_quiet_hours(dt.datetime(2026, 1, 1), timezone=PARIS, **NIGHT)
    with pytest.raises(ValueError, match="aware"):
        quiet_hours_end(dt.datetime(2026, 1, 1), timezone=PARIS, **NIGHT)
    with pytest.raises(ValueError, match="unknown time zone"):
        in_quiet_hours(utc(2026, 1, 1), timezone="", **NIGHT)


# --- digest_period ------------------------------------------------------------------------


def test_daily_period_is_previous_local_day() -> None:
    # 2026-03-29 01:00Z = 03:00 CEST on 03-29 (the 02:30 digest): covers 03-28.
    assert digest_period(utc(2026, 3, 29, 1), kind="daily", timezone=PARIS) == (
        dt.date(2026, 3, 28),
        dt.date(2026, 3, 28),
    )
    # 2026-03-28 23:30Z is already 00:30 CET on 03-29 locally: covers 03-28, not 03-27.
    assert digest_period(utc(2026, 3, 28, 23, 30), kind="daily", timezone=PARIS) == (
        dt.date(2026, 3, 28),
        dt.date(2026, 3, 28),
    )


def test_daily_period_at_new_york_fall_back() -> None:
    # 01:30 EDT on 11-01 = 05:30Z: covers 10-31.
    assert digest_period(utc(2026, 11, 1, 5, 30), kind="daily", timezone=NEW_YORK) == (
        dt.date(2026, 10, 31),
        dt.date(2026, 10, 31),
    )
    # 03:00Z on 11-01 is still 23:00 EDT on 10-31 locally: covers 10-30.
    assert digest_period(utc(2026, 11, 1, 3), kind="daily", timezone=NEW_YORK) == (
        dt.date(2026, 10, 30),
        dt.date(2026, 10, 30),
    )


def test_weekly_period_is_seven_days_ending_yesterday() -> None:
    # Monday 2026-03-30 07:00 CEST = 05:00Z: covers Monday 03-23 .. Sunday 03-29.
    assert digest_period(utc(2026, 3, 30, 5), kind="weekly", timezone=PARIS) == (
        dt.date(2026, 3, 23),
        dt.date(2026, 3, 29),
    )


def test_periods_in_kolkata_and_chatham() -> None:
    # 2026-05-01 20:00Z = 05-02 01:30 IST: covers 05-01.
    assert digest_period(utc(2026, 5, 1, 20), kind="daily", timezone=KOLKATA) == (
        dt.date(2026, 5, 1),
        dt.date(2026, 5, 1),
    )
    # 2026-06-14 18:15Z = 06-15 07:00 +12:45 (a Monday): the week 06-08 .. 06-14.
    assert digest_period(utc(2026, 6, 14, 18, 15), kind="weekly", timezone=CHATHAM) == (
        dt.date(2026, 6, 8),
        dt.date(2026, 6, 14),
    )


@pytest.mark.parametrize("timezone", [PARIS, NEW_YORK, KOLKATA, CHATHAM])
def test_successive_digests_have_consecutive_unique_periods(timezone: str) -> None:
    instant = utc(2026, 1, 1)
    daily = []
    for _ in range(400):
        instant = next_digest_at(instant, at=dt.time(2, 30), timezone=timezone)
        daily.append(digest_period(instant, kind="daily", timezone=timezone))
    assert len(set(daily)) == 400
    assert all(b[0] - a[1] == dt.timedelta(days=1) for a, b in pairwise(daily))

    instant = utc(2026, 1, 1)
    weekly = []
    for _ in range(60):
        instant = next_digest_at(instant, at=dt.time(1, 30), timezone=timezone, weekday=0)
        weekly.append(digest_period(instant, kind="weekly", timezone=timezone))
    assert all(last - first == dt.timedelta(days=6) for first, last in weekly)
    assert all(b[0] - a[1] == dt.timedelta(days=1) for a, b in pairwise(weekly))


def test_digest_period_validation() -> None:
    with pytest.raises(ValueError, match="kind"):
        digest_period(utc(2026, 1, 1), kind="monthly", timezone=PARIS)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="aware"):
        digest_period(dt.datetime(2026, 1, 1), kind="daily", timezone=PARIS)
