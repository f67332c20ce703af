"""``python -m runcoach.devices.rotate``: re-encrypt stored device credentials with the first key.

Rotating ``DEVICE_CREDENTIALS_KEY``: generate a key
(``python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'``),
put it first and keep the old keys after it (``new,old``), deploy, run this command,
then drop the old keys. Idempotent and safe while the service runs; it prints the counts
and exits 1 when some credentials no key opens (those devices must be reconnected).
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from runcoach import db
from runcoach.config import ConfigError, Settings, get_settings
from runcoach.devices import service


async def rotate(settings: Settings, *, batch_size: int) -> service.RotationReport:
    """Open the database, rotate every stored credential, close it."""
    await db.init(settings)
    try:
        return await service.rotate_stored_credentials(settings=settings, batch_size=batch_size)
    finally:
        await db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m runcoach.devices.rotate",
        description="Re-encrypt every stored device credential with the first "
        "DEVICE_CREDENTIALS_KEY.",
    )
    parser.add_argument("--batch-size", type=int, default=500, help="devices per transaction")
    args = parser.parse_args(argv)
    if args.batch_size < 1:
        parser.error("--batch-size must be at least 1")
    try:
        settings = get_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    report = asyncio.run(rotate(settings, batch_size=args.batch_size))
    print(
        f"rotated {report.rotated}, already current {report.current}, "
        f"unreadable {report.unreadable}, replaced meanwhile {report.replaced}"
    )
    return 1 if report.unreadable else 0


if __name__ == "__main__":
    sys.exit(main())
