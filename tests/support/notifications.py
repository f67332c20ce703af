"""Notification factories: one made from a training event, its delivery rows."""

from __future__ import annotations

import uuid
from typing import Any

from runcoach.events import Event
from runcoach.notifications import service
from runcoach.notifications.models import Notification, NotificationDelivery
from tests.support.athletes import Athlete

TOKEN = "ExponentPushToken[abcdefghijklmnop]"


async def notify(
    who: Athlete, kind: str = "overtraining_detected", key: str = "d1"
) -> Notification:
    data: dict[str, Any] = {"score": 75, "factors": ["acwr", "tsb"]}
    if kind == "plan_created":
        data = {"plan_id": str(uuid.uuid4()), "goal": "10k", "race_date": "2027-04-01"}
    ev = await Event.create(user_id=who.id, kind=kind, key=key, data=data)
    note = await service.notify_event(event_id=ev.id)
    assert note is not None
    return note


async def rows(note: Notification) -> dict[str, NotificationDelivery]:
    return {d.channel: d for d in await NotificationDelivery.filter(notification_id=note.id)}
