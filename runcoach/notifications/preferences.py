"""Notification preferences and push tokens.

Email choices (daily summary, weekly analysis, alerts only, disabled: ``disabled`` and
``alerts_only`` override the others), push per notification type, the digest time and
weekly day (local times in the athlete's IANA zone), quiet hours (a window that may
cross midnight) and whether critical alerts may be pushed during them, the daily
reminder's local time (or none). Writing them recomputes the next digest and reminder
instants (UTC, indexed) the clock looks up. An unsubscribe link turns one email kind
off and records when (``unsubscribe``); turning the kind back on clears the record.
"""

from __future__ import annotations

import datetime as dt
import uuid

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from runcoach import jobs, localtime
from runcoach.athletes import service as athletes_service
from runcoach.athletes import versions
from runcoach.athletes.models import User
from runcoach.config import Settings
from runcoach.errors import NotFound
from runcoach.notifications import schedule
from runcoach.notifications.delivery import email_wanted
from runcoach.notifications.models import (
    NotificationPreference,
    NotificationType,
    PushToken,
    UnsubscribeKind,
)
from runcoach.notifications.schemas import WEEKDAYS, PreferencesUpdate
from runcoach.notifications.unsubscribe import FLAG, InvalidUnsubscribeLink, read_token

EMAIL_DEFAULTS = {
    "daily_summary": False,
    "weekly_analysis": True,
    "alerts_only": False,
    "disabled": False,
}
PUSH_DEFAULTS = dict.fromkeys((t.value for t in NotificationType), True)


def _schedule(pref: NotificationPreference, timezone: str, now: dt.datetime) -> None:
    """The next digest and reminder instants; no daily digest unless its email was asked for."""
    at = localtime.parse_hhmm(pref.digest_time)
    daily = email_wanted("daily_summary", {**EMAIL_DEFAULTS, **(pref.email or {})})
    pref.next_daily_digest_at = (
        schedule.next_digest_at(now, at=at, timezone=timezone) if daily else None
    )
    pref.next_weekly_digest_at = schedule.next_digest_at(
        now, at=at, timezone=timezone, weekday=WEEKDAYS.index(pref.weekly_day)
    )
    reminder = pref.daily_reminder_time
    pref.next_daily_reminder_at = (
        schedule.next_digest_at(now, at=localtime.parse_hhmm(reminder), timezone=timezone)
        if reminder
        else None
    )


async def create_defaults(
    *, user_id: uuid.UUID, timezone: str, now: dt.datetime | None = None,
    using_db: BaseDBAsyncClient | None = None,
) -> None:  # fmt: skip
    """Write a new athlete's default preferences and first weekly digest time. Idempotent."""
    pref = NotificationPreference(user_id=user_id)
    _schedule(pref, timezone, now or dt.datetime.now(dt.UTC))
    await NotificationPreference.bulk_create([pref], ignore_conflicts=True, using_db=using_db)


async def reschedule(*, user_id: uuid.UUID, now: dt.datetime | None = None) -> None:
    """Recompute the next digest instants in the athlete's time zone (it changed). Idempotent.

    The ``notifications.reschedule_digests`` job, queued by a profile write; a user gone
    since is left alone.
    """
    user = await User.get_or_none(id=user_id).only("id", "timezone")
    if user is None:
        return
    pref = await NotificationPreference.get_or_none(user_id=user_id)
    if pref is None:
        await create_defaults(user_id=user_id, timezone=user.timezone, now=now)
        return
    _schedule(pref, user.timezone, now or dt.datetime.now(dt.UTC))
    await NotificationPreference.filter(user_id=user_id).update(
        next_daily_digest_at=pref.next_daily_digest_at,
        next_weekly_digest_at=pref.next_weekly_digest_at,
        next_daily_reminder_at=pref.next_daily_reminder_at,
    )


async def create_account_defaults(user: User) -> None:
    """The ``auth.registered`` hook: a new athlete's default preferences, in its transaction."""
    await create_defaults(user_id=user.id, timezone=user.timezone)


async def _timezone(user_id: uuid.UUID) -> str:
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise NotFound("no such user")
    return user.timezone


async def get(*, user_id: uuid.UUID) -> tuple[NotificationPreference, str]:
    """The user's preferences (the defaults until first written) and time zone. Read-only."""
    timezone = await _timezone(user_id)
    pref = await NotificationPreference.get_or_none(user_id=user_id)
    if pref is None:
        pref = NotificationPreference(user_id=user_id)
    pref.email = {**EMAIL_DEFAULTS, **(pref.email or {})}
    pref.push = {**PUSH_DEFAULTS, **(pref.push or {})}
    pref.unsubscribed = dict(pref.unsubscribed or {})
    return pref, timezone


def _turned_back_on(kind: str, given: dict[str, bool]) -> bool:
    """Whether the email choices ``given`` turn the unsubscribed ``kind`` back on."""
    flag, off = FLAG[UnsubscribeKind(kind)]
    return flag in given and given[flag] != off


async def _locked(user_id: uuid.UUID) -> NotificationPreference:
    """The user's preferences row, written with the defaults if missing, locked for update."""
    pref = await NotificationPreference.filter(user_id=user_id).select_for_update().first()
    if pref is None:
        await NotificationPreference.bulk_create(
            [NotificationPreference(user_id=user_id)], ignore_conflicts=True
        )
        pref = await NotificationPreference.filter(user_id=user_id).select_for_update().get()
    return pref


async def update(
    *, user_id: uuid.UUID, changes: PreferencesUpdate, now: dt.datetime | None = None
) -> tuple[NotificationPreference, str]:
    """Write the given preferences (others kept) and the next digest times. Idempotent."""
    if changes.timezone is not None:  # the profile's zone: its change rebuilds local days
        await athletes_service.update_profile(
            user_id=user_id, changes={"timezone": changes.timezone}
        )
    timezone = await _timezone(user_id)
    fields = changes.model_fields_set
    async with in_transaction():
        pref = await _locked(user_id)
        if changes.email is not None:
            given = changes.email.model_dump(exclude_none=True)
            pref.email = {**EMAIL_DEFAULTS, **(pref.email or {}), **given}
            pref.unsubscribed = {
                kind: at
                for kind, at in (pref.unsubscribed or {}).items()
                if kind in set(UnsubscribeKind) and not _turned_back_on(kind, given)
            }
        if changes.push is not None:
            given = changes.push.model_dump(exclude_none=True)
            pref.push = {**PUSH_DEFAULTS, **(pref.push or {}), **given}
        if changes.digest_time is not None:
            pref.digest_time = changes.digest_time
        if changes.weekly_day is not None:
            pref.weekly_day = changes.weekly_day
        if "quiet_hours" in fields:  # null turns them off
            quiet = changes.quiet_hours
            pref.quiet_start = None if quiet is None else quiet.start
            pref.quiet_end = None if quiet is None else quiet.end
        if changes.critical_alerts_in_quiet_hours is not None:
            pref.critical_during_quiet_hours = changes.critical_alerts_in_quiet_hours
        if changes.digest_when_empty is not None:
            pref.digest_when_empty = changes.digest_when_empty
        if "daily_reminder_time" in fields:  # null turns them off
            pref.daily_reminder_time = changes.daily_reminder_time
        _schedule(pref, timezone, now or dt.datetime.now(dt.UTC))
        await pref.save()
    return await get(user_id=user_id)


async def unsubscribe(
    *, user_id: uuid.UUID, kind: UnsubscribeKind, now: dt.datetime | None = None
) -> bool:
    """Turn the email ``kind`` off (an unsubscribe link) and record when; False if it was off.

    Idempotent: a second call changes nothing and keeps the first time; a kind already
    turned off in the settings is left as it is. NotFound for a user gone since.
    """
    now = now or dt.datetime.now(dt.UTC)
    timezone = await _timezone(user_id)
    kind = UnsubscribeKind(kind)
    flag, off = FLAG[kind]
    async with jobs.transaction():
        pref = await _locked(user_id)
        email = {**EMAIL_DEFAULTS, **(pref.email or {})}
        if email[flag] == off:
            return False
        pref.email = {**email, flag: off}
        at = now.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        pref.unsubscribed = {**(pref.unsubscribed or {}), str(kind.value): at}
        _schedule(pref, timezone, now)
        await pref.save()
        await versions.bump(user_id=user_id)
    return True


async def unsubscribe_by_link(
    *, token: str, settings: Settings, now: dt.datetime | None = None
) -> UnsubscribeKind:
    """Apply a one-click unsubscribe link: its email kind off for its user. Idempotent.

    ``InvalidUnsubscribeLink`` for a token this service did not make or a user gone since.
    """
    user_id, kind = read_token(token, settings=settings)
    try:
        await unsubscribe(user_id=user_id, kind=kind, now=now)
    except NotFound:
        raise InvalidUnsubscribeLink("this unsubscribe link is no longer valid") from None
    return kind


# --- push tokens ----------------------------------------------------------------------------


async def register_token(*, user_id: uuid.UUID, token: str, platform: str) -> bool:
    """Register an Expo push token for the user; True when new to them. Idempotent.

    A token another account registered moves to this one: a device has one owner, the
    last who signed in on it.
    """
    async with in_transaction():
        row = await PushToken.filter(token=token).select_for_update().first()
        if row is None:
            await PushToken.bulk_create(
                [PushToken(user_id=user_id, token=token, platform=platform)],
                ignore_conflicts=True,
            )
            return True
        if row.user_id == user_id and row.platform == platform:
            return False
        await PushToken.filter(id=row.id).update(user_id=user_id, platform=platform)
        return row.user_id != user_id


async def drop_token(*, user_id: uuid.UUID, token: str) -> None:
    """Forget one of the user's push tokens; NotFound if it is not theirs."""
    if not await PushToken.filter(user_id=user_id, token=token).delete():
        raise NotFound("no such push token")
