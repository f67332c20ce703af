"""Deterministic builders of real .fit, .gpx and .tcx workout files for tests.

Typical use::

    samples = run_samples(5000, pace_s_per_km=300, pause_at_m=2500, pause_s=120)
    fit_bytes = make_fit(samples)                 # FIT activity (fit-tool), with a session
    gpx_bytes = make_gpx(samples)                 # GPX 1.1 (gpxpy) with gpxtpx:hr extensions
    tcx_bytes = make_tcx(samples)                 # TCX v2 with one lap

All builders take a list of ``Sample`` (offsets in seconds from ``start``) and return bytes.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

import gpxpy.gpx
from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import (
    Event,
    EventType,
    FileType,
    Manufacturer,
    Sport,
    SubSport,
)

START = datetime(2024, 5, 1, 6, 0, 0, tzinfo=UTC)
EARTH_RADIUS_M = 6_371_008.8  # must match the importer's haversine radius
TPX_NS = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


@dataclass(frozen=True, slots=True)
class Sample:
    """One recorded point: ``t`` seconds after the start; None fields are left out of the file."""

    t: float
    lat: float | None = None
    lon: float | None = None
    alt: float | None = None
    dist: float | None = None  # true cumulative metres (written to FIT and TCX only)
    hr: int | None = None


def run_samples(
    distance_m: float = 5000.0,
    pace_s_per_km: float = 300.0,
    *,
    pause_at_m: float | None = None,
    pause_s: int = 0,
    pause_mode: str = "still",
    hilly: bool = False,
    noise_m: float = 0.0,
    with_hr: bool = True,
    with_position: bool = True,
    lat0: float = 52.0,
    lon0: float = 13.0,
) -> list[Sample]:
    """A 1 Hz run due north along a meridian (haversine distance is exact), deterministic.

    ``pause_at_m``/``pause_s``: stop once at that distance; ``pause_mode="still"`` keeps
    recording 1 Hz samples in place, ``"gap"`` records nothing until one resume sample.
    ``hilly``: altitude 100 + 20·sin(2π·d/1000) m, i.e. 200 m of climbing over 5 km.
    ``noise_m``: seeded uniform altitude noise of ±noise_m. HR climbs 140→155 while
    moving and is 110 while paused. Moving time is exactly distance_m / speed.
    """
    speed = 1000.0 / pace_s_per_km
    duration = distance_m / speed
    rng = random.Random(1234)
    moving_times = [float(i) for i in range(math.floor(duration) + 1)]
    if moving_times[-1] < duration:
        moving_times.append(duration)

    def sample(t: float, d: float, hr: int) -> Sample:
        lat = lat0 + math.degrees(d / EARTH_RADIUS_M) if with_position else None
        alt = 100.0 + 20.0 * math.sin(2 * math.pi * d / 1000.0) if hilly else 50.0
        if noise_m:
            alt += rng.uniform(-noise_m, noise_m)
        return Sample(
            t=t,
            lat=lat,
            lon=lon0 if with_position else None,
            alt=round(alt, 2),
            dist=round(d, 3),
            hr=hr if with_hr else None,
        )

    out: list[Sample] = []
    offset = 0.0
    paused = pause_at_m is None or pause_s <= 0
    for mt in moving_times:
        d = speed * mt
        out.append(sample(offset + mt, d, 140 + round(15 * mt / duration)))
        if not paused and pause_at_m is not None and d >= pause_at_m:
            paused = True
            if pause_mode == "still":
                out.extend(sample(offset + mt + k, d, 110) for k in range(1, pause_s + 1))
            else:
                out.append(sample(offset + mt + pause_s, d, 110))
            offset += pause_s
    return out


def _ms(start: datetime, t: float) -> int:
    """Unix milliseconds of ``start + t`` (fit-tool's timestamp unit)."""
    return round((start.timestamp() + t) * 1000)


def make_fit(
    samples: Sequence[Sample],
    *,
    start: datetime = START,
    sport: str = "running",
    sub_sport: str = "generic",
    session: bool = True,
    session_fields: dict[str, Any] | None = None,
) -> bytes:
    """A FIT activity file: file_id, timer events, one record per sample, session, activity.

    ``sport``/``sub_sport`` are FIT enum names (e.g. "running"/"trail", "training"/
    "strength_training"). The session's totals are derived from the samples (timer time = elapsed
    time minus the gaps over 10 s) unless overridden by ``session_fields`` (SessionMessage
    attribute names, e.g. ``{"total_calories": 420}``). ``session=False`` omits the session.
    """
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 0x1234
    file_id.time_created = _ms(start, 0)
    builder.add(file_id)

    event = EventMessage()
    event.event = Event.TIMER
    event.event_type = EventType.START
    event.timestamp = _ms(start, 0)
    builder.add(event)

    for s in samples:
        record = RecordMessage()
        record.timestamp = _ms(start, s.t)
        if s.lat is not None and s.lon is not None:
            record.position_lat = s.lat
            record.position_long = s.lon
        if s.alt is not None:
            record.enhanced_altitude = s.alt
        if s.dist is not None:
            record.distance = s.dist
        if s.hr is not None:
            record.heart_rate = s.hr
        builder.add(record)

    end = samples[-1].t if samples else 0.0
    event = EventMessage()
    event.event = Event.TIMER
    event.event_type = EventType.STOP_ALL
    event.timestamp = _ms(start, end)
    builder.add(event)

    if session:
        hrs = [s.hr for s in samples if s.hr is not None]
        dists = [s.dist for s in samples if s.dist is not None]
        gaps = sum(b.t - a.t for a, b in itertools.pairwise(samples) if b.t - a.t > 10)
        fields: dict[str, Any] = {
            "timestamp": _ms(start, end),
            "start_time": _ms(start, 0),
            "sport": Sport[sport.upper()],
            "sub_sport": SubSport[sub_sport.upper()],
            "total_elapsed_time": end,
            "total_timer_time": end - gaps,
        }
        if dists:
            fields["total_distance"] = dists[-1]
        if hrs:
            fields["avg_heart_rate"] = round(sum(hrs) / len(hrs))
            fields["max_heart_rate"] = max(hrs)
        fields.update(session_fields or {})
        message = SessionMessage()
        for name, value in fields.items():
            setattr(message, name, value)
        builder.add(message)

        activity = ActivityMessage()
        activity.timestamp = _ms(start, end)
        activity.num_sessions = 1
        activity.total_timer_time = fields["total_timer_time"]
        builder.add(activity)
    return builder.build().to_bytes()


def make_gpx(
    samples: Sequence[Sample],
    *,
    start: datetime = START,
    activity_type: str | None = "running",
    name: str | None = "Morning Run",
    with_time: bool = True,
) -> bytes:
    """A GPX 1.1 file (built with gpxpy) with one track; HR as ``gpxtpx:hr`` extensions.

    ``activity_type`` goes into the track's ``<type>``; ``with_time=False`` drops ``<time>``.
    Samples without a position are skipped (GPX points need lat/lon).
    """
    gpx = gpxpy.gpx.GPX()
    gpx.creator = "runcoach tests"
    gpx.nsmap["gpxtpx"] = TPX_NS
    track = gpxpy.gpx.GPXTrack(name=name)
    track.type = activity_type  # type: ignore[assignment]
    gpx.tracks.append(track)
    segment = gpxpy.gpx.GPXTrackSegment()
    track.segments.append(segment)
    for s in samples:
        if s.lat is None or s.lon is None:
            continue
        point = gpxpy.gpx.GPXTrackPoint(
            s.lat,
            s.lon,
            elevation=s.alt,
            time=start + timedelta(seconds=s.t) if with_time else None,
        )
        if s.hr is not None:
            extension = ET.Element(f"{{{TPX_NS}}}TrackPointExtension")
            ET.SubElement(extension, f"{{{TPX_NS}}}hr").text = str(s.hr)
            point.extensions.append(extension)
        segment.points.append(point)
    return gpx.to_xml(version="1.1").encode("utf-8")


def _iso(start: datetime, t: float) -> str:
    """ISO 8601 UTC with milliseconds and a ``Z`` suffix, as Garmin writes it."""
    moment = start + timedelta(seconds=t)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def make_tcx(
    samples: Sequence[Sample],
    *,
    start: datetime = START,
    sport: str = "Running",
    lap_totals: bool = True,
    calories: int | None = 400,
) -> bytes:
    """A TCX v2 file with one activity and one lap holding every sample as a Trackpoint.

    ``lap_totals`` writes TotalTimeSeconds (elapsed minus gaps over 10 s), DistanceMeters,
    Calories and average/maximum HR; otherwise only the (required) zero placeholders are
    written, so the importer has to compute everything from the trackpoints.
    """
    hrs = [s.hr for s in samples if s.hr is not None]
    dists = [s.dist for s in samples if s.dist is not None]
    end = samples[-1].t if samples else 0.0
    gaps = sum(b.t - a.t for a, b in itertools.pairwise(samples) if b.t - a.t > 10)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<TrainingCenterDatabase xmlns="{TCX_NS}">',
        "<Activities>",
        f'<Activity Sport="{escape(sport)}">',
        f"<Id>{_iso(start, 0)}</Id>",
        f'<Lap StartTime="{_iso(start, 0)}">',
    ]
    if lap_totals:
        lines.append(f"<TotalTimeSeconds>{end - gaps:.1f}</TotalTimeSeconds>")
        lines.append(f"<DistanceMeters>{dists[-1] if dists else 0:.1f}</DistanceMeters>")
        if calories is not None:
            lines.append(f"<Calories>{calories}</Calories>")
        if hrs:
            avg = round(sum(hrs) / len(hrs))
            lines.append(f"<AverageHeartRateBpm><Value>{avg}</Value></AverageHeartRateBpm>")
            lines.append(f"<MaximumHeartRateBpm><Value>{max(hrs)}</Value></MaximumHeartRateBpm>")
    lines += ["<Intensity>Active</Intensity>", "<TriggerMethod>Manual</TriggerMethod>", "<Track>"]
    for s in samples:
        parts = [f"<Time>{_iso(start, s.t)}</Time>"]
        if s.lat is not None and s.lon is not None:
            parts.append(
                f"<Position><LatitudeDegrees>{s.lat:.8f}</LatitudeDegrees>"
                f"<LongitudeDegrees>{s.lon:.8f}</LongitudeDegrees></Position>"
            )
        if s.alt is not None:
            parts.append(f"<AltitudeMeters>{s.alt}</AltitudeMeters>")
        if s.dist is not None:
            parts.append(f"<DistanceMeters>{s.dist}</DistanceMeters>")
        if s.hr is not None:
            parts.append(f"<HeartRateBpm><Value>{s.hr}</Value></HeartRateBpm>")
        lines.append("<Trackpoint>" + "".join(parts) + "</Trackpoint>")
    lines += ["</Track>", "</Lap>", "</Activity>", "</Activities>", "</TrainingCenterDatabase>"]
    return "\n".join(lines).encode("utf-8")


def billion_laughs(root: str = "gpx", levels: int = 10) -> bytes:
    """A "billion laughs" XML bomb whose root element is ``root`` (expands to ~10^levels)."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)
    ]
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n' + "\n".join(entities) + "\n]>\n"
        f"<{root}><name>&lol{levels - 1};</name></{root}>"
    ).encode()


def xxe_document(root: str = "gpx", target: str = "file:///etc/passwd") -> bytes:
    """An XML document whose root ``root`` pulls an external entity from ``target`` (XXE)."""
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{target}">]>\n'
        f"<{root}><name>&xxe;</name></{root}>"
    ).encode()


# --- hostile files: any value as written, and files of a million points -----------------------


def raw_tcx(
    *,
    activity_id: str | None = "2024-05-01T06:00:00Z",
    laps: Sequence[dict[str, str]] = ({"StartTime": "2024-05-01T06:00:00Z"},),
    trackpoints: Sequence[dict[str, str]] = (),
) -> bytes:
    """A TCX file whose values are written exactly as given (strings: "NaN", "1e20", dates).

    Each lap is a dict of its ``StartTime`` attribute and child elements (``TotalTimeSeconds``,
    ``DistanceMeters``, ``Calories``...); the trackpoints (``Time``, ``DistanceMeters``,
    ``AltitudeMeters``, ``HeartRate``) all go into the first lap's track.
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<TrainingCenterDatabase xmlns="{TCX_NS}"><Activities><Activity Sport="Running">',
    ]
    if activity_id is not None:
        lines.append(f"<Id>{escape(activity_id)}</Id>")
    for n, lap in enumerate(laps):
        start = lap.get("StartTime")
        lines.append(f'<Lap StartTime="{escape(start)}">' if start else "<Lap>")
        lines += [f"<{k}>{escape(v)}</{k}>" for k, v in lap.items() if k != "StartTime"]
        if n == 0 and trackpoints:
            lines.append("<Track>")
            for point in trackpoints:
                parts = []
                for key, value in point.items():
                    if key == "HeartRate":
                        parts.append(f"<HeartRateBpm><Value>{escape(value)}</Value></HeartRateBpm>")
                    else:
                        parts.append(f"<{key}>{escape(value)}</{key}>")
                lines.append("<Trackpoint>" + "".join(parts) + "</Trackpoint>")
            lines.append("</Track>")
        lines.append("</Lap>")
    lines.append("</Activity></Activities></TrainingCenterDatabase>")
    return "\n".join(lines).encode("utf-8")


def raw_gpx(points: Sequence[tuple[str, str, str]], *, extra: str = "") -> bytes:
    """A GPX 1.1 file with one track of ``(time, lat, lon)`` points written as given."""
    body = "".join(
        f'<trkpt lat="{escape(lat)}" lon="{escape(lon)}"><time>{escape(t)}</time></trkpt>'
        for t, lat, lon in points
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1">'
        f"{extra}<trk><name>hostile</name><trkseg>{body}</trkseg></trk></gpx>"
    ).encode()


def mass_gpx(count: int) -> bytes:
    """A GPX track of ``count`` points, one a second (a million: about 80 MB of text)."""
    start = START.timestamp()
    return raw_gpx(
        [
            (datetime.fromtimestamp(start + n, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "45.0", "6.0")
            for n in range(count)
        ]
    )


def deep_gpx(depth: int) -> bytes:
    """A GPX file with ``depth`` nested elements inside one point's extensions."""
    nest = "<x>" * depth + "</x>" * depth
    return raw_gpx([("2024-05-01T06:00:00Z", "45.0", "6.0")]).replace(
        b"</time></trkpt>", f"</time><extensions>{nest}</extensions></trkpt>".encode(), 1
    )


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_CRC_TABLE = _crc_table()  # FIT's CRC-16 is CRC-16/ARC (reflected polynomial 0xA001)


def _fit_crc(data: bytes) -> int:
    """The FIT CRC-16 of ``data``, a byte at a time."""
    crc, table = 0, _CRC_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def mass_fit(count: int) -> bytes:
    """A FIT file of ``count`` record messages holding only a timestamp, one a second.

    Written by hand (fit-tool takes minutes for a million records): a 14-byte header, one
    definition of the record message (global 20, field 253 timestamp uint32), ``count``
    5-byte data messages and the CRC.
    """
    import struct

    first = int(START.timestamp()) - 631_065_600  # FIT epoch: 1989-12-31T00:00:00Z
    definition = bytes([0x40, 0, 0]) + struct.pack("<HB", 20, 1) + bytes([253, 4, 0x86])
    records = b"".join(struct.pack("<BI", 0x00, first + n) for n in range(count))
    body = definition + records
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT")
    header += struct.pack("<H", _fit_crc(header))
    data = header + body
    return data + struct.pack("<H", _fit_crc(data))
