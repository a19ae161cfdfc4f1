"""Pictures attached to an announcement are re-encoded: no EXIF, no GPS, no smuggled bytes."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from announcements.models import Announcement, Attachment


def _photo_with_gps(fmt: str = "JPEG") -> bytes:
    image = Image.new("RGB", (40, 30), "green")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {2: (21.0, 1.0, 30.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, fmt, exif=exif)
    return out.getvalue()


def _publish_with(client, personas, upload):
    return client.post(
        "/thong-bao/viet/",
        {
            "title": "Ảnh buổi dã ngoại",
            "body": "<p>Ảnh kèm theo</p>",
            "audiences": [f"class:{personas.class_5a.pk}:parent"],
            "priority": "normal",
            "files": [upload],
        },
    )


def test_attached_photo_reaches_parents_without_its_gps(personas, client_for):
    photo = _photo_with_gps()
    assert Image.open(io.BytesIO(photo)).getexif()  # the test photo does carry GPS
    upload = SimpleUploadedFile("da-ngoai.jpg", photo, "image/jpeg")

    response = _publish_with(client_for("teacher_5a"), personas, upload)

    assert response.status_code == 302
    attachment = Announcement.objects.get().attachments.get()
    downloaded = b"".join(
        client_for("parent_an").get(attachment.get_absolute_url()).streaming_content
    )
    picture = Image.open(io.BytesIO(downloaded))
    assert picture.size == (40, 30)
    assert not picture.getexif()
    assert b"PhoneMaker" not in downloaded
    assert attachment.name == "da-ngoai.jpg" and attachment.size == len(downloaded)


def test_webp_photo_is_accepted_and_cleaned(personas, client_for):
    upload = SimpleUploadedFile("lop.webp", _photo_with_gps("WEBP"), "image/webp")
    assert _publish_with(client_for("teacher_5a"), personas, upload).status_code == 302
    with Attachment.objects.get().file.open("rb") as stored:
        assert not Image.open(stored).getexif()


def test_broken_picture_gets_a_vietnamese_message_and_nothing_is_published(personas, client_for):
    upload = SimpleUploadedFile("anh-hong.jpg", b"\xff\xd8 not really a jpeg", "image/jpeg")

    response = _publish_with(client_for("teacher_5a"), personas, upload)

    assert response.status_code == 200
    assert "Ảnh “anh-hong.jpg”: Tệp này không phải là ảnh JPEG, PNG hoặc WebP." in response.text
    assert not Announcement.objects.exists()


def test_documents_are_kept_as_sent(personas, client_for):
    upload = SimpleUploadedFile("giay-moi.pdf", b"%PDF-1.4 giay moi", "application/pdf")
    assert _publish_with(client_for("teacher_5a"), personas, upload).status_code == 302
    with Attachment.objects.get().file.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4 giay moi"
