"""Email rendering: every template, escaping, strict variables, the sandbox, subject hygiene."""

from __future__ import annotations

from typing import Any

import pytest
from jinja2.exceptions import SecurityError

from runcoach.notifications import emails
from runcoach.notifications.emails import (
    KINDS,
    TemplateRenderError,
    TemplateSecurityError,
    render_email,
    sample_context,
)

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"

# A value from each kind's own data that both bodies must show.
MARKERS = {
    "plan_created": ["Marathon in under 3:30", "Sunday 26 September 2027", "/plans/3f2c9a"],
    "analysis_ready": ["aerobic efficiency", "/analysis/81be07"],
    "overtraining_detected": ["high", "resting heart rate", "very monotonous"],
    "weekly_summary": ["52.3 km", "4 h 57 min", "413", "Coach messages", "3"],
    "daily_summary": ["27.8 km", "2 h 37 min", "231", "Workout analyses"],
    "payment_failed": ["Pro", "€12.99", "Sunday 29 November 2026", "/settings/billing"],
    "subscription_changed": ["Basic", "Pro", "€12.99 per month", "Thursday 26 November 2026"],
}


def test_kinds_match_the_notification_types_and_the_files() -> None:
    from runcoach.notifications.models import NO_EMAIL_TYPES, NotificationType

    assert set(KINDS) == set(NotificationType) - NO_EMAIL_TYPES
    files = {p.name for p in emails.templates_dir().iterdir()}
    expected = {f"{kind}.{ext}" for kind in KINDS for ext in ("subject", "html", "txt")}
    expected |= {"_layout.html", "_layout.txt", "_macros.html", "README.md"}
    assert files == expected


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_with_its_sample_context(kind: str) -> None:
    context = sample_context(kind)
    email = render_email(kind, context)

    assert email.subject
    assert email.subject == email.subject.strip()
    assert "\n" not in email.subject and len(email.subject) <= emails.SUBJECT_MAX_LENGTH
    assert email.html.startswith("<!DOCTYPE html>")
    assert f"<title>{email.subject}</title>" in email.html
    assert "<" not in email.text
    for body in (email.html, email.text):
        assert "Hi Alex Runner," in body
        assert context["preferences_url"] in body
        assert context["unsubscribe_url"] in body
        for marker in MARKERS[kind]:
            assert marker in body, (kind, marker)


def test_sample_context_is_a_fresh_copy() -> None:
    first = sample_context("weekly_summary")
    first["counts"].clear()
    assert sample_context("weekly_summary")["counts"]


def _variant(kind: str, **changes: Any) -> dict[str, Any]:
    context = sample_context(kind)
    for dotted, value in changes.items():
        head, _, key = dotted.partition("__")
        if key:
            context[head][key] = value
        else:
            context[head] = value
    return context


@pytest.mark.parametrize(
    ("kind", "changes", "present", "absent"),
    [
        ("plan_created", {"plan__race_date": None}, "16 weeks", "Race"),
        ("payment_failed", {"payment__next_attempt_at": None}, "Please update", "try again"),
        (
            "subscription_changed",
            {"subscription__new_tier": "Free", "subscription__amount_cents": 0},
            "You will not be charged",
            "per month",
        ),
        ("weekly_summary", {"counts": []}, "Nothing new this week.", "Coach messages"),
        ("daily_summary", {"counts": []}, "Nothing new today.", "Plan updates"),
    ],
)
def test_optional_data_variants(
    kind: str, changes: dict[str, Any], present: str, absent: str
) -> None:
    email = render_email(kind, _variant(kind, **changes))
    for body in (email.html, email.text):
        assert present in body
        assert absent not in body


def test_html_autoescapes_user_data_and_text_does_not() -> None:
    context = sample_context("plan_created")
    context["user_name"] = SCRIPT
    context["plan"]["goal"] = f"Marathon {SCRIPT}"

    email = render_email("plan_created", context)

    assert SCRIPT not in email.html
    assert email.html.count(ESCAPED_SCRIPT) >= 3  # greeting, goal, <title>
    assert f"Hi {SCRIPT}," in email.text
    assert f"Goal:   Marathon {SCRIPT}" in email.text
    assert email.subject == f"Your training plan is ready: Marathon {SCRIPT}"


def test_html_autoescapes_list_items() -> None:
    context = sample_context("overtraining_detected")
    context["factors"] = [f"{SCRIPT} & more"]
    email = render_email("overtraining_detected", context)
    assert f"{ESCAPED_SCRIPT} &amp; more" in email.html
    assert f"- {SCRIPT} & more" in email.text


@pytest.mark.parametrize(
    ("kind", "remove", "variable"),
    [
        ("plan_created", ("plan",), "plan"),
        ("plan_created", ("plan", "url"), "url"),
        ("analysis_ready", ("analysis", "excerpt"), "excerpt"),
        ("weekly_summary", ("week", "load"), "load"),
        ("payment_failed", ("billing_url",), "billing_url"),
        ("daily_summary", ("unsubscribe_url",), "unsubscribe_url"),  # used by the layout
    ],
)
def test_missing_variable_names_it(kind: str, remove: tuple[str, ...], variable: str) -> None:
    context = sample_context(kind)
    target = context
    for key in remove[:-1]:
        target = target[key]
    del target[remove[-1]]

    with pytest.raises(TemplateRenderError) as info:
        render_email(kind, context)

    assert isinstance(info.value, ValueError)
    assert info.value.kind == kind
    assert info.value.variable == variable
    assert kind in str(info.value) and repr(variable) in str(info.value)


def test_unknown_kind() -> None:
    with pytest.raises(TemplateRenderError, match="unknown email kind 'nope'"):
        render_email("nope", sample_context("plan_created"))
    with pytest.raises(TemplateRenderError, match="unknown email kind"):
        sample_context("nope")


def test_overrides_render_in_the_sandbox_with_layout_and_escaping() -> None:
    context = sample_context("plan_created")
    context["plan"]["goal"] = "5k <b>PB</b>"
    overrides = {
        "subject": "New plan for {{ user_name }}: {{ plan.goal }}",
        "html": (
            '{% extends "_layout.html" %}{% block content %}'
            "<p>Admin text: {{ plan.goal }} in {{ plan.weeks }} weeks</p>{% endblock %}"
        ),
        "text": "Admin text: {{ plan.goal }} ({{ subject }})",
    }

    email = render_email("plan_created", context, overrides=overrides)

    assert email.subject == "New plan for Alex Runner: 5k <b>PB</b>"
    assert "<p>Admin text: 5k &lt;b&gt;PB&lt;/b&gt; in 16 weeks</p>" in email.html
    assert context["unsubscribe_url"] in email.html  # the layout came along
    assert email.text == f"Admin text: 5k <b>PB</b> ({email.subject})\n"


def test_empty_override_keeps_the_file() -> None:
    context = sample_context("analysis_ready")
    assert render_email("analysis_ready", context, overrides={"html": "", "text": ""}) == (
        render_email("analysis_ready", context)
    )


def test_override_missing_variable_is_named() -> None:
    with pytest.raises(TemplateRenderError) as info:
        render_email(
            "plan_created", sample_context("plan_created"), overrides={"text": "{{ coupon }}"}
        )
    assert info.value.variable == "coupon"
    assert info.value.part == "text"


@pytest.mark.parametrize(
    "override",
    [
        {"unknown": "x"},
        {"html": "{% if %}"},
        {"text": "{% for x in %}"},
        {"text": "{{ 'abc' | money }}"},
    ],
)
def test_bad_overrides_are_render_errors(override: dict[str, str]) -> None:
    with pytest.raises(TemplateRenderError):
        render_email("plan_created", sample_context("plan_created"), overrides=override)


@pytest.mark.parametrize("part", ["subject", "html", "text"])
@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ plan.__class__.__init__ }}",
        "{{ lipsum.__globals__['os'].popen('id').read() }}",
        "{{ plan.update({'goal': 'x'}) }}",  # the sandbox is immutable too
        "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    ],
)
def test_sandbox_escape_raises_security_error(part: str, payload: str) -> None:
    with pytest.raises(SecurityError) as info:
        render_email("plan_created", sample_context("plan_created"), overrides={part: payload})

    # One type for the caller (a failed delivery) that is also jinja2's SecurityError.
    assert isinstance(info.value, TemplateSecurityError)
    assert isinstance(info.value, TemplateRenderError)
    assert isinstance(info.value.__cause__, SecurityError)
    assert info.value.part == part


@pytest.mark.parametrize(
    "injected",
    [
        "Sub 3\r\nBcc: victim@example.com",
        "Sub 3\nBcc: victim@example.com",
        "Sub 3\rBcc: victim@example.com",
        "Sub 3\u2028Bcc: victim@example.com",
        "Sub 3\x85Bcc: victim@example.com",
        "Sub 3\x00\x0b\x0cBcc: victim@example.com",
    ],
)
def test_subject_has_no_header_injection(injected: str) -> None:
    context = sample_context("plan_created")
    context["plan"]["goal"] = injected

    file_subject = render_email("plan_created", context).subject
    override_subject = render_email(
        "plan_created", context, overrides={"subject": "{{ plan.goal }}\n\n"}
    ).subject

    assert file_subject == "Your training plan is ready: Sub 3 Bcc: victim@example.com"
    assert override_subject == "Sub 3 Bcc: victim@example.com"
    for subject in (file_subject, override_subject):
        assert subject.isprintable()


def test_subject_is_capped() -> None:
    context = sample_context("plan_created")
    context["plan"]["goal"] = "x" * 500
    subject = render_email("plan_created", context).subject
    assert len(subject) == emails.SUBJECT_MAX_LENGTH
    assert subject.endswith("…")
