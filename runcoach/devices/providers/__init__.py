"""Device providers: the interface and a registry of implementations by name."""

from __future__ import annotations

from collections.abc import Callable

from runcoach.devices.providers.base import (
    DailyMetrics,
    DeviceProvider,
    ProviderAuthError,
    ProviderError,
    ProviderSession,
    ProviderUnavailable,
)

__all__ = [
    "PROVIDER_NAMES",
    "DailyMetrics",
    "DeviceProvider",
    "ProviderAuthError",
    "ProviderError",
    "ProviderSession",
    "ProviderUnavailable",
    "get_provider",
]


def _garmin() -> DeviceProvider:
    # Imported on demand: garminconnect pulls in curl_cffi and friends.
    from runcoach.devices.providers.garmin import GarminConnectProvider

    return GarminConnectProvider()


def _simulated() -> DeviceProvider:
    from runcoach.devices.providers.simulated import SimulatedProvider

    return SimulatedProvider()


_FACTORIES: dict[str, Callable[[], DeviceProvider]] = {
    "garmin": _garmin,
    "simulated": _simulated,
}

PROVIDER_NAMES = tuple(_FACTORIES)


def get_provider(name: str) -> DeviceProvider:
    """A new provider for ``name`` ("garmin" or "simulated"); ValueError if unknown."""
    try:
        factory = _FACTORIES[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown device provider {name!r}; known: {', '.join(PROVIDER_NAMES)}"
        ) from None
    return factory()
