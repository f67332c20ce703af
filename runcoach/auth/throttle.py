"""What auth's requests cost (runcoach.limits): login per account and per address,
registration per address, password changes per user.

A login attempt is reserved from both the account's and the address's budgets, at once,
before any password is checked; a successful login gives it back, so only failures (and
attempts still being checked) count, and N concurrent bad logins against a limit of L
get exactly L answers 401, the rest 429. Redis down: these limits are counted in
PostgreSQL (login) or allowed (registration), as their rules say.
"""

from __future__ import annotations

import hashlib

from runcoach import limits
from runcoach.limits import LimitName


def _account(email: str) -> str:
    """The account's key: a digest, so no address is stored in the counters."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


async def reserve_login(*, email: str, ip: str) -> limits.Reservation:
    """Reserve one login attempt for the account and the address (RateLimited when
    either has none left); ``give_back()`` it when the password was right."""
    return await limits.hit_all(
        (LimitName.LOGIN_ACCOUNT, _account(email)), (LimitName.LOGIN_IP, ip)
    )


async def count_registration(*, ip: str) -> None:
    """One registration from ``ip`` (RateLimited past the address's limit)."""
    await limits.hit(LimitName.REGISTER_IP, ip)


async def reserve_password_change(*, user_id: object) -> limits.Reservation:
    """Reserve one password-change attempt of the user (RateLimited past the limit);
    ``give_back()`` it when the current password was right."""
    return await limits.hit(LimitName.PASSWORD_CHANGE, user_id)
