"""Personal data in lessons (lib.privacy contract; imported in PortalConfig.ready())."""

from lib import privacy

from .models import (
    Assignment,
    Attempt,
    ClassReminder,
    Lesson,
    LessonProgress,
    LessonRevision,
    Sticker,
    TrainingConfirmation,
    TrainingReminder,
)

privacy.register(
    Lesson,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason="Bài học là tài liệu của nhà trường; người soạn hiện là “Người dùng đã xoá”.",
)
privacy.register(
    LessonRevision,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason="Lịch sử sửa bài học của nhà trường; người sửa hiện là “Người dùng đã xoá”.",
)
# Worksheets and a lesson's files hold no person: they belong to the lesson.
# A pupil's answers are theirs: exported with their data, deleted with their account.
# Parents see no attempt on any page yet, so their download leaves them out (HIDE).
privacy.register(Attempt, owner_fields=("pupil",), erase=privacy.DELETE)
# "Tôi đã đọc và hiểu": the person's own record, exported and deleted with the account.
privacy.register(TrainingConfirmation, owner_fields=("person",), erase=privacy.DELETE)
privacy.register(
    TrainingReminder,
    owner_fields=("sent_by",),
    erase=privacy.KEEP,
    reason="Lần nhắc bồi dưỡng là việc của nhà trường; người nhắc hiện là “Người dùng đã xoá”.",
)

# Issue 11. A pupil's progress and stickers are theirs: exported, deleted with the
# account. Their guardians see both on the parent's page (done, score, sticker), so a
# guardian's download has them too; the latest attempt's id points at answers a
# guardian does not see, and is left out of every export.
privacy.register(
    LessonProgress,
    owner_fields=("pupil",),
    erase=privacy.DELETE,
    exclude=("latest_attempt",),
    for_guardian=privacy.SHOW,
)
privacy.register(Sticker, owner_fields=("pupil",), erase=privacy.DELETE, for_guardian=privacy.SHOW)
privacy.register(
    Assignment,
    owner_fields=("assigned_by",),
    erase=privacy.KEEP,
    reason="Bài được giao thuộc về lớp; người giao hiện là “Người dùng đã xoá”.",
)
privacy.register(
    ClassReminder,
    owner_fields=("sent_by",),
    erase=privacy.KEEP,
    reason="Lần nhắc giữ quy tắc mỗi ngày một lần; người nhắc hiện là “Người dùng đã xoá”.",
)
