"""Garmin Connect provider, on the (synchronous) ``garminconnect`` library.

The mapping from Garmin Connect JSON to ``ActivityData`` / ``DailyMetrics`` is
kept in pure module-level functions (``map_activity``, ``map_daily``,
``sport_for_type``, ``extract_fit``, ``map_exception``) testable without network.

Session (``ProviderSession.credentials``), JSON-serialisable, no password::

    {"version": 1,
     "tokens": {"di_token": ..., "di_refresh_token": ..., "di_client_id": ...},
     "display_name": "<Garmin displayName, used in some API paths>"}

``tokens`` is what ``garminconnect.Client.dumps()`` produces (garminconnect 0.3
uses native DI OAuth tokens; garth is no longer involved). The library refreshes
the access token when it is about to expire; every call returns the session
with the current tokens, and a ``ProviderError`` carries it in ``.session`` when
the tokens changed before the failure.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import logging
import math
import re
import zipfile
import zlib
from collections.abc import Callable
from typing import Any, TypeVar

import requests
from garminconnect import (
    Garmin,
    GarminConnectAuthenticationError,
    GarminConnectConnectionError,
    GarminConnectTooManyRequestsError,
)

from runcoach.devices.providers.base import (
    DailyMetrics,
    ProviderAuthError,
    ProviderError,
    ProviderSession,
    ProviderUnavailable,
)
from runcoach.workouts.activity import ActivityData

log = logging.getLogger(__name__)

T = TypeVar("T")

SOURCE = "garmin"
SESSION_VERSION = 1

# Captured from the real class at import time, so a test double of ``Garmin``
# needs no enum of its own.
_ORIGINAL_FORMAT = Garmin.ActivityDownloadFormat.ORIGINAL
_SOCIAL_PROFILE_PATH = "/userprofile-service/socialProfile"

# --- the original-file archive -------------------------------------------------

MAX_FIT_BYTES = 20 * 1024 * 1024  # uncompressed cap of the extracted .fit
_MAX_ZIP_MEMBERS = 64
_MAX_COMPRESSION_RATIO = 100  # FIT data compresses ~2-10x; deflate bombs ~1000x
_RATIO_CHECK_FROM = 1024 * 1024  # tiny members may compress well legitimately
_CHUNK = 64 * 1024


def _looks_like_fit(data: bytes) -> bool:
    return len(data) >= 12 and data[8:12] == b".FIT"


def extract_fit(data: bytes, *, max_bytes: int = MAX_FIT_BYTES) -> bytes | None:
    """The first ``.fit`` member of the zip ``download_activity(ORIGINAL)`` returns.

    Returns ``None`` when there is none or the archive is unreadable or unsafe
    (member larger than ``max_bytes`` uncompressed, suspicious compression
    ratio, too many members). A bare FIT file (not zipped) is returned as is.
    """
    if not data:
        return None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if _looks_like_fit(data) and len(data) <= max_bytes:
            return bytes(data)
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > _MAX_ZIP_MEMBERS:
                log.warning("garmin: original-file zip has %d members, ignored", len(members))
                return None
            for info in members:
                if info.is_dir() or not info.filename.lower().endswith(".fit"):
                    continue
                return _read_member(archive, info, max_bytes)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        RuntimeError,
        NotImplementedError,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
    ) as exc:
        log.warning("garmin: unreadable original-file zip (%s)", type(exc).__name__)
    return None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int) -> bytes | None:
    if info.file_size > max_bytes:
        log.warning("garmin: .fit member of %d bytes exceeds the cap, ignored", info.file_size)
        return None
    if info.file_size > _RATIO_CHECK_FROM and info.file_size > _MAX_COMPRESSION_RATIO * max(
        info.compress_size, 1
    ):
        log.warning("garmin: .fit member compression ratio too high, ignored")
        return None
    out = bytearray()
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            out += chunk
            if len(out) > max_bytes:  # the header lied about the size
                log.warning("garmin: .fit member exceeds the cap when inflated, ignored")
                return None
    return bytes(out)


# --- activity mapping --------------------------------------------------------

_SPORT_BY_TYPE: dict[str, str] = {
    "running": "run",
    "street_running": "run",
    "track_running": "run",
    "virtual_run": "run",
    "obstacle_run": "run",
    "ultra_run": "run",
    "trail_running": "trail_run",
    "treadmill_running": "treadmill",
    "indoor_running": "treadmill",
    "walking": "walk",
    "casual_walking": "walk",
    "speed_walking": "walk",
    "hiking": "walk",
    "cycling": "ride",
    "road_biking": "ride",
    "mountain_biking": "ride",
    "gravel_cycling": "ride",
    "indoor_cycling": "ride",
    "virtual_ride": "ride",
    "cyclocross": "ride",
    "track_cycling": "ride",
    "recumbent_cycling": "ride",
    "bmx": "ride",
    "swimming": "swim",
    "lap_swimming": "swim",
    "open_water_swimming": "swim",
    "strength_training": "strength",
}


def sport_for_type(type_key: str | None) -> str:
    """Garmin ``activityType.typeKey`` -> one of ``SPORTS`` (``"other"`` if unknown)."""
    key = (type_key or "").strip().lower()
    if key in _SPORT_BY_TYPE:
        return _SPORT_BY_TYPE[key]
    if key.endswith(("_running", "_run")):
        return "run"
    if "cycling" in key or "biking" in key or key.endswith("_ride"):
        return "ride"
    if "swimming" in key:
        return "swim"
    if "walking" in key or "hiking" in key:
        return "walk"
    return "other"


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _positive(value: Any) -> float | None:
    number = _num(value)
    return number if number is not None and number > 0 else None


def _non_negative(value: Any) -> float | None:
    number = _num(value)
    return number if number is not None and number >= 0 else None


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _parse_start(summary: dict[str, Any]) -> dt.datetime | None:
    raw = summary.get("startTimeGMT")
    if isinstance(raw, str) and raw.strip():
        try:
            parsed = dt.datetime.fromisoformat(raw.strip())
        except ValueError:
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                return parsed.replace(tzinfo=dt.UTC)
            return parsed.astimezone(dt.UTC)
    millis = _num(summary.get("beginTimestamp"))
    if millis is not None:
        return dt.datetime.fromtimestamp(millis / 1000, tz=dt.UTC)
    return None


def _parse_fit(fit_bytes: bytes) -> ActivityData | None:
    try:
        from runcoach.workouts.importers import parse_activity
    except ImportError:
        log.warning("garmin: FIT importer unavailable, using the activity summary only")
        return None
    try:
        return parse_activity("activity.fit", fit_bytes)
    except Exception as exc:  # ImportFailed, or any parser bug: the summary still stands
        log.info("garmin: FIT file not usable (%s), using the summary", type(exc).__name__)
        return None


def map_activity(summary: dict[str, Any], fit_bytes: bytes | None = None) -> ActivityData:
    """A Garmin activity summary (an item of ``get_activities_by_date``) -> ActivityData.

    With ``fit_bytes`` (the original .fit file), splits and HR samples come from
    the parsed file, and any summary number Garmin left out is taken from it;
    Garmin's id, name, type and summary numbers win. Unusable FIT data falls
    back to the summary alone. Raises ValueError when the summary has no
    activityId, no start time or no duration.
    """
    activity_id = summary.get("activityId")
    if activity_id is None or isinstance(activity_id, bool) or str(activity_id).strip() == "":
        raise ValueError("Garmin activity without activityId")

    parsed = _parse_fit(fit_bytes) if fit_bytes else None

    started_at = _parse_start(summary) or (parsed.started_at if parsed else None)
    if started_at is None:
        raise ValueError(f"Garmin activity {activity_id} has no start time")

    duration = (
        _positive(summary.get("elapsedDuration"))
        or _positive(summary.get("duration"))
        or _positive(summary.get("movingDuration"))
        or (parsed.duration_s if parsed and parsed.duration_s > 0 else None)
    )
    if duration is None:
        raise ValueError(f"Garmin activity {activity_id} has no duration")

    sport = sport_for_type(_get(summary, "activityType", "typeKey"))
    if sport == "other" and parsed is not None:
        sport = parsed.sport

    distance = _positive(summary.get("distance"))
    moving = _positive(summary.get("movingDuration"))
    elevation = _non_negative(summary.get("elevationGain"))
    avg_hr = _positive(summary.get("averageHR"))
    max_hr = _positive(summary.get("maxHR"))
    calories = _non_negative(summary.get("calories"))
    if parsed is not None:
        distance = distance if distance is not None else parsed.distance_m
        moving = moving if moving is not None else parsed.moving_time_s
        elevation = elevation if elevation is not None else parsed.elevation_gain_m
        avg_hr = avg_hr if avg_hr is not None else parsed.avg_hr
        max_hr = max_hr if max_hr is not None else parsed.max_hr
        calories = calories if calories is not None else parsed.calories

    pace: float | None = None
    if distance:
        if moving:
            pace = moving / (distance / 1000.0)
        elif (speed := _positive(summary.get("averageSpeed"))) is not None:
            pace = 1000.0 / speed
        elif parsed is not None and parsed.avg_pace_s_per_km:
            pace = parsed.avg_pace_s_per_km

    name = summary.get("activityName")
    title = (name.strip() or None) if isinstance(name, str) else None
    if title is None and parsed is not None:
        title = parsed.title

    return ActivityData(
        sport=sport,
        started_at=started_at,
        duration_s=duration,
        moving_time_s=moving,
        distance_m=distance,
        elevation_gain_m=elevation,
        avg_hr=avg_hr,
        max_hr=max_hr,
        avg_pace_s_per_km=round(pace, 1) if pace is not None else None,
        calories=calories,
        title=title,
        source=SOURCE,
        external_id=str(activity_id).strip(),
        splits=list(parsed.splits) if parsed else [],
        hr_samples=list(parsed.hr_samples) if parsed else [],
    )


# --- daily metrics mapping -------------------------------------------------------


def _int_in(value: Any, low: int, high: int) -> int | None:
    number = _num(value)
    if number is None or not low <= number <= high:
        return None
    return round(number)


def _latest_weight_grams(weigh_ins: dict[str, Any]) -> float | None:
    entries = [e for e in weigh_ins.get("dateWeightList") or [] if isinstance(e, dict)]
    entries = [e for e in entries if _positive(e.get("weight")) is not None]
    if entries:
        latest = max(entries, key=lambda e: _num(e.get("timestampGMT")) or _num(e.get("date")) or 0)
        return _positive(latest.get("weight"))
    return _positive(_get(weigh_ins, "totalAverage", "weight"))


def map_daily(
    cdate: dt.date | str,
    stats: dict[str, Any] | None,
    hrv: dict[str, Any] | None,
    sleep: dict[str, Any] | None,
    *,
    weigh_ins: dict[str, Any] | None = None,
) -> DailyMetrics:
    """Garmin daily JSON -> DailyMetrics; any missing piece -> ``None``.

    ``stats``: ``get_stats`` / ``get_user_summary`` (restingHeartRate,
    averageStressLevel; negative stress = not enough data). ``hrv``:
    ``get_hrv_data`` (hrvSummary.lastNightAvg). ``sleep``: ``get_sleep_data``
    (dailySleepDTO.sleepTimeSeconds, dailySleepDTO.sleepScores.overall.value;
    its restingHeartRate / avgOvernightHrv fill gaps). ``weigh_ins``:
    ``get_daily_weigh_ins`` (dateWeightList[].weight in grams).
    """
    day = dt.date.fromisoformat(cdate) if isinstance(cdate, str) else cdate
    stats = stats if isinstance(stats, dict) else {}
    hrv = hrv if isinstance(hrv, dict) else {}
    sleep = sleep if isinstance(sleep, dict) else {}

    resting_hr = _int_in(stats.get("restingHeartRate"), 20, 250)
    if resting_hr is None:
        resting_hr = _int_in(sleep.get("restingHeartRate"), 20, 250)

    hrv_ms = _positive(_get(hrv, "hrvSummary", "lastNightAvg"))
    if hrv_ms is None:
        hrv_ms = _positive(sleep.get("avgOvernightHrv"))

    sleep_seconds = _positive(_get(sleep, "dailySleepDTO", "sleepTimeSeconds"))
    sleep_hours = round(sleep_seconds / 3600.0, 2) if sleep_seconds is not None else None
    sleep_score = _int_in(_get(sleep, "dailySleepDTO", "sleepScores", "overall", "value"), 0, 100)

    grams = _latest_weight_grams(weigh_ins) if isinstance(weigh_ins, dict) else None
    weight_kg = round(grams / 1000.0, 2) if grams is not None else None

    return DailyMetrics(
        date=day,
        resting_hr=resting_hr,
        hrv_ms=round(hrv_ms, 1) if hrv_ms is not None else None,
        sleep_hours=sleep_hours,
        sleep_score=sleep_score,
        weight_kg=weight_kg,
        stress=_int_in(stats.get("averageStressLevel"), 0, 100),
    )


# --- errors ------------------------------------------------------------------------

_STATUS_RE = re.compile(r"API Error (\d{3})")


def http_status(exc: BaseException) -> int | None:
    """The HTTP status behind a library error, if one can be told (else ``None``).

    garminconnect raises ``GarminConnectConnectionError("API Error 401 - ...")``
    (possibly re-wrapped) rather than exposing the response, hence the message.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        status = getattr(getattr(current, "response", None), "status_code", None)
        if isinstance(status, int):
            return status
        match = _STATUS_RE.search(str(current))
        if match:
            return int(match.group(1))
        current = current.__cause__ or current.__context__
    return None


def map_exception(exc: BaseException) -> ProviderError:
    """A library / transport exception -> ProviderAuthError or ProviderUnavailable.

    Messages are ours (never the library's, which may echo server responses).
    """
    if isinstance(exc, ProviderError):
        return exc
    if isinstance(exc, GarminConnectAuthenticationError):
        return ProviderAuthError("Garmin Connect rejected the credentials or session")
    if isinstance(exc, GarminConnectTooManyRequestsError):
        return ProviderUnavailable("Garmin Connect is rate limiting requests; try again later")
    status = http_status(exc)
    if status == 401:
        return ProviderAuthError("Garmin Connect session expired or was revoked; reconnect")
    if status == 429:
        return ProviderUnavailable("Garmin Connect is rate limiting requests; try again later")
    if isinstance(exc, GarminConnectConnectionError):
        detail = f" (HTTP {status})" if status else ""
        return ProviderUnavailable(f"Garmin Connect request failed{detail}")
    if isinstance(exc, TimeoutError):
        return ProviderUnavailable("Garmin Connect did not answer in time")
    if isinstance(exc, requests.RequestException | OSError):
        return ProviderUnavailable("could not reach Garmin Connect")
    return ProviderUnavailable(f"unexpected error talking to Garmin Connect ({type(exc).__name__})")


def _is_missing_data(exc: BaseException) -> bool:
    """A 4xx other than 401/429: the item does not exist (e.g. no original file)."""
    status = http_status(exc)
    return (
        isinstance(exc, GarminConnectConnectionError)
        and status is not None
        and 400 <= status < 500
        and status not in (401, 429)
    )


# --- the provider ----------------------------------------------------------------


def _tokens_of(api: Any) -> dict[str, Any] | None:
    try:
        tokens = json.loads(api.client.dumps())
    except (TypeError, ValueError):
        return None
    if not isinstance(tokens, dict) or not tokens.get("di_token"):
        return None
    return tokens


class GarminConnectProvider:
    """``DeviceProvider`` for Garmin Connect.

    Each operation builds a fresh ``Garmin`` client in a worker thread
    (``asyncio.to_thread``) bounded by a timeout; nothing is shared between
    calls or users. Multi-factor-authentication accounts are not supported.
    """

    name = "garmin"

    def __init__(
        self,
        *,
        timeout_s: float = 300.0,
        login_timeout_s: float = 240.0,
        download_files: bool = True,
        max_days: int = 366,
    ) -> None:
        self.timeout_s = timeout_s
        self.login_timeout_s = login_timeout_s  # the library's login may wait 10-20 s per try
        self.download_files = download_files  # original .fit per activity (splits, HR)
        self.max_days = max_days

    # -- plumbing --------------------------------------------------------------

    async def _run(self, func: Callable[[], T], timeout_s: float) -> T:
        try:
            return await asyncio.wait_for(asyncio.to_thread(func), timeout=timeout_s)
        except ProviderError:
            raise
        except TimeoutError:
            # The worker thread cannot be stopped; it finishes on its own.
            raise ProviderUnavailable("Garmin Connect did not answer in time") from None
        except Exception as exc:
            raise map_exception(exc) from exc

    def _restore(self, session: ProviderSession) -> Any:
        creds = session.credentials if isinstance(session, ProviderSession) else None
        tokens = creds.get("tokens") if isinstance(creds, dict) else None
        if not isinstance(tokens, dict) or not tokens.get("di_token"):
            raise ProviderAuthError("stored Garmin session has no tokens; reconnect")
        api = Garmin()
        # Not ``Garmin.login(tokenstore=...)``: that treats a string of up to
        # 512 characters as a file path, falls back to $GARMINTOKENS, and
        # costs two profile requests on every call.
        try:
            api.client.loads(json.dumps(tokens))
        except GarminConnectConnectionError:
            raise ProviderAuthError("stored Garmin session is unreadable; reconnect") from None
        display_name = creds.get("display_name") if isinstance(creds, dict) else None
        if not display_name:
            profile = api.connectapi(_SOCIAL_PROFILE_PATH)
            display_name = profile.get("displayName") if isinstance(profile, dict) else None
        api.display_name = display_name
        return api

    def _session_of(self, api: Any, previous: ProviderSession) -> ProviderSession:
        tokens = _tokens_of(api)
        unchanged_tokens = tokens is None or tokens == previous.credentials.get("tokens")
        if unchanged_tokens and api.display_name == previous.credentials.get("display_name"):
            return previous
        return ProviderSession(
            credentials={
                **previous.credentials,
                "version": SESSION_VERSION,
                "tokens": tokens or previous.credentials.get("tokens"),
                "display_name": api.display_name,
            }
        )

    def _with_api(
        self, session: ProviderSession, work: Callable[[Any], T]
    ) -> tuple[T, ProviderSession]:
        api = self._restore(session)
        try:
            result = work(api)
        except Exception as exc:
            error = map_exception(exc)
            refreshed = self._session_of(api, session)
            if refreshed is not session:
                error.session = refreshed
            raise error from exc
        return result, self._session_of(api, session)

    # -- DeviceProvider ----------------------------------------------------------

    async def connect(self, *, username: str, password: str) -> tuple[ProviderSession, dict]:
        username = (username or "").strip()
        if not username or not password:
            raise ProviderAuthError("Garmin Connect needs an email and a password")

        def work() -> tuple[ProviderSession, dict]:
            api = Garmin(email=username, password=password)
            # ``Client.login`` rather than ``Garmin.login()``: the latter would
            # load $GARMINTOKENS, if set, instead of logging this user in.
            status, _ = api.client.login(username, password, return_on_mfa=True)
            if status == "needs_mfa":
                raise ProviderAuthError(
                    "this Garmin account uses multi-factor authentication, which is not supported"
                )
            profile = api.connectapi(_SOCIAL_PROFILE_PATH)
            if not isinstance(profile, dict):
                raise ProviderUnavailable("Garmin Connect returned no profile")
            api.display_name = profile.get("displayName")
            tokens = _tokens_of(api)
            if tokens is None:
                # Logged in by web cookie only: nothing durable to store.
                raise ProviderUnavailable(
                    "Garmin Connect did not issue reusable tokens; try again later"
                )
            device_name: str | None = None
            try:
                last_used = api.get_device_last_used()
                if isinstance(last_used, dict):
                    device_name = last_used.get("lastUsedDeviceName") or None
            except Exception as exc:  # cosmetic: never fail the connection for it
                log.info("garmin: no last-used device (%s)", type(exc).__name__)
            session = ProviderSession(
                credentials={
                    "version": SESSION_VERSION,
                    "tokens": tokens,
                    "display_name": api.display_name,
                }
            )
            info = {
                "display_name": profile.get("fullName") or profile.get("displayName"),
                "device_name": device_name,
            }
            return session, info

        return await self._run(work, self.login_timeout_s)

    async def fetch_activities(
        self, session: ProviderSession, *, since: dt.datetime
    ) -> tuple[list[ActivityData], ProviderSession]:
        since_utc = (since if since.tzinfo else since.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
        now = dt.datetime.now(dt.UTC)
        if since_utc > now + dt.timedelta(days=1):
            return [], session
        # Garmin filters by the local start date: widen by a day, then filter exactly.
        start = (since_utc - dt.timedelta(days=1)).date().isoformat()
        end = (now + dt.timedelta(days=1)).date().isoformat()

        def work(api: Any) -> list[ActivityData]:
            summaries = api.get_activities_by_date(start, end, sortorder="asc") or []
            activities: dict[str, ActivityData] = {}
            for summary in summaries:
                if not isinstance(summary, dict):
                    continue
                started = _parse_start(summary)
                if started is None or started < since_utc:
                    continue
                fit = self._download_fit(api, summary)
                try:
                    activity = map_activity(summary, fit)
                except ValueError as exc:
                    log.warning("garmin: activity skipped: %s", exc)
                    continue
                activities[activity.external_id or ""] = activity
            return sorted(activities.values(), key=lambda a: a.started_at)

        return await self._run(lambda: self._with_api(session, work), self.timeout_s)

    def _download_fit(self, api: Any, summary: dict[str, Any]) -> bytes | None:
        if not self.download_files or summary.get("manualActivity") is True:
            return None
        activity_id = str(summary.get("activityId"))
        try:
            raw = api.download_activity(activity_id, dl_fmt=_ORIGINAL_FORMAT)
        except GarminConnectConnectionError as exc:
            if _is_missing_data(exc):
                log.info("garmin: no original file for activity %s", activity_id)
                return None
            raise
        return extract_fit(bytes(raw)) if isinstance(raw, bytes | bytearray) else None

    async def fetch_daily_metrics(
        self, session: ProviderSession, *, start: dt.date, end: dt.date
    ) -> tuple[list[DailyMetrics], ProviderSession]:
        if end < start:
            raise ValueError("end is before start")
        days = (end - start).days + 1
        if days > self.max_days:
            raise ValueError(f"at most {self.max_days} days per call")

        def optional(call: Callable[[str], Any], cdate: str) -> Any:
            try:
                return call(cdate)
            except GarminConnectConnectionError as exc:
                if _is_missing_data(exc):
                    return None
                raise

        def work(api: Any) -> list[DailyMetrics]:
            metrics = []
            for offset in range(days):
                day = start + dt.timedelta(days=offset)
                cdate = day.isoformat()
                stats = optional(api.get_user_summary, cdate)
                hrv = optional(api.get_hrv_data, cdate)
                sleep = optional(api.get_sleep_data, cdate)
                weigh_ins = optional(api.get_daily_weigh_ins, cdate)
                metrics.append(map_daily(day, stats, hrv, sleep, weigh_ins=weigh_ins))
            return metrics

        # Four requests a day, each bounded by the library's own 15 s timeout.
        timeout = self.timeout_s + days * 4 * 15.0
        return await self._run(lambda: self._with_api(session, work), timeout)
