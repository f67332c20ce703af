"""Workouts: log, list, read, change, delete, and import from files or devices."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q

from runcoach import changelog, db, jobs, limits, offload, pagination
from runcoach.athletes import versions
from runcoach.athletes.models import User
from runcoach.errors import Conflict, NotFound, UnprocessableFile, ValidationFailed
from runcoach.hooks import Hook
from runcoach.limits import LimitName
from runcoach.logs import event
from runcoach.pagination import encode_cursor
from runcoach.workouts import schemas, zones
from runcoach.workouts.activity import ActivityData
from runcoach.workouts.models import Workout, WorkoutStream
from runcoach.workouts.sports import Sport

log = logging.getLogger("runcoach.workouts")

DUPLICATE = "a workout of this sport starting at this time already exists"
# The fields a workout's training load and its day's totals depend on.
LOAD_FIELDS = frozenset({"started_at", "duration_s", "distance_m", "avg_hr", "rpe"})


class LoadsChanged(Protocol):
    """The ``workouts.changed`` hook's handler: answers each workout's (load, source)."""

    async def __call__(
        self, *, user_id: uuid.UUID, workout_ids: list[uuid.UUID], dates: list[datetime]
    ) -> Mapping[uuid.UUID, tuple[float | None, str | None]]: ...


changed: Hook[LoadsChanged] = Hook("workouts.changed")
"""Fired in a workout write's transaction with the workouts written (or deleted) and the
start times they had and have. The training domain connects the refresh of their loads
and of the days they touch: a workout's load is part of the answer to its write."""


class WorkoutsDeleting(Protocol):
    """The ``workouts.deleting`` hook's handler."""

    async def __call__(self, *, user_id: uuid.UUID, workout_ids: list[uuid.UUID]) -> None: ...


deleting: Hook[WorkoutsDeleting] = Hook("workouts.deleting")
"""Fired in a workout delete's transaction before the rows go. The plans domain connects
the stamp of the plans whose sessions link them (the link is cleared with the workout,
so those plans change for ``/sync``)."""


async def _loads_changed(
    user_id: uuid.UUID, workouts: list[Workout], dates: list[datetime]
) -> None:
    """Inside the write's transaction: refresh loads and the touched days, queue the risk."""
    loads = await changed.fire(user_id=user_id, workout_ids=[w.id for w in workouts], dates=dates)
    for workout in workouts:
        workout.load, workout.load_source = loads.get(workout.id, (None, None))
    jobs.enqueue("training.recompute_risk", str(user_id))


def _check_hr_order(avg_hr: float | None, max_hr: float | None) -> None:
    if avg_hr is not None and max_hr is not None and avg_hr > max_hr:
        raise ValidationFailed(
            errors=[{"field": "avg_hr", "message": "avg_hr cannot exceed max_hr"}]
        )


def _pace(workout: Workout) -> float | None:
    """Seconds per km over the moving time (elapsed if unknown); None below 10 m."""
    moving = workout.moving_time_s or workout.duration_s
    if not moving or not workout.distance_m or workout.distance_m < 10:
        return None
    return moving / (workout.distance_m / 1000)


async def create_workout(*, user_id: uuid.UUID, fields: dict[str, Any]) -> Workout:
    """Log a workout by hand (``log_workout`` without telling whether it was a replay)."""
    workout, _created = await log_workout(user_id=user_id, fields=fields)
    return workout


async def log_workout(*, user_id: uuid.UUID, fields: dict[str, Any]) -> tuple[Workout, bool]:
    """Log a workout by hand; answers it and whether it was created now.

    Idempotent by ``client_id``: a replay (even concurrent) answers the workout that id
    made, unchanged, with no second load refresh or event. Without one, a second
    identical workout is a 409.
    """
    client_id = fields.get("client_id")
    if client_id is not None:
        existing = await Workout.get_or_none(user_id=user_id, client_id=client_id)
        if existing is not None:
            return existing, False
    _check_hr_order(fields.get("avg_hr"), fields.get("max_hr"))
    workout = Workout(user_id=user_id, source="manual", **fields)
    workout.avg_pace_s_per_km = _pace(workout)
    try:
        async with jobs.transaction():
            await workout.save()
            await _loads_changed(user_id, [workout], [workout.started_at])
            await changelog.touch(changelog.ChangeKind.WORKOUTS, user_id=user_id, ids=[workout.id])
    except IntegrityError:
        # a concurrent replay won the (user, client_id) unique index: answer its row
        existing = None
        if client_id is not None:
            existing = await Workout.get_or_none(user_id=user_id, client_id=client_id)
        if existing is None:
            raise Conflict(DUPLICATE) from None
        return existing, False
    event(log, "workouts.created", user_id=str(user_id), workout_id=str(workout.id))
    return workout, True


# The list is the hottest read: one parameterised query for the summary columns
# only (no splits or zone JSON), rows as plain dicts, no model objects. Measured
# with bench/http_bench.py: the ORM path spent ~80% of the request in Tortoise.
# Constant columns and clauses; every value is a bound parameter.
_COLUMNS = ", ".join(
    f'"{c}"::text AS "{c}"' if c in schemas.UUID_COLUMNS else f'"{c}"'
    for c in schemas.SUMMARY_COLUMNS
)
_LIST_SQL = " ".join(
    ("SELECT", _COLUMNS, "FROM workouts WHERE {where}",
     "ORDER BY started_at DESC, id DESC LIMIT {limit}")
)  # fmt: skip


async def list_workouts(
    *,
    user_id: uuid.UUID,
    sport: Sport | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    cursor: str | None = None,
    limit: int = 20,
) -> tuple[list[dict[str, Any]], str | None]:
    """A page of the user's workouts (summary rows), newest first, and the next cursor."""
    params: list[Any] = [user_id]
    where = ["user_id = $1"]

    def bind(clause: str, *values: Any) -> None:
        for value in values:
            params.append(value)
            clause = clause.replace("?", f"${len(params)}", 1)
        where.append(clause)

    if sport:
        bind("sport = ?", sport)
    if since:
        bind("started_at >= ?", since)
    if until:
        bind("started_at < ?", until)
    if cursor:
        at, last_id = pagination.cursor_position(cursor)
        bind("(started_at, id) < (?, ?)", at, last_id)
    sql = _LIST_SQL.format(where=" AND ".join(where), limit=int(limit) + 1)
    rows = await db.fetch_all(sql, *params)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1]["started_at"], str(rows[-1]["id"]))
    return rows, next_cursor


async def get_workout(*, user_id: uuid.UUID, workout_id: uuid.UUID) -> Workout:
    """The user's workout, or NotFound (also when it belongs to someone else)."""
    workout = await Workout.get_or_none(id=workout_id, user_id=user_id)
    if workout is None:
        raise NotFound("no such workout")
    return workout


async def hr_sample_count(*, workout_id: uuid.UUID) -> int:
    stream = await WorkoutStream.get_or_none(workout_id=workout_id)
    return len(stream.hr_samples) if stream else 0


async def update_workout(
    *, user_id: uuid.UUID, workout_id: uuid.UUID, changes: dict[str, Any]
) -> Workout:
    """Change a workout's fields. Idempotent."""
    workout = await get_workout(user_id=user_id, workout_id=workout_id)
    for name in ("sport", "started_at", "duration_s"):
        if name in changes and changes[name] is None:
            raise ValidationFailed(errors=[{"field": name, "message": "cannot be null"}])
    _check_hr_order(changes.get("avg_hr", workout.avg_hr), changes.get("max_hr", workout.max_hr))
    old_start = workout.started_at
    for key, value in changes.items():
        setattr(workout, key, value)
    if "distance_m" in changes or "duration_s" in changes:
        workout.avg_pace_s_per_km = _pace(workout)
        changes = {**changes, "avg_pace_s_per_km": workout.avg_pace_s_per_km}
    if changes:
        try:
            async with jobs.transaction():
                await workout.save(update_fields=[*changes.keys(), "updated_at"])
                if LOAD_FIELDS.intersection(changes):
                    await _loads_changed(user_id, [workout], [old_start, workout.started_at])
                else:  # the coach's view of recent workouts still changed (sport, HR, ...)
                    await versions.bump(user_id=user_id, leaderboards="if_listed")
                await changelog.touch(
                    changelog.ChangeKind.WORKOUTS, user_id=user_id, ids=[workout.id]
                )
        except IntegrityError:
            raise Conflict(DUPLICATE) from None
    return workout


async def delete_workout(*, user_id: uuid.UUID, workout_id: uuid.UUID) -> None:
    """Delete a workout, its samples and its share link (a tombstone for ``/sync``)."""
    async with jobs.transaction():
        workout = await Workout.get_or_none(id=workout_id, user_id=user_id)
        if workout is None:
            raise NotFound("no such workout")
        await deleting.fire(user_id=user_id, workout_ids=[workout.id])
        await workout.delete()
        await _loads_changed(user_id, [], [workout.started_at])
        await changelog.deleted(changelog.ChangeKind.WORKOUTS, user_id=user_id, ids=[workout.id])


def _zone_report(activity: ActivityData, user: User) -> dict[str, Any] | None:
    from runcoach.workouts.importers import hr_zone_seconds

    max_hr = zones.estimated_max_hr(
        max_hr=user.max_hr, birth_date=user.birth_date, on=activity.started_at.date()
    ) or (round(activity.max_hr) if activity.max_hr else None)
    if not max_hr or not activity.hr_samples:
        return None
    seconds = hr_zone_seconds(activity.hr_samples, zones.upper_bounds(max_hr))
    return zones.describe(max_hr, seconds)


def _row_fields(activity: ActivityData) -> dict[str, Any]:
    return {
        "sport": activity.sport,
        "started_at": activity.started_at.astimezone(UTC),
        "duration_s": activity.duration_s,
        "moving_time_s": activity.moving_time_s,
        "distance_m": activity.distance_m,
        "elevation_gain_m": activity.elevation_gain_m,
        "avg_hr": activity.avg_hr,
        "max_hr": activity.max_hr,
        "avg_pace_s_per_km": activity.avg_pace_s_per_km,
        "calories": activity.calories,
        "title": (activity.title or None) and activity.title[:200],
        "source": activity.source,
        "external_id": activity.external_id,
        "splits": [
            {
                "index": s.index,
                "distance_m": round(s.distance_m, 1),
                "duration_s": round(s.duration_s, 1),
                "pace_s_per_km": None if s.pace_s_per_km is None else round(s.pace_s_per_km, 1),
                "avg_hr": None if s.avg_hr is None else round(s.avg_hr, 1),
                "elevation_gain_m": None
                if s.elevation_gain_m is None
                else round(s.elevation_gain_m, 1),
            }
            for s in activity.splits
        ],
    }


class OutOfBounds(ValueError):
    """An activity holds a number (or a start) outside a workout's bounds; ``field`` names it."""

    def __init__(self, reason: str, *, field: str | None) -> None:
        super().__init__(reason)
        self.field = field


def check_bounds(activity: ActivityData) -> None:
    """``OutOfBounds`` when ``activity`` could not be logged by hand (``POST /workouts``)."""
    from runcoach.workouts.importers import ImportFailed
    from runcoach.workouts.importers.build import Totals
    from runcoach.workouts.importers.build import check_bounds as check_totals

    try:
        check_totals(
            activity.started_at,
            Totals(
                duration_s=activity.duration_s,
                moving_time_s=activity.moving_time_s,
                distance_m=activity.distance_m,
                elevation_gain_m=activity.elevation_gain_m,
                avg_hr=activity.avg_hr,
                max_hr=activity.max_hr,
                calories=activity.calories,
            ),
        )
    except ImportFailed as exc:
        raise OutOfBounds(exc.reason, field=exc.field) from None


async def store_activity(
    *, user_id: uuid.UUID, activity: ActivityData, device_id: uuid.UUID | None = None
) -> Workout | None:
    """Store a parsed activity with its samples; None when it is already there. Idempotent.

    The activity is held to the bounds of a workout logged by hand whatever its source (a
    file import checks them while parsing; a device sync's summary numbers are checked
    here): ``OutOfBounds`` names the first number outside them.
    """
    check_bounds(activity)
    user = await User.get(id=user_id)
    dup = Q(sport=activity.sport, started_at=activity.started_at)
    if activity.external_id:
        dup |= Q(source=activity.source, external_id=activity.external_id)
    if await Workout.filter(dup, user_id=user_id).exists():
        return None
    try:
        async with jobs.transaction():
            workout = await Workout.create(
                user_id=user_id,
                device_id=device_id,
                hr_zone_seconds=_zone_report(activity, user),
                **_row_fields(activity),
            )
            await WorkoutStream.create(
                workout_id=workout.id, hr_samples=[list(s) for s in activity.hr_samples]
            )
            await _loads_changed(user_id, [workout], [workout.started_at])
            await changelog.touch(changelog.ChangeKind.WORKOUTS, user_id=user_id, ids=[workout.id])
    except IntegrityError:
        return None  # a concurrent import of the same activity won
    event(
        log,
        "workouts.stored",
        user_id=str(user_id),
        workout_id=str(workout.id),
        source=activity.source,
    )
    return workout


async def import_file(*, user_id: uuid.UUID, filename: str, data: bytes) -> Workout:
    """Parse an uploaded .fit/.gpx/.tcx file and store it; 422 unparsable, 409 duplicate,
    429 past the user's ``LIMIT_IMPORTS`` (counted before the file is parsed)."""
    from runcoach.workouts.importers import ImportFailed, parse_activity

    await limits.hit(LimitName.IMPORTS, user_id)

    try:
        activity = await offload.run_in_process(parse_activity, filename, data)
    except ImportFailed as exc:
        event(log, "workouts.import_failed", user_id=str(user_id), reason=exc.reason)
        errors = [{"field": exc.field, "message": exc.reason}] if exc.field else None
        raise UnprocessableFile(exc.reason, errors=errors) from None
    workout = await store_activity(user_id=user_id, activity=activity)
    if workout is None:
        raise Conflict(DUPLICATE)
    return workout


_SAMPLE_COUNTS_SQL = (
    "SELECT workout_id, jsonb_array_length(hr_samples) AS count FROM workout_streams"
    " WHERE workout_id = ANY($1::uuid[])"
)


async def hr_sample_counts(*, workout_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """The HR sample count of each of these workouts that has samples. Read-only."""
    rows = await db.fetch_all(_SAMPLE_COUNTS_SQL, workout_ids)
    return {uuid.UUID(str(r["workout_id"])): int(r["count"]) for r in rows}
