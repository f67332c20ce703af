"""Daily health metrics: upsert by date, list by range."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import ValidationError

from runcoach import changelog, jobs
from runcoach.athletes import versions
from runcoach.metrics import schemas
from runcoach.metrics.models import HealthMetric


def within_bounds(values: dict[str, Any]) -> dict[str, Any]:
    """The ``values`` a hand-entered day would accept (``schemas.MetricDay``'s bounds);
    a missing or out-of-range value is left out, so one bad reading costs only itself."""
    kept: dict[str, Any] = {}
    for name, value in values.items():
        if name not in schemas.VALUE_FIELDS or value is None:
            continue
        try:
            schemas.MetricDay.model_validate({"date": date.today(), name: value})
        except ValidationError:
            continue
        kept[name] = value
    return kept


async def upsert_day(
    *, user_id: uuid.UUID, day: date, values: dict[str, Any], source: str = "manual"
) -> tuple[HealthMetric, bool]:
    """Write the given values for one day (others kept). Idempotent; True when created.

    Insert-or-nothing first, then lock the day's row: of concurrent first writes exactly one
    creates the row and the others wait for it and apply their values on top (none is lost).
    """
    async with jobs.transaction() as conn:
        candidate = HealthMetric(user_id=user_id, date=day, source=source, **values)
        await HealthMetric.bulk_create(
            [candidate], on_conflict=["user_id", "date"], ignore_conflicts=True, using_db=conn
        )
        row = (
            await HealthMetric.filter(user_id=user_id, date=day)
            .using_db(conn)
            .select_for_update()
            .first()
        )
        assert row is not None
        if row.id == candidate.id:
            await changelog.touch(
                changelog.ChangeKind.HEALTH_METRICS, user_id=user_id, ids=[row.id], conn=conn
            )
            await versions.bump(user_id=user_id, using_db=conn)
            jobs.enqueue("training.recompute_risk", str(user_id))
            return row, True
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        for key, value in changed.items():
            setattr(row, key, value)
        if changed:
            row.source = source
            await row.save(update_fields=[*changed, "source", "updated_at"], using_db=conn)
            await changelog.touch(
                changelog.ChangeKind.HEALTH_METRICS, user_id=user_id, ids=[row.id], conn=conn
            )
            await versions.bump(user_id=user_id, using_db=conn)
            jobs.enqueue("training.recompute_risk", str(user_id))
        return row, False


async def list_days(
    *, user_id: uuid.UUID, since: date | None, until: date | None, limit: int
) -> list[HealthMetric]:
    """The user's days in [since, until], oldest first."""
    query = HealthMetric.filter(user_id=user_id)
    if since:
        query = query.filter(date__gte=since)
    if until:
        query = query.filter(date__lte=until)
    return await query.order_by("date").limit(limit)
