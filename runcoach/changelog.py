"""The change log offline clients sync from: a counter per user, stamped rows, tombstones.

Every write of a synced row (a workout, a health-metrics day, a plan, a notification)
calls ``touch`` in its own transaction, and every delete ``deleted``. Each takes the
user's next change number (``users.sync_seq``) with ``UPDATE ... RETURNING`` and stamps
it, in the same statement, on the rows written (their ``sync_seq``) or on a tombstone
per row deleted.

Why that is enough for a cursor (``runcoach.sync`` reads it): the UPDATE locks the
user's row until the transaction ends, so the writes of one user take their numbers one
after the other, in commit order. A number is therefore visible (committed on the user's
row) only once its own write and the writes of every smaller number have committed. A
reader that first reads the user's counter ``hi`` and then the rows stamped at most
``hi`` sees all of them, whatever commits meanwhile; what commits later has a number
above ``hi`` and is read by the next sync. A global sequence or a timestamp would not
do: a write could take a smaller value than another and commit after it.

A touch outside a transaction is one statement (counter and stamp together); the write
it stamps must share its transaction, or the row could commit unstamped.

Tombstones older than ``SYNC_RETENTION_DAYS`` (plus a day) are purged by the clock
(``purge_tombstones``); a sync cursor older than the retention is refused (410), so no
client misses a deletion whose tombstone is gone.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from enum import StrEnum

from tortoise import fields
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from runcoach import db

__all__ = ["ChangeKind", "Tombstone", "deleted", "purge_tombstones", "touch", "touch_rows"]


class ChangeKind(StrEnum):
    """A kind of synced row; its value is its table's name and its key in ``/sync``."""

    WORKOUTS = "workouts"
    HEALTH_METRICS = "health_metrics"
    PLANS = "plans"
    NOTIFICATIONS = "notifications"


class Tombstone(Model):
    """A deleted synced row: who, what, and the change number of its deletion."""

    id = fields.BigIntField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="tombstones", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(ChangeKind, max_length=16)
    object_id = fields.UUIDField()
    sync_seq = fields.BigIntField()
    deleted_at = fields.DatetimeField(db_index=True)

    class Meta:
        table = "sync_tombstones"
        indexes = (("user", "sync_seq"),)


_NEXT = "WITH s AS (UPDATE users SET sync_seq = sync_seq + 1 WHERE id = $1 RETURNING sync_seq)"
_LOCK_MANY = (
    "WITH l AS (SELECT id FROM users WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE),"
    " s AS (UPDATE users u SET sync_seq = u.sync_seq + 1 FROM l WHERE u.id = l.id"
    " RETURNING u.id, u.sync_seq)"
)
# The tables are ChangeKind's values (constants), never input.
_TOUCH = {
    kind: f"{_NEXT} UPDATE {kind.value} t SET sync_seq = s.sync_seq FROM s WHERE"  # noqa: S608
    " t.user_id = $1 AND t.id = ANY($2::uuid[])"
    for kind in ChangeKind
}
_TOUCH_MANY = {
    kind: f"{_LOCK_MANY} UPDATE {kind.value} t SET sync_seq = s.sync_seq FROM s WHERE"  # noqa: S608
    " t.user_id = s.id AND t.id = ANY($2::uuid[])"
    for kind in ChangeKind
}
_DELETED = (
    f"{_NEXT} INSERT INTO sync_tombstones (user_id, kind, object_id, sync_seq, deleted_at)"  # noqa: S608
    " SELECT $1, $2, o.id, s.sync_seq, $4 FROM s, unnest($3::uuid[]) AS o(id)"
)
_PURGE = "DELETE FROM sync_tombstones WHERE deleted_at < $1"


async def touch(
    kind: ChangeKind,
    *,
    user_id: uuid.UUID,
    ids: Iterable[uuid.UUID],
    conn: BaseDBAsyncClient | None = None,
) -> None:
    """Stamp these rows of the user with their next change number (in the write's
    transaction). Idempotent in effect: a repeat only moves them to a later number."""
    wanted = list(ids)
    if wanted:
        await db.execute(_TOUCH[kind], user_id, wanted, conn=conn)


async def touch_rows(
    kind: ChangeKind,
    rows: Iterable[tuple[uuid.UUID, uuid.UUID]],
    *,
    conn: BaseDBAsyncClient | None = None,
) -> None:
    """``touch`` for (user id, row id) pairs of many users at once (their rows locked in
    id order, so two such batches never deadlock)."""
    pairs = list(rows)
    if pairs:
        users = sorted({u for u, _ in pairs})
        await db.execute(_TOUCH_MANY[kind], users, [i for _, i in pairs], conn=conn)


async def deleted(
    kind: ChangeKind,
    *,
    user_id: uuid.UUID,
    ids: Iterable[uuid.UUID],
    conn: BaseDBAsyncClient | None = None,
    at: dt.datetime | None = None,
) -> None:
    """Record the deletion of these rows of the user (in the delete's transaction)."""
    gone = list(ids)
    if gone:
        when = at or dt.datetime.now(dt.UTC)
        await db.execute(_DELETED, user_id, kind.value, gone, when, conn=conn)


async def purge_tombstones(*, older_than: dt.datetime) -> int:
    """Delete the tombstones recorded before ``older_than``; how many. Idempotent."""
    return await db.execute(_PURGE, older_than)
