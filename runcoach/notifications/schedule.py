"""Notification timing: quiet hours, digest send times and the period a digest covers.

Pure computation over instants and IANA time zones; no I/O.

Conventions
-----------
* Instants come in as time-zone-aware ``datetime`` (any zone; a naive one is
  rejected with ``ValueError`` so that no zone is guessed) and go out in UTC.
  Local times of day are naive ``datetime.time``; zones are IANA names read with
  ``localtime.zone`` (an unknown name is a ``ValueError``).
* Local times are turned into instants with ``localtime.occurrences`` /
  ``localtime.to_utc``, which never skip a local time in a spring-forward gap (it
  maps to the end of the gap) nor double one in a fall-back overlap (its first
  occurrence); the rules and their sources are in ``runcoach.localtime``.
* Quiet hours are a window ``[start, end)`` of the local wall clock, which may
  cross midnight (22:00-07:00); ``start == end`` means no quiet hours. During a
  fall-back overlap the wall clock repeats, so the window does too.
* A digest's period is the local calendar period before the local day it is sent
  on: the previous day (``daily``) or the 7 days ending yesterday (``weekly``);
  ``(first, last)`` inclusive, the digest log's unique key.
"""

from __future__ import annotations

import datetime as dt

from runcoach import localtime
from runcoach.notifications.models import DigestKind

__all__ = [
    "digest_period",
    "in_quiet_hours",
    "next_digest_at",
    "quiet_hours_end",
]

_ONE_DAY = dt.timedelta(days=1)
_WEEKLY_DAYS = 7


def _check_instant(value: object, name: str) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise TypeError(f"{name} must be a datetime, got {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be time-zone aware, got naive {value!r}")
    return value


def _check_time(value: object, name: str) -> dt.time:
    if not isinstance(value, dt.time):
        raise TypeError(f"{name} must be a datetime.time, got {value!r}")
    if value.tzinfo is not None:
        raise ValueError(f"{name} must be a naive local time of day, got {value!r}")
    return value


def in_quiet_hours(at_utc: dt.datetime, *, start: dt.time, end: dt.time, timezone: str) -> bool:
    """Whether the local wall clock at ``at_utc`` is in the window ``[start, end)``.

    The window may cross midnight (``start > end``, e.g. 22:00-07:00);
    ``start == end`` means no quiet hours (always ``False``).
    """
    _check_instant(at_utc, "at_utc")
    start = _check_time(start, "start")
    end = _check_time(end, "end")
    localtime.zone(timezone)  # an unknown zone is an error even without quiet hours
    if start == end:
        return False
    clock = localtime.wall_clock(at_utc, timezone).time()
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end


def quiet_hours_end(
    at_utc: dt.datetime, *, start: dt.time, end: dt.time, timezone: str
) -> dt.datetime | None:
    """The UTC instant the quiet hours around ``at_utc`` end, ``None`` outside quiet hours.

    That is the first instant after ``at_utc`` when the local wall clock reads ``end``:
    if ``end`` does not exist that day (spring-forward gap), the first valid instant
    after the gap; if it happens twice (fall-back overlap), its first occurrence
    (``fold=0``), unless ``at_utc`` is already past it and back in the window during
    the repeated hour, in which case the second occurrence ends the window. The
    result is always the first instant at which ``in_quiet_hours`` turns ``False``.
    """
    if not in_quiet_hours(at_utc, start=start, end=end, timezone=timezone):
        return None
    today = localtime.wall_clock(at_utc, timezone).date()
    for offset in range(-1, 3):
        for instant in localtime.occurrences(today + offset * _ONE_DAY, end, timezone):
            if instant > at_utc:
                return instant
    raise AssertionError("unreachable: the wall clock reads `end` within two days")


def next_digest_at(
    after_utc: dt.datetime, *, at: dt.time, timezone: str, weekday: int | None = None
) -> dt.datetime:
    """The next UTC instant strictly after ``after_utc`` when the local clock shows ``at``.

    ``weekday`` (0 = Monday .. 6 = Sunday, as ``date.weekday()``) restricts it to that
    day of the week for weekly digests. A local time in a spring-forward gap fires at
    the first valid instant after the gap (never skipped); in a fall-back overlap it
    fires once, at the first occurrence (never doubled). Monotonic: feeding the result
    back in gives the next day's (or week's) instant, never the same one.
    """
    _check_instant(after_utc, "after_utc")
    at = _check_time(at, "at")
    if weekday is not None and (
        isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6
    ):
        raise ValueError(f"weekday must be an int from 0 (Monday) to 6 (Sunday), got {weekday!r}")
    today = localtime.wall_clock(after_utc, timezone).date()
    # Yesterday is a candidate too: a gap can push a day's instant past its midnight.
    for offset in range(-1, _WEEKLY_DAYS + 2):
        day = today + offset * _ONE_DAY
        if weekday is not None and day.weekday() != weekday:
            continue
        instant = localtime.to_utc(day, at, timezone)
        if instant > after_utc:
            return instant
    raise AssertionError("unreachable: every weekday occurs within nine days")


def digest_period(
    sent_at_utc: dt.datetime, *, kind: DigestKind, timezone: str
) -> tuple[dt.date, dt.date]:
    """The local calendar days ``(first, last)`` (inclusive) a digest sent then covers.

    ``daily``: the local day before the one it is sent on; ``weekly``: the 7 local
    days ending with that day. Successive digests of one kind get consecutive,
    non-overlapping periods, so the pair is the digest log's unique key.
    """
    _check_instant(sent_at_utc, "sent_at_utc")
    yesterday = localtime.wall_clock(sent_at_utc, timezone).date() - _ONE_DAY
    if kind == DigestKind.DAILY:
        return (yesterday, yesterday)
    if kind == DigestKind.WEEKLY:
        return (yesterday - (_WEEKLY_DAYS - 1) * _ONE_DAY, yesterday)
    raise ValueError(f"kind must be 'daily' or 'weekly', got {kind!r}")
