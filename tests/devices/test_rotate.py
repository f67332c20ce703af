"""Key rotation of stored device credentials: the service and ``python -m runcoach.devices.rotate``,
against the test database."""

from __future__ import annotations

import dataclasses
import os
import secrets
import subprocess
import sys
import uuid
from typing import Any

import pytest
from cryptography.fernet import Fernet

from runcoach.athletes.models import User
from runcoach.config import ConfigError, Settings
from runcoach.devices import crypto, service
from runcoach.devices.models import Device
from tests.support.servers import ROOT

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()
LOST = Fernet.generate_key().decode()  # a key nobody has any more


async def device_under(key: str, n: int) -> uuid.UUID:
    user = await User.create(
        email=f"r-{secrets.token_hex(4)}@example.com", password_hash="x", name="R"
    )
    token = crypto.encrypt_credentials({"token": f"sim-{n}"}, key)
    return (await Device.create(user_id=user.id, provider="garmin", credentials=token)).id


async def stored() -> dict[uuid.UUID, str]:
    return dict(await Device.all().values_list("id", "credentials"))


async def test_rotation_re_encrypts_with_the_first_key_in_batches(
    db: None, settings: Settings
) -> None:
    under_old = [await device_under(OLD, n) for n in range(5)]
    under_new = [await device_under(NEW, n) for n in range(5, 7)]
    lost = await device_under(LOST, 7)
    rotating = dataclasses.replace(settings, device_credentials_key=f"{NEW},{OLD}")
    before = await stored()

    report = await service.rotate_stored_credentials(settings=rotating, batch_size=2)

    assert report == service.RotationReport(rotated=5, current=2, unreadable=1)
    after = await stored()
    for n, device_id in enumerate([*under_old, *under_new]):
        assert crypto.decrypt_credentials(after[device_id], NEW) == {"token": f"sim-{n}"}
    assert all(after[d] != before[d] for d in under_old)
    assert all(after[d] == before[d] for d in under_new)  # already current: untouched
    assert after[lost] == before[lost]  # unreadable: left for a reconnect

    # Idempotent: a second run finds nothing to do.
    again = await service.rotate_stored_credentials(settings=rotating, batch_size=3)
    assert again == service.RotationReport(current=7, unreadable=1)
    assert await stored() == after
    # The old key can now be dropped.
    only_new = dataclasses.replace(settings, device_credentials_key=NEW)
    assert await service.rotate_stored_credentials(settings=only_new) == service.RotationReport(
        current=7, unreadable=1
    )


async def test_no_devices_is_nothing_to_do(db: None, settings: Settings) -> None:
    assert await service.rotate_stored_credentials(settings=settings) == service.RotationReport()
    with pytest.raises(ValueError):
        await service.rotate_stored_credentials(settings=settings, batch_size=0)


async def test_production_never_derives_the_key_from_the_secret_key() -> None:
    production = Settings(env="production", secret_key=secrets.token_urlsafe(32))
    with pytest.raises(ConfigError, match="DEVICE_CREDENTIALS_KEY must be set in production"):
        crypto.credentials_key(production)
    with pytest.raises(ConfigError):
        await service.rotate_stored_credentials(settings=production)


def run_command(*args: str, key: str) -> subprocess.CompletedProcess[str]:
    env: dict[str, Any] = {**os.environ, "DEVICE_CREDENTIALS_KEY": key}
    return subprocess.run(
        [sys.executable, "-m", "runcoach.devices.rotate", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_the_command_reports_counts_and_is_idempotent(db: None) -> None:
    devices = [await device_under(OLD, n) for n in range(3)]
    first = run_command("--batch-size", "2", key=f"{NEW},{OLD}")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == (
        "rotated 3, already current 0, unreadable 0, replaced meanwhile 0"
    )
    after = await stored()
    assert [crypto.decrypt_credentials(after[d], NEW) for d in devices] == [
        {"token": f"sim-{n}"} for n in range(3)
    ]
    second = run_command(key=f"{NEW},{OLD}")
    assert second.returncode == 0, second.stderr
    assert "rotated 0, already current 3" in second.stdout
    assert await stored() == after

    await device_under(LOST, 9)
    third = run_command(key=f"{NEW},{OLD}")
    assert third.returncode == 1 and "unreadable 1" in third.stdout
    for output in (first, second, third):
        assert NEW not in output.stdout + output.stderr
        assert OLD not in output.stdout + output.stderr


def test_the_command_names_a_bad_key_and_never_shows_it() -> None:
    bad = "not-a-fernet-key-but-a-secret-" + secrets.token_hex(8)
    result = run_command(key=f"{NEW},{bad}")
    assert result.returncode == 2
    assert "DEVICE_CREDENTIALS_KEY key #2 is not a Fernet key" in result.stderr
    assert bad not in result.stdout + result.stderr
