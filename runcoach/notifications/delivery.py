"""Email and push deliveries: one row per notification and channel, sent by the worker.

A row's life: ``pending -> sending -> sent | failed | skipped``, or ``deferred``
(quiet hours, with ``scheduled_for`` = the window's end) and back to ``sending``
once the clock sweep finds it due.

* **Created with the notification**, in its transaction, for the channels the
  user's preferences want (``create``); the ``notifications.deliver`` messages
  are sent after commit, a batch of ids per message.
* **Claimed atomically** (``UPDATE ... WHERE status ... RETURNING``): a message
  delivered twice, or the sweep and a retry racing, send a row once. A row left
  ``sending`` by a killed worker is claimable again once its lease has run out
  (longer than the actor's time limit, so a live sender never loses its claim).
* **Re-checked when sent**: preferences changed since (``skipped``), quiet hours
  (``deferred``, unless a critical alert the user lets through), the push tokens.
* **Errors**: transient ones (5xx, 429, timeouts) put the row back to
  ``pending`` and the message is retried with backoff, up to ``MAX_ATTEMPTS``
  per row; permanent ones (4xx, a bad address, a template that fails to render)
  mark it ``failed`` with the reason. One row's failure never stops the others.
* **The clock sweep** re-queues what is due: deferred rows whose window ended,
  pending rows whose message was lost, sending rows whose lease ran out. Nothing
  waits on a week-long delayed message.

The remaining window is the provider's: a worker killed after SendGrid accepted a
mail but before the row says ``sent`` sends it again when the lease runs out (at
least once; SendGrid has no idempotency key).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from runcoach import db, jobs, localtime
from runcoach.config import Settings
from runcoach.logs import event
from runcoach.notifications import emails, links, schedule, transport, unsubscribe
from runcoach.notifications.models import (
    CRITICAL_TYPES,
    NO_EMAIL_TYPES,
    Channel,
    DeliveryStatus,
    NotificationType,
)

log = logging.getLogger("runcoach.notifications")

CHANNELS = tuple(Channel)
ALERT_TYPES = frozenset({NotificationType.OVERTRAINING_DETECTED, NotificationType.PAYMENT_FAILED})
DIGEST_EMAIL_FLAG: dict[str, str] = {  # the email preference that asks for each digest
    NotificationType.DAILY_SUMMARY: "daily_summary",
    NotificationType.WEEKLY_SUMMARY: "weekly_analysis",
}
MAX_ATTEMPTS = 8
BATCH = 100  # deliveries per message
PENDING_GRACE = dt.timedelta(minutes=2)  # a pending row older than this lost its message
SWEEP_LIMIT = 5_000
RECEIPT_MAX_AGE = dt.timedelta(hours=24)  # Expo keeps receipts about a day


# --- what the preferences want (pure) --------------------------------------------------------


def email_wanted(kind: str, email: Mapping[str, bool] | None) -> bool:
    """Whether the email choices ask for ``kind`` (``disabled`` and ``alerts_only`` win)."""
    email = email or {}
    if kind in NO_EMAIL_TYPES or email.get("disabled"):
        return False
    if email.get("alerts_only"):
        return kind in ALERT_TYPES
    flag = DIGEST_EMAIL_FLAG.get(kind)
    if flag is not None:
        return bool(email.get(flag, flag == "weekly_analysis"))
    return True


def push_wanted(kind: str, push: Mapping[str, bool] | None) -> bool:
    """Whether push is on for ``kind`` (on unless turned off)."""
    return bool((push or {}).get(kind, True))


def wanted(channel: str, kind: str, email: Mapping[str, bool] | None,
           push: Mapping[str, bool] | None) -> bool:  # fmt: skip
    return email_wanted(kind, email) if channel == Channel.EMAIL else push_wanted(kind, push)


# --- creating rows (inside the notification's transaction) -----------------------------------

# The delivery states the SQL of this module names.
_PENDING, _SENDING, _DEFERRED, _FAILED = (
    DeliveryStatus.PENDING,
    DeliveryStatus.SENDING,
    DeliveryStatus.DEFERRED,
    DeliveryStatus.FAILED,
)
_PREFS_SQL = "SELECT user_id, email, push FROM notification_preferences WHERE user_id = ANY($1)"
_INSERT_SQL = (
    "INSERT INTO notification_deliveries (id, notification_id, channel, status, attempts,"  # noqa: S608 (states from the enums)
    " scheduled_for, created_at, updated_at)"
    f" SELECT v.id, v.notification_id, v.channel, '{_PENDING}', 0, $4, $4, $4"
    " FROM unnest($1::uuid[], $2::uuid[], $3::varchar[]) AS v(id, notification_id, channel)"
    " ON CONFLICT (notification_id, channel) DO NOTHING RETURNING id"
)


@dataclass(frozen=True, slots=True)
class NewNotification:
    """What ``create`` needs of a notification just inserted."""

    id: uuid.UUID
    user_id: uuid.UUID
    type: str


async def create(
    notifications: Sequence[NewNotification], *, conn: BaseDBAsyncClient, now: dt.datetime
) -> list[uuid.UUID]:
    """Insert the email and push rows the users' preferences want; queue them after commit.

    Call inside ``jobs.transaction()``. Idempotent (unique per notification and channel).
    """
    if not notifications:
        return []
    users = list({n.user_id for n in notifications})
    prefs = {r["user_id"]: r for r in await db.fetch_all(_PREFS_SQL, users, conn=conn)}
    ids: list[uuid.UUID] = []
    notification_ids: list[uuid.UUID] = []
    channels: list[str] = []
    for n in notifications:
        pref = prefs.get(n.user_id) or {}
        for channel in CHANNELS:
            if wanted(channel, n.type, _json(pref.get("email")), _json(pref.get("push"))):
                ids.append(uuid.uuid4())
                notification_ids.append(n.id)
                channels.append(channel)
    if not ids:
        return []
    rows = await db.fetch_all(_INSERT_SQL, ids, notification_ids, channels, now, conn=conn)
    created = [r["id"] for r in rows]
    queue(created)
    return created


def queue(delivery_ids: Sequence[uuid.UUID]) -> None:
    """Send ``notifications.deliver`` for these rows, ``BATCH`` ids per message."""
    for start in range(0, len(delivery_ids), BATCH):
        chunk = [str(i) for i in delivery_ids[start : start + BATCH]]
        jobs.enqueue("notifications.deliver", chunk)


def _json(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        import orjson

        return dict(orjson.loads(value))
    return dict(value or {})


# --- sending ---------------------------------------------------------------------------------

_CLAIM_SQL = (
    f"UPDATE notification_deliveries d SET status = '{_SENDING}', attempts = d.attempts + 1,"  # noqa: S608 (states from the enums)
    " updated_at = $2 WHERE d.id = ANY($1::uuid[]) AND d.attempts < $4 AND ("
    f" d.status = '{_PENDING}' OR (d.status = '{_DEFERRED}' AND d.scheduled_for <= $2)"
    f" OR (d.status = '{_SENDING}' AND d.updated_at < $3))"
    " RETURNING d.id, d.notification_id, d.channel, d.attempts"
)
_CONTEXT_SQL = (
    "SELECT n.id, n.user_id, n.type, n.title, n.body, n.data, n.created_at,"
    " u.email AS address, u.name, u.timezone, p.email, p.push, p.quiet_start, p.quiet_end,"
    " coalesce(p.critical_during_quiet_hours, false) AS critical_ok"
    " FROM notifications n JOIN users u ON u.id = n.user_id"
    " LEFT JOIN notification_preferences p ON p.user_id = n.user_id WHERE n.id = ANY($1::uuid[])"
)
_TOKENS_SQL = (
    "SELECT user_id, token FROM push_tokens WHERE user_id = ANY($1::uuid[]) ORDER BY token"
)
_TEMPLATES_SQL = (
    "SELECT name, subject, html_body, text_body FROM notification_templates"
    " WHERE name = ANY($1::varchar[])"
)
_RECORD_SQL = (
    "UPDATE notification_deliveries d SET status = v.status, scheduled_for = coalesce("  # noqa: S608 (states from the enums)
    "v.scheduled_for, d.scheduled_for), sent_at = v.sent_at, provider_id = coalesce("
    "v.provider_id, d.provider_id), last_error = v.last_error,"
    " attempts = d.attempts - v.refund, updated_at = $8"
    " FROM unnest($1::uuid[], $2::varchar[], $3::timestamptz[], $4::timestamptz[],"
    " $5::varchar[], $6::text[], $7::int[])"
    " AS v(id, status, scheduled_for, sent_at, provider_id, last_error, refund)"
    f" WHERE d.id = v.id AND d.status = '{_SENDING}'"
)
_TICKETS_SQL = (
    "INSERT INTO push_tickets (id, delivery_id, token, ticket_id, created_at)"
    " SELECT gen_random_uuid(), v.delivery_id, v.token, v.ticket_id, $4"
    " FROM unnest($1::uuid[], $2::varchar[], $3::varchar[]) AS v(delivery_id, token, ticket_id)"
    " ON CONFLICT (ticket_id) DO NOTHING"
)


@dataclass(slots=True)
class _Claimed:
    id: uuid.UUID
    notification_id: uuid.UUID
    channel: str
    attempts: int


@dataclass(slots=True)
class Outcome:
    """What happened to one claimed row."""

    status: DeliveryStatus  # sent | failed | skipped | deferred | pending (transient, retry)
    scheduled_for: dt.datetime | None = None
    provider_id: str | None = None
    error: str | None = None
    tickets: list[tuple[str, str]] = field(default_factory=list)  # (token, ticket id)


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """Counts of one ``deliver`` run, by outcome; ``retry`` says a transient error happened."""

    counts: dict[str, int]

    @property
    def retry(self) -> bool:
        return self.counts.get(DeliveryStatus.PENDING, 0) > 0


async def deliver(
    *,
    delivery_ids: Iterable[uuid.UUID],
    settings: Settings,
    now: dt.datetime | None = None,
    email_sender: transport.EmailSender | None = None,
    push_sender: transport.PushSender | None = None,
) -> DeliveryReport:
    """Send the given rows that are due and not yet sent. Safe to run twice, concurrently too."""
    now = now or dt.datetime.now(dt.UTC)
    lease_expired = now - dt.timedelta(seconds=settings.delivery_lease_s)
    claimed = [
        _Claimed(r["id"], r["notification_id"], r["channel"], r["attempts"])
        for r in await db.fetch_all(
            _CLAIM_SQL, list(delivery_ids), now, lease_expired, MAX_ATTEMPTS
        )
    ]
    if not claimed:
        return DeliveryReport({})
    notes = {
        r["id"]: r
        for r in await db.fetch_all(_CONTEXT_SQL, list({c.notification_id for c in claimed}))
    }
    outcomes: dict[uuid.UUID, Outcome] = {}
    to_email: list[tuple[_Claimed, dict[str, Any]]] = []
    to_push: list[tuple[_Claimed, dict[str, Any]]] = []
    for row in claimed:
        note = notes.get(row.notification_id)
        if note is None:  # deleted meanwhile (the row goes with it)
            continue
        decided = _precheck(row, note, now)
        if decided is not None:
            outcomes[row.id] = decided
        else:
            (to_email if row.channel == Channel.EMAIL else to_push).append((row, note))
    if to_email:
        sender = email_sender or transport.email_sender(settings)
        outcomes.update(await _send_emails(to_email, sender, settings))
    if to_push:
        sender_p = push_sender or transport.push_sender(settings)
        outcomes.update(await _send_pushes(to_push, sender_p))
    attempts = {row.id: row.attempts for row in claimed}
    for row_id, outcome in outcomes.items():
        if outcome.status == DeliveryStatus.PENDING and attempts[row_id] >= MAX_ATTEMPTS:
            outcome.status = DeliveryStatus.FAILED
            outcome.error = f"gave up after {MAX_ATTEMPTS} attempts: {outcome.error}"
    await _record(outcomes, now)
    counts: dict[str, int] = {}
    for row_id, outcome in outcomes.items():
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        if outcome.status == DeliveryStatus.FAILED:
            event(log, "notifications.delivery_failed", logging.WARNING,
                  delivery_id=str(row_id), error=outcome.error)  # fmt: skip
    return DeliveryReport(counts)


def _precheck(row: _Claimed, note: Mapping[str, Any], now: dt.datetime) -> Outcome | None:
    """Skip or defer a row before any provider is called; None to send it now."""
    if not wanted(row.channel, note["type"], _json(note["email"]), _json(note["push"])):
        return Outcome(DeliveryStatus.SKIPPED, error="turned off in the preferences")
    if row.channel == Channel.EMAIL and not note["address"]:
        return Outcome(DeliveryStatus.SKIPPED, error="no email address")
    start, end = note["quiet_start"], note["quiet_end"]
    if start and end and not (note["type"] in CRITICAL_TYPES and note["critical_ok"]):
        window = {
            "start": localtime.parse_hhmm(start),
            "end": localtime.parse_hhmm(end),
            "timezone": note["timezone"],
        }
        try:
            until = schedule.quiet_hours_end(now, **window)
        except ValueError:  # an unknown zone cannot be in quiet hours
            until = None
        if until is not None and note["type"] in NO_EMAIL_TYPES:  # a reminder is due now or never
            return Outcome(DeliveryStatus.SKIPPED, error="in quiet hours")
        if until is not None:
            return Outcome(DeliveryStatus.DEFERRED, scheduled_for=until)
    return None


async def _send_emails(
    rows: list[tuple[_Claimed, dict[str, Any]]], sender: transport.EmailSender, settings: Settings
) -> dict[uuid.UUID, Outcome]:
    kinds = sorted({note["type"] for _, note in rows})
    overrides = {
        r["name"]: {"subject": r["subject"], "html": r["html_body"], "text": r["text_body"]}
        for r in await db.fetch_all(_TEMPLATES_SQL, kinds)
    }
    outcomes: dict[uuid.UUID, Outcome] = {}
    ready: list[tuple[uuid.UUID, transport.OutgoingEmail]] = []
    for row, note in rows:
        try:
            rendered = emails.render_email(
                note["type"], email_context(note, settings), overrides=overrides.get(note["type"])
            )
        except emails.TemplateRenderError as exc:
            outcomes[row.id] = Outcome(DeliveryStatus.FAILED, error=f"template: {exc}")
            continue
        headers = unsubscribe.headers(user_id=note["user_id"], type=note["type"], settings=settings)
        out = transport.OutgoingEmail(note["address"], note["name"], rendered, str(row.id),
                                      note["type"], dict(headers))  # fmt: skip
        ready.append((row.id, out))
    if not ready:
        return outcomes
    results = await sender.send_many([out for _, out in ready])
    for (row_id, _), result in zip(ready, results, strict=True):
        if isinstance(result, transport.PermanentDeliveryError):
            outcomes[row_id] = Outcome(DeliveryStatus.FAILED, error=result.reason)
        elif isinstance(result, transport.DeliveryError):
            outcomes[row_id] = Outcome(DeliveryStatus.PENDING, error=result.reason)
        else:
            outcomes[row_id] = Outcome(DeliveryStatus.SENT, provider_id=result)
    return outcomes


async def _send_pushes(
    rows: list[tuple[_Claimed, dict[str, Any]]],
    sender: transport.PushSender,
) -> dict[uuid.UUID, Outcome]:
    users = list({note["user_id"] for _, note in rows})
    tokens: dict[uuid.UUID, list[str]] = {}
    for r in await db.fetch_all(_TOKENS_SQL, users):
        tokens.setdefault(r["user_id"], []).append(r["token"])
    outcomes: dict[uuid.UUID, Outcome] = {}
    messages: list[transport.PushOut] = []
    owners: list[uuid.UUID] = []
    for row, note in rows:
        user_tokens = tokens.get(note["user_id"], [])
        if not user_tokens:
            outcomes[row.id] = Outcome(DeliveryStatus.SKIPPED, error="no push token")
            continue
        url = links.notification_path(note["type"], _json(note["data"]))
        data = {"notification_id": str(note["id"]), "type": note["type"], "url": url}
        priority = "high" if note["type"] in CRITICAL_TYPES else "default"
        for token in user_tokens:
            messages.append(transport.PushOut(token, note["title"], note["body"], data, priority))
            owners.append(row.id)
    if not messages:
        return outcomes
    key = ",".join(sorted({str(o) for o in owners}))
    try:
        results = await sender.send(messages, key=key)
    except transport.PermanentDeliveryError as exc:
        return outcomes | {
            owner: Outcome(DeliveryStatus.FAILED, error=exc.reason) for owner in owners
        }
    except transport.TransientDeliveryError as exc:
        return outcomes | {
            owner: Outcome(DeliveryStatus.PENDING, error=exc.reason) for owner in owners
        }
    unregistered: list[str] = []
    per_row: dict[uuid.UUID, Outcome] = {}
    for owner, result in zip(owners, results, strict=True):
        outcome = per_row.setdefault(owner, Outcome(DeliveryStatus.FAILED))
        if result.ticket_id is not None and result.error is None:
            outcome.status = DeliveryStatus.SENT
            outcome.tickets.append((result.token, result.ticket_id))
        else:
            if result.device_not_registered:
                unregistered.append(result.token)
            if outcome.status != DeliveryStatus.SENT:
                outcome.error = f"{result.token}: {result.error}"
    for outcome in per_row.values():
        if outcome.status == DeliveryStatus.SENT:
            outcome.error = None
            outcome.provider_id = ",".join(ticket for _, ticket in outcome.tickets)[:200]
    if unregistered:
        await forget_tokens(unregistered)
    return outcomes | per_row


async def forget_tokens(tokens: Sequence[str]) -> None:
    """Delete push tokens Expo says are no longer registered."""
    await db.execute("DELETE FROM push_tokens WHERE token = ANY($1::varchar[])", tokens)
    event(log, "notifications.push_tokens_dropped", count=len(tokens))


async def _record(outcomes: Mapping[uuid.UUID, Outcome], now: dt.datetime) -> None:
    if not outcomes:
        return
    ids = list(outcomes)
    out = [outcomes[i] for i in ids]
    await db.execute(
        _RECORD_SQL,
        ids,
        [o.status for o in out],
        [o.scheduled_for if o.status == DeliveryStatus.DEFERRED else None for o in out],
        [now if o.status == DeliveryStatus.SENT else None for o in out],
        [o.provider_id for o in out],
        [o.error[:2000] if o.error else None for o in out],
        [1 if o.status == DeliveryStatus.DEFERRED else 0 for o in out],  # a deferral is no attempt
        now,
    )
    tickets = [(i, token, ticket) for i, o in outcomes.items() for token, ticket in o.tickets]
    if tickets:
        await db.execute(
            _TICKETS_SQL,
            [t[0] for t in tickets],
            [t[1] for t in tickets],
            [t[2] for t in tickets],
            now,
        )


# --- email content ---------------------------------------------------------------------------


def email_context(note: Mapping[str, Any], settings: Settings) -> dict[str, Any]:
    """The template variables of a notification's email: its data, plus names and links."""
    data = _json(note["data"])
    base = settings.app_url
    kind = unsubscribe.KIND_OF.get(note["type"])
    context: dict[str, Any] = {
        **data,
        "title": note["title"],
        "body": note["body"],
        "user_name": note["name"],
        "preferences_url": links.url(base, "notification_settings"),
        # the one-click page where the email has one, else the settings (unsubscribe.KIND_OF)
        "unsubscribe_url": (
            unsubscribe.unsubscribe_url(user_id=note["user_id"], kind=kind, settings=settings)
            if kind is not None
            else links.url(base, "notification_settings")
        ),
        "dashboard_url": links.url(base, "dashboard"),
        "billing_url": links.url(base, "billing"),
    }
    if note["type"] == NotificationType.PLAN_CREATED:
        context["plan"] = {
            "goal": data.get("goal_label") or data.get("goal") or "your goal",
            "race_name": data.get("race_name"),
            "race_date": data.get("race_date"),
            "starts_on": data.get("starts_on") or data.get("race_date"),
            "weeks": data.get("weeks", 0),
            "url": _link(base, "plan", data.get("plan_id")),
        }
    elif note["type"] == NotificationType.ANALYSIS_READY:
        context["analysis"] = {
            "title": data.get("title") or note["title"],
            "excerpt": data.get("excerpt") or note["body"],
            "url": _link(base, "analysis", data.get("analysis_id")),
        }
    elif note["type"] == NotificationType.OVERTRAINING_DETECTED:
        context["risk"] = {"level": data.get("level", "high"), "score": data.get("score", 0)}
        context["factors"] = data.get("reasons") or [note["body"]]
    return context


def _link(base: str, name: str, id: Any) -> str:
    """The screen of the item ``id`` names, or the dashboard when the data lacks it."""
    return links.url(base, name, id=id) if id else links.url(base, "dashboard")


# --- the clock -------------------------------------------------------------------------------

_DUE_SQL = (
    "UPDATE notification_deliveries d SET updated_at = $1, status = CASE WHEN d.status ="  # noqa: S608 (states from the enums)
    f" '{_SENDING}' THEN '{_PENDING}' ELSE d.status END WHERE d.id IN (SELECT id FROM"
    f" notification_deliveries WHERE status IN ('{_PENDING}', '{_DEFERRED}', '{_SENDING}')"
    f" AND scheduled_for <= $1 AND ((status = '{_DEFERRED}')"
    f" OR (status = '{_PENDING}' AND updated_at < $2)"
    f" OR (status = '{_SENDING}' AND updated_at < $3))"
    " ORDER BY scheduled_for LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING d.id"
)
_GIVE_UP_SQL = (
    f"UPDATE notification_deliveries SET status = '{_FAILED}', updated_at = $1,"  # noqa: S608 (states from the enums)
    " last_error = coalesce(last_error || ' ', '') || '(gave up after ' || attempts || ' attempts)'"
    f" WHERE status IN ('{_PENDING}', '{_SENDING}') AND attempts >= $3"
    " AND scheduled_for <= $1 AND updated_at < $2"
)


async def due(
    *, settings: Settings, now: dt.datetime | None = None, limit: int = SWEEP_LIMIT
) -> list[uuid.UUID]:
    """Rows to (re)send now: deferred and due, pending with a lost message, lease run out.

    Stamps them (a sending row whose lease ran out goes back to pending), so the next
    sweep leaves them to the messages it queues unless those are lost too.
    """
    now = now or dt.datetime.now(dt.UTC)
    lease_expired = now - dt.timedelta(seconds=settings.delivery_lease_s)
    await db.execute(_GIVE_UP_SQL, now, lease_expired, MAX_ATTEMPTS)
    rows = await db.fetch_all(_DUE_SQL, now, now - PENDING_GRACE, lease_expired, limit)
    return [r["id"] for r in rows]


async def sweep(*, settings: Settings, now: dt.datetime | None = None) -> int:
    """Queue every row that is due (``due``); how many. Safe to run twice."""
    ids = await due(settings=settings, now=now)
    queue(ids)
    if ids:
        event(log, "notifications.deliveries_requeued", count=len(ids))
    return len(ids)


_TICKETS_DUE_SQL = (
    "SELECT t.id, t.ticket_id, t.token, t.delivery_id FROM push_tickets t"
    " WHERE t.created_at <= $1 ORDER BY t.created_at LIMIT 1000"
)


async def check_receipts(
    *, settings: Settings, now: dt.datetime | None = None,
    sender: transport.PushSender | None = None,
) -> dict[str, int]:  # fmt: skip
    """Read Expo's receipts of tickets old enough; drop unregistered tokens. Safe twice."""
    now = now or dt.datetime.now(dt.UTC)
    ready = now - dt.timedelta(seconds=settings.push_receipt_delay_s)
    tickets = await db.fetch_all(_TICKETS_DUE_SQL, ready)
    if not tickets:
        return {}
    sender = sender or transport.push_sender(settings)
    receipts = await sender.receipts([t["ticket_id"] for t in tickets])
    done: list[uuid.UUID] = []
    unregistered: list[str] = []
    errors: dict[uuid.UUID, str] = {}
    counts = {"ok": 0, "error": 0, "waiting": 0}
    for t in tickets:
        receipt = receipts.get(t["ticket_id"])
        if receipt is None:
            counts["waiting"] += 1
            continue
        done.append(t["id"])
        if receipt.ok:
            counts["ok"] += 1
            continue
        counts["error"] += 1
        errors[t["delivery_id"]] = f"receipt for {t['token']}: {receipt.error}"
        if receipt.device_not_registered:
            unregistered.append(t["token"])
    # Receipts are kept about a day: tickets older than that will never get one.
    await db.execute(
        "DELETE FROM push_tickets WHERE id = ANY($1::uuid[]) OR created_at < $2",
        done,
        now - RECEIPT_MAX_AGE,
    )
    if errors:
        ids = list(errors)
        await db.execute(
            "UPDATE notification_deliveries d SET last_error = v.error FROM"
            " unnest($1::uuid[], $2::text[]) AS v(id, error) WHERE d.id = v.id",
            ids,
            [errors[i] for i in ids],
        )
    if unregistered:
        await forget_tokens(unregistered)
    return counts
