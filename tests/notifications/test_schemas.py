"""Notification request models stay in step with the notification types."""

from __future__ import annotations

from runcoach.notifications.models import NotificationType
from runcoach.notifications.schemas import PushChoices


def test_push_choices_have_one_field_per_notification_type() -> None:
    assert list(PushChoices.model_fields) == [t.value for t in NotificationType]
