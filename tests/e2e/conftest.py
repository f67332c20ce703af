"""The browser tests' system: a real ``make run`` (``runcoach.run``: embedded PostgreSQL and
Redis, web, worker, clock) on a free port with a fresh ``VAR_DIR``, serving the web export
``make client`` built, driven by Debian's chromium, headless, through Playwright.

They run only when selected (``make e2e``: ``pytest -m e2e tests/e2e``); ``make test``
leaves them out. Each test writes a screenshot of every screen it visits to
``client/e2e/screenshots/<name>.png`` (ignored by git).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.system import System, fresh_var_dir, launch, make_run
from tests.support.servers import ROOT

SCREENSHOTS = ROOT / "client" / "e2e" / "screenshots"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave the browser tests out unless the marker expression names them (``-m e2e``)."""
    if "e2e" in (config.option.markexpr or ""):
        return
    kept = [item for item in items if item.get_closest_marker("e2e") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


@pytest.fixture
def clean_state() -> None:
    """The browser tests use a system of their own, not the run's database: nothing to
    clean (and Playwright's sync API holds this thread's event loop, which the suite's
    async clean-up would need)."""


@pytest.fixture(scope="session")
def system() -> Iterator[System]:
    with fresh_var_dir() as var_dir, make_run(var_dir) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Screens:
    """A test's page, with what went wrong in it and its screenshots."""

    page: Any
    name: str
    errors: list[str] = field(default_factory=list)
    taken: list[Path] = field(default_factory=list)

    def console(self, kind: str, text: str) -> None:
        # a refused request (a 401 before sign-in) is the app's to handle, not an error here
        if kind == "error" and not text.startswith("Failed to load resource"):
            self.errors.append(f"console.error: {text}")

    def shot(self, screen: str) -> Path:
        """Screenshot the page as ``client/e2e/screenshots/<test>-<screen>.png``."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.name}-{screen}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)
        return path


@pytest.fixture
def screens(browser: Any, system: System, request: pytest.FixtureRequest) -> Iterator[Screens]:
    """A fresh browser context on the system; page errors (uncaught exceptions, console
    errors, CSP violations) fail the test."""
    context = browser.new_context(base_url=system.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    name = re.sub(r"[^A-Za-z0-9_]+", "-", request.node.name.removeprefix("test_")).strip("-")
    s = Screens(page, name)
    page.on("pageerror", lambda exc: s.errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: s.console(msg.type, msg.text))
    try:
        yield s
    finally:
        if getattr(request.node, "rep_call_failed", False):
            with contextlib.suppress(Exception):
                s.shot("failure")
        context.close()
    assert not s.errors, "the page reported errors:\n" + "\n".join(s.errors)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call" and report.failed:
        item.rep_call_failed = True  # type: ignore[attr-defined]
    return report
