"""The messages a sender takes and what it answers, and the two sender protocols."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from runcoach.notifications.emails import RenderedEmail
from runcoach.notifications.transport.errors import DeliveryError


@dataclass(frozen=True, slots=True)
class OutgoingEmail:
    """One rendered email to one address; ``key`` (the delivery id) names it.

    ``headers``: extra headers the caller made (``List-Unsubscribe``...), never user input.
    """

    to: str
    to_name: str | None
    email: RenderedEmail
    key: str
    category: str
    headers: Mapping[str, str] = field(default_factory=dict)


class EmailSender(Protocol):
    """Sends rendered emails; returns the provider's message ids."""

    async def send(
        self, *, to: str, to_name: str | None, email: RenderedEmail, key: str, category: str,
        headers: Mapping[str, str] | None = None,
    ) -> str: ...  # fmt: skip

    async def send_many(self, emails: Sequence[OutgoingEmail]) -> list[str | DeliveryError]:
        """Send each email; per email, its provider id or why it was not taken (same order)."""
        ...


@dataclass(frozen=True, slots=True)
class PushOut:
    """One push notification to one device token."""

    token: str
    title: str
    body: str
    data: dict[str, Any]
    priority: str = "default"


@dataclass(frozen=True, slots=True)
class PushTicketResult:
    """What the provider said at send time about one message (same order as sent)."""

    token: str
    ticket_id: str | None
    error: str | None
    device_not_registered: bool


@dataclass(frozen=True, slots=True)
class PushReceiptResult:
    """What the provider said later (the receipt) about one ticket."""

    ticket_id: str
    ok: bool
    error: str | None
    device_not_registered: bool


class PushSender(Protocol):
    """Sends push notifications and reads their receipts."""

    async def send(self, messages: list[PushOut], *, key: str = "") -> list[PushTicketResult]: ...

    async def receipts(self, ticket_ids: list[str]) -> dict[str, PushReceiptResult]: ...
