"""A stand-in for Expo's push service on loopback, speaking its wire format.

Serves ``POST /--/api/v2/push/send`` and ``POST /--/api/v2/push/getReceipts``
(the paths ``exponent_server_sdk`` appends to its host) from a
``ThreadingHTTPServer`` in a daemon thread, so the real SDK (over ``requests``)
runs end to end, worker subprocesses can reach it, and it keeps answering while
a test's event loop is blocked. Point ``EXPO_BASE_URL`` at ``base_url``.

Scripting: ``unregister_at_send(token)``, ``unregister_at_receipt(token)``,
``fail_next(status, times, raw=None)``, ``withhold_receipts()``; ``reset()``.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections import deque
from dataclasses import dataclass
from typing import Any

from tests.support.standins import JsonPostHandler, LocalServer

SEND_PATH = "/--/api/v2/push/send"
RECEIPTS_PATH = "/--/api/v2/push/getReceipts"
ACCESS_TOKEN = "expo_standin_access_token"
MAX_MESSAGES = 100
_CODES = {
    400: "VALIDATION_ERROR",
    401: "UNAUTHORIZED",
    413: "PUSH_TOO_MANY_NOTIFICATIONS",
    429: "TOO_MANY_REQUESTS",
}


@dataclass
class Sent:
    """One message Expo took (a ticket was issued, ok or error)."""

    token: str
    title: str | None
    body: str | None
    data: dict[str, Any] | None
    priority: str | None
    ticket_id: str | None
    raw: dict[str, Any]


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: Any
    status: int = 0


def not_registered(token: str) -> dict[str, Any]:
    """Expo's per-message error for a token it does not know (any more)."""
    return {
        "status": "error",
        "message": f'"{token}" is not a registered push notification recipient',
        "details": {"error": "DeviceNotRegistered", "expoPushToken": token},
    }


class ExpoStandIn(LocalServer):
    """The server: ``start()`` (or ``with``), point the settings at ``base_url``, ``close()``.

    With ``access_token`` set, requests must carry ``Authorization: Bearer <it>``
    (Expo's "enhanced security for push notifications").
    """

    def __init__(self, access_token: str | None = None) -> None:
        self.access_token = access_token
        super().__init__()
        self.reset()

    # Scripting -----------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget every request, ticket and script."""
        with self._lock:
            self.requests: list[Received] = []
            self.sent: list[Sent] = []
            self.receipt_requests: list[list[str]] = []
            self.tickets: dict[str, str] = {}  # ticket id -> token
            self._failures: deque[tuple[int, str | None]] = deque()
            self._gone_at_send: set[str] = set()
            self._gone_at_receipt: set[str] = set()
            self._withhold = False

    def unregister_at_send(self, token: str) -> None:
        """Tickets for ``token`` say DeviceNotRegistered."""
        with self._lock:
            self._gone_at_send.add(token)

    def unregister_at_receipt(self, token: str) -> None:
        """Tickets for ``token`` are ok, their receipts say DeviceNotRegistered."""
        with self._lock:
            self._gone_at_receipt.add(token)

    def fail_next(self, status: int, times: int = 1, raw: str | None = None) -> None:
        """Answer the next ``times`` requests with ``status``: Expo's JSON errors or ``raw``."""
        with self._lock:
            self._failures.extend([(status, raw)] * times)

    def withhold_receipts(self, on: bool = True) -> None:
        """Receipts are not ready: getReceipts answers no data for any id."""
        with self._lock:
            self._withhold = on

    # Serving -------------------------------------------------------------------------------

    def _answer(self, handler: _Handler, rec: Received) -> None:
        with self._lock:
            self.requests.append(rec)
        if rec.path not in (SEND_PATH, RECEIPTS_PATH):
            handler.reply(rec, 404, _errors("NOT_FOUND", "Not found"))
            return
        if self.access_token and rec.headers.get("authorization") != (
            f"Bearer {self.access_token}"
        ):
            message = "The bearer token is invalid or missing."
            handler.reply(rec, 401, _errors("UNAUTHORIZED", message))
            return
        with self._lock:
            failure = self._failures.popleft() if self._failures else None
        if failure is not None:
            status, raw = failure
            if raw is not None:
                handler.reply(rec, status, raw)
            else:
                code = _CODES.get(status, "INTERNAL_SERVER_ERROR")
                message = "An unknown error occurred." if status >= 500 else code.lower()
                handler.reply(rec, status, _errors(code, message))
            return
        if rec.path == SEND_PATH:
            self._send(handler, rec)
        else:
            self._receipts(handler, rec)

    def _send(self, handler: _Handler, rec: Received) -> None:
        messages = rec.body if isinstance(rec.body, list) else [rec.body]
        expanded: list[tuple[str, dict[str, Any]]] = []
        for message in messages:
            to = message.get("to") if isinstance(message, dict) else None
            tokens = to if isinstance(to, list) else [to]
            if not tokens or not all(isinstance(t, str) and t for t in tokens):
                handler.reply(rec, 400, _errors("VALIDATION_ERROR", '"to" must be a string'))
                return
            expanded.extend((t, message) for t in tokens)
        if len(expanded) > MAX_MESSAGES:
            message = f"You are trying to send more than {MAX_MESSAGES} push notifications."
            handler.reply(rec, 413, _errors("PUSH_TOO_MANY_NOTIFICATIONS", message))
            return
        data = []
        with self._lock:
            for token, message in expanded:
                ticket_id: str | None
                if token in self._gone_at_send:
                    ticket, ticket_id = not_registered(token), None
                else:
                    ticket_id = str(uuid.uuid4())
                    ticket = {"status": "ok", "id": ticket_id}
                    self.tickets[ticket_id] = token
                data.append(ticket)
                self.sent.append(
                    Sent(
                        token=token,
                        title=message.get("title"),
                        body=message.get("body"),
                        data=message.get("data"),
                        priority=message.get("priority"),
                        ticket_id=ticket_id,
                        raw=message,
                    )
                )
        handler.reply(rec, 200, {"data": data})

    def _receipts(self, handler: _Handler, rec: Received) -> None:
        ids = rec.body.get("ids") if isinstance(rec.body, dict) else None
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            handler.reply(rec, 400, _errors("VALIDATION_ERROR", '"ids" must be an array'))
            return
        data: dict[str, Any] = {}
        with self._lock:
            self.receipt_requests.append(list(ids))
            if not self._withhold:
                for ticket_id in ids:
                    token = self.tickets.get(ticket_id)
                    if token is None:
                        continue
                    if token in self._gone_at_receipt:
                        data[ticket_id] = not_registered(token)
                    else:
                        data[ticket_id] = {"status": "ok"}
        handler.reply(rec, 200, {"data": data})


def _errors(code: str, message: str) -> dict[str, Any]:
    return {"errors": [{"code": code, "message": message, "isTransient": code.startswith("INT")}]}


class _Handler(JsonPostHandler):
    def do_POST(self) -> None:
        headers, body = self.read_json()
        rec = Received(path=self.path.split("?", 1)[0], headers=headers, body=body)
        self.server.stand_in._answer(self, rec)  # type: ignore[attr-defined]

    def reply(self, rec: Received, status: int, payload: Any) -> None:
        rec.status = status
        if isinstance(payload, str):
            data, kind = payload.encode(), "text/html"
        else:
            data, kind = json.dumps(payload).encode(), "application/json; charset=utf-8"
        with contextlib.suppress(OSError):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)


ExpoStandIn.handler = _Handler
