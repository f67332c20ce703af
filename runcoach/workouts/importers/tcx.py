"""Garmin Training Center (TCX v2) activities, parsed with defusedxml, namespace-agnostic."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from xml.etree.ElementTree import Element

from runcoach.workouts.activity import ActivityData
from runcoach.workouts.importers.build import Totals, build_activity, sum_of
from runcoach.workouts.importers.errors import ImportFailed
from runcoach.workouts.importers.safe_xml import local_name, safe_xml_root
from runcoach.workouts.importers.track import (
    MAX_LAPS,
    MAX_TRACK_POINTS,
    TrackPoint,
    as_utc,
    check_count,
    finite,
    valid_hr,
    valid_position,
    weighted_mean,
)
from runcoach.workouts.sports import sport_from_name


def _children(element: Element, name: str) -> Iterator[Element]:
    """Direct children of ``element`` whose local tag name is ``name``."""
    return (child for child in element if local_name(child.tag) == name)


def _child(element: Element | None, *path: str) -> Element | None:
    """The first descendant along ``path`` of local tag names, or None."""
    for name in path:
        if element is None:
            return None
        element = next(_children(element, name), None)
    return element


def _number(element: Element | None, *path: str) -> float | None:
    """The finite number held by the element at ``path``, or None."""
    found = _child(element, *path)
    return finite((found.text or "").strip()) if found is not None else None


def _time(text: str | None, field: str = "time") -> datetime | None:
    """Parse an ISO 8601 timestamp (``Z`` or offset; naive means UTC), or None."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return as_utc(moment, field)


def parse_tcx(data: bytes) -> ActivityData:
    """Parse the first activity of a TCX file into an ``ActivityData``."""
    root = safe_xml_root(data, "TrainingCenterDatabase", "TCX")
    activity = _child(root, "Activities", "Activity")
    if activity is None:
        raise ImportFailed("TCX file has no activity")

    laps = list(_children(activity, "Lap"))
    check_count(len(laps), MAX_LAPS, field="laps", what="laps")
    trackpoints: list[tuple[datetime, Element]] = []
    for lap in laps:
        for track in _children(lap, "Track"):
            for trackpoint in _children(track, "Trackpoint"):
                moment = _time(_text(trackpoint, "Time"))
                if moment is not None:
                    trackpoints.append((moment, trackpoint))
                    check_count(
                        len(trackpoints), MAX_TRACK_POINTS, field="trackpoints", what="track points"
                    )
    trackpoints.sort(key=lambda item: item[0])

    id_element = _child(activity, "Id")
    lap_starts = [t for lap in laps if (t := _time(lap.get("StartTime"), "laps")) is not None]
    started_at = _time(id_element.text if id_element is not None else None, "started_at")
    if started_at is None:
        candidates = lap_starts + [t for t, _ in trackpoints[:1]]
        if not candidates:
            raise ImportFailed("TCX activity has no start time")
        started_at = min(candidates)

    points = []
    for moment, trackpoint in trackpoints:
        lat, lon = valid_position(
            _number(trackpoint, "Position", "LatitudeDegrees"),
            _number(trackpoint, "Position", "LongitudeDegrees"),
        )
        points.append(
            TrackPoint(
                t=(moment - started_at).total_seconds(),
                lat=lat,
                lon=lon,
                alt=_number(trackpoint, "AltitudeMeters"),
                dist=_number(trackpoint, "DistanceMeters"),
                hr=valid_hr(_number(trackpoint, "HeartRateBpm", "Value")),
            )
        )
    if not points and not laps:
        raise ImportFailed("TCX activity has no laps or track points")

    return build_activity(
        points,
        sport=sport_from_name(activity.get("Sport")),
        started_at=started_at,
        source="tcx",
        title=_text(activity, "Notes"),
        totals=_lap_totals(laps, has_points=bool(points)),
    )


def _text(element: Element, name: str) -> str | None:
    """The stripped text of the child ``name``, or None."""
    found = _child(element, name)
    text = (found.text or "").strip() if found is not None else ""
    return text or None


def _lap_totals(laps: list[Element], *, has_points: bool) -> Totals:
    """Totals summed over the laps; lap time (timer time) is the moving time."""
    times = [_number(lap, "TotalTimeSeconds") for lap in laps]
    distances = [d for lap in laps if (d := _number(lap, "DistanceMeters")) is not None]
    calories = [c for lap in laps if (c := _number(lap, "Calories")) is not None]
    weighted = [
        (hr, t or 0.0)
        for lap, t in zip(laps, times, strict=True)
        if (hr := valid_hr(_number(lap, "AverageHeartRateBpm", "Value"))) is not None
    ]
    maxima = [m for lap in laps if (m := valid_hr(_number(lap, "MaximumHeartRateBpm", "Value")))]
    timer = sum_of([t for t in times if t is not None], field="duration_s")
    avg_hr = weighted_mean(weighted)
    return Totals(
        duration_s=None if has_points else timer,
        moving_time_s=timer,
        distance_m=sum_of(distances, field="distance_m"),
        avg_hr=avg_hr,
        max_hr=max(maxima) if maxima else None,
        calories=sum_of(calories, field="calories"),
    )
