"""Demo lessons: the starter curriculum (lessons/curriculum), exactly as a fresh
production install gets it with `manage.py install_curriculum`, plus a few staff
confirmations so that the administrators' completion grid has something to show, and
the pupils' lessons given to the whole school (each pupil gets those for their grade)."""

from django.utils import timezone

from . import progress
from .curriculum.install import install_curriculum
from .models import Lesson
from .training import confirm_module, submit_module_quiz


def _pass_and_confirm(lesson: Lesson, person) -> None:
    questions = lesson.questions.prefetch_related("choices")
    if questions:
        answers = {q.pk: [c.pk for c in q.choices.all() if c.is_correct] for q in questions}
        submit_module_quiz(lesson=lesson, by=person, answers=answers)
    confirm_module(lesson=lesson, by=person)


def seed(ctx) -> None:
    result = install_curriculum()
    modules = [lesson for lesson in result.created if lesson.is_training]
    # The demo teacher has completed every module; the moderator only the rules.
    for lesson in modules:
        _pass_and_confirm(lesson, ctx.users["teacher"])
        if lesson.starter_key == "noi-quy-internet-an-toan":
            _pass_and_confirm(lesson, ctx.users["moderator"])
    for lesson in result.created:
        if not lesson.is_training:
            progress.assign_lesson(
                by=ctx.users["admin"],  # the whole school: an administrator gives them
                lesson=lesson,
                audience=progress.SCHOOL_PUPILS,
                opens_at=timezone.now(),
            )
    ctx.log.append(
        f"Bài học: {len(result.created) - len(modules)} bài học mẫu, "
        f"{len(modules)} mô-đun bồi dưỡng"
    )
