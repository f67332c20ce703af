"""The athlete's data version: one number that moves on every write of their data.

Derived values (the coach's snapshot of the athlete, later any per-user cache) are
keyed by it. It lives on the user's row and is bumped inside the writing transaction,
so a reader that sees the new version also sees the new data, and a failed cache
never hides a write.
"""

from __future__ import annotations

import uuid
from typing import Any

from tortoise.expressions import F

from runcoach.athletes.models import User


async def bump(*, user_id: uuid.UUID, using_db: Any = None) -> None:
    """Mark the athlete's data as changed (call it in the write's transaction)."""
    await User.filter(id=user_id).using_db(using_db).update(data_version=F("data_version") + 1)
