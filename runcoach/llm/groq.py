"""The Groq provider: chat completions through the official ``groq`` SDK.

The SDK retries 408/409/429/5xx, timeouts and connection errors itself
(``max_retries``, exponential backoff from 0.5 s, honouring ``retry-after-ms``
and ``retry-after`` up to 60 s); this module maps what is left to the
``LLMError`` family. An answer that is not what it claims (a gateway's HTML
page with status 200, JSON that is not a chat completion, a stream whose events
are not completion chunks or that ends without its final chunk) is
``LLMUnavailable``, as for an outage. Message contents and the key are never
logged.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator
from typing import Any, cast

import groq
import httpx
from groq import AsyncGroq
from groq.types.chat import ChatCompletion, ChatCompletionMessageParam

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


# What the SDK raises, or what reading its answer raises, when a 200 is not a completion:
# a body that is not JSON (ValueError), or JSON of another shape read as one.
MALFORMED = (ValueError, TypeError, AttributeError, KeyError, IndexError)


def _malformed(exc: BaseException, *, stage: str) -> LLMUnavailable:
    err = LLMUnavailable("Groq answered something that is not a chat completion")
    _log_error(err, exc, stage=stage)
    return err


def _completion(response: object, model: str) -> Completion:
    """The completion in ``response``; raises a ``MALFORMED`` error when it holds none."""
    if not isinstance(response, ChatCompletion):  # the SDK hands back a non-JSON body as text
        raise TypeError(f"a {type(response).__name__} instead of a chat completion")
    choices = response.choices
    if not isinstance(choices, list) or not choices:
        raise ValueError("a chat completion without choices")
    content = choices[0].message.content
    if content is not None and not isinstance(content, str):
        raise TypeError("a message content that is not text")
    usage = _usage(getattr(response, "usage", None)) or Usage()
    name = getattr(response, "model", None)
    return Completion(
        text=content or "", usage=usage, model=name if isinstance(name, str) and name else model
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
                    content = choice.delta.content
                    if content is not None and not isinstance(content, str):
                        raise TypeError("a delta content that is not text")
                    if content:
                        yield content
        except (groq.APIError, httpx.HTTPError) as exc:
            # An SSE error event, a dropped connection or a read timeout mid-stream.
            err = LLMUnavailable("the Groq stream broke off")
            _log_error(err, exc, stage="stream")
            raise err from exc
        except MALFORMED as exc:  # an event that is not JSON, or not a completion chunk
            raise _malformed(exc, stage="stream") from exc
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
        except MALFORMED as exc:  # a 200 whose body is not JSON
            raise _malformed(exc, stage="request") from exc
        try:
            return _completion(response, self.model)
        except MALFORMED as exc:  # JSON, but not a chat completion
            raise _malformed(exc, stage="response") from exc

    def stream(self, request: LLMRequest) -> GroqStream:
        """The answer as a stream; the request is sent on first iteration."""
        return GroqStream(self, request)

    async def aclose(self) -> None:
        """Close the SDK's HTTP connection pool."""
        await self.client.close()
