"""Encryption of stored device credentials."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from runcoach.config import ConfigError, Settings, fernet_key_bytes
from runcoach.devices.crypto import (
    CredentialsUnreadable,
    credentials_key,
    decrypt_credentials,
    derive_key,
    encrypt_credentials,
    is_current,
    rotate_credentials,
)

CREDS = {"version": 1, "tokens": {"di_token": "aaa.bbb.ccc", "di_refresh_token": "r-1"}}


@pytest.fixture()
def key() -> str:
    return Fernet.generate_key().decode()


def test_round_trip(key: str) -> None:
    token = encrypt_credentials(CREDS, key)
    assert isinstance(token, str)
    # no secret in clear: a short one like "r-1" can occur in random base64 by chance
    # (about 1 in 1,000 runs), so check the long ones and the JSON the token would hold
    assert "aaa.bbb.ccc" not in token and "di_refresh_token" not in token and "tokens" not in token
    assert decrypt_credentials(token, key) == CREDS


def test_tokens_differ_each_time(key: str) -> None:
    assert encrypt_credentials(CREDS, key) != encrypt_credentials(CREDS, key)


def test_wrong_key_is_unreadable(key: str) -> None:
    token = encrypt_credentials(CREDS, key)
    with pytest.raises(CredentialsUnreadable) as info:
        decrypt_credentials(token, Fernet.generate_key().decode())
    assert "aaa" not in str(info.value) and key not in str(info.value)


@pytest.mark.parametrize("token", ["", "not-a-token", "gAAAAAB" + "A" * 80, "ünïcode"])
def test_garbage_token_is_unreadable(key: str, token: str) -> None:
    with pytest.raises(CredentialsUnreadable):
        decrypt_credentials(token, key)


def test_tampered_token_is_unreadable(key: str) -> None:
    token = encrypt_credentials(CREDS, key)
    raw = bytearray(base64.urlsafe_b64decode(token))
    raw[-40] ^= 0x01
    with pytest.raises(CredentialsUnreadable):
        decrypt_credentials(base64.urlsafe_b64encode(bytes(raw)).decode(), key)


def test_non_object_plaintext_is_unreadable(key: str) -> None:
    fernet = Fernet(key)
    for plaintext in (b"[1, 2]", b"not json at all: secret-value"):
        token = fernet.encrypt(plaintext).decode()
        with pytest.raises(CredentialsUnreadable) as info:
            decrypt_credentials(token, key)
        assert "secret-value" not in str(info.value)
        assert info.value.__cause__ is None  # the JSON error would carry the plaintext


def test_rotation_with_a_key_list() -> None:
    old = Fernet.generate_key().decode()
    new = Fernet.generate_key().decode()
    stored = encrypt_credentials(CREDS, old)
    both = f"{new}, {old}"
    assert decrypt_credentials(stored, both) == CREDS  # old tokens still open
    fresh = encrypt_credentials(CREDS, both)  # the first key encrypts
    assert decrypt_credentials(fresh, new) == CREDS
    with pytest.raises(CredentialsUnreadable):
        decrypt_credentials(fresh, old)
    assert not is_current(stored, both) and is_current(fresh, both)
    rotated = rotate_credentials(stored, both)
    assert decrypt_credentials(rotated, new) == CREDS and is_current(rotated, both)
    with pytest.raises(CredentialsUnreadable):
        rotate_credentials(stored, new)


@pytest.mark.parametrize("bad", ["", " , ", "short", "x" * 44, "my database password"])
def test_malformed_key_is_a_configuration_error(bad: str) -> None:
    with pytest.raises(ValueError) as info:
        encrypt_credentials(CREDS, bad)
    if bad.strip(" ,"):
        assert bad not in str(info.value)
    assert not isinstance(info.value, CredentialsUnreadable)


def test_non_dict_is_refused(key: str) -> None:
    with pytest.raises(TypeError):
        encrypt_credentials(["a"], key)  # type: ignore[arg-type]


def test_derive_key() -> None:
    derived = derive_key("any deployment secret")
    assert fernet_key_bytes(derived) is not None
    assert derived == derive_key("any deployment secret")  # deterministic
    assert derived != derive_key("another secret")
    expected = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"runcoach-device-credentials"
    ).derive(b"any deployment secret")
    assert base64.urlsafe_b64decode(derived) == expected
    token = encrypt_credentials(CREDS, derived)
    assert decrypt_credentials(token, derive_key("any deployment secret")) == CREDS
    with pytest.raises(ValueError):
        derive_key("")


def test_token_is_json_free_text(key: str) -> None:
    token = encrypt_credentials(CREDS, key)
    json.dumps({"credentials": token})  # storable as-is in a text or JSON column
    assert token.isascii()


def test_credentials_key_is_the_setting_or_in_development_derived_from_the_secret_key(
    key: str,
) -> None:
    secret = "s" * 40
    assert credentials_key(Settings(secret_key=secret)) == derive_key(secret)
    assert credentials_key(Settings(secret_key=secret, device_credentials_key=key)) == key
    production = Settings(env="production", secret_key=secret)
    with pytest.raises(ConfigError, match="DEVICE_CREDENTIALS_KEY must be set in production"):
        credentials_key(production)
    assert credentials_key(Settings(env="production", device_credentials_key=key)) == key
