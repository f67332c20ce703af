"""The domains' hooks connected to their handlers: part of the composition root.

``runcoach.hooks`` says why a few reactions of a later domain run inside an earlier
domain's write. This module, like ``runcoach.app``, may import every domain: it is the
one place that says which handler follows which hook. ``create_app`` and the worker
(``runcoach.broker``) call ``connect()``; so does any script that writes through the
services without either.
"""

from __future__ import annotations

from runcoach.athletes import service as athletes_service
from runcoach.auth import service as auth_service
from runcoach.notifications import preferences as notification_preferences
from runcoach.plans import service as plans_service
from runcoach.training import service as training_service
from runcoach.workouts import service as workouts_service

__all__ = ["connect"]


def connect() -> None:
    """Connect every hook to its handler. Idempotent."""
    auth_service.registered.connect(notification_preferences.create_account_defaults)
    athletes_service.profile_changed.connect(training_service.profile_changed)
    workouts_service.changed.connect(training_service.workouts_changed)
    workouts_service.deleting.connect(plans_service.workouts_deleting)
