"""The Groq stand-in (tests/llm/groq_server.py) for any test package.

``groq_stand_in()`` runs one on loopback for the ``async with`` block;
``groq_settings()`` points the real Groq provider at it, so a service that makes
its provider from its settings (``make_provider(settings)``) runs the real SDK;
the ``groq_app`` fixture makes the running app's coach answer through it.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest_asyncio

from runcoach.config import Settings
from runcoach.llm import make_provider
from tests.llm.groq_server import API_KEY, GroqStandIn, Script

__all__ = [
    "API_KEY",
    "NOT_A_COMPLETION",
    "NOT_A_COMPLETION_STREAM",
    "GroqStandIn",
    "Script",
    "groq_app",
    "groq_settings",
    "groq_stand_in",
]

GATEWAY_PAGE = "<html><body><h1>502 Bad Gateway</h1></body></html>"
NOT_A_COMPLETION: dict[str, Script] = {
    "gateway-page": Script(raw_body=GATEWAY_PAGE, raw_content_type="text/html"),
    "html-labelled-json": Script(raw_body=GATEWAY_PAGE),
    "other-json": Script(raw_body='{"detail": "upstream busy"}'),
}
"""200 answers that are not a chat completion (a gateway in the way, a provider bug), by id."""
NOT_A_COMPLETION_STREAM: dict[str, Script] = {
    **NOT_A_COMPLETION,
    "html-event": Script(deltas=("One ", "two."), bad_event=GATEWAY_PAGE),
    "bad-chunk": Script(deltas=("One ", "two."), bad_event='{"choices": "none"}'),
    "no-final-chunk": Script(deltas=("One ", "two."), unfinished=True),
}
"""The same for a streamed answer, and streams that end badly after their deltas."""


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


@pytest_asyncio.fixture(loop_scope="session")
async def groq_app(sanic_app: Any) -> AsyncIterator[GroqStandIn]:
    """The running app's coach answering through the Groq SDK, against a stand-in."""
    async with groq_stand_in() as stand_in:
        provider = make_provider(groq_settings(stand_in))
        offline, sanic_app.ctx.llm = sanic_app.ctx.llm, provider
        try:
            yield stand_in
        finally:
            sanic_app.ctx.llm = offline
            await provider.aclose()
