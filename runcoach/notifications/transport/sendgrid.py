"""Email through SendGrid's v3 Mail Send, with the ``sendgrid`` SDK (run in a thread)."""

from __future__ import annotations

import asyncio
import http.client
import json
import urllib.error
from collections.abc import Mapping, Sequence

import sendgrid
from python_http_client.exceptions import HTTPError as SendGridHTTPError
from sendgrid.helpers.mail import Category, CustomArg, From, Header, Mail, To
from sendgrid.helpers.mail.exceptions import ApiKeyIncludedException

from runcoach.config import ConfigError, Settings
from runcoach.notifications.emails import RenderedEmail
from runcoach.notifications.transport.base import OutgoingEmail
from runcoach.notifications.transport.errors import (
    DeliveryError,
    PermanentDeliveryError,
    TransientDeliveryError,
    retryable,
)

SENDGRID_HOST = "https://api.sendgrid.com"
SENDGRID_CONCURRENCY = 8  # Mail Send requests in flight per ``send_many``


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
        self, *, to: str, to_name: str | None, email: RenderedEmail, key: str, category: str,
        headers: Mapping[str, str] | None = None,
    ) -> str:  # fmt: skip
        """Send ``email`` to ``to``; a retry with the same ``key`` is a new SendGrid message.

        ``headers`` go in the message's ``headers`` (``List-Unsubscribe``...).
        """
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
        if headers:
            mail.header = [Header(name, value) for name, value in headers.items()]
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
                        category=out.category, headers=out.headers,
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
    if retryable(status):
        return TransientDeliveryError(reason)
    return PermanentDeliveryError(reason)
