import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from news.models import Document, DocumentType

from . import factories


def test_pdf_opens_in_the_browser_and_downloads_are_counted(personas, client_for):
    document = factories.document(by=personas.editor)
    browser = {"user-agent": "Mozilla/5.0 (Linux; Android 14) Chrome/131 Mobile"}
    response = client_for("anonymous").get(f"/van-ban/{document.slug}/tep/", headers=browser)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    b"".join(response.streaming_content)
    client_for("parent_an").get(f"/van-ban/{document.slug}/tep/", headers=browser)
    assert Document.objects.get(pk=document.pk).download_count == 2


def test_register_page_shows_every_field(personas, client_for):
    old = factories.document(by=personas.editor, number="1234/HD-SGDĐT")
    document = factories.document(
        by=personas.editor,
        number="1500/HD-SGDĐT",
        doc_type=DocumentType.GUIDELINE,
        recipients="Các trường tiểu học",
        effective_on=datetime.date(2026, 9, 5),
        expires_on=datetime.date(2027, 6, 1),
        replaces=old,
    )
    page = client_for("anonymous").get(document.get_absolute_url()).content.decode()
    for text in (
        "1500/HD-SGDĐT", "Hướng dẫn", "Phòng Giáo dục và Đào tạo", "12/09/2026",
        "05/09/2026", "01/06/2027", "Nguyễn Văn Bình", "Các trường tiểu học",
        old.get_absolute_url(), "Xem văn bản (PDF)",
    ):  # fmt: skip
        assert text in page, text
    assert (
        document.get_absolute_url()
        in client_for("anonymous").get(old.get_absolute_url()).content.decode()
    )  # "replaced by" on the old one


def test_list_filters_by_type_year_issuer_and_searches(personas, client_for):
    plan = factories.document(by=personas.editor, number="1/KH")
    decision = factories.document(
        by=personas.editor,
        number="2/QĐ",
        doc_type=DocumentType.DECISION,
        issuer="Trường Tiểu học Hoa Sen",
        issued_on=datetime.date(2025, 5, 1),
        summary="Quyết định thành lập ban biên tập",
    )
    client = client_for("anonymous")

    def listed(**params):
        page = client.get("/van-ban/", params).content.decode()
        return {d.number for d in (plan, decision) if d.get_absolute_url() in page}

    assert listed() == {"1/KH", "2/QĐ"}
    assert listed(type="decision") == {"2/QĐ"}
    assert listed(year=2026) == {"1/KH"}
    assert listed(issuer="Trường Tiểu học Hoa Sen") == {"2/QĐ"}
    assert listed(q="ban bien tap") == {"2/QĐ"}
    assert listed(q="QĐ") == {"2/QĐ"}


def test_internal_document_is_hidden_from_the_public(personas, client_for):
    document = factories.document(by=personas.editor, number="9/NB", audience="staff")
    assert client_for("anonymous").get(document.get_absolute_url()).status_code == 404
    assert client_for("parent_an").get(f"/van-ban/{document.slug}/tep/").status_code == 404
    assert "9/NB" not in client_for("anonymous").get("/van-ban/").content.decode()
    assert client_for("teacher_5a").get(document.get_absolute_url()).status_code == 200


def _register_form(**extra):
    return {
        "number": "15/KH-THHS",
        "doc_type": "plan",
        "issuer": "Trường Tiểu học Hoa Sen",
        "issued_on": "2026-11-20",
        "signer": "Lê Thị Thu",
        "summary": "Kế hoạch tổ chức Ngày hội đọc sách",
        "recipients": "Các tổ chuyên môn",
        "audience": "public",
    } | extra


def test_editor_adds_a_document_and_teacher_cannot(personas, client_for):
    upload = SimpleUploadedFile("ke-hoach.pdf", factories.pdf_bytes())
    response = client_for("editor").post("/van-ban/them/", _register_form(upload=upload))
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.slug, document.content_type) == ("15-kh-thhs", "application/pdf")
    assert client_for("teacher_5a").get("/van-ban/them/").status_code == 403


def test_bad_register_entry_gets_messages_and_keeps_the_form(personas, client_for):
    upload = SimpleUploadedFile("ke-hoach.pdf", b"not a pdf at all")
    response = client_for("editor").post(
        "/van-ban/them/",
        _register_form(upload=upload, effective_on="2026-12-01", expires_on="2026-11-01"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ngày hết hiệu lực phải sau ngày hiệu lực." in page
    assert "có thể bị đổi tên" in page
    assert "Kế hoạch tổ chức Ngày hội đọc sách" in page
    assert not Document.objects.exists()


def test_pdf_viewer_range_requests_and_bots_are_not_counted(personas, client_for):
    document = factories.document(by=personas.editor)
    client = client_for("anonymous")
    url = f"/van-ban/{document.slug}/tep/"
    client.get(url, headers={"user-agent": "Mozilla/5.0 Chrome/131"})
    client.get(url, headers={"user-agent": "Mozilla/5.0 Chrome/131", "range": "bytes=500-900"})
    client.get(url, headers={"user-agent": "Googlebot/2.1"})
    assert Document.objects.get(pk=document.pk).download_count == 1
