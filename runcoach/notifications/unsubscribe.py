"""One-click unsubscribe (RFC 8058): a signed link per user and email kind.

Which emails carry ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` (``KIND_OF``):

* the digests, ``daily_summary`` and ``weekly_summary``: bulk mail, sent on a schedule;
  the link turns off the email preference that asks for them (``daily_summary``,
  ``weekly_analysis``);
* ``plan_created`` and ``analysis_ready``: notification mail; the link turns it off the
  only way the preferences can without touching the alerts: ``alerts_only`` (kind
  ``updates``).

And which do not, by RFC 2369/8058 practice (the headers are for mail a person
subscribed to, not for mail about their account or their safety):

* ``payment_failed`` and ``subscription_changed``: transactional (the account's billing);
  they must reach the athlete whatever the mail provider offers to hide;
* ``overtraining_detected``: a critical health alert; it can be turned off only in the
  settings (``disabled``), where its footer links, never by a mis-click or a provider's
  automatic "unsubscribe" button.

Their footers link to the notification settings instead. ``daily_reminder`` is never
emailed.

A token is ``<payload>.<mac>``, both unpadded URL-safe base64: the payload is the user's
id (16 bytes) and the kind's name, the MAC the first 16 bytes of HMAC-SHA256 under a key
derived from ``SECRET_KEY`` with HKDF (its own ``info``: the JWT key is never used raw).
It does not expire (a mail read a year later still unsubscribes) and holds no email
address. Pure apart from the settings: no I/O.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import uuid
from collections.abc import Mapping

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from runcoach.config import Settings
from runcoach.errors import NotFound
from runcoach.notifications import links
from runcoach.notifications.models import NotificationType, UnsubscribeKind

__all__ = [
    "FLAG",
    "KIND_OF",
    "InvalidUnsubscribeLink",
    "headers",
    "make_token",
    "read_token",
    "unsubscribe_url",
]

KIND_OF: dict[str, UnsubscribeKind] = {
    NotificationType.DAILY_SUMMARY: UnsubscribeKind.DAILY_SUMMARY,
    NotificationType.WEEKLY_SUMMARY: UnsubscribeKind.WEEKLY_ANALYSIS,
    NotificationType.PLAN_CREATED: UnsubscribeKind.UPDATES,
    NotificationType.ANALYSIS_READY: UnsubscribeKind.UPDATES,
}
"""The email types that carry the one-click headers, and the kind their link turns off."""

FLAG: dict[UnsubscribeKind, tuple[str, bool]] = {
    UnsubscribeKind.DAILY_SUMMARY: ("daily_summary", False),
    UnsubscribeKind.WEEKLY_ANALYSIS: ("weekly_analysis", False),
    UnsubscribeKind.UPDATES: ("alerts_only", True),
}
"""Per kind, the email preference and the value that turns the kind off."""

_HKDF_INFO = b"runcoach-unsubscribe-links"
_MAC_DOMAIN = b"runcoach:unsubscribe:v1:"
_MAC_BYTES = 16


class InvalidUnsubscribeLink(NotFound):
    """The unsubscribe token was not made by this service (tampered, truncated, made up)."""

    code = "invalid_unsubscribe_link"


@functools.lru_cache(maxsize=4)
def _key(secret: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO)
    return hkdf.derive(secret.encode("utf-8"))


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(payload: bytes, settings: Settings) -> bytes:
    digest = hmac.new(_key(settings.secret_key), _MAC_DOMAIN + payload, hashlib.sha256)
    return digest.digest()[:_MAC_BYTES]


def make_token(*, user_id: uuid.UUID, kind: UnsubscribeKind, settings: Settings) -> str:
    """The signed token of ``user_id``'s link for ``kind``. Deterministic."""
    payload = user_id.bytes + UnsubscribeKind(kind).value.encode("ascii")
    return f"{_b64(payload)}.{_b64(_mac(payload, settings))}"


def read_token(token: str, *, settings: Settings) -> tuple[uuid.UUID, UnsubscribeKind]:
    """The user and kind of a token this service made; ``InvalidUnsubscribeLink`` otherwise."""
    head, dot, tail = token.partition(".")
    if not dot or len(token) > 200 or not token.isascii():
        raise InvalidUnsubscribeLink("this unsubscribe link is not valid")
    try:
        payload, mac = _unb64(head), _unb64(tail)
    except (binascii.Error, ValueError):
        raise InvalidUnsubscribeLink("this unsubscribe link is not valid") from None
    if _b64(payload) != head or _b64(mac) != tail:  # one spelling per token (base64's spare bits)
        raise InvalidUnsubscribeLink("this unsubscribe link is not valid")
    if not hmac.compare_digest(mac, _mac(payload, settings)) or len(payload) <= 16:
        raise InvalidUnsubscribeLink("this unsubscribe link is not valid")
    try:
        kind = UnsubscribeKind(payload[16:].decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise InvalidUnsubscribeLink("this unsubscribe link is not valid") from None
    return uuid.UUID(bytes=payload[:16]), kind


def unsubscribe_url(*, user_id: uuid.UUID, kind: UnsubscribeKind, settings: Settings) -> str:
    """The absolute URL of ``user_id``'s one-click link for ``kind``."""
    token = make_token(user_id=user_id, kind=kind, settings=settings)
    return links.url(settings.app_url, "unsubscribe", token=token)


def headers(*, user_id: uuid.UUID, type: str, settings: Settings) -> Mapping[str, str]:
    """The RFC 8058 headers of an email of ``type`` to ``user_id`` ({} for those without)."""
    kind = KIND_OF.get(type)
    if kind is None:
        return {}
    target = unsubscribe_url(user_id=user_id, kind=kind, settings=settings)
    return {
        "List-Unsubscribe": f"<{target}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
