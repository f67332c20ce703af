"""The app's limiter with other values for a block: ``async with limited(settings, ...)``.

The suite runs with generous limits (tests/conftest.py); a test of a limit sets its own
through the settings the limiter reads, as a deployment would, and can point it at a
Redis that is down (``redis_down=True``: a closed port).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

from runcoach import limits
from runcoach.config import Rate, Settings
from tests.support.servers import free_port

__all__ = ["Rate", "limited"]


@contextlib.asynccontextmanager
async def limited(
    settings: Settings, *, redis_down: bool = False, **values: Any
) -> AsyncIterator[limits.Limiter]:
    """The process's limiter built from ``settings`` with ``values`` (field name -> Rate
    or int) for the block, then the app's again."""
    changed = replace(settings, **values)
    if redis_down:
        changed = replace(changed, redis_url=f"redis://127.0.0.1:{free_port()}/0")
    working = limits.limiter()
    limiter = limits.configure(changed)
    try:
        yield limiter
    finally:
        limits._limiter = working
        await limiter.aclose()
