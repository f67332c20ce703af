"""A stand-in for SendGrid's v3 Mail Send on loopback, speaking its wire format.

Serves ``POST /v3/mail/send`` from a ``ThreadingHTTPServer`` in a daemon thread,
so the real ``sendgrid`` SDK (python_http_client over urllib) runs end to end,
worker subprocesses can reach it, and it keeps answering while a test's event
loop is blocked. Point ``SENDGRID_BASE_URL`` at ``base_url``.

Scripting: ``fail_next(status, times)``, ``reject_address(email, ...)``,
``hold(seconds)`` (with the events ``request_started`` and ``request_aborted``);
``reset()`` forgets all of it.
A held request whose client hangs up before the answer lands in ``aborted``,
not ``accepted``: SendGrid never took it.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import select
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from tests.support.standins import JsonPostHandler, LocalServer

PATH = "/v3/mail/send"
API_KEY = "SG.standin_key.0123456789abcdef"

BAD_KEY = "The provided authorization grant is invalid, expired, or revoked"
BAD_ADDRESS = "Does not contain a valid address."
_STATUS_MESSAGES = {
    413: "Payload Too Large",
    429: "too many requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


@dataclass
class Received:
    """One request the stand-in read (whatever became of it)."""

    path: str
    headers: dict[str, str]
    body: Any
    status: int = 0


@dataclass
class Accepted:
    """A message SendGrid took (202)."""

    message_id: str
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def to(self) -> list[dict[str, Any]]:
        return [t for p in self.body.get("personalizations", []) for t in p.get("to", [])]

    @property
    def from_(self) -> dict[str, Any]:
        return dict(self.body.get("from") or {})

    @property
    def subject(self) -> str:
        return str(self.body.get("subject"))

    @property
    def content(self) -> dict[str, str]:
        return {c["type"]: c["value"] for c in self.body.get("content", [])}

    @property
    def categories(self) -> list[str]:
        return list(self.body.get("categories") or [])

    @property
    def delivery_id(self) -> str | None:
        return _delivery_id(self.body)


def _delivery_id(body: dict[str, Any]) -> str | None:
    found = (body.get("custom_args") or {}).get("delivery_id")
    for p in body.get("personalizations") or []:
        if isinstance(p, dict):
            found = (p.get("custom_args") or {}).get("delivery_id", found)
    return str(found) if found is not None else None


def _error(message: str, field: str | None = None) -> dict[str, Any]:
    return {"message": message, "field": field, "help": None}


# headers SendGrid sets itself and refuses in ``headers``
RESERVED_HEADERS = frozenset({
    "x-sg-id", "x-sg-eid", "received", "dkim-signature", "content-type",
    "content-transfer-encoding", "to", "from", "subject", "reply-to", "cc", "bcc",
})  # fmt: skip


def validate(body: Any) -> list[dict[str, Any]]:
    """SendGrid's checks of a v3 body, the ones this project can trip; [] when fine."""
    if not isinstance(body, dict):
        return [_error("Bad Request", None)]
    errors = []
    personalizations = body.get("personalizations")
    if not isinstance(personalizations, list) or not personalizations:
        errors.append(
            _error(
                "The personalizations field is required and must have at least one "
                "personalization.",
                "personalizations",
            )
        )
    else:
        for i, p in enumerate(personalizations):
            to = p.get("to") if isinstance(p, dict) else None
            if not isinstance(to, list) or not to:
                errors.append(
                    _error(
                        "The to array is required for all personalization objects, and must "
                        "have at least one email object with a valid email address.",
                        f"personalizations.{i}.to",
                    )
                )
                continue
            for j, address in enumerate(to):
                email = address.get("email") if isinstance(address, dict) else None
                if not isinstance(email, str) or "@" not in email.strip("@"):
                    errors.append(_error(BAD_ADDRESS, f"personalizations.{i}.to.{j}.email"))
    sender = body.get("from")
    if not isinstance(sender, dict) or "@" not in str(sender.get("email") or ""):
        errors.append(
            _error(
                "The from object must be provided for every email send. It is an object "
                "that requires the email parameter, but may also contain a name parameter.",
                "from.email",
            )
        )
    if not str(body.get("subject") or "").strip():
        errors.append(
            _error(
                "The subject is required. You can get around this requirement if you use a "
                "template with a subject defined or if every personalization has a subject "
                "defined.",
                "subject",
            )
        )
    headers = body.get("headers")
    if headers is not None:
        if not isinstance(headers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        ):
            errors.append(_error("Headers must be an object of string values.", "headers"))
        elif reserved := sorted(k for k in headers if k.lower() in RESERVED_HEADERS):
            errors.append(_error(f"These headers are reserved: {', '.join(reserved)}", "headers"))
    content = body.get("content")
    if not isinstance(content, list) or not content:
        errors.append(
            _error(
                "Unless a valid template_id is provided, the content parameter is required. "
                "There must be at least one defined content block.",
                "content",
            )
        )
    else:
        types = [c.get("type") if isinstance(c, dict) else None for c in content]
        for i, c in enumerate(content):
            if not isinstance(c, dict) or not isinstance(c.get("value"), str) or not c["value"]:
                errors.append(
                    _error(
                        "The content value must be a string at least one character in length.",
                        f"content.{i}.value",
                    )
                )
        if "text/plain" in types and types.index("text/plain") != 0:
            errors.append(
                _error(
                    "If present, text/plain content must be first, followed by text/html, "
                    "followed by any other content.",
                    "content",
                )
            )
    return errors


class SendGridStandIn(LocalServer):
    """The server: ``start()`` (or ``with``), point the settings at ``base_url``, ``close()``."""

    def __init__(self) -> None:
        super().__init__()
        self.request_started = threading.Event()
        self.request_aborted = threading.Event()
        self.reset()

    # Scripting -----------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget every request and every script."""
        with self._lock:
            self.requests: list[Received] = []
            self.accepted: list[Accepted] = []
            self.aborted: list[Received] = []
            self._failures: deque[int] = deque()
            self._rejected: dict[str, tuple[int, str]] = {}
            self._hold_s = 0.0
            self.request_started.clear()
            self.request_aborted.clear()

    def fail_next(self, status: int, times: int = 1) -> None:
        """Answer the next ``times`` authorised requests with ``status`` (e.g. 500, 429)."""
        with self._lock:
            self._failures.extend([status] * times)

    def reject_address(self, email: str, status: int = 400, message: str = BAD_ADDRESS) -> None:
        """Refuse every message to ``email`` with ``status`` and SendGrid's error ``message``."""
        with self._lock:
            self._rejected[email.lower()] = (status, message)

    def hold(self, seconds: float) -> None:
        """Keep each request that long before answering (0: answer at once)."""
        with self._lock:
            self._hold_s = seconds

    def count_for(self, delivery_id: str) -> int:
        """How many accepted messages carry ``custom_args.delivery_id``."""
        with self._lock:
            return sum(1 for a in self.accepted if a.delivery_id == delivery_id)

    # Serving -------------------------------------------------------------------------------

    def _answer(self, handler: _Handler, rec: Received) -> None:
        with self._lock:
            self.requests.append(rec)
            hold_s = self._hold_s
        if hold_s:
            self.request_started.set()
            if _client_left(handler.connection, hold_s, self.closing):
                with self._lock:
                    self.aborted.append(rec)
                self.request_aborted.set()
                return
        if rec.path != PATH:
            handler.reply(rec, 404, {"errors": [_error("not found")]})
            return
        if rec.headers.get("authorization") != f"Bearer {API_KEY}":
            handler.reply(rec, 401, {"errors": [_error(BAD_KEY)]})
            return
        with self._lock:
            failure = self._failures.popleft() if self._failures else None
        if failure is not None:
            message = _STATUS_MESSAGES.get(failure, "error")
            handler.reply(rec, failure, {"errors": [_error(message)]})
            return
        errors = validate(rec.body)
        if errors:
            handler.reply(rec, 400, {"errors": errors})
            return
        for i, p in enumerate(rec.body["personalizations"]):
            for j, address in enumerate(p["to"]):
                with self._lock:
                    rejected = self._rejected.get(address["email"].lower())
                if rejected is not None:
                    status, message = rejected
                    field_name = f"personalizations.{i}.to.{j}.email"
                    handler.reply(rec, status, {"errors": [_error(message, field_name)]})
                    return
        message_id = secrets.token_urlsafe(16)
        with self._lock:
            self.accepted.append(Accepted(message_id, rec.body, rec.headers))
        handler.reply(rec, 202, None, {"X-Message-Id": message_id})


def _client_left(conn: socket.socket, seconds: float, closing: threading.Event) -> bool:
    """Wait ``seconds``; True as soon as the client has closed its end of ``conn``."""
    deadline = time.monotonic() + seconds
    while (remaining := deadline - time.monotonic()) > 0 and not closing.is_set():
        readable, _, _ = select.select([conn], [], [], min(remaining, 0.05))
        if not readable:
            continue
        try:
            if conn.recv(1, socket.MSG_PEEK) == b"":
                return True
        except OSError:
            return True
        # Bytes waiting (a pipelined request): nothing more to learn; just wait.
        time.sleep(max(0.0, deadline - time.monotonic()))
        return False
    return closing.is_set()


class _Handler(JsonPostHandler):
    server_version = "nginx"

    def do_POST(self) -> None:
        headers, body = self.read_json()
        rec = Received(path=self.path, headers=headers, body=body)
        self.server.stand_in._answer(self, rec)  # type: ignore[attr-defined]

    def reply(
        self,
        rec: Received,
        status: int,
        payload: Any,
        extra: dict[str, str] | None = None,
    ) -> None:
        rec.status = status
        data = b"" if payload is None else json.dumps(payload).encode()
        with contextlib.suppress(OSError):
            self.send_response(status)
            if data:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)


SendGridStandIn.handler = _Handler
