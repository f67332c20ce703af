"""Plan generation: the job that builds a requested plan, with the coach's summary and tips.

The ``plans.generate`` job (``generate_plan``) recomputes the athlete basis and the
inputs key (the athlete may have logged a run since the POST), takes the built result
from the cache (a content-addressed entry named by the key, 30 min) or builds it and
asks the LLM for a summary and one tip per session, then stores weeks, sessions,
totals and the ``plan_created`` event in one transaction. A new plan whose key has a
cached result is built from it without the LLM (``facts["cache"] == "hit"``); Redis
down means a cache miss, never an error.

The athlete's snapshot (what the LLM is told of the athlete's numbers) is the coach's
(``runcoach.coach.context``), a later domain: the job's entry point hands its builder
in as ``snapshot_of``, so this module does not import the coach.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict
from typing import Any

import orjson
from tortoise.expressions import F

from runcoach import cache, changelog, jobs, localtime, offload
from runcoach.athletes import versions
from runcoach.athletes.models import User
from runcoach.config import Settings
from runcoach.events import EventKind, record_event
from runcoach.llm import (
    ChatMessage,
    LLMAuthError,
    LLMBadRequest,
    LLMError,
    LLMRateLimited,
    LLMRequest,
    LLMUnavailable,
    make_provider,
)
from runcoach.llm.offline import plan_answer
from runcoach.llm.snapshot import AthleteSnapshot, render
from runcoach.logs import event
from runcoach.plans import periodisation as engine
from runcoach.plans import service
from runcoach.plans.models import Plan, PlanSession, PlanStatus

log = logging.getLogger("runcoach.plans")

__all__ = [
    "MAX_ATTEMPTS",
    "PlanRetry",
    "SnapshotOf",
    "cache_key",
    "generate_plan",
    "sweep_stuck_plans",
]

STUCK_AFTER = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 4  # the actor's max_retries is MAX_ATTEMPTS - 1
GIVE_UP_ATTEMPTS = 2 * MAX_ATTEMPTS  # sweeps of a plan whose worker keeps dying

SnapshotOf = Callable[[uuid.UUID], Awaitable[AthleteSnapshot]]
"""Builds the athlete's snapshot for a user id (the coach's ``build_snapshot``)."""


class PlanRetry(Exception):
    """The LLM is unavailable or rate limited: let Dramatiq retry the job with backoff."""


# --- the result: built plan + tips, as JSON (the cached value) ------------------------------


def _target(s: engine.PlanSession) -> str:
    if s.target_pace_s_per_km is not None:
        fast, slow = s.target_pace_s_per_km
        return f"{fast // 60}:{fast % 60:02d}-{slow // 60}:{slow % 60:02d} /km"
    if s.target_hr_zone is not None:
        return f"HR {s.target_hr_zone}"
    return engine.RPE[s.type]


def _llm_sessions(built: engine.Plan) -> list[dict[str, Any]]:
    return [
        {
            "key": s.key,
            "type": s.type,
            "distance_m": s.target_distance_m,
            "duration_s": s.target_duration_s,
            "target": _target(s),
        }
        for w in built.weeks
        for s in w.sessions
    ]


SYSTEM_PROMPT = (
    "You are RunCoach, a running coach. You get a training plan as a JSON list of sessions. "
    'Answer with one JSON object only: {"summary": "<3-5 sentences on the plan for the '
    'athlete>", "tips": {"<session key>": "<one short coaching tip>"}} with a tip for every '
    "session key. Do not change the sessions."
)


def _llm_prompt(built: engine.Plan, request: engine.PlanRequest) -> str:
    """The user message: context in words, then the sessions as the last JSON list."""
    numbers = ", ".join(f"{k} {v}" for k, v in sorted(built.summary.items()))
    head = (
        f"Goal: {request.goal}. Plan from {built.start} to {built.race_date}, "
        f"{request.days_per_week} running days a week. Plan numbers: {numbers}. "
        "Sessions:\n"
    )
    return head + orjson.dumps(_llm_sessions(built)).decode()


def _parse_notes(text: str) -> tuple[str, dict[str, str]] | None:
    """(summary, tips) from the model's JSON answer, or None when it is not that shape."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        data = orjson.loads(text[start : end + 1])
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    summary, tips = data.get("summary"), data.get("tips")
    if not isinstance(summary, str) or not summary.strip() or not isinstance(tips, dict):
        return None
    return summary.strip(), {k: v.strip() for k, v in tips.items() if isinstance(v, str)}


def _offline_notes(prompt: str, snapshot: AthleteSnapshot) -> tuple[str, dict[str, str]]:
    parsed = _parse_notes(plan_answer(snapshot, prompt))
    assert parsed is not None  # the offline coach always answers the expected shape
    return parsed


async def _coach_notes(
    *,
    built: engine.Plan,
    request: engine.PlanRequest,
    snapshot: AthleteSnapshot,
    settings: Settings,
    final: bool,
) -> tuple[str, dict[str, str], str, str | None]:
    """(summary, tips, source, fallback reason): the LLM's, or the offline coach's.

    The offline coach's deterministic notes stand in when the provider refuses the key
    or the request, or answers something that is not the expected JSON (the reason is
    that error's code, or "invalid_json"). Raises PlanRetry for an unavailable or
    rate-limited provider unless ``final``, where the offline notes stand in too.
    """
    prompt = _llm_prompt(built, request)
    provider = make_provider(settings)
    reason: str
    try:
        completion = await provider.complete(
            LLMRequest(
                messages=(
                    # the athlete's own numbers, so the summary speaks from them
                    ChatMessage(role="system", content=f"{SYSTEM_PROMPT}\n\n{render(snapshot)}"),
                    ChatMessage(role="user", content=prompt),
                ),
                snapshot=snapshot,
                purpose="plan",
            )
        )
        parsed = _parse_notes(completion.text)
        reason = "invalid_json"
    except (LLMUnavailable, LLMRateLimited) as exc:
        if not final:
            raise PlanRetry(exc.code) from exc
        parsed, reason = None, exc.code
    except (LLMAuthError, LLMBadRequest, LLMError) as exc:
        parsed, reason = None, exc.code
    finally:
        await provider.aclose()
    offline_summary, offline_tips = _offline_notes(prompt, snapshot)
    if parsed is None:
        event(log, "plans.tips_fallback", logging.WARNING, reason=reason, provider=provider.name)
        return offline_summary, offline_tips, "offline", reason
    summary, tips = parsed
    # A tip the model left out comes from the offline coach.
    merged = {k: tips.get(k) or offline_tips[k] for k in offline_tips}
    return summary, merged, provider.name, None


def _result(
    built: engine.Plan,
    *,
    basis: engine.AthleteBasis,
    summary: str,
    tips: Mapping[str, str],
    tips_source: str,
    fallback: str | None,
) -> dict[str, Any]:
    """The built plan as JSON-ready data: what the cache holds and the store writes."""
    weeks = [
        {
            "index": w.index,
            "phase": w.phase,
            "is_recovery": w.is_recovery,
            "starts_on": w.starts_on.isoformat(),
            "ends_on": w.ends_on.isoformat(),
            "target_distance_m": w.target_distance_m,
        }
        for w in built.weeks
    ]
    sessions = [
        {
            "key": s.key,
            "week": w.index,
            "date": s.date.isoformat(),
            "type": s.type,
            "intensity": s.intensity,
            "target_distance_m": s.target_distance_m,
            "target_duration_s": s.target_duration_s,
            "target_pace": list(s.target_pace_s_per_km) if s.target_pace_s_per_km else None,
            "target_hr_zone": s.target_hr_zone,
            "description": s.description,
            "tip": tips.get(s.key),
        }
        for w in built.weeks
        for s in w.sessions
    ]
    facts: dict[str, Any] = {
        **built.summary,
        "tips_source": tips_source,
        "tips_fallback": fallback,
        "basis": {k: v for k, v in asdict(basis).items() if k != "hr_zones"},
        "hr_zones": bool(basis.hr_zones),
    }
    return {
        "v": service.RESULT_VERSION,
        "start_date": built.start.isoformat(),
        "end_date": built.race_date.isoformat(),
        "total_distance_m": built.total_distance_m,
        "summary": summary,
        "weeks": weeks,
        "sessions": sessions,
        "facts": facts,
    }


def cache_key(key: str) -> str:
    return f"rc:plan:{key}"


async def _cached(key: str) -> dict[str, Any] | None:
    """The cached result for ``key``; None on a miss, a bad value or Redis down."""
    value = await cache.service().get_json(cache_key(key))
    if not isinstance(value, dict) or value.get("v") != service.RESULT_VERSION:
        return None
    return value


async def _cache(key: str, result: dict[str, Any]) -> None:
    await cache.service().set_json(cache_key(key), result, "computations")


# --- the job ------------------------------------------------------------------------------


async def _claim(plan_id: uuid.UUID) -> Plan | None:
    """Count an attempt on a generating plan; None when there is nothing to do."""
    claimed = await Plan.filter(id=plan_id, status=PlanStatus.GENERATING).update(
        attempts=F("attempts") + 1, updated_at=dt.datetime.now(dt.UTC)
    )
    if not claimed:
        return None
    return await Plan.get_or_none(id=plan_id)


async def _fail(plan_id: uuid.UUID, reason: str) -> None:
    async with jobs.transaction() as conn:
        plan = (
            await Plan.filter(id=plan_id, status=PlanStatus.GENERATING)
            .using_db(conn)
            .select_for_update()
            .first()
        )
        if plan is not None:
            await (
                Plan.filter(id=plan_id)
                .using_db(conn)
                .update(
                    status=PlanStatus.FAILED,
                    failure_reason=reason,
                    updated_at=dt.datetime.now(dt.UTC),
                )
            )
            await changelog.touch(
                changelog.ChangeKind.PLANS, user_id=plan.user_id, ids=[plan_id], conn=conn
            )
    event(log, "plans.failed", logging.WARNING, plan_id=str(plan_id), reason=reason)


async def generate_plan(
    *, plan_id: uuid.UUID, settings: Settings, snapshot_of: SnapshotOf
) -> Plan | None:
    """Build a generating plan and mark it ready (or failed). Idempotent: only once.

    A plan that is not generating (or gone) is left alone and None returned. Raises
    PlanRetry while the LLM is unavailable and attempts remain; on the last attempt the
    offline coach's tips are used instead. An unexpected error is re-raised for a retry,
    and marks the plan failed on the last attempt.
    """
    plan = await _claim(plan_id)
    if plan is None:
        return None
    if plan.attempts > GIVE_UP_ATTEMPTS:
        await _fail(plan_id, f"gave up after {plan.attempts - 1} attempts")
        return await Plan.get_or_none(id=plan_id)
    final = plan.attempts >= MAX_ATTEMPTS
    try:
        return await _generate(plan=plan, settings=settings, snapshot_of=snapshot_of, final=final)
    except PlanRetry:
        event(log, "plans.retry", logging.WARNING, plan_id=str(plan_id), attempt=plan.attempts)
        raise
    except Exception as exc:
        if not final:
            event(
                log,
                "plans.error",
                logging.ERROR,
                plan_id=str(plan_id),
                attempt=plan.attempts,
                error=type(exc).__name__,
            )
            raise
        log.exception("plans.error")
        await _fail(plan_id, f"the plan could not be built (unexpected {type(exc).__name__})")
        return await Plan.get_or_none(id=plan_id)


async def _generate(
    *, plan: Plan, settings: Settings, snapshot_of: SnapshotOf, final: bool
) -> Plan | None:
    user = await User.get_or_none(id=plan.user_id)
    if user is None:
        await _fail(plan.id, "the athlete's account no longer exists")
        return None
    tomorrow = localtime.local_today(user.timezone) + dt.timedelta(days=1)
    # A plan built late (a retry, the sweep) does not start in the past.
    start = max(plan.start_date or tomorrow, tomorrow)
    request = service.plan_request(plan, start=start)
    basis = await service.athlete_basis(user=user, today=start - dt.timedelta(days=1))
    key = service.inputs_key(user_id=user.id, request=request, basis=basis)
    result = await _cached(key)
    cache = "hit"
    if result is None:
        cache = "miss"
        try:
            built = await offload.run(engine.build_plan, request, basis)  # ~5 ms of CPU
        except engine.PlanInputError as exc:
            await _fail(plan.id, f"the plan cannot be built from these inputs: {exc}")
            return await Plan.get_or_none(id=plan.id)
        snapshot = await snapshot_of(user.id)
        summary, tips, source, fallback = await _coach_notes(
            built=built, request=request, snapshot=snapshot, settings=settings, final=final
        )
        result = _result(
            built, basis=basis, summary=summary, tips=tips, tips_source=source, fallback=fallback
        )
        if fallback is None:  # a fallback is not cached: a later plan may get the LLM's notes
            await _cache(key, result)
    stored = await _store(plan=plan, key=key, result=result, cache=cache)
    if stored is not None:
        event(log, "plans.ready", plan_id=str(plan.id), cache=cache)
    return stored


async def _store(*, plan: Plan, key: str, result: Mapping[str, Any], cache: str) -> Plan | None:
    """Write the result, mark the plan ready and record the event, in one transaction."""
    now = dt.datetime.now(dt.UTC)
    async with jobs.transaction() as conn:
        locked = await Plan.filter(id=plan.id).using_db(conn).select_for_update().first()
        if locked is None or locked.status != PlanStatus.GENERATING:
            return None  # done (or failed) by a concurrent run
        rows = []
        for s in result["sessions"]:
            pace = s["target_pace"]
            rows.append(
                PlanSession(
                    plan_id=plan.id,
                    user_id=plan.user_id,
                    key=s["key"],
                    week=s["week"],
                    date=dt.date.fromisoformat(s["date"]),
                    type=s["type"],
                    intensity=s["intensity"],
                    target_distance_m=s["target_distance_m"],
                    target_duration_s=s["target_duration_s"],
                    target_pace_min_s_per_km=pace[0] if pace else None,
                    target_pace_max_s_per_km=pace[1] if pace else None,
                    target_hr_zone=s["target_hr_zone"],
                    description=s["description"],
                    tip=s["tip"],
                )
            )
        await PlanSession.filter(plan_id=plan.id).using_db(conn).delete()
        await PlanSession.bulk_create(rows, using_db=conn)
        facts = {**result["facts"], "cache": cache, "total_distance_m": result["total_distance_m"]}
        race_date = dt.date.fromisoformat(result["end_date"])
        await (
            Plan.filter(id=plan.id)
            .using_db(conn)
            .update(
                status=PlanStatus.READY,
                ready_at=now,
                updated_at=now,
                inputs_key=key,
                start_date=dt.date.fromisoformat(result["start_date"]),
                end_date=race_date,
                summary=result["summary"],
                facts=facts,
                weeks=result["weeks"],
                total_sessions=len(rows),
                completed_sessions=0,
                failure_reason=None,
            )
        )
        await changelog.touch(
            changelog.ChangeKind.PLANS, user_id=plan.user_id, ids=[plan.id], conn=conn
        )
        await versions.bump(user_id=plan.user_id, using_db=conn)
        await record_event(
            user_id=plan.user_id,
            kind=EventKind.PLAN_CREATED,
            key=str(plan.id),
            data={"plan_id": str(plan.id), "goal": plan.goal, "race_date": race_date.isoformat()},
            using_db=conn,
        )
    return await Plan.get_or_none(id=plan.id)


async def sweep_stuck_plans(*, now: dt.datetime | None = None) -> int:
    """Re-enqueue plans left generating for over 10 min. Idempotent (the job is)."""
    now = now or dt.datetime.now(dt.UTC)
    stuck = await Plan.filter(
        status=PlanStatus.GENERATING, updated_at__lt=now - STUCK_AFTER
    ).values_list("id", flat=True)
    for plan_id in stuck:
        jobs.enqueue("plans.generate", str(plan_id))
    if stuck:
        event(log, "plans.swept", count=len(stuck))
    return len(stuck)
