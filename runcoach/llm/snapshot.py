"""The athlete snapshot the coach talks from, and its compact text for the system prompt.

Pure: no I/O. Whoever builds a snapshot fills what it knows; every field may be
``None`` (or empty) for a new athlete, and the rendering says "no data" rather
than guessing.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import orjson

Purpose = Literal["chat", "plan", "analysis"]
RiskLevel = Literal["low", "moderate", "high"]

NO_DATA = "no data"
MAX_RECENT_WORKOUTS = 5


@dataclass(frozen=True, slots=True)
class RecentWorkout:
    """One recent workout, as the coach sees it."""

    date: dt.date
    sport: str
    distance_m: float | None = None
    duration_s: float | None = None
    avg_hr: float | None = None
    pace_s_per_km: float | None = None
    load: float | None = None


@dataclass(frozen=True, slots=True)
class PlanSnapshot:
    """The athlete's current training plan, as far as today's coaching needs it."""

    goal: str | None = None
    race_date: dt.date | None = None
    weeks_to_race: int | None = None
    phase: str | None = None
    today_session: str | None = None
    next_session: str | None = None


@dataclass(frozen=True, slots=True)
class AthleteSnapshot:
    """Every number the coach may cite; computed elsewhere, never by the model."""

    name: str | None = None
    today: dt.date | None = None
    timezone: str | None = None
    ctl: float | None = None
    atl: float | None = None
    tsb: float | None = None
    acwr: float | None = None
    ramp_rate: float | None = None
    load_unit: str | None = None
    readiness_score: int | None = None
    readiness_confidence: str | None = None
    readiness_components: Mapping[str, float] | None = None
    risk_level: RiskLevel | None = None
    risk_factors: tuple[str, ...] = ()
    week_distance_m: float | None = None
    week_duration_s: float | None = None
    week_workouts: int | None = None
    recent_workouts: tuple[RecentWorkout, ...] = ()
    easy_pace_s_per_km: float | None = None
    best_pace_s_per_km: float | None = None
    hr_zones: tuple[tuple[str, int, int], ...] | None = None
    plan: PlanSnapshot | None = None
    resting_hr: float | None = None
    hrv_ms: float | None = None
    sleep_hours: float | None = None

    @property
    def has_workouts(self) -> bool:
        """Whether the athlete has any training recorded (recent workouts or load)."""
        return bool(self.recent_workouts) or bool(self.week_workouts) or self.ctl is not None


def _finite(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def number(value: float | None, digits: int = 1, *, signed: bool = False) -> str:
    """``value`` rounded to ``digits`` decimals (never "-0.0"); "no data" when missing."""
    v = _finite(value)
    if v is None:
        return NO_DATA
    rounded = round(v, digits)
    if rounded == 0:
        rounded = 0.0
    text = f"{rounded:.{digits}f}"
    return f"+{text}" if signed and rounded > 0 else text


def format_pace(s_per_km: float | None) -> str:
    """A pace as ``m:ss/km`` (rounded to the second); "no data" when missing or not positive."""
    v = _finite(s_per_km)
    if v is None or v <= 0:
        return NO_DATA
    total = round(v)
    return f"{total // 60}:{total % 60:02d}/km"


def format_duration(s: float | None) -> str:
    """A duration as ``m:ss`` under an hour, ``h:mm:ss`` from an hour; "no data" when missing."""
    v = _finite(s)
    if v is None or v < 0:
        return NO_DATA
    total = round(v)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


def format_distance(m: float | None) -> str:
    """A distance in km with one decimal; "no data" when missing."""
    v = _finite(m)
    return NO_DATA if v is None else f"{number(v / 1000, 1)} km"


def _workout_line(w: RecentWorkout) -> str:
    parts = []
    if _finite(w.distance_m) is not None:
        parts.append(format_distance(w.distance_m))
    if _finite(w.duration_s) is not None:
        parts.append(f"{format_duration(w.duration_s)}")
    if _finite(w.pace_s_per_km) is not None:
        parts.append(f"pace {format_pace(w.pace_s_per_km)}")
    if _finite(w.avg_hr) is not None:
        parts.append(f"avg HR {number(w.avg_hr, 0)}")
    if _finite(w.load) is not None:
        parts.append(f"load {number(w.load, 0)}")
    return f"- {w.date.isoformat()} {w.sport}: " + (", ".join(parts) or NO_DATA)


def render(snapshot: AthleteSnapshot | None) -> str:
    """The snapshot as short lines of text; the same snapshot always gives the same text."""
    s = snapshot or AthleteSnapshot()
    lines: list[str] = []
    lines.append(f"Athlete: {s.name or NO_DATA}")
    if s.today is not None:
        tz = f" ({s.timezone})" if s.timezone else ""
        lines.append(f"Today: {s.today.isoformat()} {s.today:%A}{tz}")
    unit = f" ({s.load_unit})" if s.load_unit else ""
    if any(_finite(v) is not None for v in (s.ctl, s.atl, s.tsb, s.acwr, s.ramp_rate)):
        load = [
            f"fitness CTL {number(s.ctl)}",
            f"fatigue ATL {number(s.atl)}",
            f"form TSB {number(s.tsb)}",
            f"ACWR {number(s.acwr, 2)}",
        ]
        if _finite(s.ramp_rate) is not None:
            load.append(f"ramp {number(s.ramp_rate, signed=True)} CTL/week")
        lines.append(f"Training load{unit}: " + ", ".join(load))
    else:
        lines.append(f"Training load: {NO_DATA}")
    if s.readiness_score is not None:
        readiness = f"Readiness: {s.readiness_score}/100"
        details = []
        if s.readiness_confidence:
            details.append(f"confidence {s.readiness_confidence}")
        for key in sorted(s.readiness_components or {}):
            details.append(f"{key} {number((s.readiness_components or {})[key], 0)}")
        lines.append(readiness + (f" ({'; '.join(details)})" if details else ""))
    else:
        lines.append(f"Readiness: {NO_DATA}")
    if s.risk_level is not None:
        factors = f" ({'; '.join(s.risk_factors)})" if s.risk_factors else ""
        lines.append(f"Overtraining risk: {s.risk_level}{factors}")
    if s.week_workouts is not None or s.week_distance_m is not None:
        lines.append(
            f"This week: {s.week_workouts or 0} workouts, {format_distance(s.week_distance_m)}, "
            f"{format_duration(s.week_duration_s)}"
        )
    if s.recent_workouts:
        lines.append("Recent workouts (newest first):")
        lines.extend(_workout_line(w) for w in s.recent_workouts[:MAX_RECENT_WORKOUTS])
    else:
        lines.append("Recent workouts: none recorded yet")
    paces = []
    if _finite(s.easy_pace_s_per_km) is not None:
        paces.append(f"typical easy {format_pace(s.easy_pace_s_per_km)}")
    if _finite(s.best_pace_s_per_km) is not None:
        paces.append(f"recent best {format_pace(s.best_pace_s_per_km)}")
    if paces:
        lines.append("Paces: " + ", ".join(paces))
    if s.hr_zones:
        zones = ", ".join(f"{name} {low}-{high}" for name, low, high in s.hr_zones)
        lines.append(f"HR zones (bpm): {zones}")
    if s.plan is not None:
        lines.append("Plan: " + _plan_text(s.plan))
    recovery = []
    if _finite(s.resting_hr) is not None:
        recovery.append(f"resting HR {number(s.resting_hr, 0)} bpm")
    if _finite(s.hrv_ms) is not None:
        recovery.append(f"HRV {number(s.hrv_ms, 0)} ms")
    if _finite(s.sleep_hours) is not None:
        recovery.append(f"sleep {number(s.sleep_hours)} h")
    if recovery:
        lines.append("Latest recovery: " + ", ".join(recovery))
    return "\n".join(lines)


def _plan_text(plan: PlanSnapshot) -> str:
    parts = [f"goal {plan.goal or NO_DATA}"]
    if plan.race_date is not None:
        weeks = f" ({plan.weeks_to_race} weeks away)" if plan.weeks_to_race is not None else ""
        parts.append(f"race {plan.race_date.isoformat()}{weeks}")
    if plan.phase:
        parts.append(f"phase {plan.phase}")
    parts.append(f"today: {plan.today_session or 'rest / nothing scheduled'}")
    if plan.next_session:
        parts.append(f"next: {plan.next_session}")
    return "; ".join(parts)


_PURPOSES: dict[str, str] = {
    "chat": (
        "Answer the athlete's message in a few short paragraphs, plainly and warmly, "
        "like a running coach who knows their data."
    ),
    "plan": (
        "You are annotating a training plan. Reply with one JSON object only: "
        '{"summary": "...", "tips": {"<session key>": "tip"}}, one short tip per session key.'
    ),
    "analysis": (
        "Write a short analysis of the athlete's recent training in a few paragraphs: "
        "load and form, recovery, and one or two concrete suggestions."
    ),
}


def system_prompt(snapshot: AthleteSnapshot | None, purpose: Purpose = "chat") -> str:
    """The system prompt: the coach's rules, the task for ``purpose`` and the rendered snapshot."""
    return "\n".join(
        [
            "You are RunCoach, a running coach.",
            _PURPOSES[purpose],
            "Rules:",
            "- Use only the numbers given in ATHLETE DATA below; quote them as written.",
            "- Never compute, estimate or invent numbers of your own (no new paces, loads or "
            "predictions); if a number is missing, say you do not have it.",
            "- Never diagnose an injury or illness; for pain, advise rest and a professional.",
            "",
            "ATHLETE DATA:",
            render(snapshot),
        ]
    )


def to_json(snapshot: AthleteSnapshot) -> bytes:
    """The snapshot as JSON (for a cache; never pickle). orjson writes dataclasses (and
    dates, as ISO) itself, several times faster than ``asdict`` then ``dumps``."""
    return orjson.dumps(snapshot)


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def from_json(raw: bytes | str) -> AthleteSnapshot:
    """The snapshot ``to_json`` wrote; ValueError for anything else."""
    try:
        data = orjson.loads(raw)
        plan = data.pop("plan")
        zones = data.pop("hr_zones")
        return AthleteSnapshot(
            **{
                **data,
                "today": _date(data["today"]),
                "risk_factors": tuple(data["risk_factors"]),
                "recent_workouts": tuple(
                    RecentWorkout(**{**w, "date": _date(w["date"])})
                    for w in data["recent_workouts"]
                ),
                "hr_zones": None
                if zones is None
                else tuple((str(name), int(low), int(high)) for name, low, high in zones),
                "plan": None
                if plan is None
                else PlanSnapshot(**{**plan, "race_date": _date(plan["race_date"])}),
            }
        )
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"not a stored snapshot: {exc}") from None
