"""Pictures from the editor's toolbar: uploaded before the article exists, claimed by
the body that uses them when it is saved, and removed by the daily run if never used."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news import services
from news.models import Article, InlineImage

from . import factories

URL = "/viet-bai/tai-anh/"
JSON = {"Accept": "application/json"}


def _jpeg(size=(64, 48), gps=True) -> bytes:
    image = Image.new("RGB", size, "green")
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _upload(client, name="anh.jpg", content=None):
    return client.post(URL, {"image": SimpleUploadedFile(name, content or _jpeg())}, headers=JSON)


def test_a_teacher_uploads_a_picture_for_an_article_not_yet_saved(personas, client_for):
    response = _upload(client_for("teacher_5a"))
    assert response.status_code == 200
    url = response.json()["url"]
    image = InlineImage.objects.get()
    assert url == image.image.url and url.startswith("/media/news/inline/")
    assert image.uploaded_by == personas.teacher_5a
    assert image.article is None and image.claimed_at is None
    with image.image.open("rb") as handle:  # re-encoded: the GPS position is gone
        assert not Image.open(handle).getexif().get_ifd(0x8825)


@pytest.mark.parametrize("name", ["pupil_an", "parent_an", "other_parent"])
def test_families_and_pupils_cannot_upload_pictures(name, personas, client_for):
    response = _upload(client_for(name))
    assert response.status_code == 403
    assert not InlineImage.objects.exists()


def test_a_visitor_is_sent_to_log_in(personas, client_for):
    response = _upload(client_for("anonymous"))
    assert response.status_code == 302 and "/tai-khoan/login/" in response["Location"]
    assert not InlineImage.objects.exists()


def test_the_upload_address_only_takes_posts(personas, client_for):
    assert client_for("teacher_5a").get(URL, headers=JSON).status_code == 405


def _bomb() -> bytes:
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "Không nhận ảnh SVG",
        ),
        ("anh.jpg", b"MZ\x90\x00\x03\x00 a Windows program renamed", "không phải là ảnh"),
        ("anh.jpg", b"\xff\xd8\xff" + b"\x00" * (8 * 1024 * 1024 + 10), "Ảnh quá lớn"),
        ("bom.png", None, "quá lớn"),
    ],
    ids=["svg", "renamed-exe", "too-many-bytes", "too-many-pixels"],
)
def test_bad_pictures_get_a_clear_vietnamese_answer_and_store_nothing(
    name, content, message, personas, client_for
):
    response = _upload(client_for("teacher_5a"), name, content if content else _bomb())
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert "url" not in response.json()
    assert not InlineImage.objects.exists()


def test_no_file_at_all_asks_for_a_picture(personas, client_for):
    response = client_for("teacher_5a").post(URL, {}, headers=JSON)
    assert response.status_code == 400 and response.json() == {"error": "Hãy chọn một ảnh."}


def _new_article(client, category, body):
    return client.post(
        "/viet-bai/moi/",
        {
            "title": "Lớp 5A trồng cây",
            "kind": "news",
            "audience": "public",
            "category": category.pk,
            "summary": "",
            "body": body,
        },
    )


def test_saving_the_new_article_claims_the_pictures_its_body_shows(personas, client_for):
    client = client_for("teacher_5a")
    used = _upload(client).json()["url"]
    dropped = _upload(client).json()["url"]  # inserted, then deleted from the text
    response = _new_article(
        client, factories.category(), f'<p>Cây mới</p><img src="{used}" alt="">'
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert used in article.body
    claimed = InlineImage.objects.get(claimed_at__isnull=False)
    assert claimed.image.url == used and claimed.article == article
    assert InlineImage.objects.get(claimed_at__isnull=True).image.url == dropped


def test_editing_an_article_claims_a_picture_added_later(personas, client_for):
    article = factories.article(author=personas.teacher_5a)
    url = services.upload_inline_image(
        upload=SimpleUploadedFile("a.jpg", _jpeg()), by=personas.teacher_5a
    ).image.url
    services.update_article(
        article=article, by=personas.teacher_5a, body=f'<p>x</p><img src="{url}" alt="">'
    )
    assert InlineImage.objects.get().article == article


def test_the_daily_run_removes_pictures_no_text_used_after_a_day(personas):
    from portal.tasks import run_daily

    def picture(age_hours, claimed):
        image = services.upload_inline_image(
            upload=SimpleUploadedFile("a.jpg", _jpeg()), by=personas.teacher_5a
        )
        image.uploaded_at = timezone.now() - datetime.timedelta(hours=age_hours)
        image.claimed_at = image.uploaded_at if claimed else None
        image.save(update_fields=["uploaded_at", "claimed_at"])
        return image

    abandoned = picture(30, claimed=False)
    fresh = picture(2, claimed=False)  # a draft still being written
    used = picture(30, claimed=True)
    abandoned_path = abandoned.image.path
    run_daily()
    assert set(InlineImage.objects.values_list("pk", flat=True)) == {fresh.pk, used.pk}
    assert not __import__("os").path.exists(abandoned_path)


def test_a_lesson_section_claims_its_pictures_too(personas):
    from lessons import services as lesson_services

    from ..lessons import factories as lesson_factories

    lesson = lesson_factories.lesson(author=personas.editor, sections=0, quiz=False)
    url = services.upload_inline_image(
        upload=SimpleUploadedFile("a.jpg", _jpeg()), by=personas.editor
    ).image.url
    lesson_services.add_section(
        lesson=lesson, by=personas.editor, title="Ảnh", body=f'<img src="{url}" alt="">'
    )
    image = InlineImage.objects.get()
    assert image.claimed_at is not None and image.article is None


def test_someone_elses_address_in_a_body_is_not_a_picture_of_ours():
    assert services.inline_image_names(
        '<img src="https://example.com/media/x.jpg"><img src="/static/logo.png">'
        '<img src="/media/news/inline/2026/12/anh.jpg">'
    ) == {"news/inline/2026/12/anh.jpg"}


def test_too_many_pictures_at_once_get_the_write_limit_in_words(personas, client_for, monkeypatch):
    from accounts import write_limits

    monkeypatch.setitem(
        write_limits.WRITE_LIMITS, "news.image_upload", (write_limits.Limit(1, 600),)
    )
    allowed = write_limits.STAFF_FACTOR  # a teacher's limit is the base times this
    client = client_for("teacher_5a")
    answers = [_upload(client) for _ in range(allowed + 1)]
    assert [a.status_code for a in answers[:allowed]] == [200] * allowed
    refused = answers[allowed]
    assert refused.status_code == 429
    assert "phút" in refused.json()["error"]  # the wait, in Vietnamese, shown by the editor
    assert InlineImage.objects.count() == allowed
