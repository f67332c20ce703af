"""The Groq provider, end to end against the stand-in of tests/llm/groq_server.py."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
import pytest_asyncio

from runcoach.config import ConfigError, Settings, from_env
from runcoach.llm import (
    ChatMessage,
    LLMAuthError,
    LLMBadRequest,
    LLMRateLimited,
    LLMRequest,
    LLMUnavailable,
    Usage,
    make_provider,
)
from runcoach.llm.base import estimate_tokens
from runcoach.llm.groq import GroqProvider
from runcoach.llm.offline import OfflineProvider
from tests.llm.groq_server import API_KEY, GroqStandIn, Script
from tests.support.coach import athlete_snapshot
from tests.support.llm import (
    NOT_A_COMPLETION,
    NOT_A_COMPLETION_STREAM,
    groq_settings,
    groq_stand_in,
)

MODEL = "llama-3.3-70b-versatile"


@pytest_asyncio.fixture(loop_scope="session")
async def server() -> AsyncIterator[GroqStandIn]:
    async with groq_stand_in() as stand_in:
        yield stand_in


def provider_for(
    server: GroqStandIn, *, api_key: str = API_KEY, timeout_s: float = 5.0, max_retries: int = 2
) -> GroqProvider:
    settings = groq_settings(server, api_key=api_key, timeout_s=timeout_s, max_retries=max_retries)
    provider = make_provider(settings)
    assert isinstance(provider, GroqProvider)
    return provider


@pytest_asyncio.fixture(loop_scope="session")
async def provider(server: GroqStandIn) -> AsyncIterator[GroqProvider]:
    p = provider_for(server)
    try:
        yield p
    finally:
        await p.aclose()


def request(text: str = "What should I run today?") -> LLMRequest:
    return LLMRequest(messages=(ChatMessage("user", text),), snapshot=athlete_snapshot())


async def test_stream_arrives_in_order_with_usage(
    server: GroqStandIn, provider: GroqProvider
) -> None:
    async with provider.stream(request()) as stream:
        deltas = [d async for d in stream]
    assert deltas == list(Script().deltas)
    assert stream.usage == Usage(prompt_tokens=42, completion_tokens=5, total_tokens=47)
    assert stream.model == MODEL
    [sent] = server.requests
    assert sent.stream is True
    assert sent.model == MODEL
    assert sent.headers["authorization"] == f"Bearer {API_KEY}"
    assert sent.body["stream_options"] == {"include_usage": True}
    assert [m["role"] for m in sent.messages] == ["system", "user"]
    assert "Use only the numbers given" in sent.messages[0]["content"]
    assert "fitness CTL 54.2, fatigue ATL 61.0, form TSB -6.8" in sent.messages[0]["content"]
    assert sent.messages[1] == {"role": "user", "content": "What should I run today?"}


async def test_complete(server: GroqStandIn, provider: GroqProvider) -> None:
    req = LLMRequest(
        messages=(ChatMessage("system", "Be brief."), ChatMessage("user", "hi")),
        max_tokens=50,
        temperature=0.2,
    )
    completion = await provider.complete(req)
    assert completion.text == "Easy run today, 30 minutes."
    assert completion.usage == Usage(42, 5, 47)
    assert completion.model == MODEL
    [sent] = server.requests
    assert sent.stream is False
    # A system message of the caller's own replaces the snapshot's prompt.
    assert sent.messages == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "hi"},
    ]
    assert sent.body["max_completion_tokens"] == 50
    assert sent.body["temperature"] == 0.2


async def test_rate_limited_then_success_is_retried(
    server: GroqStandIn, provider: GroqProvider
) -> None:
    server.script = Script(fail_first=1, fail_status=429, retry_after_ms=20)
    completion = await provider.complete(request())
    assert completion.text == Script().text
    assert [r.status for r in server.requests] == [429, 200]


async def test_server_error_twice_then_success_is_retried(
    server: GroqStandIn, provider: GroqProvider
) -> None:
    server.script = Script(fail_first=2, fail_status=500)
    async with provider.stream(request()) as stream:
        deltas = [d async for d in stream]
    assert "".join(deltas) == Script().text
    assert [r.status for r in server.requests] == [500, 500, 200]


async def test_rate_limited_after_every_retry(server: GroqStandIn, provider: GroqProvider) -> None:
    server.script = Script(fail_first=99, fail_status=429)
    with pytest.raises(LLMRateLimited):
        await provider.complete(request())
    assert len(server.requests) == 3  # one try and two retries


async def test_server_errors_after_every_retry(server: GroqStandIn, provider: GroqProvider) -> None:
    server.script = Script(fail_first=99, fail_status=503)
    with pytest.raises(LLMUnavailable):
        async with provider.stream(request()) as stream:
            async for _ in stream:
                pass
    assert len(server.requests) == 3


async def test_bad_key_is_refused_without_retry(
    server: GroqStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    bad_key = "gsk_wrong_key_0123456789"
    provider = provider_for(server, api_key=bad_key)
    try:
        with (
            caplog.at_level(logging.INFO),
            pytest.raises(LLMAuthError, match="the Groq API key was refused"),
        ):
            async with provider.stream(request()) as stream:
                async for _ in stream:
                    pass
        assert len(server.requests) == 1
        with pytest.raises(LLMAuthError):
            await provider.complete(request())
        assert len(server.requests) == 2
    finally:
        await provider.aclose()
    events = [r for r in caplog.records if r.getMessage() == "coach.llm_error"]
    assert events
    assert events[0].__dict__["code"] == "llm_auth"
    assert events[0].__dict__["provider"] == "groq"
    assert bad_key not in caplog.text
    assert "What should I run today?" not in caplog.text


async def test_other_client_errors_are_bad_requests(server: GroqStandIn) -> None:
    settings = Settings(
        llm_provider="groq", groq_api_key=API_KEY, groq_base_url=server.base_url + "/nowhere"
    )
    provider = make_provider(settings)
    try:
        with pytest.raises(LLMBadRequest):
            await provider.complete(request())
    finally:
        await provider.aclose()
    assert [r.status for r in server.requests] == [404]


@pytest.mark.parametrize("style", ["event", "data", "cut"])
async def test_error_mid_stream_after_earlier_deltas(
    server: GroqStandIn, provider: GroqProvider, style: str
) -> None:
    if style == "cut":
        server.script = Script(cut_after=2)
    else:
        server.script = Script(error_after=2, error_style=style)
    got: list[str] = []
    with pytest.raises(LLMUnavailable):
        async with provider.stream(request()) as stream:
            async for delta in stream:
                got.append(delta)
    assert got == ["Easy ", "run "]
    assert len(server.requests) == 1  # a broken stream is not replayed
    assert stream.usage.completion_tokens == estimate_tokens("Easy run ")


# --- answers that are not what they claim --------------------------------------------------

ODD_COMPLETIONS = {
    **NOT_A_COMPLETION,
    "no-choices": Script(raw_body='{"choices": []}'),
    "bad-content": Script(raw_body='{"choices": [{"message": {"content": 3}}]}'),
    "a-list": Script(raw_body="[1, 2]"),
    "empty": Script(raw_body=""),
}


@pytest.mark.parametrize("script", list(ODD_COMPLETIONS.values()), ids=list(ODD_COMPLETIONS))
async def test_a_200_that_is_not_a_completion_is_unavailable(
    server: GroqStandIn, provider: GroqProvider, script: Script, caplog: pytest.LogCaptureFixture
) -> None:
    server.script = script
    with (
        caplog.at_level(logging.WARNING, logger="runcoach.llm.groq"),
        pytest.raises(LLMUnavailable, match="not a chat completion"),
    ):
        await provider.complete(request())
    assert [r.status for r in server.requests] == [200]  # not retried by the SDK
    (logged,) = [r for r in caplog.records if r.getMessage() == "coach.llm_error"]
    assert logged.__dict__["code"] == "llm_unavailable"


ODD_STREAMS = {**ODD_COMPLETIONS, **NOT_A_COMPLETION_STREAM}


@pytest.mark.parametrize("script", list(ODD_STREAMS.values()), ids=list(ODD_STREAMS))
async def test_a_stream_that_is_not_a_completion_is_unavailable(
    server: GroqStandIn, provider: GroqProvider, script: Script
) -> None:
    server.script = script
    got: list[str] = []
    with pytest.raises(LLMUnavailable):
        async with provider.stream(request()) as stream:
            async for delta in stream:
                got.append(delta)
    if script.raw_body is None:  # the deltas before the bad end were relayed
        assert "".join(got) == script.text
    assert len(server.requests) == 1


async def test_aclose_mid_stream_stops_promptly_and_closes_the_connection(
    server: GroqStandIn, provider: GroqProvider
) -> None:
    server.script = Script(deltas=tuple(f"w{i} " for i in range(50)), chunk_delay_s=0.1)
    stream = provider.stream(request())
    got = []
    async for delta in stream:
        got.append(delta)
        if len(got) == 3:
            break
    started = time.monotonic()
    await stream.aclose()
    assert time.monotonic() - started < 0.5
    await asyncio.wait_for(server.client_dropped.wait(), timeout=2)
    assert server.requests[0].dropped_by_client
    assert got == ["w0 ", "w1 ", "w2 "]
    assert stream.usage.completion_tokens == estimate_tokens("w0 w1 w2 ")
    assert stream.usage.prompt_tokens > 0
    assert [d async for d in stream] == []


async def test_aclose_from_another_task_ends_the_reader(
    server: GroqStandIn, provider: GroqProvider
) -> None:
    server.script = Script(deltas=tuple(f"w{i} " for i in range(50)), chunk_delay_s=0.1)
    stream = provider.stream(request())
    got: list[str] = []

    async def read() -> None:
        async for delta in stream:
            got.append(delta)
            if len(got) == 2:
                two.set()

    two = asyncio.Event()
    reader = asyncio.create_task(read())
    await asyncio.wait_for(two.wait(), timeout=2)
    await stream.aclose()
    await asyncio.wait_for(reader, timeout=1)
    assert 2 <= len(got) < 50
    await asyncio.wait_for(server.client_dropped.wait(), timeout=2)


async def test_cancelling_the_reading_task_closes_the_connection(
    server: GroqStandIn, provider: GroqProvider
) -> None:
    server.script = Script(deltas=tuple(f"w{i} " for i in range(50)), chunk_delay_s=0.1)
    stream = provider.stream(request())
    got: list[str] = []

    async def read() -> None:
        async with stream:
            async for delta in stream:
                got.append(delta)
                if len(got) == 2:
                    two.set()

    two = asyncio.Event()
    task = asyncio.create_task(read())
    await asyncio.wait_for(two.wait(), timeout=2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.wait_for(server.client_dropped.wait(), timeout=2)
    assert len(got) < 50
    assert stream.usage.completion_tokens == estimate_tokens("".join(got))


async def test_no_answer_in_time_is_unavailable(server: GroqStandIn) -> None:
    server.script = Script(header_delay_s=5)
    provider = provider_for(server, timeout_s=0.3, max_retries=1)
    started = time.monotonic()
    try:
        with pytest.raises(LLMUnavailable):
            await provider.complete(request())
    finally:
        await provider.aclose()
    assert time.monotonic() - started < 3
    assert len(server.requests) == 2  # timeouts are retried


async def test_stalled_stream_is_unavailable(server: GroqStandIn) -> None:
    server.script = Script(chunk_delay_s=5)
    provider = provider_for(server, timeout_s=0.3, max_retries=0)
    started = time.monotonic()
    try:
        with pytest.raises(LLMUnavailable):
            async with provider.stream(request()) as stream:
                async for _ in stream:
                    pass
    finally:
        await provider.aclose()
    assert time.monotonic() - started < 2


def test_make_provider_chooses_by_settings() -> None:
    offline = make_provider(Settings(llm_provider="offline", offline_coach_delay_ms=(0, 0)))
    assert isinstance(offline, OfflineProvider)
    assert offline.delay_ms == (0, 0)
    with pytest.raises(ConfigError):
        make_provider(Settings(llm_provider="groq"))
    with pytest.raises(ConfigError):
        make_provider(Settings(llm_provider="gpt"))


def test_settings_read_the_llm_environment_and_hide_the_key() -> None:
    base = {"SECRET_KEY": "k" * 40}
    default = from_env(base)
    assert default.llm_provider == "offline"
    assert default.groq_api_key is None
    assert default.groq_model == MODEL
    assert default.groq_base_url is None
    assert default.llm_timeout_s == 30.0
    assert default.llm_max_retries == 2
    assert default.offline_coach_delay_ms == (20, 40)
    settings = from_env(
        {
            **base,
            "GROQ_API_KEY": "gsk_secret_value",
            "GROQ_MODEL": "llama-3.1-8b-instant",
            "GROQ_BASE_URL": "http://127.0.0.1:9",
            "LLM_TIMEOUT": "12.5",
            "LLM_MAX_RETRIES": "0",
            "OFFLINE_COACH_DELAY_MS": "0",
        }
    )
    assert settings.llm_provider == "groq"
    assert settings.groq_api_key == "gsk_secret_value"
    assert "gsk_secret_value" not in repr(settings)
    assert settings.groq_model == "llama-3.1-8b-instant"
    assert settings.groq_base_url == "http://127.0.0.1:9"
    assert settings.llm_timeout_s == 12.5
    assert settings.llm_max_retries == 0
    assert settings.offline_coach_delay_ms == (0, 0)
    assert replace(settings, groq_api_key=None).groq_api_key is None
    for bad in ("fast", "40-20", "-5"):
        with pytest.raises(ConfigError):
            from_env({**base, "OFFLINE_COACH_DELAY_MS": bad})
