"""E-mail moderators about safeguarding concerns, when SMTP is configured.

The mailer listens to the event hub rather than being called by the concern service, so a slow
or broken mail server can never delay or undo the recording of a concern. Messages carry no
concern narrative and no pupil data: only that a concern needs attention, and where.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from peerqa import events
from peerqa.config import Settings
from peerqa.models import Review, User
from peerqa.models.enums import GlobalRole

log = logging.getLogger("peerqa.notify")
SMTP_TIMEOUT_SECONDS = 10

SUBJECTS = {
    "concern.raised": "Safeguarding concern raised: action needed",
    "concern.escalated": "Safeguarding concern not yet acknowledged: escalated",
}


def compose(
    settings: Settings, to: list[str], event: events.Event, review_title: str
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = ", ".join(to)
    message["Subject"] = SUBJECTS.get(event.kind, "Safeguarding concern update")
    message.set_content(
        f'A safeguarding concern needs a moderator on the review "{review_title}".\n\n'
        "Sign in to peerqa to read it, acknowledge it and record what was done. "
        "The concern itself is not sent by e-mail.\n"
    )
    return message


def send(settings: Settings, message: EmailMessage) -> None:
    """Deliver one message over SMTP (blocking: run it in a thread)."""
    url = urlsplit(settings.smtp_url)
    port = url.port or (465 if url.scheme == "smtps" else 25)
    smtp_class = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
    with smtp_class(url.hostname or "localhost", port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        if url.scheme == "smtp+starttls":
            smtp.starttls()
        if url.username:
            smtp.login(unquote(url.username), unquote(url.password or ""))
        smtp.send_message(message)


async def moderator_addresses() -> list[str]:
    rows = await User.filter(global_role=GlobalRole.MODERATOR, is_active=True).order_by("id")
    return [u.email for u in rows]


async def notify(settings: Settings, event: events.Event) -> bool:
    """E-mail every moderator about one concern event; False (logged) if it could not be sent."""
    to = await moderator_addresses()
    if not to:
        return False
    review = await Review.get_or_none(id=event.review_id)
    message = compose(settings, to, event, review.title if review else "a review")
    try:
        await asyncio.to_thread(send, settings, message)
    except (OSError, smtplib.SMTPException):
        log.exception("could not e-mail moderators: %s, review %s", event.kind, event.review_id)
        return False
    return True


async def run_concern_mailer(settings: Settings) -> None:
    """Forever: e-mail moderators for each concern raised or escalated in this process."""
    async with events.hub.subscribe(events.CONCERNS_TOPIC) as stream:
        async for event in stream:
            if event.origin == events.WORKER:  # every worker hears it; the one that raised it mails
                await notify(settings, event)
