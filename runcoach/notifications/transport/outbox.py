"""The outbox: email and push written as files under ``VAR_DIR/outbox`` instead of sent.

``EMAIL_BACKEND=outbox`` and ``PUSH_BACKEND=outbox``, the embedded default and the
tests' stand-in. Each file is named after the delivery, so a re-send overwrites it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from email import quoprimime
from email.header import Header
from email.utils import format_datetime, formataddr
from pathlib import Path

from runcoach.config import Settings
from runcoach.notifications.emails import RenderedEmail
from runcoach.notifications.transport.base import (
    OutgoingEmail,
    PushOut,
    PushReceiptResult,
    PushTicketResult,
)
from runcoach.notifications.transport.errors import (
    DeliveryError,
    PermanentDeliveryError,
    TransientDeliveryError,
)

_SAFE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


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


class OutboxEmailSender:
    """Writes each email to ``VAR_DIR/outbox/email/<key>.eml`` instead of sending it."""

    def __init__(self, settings: Settings) -> None:
        self.directory = settings.var_dir / "outbox" / "email"
        self._from = formataddr((settings.email_from_name, settings.email_from), "utf-8")
        self._domain = settings.email_from.rpartition("@")[2] or "runcoach.invalid"

    def path_for(self, key: str) -> Path:
        return self.directory / f"{_safe_key(key)}.eml"

    async def send(
        self, *, to: str, to_name: str | None, email: RenderedEmail, key: str, category: str,
        headers: Mapping[str, str] | None = None,
    ) -> str:  # fmt: skip
        """Write the email as an RFC 5322 file. Idempotent: the same ``key`` overwrites."""
        self.path_for(key)  # a key that is no file name is the caller's bug: ValueError
        out = OutgoingEmail(to, to_name, email, key, category, dict(headers or {}))
        (result,) = await self.send_many([out])
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
        extra = "".join(f"{_header_name(k)}: {_header_value(v)}\n" for k, v in out.headers.items())
        head = (
            f"From: {self._from}\nTo: {to}\nSubject: {subject}\n"
            f"Message-ID: <{out.key}@{self._domain}>\nDate: {date}\n"
            f"X-RunCoach-Delivery: {out.key}\nX-RunCoach-Category: {out.category}\n"
            f"{extra}MIME-Version: 1.0\n"
            f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n'
        )
        return (
            f"{head}--{boundary}\n{_part('plain', text)}\n"
            f"--{boundary}\n{_part('html', html)}\n--{boundary}--\n"
        ).encode()


_HEADER_NAME = re.compile(r"^[!-9;-~]+$")  # RFC 5322 ftext


def _header_name(name: str) -> str:
    if not _HEADER_NAME.match(name):
        raise ValueError(f"not a header name: {name!r}")
    return name


def _header_value(value: str) -> str:
    """An ASCII header value on one line (the ones made here are URLs and tokens)."""
    if not value.isascii() or any(ch in value for ch in "\r\n\0"):
        raise ValueError("a header value must be one line of ASCII")
    return value


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


# Push ----------------------------------------------------------------------------------------


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
