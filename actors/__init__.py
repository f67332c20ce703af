"""Dramatiq actors: thin adapters that take ids and call domain services.

``dramatiq actors`` (worker) and ``periodiq actors`` (clock) import this package;
so does the web app, so that ``runcoach.jobs`` knows every actor name.
"""

from actors.setup import ensure_broker
from runcoach.config import get_settings
from runcoach.logs import configure as configure_logging

_settings = get_settings()
configure_logging(level=_settings.log_level, json=_settings.log_json)
ensure_broker(_settings)

from actors import coach, devices, maintenance, notifications, plans, training  # noqa: E402
from runcoach import wiring  # noqa: E402

wiring.connect()  # the hooks the services fire (runcoach.hooks)

__all__ = ["coach", "devices", "maintenance", "notifications", "plans", "training"]
