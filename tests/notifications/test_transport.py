"""Email and push transport, end to end against the SendGrid and Expo stand-ins; no database."""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from runcoach.config import ConfigError, Settings
from runcoach.notifications.emails import RenderedEmail
from runcoach.notifications.transport import (
    ExpoSender,
    OutboxEmailSender,
    OutboxPushSender,
    OutgoingEmail,
    PermanentDeliveryError,
    PushOut,
    PushReceiptResult,
    SendGridSender,
    TransientDeliveryError,
    email_sender,
    push_sender,
)
from tests.notifications.expo_server import ACCESS_TOKEN, ExpoStandIn
from tests.notifications.sendgrid_server import API_KEY, BAD_KEY, SendGridStandIn

EMAIL = RenderedEmail(
    subject="Your week: 42 km",
    html="<p>Nice work, <b>Ana</b>: 42 km this week.</p>",
    text="Nice work, Ana: 42 km this week.",
)
TOKEN_A = "ExponentPushToken[aaaaaaaaaaaaaaaa]"
TOKEN_B = "ExpoPushToken[bbbbbbbbbbbbbbbb]"


@pytest.fixture(scope="module")
def sendgrid_server() -> Iterator[SendGridStandIn]:
    with SendGridStandIn() as server:
        yield server


@pytest.fixture
def sendgrid(sendgrid_server: SendGridStandIn) -> SendGridStandIn:
    sendgrid_server.reset()
    return sendgrid_server


@pytest.fixture(scope="module")
def expo_server() -> Iterator[ExpoStandIn]:
    with ExpoStandIn() as server:
        yield server


@pytest.fixture
def expo(expo_server: ExpoStandIn) -> ExpoStandIn:
    expo_server.reset()
    return expo_server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sendgrid_settings(base_url: str, tmp_path: Path, **changes: object) -> Settings:
    base = replace(
        Settings(),
        var_dir=tmp_path,
        email_backend="sendgrid",
        sendgrid_api_key=API_KEY,
        sendgrid_base_url=base_url,
        email_from="coach@runcoach.example",
        email_from_name="RunCoach",
        provider_timeout_s=5.0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def expo_settings(base_url: str, tmp_path: Path, **changes: object) -> Settings:
    base = replace(
        Settings(),
        var_dir=tmp_path,
        push_backend="expo",
        expo_base_url=base_url,
        provider_timeout_s=5.0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


async def send_email(
    sender: SendGridSender | OutboxEmailSender,
    *,
    to: str = "ana@example.com",
    key: str | None = None,
    content: RenderedEmail = EMAIL,
) -> str:
    return await sender.send(
        to=to,
        to_name="Ana Runner",
        email=content,
        key=key or str(uuid.uuid4()),
        category="weekly_digest",
    )


# SendGrid ------------------------------------------------------------------------------------


async def test_sendgrid_delivers_text_and_html(sendgrid: SendGridStandIn, tmp_path: Path) -> None:
    key = str(uuid.uuid4())
    sender = SendGridSender(sendgrid_settings(sendgrid.base_url, tmp_path))
    message_id = await send_email(sender, key=key)
    [accepted] = sendgrid.accepted
    assert message_id == accepted.message_id != ""
    assert accepted.headers["authorization"] == f"Bearer {API_KEY}"
    assert accepted.to == [{"email": "ana@example.com", "name": "Ana Runner"}]
    assert accepted.from_ == {"email": "coach@runcoach.example", "name": "RunCoach"}
    assert accepted.subject == EMAIL.subject
    assert [c["type"] for c in accepted.body["content"]] == ["text/plain", "text/html"]
    assert accepted.content == {"text/plain": EMAIL.text, "text/html": EMAIL.html}
    assert accepted.categories == ["weekly_digest"]
    assert accepted.body["custom_args"] == {"delivery_id": key}
    assert sendgrid.count_for(key) == 1


@pytest.mark.parametrize("status", [500, 503, 429])
async def test_sendgrid_server_errors_and_rate_limits_are_transient(
    sendgrid: SendGridStandIn, tmp_path: Path, status: int
) -> None:
    key = str(uuid.uuid4())
    sender = SendGridSender(sendgrid_settings(sendgrid.base_url, tmp_path))
    sendgrid.fail_next(status)
    with pytest.raises(TransientDeliveryError) as caught:
        await send_email(sender, key=key)
    assert caught.value.reason.startswith(f"sendgrid {status}: ")
    assert sendgrid.count_for(key) == 0
    await send_email(sender, key=key)  # the retry goes through
    assert sendgrid.count_for(key) == 1


async def test_sendgrid_rejected_address_is_permanent(
    sendgrid: SendGridStandIn, tmp_path: Path
) -> None:
    sendgrid.reject_address("bounced@example.com", message="The to.email field is invalid")
    sender = SendGridSender(sendgrid_settings(sendgrid.base_url, tmp_path))
    with pytest.raises(PermanentDeliveryError) as caught:
        await send_email(sender, to="bounced@example.com")
    assert caught.value.reason == "sendgrid 400: The to.email field is invalid"
    assert sendgrid.accepted == []


async def test_sendgrid_send_many_reports_each_email(
    sendgrid: SendGridStandIn, tmp_path: Path
) -> None:
    sendgrid.reject_address("bounced@example.com", message="The to.email field is invalid")
    sender = SendGridSender(sendgrid_settings(sendgrid.base_url, tmp_path))
    addresses = [f"runner{i}@example.com" for i in range(12)]
    addresses[5] = "bounced@example.com"
    outs = [OutgoingEmail(a, None, EMAIL, str(uuid.uuid4()), "weekly_summary") for a in addresses]
    results = await sender.send_many(outs)
    assert isinstance(results[5], PermanentDeliveryError)
    assert results[5].reason == "sendgrid 400: The to.email field is invalid"
    sent = [r for i, r in enumerate(results) if i != 5]
    assert all(isinstance(r, str) and r for r in sent)
    assert all(sendgrid.count_for(o.key) == (0 if i == 5 else 1) for i, o in enumerate(outs))


async def test_sendgrid_malformed_address_is_permanent(
    sendgrid: SendGridStandIn, tmp_path: Path
) -> None:
    sender = SendGridSender(sendgrid_settings(sendgrid.base_url, tmp_path))
    with pytest.raises(PermanentDeliveryError) as caught:
        await send_email(sender, to="not-an-address")
    assert caught.value.reason == "sendgrid 400: Does not contain a valid address."


async def test_sendgrid_bad_key_is_permanent(sendgrid: SendGridStandIn, tmp_path: Path) -> None:
    settings = sendgrid_settings(sendgrid.base_url, tmp_path, sendgrid_api_key="SG.wrong.key")
    with pytest.raises(PermanentDeliveryError) as caught:
        await send_email(SendGridSender(settings))
    assert caught.value.reason == f"sendgrid 401: {BAD_KEY}"


async def test_sendgrid_timeout_is_transient_and_abandons_the_request(
    sendgrid: SendGridStandIn, tmp_path: Path
) -> None:
    key = str(uuid.uuid4())
    sendgrid.hold(3.0)
    settings = sendgrid_settings(sendgrid.base_url, tmp_path, provider_timeout_s=0.3)
    started = time.monotonic()
    with pytest.raises(TransientDeliveryError) as caught:
        await send_email(SendGridSender(settings), key=key)
    assert caught.value.reason == "timeout"
    assert time.monotonic() - started < 2.5
    assert sendgrid.request_started.is_set()
    assert await asyncio.to_thread(sendgrid.request_aborted.wait, 2.0)
    assert len(sendgrid.aborted) == 1
    assert sendgrid.count_for(key) == 0


async def test_sendgrid_slow_answer_within_the_timeout_is_delivered(
    sendgrid: SendGridStandIn, tmp_path: Path
) -> None:
    key = str(uuid.uuid4())
    sendgrid.hold(0.3)
    await send_email(SendGridSender(sendgrid_settings(sendgrid.base_url, tmp_path)), key=key)
    assert sendgrid.count_for(key) == 1
    assert sendgrid.aborted == []


async def test_sendgrid_connection_refused_is_transient(tmp_path: Path) -> None:
    settings = sendgrid_settings(f"http://127.0.0.1:{free_port()}", tmp_path)
    with pytest.raises(TransientDeliveryError) as caught:
        await send_email(SendGridSender(settings))
    assert caught.value.reason.startswith("sendgrid unreachable: ")


async def test_sendgrid_refuses_content_that_holds_an_api_key(
    sendgrid: SendGridStandIn, tmp_path: Path
) -> None:
    leaky = replace(EMAIL, text="SG.abcdef.ghijkl is the key")
    with pytest.raises(PermanentDeliveryError):
        await send_email(
            SendGridSender(sendgrid_settings(sendgrid.base_url, tmp_path)), content=leaky
        )
    assert sendgrid.requests == []


def test_email_sender_follows_the_backend(tmp_path: Path) -> None:
    settings = sendgrid_settings("http://127.0.0.1:9", tmp_path)
    assert isinstance(email_sender(settings), SendGridSender)
    assert isinstance(email_sender(replace(settings, email_backend="outbox")), OutboxEmailSender)
    with pytest.raises(ConfigError):
        email_sender(replace(settings, sendgrid_api_key=None))
    with pytest.raises(ConfigError):
        email_sender(replace(settings, email_backend="carrier-pigeon"))


# Outbox email --------------------------------------------------------------------------------


async def test_outbox_email_is_a_parseable_message_rewritten_per_key(tmp_path: Path) -> None:
    sender = OutboxEmailSender(replace(Settings(), var_dir=tmp_path))
    key = str(uuid.uuid4())
    assert await send_email(sender, key=key) == f"outbox:{key}"
    second = replace(EMAIL, subject="Your week: 43 km")
    assert await send_email(sender, key=key, content=second) == f"outbox:{key}"

    directory = tmp_path / "outbox" / "email"
    assert sorted(p.name for p in directory.iterdir()) == [f"{key}.eml"]
    parsed = email.message_from_bytes(
        (directory / f"{key}.eml").read_bytes(), policy=email.policy.default
    )
    assert isinstance(parsed, email.message.EmailMessage)
    assert parsed["Subject"] == "Your week: 43 km"
    assert parsed["From"] == "RunCoach <coach@runcoach.example>"
    assert parsed["To"] == "Ana Runner <ana@example.com>"
    assert parsed["X-RunCoach-Delivery"] == key
    assert parsed["X-RunCoach-Category"] == "weekly_digest"
    assert parsed["Message-ID"] == f"<{key}@runcoach.example>"
    assert parsed["Date"]
    assert parsed.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in parsed.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    text = parsed.get_body(("plain",))
    html = parsed.get_body(("html",))
    assert text is not None and html is not None
    assert text.get_content().strip() == EMAIL.text
    assert html.get_content().strip() == EMAIL.html


@pytest.mark.parametrize(
    ("name", "to", "subject", "text", "html"),
    [
        (
            "Zoë Ağaoğlu",
            "zoe@example.com",
            "Ta semaine : 43 km — bravo ✓",
            "Salut Zoë,\r\nà lundi",
            "<p>Zoë</p>",
        ),
        (
            'Ana "the rocket", Jr.',
            "ana@example.com",
            "A" * 150 + " " + "B" * 60,
            "x",
            "<p>" + "é" * 1200 + "</p>",
        ),
        ("Ana", "ana@example.com", "Hi", "--===============runcoach looks like a boundary", "<p/>"),
        ("", "ana@example.com", "Plain", "no name\n\n\n", "<p>" + "a " * 900 + "</p>"),
    ],
)
async def test_outbox_email_round_trips_any_text(
    tmp_path: Path, name: str, to: str, subject: str, text: str, html: str
) -> None:
    """What the hand-built file says is what the stdlib parser reads back, for any content."""
    sender = OutboxEmailSender(replace(Settings(), var_dir=tmp_path))
    key = str(uuid.uuid4())
    content = RenderedEmail(subject=subject, html=html, text=text)
    await sender.send(to=to, to_name=name, email=content, key=key, category="weekly_summary")
    raw = (tmp_path / "outbox" / "email" / f"{key}.eml").read_bytes()
    assert all(len(line) <= 998 for line in raw.split(b"\n"))
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert not parsed.defects
    assert parsed["Subject"] == subject
    assert parsed["To"].addresses[0].addr_spec == to
    assert parsed["To"].addresses[0].display_name == name
    plain, rich = parsed.get_body(("plain",)), parsed.get_body(("html",))
    assert plain is not None and rich is not None
    assert plain.get_content().rstrip("\n") == text.replace("\r\n", "\n").rstrip("\n")
    assert rich.get_content().rstrip("\n") == html


async def test_outbox_email_to_an_international_address(tmp_path: Path) -> None:
    sender = OutboxEmailSender(replace(Settings(), var_dir=tmp_path))
    key = str(uuid.uuid4())
    await sender.send(to="ana@exämple.com", to_name="Ana", email=EMAIL, key=key, category="x")
    parsed = email.message_from_bytes(
        (tmp_path / "outbox" / "email" / f"{key}.eml").read_bytes(), policy=email.policy.default
    )
    assert parsed["To"].addresses[0].addr_spec == "ana@xn--exmple-cua.com"
    with pytest.raises(PermanentDeliveryError, match="SMTPUTF8"):
        await sender.send(to="anä@example.com", to_name="Ana", email=EMAIL, key=key, category="x")


async def test_outbox_send_many_reports_each_email(tmp_path: Path) -> None:
    sender = OutboxEmailSender(replace(Settings(), var_dir=tmp_path))
    good = [OutgoingEmail("ana@example.com", "Ana", EMAIL, str(uuid.uuid4()), "weekly_summary")
            for _ in range(3)]  # fmt: skip
    bad = OutgoingEmail("ana@example.com", "Ana", EMAIL, "../escape", "weekly_summary")
    results = await sender.send_many([good[0], bad, *good[1:]])
    assert results[0] == f"outbox:{good[0].key}" and results[2:] == [
        f"outbox:{g.key}" for g in good[1:]
    ]
    assert isinstance(results[1], PermanentDeliveryError)
    assert len(list((tmp_path / "outbox" / "email").iterdir())) == 3
    # A disk that refuses the files is transient: the rows are retried later.
    (tmp_path / "full").write_text("a file where the outbox directory should be")
    blocked = OutboxEmailSender(replace(Settings(), var_dir=tmp_path / "full"))
    (result,) = await blocked.send_many(good[:1])
    assert isinstance(result, TransientDeliveryError) and "outbox" in result.reason


async def test_outbox_email_refuses_a_key_that_is_not_a_file_name(tmp_path: Path) -> None:
    sender = OutboxEmailSender(replace(Settings(), var_dir=tmp_path))
    with pytest.raises(ValueError):
        await send_email(sender, key="../escape")
    assert not (tmp_path / "outbox" / "escape.eml").exists()


# Expo ----------------------------------------------------------------------------------------


def push(token: str, title: str = "Workout synced") -> PushOut:
    return PushOut(token=token, title=title, body="10 km in 52:10", data={"workout_id": "w1"})


async def test_expo_sends_and_returns_tickets_in_order(expo: ExpoStandIn, tmp_path: Path) -> None:
    sender = ExpoSender(expo_settings(expo.base_url, tmp_path))
    tickets = await sender.send([push(TOKEN_A), replace(push(TOKEN_B), priority="high")])
    assert [t.token for t in tickets] == [TOKEN_A, TOKEN_B]
    assert all(t.error is None and not t.device_not_registered for t in tickets)
    assert [t.ticket_id for t in tickets] == [s.ticket_id for s in expo.sent]
    first, second = expo.sent
    assert (first.token, first.title, first.body) == (TOKEN_A, "Workout synced", "10 km in 52:10")
    assert first.data == {"workout_id": "w1"}
    assert (first.priority, second.priority) == ("default", "high")
    assert second.token == TOKEN_B  # the newer token form goes out as is
    assert "authorization" not in expo.requests[0].headers


async def test_expo_device_not_registered_at_send_is_a_result(
    expo: ExpoStandIn, tmp_path: Path
) -> None:
    expo.unregister_at_send(TOKEN_B)
    sender = ExpoSender(expo_settings(expo.base_url, tmp_path))
    ok, gone = await sender.send([push(TOKEN_A), push(TOKEN_B)])
    assert ok.ticket_id and ok.error is None and not ok.device_not_registered
    assert gone.ticket_id is None and gone.device_not_registered
    assert gone.error is not None and gone.error.startswith("DeviceNotRegistered: ")


async def test_expo_malformed_token_is_not_sent(expo: ExpoStandIn, tmp_path: Path) -> None:
    sender = ExpoSender(expo_settings(expo.base_url, tmp_path))
    bad, ok = await sender.send([push("apns:abcdef"), push(TOKEN_A)])
    assert (bad.ticket_id, bad.error, bad.device_not_registered) == (None, "InvalidPushToken", True)
    assert ok.ticket_id is not None
    assert [s.token for s in expo.sent] == [TOKEN_A]


async def test_expo_receipts_ok_and_device_not_registered(
    expo: ExpoStandIn, tmp_path: Path
) -> None:
    expo.unregister_at_receipt(TOKEN_B)
    sender = ExpoSender(expo_settings(expo.base_url, tmp_path))
    a, b = await sender.send([push(TOKEN_A), push(TOKEN_B)])
    assert a.ticket_id and b.ticket_id and not b.device_not_registered
    receipts = await sender.receipts([a.ticket_id, b.ticket_id, "not-yet"])
    assert receipts[a.ticket_id] == PushReceiptResult(a.ticket_id, True, None, False)
    assert not receipts[b.ticket_id].ok and receipts[b.ticket_id].device_not_registered
    assert "not-yet" not in receipts
    assert expo.receipt_requests == [[a.ticket_id, b.ticket_id, "not-yet"]]
    expo.withhold_receipts()
    assert await sender.receipts([a.ticket_id]) == {}
    assert await sender.receipts([]) == {}


async def test_expo_chunks_by_one_hundred(expo: ExpoStandIn, tmp_path: Path) -> None:
    sender = ExpoSender(expo_settings(expo.base_url, tmp_path))
    messages = [push(f"ExponentPushToken[token{i:011d}]") for i in range(150)]
    tickets = await sender.send(messages)
    assert [t.token for t in tickets] == [m.token for m in messages]
    assert [len(r.body) for r in expo.requests] == [100, 50]


@pytest.mark.parametrize(
    ("status", "raw"), [(500, None), (503, None), (429, None), (502, "<html>Bad Gateway</html>")]
)
async def test_expo_failed_request_is_transient(
    expo: ExpoStandIn, tmp_path: Path, status: int, raw: str | None
) -> None:
    sender = ExpoSender(expo_settings(expo.base_url, tmp_path))
    expo.fail_next(status, raw=raw)
    with pytest.raises(TransientDeliveryError) as caught:
        await sender.send([push(TOKEN_A)])
    assert caught.value.reason.startswith(f"expo {status}: ")
    assert await sender.send([push(TOKEN_A)])  # the retry goes through
    expo.fail_next(status, raw=raw)
    with pytest.raises(TransientDeliveryError):
        await sender.receipts(["some-ticket"])


@pytest.mark.parametrize("raw", [None, "Bad Request"])
async def test_expo_bad_request_is_permanent(
    expo: ExpoStandIn, tmp_path: Path, raw: str | None
) -> None:
    expo.fail_next(400, raw=raw)
    with pytest.raises(PermanentDeliveryError) as caught:
        await ExpoSender(expo_settings(expo.base_url, tmp_path)).send([push(TOKEN_A)])
    assert caught.value.reason.startswith("expo 400: ")


async def test_expo_access_token(tmp_path: Path) -> None:
    with ExpoStandIn(access_token=ACCESS_TOKEN) as secured:
        settings = expo_settings(secured.base_url, tmp_path)
        with pytest.raises(PermanentDeliveryError) as caught:
            await ExpoSender(settings).send([push(TOKEN_A)])
        assert caught.value.reason.startswith("expo 401: ")
        sender = ExpoSender(replace(settings, expo_access_token=ACCESS_TOKEN))
        [ticket] = await sender.send([push(TOKEN_A)])
        assert ticket.ticket_id is not None
        assert secured.requests[-1].headers["authorization"] == f"Bearer {ACCESS_TOKEN}"


async def test_expo_connection_refused_is_transient(tmp_path: Path) -> None:
    sender = ExpoSender(expo_settings(f"http://127.0.0.1:{free_port()}", tmp_path))
    with pytest.raises(TransientDeliveryError) as caught:
        await sender.send([push(TOKEN_A)])
    assert caught.value.reason.startswith("expo unreachable: ")


# Outbox push ---------------------------------------------------------------------------------


async def test_outbox_push_writes_one_file_per_message_and_overwrites(tmp_path: Path) -> None:
    sender = OutboxPushSender(replace(Settings(), var_dir=tmp_path))
    key = str(uuid.uuid4())
    tickets = await sender.send([push(TOKEN_A), push(TOKEN_B)], key=key)
    again = await sender.send([push(TOKEN_A, "Edited"), push(TOKEN_B)], key=key)
    assert [t.ticket_id for t in again] == [t.ticket_id for t in tickets]
    assert all(t.ticket_id and t.ticket_id.startswith("outbox-") for t in tickets)
    directory = tmp_path / "outbox" / "push"
    files = sorted(directory.iterdir())
    assert len(files) == 2
    records = {r["to"]: r for r in (json.loads(p.read_text()) for p in files)}
    assert records[TOKEN_A]["title"] == "Edited"
    assert records[TOKEN_A]["key"] == key
    assert records[TOKEN_B]["data"] == {"workout_id": "w1"}

    other = await sender.send([push(TOKEN_A)], key=str(uuid.uuid4()))
    assert other[0].ticket_id != tickets[0].ticket_id
    ids = [t.ticket_id for t in tickets if t.ticket_id]
    receipts = await sender.receipts([*ids, "expo-ticket"])
    assert set(receipts) == set(ids)
    assert all(r.ok and not r.device_not_registered for r in receipts.values())


def test_push_sender_follows_the_backend(tmp_path: Path) -> None:
    settings = expo_settings("http://127.0.0.1:9", tmp_path)
    assert isinstance(push_sender(settings), ExpoSender)
    assert isinstance(push_sender(replace(settings, push_backend="outbox")), OutboxPushSender)
    with pytest.raises(ConfigError):
        push_sender(replace(settings, push_backend="pager"))


def test_stand_ins_serve_subprocesses_while_the_caller_blocks(
    sendgrid: SendGridStandIn, expo: ExpoStandIn
) -> None:
    script = """
import json, sys, urllib.request
sendgrid, expo, key, api_key = sys.argv[1:]
def post(url, body, headers):
    request = urllib.request.Request(url, json.dumps(body).encode(), headers, method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status
mail = {
    "personalizations": [{"to": [{"email": "ana@example.com"}]}],
    "from": {"email": "coach@runcoach.example"},
    "subject": "Hi",
    "content": [{"type": "text/plain", "value": "Hi"}],
    "custom_args": {"delivery_id": key},
}
auth = {"Authorization": "Bearer " + api_key, "Content-Type": "application/json"}
print(post(sendgrid + "/v3/mail/send", mail, auth))
print(post(expo + "/--/api/v2/push/send", [{"to": "ExponentPushToken[abcdefgh]"}], {}))
"""
    key = str(uuid.uuid4())
    done = subprocess.run(
        [sys.executable, "-c", script, sendgrid.base_url, expo.base_url, key, API_KEY],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert done.stdout.split() == ["202", "200"]
    assert sendgrid.count_for(key) == 1
    assert [s.token for s in expo.sent] == ["ExponentPushToken[abcdefgh]"]
