"""The cross-domain event log: what a domain records for others to react to, and who reacts.

A domain that must set off work in a later one (DESIGN.md's order) does not import it:
it records an ``Event`` in its write's transaction with ``record_event``. ``REACTIONS``
is the one table of which actors follow which kind of event; they are sent by name
after the commit, and only for an event this call really inserted (an event is unique
per user, kind and key, so recording it twice reacts once). The database stays the
source of truth: the clock's sweeps re-send what a crash between commit and send lost.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

import orjson
from tortoise import fields
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from runcoach import db, jobs

__all__ = ["REACTIONS", "Event", "EventKind", "kinds_followed_by", "record_event"]


class EventKind(StrEnum):
    """What happened."""

    PLAN_CREATED = "plan_created"
    ANALYSIS_READY = "analysis_ready"
    OVERTRAINING_DETECTED = "overtraining_detected"


REACTIONS: dict[EventKind, tuple[str, ...]] = {
    EventKind.PLAN_CREATED: ("notifications.from_event",),
    EventKind.ANALYSIS_READY: ("notifications.from_event",),
    EventKind.OVERTRAINING_DETECTED: ("notifications.from_event",),
}
"""The actors each kind of event sets off, by name, each given the event's id."""


def kinds_followed_by(actor_name: str) -> tuple[EventKind, ...]:
    """The kinds of event that ``actor_name`` reacts to (its sweep looks for those)."""
    return tuple(kind for kind, actors in REACTIONS.items() if actor_name in actors)


class Event(Model):
    """Something a domain recorded for others to react to, once per (user, kind, key)."""

    id = fields.UUIDField(primary_key=True)
    user_id: uuid.UUID
    user: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.User", related_name="events", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(EventKind, max_length=40)
    key = fields.CharField(max_length=80)
    data: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "training_events"
        unique_together = (("user", "kind", "key"),)


_INSERT_SQL = (
    "INSERT INTO training_events (id, user_id, kind, key, data, created_at)"
    " VALUES ($1, $2, $3, $4, $5::jsonb, now())"
    " ON CONFLICT (user_id, kind, key) DO NOTHING RETURNING id"
)


async def record_event(
    *,
    user_id: uuid.UUID,
    kind: EventKind,
    key: str,
    data: dict[str, Any],
    using_db: BaseDBAsyncClient | None = None,
) -> uuid.UUID | None:
    """Record the event once and send its reactions after the commit. Idempotent.

    Returns the new event's id, or None when (user, kind, key) was already recorded:
    then nothing is sent, as the first recording already set its reactions off.
    """
    rows = await db.fetch_all(
        _INSERT_SQL,
        uuid.uuid4(),
        user_id,
        kind.value,
        key,
        orjson.dumps(data).decode(),
        conn=using_db,
    )
    if not rows:
        return None
    event_id: uuid.UUID = rows[0]["id"]
    for actor_name in REACTIONS[kind]:
        jobs.enqueue(actor_name, str(event_id))  # after the commit, inside a transaction
    return event_id
