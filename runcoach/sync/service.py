"""Sync: the changes of a user's synced rows since a cursor, page by page.

The change log is ``runcoach.changelog``'s: every write stamps its rows with the user's
next change number, every delete leaves a tombstone. A page reads the user's counter
first (``hi``), then the rows and tombstones stamped after the cursor and at most ``hi``,
in the order (change number, kind, key); all of those have committed (the changelog's
module docstring says why), so nothing is skipped whatever commits meanwhile. Rows are
read with the ids first, then whole, in the shapes of their own GET routes.

Never cached: an answer is always read from the database.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from runcoach import changelog, db
from runcoach.changelog import ChangeKind
from runcoach.errors import SyncCursorExpired
from runcoach.metrics.models import HealthMetric
from runcoach.notifications.models import Notification
from runcoach.plans.models import Plan, PlanSession
from runcoach.sync import cursor as cursors
from runcoach.sync.cursor import COMPLETE, RANKS, START, TOMBSTONES, Position
from runcoach.workouts import service as workouts_service
from runcoach.workouts.models import Workout

DEFAULT_LIMIT = 200
MAX_LIMIT = 500
PURGE_GRACE = dt.timedelta(days=1)
"""Tombstones live this long past the retention: no cursor still accepted needs them."""

_HI_SQL = "SELECT sync_seq FROM users WHERE id = $1"
_ROWS_SQL = (
    "SELECT id, sync_seq FROM {table} WHERE user_id = $1 AND sync_seq <= $2 AND {after}"
    " ORDER BY sync_seq, id LIMIT {limit}"
)
_TOMBSTONES_SQL = (
    "SELECT id, kind, object_id, sync_seq FROM sync_tombstones WHERE user_id = $1"
    " AND sync_seq <= $2 AND {after} ORDER BY sync_seq, id LIMIT {limit}"
)


@dataclass
class SyncPage:
    """One page of the change log: the rows changed, the ids deleted, where it ends."""

    workouts: list[tuple[Workout, int]] = field(default_factory=list)
    health_metrics: list[HealthMetric] = field(default_factory=list)
    plans: list[tuple[Plan, list[PlanSession]]] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    deleted: dict[ChangeKind, list[uuid.UUID]] = field(
        default_factory=lambda: {kind: [] for kind in RANKS}
    )
    cursor: str = ""
    has_more: bool = False


def _after(rank: int, position: Position, key_type: str) -> tuple[str, list[Any]]:
    """The clause (and its values, $3 on) for entries of ``rank`` after ``position``."""
    if rank > position.rank:
        return "sync_seq >= $3", [position.seq]
    if rank < position.rank:
        return "sync_seq > $3", [position.seq]
    key: Any = int(position.key) if key_type == "bigint" else uuid.UUID(position.key)
    return f"(sync_seq, id) > ($3, $4::{key_type})", [position.seq, key]


async def _entries(
    user_id: uuid.UUID, hi: int, position: Position, limit: int, *, tombstones: bool
) -> list[tuple[int, int, Any, ChangeKind, uuid.UUID, bool]]:
    """(seq, rank, key, kind, object id, deleted) of the first ``limit`` + 1 entries per
    kind after ``position``, merged in the change log's order."""
    found: list[tuple[int, int, Any, ChangeKind, uuid.UUID, bool]] = []
    for rank, kind in enumerate(RANKS):
        clause, values = _after(rank, position, "uuid")
        sql = _ROWS_SQL.format(table=kind.value, after=clause, limit=int(limit) + 1)
        for row in await db.fetch_all(sql, user_id, hi, *values):
            row_id = uuid.UUID(str(row["id"]))
            found.append((row["sync_seq"], rank, row_id, kind, row_id, False))
    if tombstones:
        clause, values = _after(TOMBSTONES, position, "bigint")
        sql = _TOMBSTONES_SQL.format(after=clause, limit=int(limit) + 1)
        for row in await db.fetch_all(sql, user_id, hi, *values):
            object_id = uuid.UUID(str(row["object_id"]))
            kind = ChangeKind(row["kind"])
            found.append((row["sync_seq"], TOMBSTONES, row["id"], kind, object_id, True))
    found.sort(key=lambda e: (e[0], e[1], e[2]))
    return found


async def changes(
    *,
    user_id: uuid.UUID,
    since: str | None,
    limit: int = DEFAULT_LIMIT,
    retention: dt.timedelta,
    now: dt.datetime | None = None,
) -> SyncPage:
    """The changes after the cursor ``since`` (everything the user has without one), at
    most ``limit`` entries, and the cursor to ask with next. Read-only.

    422 for a cursor that is not one; 410 for one older than ``retention``, another
    account's, or ahead of the user's change log (a restored database): sync again
    without a cursor.
    """
    now = now or dt.datetime.now(dt.UTC)
    run_started = now
    position = START
    if since is not None:
        given = cursors.decode(since, user_id=user_id, now=now, retention=retention)
        position, run_started = given.position, given.run_started
    row = await db.fetch_one(_HI_SQL, user_id)
    hi = int(row["sync_seq"]) if row is not None else 0
    if position.seq > hi:
        raise SyncCursorExpired("this cursor is ahead of the account's changes: sync again")
    entries = await _entries(user_id, hi, position, limit, tombstones=since is not None)
    page = SyncPage(has_more=len(entries) > limit)
    entries = entries[:limit]
    if page.has_more:
        seq, rank, key = entries[-1][:3]
        end = Position(seq, rank, str(key))
    else:
        end, run_started = Position(hi, COMPLETE), now
    page.cursor = cursors.encode(user_id=user_id, position=end, run_started=run_started)
    await _load(page, user_id, entries)
    return page


async def _load(
    page: SyncPage,
    user_id: uuid.UUID,
    entries: list[tuple[int, int, Any, ChangeKind, uuid.UUID, bool]],
) -> None:
    """Fill ``page`` with the rows of ``entries`` in their order (a row deleted since the
    ids were read is left out: its tombstone comes with the next page)."""
    wanted: dict[ChangeKind, list[uuid.UUID]] = {kind: [] for kind in RANKS}
    for *_, kind, object_id, gone in entries:
        (page.deleted[kind] if gone else wanted[kind]).append(object_id)

    def in_order(kind: ChangeKind, rows: list[Any]) -> list[Any]:
        by_id = {r.id: r for r in rows}
        return [by_id[i] for i in wanted[kind] if i in by_id]

    if ids := wanted[ChangeKind.WORKOUTS]:
        workouts = in_order(ChangeKind.WORKOUTS, await Workout.filter(user_id=user_id, id__in=ids))
        counts = await workouts_service.hr_sample_counts(workout_ids=ids)
        page.workouts = [(w, counts.get(w.id, 0)) for w in workouts]
    if ids := wanted[ChangeKind.HEALTH_METRICS]:
        days = await HealthMetric.filter(user_id=user_id, id__in=ids)
        page.health_metrics = in_order(ChangeKind.HEALTH_METRICS, days)
    if ids := wanted[ChangeKind.PLANS]:
        plans = in_order(ChangeKind.PLANS, await Plan.filter(user_id=user_id, id__in=ids))
        sessions: dict[uuid.UUID, list[PlanSession]] = {p.id: [] for p in plans}
        for s in await PlanSession.filter(plan_id__in=ids).order_by("date", "key"):
            sessions[s.plan_id].append(s)
        page.plans = [(p, sessions[p.id]) for p in plans]
    if ids := wanted[ChangeKind.NOTIFICATIONS]:
        rows = await Notification.filter(user_id=user_id, id__in=ids)
        page.notifications = in_order(ChangeKind.NOTIFICATIONS, rows)


async def purge_tombstones(*, retention: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Delete the tombstones no accepted cursor needs any more; how many. Idempotent."""
    now = now or dt.datetime.now(dt.UTC)
    return await changelog.purge_tombstones(older_than=now - retention - PURGE_GRACE)
