"""The interface every LLM provider of the coach implements, and its errors."""

from __future__ import annotations

import asyncio
import contextlib
import math
from abc import ABC, abstractmethod
from collections.abc import AsyncGenerator
from dataclasses import asdict, dataclass
from types import TracebackType
from typing import Literal, Protocol

from runcoach.llm.snapshot import AthleteSnapshot, Purpose

__all__ = [
    "ChatMessage",
    "Completion",
    "LLMAuthError",
    "LLMBadRequest",
    "LLMError",
    "LLMProvider",
    "LLMRateLimited",
    "LLMRequest",
    "LLMStream",
    "LLMUnavailable",
    "Purpose",
    "Role",
    "Usage",
    "estimate_tokens",
]

Role = Literal["system", "user", "assistant"]

_END = object()


@dataclass(frozen=True, slots=True)
class ChatMessage:
    role: Role
    content: str


@dataclass(slots=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class LLMRequest:
    messages: tuple[ChatMessage, ...]
    snapshot: AthleteSnapshot | None = None
    purpose: Purpose = "chat"
    max_tokens: int | None = None
    temperature: float | None = None

    @property
    def last_user_message(self) -> str:
        """The content of the last user message ("" when there is none)."""
        for message in reversed(self.messages):
            if message.role == "user":
                return message.content
        return ""


@dataclass(slots=True)
class Completion:
    text: str
    usage: Usage
    model: str


class LLMError(Exception):
    """The language model could not answer."""

    code = "llm_error"


class LLMAuthError(LLMError):
    """The provider refused the API key (or none is set): permanent, never retried."""

    code = "llm_auth"


class LLMRateLimited(LLMError):
    """The provider kept answering 429 after every retry."""

    code = "llm_rate_limited"


class LLMUnavailable(LLMError):
    """The provider failed (5xx, timeout, connection) after retries, or a stream broke off."""

    code = "llm_unavailable"


class LLMBadRequest(LLMError):
    """The provider rejected the request (a 4xx other than auth and rate limits)."""

    code = "llm_bad_request"


def estimate_tokens(text: str) -> int:
    """A rough token count for text whose real count is unknown (about 4 characters a token)."""
    return math.ceil(len(text) / 4) if text else 0


class LLMStream(ABC):
    """A streamed answer: ``async for delta in stream`` yields text deltas in order.

    The provider call runs in a task of its own, started on first iteration and
    kept at most one delta ahead of the reader. ``usage`` is filled when the
    stream ends; when it is closed or cancelled first, it holds an estimate whose
    ``completion_tokens`` count the text relayed so far. ``aclose()`` (also run
    on leaving ``async with``, and safe from another task while one iterates)
    stops the provider call and releases its connection; it is idempotent.
    Cancelling the task that iterates does the same, and ``CancelledError``
    propagates. Subclasses implement ``_deltas()``, an async generator that
    releases its resources in ``finally`` and raises only ``LLMError``.
    """

    def __init__(self, *, model: str, prompt_tokens: int = 0) -> None:
        self.model = model
        self.usage = Usage(prompt_tokens=prompt_tokens, total_tokens=prompt_tokens)
        self._relayed: list[str] = []
        self._queue: asyncio.Queue[object] | None = None
        self._task: asyncio.Task[None] | None = None
        self._finished = False
        self._closed = False

    @abstractmethod
    def _deltas(self) -> AsyncGenerator[str, None]:
        """The provider's deltas; sets ``self.usage`` before it ends."""

    def _estimate(self, text: str) -> int:
        return estimate_tokens(text)

    @property
    def text(self) -> str:
        """The text relayed so far."""
        return "".join(self._relayed)

    def __aiter__(self) -> LLMStream:
        return self

    async def __anext__(self) -> str:
        if self._closed:
            raise StopAsyncIteration
        if self._queue is None:
            self._queue = asyncio.Queue(maxsize=1)
            self._task = asyncio.create_task(self._produce(self._queue))
        try:
            item = await self._queue.get()
        except BaseException:
            await self.aclose()
            raise
        if self._closed:
            raise StopAsyncIteration
        if item is _END:
            self._finished = self._closed = True
            raise StopAsyncIteration
        if isinstance(item, BaseException):
            await self.aclose()
            raise item
        assert isinstance(item, str)
        self._relayed.append(item)
        return item

    async def _produce(self, queue: asyncio.Queue[object]) -> None:
        try:
            async with contextlib.aclosing(self._deltas()) as deltas:
                async for delta in deltas:
                    if delta:
                        await queue.put(delta)
            await queue.put(_END)
        except Exception as exc:
            await queue.put(exc)

    async def aclose(self) -> None:
        """Stop the provider call promptly and release its connection (idempotent)."""
        if self._closed:
            return
        self._closed = True
        if not self._finished:
            completion = self._estimate(self.text)
            prompt = self.usage.prompt_tokens
            self.usage = Usage(prompt, completion, prompt + completion)
        task, queue = self._task, self._queue
        if task is not None and not task.done():
            task.cancel()
            await asyncio.wait([task])
        if queue is not None:
            # Wake a reader waiting in another task: it sees the stream closed.
            while not queue.empty():
                queue.get_nowait()
            queue.put_nowait(_END)

    async def __aenter__(self) -> LLMStream:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


class LLMProvider(Protocol):
    """A language model the coach can ask; see ``runcoach.llm.make_provider``."""

    name: str
    model: str

    async def complete(self, request: LLMRequest) -> Completion:
        """The whole answer to ``request``."""
        ...

    def stream(self, request: LLMRequest) -> LLMStream:
        """The answer to ``request`` as a stream; the call starts on first iteration."""
        ...

    async def aclose(self) -> None:
        """Release the provider's connections."""
        ...
