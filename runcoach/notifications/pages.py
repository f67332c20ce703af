"""The unsubscribe pages: Jinja2 templates in ``runcoach/templates/pages/unsub_*.html``.

Autoescaped, ``StrictUndefined``; the templates are the service's own (not editable by
admins), so no sandbox. No I/O besides reading the templates once per process.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from runcoach.notifications.models import UnsubscribeKind

__all__ = ["LABELS", "NOTES", "render"]

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "pages"

LABELS = {
    UnsubscribeKind.DAILY_SUMMARY: "the daily summary email",
    UnsubscribeKind.WEEKLY_ANALYSIS: "the weekly summary email",
    UnsubscribeKind.UPDATES: "emails about your plans and analyses",
}
"""What a kind's email is, in a sentence ("Stop receiving ...")."""

NOTES = {
    UnsubscribeKind.UPDATES: "Only alerts will still be emailed to you.",
}


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, **context: Any) -> str:
    """The page ``name`` (``unsub_confirm.html``...) rendered with ``context``."""
    return _environment().get_template(name).render(**context)
