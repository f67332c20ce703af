"""Garmin Connect adapter: JSON mapping, archive extraction and error mapping (no network)."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import time
import zipfile
from pathlib import Path
from typing import Any, ClassVar

import pytest
import requests
from garminconnect import (
    GarminConnectAuthenticationError,
    GarminConnectConnectionError,
    GarminConnectTooManyRequestsError,
)

from runcoach.devices.providers.base import (
    DailyMetrics,
    ProviderAuthError,
    ProviderSession,
    ProviderUnavailable,
)
from runcoach.devices.providers.garmin import GarminConnectProvider
from runcoach.devices.providers.garmin import client as garmin_client
from runcoach.devices.providers.garmin import mapping as garmin_mapping
from runcoach.devices.providers.garmin.archive import extract_fit
from runcoach.devices.providers.garmin.client import http_status, map_exception
from runcoach.devices.providers.garmin.mapping import map_activity, map_daily, sport_for_type
from runcoach.workouts.activity import ActivityData, Split
from runcoach.workouts.sports import SPORTS

PAYLOADS = Path(__file__).parent / "payloads"
UTC = dt.UTC


def load(name: str) -> Any:
    return json.loads((PAYLOADS / name).read_text())


@pytest.fixture()
def activities() -> list[dict[str, Any]]:
    return load("activities_by_date.json")


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# A 14-byte FIT header followed by a few bytes: enough to look like FIT, not to parse.
TINY_FIT = bytes([14, 0x10, 0x5D, 0x08, 8, 0, 0, 0]) + b".FIT" + b"\x00\x00" + b"\x01\x02\x03\x04"


# --- activities -------------------------------------------------------------


def test_sports_of_the_recorded_activities(activities: list[dict[str, Any]]) -> None:
    mapped = [map_activity(a) for a in activities]
    assert [a.sport for a in mapped] == ["run", "trail_run", "swim", "strength"]
    assert all(a.sport in SPORTS for a in mapped)
    assert all(a.source == "garmin" for a in mapped)
    assert [a.external_id for a in mapped] == [
        "14523890127",
        "14531122876",
        "14540077312",
        "14548800455",
    ]


def test_run_summary_numbers_and_units(activities: list[dict[str, Any]]) -> None:
    run = map_activity(activities[0])
    assert run.started_at == dt.datetime(2024, 3, 10, 7, 2, 11, tzinfo=UTC)  # GMT, not local
    assert run.title == "Lyon Running"
    assert run.duration_s == pytest.approx(3105.2)  # elapsed, start to end
    assert run.moving_time_s == pytest.approx(2998.0)
    assert run.distance_m == pytest.approx(10234.56)
    assert run.elevation_gain_m == pytest.approx(87.0)
    assert run.avg_hr == 152.0 and run.max_hr == 178.0
    assert run.calories == 712.0
    # moving time / distance: 2998 s over 10.23456 km
    assert run.avg_pace_s_per_km == pytest.approx(2998.0 / 10.23456, abs=0.1)
    assert run.splits == [] and run.hr_samples == []


def test_swim_pace_and_no_elevation(activities: list[dict[str, Any]]) -> None:
    swim = map_activity(activities[2])
    assert swim.distance_m == 1500.0
    assert swim.elevation_gain_m is None
    assert swim.avg_pace_s_per_km == pytest.approx(1280.0)  # 1920 s / 1.5 km
    assert swim.duration_s == 2400.0


def test_strength_without_hr_or_distance(activities: list[dict[str, Any]]) -> None:
    strength = map_activity(activities[3])
    assert "averageHR" not in activities[3]
    assert strength.avg_hr is None and strength.max_hr is None
    assert strength.distance_m is None  # Garmin sends 0.0
    assert strength.avg_pace_s_per_km is None
    assert strength.moving_time_s is None
    assert strength.elevation_gain_m is None
    assert strength.duration_s == 2705.0
    assert strength.calories == 221.0


def test_activity_with_missing_fields() -> None:
    activity = map_activity(load("activity_missing_fields.json"))
    assert activity.sport == "other"  # indoor_rowing
    assert activity.title is None  # empty name
    # no startTimeGMT: beginTimestamp (epoch ms) is used
    assert activity.started_at == dt.datetime(2024, 3, 14, 9, 0, tzinfo=UTC)
    assert activity.duration_s == 1800.0
    assert activity.distance_m is None
    assert activity.avg_hr is None and activity.max_hr is None and activity.calories is None
    assert activity.avg_pace_s_per_km is None
    assert activity.external_id == "14560012001"


def test_pace_from_average_speed_when_no_moving_time(activities: list[dict[str, Any]]) -> None:
    summary = {**activities[0]}
    del summary["movingDuration"]
    assert map_activity(summary).avg_pace_s_per_km == pytest.approx(1000 / 3.398, abs=0.1)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"activityId": None}, "activityId"),
        ({"startTimeGMT": None, "beginTimestamp": None}, "start time"),
        ({"duration": None, "elapsedDuration": None, "movingDuration": None}, "duration"),
    ],
)
def test_unusable_summary_raises(
    activities: list[dict[str, Any]], change: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        map_activity({**activities[0], **change})


@pytest.mark.parametrize(
    ("type_key", "sport"),
    [
        ("running", "run"),
        ("street_running", "run"),
        ("track_running", "run"),
        ("trail_running", "trail_run"),
        ("treadmill_running", "treadmill"),
        ("indoor_running", "treadmill"),
        ("walking", "walk"),
        ("hiking", "walk"),
        ("cycling", "ride"),
        ("road_biking", "ride"),
        ("virtual_ride", "ride"),
        ("lap_swimming", "swim"),
        ("open_water_swimming", "swim"),
        ("strength_training", "strength"),
        ("yoga", "other"),
        ("", "other"),
        (None, "other"),
    ],
)
def test_sport_for_type(type_key: str | None, sport: str) -> None:
    assert sport_for_type(type_key) == sport


def test_invalid_fit_bytes_fall_back_to_the_summary(activities: list[dict[str, Any]]) -> None:
    for summary in activities:
        assert map_activity(summary, b"definitely not a FIT file") == map_activity(summary)
        assert map_activity(summary, TINY_FIT) == map_activity(summary)


def test_parsed_fit_adds_splits_and_samples_keeping_garmin_identity(
    activities: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = ActivityData(
        sport="run",
        started_at=dt.datetime(2024, 3, 10, 7, 2, 12, tzinfo=UTC),
        duration_s=3100.0,
        moving_time_s=2990.0,
        distance_m=10200.0,
        elevation_gain_m=90.0,
        avg_hr=150.0,
        max_hr=177.0,
        calories=700.0,
        title="From the file",
        source="fit",
        splits=[Split(1, 1000.0, 290.0, 290.0, 148.0, 5.0)],
        hr_samples=[(0, 120), (5, 125)],
    )
    seen: list[bytes] = []

    def fake_parse(data: bytes) -> ActivityData:
        seen.append(data)
        return parsed

    monkeypatch.setattr(garmin_mapping, "_parse_fit", fake_parse)
    summary = {**activities[0]}
    del summary["calories"]  # missing in the summary: taken from the file
    activity = map_activity(summary, TINY_FIT)
    assert seen == [TINY_FIT]
    assert activity.splits == parsed.splits and activity.hr_samples == parsed.hr_samples
    assert activity.external_id == "14523890127"
    assert activity.title == "Lyon Running"
    assert activity.source == "garmin"
    assert activity.distance_m == pytest.approx(10234.56)  # Garmin's summary wins
    assert activity.started_at == dt.datetime(2024, 3, 10, 7, 2, 11, tzinfo=UTC)
    assert activity.calories == 700.0


def test_real_fit_from_the_zip_gives_splits_and_hr(activities: list[dict[str, Any]]) -> None:
    filegen = pytest.importorskip("tests.support.filegen")
    fit = filegen.make_fit(filegen.run_samples(5000.0, 300.0))
    summary = {
        **activities[0],
        "startTimeGMT": "2024-05-01 06:00:00",
        "distance": 5000.0,
        "duration": 1500.0,
        "elapsedDuration": 1500.0,
        "movingDuration": 1500.0,
    }
    activity = map_activity(summary, extract_fit(make_zip({"1_ACTIVITY.fit": fit})))
    assert [s.index for s in activity.splits] == [1, 2, 3, 4, 5]
    assert activity.hr_samples and activity.hr_samples[0][0] == 0
    assert activity.external_id == "14523890127" and activity.title == "Lyon Running"
    assert activity.avg_hr == 152.0  # Garmin's summary number wins
    assert activity.avg_pace_s_per_km == pytest.approx(300.0)


# --- the original-file zip -------------------------------------------------------------


def test_extract_first_fit_member() -> None:
    data = make_zip({"readme.txt": b"hello", "14523890127_ACTIVITY.fit": TINY_FIT, "b.fit": b"x"})
    assert extract_fit(data) == TINY_FIT


def test_extract_stored_member_and_upper_case_name() -> None:
    assert extract_fit(make_zip({"X.FIT": TINY_FIT}, zipfile.ZIP_STORED)) == TINY_FIT


def test_extract_without_fit_member_or_from_garbage() -> None:
    assert extract_fit(make_zip({"activity.gpx": b"<gpx/>"})) is None
    assert extract_fit(b"PK\x03\x04 truncated") is None
    assert extract_fit(b"") is None
    assert extract_fit(b"<html>error</html>") is None


def test_bare_fit_file_is_accepted() -> None:
    assert extract_fit(TINY_FIT) == TINY_FIT


def test_member_over_the_size_cap_is_rejected() -> None:
    data = make_zip({"a.fit": b"\x01" * 2048})
    assert extract_fit(data, max_bytes=1024) is None
    assert extract_fit(data, max_bytes=4096) == b"\x01" * 2048


def test_zip_bomb_is_rejected() -> None:
    bomb = make_zip({"a.fit": bytes(8 * 1024 * 1024)})  # 8 MB of zeros -> ~8 KB
    assert len(bomb) < 100 * 1024
    assert extract_fit(bomb) is None
    too_big = make_zip({"a.fit": bytes(21 * 1024 * 1024)})  # over the 20 MB cap
    assert extract_fit(too_big) is None


# --- daily metrics ------------------------------------------------------------------


def test_daily_metrics_from_full_payloads() -> None:
    metrics = map_daily(
        dt.date(2024, 3, 10),
        load("stats.json"),
        load("hrv.json"),
        load("sleep.json"),
        weigh_ins=load("weigh_ins.json"),
    )
    assert metrics == DailyMetrics(
        date=dt.date(2024, 3, 10),
        resting_hr=47,
        hrv_ms=56.0,
        sleep_hours=7.55,  # 27180 s
        sleep_score=84,
        weight_kg=72.4,  # latest weigh-in, grams -> kg
        stress=28,
    )


def test_daily_metrics_on_a_day_without_data() -> None:
    metrics = map_daily("2024-03-11", load("stats_no_data.json"), {}, load("sleep_no_data.json"))
    assert metrics.date == dt.date(2024, 3, 11)
    assert metrics.resting_hr == 49  # from the sleep payload when the summary has none
    assert metrics.hrv_ms is None  # hrv endpoint answered 204 -> {}
    assert metrics.sleep_hours is None and metrics.sleep_score is None
    assert metrics.stress is None  # -1 = not enough data
    assert metrics.weight_kg is None


def test_daily_metrics_all_missing() -> None:
    assert map_daily(dt.date(2024, 3, 12), None, None, None) == DailyMetrics(
        date=dt.date(2024, 3, 12),
        resting_hr=None,
        hrv_ms=None,
        sleep_hours=None,
        sleep_score=None,
        weight_kg=None,
        stress=None,
    )


def test_hrv_falls_back_to_sleep_overnight_average() -> None:
    metrics = map_daily(dt.date(2024, 3, 10), None, None, load("sleep.json"))
    assert metrics.hrv_ms == 56.0
    assert metrics.resting_hr == 46


def test_weight_falls_back_to_total_average() -> None:
    weigh_ins = {**load("weigh_ins.json"), "dateWeightList": []}
    assert map_daily(dt.date(2024, 3, 10), None, None, None, weigh_ins=weigh_ins).weight_kg == (
        pytest.approx(72.12, abs=0.01)
    )


# --- exception mapping ----------------------------------------------------------------


def test_http_status_from_library_messages() -> None:
    inner = GarminConnectConnectionError("API Error 401 - Unauthorized")
    try:
        try:
            raise inner
        except GarminConnectConnectionError as exc:
            raise GarminConnectConnectionError(f"HTTP error: {exc}") from exc
    except GarminConnectConnectionError as outer:
        assert http_status(outer) == 401
    assert http_status(GarminConnectConnectionError("Connection error: boom")) is None


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (GarminConnectAuthenticationError("401 Unauthorized"), ProviderAuthError),
        (GarminConnectTooManyRequestsError("429"), ProviderUnavailable),
        (GarminConnectConnectionError("HTTP error: API Error 401 - x"), ProviderAuthError),
        (GarminConnectConnectionError("HTTP error: API Error 503 - x"), ProviderUnavailable),
        (GarminConnectConnectionError("HTTP error: API Error 429"), ProviderUnavailable),
        (GarminConnectConnectionError("Connection error: reset"), ProviderUnavailable),
        (requests.ConnectionError("refused"), ProviderUnavailable),
        (requests.Timeout("slow"), ProviderUnavailable),
        (TimeoutError(), ProviderUnavailable),
        (KeyError("surprise"), ProviderUnavailable),
    ],
)
def test_map_exception(exc: Exception, expected: type[Exception]) -> None:
    assert type(map_exception(exc)) is expected


# --- the provider against a fake garminconnect.Garmin ---------------------------------

SECRET = "correct horse battery staple"
TOKENS = {"di_token": "header.payload.sig", "di_refresh_token": "refresh-1", "di_client_id": "c"}


class FakeClient:
    def __init__(self, owner: FakeGarmin) -> None:
        self.owner = owner
        self.tokens: dict[str, Any] = {}

    def login(self, email: str, password: str, **kwargs: Any) -> tuple[str | None, Any]:
        FakeGarmin.calls.append("login")
        self.owner.raise_for("login")
        if FakeGarmin.behaviour.get("mfa"):
            return "needs_mfa", None
        self.tokens = dict(TOKENS)
        return None, None

    def dumps(self) -> str:
        return json.dumps(
            {k: self.tokens.get(k) for k in ("di_token", "di_refresh_token", "di_client_id")}
        )

    def loads(self, tokenstore: str) -> None:
        self.tokens = json.loads(tokenstore)


class FakeGarmin:
    """Stands in for ``garminconnect.Garmin``: canned payloads, scripted failures."""

    behaviour: ClassVar[dict[str, Any]] = {}
    calls: ClassVar[list[str]] = []

    def __init__(self, email: str | None = None, password: str | None = None, **kw: Any) -> None:
        self.client = FakeClient(self)
        self.display_name: str | None = None

    def raise_for(self, call: str) -> None:
        action = FakeGarmin.behaviour.get(f"{call}_raises")
        if callable(action) and not isinstance(action, BaseException):
            action = action(self)
        if action is not None:
            raise action

    def connectapi(self, path: str, **kwargs: Any) -> Any:
        FakeGarmin.calls.append(path)
        self.raise_for("profile")
        return {"displayName": "jane-42", "fullName": "Jane Runner", "profileId": 1}

    def get_device_last_used(self) -> dict[str, Any]:
        self.raise_for("device")
        return {"lastUsedDeviceName": "Forerunner 965", "userDeviceId": 3442975111}

    def get_activities_by_date(self, start: str, end: str, sortorder: str | None = None) -> Any:
        FakeGarmin.calls.append(f"activities {start} {end} {sortorder}")
        self.raise_for("activities")
        if FakeGarmin.behaviour.get("refresh"):
            self.client.tokens = {**self.client.tokens, "di_token": "refreshed.token.sig"}
        self.raise_for("after_refresh")
        return load("activities_by_date.json")

    def download_activity(self, activity_id: str, dl_fmt: Any = None) -> bytes:
        assert dl_fmt is garmin_client._ORIGINAL_FORMAT  # the real library's enum member
        FakeGarmin.calls.append(f"download {activity_id}")
        self.raise_for("download")
        return make_zip({f"{activity_id}_ACTIVITY.fit": TINY_FIT})

    def get_user_summary(self, cdate: str) -> Any:
        self.raise_for("stats")
        return load("stats.json") if cdate == "2024-03-10" else load("stats_no_data.json")

    def get_hrv_data(self, cdate: str) -> Any:
        self.raise_for("hrv")
        return load("hrv.json") if cdate == "2024-03-10" else {}

    def get_sleep_data(self, cdate: str) -> Any:
        return load("sleep.json") if cdate == "2024-03-10" else load("sleep_no_data.json")

    def get_daily_weigh_ins(self, cdate: str) -> Any:
        return load("weigh_ins.json") if cdate == "2024-03-10" else {"dateWeightList": []}


@pytest.fixture()
def fake_garmin(monkeypatch: pytest.MonkeyPatch) -> type[FakeGarmin]:
    FakeGarmin.behaviour = {}
    FakeGarmin.calls = []
    monkeypatch.setattr(garmin_client, "Garmin", FakeGarmin)
    return FakeGarmin


def stored_session() -> ProviderSession:
    return ProviderSession(
        credentials={"version": 1, "tokens": dict(TOKENS), "display_name": "jane-42"}
    )


async def test_connect_returns_tokens_not_password(fake_garmin: type[FakeGarmin]) -> None:
    session, info = await GarminConnectProvider().connect(username="jane@x.org", password=SECRET)
    assert session.credentials == {"version": 1, "tokens": TOKENS, "display_name": "jane-42"}
    assert SECRET not in json.dumps(session.credentials)
    assert SECRET not in repr(session)
    assert info == {"display_name": "Jane Runner", "device_name": "Forerunner 965"}


async def test_connect_survives_missing_device_info(fake_garmin: type[FakeGarmin]) -> None:
    fake_garmin.behaviour["device_raises"] = GarminConnectConnectionError("API Error 404")
    _, info = await GarminConnectProvider().connect(username="jane@x.org", password=SECRET)
    assert info["device_name"] is None


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (
            GarminConnectAuthenticationError("401 Unauthorized (Invalid Username or Password)"),
            ProviderAuthError,
        ),
        (
            GarminConnectTooManyRequestsError("All login strategies rate limited"),
            ProviderUnavailable,
        ),
        (GarminConnectConnectionError("All login strategies exhausted"), ProviderUnavailable),
        (requests.ConnectionError("Name or service not known"), ProviderUnavailable),
    ],
)
async def test_connect_maps_library_errors(
    fake_garmin: type[FakeGarmin], raised: Exception, expected: type[Exception]
) -> None:
    fake_garmin.behaviour["login_raises"] = raised
    with pytest.raises(expected) as info:
        await GarminConnectProvider().connect(username="jane@x.org", password=SECRET)
    assert SECRET not in str(info.value)


async def test_connect_with_mfa_is_an_auth_error(fake_garmin: type[FakeGarmin]) -> None:
    fake_garmin.behaviour["mfa"] = True
    with pytest.raises(ProviderAuthError, match="multi-factor"):
        await GarminConnectProvider().connect(username="jane@x.org", password=SECRET)


async def test_connect_rejects_empty_credentials(fake_garmin: type[FakeGarmin]) -> None:
    with pytest.raises(ProviderAuthError):
        await GarminConnectProvider().connect(username=" ", password=SECRET)
    assert fake_garmin.calls == []


async def test_fetch_activities_filters_and_falls_back(fake_garmin: type[FakeGarmin]) -> None:
    session = stored_session()
    since = dt.datetime(2024, 3, 11, 16, 45, 3, tzinfo=UTC)  # the trail run, inclusive
    activities, new_session = await GarminConnectProvider().fetch_activities(session, since=since)
    assert [a.external_id for a in activities] == ["14531122876", "14540077312", "14548800455"]
    assert [a.sport for a in activities] == ["trail_run", "swim", "strength"]
    assert all(a.source == "garmin" for a in activities)
    # the downloaded .fit is not parseable: summary values stand
    assert activities[0].distance_m == 15480.0 and activities[0].splits == []
    assert new_session is session  # nothing refreshed
    # widened by a day: Garmin filters by local date; ascending order asked
    assert any(
        c.startswith("activities 2024-03-10 ") and c.endswith(" asc") for c in fake_garmin.calls
    )
    assert "download 14531122876" in fake_garmin.calls
    assert "download 14523890127" not in fake_garmin.calls  # filtered out before download


async def test_fetch_activities_returns_refreshed_session(fake_garmin: type[FakeGarmin]) -> None:
    fake_garmin.behaviour["refresh"] = True
    session = stored_session()
    since = dt.datetime(2024, 3, 13, tzinfo=UTC)
    _, new_session = await GarminConnectProvider().fetch_activities(session, since=since)
    assert new_session.credentials["tokens"]["di_token"] == "refreshed.token.sig"
    assert new_session.credentials["display_name"] == "jane-42"
    assert session.credentials["tokens"]["di_token"] == TOKENS["di_token"]  # not mutated


async def test_error_after_refresh_carries_the_new_session(
    fake_garmin: type[FakeGarmin],
) -> None:
    fake_garmin.behaviour["refresh"] = True
    fake_garmin.behaviour["after_refresh_raises"] = GarminConnectConnectionError("API Error 502")
    with pytest.raises(ProviderUnavailable) as info:
        await GarminConnectProvider().fetch_activities(
            stored_session(), since=dt.datetime(2024, 3, 13, tzinfo=UTC)
        )
    assert info.value.session is not None
    assert info.value.session.credentials["tokens"]["di_token"] == "refreshed.token.sig"


async def test_expired_session_is_an_auth_error(fake_garmin: type[FakeGarmin]) -> None:
    fake_garmin.behaviour["activities_raises"] = GarminConnectConnectionError(
        "HTTP error: API Error 401 - Unauthorized"
    )
    with pytest.raises(ProviderAuthError) as info:
        await GarminConnectProvider().fetch_activities(
            stored_session(), since=dt.datetime(2024, 3, 1, tzinfo=UTC)
        )
    assert info.value.session is None


async def test_missing_original_file_falls_back_but_server_error_fails(
    fake_garmin: type[FakeGarmin],
) -> None:
    since = dt.datetime(2024, 3, 13, tzinfo=UTC)
    fake_garmin.behaviour["download_raises"] = GarminConnectConnectionError(
        "Download error: API Error 404 - Not Found"
    )
    activities, _ = await GarminConnectProvider().fetch_activities(stored_session(), since=since)
    assert [a.external_id for a in activities] == ["14548800455"]

    fake_garmin.behaviour["download_raises"] = GarminConnectConnectionError(
        "Download error: API Error 500"
    )
    with pytest.raises(ProviderUnavailable):
        await GarminConnectProvider().fetch_activities(stored_session(), since=since)

    fake_garmin.behaviour["download_raises"] = GarminConnectTooManyRequestsError("429")
    with pytest.raises(ProviderUnavailable):
        await GarminConnectProvider().fetch_activities(stored_session(), since=since)


async def test_session_without_tokens_is_an_auth_error(fake_garmin: type[FakeGarmin]) -> None:
    provider = GarminConnectProvider()
    bad: list[dict[str, Any]] = [{}, {"tokens": {}}, {"tokens": "x"}, {"token": "sim-jane"}]
    for credentials in bad:
        with pytest.raises(ProviderAuthError):
            await provider.fetch_activities(
                ProviderSession(credentials=credentials), since=dt.datetime(2024, 3, 1, tzinfo=UTC)
            )


async def test_display_name_is_looked_up_when_not_stored(fake_garmin: type[FakeGarmin]) -> None:
    session = ProviderSession(credentials={"version": 1, "tokens": dict(TOKENS)})
    _, new_session = await GarminConnectProvider().fetch_daily_metrics(
        session, start=dt.date(2024, 3, 10), end=dt.date(2024, 3, 10)
    )
    assert "/userprofile-service/socialProfile" in fake_garmin.calls
    assert new_session.credentials["display_name"] == "jane-42"


async def test_fetch_daily_metrics(fake_garmin: type[FakeGarmin]) -> None:
    metrics, _ = await GarminConnectProvider().fetch_daily_metrics(
        stored_session(), start=dt.date(2024, 3, 10), end=dt.date(2024, 3, 12)
    )
    assert [m.date for m in metrics] == [
        dt.date(2024, 3, 10),
        dt.date(2024, 3, 11),
        dt.date(2024, 3, 12),
    ]
    assert metrics[0] == map_daily(
        dt.date(2024, 3, 10),
        load("stats.json"),
        load("hrv.json"),
        load("sleep.json"),
        weigh_ins=load("weigh_ins.json"),
    )
    assert metrics[1].resting_hr == 49 and metrics[1].hrv_ms is None


async def test_daily_metrics_tolerate_missing_pieces_not_outages(
    fake_garmin: type[FakeGarmin],
) -> None:
    provider = GarminConnectProvider()
    day = dt.date(2024, 3, 10)
    fake_garmin.behaviour["hrv_raises"] = GarminConnectConnectionError("API Error 404")
    metrics, _ = await provider.fetch_daily_metrics(stored_session(), start=day, end=day)
    assert metrics[0].hrv_ms == 56.0  # from the sleep payload's overnight average
    assert metrics[0].resting_hr == 47

    fake_garmin.behaviour["hrv_raises"] = GarminConnectConnectionError("Connection error: reset")
    with pytest.raises(ProviderUnavailable):
        await provider.fetch_daily_metrics(stored_session(), start=day, end=day)


async def test_daily_metrics_reject_reversed_range(fake_garmin: type[FakeGarmin]) -> None:
    with pytest.raises(ValueError):
        await GarminConnectProvider().fetch_daily_metrics(
            stored_session(), start=dt.date(2024, 3, 10), end=dt.date(2024, 3, 9)
        )


async def test_slow_garmin_times_out(fake_garmin: type[FakeGarmin]) -> None:
    def slow(api: FakeGarmin) -> None:
        time.sleep(0.3)
        return None

    fake_garmin.behaviour["activities_raises"] = slow
    provider = GarminConnectProvider(timeout_s=0.05)
    with pytest.raises(ProviderUnavailable, match="in time"):
        await provider.fetch_activities(stored_session(), since=dt.datetime(2024, 3, 1, tzinfo=UTC))
    await asyncio.sleep(0.3)  # let the worker thread finish
