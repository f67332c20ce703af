"""The app's screens that emails and pushes link to: the one list of their paths.

Emails link to ``APP_URL`` + one of these paths; a push carries the path alone in its
``data.url`` (the Expo app opens it with its router). The Expo app has a route for
each; ``/unsubscribe/{token}`` is the service's own page. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from runcoach.notifications.models import NotificationType

__all__ = [
    "PATTERNS",
    "is_app_link",
    "is_app_path",
    "notification_path",
    "path",
    "url",
]

PATTERNS: dict[str, str] = {
    "dashboard": "/dashboard",
    "notifications": "/dashboard/notifications",
    "plan": "/plans/{id}",
    "analysis": "/analysis/{id}",
    "notification_settings": "/settings/notifications",
    "billing": "/settings/billing",
    "workout": "/workouts/{id}",
    "unsubscribe": "/unsubscribe/{token}",
}
"""Every path a link may have, by name; ``{...}`` is one path segment."""

_PARAM = re.compile(r"{(\w+)}")
_SEGMENT = r"[A-Za-z0-9._~%-]+"


def _matcher(template: str) -> re.Pattern[str]:
    parts = _PARAM.split(template)  # literal, name, literal, ...
    regex = "".join(re.escape(p) if i % 2 == 0 else _SEGMENT for i, p in enumerate(parts))
    return re.compile(f"^{regex}$")


_MATCHERS = tuple(_matcher(p) for p in PATTERNS.values())


def path(name: str, **params: Any) -> str:
    """The path of the screen ``name`` with its parameters (each one path segment, quoted)."""
    template = PATTERNS[name]
    wanted = set(_PARAM.findall(template))
    if set(params) != wanted:
        raise ValueError(f"link {name!r} takes {sorted(wanted)}, got {sorted(params)}")
    return _PARAM.sub(lambda m: quote(str(params[m.group(1)]), safe=""), template)


def url(base: str, name: str, **params: Any) -> str:
    """The absolute URL of the screen ``name`` under the app's ``base`` URL."""
    return base.rstrip("/") + path(name, **params)


def is_app_link(value: str, *, base: str) -> bool:
    """Whether ``value`` is ``base`` + one of ``PATTERNS`` (no query, no fragment)."""
    if not value.startswith(base.rstrip("/") + "/"):
        return False
    rest = value[len(base.rstrip("/")) :]
    return any(m.match(rest) for m in _MATCHERS)


def is_app_path(value: str) -> bool:
    """Whether ``value`` is one of ``PATTERNS`` (a push's ``data.url``)."""
    return any(m.match(value) for m in _MATCHERS)


def notification_path(kind: str, data: Mapping[str, Any]) -> str:
    """The screen a notification opens: its plan or analysis, else the notification list."""
    if kind in (NotificationType.PLAN_CREATED, NotificationType.DAILY_REMINDER) and data.get(
        "plan_id"
    ):
        return path("plan", id=data["plan_id"])
    if kind == NotificationType.ANALYSIS_READY and data.get("analysis_id"):
        return path("analysis", id=data["analysis_id"])
    if kind in (NotificationType.PAYMENT_FAILED, NotificationType.SUBSCRIPTION_CHANGED):
        return path("billing")
    if kind in (
        NotificationType.OVERTRAINING_DETECTED,
        NotificationType.WEEKLY_SUMMARY,
        NotificationType.DAILY_SUMMARY,
    ):
        return path("dashboard")
    return path("notifications")
