from conversations import services

from ..url_matrix import ALL_STAFF, Case, only
from . import factories

PARENTS = ("parent_an", "other_parent")
MEMBERS = PARENTS + ALL_STAFF  # everyone but pupils (and visitors)
THE_TWO_SIDES = ("parent_an", "teacher_5a")  # An's mother and An's homeroom teacher


def cases(personas) -> dict:
    conversation = factories.conversation(personas, files=[factories.text_file()])
    attachment = conversation.messages.get().attachments.get()
    answer = services.post_message(
        by=personas.teacher_5a, conversation=conversation, body="Cô đã biết, cảm ơn chị."
    )
    note = factories.absence(personas)
    class_5a = personas.class_5a.pk
    an = personas.pupil_an.pk
    class_pages = only(("teacher_5a", "admin"))
    return {
        "conversations:index": Case("/tin-nhan/", only(MEMBERS)),
        "conversations:start": Case(f"/tin-nhan/moi/{an}/", only(THE_TWO_SIDES)),
        # An administrator without a reason is sent to the review form, never the thread.
        "conversations:detail": Case(
            conversation.get_absolute_url(), only(THE_TWO_SIDES) | {"admin": 302}
        ),
        "conversations:reply": Case(
            f"/tin-nhan/{conversation.pk}/tra-loi/",
            only(THE_TWO_SIDES, ok=302),
            method="post",
            data={"body": "Dạ vâng ạ."},
        ),
        "conversations:review": [
            Case(f"/tin-nhan/{conversation.pk}/xem-xet/", only(("admin",))),
            # No reason given: the form again, nothing opened.
            Case(
                f"/tin-nhan/{conversation.pk}/xem-xet/",
                only(("admin",)),
                method="post",
                data={"reason": ""},
            ),
        ],
        "conversations:withdraw": Case(
            f"/tin-nhan/tin/{answer.pk}/thu-hoi/", only(("teacher_5a",), ok=302), method="post"
        ),
        "conversations:attachment": Case(attachment.get_absolute_url(), only(THE_TWO_SIDES)),
        "conversations:class_detail": Case(f"/tin-nhan/lop/{class_5a}/", class_pages),
        "conversations:absence_day": Case(f"/tin-nhan/lop/{class_5a}/nghi-hoc/ngay/", class_pages),
        "conversations:absence_month": Case(
            f"/tin-nhan/lop/{class_5a}/nghi-hoc/thang/?thang=2026-12", class_pages
        ),
        "conversations:office_hours": Case("/tin-nhan/gio-tiep-phu-huynh/", only(ALL_STAFF)),
        "conversations:absence_list": Case("/tin-nhan/nghi-hoc/", only(PARENTS)),
        "conversations:absence_create": Case(f"/tin-nhan/nghi-hoc/moi/{an}/", only(("parent_an",))),
        "conversations:absence_acknowledge": Case(
            f"/tin-nhan/nghi-hoc/{note.pk}/da-nhan/",
            only(("teacher_5a", "admin"), ok=302),
            method="post",
        ),
        "conversations:absence_school": Case("/tin-nhan/nghi-hoc/toan-truong/", only(("admin",))),
    }
