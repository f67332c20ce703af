"""The process's broker, set once before any actor is declared."""

from __future__ import annotations

import dramatiq

from runcoach.broker import create_broker
from runcoach.config import Settings

_broker: dramatiq.Broker | None = None


def ensure_broker(settings: Settings) -> dramatiq.Broker:
    """Create and install the Redis broker for ``settings`` (once per process)."""
    global _broker
    if _broker is None:
        _broker = create_broker(settings)
        dramatiq.set_broker(_broker)
    return _broker
