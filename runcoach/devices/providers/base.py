"""The interface every device provider (Garmin Connect, the simulated one) implements.

A provider turns a user's account on a device platform into ``ActivityData``
and ``DailyMetrics``. All methods are async; implementations that wrap a
blocking client run it in a worker thread. Providers hold no per-user state:
everything needed to call the platform again lives in a ``ProviderSession``,
which the caller stores encrypted (see ``runcoach.devices.crypto``) and passes
back on the next call, replacing it with the session each call returns (tokens
may have been refreshed).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from runcoach.workouts.activity import ActivityData


class ProviderError(Exception):
    """Base class of the errors a device provider raises."""

    # Set when the provider had refreshed the session's tokens before failing:
    # the caller should store it in place of the one it passed (old tokens may
    # no longer be accepted). ``None`` otherwise.
    session: ProviderSession | None = None


class ProviderAuthError(ProviderError):
    """The credentials or stored session were rejected: the user must reconnect."""


class ProviderUnavailable(ProviderError):
    """The provider could not be reached or failed; retrying later may succeed."""


@dataclass(frozen=True, slots=True)
class DailyMetrics:
    """Wellness numbers for one calendar day (the user's local day); ``None`` = unknown."""

    date: datetime.date
    resting_hr: int | None = None
    hrv_ms: float | None = None  # overnight average HRV (RMSSD), milliseconds
    sleep_hours: float | None = None  # sleep of the night ending on ``date``
    sleep_score: int | None = None  # 0..100
    weight_kg: float | None = None
    stress: int | None = None  # average stress level, 0..100


@dataclass(frozen=True, slots=True)
class ProviderSession:
    """What must be stored (encrypted) to call the provider again.

    Tokens, never the password when tokens suffice. ``credentials`` must stay
    JSON-serialisable: it is stored with ``encrypt_credentials``.
    """

    credentials: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:  # never print tokens
        return f"ProviderSession(keys={sorted(self.credentials)})"


@runtime_checkable
class DeviceProvider(Protocol):
    """A device platform the coach can read activities and daily metrics from."""

    name: str

    async def connect(self, *, username: str, password: str) -> tuple[ProviderSession, dict]:
        """Log in; return the session to store and account info.

        Account info: ``{"display_name": str | None, "device_name": str | None}``.
        Raises ProviderAuthError for bad credentials, ProviderUnavailable when
        the service cannot be reached or errors.
        """
        ...

    async def fetch_activities(
        self, session: ProviderSession, *, since: datetime.datetime
    ) -> tuple[list[ActivityData], ProviderSession]:
        """Activities started at or after ``since``, oldest first.

        Each has ``external_id`` set and ``source`` naming the platform. Also
        returns the (possibly refreshed) session, which replaces the stored one.
        """
        ...

    async def fetch_daily_metrics(
        self, session: ProviderSession, *, start: datetime.date, end: datetime.date
    ) -> tuple[list[DailyMetrics], ProviderSession]:
        """One ``DailyMetrics`` per day from ``start`` to ``end`` inclusive, ascending."""
        ...
