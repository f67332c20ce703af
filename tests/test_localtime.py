"""runcoach.localtime: plain values, DST changes, unknown zones."""

from __future__ import annotations

import datetime as dt

import pytest

from runcoach import localtime

UTC = dt.UTC


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def test_zone_looks_up_and_caches() -> None:
    assert localtime.zone("Europe/Paris").key == "Europe/Paris"
    assert localtime.zone("Europe/Paris") is localtime.zone("Europe/Paris")


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "", "../etc/passwd", "Europe/"])
def test_an_unknown_zone_is_a_value_error_and_a_key_error(name: str) -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        localtime.zone(name)
    with pytest.raises(KeyError):  # as zoneinfo's own ZoneInfoNotFoundError
        localtime.zone(name)


def test_valid_zone_reads_an_unknown_zone_as_utc() -> None:
    assert localtime.valid_zone("America/New_York") == "America/New_York"
    assert localtime.valid_zone("Mars/Olympus_Mons") == "UTC"


def test_check_timezone_accepts_iana_names_only() -> None:
    assert localtime.check_timezone("Asia/Tokyo") == "Asia/Tokyo"
    for bad in ("Mars/Olympus_Mons", "europe/paris", ""):
        with pytest.raises(ValueError, match="not an IANA time zone"):
            localtime.check_timezone(bad)


def test_local_date_is_the_day_on_the_local_calendar() -> None:
    instant = at(2026, 6, 1, 23, 30)
    assert localtime.local_date(instant, "UTC") == dt.date(2026, 6, 1)
    assert localtime.local_date(instant, "Europe/Paris") == dt.date(2026, 6, 2)  # 01:30 CEST
    assert localtime.local_date(instant, "America/Los_Angeles") == dt.date(2026, 6, 1)


def test_local_today_of_a_given_instant_and_of_the_clock() -> None:
    assert localtime.local_today("Pacific/Auckland", now=at(2026, 1, 1, 12)) == dt.date(2026, 1, 2)
    clock = localtime.local_today("Asia/Kolkata")
    expected = dt.datetime.now(localtime.zone("Asia/Kolkata")).date()
    assert clock in {expected, expected - dt.timedelta(days=1)}  # midnight may pass between


def test_day_start_is_local_midnight() -> None:
    start = localtime.day_start(dt.date(2026, 7, 14), "Europe/Paris")
    assert start.astimezone(UTC) == at(2026, 7, 13, 22)
    assert localtime.day_start(dt.date(2026, 7, 14), "UTC") == at(2026, 7, 14)


def test_next_local_midnight_across_a_dst_change() -> None:
    # 2026-03-29 in Paris is 23 hours long: midnight ending it is 22:00 UTC (CEST).
    midnight = localtime.next_local_midnight("Europe/Paris", now=at(2026, 3, 29, 12))
    assert midnight.astimezone(UTC) == at(2026, 3, 29, 22)
    before = localtime.next_local_midnight("Europe/Paris", now=at(2026, 3, 28, 12))
    assert before.astimezone(UTC) == at(2026, 3, 28, 23)
    assert midnight.astimezone(UTC) - before.astimezone(UTC) == dt.timedelta(hours=23)


def test_parse_hhmm() -> None:
    assert localtime.parse_hhmm("07:00") == dt.time(7, 0)
    assert localtime.parse_hhmm("23:59") == dt.time(23, 59)
    with pytest.raises(ValueError):
        localtime.parse_hhmm("7")


def test_wall_clock_is_naive_local_time() -> None:
    assert localtime.wall_clock(at(2026, 1, 15, 12), "America/New_York") == dt.datetime(
        2026, 1, 15, 7
    )


def test_to_utc_in_a_spring_forward_gap_is_the_end_of_the_gap() -> None:
    # Europe/Paris 2026-03-29: 02:00 CET -> 03:00 CEST at 01:00 UTC; 02:30 never happens.
    assert localtime.occurrences(dt.date(2026, 3, 29), dt.time(2, 30), "Europe/Paris") == (
        at(2026, 3, 29, 1),
    )
    assert localtime.to_utc(dt.date(2026, 3, 29), dt.time(2, 30), "Europe/Paris") == at(
        2026, 3, 29, 1
    )


def test_to_utc_in_a_fall_back_overlap_is_the_first_occurrence() -> None:
    # America/New_York 2026-11-01: 01:30 happens at 05:30 UTC (EDT) and 06:30 UTC (EST).
    day, clock = dt.date(2026, 11, 1), dt.time(1, 30)
    assert localtime.occurrences(day, clock, "America/New_York") == (
        at(2026, 11, 1, 5, 30),
        at(2026, 11, 1, 6, 30),
    )
    assert localtime.to_utc(day, clock, "America/New_York") == at(2026, 11, 1, 5, 30)


def test_to_utc_on_an_ordinary_day() -> None:
    assert localtime.to_utc(dt.date(2026, 6, 1), dt.time(7), "Europe/Paris") == at(2026, 6, 1, 5)
    assert localtime.to_utc(dt.date(2026, 6, 1), dt.time(7), "UTC") == at(2026, 6, 1, 7)


def test_to_utc_in_an_unknown_zone_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        localtime.to_utc(dt.date(2026, 6, 1), dt.time(7), "Nowhere/Land")
