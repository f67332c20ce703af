"""Training analytics input and output shapes: zones, load, readiness, risk, stats, trends."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from runcoach.training import stats
from runcoach.training.overtraining import Risk
from runcoach.training.pmc import PmcDay
from runcoach.training.readiness import Readiness
from runcoach.training.zones import ZoneSet
from runcoach.validation import Input


class LoadQuery(Input):
    days: int = Field(default=90, ge=1, le=3650)


class StatsQuery(Input):
    period: stats.Period = "week"
    count: int = Field(default=12, ge=1, le=52)


class TrendsQuery(Input):
    metric: stats.Metric
    days: int = Field(default=90, ge=7, le=730)


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
