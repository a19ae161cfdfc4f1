"""A section's video, poster, recording and worksheets: checked by content and size,
nothing half-written on a bad file, what was typed kept."""

import io
import os

import pytest
from django.conf import settings
from PIL import Image

from lessons import authoring
from lessons.models import Section, Worksheet

from . import factories, media


def _private_files() -> set[str]:
    root = settings.PRIVATE_MEDIA_ROOT
    return {os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names}


def _post_section(client, lesson, **files):
    data = {"title": "Xem video nhé", "body": "<p>Em xem video rồi trả lời.</p>"} | files
    return client.post(f"/bai-hoc/soan/{lesson.pk}/them-phan/", data)


@pytest.fixture
def draft(personas):
    return factories.lesson(author=personas.teacher_5a, quiz=False)


def test_teacher_adds_a_section_with_video_poster_recording_and_worksheet(
    personas, client_for, draft
):
    response = _post_section(
        client_for("teacher_5a"),
        draft,
        video=media.upload("bai-giang.mp4", media.MP4),
        poster=media.upload("anh.jpg", media.gps_jpeg()),
        audio=media.upload("doc-bai.mp3", media.MP3),
        worksheet=media.upload("Phiếu bài tập.pdf", media.PDF),
    )
    assert response.status_code == 302
    section = draft.sections.get(title="Xem video nhé")
    assert section.position == 2
    assert (section.video_type, section.video_size) == ("video/mp4", len(media.MP4))
    assert section.audio_type == "audio/mpeg"
    with section.poster.open("rb") as handle:
        poster = Image.open(io.BytesIO(handle.read()))
    assert "exif" not in poster.info and not poster.getexif()  # GPS gone with the re-encoding
    sheet = section.worksheets.get()
    assert (sheet.name, sheet.size) == ("Phiếu bài tập.pdf", len(media.PDF))


def test_file_type_comes_from_the_content_not_the_name(personas, draft):
    section = draft.sections.get()
    authoring.save_section_media(
        section=section,
        by=personas.teacher_5a,
        video=media.upload("quay-bang-dien-thoai.mp4", media.WEBM),
        audio=media.upload("ghi-am", media.M4A),
    )
    section.refresh_from_db()
    assert section.video_type == "video/webm" and section.video.name.endswith(".webm")
    assert section.audio_type == "audio/mp4" and section.audio.name.endswith(".m4a")


@pytest.mark.parametrize(
    ("field", "name", "content"),
    [
        ("video", "hoat-hinh.mp4", media.EXE),  # a program renamed .mp4
        ("video", "bai.mp4", media.PDF),
        ("video", "nhac.mp4", media.M4A),  # sound only is not a video
        ("audio", "doc-bai.mp3", media.EXE),
        ("worksheet", "phieu.pdf", media.EXE),
        ("worksheet", "phieu.pdf", media.MP4),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_written(
    personas, client_for, draft, field, name, content
):
    before = _private_files()
    response = _post_section(
        client_for("teacher_5a"),
        draft,
        **{field: media.upload(name, content)},
        poster=media.upload("anh.jpg", media.gps_jpeg()) if field == "video" else "",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Tệp “{name}” không phải là" in page
    assert "nội dung tệp không đúng định dạng" in page
    # What the teacher typed is still in the form; no section, no file was kept.
    assert "Xem video nhé" in page and "Em xem video rồi trả lời." in page
    assert draft.sections.count() == 1
    assert not Worksheet.objects.exists()
    assert _private_files() == before


def test_an_oversized_video_is_refused_with_the_limit_in_the_message(
    personas, client_for, draft, settings
):
    settings.LESSON_VIDEO_MAX_MB = 1
    big = media.MP4 + bytes(1024 * 1024)
    section = draft.sections.get()
    response = client_for("teacher_5a").post(
        f"/bai-hoc/phan/{section.pk}/sua/",
        {"title": "Phần mới tên", "body": "<p>Đã sửa</p>", "video": media.upload("dai.mp4", big)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tệp quá lớn (tối đa 1 MB)." in page
    assert "Phần mới tên" in page
    section.refresh_from_db()
    assert section.title == "Phần 1" and not section.video  # the text change was not saved either


def test_a_poster_that_is_not_a_picture_is_refused(personas, client_for, draft):
    response = _post_section(
        client_for("teacher_5a"),
        draft,
        video=media.upload("bai.mp4", media.MP4),
        poster=media.upload("anh.jpg", media.EXE),
    )
    assert response.status_code == 400
    assert "không phải là ảnh JPEG, PNG hoặc WebP" in response.content.decode()
    assert draft.sections.count() == 1


def test_replacing_and_removing_files_leaves_no_stray_file(
    personas, draft, django_capture_on_commit_callbacks
):
    section = draft.sections.get()
    teacher = personas.teacher_5a
    with django_capture_on_commit_callbacks(execute=True):
        authoring.save_section_media(
            section=section,
            by=teacher,
            video=media.upload("a.mp4", media.MP4),
            poster=media.upload("a.jpg", media.gps_jpeg()),
            audio=media.upload("a.ogg", media.OGG),
        )
    first_video = section.video.name
    with django_capture_on_commit_callbacks(execute=True):
        authoring.save_section_media(
            section=section, by=teacher, video=media.upload("b.webm", media.WEBM)
        )
    storage = section.video.storage
    assert not storage.exists(first_video) and storage.exists(section.video.name)
    with django_capture_on_commit_callbacks(execute=True):
        authoring.save_section_media(
            section=section, by=teacher, remove_video=True, remove_audio=True
        )
    section.refresh_from_db()
    assert not section.video and not section.poster and not section.audio
    assert section.video_type == "" and section.audio_size == 0


def test_a_poster_needs_a_video(personas, draft):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        authoring.save_section_media(
            section=draft.sections.get(),
            by=personas.teacher_5a,
            poster=media.upload("a.jpg", media.gps_jpeg()),
        )


def test_other_people_cannot_attach_files(personas, draft):
    from django.core.exceptions import PermissionDenied

    section = draft.sections.get()
    for person in (personas.other_teacher, personas.pupil_an, personas.parent_an):
        with pytest.raises(PermissionDenied):
            authoring.save_section_media(
                section=section, by=person, video=media.upload("a.mp4", media.MP4)
            )
    assert not Section.objects.get(pk=section.pk).video


def test_worksheet_is_deleted_by_its_author(personas, client_for, draft):
    section = draft.sections.get()
    authoring.save_section_media(
        section=section, by=personas.teacher_5a, worksheet=media.upload("p.pdf", media.PDF)
    )
    sheet = section.worksheets.get()
    assert client_for("other_teacher").post(f"/bai-hoc/phieu/{sheet.pk}/xoa/").status_code == 404
    response = client_for("teacher_5a").post(f"/bai-hoc/phieu/{sheet.pk}/xoa/")
    assert response.status_code == 302
    assert not Worksheet.objects.exists()


@pytest.mark.parametrize(
    ("field", "setting", "content"),
    [
        ("audio", "LESSON_AUDIO_MAX_MB", media.MP3),
        ("worksheet", "LESSON_WORKSHEET_MAX_MB", media.PDF),
    ],
)
def test_oversized_recordings_and_worksheets_are_refused(
    personas, client_for, draft, settings, field, setting, content
):
    setattr(settings, setting, 1)
    response = _post_section(
        client_for("teacher_5a"), draft, **{field: media.upload("to", content + bytes(1024 * 1024))}
    )
    assert response.status_code == 400
    assert "Tệp quá lớn (tối đa 1 MB)." in response.content.decode()
    assert draft.sections.count() == 1 and not Worksheet.objects.exists()


def test_a_refusal_after_the_text_was_saved_rolls_the_whole_section_back(
    personas, client_for, draft
):
    """A poster without a video passes the form's file checks but not the service:
    the new section written just before is rolled back with it."""
    response = _post_section(
        client_for("teacher_5a"), draft, poster=media.upload("anh.jpg", media.gps_jpeg())
    )
    assert response.status_code == 400
    assert "Hãy tải video lên cùng ảnh xem trước." in response.content.decode()
    assert draft.sections.count() == 1
    assert draft.revisions.count() == 2  # created + its one section; nothing from this try
