"""The starter curriculum: what `install_curriculum` installs, and that it installs it once."""

import re
from io import StringIO
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.management import call_command

from lessons import services
from lessons.curriculum.install import STARTERS, SYSTEM_USERNAME, install_curriculum
from lessons.curriculum.pupils import LESSONS
from lessons.models import Audience, Choice, Lesson, Question, QuestionKind, Section, Status

IMG = re.compile(r'<img src="/static/(?P<path>[^"]+)" alt="(?P<alt>[^"]*)"')
VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)


def test_at_least_ten_published_lessons_for_grades_1_to_5_with_four_to_six_questions(db):
    install_curriculum()
    lessons = Lesson.objects.filter(audience=Audience.PUPILS).prefetch_related(
        "sections", "questions__choices"
    )
    assert len(lessons) >= 10
    covered = set()
    for lesson in lessons:
        assert lesson.status == Status.PUBLISHED and lesson.starter_key
        assert 2 <= len(lesson.sections.all()) <= 4, lesson.title
        assert 4 <= len(lesson.questions.all()) <= 6, lesson.title
        covered.update(range(lesson.min_grade, lesson.max_grade + 1))
    assert covered == {1, 2, 3, 4, 5}
    kinds = set(Question.objects.values_list("kind", flat=True))
    assert kinds == {QuestionKind.ONE, QuestionKind.SEVERAL, QuestionKind.TRUE_FALSE}


def test_every_question_has_an_explanation_and_exactly_the_right_answers(db):
    install_curriculum()
    questions = Question.objects.prefetch_related("choices").select_related("lesson")
    by_text = {q["text"]: q for starter in STARTERS for q in starter.questions}
    assert questions.count() == len(by_text)
    for question in questions:
        spec = by_text[question.text]
        assert question.explanation.strip() == spec["explanation"]
        correct = {c.text for c in question.choices.all() if c.is_correct}
        if question.kind == QuestionKind.TRUE_FALSE:
            assert correct == {"Đúng" if spec["true"] else "Sai"}
        else:
            assert correct == {text for text, right in spec["choices"] if right}
            assert 2 <= question.choices.count() <= 4
        if question.kind == QuestionKind.ONE:
            assert len(correct) == 1, question.text


def test_every_lesson_has_a_picture_that_exists_with_vietnamese_alt_text(db):
    install_curriculum()
    for lesson in Lesson.objects.prefetch_related("sections"):
        pictures = [m for s in lesson.sections.all() for m in IMG.finditer(s.body)]
        assert pictures, f"{lesson.title} has no picture (or the sanitiser dropped it)"
        for picture in pictures:
            found = finders.find(picture["path"])
            assert found and Path(found).read_text().lstrip().startswith("<svg"), picture["path"]
            assert len(picture["alt"]) > 20 and VIETNAMESE.search(picture["alt"])


def test_pupil_lessons_speak_to_the_pupil_as_em():
    for starter in LESSONS:
        text = " ".join(body for _title, body in starter.sections)
        assert " em " in f" {text} ".lower(), starter.title


def test_installing_twice_creates_nothing_twice(db):
    first = install_curriculum()
    counts = (Lesson.objects.count(), Section.objects.count(), Choice.objects.count())
    second = install_curriculum()
    assert len(first.created) == len(STARTERS) and not first.skipped
    assert not second.created and len(second.skipped) == len(STARTERS)
    assert (Lesson.objects.count(), Section.objects.count(), Choice.objects.count()) == counts


def test_a_lesson_a_teacher_edited_is_never_overwritten(personas):
    install_curriculum()
    lesson = Lesson.objects.get(starter_key="tin-gia")
    section = lesson.sections.first()
    services.update_section(
        section=section, by=personas.editor, title="Phần cô Lan sửa", body="<p>Sửa.</p>"
    )
    install_curriculum()
    section.refresh_from_db()
    assert section.title == "Phần cô Lan sửa"
    assert Lesson.objects.filter(starter_key="tin-gia").count() == 1


def test_the_command_installs_the_curriculum_published_by_the_system(db):
    out = StringIO()
    call_command("install_curriculum", stdout=out)
    assert f"{len(STARTERS)} installed, 0 already present" in out.getvalue()
    lesson = Lesson.objects.select_related("author", "publisher").first()
    assert lesson.author.username == SYSTEM_USERNAME == lesson.publisher.username
    assert not lesson.author.is_active and not lesson.author.has_usable_password()
    out = StringIO()
    call_command("install_curriculum", stdout=out)
    assert f"0 installed, {len(STARTERS)} already present" in out.getvalue()


def test_two_staff_modules_with_a_quiz_and_the_rules_for_families(db):
    install_curriculum()
    staff = Lesson.objects.filter(audience=Audience.STAFF)
    assert staff.count() >= 2
    assert all(4 <= module.questions.count() <= 6 for module in staff)
    assert Lesson.objects.filter(audience=Audience.STAFF_AND_FAMILIES).exists()
