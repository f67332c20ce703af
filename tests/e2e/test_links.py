"""Every app link the service sends (emails, pushes) opens the app: the SPA fallback answers
``index.html`` and the app renders, without an error screen, whatever the route."""

from __future__ import annotations

import re
import uuid
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.e2e.app import new_person, register, sign_in
from tests.e2e.conftest import Screens
from tests.e2e.system import System

pytestmark = pytest.mark.e2e

SOME_ID = str(uuid.UUID(int=0x0B7C1A3452C54D1E9B3A1F2E3D4C5B6A))
# the link patterns of runcoach/notifications (email templates and push data)
LINKS = [
    "/dashboard",
    "/dashboard/notifications",
    f"/plans/{SOME_ID}",
    f"/analysis/{SOME_ID}",
    "/settings/notifications",
    "/settings/billing",
    f"/workouts/{SOME_ID}",
]
# what an error screen says: expo-router's unmatched route and error boundary, a blank page
ERROR_SCREEN = re.compile(r"unmatched route|this screen doesn't exist|something went wrong", re.I)


@pytest.mark.parametrize("path", LINKS)
def test_an_emailed_link_opens_the_app(system: System, screens: Screens, path: str) -> None:
    raw = httpx.get(system.url + path)
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "text/html; charset=utf-8"
    assert raw.text == httpx.get(system.url + "/index.html").text
    page: Any = screens.page
    register(page, new_person("links"))
    response = page.goto(path)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    page.get_by_role("heading").filter(visible=True).first.wait_for()
    body = page.locator("body").inner_text()
    screens.shot("screen")
    assert urlsplit(page.url).path == path, f"{path} led to {page.url}"
    assert not ERROR_SCREEN.search(body), f"{path}: an error screen:\n{body[:500]}"


def test_a_link_opened_signed_out_leads_back_after_sign_in(
    system: System, screens: Screens
) -> None:
    page: Any = screens.page
    person = new_person("next")
    register(page, person)
    page.evaluate("() => localStorage.clear()")
    page.goto("/settings/notifications")
    page.wait_for_url("**/login**")
    screens.shot("sign-in-first")
    sign_in(page, person)
    page.wait_for_url("**/settings/notifications")
