"""Password hashing with argon2id (RFC 9106 parameters of argon2-cffi), off the event loop.

A hash or a check costs about 100 ms of CPU: both run in the process's CPU pool
(``runcoach.offload``), never on the loop. The parameters are argon2-cffi's defaults,
RFC 9106's low-memory choice (t=3, m=64 MiB, p=4), above OWASP's minimum for argon2id
(t=2, m=19 MiB, p=1); ``OWASP_MINIMUM`` states that floor and a test holds the hasher to it.
"""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from runcoach import offload

_hasher = PasswordHasher()  # argon2id, t=3, m=64 MiB, p=4
OWASP_MINIMUM = {"time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1}  # KiB for memory
_DUMMY_PASSWORD = "runcoach-timing-equaliser-not-a-password"  # noqa: S105


@functools.cache
def _dummy_hash() -> str:
    """A hash of a random password, made once (in the pool) on first use: verifying against
    it costs as much as a real check, so a login for an unknown email takes as long as one
    for a known email."""
    return _hasher.hash(_DUMMY_PASSWORD)


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        matched = _hasher.verify(password_hash or _dummy_hash(), password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return matched and password_hash is not None


async def hash_password(password: str) -> str:
    """The argon2id hash of ``password``, computed in the CPU pool."""
    return await offload.run(_hasher.hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; with no hash, burns the same time and says False."""
    return await offload.run(_verify, password_hash, password)


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters (reads its header: no hashing)."""
    return _hasher.check_needs_rehash(password_hash)
