"""A pupil's quiz answers are theirs: in their export, gone with their account, not in a parent's download."""

import io
import json
import zipfile

from accounts.privacy.data import build_export, erase_person
from lessons import progress, services
from lessons.models import Attempt, LessonProgress, Sticker

from . import factories


def _attempt(personas):
    lesson = factories.lesson(author=personas.teacher_5a, publish_by=personas.editor)
    answers = {
        q.pk: [c.pk for c in q.choices.all() if c.is_correct] for q in lesson.questions.all()
    }
    return services.submit_attempt(lesson=lesson, pupil=personas.pupil_an, answers=answers)


def _rows(archive_bytes):
    archive = zipfile.ZipFile(io.BytesIO(archive_bytes))
    return json.loads(archive.read("lessons/attempt.json"))


def test_a_pupils_attempts_are_in_their_export_but_not_their_parents_download(personas):
    attempt = _attempt(personas)
    assert [row["score"] for row in _rows(build_export(personas.pupil_an))] == [attempt.score]
    assert _rows(build_export(personas.pupil_an, viewer=personas.parent_an)) == []


def test_deleting_a_pupil_deletes_their_attempts_and_keeps_the_lesson(personas):
    attempt = _attempt(personas)
    erase_person(personas.pupil_an)
    assert not Attempt.objects.filter(pk=attempt.pk).exists()
    assert attempt.lesson.__class__.objects.filter(pk=attempt.lesson_id).exists()


def _completed(personas):
    lesson = factories.lesson(author=personas.teacher_5a, publish_by=personas.editor, quiz=False)
    section = lesson.sections.get()
    progress.record_section_opened(pupil=personas.pupil_an, section=section)
    return lesson


def test_progress_and_stickers_are_in_the_pupils_and_their_guardians_export(personas):
    _completed(personas)
    for viewer in (None, personas.parent_an):
        archive = zipfile.ZipFile(io.BytesIO(build_export(personas.pupil_an, viewer=viewer)))
        progress_rows = json.loads(archive.read("lessons/lessonprogress.json"))
        stickers = json.loads(archive.read("lessons/sticker.json"))
        assert len(progress_rows) == 1 and len(stickers) == 1
        assert "latest_attempt" not in progress_rows[0]


def test_deleting_a_pupil_deletes_their_progress_and_stickers(personas):
    lesson = _completed(personas)
    assert LessonProgress.objects.filter(lesson=lesson).exists()
    erase_person(personas.pupil_an)
    assert not LessonProgress.objects.filter(lesson=lesson).exists()
    assert not Sticker.objects.filter(lesson=lesson).exists()
