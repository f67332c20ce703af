"""The athlete's data version: the one number that moves on every write of their data.

It is the per-user version of ``runcoach.cache``: every derived value of the athlete
(cached answers, the coach's snapshot) is stored under it, so bumping it once drops
them all. A write bumps it after its transaction commits, so a reader that sees the
new version also sees the new data.
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

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
    moves = leaderboards == "always" or (
        leaderboards == "if_listed"
        and await User.filter(id=user_id, leaderboard_opt_in=True).using_db(using_db).exists()
    )

    async def drop_cached() -> None:
        await cache.invalidate(user_id, leaderboards=moves)

    await jobs.after_commit(drop_cached)
