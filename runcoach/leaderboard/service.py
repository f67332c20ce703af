"""The leaderboard: opted-in athletes ranked by their totals of the current week or month.

The period is the requesting athlete's current local week (Monday first) or calendar
month, as in the stats (``runcoach.training.stats``); its bounds in that athlete's zone
apply to everyone. Only athletes with ``leaderboard_opt_in`` are ranked (those without
workouts at 0); the caller's own entry comes with the answer, or ``me`` is null when the
caller has not opted in. One SQL query ranks everything.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from runcoach import db
from runcoach.leaderboard import schemas
from runcoach.training import stats

TOP = 50
COLUMNS: dict[str, str] = {"distance": "distance_m", "duration": "duration_s", "load": "load"}
UNITS: dict[str, str] = {"distance": "m", "duration": "s", "load": "load"}

_SQL = """
WITH totals AS (
    SELECT u.id AS user_id, u.name, u.leaderboard_opt_in AS opted_in,
           coalesce(sum(w.{column}), 0)::float8 AS value
    FROM users u
    LEFT JOIN workouts w ON w.user_id = u.id
        AND w.started_at >= ($2::date::timestamp AT TIME ZONE $1)
        AND w.started_at < ($3::date::timestamp AT TIME ZONE $1)
    WHERE u.leaderboard_opt_in OR u.id = $4
    GROUP BY u.id
), ranked AS (
    SELECT user_id, name, opted_in, value,
           rank() OVER (PARTITION BY opted_in ORDER BY value DESC) AS rank,
           row_number() OVER (PARTITION BY opted_in ORDER BY value DESC, name, user_id) AS pos
    FROM totals
)
SELECT user_id, name, opted_in, value, rank::int AS rank, pos::int AS pos
FROM ranked
WHERE (opted_in AND pos <= $5) OR user_id = $4
ORDER BY opted_in DESC, pos
"""
_SQLS = {metric: _SQL.format(column=column) for metric, column in COLUMNS.items()}


async def leaderboard(
    *, user_id: uuid.UUID, period: stats.Period, metric: schemas.LeaderboardMetric
) -> dict[str, Any]:
    """The top ``TOP`` opted-in athletes of the caller's current period, and the caller."""
    user = await stats.athlete(user_id)
    zone = stats.zone_name(user)
    start = stats.period_start(stats.today_for(user, None), period)
    end = stats.next_period_start(start, period)
    rows = await db.fetch_all(_SQLS[metric], zone, start, end, user_id, TOP)
    items = []
    me = None
    for row in rows:
        mine = str(row["user_id"]) == str(user_id)
        if row["opted_in"] and row["pos"] <= TOP:
            items.append({**schemas.entry(row), "me": mine})
        if mine and row["opted_in"]:
            me = schemas.entry(row)
    return schemas.leaderboard(
        period=period,
        metric=metric,
        unit=UNITS[metric],
        timezone=zone,
        start=start,
        last_day=end - timedelta(days=1),
        items=items,
        me=me,
    )
