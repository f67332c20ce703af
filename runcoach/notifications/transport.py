"""Transport for notification email and push: SendGrid and Expo, or an outbox on disk.

A sender hands one message to a provider and says what became of it: a provider
id, or a :class:`DeliveryError` that says whether a retry can help
(:class:`TransientDeliveryError`) or not (:class:`PermanentDeliveryError`). The
SDKs are synchronous, so each call runs in a thread. The outbox senders
(``EMAIL_BACKEND=outbox``, ``PUSH_BACKEND=outbox``) write files under
``VAR_DIR/outbox`` instead, named after the delivery so that a re-send overwrites.

No Sanic, no database, no Redis: the caller records the outcome.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import http.client
import json
import os
import re
import tempfile
import threading
import urllib.error
from collections.abc import Sequence
from dataclasses import dataclass
from email import quoprimime
from email.header import Header
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Any, Protocol

import requests
import sendgrid
from exponent_server_sdk import PushClient, PushMessage, PushServerError, PushTicket
from python_http_client.exceptions import HTTPError as SendGridHTTPError
from sendgrid.helpers.mail import Category, CustomArg, From, Mail, To
from sendgrid.helpers.mail.exceptions import ApiKeyIncludedException

from runcoach.config import ConfigError, Settings
from runcoach.notifications.emails import RenderedEmail

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

SENDGRID_HOST = "https://api.sendgrid.com"
DEVICE_NOT_REGISTERED = "DeviceNotRegistered"
_REASON_MAX = 300
_SAFE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_EXPO_TOKEN_PREFIXES = ("ExponentPushToken[", "ExpoPushToken[")
SENDGRID_CONCURRENCY = 8  # Mail Send requests in flight per ``send_many``


class DeliveryError(Exception):
    """A provider did not take a message; ``reason`` is short enough for ``last_error``."""

    def __init__(self, reason: str) -> None:
        reason = " ".join(reason.split())
        if len(reason) > _REASON_MAX:
            reason = reason[: _REASON_MAX - 1] + "…"
        super().__init__(reason)
        self.reason = reason


class TransientDeliveryError(DeliveryError):
    """The provider may take the message later: retry (429, 5xx, connection errors, timeouts)."""


class PermanentDeliveryError(DeliveryError):
    """The provider will never take this message: do not retry (other 4xx, bad content)."""


def _retryable(status: int) -> bool:
    """Whether an HTTP error status is worth a retry: 408, 429, 5xx (and non-errors)."""
    return status in (408, 429) or not 400 <= status < 500


def _safe_key(key: str) -> str:
    if not _SAFE_KEY.match(key):
        raise ValueError(f"not a usable delivery key (a file name): {key!r}")
    return key


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# Email ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutgoingEmail:
    """One rendered email to one address; ``key`` (the delivery id) names it."""

    to: str
    to_name: str | None
    email: RenderedEmail
    key: str
    category: str


class EmailSender(Protocol):
    """Sends rendered emails; returns the provider's message ids."""

    async def send(
        self, *, to: str, to_name: str | None, email: RenderedEmail, key: str, category: str
    ) -> str: ...

    async def send_many(self, emails: Sequence[OutgoingEmail]) -> list[str | DeliveryError]:
        """Send each email; per email, its provider id or why it was not taken (same order)."""
        ...


class SendGridSender:
    """SendGrid's v3 Mail Send, through the ``sendgrid`` SDK."""

    def __init__(self, settings: Settings) -> None:
        if not settings.sendgrid_api_key:
            raise ConfigError("EMAIL_BACKEND is sendgrid but SENDGRID_API_KEY is not set")
        host = (settings.sendgrid_base_url or SENDGRID_HOST).rstrip("/")
        self._client = sendgrid.SendGridAPIClient(api_key=settings.sendgrid_api_key, host=host)
        # The SDK sets no timeout; python_http_client copies ``timeout`` to every child
        # client built by attribute access (client.mail.send), and hands it to urllib,
        # which applies it to the connect and to each socket read.
        self._client.client.timeout = settings.provider_timeout_s
        self._from = From(settings.email_from, settings.email_from_name)

    async def send(
        self, *, to: str, to_name: str | None, email: RenderedEmail, key: str, category: str
    ) -> str:
        """Send ``email`` to ``to``; a retry with the same ``key`` is a new SendGrid message."""
        try:
            mail = Mail(
                from_email=self._from,
                to_emails=To(to, to_name),
                subject=email.subject,
                plain_text_content=email.text,
                html_content=email.html,
            )
        except ApiKeyIncludedException as exc:
            raise PermanentDeliveryError(
                "sendgrid: the content looks like a SendGrid API key"
            ) from exc
        mail.category = Category(category)
        mail.custom_arg = CustomArg("delivery_id", key)
        body = mail.get()
        try:
            response = await asyncio.to_thread(self._client.send, body)
        except SendGridHTTPError as exc:
            raise _sendgrid_error(exc) from exc
        except TimeoutError as exc:
            raise TransientDeliveryError("timeout") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise TransientDeliveryError("timeout") from exc
            raise TransientDeliveryError(f"sendgrid unreachable: {exc.reason}") from exc
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            raise TransientDeliveryError(f"sendgrid connection error: {exc!r}") from exc
        return str(response.headers.get("X-Message-Id") or "")

    async def send_many(self, emails: Sequence[OutgoingEmail]) -> list[str | DeliveryError]:
        """One Mail Send request per email, ``SENDGRID_CONCURRENCY`` in flight."""
        gate = asyncio.Semaphore(SENDGRID_CONCURRENCY)

        async def one(out: OutgoingEmail) -> str | DeliveryError:
            async with gate:
                try:
                    return await self.send(
                        to=out.to, to_name=out.to_name, email=out.email, key=out.key,
                        category=out.category,
                    )  # fmt: skip
                except DeliveryError as exc:
                    return exc

        return list(await asyncio.gather(*(one(out) for out in emails)))


def _sendgrid_error(exc: SendGridHTTPError) -> DeliveryError:
    status = int(exc.status_code)
    messages: list[str] = []
    try:
        payload = json.loads(exc.body or b"")
        for error in payload.get("errors") or ():
            if isinstance(error, dict) and error.get("message"):
                messages.append(str(error["message"]))
    except (ValueError, AttributeError, TypeError):
        pass
    detail = "; ".join(messages) or str(exc.reason or "")
    reason = f"sendgrid {status}: {detail}" if detail else f"sendgrid {status}"
    if _retryable(status):
        return TransientDeliveryError(reason)
    return PermanentDeliveryError(reason)


class OutboxEmailSender:
    """Writes each email to ``VAR_DIR/outbox/email/<key>.eml`` instead of sending it."""

    def __init__(self, settings: Settings) -> None:
        self.directory = settings.var_dir / "outbox" / "email"
        self._from = formataddr((settings.email_from_name, settings.email_from), "utf-8")
        self._domain = settings.email_from.rpartition("@")[2] or "runcoach.invalid"

    def path_for(self, key: str) -> Path:
        return self.directory / f"{_safe_key(key)}.eml"

    async def send(
        self, *, to: str, to_name: str | None, email: RenderedEmail, key: str, category: str
    ) -> str:
        """Write the email as an RFC 5322 file. Idempotent: the same ``key`` overwrites."""
        self.path_for(key)  # a key that is no file name is the caller's bug: ValueError
        (result,) = await self.send_many([OutgoingEmail(to, to_name, email, key, category)])
        if isinstance(result, DeliveryError):
            raise result
        return result

    async def send_many(self, emails: Sequence[OutgoingEmail]) -> list[str | DeliveryError]:
        """Write every email (one thread hop for the lot, each file fsynced and renamed)."""
        results: list[str | DeliveryError] = []
        files: list[tuple[int, Path, bytes]] = []
        date = format_datetime(dt.datetime.now(dt.UTC))
        for out in emails:
            try:
                path = self.path_for(out.key)
                data = self._compose(out, date)
            except ValueError as exc:  # UnicodeError too
                results.append(PermanentDeliveryError(f"outbox: {exc}"))
                continue
            files.append((len(results), path, data))
            results.append(f"outbox:{out.key}")
        if files:
            failures = await asyncio.to_thread(_write_all, [(p, data) for _, p, data in files])
            for k, error in failures.items():
                results[files[k][0]] = TransientDeliveryError(f"outbox: {error}")
        return results

    def _compose(self, out: OutgoingEmail, date: str) -> bytes:
        """The message as ``EmailMessage.as_bytes`` would write it, in a twentieth of the time.

        ``multipart/alternative`` (text, then HTML), UTF-8 bodies sent 8bit (readable on
        disk) unless a line is too long for that, RFC 2047 for non-ASCII header text.
        A domain outside ASCII is written in IDNA; a local part outside ASCII
        (it would need SMTPUTF8) is a ``ValueError``.
        """
        to = formataddr((" ".join((out.to_name or "").split()), _ascii_address(out.to)), "utf-8")
        subject = out.email.subject
        if not subject.isascii():  # (an ASCII one is at most 200 characters: no folding)
            subject = Header(subject, "utf-8", header_name="Subject").encode(linesep="\n")
        text, html = _body(out.email.text), _body(out.email.html)
        boundary = f"===============runcoach{os.urandom(8).hex()}=="
        head = (
            f"From: {self._from}\nTo: {to}\nSubject: {subject}\n"
            f"Message-ID: <{out.key}@{self._domain}>\nDate: {date}\n"
            f"X-RunCoach-Delivery: {out.key}\nX-RunCoach-Category: {out.category}\n"
            "MIME-Version: 1.0\n"
            f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n'
        )
        return (
            f"{head}--{boundary}\n{_part('plain', text)}\n"
            f"--{boundary}\n{_part('html', html)}\n--{boundary}--\n"
        ).encode()


def _ascii_address(address: str) -> str:
    local, at, domain = address.rpartition("@")
    if address.isascii() or not at:
        return address
    if not local.isascii():
        raise ValueError(f"{address!r}: a non-ASCII local part needs SMTPUTF8")
    return f"{local}@{domain.encode('idna').decode('ascii')}"


def _body(content: str) -> str:
    """A body with LF line ends and a final newline."""
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    return content if content.endswith("\n") else content + "\n"


def _part(subtype: str, body: str) -> str:
    """One MIME part: 7bit or 8bit when every line fits in 998 octets, else quoted-printable."""
    if max(map(len, body.encode().split(b"\n"))) <= 998:
        cte = "7bit" if body.isascii() else "8bit"
    else:
        # body_encode works on octets spelled as characters: the UTF-8 bytes, one per char.
        cte, body = "quoted-printable", quoprimime.body_encode(body.encode().decode("latin-1"))
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"\nContent-Transfer-Encoding: {cte}\n\n{body}'
    )


def _write_all(files: Sequence[tuple[Path, bytes]]) -> dict[int, str]:
    """Write each file atomically; the ones that failed, by index, with the reason."""
    failures: dict[int, str] = {}
    for k, (path, data) in enumerate(files):
        try:
            _write_atomically(path, data)  # (which makes the directory)
        except OSError as exc:
            failures[k] = f"{type(exc).__name__}: {exc}"
    return failures


def email_sender(settings: Settings) -> EmailSender:
    """The email sender ``settings.email_backend`` names."""
    if settings.email_backend == "sendgrid":
        return SendGridSender(settings)
    if settings.email_backend == "outbox":
        return OutboxEmailSender(settings)
    raise ConfigError(f"email_backend must be sendgrid or outbox, got {settings.email_backend!r}")


# Push ----------------------------------------------------------------------------------------


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
            if _retryable(status):
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
    return text[:_REASON_MAX], code == DEVICE_NOT_REGISTERED


def _expo_server_error(exc: PushServerError) -> DeliveryError:
    """A failed request: 429/5xx (or a malformed answer) transient, other 4xx permanent."""
    status = exc.response.status_code if exc.response is not None else 0
    messages = [
        str(e.get("message") or e.get("code"))
        for e in exc.errors or ()
        if isinstance(e, dict) and (e.get("message") or e.get("code"))
    ]
    reason = f"expo {status}: {'; '.join(messages) or exc.message}"
    if _retryable(status):
        return TransientDeliveryError(reason)
    return PermanentDeliveryError(reason)


class OutboxPushSender:
    """Writes each push to ``VAR_DIR/outbox/push/<hash>.json`` instead of sending it."""

    def __init__(self, settings: Settings) -> None:
        self.directory = settings.var_dir / "outbox" / "push"

    @staticmethod
    def digest(message: PushOut, key: str) -> str:
        """The file's name: from ``key`` and the token, or from the whole message without a key."""
        if key:
            seed = f"{key}\0{message.token}"
        else:
            fields = [message.token, message.title, message.body, message.data, message.priority]
            seed = json.dumps(fields, sort_keys=True, default=str)
        return hashlib.sha256(seed.encode()).hexdigest()[:32]

    async def send(self, messages: list[PushOut], *, key: str = "") -> list[PushTicketResult]:
        """Write one JSON file per message. Idempotent: a re-send overwrites the same files."""
        results = []
        files: list[tuple[Path, bytes]] = []
        for m in messages:
            digest = self.digest(m, key)
            ticket_id = f"outbox-{digest}"
            record = {
                "ticket_id": ticket_id,
                "key": key,
                "to": m.token,
                "title": m.title,
                "body": m.body,
                "data": m.data,
                "priority": m.priority,
                "written_at": dt.datetime.now(dt.UTC).isoformat(),
            }
            data = json.dumps(record, indent=2, default=str).encode()
            files.append((self.directory / f"{digest}.json", data))
            results.append(PushTicketResult(m.token, ticket_id, None, False))

        def write_all() -> None:
            for path, data in files:
                _write_atomically(path, data)

        if files:
            await asyncio.to_thread(write_all)
        return results

    async def receipts(self, ticket_ids: list[str]) -> dict[str, PushReceiptResult]:
        """Every outbox ticket is delivered; other ids have no receipt."""
        return {
            tid: PushReceiptResult(tid, True, None, False)
            for tid in ticket_ids
            if tid.startswith("outbox-")
        }


def push_sender(settings: Settings) -> PushSender:
    """The push sender ``settings.push_backend`` names."""
    if settings.push_backend == "expo":
        return ExpoSender(settings)
    if settings.push_backend == "outbox":
        return OutboxPushSender(settings)
    raise ConfigError(f"push_backend must be expo or outbox, got {settings.push_backend!r}")
