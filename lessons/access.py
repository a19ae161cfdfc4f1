"""Who may do what with lessons, and fetching a lesson for a person.

The same people as news articles, minus pupil contributors: staff write
lessons; editors (can_publish) publish and return them. Pupils and parents
read the published lessons for their (children's) grade; only pupils take a
quiz. A lesson a person may not know exists is a 404; a page of a role the
person does not have (writing, reviewing) is a 403.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from lib import editorial

from .assignments import quiz_refusal
from .models import Attempt, Choice, Lesson, Question, Section, Worksheet


def can_write(user: User | AnonymousUser) -> bool:
    return isinstance(user, User) and user.is_active and user.is_school_staff


def is_editor(user: User | AnonymousUser) -> bool:
    return can_write(user) and isinstance(user, User) and user.can_publish


def can_edit(user: User | AnonymousUser, lesson: Lesson) -> bool:
    return editorial.can_edit(
        actor_id=user.pk,
        is_writer=can_write(user),
        is_editor=is_editor(user),
        author_id=lesson.author_id,
        status=lesson.status,
    )


def can_submit(user: User | AnonymousUser, lesson: Lesson) -> bool:
    return editorial.can_submit(
        actor_id=user.pk,
        is_writer=can_write(user),
        is_editor=is_editor(user),
        author_id=lesson.author_id,
    )


def can_read(user: User | AnonymousUser, lesson: Lesson) -> bool:
    return Lesson.objects.visible_to(user).filter(pk=lesson.pk).exists()


def can_take_quiz(user: User | AnonymousUser, lesson: Lesson | None = None) -> bool:
    """Only pupils answer quizzes; parents and staff read the questions. With `lesson`:
    only a lesson given to the pupil, open and not past due (assignments.quiz_refusal
    says why not). One query with a lesson."""
    if not (isinstance(user, User) and user.is_active and user.is_pupil):
        return False
    return lesson is None or quiz_refusal(user, lesson) is None


def require_writer(user: User | AnonymousUser) -> User:
    if not can_write(user) or not isinstance(user, User):
        raise PermissionDenied
    return user


def require_editor(user: User | AnonymousUser) -> User:
    if not is_editor(user) or not isinstance(user, User):
        raise PermissionDenied
    return user


def get_lesson_for_reader(user: User | AnonymousUser, slug: str) -> Lesson:
    lesson = Lesson.objects.visible_to(user).select_related("author").filter(slug=slug).first()
    if lesson is None:
        raise Http404
    return lesson


def get_lesson_for_writer(user: User | AnonymousUser, pk: int) -> Lesson:
    """Editors reach every lesson; a writer only their own. Non-writers: 403; others: 404."""
    writer = require_writer(user)
    lessons = Lesson.objects.select_related("author")
    if not writer.can_publish:
        lessons = lessons.filter(author=writer)
    return get_object_or_404(lessons, pk=pk)


def get_section_for_writer(user: User | AnonymousUser, pk: int) -> Section:
    section = get_object_or_404(Section.objects.select_related("lesson"), pk=pk)
    if not can_edit(user, section.lesson):
        require_writer(user)
        raise Http404
    return section


def get_attempt_for_pupil(user: User | AnonymousUser, slug: str, pk: int) -> Attempt:
    """A pupil's own attempt: nobody else sees a pupil's answers here."""
    if not can_take_quiz(user):
        raise Http404
    return get_object_or_404(
        Attempt.objects.select_related("lesson"), pk=pk, pupil=user, lesson__slug=slug
    )


# --- a lesson's files and its preview (authoring_views) ----------------------------------


def can_see_files(user: User | AnonymousUser, lesson: Lesson) -> bool:
    """Who reads the lesson, or previews it: its readers, its author, the editors."""
    return is_editor(user) or can_read(user, lesson)


def get_section_for_files(user: User | AnonymousUser, pk: int) -> Section:
    section = get_object_or_404(Section.objects.select_related("lesson"), pk=pk)
    if not can_see_files(user, section.lesson):
        raise Http404
    return section


def get_lesson_for_files(user: User | AnonymousUser, pk: int) -> Lesson:
    lesson = get_object_or_404(Lesson, pk=pk)
    if not can_see_files(user, lesson):
        raise Http404
    return lesson


def get_worksheet_for_reader(user: User | AnonymousUser, pk: int) -> Worksheet:
    worksheet = get_object_or_404(Worksheet.objects.select_related("section__lesson"), pk=pk)
    if not can_see_files(user, worksheet.section.lesson):
        raise Http404
    return worksheet


def get_worksheet_for_writer(user: User | AnonymousUser, pk: int) -> Worksheet:
    worksheet = get_object_or_404(Worksheet.objects.select_related("section__lesson"), pk=pk)
    if not can_edit(user, worksheet.section.lesson):
        require_writer(user)
        raise Http404
    return worksheet


def get_lesson_for_preview(user: User | AnonymousUser, pk: int) -> Lesson:
    """The author (any state) or an editor: the lesson as a pupil would see it."""
    return get_lesson_for_writer(user, pk)


# --- quiz questions (lessons/quiz_views.py) -----------------------------------------------


def _may_see_quiz_of(user: User | AnonymousUser, lesson: Lesson) -> bool:
    """Readers of the lesson, and whoever may edit it (an editor previews another's draft)."""
    return can_edit(user, lesson) or can_read(user, lesson)


def get_question_for_reader(user: User | AnonymousUser, pk: int) -> Question:
    """A question whose lesson `user` may read or edit (its recording, its pictures); else 404."""
    question = Question.objects.select_related("lesson").filter(pk=pk).first()
    if question is None or not _may_see_quiz_of(user, question.lesson):
        raise Http404
    return question


def get_choice_for_reader(user: User | AnonymousUser, pk: int) -> Choice:
    choice = Choice.objects.select_related("question__lesson").filter(pk=pk).first()
    if choice is None or not _may_see_quiz_of(user, choice.question.lesson):
        raise Http404
    return choice


def get_question_for_writer(user: User | AnonymousUser, pk: int) -> Question:
    """A question of a lesson `user` may edit. Non-writers: 403; other staff: 404."""
    question = get_object_or_404(Question.objects.select_related("lesson"), pk=pk)
    if not can_edit(user, question.lesson):
        require_writer(user)
        raise Http404
    return question
