"""The unsubscribe pages' words: what each email kind is, in a sentence.

The pages themselves are ``runcoach/templates/unsubscribe/*.html``, rendered by
``runcoach.pages`` (the one Jinja2 environment of the service's HTML pages).
"""

from __future__ import annotations

from runcoach.notifications.models import UnsubscribeKind

__all__ = ["LABELS", "NOTES"]

LABELS = {
    UnsubscribeKind.DAILY_SUMMARY: "the daily summary email",
    UnsubscribeKind.WEEKLY_ANALYSIS: "the weekly summary email",
    UnsubscribeKind.UPDATES: "emails about your plans and analyses",
}
"""What a kind's email is, in a sentence ("Stop receiving ...")."""

NOTES = {
    UnsubscribeKind.UPDATES: "Only alerts will still be emailed to you.",
}
