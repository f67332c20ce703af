"""Training plans: request (202 + job), read, complete sessions.

``request_plan`` (the POST) computes the athlete basis from the database, runs the pure
engine once to check the inputs (a bad race date or goal time is a 422 at once, never a
failed plan later), and stores a ``generating`` plan whose ``inputs_key`` is the sha256
of the normalised request, the start date, the basis and the user id; the
``plans.generate`` job (``runcoach.plans.generation``) builds it.

Reuse: a POST whose inputs match the user's newest plan (generating or ready, made in
the last 30 min) answers with that plan instead of a new one. The basis is part of the
key, so a new workout or profile change simply makes a new key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections.abc import Sequence
from dataclasses import asdict

import orjson

from runcoach import changelog, db, jobs, limits, localtime, offload, pagination
from runcoach.athletes import versions
from runcoach.athletes.models import User
from runcoach.errors import Conflict, NotFound, ValidationFailed
from runcoach.limits import LimitName
from runcoach.logs import event
from runcoach.plans import periodisation as engine
from runcoach.plans.models import Plan, PlanSession, PlanStatus
from runcoach.training import service as training_service
from runcoach.workouts import sports
from runcoach.workouts.models import Workout

log = logging.getLogger("runcoach.plans")

REUSE_WINDOW = dt.timedelta(minutes=30)
RESULT_VERSION = 1  # of the inputs key and the cached result: a change makes new keys
BASIS_DAYS = 28
BEST_EFFORT_MIN_M = 3000.0


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
    since = localtime.day_start(since_day, user.timezone)
    rows = await Workout.filter(
        user_id=user.id, sport__in=list(sports.RUNNING), started_at__gte=since
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


def plan_request(plan: Plan, *, start: dt.date) -> engine.PlanRequest:
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
    RateLimited past the user's ``LIMIT_PLANS`` (each request counts, reused or not).
    """
    await limits.hit(LimitName.PLANS, user_id)
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise NotFound("no such user")
    start = localtime.local_today(user.timezone) + dt.timedelta(days=1)
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
        built = await offload.run(engine.build_plan, request, basis)  # pure: the inputs' check
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
            and newest.status in (PlanStatus.GENERATING, PlanStatus.READY)
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
            status=PlanStatus.GENERATING,
            start_date=start,
            end_date=built.race_date,
            using_db=conn,
        )
        await changelog.touch(changelog.ChangeKind.PLANS, user_id=user_id, ids=[plan.id], conn=conn)
        jobs.enqueue("plans.generate", str(plan.id))
    event(log, "plans.requested", user_id=str(user_id), plan_id=str(plan.id), goal=goal)
    return plan, True


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
    plan = await plan_on(user_id=user_id, day=localtime.local_today(user.timezone))
    if plan is None:
        raise NotFound("no active plan")
    return plan


async def plan_on(*, user_id: uuid.UUID, day: dt.date) -> Plan | None:
    """The plan active on ``day``: the newest ready one not ended by then. Read-only."""
    return (
        await Plan.filter(user_id=user_id, status=PlanStatus.READY, end_date__gte=day)
        .order_by("-created_at", "-id")
        .first()
    )


# ``plan_on``'s rule in SQL ($1 the user, $2 the day), for the plain reads below (S608:
# they are made of these constants only)
_ACTIVE_PLAN_ID_SQL = (
    "SELECT p.id FROM plans p WHERE p.user_id = $1 AND p.status = 'ready'"
    " AND p.end_date >= $2 ORDER BY p.created_at DESC, p.id DESC LIMIT 1"
)
# The sessions of the plan ``plan_on`` picks, in one plain query (the dashboard's path).
_PLANNED_SQL = (
    "SELECT s.id FROM plan_sessions s WHERE s.user_id = $1 AND s.date = $2"  # noqa: S608
    f" AND s.plan_id = ({_ACTIVE_PLAN_ID_SQL})"
)
_ACTIVE_PLAN_SQL = (
    "SELECT goal, race_date, weeks FROM plans"  # noqa: S608
    f" WHERE id = ({_ACTIVE_PLAN_ID_SQL})"
)
_UPCOMING_SQL = (
    "SELECT date, week, type, description FROM plan_sessions"  # noqa: S608
    f" WHERE plan_id = ({_ACTIVE_PLAN_ID_SQL}) AND date >= $2 ORDER BY date, key LIMIT $3"
)


def active_plan_read(*, user_id: uuid.UUID, day: dt.date) -> db.Read:
    """The goal, race date and weeks (JSON text) of the plan ``plan_on`` picks, if any."""
    return db.Read(_ACTIVE_PLAN_SQL, (user_id, day))


def upcoming_sessions_read(*, user_id: uuid.UUID, day: dt.date, limit: int) -> db.Read:
    """The first ``limit`` sessions from ``day`` on of the plan ``plan_on`` picks."""
    return db.Read(_UPCOMING_SQL, (user_id, day, limit))


async def planned_sessions(*, user_id: uuid.UUID, day: dt.date) -> list[PlanSession]:
    """The active plan's sessions on ``day`` (usually one; none on a rest day). Read-only.

    One plain query finds them (the dashboard asks on every load, mostly to hear "none");
    the rows are read only when there are some.
    """
    rows = await db.fetch_all(_PLANNED_SQL, user_id, day)
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
        if plan.status != PlanStatus.READY:
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
        await changelog.touch(changelog.ChangeKind.PLANS, user_id=user_id, ids=[plan_id], conn=conn)
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


async def workouts_deleting(*, user_id: uuid.UUID, workout_ids: list[uuid.UUID]) -> None:
    """The ``workouts.deleting`` hook: the plans whose sessions link these workouts change
    (the link is cleared with the workout). In the delete's transaction. Idempotent."""
    linked = PlanSession.filter(user_id=user_id, workout_id__in=workout_ids)
    plan_ids = {row["plan_id"] for row in await linked.values("plan_id")}
    await changelog.touch(changelog.ChangeKind.PLANS, user_id=user_id, ids=plan_ids)
