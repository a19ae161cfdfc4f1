"""Bad input gets a clear Vietnamese message, keeps what was typed, writes nothing."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conversations import services
from conversations.models import MAX_BODY, AbsenceNote, Attachment, Conversation, Message

from . import factories


def _start(client, personas, **data):
    return client.post(f"/tin-nhan/moi/{personas.pupil_an.pk}/", data)


def test_an_oversized_message_is_refused_and_kept_in_the_form(personas, client_for):
    long_text = "Cô ơi " * (MAX_BODY // 5)
    response = _start(client_for("parent_an"), personas, subject="Dài quá", body=long_text)
    assert response.status_code == 200
    assert "Tin nhắn dài quá" in response.text and "tối đa 2000" in response.text
    assert "Dài quá" in response.text and "Cô ơi Cô ơi" in response.text
    assert not Conversation.objects.exists() and not Message.objects.exists()


def test_four_attachments_are_refused(personas, client_for):
    files = [factories.text_file(f"tep-{i}.txt") for i in range(4)]
    response = _start(
        client_for("parent_an"), personas, subject="Giấy tờ", body="Gửi cô", files=files
    )
    assert "tối đa 3 tệp" in response.text
    assert not Conversation.objects.exists() and not Attachment.objects.exists()


def test_a_program_renamed_pdf_or_sent_as_exe_is_refused(personas, client_for):
    parent = client_for("parent_an")
    renamed = SimpleUploadedFile("giay-kham.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100)
    response = _start(parent, personas, subject="Giấy khám", body="Gửi cô", files=[renamed])
    assert "có thể bị đổi tên" in response.text
    program = SimpleUploadedFile("setup.exe", b"MZ\x90\x00")
    response = _start(parent, personas, subject="Giấy khám", body="Gửi cô", files=[program])
    assert "không thuộc loại được phép" in response.text
    assert not Conversation.objects.exists() and not Attachment.objects.exists()


def test_a_picture_is_re_encoded_before_it_is_stored(personas):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG", exif=b"Exif\x00\x00GPS-secret")
    from conversations.forms import clean_attachment

    cleaned = clean_attachment(SimpleUploadedFile("anh.jpg", buffer.getvalue(), "image/jpeg"))
    conversation = factories.conversation(personas, files=[cleaned])
    stored = conversation.messages.get().attachments.get()
    with stored.file.open("rb") as handle:
        assert b"GPS-secret" not in handle.read()


def test_a_flood_of_messages_is_stopped_with_a_message(personas, client_for):
    conversation = factories.conversation(personas)
    parent = client_for("parent_an")
    url = f"/tin-nhan/{conversation.pk}/tra-loi/"
    for i in range(20):
        assert parent.post(url, {"body": f"Tin {i}"}).status_code == 302
    refused = parent.post(url, {"body": "Tin thứ hai mươi mốt"})
    assert refused.status_code == 429
    assert "Bạn gửi nhanh quá" in refused.text and "Tin thứ hai mươi mốt" in refused.text
    assert conversation.messages.count() == 21  # the first and twenty replies


def test_withdrawing_after_five_minutes_is_refused(personas, client_for):
    conversation = factories.conversation(personas, body="Đã gửi lâu rồi")
    message = conversation.messages.get()
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(minutes=6))
    response = client_for("parent_an").post(f"/tin-nhan/tin/{message.pk}/thu-hoi/", follow=True)
    assert "Chỉ thu hồi được tin nhắn trong 5 phút" in response.text
    message.refresh_from_db()
    assert not message.is_withdrawn and "Đã gửi lâu rồi" in response.text


def test_someone_else_cannot_withdraw_a_message(personas, client_for):
    conversation = factories.conversation(personas)
    message = conversation.messages.get()
    assert client_for("teacher_5a").post(f"/tin-nhan/tin/{message.pk}/thu-hoi/").status_code == 404
    message.refresh_from_db()
    assert not message.is_withdrawn


def test_an_absence_backdated_four_days_is_refused(personas, client_for):
    day = timezone.localdate() - timedelta(days=4)
    response = client_for("parent_an").post(
        f"/tin-nhan/nghi-hoc/moi/{personas.pupil_an.pk}/",
        {"starts_on": day.isoformat(), "part": "day", "reason": "ill", "details": "Sốt cao"},
    )
    assert response.status_code == 200
    assert "không quá 3 ngày trước" in response.text and "Sốt cao" in response.text
    assert not AbsenceNote.objects.exists()
    three_days = timezone.localdate() - timedelta(days=3)
    ok = client_for("parent_an").post(
        f"/tin-nhan/nghi-hoc/moi/{personas.pupil_an.pk}/",
        {"starts_on": three_days.isoformat(), "part": "day", "reason": "ill"},
    )
    assert ok.status_code == 302 and AbsenceNote.objects.count() == 1


def test_an_absence_for_someone_elses_child_is_a_404(personas, client_for):
    url = f"/tin-nhan/nghi-hoc/moi/{personas.pupil_binh.pk}/"
    today = timezone.localdate().isoformat()
    parent = client_for("parent_an")
    assert parent.get(url).status_code == 404
    assert parent.post(url, {"starts_on": today, "part": "day", "reason": "ill"}).status_code == 404
    assert not AbsenceNote.objects.exists()


def test_bad_absence_ranges_get_messages(personas, client_for):
    parent = client_for("parent_an")
    url = f"/tin-nhan/nghi-hoc/moi/{personas.pupil_an.pk}/"
    today = timezone.localdate()
    cases = [
        ({"starts_on": today.isoformat(), "ends_on": (today - timedelta(days=1)).isoformat()},
         "Ngày kết thúc phải sau"),
        ({"starts_on": today.isoformat(), "ends_on": (today + timedelta(days=40)).isoformat()},
         "tối đa 30 ngày"),
        ({"starts_on": today.isoformat(), "ends_on": (today + timedelta(days=1)).isoformat(),
          "part": "morning"}, "một buổi chỉ chọn được cho một ngày"),
        ({"starts_on": "31/02/2026"}, "Nhập một ngày hợp lệ"),
        ({"starts_on": today.isoformat(), "reason": "bogus"}, "Hãy chọn một lựa chọn hợp lệ"),
    ]  # fmt: skip
    for data, expected in cases:
        sent = {"part": "day", "reason": "ill", **data}
        response = parent.post(url, sent)
        assert response.status_code == 200 and expected in response.text, (
            data,
            response.text[-3000:],
        )
    assert not AbsenceNote.objects.exists()


def test_absence_notes_are_rate_limited(personas, client_for):
    parent = client_for("parent_an")
    url = f"/tin-nhan/nghi-hoc/moi/{personas.pupil_an.pk}/"
    today = timezone.localdate().isoformat()
    for _ in range(5):
        assert (
            parent.post(url, {"starts_on": today, "part": "day", "reason": "ill"}).status_code
            == 302
        )
    refused = parent.post(url, {"starts_on": today, "part": "day", "reason": "ill"})
    assert refused.status_code == 429 and "Bạn gửi nhanh quá" in refused.text
    assert AbsenceNote.objects.count() == 5


def test_bad_ids_and_dates_in_urls_are_404_or_ignored_never_500(personas, client_for):
    teacher = client_for("teacher_5a")
    assert teacher.get("/tin-nhan/999999/").status_code == 404
    assert teacher.get("/tin-nhan/tep/999999/").status_code == 404
    day_url = f"/tin-nhan/lop/{personas.class_5a.pk}/nghi-hoc/ngay/?ngay=2026-13-45"
    assert teacher.get(day_url).status_code == 200
    month_url = f"/tin-nhan/lop/{personas.class_5a.pk}/nghi-hoc/thang/?thang=xx-99"
    assert teacher.get(month_url).status_code == 200
    assert teacher.get(f"/tin-nhan/lop/{personas.class_5a.pk}/?page=abc").status_code == 200


def test_a_service_refusal_writes_nothing(personas):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.start_conversation(
            by=personas.parent_an, pupil=personas.pupil_an, subject="  ", body="Nội dung"
        )
    with pytest.raises(ValidationError):
        services.start_conversation(
            by=personas.parent_an, pupil=personas.pupil_an, subject="Chủ đề", body="x" * 2001
        )
    assert not Conversation.objects.exists() and not Message.objects.exists()
