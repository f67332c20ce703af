"""Encryption of stored device credentials (provider tokens) with Fernet.

The key setting is a comma-separated list of Fernet keys (urlsafe base64 of
32 bytes, as made by ``Fernet.generate_key()``). The first key encrypts; every
key is tried to decrypt, so a key is rotated by putting the new one first and
keeping the old ones after it until ``rotate_credentials`` has re-encrypted the
stored tokens. ``resolve_key`` turns a setting that may hold arbitrary secrets
instead of Fernet keys into such a list (each non-key part goes through
``derive_key``).

Neither keys nor plaintext ever appear in an exception message.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from runcoach.config import Settings

__all__ = [
    "CredentialsUnreadable",
    "credentials_key",
    "decrypt_credentials",
    "derive_key",
    "encrypt_credentials",
    "is_fernet_key",
    "resolve_key",
    "rotate_credentials",
]

_HKDF_INFO = b"runcoach-device-credentials"


class CredentialsUnreadable(Exception):
    """Stored credentials cannot be decrypted (wrong key, or corrupted/tampered token)."""


def _split_keys(key: str) -> list[str]:
    parts = [part.strip() for part in key.split(",")]
    return [part for part in parts if part]


def is_fernet_key(value: str) -> bool:
    """Whether ``value`` is a valid Fernet key (urlsafe base64 of exactly 32 bytes)."""
    try:
        raw = base64.urlsafe_b64decode(value.encode("ascii"))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return False
    return len(raw) == 32


def _multifernet(key: str) -> MultiFernet:
    keys = _split_keys(key)
    if not keys:
        raise ValueError("no credentials encryption key configured")
    fernets = []
    for position, part in enumerate(keys, start=1):
        if not is_fernet_key(part):
            # Say which one, never what it is.
            raise ValueError(
                f"credentials encryption key #{position} is not a Fernet key "
                "(urlsafe base64 of 32 bytes); use derive_key() for an arbitrary secret"
            )
        fernets.append(Fernet(part))
    return MultiFernet(fernets)


def derive_key(secret: str) -> str:
    """A Fernet key derived from an arbitrary secret with HKDF-SHA256.

    Deterministic: the same secret always gives the same key.
    """
    if not secret:
        raise ValueError("cannot derive a key from an empty secret")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO)
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode("utf-8"))).decode("ascii")


def credentials_key(settings: Settings) -> str:
    """The Fernet key(s) of the settings: DEVICE_CREDENTIALS_KEY, else derived from SECRET_KEY."""
    if settings.device_credentials_key:
        return settings.device_credentials_key
    return derive_key(settings.secret_key)


def resolve_key(setting: str) -> str:
    """The key list for a setting of comma-separated Fernet keys and/or arbitrary secrets.

    A part that already is a Fernet key is kept as is; any other part is
    replaced by ``derive_key(part)``. Order is kept (first = encrypting key).
    """
    parts = _split_keys(setting)
    if not parts:
        raise ValueError("no credentials encryption key configured")
    return ",".join(part if is_fernet_key(part) else derive_key(part) for part in parts)


def encrypt_credentials(data: dict[str, Any], key: str) -> str:
    """Encrypt a JSON-serialisable dict with the first key of ``key``; returns a text token."""
    if not isinstance(data, dict):
        raise TypeError("credentials must be a dict")
    plaintext = json.dumps(data, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return _multifernet(key).encrypt(plaintext).decode("ascii")


def decrypt_credentials(token: str, key: str) -> dict[str, Any]:
    """Decrypt a token from ``encrypt_credentials`` with any key of ``key``.

    Raises ``CredentialsUnreadable`` when no key opens it or it is not a dict.
    """
    fernet = _multifernet(key)
    try:
        plaintext = fernet.decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError, AttributeError) as exc:
        raise CredentialsUnreadable("stored device credentials cannot be decrypted") from exc
    try:
        data = json.loads(plaintext)
    except ValueError:
        # ``from None``: a JSONDecodeError carries the decrypted text.
        raise CredentialsUnreadable("stored device credentials are not valid JSON") from None
    if not isinstance(data, dict):
        raise CredentialsUnreadable("stored device credentials are not a JSON object")
    return data


def rotate_credentials(token: str, key: str) -> str:
    """Re-encrypt a token with the first key of ``key`` (after a key rotation)."""
    fernet = _multifernet(key)
    try:
        return fernet.rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError, AttributeError) as exc:
        raise CredentialsUnreadable("stored device credentials cannot be decrypted") from exc
