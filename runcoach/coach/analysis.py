"""Coach analyses of the recent weeks: requested by the athlete, written by a job.

``request_analysis`` stores a pending row and enqueues ``coach.analyse`` after
commit; ``run_analysis`` (the job) asks the LLM from the athlete snapshot and
the facts of the last six weeks, and stores the answer with an
``analysis_ready`` training event, both at most once. ``sweep_pending``
re-enqueues rows a lost message left pending.

LLM policy: an unavailable or rate-limited provider is retried by Dramatiq
(the row counts ``attempts``); the last attempt, and any refusal of the key or
the request, falls back to the offline coach's deterministic analysis, so an
athlete always gets one. A row is ``failed`` only when its user is gone or an
unexpected error hits the last attempt.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from typing import Any

from tortoise.expressions import F

from runcoach import jobs, limits, pagination
from runcoach.athletes.models import User
from runcoach.coach import context
from runcoach.coach.models import Analysis, AnalysisStatus
from runcoach.config import Settings, get_settings
from runcoach.errors import NotFound
from runcoach.events import EventKind, record_event
from runcoach.limits import LimitName
from runcoach.llm import (
    ChatMessage,
    Completion,
    LLMAuthError,
    LLMBadRequest,
    LLMError,
    LLMProvider,
    LLMRateLimited,
    LLMRequest,
    LLMUnavailable,
    make_provider,
)
from runcoach.llm.offline import OfflineProvider
from runcoach.llm.snapshot import AthleteSnapshot
from runcoach.logs import event
from runcoach.training import pmc, stats
from runcoach.training import service as training_service

log = logging.getLogger("runcoach.coach")

MAX_ATTEMPTS = 5  # the actor's max_retries + 1
FACT_WEEKS = 6
PENDING_DEADLINE = dt.timedelta(minutes=10)
RETRYABLE = (LLMUnavailable, LLMRateLimited)
PERMANENT = (LLMAuthError, LLMBadRequest)


async def request_analysis(*, user_id: uuid.UUID) -> Analysis:
    """Queue an analysis of the recent weeks; a pending one is returned as is. Idempotent.

    RateLimited past the user's ``LIMIT_ANALYSES`` (each request counts)."""
    await limits.hit(LimitName.ANALYSES, user_id)
    async with jobs.transaction() as conn:
        # the user's row lock makes "one pending analysis per user" hold under concurrency
        user = await User.filter(id=user_id).using_db(conn).select_for_update(no_key=True).first()
        if user is None:
            raise NotFound("no such user")
        pending = (
            await Analysis.filter(user_id=user_id, status=AnalysisStatus.PENDING)
            .using_db(conn)
            .order_by("-created_at")
            .first()
        )
        if pending is not None:
            return pending
        analysis = await Analysis.create(user_id=user_id, using_db=conn)
        jobs.enqueue("coach.analyse", str(analysis.id))
    event(log, "coach.analysis_requested", user_id=str(user_id), analysis_id=str(analysis.id))
    return analysis


async def get_analysis(*, user_id: uuid.UUID, analysis_id: uuid.UUID) -> Analysis:
    """The user's analysis, or NotFound (also when it belongs to someone else). Read-only."""
    analysis = await Analysis.get_or_none(id=analysis_id, user_id=user_id)
    if analysis is None:
        raise NotFound("no such analysis")
    return analysis


async def list_analyses(
    *, user_id: uuid.UUID, cursor: str | None = None, limit: int = 20
) -> tuple[list[Analysis], str | None]:
    """A page of the user's analyses, newest first, and the next cursor. Read-only."""
    return await pagination.newest_first(
        Analysis.filter(user_id=user_id), field="created_at", limit=limit, cursor=cursor
    )


# --- the job ----------------------------------------------------------------------------


async def run_analysis(
    *,
    analysis_id: uuid.UUID,
    settings: Settings | None = None,
    provider: LLMProvider | None = None,
) -> Analysis | None:
    """Write a pending analysis; None when there is nothing to do. Idempotent: safe twice.

    Raises the provider's ``LLMUnavailable``/``LLMRateLimited`` before the last attempt
    (for the actor's retry), and any unexpected error before the last attempt.
    ``provider``: the LLM to ask (default: the one ``settings`` name).
    """
    claimed = await Analysis.filter(id=analysis_id, status=AnalysisStatus.PENDING).update(
        attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    analysis = await Analysis.get_or_none(id=analysis_id)
    if analysis is None:  # its user was deleted meanwhile (cascade)
        return None
    final = analysis.attempts >= MAX_ATTEMPTS
    try:
        return await _write(analysis, settings or get_settings(), provider, final=final)
    except NotFound:
        return await _fail(analysis, "the athlete no longer exists")
    except RETRYABLE:
        raise  # _write only lets these through before the last attempt
    except Exception as exc:
        if not final:
            event(
                log,
                "coach.analysis_retry",
                logging.WARNING,
                analysis_id=str(analysis.id),
                error=type(exc).__name__,
                attempts=analysis.attempts,
            )
            raise
        return await _fail(analysis, f"unexpected error: {type(exc).__name__}", exc=exc)


async def _write(
    analysis: Analysis, settings: Settings, provider: LLMProvider | None, *, final: bool
) -> Analysis | None:
    snapshot = await context.build_snapshot(user_id=analysis.user_id)
    facts = await analysis_facts(user_id=analysis.user_id, snapshot=snapshot)
    request = LLMRequest(
        messages=(ChatMessage("user", facts_message(facts)),),
        snapshot=snapshot,
        purpose="analysis",
    )
    owned = provider is None
    llm = provider or make_provider(settings)
    try:
        completion, used = await _complete(analysis, llm, request, final=final)
    finally:
        if owned:
            await llm.aclose()
    stored = await _store(analysis, completion, used, facts)
    if stored is not None:
        event(
            log,
            "coach.analysis_ready",
            analysis_id=str(analysis.id),
            user_id=str(analysis.user_id),
            provider=used,
            attempts=analysis.attempts,
        )
    return stored


async def _complete(
    analysis: Analysis, llm: LLMProvider, request: LLMRequest, *, final: bool
) -> tuple[Completion, str]:
    """The LLM's answer and the provider's name; the offline coach's when the LLM fails."""
    try:
        return await llm.complete(request), llm.name
    except RETRYABLE as exc:
        if not final:
            event(
                log,
                "coach.analysis_retry",
                logging.WARNING,
                analysis_id=str(analysis.id),
                error=exc.code,
                attempts=analysis.attempts,
            )
            raise
        reason = exc.code
    except PERMANENT as exc:
        reason = exc.code
    except LLMError as exc:  # an unknown member of the family: do not keep asking
        reason = exc.code
    event(
        log,
        "coach.llm_fallback",
        logging.WARNING,
        analysis_id=str(analysis.id),
        provider=llm.name,
        error=reason,
    )
    offline = OfflineProvider()
    return await offline.complete(request), offline.name


async def _store(
    analysis: Analysis, completion: Completion, provider: str, facts: dict[str, Any]
) -> Analysis | None:
    """Store the answer and its event once: a concurrent run that stored first wins."""
    now = dt.datetime.now(dt.UTC)
    async with jobs.transaction() as conn:
        updated = (
            await Analysis.filter(id=analysis.id, status=AnalysisStatus.PENDING)
            .using_db(conn)
            .update(
                status=AnalysisStatus.READY,
                content=completion.text,
                facts=facts,
                provider=provider,
                model=completion.model,
                usage=completion.usage.as_dict(),
                period_start=dt.date.fromisoformat(facts["period_start"]),
                period_end=dt.date.fromisoformat(facts["period_end"]),
                ready_at=now,
                failure_reason=None,
            )
        )
        if not updated:
            return None
        await record_event(
            user_id=analysis.user_id,
            kind=EventKind.ANALYSIS_READY,
            key=str(analysis.id),
            data={"analysis_id": str(analysis.id)},
            using_db=conn,
        )
    return await Analysis.get_or_none(id=analysis.id)


async def _fail(
    analysis: Analysis, reason: str, *, exc: Exception | None = None
) -> Analysis | None:
    """Mark a pending analysis failed with ``reason`` (a client-safe sentence)."""
    await Analysis.filter(id=analysis.id, status=AnalysisStatus.PENDING).update(
        status=AnalysisStatus.FAILED, failure_reason=reason
    )
    event(
        log,
        "coach.analysis_failed",
        logging.ERROR if exc is not None else logging.WARNING,
        analysis_id=str(analysis.id),
        error=None if exc is None else type(exc).__name__,
        attempts=analysis.attempts,
        exc_info=exc,
    )
    return await Analysis.get_or_none(id=analysis.id)


async def analysis_facts(*, user_id: uuid.UUID, snapshot: AthleteSnapshot) -> dict[str, Any]:
    """The numbers of the last six local weeks the analysis cites. Read-only.

    Weekly distance, time and load (oldest week first), the CTL change over 42
    days, readiness at the end of each week and its direction, and today's risk.
    """
    today = snapshot.today or dt.date.today()
    zone = snapshot.timezone
    weeks = (
        await stats.period_stats(
            user_id=user_id, period="week", count=FACT_WEEKS, today=today, timezone=zone
        )
    )["periods"]
    weekly = [
        {k: w[k] for k in ("start", "end", "count", "distance_m", "duration_s", "load")}
        for w in reversed(weeks)
    ]
    series, unit = await training_service.load_series(
        user_id=user_id, days=pmc.CTL_DAYS + 1, today=today
    )
    ctl_then, ctl_now = round(series[0].ctl, 1), round(series[-1].ctl, 1)
    points = []
    for n in reversed(range(FACT_WEEKS)):
        day = today - dt.timedelta(days=7 * n)
        score = (await training_service.readiness_on(user_id=user_id, day=day)).score
        points.append({"date": day.isoformat(), "score": score})
    scores = [float(p["score"]) for p in points if p["score"] is not None]
    trend = stats.summarize(scores, lower_is_better=False)
    return {
        "period_start": weeks[-1]["start"],
        "period_end": today.isoformat(),
        "load_unit": unit,
        "weeks": weekly,
        "ctl": {
            "days": pmc.CTL_DAYS,
            "start": ctl_then,
            "end": ctl_now,
            "change": round(ctl_now - ctl_then, 1),
        },
        "readiness": {
            "points": points,
            "direction": trend["direction"],
            "change": trend["change"],
        },
        "risk": {"level": snapshot.risk_level, "factors": list(snapshot.risk_factors)},
    }


def facts_message(facts: dict[str, Any]) -> str:
    """The user message of the analysis request: the six-week facts as compact JSON."""
    body = json.dumps(facts, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    return f"Analyse my last {FACT_WEEKS} weeks of training. Facts (JSON): {body}"


async def sweep_pending(*, now: dt.datetime | None = None) -> int:
    """Re-enqueue analyses left pending past the deadline. Idempotent."""
    now = now or dt.datetime.now(dt.UTC)
    stuck = await Analysis.filter(
        status=AnalysisStatus.PENDING, created_at__lt=now - PENDING_DEADLINE
    ).values_list("id", flat=True)
    for analysis_id in stuck:
        jobs.enqueue("coach.analyse", str(analysis_id))
    if stuck:
        event(log, "coach.analysis_swept", count=len(stuck))
    return len(stuck)
