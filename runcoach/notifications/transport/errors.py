"""What a sender raises when a provider does not take a message: retry, or not."""

from __future__ import annotations

REASON_MAX = 300  # characters: what fits a delivery's ``last_error``


class DeliveryError(Exception):
    """A provider did not take a message; ``reason`` is short enough for ``last_error``."""

    def __init__(self, reason: str) -> None:
        reason = " ".join(reason.split())
        if len(reason) > REASON_MAX:
            reason = reason[: REASON_MAX - 1] + "…"
        super().__init__(reason)
        self.reason = reason


class TransientDeliveryError(DeliveryError):
    """The provider may take the message later: retry (429, 5xx, connection errors, timeouts)."""


class PermanentDeliveryError(DeliveryError):
    """The provider will never take this message: do not retry (other 4xx, bad content)."""


def retryable(status: int) -> bool:
    """Whether an HTTP error status is worth a retry: 408, 429, 5xx (and non-errors)."""
    return status in (408, 429) or not 400 <= status < 500
