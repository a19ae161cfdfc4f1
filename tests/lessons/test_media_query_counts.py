"""The lesson page with files in every section, and the list with covers, run a fixed
number of queries with 3 or 30 sections (lessons)."""

import pytest

from lessons import authoring

from . import factories, media
from .test_query_counts import LIST, LOGGED_IN_EXTRA

# The whole lesson for a parent: grades, lesson, sections, worksheets, questions, choices
# (a pupil's page adds the lesson as given and their progress: test_query_counts.PAGE).
PARENT_PAGE = 6


def _lesson_with_files(personas, n):
    lesson = factories.lesson(
        author=personas.teacher_5a, grades=(5, 5), sections=n, publish_by=personas.editor
    )
    authoring.set_cover(
        lesson=lesson, by=personas.editor, upload=media.upload("b.jpg", media.gps_jpeg()), alt="Bìa"
    )
    for section in lesson.sections.all():
        authoring.save_section_media(
            section=section,
            by=personas.editor,
            video=media.upload("v.mp4", media.MP4),
            poster=media.upload("p.jpg", media.gps_jpeg()),
            audio=media.upload("a.mp3", media.MP3),
            worksheet=media.upload("phieu-1.pdf", media.PDF),
        )
        authoring.save_section_media(
            section=section, by=personas.editor, worksheet=media.upload("phieu-2.pdf", media.PDF)
        )
    return lesson


@pytest.mark.parametrize("n", [3, 30])
def test_lesson_page_with_files_has_a_fixed_number_of_queries(
    n, personas, client_for, count_queries
):
    lesson = _lesson_with_files(personas, n)
    for i in range(n):  # more lessons with covers for the list
        other = factories.lesson(
            author=personas.teacher_5a, title=f"Bài {i}", grades=(5, 5), publish_by=personas.editor
        )
        authoring.set_cover(
            lesson=other, by=personas.editor, upload=media.upload("b.jpg", media.gps_jpeg()), alt=""
        )
    # A parent reads the whole lesson on one page (a pupil reads one part per screen).
    client = client_for("parent_an")
    # PAGE: grades, lesson, sections, worksheets, questions, choices. LIST: grades, lessons.
    for url, expected, marker in (
        (lesson.get_absolute_url(), PARENT_PAGE, "<video controls"),
        ("/bai-hoc/", LIST, "/bai-hoc/tep/bia/"),
    ):
        assert client.get(url).status_code == 200
        with count_queries() as queries:
            response = client.get(url)
        page = response.content.decode()
        assert (
            page.count(marker) == n if marker == "<video controls" else page.count(marker) == n + 1
        )
        assert queries.count == expected + LOGGED_IN_EXTRA, queries.explain()
    assert page.count("lesson-cover-small") == n + 1


@pytest.mark.parametrize("n", [3, 30])
def test_editing_page_preview_and_revisions_have_a_fixed_number_of_queries(
    n, personas, client_for, count_queries
):
    lesson = _lesson_with_files(personas, n)
    client = client_for("editor")
    for url, expected in (
        (f"/bai-hoc/soan/{lesson.pk}/", EDIT),
        (f"/bai-hoc/soan/{lesson.pk}/xem-truoc/", PREVIEW),
        (f"/bai-hoc/soan/{lesson.pk}/phien-ban/", REVISIONS),
    ):
        assert client.get(url).status_code == 200
        with count_queries() as queries:
            assert client.get(url).status_code == 200
        assert queries.count - EDITOR_EXTRA == expected, queries.explain()


# What every page costs an editor on a second request: LOGGED_IN_EXTRA (session, user,
# audience keys); their permissions (accounts.backends) and the menu's review badges
# (lib/navcache.py) are cached.
EDITOR_EXTRA = LOGGED_IN_EXTRA
# 1 the lesson (+ author), 2 its questions, 3 their choices, 4 its sections
EDIT = 4
# 1 the lesson (+ author), 2 its sections, 3 their worksheets, 4 questions, 5 choices
PREVIEW = 5
# 1 the lesson (+ author), 2 the revisions (+ author)
REVISIONS = 2
