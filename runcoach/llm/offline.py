"""The offline coach: deterministic answers from the athlete snapshot, no model needed.

Used when no AI model is configured (and in tests). It matches the intent of
the last user message with keywords and answers from the snapshot's numbers;
the same request always gives the same text.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
import re
from collections.abc import AsyncGenerator, Callable
from typing import Any

from runcoach.llm.base import Completion, LLMRequest, LLMStream, Usage
from runcoach.llm.snapshot import (
    AthleteSnapshot,
    PlanSnapshot,
    format_distance,
    format_duration,
    format_pace,
    number,
    render,
)

UNPACED_BURST = 8  # words streamed between two yields to the event loop without pacing
SIGNATURE = "— RunCoach offline coach (no AI model is configured)"
NO_WORKOUTS = (
    "I don't have any workouts from you yet, so I can't give you numbers-based advice. "
    "Connect a device or upload a few runs and I'll be able to tell you about your "
    "fitness, fatigue and form."
)

_WORD = re.compile(r"\S+\s*|\s+")

_INTENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "injury",
        (
            "pain",
            "painful",
            "hurt",
            "injur",
            "sprain",
            "strain",
            "shin",
            "achilles",
            "swollen",
            "swelling",
            "ache",
        ),
    ),
    ("pace", ("pace", "how fast", "speed", "min/km", "per km", "threshold", "tempo")),
    (
        "recovery",
        ("recover", "tired", "fatigue", "exhausted", "sore", "rest day", "heavy legs", "sleep"),
    ),
    ("race", ("race", "marathon", "10k", "5k", "taper", "ready for", "goal")),
    ("today", ("today", "session", "workout", "should i run", "what should i do", "tomorrow")),
)


def count_words(text: str) -> int:
    """Words in ``text``: the offline coach's token count."""
    return len(text.split())


def intent(message: str) -> str:
    """The intent of a chat message: injury, pace, recovery, race, today or overview."""
    lowered = message.lower()
    for name, keywords in _INTENTS:
        if any(keyword in lowered for keyword in keywords):
            return name
    return "overview"


def _load_sentence(s: AthleteSnapshot) -> str:
    return (
        f"Your fitness (CTL) is {number(s.ctl)}, fatigue (ATL) {number(s.atl)}, "
        f"form (TSB) {number(s.tsb)}."
    )


def _readiness_sentence(s: AthleteSnapshot) -> str | None:
    if s.readiness_score is None:
        return None
    confidence = f" ({s.readiness_confidence} confidence)" if s.readiness_confidence else ""
    return f"Your readiness today is {s.readiness_score}/100{confidence}."


def _risk_sentence(s: AthleteSnapshot) -> str | None:
    if s.risk_level is None:
        return None
    factors = f": {'; '.join(s.risk_factors)}" if s.risk_factors else ""
    return f"Your overtraining risk is {s.risk_level}{factors}."


def _week_sentence(s: AthleteSnapshot) -> str | None:
    if not s.week_workouts:
        return None
    return (
        f"This week you have done {s.week_workouts} workouts, "
        f"{format_distance(s.week_distance_m)} in {format_duration(s.week_duration_s)}."
    )


def _last_workout_sentence(s: AthleteSnapshot) -> str | None:
    if not s.recent_workouts:
        return None
    w = s.recent_workouts[0]
    details = [w.sport]
    if w.distance_m is not None:
        details.append(format_distance(w.distance_m))
    if w.pace_s_per_km is not None:
        details.append(f"at {format_pace(w.pace_s_per_km)}")
    if w.avg_hr is not None:
        details.append(f"average HR {number(w.avg_hr, 0)}")
    return f"Your last workout was on {w.date.isoformat()}: {', '.join(details)}."


def _zone(s: AthleteSnapshot, index: int) -> str | None:
    if not s.hr_zones or len(s.hr_zones) <= index:
        return None
    name, low, high = s.hr_zones[index]
    return f"{name} ({low}-{high} bpm)"


def _is_low_readiness(s: AthleteSnapshot) -> bool:
    return (s.readiness_score is not None and s.readiness_score < 40) or s.risk_level == "high"


def _join(*sentences: str | None) -> str:
    return " ".join(x for x in sentences if x)


def _answer_injury(s: AthleteSnapshot) -> str:
    return _join(
        "I'm sorry you're dealing with that. I can't diagnose pain or injuries, and I won't try.",
        "Please stop running on it for now: rest, and if the pain is sharp, gets worse, makes "
        "you limp or hasn't eased within a few days, see a doctor or a physiotherapist.",
        "Pain that changes how you run is a reason to stop a session, not to push through it.",
        _risk_sentence(s) if s.risk_level in ("moderate", "high") else None,
        "Once a professional has cleared you, we can build back gradually with easy running.",
    )


def _answer_pace(s: AthleteSnapshot) -> str:
    easy = (
        f"Run your easy days at your typical easy pace of {format_pace(s.easy_pace_s_per_km)} "
        "or slower; it should feel conversational."
        if s.easy_pace_s_per_km is not None
        else "Run your easy days at a conversational effort."
    )
    easy_zone = _zone(s, 1)
    threshold_zone = _zone(s, 3)
    best = (
        f"Your recent best pace is {format_pace(s.best_pace_s_per_km)}: that is a ceiling for "
        "races and short reps, not a target for tempo runs."
        if s.best_pace_s_per_km is not None
        else None
    )
    return _join(
        easy,
        f"By heart rate, keep them in {easy_zone}." if easy_zone else None,
        f"Tempo and threshold work belongs in {threshold_zone}, comfortably hard."
        if threshold_zone
        else "Run tempo and threshold work by effort: comfortably hard, a pace you could hold "
        "for about an hour.",
        best,
        None
        if s.easy_pace_s_per_km or s.hr_zones
        else "Once I have more runs from you, "
        "I can point you to your own paces and heart-rate zones.",
    )


def _answer_recovery(s: AthleteSnapshot) -> str:
    if s.tsb is not None and s.tsb < -20:
        verdict = "That is deep fatigue: take a rest day or a very short easy run."
    elif s.tsb is not None and s.tsb < -10:
        verdict = "You are carrying real fatigue: keep the next day or two easy."
    elif s.tsb is not None:
        verdict = "Your form is fine, so the tiredness is more likely sleep, stress or fuelling."
    else:
        verdict = "Listen to your body and keep the next run easy."
    recovery = []
    if s.resting_hr is not None:
        recovery.append(f"resting HR {number(s.resting_hr, 0)} bpm")
    if s.hrv_ms is not None:
        recovery.append(f"HRV {number(s.hrv_ms, 0)} ms")
    if s.sleep_hours is not None:
        recovery.append(f"sleep {number(s.sleep_hours)} h")
    return _join(
        _load_sentence(s),
        _readiness_sentence(s),
        f"Your latest recovery numbers: {', '.join(recovery)}." if recovery else None,
        _risk_sentence(s),
        verdict,
    )


def _suggestion(s: AthleteSnapshot) -> str:
    if _is_low_readiness(s) or (s.tsb is not None and s.tsb < -20):
        return "I suggest a rest day or 20-30 minutes very easy."
    if (s.readiness_score is None or s.readiness_score >= 70) and (s.tsb is None or s.tsb > -10):
        if s.readiness_score is None and s.tsb is None:
            return "I suggest an easy run of 30-45 minutes."
        return "You are fresh enough for a quality session: a tempo run or intervals fit today."
    return "I suggest an easy run of 30-45 minutes today."


def _answer_today(s: AthleteSnapshot) -> str:
    plan: PlanSnapshot | None = s.plan
    if plan is not None and plan.today_session:
        caution = (
            "Given your readiness and load, consider swapping it for an easy run or rest."
            if _is_low_readiness(s)
            else None
        )
        return _join(
            f"Today's plan: {plan.today_session}.",
            _readiness_sentence(s),
            f"Form (TSB) is {number(s.tsb)}." if s.tsb is not None else None,
            caution,
            f"Next up: {plan.next_session}." if plan.next_session else None,
        )
    return _join(
        "Nothing is scheduled for today." if plan is not None else None,
        _readiness_sentence(s),
        f"Form (TSB) is {number(s.tsb)}." if s.tsb is not None else None,
        _risk_sentence(s),
        _suggestion(s),
    )


def _answer_race(s: AthleteSnapshot) -> str:
    plan = s.plan
    if plan is not None and plan.race_date is not None:
        weeks = f" in {plan.weeks_to_race} weeks" if plan.weeks_to_race is not None else ""
        race = f"Your race ({plan.goal or 'goal race'}) is on {plan.race_date.isoformat()}{weeks}."
    else:
        race = "You have no race in your plan yet; add one and I can track your build-up."
    if s.ramp_rate is not None and s.ramp_rate > 0:
        trend = f"Your fitness is rising ({number(s.ramp_rate, signed=True)} CTL a week)."
    elif s.ramp_rate is not None and s.ramp_rate < 0:
        trend = f"Your fitness is slipping ({number(s.ramp_rate)} CTL a week)."
    else:
        trend = None
    if s.tsb is not None and s.tsb >= 5:
        form = "You are fresh: good for racing, so keep the last days light."
    elif s.tsb is not None and s.tsb < -10:
        form = "You are still tired from training: a taper will bring your form up before the race."
    else:
        form = None
    return _join(
        race,
        f"Your fitness (CTL) is {number(s.ctl)} and your form (TSB) {number(s.tsb)}.",
        trend,
        form,
        f"You are in the {plan.phase} phase." if plan is not None and plan.phase else None,
    )


def _answer_overview(s: AthleteSnapshot) -> str:
    greeting = f"Hi {s.name}!" if s.name else "Hi!"
    return _join(
        greeting,
        _load_sentence(s),
        _readiness_sentence(s),
        _week_sentence(s),
        _last_workout_sentence(s),
        "Ask me about your paces, recovery, today's session or your race.",
    )


_ANSWERS: dict[str, Callable[[AthleteSnapshot], str]] = {
    "injury": _answer_injury,
    "pace": _answer_pace,
    "recovery": _answer_recovery,
    "race": _answer_race,
    "today": _answer_today,
    "overview": _answer_overview,
}


def chat_answer(snapshot: AthleteSnapshot | None, message: str) -> str:
    """The offline coach's answer to a chat message, signed as the offline coach."""
    s = snapshot or AthleteSnapshot()
    kind = intent(message)
    body = NO_WORKOUTS if kind != "injury" and not s.has_workouts else _ANSWERS[kind](s)
    return f"{body}\n\n{SIGNATURE}"


_TIPS: dict[str, str] = {
    "easy": "Keep it conversational; slow down on hills rather than pushing.",
    "long": "Start slower than easy pace, drink and take fuel on runs over 90 minutes.",
    "tempo": "Warm up 10-15 minutes, then run comfortably hard and even; cool down easy.",
    "intervals": "Warm up well, run the reps even rather than fast-then-slow, jog the recoveries.",
    "recovery": "Very easy and short: this run is for blood flow, not fitness.",
    "race": "Trust your training: start controlled, settle in, and race the last third.",
    "rest": "A real rest day: sleep well, eat well, a little mobility at most.",
}


def _sessions(message: str) -> list[dict[str, Any]]:
    start, end = message.find("["), message.rfind("]")
    if start < 0 or end <= start:
        return []
    try:
        data = json.loads(message[start : end + 1])
    except ValueError:
        return []
    if not isinstance(data, list):
        return []
    return [x for x in data if isinstance(x, dict) and isinstance(x.get("key"), str)]


def plan_answer(snapshot: AthleteSnapshot | None, message: str) -> str:
    """Plan notes as a JSON object: a summary and one tip per session key."""
    s = snapshot or AthleteSnapshot()
    tips: dict[str, str] = {}
    for session in _sessions(message):
        kind = str(session.get("type") or "")
        tip = _TIPS.get(kind, "Run it by feel and keep the effort honest.")
        if kind == "easy" and s.easy_pace_s_per_km is not None:
            tip += f" Your typical easy pace is {format_pace(s.easy_pace_s_per_km)}."
        target = session.get("target")
        if target and kind != "rest":
            tip += f" Target: {target}."
        tips[session["key"]] = tip
    if s.has_workouts:
        summary = _join(
            f"{len(tips)} sessions planned.",
            _load_sentence(s),
            "Readiness is low, so go easy on the first days."
            if _is_low_readiness(s)
            else "Build gradually and keep easy days easy.",
        )
    else:
        summary = f"{len(tips)} sessions planned. {NO_WORKOUTS}"
    return json.dumps({"summary": summary, "tips": tips}, ensure_ascii=False)


def analysis_answer(snapshot: AthleteSnapshot | None) -> str:
    """A few paragraphs on the athlete's recent training, from the snapshot."""
    s = snapshot or AthleteSnapshot()
    if not s.has_workouts:
        return f"{NO_WORKOUTS}\n\n{SIGNATURE}"
    paragraphs = [
        _join(
            _load_sentence(s),
            f"Your acute:chronic workload ratio is {number(s.acwr, 2)}."
            if s.acwr is not None
            else None,
            _week_sentence(s),
        ),
        _join(_readiness_sentence(s), _risk_sentence(s)) or "I have no readiness data yet.",
        _join(_last_workout_sentence(s), _answer_pace(s)),
        _suggestion(s),
        SIGNATURE,
    ]
    return "\n\n".join(paragraphs)


def answer(request: LLMRequest) -> str:
    """The offline coach's whole answer to ``request``."""
    if request.purpose == "plan":
        return plan_answer(request.snapshot, request.last_user_message)
    if request.purpose == "analysis":
        return analysis_answer(request.snapshot)
    return chat_answer(request.snapshot, request.last_user_message)


def _prompt_tokens(request: LLMRequest) -> int:
    words = sum(count_words(m.content) for m in request.messages)
    if request.snapshot is not None:
        words += count_words(render(request.snapshot))
    return words


class OfflineStream(LLMStream):
    """The offline answer, word by word, paced by a deterministic pseudo-random delay."""

    def __init__(self, text: str, *, model: str, prompt_tokens: int, delay_ms: tuple[int, int]):
        super().__init__(model=model, prompt_tokens=prompt_tokens)
        self._text = text
        self._delay_ms = delay_ms
        self._words: list[str] | None = None
        self._rng = random.Random(0)

    def _estimate(self, text: str) -> int:
        return count_words(text)

    async def __anext__(self) -> str:
        # Nothing to wait for but the pacing: read the words in place, without the base
        # class's producer task and queue (half of the relay's cost per delta at full speed).
        if self._closed:
            raise StopAsyncIteration
        if self._words is None:
            self._words = _WORD.findall(self._text)
            seed = int.from_bytes(hashlib.sha256(self._text.encode()).digest()[:8], "big")
            self._rng = random.Random(seed)
        low, high = self._delay_ms
        index = len(self._relayed)
        try:
            if index and high:
                await asyncio.sleep(self._rng.randint(low, high) / 1000)
            elif index % UNPACED_BURST == 0:  # unpaced: let other sessions in now and then
                await asyncio.sleep(0)
        except BaseException:  # the reader was cancelled: the stream ends where it got
            await self.aclose()
            raise
        if self._closed:  # closed while pacing (``cancel`` from another task)
            raise StopAsyncIteration
        if index >= len(self._words):
            completion = count_words(self._text)
            prompt = self.usage.prompt_tokens
            self.usage = Usage(prompt, completion, prompt + completion)
            self._finished = self._closed = True
            raise StopAsyncIteration
        word = self._words[index]
        self._relayed.append(word)
        return word

    async def _deltas(self) -> AsyncGenerator[str, None]:
        seed = int.from_bytes(hashlib.sha256(self._text.encode()).digest()[:8], "big")
        rng = random.Random(seed)
        low, high = self._delay_ms
        for i, word in enumerate(_WORD.findall(self._text)):
            if i and high > 0:
                await asyncio.sleep(rng.randint(low, high) / 1000)
            else:
                await asyncio.sleep(0)
            yield word
        completion = count_words(self._text)
        prompt = self.usage.prompt_tokens
        self.usage = Usage(prompt, completion, prompt + completion)


class OfflineProvider:
    """The deterministic offline coach (``LLM_PROVIDER`` offline)."""

    name = "offline"
    model = "runcoach-offline"

    def __init__(self, *, delay_ms: tuple[int, int] = (0, 0)) -> None:
        self.delay_ms = delay_ms

    async def complete(self, request: LLMRequest) -> Completion:
        """The whole answer at once, without pacing."""
        text = answer(request)
        prompt = _prompt_tokens(request)
        completion = count_words(text)
        usage = Usage(prompt, completion, prompt + completion)
        return Completion(text=text, usage=usage, model=self.model)

    def stream(self, request: LLMRequest) -> OfflineStream:
        """The answer word by word (a word and its following whitespace per delta)."""
        return OfflineStream(
            answer(request),
            model=self.model,
            prompt_tokens=_prompt_tokens(request),
            delay_ms=self.delay_ms,
        )

    async def aclose(self) -> None:
        """Nothing to release."""
