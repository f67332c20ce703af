"""GPX 1.0/1.1 tracks, checked with defusedxml and then parsed with ``gpxpy``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from xml.etree.ElementTree import Element

import gpxpy
import gpxpy.gpx

from runcoach.workouts.activity import ActivityData
from runcoach.workouts.importers.build import build_activity
from runcoach.workouts.importers.errors import ImportFailed
from runcoach.workouts.importers.safe_xml import local_name, safe_xml_root, xml_text
from runcoach.workouts.importers.track import (
    MAX_TRACK_POINTS,
    TrackPoint,
    as_utc,
    check_count,
    finite,
    valid_hr,
    valid_position,
)
from runcoach.workouts.sports import Sport, sport_from_name

_POINT_TAGS = frozenset({"trkpt", "rtept", "wpt"})  # gpxpy builds an object for each
HR_TAGS = ("hr", "heartrate", "heart_rate")  # gpxtpx:hr (Garmin), plus common variants


def extension_hr(extensions: Iterable[Element]) -> float | None:
    """Heart rate from a point's extensions (e.g. ``gpxtpx:TrackPointExtension/gpxtpx:hr``)."""
    for extension in extensions:
        for element in extension.iter():
            if local_name(element.tag).lower() in HR_TAGS:
                return valid_hr(finite((element.text or "").strip()))
    return None


def parse_gpx(data: bytes) -> ActivityData:
    """Parse a GPX file's tracks into an ``ActivityData``."""
    root = safe_xml_root(data, "gpx", "GPX")  # rejects DTDs/entities before gpxpy sees it
    # counted on the checked tree, before gpxpy builds an object per point
    points_in_file = sum(1 for element in root.iter() if local_name(element.tag) in _POINT_TAGS)
    check_count(points_in_file, MAX_TRACK_POINTS, field="trackpoints", what="track points")
    try:
        document = gpxpy.parse(xml_text(data))
    except gpxpy.gpx.GPXException as exc:
        raise ImportFailed("GPX file is invalid") from exc

    timed: list[tuple[datetime, gpxpy.gpx.GPXTrackPoint]] = []
    total = 0
    for track in document.tracks:
        for segment in track.segments:
            for point in segment.points:
                total += 1
                if point.time is not None:
                    timed.append((as_utc(point.time), point))
    if total == 0:
        raise ImportFailed("GPX file has no track points")
    if not timed:
        raise ImportFailed("GPX track has no timestamps")

    timed.sort(key=lambda item: item[0])
    started_at = timed[0][0]
    points = []
    for stamp, point in timed:
        lat, lon = valid_position(finite(point.latitude), finite(point.longitude))
        points.append(
            TrackPoint(
                t=(stamp - started_at).total_seconds(),
                lat=lat,
                lon=lon,
                alt=finite(point.elevation),
                hr=extension_hr(point.extensions),
            )
        )

    track_type = next((t.type for t in document.tracks if t.type), None)
    title = next((t.name for t in document.tracks if t.name), None) or document.name
    return build_activity(
        points,
        sport=sport_from_name(track_type, default=Sport.RUN),
        started_at=started_at,
        source="gpx",
        title=title,
    )
