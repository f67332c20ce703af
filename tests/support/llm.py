"""The Groq stand-in (tests/llm/groq_server.py) for any test package.

``groq_stand_in()`` runs one on loopback for the ``async with`` block;
``groq_settings()`` points the real Groq provider at it, so a service that makes
its provider from its settings (``make_provider(settings)``) runs the real SDK.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace

from runcoach.config import Settings
from tests.llm.groq_server import API_KEY, GroqStandIn, Script

__all__ = ["API_KEY", "GroqStandIn", "Script", "groq_settings", "groq_stand_in"]


@contextlib.asynccontextmanager
async def groq_stand_in(script: Script | None = None) -> AsyncIterator[GroqStandIn]:
    """A running stand-in answering ``script`` (default: a short streamed answer)."""
    stand_in = GroqStandIn(script=script or Script())
    await stand_in.start()
    try:
        yield stand_in
    finally:
        await stand_in.close()


def groq_settings(
    stand_in: GroqStandIn,
    *,
    base: Settings | None = None,
    api_key: str = API_KEY,
    timeout_s: float = 5.0,
    max_retries: int = 0,
) -> Settings:
    """``base`` (default: the defaults) with the Groq provider pointed at ``stand_in``.

    No SDK retries by default, so one provider call is one request the stand-in records.
    """
    return replace(
        base or Settings(),
        llm_provider="groq",
        groq_api_key=api_key,
        groq_base_url=stand_in.base_url,
        llm_timeout_s=timeout_s,
        llm_max_retries=max_retries,
    )
