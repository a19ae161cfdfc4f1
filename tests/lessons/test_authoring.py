"""Authoring a lesson: cover, editing, deleting and ordering sections, revisions, preview."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from PIL import Image

from lessons import authoring, services
from lessons.models import LessonRevision, Section

from . import factories, media


@pytest.fixture
def draft(personas):
    return factories.lesson(author=personas.teacher_5a, sections=3, quiz=False, grades=(5, 5))


def _titles(lesson):
    return list(lesson.sections.order_by("position", "id").values_list("title", flat=True))


# --- cover ----------------------------------------------------------------------------------


def test_a_lesson_without_cover_shows_the_friendly_default(personas, client_for):
    lesson = factories.lesson(author=personas.teacher_5a, grades=(5, 5), publish_by=personas.editor)
    for url in ("/bai-hoc/", lesson.get_absolute_url()):
        page = client_for("pupil_an").get(url).content.decode()
        assert 'src="/static/lessons/cover-default.svg"' in page
        assert "lesson-cover-default" in page


def test_teacher_uploads_a_cover_that_is_re_encoded_and_shown_to_readers(
    personas, client_for, draft
):
    response = client_for("teacher_5a").post(
        f"/bai-hoc/soan/{draft.pk}/anh-bia/",
        {
            "cover": media.upload("bia.jpg", media.gps_jpeg((3000, 1500))),
            "cover_alt": "Hai bạn nhỏ",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    with draft.cover.open("rb") as handle:
        picture = Image.open(io.BytesIO(handle.read()))
    assert picture.width == 960 and not picture.getexif()  # shrunk, GPS gone
    with draft.cover_thumb.open("rb") as handle:
        assert Image.open(io.BytesIO(handle.read())).size == (240, 120)  # for the list
    services.submit_lesson(lesson=draft, by=personas.teacher_5a)
    services.publish_lesson(lesson=draft, by=personas.editor)
    pupil = client_for("pupil_an")
    page = pupil.get(draft.get_absolute_url()).content.decode()
    assert f'src="/bai-hoc/tep/bia/{draft.pk}/?v=' in page and 'alt="Hai bạn nhỏ"' in page
    listing = pupil.get("/bai-hoc/").content.decode()
    assert f'src="/bai-hoc/tep/bia/{draft.pk}/?nho=1&amp;v=' in listing
    cover = pupil.get(f"/bai-hoc/tep/bia/{draft.pk}/")
    assert cover.status_code == 200 and cover["Content-Type"] == "image/jpeg"
    small = pupil.get(f"/bai-hoc/tep/bia/{draft.pk}/?nho=1")
    assert small["Content-Type"] == "image/webp"
    assert client_for("pupil_binh").get(f"/bai-hoc/tep/bia/{draft.pk}/").status_code == 404


def test_a_bad_cover_keeps_the_description_and_the_old_cover(personas, client_for, draft):
    client = client_for("teacher_5a")
    client.post(
        f"/bai-hoc/soan/{draft.pk}/anh-bia/",
        {"cover": media.upload("bia.jpg", media.gps_jpeg()), "cover_alt": "Cũ"},
    )
    draft.refresh_from_db()
    old = draft.cover.name
    response = client.post(
        f"/bai-hoc/soan/{draft.pk}/anh-bia/",
        {"cover": media.upload("bia.jpg", media.EXE), "cover_alt": "Mô tả mới em gõ"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "không phải là ảnh JPEG, PNG hoặc WebP" in page
    assert "Mô tả mới em gõ" in page
    draft.refresh_from_db()
    assert draft.cover.name == old and draft.cover_alt == "Cũ"


def test_cover_can_be_removed(personas, draft, django_capture_on_commit_callbacks):
    authoring.set_cover(
        lesson=draft, by=personas.teacher_5a, upload=media.upload("a.png", media.gps_jpeg()), alt=""
    )
    draft.refresh_from_db()
    stored = [draft.cover.name, draft.cover_thumb.name]
    storage = draft.cover.storage
    with django_capture_on_commit_callbacks(execute=True):
        authoring.set_cover(lesson=draft, by=personas.teacher_5a, upload=None, alt="", remove=True)
    draft.refresh_from_db()
    assert not draft.cover and not draft.cover_thumb
    assert not any(storage.exists(name) for name in stored)


# --- sections: edit, delete, order ------------------------------------------------------------


def test_sections_move_up_and_down_with_plain_forms(personas, client_for, draft):
    client = client_for("teacher_5a")
    second = draft.sections.get(title="Phần 2")
    assert client.post(f"/bai-hoc/phan/{second.pk}/len/").status_code == 302
    assert _titles(draft) == ["Phần 2", "Phần 1", "Phần 3"]
    client.post(f"/bai-hoc/phan/{second.pk}/xuong/")
    client.post(f"/bai-hoc/phan/{second.pk}/xuong/")
    assert _titles(draft) == ["Phần 1", "Phần 3", "Phần 2"]
    client.post(f"/bai-hoc/phan/{second.pk}/xuong/")  # already last: nothing moves
    assert _titles(draft) == ["Phần 1", "Phần 3", "Phần 2"]
    assert list(draft.sections.order_by("position").values_list("position", flat=True)) == [1, 2, 3]
    # Moving needs POST: a link followed by a crawler or a prefetch changes nothing.
    assert client.get(f"/bai-hoc/phan/{second.pk}/len/").status_code == 405


def test_the_lesson_page_follows_the_new_order(personas, client_for, draft):
    authoring.move_section(
        section=draft.sections.get(title="Phần 3"), by=personas.teacher_5a, up=True
    )
    page = client_for("teacher_5a").get(draft.get_absolute_url()).content.decode()
    assert page.index("Phần 1") < page.index("Phần 3") < page.index("Phần 2")


def test_deleting_a_section_closes_the_gap(personas, client_for, draft):
    first = draft.sections.get(title="Phần 1")
    assert client_for("teacher_5a").post(f"/bai-hoc/phan/{first.pk}/xoa/").status_code == 302
    assert _titles(draft) == ["Phần 2", "Phần 3"]
    assert list(draft.sections.values_list("position", flat=True)) == [1, 2]


def test_editing_a_section_keeps_its_text_on_an_unsafe_paste(personas, client_for, draft):
    section = draft.sections.get(title="Phần 1")
    response = client_for("teacher_5a").post(
        f"/bai-hoc/phan/{section.pk}/sua/",
        {
            "title": "Phần 1 sửa",
            "body": '<p>Bấm vào <img src="/media/a.png" onerror="alert(1)"></p>',
        },
    )
    assert response.status_code == 400
    assert "mã không an toàn" in response.content.decode()
    section.refresh_from_db()
    assert section.title == "Phần 1"


def test_pictures_in_section_text_work_as_in_articles(personas, client_for, draft):
    section = draft.sections.get(title="Phần 1")
    body = (
        '<p>Hình:</p><figure><img src="/media/news/inline/2026/12/anh.jpg" alt="Mật khẩu"></figure>'
    )
    client_for("teacher_5a").post(f"/bai-hoc/phan/{section.pk}/sua/", {"title": "P", "body": body})
    section.refresh_from_db()
    assert '<img src="/media/news/inline/2026/12/anh.jpg" alt="Mật khẩu">' in section.body
    page = client_for("teacher_5a").get(f"/bai-hoc/phan/{section.pk}/sua/").content.decode()
    # The same upload as articles: checked, GPS dropped, an address to paste in the editor.
    assert 'hx-post="/viet-bai/tai-anh/"' in page


def test_only_the_author_and_editors_change_sections(personas, client_for, draft):
    section = draft.sections.get(title="Phần 1")
    for url in (f"/bai-hoc/phan/{section.pk}/xoa/", f"/bai-hoc/phan/{section.pk}/len/"):
        assert client_for("other_teacher").post(url).status_code == 404
        assert client_for("pupil_an").post(url).status_code == 403
        assert client_for("parent_an").post(url).status_code == 403
    for person in (personas.other_teacher, personas.pupil_an):
        with pytest.raises(PermissionDenied):
            authoring.delete_section(section=section, by=person)
        with pytest.raises(PermissionDenied):
            authoring.move_section(section=section, by=person, up=False)
    assert Section.objects.filter(pk=section.pk).exists()
    assert client_for("editor").post(f"/bai-hoc/phan/{section.pk}/xuong/").status_code == 302


def test_a_submitted_lesson_is_no_longer_the_authors_to_change(personas, client_for, draft):
    services.submit_lesson(lesson=draft, by=personas.teacher_5a)
    section = draft.sections.first()
    assert client_for("teacher_5a").post(f"/bai-hoc/phan/{section.pk}/xoa/").status_code == 404


# --- revisions and preview ----------------------------------------------------------------------


def test_every_save_keeps_a_revision_the_author_and_editors_can_read(personas, client_for, draft):
    before = LessonRevision.objects.filter(lesson=draft).count()
    assert before == 4  # created, then three sections added
    services.update_lesson(
        lesson=draft, by=personas.teacher_5a, title="Tên mới", min_grade=5, max_grade=5,
        goals="Mục tiêu mới", minutes=20,
    )  # fmt: skip
    authoring.move_section(
        section=draft.sections.get(title="Phần 3"), by=personas.teacher_5a, up=True
    )
    authoring.delete_section(section=draft.sections.get(title="Phần 1"), by=personas.teacher_5a)
    revisions = list(LessonRevision.objects.filter(lesson=draft))
    assert len(revisions) == before + 3
    newest = revisions[0]
    assert [part["title"] for part in newest.sections] == ["Phần 3", "Phần 2"]
    assert revisions[2].title == "Tên mới" and revisions[2].goals == "Mục tiêu mới"
    assert revisions[-1].note == "Tạo bài"
    url = f"/bai-hoc/soan/{draft.pk}/phien-ban/"
    page = client_for("teacher_5a").get(url).content.decode()
    assert "Xoá phần “Phần 1”" in page and "Đổi thứ tự các phần" in page
    assert client_for("editor").get(url).status_code == 200
    assert client_for("other_teacher").get(url).status_code == 404
    assert client_for("pupil_an").get(url).status_code == 403


def test_preview_shows_a_draft_as_a_pupil_would_see_it(personas, client_for, draft):
    authoring.save_section_media(
        section=draft.sections.get(title="Phần 1"),
        by=personas.teacher_5a,
        audio=media.upload("a.mp3", media.MP3),
    )
    url = f"/bai-hoc/soan/{draft.pk}/xem-truoc/"
    page = client_for("teacher_5a").get(url).content.decode()
    assert 'data-testid="lesson-preview"' in page and "Xem trước" in page
    assert "Phần 1" in page and "<audio controls" in page
    assert 'data-testid="quiz-form"' not in page  # nobody answers in a preview
    assert client_for("editor").get(url).status_code == 200
    assert client_for("other_teacher").get(url).status_code == 404
    assert client_for("pupil_an").get(url).status_code == 403
    # The pupil's own page of the lesson carries no preview banner.
    services.submit_lesson(lesson=draft, by=personas.teacher_5a)
    services.publish_lesson(lesson=draft, by=personas.editor)
    reading = client_for("pupil_an").get(draft.get_absolute_url()).content.decode()
    assert 'data-testid="lesson-preview"' not in reading
    # A pupil reads one part per screen: the recording plays there.
    part = client_for("pupil_an").get(f"/bai-hoc/{draft.slug}/doc/1/").content.decode()
    assert "<audio controls" in part and 'data-testid="lesson-preview"' not in part


def test_an_editor_reviews_from_the_preview_the_notification_opens(personas, client_for, draft):
    services.submit_lesson(lesson=draft, by=personas.teacher_5a)
    url = f"/bai-hoc/soan/{draft.pk}/xem-truoc/"
    page = client_for("editor").get(url).content.decode()
    assert 'data-testid="preview-publish"' in page and f"/bai-hoc/soan/{draft.pk}/tra-lai/" in page
    assert "preview-publish" not in client_for("teacher_5a").get(url).content.decode()
    client_for("editor").post(f"/bai-hoc/soan/{draft.pk}/xuat-ban/")
    draft.refresh_from_db()
    assert draft.status == "published"
