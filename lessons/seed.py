"""Demo lessons: the starter curriculum (lessons/curriculum), exactly as a fresh
production install gets it with `manage.py install_curriculum`, plus a few staff
confirmations so that the administrators' completion grid has something to show."""

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
    ctx.log.append(
        f"Bài học: {len(result.created) - len(modules)} bài học mẫu, "
        f"{len(modules)} mô-đun bồi dưỡng"
    )
