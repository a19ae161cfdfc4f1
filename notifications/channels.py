"""Delivery channels: e-mail, SMS (sms.py) and Web Push (push.py).

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
    url: str = ""  # absolute link to what the message is about (SMS, push)
    urgent: bool = False


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
    # Kinds sent at once on this channel when the person chose nothing; None: the
    # kind's own default (e-mail). Locked kinds (urgent) always go at once.
    default_kinds: frozenset[str] | None = None

    @classmethod
    def configured(cls) -> bool:
        """Whether the site is set up to send on this channel (settings present)."""
        return True

    @classmethod
    def default_mode(cls, kind: str, kind_default: str) -> str:
        if cls.default_kinds is None:
            return kind_default
        return "immediate" if kind in cls.default_kinds else "off"

    def prepare(self, users) -> None:  # noqa: B027 - optional hook
        """Load what `address_for` needs for these users at once (fixed queries)."""

    def monthly_budget(self) -> int | None:
        """Messages allowed per calendar month; None: no limit."""
        return None

    def render(self, notification, *, link: str, kind_label: str, urgent: bool) -> Message | None:
        """The message for one notification; None: the e-mail templates."""
        return None

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


from .push import PushChannel  # noqa: E402 - they subclass Channel, defined above
from .sms import SmsChannel  # noqa: E402

CHANNELS: dict[str, type[Channel]] = {
    "email": EmailChannel,
    "sms": SmsChannel,
    "push": PushChannel,
}


def get_channel(name: str) -> Channel:
    return CHANNELS[name]()
