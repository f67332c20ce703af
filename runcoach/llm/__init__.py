"""The coach's LLM providers (Groq, the offline coach) behind one interface."""

from __future__ import annotations

from runcoach.config import ConfigError, Settings
from runcoach.llm.base import (
    ChatMessage,
    Completion,
    LLMAuthError,
    LLMBadRequest,
    LLMError,
    LLMProvider,
    LLMRateLimited,
    LLMRequest,
    LLMStream,
    LLMUnavailable,
    Purpose,
    Role,
    Usage,
)

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
    "make_provider",
]


def make_provider(settings: Settings) -> LLMProvider:
    """The provider ``settings.llm_provider`` names: "groq" or "offline"."""
    if settings.llm_provider == "groq":
        from runcoach.llm.groq import GroqProvider

        if not settings.groq_api_key:
            raise ConfigError("LLM provider groq needs GROQ_API_KEY")
        return GroqProvider(
            api_key=settings.groq_api_key,
            model=settings.groq_model,
            base_url=settings.groq_base_url,
            timeout_s=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
        )
    if settings.llm_provider == "offline":
        from runcoach.llm.offline import OfflineProvider

        return OfflineProvider(delay_ms=settings.offline_coach_delay_ms)
    raise ConfigError(f"unknown LLM provider {settings.llm_provider!r} (groq or offline)")
