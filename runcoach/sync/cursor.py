"""The /sync cursor: where a client is in its user's change log. Pure, no I/O.

A position is ``(seq, rank, key)``: everything up to change number ``seq`` in the order
(change number, kind's rank, row key), ``rank`` being the kind's place in ``RANKS`` then
the tombstones'; ``COMPLETE`` means all of ``seq``. The cursor also names its user (a
short hash: another account's cursor is refused) and when its sync run began, which
decides when it expires (``runcoach.changelog``: tombstones are purged after the
retention): a run's partial cursors keep the time it began, its last one gets the time
it ended.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass

from runcoach.changelog import ChangeKind
from runcoach.errors import SyncCursorExpired, ValidationFailed
from runcoach.pagination import decode_cursor, encode_cursor

VERSION = 1
RANKS: tuple[ChangeKind, ...] = (
    ChangeKind.WORKOUTS,
    ChangeKind.HEALTH_METRICS,
    ChangeKind.PLANS,
    ChangeKind.NOTIFICATIONS,
)
TOMBSTONES = len(RANKS)  # the tombstones' rank: after the rows of the same change number
COMPLETE = TOMBSTONES + 1  # every change of ``seq``
MAX_KEY = 40


@dataclass(frozen=True, slots=True)
class Position:
    """Everything up to (``seq``, ``rank``, ``key``) in the change log's order."""

    seq: int
    rank: int = COMPLETE
    key: str = ""


START = Position(seq=-1)
"""Before everything: rows never changed since the change log began carry 0."""


@dataclass(frozen=True, slots=True)
class Cursor:
    position: Position
    run_started: dt.datetime


def _tag(user_id: uuid.UUID) -> str:
    return hashlib.blake2b(user_id.bytes, digest_size=6).hexdigest()


def encode(*, user_id: uuid.UUID, position: Position, run_started: dt.datetime) -> str:
    """The opaque cursor for ``position`` of ``user_id``'s change log."""
    millis = int(run_started.timestamp() * 1000)
    return encode_cursor(VERSION, _tag(user_id), position.seq, position.rank, position.key, millis)


def _key_fits(rank: int, key: str) -> bool:
    """A row's key is its UUID; a tombstone's, its number; a complete position has none."""
    if rank == COMPLETE:
        return key == ""
    if rank == TOMBSTONES:
        return key.isascii() and key.isdigit() and len(key) < 19
    try:
        uuid.UUID(key)
    except ValueError:
        return False
    return True


def _malformed() -> ValidationFailed:
    return ValidationFailed(errors=[{"field": "since", "message": "not a valid sync cursor"}])


def decode(cursor: str, *, user_id: uuid.UUID, now: dt.datetime, retention: dt.timedelta) -> Cursor:
    """The cursor's position; 422 when it is not one, 410 (``sync_cursor_expired``) when
    it is another account's or older than ``retention``."""
    try:
        version, tag, seq, rank, key, millis = decode_cursor(cursor, arity=6)
    except ValidationFailed:
        raise _malformed() from None
    ints = (seq, rank, millis)
    if (
        version != VERSION
        or not isinstance(tag, str)
        or not isinstance(key, str)
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in ints)
        or not (0 <= seq < 2**62 and 0 <= rank <= COMPLETE and 0 <= millis < 2**48)
        or len(key) > MAX_KEY
        or not _key_fits(rank, key)
    ):
        raise _malformed()
    if tag != _tag(user_id):
        raise SyncCursorExpired("this cursor belongs to another account: sync again without it")
    run_started = dt.datetime.fromtimestamp(millis / 1000, tz=dt.UTC)
    if run_started < now - retention:
        raise SyncCursorExpired(
            f"cursors older than {retention.days} days expire: sync again without one"
        )
    return Cursor(Position(seq, rank, key), run_started)
