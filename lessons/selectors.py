"""Small read functions: the lesson list with each pupil's best score, a lesson's parts."""

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from .assignments import todo_count
from .models import Attempt, Audience, Lesson, Question, Section


def lessons_for_list(user) -> QuerySet[Lesson]:
    """Lessons `user` may read, with the pupil's best score (best_score, best_total;
    None when never tried) in the same query."""
    # Training modules have their own page ("Bồi dưỡng của tôi", training_views).
    lessons = Lesson.objects.visible_to(user).filter(audience=Audience.PUPILS)
    if getattr(user, "is_pupil", False):
        best = Attempt.objects.filter(pupil=user, lesson=OuterRef("pk")).order_by(
            "-score", "-finished_at"
        )
        lessons = lessons.annotate(
            best_score=Subquery(best.values("score")[:1]),
            best_total=Subquery(best.values("total")[:1]),
        )
    return lessons.order_by("min_grade", "title", "id")


def quiz_questions(lesson: Lesson) -> list[Question]:
    """The questions in order with their choices: two queries."""
    return list(lesson.questions.prefetch_related(Prefetch("choices")))


def sections_for_reading(lesson: Lesson) -> list[Section]:
    """The sections in order with their worksheets: two queries."""
    return list(lesson.sections.order_by("position", "id").prefetch_related("worksheets"))


def navigation_counts(request) -> dict[str, int]:
    """The pupil's badge: lessons given, open, not due and not completed. One query, for
    pupils only (their audience keys are already cached on the user)."""
    if not getattr(request.user, "is_pupil", False):
        return {}
    return {"lessons_todo": todo_count(request.user)}
