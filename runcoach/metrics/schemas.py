"""Health-metric input and output shapes."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel, Field, field_validator

from runcoach.metrics.models import HealthMetric
from runcoach.validation import Day, Input

VALUE_FIELDS = ("resting_hr", "hrv_ms", "sleep_hours", "sleep_score", "weight_kg", "stress")


class MetricDay(Input):
    date: dt.date
    resting_hr: int | None = Field(default=None, ge=25, le=150)
    hrv_ms: float | None = Field(default=None, gt=0, le=500)
    sleep_hours: float | None = Field(default=None, ge=0, le=24)
    sleep_score: int | None = Field(default=None, ge=0, le=100)
    weight_kg: float | None = Field(default=None, gt=20, lt=300)
    stress: int | None = Field(default=None, ge=0, le=100)

    @field_validator("date")
    @classmethod
    def _not_future(cls, value: dt.date) -> dt.date:
        if value > dt.date.today() + dt.timedelta(days=1):
            raise ValueError("cannot be in the future")
        if value.year < 1990:
            raise ValueError("too far in the past")
        return value


class MetricQuery(Input):
    since: Day | None = None
    until: Day | None = None
    limit: int = Field(default=366, ge=1, le=1000)


class HealthMetricDay(BaseModel):
    """One day's health metrics (a value not given is null)."""

    id: uuid.UUID
    date: dt.date
    resting_hr: int | None
    hrv_ms: float | None
    sleep_hours: float | None
    sleep_score: int | None
    weight_kg: float | None
    stress: int | None
    source: str = Field(description="manual, or the device it came from")
    updated_at: dt.datetime


class HealthMetricPage(BaseModel):
    """The range in one page (``next_cursor`` is always null)."""

    items: list[HealthMetricDay]
    next_cursor: str | None


def metric(m: HealthMetric) -> dict[str, Any]:
    return {
        "id": m.id,
        "date": m.date.isoformat(),
        **{name: getattr(m, name) for name in VALUE_FIELDS},
        "source": m.source,
        "updated_at": m.updated_at,
    }
