"""Sync input and output shapes: each changed row in the shape of its own GET route."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, Field

from runcoach.metrics import schemas as metrics_schemas
from runcoach.notifications import schemas as notifications_schemas
from runcoach.plans import schemas as plans_schemas
from runcoach.sync.service import DEFAULT_LIMIT, MAX_LIMIT, SyncPage
from runcoach.validation import Input
from runcoach.workouts import schemas as workouts_schemas


class SyncQuery(Input):
    since: str | None = Field(
        default=None,
        max_length=200,
        description="the `cursor` of the previous answer; none for a first (full) sync",
    )
    limit: int = Field(
        default=DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description="at most this many entries (changed rows and deleted ids together)",
    )


class SyncChanged(BaseModel):
    """Rows written since the cursor, each as its own GET route gives it."""

    workouts: list[workouts_schemas.WorkoutDetail] = Field(description="as GET /workouts/{id}")
    health_metrics: list[metrics_schemas.HealthMetricDay] = Field(
        description="as an item of GET /health-metrics"
    )
    plans: list[plans_schemas.PlanDetail] = Field(description="as GET /plans/{id}")
    notifications: list[notifications_schemas.NotificationOut] = Field(
        description="as an item of GET /notifications"
    )


class SyncDeleted(BaseModel):
    """Ids of rows deleted since the cursor (health metrics: the day's `id`, not its date)."""

    workouts: list[uuid.UUID]
    health_metrics: list[uuid.UUID]
    plans: list[uuid.UUID]
    notifications: list[uuid.UUID]


class SyncAnswer(BaseModel):
    """What changed since the cursor. Apply `deleted` and `changed` (a row in both was
    deleted after it was written: `deleted` wins), store `cursor`, and ask again with it
    while `has_more`."""

    changed: SyncChanged
    deleted: SyncDeleted
    cursor: str = Field(description="opaque: the `since` of the next call")
    has_more: bool = Field(description="true: more changes wait, ask again at once")


def sync_answer(page: SyncPage) -> dict[str, Any]:
    """The answer of GET /sync."""
    return {
        "changed": {
            "workouts": [
                workouts_schemas.detail(w, hr_sample_count=count) for w, count in page.workouts
            ],
            "health_metrics": [metrics_schemas.metric(m) for m in page.health_metrics],
            "plans": [plans_schemas.plan_detail(p, sessions) for p, sessions in page.plans],
            "notifications": [notifications_schemas.notification(n) for n in page.notifications],
        },
        "deleted": {kind.value: ids for kind, ids in page.deleted.items()},
        "cursor": page.cursor,
        "has_more": page.has_more,
    }
