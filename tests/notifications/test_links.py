"""Every link an email, a push or an unsubscribe page holds is one of the app's routes
(``runcoach.notifications.links.PATTERNS``)."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from typing import Any

import pytest

from runcoach import pages
from runcoach.config import Settings
from runcoach.notifications import delivery, emails, links
from runcoach.notifications import pages as unsubscribe_words
from runcoach.notifications.models import NotificationType, UnsubscribeKind

BASE = "https://app.runcoach.example"
HREF = re.compile(r"""(?:href|action|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
URL = re.compile(r"""https?://[^\s"'<>]+""")
PLAN_ID, ANALYSIS_ID, USER_ID = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def links_in(rendered: emails.RenderedEmail) -> list[str]:
    found = HREF.findall(rendered.html) + URL.findall(rendered.html) + URL.findall(rendered.text)
    return [u.rstrip(".,;:") for u in found]


def assert_app_links(found: list[str], where: str) -> None:
    assert found, f"{where}: no links at all"
    bad = [u for u in found if not links.is_app_link(u, base=BASE)]
    assert not bad, f"{where}: links outside the app's routes: {bad}"


@pytest.mark.parametrize("kind", emails.KINDS)
def test_every_template_with_its_sample_links_only_to_app_routes(kind: str) -> None:
    rendered = emails.render_email(kind, emails.sample_context(kind))
    assert_app_links(links_in(rendered), kind)


@pytest.mark.parametrize("kind", emails.KINDS)
def test_the_links_the_service_makes_are_app_routes(kind: str, settings: Settings) -> None:
    settings = replace(settings, app_url=BASE)
    sample = emails.sample_context(kind)
    data = {k: v for k, v in sample.items() if not k.endswith("_url")}
    data |= {"plan_id": str(PLAN_ID), "analysis_id": str(ANALYSIS_ID), "goal": "10k",
             "race_date": "2027-04-11", "starts_on": "2027-01-04", "weeks": 14}  # fmt: skip
    note = {"type": kind, "data": data, "title": "Title", "body": "Body", "name": "Alex Runner",
            "user_id": USER_ID}  # fmt: skip
    context = delivery.email_context(note, settings)
    rendered = emails.render_email(kind, {**sample, **context})
    found = links_in(rendered)
    assert_app_links(found, kind)
    assert f"{BASE}/settings/notifications" in found
    if kind == NotificationType.PLAN_CREATED:
        assert f"{BASE}/plans/{PLAN_ID}" in found
    if kind == NotificationType.ANALYSIS_READY:
        assert f"{BASE}/analysis/{ANALYSIS_ID}" in found
    if kind in ("daily_summary", "weekly_summary", "plan_created", "analysis_ready"):
        assert any(u.startswith(f"{BASE}/unsubscribe/") for u in found), kind


def test_a_notification_without_its_id_links_to_the_dashboard(settings: Settings) -> None:
    settings = replace(settings, app_url=BASE)
    note = {"type": "plan_created", "data": {}, "title": "T", "body": "B", "name": "A",
            "user_id": USER_ID}  # fmt: skip
    assert delivery.email_context(note, settings)["plan"]["url"] == f"{BASE}/dashboard"


@pytest.mark.parametrize("kind", list(NotificationType))
def test_every_push_opens_an_app_route(kind: str) -> None:
    for data in ({}, {"plan_id": str(PLAN_ID), "analysis_id": str(ANALYSIS_ID)}):
        path = links.notification_path(kind, data)
        assert links.is_app_path(path), (kind, path)
    with_ids = {"plan_id": str(PLAN_ID), "analysis_id": str(ANALYSIS_ID)}
    expected = {
        "plan_created": f"/plans/{PLAN_ID}",
        "daily_reminder": f"/plans/{PLAN_ID}",
        "analysis_ready": f"/analysis/{ANALYSIS_ID}",
        "payment_failed": "/settings/billing",
    }
    if kind in expected:
        assert links.notification_path(kind, with_ids) == expected[kind]


@pytest.mark.parametrize("name", ["confirm", "done", "invalid"])
def test_the_unsubscribe_pages_link_only_to_app_routes(name: str) -> None:
    context: dict[str, Any] = {
        "label": unsubscribe_words.LABELS[UnsubscribeKind.UPDATES],
        "note": unsubscribe_words.NOTES[UnsubscribeKind.UPDATES],
        "action": "/unsubscribe/abc.def",
        "reason": "<b>escaped</b>",
        "settings_url": links.url(BASE, "notification_settings"),
    }
    page = pages.render(f"unsubscribe/{name}.html", **context)
    found = HREF.findall(page)
    assert found
    for target in found:
        assert links.is_app_link(target, base=BASE) or links.is_app_path(target), target
    assert "<b>escaped</b>" not in page


def test_the_patterns() -> None:
    assert links.path("plan", id="p1") == "/plans/p1"
    assert links.url(BASE + "/", "workout", id="w 1") == f"{BASE}/workouts/w%201"
    assert links.path("unsubscribe", token="a.b-c_d") == "/unsubscribe/a.b-c_d"
    with pytest.raises(ValueError, match="takes"):
        links.path("plan")
    with pytest.raises(ValueError, match="takes"):
        links.path("dashboard", id="x")
    for good in ("/dashboard", "/dashboard/notifications", "/settings/billing", "/workouts/x"):
        assert links.is_app_path(good) and links.is_app_link(BASE + good, base=BASE)
    for bad in ("/settings/notifications#email", "/unsubscribe?token=x", "/plans/", "/plans/a/b",
                "/dashboard/", "/admin", "/settings"):  # fmt: skip
        assert not links.is_app_path(bad), bad
    assert not links.is_app_link("https://evil.example/dashboard", base=BASE)
    assert not links.is_app_link(BASE + ".evil.example/dashboard", base=BASE)
