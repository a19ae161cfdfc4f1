"""Demo announcements with read and unread states (make run).

They go through `publish_announcement`, so the worker fans them out like
real ones: in-app notifications for everyone, e-mail for the urgent one.
"""

from datetime import timedelta

from django.utils import formats, timezone

from accounts.audiences import class_key, grade_key
from accounts.models import Relation, Role
from accounts.services import add_guardian

from . import survey_seed
from .models import Announcement, Priority, ReadReceipt
from .services import publish_announcement


def seed(ctx) -> None:
    teacher, admin, parent, pupil = (
        ctx.users["teacher"],
        ctx.users["admin"],
        ctx.users["parent"],
        ctx.users["pupil"],
    )
    class_5a = ctx.classes["5A"]
    # The demo parent also has a younger child in 2B: one page, one digest for both.
    add_guardian(
        parent=parent, pupil=ctx.pupils_by_class["2B"][0], relation=Relation.MOTHER, by=admin
    )
    now = ctx.now
    lunch_month = (timezone.localdate(now).replace(day=1) + timedelta(days=32)).replace(day=1)
    lunch_deadline = formats.date_format(timezone.localtime(now + timedelta(days=5)), "d/m/Y")
    plan = [
        (admin, "Lịch nghỉ Tết Dương lịch 2027", ["school:parent", "school:pupil"],
         Priority.IMPORTANT, False, 9,
         "<p>Học sinh toàn trường được nghỉ ngày <strong>01/01/2027</strong> và đi học lại ngày 02/01/2027.</p>"),
        (teacher, "Họp phụ huynh lớp 5A cuối học kỳ I", [class_key(class_5a.pk, Role.PARENT)],
         Priority.IMPORTANT, True, 6,
         "<p>Kính mời quý phụ huynh dự họp lúc <strong>8h00 thứ Bảy 12/12/2026</strong> tại phòng học lớp 5A.</p><p>Nội dung: kết quả học tập học kỳ I, kế hoạch ôn tập.</p>"),
        (teacher, "Nộp bài thu hoạch an toàn trên mạng", [class_key(class_5a.pk, Role.PUPIL)],
         Priority.NORMAL, False, 4,
         "<p>Các em nộp bài thu hoạch <em>An toàn trên mạng</em> trước thứ Sáu.</p>"),
        (admin, "Khám sức khoẻ định kỳ khối 2", [grade_key(2, Role.PARENT)],
         Priority.NORMAL, True, 3,
         "<p>Trường tổ chức khám sức khoẻ cho học sinh khối 2 ngày 05/12/2026. Phụ huynh vui lòng xác nhận đã đọc.</p>"),
        (teacher, f"Đăng ký suất ăn bán trú tháng {lunch_month.month}/{lunch_month.year}",
         [class_key(class_5a.pk)], Priority.NORMAL, False, 2,
         f"<ul><li>Hạn đăng ký: {lunch_deadline}</li><li>Đơn giá: 30.000 đồng/ngày</li></ul>"
         "<p>Quý phụ huynh bấm <strong>Trả lời phiếu</strong> bên dưới để đăng ký cho con.</p>"),
        (admin, "Học sinh nghỉ học do mưa bão", ["school:parent", "school:pupil", "school:staff"],
         Priority.URGENT, True, 0,
         "<p>Do ảnh hưởng của bão, học sinh toàn trường <strong>nghỉ học ngày mai</strong>. Phụ huynh vui lòng xác nhận đã đọc.</p>"),
    ]  # fmt: skip
    made = []
    for author, title, keys, priority, confirm, days_ago, body in plan:
        made.append(
            publish_announcement(
                by=author,
                title=title,
                body=body,
                keys=keys,
                priority=priority,
                requires_confirmation=confirm,
                publish_at=now - timedelta(days=days_ago, hours=1),
            )
        )
    scheduled = publish_announcement(
        by=teacher,
        title="Chuẩn bị đồ dùng cho buổi dã ngoại",
        body="<p>Thông báo này được hẹn giờ đăng sau ba ngày.</p>",
        keys=[class_key(class_5a.pk, Role.PARENT)],
        publish_at=now + timedelta(days=3),
    )
    # Read states: the demo parent read the older ones and confirmed the meeting;
    # the newest (urgent) and the lunch form stay unread. Other 5A families vary.
    receipts = [
        ReadReceipt(announcement=made[0], user=parent, read_at=now - timedelta(days=8)),
        ReadReceipt(
            announcement=made[1],
            user=parent,
            read_at=now - timedelta(days=5),
            confirmed_at=now - timedelta(days=5),
        ),
        ReadReceipt(announcement=made[2], user=pupil, read_at=now - timedelta(days=3)),
    ]
    family_parents = [
        guardianship_parent
        for p in ctx.pupils_by_class["5A"][1:]
        for guardianship_parent in p.guardians.all().values_list("parent", flat=True)
    ]
    for parent_id in family_parents:
        roll = ctx.rng.random()
        if roll < 0.7:
            receipts.append(
                ReadReceipt(
                    announcement=made[1],
                    user_id=parent_id,
                    read_at=now - timedelta(days=5),
                    confirmed_at=now - timedelta(days=4) if roll < 0.5 else None,
                )
            )
    ReadReceipt.objects.bulk_create(receipts, ignore_conflicts=True)
    ctx.log.append(
        f"{Announcement.objects.count()} thông báo ({len(made)} đã đăng, 1 hẹn giờ: "
        f"“{scheduled.title}”), {len(receipts)} lượt đọc"
    )
    survey_seed.seed(ctx, lunch=made[4])
