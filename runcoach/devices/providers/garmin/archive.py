"""The original file Garmin Connect hands out for an activity: a zip holding the ``.fit``.

Unzipped with caps on size, member count and compression ratio, so a hostile or broken
archive is ignored rather than inflated.
"""

from __future__ import annotations

import io
import logging
import zipfile
import zlib
from typing import Any

from runcoach.logs import event

log = logging.getLogger(__name__)

MAX_FIT_BYTES = 20 * 1024 * 1024  # uncompressed cap of the extracted .fit
_MAX_ZIP_MEMBERS = 64
_MAX_COMPRESSION_RATIO = 100  # FIT data compresses ~2-10x; deflate bombs ~1000x
_RATIO_CHECK_FROM = 1024 * 1024  # tiny members may compress well legitimately
_CHUNK = 64 * 1024


def _ignored(reason: str, **fields: Any) -> None:
    """Log why the archive, or its ``.fit`` member, is not used (sizes only, no content)."""
    event(log, "devices.garmin_archive_ignored", logging.WARNING, reason=reason, **fields)


def _looks_like_fit(data: bytes) -> bool:
    return len(data) >= 12 and data[8:12] == b".FIT"


def extract_fit(data: bytes, *, max_bytes: int = MAX_FIT_BYTES) -> bytes | None:
    """The first ``.fit`` member of the zip ``download_activity(ORIGINAL)`` returns.

    Returns ``None`` when there is none or the archive is unreadable or unsafe
    (member larger than ``max_bytes`` uncompressed, suspicious compression
    ratio, too many members). A bare FIT file (not zipped) is returned as is.
    """
    if not data:
        return None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if _looks_like_fit(data) and len(data) <= max_bytes:
            return bytes(data)
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > _MAX_ZIP_MEMBERS:
                _ignored("too_many_members", members=len(members))
                return None
            for info in members:
                if info.is_dir() or not info.filename.lower().endswith(".fit"):
                    continue
                return _read_member(archive, info, max_bytes)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        RuntimeError,
        NotImplementedError,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
    ) as exc:
        _ignored("unreadable", error=type(exc).__name__)
    return None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int) -> bytes | None:
    if info.file_size > max_bytes:
        _ignored("member_too_large", size=info.file_size)
        return None
    if info.file_size > _RATIO_CHECK_FROM and info.file_size > _MAX_COMPRESSION_RATIO * max(
        info.compress_size, 1
    ):
        _ignored("compression_ratio", size=info.file_size, compressed_size=info.compress_size)
        return None
    out = bytearray()
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            out += chunk
            if len(out) > max_bytes:  # the header lied about the size
                _ignored("inflated_too_large", size=info.file_size)
                return None
    return bytes(out)
