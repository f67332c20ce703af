"""The served OpenAPI document against the service itself, with Schemathesis.

``st run`` reads ``/docs/openapi.json`` of the real app (embedded PostgreSQL and Redis,
rate limits lifted as in the rest of the suite) and runs every check in every phase
(examples, coverage, fuzzing, stateful through the document's links) as a registered
user; the unauthenticated side is its ``ignored_auth`` check: no authenticated route may
answer 2xx without a token. The settings, and each expectation given to a single
operation with its reason, are in ``schemathesis.toml`` at the repository root.

Deselect with ``-m "not contract"``; ``make test`` runs it.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from runcoach.devices.providers.simulated import DEMO_PASSWORD
from tests.support.athletes import Athlete, register
from tests.support.filegen import make_gpx, run_samples
from tests.support.notifications import notify
from tests.support.plans import build, post_plan
from tests.support.servers import ROOT

pytestmark = pytest.mark.contract

RUN_TIMEOUT_S = 600


# Signing out everywhere ends the session the run authenticates with, and every later
# call would be a 401 (the run's ``missing_auth`` warning fails it): that operation gets a
# run of its own, as another athlete.
ENDS_THE_SESSION = "POST /api/v1/auth/logout-all"


async def _st_run(app_server: str, token: str, report_dir: Path, *selection: str) -> str:
    st = Path(sys.executable).with_name("st")
    proc = await asyncio.create_subprocess_exec(
        str(st),
        "--config-file",
        str(ROOT / "schemathesis.toml"),
        "run",
        f"{app_server}/docs/openapi.json",
        *selection,
        "--report",
        "junit",
        "--report-dir",
        str(report_dir),
        "--no-color",
        cwd=ROOT,
        env={**os.environ, "RUNCOACH_TOKEN": token},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    # the app answers in this event loop: wait for the run without blocking it
    output, _ = await asyncio.wait_for(proc.communicate(), timeout=RUN_TIMEOUT_S)
    text = output.decode(errors="replace")
    print(text)
    assert proc.returncode == 0, text[-20_000:]
    return text


async def _seed(client: httpx.AsyncClient, athlete: Athlete, settings: Any) -> None:
    """One resource of each kind that generated data cannot make, so that the operations on
    it answer 2xx (and their answers are checked against the document), not only 404: a
    device (the simulated Garmin takes only its demo password), an imported workout (with
    splits and time in HR zones), a ready plan (built here, as its job would) and a
    notification. The run finds their ids in the answers of the list operations."""
    r = await client.post(
        "/api/v1/devices/garmin",
        json={"username": "contract", "password": DEMO_PASSWORD},
        headers=athlete.headers,
    )
    assert r.status_code == 201, r.text
    gpx = make_gpx(run_samples(3000, pace_s_per_km=300))
    r = await client.post(
        "/api/v1/workouts/import",
        files={"file": ("run.gpx", gpx, "application/gpx+xml")},
        headers=athlete.headers,
    )
    assert r.status_code == 201, r.text
    built = await build(await post_plan(client, athlete), settings)
    assert built is not None and built.status == "ready"
    await notify(athlete, "plan_created")


async def test_schemathesis_finds_nothing(
    app_server: str, client: httpx.AsyncClient, settings: Any, tmp_path: Path
) -> None:
    athlete = await register(client)
    await _seed(client, athlete, settings)
    text = await _st_run(
        app_server, athlete.access_token, tmp_path / "all", "--exclude-name", ENDS_THE_SESSION
    )
    assert "Authentication failed" not in text
    # the run's session lived to its end (else its last steps were tested as nobody)
    r = await client.get("/api/v1/me", headers=athlete.headers)
    assert r.status_code == 200, "the run ended its own session"

    leaving = await register(client)
    await _st_run(
        app_server,
        leaving.access_token,
        tmp_path / "leaving",
        "--include-name",
        ENDS_THE_SESSION,
        "--phases",
        "coverage,fuzzing",  # no link leads to it: nothing for the stateful phase
    )
