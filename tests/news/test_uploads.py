"""Pictures and attachments: checked by content, limits before decoding, EXIF stripped."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from news import services
from news.models import Article, Attachment

from . import factories


def _edit(client, article, **files):
    data = {
        "title": article.title,
        "kind": article.kind,
        "audience": article.audience,
        "category": article.category_id,
        "summary": "Giữ nguyên tóm tắt",
        "body": "<p>Nội dung</p>",
    } | files
    return client.post(f"/viet-bai/{article.pk}/sua/", data)


def _gps_jpeg() -> bytes:
    image = Image.new("RGB", (64, 48), "green")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}  # GPS IFD
    exif[0x010F] = "Máy ảnh của cô giáo"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_featured_image_loses_gps_and_gets_renditions(
    personas, client_for, django_capture_on_commit_callbacks
):
    article = factories.article(author=personas.teacher_5a)
    raw = _gps_jpeg()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)  # the test photo does carry GPS
    upload = SimpleUploadedFile("anh.jpg", raw, content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):  # the renditions task is enqueued
        response = _edit(client_for("teacher_5a"), article, featured_upload=upload)
    assert response.status_code == 302
    article.refresh_from_db()
    with article.featured_image.open("rb") as handle:
        stored = Image.open(handle)
        assert not stored.getexif().get_ifd(0x8825)
        assert not stored.getexif()
    assert set(article.renditions) == {"320", "640", "1280"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bom.png", None, "quá lớn"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "SVG"),
        ("anh.jpg", b"MZ\x90\x00 this is really a program", "không phải là ảnh"),
    ],
)
def test_bad_pictures_are_refused_and_the_form_kept(name, content, message, personas, client_for):
    if content is None:  # a decompression bomb: tiny file, 20000×20000 pixels in the header
        out = io.BytesIO()
        Image.new("1", (20000, 20000)).save(out, "PNG")
        content = out.getvalue()
        assert len(content) < 200_000
    article = factories.article(author=personas.teacher_5a)
    upload = SimpleUploadedFile(name, content)
    response = _edit(client_for("teacher_5a"), article, featured_upload=upload)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and "Giữ nguyên tóm tắt" in page
    article.refresh_from_db()
    assert not article.featured_image
    assert article.summary == ""  # nothing half-written: the text was not saved either


def test_attachment_with_false_extension_is_refused(personas, client_for):
    article = factories.article(author=personas.teacher_5a)
    upload = SimpleUploadedFile("ke-hoach.pdf", b"MZ\x90\x00 pretending to be a PDF")
    response = _edit(client_for("teacher_5a"), article, attachment_upload=upload)
    assert "có thể bị đổi tên" in response.content.decode()
    assert not Attachment.objects.exists()


def test_attachment_type_and_size_limits(personas, client_for, settings):
    article = factories.article(author=personas.teacher_5a)
    client = client_for("teacher_5a")
    response = _edit(client, article, attachment_upload=SimpleUploadedFile("chay.exe", b"MZ"))
    assert "Không nhận loại tệp này" in response.content.decode()
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * (services.ATTACHMENT_MAX_BYTES + 1))
    assert "Tệp quá lớn" in _edit(client, article, attachment_upload=big).content.decode()
    assert not Attachment.objects.exists()


def test_attachment_is_served_with_a_safe_name_and_audience_check(personas, client_for):
    article = factories.article(author=personas.teacher_5a, audience="staff")
    services.add_attachment(
        article=article,
        upload=SimpleUploadedFile('danh "sách"\r\n.docx', b"PK\x03\x04rest"),
        by=personas.teacher_5a,
    )
    attachment = Attachment.objects.get()
    url = attachment.get_absolute_url()
    assert client_for("teacher_5a").get(url).status_code == 200  # the author, while a draft
    assert client_for("other_teacher").get(url).status_code == 404  # not published yet
    services.publish_article(article=article, by=personas.editor)
    assert client_for("pupil_an").get(url).status_code == 404
    response = client_for("other_teacher").get(url)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "\r" not in disposition
    assert "\n" not in disposition


def test_inline_image_upload_returns_its_address(personas, client_for):
    upload = SimpleUploadedFile("anh.jpg", _gps_jpeg())
    response = client_for("teacher_5a").post(
        "/viet-bai/tai-anh/", {"image": upload}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "/media/news/inline/" in response.content.decode()
    bad = SimpleUploadedFile("x.svg", b"<svg></svg>")
    response = client_for("teacher_5a").post(
        "/viet-bai/tai-anh/", {"image": bad}, headers={"HX-Request": "true"}
    )
    assert "SVG" in response.content.decode()
    assert Article.objects.count() == 0


def test_a_photo_attachment_is_stored_without_its_gps_position(personas, client_for):
    article = factories.article(author=personas.teacher_5a)
    raw = _gps_jpeg()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)  # the test photo does carry GPS
    upload = SimpleUploadedFile("Ảnh lớp 5A.jpeg", raw, content_type="image/jpeg")
    response = _edit(client_for("teacher_5a"), article, attachment_upload=upload)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/jpeg"
    downloaded = b"".join(client_for("teacher_5a").get(attachment.get_absolute_url()))
    with attachment.file.open("rb") as handle:
        assert downloaded == handle.read()
    stored = Image.open(io.BytesIO(downloaded))
    assert stored.format == "JPEG" and stored.size == (64, 48)
    assert not stored.getexif().get_ifd(0x8825)
    assert not stored.getexif()
    assert attachment.size == len(downloaded)


def test_a_webp_photo_can_be_attached_and_is_re_encoded(personas, client_for):
    article = factories.article(author=personas.teacher_5a)
    out = io.BytesIO()
    Image.new("RGBA", (30, 20), (0, 128, 0, 128)).save(out, "WEBP")
    upload = SimpleUploadedFile("so-do.webp", out.getvalue())
    assert _edit(client_for("teacher_5a"), article, attachment_upload=upload).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/webp" and attachment.original_name == "so-do.webp"
    with attachment.file.open("rb") as handle:
        assert handle.read() != out.getvalue()


def test_a_broken_photo_attachment_is_refused_in_vietnamese(personas, client_for):
    article = factories.article(author=personas.teacher_5a)
    upload = SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0 not really a photo at all")
    response = _edit(client_for("teacher_5a"), article, attachment_upload=upload)
    assert response.status_code == 200
    page = response.content.decode()
    assert "không phải là ảnh" in page and "Giữ nguyên tóm tắt" in page
    assert not Attachment.objects.exists()


def test_inline_image_upload_without_javascript_shows_a_whole_page_with_the_way_back(
    personas, client_for
):
    article = factories.article(author=personas.teacher_5a)
    editor_page = f"http://testserver/viet-bai/{article.pk}/sua/"
    response = client_for("teacher_5a").post(
        "/viet-bai/tai-anh/",
        {"image": SimpleUploadedFile("anh.jpg", _gps_jpeg())},
        headers={"Referer": editor_page},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html and "/media/news/inline/" in html
    assert f'href="{editor_page}"' in html
    refused = client_for("teacher_5a").post(
        "/viet-bai/tai-anh/", {"image": SimpleUploadedFile("x.svg", b"<svg></svg>")}
    )
    assert (
        refused.status_code == 400
        and "<html" in refused.content.decode()
        and "SVG" in refused.content.decode()
    )
