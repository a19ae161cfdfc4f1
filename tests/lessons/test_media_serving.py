"""A lesson's files go only to people who may read the lesson, in byte ranges for players."""

import re

import pytest

from lessons import authoring

from . import factories, media


@pytest.fixture
def published(personas):
    """A published lesson for grade 5 (pupil An, 5A; not pupil Bình, 4B) with a video,
    poster, recording and worksheet in its section, added by an editor."""
    lesson = factories.lesson(
        author=personas.teacher_5a, grades=(5, 5), publish_by=personas.editor, quiz=False
    )
    section = lesson.sections.get()
    authoring.save_section_media(
        section=section,
        by=personas.editor,
        video=media.upload("a.mp4", media.MP4),
        poster=media.upload("a.jpg", media.gps_jpeg()),
        audio=media.upload("a.mp3", media.MP3),
        worksheet=media.upload("Phiếu 1.pdf", media.PDF),
    )
    return lesson


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_video_is_served_whole_and_says_it_takes_ranges(client_for, published):
    section = published.sections.get()
    response = client_for("pupil_an").get(f"/bai-hoc/tep/phan/{section.pk}/video/")
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert "private" in response["Cache-Control"]
    assert _body(response) == media.MP4


def test_a_range_request_gets_206_with_just_those_bytes(client_for, published):
    """iOS Safari first asks for bytes 0-1 and plays nothing without a 206."""
    section = published.sections.get()
    client = client_for("pupil_an")
    url = f"/bai-hoc/tep/phan/{section.pk}/video/"
    size = len(media.MP4)
    first_two = client.get(url, HTTP_RANGE="bytes=0-1")
    assert first_two.status_code == 206
    assert first_two["Content-Range"] == f"bytes 0-1/{size}"
    assert first_two["Content-Length"] == "2"
    assert _body(first_two) == media.MP4[:2]
    seek = client.get(url, HTTP_RANGE="bytes=100-")
    assert seek.status_code == 206
    assert _body(seek) == media.MP4[100:]
    assert seek["Content-Range"] == f"bytes 100-{size - 1}/{size}"
    tail = client.get(url, HTTP_RANGE="bytes=-10")
    assert _body(tail) == media.MP4[-10:]
    beyond = client.get(url, HTTP_RANGE=f"bytes={size}-")
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{size}"
    audio = client.get(f"/bai-hoc/tep/phan/{section.pk}/nghe/", HTTP_RANGE="bytes=0-2")
    assert audio.status_code == 206 and _body(audio) == b"ID3"


def test_readers_get_the_files_and_nobody_else(client_for, published):
    section = published.sections.get()
    sheet = section.worksheets.get()
    urls = [
        f"/bai-hoc/tep/phan/{section.pk}/video/",
        f"/bai-hoc/tep/phan/{section.pk}/anh/",
        f"/bai-hoc/tep/phan/{section.pk}/nghe/",
        f"/bai-hoc/tep/phieu/{sheet.pk}/",
    ]
    expected = {
        "pupil_an": 200,  # grade 5
        "parent_an": 200,
        "teacher_5a": 200,
        "editor": 200,
        "pupil_binh": 404,  # grade 4: may not know the lesson exists
        "other_parent": 404,
        "anonymous": 302,  # to the login page
    }
    for persona, status in expected.items():
        client = client_for(persona)
        for url in urls:
            assert client.get(url).status_code == status, (persona, url)


def test_a_drafts_files_are_for_its_author_and_the_editors_only(personas, client_for):
    draft = factories.lesson(author=personas.teacher_5a, grades=(5, 5), quiz=False)
    section = draft.sections.get()
    authoring.save_section_media(
        section=section, by=personas.teacher_5a, video=media.upload("a.mp4", media.MP4)
    )
    url = f"/bai-hoc/tep/phan/{section.pk}/video/"
    for persona, status in {
        "teacher_5a": 200,
        "editor": 200,
        "other_teacher": 404,
        "pupil_an": 404,
        "parent_an": 404,
    }.items():
        assert client_for(persona).get(url).status_code == status, persona


def test_the_worksheet_downloads_under_its_name(client_for, published):
    sheet = published.sections.get().worksheets.get()
    response = client_for("pupil_an").get(f"/bai-hoc/tep/phieu/{sheet.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "Phi%E1%BA%BFu%201.pdf" in response["Content-Disposition"]


def test_the_lesson_page_plays_from_our_own_server_only(client_for, published):
    section = published.sections.get()
    # A pupil reads one part per screen; the files play there.
    page = client_for("pupil_an").get(f"/bai-hoc/{published.slug}/doc/1/").content.decode()
    video = re.search(r"<video[^>]*>", page).group(0)
    assert 'preload="none"' in video and "controls" in video
    assert f'poster="/bai-hoc/tep/phan/{section.pk}/anh/"' in video
    assert f'<source src="/bai-hoc/tep/phan/{section.pk}/video/" type="video/mp4">' in page
    assert re.search(r'<figcaption[^>]*>.*Nghe</figcaption>\s*<audio controls preload="none"', page)
    assert "Phiếu 1.pdf" in page and "(PDF, " in page
    # Nothing on the page is fetched from another site.
    assert not re.search(r'(?:src|poster|href)="(?:https?:)?//', page)


def test_a_missing_file_is_404(personas, client_for, published):
    section = published.sections.get()
    authoring.save_section_media(section=section, by=personas.editor, remove_audio=True)
    assert client_for("pupil_an").get(f"/bai-hoc/tep/phan/{section.pk}/nghe/").status_code == 404
    assert client_for("pupil_an").get(f"/bai-hoc/tep/bia/{published.pk}/").status_code == 404
