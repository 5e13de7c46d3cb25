"""Moderators are e-mailed about concerns when SMTP is configured (a real SMTP exchange)."""

from __future__ import annotations

import asyncio
import email
import email.message
import email.policy
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest

from peerqa import events, notify
from peerqa.config import Settings
from peerqa.models.enums import GlobalRole
from tests.factories import make_partnership, make_review, make_school, make_user


class FakeSmtp:
    """Just enough of SMTP (RFC 5321) to receive messages on loopback."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        def reply(line: str) -> None:
            writer.write(f"{line}\r\n".encode())

        reply("220 fake ESMTP")
        await writer.drain()
        current: dict[str, Any] = {"rcpt": []}
        while line := (await reader.readline()).decode().rstrip("\r\n"):
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                reply("250 fake")
            elif verb == "MAIL":
                current = {"from": line, "rcpt": []}
                reply("250 OK")
            elif verb == "RCPT":
                current["rcpt"].append(line.split(":", 1)[1].strip("<> "))
                reply("250 OK")
            elif verb == "DATA":
                reply("354 go ahead")
                await writer.drain()
                body = []
                while (data := (await reader.readline()).decode()) not in (".\r\n", ""):
                    body.append(data)
                current["data"] = "".join(body)
                self.messages.append(current)
                reply("250 queued")
            elif verb == "QUIT":
                reply("221 bye")
                await writer.drain()
                break
            else:
                reply("250 OK")
            await writer.drain()
        writer.close()


@pytest.fixture
async def smtp() -> AsyncIterator[tuple[FakeSmtp, int]]:
    fake = FakeSmtp()
    server = await asyncio.start_server(fake.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        yield fake, port


async def test_moderators_are_emailed_without_the_concern_text(
    db: Any, settings: Settings, smtp: tuple[FakeSmtp, int]
) -> None:
    fake, port = smtp
    configured = replace(
        settings, smtp_url=f"smtp://127.0.0.1:{port}", mail_from="alerts@peerqa.test"
    )
    await make_user("mod1@peerqa.test", role=GlobalRole.MODERATOR)
    await make_user("mod2@peerqa.test", role=GlobalRole.MODERATOR)
    host = await make_school()
    review = await make_review(host, await make_partnership(host))
    event = events.Event(
        topic=events.CONCERNS_TOPIC, kind="concern.raised", review_id=review.id, object_id=1
    )
    assert await notify.notify(configured, event)
    assert len(fake.messages) == 1
    message = fake.messages[0]
    assert sorted(message["rcpt"]) == ["mod1@peerqa.test", "mod2@peerqa.test"]
    parsed = email.message_from_string(message["data"], policy=email.policy.default)
    assert parsed["Subject"] == "Safeguarding concern raised: action needed"
    assert parsed["From"] == "alerts@peerqa.test"
    assert isinstance(parsed, email.message.EmailMessage)
    assert review.title in parsed.get_content()


async def test_the_mailer_follows_the_hub_and_survives_a_dead_server(
    db: Any, settings: Settings, smtp: tuple[FakeSmtp, int]
) -> None:
    fake, port = smtp
    await make_user("mod@peerqa.test", role=GlobalRole.MODERATOR)
    host = await make_school()
    review = await make_review(host, await make_partnership(host))
    dead = replace(settings, smtp_url="smtp://127.0.0.1:1")
    event = events.Event(topic=events.CONCERNS_TOPIC, kind="concern.escalated", review_id=review.id)
    assert not await notify.notify(dead, event)  # logged, not raised
    live = replace(settings, smtp_url=f"smtp://127.0.0.1:{port}")
    task = asyncio.create_task(notify.run_concern_mailer(live))
    try:
        for _ in range(300):
            if events.hub.subscriber_count(events.CONCERNS_TOPIC):
                break
            await asyncio.sleep(0.01)
        await events.publish(event)
        for _ in range(300):
            if fake.messages:
                break
            await asyncio.sleep(0.01)
    finally:
        task.cancel()
    assert "not yet acknowledged" in fake.messages[0]["data"].replace("=\r\n", "")


def test_bad_smtp_url_is_refused() -> None:
    from peerqa.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="PEERQA_SMTP_URL"):
        Settings.from_env({"PEERQA_SMTP_URL": "http://mail.example"})
