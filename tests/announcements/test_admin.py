"""Editing announcements in the Django admin keeps the same rules as the writing form."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from announcements.models import Announcement, Attachment

ADD_URL = "/quan-tri/announcements/announcement/add/"


def _photo_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {2: (21.0, 1.0, 30.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _post(client, personas, *, body="<p>Nội dung</p>", keys=("school:parent",), files=()):
    data = {
        "title": "Lịch nghỉ Tết",
        "body": body,
        "priority": "normal",
        "author": personas.admin.pk,
        "publish_at_0": "01/12/2026",
        "publish_at_1": "07:00:00",
        "created_at_0": "01/12/2026",
        "created_at_1": "07:00:00",
        "audiences-TOTAL_FORMS": len(keys),
        "audiences-INITIAL_FORMS": 0,
        "attachments-TOTAL_FORMS": len(files),
        "attachments-INITIAL_FORMS": 0,
    }
    for index, key in enumerate(keys):
        data[f"audiences-{index}-key"] = key
    for index, upload in enumerate(files):
        data[f"attachments-{index}-file"] = upload
    return client.post(ADD_URL, data)


def test_body_with_script_and_onclick_is_stored_clean(personas, client_for):
    response = _post(
        client_for("admin"),
        personas,
        body='<p onclick="steal()">Nghỉ từ 28 Tết</p><script>alert(1)</script>',
    )
    assert response.status_code == 302, response.text
    body = Announcement.objects.get(title="Lịch nghỉ Tết").body
    assert "Nghỉ từ 28 Tết" in body
    assert "onclick" not in body and "<script" not in body


@pytest.mark.parametrize("key", ["class:abc", "lop:5", "school:teacher", "class:05", "public"])
def test_audience_rows_accept_only_valid_keys(personas, client_for, key):
    response = _post(client_for("admin"), personas, keys=[key])
    assert response.status_code == 200
    assert "không phải là đối tượng nhận hợp lệ" in response.text
    assert not Announcement.objects.exists()


def test_valid_audience_keys_are_saved(personas, client_for):
    keys = ["staff", "grade:5:parent", f"class:{personas.class_5a.pk}"]
    response = _post(client_for("admin"), personas, keys=keys)
    assert response.status_code == 302, response.text
    assert sorted(Announcement.objects.get().audience_keys) == sorted(keys)


def test_attachment_of_a_forbidden_type_is_refused(personas, client_for):
    upload = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/octet-stream")
    response = _post(client_for("admin"), personas, files=[upload])
    assert response.status_code == 200
    assert "Tệp “virus.exe” không thuộc loại được phép." in response.text
    assert not Attachment.objects.exists()


def test_photo_attached_in_the_admin_loses_its_gps(personas, client_for):
    upload = SimpleUploadedFile("san-truong.jpg", _photo_with_gps(), "image/jpeg")
    response = _post(client_for("admin"), personas, files=[upload])
    assert response.status_code == 302, response.text
    attachment = Attachment.objects.get()
    assert attachment.name == "san-truong.jpg"
    with attachment.file.open("rb") as stored:
        assert not Image.open(stored).getexif()
