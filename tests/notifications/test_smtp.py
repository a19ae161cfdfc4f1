"""A real SMTP exchange: the worker's e-mails reach an aiosmtpd server started here."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

from notifications.models import Delivery
from notifications.services import notify, send_all_digests


class Inbox:
    def __init__(self):
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    yield inbox
    controller.stop()


def test_urgent_announcement_e_mails_arrive_over_smtp_in_vietnamese(personas, smtp_inbox):
    from announcements.services import publish_announcement

    publish_announcement(
        by=personas.editor,
        title="Học sinh nghỉ học do bão",
        body="<p>Học sinh toàn trường <strong>nghỉ học</strong> ngày mai.</p>",
        keys=["school:parent"],
        priority="urgent",
    )
    received = {tuple(to): message for to, message in smtp_inbox.messages}
    assert set(received) == {("bich@example.com",), ("cuong@example.com",)}
    message = received[("bich@example.com",)]
    assert message["Subject"] == "[Khẩn] Học sinh nghỉ học do bão"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Học sinh toàn trường nghỉ học ngày mai." in text
    assert "<strong>" not in text and "Xem trên cổng thông tin" in html
    assert Delivery.objects.filter(status="sent").count() == 2


def test_digest_arrives_with_a_working_unsubscribe_header(personas, smtp_inbox, client):
    notify(recipients=[personas.parent_an], kind="forum.reply", title="Có trả lời mới")
    assert send_all_digests() == 1
    ((to, message),) = smtp_inbox.messages
    assert to == ["bich@example.com"]
    header = str(message["List-Unsubscribe"])
    assert header.startswith("<http://127.0.0.1:8000/thong-bao-ca-nhan/huy-dang-ky/")
    path = header.strip("<>").removeprefix("http://127.0.0.1:8000")
    assert client.post(path).status_code == 200
