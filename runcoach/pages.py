"""Server-rendered HTML pages (the public share page): Jinja2 with autoescaping.

The templates live in ``runcoach/templates/``; every value is escaped (HTML and
attributes alike) and a missing one is an error (``StrictUndefined``), never a blank.
Email templates are ``runcoach.notifications.emails``' business, not this module's.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The pages' Jinja2 environment (built once per process)."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, **context: Any) -> str:
    """The template ``name`` rendered with ``context`` (escaped)."""
    return environment().get_template(name).render(**context)
