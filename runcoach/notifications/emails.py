"""Email rendering: ``email_templates/`` (or an admin override) in Jinja2's sandbox; no network.

Each kind has three templates: ``<kind>.subject`` (one line, plain text),
``<kind>.html`` (autoescaped, extends ``_layout.html``) and ``<kind>.txt`` (not
escaped, extends ``_layout.txt``). Admin overrides (the ``notification_templates``
table) replace any of the three and are compiled by the same sandboxed
environment, so they can use the layouts, macros and filters but cannot reach
Python internals. Every failure (a missing variable, a sandbox violation, a
syntax error in an override, a filter given bad data) is a
:class:`TemplateRenderError`; the caller marks the delivery failed.

The templates are read from ``email_templates/`` at the repository root, found
next to the source tree or, for a non-editable install (the Dockerfile's
``pip install .`` in ``/app``), in the working directory: the service runs
from the checkout, which holds the templates.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, Template, select_autoescape
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from runcoach.notifications.models import NO_EMAIL_TYPES, NotificationType

__all__ = [
    "KINDS",
    "PARTS",
    "SUBJECT_MAX_LENGTH",
    "RenderedEmail",
    "TemplateRenderError",
    "TemplateSecurityError",
    "environment",
    "render_email",
    "sample_context",
    "templates_dir",
]

# one template set per notification type that is emailed (not the push-only reminder)
KINDS = tuple(t for t in NotificationType if t not in NO_EMAIL_TYPES)
PARTS = ("subject", "html", "text")
"""The keys of ``overrides``, and the parts of a rendered email."""
SUBJECT_MAX_LENGTH = 200
_SUFFIX = {"subject": "subject", "html": "html", "text": "txt"}
_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined|has no (?:attribute|element) '?([^']+?)'?$")
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*){2,}")
_BREAKING = frozenset({"Cc", "Zl", "Zp", "Zs"})  # controls (CR, LF, NEL, ...), separators
_CURRENCY_SYMBOLS = {"eur": "€", "usd": "$", "gbp": "£"}


@dataclass(frozen=True, slots=True)
class RenderedEmail:
    """A rendered email: a single-line subject, the HTML body and the plain-text body."""

    subject: str
    html: str
    text: str


class TemplateRenderError(ValueError):
    """An email could not be rendered (unknown kind, missing variable, bad template)."""

    def __init__(
        self, message: str, *, kind: str, part: str | None = None, variable: str | None = None
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.part = part
        self.variable = variable


class TemplateSecurityError(TemplateRenderError, SecurityError):
    """A template tried to escape the sandbox; also a ``jinja2`` ``SecurityError``."""


def templates_dir() -> Path:
    """The ``email_templates/`` directory: beside the source tree, else in the working dir."""
    candidates = (
        Path(__file__).resolve().parents[2] / "email_templates",
        Path.cwd() / "email_templates",
    )
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise RuntimeError(f"email_templates/ not found (looked in {', '.join(map(str, candidates))})")


@functools.cache
def environment() -> ImmutableSandboxedEnvironment:
    """The shared sandboxed environment (built once): autoescape for .html, strict undefined.

    Templates are loaded once per process (no reload check); admin overrides in
    ``notification_templates`` apply at once.
    """
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # The files are read once per process: no stat() of each template (and its
        # layout) on every render. Edited templates take effect on restart.
        auto_reload=False,
    )
    env.filters.update(
        distance=_distance, duration=_duration, money=_money, longdate=_longdate, number=_number
    )
    return env


@functools.cache
def _plain_environment() -> ImmutableSandboxedEnvironment:
    """The same environment without autoescaping, for subject and text overrides."""
    return environment().overlay(autoescape=False)


@functools.lru_cache(maxsize=256)
def _compile_override(part: str, source: str) -> Template:
    env = environment() if part == "html" else _plain_environment()
    return env.from_string(source)


def render_email(
    kind: str, context: Mapping[str, Any], *, overrides: Mapping[str, str] | None = None
) -> RenderedEmail:
    """Render the subject, HTML and text of ``kind`` with ``context``; no network, no database.

    ``overrides`` maps ``"subject"``, ``"html"`` or ``"text"`` to an admin-edited
    template source that replaces the file (an empty string keeps the file). The
    rendered subject is also given to the bodies as ``subject``.
    """
    if kind not in KINDS:
        raise TemplateRenderError(f"unknown email kind {kind!r}", kind=kind)
    overrides = overrides or {}
    unknown = sorted(set(overrides) - set(PARTS))
    if unknown:
        raise TemplateRenderError(
            f"email {kind!r}: unknown override part(s) {', '.join(unknown)}", kind=kind
        )
    subject = _clean_subject(_render(kind, "subject", context, overrides.get("subject")))
    body_context = {**context, "subject": subject}
    html = _render(kind, "html", body_context, overrides.get("html"))
    text = _render(kind, "text", body_context, overrides.get("text"))
    return RenderedEmail(subject=subject, html=html.strip() + "\n", text=_tidy_text(text))


def _render(kind: str, part: str, context: Mapping[str, Any], override: str | None) -> str:
    source = "override" if override else "template"
    try:
        if override:
            template = _compile_override(part, override)
        else:
            template = environment().get_template(f"{kind}.{_SUFFIX[part]}")
        return template.render(context)
    except UndefinedError as exc:
        variable = _undefined_name(exc)
        raise TemplateRenderError(
            f"email {kind!r} ({part} {source}): missing variable {variable!r} ({exc.message})",
            kind=kind,
            part=part,
            variable=variable,
        ) from exc
    except SecurityError as exc:
        raise TemplateSecurityError(
            f"email {kind!r} ({part} {source}): unsafe template: {exc.message}",
            kind=kind,
            part=part,
        ) from exc
    except (TemplateError, TypeError, ValueError, ArithmeticError) as exc:
        raise TemplateRenderError(
            f"email {kind!r} ({part} {source}): {type(exc).__name__}: {exc}",
            kind=kind,
            part=part,
        ) from exc


def _undefined_name(exc: UndefinedError) -> str | None:
    match = _UNDEFINED_NAME.search(exc.message or "")
    if match is None:
        return None
    return match.group(1) or match.group(2)


def _clean_subject(raw: str) -> str:
    """One line: controls (CR, LF, ...) and separators become spaces, runs collapse, capped."""
    chars = (" " if unicodedata.category(ch) in _BREAKING else ch for ch in raw)
    subject = " ".join("".join(chars).split())
    if len(subject) > SUBJECT_MAX_LENGTH:
        subject = subject[: SUBJECT_MAX_LENGTH - 1].rstrip() + "…"
    return subject


def _tidy_text(text: str) -> str:
    lines = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return _BLANK_LINES.sub("\n\n", lines) + "\n"


# Filters (safe in the sandbox: they take plain values and return strings).


def _number(value: float, digits: int = 0) -> str:
    """A number rounded for display: ``412.6`` -> ``413``, ``12345`` -> ``12,345``."""
    return f"{float(value):,.{digits}f}"


def _distance(meters: float) -> str:
    """Meters as kilometres: ``42195`` -> ``42.2 km``."""
    return f"{float(meters) / 1000:.1f} km"


def _duration(seconds: float) -> str:
    """Seconds as ``5 h 12 min`` or ``48 min``."""
    minutes = round(float(seconds) / 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def _money(cents: int, currency: str = "eur") -> str:
    """Integer cents as ``€12.00`` (or ``CHF 12.00`` for a currency without a symbol)."""
    if not isinstance(cents, int) or isinstance(cents, bool):
        raise TypeError(f"money expects integer cents, got {cents!r}")
    sign = "-" if cents < 0 else ""
    amount = f"{abs(cents) // 100:,}.{abs(cents) % 100:02d}"
    symbol = _CURRENCY_SYMBOLS.get(currency.lower())
    return f"{sign}{symbol}{amount}" if symbol else f"{sign}{currency.upper()} {amount}"


def _longdate(value: dt.date | str) -> str:
    """A date, datetime or ISO string as ``Sunday 26 September 2027``."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return f"{value:%A} {value.day} {value:%B %Y}"


# Sample contexts: realistic data for tests and the admin preview.

_COMMON: dict[str, Any] = {
    "user_name": "Alex Runner",
    "preferences_url": "https://app.runcoach.example/settings/notifications",
    "unsubscribe_url": "https://app.runcoach.example/unsubscribe/sample-token.c2lnbmVk",
}
_COUNTS = [
    {"label": "Workout analyses", "count": 2},
    {"label": "Plan updates", "count": 1},
    {"label": "Coach messages", "count": 3},
]
_SAMPLES: dict[str, dict[str, Any]] = {
    NotificationType.PLAN_CREATED: {
        "plan": {
            "goal": "Marathon in under 3:30",
            "race_name": "Berlin Marathon",
            "race_date": "2027-09-26",
            "starts_on": "2027-06-07",
            "weeks": 16,
            "url": "https://app.runcoach.example/plans/3f2c9a",
        },
    },
    NotificationType.ANALYSIS_READY: {
        "analysis": {
            "title": "Your last six weeks",
            "excerpt": (
                "Your easy runs are finally easy: 82% of your time was in zones 1-2, and your"
                " aerobic efficiency improved by 4%. The long run is the next lever."
            ),
            "url": "https://app.runcoach.example/analysis/81be07",
        },
    },
    NotificationType.OVERTRAINING_DETECTED: {
        "risk": {"level": "high", "score": 75},
        "factors": [
            "This week's load jumped well above what you are used to (ACWR 1.62).",
            "Your resting heart rate has been elevated for 5 days.",
            "Your training has been very monotonous.",
        ],
        "dashboard_url": "https://app.runcoach.example/dashboard",
    },
    NotificationType.WEEKLY_SUMMARY: {
        "period": {"start": "2026-11-16", "end": "2026-11-22"},
        "counts": _COUNTS,
        "week": {"workouts": 5, "distance_m": 52300, "duration_s": 17820, "load": 412.6},
        "dashboard_url": "https://app.runcoach.example/dashboard",
    },
    NotificationType.DAILY_SUMMARY: {
        "day": "2026-11-25",
        "counts": _COUNTS[:2],
        "week": {"workouts": 3, "distance_m": 27800, "duration_s": 9420, "load": 231.0},
        "dashboard_url": "https://app.runcoach.example/dashboard",
    },
    NotificationType.PAYMENT_FAILED: {
        "payment": {
            "tier": "Pro",
            "amount_cents": 1299,
            "currency": "eur",
            "next_attempt_at": "2026-11-29T09:00:00+00:00",
        },
        "billing_url": "https://app.runcoach.example/settings/billing",
    },
    NotificationType.SUBSCRIPTION_CHANGED: {
        "subscription": {
            "old_tier": "Basic",
            "new_tier": "Pro",
            "amount_cents": 1299,
            "currency": "eur",
            "interval": "month",
            "effective_at": "2026-11-26T16:00:00+00:00",
        },
        "billing_url": "https://app.runcoach.example/settings/billing",
    },
}


def sample_context(kind: str) -> dict[str, Any]:
    """A realistic context for ``kind`` (a fresh copy); raises TemplateRenderError if unknown."""
    if kind not in _SAMPLES:
        raise TemplateRenderError(f"unknown email kind {kind!r}", kind=kind)
    return copy.deepcopy({**_COMMON, **_SAMPLES[kind]})
