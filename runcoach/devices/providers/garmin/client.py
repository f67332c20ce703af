"""Garmin Connect's API through the (synchronous) ``garminconnect`` library: log-in, the
stored session, the calls, and the library's errors mapped onto ``ProviderError``."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re
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
from runcoach.devices.providers.garmin.archive import extract_fit
from runcoach.devices.providers.garmin.mapping import map_activity, map_daily, parse_start
from runcoach.logs import event
from runcoach.workouts.activity import ActivityData

log = logging.getLogger(__name__)

T = TypeVar("T")

SESSION_VERSION = 1

# Captured from the real class at import time, so a test double of ``Garmin``
# needs no enum of its own.
_ORIGINAL_FORMAT = Garmin.ActivityDownloadFormat.ORIGINAL
_SOCIAL_PROFILE_PATH = "/userprofile-service/socialProfile"

# --- errors -----------------------------------------------------------------------

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
                event(log, "devices.garmin_no_last_used_device", error=type(exc).__name__)
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
                started = parse_start(summary)
                if started is None or started < since_utc:
                    continue
                fit = self._download_fit(api, summary)
                try:
                    activity = map_activity(summary, fit)
                except ValueError as exc:
                    event(
                        log,
                        "devices.garmin_activity_skipped",
                        logging.WARNING,
                        activity_id=str(summary.get("activityId")),
                        reason=str(exc),
                    )
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
                event(log, "devices.garmin_no_original_file", activity_id=activity_id)
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
