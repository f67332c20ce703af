"""Test configuration: the environment every test runs in, and the plugins holding the fixtures.

The run's PostgreSQL and Redis (tests/support/servers.py) are started and the
environment set in ``pytest_configure``, before anything reads the settings. The
fixtures and helpers live in ``tests/support/``, one module per concept.
"""

from __future__ import annotations

import asyncio
import faulthandler
import os
import sys
import threading

import pytest

# The helpers assert (a factory checks its answer): rewrite their asserts as in tests.
pytest.register_assert_rewrite("tests.support")

from tests.support import servers  # noqa: E402

pytest_plugins = [
    "tests.support.app",
    "tests.support.database",
    "tests.support.athletes",
    "tests.support.jobs",
    "tests.support.llm",
    "tests.support.webprocess",
]

TEST_ENV = {
    "RUNCOACH_ENV": "test",
    "SECRET_KEY": "test-secret-key-" + "x" * 32,
    "GARMIN_PROVIDER": "simulated",
    "LOG_LEVEL": "WARNING",
    "LIMIT_LOGIN_ACCOUNT": "5/15m",
    "LIMIT_LOGIN_IP": "12/15m",
    # the suite registers, asks and imports far more than a user would: the limits are
    # tested with their own values (tests/test_limits.py, tests/support/limits.py)
    **dict.fromkeys(
        (
            "LIMIT_REGISTER_IP",
            "LIMIT_PLANS",
            "LIMIT_COACH_MESSAGES",
            "LIMIT_ANALYSES",
            "LIMIT_IMPORTS",
            "LIMIT_DEVICE_CONNECT",
            "LIMIT_DEVICE_SYNC",
        ),
        "100000/1h",
    ),
    "UPLOAD_MAX_SIZE": str(2 * 1024 * 1024),
    "PROVIDER_TIMEOUT": "10",
    "OFFLINE_COACH_DELAY_MS": "2-4",
}


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return
    run = servers.start_run()
    os.environ.update(TEST_ENV)
    os.environ["DATABASE_URL"] = run.database_url
    os.environ["REDIS_URL"] = run.redis_url
    os.environ["VAR_DIR"] = str(servers.ROOT / "var" / "test")
    from runcoach import migrate
    from runcoach.config import get_settings

    get_settings.cache_clear()
    asyncio.run(migrate.upgrade(get_settings()))


def pytest_unconfigure(config: pytest.Config) -> None:
    servers.stop_run()


# The session's fixtures (the app server, the web and worker processes) are torn down
# with the last test. Should that ever hang again (the last CI run on record hung there
# until its time ran out), the run fails after this long with every thread's stack
# instead of never ending.
LAST_TEARDOWN_S = 300.0


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    if nextitem is not None:
        return (yield)
    watchdog = threading.Timer(LAST_TEARDOWN_S, _teardown_hung)
    watchdog.daemon = True
    watchdog.start()
    try:
        return (yield)
    finally:
        watchdog.cancel()


def _teardown_hung() -> None:
    sys.stderr.write(
        f"\nthe session's teardown has not ended after {LAST_TEARDOWN_S:.0f} s; stacks:\n"
    )
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    sys.stderr.flush()
    os._exit(70)
