"""Every app link the service sends (emails, pushes) opens the app: the SPA fallback answers
``index.html`` and the app renders, without an error screen, whatever the route."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest

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
    response = page.goto(path)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    page.locator("#root *").first.wait_for(state="visible")
    body = page.locator("body").inner_text()
    screens.shot("screen")
    assert body.strip(), f"{path}: a blank page"
    assert not ERROR_SCREEN.search(body), f"{path}: an error screen:\n{body[:500]}"
