"""Delivery channels. E-mail today; an SMS gateway would be one more subclass.

A channel knows a person's address on it and how to send one rendered
`Message`. It is opened once per batch (one SMTP connection for many
e-mails) and must raise on failure so that the ledger records it.
"""

import email.policy
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend


@dataclass
class Message:
    subject: str
    text: str
    html: str = ""
    unsubscribe_url: str = ""
    headers: dict[str, str] = field(default_factory=dict)


class LongLineEmail(EmailMultiAlternatives):
    """Headers may use the full 998 characters of RFC 5322.

    The default 78 makes Python encode a long URL (the signed unsubscribe
    link) as RFC 2047 words, which mail clients do not read as a URL.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


class Channel:
    """Base class. Subclasses set `name` and implement `address_for` and `send`."""

    name: str = ""

    def address_for(self, user) -> str:
        """The person's address on this channel, or "" when they have none."""
        raise NotImplementedError

    def open(self) -> None:  # noqa: B027 - optional hook
        """Prepare for a batch (open a connection)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """End the batch."""

    def send(self, *, address: str, message: Message) -> None:
        raise NotImplementedError

    def __enter__(self):
        self.open()
        return self

    def __exit__(self, *exc):
        self.close()


class EmailChannel(Channel):
    name = "email"

    def __init__(self, mailer: str = "default"):
        self.mailer = mailer
        self.connection: BaseEmailBackend | None = None

    def address_for(self, user) -> str:
        return (user.email or "").strip() if user.is_active else ""

    def open(self) -> None:
        connection = mailers[self.mailer]
        connection.open()
        self.connection = connection

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def send(self, *, address: str, message: Message) -> None:
        headers = dict(message.headers)
        if message.unsubscribe_url:
            # RFC 8058: mail clients offer a one-click "unsubscribe" that POSTs here.
            headers["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        mail = LongLineEmail(
            subject=message.subject,
            body=message.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
            headers=headers,
        )
        if message.html:
            mail.attach_alternative(message.html, "text/html")
        connection = self.connection or mailers[self.mailer]
        connection.send_messages([mail])


CHANNELS: dict[str, type[Channel]] = {"email": EmailChannel}


def get_channel(name: str) -> Channel:
    return CHANNELS[name]()
