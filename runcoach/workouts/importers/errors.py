"""The one error the importers raise."""

from __future__ import annotations


class ImportFailed(ValueError):
    """The uploaded file cannot be turned into an activity; ``reason`` is safe to show users."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason
