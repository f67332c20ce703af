"""Transport for notification email and push: SendGrid and Expo, or an outbox on disk.

A sender hands one message to a provider and says what became of it: a provider
id, or a :class:`DeliveryError` that says whether a retry can help
(:class:`TransientDeliveryError`) or not (:class:`PermanentDeliveryError`). The
SDKs are synchronous, so each call runs in a thread. The outbox senders
(``EMAIL_BACKEND=outbox``, ``PUSH_BACKEND=outbox``) write files under
``VAR_DIR/outbox`` instead, named after the delivery so that a re-send overwrites.

One backend per module: ``sendgrid``, ``expo``, ``outbox``; the messages and the
sender protocols in ``base``, the errors in ``errors``. ``email_sender`` and
``push_sender`` pick the backend the settings name.

No Sanic, no database, no Redis: the caller records the outcome.
"""

from __future__ import annotations

from runcoach.config import ConfigError, Settings
from runcoach.notifications.transport.base import (
    EmailSender,
    OutgoingEmail,
    PushOut,
    PushReceiptResult,
    PushSender,
    PushTicketResult,
)
from runcoach.notifications.transport.errors import (
    DeliveryError,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from runcoach.notifications.transport.expo import ExpoSender
from runcoach.notifications.transport.outbox import OutboxEmailSender, OutboxPushSender
from runcoach.notifications.transport.sendgrid import SendGridSender

__all__ = [
    "DeliveryError",
    "EmailSender",
    "ExpoSender",
    "OutboxEmailSender",
    "OutboxPushSender",
    "OutgoingEmail",
    "PermanentDeliveryError",
    "PushOut",
    "PushReceiptResult",
    "PushSender",
    "PushTicketResult",
    "SendGridSender",
    "TransientDeliveryError",
    "email_sender",
    "push_sender",
]


def email_sender(settings: Settings) -> EmailSender:
    """The email sender ``settings.email_backend`` names."""
    if settings.email_backend == "sendgrid":
        return SendGridSender(settings)
    if settings.email_backend == "outbox":
        return OutboxEmailSender(settings)
    raise ConfigError(f"email_backend must be sendgrid or outbox, got {settings.email_backend!r}")


def push_sender(settings: Settings) -> PushSender:
    """The push sender ``settings.push_backend`` names."""
    if settings.push_backend == "expo":
        return ExpoSender(settings)
    if settings.push_backend == "outbox":
        return OutboxPushSender(settings)
    raise ConfigError(f"push_backend must be expo or outbox, got {settings.push_backend!r}")
