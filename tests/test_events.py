"""The event log: an event is recorded once per (user, kind, key) and reacted to once."""

from __future__ import annotations

import uuid

import pytest

from runcoach import jobs
from runcoach.events import REACTIONS, Event, EventKind, kinds_followed_by, record_event
from tests.support.athletes import Athlete
from tests.support.jobs import queued_messages

pytestmark = pytest.mark.usefixtures("quiet_queue")


def reactions() -> list[tuple[str, list[str]]]:
    return [(m["actor_name"], m["args"]) for m in queued_messages("notifications")]


async def test_an_event_is_recorded_and_reacted_to_once(athlete: Athlete) -> None:
    user_id = uuid.UUID(athlete.id)
    first = await record_event(
        user_id=user_id, kind=EventKind.ANALYSIS_READY, key="a-1", data={"analysis_id": "x"}
    )
    assert first is not None
    again = await record_event(
        user_id=user_id, kind=EventKind.ANALYSIS_READY, key="a-1", data={"analysis_id": "y"}
    )
    assert again is None  # already recorded: nothing new, nothing sent
    (stored,) = await Event.filter(user_id=user_id)
    assert stored.id == first and stored.kind is EventKind.ANALYSIS_READY
    assert stored.data == {"analysis_id": "x"}
    assert reactions() == [("notifications.from_event", [str(first)])]


async def test_the_reactions_wait_for_the_commit(athlete: Athlete) -> None:
    user_id = uuid.UUID(athlete.id)
    async with jobs.transaction() as conn:
        recorded = await record_event(
            user_id=user_id, kind=EventKind.PLAN_CREATED, key="p-1", data={}, using_db=conn
        )
        assert reactions() == []  # buffered while the transaction is open
    assert reactions() == [("notifications.from_event", [str(recorded)])]
    with pytest.raises(RuntimeError):
        async with jobs.transaction() as conn:
            await record_event(
                user_id=user_id, kind=EventKind.PLAN_CREATED, key="p-2", data={}, using_db=conn
            )
            raise RuntimeError("rolled back")
    assert not await Event.filter(key="p-2").exists()
    assert len(reactions()) == 1


def test_the_table_names_who_follows_each_kind() -> None:
    assert set(kinds_followed_by("notifications.from_event")) == set(EventKind)
    assert kinds_followed_by("no.such_actor") == ()
    assert all(REACTIONS[kind] for kind in EventKind)
