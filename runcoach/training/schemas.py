"""Training analytics input and output shapes: zones, load, readiness, risk, stats, trends."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from runcoach.training import stats
from runcoach.training.overtraining import Level, Risk, Severity
from runcoach.training.pmc import PmcDay
from runcoach.training.readiness import Confidence, Readiness
from runcoach.training.zones import ZoneMethod, ZoneSet
from runcoach.validation import Input


class LoadQuery(Input):
    days: int = Field(default=90, ge=1, le=3650)


class StatsQuery(Input):
    period: stats.Period = "week"
    count: int = Field(default=12, ge=1, le=52)


class TrendsQuery(Input):
    metric: stats.Metric
    days: int = Field(default=90, ge=7, le=730)


# --- answer shapes ---------------------------------------------------------------------


class HrZone(BaseModel):
    zone: int = Field(description="1..n, easiest first")
    name: str
    min_bpm: int
    max_bpm: int


class Zones(BaseModel):
    """GET /analytics/zones: ``method`` null and no zones when the profile cannot build any."""

    method: ZoneMethod | None
    zones: list[HrZone]
    inputs: dict[str, int] = Field(description="the profile values the zones come from")
    max_hr_estimated: bool = Field(
        default=False, description="absent when there are no zones; true: max HR from age"
    )
    effective_from: dt.date | None


class LoadDay(BaseModel):
    """One day of the performance management chart."""

    date: dt.date
    load: float
    ctl: float = Field(description="fitness: 42-day load average")
    atl: float = Field(description="fatigue: 7-day load average")
    tsb: float = Field(description="form: CTL - ATL")
    ramp: float
    acwr: float | None = Field(description="acute:chronic workload ratio")


class Load(BaseModel):
    """GET /analytics/load: one entry per day, oldest first, today's last."""

    days: list[LoadDay]
    today: LoadDay | None
    unit: str = Field(description="the unit of the loads")


class ReadinessComponent(BaseModel):
    score: float | None
    weight: float | None
    contribution: float | None
    detail: str


class ReadinessOut(BaseModel):
    """GET /analytics/readiness: 0..100 (null when nothing could be scored), explained."""

    score: int | None
    components: dict[str, ReadinessComponent]
    confidence: Confidence
    missing: list[str]


class RiskFactor(BaseModel):
    code: str
    severity: Severity
    value: float | None
    threshold: float
    message: str


class OvertrainingRisk(BaseModel):
    """GET /analytics/overtraining: the level, a 0..100 score, the factors."""

    risk: Level
    score: int
    factors: list[RiskFactor]


class Totals(BaseModel):
    distance_m: float
    duration_s: float
    load: float
    count: int


class PeriodTotals(Totals):
    start: dt.date = Field(description="the period's first local day")
    end: dt.date = Field(description="the period's last local day (inclusive)")
    by_sport: dict[str, Totals]


class PeriodStats(BaseModel):
    """GET /analytics/stats: newest period first."""

    period: stats.Period
    timezone: str
    periods: list[PeriodTotals]


class TrendPoint(BaseModel):
    date: dt.date
    value: float
    mean_7d: float | None = Field(default=None, description="daily metrics only")


class TrendSummary(BaseModel):
    first: float | None
    last: float | None
    change: float | None
    direction: Literal["up", "down", "flat"] | None
    improving: bool | None


class HrBand(BaseModel):
    min_bpm: int
    max_bpm: int
    source: str


class Trend(BaseModel):
    """GET /analytics/trends (``band`` for ``pace_at_hr`` only)."""

    metric: stats.Metric
    unit: str
    days: int
    band: HrBand | None = None
    points: list[TrendPoint]
    summary: TrendSummary


def zones(zone_set: ZoneSet | None, effective_from: dt.date | None) -> dict[str, Any]:
    """Zones in force today; ``method`` null and no zones when the profile cannot build any."""
    if zone_set is None:
        return {"method": None, "zones": [], "inputs": {}, "effective_from": None}
    return {
        "method": zone_set.method,
        "zones": [
            {"zone": i, "name": z.name, "min_bpm": z.min_bpm, "max_bpm": z.max_bpm}
            for i, z in enumerate(zone_set.zones, start=1)
        ],
        "inputs": zone_set.inputs,
        "max_hr_estimated": zone_set.max_hr_estimated,
        "effective_from": None if effective_from is None else effective_from.isoformat(),
    }


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def load_day(day: PmcDay) -> dict[str, Any]:
    return {
        "date": day.date.isoformat(),
        "load": _r(day.load),
        "ctl": _r(day.ctl),
        "atl": _r(day.atl),
        "tsb": _r(day.tsb),
        "ramp": _r(day.ramp),
        "acwr": _r(day.acwr, 2),
    }


def load(series: list[PmcDay], unit: str) -> dict[str, Any]:
    """The PMC: one entry per day, oldest first, today's last; ``unit`` of the loads."""
    # load_day inlined: a year of days is serialised on every request
    days = [
        {
            "date": day.isoformat(),
            "load": round(load, 1),
            "ctl": round(ctl, 1),
            "atl": round(atl, 1),
            "tsb": round(tsb, 1),
            "ramp": round(ramp, 1),
            "acwr": None if acwr is None else round(acwr, 2),
        }
        for day, load, ctl, atl, tsb, ramp, acwr in series
    ]
    return {"days": days, "today": days[-1] if days else None, "unit": unit}


def readiness(r: Readiness) -> dict[str, Any]:
    return {
        "score": r.score,
        "components": {
            name: {
                "score": _r(c.score),
                "weight": _r(c.weight, 3),
                "contribution": _r(c.contribution),
                "detail": c.detail,
            }
            for name, c in r.components.items()
        },
        "confidence": r.confidence,
        "missing": r.missing,
    }


def overtraining(risk: Risk) -> dict[str, Any]:
    return {
        "risk": risk.level,
        "score": risk.score,
        "factors": [
            {
                "code": f.code,
                "severity": f.severity,
                "value": _r(f.value, 2),
                "threshold": f.threshold,
                "message": f.message,
            }
            for f in risk.factors
        ],
    }
