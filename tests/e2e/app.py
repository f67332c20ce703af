"""What a person does in the app, in Playwright terms: accessible names and roles only
(``get_by_role``, ``get_by_label``, ``get_by_text``), never the app's internals."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

PASSWORD = "a long e2e password"
BELL = re.compile(r"^Notifications, (\d+) unread$")
# the scaffold's stand-in for a screen that other work has not delivered yet
PLACEHOLDER = "Coming soon:"
SESSION_KEY = "runcoach.session"


@dataclass
class Person:
    name: str
    email: str
    password: str = PASSWORD


def new_person(label: str) -> Person:
    return Person(f"E2E {label.title()}", f"{label}-{secrets.token_hex(4)}@example.com")


def screen_built(page: Any, what: str, expect: Any) -> None:
    """Wait for the screen: ``expect`` (a locator of what it shows first), or the
    scaffold's placeholder, which skips the scenario (the screen is not built yet)."""
    placeholder = page.get_by_text(PLACEHOLDER).filter(visible=True)
    placeholder.or_(expect).first.wait_for()
    if placeholder.count():
        pytest.skip(f"screen not built yet: {what} ({page.url})")


def register(page: Any, person: Person) -> None:
    """Create the account through the register screen; ends on the dashboard."""
    page.goto("/")
    page.get_by_role("link", name="Create an account").filter(visible=True).click()
    page.get_by_label("Name").filter(visible=True).fill(person.name)
    page.get_by_label("Email").filter(visible=True).fill(person.email)
    page.get_by_label("Password").filter(visible=True).fill(person.password)
    page.get_by_role("button", name="Create account").filter(visible=True).click()
    page.wait_for_url("**/dashboard")


def sign_in(page: Any, person: Person) -> None:
    page.get_by_label("Email").filter(visible=True).fill(person.email)
    page.get_by_label("Password").filter(visible=True).fill(person.password)
    page.get_by_role("button", name="Sign in").filter(visible=True).click()


def bell(page: Any) -> Any:
    return page.get_by_role("link", name=BELL).filter(visible=True)


def unread(page: Any) -> int:
    """The count the header's bell says (its accessible name)."""
    label = bell(page).first.get_attribute("aria-label") or ""
    match = BELL.match(label)
    assert match, f"the bell says {label!r}"
    return int(match.group(1))


def wait_unread(page: Any, count: int, timeout_ms: int = 30_000) -> None:
    page.get_by_role("link", name=f"Notifications, {count} unread").filter(
        visible=True
    ).first.wait_for(timeout=timeout_ms)


def api(page: Any, base: str) -> httpx.Client:
    """The API as the signed-in person of ``page`` (the web app keeps its tokens in
    localStorage), to set up what a scenario is not about."""
    raw = page.evaluate(f"() => localStorage.getItem({json.dumps(SESSION_KEY)})")
    token = json.loads(raw)["accessToken"]
    return httpx.Client(
        base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
