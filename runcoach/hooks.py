"""Hooks: the part of a write that a later domain must do in the same transaction.

DESIGN.md's order lets a domain call only the services of the domains before it. What
a later domain does about a write can mostly wait for the commit, and goes through the
event log (``runcoach.events``) or a job named by its actor. A few reactions are part of
the write itself: a logged workout's training load is in the answer to its POST, and an
LTHR changed in the profile decides the source of the next workout's load. For those
the earlier domain declares a ``Hook`` and fires it inside its transaction; the later
domain's handler is connected to it once per process by ``runcoach.wiring``, which the
web app and the worker both run.

A hook fired with nothing connected raises ``HookNotConnected``: a process that forgot
the wiring fails at its first write instead of silently skipping the work.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

F = TypeVar("F", bound=Callable[..., Awaitable[Any]])

__all__ = ["Hook", "HookNotConnected"]


class HookNotConnected(RuntimeError):
    """A hook was fired before ``runcoach.wiring.connect()`` connected its handler."""


class Hook(Generic[F]):
    """One handler, called in the firing domain's transaction; its answer comes back."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._handler: F | None = None

    def connect(self, handler: F) -> None:
        """Connect the handler (again with the same one: a no-op; another one: an error)."""
        if self._handler is not None and self._handler is not handler:
            raise RuntimeError(f"the {self.name} hook already has a handler")
        self._handler = handler

    @property
    def fire(self) -> F:
        """The connected handler, to call with the hook's arguments."""
        if self._handler is None:
            raise HookNotConnected(
                f"nothing is connected to the {self.name} hook: call runcoach.wiring.connect()"
            )
        return self._handler

    def __repr__(self) -> str:
        return f"Hook({self.name!r})"
