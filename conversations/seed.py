"""Demo conversations and absence notes (make run): the demo parent and the teacher of 5A
have talked about the demo pupil, and a note for today waits for "Đã nhận"."""

from datetime import time, timedelta

from django.utils import timezone

from accounts.models import User

from .models import AbsenceReason, DayPart
from .services import (
    acknowledge_absence,
    post_message,
    set_office_hours,
    start_conversation,
    submit_absence,
)


def seed_family_letters(*, parent: User, teacher: User, pupil: User) -> None:
    """Through the services, as people would: notifications go out like real ones."""
    set_office_hours(by=teacher, weekdays=[0, 1, 2, 3, 4], starts_at=time(7), ends_at=time(17))
    conversation = start_conversation(
        by=parent,
        pupil=pupil,
        subject="Cháu quên vở bài tập Toán",
        body="Chào cô, hôm qua cháu để quên vở bài tập Toán ở lớp. Cô xem giúp cháu có để trong ngăn bàn không ạ.",
    )
    post_message(
        by=teacher,
        conversation=conversation,
        body="Chào chị, cô đã tìm thấy vở trong ngăn bàn, sáng mai cô đưa lại cho cháu nhé.",
    )
    start_conversation(
        by=teacher,
        pupil=pupil,
        subject="Lịch họp phụ huynh cuối học kỳ I",
        body="Kính gửi phụ huynh, cô mời anh chị dự họp lúc 8h00 thứ Bảy 12/12/2026. Anh chị báo giúp cô nếu không đến được ạ.",
    )
    today = timezone.localdate()
    earlier = submit_absence(
        by=parent,
        pupil=pupil,
        starts_on=today - timedelta(days=2),
        reason=AbsenceReason.FAMILY,
        part=DayPart.AFTERNOON,
        details="Gia đình đưa cháu đi khám răng.",
    )
    acknowledge_absence(by=teacher, note=earlier)
    submit_absence(
        by=parent,
        pupil=pupil,
        starts_on=today,
        reason=AbsenceReason.ILL,
        details="Cháu bị sốt từ tối qua.",
    )


def seed(ctx) -> None:
    seed_family_letters(
        parent=ctx.users["parent"],
        teacher=ctx.users["teacher"],
        pupil=ctx.users["pupil"],
    )
    ctx.log.append("Conversations: 2 conversations and 2 absence notes for the demo family.")
