"""Push through Expo's push service, with ``exponent_server_sdk`` (run in a thread)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import requests
from exponent_server_sdk import PushClient, PushMessage, PushServerError, PushTicket

from runcoach.config import Settings
from runcoach.notifications.transport.base import PushOut, PushReceiptResult, PushTicketResult
from runcoach.notifications.transport.errors import (
    REASON_MAX,
    DeliveryError,
    PermanentDeliveryError,
    TransientDeliveryError,
    retryable,
)

DEVICE_NOT_REGISTERED = "DeviceNotRegistered"
_EXPO_TOKEN_PREFIXES = ("ExponentPushToken[", "ExpoPushToken[")


class _PushMessage(PushMessage):
    """The SDK's message, also taking the newer ``ExpoPushToken[...]`` form the API registers.

    The SDK's ``get_payload`` only accepts ``ExponentPushToken[...]`` and raises
    ``ValueError`` otherwise, which would fail the whole batch.
    """

    __slots__ = ()

    def get_payload(self) -> dict[str, Any]:
        legacy = "ExponentPushToken[" + self.to.partition("[")[2]
        payload: dict[str, Any] = PushMessage.get_payload(self._replace(to=legacy))
        payload["to"] = self.to
        return payload


class ExpoSender:
    """Expo's push service, through ``exponent_server_sdk`` (one HTTP session per thread)."""

    def __init__(self, settings: Settings) -> None:
        self._host = (settings.expo_base_url or PushClient.DEFAULT_HOST).rstrip("/")
        self._access_token = settings.expo_access_token
        self._timeout = settings.provider_timeout_s
        self._local = threading.local()

    def _client(self) -> PushClient:
        client: PushClient | None = getattr(self._local, "client", None)
        if client is None:
            session = requests.Session()
            session.headers.update(
                {
                    "accept": "application/json",
                    "accept-encoding": "gzip, deflate",
                    "content-type": "application/json",
                }
            )
            if self._access_token:
                session.headers["Authorization"] = f"Bearer {self._access_token}"
            client = PushClient(host=self._host, session=session, timeout=self._timeout)
            self._local.client = client
        return client

    async def send(self, messages: list[PushOut], *, key: str = "") -> list[PushTicketResult]:
        """Send ``messages``; per-message refusals come back as results. ``key`` is unused."""
        results: list[PushTicketResult | None] = [None] * len(messages)
        batch: list[tuple[int, _PushMessage]] = []
        for i, m in enumerate(messages):
            if m.token.startswith(_EXPO_TOKEN_PREFIXES) and m.token.endswith("]"):
                message = _PushMessage(
                    to=m.token, title=m.title, body=m.body, data=m.data, priority=m.priority
                )
                batch.append((i, message))
            else:
                # Never deliverable: flagged like an unregistered device so the token is dropped.
                results[i] = PushTicketResult(m.token, None, "InvalidPushToken", True)
        if batch:
            tickets = await self._call(self._client().publish_multiple, [m for _, m in batch])
            for (i, _), ticket in zip(batch, tickets, strict=True):
                results[i] = _ticket_result(messages[i].token, ticket)
        return [r for r in results if r is not None]

    async def receipts(self, ticket_ids: list[str]) -> dict[str, PushReceiptResult]:
        """The receipts Expo has for ``ticket_ids``; ids without one yet are absent."""
        if not ticket_ids:
            return {}
        tickets = [PushTicket(None, PushTicket.SUCCESS_STATUS, "", None, tid) for tid in ticket_ids]
        receipts = await self._call(self._client().check_receipts_multiple, tickets)
        wanted = set(ticket_ids)
        out: dict[str, PushReceiptResult] = {}
        for receipt in receipts:
            if receipt.id not in wanted:
                continue
            if receipt.is_success():
                out[receipt.id] = PushReceiptResult(receipt.id, True, None, False)
            else:
                error, unregistered = _error_of(receipt.message, receipt.details)
                out[receipt.id] = PushReceiptResult(receipt.id, False, error, unregistered)
        return out

    async def _call(self, fn: Any, arg: list[Any]) -> Any:
        try:
            return await asyncio.to_thread(fn, arg)
        except PushServerError as exc:
            raise _expo_server_error(exc) from exc
        except requests.HTTPError as exc:
            status = exc.response.status_code if exc.response is not None else 0
            reason = f"expo {status}: {exc.response.reason if exc.response is not None else exc}"
            if retryable(status):
                raise TransientDeliveryError(reason) from exc
            raise PermanentDeliveryError(reason) from exc
        except requests.Timeout as exc:
            raise TransientDeliveryError("timeout") from exc
        except requests.ConnectionError as exc:
            raise TransientDeliveryError(f"expo unreachable: {exc}") from exc
        except requests.RequestException as exc:
            raise TransientDeliveryError(f"expo request failed: {exc!r}") from exc


def _ticket_result(token: str, ticket: PushTicket) -> PushTicketResult:
    if ticket.is_success():
        return PushTicketResult(token, ticket.id or None, None, False)
    error, unregistered = _error_of(ticket.message, ticket.details)
    return PushTicketResult(token, ticket.id or None, error, unregistered)


def _error_of(message: str | None, details: dict[str, Any] | None) -> tuple[str, bool]:
    code = (details or {}).get("error")
    text = ": ".join(str(part) for part in (code, message) if part) or "unknown error"
    return text[:REASON_MAX], code == DEVICE_NOT_REGISTERED


def _expo_server_error(exc: PushServerError) -> DeliveryError:
    """A failed request: 429/5xx (or a malformed answer) transient, other 4xx permanent."""
    status = exc.response.status_code if exc.response is not None else 0
    messages = [
        str(e.get("message") or e.get("code"))
        for e in exc.errors or ()
        if isinstance(e, dict) and (e.get("message") or e.get("code"))
    ]
    reason = f"expo {status}: {'; '.join(messages) or exc.message}"
    if retryable(status):
        return TransientDeliveryError(reason)
    return PermanentDeliveryError(reason)
