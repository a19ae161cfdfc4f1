"""Web Push: the `push` channel, message encryption (RFC 8291) and VAPID (RFC 8292).

Implemented with `cryptography` (already a dependency) rather than pywebpush,
which would add py-vapid, http-ece and requests for about a hundred lines.
A message is JSON {"title", "body", "url", "tag"} encrypted with aes128gcm
(RFC 8188) to the browser's key and POSTed to its push service with a VAPID
"Authorization: vapid t=<JWT>, k=<public key>" header. A push service that
answers 404 or 410 has forgotten the browser: the subscription is deleted.

Which kinds go by push: urgent announcements (every locked kind) and replies
to the person's own messages by default (`DEFAULT_KINDS`); the person
chooses the others on the preferences page, and quiet hours apply as to
e-mail.
"""

import base64
import json
import os
import struct
import time
import urllib.error
import urllib.parse
import urllib.request

from cryptography.hazmat.primitives import hashes, hmac, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

from .channels import Channel, Message

RECORD_SIZE = 4096
TTL_SECONDS = 60 * 60 * 24  # the push service keeps an undelivered message one day
MAX_PAYLOAD = 3000  # push services accept 4 KB of ciphertext

DEFAULT_KINDS = frozenset(
    {
        "conversations.message",
        "conversations.absence_ack",
        "forum.case_answer",
        "forum.case_message",
        "forum.reply",
    }
)


class PushError(Exception):
    pass


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _hmac(key: bytes, data: bytes) -> bytes:
    mac = hmac.HMAC(key, hashes.SHA256())
    mac.update(data)
    return mac.finalize()


def _public_bytes(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def encrypt(payload: bytes, *, p256dh: str, auth: str) -> bytes:
    """RFC 8291 message encryption (aes128gcm, one record) to a browser's keys."""
    ua_public = b64url_decode(p256dh)
    auth_secret = b64url_decode(auth)
    receiver = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), ua_public)
    sender = ec.generate_private_key(ec.SECP256R1())
    as_public = _public_bytes(sender.public_key())
    ecdh_secret = sender.exchange(ec.ECDH(), receiver)
    prk_key = _hmac(auth_secret, ecdh_secret)
    ikm = _hmac(prk_key, b"WebPush: info\x00" + ua_public + as_public + b"\x01")
    salt = os.urandom(16)
    prk = _hmac(salt, ikm)
    cek = _hmac(prk, b"Content-Encoding: aes128gcm\x00\x01")[:16]
    nonce = _hmac(prk, b"Content-Encoding: nonce\x00\x01")[:12]
    ciphertext = AESGCM(cek).encrypt(nonce, payload + b"\x02", None)  # last-record delimiter
    header = salt + struct.pack("!IB", RECORD_SIZE, len(as_public)) + as_public
    return header + ciphertext


def private_key_from_setting(value: str) -> ec.EllipticCurvePrivateKey:
    """VAPID_PRIVATE_KEY: base64url of the raw 32-byte key (as web-push tools print), or PEM."""
    value = value.strip()
    if value.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(value.encode(), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("VAPID_PRIVATE_KEY is not an EC key")
        return key
    return ec.derive_private_key(int.from_bytes(b64url_decode(value), "big"), ec.SECP256R1())


def generate_vapid_keys() -> tuple[str, str]:
    """(public, private), base64url, for VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY."""
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    return b64url_encode(_public_bytes(key.public_key())), b64url_encode(private)


def vapid_public_key(private: ec.EllipticCurvePrivateKey) -> str:
    return b64url_encode(_public_bytes(private.public_key()))


def vapid_authorization(
    endpoint: str, *, private: ec.EllipticCurvePrivateKey, subject: str, now: float | None = None
) -> str:
    """RFC 8292 header value: a JWT (ES256) for the push service's origin, valid 12 hours."""
    parts = urllib.parse.urlsplit(endpoint)
    claims = {
        "aud": f"{parts.scheme}://{parts.netloc}",
        "exp": int((now or time.time()) + 12 * 3600),
        "sub": subject,
    }
    header = b64url_encode(json.dumps({"typ": "JWT", "alg": "ES256"}).encode())
    body = b64url_encode(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{header}.{body}".encode("ascii")
    r, s = decode_dss_signature(private.sign(signing_input, ec.ECDSA(hashes.SHA256())))
    signature = b64url_encode(r.to_bytes(32, "big") + s.to_bytes(32, "big"))
    token = f"{header}.{body}.{signature}"
    return f"vapid t={token}, k={vapid_public_key(private)}"


def payload_for(message: Message) -> bytes:
    data = {"title": message.subject, "body": message.text, "url": message.url, "tag": ""}
    raw = json.dumps(data, ensure_ascii=False).encode()
    if len(raw) > MAX_PAYLOAD:
        data["body"] = message.text[: max(0, len(message.text) - (len(raw) - MAX_PAYLOAD) - 3)]
        raw = json.dumps(data, ensure_ascii=False).encode()
    return raw


class PushChannel(Channel):
    """Sends to every browser the person turned push on in; the address is "user:<id>"."""

    name = "push"
    default_kinds = DEFAULT_KINDS

    def __init__(self) -> None:
        self.subscriptions: dict[int, list] = {}
        self._private: ec.EllipticCurvePrivateKey | None = None

    @classmethod
    def configured(cls) -> bool:
        return bool(settings.VAPID_PUBLIC_KEY and settings.VAPID_PRIVATE_KEY)

    def prepare(self, users) -> None:
        from .models import PushSubscription

        ids = [user.pk for user in users if user.pk not in self.subscriptions]
        if not ids:
            return
        for user_id in ids:
            self.subscriptions[user_id] = []
        for subscription in PushSubscription.objects.filter(user_id__in=ids).order_by("pk"):
            self.subscriptions[subscription.user_id].append(subscription)

    def address_for(self, user) -> str:
        if not user.is_active:
            return ""
        if user.pk not in self.subscriptions:
            self.prepare([user])
        return f"user:{user.pk}" if self.subscriptions[user.pk] else ""

    def render(self, notification, *, link: str, kind_label: str, urgent: bool) -> Message:
        return Message(subject=notification.title, text=str(kind_label), url=link, urgent=urgent)

    def send(self, *, address: str, message: Message) -> None:
        """Raises when no browser of the person accepted the message (so the ledger retries)."""
        from .models import PushSubscription

        if self._private is None:
            self._private = private_key_from_setting(settings.VAPID_PRIVATE_KEY)
        user_id = int(address.removeprefix("user:"))
        if user_id not in self.subscriptions:
            self.subscriptions[user_id] = list(PushSubscription.objects.filter(user_id=user_id))
        payload = payload_for(message)
        errors, delivered, gone = [], 0, []
        for subscription in self.subscriptions[user_id]:
            try:
                status = self._post(subscription, payload, urgent=message.urgent)
            except PushError as error:
                errors.append(str(error))
                continue
            if status in (404, 410):
                gone.append(subscription.pk)
            else:
                delivered += 1
        if gone:
            PushSubscription.objects.filter(pk__in=gone).delete()
            self.subscriptions[user_id] = [
                s for s in self.subscriptions[user_id] if s.pk not in gone
            ]
        if errors and not delivered:
            raise PushError("; ".join(errors))

    def _post(self, subscription, payload: bytes, *, urgent: bool) -> int:
        assert self._private is not None
        body = encrypt(payload, p256dh=subscription.p256dh, auth=subscription.auth)
        if not subscription.endpoint.startswith(("https://", "http://")):
            raise PushError("not a web address")
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            subscription.endpoint,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/octet-stream",
                "Content-Encoding": "aes128gcm",
                "TTL": str(TTL_SECONDS),
                "Urgency": "high" if urgent else "normal",
                "Authorization": vapid_authorization(
                    subscription.endpoint, private=self._private, subject=settings.VAPID_SUBJECT
                ),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.PUSH_TIMEOUT) as response:  # noqa: S310 - https endpoint checked on subscribe
                return response.status
        except urllib.error.HTTPError as error:
            if error.code in (404, 410):
                return error.code
            raise PushError(f"push service refused: HTTP {error.code}") from error
        except (OSError, ValueError) as error:
            raise PushError(f"push service unreachable: {error}") from error
