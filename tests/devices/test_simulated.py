"""The simulated provider and the provider registry."""

from __future__ import annotations

import datetime as dt

import pytest

from runcoach.devices.providers import (
    PROVIDER_NAMES,
    DeviceProvider,
    ProviderAuthError,
    ProviderSession,
    ProviderUnavailable,
    get_provider,
)
from runcoach.devices.providers.garmin import GarminConnectProvider
from runcoach.devices.providers.simulated import DEMO_PASSWORD, SimulatedProvider

NOW = dt.datetime(2024, 3, 15, 10, 30, tzinfo=dt.UTC)
LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@pytest.fixture()
def provider() -> SimulatedProvider:
    return SimulatedProvider(now=lambda: NOW)


async def connected(provider: SimulatedProvider, username: str = "jane") -> ProviderSession:
    session, _ = await provider.connect(username=username, password=DEMO_PASSWORD)
    return session


async def test_connect(provider: SimulatedProvider) -> None:
    session, info = await provider.connect(username="jane", password="garmin-demo")
    assert session.credentials == {"token": "sim-jane"}
    assert info == {"display_name": "jane", "device_name": "Simulated Forerunner"}


@pytest.mark.parametrize(("username", "password"), [("jane", "wrong"), ("", "garmin-demo")])
async def test_connect_rejects_bad_credentials(
    provider: SimulatedProvider, username: str, password: str
) -> None:
    with pytest.raises(ProviderAuthError) as info:
        await provider.connect(username=username, password=password)
    assert "wrong" not in str(info.value)


async def test_one_run_a_day_for_the_last_seven_days(provider: SimulatedProvider) -> None:
    runs, session = await provider.fetch_activities(await connected(provider), since=LONG_AGO)
    assert session.credentials == {"token": "sim-jane"}
    assert [r.started_at.date() for r in runs] == [
        dt.date(2024, 3, 8) + dt.timedelta(days=n) for n in range(7)
    ]
    assert runs[0].external_id == "sim-jane-20240308"
    assert runs[-1].external_id == "sim-jane-20240314"
    for run in runs:
        assert run.sport == "run" and run.source == "garmin"
        assert run.started_at < NOW and run.started_at.tzinfo is not None
        assert run.distance_m is not None and 5000 <= run.distance_m <= 13000
        assert sum(s.distance_m for s in run.splits) == pytest.approx(run.distance_m)
        assert sum(s.duration_s for s in run.splits) == pytest.approx(run.duration_s, abs=0.5)
        assert [s.index for s in run.splits] == list(range(1, len(run.splits) + 1))
        offsets = [offset for offset, _ in run.hr_samples]
        assert offsets == sorted(offsets) and offsets[0] == 0
        assert run.avg_hr is not None and 100 < run.avg_hr < 200
        assert run.avg_pace_s_per_km is not None and 250 < run.avg_pace_s_per_km < 420


async def test_runs_are_deterministic_per_user(provider: SimulatedProvider) -> None:
    first, _ = await provider.fetch_activities(await connected(provider), since=LONG_AGO)
    again, _ = await SimulatedProvider(now=lambda: NOW).fetch_activities(
        ProviderSession(credentials={"token": "sim-jane"}), since=LONG_AGO
    )
    assert first == again
    other, _ = await provider.fetch_activities(await connected(provider, "bob"), since=LONG_AGO)
    assert [r.distance_m for r in other] != [r.distance_m for r in first]


async def test_since_filters_and_a_later_day_keeps_ids(provider: SimulatedProvider) -> None:
    session = await connected(provider)
    runs, _ = await provider.fetch_activities(session, since=LONG_AGO)
    cut = runs[3].started_at
    recent, _ = await provider.fetch_activities(session, since=cut)
    assert recent == runs[3:]
    naive, _ = await provider.fetch_activities(session, since=cut.replace(tzinfo=None))
    assert naive == runs[3:]  # naive = UTC

    tomorrow = SimulatedProvider(now=lambda: NOW + dt.timedelta(days=1))
    shifted, _ = await tomorrow.fetch_activities(session, since=LONG_AGO)
    assert shifted[:-1] == runs[1:]  # same runs, same ids, a day later


async def test_daily_metrics(provider: SimulatedProvider) -> None:
    session = await connected(provider)
    start, end = dt.date(2024, 3, 1), dt.date(2024, 3, 14)
    metrics, same = await provider.fetch_daily_metrics(session, start=start, end=end)
    assert same is session
    assert [m.date for m in metrics] == [start + dt.timedelta(days=n) for n in range(14)]
    assert metrics == (await provider.fetch_daily_metrics(session, start=start, end=end))[0]
    for m in metrics:
        assert m.resting_hr is not None and 35 <= m.resting_hr <= 70
        assert m.hrv_ms is not None and m.hrv_ms > 0
        assert m.sleep_hours is not None and 5 <= m.sleep_hours <= 9
        assert m.sleep_score is not None and 0 <= m.sleep_score <= 100
        assert m.weight_kg is not None and m.stress is not None
    one, _ = await provider.fetch_daily_metrics(session, start=end, end=end)
    assert one == metrics[-1:]
    with pytest.raises(ValueError):
        await provider.fetch_daily_metrics(session, start=end, end=start)


async def test_down_users_make_every_call_unavailable(provider: SimulatedProvider) -> None:
    with pytest.raises(ProviderUnavailable):
        await provider.connect(username="down-dave", password=DEMO_PASSWORD)
    session = ProviderSession(credentials={"token": "sim-down-dave"})
    with pytest.raises(ProviderUnavailable):
        await provider.fetch_activities(session, since=LONG_AGO)
    with pytest.raises(ProviderUnavailable):
        await provider.fetch_daily_metrics(session, start=NOW.date(), end=NOW.date())


@pytest.mark.parametrize("credentials", [{}, {"token": "garmin"}, {"token": "sim-"}, {"t": 1}])
async def test_invalid_session(provider: SimulatedProvider, credentials: dict) -> None:
    with pytest.raises(ProviderAuthError):
        await provider.fetch_activities(ProviderSession(credentials=credentials), since=LONG_AGO)


def test_registry() -> None:
    assert set(PROVIDER_NAMES) == {"garmin", "simulated"}
    simulated = get_provider("simulated")
    assert isinstance(simulated, SimulatedProvider) and simulated.name == "simulated"
    real = get_provider("garmin")
    assert isinstance(real, GarminConnectProvider) and real.name == "garmin"
    assert isinstance(simulated, DeviceProvider) and isinstance(real, DeviceProvider)
    assert get_provider("simulated") is not simulated  # a new instance each time
    for unknown in ("strava", "", "Garmin"):
        with pytest.raises(ValueError, match="unknown device provider"):
            get_provider(unknown)
