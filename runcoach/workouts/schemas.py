"""Workout input and output shapes."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    GetPydanticSchema,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import core_schema

from runcoach import localtime
from runcoach.validation import DAY_PATTERN, TIME_PATTERN, Input, check_day, check_instant
from runcoach.workouts.models import ShareLink, Workout
from runcoach.workouts.sports import Sport

if TYPE_CHECKING:
    from runcoach.workouts.sharing import SharedWorkout

# A ``Sport``, checked as the literal list of its values: the OpenAPI document shows the
# values inline (an enum would add a ``$defs`` entry) and a bad value gets the same message.
SportName = Annotated[
    Sport,
    GetPydanticSchema(
        lambda _source, _handler: core_schema.no_info_after_validator_function(
            Sport, core_schema.literal_schema([sport.value for sport in Sport])
        )
    ),
]

# The bounds of a workout's numbers, shared by creation and update.
DurationS = Annotated[float, Field(gt=0, le=7 * 24 * 3600)]
DistanceM = Annotated[float, Field(ge=0, le=1_000_000)]
HeartRate = Annotated[float, Field(ge=25, le=250)]
ElevationGainM = Annotated[float, Field(ge=0, le=20_000)]
Calories = Annotated[float, Field(ge=0, le=50_000)]
Rpe = Annotated[int, Field(ge=1, le=10)]
Title = Annotated[str, Field(max_length=200)]
Notes = Annotated[str, Field(max_length=10_000)]

_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
# A workout cannot start in the future; this only absorbs a client clock running a little fast.
CLOCK_SKEW = timedelta(minutes=5)
_PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _aware_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("a time zone is required (RFC 3339, e.g. 2026-03-01T07:30:00Z)")
    check_instant(value)
    return value.astimezone(UTC)


def _started_at(value: datetime) -> datetime:
    value = _aware_utc(value)
    if value < _EARLIEST:
        raise ValueError("too far in the past")
    if value > datetime.now(UTC) + CLOCK_SKEW:
        raise ValueError("cannot be in the future")
    return value


# When a workout started: aware, from 1990 to now (plus a little clock skew), as UTC. The
# document says RFC 3339 with an offset; "from 1990 to now" moves with the clock (a 422).
StartedAt = Annotated[
    datetime,
    AfterValidator(_started_at),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "pattern": f"^{DAY_PATTERN}{TIME_PATTERN}$",
            "description": "RFC 3339 with an offset, from 1990 to now",
        }
    ),
]

# A query's time bound: an RFC 3339 time (with an offset) or a plain date (a whole day).
TimeBound = Annotated[
    datetime | date | None,
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "string",
                    "format": "date-time",
                    "pattern": f"^{DAY_PATTERN}{TIME_PATTERN}$",
                },
                {"type": "string", "format": "date", "pattern": f"^{DAY_PATTERN}$"},
            ]
        }
    ),
]


class ImportedActivity(BaseModel):
    """The numbers a file import stores, held to the bounds of a workout logged by hand.

    ``runcoach.workouts.importers`` checks every activity it builds against this model
    before it derives splits or samples, so a file cannot store what ``POST /workouts``
    refuses (and aggregates over workouts cannot overflow).
    """

    started_at: StartedAt
    duration_s: DurationS
    distance_m: DistanceM | None = None
    elevation_gain_m: ElevationGainM | None = None
    avg_hr: HeartRate | None = None
    max_hr: HeartRate | None = None
    calories: Calories | None = None


class _WorkoutFields(Input):
    """A workout's fields with their bounds, each optional (an update's shape)."""

    sport: SportName | None = None
    started_at: StartedAt | None = None
    duration_s: DurationS | None = None
    distance_m: DistanceM | None = None
    avg_hr: HeartRate | None = None
    max_hr: HeartRate | None = None
    elevation_gain_m: ElevationGainM | None = None
    calories: Calories | None = None
    rpe: Rpe | None = None
    title: Title | None = None
    notes: Notes | None = None


class WorkoutCreate(_WorkoutFields):
    """A workout logged by hand (avg_hr <= max_hr is checked by the service, as on update)."""

    sport: SportName
    started_at: StartedAt
    duration_s: DurationS
    client_id: uuid.UUID | None = Field(
        default=None,
        description="a UUID the client makes when the workout is logged: sending it again "
        "(a retry, an offline queue's replay) answers 200 with the workout it made",
    )


class WorkoutUpdate(_WorkoutFields):
    """Every field optional; the same bounds as on creation."""


class WorkoutQuery(Input):
    sport: SportName | None = None
    since: TimeBound = None
    until: TimeBound = None
    cursor: str | None = Field(default=None, max_length=200)
    limit: int = Field(default=20, ge=1, le=100)

    @field_validator("since", "until", mode="before")
    @classmethod
    def _parse_bound(cls, value: Any) -> Any:
        """A plain ``YYYY-MM-DD`` is a date, anything else an RFC 3339 time."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        try:
            if _PLAIN_DATE.fullmatch(text):
                return date.fromisoformat(text)
            return datetime.fromisoformat(text)
        except ValueError:
            raise ValueError("not an RFC 3339 time or a YYYY-MM-DD date") from None

    @field_validator("since", "until")
    @classmethod
    def _as_datetime(cls, value: datetime | date | None) -> datetime | date | None:
        if isinstance(value, datetime):
            return _aware_utc(value)
        return check_day(value) if value is not None else None

    def since_at(self) -> datetime | None:
        if isinstance(self.since, datetime) or self.since is None:
            return self.since
        return datetime.combine(self.since, time.min, tzinfo=UTC)

    def until_at(self) -> datetime | None:
        """Exclusive upper bound: a date means the end of that day."""
        if isinstance(self.until, datetime) or self.until is None:
            return self.until
        return datetime.combine(self.until, time.min, tzinfo=UTC) + timedelta(days=1)


REQUIRED_ON_UPDATE = ("sport", "started_at", "duration_s")


SUMMARY_COLUMNS = (
    "id", "sport", "started_at", "duration_s", "moving_time_s", "distance_m",
    "elevation_gain_m", "avg_hr", "max_hr", "avg_pace_s_per_km", "calories", "rpe", "title",
    "notes", "source", "device_id", "client_id", "created_at", "updated_at",
)  # fmt: skip
UUID_COLUMNS = ("id", "device_id", "client_id")


class Split(BaseModel):
    """One kilometre (the last may be shorter) of an imported workout."""

    index: int
    distance_m: float
    duration_s: float
    pace_s_per_km: float | None
    avg_hr: float | None
    elevation_gain_m: float | None


class ZoneTime(BaseModel):
    zone: int = Field(description="1..5")
    min_bpm: int
    max_bpm: int
    seconds: int


class HrZoneTimes(BaseModel):
    """Time in each HR zone (% of max HR) from the workout's samples."""

    method: Literal["max_hr"]
    max_hr: int
    zones: list[ZoneTime]


class WorkoutSummary(BaseModel):
    """A workout as GET /workouts lists it (no splits, no zones)."""

    id: uuid.UUID
    sport: SportName
    started_at: datetime
    duration_s: float
    moving_time_s: float | None
    distance_m: float | None
    elevation_gain_m: float | None
    avg_hr: float | None
    max_hr: float | None
    avg_pace_s_per_km: float | None
    calories: float | None
    rpe: int | None
    title: str | None
    notes: str | None
    source: str = Field(
        description="manual, or where it was imported from (fit, gpx, tcx, a device)"
    )
    device_id: uuid.UUID | None
    client_id: uuid.UUID | None = Field(
        description="the `client_id` it was logged with (none for imported or synced ones)"
    )
    created_at: datetime
    updated_at: datetime


class WorkoutDetail(WorkoutSummary):
    """One workout with its splits, time in HR zones, training load and HR sample count."""

    splits: list[Split]
    hr_zones: HrZoneTimes | None
    load: float | None
    load_source: str | None = Field(description="what the load was computed from")
    hr_sample_count: int


class WorkoutPage(BaseModel):
    items: list[WorkoutSummary]
    next_cursor: str | None


def summary(w: Workout | Mapping[str, Any]) -> dict[str, Any]:
    """The list shape: everything but splits and zones (from a model or a summary row).

    Numbers are rounded when they are written (``Workout.save``), so a row from
    the database is already in its answer shape.
    """
    if isinstance(w, Mapping):
        return dict(w)
    return {name: getattr(w, name) for name in SUMMARY_COLUMNS}


def detail(w: Workout, *, hr_sample_count: int | None = None) -> dict[str, Any]:
    """The full shape: with splits, time in HR zones and the sample count."""
    body = summary(w)
    body["splits"] = w.splits or []
    body["hr_zones"] = w.hr_zone_seconds
    body["load"] = w.load
    body["load_source"] = w.load_source
    if hr_sample_count is not None:
        body["hr_sample_count"] = hr_sample_count
    return body


class ShareLinkOut(BaseModel):
    """A workout's live share link (``url`` is ``APP_URL/s/<token>``)."""

    url: str = Field(description="the public page: anyone with it sees the workout's summary")
    token: str
    created_at: datetime


def share_link(link: ShareLink, *, app_url: str) -> dict[str, Any]:
    """The answer of POST /workouts/{id}/share."""
    return {"url": f"{app_url}/s/{link.token}", "token": link.token, "created_at": link.created_at}


_SPORT_WORDS = {
    "run": "run", "trail_run": "trail run", "treadmill": "treadmill run", "walk": "walk",
    "ride": "ride", "swim": "swim", "strength": "strength session", "other": "workout",
}  # fmt: skip
_KM_PER_MILE = 1.609344


def _clock(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def share_page(view: SharedWorkout, *, app_url: str) -> dict[str, Any]:
    """The public page's values (``runcoach/templates/share/workout.html``): a summary in
    the athlete's units and time zone, with the athlete's first name only."""
    imperial = view.units == "imperial"
    sport = _SPORT_WORDS.get(view.sport, "workout")
    local = localtime.wall_clock(view.started_at, view.timezone)
    stats: list[tuple[str, str]] = []
    if view.distance_m:
        distance = view.distance_m / 1000 / (_KM_PER_MILE if imperial else 1)
        stats.append(("Distance", f"{distance:.2f} {'mi' if imperial else 'km'}"))
    stats.append(("Duration", _clock(view.moving_time_s or view.duration_s)))
    if view.sport == "ride" and view.distance_m:
        hours = (view.moving_time_s or view.duration_s) / 3600
        speed = view.distance_m / 1000 / (_KM_PER_MILE if imperial else 1) / hours
        stats.append(("Speed", f"{speed:.1f} {'mph' if imperial else 'km/h'}"))
    elif view.avg_pace_s_per_km:
        pace = view.avg_pace_s_per_km * (_KM_PER_MILE if imperial else 1)
        stats.append(("Pace", f"{_clock(pace)} /{'mi' if imperial else 'km'}"))
    if view.avg_hr:
        stats.append(("Avg heart rate", f"{round(view.avg_hr)} bpm"))
    if view.elevation_gain_m:
        climb = view.elevation_gain_m * (3.28084 if imperial else 1)
        stats.append(("Elevation gain", f"{round(climb)} {'ft' if imperial else 'm'}"))
    title = view.title or f"{view.first_name}'s {sport}"
    return {
        "title": title,
        "heading": title,
        "who": f"{view.first_name}'s {sport}",
        "description": f"{view.first_name}'s {sport}: "
        + " · ".join(value for _, value in stats)
        + " (RunCoach)",
        "url": f"{app_url}/s/{view.token}",
        "when": f"{local:%A} {local.day} {local:%B %Y}, {local:%H:%M}",
        "started_at": view.started_at.isoformat(),
        "stats": stats,
    }
