"""Turn uploaded workout files (.fit, .gpx, .tcx) into ``ActivityData``; pure, no I/O.

One parser per format (``fit``, ``gpx``, ``tcx``); ``safe_xml`` parses XML without DTDs or
entities, ``track`` holds the maths over samples (distance, moving time, climb, HR,
splits, zones), ``build`` checks and assembles the ``ActivityData``, ``errors`` holds
``ImportFailed``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from runcoach.workouts.activity import ActivityData
from runcoach.workouts.importers.errors import ImportFailed
from runcoach.workouts.importers.fit import is_fit, parse_fit
from runcoach.workouts.importers.gpx import parse_gpx
from runcoach.workouts.importers.tcx import parse_tcx
from runcoach.workouts.importers.track import hr_zone_seconds

__all__ = ["SUPPORTED_EXTENSIONS", "ImportFailed", "hr_zone_seconds", "parse_activity"]

log = logging.getLogger("runcoach.workouts.importers")

SUPPORTED_EXTENSIONS = (".fit", ".gpx", ".tcx")

_PARSERS: dict[str, Callable[[bytes], ActivityData]] = {
    ".fit": parse_fit,
    ".gpx": parse_gpx,
    ".tcx": parse_tcx,
}


def sniff(data: bytes) -> str | None:
    """Guess a file's real type from its content: ".fit", ".gpx", ".tcx" or None."""
    if is_fit(data):
        return ".fit"
    head = data[:2048].lower()
    if b"<gpx" in head:
        return ".gpx"
    if b"<trainingcenterdatabase" in head:
        return ".tcx"
    return None


def parse_activity(filename: str, data: bytes) -> ActivityData:
    """Parse an uploaded workout file, dispatching on its extension; raises ``ImportFailed``."""
    extension = os.path.splitext(filename or "")[1].lower()
    parser = _PARSERS.get(extension)
    if parser is None:
        if not extension:
            raise ImportFailed("file name has no extension; expected .fit, .gpx or .tcx")
        raise ImportFailed(f"unsupported file type '{extension}'; expected .fit, .gpx or .tcx")
    if not data:
        raise ImportFailed("file is empty")
    try:
        return parser(bytes(data))
    except ImportFailed as exc:
        actual = sniff(data)
        if actual is not None and actual != extension:
            raise ImportFailed(
                f"{exc.reason}; the content looks like a {actual} file", field=exc.field
            ) from exc
        raise
    except Exception as exc:
        log.warning("could not parse %s upload", extension, exc_info=True)
        raise ImportFailed(f"could not read the {extension} file; it may be corrupt") from exc
