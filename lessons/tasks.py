"""Background work for lessons. Each task is safe to run twice (a notice may repeat)."""

from django.tasks import task
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import audiences
from accounts.models import Role
from notifications.services import notify

from .models import Assignment, Status


@task
def notify_assignment(assignment_id: int) -> int:
    """Tell an assignment's pupils that the lesson is theirs (run when it opens, where the
    task backend can wait)."""
    return notify_pupils(assignment_id=assignment_id)


def notify_pupils(*, assignment_id: int) -> int:
    """The worker's half of assign_lesson: tell the pupils the lesson is theirs."""
    assignment = Assignment.objects.select_related("lesson").filter(pk=assignment_id).first()
    if assignment is None or assignment.lesson.status != Status.PUBLISHED:
        return 0
    lesson = assignment.lesson
    pupils = audiences.users_in(assignment.audience).filter(
        role=Role.PUPIL,
        enrolments__school_class__year__is_current=True,
        enrolments__school_class__grade__gte=lesson.min_grade,
        enrolments__school_class__grade__lte=lesson.max_grade,
    )
    title = _("Bài học mới cho em: %(title)s") % {"title": lesson.title}
    parts = []
    if assignment.opens_at > timezone.now():  # told now when the task backend cannot wait
        parts.append(
            _("Bài mở từ %(when)s.")
            % {"when": date_format(timezone.localtime(assignment.opens_at), "d/m/Y")}
        )
    if assignment.due_at:
        parts.append(
            _("Hạn làm bài: %(when)s.")
            % {"when": date_format(timezone.localtime(assignment.due_at), "d/m/Y")}
        )
    body = " ".join(parts)
    return notify(
        recipients=pupils,
        kind="lessons.assigned",
        title=title,
        url=lesson.get_absolute_url(),
        body=body,
    )
