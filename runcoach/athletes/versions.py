"""The athlete's data version: one number that moves on every write of their data.

Derived values (the coach's snapshot of the athlete) are keyed by it. It lives on the
user's row and is bumped inside the writing transaction, so a reader that sees the new
version also sees the new data, and a failed cache never hides a write. The Redis
cache's per-user version (``runcoach.cache``) is bumped with it, after the commit.
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

from tortoise.expressions import F

from runcoach import cache, jobs
from runcoach.athletes.models import User

Leaderboards = Literal["no", "if_listed", "always"]


async def bump(
    *, user_id: uuid.UUID, using_db: Any = None, leaderboards: Leaderboards = "no"
) -> None:
    """Mark the athlete's data as changed (call it in the write's ``jobs.transaction()``).

    Also bumps the user's cache version once the transaction commits: a reader that sees
    the new cache version sees the new data. ``leaderboards``: also drop the cached
    leaderboards, ``"if_listed"`` only when the athlete appears on them (opted in),
    ``"always"`` when the write may change whether they do.
    """
    await User.filter(id=user_id).using_db(using_db).update(data_version=F("data_version") + 1)
    moves = leaderboards == "always" or (
        leaderboards == "if_listed"
        and await User.filter(id=user_id, leaderboard_opt_in=True).using_db(using_db).exists()
    )

    async def drop_cached() -> None:
        await cache.invalidate(user_id, leaderboards=moves)

    await jobs.after_commit(drop_cached)
