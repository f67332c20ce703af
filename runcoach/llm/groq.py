"""The Groq provider: chat completions through the official ``groq`` SDK.

The SDK retries 408/409/429/5xx, timeouts and connection errors itself
(``max_retries``, exponential backoff from 0.5 s, honouring ``retry-after-ms``
and ``retry-after`` up to 60 s); this module maps what is left to the
``LLMError`` family. Message contents and the key are never logged.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator
from typing import Any, cast

import groq
import httpx
from groq import AsyncGroq
from groq.types.chat import ChatCompletionMessageParam

from runcoach.llm.base import (
    Completion,
    LLMAuthError,
    LLMBadRequest,
    LLMError,
    LLMRateLimited,
    LLMRequest,
    LLMStream,
    LLMUnavailable,
    Usage,
    estimate_tokens,
)
from runcoach.llm.snapshot import system_prompt
from runcoach.logs import event

log = logging.getLogger(__name__)

PROVIDER = "groq"


def map_error(exc: Exception) -> LLMError:
    """The ``LLMError`` for an exception raised by the SDK before a response began."""
    if isinstance(exc, groq.AuthenticationError | groq.PermissionDeniedError):
        return LLMAuthError("the Groq API key was refused")
    if isinstance(exc, groq.RateLimitError):
        return LLMRateLimited("Groq is rate limiting requests")
    if isinstance(exc, groq.APITimeoutError):
        return LLMUnavailable("Groq did not answer in time")
    if isinstance(exc, groq.APIConnectionError):
        return LLMUnavailable("Groq could not be reached")
    if isinstance(exc, groq.APIStatusError):
        if exc.status_code >= 500:
            return LLMUnavailable(f"Groq failed with status {exc.status_code}")
        return LLMBadRequest(f"Groq rejected the request with status {exc.status_code}")
    return LLMUnavailable("Groq failed")


def _log_error(err: LLMError, exc: BaseException, *, stage: str) -> None:
    status = getattr(exc, "status_code", None)
    event(
        log,
        "coach.llm_error",
        level=logging.WARNING,
        provider=PROVIDER,
        code=err.code,
        stage=stage,
        status=status,
        error=type(exc).__name__,
    )


def _usage(raw: Any) -> Usage | None:
    if raw is None:
        return None
    return Usage(
        prompt_tokens=int(raw.prompt_tokens or 0),
        completion_tokens=int(raw.completion_tokens or 0),
        total_tokens=int(raw.total_tokens or 0),
    )


def wire_messages(request: LLMRequest) -> list[ChatCompletionMessageParam]:
    """The messages as sent: the snapshot's system prompt first unless one is given."""
    messages = [{"role": m.role, "content": m.content} for m in request.messages]
    if not any(m.role == "system" for m in request.messages):
        prompt = system_prompt(request.snapshot, request.purpose)
        messages.insert(0, {"role": "system", "content": prompt})
    return cast("list[ChatCompletionMessageParam]", messages)


class GroqStream(LLMStream):
    """A streamed Groq chat completion."""

    def __init__(self, provider: GroqProvider, request: LLMRequest) -> None:
        self._messages = wire_messages(request)
        prompt_estimate = estimate_tokens(
            "".join(str(m.get("content") or "") for m in self._messages)
        )
        super().__init__(model=provider.model, prompt_tokens=prompt_estimate)
        self._provider = provider
        self._request = request

    async def _deltas(self) -> AsyncGenerator[str, None]:
        client = self._provider.client
        request = self._request
        try:
            sdk_stream = await client.chat.completions.create(
                model=self.model,
                messages=self._messages,
                stream=True,
                max_completion_tokens=request.max_tokens
                if request.max_tokens is not None
                else groq.omit,
                temperature=request.temperature if request.temperature is not None else groq.omit,
                extra_body={"stream_options": {"include_usage": True}},
            )
        except groq.APIError as exc:
            err = map_error(exc)
            _log_error(err, exc, stage="request")
            raise err from exc
        finished = False
        try:
            async for chunk in sdk_stream:
                usage = _usage(chunk.usage) or _usage(chunk.x_groq.usage if chunk.x_groq else None)
                if usage is not None:
                    self.usage = usage
                for choice in chunk.choices:
                    if choice.finish_reason:
                        finished = True
                    if choice.delta.content:
                        yield choice.delta.content
        except (groq.APIError, httpx.HTTPError) as exc:
            # An SSE error event, a dropped connection or a read timeout mid-stream.
            err = LLMUnavailable("the Groq stream broke off")
            _log_error(err, exc, stage="stream")
            raise err from exc
        finally:
            await sdk_stream.close()
        if not finished:
            err = LLMUnavailable("the Groq stream ended before the answer was complete")
            event(
                log,
                "coach.llm_error",
                level=logging.WARNING,
                provider=PROVIDER,
                code=err.code,
                stage="stream",
                error="incomplete",
            )
            raise err


class GroqProvider:
    """Chat completions from Groq (``GROQ_API_KEY``, ``GROQ_MODEL``)."""

    name = PROVIDER

    def __init__(
        self,
        *,
        api_key: str,
        model: str,
        base_url: str | None = None,
        timeout_s: float = 30.0,
        max_retries: int = 2,
    ) -> None:
        if not api_key:
            raise LLMAuthError("no Groq API key is configured")
        self.model = model
        self.client = AsyncGroq(
            api_key=api_key, base_url=base_url, timeout=timeout_s, max_retries=max_retries
        )

    async def complete(self, request: LLMRequest) -> Completion:
        """The whole answer (one non-streaming request)."""
        try:
            response = await self.client.chat.completions.create(
                model=self.model,
                messages=wire_messages(request),
                stream=False,
                max_completion_tokens=request.max_tokens
                if request.max_tokens is not None
                else groq.omit,
                temperature=request.temperature if request.temperature is not None else groq.omit,
            )
        except groq.APIError as exc:
            err = map_error(exc)
            _log_error(err, exc, stage="request")
            raise err from exc
        text = (response.choices[0].message.content or "") if response.choices else ""
        usage = _usage(response.usage) or Usage()
        return Completion(text=text, usage=usage, model=response.model or self.model)

    def stream(self, request: LLMRequest) -> GroqStream:
        """The answer as a stream; the request is sent on first iteration."""
        return GroqStream(self, request)

    async def aclose(self) -> None:
        """Close the SDK's HTTP connection pool."""
        await self.client.close()
