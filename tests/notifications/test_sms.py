"""SMS end to end against a fake HTTP gateway on 127.0.0.1: accepting, refusing, timing out."""

import base64
import json
import time

import pytest
from django.utils import timezone

from notifications.models import Delivery, Mode, Notification
from notifications.services import (
    deliver_notification_batch,
    notify,
    set_preference,
    set_quiet_hours,
)
from notifications.sms import HttpSmsGateway, SmsError, phone_number, sms_text

from .fake_servers import FakeServer, start


@pytest.fixture
def gateway(settings):
    fake = FakeServer()
    httpd = start(fake)
    settings.SMS_GATEWAY_URL = fake.url
    settings.SMS_GATEWAY_USER = "truong"
    settings.SMS_GATEWAY_PASSWORD = "mat-khau"
    settings.SMS_GATEWAY_TOKEN = ""
    settings.SMS_SENDER = "HOASEN"
    settings.SMS_TEMPLATE = "{school}: {title} {link}"
    settings.SMS_ASCII = True
    settings.SMS_MONTHLY_BUDGET = 1000
    settings.SMS_GATEWAY_TIMEOUT = 2
    settings.SCHOOL_NAME = "Trường Hoa Sen"
    settings.SITE_URL = "https://portal.example"
    yield fake
    httpd.shutdown()
    httpd.server_close()


def sent_to(fake):
    return [json.loads(r.body)["to"] for r in fake.received]


def test_an_urgent_announcement_goes_by_sms_to_each_parent_with_a_phone(
    personas, client_for, gateway
):
    response = client_for("editor").post(
        "/thong-bao/viet/",
        {
            "title": "Nghỉ học đột xuất do bão",
            "body": "<p>Học sinh nghỉ học ngày mai.</p>",
            "audiences": ["school:parent"],
            "priority": "urgent",
        },
    )
    assert response.status_code == 302
    assert sorted(sent_to(gateway)) == ["84912345678", "84987654321"]
    first = gateway.received[0]
    data = json.loads(first.body)
    assert data["from"] == "HOASEN"
    assert data["text"].startswith(
        "Truong Hoa Sen: Nghi hoc dot xuat do bao https://portal.example/"
    )
    assert data["text"].isascii()
    assert (
        first.headers["authorization"] == "Basic " + base64.b64encode(b"truong:mat-khau").decode()
    )
    assert first.headers["content-type"].startswith("application/json")
    deliveries = Delivery.objects.filter(channel="sms")
    assert {d.status for d in deliveries} == {Delivery.Status.SENT}
    # A retried task sends nothing twice.
    ids = list(Notification.objects.filter(kind="announcement.urgent").values_list("pk", flat=True))
    assert deliver_notification_batch(ids, "sms") == 0
    assert len(gateway.received) == 2


def test_other_kinds_go_by_sms_only_when_the_person_allows_them(personas, gateway):
    parent = personas.parent_an
    notify(recipients=[parent], kind="conversations.message", title="Cô giáo đã trả lời")
    assert gateway.received == []  # e-mail "at once" by default, SMS off by default
    set_preference(user=parent, kind="conversations.message", mode=Mode.IMMEDIATE, channel="sms")
    notify(recipients=[parent], kind="conversations.message", title="Cô giáo đã trả lời")
    assert sent_to(gateway) == ["84912345678"]


def test_quiet_hours_hold_sms_except_urgent(personas, gateway, settings):
    parent = personas.parent_an
    set_preference(user=parent, kind="conversations.message", mode=Mode.IMMEDIATE, channel="sms")
    now = timezone.localtime()
    start_at = (now - timezone.timedelta(hours=1)).time().replace(second=0, microsecond=0)
    end_at = (now + timezone.timedelta(hours=1)).time().replace(second=0, microsecond=0)
    set_quiet_hours(user=parent, starts_at=start_at, ends_at=end_at)
    notify(recipients=[parent], kind="conversations.message", title="Tin nhắn lúc đêm")
    assert gateway.received == []
    notify(recipients=[parent], kind="announcement.urgent", title="Khẩn")
    assert sent_to(gateway) == ["84912345678"]


def test_a_refusing_gateway_is_recorded_and_retried_up_to_three_attempts(personas, gateway):
    gateway.status = 503
    notify(recipients=[personas.parent_an], kind="announcement.urgent", title="Khẩn")
    delivery = Delivery.objects.get(channel="sms")
    assert delivery.status == Delivery.Status.FAILED
    assert "HTTP 503" in delivery.error
    notification = Notification.objects.get(recipient=personas.parent_an)
    assert deliver_notification_batch([notification.pk], "sms") == 0
    assert deliver_notification_batch([notification.pk], "sms") == 0
    delivery.refresh_from_db()
    assert delivery.attempts == 3
    gateway.status = 200
    # The ledger lets a failed message be claimed again: one more attempt succeeds, once.
    assert deliver_notification_batch([notification.pk], "sms") == 1
    assert deliver_notification_batch([notification.pk], "sms") == 0
    assert len(gateway.received) == 4


def test_a_gateway_that_does_not_answer_in_time_is_a_failure(personas, gateway, settings):
    settings.SMS_GATEWAY_TIMEOUT = 0.2
    gateway.delay = 1.0
    notify(recipients=[personas.parent_an], kind="announcement.urgent", title="Khẩn")
    delivery = Delivery.objects.get(channel="sms")
    assert delivery.status == Delivery.Status.FAILED
    assert "unreachable" in delivery.error and "timed out" in delivery.error
    assert len(gateway.received) == 1


def test_the_monthly_budget_stops_sending_and_tells_the_admins_once(personas, gateway, settings):
    settings.SMS_MONTHLY_BUDGET = 1
    notify(
        recipients=[personas.parent_an, personas.other_parent],
        kind="announcement.urgent",
        title="Khẩn 1",
    )
    assert len(gateway.received) == 1
    notify(recipients=[personas.parent_an], kind="announcement.urgent", title="Khẩn 2")
    assert len(gateway.received) == 1
    warnings = Notification.objects.filter(kind="notifications.channel_budget")
    assert [w.recipient for w in warnings] == [personas.admin]
    assert "1 tin nhắn SMS" in warnings[0].title


def test_bearer_token_and_text_with_diacritics_when_the_gateway_takes_unicode(
    personas, gateway, settings
):
    settings.SMS_GATEWAY_TOKEN = "bi-mat"
    settings.SMS_ASCII = False
    settings.SMS_TEMPLATE = "[{kind}] {title}"
    notify(recipients=[personas.parent_an], kind="announcement.urgent", title="Nghỉ học")
    received = gateway.received[0]
    assert received.headers["authorization"] == "Bearer bi-mat"
    assert json.loads(received.body)["text"] == "[Thông báo khẩn] Nghỉ học"


def test_phone_numbers_and_long_texts():
    assert phone_number("0912 345 678") == "84912345678"
    assert phone_number("+84 912.345.678") == "84912345678"
    assert phone_number("12") == "" and phone_number("abc") == ""
    text = sms_text(title="Nghỉ " * 200, link="https://x.example/a/")
    assert len(text) <= 306 and text.isascii()


def test_the_gateway_class_raises_on_refusal():
    fake = FakeServer(status=401)
    httpd = start(fake)
    try:
        with pytest.raises(SmsError, match="HTTP 401"):
            HttpSmsGateway(url=fake.url).send("84912345678", "x")
        fake.status = 200
        assert HttpSmsGateway(url=fake.url).send("84912345678", "x").id == "msg-1"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.slow
def test_sms_throughput_through_the_worker_path(personas, gateway):
    count = 300
    parent = personas.parent_an
    now = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=parent, kind="announcement.urgent", title=f"Khẩn {i}", created_at=now
            )
            for i in range(count)
        ]
    )
    ids = list(Notification.objects.values_list("pk", flat=True))
    wall, cpu = time.perf_counter(), time.process_time()
    assert deliver_notification_batch(ids, "sms") == count
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert len(gateway.received) == count
    print(f"SMS: {count} messages in {wall:.2f} s wall ({count / wall:.0f}/s), {cpu:.2f} s CPU")
