"""``make run``: the whole system in one command, the way a Procfile runner does it.

Starts the embedded PostgreSQL and Redis under ``var/`` unless ``DATABASE_URL``
/ ``REDIS_URL`` are set, applies the migrations, then runs web, worker and
clock with their output prefixed. Ctrl-C or SIGTERM stops the processes in
order (clock, web, worker: a worker finishes or requeues its messages), then
the embedded servers, saving their data, and whatever any of them left behind.

Nothing outlives the supervisor, even when it is SIGKILLed: each child runs in a
process group of its own and gets SIGTERM when the supervisor dies
(``PR_SET_PDEATHSIG``); the death signal reaches only direct children, so a
reaper process (``runcoach.reaper``), watching a pipe only the supervisor holds,
stops the embedded PostgreSQL (which ``pg_ctl`` detaches) and, after a grace
period, SIGKILLs whatever is left of every group (dramatiq's and sanic's
worker processes, PostgreSQL's backends).
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from runcoach import reaper
from runcoach.config import Settings, from_env
from runcoach.embedded import (
    EmbeddedPostgres,
    EmbeddedRedis,
    die_with_parent,
    embedded_postgres,
    embedded_redis,
)

COLOURS = {"web": "\033[36m", "worker": "\033[33m", "clock": "\033[35m", "run": "\033[32m"}
RESET = "\033[0m"
STOP_TIMEOUT_S = 30.0
LEFTOVER_TIMEOUT_S = 10.0


def say(name: str, line: str) -> None:
    colour = COLOURS.get(name, "") if sys.stdout.isatty() else ""
    reset = RESET if colour else ""
    sys.stdout.write(f"{colour}{name:<6} |{reset} {line}\n")
    sys.stdout.flush()


@dataclass
class Child:
    name: str
    argv: list[str]
    process: subprocess.Popen[bytes] | None = None
    pump: threading.Thread | None = field(default=None, repr=False)

    def start(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            self.argv,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )
        self.pump = threading.Thread(target=self._pump, daemon=True)
        self.pump.start()

    def _pump(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for raw in self.process.stdout:
            say(self.name, raw.decode(errors="replace").rstrip())

    def signal(self, sig: int) -> None:
        """SIGTERM goes to the process (it stops its own workers); SIGKILL to its whole group."""
        if self.process is None or (self.process.poll() is not None and sig != signal.SIGKILL):
            return
        try:
            if sig == signal.SIGKILL:
                os.killpg(self.process.pid, sig)
            else:
                self.process.send_signal(sig)
        except ProcessLookupError:
            pass

    def wait(self, timeout: float) -> bool:
        if self.process is None:
            return True
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        if self.pump is not None:
            self.pump.join(timeout=2)
        return True

    def stop_leftovers(self) -> None:
        """Once the leader is gone: whatever is left of its group (say, the worker processes
        of a dramatiq master that was killed) gets SIGTERM, then SIGKILL."""
        if self.process is None or not reaper.group_alive(self.process.pid):
            return
        say("run", f"{self.name} left processes behind: stopping them")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        reaper.reap({self.process.pid: 0}, grace_s=LEFTOVER_TIMEOUT_S)


class Reaper:
    """The supervisor's last will (``runcoach.reaper``): told of every process group started,
    it stops them all if the supervisor dies without doing it."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "runcoach.reaper"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            start_new_session=True,  # not in the terminal's group: Ctrl-C is the supervisor's
        )

    def watch(self, pid: int, stop_signal: int = 0) -> None:
        """Register the group led by ``pid``; ``stop_signal`` asks its leader to stop (0: its
        death signal does)."""
        self._write(f"{pid} {int(stop_signal)}\n")

    def done(self) -> None:
        """Everything was stopped: the reaper exits without touching anything."""
        if self.process is None:
            return
        self._write("done\n")
        with contextlib.suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _write(self, line: str) -> None:
        if self.process is None or self.process.stdin is None:
            return
        try:
            self.process.stdin.write(line.encode())
            self.process.stdin.flush()
        except OSError:
            say("run", "the reaper is gone: a killed supervisor may leave processes behind")


def commands(settings: Settings) -> list[Child]:
    py = sys.executable
    return [
        Child(
            "web",
            [
                py,
                "-m",
                "sanic",
                "runcoach.app:create_app",
                "--factory",
                "--host",
                settings.host,
                "--port",
                str(settings.port),
                "--workers",
                str(settings.web_workers),
                "--no-motd",
            ],
        ),
        Child(
            "worker",
            [
                py,
                "-m",
                "dramatiq",
                "actors",
                "--processes",
                str(settings.worker_processes),
                "--threads",
                str(settings.worker_threads),
            ],
        ),
        Child("clock", [os.path.join(os.path.dirname(py), "periodiq"), "actors"]),
    ]


class Supervisor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.postgres: EmbeddedPostgres | None = None
        self.redis: EmbeddedRedis | None = None
        self.children: list[Child] = []
        self.reaper = Reaper()
        self.stopping = threading.Event()

    def start_servers(self) -> dict[str, str]:
        env = dict(os.environ)
        var = self.settings.var_dir
        var.mkdir(parents=True, exist_ok=True)
        if self.settings.database_url:
            say("run", "using DATABASE_URL")
        else:
            postgres = embedded_postgres(var)
            postgres.start()
            self.postgres = postgres
            # pg_ctl detached it: only the reaper can stop it if we die (fast shutdown)
            self.reaper.watch(postgres.postmaster_pid, signal.SIGINT)
            postgres.ensure_database()
            env["DATABASE_URL"] = postgres.url()
            say("run", f"embedded PostgreSQL ready ({postgres.pgdata})")
        if self.settings.redis_url:
            say("run", "using REDIS_URL")
        else:
            redis = embedded_redis(var)
            redis.start()
            self.redis = redis
            if redis.process is not None:
                self.reaper.watch(redis.process.pid)
            env["REDIS_URL"] = self.redis.url()
            say("run", f"embedded Redis ready ({redis.directory})")
        env["VAR_DIR"] = str(var)
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def migrate(self, env: dict[str, str]) -> None:
        from runcoach import migrate

        settings = from_env(env)
        applied = asyncio.run(migrate.upgrade(settings))
        say("run", f"migrations applied: {', '.join(applied) if applied else 'up to date'}")

    def run(self) -> int:
        self.settings.var_dir.mkdir(parents=True, exist_ok=True)
        lock = open(self.settings.var_dir / "run.lock", "w")  # noqa: SIM115 (held for the run)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("run", f"RunCoach is already running from {self.settings.var_dir}; stop it first")
            return 1
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        code = 0
        try:
            self.reaper.start()
            env = self.start_servers()
            self.migrate(env)
            self.children = commands(self.settings)
            for child in self.children:
                child.start(env)
                if child.process is not None:
                    self.reaper.watch(child.process.pid)
                say(
                    "run",
                    f"started {child.name} (pid {child.process.pid if child.process else '?'})",
                )
            say(
                "run",
                f"RunCoach at http://{self.settings.host}:{self.settings.port} "
                "(Ctrl-C stops everything)",
            )
            while not self.stopping.is_set():
                for child in self.children:
                    if child.process is not None and child.process.poll() is not None:
                        say(
                            "run",
                            f"{child.name} exited with {child.process.returncode}; "
                            "stopping everything",
                        )
                        code = 1
                        self.stopping.set()
                        break
                self.stopping.wait(0.5)
        except Exception as exc:
            say("run", f"failed: {exc}")
            code = 1
        finally:
            self.shutdown()
        return code

    def _on_signal(self, signum: int, frame: object) -> None:
        if self.stopping.is_set():
            return
        say("run", f"{signal.Signals(signum).name} received: stopping")
        self.stopping.set()

    def shutdown(self) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        order = {"clock": 0, "web": 1, "worker": 2}
        for child in sorted(self.children, key=lambda c: order.get(c.name, 9)):
            child.signal(signal.SIGTERM)
            deadline = time.monotonic() + STOP_TIMEOUT_S
            if not child.wait(max(0.1, deadline - time.monotonic())):
                say("run", f"{child.name} did not stop in {STOP_TIMEOUT_S:.0f}s: killing it")
                child.signal(signal.SIGKILL)
                child.wait(5)
            child.stop_leftovers()
        if self.redis is not None:
            self.redis.stop()
            say("run", "embedded Redis stopped (data saved)")
        if self.postgres is not None:
            self.postgres.stop()
            say("run", "embedded PostgreSQL stopped")
        self.reaper.done()


def main() -> int:
    return Supervisor(from_env()).run()


if __name__ == "__main__":
    sys.exit(main())
