"""Personal data in announcements (lib.privacy contract; imported in PortalConfig.ready())."""

from django.db.models import Q

from lib import privacy

from .models import Announcement, ReadReceipt, Response
from .survey_results import answer_view

privacy.register(
    Announcement,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason=(
        "Thông báo nhà trường đã gửi tới gia đình được giữ làm hồ sơ; "
        "tên người viết thành “Người dùng đã xoá”."
    ),
)
privacy.register(ReadReceipt, owner_fields=("user",), erase=privacy.DELETE)


def _survey_answers(user) -> list[dict]:
    """The forms answered by this person or about this pupil, with every answer as read."""
    rows = []
    for response in (
        Response.objects.filter(Q(answered_by=user) | Q(pupil=user))
        .select_related("survey__announcement", "pupil", "answered_by")
        .prefetch_related("answers__choices", "answers__question__choices")
        .order_by("pk")
    ):
        answers = []
        for answer in response.answers.all():
            question = answer.question
            labels = {choice.pk: choice.label for choice in question.choices.all()}
            view = answer_view(question, answer, labels, [c.pk for c in answer.choices.all()])
            answers.append({"question": question.label, "answer": view.shown})
        rows.append(
            {
                "form": response.survey.announcement.title,
                "pupil": response.pupil.full_name,
                "answered_by": response.answered_by.full_name,
                "created_at": response.created_at,
                "updated_at": response.updated_at,
                "answers": answers,
            }
        )
    return rows


# An answer (a lunch registration, a consent with the guardian's typed name, free
# text that may mention the child's health) belongs to the guardian who gave it and
# is about the pupil: either one's deletion removes it; the school keeps its own
# printed or exported copies where the law asks for them.
privacy.register(
    Response,
    owner_fields=("answered_by", "pupil"),
    erase=privacy.DELETE,
    export=_survey_answers,
    for_guardian=privacy.SHOW,
)
