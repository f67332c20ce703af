"""Apply the aerich migrations to the configured database (``python -m runcoach.migrate``)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from runcoach.config import Settings, get_settings

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


async def upgrade(settings: Settings) -> list[str]:
    """Apply every migration not yet applied; returns their names. Idempotent."""
    from aerich import Command

    from runcoach.db import tortoise_config

    command = Command(
        tortoise_config=tortoise_config(settings), app="models", location=str(MIGRATIONS)
    )
    async with command as cmd:
        applied = await cmd.upgrade(run_in_transaction=True)
    return list(applied or [])


def main() -> int:
    applied = asyncio.run(upgrade(get_settings()))
    print(f"migrations applied: {', '.join(applied) if applied else 'none (up to date)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
