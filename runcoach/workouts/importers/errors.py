"""The one error the importers raise."""

from __future__ import annotations


class ImportFailed(ValueError):
    """The uploaded file cannot be turned into an activity; ``reason`` is safe to show users.

    ``field`` names what is wrong when it is one value (``distance_m``, ``started_at``,
    ``trackpoints``...): the 422 lists it as the offending field.
    """

    def __init__(self, reason: str, *, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field

    def __str__(self) -> str:
        return self.reason

    def __reduce__(self) -> tuple[type[ImportFailed], tuple[str], dict[str, object]]:
        # parsing runs in a worker process: the error comes back pickled, field included
        return (type(self), (self.reason,), {"field": self.field})
