"""The offline coach: deterministic answers that cite the athlete's own numbers."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from runcoach.llm import ChatMessage, LLMRequest, Usage
from runcoach.llm.offline import SIGNATURE, OfflineProvider, intent
from runcoach.llm.snapshot import AthleteSnapshot
from tests.support.coach import athlete_snapshot

LOAD = "Your fitness (CTL) is 54.2, fatigue (ATL) 61.0, form (TSB) -6.8."


def chat(message: str, snapshot: AthleteSnapshot | None = None, **kw: object) -> LLMRequest:
    return LLMRequest(
        messages=(
            ChatMessage("user", "hello"),
            ChatMessage("assistant", "Hi!"),
            ChatMessage("user", message),
        ),
        snapshot=athlete_snapshot() if snapshot is None else snapshot,
        **kw,  # type: ignore[arg-type]
    )


async def answer(message: str, snapshot: AthleteSnapshot | None = None) -> str:
    return (await OfflineProvider().complete(chat(message, snapshot))).text


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("What pace should my easy runs be?", "pace"),
        ("I feel so tired this week", "recovery"),
        ("What should I run today?", "today"),
        ("Am I ready for my half marathon race?", "race"),
        ("My knee hurts when I run downhill", "injury"),
        ("I have pain in my shin, what pace is ok?", "injury"),
        ("Hello coach!", "overview"),
    ],
)
def test_intent(message: str, kind: str) -> None:
    assert intent(message) == kind


async def test_pace_answer_cites_paces_and_zones() -> None:
    text = await answer("What pace should my easy runs be?")
    assert "typical easy pace of 5:45/km" in text
    assert "Z2 (131-145 bpm)" in text
    assert "Z4 (161-172 bpm)" in text
    assert "recent best pace is 4:10/km" in text


async def test_recovery_answer_cites_load_and_recovery_numbers() -> None:
    text = await answer("I'm really tired, should I worry?")
    assert LOAD in text
    assert "readiness today is 72/100 (high confidence)" in text
    assert "resting HR 48 bpm, HRV 62 ms, sleep 7.5 h" in text
    assert "overtraining risk is moderate: acute load is 13% above chronic load" in text


async def test_today_answer_follows_the_plan() -> None:
    text = await answer("What's my workout today?")
    assert "Today's plan: Tempo 8 km with 4 km at threshold." in text
    assert "72/100" in text
    assert "Form (TSB) is -6.8." in text
    assert "Next up: Easy 6 km." in text
    assert "swapping" not in text


async def test_today_answer_with_low_readiness_advises_caution() -> None:
    text = await answer("What's my workout today?", athlete_snapshot(readiness_score=31))
    assert "31/100" in text
    assert "consider swapping it for an easy run or rest" in text


async def test_today_answer_without_plan_suggests_from_readiness_and_form() -> None:
    fresh = athlete_snapshot(plan=None, readiness_score=81, tsb=4.2)
    assert "quality session" in await answer("What should I do today?", fresh)
    tired = athlete_snapshot(plan=None, readiness_score=55, tsb=-14.0)
    text = await answer("What should I do today?", tired)
    assert "Form (TSB) is -14.0." in text
    assert "easy run of 30-45 minutes" in text


async def test_race_answer_cites_trend_form_and_weeks() -> None:
    text = await answer("Am I ready for my race?")
    assert "Your race (half marathon) is on 2025-05-04 in 8 weeks." in text
    assert "Your fitness (CTL) is 54.2 and your form (TSB) -6.8." in text
    assert "+3.4 CTL a week" in text
    assert "build phase" in text


async def test_injury_answer_never_diagnoses_and_sends_to_a_professional() -> None:
    for snapshot in (athlete_snapshot(), AthleteSnapshot()):
        text = await answer("I have a sharp pain in my knee", snapshot)
        assert "can't diagnose" in text
        assert "doctor or a physiotherapist" in text
        assert "rest" in text


async def test_overview_answer() -> None:
    text = await answer("hi!")
    assert text.startswith("Hi Alice! " + LOAD)
    assert "This week you have done 3 workouts, 32.5 km in 2:48:45." in text
    assert "Your last workout was on 2025-03-09: run, 10.0 km, at 5:00/km" in text


async def test_every_answer_says_it_is_the_offline_coach() -> None:
    for message in ("hi", "pace?", "tired", "today?", "race?", "pain"):
        assert (await answer(message)).endswith("\n\n" + SIGNATURE)


@pytest.mark.parametrize("message", ["hi", "What pace?", "I'm tired", "today?", "my race?"])
async def test_new_athlete_gets_a_graceful_answer(message: str) -> None:
    text = await answer(message, AthleteSnapshot())
    assert text.startswith("I don't have any workouts from you yet")
    assert "no data" not in text


async def test_no_snapshot_at_all() -> None:
    request = LLMRequest(messages=(ChatMessage("user", "hi"),))
    text = (await OfflineProvider().complete(request)).text
    assert text.startswith("I don't have any workouts from you yet")


async def test_deterministic() -> None:
    provider = OfflineProvider()
    texts = {(await provider.complete(chat("How am I doing?"))).text for _ in range(3)}
    assert len(texts) == 1


async def test_usage_counts_words() -> None:
    provider = OfflineProvider()
    request = LLMRequest(messages=(ChatMessage("user", "what pace today"),))
    completion = await provider.complete(request)
    assert completion.model == "runcoach-offline"
    words = len(completion.text.split())
    assert completion.usage == Usage(3, words, 3 + words)


async def test_stream_yields_words_in_order_and_equals_complete() -> None:
    provider = OfflineProvider(delay_ms=(0, 0))
    request = chat("What pace should I run?")
    expected = await provider.complete(request)
    async with provider.stream(request) as stream:
        deltas = [delta async for delta in stream]
    assert "".join(deltas) == expected.text
    assert len(deltas) == len(expected.text.split())
    assert all(d.strip() and " " not in d.strip() for d in deltas)
    assert stream.usage == expected.usage


async def test_stream_is_paced_by_the_configured_delay() -> None:
    request = LLMRequest(messages=(ChatMessage("user", "hi"),))  # a short answer
    words = len((await OfflineProvider().complete(request)).text.split())
    started = time.monotonic()
    async with OfflineProvider(delay_ms=(5, 10)).stream(request) as stream:
        deltas = [d async for d in stream]
    elapsed = time.monotonic() - started
    assert len(deltas) == words
    assert elapsed >= (words - 1) * 0.005 * 0.9


async def test_aclose_mid_stream_stops_it() -> None:
    provider = OfflineProvider(delay_ms=(20, 40))
    stream = provider.stream(chat("How is my training going?"))
    got = []
    async for delta in stream:
        got.append(delta)
        if len(got) == 3:
            started = time.monotonic()
            await stream.aclose()
    assert len(got) == 3
    assert time.monotonic() - started < 0.1
    assert stream.usage.completion_tokens == 3
    assert [d async for d in stream] == []
    await stream.aclose()  # idempotent


async def test_cancelling_the_reading_task_stops_the_stream() -> None:
    stream = OfflineProvider(delay_ms=(20, 40)).stream(chat("hello"))
    got: list[str] = []

    async def read() -> None:
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
    assert stream.usage.completion_tokens == len(got)
    assert [d async for d in stream] == []


SESSIONS = [
    {"key": "w1d1", "type": "easy", "distance_m": 8000, "duration_s": None, "target": "Z2"},
    {"key": "w1d3", "type": "intervals", "distance_m": 10000, "target": "6x800m @ 3:50/km"},
    {"key": "w1d4", "type": "rest"},
    {"key": "w1d6", "type": "long", "distance_m": 18000, "target": None},
    {"key": "w1d7", "type": "mystery"},
]


def plan_request(snapshot: AthleteSnapshot | None) -> LLMRequest:
    message = "Write notes for these sessions:\n" + json.dumps(SESSIONS)
    return LLMRequest(messages=(ChatMessage("user", message),), snapshot=snapshot, purpose="plan")


async def test_plan_json_has_a_tip_per_session_key() -> None:
    text = (await OfflineProvider().complete(plan_request(athlete_snapshot()))).text
    data = json.loads(text)
    assert set(data) == {"summary", "tips"}
    assert list(data["tips"]) == ["w1d1", "w1d3", "w1d4", "w1d6", "w1d7"]
    assert "5:45/km" in data["tips"]["w1d1"]
    assert data["tips"]["w1d1"].endswith("Target: Z2.")
    assert "Target: 6x800m @ 3:50/km." in data["tips"]["w1d3"]
    assert "Target" not in data["tips"]["w1d4"]
    assert all(isinstance(tip, str) and tip for tip in data["tips"].values())
    assert "5 sessions planned." in data["summary"]
    assert "54.2" in data["summary"]
    again = (await OfflineProvider().complete(plan_request(athlete_snapshot()))).text
    assert again == text


async def test_plan_for_a_new_athlete_and_without_sessions() -> None:
    data = json.loads((await OfflineProvider().complete(plan_request(None))).text)
    assert len(data["tips"]) == 5
    assert "I don't have any workouts from you yet" in data["summary"]
    empty = LLMRequest(messages=(ChatMessage("user", "no list here"),), purpose="plan")
    assert json.loads((await OfflineProvider().complete(empty)).text)["tips"] == {}


async def test_analysis() -> None:
    request = LLMRequest(
        messages=(ChatMessage("user", "analyse"),), snapshot=athlete_snapshot(), purpose="analysis"
    )
    text = (await OfflineProvider().complete(request)).text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) >= 4
    assert paragraphs[0].startswith(LOAD)
    assert "acute:chronic workload ratio is 1.13" in text
    assert paragraphs[-1] == SIGNATURE
    empty = LLMRequest(messages=(), snapshot=AthleteSnapshot(), purpose="analysis")
    assert (await OfflineProvider().complete(empty)).text.startswith("I don't have any workouts")
