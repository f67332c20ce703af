"""A deterministic stand-in for a device platform, for tests and dev set-ups.

- ``connect`` accepts any username with the password ``"garmin-demo"``; the
  session is ``{"token": "sim-<username>"}``.
- ``fetch_activities``: one run a day on each of the 7 days before today (UTC),
  numbers drawn from a seed of the username and the day, so the same user gets
  the same runs; ``external_id`` is ``"sim-<username>-<YYYYMMDD>"``.
- ``fetch_daily_metrics``: one ``DailyMetrics`` a day, deterministic too.
- A username starting with ``"down"`` makes every call raise ProviderUnavailable.

Activities carry ``source="garmin"``: the simulation stands in for Garmin.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Callable

from runcoach.devices.providers.base import (
    DailyMetrics,
    ProviderAuthError,
    ProviderSession,
    ProviderUnavailable,
)
from runcoach.workouts.activity import ActivityData, Split
from runcoach.workouts.sports import Sport

DEMO_PASSWORD = "garmin-demo"  # noqa: S105 - a documented demo password, not a secret
DAYS_OF_RUNS = 7
_TOKEN_PREFIX = "sim-"  # noqa: S105 - a prefix, not a secret


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _rng(username: str, salt: str, day: dt.date) -> random.Random:
    digest = hashlib.sha256(f"{username}|{salt}|{day.isoformat()}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _check_up(username: str) -> None:
    if username.startswith("down"):
        raise ProviderUnavailable("simulated provider is down for this user")


def simulated_run(username: str, day: dt.date) -> ActivityData:
    """The run ``username`` did on ``day`` in the simulation."""
    rng = _rng(username, "run", day)
    started_at = dt.datetime.combine(day, dt.time(6, 0), tzinfo=dt.UTC) + dt.timedelta(
        minutes=rng.randrange(0, 12 * 60)
    )
    km = rng.randint(5, 12)
    last_km = round(rng.uniform(0.2, 0.9), 2)  # a partial last split
    distance_m = km * 1000.0 + last_km * 1000.0
    base_pace = rng.uniform(290.0, 370.0)  # s/km
    base_hr = rng.uniform(138.0, 158.0)

    splits: list[Split] = []
    elapsed = 0.0
    for index in range(1, km + 2):
        split_distance = 1000.0 if index <= km else last_km * 1000.0
        pace = base_pace + rng.uniform(-12.0, 12.0) + index * 0.8  # slight fade
        split_duration = round(pace * split_distance / 1000.0, 1)
        splits.append(
            Split(
                index=index,
                distance_m=split_distance,
                duration_s=split_duration,
                pace_s_per_km=round(pace, 1),
                avg_hr=round(base_hr + index * 0.9 + rng.uniform(-2.0, 2.0), 1),
                elevation_gain_m=round(rng.uniform(0.0, 15.0), 1),
            )
        )
        elapsed += split_duration

    duration_s = round(elapsed, 1)
    hr_samples = [
        (offset, round(base_hr - 25 + min(offset / 300.0, 1.0) * 25 + offset / 240.0))
        for offset in range(0, int(duration_s) + 1, 30)
    ]
    avg_hr = round(sum(s.avg_hr or 0.0 for s in splits) / len(splits), 1)
    return ActivityData(
        sport=Sport.RUN,
        started_at=started_at,
        duration_s=duration_s,
        moving_time_s=duration_s,
        distance_m=distance_m,
        elevation_gain_m=round(sum(s.elevation_gain_m or 0.0 for s in splits), 1),
        avg_hr=avg_hr,
        max_hr=float(max(bpm for _, bpm in hr_samples)),
        avg_pace_s_per_km=round(duration_s / (distance_m / 1000.0), 1),
        calories=round(distance_m / 1000.0 * rng.uniform(60.0, 75.0)),
        title=f"Simulated run {day.isoformat()}",
        source="garmin",
        external_id=f"{_TOKEN_PREFIX}{username}-{day.strftime('%Y%m%d')}",
        splits=splits,
        hr_samples=hr_samples,
    )


def simulated_day(username: str, day: dt.date) -> DailyMetrics:
    """The wellness numbers of ``username`` on ``day`` in the simulation."""
    base = _rng(username, "base", dt.date(2000, 1, 1))  # per-user baseline
    rng = _rng(username, "day", day)
    return DailyMetrics(
        date=day,
        resting_hr=base.randint(44, 60) + rng.randint(-3, 3),
        hrv_ms=round(base.uniform(40.0, 75.0) + rng.uniform(-8.0, 8.0), 1),
        sleep_hours=round(rng.uniform(5.5, 9.0), 2),
        sleep_score=rng.randint(55, 95),
        weight_kg=round(base.uniform(58.0, 85.0) + rng.uniform(-0.5, 0.5), 1),
        stress=rng.randint(15, 45),
    )


class SimulatedProvider:
    """``DeviceProvider`` with no network: deterministic data seeded by the username."""

    name = "simulated"

    def __init__(self, *, now: Callable[[], dt.datetime] = _utcnow) -> None:
        self._now = now

    def _username(self, session: ProviderSession) -> str:
        token = session.credentials.get("token") if isinstance(session, ProviderSession) else None
        if not isinstance(token, str) or not token.startswith(_TOKEN_PREFIX):
            raise ProviderAuthError("simulated session is invalid")
        username = token.removeprefix(_TOKEN_PREFIX)
        if not username:
            raise ProviderAuthError("simulated session is invalid")
        _check_up(username)
        return username

    async def connect(self, *, username: str, password: str) -> tuple[ProviderSession, dict]:
        username = (username or "").strip()
        _check_up(username)
        if not username or password != DEMO_PASSWORD:
            raise ProviderAuthError("invalid username or password")
        session = ProviderSession(credentials={"token": f"{_TOKEN_PREFIX}{username}"})
        return session, {"display_name": username, "device_name": "Simulated Forerunner"}

    async def fetch_activities(
        self, session: ProviderSession, *, since: dt.datetime
    ) -> tuple[list[ActivityData], ProviderSession]:
        username = self._username(session)
        since_utc = (since if since.tzinfo else since.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
        today = self._now().astimezone(dt.UTC).date()
        runs = [
            simulated_run(username, today - dt.timedelta(days=back))
            for back in range(DAYS_OF_RUNS, 0, -1)
        ]
        return [run for run in runs if run.started_at >= since_utc], session

    async def fetch_daily_metrics(
        self, session: ProviderSession, *, start: dt.date, end: dt.date
    ) -> tuple[list[DailyMetrics], ProviderSession]:
        username = self._username(session)
        if end < start:
            raise ValueError("end is before start")
        days = (end - start).days + 1
        return [
            simulated_day(username, start + dt.timedelta(days=offset)) for offset in range(days)
        ], session
