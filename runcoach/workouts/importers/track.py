"""Track maths shared by the file importers: samples in, totals, splits and HR zones out.

Rules (all pure, no I/O):

* Distance: the file's cumulative distance stream when it has one (forward-filled, forced
  non-decreasing); otherwise the haversine sum of consecutive positions, ignoring jumps faster
  than ``GPS_GLITCH_SPEED_MS`` (GPS glitches).
* Elapsed duration: from ``started_at`` (or the first point, if earlier) to the last point.
* Moving time: the sum of the intervals between consecutive points whose average speed is at
  least ``MOVING_SPEED_MS`` (0.5 m/s). A pause, whether the device stops recording (a time gap
  with no distance) or keeps recording while standing still, falls below that speed. Without
  any distance data, intervals longer than ``MAX_SAMPLE_GAP_S`` (10 s) count as pauses.
* Elevation gain: hysteresis of ``ELEVATION_THRESHOLD_M`` (3 m): a climb starts counting once
  the altitude rises 3 m above the last low point and then every new high counts, until a 3 m
  drop from the last high point; so GPS/barometer jitter below 3 m adds nothing.
* Heart rate: samples outside 25..250 bpm are dropped. The average is time-weighted: each
  sample holds until the next one, capped at 10 s (the last sample counts 1 s), so sparse or
  paused stretches do not dominate. The maximum is the highest valid sample.
* Average pace: moving time (elapsed if unknown) / distance in km; None below 10 m.
* Splits: one per full kilometre of cumulative distance plus a last partial one (if at least
  10 m), boundaries interpolated linearly between points; a split's pace uses its moving time.
* Caps (a file beyond one is refused, before the work it would cost): ``MAX_TRACK_POINTS``
  samples (over 27 hours at one per second), ``MAX_LAPS`` laps or sessions, ``MAX_SPLITS``
  splits (the longest workout, 1,000 km, in 1 km splits); ``MAX_HR_SAMPLES`` HR samples
  are kept (thinned evenly beyond it).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from runcoach.workouts.activity import Split
from runcoach.workouts.importers.errors import ImportFailed

EARTH_RADIUS_M = 6_371_008.8  # IUGG mean Earth radius
MOVING_SPEED_MS = 0.5
MAX_SAMPLE_GAP_S = 10.0
LAST_SAMPLE_S = 1.0
ELEVATION_THRESHOLD_M = 3.0
GPS_GLITCH_SPEED_MS = 60.0
MIN_DISTANCE_M = 10.0
SPLIT_M = 1000.0
HR_MIN, HR_MAX = 25, 250
MAX_HR_SAMPLES = 20_000
MAX_TRACK_POINTS = 100_000
MAX_LAPS = 1_000
MAX_SPLITS = 1_000


@dataclass(frozen=True, slots=True)
class TrackPoint:
    """One sample of a recording; ``t`` is seconds since the activity's ``started_at``."""

    t: float
    lat: float | None = None
    lon: float | None = None
    alt: float | None = None  # metres
    dist: float | None = None  # cumulative metres, as recorded by the device
    hr: float | None = None  # beats per minute


def finite(value: object) -> float | None:
    """Return ``value`` as a float, or None when missing, non-numeric, NaN or infinite."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def valid_position(lat: float | None, lon: float | None) -> tuple[float | None, float | None]:
    """Return (lat, lon) in degrees if both are present and in range, else (None, None)."""
    if lat is None or lon is None or not (-90.0 <= lat <= 90.0) or not (-180.0 <= lon <= 180.0):
        return None, None
    return lat, lon


def valid_hr(hr: float | None) -> float | None:
    """Return ``hr`` if it is a plausible heart rate (25..250 bpm), else None."""
    return hr if hr is not None and HR_MIN <= hr <= HR_MAX else None


def as_utc(moment: datetime, field: str = "time") -> datetime:
    """Return ``moment`` as an aware UTC datetime (naive values are taken to be UTC).

    A time at the very ends of the calendar (year 1 with a positive offset, year 9999 with a
    negative one) has no UTC equivalent: ``ImportFailed`` naming ``field``.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ImportFailed(f"{field} {moment.isoformat()} is out of range", field=field) from None


def check_count(count: int, limit: int, *, field: str, what: str) -> None:
    """``ImportFailed`` naming ``field`` once ``count`` passes ``limit`` (call while counting)."""
    if count > limit:
        raise ImportFailed(f"the file has more than {limit:,} {what}", field=field)


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle metres by the haversine formula: 2R·asin√(sin²(Δφ/2) + cosφ₁cosφ₂sin²(Δλ/2))."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlam = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, a)))


def sorted_points(points: Iterable[TrackPoint]) -> list[TrackPoint]:
    """Return the points in ascending time order (stable for equal times)."""
    return sorted(points, key=lambda p: p.t)


def cumulative_distance(points: Sequence[TrackPoint]) -> list[float] | None:
    """Cumulative metres at each point, or None when the points carry no distance or position."""
    if any(p.dist is not None for p in points):
        out: list[float] = []
        last = 0.0
        for p in points:
            if p.dist is not None and p.dist > last:
                last = p.dist
            out.append(last)
        return out
    if sum(1 for p in points if p.lat is not None and p.lon is not None) < 2:
        return None
    out = []
    total = 0.0
    prev: TrackPoint | None = None
    for p in points:
        if p.lat is not None and p.lon is not None:
            if prev is not None:
                assert prev.lat is not None and prev.lon is not None
                step = haversine_m(prev.lat, prev.lon, p.lat, p.lon)
                dt = p.t - prev.t
                if step <= GPS_GLITCH_SPEED_MS * max(dt, 0.0):
                    total += step
            prev = p
        out.append(total)
    return out


def elapsed_s(points: Sequence[TrackPoint]) -> float:
    """Seconds from ``started_at`` (offset 0, or the first point if earlier) to the last point."""
    if not points:
        return 0.0
    return max(0.0, points[-1].t - min(points[0].t, 0.0))


def _moving_seconds(points: Sequence[TrackPoint], dist: Sequence[float] | None) -> list[float]:
    """Moving seconds of each interval ending at point i (index 0 is always 0)."""
    out = [0.0]
    for i in range(1, len(points)):
        dt = points[i].t - points[i - 1].t
        if dt <= 0:
            out.append(0.0)
        elif dist is None:
            out.append(dt if dt <= MAX_SAMPLE_GAP_S else 0.0)
        else:
            out.append(dt if (dist[i] - dist[i - 1]) / dt >= MOVING_SPEED_MS else 0.0)
    return out


def moving_time_s(points: Sequence[TrackPoint], dist: Sequence[float] | None = None) -> float:
    """Seconds spent moving (see the module docstring for the rule)."""
    if dist is None:
        dist = cumulative_distance(points)
    return sum(_moving_seconds(points, dist))


def cumulative_elevation_gain(altitudes: Sequence[float | None]) -> list[float] | None:
    """Cumulative climb at each sample with a 3 m hysteresis, or None with no altitude data."""
    if all(a is None for a in altitudes):
        return None
    out: list[float] = []
    gain = 0.0
    ref: float | None = None  # last low point while descending, last high point while climbing
    climbing = False
    for alt in altitudes:
        if alt is not None:
            if ref is None:
                ref = alt
            elif climbing:
                if alt > ref:
                    gain += alt - ref
                    ref = alt
                elif ref - alt >= ELEVATION_THRESHOLD_M:
                    climbing, ref = False, alt
            elif alt < ref:
                ref = alt
            elif alt - ref >= ELEVATION_THRESHOLD_M:
                gain += alt - ref
                climbing, ref = True, alt
        out.append(gain)
    return out


def elevation_gain_m(altitudes: Sequence[float | None]) -> float | None:
    """Total climb in metres with a 3 m hysteresis; None when there is no altitude data."""
    cumulative = cumulative_elevation_gain(altitudes)
    return cumulative[-1] if cumulative else None


def _hr_weights(times: Sequence[float]) -> list[float]:
    """Seconds each sample holds: the gap to the next sample capped at 10 s, the last 1 s."""
    weights = [max(0.0, min(b - a, MAX_SAMPLE_GAP_S)) for a, b in itertools.pairwise(times)]
    if times:
        weights.append(LAST_SAMPLE_S)
    return weights


def heart_rate_stats(points: Sequence[TrackPoint]) -> tuple[float | None, float | None]:
    """Time-weighted average and maximum heart rate of the valid samples, or (None, None)."""
    samples = [(p.t, hr) for p in points if (hr := valid_hr(p.hr)) is not None]
    if not samples:
        return None, None
    weights = _hr_weights([t for t, _ in samples])
    total = sum(weights)
    values = [hr for _, hr in samples]
    if total <= 0:
        avg = sum(values) / len(values)
    else:
        avg = sum(w * hr for w, hr in zip(weights, values, strict=True)) / total
    return round(avg, 1), max(values)


def weighted_mean(pairs: Sequence[tuple[float, float]]) -> float | None:
    """The mean of the values weighted by the spans in ``(value, span)`` pairs.

    The plain mean when the spans add up to 0 (none known); None without pairs. Device
    totals use it to average the HR of several sessions or laps by their duration.
    """
    if not pairs:
        return None
    total = sum(span for _, span in pairs)
    if total > 0:
        return sum(value * span for value, span in pairs) / total
    return sum(value for value, _ in pairs) / len(pairs)


def average_pace(moving_s: float | None, distance_m: float | None) -> float | None:
    """Seconds per km, or None when the distance is under 10 m or the time is unknown."""
    if moving_s is None or moving_s <= 0 or distance_m is None or distance_m < MIN_DISTANCE_M:
        return None
    return moving_s / (distance_m / 1000.0)


def hr_samples(points: Sequence[TrackPoint], limit: int = MAX_HR_SAMPLES) -> list[tuple[int, int]]:
    """(whole-second offset, bpm) pairs: valid HR only, first per second, at most ``limit``."""
    out: list[tuple[int, int]] = []
    last_second = -1
    for p in points:
        hr = valid_hr(p.hr)
        if hr is None or p.t < 0:
            continue
        second = int(p.t)
        if second > last_second:
            out.append((second, round(hr)))
            last_second = second
    if len(out) > limit:
        stride = math.ceil(len(out) / limit)
        out = out[::stride]
    return out


def hr_zone_seconds(
    hr_samples: Sequence[tuple[int, int]], zone_upper_bounds: Sequence[float]
) -> list[int]:
    """Seconds in each HR zone; zone i holds bpm <= bounds[i] (above the last bound: last zone).

    A sample lasts until the next one, capped at 10 s; the last sample counts 1 s.
    """
    bounds = list(zone_upper_bounds)
    if any(b >= c for b, c in itertools.pairwise(bounds)):
        raise ValueError("zone upper bounds must be strictly ascending")
    zones = [0.0] * len(bounds)
    if not bounds:
        return []
    samples = sorted(hr_samples)
    weights = _hr_weights([float(t) for t, _ in samples])
    for (_, bpm), weight in zip(samples, weights, strict=True):
        index = min(bisect.bisect_left(bounds, bpm), len(bounds) - 1)
        zones[index] += weight
    return [round(z) for z in zones]


def _interpolate(xs: Sequence[float], ys: Sequence[float], x: float) -> float:
    """Linear interpolation of ``ys`` at ``x`` over non-decreasing ``xs`` (first match wins)."""
    i = bisect.bisect_left(xs, x)
    if i <= 0:
        return ys[0]
    if i >= len(xs):
        return ys[-1]
    x0, x1 = xs[i - 1], xs[i]
    if x1 == x0:
        return ys[i]
    return ys[i - 1] + (ys[i] - ys[i - 1]) * (x - x0) / (x1 - x0)


def _prefix(values: Iterable[float]) -> list[float]:
    """Running sums starting at the first value."""
    out: list[float] = []
    total = 0.0
    for v in values:
        total += v
        out.append(total)
    return out


def compute_splits(
    points: Sequence[TrackPoint],
    dist: Sequence[float],
    gain: Sequence[float] | None = None,
) -> list[Split]:
    """Per-kilometre splits (and a last partial one of at least 10 m) over cumulative ``dist``."""
    if len(points) < 2 or dist[-1] - dist[0] < MIN_DISTANCE_M:
        return []
    times = [p.t for p in points]
    moving = _prefix(_moving_seconds(points, dist))
    # Heart rate, held from each interval's start point, weighted by the capped interval length.
    hr_w = [0.0]
    hr_sum = [0.0]
    for i in range(1, len(points)):
        hr = valid_hr(points[i - 1].hr)
        w = max(0.0, min(times[i] - times[i - 1], MAX_SAMPLE_GAP_S)) if hr is not None else 0.0
        hr_w.append(w)
        hr_sum.append(w * hr if hr is not None else 0.0)
    hr_w, hr_sum = _prefix(hr_w), _prefix(hr_sum)

    start, end = dist[0], dist[-1]
    # bounded before the loop: a track of 1e9 m would otherwise make a million splits
    check_count(math.ceil((end - start) / SPLIT_M), MAX_SPLITS, field="splits", what="splits")
    bounds = [start]
    while end - bounds[-1] > SPLIT_M:
        bounds.append(bounds[-1] + SPLIT_M)
    if end - bounds[-1] >= MIN_DISTANCE_M:
        bounds.append(end)

    def at(series: Sequence[float], d: float) -> float:
        return _interpolate(dist, series, d)

    splits: list[Split] = []
    for index, (lo, hi) in enumerate(itertools.pairwise(bounds), start=1):
        duration = at(times, hi) - at(times, lo)
        moved = at(moving, hi) - at(moving, lo)
        weight = at(hr_w, hi) - at(hr_w, lo)
        avg_hr = round((at(hr_sum, hi) - at(hr_sum, lo)) / weight, 1) if weight > 0 else None
        climb = at(gain, hi) - at(gain, lo) if gain is not None else None
        length = hi - lo
        splits.append(
            Split(
                index=index,
                distance_m=round(length, 1),
                duration_s=round(duration, 1),
                pace_s_per_km=round_1(average_pace(moved if moved > 0 else duration, length)),
                avg_hr=avg_hr,
                elevation_gain_m=round(climb, 1) if climb is not None else None,
            )
        )
    return splits


def round_1(value: float | None) -> float | None:
    """Round to one decimal, keeping None."""
    return round(value, 1) if value is not None else None
