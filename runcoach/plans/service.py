"""Training plans: request (202 + job), build with coaching tips, read, complete sessions.

Flow
----
``request_plan`` (the POST) computes the athlete basis from the database, runs the pure
engine once to check the inputs (a bad race date or goal time is a 422 at once, never a
failed plan later), and stores a ``generating`` plan whose ``inputs_key`` is the sha256
of the normalised request, the start date, the basis and the user id. The
``training.generate_plan`` job (``generate_plan`` here) recomputes the basis and the key
(the athlete may have logged a run in between), takes the built result from Redis
(``rc:plan:{inputs_key}``, 30 min) or builds it and asks the LLM for a summary and one
tip per session, then stores weeks, sessions, totals and the ``plan_created`` training
event in one transaction.

Reuse: a POST whose inputs match the user's newest plan (generating or ready, made in
the last 30 min) answers with that plan instead of a new one. A new plan whose key has
a cached result (for example after another plan in between) is built from it without
the LLM (``facts["cache"] == "hit"``). The basis is part of the key, so a new workout
or profile change simply makes a new key. Redis down means a cache miss, never an error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any
from zoneinfo import ZoneInfo

import orjson
import redis.asyncio as aioredis
from tortoise import Tortoise
from tortoise.expressions import F

from runcoach import cache as rc_cache
from runcoach import jobs, pagination
from runcoach.athletes import versions
from runcoach.athletes.models import User
from runcoach.coach import context
from runcoach.coach.llm import (
    ChatMessage,
    LLMAuthError,
    LLMBadRequest,
    LLMError,
    LLMRateLimited,
    LLMRequest,
    LLMUnavailable,
    make_provider,
)
from runcoach.coach.llm.offline import plan_answer
from runcoach.coach.snapshot import AthleteSnapshot, render
from runcoach.config import Settings
from runcoach.errors import Conflict, NotFound, ValidationFailed
from runcoach.logs import event
from runcoach.plans import periodisation as engine
from runcoach.plans.models import Plan, PlanSession
from runcoach.training import service as training_service
from runcoach.training.models import TrainingEvent
from runcoach.workouts.models import Workout

log = logging.getLogger("runcoach.plans")

PLAN_CREATED_EVENT = "plan_created"
REUSE_WINDOW = dt.timedelta(minutes=30)
STUCK_AFTER = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 4  # the actor's max_retries is MAX_ATTEMPTS - 1
GIVE_UP_ATTEMPTS = 2 * MAX_ATTEMPTS  # sweeps of a plan whose worker keeps dying
RESULT_VERSION = 1
RUN_SPORTS = ("run", "trail_run", "treadmill")
BASIS_DAYS = 28
BEST_EFFORT_MIN_M = 3000.0


class PlanRetry(Exception):
    """The LLM is unavailable or rate limited: let Dramatiq retry the job with backoff."""


# --- the athlete basis --------------------------------------------------------------------


def _best_pace(runs: Sequence[tuple[float, float]]) -> float | None:
    """The best recent effort (runs >= 3 km) as a 10k pace, s/km (Daniels' VDOT).

    Each run's VDOT is what the Daniels-Gilbert model gives it as a race effort; easy
    runs score low, so the maximum is the best effort. Its predicted 10k time / 10 is the
    "best pace" the engine reads as a current 10k race pace. Outside 120..900 s/km: None.
    """
    vdots = [
        engine.vdot_from_race(metres, seconds)
        for metres, seconds in runs
        if metres >= BEST_EFFORT_MIN_M and seconds > 0
    ]
    if not vdots:
        return None
    best = max(vdots)
    if best <= 0:
        return None
    pace = engine.race_time_from_vdot(best, engine.BEST_PACE_DISTANCE_M) / 10.0
    low, high = engine.PACE_BOUNDS_S_PER_KM
    return round(pace, 1) if low <= pace <= high else None


async def athlete_basis(*, user: User, today: dt.date) -> engine.AthleteBasis:
    """What the last 28 local days of running say about the athlete. Idempotent (read-only).

    Weekly distance is the 28-day total / 4, the longest run the longest of them, the best
    pace from ``_best_pace``, HR zones the ones in force, CTL today's. Threshold pace is
    left unknown: without a threshold test or lap data a run's average pace says little
    about it, and the best-effort VDOT already gives Daniels' threshold pace.
    """
    since_day = today - dt.timedelta(days=BASIS_DAYS - 1)
    since = dt.datetime.combine(since_day, dt.time.min, tzinfo=ZoneInfo(user.timezone))
    rows = await Workout.filter(
        user_id=user.id, sport__in=RUN_SPORTS, started_at__gte=since
    ).values_list("distance_m", "moving_time_s", "duration_s")
    distances = [float(d) for d, _, _ in rows if d]
    efforts = [(float(d), float(m or s)) for d, m, s in rows if d and (m or s)]
    zones, _ = await training_service.current_zones(user_id=user.id)
    hr_zones = None
    if zones is not None and zones.zones:
        hr_zones = tuple((z.name, z.min_bpm, z.max_bpm) for z in zones.zones)
    series, _ = await training_service.load_series(user_id=user.id, days=1, today=today)
    ctl = round(series[-1].ctl, 1) if series else None
    return engine.AthleteBasis(
        recent_weekly_m=round(sum(distances) / (BASIS_DAYS / 7)),
        longest_recent_run_m=round(max(distances, default=0.0)),
        best_pace_s_per_km=_best_pace(efforts),
        threshold_pace_s_per_km=None,
        hr_zones=hr_zones,
        ctl=ctl,
    )


def inputs_key(
    *, user_id: uuid.UUID, request: engine.PlanRequest, basis: engine.AthleteBasis
) -> str:
    """sha256 of the normalised request (with its start date), the basis and the user."""
    payload = {
        "v": RESULT_VERSION,
        "user_id": str(user_id),
        "request": asdict(request),
        "basis": asdict(basis),
    }
    raw = orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(raw).hexdigest()


def _plan_request(plan: Plan, *, start: dt.date) -> engine.PlanRequest:
    return engine.PlanRequest(
        goal=plan.goal,
        start=start,
        race_date=plan.race_date,
        days_per_week=plan.days_per_week,
        long_run_day=6 if plan.long_run_day is None else plan.long_run_day,
        target_time_s=plan.target_time_s,
    )


# --- request (the POST) -------------------------------------------------------------------


def _field_of(message: str) -> str:
    """The request field a PlanInputError is about."""
    text = message.lower()
    for needle, name in (
        ("target", "target_time_s"),
        ("days_per_week", "days_per_week"),
        ("long_run_day", "long_run_day"),
        ("unknown goal", "goal"),
        ("race_date", "race_date"),
        ("weeks", "race_date"),
    ):
        if needle in text:
            return name
    return "body"


async def request_plan(
    *,
    user_id: uuid.UUID,
    goal: str,
    race_date: dt.date | None,
    days_per_week: int,
    long_run_day: int,
    target_time_s: int | None,
) -> tuple[Plan, bool]:
    """Queue a plan build (True), or return the same recent plan (False). Idempotent for 30 min.

    Identical inputs within 30 min of the newest plan (generating or ready) answer with
    that plan; anything the engine refuses is a ValidationFailed naming the field.
    """
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise NotFound("no such user")
    start = training_service.local_today(user.timezone) + dt.timedelta(days=1)
    request = engine.PlanRequest(
        goal=goal,
        start=start,
        race_date=race_date,
        days_per_week=days_per_week,
        long_run_day=long_run_day,
        target_time_s=target_time_s,
    )
    basis = await athlete_basis(user=user, today=start - dt.timedelta(days=1))
    try:
        built = engine.build_plan(request, basis)  # pure and fast: the inputs' check
    except engine.PlanInputError as exc:
        field = _field_of(str(exc))
        raise ValidationFailed(str(exc), errors=[{"field": field, "message": str(exc)}]) from None
    key = inputs_key(user_id=user_id, request=request, basis=basis)
    async with jobs.transaction() as conn:
        # One POST per user at a time, so two identical requests give one plan.
        await User.filter(id=user_id).using_db(conn).select_for_update().first()
        newest = await Plan.filter(user_id=user_id).using_db(conn).order_by("-created_at").first()
        if (
            newest is not None
            and newest.inputs_key == key
            and newest.status in ("generating", "ready")
            and newest.created_at > dt.datetime.now(dt.UTC) - REUSE_WINDOW
        ):
            event(log, "plans.reused", user_id=str(user_id), plan_id=str(newest.id))
            return newest, False
        plan = await Plan.create(
            user_id=user_id,
            goal=goal,
            race_date=race_date,
            days_per_week=days_per_week,
            long_run_day=long_run_day,
            target_time_s=target_time_s,
            inputs_key=key,
            status="generating",
            start_date=start,
            end_date=built.race_date,
            using_db=conn,
        )
        jobs.enqueue("training.generate_plan", str(plan.id))
    event(log, "plans.requested", user_id=str(user_id), plan_id=str(plan.id), goal=goal)
    return plan, True


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
        "v": RESULT_VERSION,
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


async def _cached(redis: aioredis.Redis | None, key: str) -> dict[str, Any] | None:
    """The cached result for ``key``; None on a miss, a bad value or Redis down."""
    if redis is None:  # a caller without Redis (a script, a test) builds every plan
        return None
    value = await rc_cache.service().get_json(cache_key(key))
    if not isinstance(value, dict) or value.get("v") != RESULT_VERSION:
        return None
    return value


async def _cache(redis: aioredis.Redis | None, key: str, result: dict[str, Any]) -> None:
    if redis is not None:
        await rc_cache.service().set_json(cache_key(key), result, "computations")


# --- the job ------------------------------------------------------------------------------


async def _claim(plan_id: uuid.UUID) -> Plan | None:
    """Count an attempt on a generating plan; None when there is nothing to do."""
    claimed = await Plan.filter(id=plan_id, status="generating").update(
        attempts=F("attempts") + 1, updated_at=dt.datetime.now(dt.UTC)
    )
    if not claimed:
        return None
    return await Plan.get_or_none(id=plan_id)


async def _fail(plan_id: uuid.UUID, reason: str) -> None:
    await Plan.filter(id=plan_id, status="generating").update(
        status="failed", failure_reason=reason, updated_at=dt.datetime.now(dt.UTC)
    )
    event(log, "plans.failed", logging.WARNING, plan_id=str(plan_id), reason=reason)


async def generate_plan(
    *, plan_id: uuid.UUID, settings: Settings, redis: aioredis.Redis | None
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
        return await _generate(plan=plan, settings=settings, redis=redis, final=final)
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
    *, plan: Plan, settings: Settings, redis: aioredis.Redis | None, final: bool
) -> Plan | None:
    user = await User.get_or_none(id=plan.user_id)
    if user is None:
        await _fail(plan.id, "the athlete's account no longer exists")
        return None
    tomorrow = training_service.local_today(user.timezone) + dt.timedelta(days=1)
    # A plan built late (a retry, the sweep) does not start in the past.
    start = max(plan.start_date or tomorrow, tomorrow)
    request = _plan_request(plan, start=start)
    basis = await athlete_basis(user=user, today=start - dt.timedelta(days=1))
    key = inputs_key(user_id=user.id, request=request, basis=basis)
    result = await _cached(redis, key)
    cache = "hit"
    if result is None:
        cache = "miss"
        try:
            built = engine.build_plan(request, basis)
        except engine.PlanInputError as exc:
            await _fail(plan.id, f"the plan cannot be built from these inputs: {exc}")
            return await Plan.get_or_none(id=plan.id)
        snapshot = await context.build_snapshot(user_id=user.id)
        summary, tips, source, fallback = await _coach_notes(
            built=built, request=request, snapshot=snapshot, settings=settings, final=final
        )
        result = _result(
            built, basis=basis, summary=summary, tips=tips, tips_source=source, fallback=fallback
        )
        if fallback is None:  # a fallback is not cached: a later plan may get the LLM's notes
            await _cache(redis, key, result)
    stored = await _store(plan=plan, key=key, result=result, cache=cache)
    if stored is not None:
        event(log, "plans.ready", plan_id=str(plan.id), cache=cache)
    return stored


async def _store(*, plan: Plan, key: str, result: Mapping[str, Any], cache: str) -> Plan | None:
    """Write the result, mark the plan ready and record the event, in one transaction."""
    now = dt.datetime.now(dt.UTC)
    async with jobs.transaction() as conn:
        locked = await Plan.filter(id=plan.id).using_db(conn).select_for_update().first()
        if locked is None or locked.status != "generating":
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
                status="ready",
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
        await versions.bump(user_id=plan.user_id, using_db=conn)
        recorded = TrainingEvent(
            user_id=plan.user_id,
            kind=PLAN_CREATED_EVENT,
            key=str(plan.id),
            data={"plan_id": str(plan.id), "goal": plan.goal, "race_date": race_date.isoformat()},
        )
        await TrainingEvent.bulk_create(
            [recorded], on_conflict=["user_id", "kind", "key"], ignore_conflicts=True, using_db=conn
        )
        jobs.enqueue("notifications.from_event", str(recorded.id))  # sent after commit
    return await Plan.get_or_none(id=plan.id)


async def sweep_stuck_plans(*, now: dt.datetime | None = None) -> int:
    """Re-enqueue plans left generating for over 10 min. Idempotent (the job is)."""
    now = now or dt.datetime.now(dt.UTC)
    stuck = await Plan.filter(status="generating", updated_at__lt=now - STUCK_AFTER).values_list(
        "id", flat=True
    )
    for plan_id in stuck:
        jobs.enqueue("training.generate_plan", str(plan_id))
    if stuck:
        event(log, "plans.swept", count=len(stuck))
    return len(stuck)


# --- reads --------------------------------------------------------------------------------


async def get_plan(*, user_id: uuid.UUID, plan_id: uuid.UUID) -> Plan:
    """The user's plan, or NotFound (also for another user's). Idempotent (read-only)."""
    plan = await Plan.get_or_none(id=plan_id, user_id=user_id)
    if plan is None:
        raise NotFound("no such plan")
    return plan


async def plan_sessions(*, plan_id: uuid.UUID) -> list[PlanSession]:
    """The plan's sessions by date. Idempotent (read-only)."""
    return await PlanSession.filter(plan_id=plan_id).order_by("date", "key")


async def active_plan(*, user_id: uuid.UUID) -> Plan:
    """The newest ready plan that has not ended (local today), or NotFound. Read-only."""
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise NotFound("no such user")
    plan = await plan_on(user_id=user_id, day=training_service.local_today(user.timezone))
    if plan is None:
        raise NotFound("no active plan")
    return plan


async def plan_on(*, user_id: uuid.UUID, day: dt.date) -> Plan | None:
    """The plan active on ``day``: the newest ready one not ended by then. Read-only."""
    return (
        await Plan.filter(user_id=user_id, status="ready", end_date__gte=day)
        .order_by("-created_at", "-id")
        .first()
    )


# The sessions of the plan ``plan_on`` picks, in one plain query (the dashboard's path).
_PLANNED_SQL = (
    "SELECT s.id FROM plan_sessions s WHERE s.user_id = $1 AND s.date = $2 AND s.plan_id = ("
    "SELECT p.id FROM plans p WHERE p.user_id = $1 AND p.status = 'ready'"
    " AND p.end_date >= $2 ORDER BY p.created_at DESC, p.id DESC LIMIT 1)"
)


async def planned_sessions(*, user_id: uuid.UUID, day: dt.date) -> list[PlanSession]:
    """The active plan's sessions on ``day`` (usually one; none on a rest day). Read-only.

    One plain query finds them (the dashboard asks on every load, mostly to hear "none");
    the rows are read only when there are some.
    """
    rows = await Tortoise.get_connection("default").execute_query_dict(_PLANNED_SQL, [user_id, day])
    if not rows:
        return []
    return list(await PlanSession.filter(id__in=[r["id"] for r in rows]).order_by("key"))


async def list_plans(
    *, user_id: uuid.UUID, cursor: str | None = None, limit: int = 20
) -> tuple[list[Plan], str | None]:
    """A page of the user's plans, newest first, and the next cursor. Read-only."""
    return await pagination.newest_first(
        Plan.filter(user_id=user_id), field="created_at", limit=limit, cursor=cursor
    )


# --- completing sessions -------------------------------------------------------------------


def compliance(
    *,
    planned_distance_m: float | None,
    planned_duration_s: float | None,
    actual_distance_m: float | None,
    actual_duration_s: float | None,
) -> float | None:
    """100 x (1 - mean relative error of the targets both sides have), 0..100, 1 decimal.

    Each relative error is ``|actual - planned| / planned`` capped at 1; None when no
    target can be compared (for example a workout without distance and no duration).
    """
    errors = []
    for planned, actual in (
        (planned_distance_m, actual_distance_m),
        (planned_duration_s, actual_duration_s),
    ):
        if planned and planned > 0 and actual is not None:
            errors.append(min(1.0, abs(actual - planned) / planned))
    if not errors:
        return None
    score = 100.0 * (1.0 - sum(errors) / len(errors))
    return round(min(100.0, max(0.0, score)), 1)


async def update_session(
    *,
    user_id: uuid.UUID,
    plan_id: uuid.UUID,
    session_id: uuid.UUID,
    completed: bool,
    workout_id: uuid.UUID | None,
    link_given: bool,
) -> tuple[PlanSession, Plan]:
    """Mark a session done (optionally with its workout) or not done. Idempotent.

    ``link_given`` False keeps the current workout link. The plan row is locked and its
    ``completed_sessions`` recounted in the same transaction, so concurrent updates keep
    the count right. A plan that is not ready is a Conflict; a workout that is not the
    user's is a ValidationFailed on ``workout_id``.
    """
    now = dt.datetime.now(dt.UTC)
    async with jobs.transaction() as conn:
        plan = (
            await Plan.filter(id=plan_id, user_id=user_id)
            .using_db(conn)
            .select_for_update()
            .first()
        )
        if plan is None:
            raise NotFound("no such plan")
        if plan.status != "ready":
            raise Conflict(f"the plan is {plan.status}: only a ready plan's sessions change")
        session = await PlanSession.filter(id=session_id, plan_id=plan_id).using_db(conn).first()
        if session is None:
            raise NotFound("no such session")
        if not completed:
            if link_given and workout_id is not None:
                raise ValidationFailed(
                    errors=[{"field": "workout_id", "message": "only a completed session has one"}]
                )
            session.completed = False
            session.completed_at = None
            session.workout_id = None
            session.compliance = None
        else:
            if not session.completed:
                session.completed = True
                session.completed_at = now
            if link_given:
                if workout_id is None:
                    session.workout_id = None
                    session.compliance = None
                else:
                    workout = (
                        await Workout.filter(id=workout_id, user_id=user_id).using_db(conn).first()
                    )
                    if workout is None:
                        raise ValidationFailed(
                            errors=[{"field": "workout_id", "message": "no such workout"}]
                        )
                    session.workout_id = workout.id
                    session.compliance = compliance(
                        planned_distance_m=session.target_distance_m,
                        planned_duration_s=session.target_duration_s,
                        actual_distance_m=workout.distance_m,
                        actual_duration_s=workout.moving_time_s or workout.duration_s,
                    )
        await session.save(
            using_db=conn,
            update_fields=["completed", "completed_at", "workout_id", "compliance"],
        )
        done = await PlanSession.filter(plan_id=plan_id, completed=True).using_db(conn).count()
        await Plan.filter(id=plan_id).using_db(conn).update(completed_sessions=done, updated_at=now)
        await versions.bump(user_id=user_id, using_db=conn)
        plan.completed_sessions = done
    event(
        log,
        "plans.session_updated",
        plan_id=str(plan_id),
        session_id=str(session_id),
        completed=completed,
    )
    return session, plan
