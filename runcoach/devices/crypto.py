"""Encryption of stored device credentials (provider tokens) with Fernet.

``DEVICE_CREDENTIALS_KEY`` is a comma-separated list of Fernet keys (urlsafe
base64 of 32 bytes, as made by ``Fernet.generate_key()``), checked when the
settings are read. The first key encrypts; every key is tried to decrypt, so a
key is rotated by putting the new one first and keeping the old ones after it
until ``python -m runcoach.devices.rotate`` has re-encrypted the stored tokens.
In development an unset key is derived from ``SECRET_KEY``; production refuses
to start without one (``runcoach.config``), so rotating the JWT secret never
makes stored credentials unreadable there.

Neither keys nor plaintext ever appear in an exception message.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from runcoach.config import ConfigError, Settings, fernet_key_bytes, fernet_keys

__all__ = [
    "CredentialsUnreadable",
    "credentials_key",
    "decrypt_credentials",
    "derive_key",
    "encrypt_credentials",
    "is_current",
    "rotate_credentials",
]

_HKDF_INFO = b"runcoach-device-credentials"


class CredentialsUnreadable(Exception):
    """Stored credentials cannot be decrypted (wrong key, or corrupted/tampered token)."""


def _fernets(key: str) -> list[Fernet]:
    keys = fernet_keys(key)
    if not keys:
        raise ValueError("no credentials encryption key configured")
    fernets = []
    for position, part in enumerate(keys, start=1):
        if fernet_key_bytes(part) is None:
            # Say which one, never what it is.
            raise ValueError(
                f"credentials encryption key #{position} is not a Fernet key "
                "(urlsafe base64 of 32 bytes); use derive_key() for an arbitrary secret"
            )
        fernets.append(Fernet(part))
    return fernets


def _multifernet(key: str) -> MultiFernet:
    return MultiFernet(_fernets(key))


def derive_key(secret: str) -> str:
    """A Fernet key derived from an arbitrary secret with HKDF-SHA256.

    Deterministic: the same secret always gives the same key.
    """
    if not secret:
        raise ValueError("cannot derive a key from an empty secret")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO)
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode("utf-8"))).decode("ascii")


def credentials_key(settings: Settings) -> str:
    """The Fernet key(s) of the settings: DEVICE_CREDENTIALS_KEY, else (development only)
    a key derived from SECRET_KEY."""
    if settings.device_credentials_key:
        return settings.device_credentials_key
    if settings.is_production:
        raise ConfigError("DEVICE_CREDENTIALS_KEY must be set in production")
    return derive_key(settings.secret_key)


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


def is_current(token: str, key: str) -> bool:
    """Whether ``token`` is encrypted with the first key of ``key`` (nothing to rotate)."""
    try:
        _fernets(key)[0].decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError, AttributeError):
        return False
    return True


def rotate_credentials(token: str, key: str) -> str:
    """Re-encrypt a token with the first key of ``key`` (after a key rotation)."""
    fernet = _multifernet(key)
    try:
        return fernet.rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError, AttributeError) as exc:
        raise CredentialsUnreadable("stored device credentials cannot be decrypted") from exc
