"""Local time: IANA zones, the local day of an instant, local midnights, "HH:MM".

Pure computation over instants and zone names; no I/O (the clock is read only where
``now`` is not given). Everything is stored in UTC; a user's profile holds an IANA
zone, and local days and times of day are read in it here, and only here.

Conventions
-----------
* Zones are IANA names. ``zone`` looks one up (cached) and raises ``UnknownTimeZone``
  (a ``ValueError``, and a ``KeyError`` like ``zoneinfo``'s own) for a name it does not
  know; ``valid_zone`` reads such a name as UTC instead; ``check_timezone`` is the
  stricter check that input goes through (the name must be in ``available_timezones``).
* Instants are time-zone-aware ``datetime``; local times of day are naive ``time``.
* A local time is turned into instants with ``occurrences`` (PEP 495 ``fold``), with
  these rules for the two daylight-saving accidents:

  - **Gap** (spring forward, e.g. Europe/Paris 2026-03-29, 02:00 -> 03:00): a local
    time that does not exist that day maps to the first valid instant after the gap,
    i.e. the transition itself (02:30 -> 03:00 CEST). Never skipped. This is what
    Vixie cron / cronie do ("if time has moved forward, those jobs that would have run
    in the interval that has been skipped will be run immediately", cron(8),
    "Daylight Saving Time and other time changes"). Note that RFC 5545 section 3.3.5
    would read it with the offset before the gap (02:30 -> 03:30); we prefer not to
    shift the digest an hour past the gap.
  - **Overlap** (fall back, e.g. America/New_York 2026-11-01, 02:00 -> 01:00): a local
    time that happens twice maps to its first occurrence (``fold=0``, the daylight-time
    one), as RFC 5545 section 3.3.5 does ("the DATE-TIME value refers to the first
    occurrence") and as cron(8) does ("care is taken to avoid running jobs twice").
    Never doubled.

  Both rules are the same statement: a local time ``w`` maps to the first instant
  whose local wall clock reads ``w`` or later (``to_utc``).
"""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

__all__ = [
    "UnknownTimeZone",
    "check_timezone",
    "day_start",
    "local_date",
    "local_today",
    "next_local_midnight",
    "occurrences",
    "parse_hhmm",
    "to_utc",
    "valid_zone",
    "wall_clock",
    "zone",
]

_ONE_MICROSECOND = dt.timedelta(microseconds=1)


class UnknownTimeZone(ZoneInfoNotFoundError, ValueError):
    """A name that is not an IANA time zone."""

    __str__ = ValueError.__str__  # the message, not KeyError's repr of it


@functools.lru_cache(maxsize=1024)
def zone(name: str) -> ZoneInfo:
    """The IANA zone called ``name``; ``UnknownTimeZone`` if there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownTimeZone(f"unknown time zone: {name!r}") from exc


def valid_zone(name: str) -> str:
    """``name`` if it is a known IANA zone, else UTC."""
    try:
        return zone(name).key
    except UnknownTimeZone:
        return "UTC"


@functools.cache
def _available() -> frozenset[str]:
    return frozenset(available_timezones())


def zone_names() -> list[str]:
    """Every name ``check_timezone`` accepts, sorted (the OpenAPI document's enum)."""
    names = []
    for name in sorted(_available()):
        try:
            zone(name)
        except UnknownTimeZone:
            continue
        names.append(name)
    return names


def check_timezone(value: str) -> str:
    """``value`` if it is an IANA zone name fit to store; ``ValueError`` otherwise."""
    if value not in _available():
        raise ValueError("not an IANA time zone (for example Europe/Paris)")
    try:
        zone(value)
    except UnknownTimeZone:
        raise ValueError("not an IANA time zone (for example Europe/Paris)") from None
    return value


def local_date(at: dt.datetime, timezone: str) -> dt.date:
    """The calendar day of ``at`` in the IANA time zone ``timezone``."""
    return at.astimezone(zone(timezone)).date()


def local_today(timezone: str, *, now: dt.datetime | None = None) -> dt.date:
    """Today (the day of ``now``, by default the clock's) in the IANA time zone ``timezone``."""
    if now is None:
        return dt.datetime.now(zone(timezone)).date()
    return local_date(now, timezone)


def day_start(day: dt.date, timezone: str) -> dt.datetime:
    """Local midnight starting ``day`` in ``timezone`` (an aware datetime in that zone)."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone(timezone))


def next_local_midnight(timezone: str, *, now: dt.datetime | None = None) -> dt.datetime:
    """The local midnight that ends today in ``timezone`` (an aware datetime in that zone)."""
    return day_start(local_today(timezone, now=now) + dt.timedelta(days=1), timezone)


def parse_hhmm(text: str) -> dt.time:
    """The time of day written ``"HH:MM"`` (as stored in the preferences)."""
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def wall_clock(instant: dt.datetime, timezone: str) -> dt.datetime:
    """The local wall clock (naive, ``fold=0``) at ``instant`` in ``timezone``."""
    return instant.astimezone(zone(timezone)).replace(tzinfo=None, fold=0)


def _gap_end(local: dt.datetime, timezone: str) -> dt.datetime:
    """The first UTC instant whose wall clock reads ``local`` or later (``local`` is in a gap).

    Inside a gap the two folds give the offsets before and after it: one instant whose
    wall clock is before ``local`` and one after. The transition lies between them; it is
    found by bisection to the microsecond (tzdata transitions are on whole seconds, so
    the result is exact).
    """
    tz = zone(timezone)
    a = local.replace(fold=0, tzinfo=tz).astimezone(dt.UTC)
    b = local.replace(fold=1, tzinfo=tz).astimezone(dt.UTC)
    lo, hi = min(a, b), max(a, b)  # wall_clock(lo) < local <= wall_clock(hi)
    while hi - lo > _ONE_MICROSECOND:
        mid = lo + (hi - lo) // 2
        if wall_clock(mid, timezone) >= local:
            hi = mid
        else:
            lo = mid
    return hi


def occurrences(day: dt.date, at: dt.time, timezone: str) -> tuple[dt.datetime, ...]:
    """The UTC instants when the wall clock of ``timezone`` shows ``at`` on ``day``, in order.

    One instant normally; two in a fall-back overlap (``fold=0`` first); in a
    spring-forward gap, the one instant the gap ends (first valid instant after it).
    """
    local = dt.datetime.combine(day, at)
    first = local.replace(fold=0, tzinfo=zone(timezone)).astimezone(dt.UTC)
    if wall_clock(first, timezone) != local:
        return (_gap_end(local, timezone),)
    second = local.replace(fold=1, tzinfo=zone(timezone)).astimezone(dt.UTC)
    if second != first:
        return (first, second)
    return (first,)


def to_utc(day: dt.date, at: dt.time, timezone: str) -> dt.datetime:
    """The UTC instant the local time ``at`` on ``day`` stands for (DST-safe, see above)."""
    return occurrences(day, at, timezone)[0]
