"""Dramatiq actors: thin adapters that take ids and call domain services.

Dramatiq binds an actor to the global broker when the actor is declared, so the
broker is installed before the modules below are imported. ``create_app(settings)``
installs its settings' broker, then imports this package (so that ``runcoach.jobs``
knows every actor name); ``dramatiq actors`` (worker) and ``periodiq actors``
(clock) import it with no caller, and get the environment's.
"""

from runcoach import broker
from runcoach.config import get_settings
from runcoach.logs import configure as configure_logging

if broker.installed() is None:  # the worker and clock CLIs: no caller installed one
    _settings = get_settings()
    configure_logging(level=_settings.log_level, json=_settings.log_json)
    broker.install(_settings)

from actors import coach, devices, maintenance, notifications, plans, sync, training
from runcoach import wiring

wiring.connect()  # the hooks the services fire (runcoach.hooks)

__all__ = ["coach", "devices", "maintenance", "notifications", "plans", "sync", "training"]
