"""Web Push end to end: a real encrypted message to a local push service, decrypted here."""

import base64
import json
import os
import struct
import time

import pytest
from cryptography.hazmat.primitives import hashes, hmac, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.utils import timezone

from notifications.models import Delivery, Mode, Notification, PushSubscription
from notifications.push import generate_vapid_keys
from notifications.services import (
    deliver_notification_batch,
    notify,
    set_preference,
    set_quiet_hours,
)

from .fake_servers import FakeServer, start


def b64d(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64e(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _hmac(key, data):
    mac = hmac.HMAC(key, hashes.SHA256())
    mac.update(data)
    return mac.finalize()


class Browser:
    """The browser's side: its key pair and auth secret, and RFC 8291 decryption."""

    def __init__(self):
        self.private = ec.generate_private_key(ec.SECP256R1())
        self.public = self.private.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.auth = os.urandom(16)

    def keys(self):
        return {"p256dh": b64e(self.public), "auth": b64e(self.auth)}

    def decrypt(self, body: bytes) -> dict:
        salt, (record_size, id_length) = body[:16], struct.unpack("!IB", body[16:21])
        as_public = body[21 : 21 + id_length]
        assert record_size == 4096 and id_length == 65
        sender = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), as_public)
        ecdh = self.private.exchange(ec.ECDH(), sender)
        prk_key = _hmac(self.auth, ecdh)
        ikm = _hmac(prk_key, b"WebPush: info\x00" + self.public + as_public + b"\x01")
        prk = _hmac(salt, ikm)
        cek = _hmac(prk, b"Content-Encoding: aes128gcm\x00\x01")[:16]
        nonce = _hmac(prk, b"Content-Encoding: nonce\x00\x01")[:12]
        plain = AESGCM(cek).decrypt(nonce, body[21 + id_length :], None)
        assert plain.endswith(b"\x02")
        return json.loads(plain[:-1])


@pytest.fixture
def push_service(settings):
    public, private = generate_vapid_keys()
    settings.VAPID_PUBLIC_KEY = public
    settings.VAPID_PRIVATE_KEY = private
    settings.VAPID_SUBJECT = "mailto:it@truong.example"
    settings.PUSH_TIMEOUT = 2
    settings.SITE_URL = "https://portal.example"
    fake = FakeServer(status=201, answer=b"")
    httpd = start(fake, path="/push/dev-1")
    yield fake
    httpd.shutdown()
    httpd.server_close()


def subscribe(user, fake, browser=None):
    browser = browser or Browser()
    PushSubscription.objects.create(user=user, endpoint=fake.url, **browser.keys())
    return browser


def check_vapid(header: str, *, endpoint: str, public_key: str):
    assert header.startswith("vapid t=")
    token, key = header.removeprefix("vapid t=").split(", k=")
    assert key == public_key
    head, claims, signature = token.split(".")
    raw = b64d(signature)
    verifier = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64d(public_key))
    verifier.verify(
        encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")),
        f"{head}.{claims}".encode(),
        ec.ECDSA(hashes.SHA256()),
    )  # raises when the signature is wrong
    assert json.loads(b64d(head)) == {"typ": "JWT", "alg": "ES256"}
    data = json.loads(b64d(claims))
    assert data["aud"] == endpoint.rsplit("/push/", 1)[0]
    assert data["sub"] == "mailto:it@truong.example"
    assert time.time() < data["exp"] <= time.time() + 24 * 3600


def test_an_urgent_announcement_arrives_as_a_push_message_the_browser_can_decrypt(
    personas, push_service, settings
):
    browser = subscribe(personas.parent_an, push_service)
    notify(
        recipients=[personas.parent_an, personas.other_parent],
        kind="announcement.urgent",
        title="Nghỉ học do bão",
        url="/thong-bao/1/",
    )
    [received] = push_service.received
    assert received.path == "/push/dev-1"
    assert received.headers["content-encoding"] == "aes128gcm"
    assert received.headers["urgency"] == "high"
    assert int(received.headers["ttl"]) > 0
    check_vapid(
        received.headers["authorization"],
        endpoint=push_service.url,
        public_key=settings.VAPID_PUBLIC_KEY,
    )
    assert browser.decrypt(received.body) == {
        "title": "Nghỉ học do bão",
        "body": "Thông báo khẩn",
        "url": "https://portal.example/thong-bao/1/",
        "tag": "",
    }
    delivery = Delivery.objects.get(channel="push")
    assert delivery.status == Delivery.Status.SENT
    assert delivery.key.endswith(":push") and delivery.address == f"user:{personas.parent_an.pk}"
    # A retried task sends nothing twice.
    assert deliver_notification_batch([int(delivery.key[1:].split(":")[0])], "push") == 0
    assert len(push_service.received) == 1


def test_replies_to_messages_are_pushed_by_default_other_kinds_when_chosen(personas, push_service):
    parent = personas.parent_an
    browser = subscribe(parent, push_service)
    notify(recipients=[parent], kind="forum.moderation", title="Bài viết bị ẩn")
    assert push_service.received == []
    notify(recipients=[parent], kind="conversations.message", title="Cô giáo đã trả lời")
    assert browser.decrypt(push_service.received[0].body)["title"] == "Cô giáo đã trả lời"
    assert push_service.received[0].headers["urgency"] == "normal"
    set_preference(user=parent, kind="conversations.message", mode=Mode.OFF, channel="push")
    notify(recipients=[parent], kind="conversations.message", title="Lần hai")
    assert len(push_service.received) == 1


def test_quiet_hours_hold_push_except_urgent(personas, push_service):
    parent = personas.parent_an
    subscribe(parent, push_service)
    now = timezone.localtime()
    set_quiet_hours(
        user=parent,
        starts_at=(now - timezone.timedelta(hours=1)).time().replace(second=0, microsecond=0),
        ends_at=(now + timezone.timedelta(hours=1)).time().replace(second=0, microsecond=0),
    )
    notify(recipients=[parent], kind="conversations.message", title="Ban đêm")
    assert push_service.received == []
    notify(recipients=[parent], kind="announcement.urgent", title="Khẩn")
    assert len(push_service.received) == 1


def test_a_forgotten_browser_is_removed_and_a_refusal_is_retried(personas, push_service):
    parent = personas.parent_an
    subscribe(parent, push_service)
    push_service.status = 500
    notify(recipients=[parent], kind="announcement.urgent", title="Khẩn")
    delivery = Delivery.objects.get(channel="push")
    assert delivery.status == Delivery.Status.FAILED and "HTTP 500" in delivery.error
    push_service.status = 410
    notification = Notification.objects.get(recipient=parent)
    deliver_notification_batch([notification.pk], "push")
    assert not PushSubscription.objects.exists()


def test_nothing_is_pushed_without_vapid_keys(personas, push_service, settings):
    settings.VAPID_PRIVATE_KEY = ""
    subscribe(personas.parent_an, push_service)
    notify(recipients=[personas.parent_an], kind="announcement.urgent", title="Khẩn")
    assert push_service.received == []


@pytest.mark.slow
def test_push_throughput_through_the_worker_path(personas, push_service):
    count = 300
    parent = personas.parent_an
    browser = subscribe(parent, push_service)
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
    assert deliver_notification_batch(ids, "push") == count
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert len(push_service.received) == count
    assert browser.decrypt(push_service.received[-1].body)["title"].startswith("Khẩn")
    print(f"push: {count} messages in {wall:.2f} s wall ({count / wall:.0f}/s), {cpu:.2f} s CPU")


# --- Turning push on and off (the page's script posts here) -----------------

SUBSCRIBE = "/thong-bao-ca-nhan/thiet-bi/bat/"
UNSUBSCRIBE = "/thong-bao-ca-nhan/thiet-bi/tat/"


def post_json(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def valid(endpoint="https://push.example/abc"):
    return {"endpoint": endpoint, "keys": Browser().keys()}


def test_turning_push_on_and_off_for_one_browser(personas, client_for):
    client = client_for("parent_an")
    response = post_json(client, SUBSCRIBE, {**valid(), "user": personas.other_parent.pk})
    assert response.status_code == 200 and response.json()["ok"]
    subscription = PushSubscription.objects.get()
    assert subscription.user == personas.parent_an  # a user id in the body is ignored
    assert post_json(client, SUBSCRIBE, valid()).status_code == 200  # again: updated, not doubled
    assert PushSubscription.objects.count() == 1
    # Another person cannot turn off this browser, even knowing its address.
    assert post_json(client_for("other_parent"), UNSUBSCRIBE, valid()).status_code == 200
    assert PushSubscription.objects.count() == 1
    assert post_json(client, UNSUBSCRIBE, {"endpoint": "https://push.example/abc"}).json()["ok"]
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"endpoint": "http://push.example/abc", "keys": Browser().keys()},
        {"endpoint": "javascript:alert(1)", "keys": Browser().keys()},
        {"endpoint": "https://push.example/abc", "keys": {"p256dh": "AAAA", "auth": "x"}},
        {"endpoint": "https://push.example/abc"},
        ["not", "an", "object"],
        {"endpoint": "https://push.example/" + "a" * 5000, "keys": Browser().keys()},
    ],
)
def test_bad_subscriptions_get_a_clear_400_and_nothing_is_stored(personas, client_for, body):
    response = post_json(client_for("parent_an"), SUBSCRIBE, body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not PushSubscription.objects.exists()


def test_a_body_that_is_not_json_gets_a_400(personas, client_for):
    response = client_for("parent_an").post(SUBSCRIBE, data=b"{", content_type="application/json")
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["error"]


def test_notify_costs_the_same_queries_for_two_or_twenty_people_with_sms_and_push(
    personas, push_service, settings, count_queries
):
    from asgiref.local import Local
    from django.contrib.auth import get_user_model
    from django.tasks import task_backends

    def reset():
        task_backends.__dict__.pop("settings", None)
        task_backends._connections = Local(task_backends.thread_critical)

    settings.SMS_GATEWAY_URL = "https://sms.example/send"
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    reset()
    try:
        people = [
            get_user_model().objects.create(
                username=f"ph{i}", role="parent", phone=f"09123450{i:02}", email=f"p{i}@x.vn"
            )
            for i in range(20)
        ]
        for person in people:
            subscribe(person, push_service)
        counts = []
        for group in (people[:2], people):
            with count_queries() as queries:
                notify(recipients=group, kind="conversations.message", title="Trả lời")
            counts.append(queries.count)
        assert counts[0] == counts[1], queries.explain()
        # Per call one e-mail batch and one push batch; SMS is off for this kind by default.
        channels = [result.args[1] for result in task_backends["default"].results]
        assert channels == ["email", "push", "email", "push"]
        print(f"notify to 2 or 20 people with e-mail, SMS and push configured: {counts[0]} queries")
    finally:
        reset()
