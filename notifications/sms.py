"""SMS: the `sms` channel and the gateways it sends through.

A gateway is one small class with `send(to, text) -> SmsResult` that raises
`SmsError` when the message was not accepted. `HttpSmsGateway` talks to any
HTTP SMS gateway (a JSON POST, Basic or Bearer authentication) configured by
SMS_GATEWAY_* in the environment. A Zalo ZNS adapter (template messages to
the Zalo account behind a phone number) is one more subclass of `SmsGateway`
— or of `Channel`, under its own name, if people should choose it apart from
SMS — and nothing else changes: the ledger (`Delivery`), the preferences, the
quiet hours and the monthly budget are the channel's business, not the
gateway's.

Which kinds go by SMS: urgent announcements (every locked kind) by default;
any other kind only when the person turns it on (`Preference(channel="sms")`).
"""

import base64
import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from lib.text import without_diacritics

from .channels import Channel, Message

SMS_MAX_LENGTH = 306  # two concatenated 7-bit SMS; longer texts cut the title
_NOT_DIGITS = re.compile(r"[\s.\-()]")


class SmsError(Exception):
    """The gateway did not accept the message (refused, unreachable, timed out)."""


@dataclass(frozen=True)
class SmsResult:
    id: str = ""


class SmsGateway:
    """Interface: one method. Subclass for another provider (e.g. Zalo ZNS)."""

    def send(self, to: str, text: str) -> SmsResult:
        raise NotImplementedError


class HttpSmsGateway(SmsGateway):
    """POST {"to", "from", "text"} as JSON to SMS_GATEWAY_URL; any 2xx is accepted.

    Authentication: "Bearer SMS_GATEWAY_TOKEN" when set, else Basic with
    SMS_GATEWAY_USER / SMS_GATEWAY_PASSWORD. The gateway's message id is read
    from a JSON answer's "id" or "message_id" when there is one.
    """

    def __init__(
        self,
        *,
        url: str,
        user: str = "",
        password: str = "",
        token: str = "",
        sender: str = "",
        timeout: float = 10,
    ):
        self.url = url
        self.sender = sender
        self.timeout = timeout
        self.headers = {"Content-Type": "application/json; charset=utf-8"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        elif user:
            pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            self.headers["Authorization"] = f"Basic {pair}"

    @classmethod
    def from_settings(cls) -> "HttpSmsGateway":
        return cls(
            url=settings.SMS_GATEWAY_URL,
            user=settings.SMS_GATEWAY_USER,
            password=settings.SMS_GATEWAY_PASSWORD,
            token=settings.SMS_GATEWAY_TOKEN,
            sender=settings.SMS_SENDER,
            timeout=settings.SMS_GATEWAY_TIMEOUT,
        )

    def send(self, to: str, text: str) -> SmsResult:
        body = json.dumps({"to": to, "from": self.sender, "text": text}).encode()
        if not self.url.startswith(("https://", "http://")):
            raise SmsError("SMS_GATEWAY_URL must start with https:// or http://")
        request = urllib.request.Request(self.url, data=body, headers=self.headers, method="POST")  # noqa: S310 - scheme checked above
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - configured https/http URL
                answer = response.read(4096)
        except urllib.error.HTTPError as error:
            raise SmsError(f"gateway refused: HTTP {error.code}") from error
        except (OSError, ValueError) as error:  # URLError, timeout, connection refused
            raise SmsError(f"gateway unreachable: {error}") from error
        try:
            data = json.loads(answer or b"{}")
        except ValueError:
            data = {}
        if isinstance(data, dict):
            return SmsResult(id=str(data.get("id") or data.get("message_id") or ""))
        return SmsResult()


def phone_number(raw: str) -> str:
    """'0912 345 678' / '+84912345678' -> '84912345678'; "" when it is not a phone number."""
    digits = _NOT_DIGITS.sub("", raw or "")
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("0"):
        digits = "84" + digits[1:]
    if not digits.isdigit() or not 10 <= len(digits) <= 13:
        return ""
    return digits


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def sms_text(*, title: str, link: str, kind_label: str = "") -> str:
    """SMS_TEMPLATE filled in ({school}, {title}, {link}, {kind}); ASCII when SMS_ASCII."""

    def fill(title: str) -> str:
        values = _Blank(school=settings.SCHOOL_NAME, title=title, link=link, kind=str(kind_label))
        try:
            text = settings.SMS_TEMPLATE.format_map(values)
        except (ValueError, IndexError, AttributeError):  # a stray "{" in the template
            text = f"{settings.SCHOOL_NAME}: {title} {link}"
        text = " ".join(text.split())
        return without_diacritics(text) if settings.SMS_ASCII else text

    title = " ".join(title.split())
    text = fill(title)
    if len(text) > SMS_MAX_LENGTH:
        room = max(len(title) - (len(text) - SMS_MAX_LENGTH) - 1, 10)
        text = fill(title[:room] + "…")[:SMS_MAX_LENGTH]
    return text


def month_start(now: datetime | None = None) -> datetime:
    local = timezone.localtime(now or timezone.now())
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


class SmsChannel(Channel):
    name = "sms"
    default_kinds: frozenset[str] = frozenset()  # only locked (urgent) kinds by default

    def __init__(self, gateway: SmsGateway | None = None):
        self.gateway = gateway

    @classmethod
    def configured(cls) -> bool:
        return bool(settings.SMS_GATEWAY_URL)

    def address_for(self, user) -> str:
        return phone_number(user.phone) if user.is_active else ""

    def open(self) -> None:
        if self.gateway is None:
            self.gateway = HttpSmsGateway.from_settings()

    def monthly_budget(self) -> int | None:
        return settings.SMS_MONTHLY_BUDGET

    def render(self, notification, *, link: str, kind_label: str, urgent: bool) -> Message:
        text = sms_text(title=notification.title, link=link, kind_label=kind_label)
        return Message(subject=notification.title, text=text, url=link, urgent=urgent)

    def send(self, *, address: str, message: Message) -> None:
        if self.gateway is None:
            self.open()
        assert self.gateway is not None
        self.gateway.send(address, message.text)
